//! One file's rows parsed in parts (`ipvi` parses a large extract on several threads) and merged
//! into exactly the [`ParsedFile`] one pass gives (`docs/architecture.md`).
//!
//! Every decision taken from the start of the file (encoding, delimiter, header, table and
//! mapping, date order ...) is `Parser::new`'s, taken once: each part's parser is made from that
//! one. [`Parser::part_bounds`] splits the rows below the header at line ends outside quotes (an
//! even number of quotes since the first row); [`Parser::part`] reads the rows of one part with
//! ids and a report of its own; [`Parser::absorb`] merges the next part in as if this parser had
//! read it: its new names take the ids after this one's, in the order they came, its counts add
//! up and its lines are the file's (the parts count lines from the start of the text). A split
//! the quote count got wrong (a quote inside a field that was not quoted) shows as a part that
//! does not start where the one before stopped: it is left aside and this parser reads on.

use super::{csv_builder, ParsedFile, Parser, TableRows};
use crate::ingest::error::IngestError;
use crate::model::Ids;
use std::io::{Cursor, SeekFrom};

/// What a part holds beside its rows and ids: where it read, and what the merge needs to count
/// as one pass would have.
#[derive(Clone, Debug, PartialEq)]
pub struct PartTally {
    /// Byte of the text where its rows start, and where its reading stopped.
    pub start: u64,
    pub stop: u64,
    /// IPV rows by offence or call-type label, and those without one.
    pub ipv_rows_by_kind: Vec<usize>,
    pub ipv_rows_without_kind: usize,
    /// Labels that a record id brought in first: duplicates if an earlier part had them.
    pub first_by_record: Vec<u32>,
    /// Long quoted fields: how many, and the first's line and line ends.
    pub long_quotes: (usize, u64, u64),
}

/// The rows of one part, with ids local to the part and a report of its counts only.
#[derive(Clone, Debug)]
pub struct ParsedPart {
    pub file: ParsedFile,
    pub tally: PartTally,
}

/// The part that follows this parser's, as its thread hands it over.
#[derive(Debug)]
pub enum NextPart {
    Parsed(Box<ParsedPart>),
    /// Its parser stopped at an error (it started at byte `start`).
    Failed {
        start: u64,
        error: IngestError,
    },
    /// Its thread gave no answer that can be used.
    Lost,
}

/// Quotes in some bytes.
fn quotes_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'"').count()
}

/// The first byte after a line feed at or after `from` that follows an even number of quotes
/// (`quotes` of them before `from`), and the quotes before it; the end of the text if none.
fn line_start_outside_quotes(text: &[u8], from: usize, mut quotes: usize) -> (usize, usize) {
    for (i, &b) in text.iter().enumerate().skip(from) {
        match b {
            b'"' => quotes += 1,
            b'\n' if quotes % 2 == 0 => return (i + 1, quotes),
            _ => {}
        }
    }
    (text.len(), quotes)
}

impl Parser {
    fn all_text(&self) -> &[u8] {
        self.reader.get_ref().get_ref().as_ref()
    }

    /// Where the rows not yet read split into `n` parts of about the same size: `n + 1` bytes
    /// of the text, from the reader's position to the end (parts may be empty).
    pub fn part_bounds(&self, n: usize) -> Vec<u64> {
        let text = self.all_text();
        let first = (self.reader.position().byte() as usize).min(text.len());
        let mut bounds = vec![first as u64];
        let (mut at, mut quotes) = (first, 0);
        for k in 1..n.max(1) {
            let aim = first + (text.len() - first) * k / n;
            if aim > at {
                quotes += quotes_in(&text[at..aim]);
                at = aim;
            }
            (at, quotes) = line_start_outside_quotes(text, at, quotes);
            bounds.push(at as u64);
        }
        bounds.push(text.len() as u64);
        bounds
    }

    /// This parser reads no record that starts at or after byte `end` (one of `part_bounds`):
    /// it parses the first part.
    pub fn stop_at(&mut self, end: u64) {
        self.span.1 = end.clamp(self.span.0, self.total_bytes);
    }

