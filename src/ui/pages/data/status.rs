//! What is happening to the files: the progress of the one being loaded, and a card for each
//! file that could not be loaded, saying what is wrong and where (file, line, column).

use super::rules::DatesToLoad;
use crate::ui::format::size;
use crate::ui::load::load_refused;
use crate::ui::state::AppState;
use ipvi::ingest::{IngestError, IngestErrorKind};
use leptos::prelude::*;
use std::sync::atomic::Ordering;

/// The file being read or parsed, with a Cancel button.
#[component]
pub fn JobProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.data.job.get().map(|job| {
            let cancel = job.cancel.clone();
            view! {
                <section class="card progress-card" aria-label="Loading">
                    <label for="load-progress">{format!("{} {}: {} of {}", job.phase, job.file, size(job.done), size(job.total))}</label>
                    <progress id="load-progress" max=job.total.max(1).to_string() value=job.done.to_string()></progress>
                    <button type="button" class="button" on:click=move |_| cancel.store(true, Ordering::Relaxed)>"Cancel"</button>
                </section>
            }
        })
    }
}

/// Where in the file a problem is, as far as it is known: file, line, column.
fn place(error: &IngestError) -> Vec<(&'static str, String)> {
    let mut place = Vec::new();
    if let Some(file) = error.file() {
        place.push(("File", file.to_string()));
    }
    if let Some(line) = error.line() {
        place.push(("Line", line.to_string()));
    }
    if let Some(column) = error.column() {
        place.push(("Column", column.to_string()));
    }
    place
}

/// For a file too big for the tab: the dates to load, and loading it with them.
fn part_offer(state: AppState, name: String) -> impl IntoView {
    view! {
        <div class="part-offer">
            <p>"Load part of it instead: choose the dates to load (they apply to every file), then load it with them."</p>
            <DatesToLoad prefix="refused"/>
            <button type="button" class="button" on:click=move |_| load_refused(state, &name)>"Load the file with these dates"</button>
        </div>
    }
}

/// One card per file that could not be loaded; dismissing it forgets the error.
#[component]
pub fn LoadErrors() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <For each=move || state.data.load_errors.get() key=|e| e.to_string() let(error)>
            <section class="card error-card" role="alert">
                <h2>"This file could not be loaded"</h2>
                <p class="error-message">{error.to_string()}</p>
                <dl class="facts error-place">
                    {place(&error).into_iter().map(|(what, value)| view! { <dt>{what}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
                <p>"Data already loaded is unchanged. Fix the file (or choose its columns in the mapping) and load it again."</p>
                {matches!(error.kind(), IngestErrorKind::TooBigForTab { .. }).then(|| part_offer(state, error.file().unwrap_or_default().to_string()))}
                <button type="button" class="button" on:click=move |_| state.data.load_errors.update(|e| e.retain(|m| m != &error))>"Dismiss"</button>
            </section>
        </For>
    }
}
