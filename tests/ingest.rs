//! Data intake on real CSV shapes: the Chicago sample, every dialect, the demo extracts clean
//! and messy, and bad input that must fail with a message naming file, line and column.

use ipvi::export::{write_extracts, ExtractStyle};
use ipvi::ingest::sniff::TextEncoding;
use ipvi::ingest::{
    assemble, ingest_file, DateOrder, Field, IngestOptions, IngestSettings, IpvRules, OrderEvidence, ParsedFile,
    Parser, Table, TableRows,
};
use ipvi::model::{iso, Flags, Level, Role, NO_TIME};
use ipvi::synth::{generate, DemoParams};
use proptest::prelude::*;
use std::io::Read;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/dialects/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn read(name: &str) -> ParsedFile {
    ingest_file(name, &sample(name), &IngestOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn incidents(file: &ParsedFile) -> &ipvi::model::Incidents {
    match &file.rows {
        TableRows::Incidents(t) => t,
        other => panic!("not incidents: {other:?}"),
    }
}

#[test]
fn chicago_crimes_sample_maps_itself_and_finds_its_domestic_rows() {
    let path = format!("{}/tests/data/chicago_sample_2013-03.csv.gz", env!("CARGO_MANIFEST_DIR"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    let file = ingest_file("chicago_sample_2013-03.csv", &bytes, &IngestOptions::default()).unwrap();
    let m = &file.mapping;
    assert_eq!(m.table, Table::Incidents);
    assert_eq!(file.headers[m.column(Field::Date).unwrap()], "Date");
    assert_eq!(file.headers[m.column(Field::Address).unwrap()], "Block");
    assert_eq!(file.headers[m.column(Field::Arrest).unwrap()], "Arrest");
    assert_eq!(file.headers[m.column(Field::Domestic).unwrap()], "Domestic");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept, r.rows_rejected()), (16_869, 16_869, 0));
    assert_eq!(r.ipv_rows, Some(2_577));
    assert_eq!(
        (r.first_day.map(iso).unwrap(), r.last_day.map(iso).unwrap()),
        ("2013-03-01".into(), "2013-03-21".into())
    );
    assert_eq!(r.date_order_evidence, OrderEvidence::MonthFirst);
    assert!(r.warnings.iter().any(|w| w.contains("no suspect id")));
    let inc = incidents(&file);
    assert_eq!(inc.minute[0], 1, "03/01/2013 12:01:00 AM is one minute past midnight");
    let arrests = inc.flags.iter().filter(|f| f.has(Flags::ARREST)).count();
    assert!(
        arrests > 0 && inc.flags.iter().all(|f| f.has(Flags::ARREST) == f.has(Flags::CHARGED)),
        "no charge column: charged = arrested"
    );
    assert!(r.to_text().contains("IPV rows: 2577 of 16869 (15.3%)"));
}

#[test]
fn quoted_fields_with_delimiters_quotes_and_line_breaks() {
    let file = read("quoted.csv");
    let inc = incidents(&file);
    assert_eq!(inc.len(), 2);
    assert_eq!(file.labels.name(inc.offense[0]), "ASSAULT, DOMESTIC \"AGGRAVATED\"");
    assert_eq!(file.labels.name(inc.offense[1]), "NOTE: spans\ntwo lines");
    assert_eq!((inc.minute[0], inc.minute[1]), (14 * 60 + 32, NO_TIME));
    assert_eq!(file.report.rows_rejected(), 0, "trailing blank lines are not rows");
}

#[test]
fn bom_semicolons_crlf_us_dates_and_word_flags() {
    let file = read("bom_semicolon_crlf.csv");
    let r = &file.report;
    assert_eq!((r.encoding, r.delimiter, r.crlf), (TextEncoding::Utf8Bom, b';', true));
    let inc = incidents(&file);
    assert_eq!(iso(inc.day[0]), "2019-03-01");
    assert_eq!(inc.minute[0], 14 * 60 + 32);
    assert_eq!(inc.minute[1], 11 * 60 + 5);
    assert!(inc.flags[0].has(Flags::ARREST) && inc.flags[0].has(Flags::IPV));
    assert!(!inc.flags[1].has(Flags::ARREST) && !inc.flags[1].has(Flags::IPV));
    assert_eq!(file.people.name(inc.suspect[1]), "P2");
}

#[test]
fn windows_1252_calls_keep_their_accents() {
    let file = read("windows1252.csv");
    assert_eq!(file.report.encoding, TextEncoding::Windows1252);
    assert_eq!(file.mapping.table, Table::Calls);
    assert_eq!(file.addresses.name(0), "012XX W JOSÉ MARTÍ ST");
    // No domestic flag and the default rule: the call type's words pick the IPV rows.
    assert_eq!(file.report.ipv_rows, Some(1), "the call type that says domestic");
    assert!(
        file.report.decisions[0].starts_with("IPV rows are those whose \"Call Type\" holds"),
        "{:?}",
        file.report.decisions
    );
    assert_eq!(file.report.ipv_values.len(), 1);
    let options = IngestOptions::with_settings(IngestSettings { ipv: IpvRules::demo(), ..IngestSettings::default() });
    let file = ingest_file("windows1252.csv", &sample("windows1252.csv"), &options).unwrap();
    assert_eq!(file.report.ipv_rows, Some(1), "only the call type that says domestic");
}

#[test]
fn utf16_notifications_with_level_words() {
    let file = read("utf16le_bom.csv");
    assert_eq!((file.report.encoding, file.mapping.table), (TextEncoding::Utf16Le, Table::Notifications));
    let TableRows::Notifications(n) = &file.rows else { panic!() };
    assert_eq!(n.level, vec![Level::C, Level::A]);
    assert_eq!(n.role, vec![Role::Offender, Role::Offender]);
}

#[test]
fn excel_serial_dates_in_a_tab_separated_services_log() {
    let file = read("excel_serial_tab.tsv");
    assert_eq!((file.report.delimiter, file.mapping.table), (b'\t', Table::Services));
    let TableRows::Services(s) = &file.rows else { panic!() };
    assert_eq!(s.day.iter().map(|&d| iso(d)).collect::<Vec<_>>(), ["2019-03-01", "2019-03-02"]);
    assert_eq!(s.role, vec![Role::Victim, Role::Offender]);
}

#[test]
fn day_first_dates_are_recognised_from_the_column() {
    let file = read("day_first_pipe.txt");
    assert_eq!((file.report.delimiter, file.mapping.table), (b'|', Table::Sanctions));
    assert_eq!(file.report.date_order, DateOrder::DayFirst);
    let TableRows::Sanctions(s) = &file.rows else { panic!() };
    assert_eq!(s.day.iter().map(|&d| iso(d)).collect::<Vec<_>>(), ["2019-01-13", "2019-03-02"]);
}

#[test]
fn ambiguous_dates_are_read_month_first_with_a_warning_and_the_user_can_choose() {
    let file = read("ambiguous_dates.csv");
    assert_eq!(file.report.date_order_evidence, OrderEvidence::Ambiguous);
    assert!(file.report.warnings.iter().any(|w| w.contains("either way")));
    assert_eq!(iso(incidents(&file).day[0]), "2019-03-04");
    let options = IngestOptions { date_order: Some(DateOrder::DayFirst), ..IngestOptions::default() };
    let file = ingest_file("ambiguous_dates.csv", &sample("ambiguous_dates.csv"), &options).unwrap();
    assert_eq!(iso(incidents(&file).day[0]), "2019-04-03");
    assert!(!file.report.warnings.iter().any(|w| w.contains("either way")));
}

#[test]
fn a_file_without_header_maps_its_dates_by_content_and_the_rest_by_the_user() {
    let file = ingest_file("no_header.csv", &sample("no_header.csv"), &IngestOptions::default()).unwrap();
    assert_eq!(file.mapping.columns, [None, Some(Field::Date), None]);
    assert_eq!((file.report.rows_kept, file.report.ipv_rows), (2, Some(2)), "no flag mapped: every row");
    let options = IngestOptions {
        mapping: Some(vec![Some(Field::Person), Some(Field::Date), Some(Field::Domestic)]),
        ..IngestOptions::default()
    };
    let file = ingest_file("no_header.csv", &sample("no_header.csv"), &options).unwrap();
    assert!(!file.report.has_header);
    assert_eq!(file.report.rows_kept, 2);
    assert_eq!(file.report.ipv_rows, Some(1));
}

#[test]
fn a_remembered_mapping_is_used_for_files_with_the_same_headers() {
    let options = IngestOptions {
        mapping: Some(vec![Some(Field::Person), Some(Field::Date), Some(Field::Domestic)]),
        date_order: Some(DateOrder::DayFirst),
        ..IngestOptions::default()
    };
    let file = ingest_file("no_header.csv", &sample("no_header.csv"), &options).unwrap();
    let mut settings = IngestSettings::default();
    settings.remember(&file.headers, &file.mapping, Some(DateOrder::DayFirst));
    let saved = serde_json::to_string(&settings).unwrap();
    let settings: IngestSettings = serde_json::from_str(&saved).unwrap();
    let again =
        ingest_file("no_header.csv", &sample("no_header.csv"), &IngestOptions::with_settings(settings)).unwrap();
    assert_eq!(again.mapping, file.mapping);
    assert_eq!(again.report.date_order, DateOrder::DayFirst);
}

#[test]
fn duplicate_header_names_are_told_apart_and_the_first_is_used() {
    let file = read("duplicate_headers.csv");
    assert_eq!(file.headers, ["Case Number", "Date", "Date (2)", "Suspect ID"]);
    assert_eq!(iso(incidents(&file).day[0]), "2019-03-01");
}

#[test]
fn ragged_rows_and_bad_dates_are_rejected_with_their_lines() {
    let file = read("ragged.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept), (4, 2));
    let reasons: Vec<(&str, &[u64])> =
        r.rejected.iter().map(|g| (g.reason.as_str(), g.first_lines.as_slice())).collect();
    assert_eq!(
        reasons,
        [("row has 2 fields where the header has 3", &[3][..]), ("row has 4 fields where the header has 3", &[4][..])]
    );
    let file = read("bad_dates.csv");
    let reasons: Vec<(&str, usize, &[u64])> =
        file.report.rejected.iter().map(|g| (g.reason.as_str(), g.count, g.first_lines.as_slice())).collect();
    assert_eq!(
        reasons,
        [("unreadable date in column \"Date\"", 2, &[3, 5][..]), ("no date in column \"Date\"", 1, &[4][..])]
    );
    assert!(file.report.to_text().contains("2 x unreadable date in column \"Date\" (first at line 3, 5)"));
}

#[test]
fn bad_files_fail_with_a_message_that_says_where_and_what() {
    let cases = [
        ("empty.csv", "empty.csv: the file is empty"),
        ("header_only.csv", "header_only.csv: the file has a header but no rows"),
        ("picture.png", "picture.png: this is not a text (CSV) file"),
        ("all_bad_dates.csv", "all_bad_dates.csv, line 2: no row could be read: every row was rejected (unreadable date in column \"Date\")"),
        ("no_date_column.csv", "no_date_column.csv: as an incidents table it needs a column for: date (and time)"),
    ];
    for (name, start) in cases {
        let err = ingest_file(name, &sample(name), &IngestOptions::default()).unwrap_err().to_string();
        assert!(err.starts_with(start), "{name}: {err}");
    }
    // UTF-16 without a byte-order mark is read, and says how.
    let utf16_without_bom: Vec<u8> =
        "Date,Suspect\n2019-01-01,P1\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let file = ingest_file("legacy.csv", &utf16_without_bom, &IngestOptions::default()).unwrap();
    assert_eq!(file.report.encoding.name(), "UTF-16 (little-endian, no byte-order mark)");
    assert_eq!(file.report.rows_kept, 1);
}

#[test]
fn a_ten_megabyte_line_is_one_rejected_row_not_a_crash() {
    let mut bytes = b"Case Number,Date,Suspect ID\nL1,2019-03-01,P1\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 10 << 20));
    bytes.extend(b"\nL3,2019-03-03,P3\n");
    let file = ingest_file("long.csv", &bytes, &IngestOptions::default()).unwrap();
    assert_eq!((file.report.rows_read, file.report.rows_kept), (3, 2));
    assert_eq!(file.report.rejected[0].first_lines, [3]);
}

#[test]
fn loading_in_steps_reports_progress_and_gives_the_same_result() {
    let data = generate(&DemoParams { people: 500, ..DemoParams::default() }).unwrap();
    let files = write_extracts(&data, ExtractStyle::Clean);
    let calls = &files[1];
    let mut parser = Parser::new(&calls.name, calls.bytes.clone().into(), &IngestOptions::default()).unwrap();
    let mut seen = Vec::new();
    while !parser.step(100).unwrap() {
        seen.push(parser.progress());
    }
    assert!(seen.len() > 2 && seen.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 == w[1].1));
    let stepped = parser.finish().unwrap();
    let whole = ingest_file(&calls.name, &calls.bytes, &IngestOptions::default()).unwrap();
    assert_eq!(stepped.report, whole.report);
}

/// The demo's extracts, written and read back, give the same extracts again: clean and messy.
#[test]
fn demo_extracts_round_trip_through_intake_clean_and_messy() {
    let data = generate(&DemoParams { people: 1500, seed: 9, ..DemoParams::default() }).unwrap();
    let original = write_extracts(&data, ExtractStyle::Clean);
    let options = IngestOptions::with_settings(IngestSettings { ipv: IpvRules::demo(), ..IngestSettings::default() });
    for style in [ExtractStyle::Clean, ExtractStyle::Messy] {
        let parsed: Vec<ParsedFile> = write_extracts(&data, style)
            .iter()
            .map(|f| ingest_file(&f.name, &f.bytes, &options).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        for file in &parsed {
            let r = &file.report;
            assert_eq!(r.rows_rejected(), 0, "{}", r.to_text());
            assert!(r.unknown_values.is_empty() && r.warnings.is_empty(), "{}", r.to_text());
        }
        let loaded = assemble(&parsed);
        assert_eq!(loaded.summary(), data.summary(), "{style:?}");
        let again = write_extracts(&loaded, ExtractStyle::Clean);
        for (a, b) in original.iter().zip(&again) {
            assert!(a == b, "{style:?}: {} differs after the round trip", a.name);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(parser) = Parser::new("fuzz.csv", bytes.into(), &IngestOptions::default()) {
            let _ = parser.check();
            let _ = parser.finish();
        }
    }

    #[test]
    fn csv_like_text_never_panics(text in "[a-zA-Z0-9,;\"\\n\\r/: -]{0,300}") {
        if let Ok(parser) = Parser::new("fuzz.csv", text.into_bytes().into(), &IngestOptions::default()) {
            let _ = parser.finish();
        }
    }
}
