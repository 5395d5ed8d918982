//! Rows to columns: the resumable parser behind every file load.
//!
//! `Parser::new` decodes and sniffs a file, reads its header row, chooses the table and the
//! column mapping, decides how slashed dates read ([`order`]) and starts the quality report
//! ([`report`]); `step` parses rows ([`rows`], one function per table); `finish` hands over.

mod header;
mod ipv;
mod order;
mod parts;
mod parts_merge;
#[cfg(test)]
mod parts_tests;
mod quotes;
mod report;
mod room;
mod rows;

use super::dates::DateOrder;
use super::error::{IngestError, IngestErrorKind, Position};
use super::fields::{Field, Table};
use super::mapping::Mapping;
use super::profile::{ipv_by_offence_text, profile, PROFILE_ROWS};
use super::quality::QualityReport;
use super::sniff::{decode_text, sniff_dialect, Decoded, Dialect, TextEncoding};
use super::values::FlagReader;
use super::{IngestOptions, IpvRule};
use crate::model::{Calls, Ids, Incidents, Notifications, Sanctions, Services};
use header::{choose_mapping, first_record, header_names};
#[cfg(not(target_arch = "wasm32"))]
pub use parts::ingest_on_threads;
pub use parts::{NextPart, ParsedPart, PartTally};
use room::{field_columns, reserved_ids};
use std::borrow::Cow;
use std::io::Cursor;
use std::sync::Arc;

/// The rows of one file, with ids local to the file (see [`super::assemble`]).
#[derive(Clone, Debug)]
pub enum TableRows {
    Incidents(Arc<Incidents>),
    Calls(Arc<Calls>),
    Notifications(Arc<Notifications>),
    Services(Arc<Services>),
    Sanctions(Arc<Sanctions>),
}

impl TableRows {
    fn empty(table: Table) -> TableRows {
        match table {
            Table::Incidents => TableRows::Incidents(Arc::default()),
            Table::Calls => TableRows::Calls(Arc::default()),
            Table::Notifications => TableRows::Notifications(Arc::default()),
            Table::Services => TableRows::Services(Arc::default()),
            Table::Sanctions => TableRows::Sanctions(Arc::default()),
        }
    }

    fn reserve(&mut self, more: usize) {
        match self {
            TableRows::Incidents(t) => Arc::make_mut(t).reserve(more),
            TableRows::Calls(t) => Arc::make_mut(t).reserve(more),
            TableRows::Notifications(t) => Arc::make_mut(t).reserve(more),
            TableRows::Services(t) => Arc::make_mut(t).reserve(more),
            TableRows::Sanctions(t) => Arc::make_mut(t).reserve(more),
        }
    }
}

/// One file, parsed.
#[derive(Clone, Debug)]
pub struct ParsedFile {
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub report: QualityReport,
    /// The first rows as written, for the mapping preview.
    pub samples: Vec<Vec<String>>,
    pub rows: TableRows,
    pub people: Arc<Ids>,
    pub addresses: Arc<Ids>,
    pub labels: Arc<Ids>,
}

/// The decoded text of a file: the caller's bytes when they were UTF-8 (past any byte-order
/// mark), else a re-encoded copy.
#[derive(Clone)]
struct Text {
    bytes: Arc<Vec<u8>>,
    start: usize,
}

