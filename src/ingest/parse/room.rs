//! Room and lookups set up before the rows are read: the id tables and the columns sized for
//! the whole file (so they are not copied as they grow), and each field's column found once.

use super::Parser;
use crate::ingest::fields::Field;
use crate::ingest::mapping::Mapping;
use crate::model::Ids;

/// The column of each field, by `Field as usize`.
pub(super) fn field_columns(mapping: &Mapping) -> Vec<Option<usize>> {
    let mut columns = vec![None; Field::Area as usize + 1];
    for (j, field) in mapping.columns.iter().enumerate() {
        if let Some(field) = field {
            columns[*field as usize].get_or_insert(j);
        }
    }
    columns
}

/// Id tables with room for about as many rows as the samples suggest, to avoid rehashing:
/// (labels, people).
pub(super) fn reserved_ids(samples: &[Vec<String>], total_bytes: u64, mapping: &Mapping) -> (Ids, Ids) {
    let sample_bytes: usize = samples.iter().flatten().map(|v| v.len() + 1).sum();
    let expected_rows =
        if samples.is_empty() { 0 } else { total_bytes as usize / (sample_bytes / samples.len()).max(1) };
    let mut labels = Ids::default();
    let mut people = Ids::default();
    if mapping.column(Field::RecordId).is_some() {
        labels.reserve(expected_rows, 12);
    }
    if mapping.column(Field::Person).is_some() {
        people.reserve(expected_rows, 10);
    }
    (labels, people)
}

impl Parser {
    /// Once, after the first rows: room in every column for the rows the rest of the text (or part) holds
    /// at the same bytes per row (a little more, as row lengths vary).
    pub(super) fn reserve_rows(&mut self) {
        const AFTER_ROWS: usize = 1000;
        let (start, end) = self.span;
        let at = self.reader.position().byte();
        let (read, done) = (self.report.rows_read, at.saturating_sub(start));
        if self.reserved || self.done || read < AFTER_ROWS || done == 0 {
            return;
        }
        self.reserved = true;
        let rest = end.saturating_sub(at) as f64 * read as f64 / done as f64;
        self.rows.reserve((rest * 1.05) as usize);
    }
}
