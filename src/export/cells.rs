//! CSV cells and rows as every writer of the crate writes them, so that no spreadsheet runs a
//! cell as a formula. A spreadsheet treats a cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return as a formula, so such a cell gets a leading apostrophe (shown as text) AND
//! is quoted (the OWASP "CSV injection" advice). A cell holding `;` or `,` is quoted whatever the
//! file's delimiter: a spreadsheet whose list separator is `;` splits a comma file at `;`, and an
//! unquoted `x;=1+1` would become a live `=1+1` there.

use std::borrow::Cow;

/// Whether a spreadsheet would read a cell starting so as a formula.
fn starts_like_formula(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// A cell that no spreadsheet will execute (the text only; [`CsvOut`] also quotes it).
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    if starts_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// One cell as written in a file with this delimiter: made safe, and quoted when it was
/// prefixed or holds a list separator (`,` or `;`), the delimiter, a quote or a line end.
pub fn csv_cell(text: &str, delimiter: u8) -> Cow<'_, str> {
    let prefixed = starts_like_formula(text);
    let needs_quotes =
        prefixed || text.bytes().any(|b| matches!(b, b',' | b';' | b'"' | b'\r' | b'\n') || b == delimiter);
    if !needs_quotes {
        return Cow::Borrowed(text);
    }
    let mut cell = String::with_capacity(text.len() + 4);
    cell.push('"');
    if prefixed {
        cell.push('\'');
    }
    cell.push_str(&text.replace('"', "\"\""));
    cell.push('"');
    Cow::Owned(cell)
}

/// Rows written as CSV bytes (RFC 4180 quoting, `\n` or `\r\n` line ends), every cell written by
/// [`csv_cell`].
pub struct CsvOut {
    bytes: Vec<u8>,
    delimiter: u8,
    terminator: &'static [u8],
}

impl CsvOut {
    pub fn new(delimiter: u8, crlf: bool) -> CsvOut {
        CsvOut { bytes: Vec::new(), delimiter, terminator: if crlf { b"\r\n" } else { b"\n" } }
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let start = self.bytes.len();
        let mut count = 0;
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.bytes.push(self.delimiter);
            }
            self.bytes.extend_from_slice(csv_cell(cell.as_ref(), self.delimiter).as_bytes());
            count = i + 1;
        }
        // A row of one empty cell is written `""`, so that it is not read as a blank line.
        if count == 1 && self.bytes.len() == start {
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.extend_from_slice(self.terminator);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for risky in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(safe_cell(risky), format!("'{risky}"));
        }
        for plain in ["P0001", "", "a=b", "2019-01-01"] {
            assert_eq!(safe_cell(plain), plain);
        }
    }

    #[test]
    fn writes_quoted_rows_with_safe_cells() {
        let mut out = CsvOut::new(b',', false);
        out.row(["a", "b,c", "=HYPERLINK()", "x;=1+1", "say \"hi\""]);
        out.row([""]);
        assert_eq!(
            String::from_utf8(out.into_bytes()).unwrap(),
            "a,\"b,c\",\"'=HYPERLINK()\",\"x;=1+1\",\"say \"\"hi\"\"\"\n\"\"\n"
        );
        let mut out = CsvOut::new(b';', true);
        out.row(["x;=1+1", "a,b", "-2", "plain"]);
        assert_eq!(String::from_utf8(out.into_bytes()).unwrap(), "\"x;=1+1\";\"a,b\";\"'-2\";plain\r\n");
    }

    /// The cells of the row after the header that a reader sees in a written file, read with
    /// `delimiter` (the file's, or the other list separator of a spreadsheet set to it).
    fn read_back(bytes: &[u8], delimiter: u8) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(bytes);
        reader.records().flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()).collect()
    }

    /// A header and one row, written.
    fn written<S: AsRef<str>>(delimiter: u8, cells: &[S]) -> Vec<u8> {
        let mut out = CsvOut::new(delimiter, false);
        out.row(["header"]);
        out.row(cells);
        out.into_bytes()
    }

    proptest::proptest! {
        #[test]
        fn no_written_cell_reads_back_as_a_formula(cells in proptest::collection::vec("(?s).*", 1..4)) {
            for (delimiter, other) in [(b',', b';'), (b';', b',')] {
                let same = read_back(&written(delimiter, &cells), delimiter);
                proptest::prop_assert_eq!(same.len(), cells.len());
                for (read, cell) in same.iter().zip(&cells) {
                    proptest::prop_assert_eq!(read, &safe_cell(cell));
                    proptest::prop_assert!(!starts_like_formula(read), "{:?} from {:?}", read, cells);
                }
                // A one-cell row split at the other list separator stays one cell, not a formula.
                let first = read_back(&written(delimiter, &cells[..1]), other);
                proptest::prop_assert!(!starts_like_formula(&first[0]), "{:?} from {:?}", first, cells[0]);
            }
        }
    }
}
