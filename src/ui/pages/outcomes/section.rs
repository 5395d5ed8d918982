//! One outcome section as the engine produced it: nothing here decides a number or a word.

use crate::ui::figure::Figure;
use crate::ui::io::download;
use ipvi::outcomes::sections::{Section, SectionBody};
use ipvi::outcomes::Table;
use leptos::prelude::*;

/// Rows shown on the page; the CSV has every row (curve tables run to thousands).
const SHOWN_ROWS: usize = 200;

/// A table with its CSV export, folded away under its caption.
fn table_view(table: Table) -> impl IntoView {
    let header = table.header.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view();
    let body = table
        .rows
        .iter()
        .take(SHOWN_ROWS)
        .map(|r| view! { <tr>{r.iter().map(|c| view! { <td class="num">{c.clone()}</td> }).collect_view()}</tr> })
        .collect_view();
    let (id, caption) = (format!("table-{}", table.name), table.caption.clone());
    let file = format!("{}.csv", table.name);
    view! {
        <details>
            <summary>{caption}</summary>
            <div class="table-scroll">
                <table class="data-table" id=id>
                    <thead><tr>{header}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {(table.rows.len() > SHOWN_ROWS).then(|| view! {
                <p class="note">{format!("The first {SHOWN_ROWS} of {} rows; the CSV file has them all.", ipvi::words::count(table.rows.len() as u64))}</p>
            })}
            <button type="button" class="button small" on:click=move |_| download(&file, "text/csv", &table.csv())>
                "Save table as CSV"
            </button>
        </details>
    }
}

fn body_view(id: &'static str, body: SectionBody) -> impl IntoView {
    let facts = body.facts.into_iter().map(|f| view! { <p>{f}</p> }).collect_view();
    let figures = body
        .figures
        .into_iter()
        .map(|f| {
            let note_id = format!("{}-note", f.name);
            view! {
                <Figure chart=f.chart name=f.name.to_string()/>
                {f.note.map(|n| view! { <p id=note_id>{n}</p> })}
            }
        })
        .collect_view();
    let tables = body.tables.into_iter().map(table_view).collect_view();
    let warnings = body.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view();
    view! {
        <p class="finding" id=format!("{id}-finding")>{body.finding}</p>
        {facts}
        {figures}
        {tables}
        <details><summary>"How this was computed"</summary><p>{body.definition}</p></details>
        <ul class="warnings">{warnings}</ul>
    }
}

#[component]
pub fn SectionView(section: Section) -> impl IntoView {
    let id = section.id;
    let content = match section.body {
        Ok(body) => body_view(id, body).into_any(),
        Err(why) => view! { <p>"Not available: " {why.to_string()}</p> }.into_any(),
    };
    view! {
        <section class="card outcome" id=id aria-labelledby=format!("{id}-title")>
            <h2 id=format!("{id}-title")>{section.title}</h2>
            {content}
        </section>
    }
}
