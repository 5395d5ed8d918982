//! Empty states: what a page needs and what to do now.

use crate::ui::state::Page;
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
