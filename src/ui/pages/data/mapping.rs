//! The mapping editor: which field each column holds, with sample values as the field reads
//! them, and which table the file holds. A change is remembered for files with the same
//! header row, and the file is read again.

use super::{reload, save_ingest};
use crate::ui::format::percent;
use crate::ui::layout::ScrollBox;
use crate::ui::state::{AppState, FileBytes, LoadedFile, UnmappedFile};
use ipvi::ingest::{preview_value, DateOrder, Field, IngestOptions, Mapping, Table};
use leptos::prelude::*;

thread_local! {
    /// The file whose mapping the user last changed: its card, drawn anew once the file is read
    /// again, shows the mapping open where they were.
    static EDITED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Whether the mapping of `name` was being edited (its card then opens it).
pub fn was_edited(name: &str) -> bool {
    EDITED.with(|e| e.borrow().as_deref() == Some(name))
}

/// What the mapping table needs of a file, loaded or waiting for its columns.
#[derive(Clone)]
pub struct MappingSource {
    pub name: String,
    pub bytes: FileBytes,
    pub options: IngestOptions,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub samples: Vec<Vec<String>>,
    pub order: DateOrder,
    /// Share of rows with a value, per column (loaded files only).
    pub fill: Option<Vec<String>>,
}

impl From<&LoadedFile> for MappingSource {
    fn from(f: &LoadedFile) -> Self {
        let p = &f.parsed;
        let read = p.report.rows_read;
        MappingSource {
            name: f.name().to_string(),
            bytes: f.bytes.clone(),
            options: f.options.clone(),
            headers: p.headers.clone(),
            mapping: p.mapping.clone(),
            samples: p.samples.clone(),
            order: p.report.date_order,
            fill: Some(p.report.fill.iter().map(|c| percent(c.filled, read)).collect()),
        }
    }
}

impl From<&UnmappedFile> for MappingSource {
    fn from(f: &UnmappedFile) -> Self {
        MappingSource {
            name: f.name.clone(),
            bytes: f.bytes.clone(),
            options: f.options.clone(),
            headers: f.headers.clone(),
            mapping: f.mapping.clone(),
            samples: f.samples.clone(),
            order: f.order,
            fill: None,
        }
    }
}

/// Source column → field, with three sample values as the field reads them; editable. A
/// change is remembered for files with the same header row and the file is read again.
#[component]
pub fn MappingTable(source: MappingSource, open: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = source.mapping.table;
    let flags = state.settings.ingest.get_untracked().flags;
    let fields = table.fields();
    let used = source.mapping.columns.iter().flatten().count();
    let loading = move || state.data.job.with(Option::is_some);
    let rows = source
        .headers
        .iter()
        .enumerate()
        .map(|(col, header)| {
            let current = source.mapping.columns[col];
            let samples: Vec<String> = (source.samples.iter())
                .filter_map(|row| row.get(col))
                .map(|v| match current {
                    Some(field) => preview_value(field, v, source.order, &flags),
                    None => v.clone(),
                })
                .collect();
            let fill = source.fill.as_ref().map(|f| f[col].clone());
            let source = source.clone();
            let choose = move |ev: leptos::ev::Event| {
                let field = event_target_value(&ev).parse::<usize>().ok().and_then(|i| fields.get(i)).copied();
                let mut columns = source.mapping.columns.clone();
                // A field lives in one column: moving it frees the old one. The person id may
                // take several (name and date of birth make a composite id).
                if let Some(f) = field.filter(|&f| f != Field::Person) {
                    columns.iter_mut().filter(|c| **c == Some(f)).for_each(|c| *c = None);
                }
                columns[col] = field;
                let mut settings = state.settings.ingest.get_untracked();
                settings.remember(
                    &source.headers,
                    &Mapping { table, columns: columns.clone() },
                    source.options.date_order,
                );
                save_ingest(state, settings);
                EDITED.with(|e| *e.borrow_mut() = Some(source.name.clone()));
                reload(state, &source.name, &source.bytes, &source.options, |o| {
                    o.table = Some(table);
                    o.mapping = Some(columns);
                });
            };
            view! {
                <tr>
                    <th scope="row">{header.clone()}</th>
                    <td>
                        // Not while a file is read: a choice then would start from the mapping
                        // before the one being applied.
                        <select aria-label=format!("Field of column {header}") on:change=choose disabled=loading>
                            <option value="none" selected=current.is_none()>"not used"</option>
                            {fields.iter().enumerate().map(|(i, f)| view! {
                                <option value=i.to_string() selected=current == Some(*f)>{f.label(table)}</option>
                            }).collect_view()}
                        </select>
                    </td>
                    <td class="num">{fill}</td>
                    <td class="samples">{samples.join(" · ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="mapping" open=open>
            <summary>{format!("Column mapping ({used} of {} columns used)", source.headers.len())}</summary>
            <ScrollBox label=format!("Column mapping of {}", source.name)>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">"Column in the file"</th><th scope="col">"Read as"</th>
                    <th scope="col" class="num">"Filled"</th><th scope="col">"First values, as read"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </ScrollBox>
        </details>
    }
}

/// The table a file holds, changeable.
#[component]
pub fn TableChoice(source: MappingSource) -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = source.mapping.table;
    view! {
        <label class="inline">"Holds "
            <select aria-label=format!("Table of {}", source.name) disabled=move || state.data.job.with(Option::is_some) on:change=move |ev| {
                let chosen = Table::ALL[event_target_value(&ev).parse::<usize>().unwrap_or(0)];
                reload(state, &source.name, &source.bytes, &source.options, |o| { o.table = Some(chosen); o.mapping = None; });
            }>
                {Table::ALL.iter().enumerate().map(|(i, t)| view! {
                    <option value=i.to_string() selected=*t == table>{t.name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
