//! The welcome card: what the workbench does, and the two ways in (your extracts, by button
//! or by dropping them; or the demo jurisdiction, with its settings).

use super::demo::DemoSettings;
use crate::ui::format::count;
use crate::ui::io::files_of;
use crate::ui::load::{load, Input};
use crate::ui::project::OpenProject;
use crate::ui::state::{now_ms, AppState, ComparisonAreas, DemoData};
use ipvi::export::{fingerprint, write_extracts, ExtractStyle};
use ipvi::ingest::IngestOptions;
use ipvi::synth;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Generates the demo jurisdiction after the browser has painted the "generating" status;
/// `context` (such as "Opened the project X") begins the status line that says it is loaded.
pub(crate) fn load_demo(state: AppState, context: Option<String>) {
    if !state.data.files.with_untracked(Vec::is_empty)
        && !window()
            .confirm_with_message("Set aside your loaded files and load the demo jurisdiction instead?")
            .unwrap_or(false)
    {
        return;
    }
    let params = state.settings.demo_params.get_untracked();
    state.shell.status.set(format!("Generating the demo jurisdiction ({} people)…", count(params.people as usize)));
    set_timeout(
        move || {
            let started = now_ms();
            match synth::generate(&params) {
                Ok(data) => {
                    let fingerprint = fingerprint(&write_extracts(&data, ExtractStyle::Clean));
                    let areas = Arc::new(synth::comparison_areas(&params, &data));
                    let millis = now_ms() - started;
                    state.data.files.set(Vec::new());
                    state.data.comparison.set(Some(ComparisonAreas { panel: areas, demo: true, file: None }));
                    state.data.comparison_error.set(None);
                    state.data.demo.set(Some(DemoData { data: Arc::new(data), params, fingerprint, millis }));
                    state.shell.status.set(match context {
                        Some(context) => format!("{context}; demo jurisdiction loaded in {millis:.0} ms."),
                        None => format!("Demo jurisdiction loaded in {millis:.0} ms."),
                    });
                }
                Err(problem) => state.shell.status.set(format!("The demo could not be generated: {problem}")),
            }
        },
        Duration::from_millis(30),
    );
}

/// Loads files with the saved settings.
fn load_new(state: AppState, files: Vec<web_sys::File>) {
    let settings = state.settings.ingest.get_untracked();
    let inputs = files.into_iter().map(|f| (Input::File(f), IngestOptions::with_settings(settings.clone()))).collect();
    load(state, inputs);
}

#[component]
pub fn Welcome() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    view! {
        <section class="card welcome"
            class:dragging=move || dragging.get()
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                load_new(state, files_of(ev.data_transfer().and_then(|d| d.files())));
            }>
            <p class="lead">
                "IPVI Workbench classifies known intimate partner violence offenders into levels D to A and shows
                whether calls for service and reoffending changed after the intervention started. "
                <strong>"Your files never leave this computer."</strong>
                " "<a href="#/privacy">"How your data is handled"</a>
            </p>
            <div class="actions">
                <label class="button primary big file-button">
                    "Load your extracts"
                    <input id="file-input" type="file" multiple accept=".csv,.tsv,.txt,text/csv,text/plain"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            load_new(state, files_of(input.files()));
                            input.set_value("");
                        }/>
                </label>
                <button type="button" class="button big" id="try-demo" on:click=move |_| load_demo(state, None)>
                    "Try the demo jurisdiction"
                </button>
            </div>
            <p class="hint">"CSV extracts of incidents, calls for service, notifications, services or sanctions; several at once, or drop them here. Each file is recognised from its columns."</p>
            <p class="hint project-open"><OpenProject id="project-input" small=true/>
                " Reopen an evaluation saved as a project file (from the Report page): its reading rules, criteria and settings, and its data if it holds any."</p>
            <DemoSettings/>
        </section>
    }
}
