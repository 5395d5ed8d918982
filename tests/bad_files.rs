//! The bad-file corpus (`tests/data/bad/`, written by `make.py` there, described in its
//! README.md): each file read as the page and the CLI read it, with its expected outcome: an
//! error naming the file (and line where it applies), or the rows kept and rejected with the
//! reason. Large cases are generated here rather than checked in.

use ipvi::ingest::{ingest_file, DateOrder, IngestError, IngestErrorKind, IngestOptions, ParsedFile, QualityReport};
use ipvi::model::day_from_ymd;
use std::collections::BTreeSet;
use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad");

/// Files whose outcome today is wrong and not asserted (README.md: "known, open").
const KNOWN_OPEN: &[&str] = &[];

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e} (run tests/data/bad/make.py)"))
}

fn read(name: &str) -> Result<ParsedFile, IngestError> {
    ingest_file(name, &bytes(name), &IngestOptions::default())
}

/// The file is refused with this kind, at this line (if any), with a message naming the file.
fn refused(name: &str, kind: IngestErrorKind, line: Option<u64>, words: &str) {
    let err = match read(name) {
        Ok(file) => panic!("{name} was read: {}", file.report.to_text()),
        Err(err) => err,
    };
    assert_eq!(err.kind(), &kind, "{name}");
    assert_eq!(err.file(), Some(name));
    assert_eq!(err.position().map(|p| p.line), line, "{name}");
    let message = err.to_string();
    let at = line.map_or(format!("{name}: "), |line| format!("{name}, line {line}: "));
    assert!(message.starts_with(&at), "{message}");
    assert!(message.contains(words), "{name}: {message:?} lacks {words:?}");
}

/// The file is read: rows read and kept, and the report.
fn kept(name: &str, read_rows: usize, kept_rows: usize) -> (ParsedFile, QualityReport) {
    let file = read(name).unwrap_or_else(|e| panic!("{e}"));
    let report = file.report.clone();
    assert_eq!((report.rows_read, report.rows_kept), (read_rows, kept_rows), "{name}");
    assert!(report.has_header, "{name}");
    (file, report)
}

/// The rejected groups of a report: reason, count and first lines.
fn rejected(report: &QualityReport) -> Vec<(String, usize, Vec<u64>)> {
    report.rejected.iter().map(|g| (g.reason.clone(), g.count, g.first_lines.clone())).collect()
}

fn day(y: i32, m: u32, d: u32) -> Option<i32> {
    day_from_ymd(y, m, d)
}

#[test]
fn empty_and_header_only_files_are_refused_by_name() {
    refused("empty.csv", IngestErrorKind::Empty, None, "the file is empty");
    refused("blank_lines_only.csv", IngestErrorKind::Empty, None, "the file is empty");
    refused("bom_only.csv", IngestErrorKind::NoRows, None, "the file has no rows");
    refused("header_only.csv", IngestErrorKind::HeaderOnly, None, "a header but no rows");
    refused("bom_header_only.csv", IngestErrorKind::HeaderOnly, None, "a header but no rows");
}

#[test]
fn binary_files_are_refused_and_a_workbook_is_named_as_one() {
    for name in ["xlsx_renamed.csv", "xls_renamed.csv"] {
        refused(name, IngestErrorKind::ExcelWorkbook, None, "this is an Excel workbook, not a CSV file");
        refused(name, IngestErrorKind::ExcelWorkbook, None, "save it as CSV");
    }
    for name in ["png_renamed.csv", "zip_renamed.csv", "gzip_renamed.csv", "pdf_renamed.csv"] {
        refused(name, IngestErrorKind::NotText, None, "export it as CSV in UTF-8");
    }
}

