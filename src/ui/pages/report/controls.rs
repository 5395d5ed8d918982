//! The report's controls (never printed): title, authors, date, which parts to include with the
//! evaluator's notes for each, and the ways out (print, HTML, JSON).

use super::input::Inputs;
use crate::ui::io::download;
use crate::ui::results_json::SaveResultsJson;
use crate::ui::state::AppState;
use ipvi::ingest::dates::parse_day;
use ipvi::model::iso;
use ipvi::report::{document, parts, Part, ReportChoices};
use leptos::prelude::*;

/// Changes the saved report choices (saved by the settings' one save path).
fn edit(state: AppState, change: impl FnOnce(&mut ReportChoices)) {
    state.settings.report.update(change);
}

/// Title, authors and the date printed as the generation date.
#[component]
fn Heading() -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = state.settings.report;
    let date = state.settings.report_date;
    view! {
        <div class="form-grid report-heading">
            <label for="report-title">"Report title"</label>
            <input id="report-title" type="text" prop:value=move || choices.with(|c| c.title.clone())
                on:change=move |ev| { let title = event_target_value(&ev); edit(state, |c| c.title = title) }/>
            <label for="report-authors">"Authors"</label>
            <input id="report-authors" type="text" prop:value=move || choices.with(|c| c.authors.clone())
                on:change=move |ev| { let authors = event_target_value(&ev); edit(state, |c| c.authors = authors) }/>
            <label for="report-date">"Report date"</label>
            // An emptied field keeps the last date (a report always has one).
            <input id="report-date" type="date" prop:value=move || iso(date.get())
                on:change=move |ev| match parse_day(&event_target_value(&ev)) {
                    Some(day) => date.set(day),
                    None => date.notify(),
                }/>
        </div>
    }
}

/// One part: included or not, and the evaluator's notes printed at its end.
#[component]
fn PartChoice(part: Part) -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = state.settings.report;
    let id = part.id;
    let included = move || choices.with(|c| !c.hidden.iter().any(|h| h == id));
    let notes = move || choices.with(|c| c.notes.get(id).cloned().unwrap_or_default());
    let has_notes = move || choices.with(|c| c.notes.contains_key(id));
    view! {
        <li class="part-choice">
            <label>
                <input type="checkbox" id=format!("include-{id}") prop:checked=included on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    edit(state, |c| {
                        c.hidden.retain(|h| h != id);
                        if !on { c.hidden.push(id.to_string()); }
                    })
                }/>
                " " {part.title}
            </label>
            <details open=has_notes>
                <summary>"Notes"</summary>
                <textarea id=format!("notes-{id}") rows="3" aria-label=format!("Notes for {}", part.title)
                    prop:value=notes on:change=move |ev| {
                        let text = event_target_value(&ev);
                        edit(state, |c| {
                            if text.trim().is_empty() { c.notes.remove(id); } else { c.notes.insert(id.to_string(), text); }
                        })
                    }></textarea>
            </details>
        </li>
    }
}

/// The report's controls card.
#[component]
pub fn ReportControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The report exists once the levels and outcomes are computed (in slices, after an edit).
    let ready = Memo::new(move |_| Inputs::gather(state).is_some());
    let save_html = move |_| {
        if let Some(inputs) = untrack(|| Inputs::gather(state)) {
            let html = inputs.with(document);
            let name = format!("ipvi-report-{}.html", iso(state.settings.report_date.get_untracked()));
            download(&name, "text/html", html.as_bytes());
        }
    };
    view! {
        <section class="card no-print report-controls" aria-labelledby="report-controls-title">
            <h2 id="report-controls-title">"Your report"</h2>
            <Heading/>
            <details class="report-parts">
                <summary>"Parts of the report and your notes"</summary>
                <p class="hint">"Untick a part to leave it out. Notes are printed at the end of their part."</p>
                <ul class="part-choices">
                    {parts().into_iter().map(|part| view! { <PartChoice part=part/> }).collect_view()}
                </ul>
            </details>
            <div class="actions">
                <button type="button" class="button primary" id="print-report" disabled=move || !ready.get() on:click=move |_| { let _ = window().print(); }>
                    "Print"
                </button>
                <button type="button" class="button" id="save-report-html" disabled=move || !ready.get() on:click=save_html>"Save report as HTML"</button>
                <SaveResultsJson/>
            </div>
            <p class="hint">"To make a PDF, print and choose \"Save as PDF\". The HTML file holds the whole report in one file, charts included; "
                <code>"ipvi report"</code>" writes the same file from the same inputs."</p>
        </section>
    }
}
