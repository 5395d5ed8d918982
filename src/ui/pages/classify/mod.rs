//! The Classify page: the criteria as editable rules, the level distribution with the
//! notification list export, the person table, a person's timeline, and what-if against another
//! criteria set. One component per file; the engine computes everything shown.

mod criteria_editor;
mod overview;
mod people;
mod timeline;
mod what_if;

use crate::ui::pages::placeholder::NeedsData;
use crate::ui::state::{AppState, Page};
use ipvi::model::Level;
use leptos::prelude::*;

/// A level as a coloured badge with its letter (the colour is never alone).
pub fn badge(level: Option<Level>) -> impl IntoView {
    match level {
        Some(l) => {
            view! { <span class=format!("level level-{}", l.letter().to_lowercase())>{l.letter()}</span> }.into_any()
        }
        None => view! { <span class="level level-none">"–"</span> }.into_any(),
    }
}

/// What is missing when the incidents have no suspect ids, and how to get them.
#[component]
fn NoPersonIds() -> impl IntoView {
    view! {
        <section class="card" id="no-person-ids" aria-labelledby="no-ids-title">
            <h2 id="no-ids-title">"No suspect ids: nobody can be placed at a level"</h2>
            <p>"Levels follow each person's history, so every incident needs the id of its suspect. The incidents loaded have none: no column is mapped to "<strong>"Suspect id"</strong>", or that column is empty."</p>
            <ul>
                <li>"If the extract has such a column (a person number, a booking or master name id), open the file's "<strong>"Column mapping"</strong>" on the Data page and set that column to \"Suspect id\"."</li>
                <li>"If it has no id but names and dates of birth, add a column to the extract that joins them (for example SMITH-JOHN-1980-04-02) before loading it: the same person must get the same id in every row."</li>
                <li>"Public extracts without people (such as open crime data) support the calls-for-service and known-address outcomes only."</li>
            </ul>
            <p><a class="button primary" href=Page::Data.href()>"Go to the Data page"</a></p>
        </section>
    }
}

#[component]
pub fn ClassifyPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = RwSignal::new(None::<u32>);
    view! {
        <h1 tabindex="-1">"Classify"</h1>
        <p class="lead">"Every IPV offender gets a level (D, C, B, A) at each of their incidents, from the history known then. Edit the criteria and the levels are recomputed at once."</p>
        {move || if state.data.loaded.with(|l| l.as_ref().is_some_and(|l| !l.data.has_person_ids())) {
            view! { <NoPersonIds/> }.into_any()
        } else if state.has_data() {
            view! {
                <div class="classify-layout">
                    <criteria_editor::CriteriaEditor/>
                    <div class="results">
                        <overview::Overview/>
                        <people::PersonTable selected=selected/>
                        <timeline::Timeline selected=selected/>
                        <what_if::WhatIf selected=selected/>
                    </div>
                </div>
            }.into_any()
        } else {
            view! { <NeedsData page=Page::Classify/> }.into_any()
        }}
    }
}
