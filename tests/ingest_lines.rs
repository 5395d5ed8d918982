//! Quotes and line ends: an unclosed quote is named at the line where it opens instead of
//! swallowing the rest of the file; a stray quote is named in the row it breaks; lines are
//! counted as an editor counts them, with LF, CRLF or CR alone.

use ipvi::ingest::sniff::LineEnds;
use ipvi::ingest::{ingest_file, IngestErrorKind, IngestOptions, ParsedFile, Position, RowProblem};

const HEADER: &str = "Case Number,Report Date,Suspect ID,Victim ID,Address";

/// An incidents extract of `rows` rows (lines 2 and on), with `line`'s row replaced by `bad`.
fn incidents(rows: usize, bad: Option<(usize, &str)>, end: &str) -> String {
    let mut lines = vec![HEADER.to_string()];
    for i in 2..rows + 2 {
        let row = match bad {
            Some((line, text)) if line == i => text.to_string(),
            _ => format!("A{i},2019-03-{:02},P{i},V{i},{i} Main St", i % 28 + 1),
        };
        lines.push(row);
    }
    lines.join(end) + end
}

fn read(text: &str) -> ParsedFile {
    ingest_file("incidents.csv", text.as_bytes(), &IngestOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_unclosed_quote_is_named_at_its_line_instead_of_swallowing_the_file() {
    let text = incidents(9, Some((3, "A3,2019-03-04,P3,V3,\"12 Oak St")), "\n");
    let err = ingest_file("incidents.csv", text.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.kind(), &IngestErrorKind::UnclosedQuote { lines: 8 });
    let quote_byte = text.find('"').unwrap() as u64;
    assert_eq!(err.position(), Some(Position { line: 3, record: None, byte: Some(quote_byte) }));
    assert_eq!(
        err.to_string(),
        "incidents.csv, line 3: a quote opened here is never closed; the rest of the file (8 lines) would be one \
         field: close the quote or remove it"
    );
    // On the last line, in a file with Windows line ends and no final line end.
    let text = incidents(4, Some((5, "A5,2019-03-05,P5,V5,\"9 Elm")), "\r\n");
    let err = ingest_file("incidents.csv", text.trim_end().as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!((err.kind(), err.line()), (&IngestErrorKind::UnclosedQuote { lines: 1 }, Some(5)));
}

#[test]
fn an_unclosed_quote_in_the_header_is_named_too() {
    let text = "Case Number,\"Report Date,Suspect ID\nA1,2019-03-01,P1\n";
    let err = ingest_file("incidents.csv", text.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!((err.kind(), err.line()), (&IngestErrorKind::UnclosedQuote { lines: 2 }, Some(1)));
}

#[test]
fn a_stray_quote_closed_lines_later_is_named_in_the_row_it_breaks() {
    // The quote opened on line 4 closes inside line 6: lines 4-6 read as one row.
    let text = incidents(8, Some((4, "A4,2019-03-04,P4,V4,\"4 Main St")), "\n")
        .replace("A6,2019-03-07,P6,V6,6 Main St", "A6,\"2019-03-07\",P6,V6,6 Main St");
    let file = read(&text);
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept), (6, 5));
    assert_eq!(r.rejected[0].problem, RowProblem::StrayQuote { found: 8, expected: 5 });
    assert_eq!(r.rejected[0].first_lines, [4]);
    assert!(r.to_text().contains(
        "1 x row has 8 fields where the header has 5: a quote at the start of a field runs over the end of the line \
         (a stray quote?) (first at line 4)"
    ));
}

#[test]
fn a_quoted_field_over_many_lines_is_kept_with_a_warning() {
    let note = format!("\"{}\"", "went to the door\n".repeat(14));
    let text = incidents(5, Some((3, &format!("A3,2019-03-04,P3,V3,{note}"))), "\n");
    let file = read(&text);
    assert_eq!((file.report.rows_read, file.report.rows_kept), (5, 5));
    assert_eq!(
        file.report.warnings,
        ["line 3: a quoted field runs over 15 lines: check that no quote is missing or stray"]
    );
    // A short note over two lines is ordinary.
    let text = incidents(5, Some((3, "A3,2019-03-04,P3,V3,\"12 Oak St\nApt 2\"")), "\n");
    assert!(read(&text).report.warnings.is_empty());
}

#[test]
fn lines_ending_in_cr_alone_are_rows_and_counted_as_an_editor_does() {
    let bad_date = "A5,someday,P5,V5,5 Main St";
    let text = incidents(6, Some((5, bad_date)), "\r");
    let file = read(&text);
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept, r.has_header, r.line_ends), (6, 5, true, LineEnds::Cr));
    assert_eq!(r.rejected[0].first_lines, [5]);
    assert!(r.to_text().contains("old Mac (CR) line ends"), "{}", r.to_text());

    // Mixed: LF, CRLF and CR alone, as files pasted together have them.
    let text = format!("{HEADER}\nA2,2019-03-01,P2,V2,x\r\nA3,2019-03-01,P3,V3,x\rA4,nope,P4,V4,x\nA5,2019-03-02,P5,V5,x\r\nA6,never,P6,V6,x\n");
    let file = read(&text);
    assert_eq!(file.report.line_ends, LineEnds::Mixed);
    assert_eq!(file.report.rejected[0].first_lines, [4, 6]);
}

#[test]
fn rows_with_notes_over_two_lines_are_named_at_their_first_line() {
    // 20,000 rows of two lines each (a note with a line break); every other date unreadable.
    let mut text = format!("{HEADER},Note\r\n");
    for i in 0..20_000 {
        let date = if i % 2 == 1 { "unknown".to_string() } else { format!("2019-03-{:02}", i % 28 + 1) };
        text.push_str(&format!("A{i},{date},P{i},V{i},{i} Main St,\"called twice\r\nleft before arrival\"\r\n"));
    }
    let file = read(&text);
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept), (20_000, 10_000));
    assert_eq!(r.rejected[0].first_lines, [4, 8, 12, 16, 20]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}
