//! The header row: the first record below any title lines, and the column names read from it.

use crate::ingest::sniff::{is_title_row, Dialect, MAX_TITLE_LINES};

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
