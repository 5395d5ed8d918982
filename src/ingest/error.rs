//! What went wrong with a file and where, as values: the kind of problem with its data, the
//! file, the position (line, record, byte) and the column, in the manner of the csv crate's
//! `Error` and `Position`. The web app shows them apart; `Display` says it in one sentence.

use super::fields::{Field, Table};
use super::limits::size_words;
use super::plausible::DateRange;
use super::quality::RowProblem;
use super::sniff::TextEncoding;
use crate::words::{count, quoted_list, quoted_text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where in a file a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line of the file.
    pub line: u64,
    /// 0-based record of the file (the header row is record 0), where known.
    pub record: Option<u64>,
    /// Offset in the file's bytes, where known (not for text that had to be re-encoded).
    pub byte: Option<u64>,
}

impl Position {
    pub fn line(line: u64) -> Position {
        Position { line, record: None, byte: None }
    }
}

/// What is wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestErrorKind {
    /// No bytes, or only blank lines.
    Empty,
    /// Bytes that are not text: a picture, a spreadsheet, a compressed file.
    NotText,
    /// An Excel workbook (.xlsx or .xls), perhaps renamed to .csv.
    ExcelWorkbook,
    /// A NUL byte (at `byte` of the file) in a file that otherwise reads as text.
    NulByte { byte: u64 },
    /// A UTF-8 byte-order mark, then bytes that are not UTF-8.
    InvalidUtf8AfterBom { byte: u64 },
    /// A UTF-16 byte-order mark, then bytes that are not UTF-16.
    InvalidUtf16 { encoding: TextEncoding },
    /// Text, but not one record in it.
    NoRows,
    /// A header row and nothing after it.
    HeaderOnly,
    /// Every row is dated outside the dates to load (a reading rule).
    NoneInDates { range: DateRange, outside: usize },
    /// The column mapping chosen or remembered for the file has another number of columns.
    MappingWidth { saved: usize, found: usize },
    /// Fields the table needs that no column is mapped to.
    MissingFields { table: Table, fields: Vec<Field>, headers: Vec<String> },
    /// The CSV reader could not go on.
    Csv { detail: String },
    /// A quote opened at the start of a field and never closed: the rest of the file, `lines`
    /// lines from the quote's, would be one field.
    UnclosedQuote { lines: u64 },
    /// Every row was rejected; `problem` is the first reason, `rows` how many were read.
    NothingKept { problem: RowProblem, rows: usize },
    /// The bytes of the file could not be had; `reason` says it in words ("the browser could
    /// not read the file from disk").
    Unreadable { reason: String },
    /// A file over the size limit (`limits`); `bytes` where known (a stream has no size).
    TooLarge { bytes: Option<u64>, limit: u64 },
    /// A file the browser tab could not hold once read (`limits::TabRoom`): `needed`
    /// is the estimate for it and the files already loaded, `limit` what a tab holds.
    TooBigForTab { bytes: u64, needed: u64, limit: u64 },
    /// A line with more columns than the limit (`limits`).
    TooManyColumns { limit: u64 },
    /// A file offered as reading rules that is not one.
    NotReadingRules { detail: String },
}

impl IngestErrorKind {
    /// The column the problem is in, for problems of one column.
    pub fn column(&self) -> Option<&str> {
        match self {
            IngestErrorKind::NothingKept { problem, .. } => problem.column(),
            _ => None,
        }
    }
}

/// "a" or "an" before a word, by its first letter (good enough for the words used here).
fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

impl fmt::Display for IngestErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use IngestErrorKind::*;
        match self {
            Empty => write!(f, "the file is empty"),
            NotText => write!(
                f,
                "this is not a text (CSV) file, or it is in an encoding the workbench does not know: \
                 export it as CSV in UTF-8"
            ),
            ExcelWorkbook => write!(
                f,
                "this is an Excel workbook, not a CSV file: open it in Excel and save it as CSV (File > Save As > \
                 CSV UTF-8), then load the CSV file"
            ),
            NulByte { byte } => write!(
                f,
                "byte {byte} is a NUL byte, which no text (CSV) file holds: the file is damaged or not CSV; \
                 export it again as CSV in UTF-8"
            ),
            InvalidUtf8AfterBom { byte } => write!(
                f,
                "the file says it is UTF-8 (it starts with a byte-order mark) but byte {byte} is not valid UTF-8"
            ),
            InvalidUtf16 { encoding } => write!(f, "the file says it is {} but is not valid", encoding.name()),
            NoRows => write!(f, "the file has no rows"),
            HeaderOnly => write!(f, "the file has a header but no rows"),
            NoneInDates { range, outside } => write!(
                f,
                "none of its {} rows is dated within the dates to load ({}): change the dates to load in the reading \
                 rules",
                count(*outside as u64),
                range.words()
            ),
            MappingWidth { saved, found } => {
                let s = if *saved == 1 { "" } else { "s" };
                write!(f, "the saved column mapping has {saved} column{s} but the file has {found}")
            }
            MissingFields { table, fields, headers } => {
                let names: Vec<&str> = fields.iter().map(|field| field.label(*table)).collect();
                write!(
                    f,
                    "as {} {} table it needs a column for: {}. None of its columns ({}) was recognised as such; \
                     choose the column in the mapping",
                    article(table.name()),
                    table.name(),
                    names.join(", "),
                    quoted_list(headers, 20)
                )
            }
            Csv { detail } => write!(f, "the file cannot be read as CSV ({})", quoted_text(detail)),
            UnclosedQuote { lines } => {
                let s = if *lines == 1 { "" } else { "s" };
                write!(
                    f,
                    "a quote opened here is never closed; the rest of the file ({lines} line{s}) would be one \
                     field: close the quote or remove it"
                )
            }
            NothingKept { problem, .. } => write!(f, "no row could be read: every row was rejected ({problem})"),
            Unreadable { reason } => write!(f, "{}", quoted_text(reason)),
            TooLarge { bytes: Some(bytes), limit } => write!(
                f,
                "the file has {} bytes ({}), more than the {} the workbench reads: split it (for example by year) \
                 and load the parts",
                count(*bytes),
                size_words(*bytes),
                size_words(*limit)
            ),
            TooLarge { bytes: None, limit } => write!(
                f,
                "the file goes on past {}, the most the workbench reads: if it is a device or a stream, save the \
                 extract as a file; if it is larger, split it (for example by year) and load the parts",
                size_words(*limit)
            ),
            TooBigForTab { bytes, needed, limit } => write!(
                f,
                "the file has {} and, with the files already loaded, would need about {} of this tab's memory once \
                 read, more than the {} a browser tab can hold: load only some of its dates (choose the dates to \
                 load, below or in the reading rules), or use the command line tool ipvi, which has no such limit",
                size_words(*bytes),
                size_words(*needed),
                size_words(*limit)
            ),
            TooManyColumns { limit } => write!(
                f,
                "the line has more than {} columns (counting its delimiters), the most the workbench reads: is \
                 this a CSV extract with the right delimiter?",
                count(*limit)
            ),
            NotReadingRules { detail } => write!(f, "not a reading-rules file ({})", quoted_text(detail)),
        }
    }
}

