//! Project files in the browser (`NAME.ipvi.json`, format: docs/project-file.md): saving the
//! reading rules, criteria, outcome settings and report choices (and the loaded extracts only
//! when the user asks), and opening one: every setting restored, or nothing changed.

use crate::ui::io::{download, file_text, files_of};
use crate::ui::load::{load, Input};
use crate::ui::pages::data::{load_demo, reload_all};
use crate::ui::state::AppState;
use ipvi::ingest::{IngestOptions, Table};
use ipvi::project::{EmbeddedFile, Project, FORMAT, VERSION};
use leptos::prelude::*;
use std::sync::Arc;

/// The project as it stands: the settings, and the user's extracts when `include_data` (read
/// again from disk where they were left there); the error says which file could not be read.
pub async fn current(state: AppState, include_data: bool) -> Result<Project, String> {
    let s = state.settings;
    let mut data = Vec::new();
    if include_data {
        for f in state.data.files.get_untracked() {
            data.push(EmbeddedFile::new(f.name(), f.table(), &f.bytes.read().await?));
        }
    }
    let demo = state.data.loaded.with_untracked(|l| l.as_ref().and_then(|l| l.demo.as_ref().map(|d| d.params.clone())));
    Ok(Project {
        demo,
        format: FORMAT.to_string(),
        version: VERSION,
        reading_rules: s.ingest.get_untracked(),
        criteria: s.criteria.get_untracked(),
        outcomes: s.outcome_settings.get_untracked(),
        simulate: s.simulate.get_untracked(),
        report: s.report.get_untracked(),
        data,
    })
}

/// The file's name from the report title: `springfield-2025.ipvi.json`.
pub fn file_name(title: &str) -> String {
    let lower: String = title.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    let slug = lower.split_whitespace().take(8).collect::<Vec<_>>().join("-");
    format!("{}.ipvi.json", if slug.is_empty() { "ipvi-project" } else { &slug })
}

/// Saves the project file.
pub fn save(state: AppState, include_data: bool) {
    leptos::task::spawn_local(async move {
        match current(state, include_data).await {
            Ok(project) => {
                let name = file_name(&project.report.title);
                download(&name, "application/json", project.to_json().as_bytes());
                state.shell.status.set(format!("Project saved as {name}."));
            }
            Err(why) => state.shell.status.set(format!(
                "The project was not saved: {why}. Load that file again, or save the project without its data."
            )),
        }
    });
}

/// A refused file: a notice that names it and says why (`why` is a sentence); nothing else
/// changes.
fn refuse(state: AppState, name: &str, why: &str) {
    let message = format!("{name} could not be opened as a project. {why} Nothing was changed.");
    state.shell.status.set(message.clone());
    state.shell.notices.update(|n| n.push(message));
}

/// Reads a project file and restores it, or refuses it with nothing changed.
pub fn open(state: AppState, file: web_sys::File) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        let Some(text) = file_text(&file).await else {
            return refuse(state, &name, "The browser could not read the file.");
        };
        // The engine checks every part (criteria usable, embedded extracts intact) before
        // anything here changes.
        let read = Project::parse(&text).and_then(|project| {
            let extracts: Result<Vec<_>, _> =
                project.data.iter().map(|f| Ok((f.name.clone(), f.table, f.bytes()?))).collect();
            Ok((extracts?, project))
        });
        match read {
            Ok((extracts, project)) => restore(state, project, extracts, &name),
            Err(why) => refuse(state, &name, &why.to_string()),
        }
    });
}

/// Sets every setting from the project, then reads its extracts (replacing the loaded data) or
/// reads the loaded files again under its reading rules.
fn restore(state: AppState, project: Project, extracts: Vec<(String, Table, Vec<u8>)>, name: &str) {
    let s = state.settings;
    let reading_rules = project.reading_rules;
    s.ingest.set(reading_rules.clone());
    s.criteria.set(project.criteria);
    s.outcome_settings.set(project.outcomes);
    s.simulate.set(project.simulate);
    s.report.set(project.report);
    let restored = "reading rules, criteria, outcome settings and report choices restored";
    let no_files = state.data.files.with_untracked(Vec::is_empty);
    if let (Some(params), true, true) = (project.demo, extracts.is_empty(), no_files) {
        // Saved on the demo: the same demo, regenerated from its parameters.
        s.demo_params.set(params);
        load_demo(state, Some(format!("Opened the project {name}: {restored}")));
        return;
    }
    if extracts.is_empty() {
        state.shell.status.set(format!("Opened the project {name}: {restored}."));
        reload_all(state);
        return;
    }
    state
        .shell
        .status
        .set(format!("Opened the project {name}: {restored}; reading the {} extracts it holds.", extracts.len()));
    state.data.files.set(Vec::new());
    let inputs = extracts
        .into_iter()
        .map(|(file, table, bytes)| {
            let options = IngestOptions { table: Some(table), ..IngestOptions::with_settings(reading_rules.clone()) };
            (Input::Bytes(file, Arc::new(bytes)), options)
        })
        .collect();
    load(state, inputs);
}

/// "Open a project file": a file button (`id` for its input; `small` beside other text), on the
/// Data and Report pages.
#[component]
pub fn OpenProject(id: &'static str, #[prop(optional)] small: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="button file-button" class:small=small>"Open a project file"
            <input id=id type="file" accept=".json,application/json" on:change=move |ev| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                if let Some(file) = files_of(input.files()).into_iter().next() {
                    open(state, file);
                }
                input.set_value("");
            }/>
        </label>
    }
}
