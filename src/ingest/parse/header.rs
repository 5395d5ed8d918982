//! The header row and what its columns hold: the first record below any title lines, the
//! column names read from it, and the table and mapping chosen for them.

use crate::ingest::error::{IngestError, IngestErrorKind};
use crate::ingest::fields::Table;
use crate::ingest::mapping::{auto_map, detect_table, Mapping};
use crate::ingest::profile::{map_by_content, table_by_content, ColumnProfile, ContentChoice};
use crate::ingest::sniff::{is_title_row, Dialect, MAX_TITLE_LINES};
use crate::ingest::{IngestOptions, SavedMapping};

/// The first record of a file below its title lines (see [`Dialect::title_lines`]), and how
/// many records were left aside as titles; `Err(None)` when the file has no record. Titles are
/// told by their cells, not counted from the sniffed lines: a line of spaces is a record here.
pub(super) fn first_record<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    dialect: Dialect,
) -> Result<(csv::StringRecord, usize), Option<csv::Error>> {
    let mut record = csv::StringRecord::new();
    let mut titles = 0;
    loop {
        if !reader.read_record(&mut record).map_err(Some)? {
            return Err(None);
        }
        let more_titles = dialect.title_lines > 0 && titles < dialect.title_lines + MAX_TITLE_LINES;
        if !(more_titles && is_title_row(record.iter())) {
            return Ok((record, titles));
        }
        titles += 1;
    }
}

/// Gives repeated header names a number so that each column can be told apart. Linear in the
/// headers: names taken are in a set, and each name resumes numbering where it last stopped
/// (the numbers below were taken then and still are).
fn unique_headers(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::with_capacity(raw.len());
    let mut next_number: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, h) in raw.into_iter().enumerate() {
        let h = h.trim().to_string();
        let h = if h.is_empty() { format!("Column {}", i + 1) } else { h };
        let mut name = h.clone();
        if taken.contains(&name) {
            let n = next_number.entry(h.clone()).or_insert(2);
            name = format!("{h} ({n})");
            while taken.contains(&name) {
                *n += 1;
                name = format!("{h} ({n})");
            }
            *n += 1;
        }
        taken.insert(name.clone());
        out.push(name);
    }
    out
}

/// The header names of a file, or "Column 1", "Column 2", ... when it has no header row.
pub(super) fn header_names(first: &csv::StringRecord, has_header: bool) -> Vec<String> {
    if has_header {
        unique_headers(first.iter().map(String::from).collect())
    } else {
        (1..=first.len()).map(|i| format!("Column {i}")).collect()
    }
}

/// The table and mapping: the user's choice for this file, else the remembered one for its
/// header row, else detected from the headers, with the fields the names leave unmapped taken
/// from the columns' content where it gives them away (and said).
pub(super) fn choose_mapping(
    options: &IngestOptions,
    remembered: Option<&SavedMapping>,
    headers: &[String],
    profiles: &[ColumnProfile],
) -> Result<(Mapping, Vec<ContentChoice>), IngestError> {
    let table = options.table.or(remembered.map(|m| m.table)).unwrap_or_else(|| {
        // Names first; when no column name is known to any table, the content.
        let named = Table::ALL.iter().any(|&t| auto_map(headers, t).columns.iter().any(Option::is_some));
        if named {
            detect_table(headers)
        } else {
            table_by_content(profiles).unwrap_or_else(|| detect_table(headers))
        }
    });
    match options.mapping.as_ref().or(remembered.map(|m| &m.columns)) {
        Some(columns) if columns.len() == headers.len() => {
            Ok((Mapping { table, columns: columns.clone() }, Vec::new()))
        }
        Some(columns) => Err(IngestErrorKind::MappingWidth { saved: columns.len(), found: headers.len() }.into()),
        None => {
            let mut mapping = auto_map(headers, table);
            let choices = map_by_content(&mut mapping, profiles);
            Ok((mapping, choices))
        }
    }
}
