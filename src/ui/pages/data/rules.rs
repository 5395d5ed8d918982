//! The reading rules: which rows count as IPV, the yes/no words of flag columns, and the
//! remembered mappings, kept in this browser and exported or imported as a file.

use super::{reload_all, save_ingest};
use crate::ui::io::download;
use crate::ui::io::{file_text, files_of};
use crate::ui::state::AppState;
use ipvi::ingest::dates::parse_day;
use ipvi::ingest::{IngestError, IngestErrorKind, IngestSettings, IpvRule, Table};
use ipvi::model::{iso, Day};
use leptos::prelude::*;

/// One IPV rule (incidents or calls) as editable fields.
#[component]
fn IpvRuleEditor(table: Table) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rule = move || state.settings.ingest.with(|s| s.ipv.for_table(table).clone());
    let edit = move |change: &dyn Fn(&mut IpvRule)| {
        let mut settings = state.settings.ingest.get_untracked();
        let rule = match table {
            Table::Calls => &mut settings.ipv.calls,
            _ => &mut settings.ipv.incidents,
        };
        change(rule);
        save_ingest(state, settings);
        reload_all(state);
    };
    let list =
        |text: String| text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let id = table.name();
    view! {
        <fieldset class="rule">
            <legend>{format!("Which {} count as IPV", table.name())}</legend>
            <label><input type="checkbox" id=format!("{id}-flag") prop:checked=move || rule().domestic_flag
                on:change=move |ev| { let on = event_target_checked(&ev); edit(&move |r| r.domestic_flag = on) }/>
                " rows whose domestic flag says yes (when the file has a domestic flag column)"</label>
            <label for=format!("{id}-kinds")>"and whose offence or call type contains one of (comma-separated; empty: any)"</label>
            <input id=format!("{id}-kinds") type="text" prop:value=move || rule().kinds.join(", ")
                on:change=move |ev| { let v = list(event_target_value(&ev)); edit(&move |r| r.kinds = v.clone()) }/>
            {(table == Table::Incidents).then(|| view! {
                <label for="incidents-relationships">"and whose relationship code is one of (comma-separated; empty: any; intimate NIBRS codes: SE, CS, BG, XS, HR, XR)"</label>
                <input id="incidents-relationships" type="text" prop:value=move || rule().relationships.join(", ")
                    on:change=move |ev| { let v = list(event_target_value(&ev)); edit(&move |r| r.relationships = v.clone()) }/>
            })}
        </fieldset>
    }
}

/// The words read as yes and as no in flag columns (arrest, charge, weapon, ...).
#[component]
fn FlagWordsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let edit = move |yes: bool, text: String| {
        let words: Vec<String> = text.split(',').map(|w| w.trim().to_string()).collect();
        let mut settings = state.settings.ingest.get_untracked();
        if yes {
            settings.flags.yes = words;
        } else {
            settings.flags.no = words;
        }
        save_ingest(state, settings);
        reload_all(state);
    };
    view! {
        <fieldset class="rule">
            <legend>"Yes/no words in flag columns (case, spaces and punctuation are ignored)"</legend>
            <label for="flag-yes">"Read as yes"</label>
            <input id="flag-yes" type="text" prop:value=move || state.settings.ingest.with(|s| s.flags.yes.join(", "))
                on:change=move |ev| edit(true, event_target_value(&ev))/>
            <label for="flag-no">"Read as no (any other value is reported and read as no)"</label>
            <input id="flag-no" type="text" prop:value=move || state.settings.ingest.with(|s| s.flags.no.join(", "))
                on:change=move |ev| edit(false, event_target_value(&ev))/>
        </fieldset>
    }
}

