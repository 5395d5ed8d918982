//! The quality report of one file: what was read, kept and rejected, and why.

use super::dates::{DateOrder, OrderEvidence};
use super::fields::{Field, Table};
use super::plausible::DateRange;
use super::profile::ColumnProfile;
use super::sniff::{delimiter_name, LineEnds, TextEncoding};
use crate::model::{iso, Day};
use crate::words::{quoted_list, quoted_text};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt::{self, Write};

/// Why a row was not kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    /// The row has another number of fields than the header.
    FieldCount { found: usize, expected: usize },
    /// The same, where a quoted field runs over the end of its line: a quote opened where none
    /// was meant, closed by another lines later.
    StrayQuote { found: usize, expected: usize },
    /// A value the table needs is empty; `what` names it in the table's words.
    Missing {
        #[serde(deserialize_with = "field_label")]
        what: FieldLabel,
        column: String,
    },
    /// The date column holds something that is not a date.
    UnreadableDate { column: String },
    /// The date column holds a spreadsheet date number below zero.
    NegativeSerialDate { column: String },
    /// A notification without a level A-D.
    NoLevel { column: String },
    /// A date record systems write for "no date" (1900-01-01, 0000-00-00, 9999-12-31 ...),
    /// left out of the analyses (see `plausible`).
    PlaceholderDate { column: String },
    /// A date before `first` or after `last` (a year after the day the file was read), left
    /// out of the analyses.
    DateOutOfRange { column: String, first: Day, last: Day },
    /// A "Total" row a spreadsheet adds: its first value says total (or sum, count) and it has
    /// no date; left out.
    TotalRow,
}

/// A field's name as `Field::label` gives it. Named, so that serde does not take the
/// reference for text borrowed from its input (it is read back by `field_label`).
type FieldLabel = &'static str;

/// A field's name as `Field::label` gives it, read back: one of those labels (or "date").
fn field_label<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let text = String::deserialize(deserializer)?;
    let labels = Table::ALL.iter().flat_map(|&table| table.fields().iter().map(move |field| field.label(table)));
    labels
        .chain(["date"])
        .find(|&label| label == text)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown field label {}", quoted_text(&text))))
}

impl RowProblem {
    /// Stands in for a problem that is read back separately (see `RejectGroup::problem`).
    fn restored_later() -> RowProblem {
        RowProblem::TotalRow
    }

    /// The column (header) the problem is in; `None` for problems of the whole row.
    pub fn column(&self) -> Option<&str> {
        match self {
            RowProblem::FieldCount { .. } | RowProblem::StrayQuote { .. } | RowProblem::TotalRow => None,
            RowProblem::Missing { column, .. }
            | RowProblem::UnreadableDate { column }
            | RowProblem::NegativeSerialDate { column }
            | RowProblem::NoLevel { column }
            | RowProblem::PlaceholderDate { column }
            | RowProblem::DateOutOfRange { column, .. } => Some(column),
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::FieldCount { found, expected } => {
                write!(f, "row has {found} fields where the header has {expected}")
            }
            RowProblem::StrayQuote { found, expected } => write!(
                f,
                "row has {found} fields where the header has {expected}: a quote at the start of a field runs \
                 over the end of the line (a stray quote?)"
            ),
            RowProblem::Missing { what, column } => write!(f, "no {what} in column \"{}\"", quoted_text(column)),
            RowProblem::TotalRow => write!(f, "a total or summary row, not a record: left out"),
            RowProblem::UnreadableDate { column } => write!(f, "unreadable date in column \"{}\"", quoted_text(column)),
            RowProblem::NegativeSerialDate { column } => {
                write!(f, "spreadsheet date number below zero (not a date) in column \"{}\"", quoted_text(column))
            }
            RowProblem::NoLevel { column } => write!(f, "no level A-D in column \"{}\"", quoted_text(column)),
            RowProblem::PlaceholderDate { column } => write!(
                f,
                "placeholder date (such as 1900-01-01 or 9999-12-31) in column \"{}\", left out of the analyses",
                quoted_text(column)
            ),
            RowProblem::DateOutOfRange { column, first, last } if *last == Day::MAX => {
                write!(f, "date before {} in column \"{}\", left out of the analyses", iso(*first), quoted_text(column))
            }
            RowProblem::DateOutOfRange { column, first, last } => write!(
                f,
                "date before {} or after {} in column \"{}\", left out of the analyses",
                iso(*first),
                iso(*last),
                quoted_text(column)
            ),
        }
    }
}

