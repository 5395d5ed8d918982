//! Errors and rejected rows on real-shaped extracts say what is wrong and where: the file, the
//! line (and byte where the file's own bytes are read) and, for a problem in one column, the
//! column, both as data and in words.

use ipvi::ingest::{ingest_file, Field, IngestError, IngestErrorKind, IngestOptions, Position, RowProblem, Table};

fn error(name: &str, bytes: &[u8], options: &IngestOptions) -> IngestError {
    match ingest_file(name, bytes, options) {
        Ok(file) => panic!("{name} was read: {}", file.report.to_text()),
        Err(err) => err,
    }
}

fn mapped(columns: &[Option<Field>]) -> IngestOptions {
    IngestOptions { mapping: Some(columns.to_vec()), ..IngestOptions::default() }
}

#[test]
fn a_windows_1252_extract_whose_dates_cannot_be_read_names_the_file_line_and_column() {
    // Spanish headers (mapped by the user), `;`, quoted fields holding `;`, CRLF, accents.
    let bytes = b"N\xBA caso;Fecha del d\xEDa;Sospechoso\r\n\"A-1; anexo\";ayer;P1\r\nA-2;\"ma\xF1ana\";P2\r\n";
    let options = mapped(&[Some(Field::RecordId), Some(Field::Date), Some(Field::Person)]);
    let err = error("hechos.csv", bytes, &options);
    assert_eq!(err.file(), Some("hechos.csv"));
    assert_eq!(err.position(), Some(Position { line: 2, record: None, byte: None }));
    assert_eq!(err.column(), Some("Fecha del día"));
    assert_eq!(
        err.kind(),
        &IngestErrorKind::NothingKept {
            problem: RowProblem::UnreadableDate { column: "Fecha del día".into() },
            rows: 2
        }
    );
    assert_eq!(
        err.to_string(),
        "hechos.csv, line 2: no row could be read: every row was rejected (unreadable date in column \"Fecha del día\")"
    );
}

#[test]
fn rejected_rows_of_a_bom_semicolon_file_keep_their_lines_and_columns() {
    // The first row's offence spans two lines, so later rows start a line further down.
    let text = "\u{feff}INCIDENT_NO;RPT_DT;SUSP_ID;OFFENSE_DESC\r\n\
                RMS-1;03/01/2019 2:32 PM;P1;\"ASSAULT;\r\nDOMESTIC\"\r\n\
                RMS-2;;P2;THEFT\r\n\
                RMS-3;03/02/2019;P3\r\n\
                RMS-4;13/13/2019;P4;\"BATTERY\"\r\n";
    let file = ingest_file("rms.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(file.mapping.table, Table::Incidents);
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept), (4, 1));
    let groups: Vec<(&str, Option<&str>, &[u64])> =
        r.rejected.iter().map(|g| (g.reason.as_str(), g.column.as_deref(), g.first_lines.as_slice())).collect();
    assert_eq!(
        groups,
        [
            ("no date in column \"RPT_DT\"", Some("RPT_DT"), &[4][..]),
            ("row has 3 fields where the header has 4", None, &[5][..]),
            ("unreadable date in column \"RPT_DT\"", Some("RPT_DT"), &[6][..]),
        ]
    );
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["rejected"][0]["column"], "RPT_DT");
    assert_eq!(json["rejected"][1]["column"], serde_json::Value::Null);
}

#[test]
fn a_file_whose_only_rows_are_ragged_fails_at_the_first_without_a_column() {
    let err = error("ragged.csv", b"Case Number,Date,Suspect ID\nC1,2019-03-01\nC2\n", &IngestOptions::default());
    assert_eq!((err.line(), err.column()), (Some(2), None));
    assert_eq!(
        err.to_string(),
        "ragged.csv, line 2: no row could be read: every row was rejected (row has 2 fields where the header has 3)"
    );
}

#[test]
fn notifications_without_levels_or_offenders_name_the_column_they_lack() {
    let text = "Offender ID,Level,Notification Date\nP1,,2019-03-01\n,B,2019-03-02\nP3,maybe,2019-03-03\n";
    let err = error("notified.csv", text.as_bytes(), &IngestOptions::default());
    assert_eq!((err.line(), err.column()), (Some(2), Some("Level")));
    assert!(err.to_string().ends_with("(no level A-D in column \"Level\")"), "{err}");
    let file =
        ingest_file("notified.csv", format!("{text}P4,A,2019-03-04\n").as_bytes(), &IngestOptions::default()).unwrap();
    let columns: Vec<(Option<&str>, usize)> =
        file.report.rejected.iter().map(|g| (g.column.as_deref(), g.count)).collect();
    assert_eq!(columns, [(Some("Level"), 2), (Some("Offender ID"), 1)]);
    assert_eq!(file.report.rejected[1].reason, "no offender id in column \"Offender ID\"");
}

#[test]
fn a_bad_byte_after_a_utf8_mark_is_placed_by_line_and_byte() {
    let bytes = b"\xEF\xBB\xBFCase Number,Date,Address\nC1,2019-03-01,MAIN ST\nC2,2019-03-02,JOS\xC9 ST\n";
    let err = error("marked.csv", bytes, &IngestOptions::default());
    let byte = bytes.iter().position(|&b| b == 0xC9).unwrap() as u64;
    assert_eq!(err.kind(), &IngestErrorKind::InvalidUtf8AfterBom { byte });
    assert_eq!(err.position(), Some(Position { line: 3, record: None, byte: Some(byte) }));
    assert!(err.to_string().starts_with("marked.csv, line 3: the file says it is UTF-8"), "{err}");
}

#[test]
fn file_level_problems_name_the_file_only() {
    let err = error("no_date.csv", b"Case Number,Suspect ID\nC1,P1\n", &IngestOptions::default());
    assert_eq!((err.position(), err.column()), (None, None));
    assert!(
        matches!(err.kind(), IngestErrorKind::MissingFields { table: Table::Incidents, fields, .. } if fields == &[Field::Date])
    );
    assert!(err.to_string().starts_with("no_date.csv: as an incidents table it needs a column for: date (and time)"));
    let options = mapped(&[Some(Field::Date)]);
    let err = error("no_date.csv", b"Case Number,Suspect ID\nC1,P1\n", &options);
    assert_eq!(err.kind(), &IngestErrorKind::MappingWidth { saved: 1, found: 2 });
    assert_eq!(err.to_string(), "no_date.csv: the saved column mapping has 1 column but the file has 2");
    // UTF-16 with a lone surrogate: refused as broken UTF-16 of the order its NUL bytes show.
    let utf16 = |text: &str| text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let broken = [utf16("Date,Suspect\n2019-01-01,P1\n"), vec![0x00, 0xD8], utf16("\n")].concat();
    let encoding = ipvi::ingest::sniff::TextEncoding::Utf16LeWithoutBom;
    assert_eq!(
        error("legacy.csv", &broken, &IngestOptions::default()).kind(),
        &IngestErrorKind::InvalidUtf16 { encoding }
    );
}

#[test]
fn lines_are_counted_across_windows_line_ends_and_blank_lines() {
    let text = "Case Number,Date\r\nC1,2019-03-01\r\n\r\nC2,soon\r\n\r\n\r\nC3,\r\nC4,later\r\n";
    let file = ingest_file("crlf.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
    let lines: Vec<(&str, &[u64])> =
        file.report.rejected.iter().map(|g| (g.reason.as_str(), g.first_lines.as_slice())).collect();
    assert_eq!(lines, [("unreadable date in column \"Date\"", &[4, 8][..]), ("no date in column \"Date\"", &[7][..])]);
}