#[test]
fn encodings_are_read_or_refused_with_the_reason() {
    for name in ["utf16le_bom.csv", "utf16be_bom.csv", "windows_1252.csv"] {
        let (file, report) = kept(name, 3, 3);
        assert_eq!(file.headers, ["INCIDENT_NO", "RPT_DT", "SUSP_ID", "OFFENSE_DESC"], "{name}");
        assert_eq!((report.first_day, report.last_day), (day(2019, 3, 1), day(2019, 3, 3)), "{name}");
    }
    let (file, _) = kept("windows_1252.csv", 3, 3);
    assert!(file.people.get("PÉREZ-77").is_some());
    let (file, report) = kept("utf16le_no_bom.csv", 3, 3);
    assert_eq!(report.encoding, ipvi::ingest::sniff::TextEncoding::Utf16LeWithoutBom);
    assert_eq!(file.headers, ["INCIDENT_NO", "RPT_DT", "SUSP_ID", "OFFENSE_DESC"]);
    refused("utf8_bom_then_invalid.csv", IngestErrorKind::InvalidUtf8AfterBom { byte: 61 }, Some(2), "byte 61");
    // The same suspect written in UTF-8 and in Windows-1252 stays one person, with a warning.
    let (file, report) = kept("mixed_utf8_windows_1252.csv", 3, 3);
    assert_eq!(file.people.get("PÉREZ-77").map(|_| file.people.len()), Some(2));
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].contains("read as Windows-1252 (first at line 3)"), "{:?}", report.warnings);
    refused("nul_late.csv", IngestErrorKind::NulByte { byte: 641 }, Some(22), "NUL byte");
}

#[test]
fn quotes_and_line_ends_keep_rows_and_name_lines() {
    refused("unclosed_quote.csv", IngestErrorKind::UnclosedQuote { lines: 4 }, Some(3), "never closed");
    // A quote inside a field (12" knife) is part of the text.
    let (file, _) = kept("stray_quote.csv", 3, 3);
    assert!(file.labels.get("ASSAULT 12\" KNIFE").is_some());
    let (file, _) = kept("quoted_newline.csv", 3, 3);
    assert!(file.labels.get("ASSAULT\nDOMESTIC").is_some());
    for name in ["crlf.csv", "cr_only.csv", "mixed_line_ends.csv", "blank_lines_between.csv"] {
        let (_, report) = kept(name, 3, 3);
        assert_eq!((report.first_day, report.last_day), (day(2019, 3, 1), day(2019, 3, 3)), "{name}");
    }
    let (_, report) = kept("ragged_rows.csv", 4, 2);
    assert_eq!(
        rejected(&report),
        [
            ("row has 3 fields where the header has 4".to_string(), 1, vec![3]),
            ("row has 5 fields where the header has 4".to_string(), 1, vec![4]),
        ]
    );
}

#[test]
fn placeholder_and_impossible_dates_are_left_out_and_reported() {
    let placeholder =
        "placeholder date (such as 1900-01-01 or 9999-12-31) in column \"RPT_DT\", left out of the analyses";
    let (_, report) = kept("date_1900_placeholder.csv", 5, 3);
    assert_eq!(rejected(&report), [(placeholder.to_string(), 2, vec![5, 6])]);
    assert_eq!((report.first_day, report.last_day), (day(2019, 3, 1), day(2019, 3, 3)));
    let (_, report) = kept("date_9999_placeholder.csv", 4, 3);
    assert_eq!(rejected(&report), [(placeholder.to_string(), 1, vec![5])]);
    let (_, report) = kept("excel_negative_serial.csv", 3, 2);
    assert_eq!(
        rejected(&report),
        [("spreadsheet date number below zero (not a date) in column \"RPT_DT\"".to_string(), 1, vec![3])]
    );
    refused(
        "unreadable_dates.csv",
        IngestErrorKind::NothingKept {
            problem: ipvi::ingest::RowProblem::UnreadableDate { column: "RPT_DT".into() },
            rows: 2,
        },
        Some(2),
        "unreadable date in column \"RPT_DT\"",
    );
    let (_, report) = kept("total_row.csv", 4, 3);
    assert_eq!(rejected(&report), [("a total or summary row, not a record: left out".to_string(), 1, vec![5])]);
}

