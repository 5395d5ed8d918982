//! Sniffing a file: its encoding, delimiter, header row and line endings.

pub use super::decode::{decode_text, Decoded};
use super::error::IngestError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The text encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-16 told by its NUL high bytes, with no byte-order mark to say so.
    Utf16LeWithoutBom,
    Utf16BeWithoutBom,
    /// Legacy Windows "ANSI": the fallback for bytes that are not UTF-8.
    Windows1252,
    /// UTF-8 with some lines in Windows-1252 (files pasted together from two systems): each
    /// byte sequence that is not UTF-8 is read as Windows-1252.
    Utf8WithWindows1252,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with byte-order mark",
            TextEncoding::Utf16Le => "UTF-16 (little-endian)",
            TextEncoding::Utf16Be => "UTF-16 (big-endian)",
            TextEncoding::Utf16LeWithoutBom => "UTF-16 (little-endian, no byte-order mark)",
            TextEncoding::Utf16BeWithoutBom => "UTF-16 (big-endian, no byte-order mark)",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::Utf8WithWindows1252 => "UTF-8, some lines Windows-1252",
        }
    }
}

/// The line ends in `text[from..to]`, counted as an editor counts them: LF, CRLF and a CR
/// alone each end one line (a CR whose LF lies past `to` is counted with that LF).
pub(crate) fn line_ends(text: &[u8], from: usize, to: usize) -> u64 {
    let to = to.min(text.len());
    let from = from.min(to);
    let lf = text[from..to].iter().filter(|&&b| b == b'\n').count();
    let lone_cr = (from..to).filter(|&i| text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')).count();
    (lf + lone_cr) as u64
}

/// Decodes a file to text, detecting its encoding (see [`decode_text`], which also says which
/// lines of a UTF-8 file had to be read as Windows-1252). UTF-8 input is borrowed, not copied.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), IngestError> {
    decode_text(bytes).map(|d| (d.text, d.encoding))
}

/// How the lines of a text end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineEnds {
    Lf,
    Crlf,
    /// CR alone, as old Mac programs (and some exports) write.
    Cr,
    /// More than one of the above.
    Mixed,
}

impl LineEnds {
    pub fn name(self) -> &'static str {
        match self {
            LineEnds::Lf => "Unix (LF)",
            LineEnds::Crlf => "Windows (CRLF)",
            LineEnds::Cr => "old Mac (CR)",
            LineEnds::Mixed => "mixed (LF, CRLF, CR)",
        }
    }

    /// The line ends of the first 64 KiB of a text (LF when it has none).
    fn of(text: &[u8]) -> LineEnds {
        let sample = &text[..text.len().min(64 * 1024)];
        let (mut lf, mut crlf, mut cr) = (0, 0, 0);
        for (i, &b) in sample.iter().enumerate() {
            match b {
                b'\n' if i > 0 && sample[i - 1] == b'\r' => crlf += 1,
                b'\n' => lf += 1,
                b'\r' if sample.get(i + 1) != Some(&b'\n') => cr += 1,
                _ => {}
            }
        }
        match (lf > 0, crlf > 0, cr > 0) {
            (_, false, false) => LineEnds::Lf,
            (false, true, false) => LineEnds::Crlf,
            (false, false, true) => LineEnds::Cr,
            _ => LineEnds::Mixed,
        }
    }
}

/// How the rows of a text are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Dialect {
    pub delimiter: u8,
    pub has_header: bool,
    /// Whether the lines end in CRLF (Windows); `line_ends` says it in full.
    pub crlf: bool,
    pub line_ends: LineEnds,
    /// Lines above the header (or the first row) that hold at most one value: a report's title,
    /// the date it was printed, empty lines padded with delimiters.
    pub title_lines: usize,
}

/// Title lines are looked for among this many first lines.
pub const MAX_TITLE_LINES: usize = 10;

/// The first lines of a text, split on line ends outside quotes.
fn sample_lines(text: &str, max: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let (mut start, mut quoted) = (0, false);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                // A CRLF ends the line at its CR; the LF then ends an empty line, skipped.
                let line = &text[start..i];
                if !line.trim().is_empty() {
                    lines.push(line);
                }
                start = i + 1;
                if lines.len() == max {
                    return lines;
                }
            }
            _ => {}
        }
        if i.saturating_sub(start) > 1 << 20 {
            break; // a line of over a megabyte: sniff on what we have
        }
    }
    if start < bytes.len() && lines.len() < max && !text[start..].trim().is_empty() {
        lines.push(text[start..].trim_end_matches('\r'));
    }
    lines
}

