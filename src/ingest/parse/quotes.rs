//! Quoted fields that run over line ends. A quote opened and never closed makes the rest of the
//! file one field; a stray quote closed by another one lines later makes one row of several.
//! Both are found here, on the bytes of the one record that shows the sign (a field holding a
//! line end, or the last record), so that the message can name the line where the quote opened.

use super::Parser;
use crate::ingest::error::{IngestError, IngestErrorKind, Position};
use crate::ingest::sniff::line_ends;

/// A quoted field of more line ends than this is reported (multi-line notes rarely run longer).
pub(super) const SUSPECT_LINES: u64 = 10;
/// A quoted field of more bytes than this is reported.
pub(super) const SUSPECT_BYTES: usize = 64 * 1024;

/// The quoted field of a record that runs over a line end, or that the text ends in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct QuotedSpan {
    /// Byte of the text where the opening quote stands.
    pub open: usize,
    /// Byte after the closing quote (the end of the record when it is never closed).
    pub end: usize,
    pub closed: bool,
    /// Line ends inside the field.
    pub line_ends: u64,
}

impl QuotedSpan {
    /// Whether the field is long enough to be a quote that was not meant.
    pub fn suspect(&self) -> bool {
        self.line_ends > SUSPECT_LINES || self.end - self.open > SUSPECT_BYTES
    }
}

/// Whether a record's fields hold a line end: only then can a quote have run over one.
pub(super) fn holds_line_end(record: &csv::ByteRecord) -> bool {
    record.as_slice().iter().any(|&b| b == b'\n' || b == b'\r')
}

/// The first quoted field of the record `text[start..end]` that holds a line end, or the one
/// left open at the end; the CSV reader's rules: a quote opens a field only at its start, and
/// `""` inside a quoted field is a quote.
pub(super) fn quoted_span(text: &[u8], start: usize, end: usize, delimiter: u8) -> Option<QuotedSpan> {
    let end = end.min(text.len());
    let mut found = None;
    let (mut at_field_start, mut open) = (true, None::<usize>);
    let mut i = start.min(end);
    while i < end {
        let b = text[i];
        match open {
            Some(_) if b == b'"' && text.get(i + 1) == Some(&b'"') && i + 1 < end => i += 1,
            Some(o) if b == b'"' => {
                let span = QuotedSpan { open: o, end: i + 1, closed: true, line_ends: line_ends(text, o, i) };
                if found.is_none() && span.line_ends > 0 {
                    found = Some(span);
                }
                open = None;
                at_field_start = false;
            }
            Some(_) => {}
            None if b == b'"' && at_field_start => open = Some(i),
            None => at_field_start = b == delimiter || b == b'\n' || b == b'\r',
        }
        i += 1;
    }
    match open {
        Some(o) => Some(QuotedSpan { open: o, end, closed: false, line_ends: line_ends(text, o, end) }),
        None => found,
    }
}

/// The lines from byte `from` to the end of the text (a last line end starts no new line).
pub(super) fn lines_to_end(text: &[u8], from: usize) -> u64 {
    let ends = line_ends(text, from, text.len());
    ends + u64::from(!matches!(text.last(), Some(b'\n' | b'\r')))
}

impl Parser {
    /// The 1-based line of the record the reader places at byte `start` of the text, as an
    /// editor counts lines (LF, CRLF and CR alone each end one). Counted here: the reader's own
    /// line of a record counts LF only, and its start may sit on the line ends before the
    /// record. Only rejected rows and quote problems ask, counting on from the last one.
    pub(super) fn line_at(&mut self, start: u64) -> u64 {
        let text: &[u8] = self.reader.get_ref().get_ref().as_ref();
        let mut at = (start as usize).min(text.len());
        while matches!(text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        // Asked again for the same record (a quote, then a rejection), the mark answers.
        let (from, mut line) = if at as u64 >= self.line_mark.0 { self.line_mark } else { (0, 1) };
        line += line_ends(text, from as usize, at);
        self.line_mark = (at as u64, line);
        line
    }

    /// The quoted field of the record `text[start..end]` that runs over a line end; an error
    /// naming the line of the opening quote when it is never closed.
    pub(super) fn quoted(
        &mut self,
        record: &csv::ByteRecord,
        start: u64,
        end: u64,
    ) -> Result<Option<QuotedSpan>, IngestError> {
        let text: &[u8] = self.reader.get_ref().get_ref().as_ref();
        let at_end = end as usize >= text.len();
        if !at_end && !holds_line_end(record) {
            return Ok(None);
        }
        let Some(span) = quoted_span(text, start as usize, end as usize, self.delimiter) else {
            return Ok(None);
        };
        let record_line = self.line_at(start);
        // The quote's line, counted on from the record's start without moving the mark past it.
        let text: &[u8] = self.reader.get_ref().get_ref().as_ref();
        let line = record_line + line_ends(text, self.line_mark.0 as usize, span.open);
        if !span.closed {
            let lines = lines_to_end(text, span.open);
            let byte = self.file_offset.map(|offset| offset + span.open as u64);
            let error = IngestError::new(IngestErrorKind::UnclosedQuote { lines });
            return Err(error.at(Position { line, record: None, byte }).in_file(&self.report.file));
        }
        if span.suspect() && record.len() == self.width {
            if self.long_quotes.0 == 0 {
                self.long_quotes = (0, line, span.line_ends);
            }
            self.long_quotes.0 += 1;
        }
        Ok(Some(span))
    }

    /// The warning about long quoted fields, if there were any.
    pub(super) fn long_quotes_warning(&self) -> Option<String> {
        let (count, line, ends) = self.long_quotes;
        let more = match count {
            0 => return None,
            1 => String::new(),
            n => format!(" ({} more such fields)", n - 1),
        };
        Some(format!(
            "line {line}: a quoted field runs over {} lines{more}: check that no quote is missing or stray",
            ends + 1
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Option<QuotedSpan> {
        quoted_span(text.as_bytes(), 0, text.len(), b',')
    }

    #[test]
    fn finds_the_quote_that_runs_over_a_line_end_or_is_left_open() {
        assert_eq!(span("a,\"b,c\",d\n"), None);
        assert_eq!(span("a,\"b\nc\",d\n"), Some(QuotedSpan { open: 2, end: 7, closed: true, line_ends: 1 }));
        assert_eq!(span("a,\"he said \"\"hi\"\"\",d\n"), None);
        let open = span("a,\"b,c\nd,e\r\nf\n").unwrap();
        assert_eq!((open.open, open.closed, open.line_ends), (2, false, 3));
        assert_eq!(span("a,b\"c,d\n"), None, "a quote inside a field is a character");
        assert_eq!(lines_to_end(b"a\n\"b\nc\n", 2), 2);
        assert_eq!(lines_to_end(b"a\n\"b\rc", 2), 2);
    }

    #[test]
    fn long_quoted_fields_are_suspect() {
        let many_lines = format!("\"{}\"", "x\n".repeat(11));
        assert!(span(&many_lines).unwrap().suspect());
        let few_lines = format!("\"{}\"", "x\n".repeat(10));
        assert!(!span(&few_lines).unwrap().suspect());
        let wide = format!("\"{}\n\"", "x".repeat(SUSPECT_BYTES));
        assert!(span(&wide).unwrap().suspect());
    }
}