#[test]
fn a_date_in_2100_is_left_out_when_the_day_of_reading_is_known() {
    let options = IngestOptions { today: day(2019, 4, 1).unwrap(), ..IngestOptions::default() };
    let file = ingest_file("date_2100.csv", &bytes("date_2100.csv"), &options).unwrap();
    let report = &file.report;
    assert_eq!((report.rows_read, report.rows_kept), (4, 3), "{}", report.to_text());
    assert_eq!(report.last_day, day(2019, 3, 3));
    assert_eq!(report.rejected.len(), 1);
    assert!(report.rejected[0].reason.contains("\"RPT_DT\""), "{}", report.rejected[0].reason);
    assert_eq!(report.rejected[0].first_lines, [5]);
}

#[test]
fn date_forms_are_read_in_the_order_the_data_shows() {
    for (name, order) in [("us_dates.csv", DateOrder::MonthFirst), ("day_first_dates.csv", DateOrder::DayFirst)] {
        let (_, report) = kept(name, 3, 3);
        assert_eq!(report.date_order, order, "{name}");
        assert_eq!((report.first_day, report.last_day), (day(2019, 3, 25), day(2019, 5, 2)), "{name}");
    }
    let (_, report) = kept("excel_serial_dates.csv", 3, 3);
    assert_eq!((report.first_day, report.last_day), (day(2019, 3, 1), day(2019, 3, 3)));
    let (_, report) = kept("excel_datetime_full_precision.csv", 3, 3);
    assert_eq!((report.first_day, report.last_day), (day(2020, 10, 15), day(2020, 10, 17)));
    let (file, report) = kept("semicolon_decimal_comma.csv", 3, 3);
    assert_eq!(report.delimiter, b';');
    assert_eq!(file.headers.len(), 5);
    assert_eq!((report.first_day, report.last_day), (day(2019, 3, 1), day(2019, 3, 3)));
}

#[test]
fn odd_ids_headers_and_delimiters() {
    let (_, report) = kept("ids_spaces_only.csv", 3, 3);
    assert_eq!(report.missing_person, 2);
    let (_, report) = kept("missing_person.csv", 3, 3);
    assert_eq!(report.missing_person, 1);
    // Formula-looking cells are data: kept as written, as ids and offence text.
    let (file, _) = kept("formula_cells.csv", 4, 4);
    for id in ["+1", "-2", "@SUM(A1)"] {
        assert!(file.people.get(id).is_some(), "{id}");
    }
    assert!(file.labels.get("=HYPERLINK(\"http://example.invalid\",\"x\")").is_some());
    let (file, _) = kept("duplicate_headers.csv", 2, 2);
    assert_eq!(file.headers, ["INCIDENT_NO", "RPT_DT", "SUSP_ID", "SUSP_ID (2)", "OFFENSE_DESC"]);
    for (name, delimiter) in [("tab_delimited.csv", b'\t'), ("pipe_delimited.csv", b'|')] {
        let (_, report) = kept(name, 3, 3);
        assert_eq!(report.delimiter, delimiter, "{name}");
    }
    let missing = IngestErrorKind::MissingFields {
        table: ipvi::ingest::Table::Incidents,
        fields: vec![ipvi::ingest::Field::Date],
        headers: ["INCIDENT_NO", "SUSP_ID", "OFFENSE_DESC"].map(String::from).to_vec(),
    };
    refused("no_date_column.csv", missing, None, "it needs a column for: date");
}

