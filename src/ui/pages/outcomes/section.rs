//! One outcome section as the engine produced it: nothing here decides a number or a word.

use crate::ui::figure::Figure;
use crate::ui::table::{csv_button, data_table, Layout};
use ipvi::outcomes::sections::{Section, SectionBody};
use ipvi::outcomes::Table;
use leptos::prelude::*;

/// Rows shown on the page; the CSV has every row (curve tables run to thousands).
const LAYOUT: Layout = Layout { row_headers: false, shown_rows: 200 };

/// A table with its CSV export, folded away under its caption.
fn table_view(table: Table) -> impl IntoView {
    view! {
        <details>
            <summary>{table.caption.clone()}</summary>
            {data_table(&table, LAYOUT, None)}
            {csv_button(table)}
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
