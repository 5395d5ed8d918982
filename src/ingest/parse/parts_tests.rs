//! A file parsed in parts gives what one pass gives: the same encoded file (rows, ids in the
//! same order, report) or the same error, for 1 to 4 parts.

use super::parts::ingest_on_threads;
use super::{ingest_file, Parser};
use crate::export::{write_extracts, ExtractStyle};
use crate::ingest::columns::encode;
use crate::ingest::{IngestError, IngestOptions, IngestSettings, IpvRules};
use crate::synth::{generate, DemoParams};
use proptest::prelude::*;
use std::sync::Arc;

/// Compares one pass with 1 to 4 parts read on threads: the same encoded file, or the same
/// error.
fn same_in_parts(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<(), String> {
    let whole = ingest_file(name, bytes, options).map(|p| encode(&p));
    for n in 1..=4 {
        let parts = ingest_on_threads(name, bytes, options, n).map(|p| encode(&p));
        if parts == whole {
            continue;
        }
        let show = |r: &Result<Vec<u8>, IngestError>| match r {
            Ok(bytes) => format!("{:?}", super::super::columns::decode(bytes).map(|p| (p.report, p.rows))),
            Err(e) => format!("{e:?}"),
        };
        return Err(format!("{n} parts:\n{}\none pass:\n{}", show(&parts), show(&whole)));
    }
    Ok(())
}

fn demo_options() -> IngestOptions {
    IngestOptions::with_settings(IngestSettings { ipv: IpvRules::demo(), ..IngestSettings::default() })
}

#[test]
fn the_demo_extracts_read_the_same_in_parts() {
    let data = generate(&DemoParams { people: 1500, seed: 7, ..DemoParams::default() }).expect("valid parameters");
    for style in [ExtractStyle::Clean, ExtractStyle::Messy] {
        for file in write_extracts(&data, style) {
            let result = same_in_parts(&file.name, &file.bytes, &demo_options());
            assert!(result.is_ok(), "{}: {:?}", file.name, result.err());
        }
    }
}

#[test]
fn dates_to_load_read_the_same_in_parts() {
    let data = generate(&DemoParams { people: 800, seed: 3, ..DemoParams::default() }).expect("valid parameters");
    let mut options = demo_options();
    options.settings.date_range = crate::ingest::DateRange { from: crate::model::day_from_ymd(2019, 1, 1), to: None };
    let mut outside = 0;
    for file in write_extracts(&data, ExtractStyle::Messy) {
        outside += ingest_file(&file.name, &file.bytes, &options).expect("a demo extract").report.outside_dates;
        let result = same_in_parts(&file.name, &file.bytes, &options);
        assert!(result.is_ok(), "{}: {:?}", file.name, result.err());
    }
    assert!(outside > 1000, "rows before 2019 left out: {outside}");
}

/// Incidents with `rows` good rows, then `tail`.
fn incidents(rows: usize, tail: &str) -> String {
    let mut text = String::from("Case Number,Report Date,Suspect ID,Victim ID,Address,Offense,Domestic\n");
    for i in 0..rows {
        text.push_str(&format!(
            "C{i},2019-03-{:02},P{},V{},{} Main St,Assault,Y\n",
            1 + i % 28,
            i % 97,
            i % 89,
            i % 31
        ));
    }
    text.push_str(tail);
    text
}

#[test]
fn an_error_in_a_later_part_names_the_line_one_pass_names() {
    let text = incidents(2000, "C9,2019-04-01,P1,V1,\"unclosed,Assault,Y\nC10,2019-04-02,P2,V2,x,Assault,Y\n");
    let whole = ingest_file("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(whole.line(), Some(2002), "the header, 2000 rows, then the quote's line");
    for n in 2..=4 {
        let parts = ingest_on_threads("f.csv", text.as_bytes(), &IngestOptions::default(), n).unwrap_err();
        assert_eq!(parts, whole, "{n} parts");
    }
}

#[test]
fn rejected_rows_of_later_parts_keep_their_lines_and_duplicates_across_parts_count() {
    // A bad date on line 1502 and a case number of line 2 again on line 1503.
    let text = incidents(1500, "C1,soon,P1,V1,x,Assault,Y\nC0,2019-04-02,P2,V2,x,Assault,Y\n");
    let whole = ingest_file("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!((whole.report.rejected[0].first_lines.clone(), whole.report.duplicate_ids), (vec![1502], 1));
    same_in_parts("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
}

#[test]
fn a_split_inside_a_quoted_field_is_caught_and_read_on() {
    // A quote inside a field that is not quoted makes the quote count odd: the split the count
    // suggests falls inside a quoted note; the part before it reads on instead.
    let mut text = String::from("Case Number,Report Date,Suspect ID,Notes\nC0,2019-03-01,P0,5\" tall\n");
    for i in 1..400 {
        text.push_str(&format!("C{i},2019-03-02,P{i},\"a\nb\"\n"));
    }
    let parser = Parser::new("f.csv", Arc::new(text.clone().into_bytes()), &IngestOptions::default()).unwrap();
    let bound = parser.part_bounds(2)[1] as usize;
    assert_eq!(&text.as_bytes()[bound - 3..bound], b"\"a\n", "the split falls inside a note");
    same_in_parts("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
}

/// One generated row: which kind, and numbers to fill it with.
type RowSpec = (u8, u16, u16, u8);

const HEADER: [&str; 8] =
    ["Case Number", "Report Date", "Suspect ID", "Victim ID", "Address", "Offense", "Domestic", "Notes"];

/// A date in the file's style: ISO, US with a time, day first, or an Excel serial number.
fn date(style: u8, n: u16) -> String {
    let (day, month, year) = (1 + n % 28, 1 + (n / 28) % 12, 2015 + n % 6);
    match style {
        0 => format!("{year}-{month:02}-{day:02}"),
        1 => format!("{month}/{day}/{year} {}:30 PM", 1 + n % 12),
        2 => format!("{day:02}/{month:02}/{year}"),
        _ => format!("{}.25", 42_000 + n),
    }
}

/// The fields of one row (as text; the caller joins them), or a whole line of its own.
fn row(spec: RowSpec, style: u8, delimiter: char) -> Vec<String> {
    let (kind, a, b, c) = spec;
    let name = |p: &str, n: u16| format!("{p}{}", n % 40);
    let mut fields = vec![
        name("C", a),
        date(style, b),
        if c % 7 == 0 { "PÉREZ-1".to_string() } else { name("P", b) },
        name("V", a / 3),
        format!("{} Elm St", b % 13),
        ["Assault", "Threats", "Theft"][c as usize % 3].to_string(),
        ["Y", "N", "maybe", ""][c as usize % 4].to_string(),
        String::new(),
    ];
    match kind % 12 {
        0 => fields[7] = format!("\"line one\nline two{delimiter} \"\"quoted\"\"\""),
        1 => return vec![String::new()],
        2 => return vec!["Total".into(), String::new(), "12".into()],
        3 => fields.truncate(5),
        4 => fields[1] = "not a date".into(),
        5 => fields[1] = "1900-01-01".into(),
        6 => fields[7] = "5\" tall".into(),
        7 => fields[7] = format!("\"{}\"", "x\r\n".repeat(12)),
        8 => fields[2] = String::new(),
        _ => {}
    }
    fields
}

/// A generated incidents extract: (BOM, `;` delimiter, line ends, date style, Windows-1252,
/// an unclosed quote at the end) and rows.
fn extract(file: (bool, bool, u8, u8, bool, bool), rows: &[RowSpec]) -> Vec<u8> {
    let (bom, semicolon, ends, style, windows_1252, unclosed) = file;
    let delimiter = if semicolon { ';' } else { ',' };
    let end = |i: usize| match ends % 3 {
        0 => "\n",
        1 => "\r\n",
        _ if i % 2 == 0 => "\r\n",
        _ => "\n",
    };
    let mut text = HEADER.join(&delimiter.to_string()) + end(0);
    for (i, &spec) in rows.iter().enumerate() {
        text += &row(spec, style, delimiter).join(&delimiter.to_string());
        text += end(i + 1);
    }
    if unclosed {
        text += &format!("C1{delimiter}2019-01-01{delimiter}\"P1, never closed{}", end(0));
    }
    let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    if windows_1252 {
        bytes.extend(text.chars().map(|c| if c == 'É' { 0xC9 } else { c as u8 }));
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_extracts_read_the_same_in_parts(
        file in (any::<bool>(), any::<bool>(), 0u8..3, 0u8..4, any::<bool>(), prop::bool::weighted(0.1)),
        rows in prop::collection::vec((0u8..30, 0u16..400, 0u16..400, any::<u8>()), 0..80),
    ) {
        let bytes = extract(file, &rows);
        let result = same_in_parts("generated.csv", &bytes, &IngestOptions::default());
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}

#[test]
fn the_area_column_reads_the_same_in_parts() {
    let mut incidents = String::from("Case Number,Report Date,Suspect ID,Offense,Domestic,Beat\n");
    let mut calls = String::from("Call Number,Time Created,Call Type,Beat\n");
    for i in 0..3000 {
        // Every seventh row has no beat; beat names recur across the parts.
        let beat = if i % 7 == 0 { String::new() } else { format!("B{:02}", i % 13) };
        incidents.push_str(&format!("C{i},2019-03-{:02},P{},Assault,Y,{beat}\n", 1 + i % 28, i % 97));
        calls.push_str(&format!("K{i},2019-04-{:02} 10:00,DOMESTIC,{beat}\n", 1 + i % 28));
    }
    for (name, text) in [("incidents.csv", &incidents), ("calls.csv", &calls)] {
        let result = same_in_parts(name, text.as_bytes(), &IngestOptions::default());
        assert!(result.is_ok(), "{name}: {:?}", result.err());
        let parsed = ingest_file(name, text.as_bytes(), &IngestOptions::default()).expect("a good file");
        let (area, rows) = match &parsed.rows {
            super::TableRows::Incidents(t) => (t.area.clone(), t.len()),
            super::TableRows::Calls(t) => (t.area.clone(), t.len()),
            _ => unreachable!("incidents and calls"),
        };
        assert_eq!(area.len(), rows, "{name}: one area per row");
        let names: Vec<&str> = area.iter().take(3).map(|&a| parsed.labels.name(a)).collect();
        assert_eq!(names, ["", "B01", "B02"], "{name}");
    }
}