#[test]
fn the_header_is_found_below_titles_and_despite_odd_cells() {
    let header = ["INCIDENT_NO", "RPT_DT", "SUSP_ID", "OFFENSE_DESC"];
    for name in ["title_rows.csv", "title_no_delimiters.csv"] {
        let (file, report) = kept(name, 3, 3);
        assert_eq!(file.headers, header, "{name}");
        assert_eq!(report.title_lines, 3, "{name}");
        let warning = "lines 1-3 are a title above the header row, not data, and were left aside";
        assert!(report.warnings.iter().any(|w| w == warning), "{name}: {:?}", report.warnings);
        assert_eq!(file.samples[0], ["RMS-1", "2019-03-01", "P1", "ASSAULT"], "{name}");
    }
    let (file, report) = kept("pandas_index_column.csv", 3, 3);
    assert_eq!(file.headers, ["Column 1", "INCIDENT_NO", "RPT_DT", "SUSP_ID", "OFFENSE_DESC"]);
    assert_eq!(file.mapping.columns[0], None);
    assert_eq!(report.first_day, day(2019, 3, 1));
    let (file, _) = kept("empty_header_cell.csv", 3, 3);
    assert_eq!(file.headers[2], "Column 3");
    assert_eq!(file.people.len(), 3);
    let (file, _) = kept("numeric_header_cell.csv", 3, 3);
    assert_eq!(file.headers[4], "2019");
    // Rows only: not mistaken for a header; the date column is found by its content.
    let file = read("headerless.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.headers, ["Column 1", "Column 2", "Column 3", "Column 4"]);
    assert!(!file.report.has_header);
    assert_eq!((file.report.rows_read, file.report.rows_kept), (3, 3));
    assert_eq!(file.mapping.column(ipvi::ingest::Field::Date), Some(1));
    let said = "column \"Column 2\" is read as the date (and time) by its content: 3 of 3 values are dates";
    assert_eq!(file.report.decisions, [said]);
}

#[test]
fn too_many_columns_and_a_10_mb_line_are_answered() {
    let header = "INCIDENT_NO,RPT_DT,SUSP_ID,OFFENSE_DESC\n";
    let wide = format!("{header}{}\n", ",".repeat(10_001));
    let err = ingest_file("wide.csv", wide.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.kind(), &IngestErrorKind::TooManyColumns { limit: 10_000 });
    assert!(err.to_string().starts_with("wide.csv, line 2: the line has more than 10,000 columns"), "{err}");
    // One 10 MB field in an otherwise good file: the row is kept, its text intact.
    let long = "X".repeat(10 << 20);
    let text = format!("{header}RMS-1,2019-03-01,P1,{long}\nRMS-2,2019-03-02,P2,ASSAULT\n");
    let file = ingest_file("long.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!((file.report.rows_read, file.report.rows_kept), (2, 2));
    assert!(file.labels.get(&long).is_some());
}

#[test]
fn every_corpus_file_is_covered() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    let source = include_str!("bad_files.rs");
    let readme = std::fs::read_to_string(format!("{DIR}/README.md")).unwrap();
    assert!(on_disk.len() >= 40, "{}", on_disk.len());
    for name in &on_disk {
        let quoted = format!("\"{name}\"");
        assert!(source.matches(&quoted).count() >= 1, "{name} has no assertion");
        assert!(readme.contains(&format!("`{name}`")), "{name} is not in README.md");
    }
    for name in KNOWN_OPEN {
        assert!(readme.contains(&format!("`{name}` | ")) && readme.contains("known, open"), "{name}");
    }
}

fn check(name: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(["check", &format!("{DIR}/{name}")]).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn ipvi_check_says_the_same() {
    let (code, _, stderr) = check("xlsx_renamed.csv");
    assert_ne!(code, 0);
    assert!(stderr.contains("xlsx_renamed.csv: this is an Excel workbook"), "{stderr}");
    let (code, _, stderr) = check("unclosed_quote.csv");
    assert_ne!(code, 0);
    assert!(stderr.contains("unclosed_quote.csv, line 3: a quote opened here is never closed"), "{stderr}");
    let (code, stdout, _) = check("ragged_rows.csv");
    assert_eq!(code, 0);
    assert!(stdout.contains("row has 3 fields where the header has 4"), "{stdout}");
}