/// The cells of one line for a delimiter (quotes respected), trimmed of spaces and quotes.
fn cells(line: &str, delimiter: u8) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in line.bytes().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            out.push(&line[start..i]);
            start = i + 1;
        }
    }
    out.push(&line[start..]);
    out.iter_mut().for_each(|c| *c = c.trim().trim_matches('"').trim());
    out
}

/// Whether a row holds at most one value (a title, or an empty line padded with delimiters).
pub(crate) fn is_title_row<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    cells.into_iter().filter(|c| !c.trim().is_empty()).nth(1).is_none()
}

/// What a cell holds, as far as telling a header from data goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Empty,
    Value,
    Text,
}

fn cell_kind(cell: &str) -> CellKind {
    if cell.is_empty() {
        CellKind::Empty
    } else if cell.parse::<f64>().is_ok()
        || super::dates::parse_date_time(cell, super::dates::DateOrder::MonthFirst).is_some()
    {
        CellKind::Value
    } else {
        CellKind::Text
    }
}

/// Rows below the first that are compared with it.
const HEADER_EVIDENCE_ROWS: usize = 20;

/// Whether the first row names the columns. A row of names only is a header. A row with an
/// empty cell or a number or date in it (a pandas index column, an unnamed column, a year as a
/// name) is a header when some column has a name above numbers or dates (`Date` above dates)
/// and no column has a number or date above names.
fn is_header(first: &[&str], rest: &[Vec<&str>]) -> bool {
    let kinds: Vec<CellKind> = first.iter().map(|c| cell_kind(c)).collect();
    if kinds.iter().all(|&k| k == CellKind::Text) {
        return true;
    }
    let rest = &rest[..rest.len().min(HEADER_EVIDENCE_ROWS)];
    // Cells below column `j` that are numbers or dates, and that are text.
    let below = |j: usize| {
        let kinds = rest.iter().filter_map(|row| row.get(j)).map(|c| cell_kind(c));
        kinds.fold((0, 0), |(values, texts), k| match k {
            CellKind::Value => (values + 1, texts),
            CellKind::Text => (values, texts + 1),
            CellKind::Empty => (values, texts),
        })
    };
    let named_over_values = kinds.iter().enumerate().any(|(j, &k)| {
        let (values, texts) = if k == CellKind::Text { below(j) } else { (0, 0) };
        values > 0 && values >= 4 * texts
    });
    let value_over_names = kinds.iter().enumerate().any(|(j, &k)| {
        let (values, texts) = if k == CellKind::Value { below(j) } else { (0, 0) };
        texts > values
    });
    named_over_values && !value_over_names
}

pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The sample lines split by one delimiter, with the title lines above the first row counted.
struct Split<'a> {
    delimiter: u8,
    rows: Vec<Vec<&'a str>>,
    titles: usize,
    /// The first row's width, and how many rows (itself included) have it.
    width: usize,
    agreeing: usize,
}

