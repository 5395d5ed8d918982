//! Encodings: a UTF-8 file with a few Windows-1252 lines keeps one spelling of each name, with
//! the lines that needed the fallback reported; a NUL byte is refused at its line wherever it is.

use ipvi::ingest::sniff::TextEncoding;
use ipvi::ingest::{assemble, ingest_file, IngestErrorKind, IngestOptions, Position};

#[test]
fn a_utf8_file_with_some_windows_1252_lines_keeps_one_person_per_name() {
    let mut bytes = "Case Number,Report Date,Suspect ID,Victim ID,Address\n\
                     A1,2019-03-01,PÉREZ-77,V1,José Martí St\n\
                     A2,2019-03-02,NÚÑEZ-3,V2,Calle Mayor\n"
        .as_bytes()
        .to_vec();
    // Rows appended from a legacy system: the same people, in Windows-1252.
    bytes.extend_from_slice(
        b"A3,2019-03-09,P\xC9REZ-77,V1,Jos\xE9 Mart\xED St\r\nA4,2019-03-10,N\xDA\xD1EZ-3,V2,Calle Mayor\r\n",
    );
    let file = ingest_file("incidents.csv", &bytes, &IngestOptions::default()).unwrap();
    let r = &file.report;
    assert_eq!((r.encoding, r.windows_1252_lines, r.rows_kept), (TextEncoding::Utf8WithWindows1252, 2, 4));
    assert_eq!(
        r.warnings,
        ["2 lines are not UTF-8 like the rest of the file and read as Windows-1252 (first at line 4, 5): the file \
          joins two encodings; check names with accents"]
    );
    assert!(r.to_text().contains("read as UTF-8, some lines Windows-1252"));
    let data = assemble([&file]);
    let names: Vec<&str> = (0..data.people.len() as u32).map(|id| data.people.name(id)).collect();
    assert_eq!(names, ["PÉREZ-77", "V1", "NÚÑEZ-3", "V2"]);
}

#[test]
fn a_nul_byte_after_the_first_64_kib_is_refused_as_one_before_it() {
    let rows: String = (0..5000).map(|i| format!("A{i},2019-03-01,P{i}\n")).collect();
    for at_row in [2, 4000] {
        let text = format!("Case Number,Report Date,Suspect ID\n{rows}");
        // The NUL replaces the first digit of the year in row `at_row` (line `at_row + 2`).
        let at = text.find(&format!("\nA{at_row},")).unwrap() + format!("\nA{at_row},").len();
        let mut bytes = text.into_bytes();
        bytes[at] = 0;
        let err = ingest_file("incidents.csv", &bytes, &IngestOptions::default()).unwrap_err();
        let byte = at as u64;
        assert_eq!(err.kind(), &IngestErrorKind::NulByte { byte });
        assert_eq!(err.position(), Some(Position { line: at_row as u64 + 2, record: None, byte: Some(byte) }));
        assert!(err.to_string().starts_with(&format!("incidents.csv, line {}: byte {byte} is a NUL byte", at_row + 2)));
    }
}
