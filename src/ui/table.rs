//! An engine table on the page: a real `<table>` with its "Save table as CSV" button (the bytes
//! of `Table::csv`, the same file `ipvi` writes).

use crate::ui::io::download;
use crate::ui::layout::ScrollBox;
use ipvi::outcomes::Table;
use leptos::prelude::*;

/// How the rows read.
#[derive(Clone, Copy)]
pub struct Layout {
    /// The first cell of a row names it (a trainee, a case): a row header.
    pub row_headers: bool,
    /// Rows shown at most; the CSV has every row (curve tables run to thousands).
    pub shown_rows: usize,
}

/// The table element, with the id `table-NAME` and a note when rows are left off.
pub fn data_table(table: &Table, layout: Layout, labelled_by: Option<String>) -> impl IntoView {
    // The labels a reader sees; the CSV keeps the machine names.
    let header = table.labels.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view();
    let body = table
        .rows
        .iter()
        .take(layout.shown_rows)
        .map(|row| {
            let (first, rest) = match row.split_first() {
                Some((first, rest)) if layout.row_headers => (Some(first.clone()), rest),
                _ => (None, &row[..]),
            };
            let cells = rest.iter().map(|c| view! { <td class="num">{c.clone()}</td> }).collect_view();
            view! { <tr>{first.map(|f| view! { <th scope="row">{f}</th> })}{cells}</tr> }
        })
        .collect_view();
    let total = table.rows.len();
    let id = format!("table-{}", table.name);
    view! {
        <ScrollBox label=table.caption.clone() class="table-scroll">
            <table class="data-table" id=id aria-labelledby=labelled_by>
                <thead><tr>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </ScrollBox>
        {(total > layout.shown_rows).then(|| view! {
            <p class="note">{format!("The first {} of {} rows; the CSV file has them all.", layout.shown_rows, ipvi::words::count(total as u64))}</p>
        })}
    }
}

/// Saves the table as `NAME.csv`.
pub fn csv_button(table: Table) -> impl IntoView {
    let file = format!("{}.csv", table.name);
    view! {
        <button type="button" class="button small" on:click=move |_| download(&file, "text/csv", &table.csv())>
            "Save table as CSV"
        </button>
    }
}
