//! Sniffing a file: its encoding, delimiter, header row and line endings.

pub use super::decode::{decode_text, Decoded};
use super::error::IngestError;
use serde::Serialize;
use std::borrow::Cow;

/// The text encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
}

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

/// Fields of one line for a delimiter (quotes respected).
fn count_fields(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    1 + line
        .bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delimiter && !quoted
        })
        .count()
}

pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the sample lines into the same number (> 1) of fields most
/// consistently, and decides whether the first line is a header.
pub fn sniff_dialect(text: &str) -> Dialect {
    let lines = sample_lines(text, 50);
    let line_ends = LineEnds::of(text.as_bytes());
    let crlf = line_ends == LineEnds::Crlf;
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_fields(l, delimiter)).collect();
        let Some(&header) = counts.first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == header).count();
        if (agreeing, header) > (best.1, best.2) {
            best = (delimiter, agreeing, header);
        }
    }
    let delimiter = best.0;
    let has_header = lines.first().is_some_and(|first| {
        let cells: Vec<&str> = first.split(delimiter as char).map(|c| c.trim().trim_matches('"')).collect();
        // A header has no cell that reads as a date or a number, and no empty cells.
        !cells.iter().any(|c| {
            c.is_empty()
                || c.parse::<f64>().is_ok()
                || super::dates::parse_date_time(c, super::dates::DateOrder::MonthFirst).is_some()
        })
    });
    Dialect { delimiter, has_header, crlf, line_ends }
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
        let utf16_le: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(kind(&utf16_le), IngestErrorKind::Utf16WithoutBom);
        let utf16_be: Vec<u8> = "Datum,Täter\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(kind(&utf16_be), IngestErrorKind::Utf16WithoutBom);
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
}