impl AsRef<[u8]> for Text {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// A file decoded and sniffed.
struct Opened {
    text: Text,
    encoding: TextEncoding,
    /// Lines read as Windows-1252 in a UTF-8 file: how many, and the first.
    windows_1252: (usize, Vec<u64>),
    dialect: Dialect,
    /// Where the text starts in the file's bytes; `None` when the text is a re-encoded copy
    /// (its offsets are not the file's).
    file_offset: Option<u64>,
}

/// Reads one file in steps: `new` sniffs and maps, `step` parses rows, `finish` hands over.
pub struct Parser {
    reader: csv::Reader<Cursor<Text>>,
    total_bytes: u64,
    file_offset: Option<u64>,
    width: usize,
    delimiter: u8,
    /// The quoted field of the current record that runs over a line end, if any.
    quote: Option<quotes::QuotedSpan>,
    /// Suspiciously long quoted fields in rows that were kept: how many, and the first's line
    /// and line ends.
    long_quotes: (usize, u64, u64),
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub samples: Vec<Vec<String>>,
    order: DateOrder,
    flags: FlagReader,
    ipv: IpvRule,
    ipv_kinds: Vec<String>,
    /// The columns mapped to the person: more than one make a composite id.
    person_columns: Vec<usize>,
    /// By offence or call-type label id, when the rule reads that text: whether the text meets
    /// the rule (`rows::KIND_*`: a text is read once, not on every row), and the IPV rows with it.
    kind_ipv: Vec<u8>,
    ipv_rows_by_kind: Vec<usize>,
    /// IPV rows whose offence or call-type text is empty.
    ipv_rows_without_kind: usize,
    /// The column of each field (by `Field as usize`): rows ask for them many times each.
    field_columns: Vec<Option<usize>>,
    today: i32,
    keep_implausible_dates: bool,
    record: csv::ByteRecord,
    report: QualityReport,
    rows: TableRows,
    people: Ids,
    addresses: Ids,
    labels: Ids,
    /// A byte offset of the text and its line, from which the next line is counted.
    line_mark: (u64, u64),
    done: bool,
    /// Whether the columns have room for the whole file (`reserve_rows`).
    reserved: bool,
    /// The bytes of the text whose rows this parser reads: the whole text, or one part
    /// ([`parts`]); a record that starts before the end is read to its own end.
    span: (u64, u64),
    /// Where the rows read end when they are more than this parser's own (`parts::absorb`).
    stopped: Option<u64>,
    /// The report before any row was read, for the parsers of later parts.
    blank_report: QualityReport,
    /// In a later part: labels that a record id brought in first, in order (for its duplicates).
    first_by_record: Option<Vec<u32>>,
}

/// Decodes and sniffs a file; UTF-8 bytes are shared, not copied.
fn open(bytes: &Arc<Vec<u8>>) -> Result<Opened, IngestError> {
    let Decoded { text, encoding, windows_1252_lines, first_windows_1252_lines } = decode_text(bytes)?;
    let dialect = sniff_dialect(&text);
    let (text, file_offset) = match text {
        Cow::Borrowed(t) => {
            let start = t.as_ptr() as usize - bytes.as_ptr() as usize;
            (Text { start, bytes: bytes.clone() }, Some(start as u64))
        }
        Cow::Owned(t) => (Text { start: 0, bytes: Arc::new(t.into_bytes()) }, None),
    };
    let windows_1252 = (windows_1252_lines, first_windows_1252_lines);
    Ok(Opened { text, encoding, windows_1252, dialect, file_offset })
}

/// How every pass over a file reads it: records of any width, so that a ragged row is a
/// rejected row rather than the end of the file.
fn csv_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter).has_headers(false).flexible(true).buffer_capacity(1 << 16);
    b
}

/// An error of the CSV reader, placed in the file (`line` is the line of its position).
fn csv_error(err: &csv::Error, line: Option<u64>, file_offset: Option<u64>) -> IngestError {
    let error = IngestError::new(IngestErrorKind::Csv { detail: err.to_string() });
    match (err.position(), line) {
        (Some(p), Some(line)) => {
            error.at(Position { line, record: Some(p.record()), byte: file_offset.map(|start| start + p.byte()) })
        }
        _ => error,
    }
}

