//! The Classify page: the criteria as editable rules, the level distribution with the
//! notification list export, the person table, a person's timeline, and what-if against another
//! criteria set. One component per file; the engine computes everything shown.

mod criteria_editor;
mod overview;
mod people;
mod timeline;
mod what_if;

use crate::ui::pages::placeholder::NeedsData;
use crate::ui::state::{AppState, Classified, Page};
use ipvi::model::{Day, Level};
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

/// The as-of day in force: the chosen one, or the last incident.
fn as_of(state: AppState, c: &Classified) -> Option<Day> {
    state.settings.as_of.get().or_else(|| c.result.last_day())
}

#[component]
pub fn ClassifyPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = RwSignal::new(None::<u32>);
    view! {
        <h1 tabindex="-1">"Classify"</h1>
        <p class="lead">"Every IPV offender gets a level (D, C, B, A) at each of their incidents, from the history known then. Edit the criteria on the left: the levels are recomputed at once."</p>
        {move || if state.has_data() {
            view! {
                <div class="classify-layout">
                    <criteria_editor::CriteriaEditor/>
                    <div class="results">
                        <overview::Overview/>
                        <people::PersonTable selected=selected/>
                        <timeline::Timeline selected=selected/>
                        <what_if::WhatIf/>
                    </div>
                </div>
            }.into_any()
        } else {
            view! { <NeedsData page=Page::Classify/> }.into_any()
        }}
    }
}
