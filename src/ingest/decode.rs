//! Bytes to text: the encoding of a file (UTF-8 with or without a byte-order mark, UTF-16 with
//! or without one, Windows-1252), files that are not text, NUL bytes, and UTF-8 files with some lines in
//! Windows-1252, where only the bytes that are not UTF-8 are read as Windows-1252 so that a
//! name written in both (`PÉREZ-77`) stays one name.

use super::error::{IngestError, IngestErrorKind, Position};
use super::sniff::{line_ends, TextEncoding};
use std::borrow::Cow;

/// Lines named at most for the bytes read as Windows-1252.
const FIRST_LINES: usize = 5;

/// A file decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: TextEncoding,
    /// For [`TextEncoding::Utf8WithWindows1252`]: how many lines had bytes read as
    /// Windows-1252, and the first of them (1-based).
    pub windows_1252_lines: usize,
    pub first_windows_1252_lines: Vec<u64>,
}

impl<'a> Decoded<'a> {
    fn whole(text: Cow<'a, str>, encoding: TextEncoding) -> Decoded<'a> {
        Decoded { text, encoding, windows_1252_lines: 0, first_windows_1252_lines: Vec::new() }
    }
}

/// Bytes that cannot be a text extract as UTF-8 or Windows-1252: many control characters (NUL
/// bytes included, as in pictures, workbooks and UTF-16 without a byte-order mark).
fn looks_binary(sample: &[u8]) -> bool {
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    controls * 100 > sample.len().max(1)
}

/// An Excel workbook: a .xlsx is a ZIP archive whose parts are named `xl/...`; a .xls is an
/// OLE compound file. Said apart from other binary files because renaming one to .csv is a
/// common mistake with a plain remedy.
fn looks_like_excel(sample: &[u8]) -> bool {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let zip_with_xl = sample.starts_with(b"PK\x03\x04") && sample.windows(3).any(|w| w == b"xl/");
    zip_with_xl || sample.starts_with(OLE)
}

/// UTF-16 without a byte-order mark: the high bytes of mostly-Latin text are NUL, so one of
/// the two byte positions is nearly all NUL and the other nearly never. NUL high bytes first
/// (at even offsets) is big-endian.
fn utf16_without_bom(sample: &[u8]) -> Option<TextEncoding> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let nul_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    let mostly = |n: usize| n * 2 >= pairs;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(TextEncoding::Utf16LeWithoutBom)
    } else if mostly(even) && rarely(odd) {
        Some(TextEncoding::Utf16BeWithoutBom)
    } else {
        None
    }
}

/// UTF-16 bytes (those of the file from `start`, past any byte-order mark) as text; a NUL
/// character is refused at its line and byte, as in UTF-8.
fn utf16(bytes: &[u8], start: usize, encoding: TextEncoding) -> Result<Decoded<'static>, IngestError> {
    let decoder = match encoding {
        TextEncoding::Utf16Be | TextEncoding::Utf16BeWithoutBom => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(&bytes[start..]);
    if had_errors {
        return Err(IngestErrorKind::InvalidUtf16 { encoding }.into());
    }
    if let Some(unit) = bytes[start..].chunks_exact(2).position(|u| u == [0, 0]) {
        let before = decoder.decode_without_bom_handling(&bytes[start..start + 2 * unit]).0;
        let byte = (start + 2 * unit) as u64;
        let position = Position { line: line_of(before.as_bytes(), before.len()), record: None, byte: Some(byte) };
        return Err(IngestError::new(IngestErrorKind::NulByte { byte }).at(position));
    }
    Ok(Decoded::whole(Cow::Owned(text.into_owned()), encoding))
}

/// The line (1-based) of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + line_ends(bytes, 0, offset)
}

/// A NUL byte anywhere in a file that otherwise reads as text: refused at its line, since no
/// CSV export writes one and a field holding it would not compare equal to itself written out.
fn no_nul(bytes: &[u8]) -> Result<(), IngestError> {
    match bytes.iter().position(|&b| b == 0) {
        None => Ok(()),
        Some(at) => {
            let position = Position { line: line_of(bytes, at), record: None, byte: Some(at as u64) };
            Err(IngestError::new(IngestErrorKind::NulByte { byte: at as u64 }).at(position))
        }
    }
}