/// Rows rejected for one reason, with where to find the first of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectGroup {
    /// Not in the JSON (`reason` and `column` say it in words); `ingest::columns` carries it
    /// beside the report and puts it back.
    #[serde(skip, default = "RowProblem::restored_later")]
    pub problem: RowProblem,
    /// The problem in words, naming the column where there is one.
    pub reason: String,
    /// The column the rows were rejected for, if the problem is in one column.
    pub column: Option<String>,
    pub count: usize,
    /// 1-based lines of the first rejected rows (up to five).
    pub first_lines: Vec<u64>,
}

/// How full one column is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnFill {
    pub column: String,
    pub field: Option<Field>,
    pub filled: usize,
}

/// Values of a flag or level column that matched no known word (read as "no").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownValues {
    pub column: String,
    pub count: usize,
    pub examples: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    pub file: String,
    pub table: Table,
    pub encoding: TextEncoding,
    pub delimiter: u8,
    pub has_header: bool,
    /// Lines above the first row that were a report's title, not data (see `Dialect`).
    pub title_lines: usize,
    pub crlf: bool,
    pub line_ends: LineEnds,
    pub rows_read: usize,
    pub rows_kept: usize,
    pub rejected: Vec<RejectGroup>,
    /// Rows whose record id was already seen in the file.
    pub duplicate_ids: usize,
    /// Kept rows without a person id (incidents: no suspect).
    pub missing_person: usize,
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
    pub future_dates: usize,
    /// Rows kept, at the user's choice, although their date is a placeholder or outside the
    /// window of believable dates (see `plausible`).
    pub implausible_dates_kept: usize,
    /// Lines of a UTF-8 file with bytes that were not UTF-8, read as Windows-1252.
    pub windows_1252_lines: usize,
    /// The dates to load (a reading rule), and the rows dated outside them: left out, and not
    /// counted in `rows_read` or the columns' fill.
    #[serde(default)]
    pub date_range: DateRange,
    #[serde(default)]
    pub outside_dates: usize,
    pub fill: Vec<ColumnFill>,
    /// Kept rows that count as IPV (incidents and calls).
    pub ipv_rows: Option<usize>,
    pub unknown_values: Vec<UnknownValues>,
    pub date_order: DateOrder,
    pub date_order_evidence: OrderEvidence,
    /// What the reading took from the data rather than from names: columns mapped by their
    /// content, the IPV rule read from offence text.
    pub decisions: Vec<String>,
    /// Each column's profile from the first rows (`profile`).
    pub profiles: Vec<ColumnProfile>,
    /// When the IPV rule reads offence or call-type text: the texts of the IPV rows, most
    /// frequent first (at most 5), with their counts.
    pub ipv_values: Vec<(String, usize)>,
    pub warnings: Vec<String>,
}

impl QualityReport {
    pub(crate) fn reject(&mut self, problem: RowProblem, line: u64) {
        match self.rejected.iter_mut().find(|g| g.problem == problem) {
            Some(group) => {
                group.count += 1;
                if group.first_lines.len() < 5 {
                    group.first_lines.push(line);
                }
            }
            None => self.rejected.push(RejectGroup {
                reason: problem.to_string(),
                column: problem.column().map(String::from),
                problem,
                count: 1,
                first_lines: vec![line],
            }),
        }
    }

    pub(crate) fn unknown(&mut self, column: &str, value: &str) {
        let entry = match self.unknown_values.iter_mut().position(|u| u.column == column) {
            Some(i) => &mut self.unknown_values[i],
            None => {
                self.unknown_values.push(UnknownValues { column: column.to_string(), count: 0, examples: Vec::new() });
                self.unknown_values.last_mut().expect("just pushed")
            }
        };
        entry.count += 1;
        // An example is quoted as messages quote file text: escaped and bounded.
        let example = quoted_text(value);
        if entry.examples.len() < 3 && !entry.examples.iter().any(|e| *e == example) {
            entry.examples.push(example.into_owned());
        }
    }