impl<'a> Split<'a> {
    /// `None` when the first row below the titles has fewer than two cells.
    fn of(lines: &[&'a str], delimiter: u8) -> Option<Split<'a>> {
        let rows: Vec<Vec<&str>> = lines.iter().map(|l| cells(l, delimiter)).collect();
        let titles = rows.iter().take(MAX_TITLE_LINES).take_while(|r| is_title_row(r.iter().copied())).count();
        let width = rows.get(titles).map(Vec::len).filter(|&w| w >= 2)?;
        let agreeing = rows[titles..].iter().filter(|r| r.len() == width).count();
        Some(Split { delimiter, rows, titles, width, agreeing })
    }
}

/// Picks the delimiter that splits the sample lines into the same number (> 1) of fields most
/// consistently (title lines above the first row left aside), and decides whether the first
/// row is a header.
pub fn sniff_dialect(text: &str) -> Dialect {
    let lines = sample_lines(text, 50 + MAX_TITLE_LINES);
    let line_ends = LineEnds::of(text.as_bytes());
    let crlf = line_ends == LineEnds::Crlf;
    // The first delimiter wins a tie.
    let best = DELIMITERS.iter().filter_map(|&d| Split::of(&lines, d)).reduce(|best, split| {
        if (split.agreeing, split.width) > (best.agreeing, best.width) {
            split
        } else {
            best
        }
    });
    let Some(Split { delimiter, rows, titles, .. }) = best else {
        let has_header = lines.first().is_some_and(|l| is_header(&cells(l, b','), &[]));
        return Dialect { delimiter: b',', has_header, crlf, line_ends, title_lines: 0 };
    };
    let has_header = is_header(&rows[titles], &rows[titles + 1..]);
    Dialect { delimiter, has_header, crlf, line_ends, title_lines: titles }
}

/// How a delimiter is named to people.
pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::error::{IngestErrorKind, Position};

    #[test]
    fn detects_each_encoding() {
        assert_eq!(decode(b"a,b\n1,2\n").unwrap().1, TextEncoding::Utf8);
        let (text, enc) = decode(b"\xEF\xBB\xBFa,b\n").unwrap();
        assert_eq!((text.as_ref(), enc), ("a,b\n", TextEncoding::Utf8Bom));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("a,é\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap(), (Cow::Owned("a,é\n".to_string()), TextEncoding::Utf16Le));
        let (text, enc) = decode(b"street\nJOS\xC9 MART\xCD ST\n").unwrap();
        assert_eq!((text.as_ref(), enc), ("street\nJOSÉ MARTÍ ST\n", TextEncoding::Windows1252));
    }

    #[test]
    fn refuses_empty_and_binary_files_with_a_reason() {
        let kind = |bytes: &[u8]| decode(bytes).unwrap_err().kind().clone();
        assert_eq!(kind(b""), IngestErrorKind::Empty);
        assert_eq!(kind(b" \n\n"), IngestErrorKind::Empty);
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), IngestErrorKind::NotText);
        let utf16_nul: Vec<u8> = "Date,Suspect\n2019-01-01,\0\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(kind(&utf16_nul), IngestErrorKind::NulByte { byte: 48 });
        assert_eq!(decode(&utf16_nul).unwrap_err().position().map(|p| p.line), Some(2));
        let utf16_be: Vec<u8> = "Datum,Täter\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&utf16_be).unwrap(), (Cow::Owned("Datum,Täter\n".into()), TextEncoding::Utf16BeWithoutBom));
        assert_eq!(kind(b"\xFF\xFEa\x00\x00\xD8"), IngestErrorKind::InvalidUtf16 { encoding: TextEncoding::Utf16Le });
    }

    #[test]
    fn a_bad_byte_after_a_utf8_mark_is_found_by_line_and_offset() {
        let err = decode(b"\xEF\xBB\xBFDate,Street\n2019-03-01,JOS\xC9 ST\n").unwrap_err();
        assert_eq!(err.kind(), &IngestErrorKind::InvalidUtf8AfterBom { byte: 29 });
        assert_eq!(err.position(), Some(Position { line: 2, record: None, byte: Some(29) }));
        assert!(err.to_string().starts_with("line 2: the file says it is UTF-8"), "{err}");
    }

    #[test]
    fn finds_the_delimiter_and_header() {
        let d = sniff_dialect("a;b;c\r\n1;\"x;y\";3\r\n");
        assert_eq!((d.delimiter, d.has_header, d.crlf), (b';', true, true));
        assert_eq!(sniff_dialect("a\tb\n1\t2\n").delimiter, b'\t');
        assert_eq!(sniff_dialect("a|b\n1|2\n").delimiter, b'|');
        assert_eq!(sniff_dialect("name,date\n\"Smith, J\",2019-01-01\n").delimiter, b',');
        assert!(!sniff_dialect("P1,2019-01-01\nP2,2019-01-02\n").has_header);
    }

    #[test]
    fn a_header_with_an_empty_or_numeric_cell_is_still_a_header() {
        // A pandas index column, an unnamed column, a year as a name.
        assert!(sniff_dialect(",Date,Suspect\n0,2019-01-01,P1\n1,2019-01-02,P2\n").has_header);
        assert!(sniff_dialect("Date,,Suspect\n2019-01-01,x,P1\n").has_header);
        assert!(sniff_dialect("Suspect,Date,2019\nP1,2019-01-01,4\n").has_header);
        // Rows only: the first row is data, although it has text in it.
        assert!(!sniff_dialect("P1,2019-01-01,\nP2,2019-01-02,x\n").has_header);
        // A number above names is data above data, not a header.
        assert!(!sniff_dialect("Date,7\n2019-01-01,x\n2019-01-02,y\n").has_header);
    }

    #[test]
    fn title_lines_above_the_header_are_counted_for_any_delimiter() {
        let d = sniff_dialect("Extract,,\nPrinted 2019-04-01,,\n,,\nDate,Suspect,Offence\n2019-01-01,P1,x\n");
        assert_eq!((d.delimiter, d.title_lines, d.has_header), (b',', 3, true));
        let d = sniff_dialect("City of Example\nRun by: analyst;\nDate;Suspect\n01.02.2019;P1\n");
        assert_eq!((d.delimiter, d.title_lines, d.has_header), (b';', 2, true));
        // A file of one column has no titles to leave aside.
        assert_eq!(sniff_dialect("Suspect\nP1\nP2\n").title_lines, 0);
    }
}
