//! Pages whose analyses come in later versions: they say what they need and what to do now.

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

#[component]
pub fn AnalysisPage(page: Page) -> impl IntoView {
    let state = expect_context::<AppState>();
    let what = match page {
        Page::Outcomes => "Calls for service, known addresses, reoffending, pauses, services and sanctions, before and after the intervention.",
        _ => "A printable summary of the findings, with exports.",
    };
    view! {
        <h1 tabindex="-1">{page.title()}</h1>
        <p class="lead">{what}</p>
        {move || if state.has_data() {
            view! {
                <section class="card">
                    <h2>"Not available in this version yet"</h2>
                    <p>"Your data is loaded; this analysis is still being built. The Data page shows what was loaded."</p>
                </section>
            }.into_any()
        } else {
            view! { <NeedsData page=page/> }.into_any()
        }}
    }
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Training"</h1>
        <p class="lead">"Classification exercises on generated cases that describe no real person."</p>
        <section class="card">
            <h2>"Not available in this version yet"</h2>
            <p>"Exercises need no loaded data; they will be generated here. Meanwhile the demo jurisdiction on the Data page shows realistic cases."</p>
            <a class="button" href=Page::Data.href()>"Go to the Data page"</a>
        </section>
    }
}
