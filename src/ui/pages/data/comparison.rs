//! The comparison areas card: monthly IPV counts of areas without the programme, read from a
//! small file on the page (or the demo's own), what was read, what was left out, and why a file
//! could not be read (the areas loaded before stay).

use crate::ui::io::{file_bytes, files_of};
use crate::ui::state::{AppState, ComparisonAreas};
use ipvi::outcomes::comparison::{read_comparison, ComparisonErrorKind};
use ipvi::outcomes::{AreaPanel, ComparisonError};
use ipvi::report::ComparisonFile;
use leptos::prelude::*;
use std::sync::Arc;

/// A comparison file larger than this is surely not one (monthly counts of a few areas).
const MAX_BYTES: f64 = 20e6;

/// Reads a comparison file and keeps its areas, or its error with the areas before unchanged.
fn read_file(state: AppState, file: web_sys::File) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        let unreadable = |detail: String| ComparisonError::new(&name, None, ComparisonErrorKind::Unreadable { detail });
        let read = if file.size() > MAX_BYTES {
            Err(unreadable(format!("it holds {:.0} MB; a file of monthly counts is far smaller", file.size() / 1e6)))
        } else {
            match file_bytes(&file).await {
                Some(bytes) => read_comparison(&name, &bytes).map(|panel| {
                    let file = ComparisonFile::of(&name, &bytes, &panel);
                    (panel, file)
                }),
                None => Err(unreadable("the browser could not read it".into())),
            }
        };
        match read {
            Ok((panel, file)) => {
                state.shell.status.set(format!("Comparison areas loaded from {name}: {}.", panel.describe()));
                let areas = ComparisonAreas { panel: Arc::new(panel), demo: false, file: Some(Arc::new(file)) };
                state.data.comparison.set(Some(areas));
                state.data.comparison_error.set(None);
            }
            Err(error) => {
                state.shell.status.set(format!("The comparison areas in {name} could not be read."));
                state.data.comparison_error.set(Some(error));
            }
        }
    });
}

/// Where the error is: file, line, field.
fn place(error: &ComparisonError) -> Vec<(&'static str, String)> {
    let mut place = vec![("File", error.source.clone())];
    if let Some(line) = error.line {
        place.push(("Line", line.to_string()));
    }
    if let Some(field) = error.field() {
        place.push(("Field", field.to_string()));
    }
    place
}

/// What is loaded: where from, how many areas and months, and the areas left out.
fn loaded_view(panel: Arc<AreaPanel>, demo: bool) -> impl IntoView {
    let source = if demo {
        "the demo jurisdiction's 24 neighbouring areas, without the programme".to_string()
    } else {
        panel.source.clone()
    };
    view! {
        <dl class="facts">
            <dt>"From"</dt><dd class="comparison-source">{source}</dd>
            <dt>"Areas"</dt><dd class="comparison-summary">{panel.describe()}</dd>
        </dl>
        <ul class="warnings comparison-warnings">
            {panel.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
        </ul>
    }
}

/// The card: load, show, remove; the error of the last file, if it could not be read.
#[component]
pub fn ComparisonCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = state.data;
    let demo = move || data.comparison.with(|c| c.as_ref().is_some_and(|c| c.demo));
    view! {
        <section class="card comparison-card" aria-labelledby="comparison-title">
            <div class="file-head">
                <h2 id="comparison-title">"Comparison areas (optional)"</h2>
                {move || data.comparison_in_use.with(Option::is_some).then(|| view! {
                    <button type="button" class="button" id="comparison-remove" on:click=move |_| {
                        data.comparison.set(None);
                        data.comparison_error.set(None);
                        state.shell.status.set("Comparison areas removed.".into());
                    }>"Remove"</button>
                })}
            </div>
            <p class="hint">
                "Monthly IPV calls for service (or incidents) in areas without the programme, such as beats, districts
                or neighbouring cities, to compare the jurisdiction with. A CSV file with the columns area, month and
                count (one row per area and month, months as 2019-03), or a month column followed by one column per area."
            </p>
            {move || data.comparison_in_use.get().map(|panel| loaded_view(panel, demo()))}
            {move || data.comparison_error.get().map(|error| view! {
                <div class="card error-card comparison-error" role="alert">
                    <h3>"These comparison areas could not be read"</h3>
                    <p class="error-message">{error.to_string()}</p>
                    <dl class="facts error-place">
                        {place(&error).into_iter().map(|(what, value)| view! { <dt>{what}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                    <p>{if data.comparison_in_use.with(Option::is_some) {
                        "The comparison areas loaded before are unchanged. Fix the file and load it again."
                    } else {
                        "Fix the file and load it again."
                    }}</p>
                    <button type="button" class="button" on:click=move |_| data.comparison_error.set(None)>"Dismiss"</button>
                </div>
            })}
            <div class="actions">
                <label class="button file-button">
                    "Load comparison areas"
                    <input id="comparison-input" type="file" accept=".csv,.txt"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(file) = files_of(input.files()).into_iter().next() {
                                read_file(state, file);
                            }
                            input.set_value("");
                        }/>
                </label>
            </div>
        </section>
    }
}
