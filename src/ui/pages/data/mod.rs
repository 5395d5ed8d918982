//! The Data page: load extracts or the demo, see each file's mapping and quality, and what is
//! loaded in all. One component (or a few close ones) per file: the welcome card and its load
//! actions, loading progress and error cards, a loaded file's card, a file awaiting its
//! columns, the mapping editor, the comparison areas, the reading rules, the demo settings and
//! the summary.

mod comparison;
mod demo;
mod file_card;
mod mapping;
mod rules;
mod status;
mod summary;
mod unmapped;
mod welcome;

use crate::ui::load::load;
use crate::ui::state::{AppState, FileBytes};
use comparison::ComparisonCard;
use file_card::FileCard;
use ipvi::ingest::{IngestOptions, IngestSettings};
use leptos::prelude::*;
use rules::ReadingRules;
use status::{JobProgress, LoadErrors};
use std::sync::Arc;
use summary::Summary;
use unmapped::UnmappedCard;
pub(crate) use welcome::load_demo;
use welcome::Welcome;

/// Reads a file again with changed choices (table, mapping, date order).
fn reload(
    state: AppState,
    name: &str,
    bytes: &FileBytes,
    options: &IngestOptions,
    edit: impl FnOnce(&mut IngestOptions),
) {
    let mut options = options.clone();
    options.settings = state.settings.ingest.get_untracked();
    edit(&mut options);
    load(state, vec![(bytes.input(name), options)]);
}

/// Reads every loaded file again after a change to the saved settings.
pub(crate) fn reload_all(state: AppState) {
    let settings = state.settings.ingest.get_untracked();
    let inputs = state
        .data
        .files
        .get_untracked()
        .into_iter()
        .map(|f| {
            let options = IngestOptions { settings: settings.clone(), ..f.options.clone() };
            (f.bytes.input(f.name()), options)
        })
        .collect();
    load(state, inputs);
}

/// New reading rules (saved by the settings' one save path).
fn save_ingest(state: AppState, settings: IngestSettings) {
    state.settings.ingest.set(settings);
}

/// The page: welcome and load actions, loading status and errors, one card per file, the
/// comparison areas, the reading rules and the summary.
#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1 tabindex="-1">"Data"</h1>
        <Welcome/>
        <JobProgress/>
        <LoadErrors/>
        <For each=move || state.data.unmapped.get() key=|f| (f.name.clone(), f.error.to_string(), f.mapping.columns.clone()) let(file)>
            <UnmappedCard file=file/>
        </For>
        <For each=move || state.data.files.get() key=|f| (f.name().to_string(), Arc::as_ptr(&f.parsed) as usize) let(file)>
            <FileCard file=file/>
        </For>
        <ComparisonCard/>
        <ReadingRules/>
        {move || state.data.loaded.get().map(|_| view! { <Summary/> })}
    }
}