/// Whether rows with placeholder or implausible dates stay in the analyses (left out by default).
#[component]
fn ImplausibleDates() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <fieldset class="rule">
            <legend>"Dates that cannot be right"</legend>
            <label><input type="checkbox" id="keep-implausible-dates"
                prop:checked=move || state.settings.ingest.with(|s| s.keep_implausible_dates)
                on:change=move |ev| {
                    let mut settings = state.settings.ingest.get_untracked();
                    settings.keep_implausible_dates = event_target_checked(&ev);
                    save_ingest(state, settings);
                    reload_all(state);
                }/>
                " Keep rows dated with a placeholder (such as 1900-01-01) or before 1950 or over a year ahead in the analyses"</label>
            <p class="hint">"Left out by default: one such date stretches the data window and can turn a fall into a rise. Each file's quality report counts them."</p>
        </fieldset>
    }
}

/// Only the rows dated within a range are loaded, from every file: for a file too big for the
/// tab, or to study a period.
#[component]
pub fn DatesToLoad(
    /// Names this copy's fields apart from another's on the page.
    prefix: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let range = move || state.settings.ingest.with(|s| s.date_range);
    let shown = |day: Option<Day>| day.map(iso).unwrap_or_default();
    let set = move |from: bool, text: String| {
        let mut settings = state.settings.ingest.get_untracked();
        let day = parse_day(&text);
        if from {
            settings.date_range.from = day;
        } else {
            settings.date_range.to = day;
        }
        save_ingest(state, settings);
        reload_all(state);
    };
    view! {
        <fieldset class="rule dates-to-load">
            <legend>"Dates to load"</legend>
            <label for=format!("{prefix}-load-from")>"From (empty: the first date)"</label>
            <input id=format!("{prefix}-load-from") type="date" prop:value=move || shown(range().from) on:change=move |ev| set(true, event_target_value(&ev))/>
            <label for=format!("{prefix}-load-to")>"To, included (empty: the last date)"</label>
            <input id=format!("{prefix}-load-to") type="date" prop:value=move || shown(range().to) on:change=move |ev| set(false, event_target_value(&ev))/>
            <p class="hint">{move || format!(
                "Loading {}. Rows dated outside are left out of every file and counted in its card; loading part of a file lets a file too big for this tab be read.",
                range().words()
            )}</p>
        </fieldset>
    }
}

/// The saved settings that decide how every file is read, with export and import.
#[component]
pub fn ReadingRules() -> impl IntoView {
    let state = expect_context::<AppState>();
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = files_of(input.files()).into_iter().next() else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = file_text(&file).await;
            match text.map(|t| ipvi::settings::read_json::<IngestSettings>(&name, "a reading-rules file", &t)) {
                Some(Ok(settings)) => {
                    save_ingest(state, settings);
                    state.shell.status.set(format!("Reading rules imported from {name}."));
                    reload_all(state);
                }
                Some(Err(err)) => {
                    let kind = IngestErrorKind::NotReadingRules { detail: err.problem.to_string() };
                    state.data.load_errors.update(|e| e.push(IngestError::new(kind).in_file(&name)));
                }
                None => {
                    let kind = IngestErrorKind::Unreadable { reason: "the browser could not read the file".into() };
                    state.data.load_errors.update(|e| e.push(IngestError::new(kind).in_file(&name)));
                }
            }
        });
    };
    view! {
        <details class="card reading-rules">
            <summary><h2 class="inline-heading">"Reading rules: IPV rows, column mappings"</h2></summary>
            <p>"These rules apply to every file and are kept in this browser. Changing one reads the loaded files again."</p>
            <IpvRuleEditor table=Table::Incidents/>
            <IpvRuleEditor table=Table::Calls/>
            <FlagWordsEditor/>
            <ImplausibleDates/>
            <DatesToLoad prefix="rules"/>
            <p>{move || format!("{} remembered column mappings.", state.settings.ingest.with(|s| s.mappings.len()))}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| {
                    let json = serde_json::to_vec_pretty(&state.settings.ingest.get_untracked()).unwrap_or_default();
                    download("ipvi-reading-rules.json", "application/json", &json);
                }>"Export reading rules"</button>
                <label class="button file-button">"Import reading rules"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
                <button type="button" class="button" on:click=move |_| { save_ingest(state, IngestSettings::default()); reload_all(state); }>
                    "Restore default rules"
                </button>
            </div>
        </details>
    }
}
