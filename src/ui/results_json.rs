//! "Save all results as JSON": every outcome result in one file, the schema and bytes of
//! `ipvi outcomes --json` (docs/outcomes-json.md), from the Outcomes and Report pages alike.

use crate::ui::io::download;
use crate::ui::state::AppState;
use ipvi::outcomes::Outcomes;
use leptos::prelude::*;

/// The file's name.
pub const FILE_NAME: &str = "ipvi-outcomes.json";

/// The JSON text as the command line prints it: pretty, with a final line break.
fn results_json(outcomes: &Outcomes) -> Result<String, String> {
    serde_json::to_string_pretty(outcomes).map(|text| text + "\n").map_err(|e| e.to_string())
}

/// The button; it waits while there are no results (and says why on hover).
#[component]
pub fn SaveResultsJson() -> impl IntoView {
    let state = expect_context::<AppState>();
    let failure = RwSignal::new(None::<String>);
    let save = move |_| {
        if let Some(Ok(outcomes)) = state.outcomes.get_untracked() {
            match results_json(&outcomes) {
                Ok(text) => download(FILE_NAME, "application/json", text.as_bytes()),
                Err(why) => failure.set(Some(format!("The results could not be written: {why}"))),
            }
        }
    };
    let unavailable = move || !matches!(state.outcomes.get(), Some(Ok(_)));
    view! {
        <button type="button" class="button small save-results-json" on:click=save disabled=unavailable
            title=move || unavailable().then_some("No results to save: see the Outcomes page")>
            "Save all results as JSON"
        </button>
        {move || failure.get().map(|why| view! { <p class="field-error" role="alert">{why}</p> })}
    }
}
