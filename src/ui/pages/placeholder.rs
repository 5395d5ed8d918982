//! Empty states, and the pages that come in later versions: they say what they need and what to do now.

use crate::ui::state::{AppState, Page};
use leptos::prelude::*;

/// The "load data first" empty state, with a way to the Data page.
#[component]
pub fn NeedsData(page: Page) -> impl IntoView {
    view! {
        <section class="card empty-state">
            <h2>"Load data first"</h2>
            <p>{format!("The {} page works on loaded extracts. Load your own files or try the demo jurisdiction on the Data page.", page.title())}</p>
            <a class="button primary" href=Page::Data.href()>"Go to the Data page"</a>
        </section>
    }
}

/// The Report page: printable findings come in a later version; it says so.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1 tabindex="-1">"Report"</h1>
        <p class="lead">"A printable summary of the findings, with exports."</p>
        {move || if state.has_data() {
            view! {
                <section class="card">
                    <h2>"Not available in this version yet"</h2>
                    <p>"Your data is loaded. Each chart and table on the Outcomes page can already be saved (SVG, PNG, CSV), and the Classify page exports the notification list."</p>
                    <a class="button" href=Page::Outcomes.href()>"Go to the Outcomes page"</a>
                </section>
            }.into_any()
        } else {
            view! { <NeedsData page=Page::Report/> }.into_any()
        }}
    }
}