    /// Whether rows were kept but none of them counts as IPV: an IPV rule (of the reading rules)
    /// that matches nothing in this file, so that every analysis of it would count nothing.
    pub fn no_ipv_rows(&self) -> bool {
        self.ipv_rows == Some(0) && self.rows_kept > 0
    }

    /// Adds the warning of [`QualityReport::no_ipv_rows`], once the file has been read.
    pub(crate) fn warn_if_no_ipv_rows(&mut self) {
        if self.no_ipv_rows() {
            self.warnings.push(format!(
                "none of the {} rows kept counts as IPV under the reading rules' IPV rule for {}: check the \
                 rule (domestic flag, offence or call types, relationship codes) before any analysis",
                crate::words::count(self.rows_kept as u64),
                self.table.name()
            ));
        }
    }

    pub fn rows_rejected(&self) -> usize {
        self.rejected.iter().map(|g| g.count).sum()
    }

    /// The report as plain text, as the CLI prints it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let pct = |n: usize, of: usize| {
            if of == 0 {
                0.0
            } else {
                100.0 * n as f64 / of as f64
            }
        };
        let _ = writeln!(out, "{}: {} table", quoted_text(&self.file), self.table.name());
        let _ = writeln!(
            out,
            "  read as {}, {} delimited, {}{} line ends",
            self.encoding.name(),
            delimiter_name(self.delimiter),
            if self.has_header { "header row, " } else { "no header row, " },
            self.line_ends.name()
        );
        let _ = writeln!(
            out,
            "  rows: {} read, {} kept, {} rejected",
            self.rows_read,
            self.rows_kept,
            self.rows_rejected()
        );
        for g in &self.rejected {
            let lines: Vec<String> = g.first_lines.iter().map(u64::to_string).collect();
            let _ = writeln!(out, "    {} x {} (first at line {})", g.count, g.reason, lines.join(", "));
        }
        if let (Some(first), Some(last)) = (self.first_day, self.last_day) {
            let _ = writeln!(out, "  dates: {} to {}", iso(first), iso(last));
        }
        if !self.date_range.is_all() {
            let _ = writeln!(
                out,
                "  dates to load (reading rules): {}; rows dated outside them, left out: {}",
                self.date_range.words(),
                self.outside_dates
            );
        }
        if let Some(ipv) = self.ipv_rows {
            let _ = writeln!(out, "  IPV rows: {} of {} ({:.1}%)", ipv, self.rows_kept, pct(ipv, self.rows_kept));
        }
        for (text, n) in &self.ipv_values {
            let _ = writeln!(out, "    {n} x {}", quoted_text(text));
        }
        for d in &self.decisions {
            let _ = writeln!(out, "  read from the data: {d}");
        }
        if self.duplicate_ids > 0 {
            let _ = writeln!(out, "  duplicate ids: {}", self.duplicate_ids);
        }
        if self.missing_person > 0 {
            let _ = writeln!(out, "  rows without a person id: {}", self.missing_person);
        }
        if self.future_dates > 0 {
            let _ = writeln!(out, "  dates in the future: {}", self.future_dates);
        }
        if self.implausible_dates_kept > 0 {
            let _ = writeln!(
                out,
                "  placeholder or implausible dates kept (reading rules keep them): {}",
                self.implausible_dates_kept
            );
        }
        let _ = writeln!(out, "  columns (field: filled):");
        for c in &self.fill {
            let field = c.field.map_or("not used".to_string(), |f| f.label(self.table).to_string());
            let column = quoted_text(&c.column);
            let _ = writeln!(out, "    {column:<32} {field:<28} {:>5.1}%", pct(c.filled, self.rows_read));
        }
        for u in &self.unknown_values {
            let _ = writeln!(
                out,
                "  unrecognised values in \"{}\": {} (read as no), e.g. {}",
                quoted_text(&u.column),
                u.count,
                quoted_list(&u.examples, 3)
            );
        }
        for w in &self.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
        out
    }
}