/// A problem with a file, said so that a person can act on it: what, in which file, where.
/// Boxed, as the csv crate's `Error` is, so that a `Result` stays small on the happy path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestError(Box<Detail>);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Detail {
    kind: IngestErrorKind,
    file: Option<String>,
    position: Option<Position>,
    column: Option<String>,
}

impl IngestError {
    /// An error of this kind, in no file yet; its column is the kind's.
    pub fn new(kind: IngestErrorKind) -> IngestError {
        let column = kind.column().map(String::from);
        IngestError(Box::new(Detail { kind, file: None, position: None, column }))
    }

    pub fn in_file(mut self, name: &str) -> IngestError {
        self.0.file = Some(name.to_string());
        self
    }

    pub fn at(mut self, position: Position) -> IngestError {
        self.0.position = Some(position);
        self
    }

    pub fn kind(&self) -> &IngestErrorKind {
        &self.0.kind
    }

    /// The file's name, once known.
    pub fn file(&self) -> Option<&str> {
        self.0.file.as_deref()
    }

    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// The line, where known.
    pub fn line(&self) -> Option<u64> {
        self.0.position.map(|p| p.line)
    }

    /// The column (its header) of a problem in one column; the kind's words name it too.
    pub fn column(&self) -> Option<&str> {
        self.0.column.as_deref()
    }
}

impl From<IngestErrorKind> for IngestError {
    fn from(kind: IngestErrorKind) -> Self {
        IngestError::new(kind)
    }
}

/// `file, line N: what` (the column is named by the kinds that concern one column).
impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(file) = self.file() {
            place.push(quoted_text(file).into_owned());
        }
        if let Some(line) = self.line() {
            place.push(format!("line {line}"));
        }
        if place.is_empty() {
            write!(f, "{}", self.kind())
        } else {
            write!(f, "{}: {}", place.join(", "), self.kind())
        }
    }
}

impl std::error::Error for IngestError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_fits_the_table() {
        let missing = |table| IngestErrorKind::MissingFields { table, fields: vec![Field::Date], headers: vec![] };
        assert!(missing(Table::Incidents).to_string().starts_with("as an incidents table"));
        assert!(missing(Table::Calls).to_string().starts_with("as a calls table"));
        assert!(missing(Table::Sanctions).to_string().starts_with("as a sanctions table"));
    }

    #[test]
    fn a_problem_in_one_column_names_it_in_words_and_as_data() {
        let problem = RowProblem::UnreadableDate { column: "Fecha".into() };
        let err =
            IngestError::new(IngestErrorKind::NothingKept { problem, rows: 3 }).in_file("f.csv").at(Position::line(2));
        assert_eq!(err.column(), Some("Fecha"));
        assert_eq!(
            err.to_string(),
            "f.csv, line 2: no row could be read: every row was rejected (unreadable date in column \"Fecha\")"
        );
        let err = IngestError::new(IngestErrorKind::Empty);
        assert_eq!((err.to_string().as_str(), err.column()), ("the file is empty", None));
    }

    #[test]
    fn file_text_in_a_message_is_escaped_and_bounded() {
        let problem = RowProblem::UnreadableDate { column: "Date\u{1b}[31m".into() };
        let err = IngestError::new(IngestErrorKind::NothingKept { problem, rows: 3 }).in_file("x\u{7}.csv");
        assert_eq!(
            err.to_string(),
            "x\\x07.csv: no row could be read: every row was rejected (unreadable date in column \"Date\\x1b[31m\")"
        );
        let headers: Vec<String> = (0..10_000).map(|i| format!("{}{i}", "h".repeat(300))).collect();
        let missing = IngestErrorKind::MissingFields { table: Table::Calls, fields: vec![Field::Date], headers };
        let text = missing.to_string();
        assert!(text.len() < 20 * 210 + 300 && text.contains("… and 9,980 more"), "{}", text.len());
    }
}
