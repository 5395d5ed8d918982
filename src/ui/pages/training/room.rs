//! The room's results: the trainer opens the answer key and everyone's answers files (picked or
//! dropped, several at once) and sees the engine's figures (`ipvi::training::results`): accuracy
//! and kappa per trainee, Fleiss' kappa, the pooled table, each case, the cases that split the
//! room. A file that cannot be read is named with the engine's message; the others stay loaded.

use crate::ui::io::files_of;
use crate::ui::table::{csv_button, data_table, Layout};
use ipvi::outcomes::Table;
use ipvi::training::agreement::analyze;
use ipvi::training::answers::{AnswersError, AnswersFile, Key};
use ipvi::training::results::{
    cases_table, confusion_table, disagreed_table, fleiss_text, gather_each, read_room_file, summary, trainees_table,
    RoomFile, KAPPA_MEANING,
};
use leptos::prelude::*;

/// The files read so far, and the problems of those that could not be read.
#[derive(Clone, Copy)]
struct Loaded {
    key: RwSignal<Option<Key>>,
    answers: RwSignal<Vec<AnswersFile>>,
    problems: RwSignal<Vec<AnswersError>>,
}

async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

impl Loaded {
    /// Takes in one file: a key replaces the key, an answers file replaces one of the same name.
    fn take(self, name: &str, read: Result<RoomFile, AnswersError>) {
        self.problems.update(|p| p.retain(|p| p.file != name));
        match read {
            Ok(RoomFile::Key(key)) => self.key.set(Some(key)),
            Ok(RoomFile::Answers(file)) => {
                self.answers.update(|files| match files.iter_mut().find(|f| f.file == name) {
                    Some(old) => *old = file,
                    None => files.push(file),
                })
            }
            Err(problem) => self.problems.update(|p| p.push(problem)),
        }
    }

    fn read(self, files: Vec<web_sys::File>) {
        leptos::task::spawn_local(async move {
            for file in files {
                let name = file.name();
                let read = match file_bytes(&file).await {
                    Some(bytes) => read_room_file(&name, &bytes),
                    None => Err(AnswersError {
                        file: name.clone(),
                        line: None,
                        column: None,
                        message: "the browser could not read the file".into(),
                    }),
                };
                self.take(&name, read);
            }
        });
    }

    fn remove(self, name: &str) {
        if self.key.with_untracked(|k| k.as_ref().is_some_and(|k| k.file == name)) {
            self.key.set(None);
        }
        self.answers.update(|files| files.retain(|f| f.file != name));
    }
}

/// A table as the engine made it, under its caption, with its CSV export.
fn table_view(table: Table) -> impl IntoView {
    let title_id = format!("table-{}-title", table.name);
    view! {
        <div class="room-table">
            <h3 id=title_id.clone()>{table.caption.clone()}</h3>
            {data_table(&table, Layout { row_headers: true, shown_rows: usize::MAX }, Some(title_id))}
            <div class="actions">{csv_button(table)}</div>
        </div>
    }
}

/// The files loaded, each with a way to take it out.
fn files_view(loaded: Loaded) -> impl IntoView {
    let key = move || {
        loaded.key.get().map(|k| {
            let (name, cases) = (k.file.clone(), k.cases.len());
            view! {
                <li>"Answer key " <strong>{name.clone()}</strong> {format!(" ({cases} cases) ")}
                    <button type="button" class="button small" on:click=move |_| loaded.remove(&name)>"Remove"</button>
                </li>
            }
        })
    };
    let answers = move || {
        loaded
            .answers
            .get()
            .into_iter()
            .map(|f| {
                let name = f.file.clone();
                view! {
                    <li>"Answers " <strong>{name.clone()}</strong> {format!(" ({} answers) ", f.rows.len())}
                        <button type="button" class="button small" on:click=move |_| loaded.remove(&name)>"Remove"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="room-files" id="room-files">{key}{answers}</ul> }
}

#[component]
pub fn RoomResults() -> impl IntoView {
    let loaded =
        Loaded { key: RwSignal::new(None), answers: RwSignal::new(Vec::new()), problems: RwSignal::new(Vec::new()) };
    // The room from the key and the files it accepts, and the files it turned away with why.
    let gathered = Memo::new(move |_| {
        let key = loaded.key.get()?;
        let (room, rejected) = loaded.answers.with(|files| gather_each(&key, files));
        let results = analyze(&room);
        Some((room, results, rejected))
    });
    let dragging = RwSignal::new(false);
    let problems = move || {
        let mut all: Vec<String> = loaded.problems.get().iter().map(ToString::to_string).collect();
        if let Some((_, _, rejected)) = gathered.get() {
            all.extend(rejected.iter().map(ToString::to_string));
        }
        all.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()
    };
    let results = move || {
        match gathered.get() {
        None => view! { <p class="hint" id="room-waiting">"Open the answer key (key.csv from the exercise) to see the results."</p> }.into_any(),
        Some((room, _, _)) if room.trainees.is_empty() => {
            view! { <p class="hint" id="room-waiting">"Open the trainees' answers files to see the results."</p> }.into_any()
        }
        Some((room, results, _)) => view! {
            <p class="finding" id="room-summary">{summary(&room, &results)}</p>
            {table_view(trainees_table(&results.trainees))}
            <p class="note">{KAPPA_MEANING}</p>
            <h3>"Agreement among the trainees"</h3>
            <p class="finding" id="room-fleiss">{fleiss_text(&results.fleiss)}</p>
            {table_view(confusion_table(&results))}
            {if results.most_disagreed.is_empty() {
                view! { <p id="room-no-split">"No case split the room: everyone who answered a case chose the same answer."</p> }.into_any()
            } else {
                table_view(disagreed_table(&results)).into_any()
            }}
            {table_view(cases_table(&results.cases))}
        }
        .into_any(),
    }
    };
    view! {
        <div class="room-results">
            <div class="room-drop"
                class:dragging=move || dragging.get()
                on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    dragging.set(false);
                    loaded.read(files_of(ev.data_transfer().and_then(|d| d.files())));
                }>
                <label class="button file-button">
                    "Open the key and answers files"
                    <input id="room-file-input" type="file" multiple accept=".csv,.txt,text/csv,text/plain"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            loaded.read(files_of(input.files()));
                            input.set_value("");
                        }/>
                </label>
                <p class="hint">"The answer key (key.csv: case, level, reason) and everyone's answers files (trainee, case, level), several at once, or drop them here. Files stay on this computer."</p>
            </div>
            {files_view(loaded)}
            <ul class="room-problems" role="alert">{problems}</ul>
            {results}
        </div>
    }
}
