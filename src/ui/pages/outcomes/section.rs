//! One outcome section as the engine produced it: nothing here decides a number or a word. The
//! plain finding first; the technical statement, the tables and how it was computed on demand.

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

fn figure_view(figure: ipvi::outcomes::sections::Figure) -> impl IntoView {
    let note_id = format!("{}-note", figure.name);
    view! {
        <h3 class="chart-title" id=format!("{}-chart-title", figure.name)>{figure.chart.title.clone()}</h3>
        {figure.note.map(|n| view! { <p class="chart-note" id=note_id>{n}</p> })}
        <Figure chart=figure.chart name=figure.name.to_string()/>
    }
}

fn body_view(id: &'static str, body: SectionBody) -> impl IntoView {
    let facts = body.facts.into_iter().map(|f| view! { <p>{f}</p> }).collect_view();
    let technical = (!body.technical.is_empty()).then(|| {
        let lines = body.technical.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
        view! {
            <details class="technical" id=format!("{id}-technical")>
                <summary>"Technical details"</summary>
                <ul>{lines}</ul>
                <p class="note">"The terms are explained in the glossary at the end of the page."</p>
            </details>
        }
    });
    let figures = body.figures.into_iter().map(figure_view).collect_view();
    let tables = body.tables.into_iter().map(table_view).collect_view();
    let warnings = body.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view();
    view! {
        <p class="finding" id=format!("{id}-finding")>{body.finding}</p>
        {facts}
        {technical}
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

/// The terms the findings use, in plain words (`ipvi::outcomes::glossary`).
#[component]
pub fn Glossary() -> impl IntoView {
    let terms = ipvi::outcomes::glossary::GLOSSARY
        .iter()
        .map(|t| {
            view! {
                <dt id=format!("glossary-{}", t.id)>{t.term}</dt>
                <dd>{t.meaning}</dd>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-label="Glossary">
            <details id="glossary">
                <summary>"Glossary: the terms of the findings in plain words"</summary>
                <dl class="glossary">{terms}</dl>
            </details>
        </section>
    }
}