    /// A parser of the rows from byte `start` to `end` of the text (two of `part_bounds`), with
    /// this parser's decisions, its own ids and a report of its own counts.
    pub fn part(&self, start: u64, end: u64) -> Parser {
        let text = self.reader.get_ref().get_ref().clone();
        let mut reader = csv_builder(self.delimiter).from_reader(Cursor::new(text));
        let mut at = csv::Position::new();
        at.set_byte(start);
        // A cursor over bytes in memory seeks anywhere; the reader reads no row before it.
        let _ = reader.seek_raw(SeekFrom::Start(start), at);
        let (labels, people) = super::room::reserved_ids(&self.samples, end.saturating_sub(start), &self.mapping);
        Parser {
            reader,
            total_bytes: self.total_bytes,
            file_offset: self.file_offset,
            width: self.width,
            delimiter: self.delimiter,
            quote: None,
            long_quotes: (0, 0, 0),
            headers: self.headers.clone(),
            mapping: self.mapping.clone(),
            samples: self.samples.clone(),
            order: self.order,
            flags: self.flags.clone(),
            ipv: self.ipv.clone(),
            ipv_kinds: self.ipv_kinds.clone(),
            person_columns: self.person_columns.clone(),
            kind_ipv: Vec::new(),
            ipv_rows_by_kind: Vec::new(),
            ipv_rows_without_kind: 0,
            field_columns: self.field_columns.clone(),
            today: self.today,
            keep_implausible_dates: self.keep_implausible_dates,
            record: csv::ByteRecord::new(),
            report: self.blank_report.clone(),
            rows: TableRows::empty(self.mapping.table),
            people,
            addresses: Ids::default(),
            labels,
            line_mark: (0, 1),
            done: false,
            reserved: false,
            span: (start, end.clamp(start, self.total_bytes)),
            stopped: None,
            blank_report: self.blank_report.clone(),
            first_by_record: Some(Vec::new()),
        }
    }

    /// Whether the reader has passed the end of this parser's part: at or after it, or with
    /// only line ends (which make no row) left before it.
    pub(super) fn at_part_end(&self) -> bool {
        let end = self.span.1;
        if end >= self.total_bytes {
            return false;
        }
        let at = self.reader.position().byte();
        at >= end || self.all_text()[at as usize..end as usize].iter().all(|&b| b == b'\n' || b == b'\r')
    }

    /// Where the rows read so far end: past the end of the part when its last record runs over.
    fn stop(&self) -> u64 {
        self.stopped.unwrap_or_else(|| self.reader.position().byte().max(self.span.1))
    }

    /// The part's rows, parsed to its end, with what `absorb` needs to merge them.
    pub fn finish_part(mut self) -> Result<ParsedPart, IngestError> {
        while !self.step(1 << 16)? {}
        let tally = PartTally {
            start: self.span.0,
            stop: self.stop(),
            ipv_rows_by_kind: std::mem::take(&mut self.ipv_rows_by_kind),
            ipv_rows_without_kind: self.ipv_rows_without_kind,
            first_by_record: self.first_by_record.take().unwrap_or_default(),
            long_quotes: self.long_quotes,
        };
        Ok(ParsedPart { file: self.into_file(), tally })
    }

    /// Reads this parser's own rows to the end of its part, then takes in the next part: its
    /// rows and counts when it starts where this one stopped, its error then; otherwise (or when
    /// it is lost) this parser reads the rest of the file itself.
    pub fn absorb(&mut self, next: NextPart) -> Result<(), IngestError> {
        while !self.step(1 << 16)? {}
        if self.span.1 >= self.total_bytes {
            // Read to the end already: nothing follows.
            return Ok(());
        }
        let stop = self.stop();
        match next {
            NextPart::Parsed(part) if part.tally.start == stop && part.file.mapping.table == self.mapping.table => {
                self.merge(*part);
                Ok(())
            }
            NextPart::Failed { start, error } if start == stop => Err(error),
            _ => {
                self.read_on(stop);
                Ok(())
            }
        }
    }

    /// Reads on from byte `from` to the end of the file, in place of parts that cannot be used.
    fn read_on(&mut self, from: u64) {
        if self.reader.position().byte() != from {
            let mut at = csv::Position::new();
            at.set_byte(from);
            let _ = self.reader.seek_raw(SeekFrom::Start(from), at);
        }
        self.span.1 = self.total_bytes;
        self.stopped = None;
        self.done = false;
    }
}

/// Reads a whole file on `threads` threads, each parsing a part of the rows, merged into exactly
/// what [`super::ingest_file`] gives. The command line tool reads large extracts so: the time
/// goes into looking up ids in tables larger than the cache, which the cores share out (a web
/// page's workers would each need the whole file, so the page reads on one).
#[cfg(not(target_arch = "wasm32"))]
pub fn ingest_on_threads(
    name: &str,
    bytes: &[u8],
    options: &crate::ingest::IngestOptions,
    threads: usize,
) -> Result<ParsedFile, IngestError> {
    let mut parser = Parser::new(name, std::sync::Arc::new(bytes.to_vec()), options)?;
    parser.check()?;
    let bounds = parser.part_bounds(threads.max(1));
    let later: Vec<Parser> = bounds.windows(2).skip(1).map(|w| parser.part(w[0], w[1])).collect();
    parser.stop_at(bounds[1]);
    std::thread::scope(|scope| {
        let parsing: Vec<_> = later
            .into_iter()
            .map(|part| {
                let start = part.span.0;
                scope.spawn(move || match part.finish_part() {
                    Ok(part) => NextPart::Parsed(Box::new(part)),
                    Err(error) => NextPart::Failed { start, error },
                })
            })
            .collect();
        while !parser.step(1 << 16)? {}
        for part in parsing {
            parser.absorb(part.join().unwrap_or(NextPart::Lost))?;
        }
        Ok::<(), IngestError>(())
    })?;
    parser.finish()
}