impl Parser {
    /// Decodes and sniffs `bytes`, reads the header and proposes (or applies) table and mapping.
    /// `bytes` are shared, not copied, when they are UTF-8 already.
    pub fn new(name: &str, bytes: Arc<Vec<u8>>, options: &IngestOptions) -> Result<Parser, IngestError> {
        let Opened { text, encoding, windows_1252, dialect, file_offset } =
            open(&bytes).map_err(|e| e.in_file(name))?;
        crate::ingest::limits::check_text(text.as_ref(), dialect.delimiter).map_err(|e| e.in_file(name))?;
        let total_bytes = text.as_ref().len() as u64;
        let mut reader = csv_builder(dialect.delimiter).from_reader(Cursor::new(text));
        let (first, title_lines) = first_record(&mut reader, dialect).map_err(|e| {
            let error = match e {
                Some(e) => csv_error(&e, e.position().map(|p| p.line()), file_offset),
                None => IngestError::new(IngestErrorKind::NoRows),
            };
            error.in_file(name)
        })?;
        let headers = header_names(&first, dialect.has_header);
        let remembered = options.settings.mapping_for(&headers).filter(|_| options.mapping.is_none());
        let text: &[u8] = reader.get_ref().get_ref().as_ref();
        let before_data = title_lines + usize::from(dialect.has_header);
        let profiles = profile(&headers, &order::first_rows(text, dialect.delimiter, before_data, PROFILE_ROWS));
        let (mapping, by_content) =
            choose_mapping(options, remembered, &headers, &profiles).map_err(|e| e.in_file(name))?;
        let rule = options.settings.ipv.for_table(mapping.table);
        let by_text = ipv_by_offence_text(rule, &mapping, &profiles);
        let ipv = by_text.clone().unwrap_or_else(|| rule.clone());

        let scan = order::scan(text, dialect.delimiter, before_data, mapping.column(Field::Date));
        let dates = order::decide(&scan, options.date_order.or(remembered.and_then(|m| m.date_order)));
        let (labels, people) = reserved_ids(&scan.samples, total_bytes, &mapping);
        let order = dates.order;
        let mut report = report::start(name, encoding, dialect, &headers, &mapping, dates);
        report.date_range = options.settings.date_range;
        report::windows_1252_lines(&mut report, windows_1252);
        report::content(&mut report, profiles, by_content, by_text.as_ref(), &mapping);
        let person_columns =
            (0..mapping.columns.len()).filter(|&j| mapping.columns[j] == Some(Field::Person)).collect();
        let field_columns = field_columns(&mapping);
        let blank_report = report.clone();
        let mut parser = Parser {
            reader,
            total_bytes,
            file_offset,
            width: first.len(),
            delimiter: dialect.delimiter,
            quote: None,
            long_quotes: (0, 0, 0),
            rows: TableRows::empty(mapping.table),
            headers,
            mapping,
            samples: scan.samples,
            order,
            flags: FlagReader::new(&options.settings.flags),
            ipv_kinds: ipv.kinds.iter().map(|k| k.to_lowercase()).collect(),
            ipv,
            kind_ipv: Vec::new(),
            ipv_rows_by_kind: Vec::new(),
            ipv_rows_without_kind: 0,
            field_columns,
            person_columns,
            today: options.today,
            keep_implausible_dates: options.settings.keep_implausible_dates,
            record: csv::ByteRecord::new(),
            report,
            people,
            addresses: Ids::default(),
            labels,
            line_mark: (0, 1),
            done: false,
            reserved: false,
            span: (0, total_bytes),
            stopped: None,
            blank_report,
            first_by_record: None,
        };
        let first = csv::ByteRecord::from(first);
        let first_start = first.position().map_or(0, |p| p.byte());
        let first_end = parser.reader.position().byte();
        parser.quote = parser.quoted(&first, first_start, first_end)?;
        if title_lines > 0 {
            // Lines, not records: the empty lines among the titles count too.
            let above = parser.line_at(first_start) - 1;
            report::title_lines(&mut parser.report, above as usize);
            parser.blank_report.clone_from(&parser.report);
        }
        if !dialect.has_header {
            // The first record was data: parse it like the rest.
            parser.row(&first, first_start);
        }
        Ok(parser)
    }

    /// Fields the table needs and the mapping lacks, as an error naming them.
    pub fn check(&self) -> Result<(), IngestError> {
        let fields = self.mapping.missing();
        if fields.is_empty() {
            return Ok(());
        }
        let kind = IngestErrorKind::MissingFields { table: self.mapping.table, fields, headers: self.headers.clone() };
        Err(IngestError::new(kind).in_file(&self.report.file))
    }

    /// How slashed dates are read.
    pub fn date_order(&self) -> DateOrder {
        self.order
    }

    /// Bytes read so far and in all.
    pub fn progress(&self) -> (u64, u64) {
        let (start, end) = self.span;
        (self.reader.position().byte().clamp(start, end) - start, end - start)
    }

    /// Parses up to `max_rows` more rows; returns whether the file is finished.
    pub fn step(&mut self, max_rows: usize) -> Result<bool, IngestError> {
        if self.done {
            return Ok(true);
        }
        let mut record = std::mem::take(&mut self.record);
        for _ in 0..max_rows {
            if self.at_part_end() {
                self.done = true;
                break;
            }
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {
                    let start = record.position().map_or(0, |p| p.byte());
                    self.quote = self.quoted(&record, start, self.reader.position().byte())?;
                    self.row(&record, start);
                }
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Err(err) => {
                    let line = err.position().map(|p| self.line_at(p.byte()));
                    return Err(csv_error(&err, line, self.file_offset).in_file(&self.report.file));
                }
            }
        }
        self.record = record;
        self.reserve_rows();
        Ok(self.done)
    }

    /// The parsed file; an error when no row could be kept.
    pub fn finish(mut self) -> Result<ParsedFile, IngestError> {
        while !self.step(1 << 16)? {}
        self.report.warn_if_no_ipv_rows();
        self.report.ipv_values = report::most_frequent(self.ipv_texts(), 5);
        self.report.warnings.extend(self.long_quotes_warning());
        report::usable(&self.report)?;
        Ok(self.into_file())
    }

    /// The rows and ids read, with the report as it stands.
    fn into_file(self) -> ParsedFile {
        ParsedFile {
            headers: self.headers,
            mapping: self.mapping,
            report: self.report,
            samples: self.samples,
            rows: self.rows,
            people: Arc::new(self.people),
            addresses: Arc::new(self.addresses),
            labels: Arc::new(self.labels),
        }
    }
}

/// Reads a whole file at once (the CLI and tests): sniff, map, check, parse.
pub fn ingest_file(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<ParsedFile, IngestError> {
    let parser = Parser::new(name, Arc::new(bytes.to_vec()), options)?;
    parser.check()?;
    parser.finish()
}