/// Decodes a file to text, detecting its encoding. UTF-8 input is borrowed, not copied.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded<'_>, IngestError> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestErrorKind::Empty.into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let text = std::str::from_utf8(rest).map_err(|e| {
            let byte = e.valid_up_to() + 3;
            let position = Position { line: line_of(bytes, byte), record: None, byte: Some(byte as u64) };
            IngestError::new(IngestErrorKind::InvalidUtf8AfterBom { byte: byte as u64 }).at(position)
        })?;
        no_nul(bytes)?;
        return Ok(Decoded::whole(Cow::Borrowed(text), TextEncoding::Utf8Bom));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(bytes, 2, TextEncoding::Utf16Le);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(bytes, 2, TextEncoding::Utf16Be);
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if looks_binary(sample) {
        if looks_like_excel(sample) {
            return Err(IngestErrorKind::ExcelWorkbook.into());
        }
        return match utf16_without_bom(sample) {
            Some(encoding) => utf16(bytes, 0, encoding),
            None => Err(IngestErrorKind::NotText.into()),
        };
    }
    no_nul(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded::whole(Cow::Borrowed(text), TextEncoding::Utf8)),
        Err(_) => Ok(mixed(bytes)),
    }
}

/// Bytes that are not all UTF-8: each sequence that is not UTF-8 is read as Windows-1252, the
/// rest as UTF-8. A file with no UTF-8 beyond ASCII is a Windows-1252 file (the same text as
/// reading it all as Windows-1252); one with some is UTF-8 with the lines that needed the
/// fallback counted.
fn mixed(bytes: &[u8]) -> Decoded<'static> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 16);
    let (mut at, mut utf8_beyond_ascii) = (0, false);
    let (mut lines, mut first_lines, mut line, mut counted_to, mut last_counted) = (0, Vec::new(), 1, 0, 0);
    while at < bytes.len() {
        let rest = &bytes[at..];
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid, 0),
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                (valid, e.error_len().unwrap_or(rest.len() - e.valid_up_to()))
            }
        };
        text.push_str(valid);
        utf8_beyond_ascii |= !valid.is_ascii();
        let bad_at = at + valid.len();
        if bad > 0 {
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes[bad_at..bad_at + bad]);
            text.push_str(&decoded);
            line += line_ends(bytes, counted_to, bad_at);
            counted_to = bad_at;
            if line != last_counted {
                lines += 1;
                if first_lines.len() < FIRST_LINES {
                    first_lines.push(line);
                }
                last_counted = line;
            }
        }
        at = bad_at + bad;
    }
    if utf8_beyond_ascii {
        Decoded {
            text: Cow::Owned(text),
            encoding: TextEncoding::Utf8WithWindows1252,
            windows_1252_lines: lines,
            first_windows_1252_lines: first_lines,
        }
    } else {
        Decoded::whole(Cow::Owned(text), TextEncoding::Windows1252)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bytes_that_are_not_utf8_are_read_as_windows_1252() {
        let bytes = "Suspect,Street\nPÉREZ-77,José Martí St\n".as_bytes().iter().copied();
        let bytes: Vec<u8> =
            bytes.chain(b"P\xC9REZ-77,Jos\xE9 Mart\xED St\r\nN\xDA\xD1EZ-3,x\n".iter().copied()).collect();
        let decoded = decode_text(&bytes).unwrap();
        assert_eq!(decoded.text, "Suspect,Street\nPÉREZ-77,José Martí St\nPÉREZ-77,José Martí St\r\nNÚÑEZ-3,x\n");
        assert_eq!(decoded.encoding, TextEncoding::Utf8WithWindows1252);
        assert_eq!((decoded.windows_1252_lines, decoded.first_windows_1252_lines), (2, vec![3, 4]));
    }

    #[test]
    fn a_file_all_in_windows_1252_reads_as_before() {
        let bytes = b"street\nJOS\xC9 MART\xCD ST\n\x80 \x93quoted\x94\n";
        let decoded = decode_text(bytes).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Windows1252);
        assert_eq!(decoded.text, encoding_rs::WINDOWS_1252.decode(bytes).0);
        assert_eq!(decoded.windows_1252_lines, 0);
    }

    #[test]
    fn a_nul_byte_is_refused_at_its_line_wherever_it_is() {
        // A short file whose NUL bytes are a good share of it is no text at all.
        assert_eq!(decode_text(b"a,b\n\x001,2\n").unwrap_err().kind(), &IngestErrorKind::NotText);
        for head in [1000, 100_000] {
            let mut bytes =
                format!("Case,Date\n{}A1,2019-03-01\r\nA2,2019-03-02\rA3,", "A0,2019-03-01\n".repeat(head / 14))
                    .into_bytes();
            let at = bytes.len();
            bytes.extend_from_slice(b"\x002019-03-03\n");
            let err = decode_text(&bytes).unwrap_err();
            assert_eq!(err.kind(), &IngestErrorKind::NulByte { byte: at as u64 });
            assert_eq!(err.line(), Some(4 + (head / 14) as u64), "after {head} bytes");
        }
    }
}
