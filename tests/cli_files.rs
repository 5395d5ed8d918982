//! Settings files and hostile file text on the command line: JSON files with a byte-order mark,
//! reading rules (`--map`) named in the errors they cause, an IPV rule that picks no row, and
//! file text that never reaches the terminal raw.

use ipvi::ingest::{header_signature, IngestSettings, IpvRule, SavedMapping, Table};
use std::path::PathBuf;
use std::process::Command;

fn ipvi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A folder with a small demo jurisdiction, removed when the test ends.
struct Folder(PathBuf);

impl Folder {
    fn new(tag: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("ipvi-files-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (code, _, err) = ipvi(&["demo", "--people", "300", "--out", dir.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        Folder(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }

    /// Writes a file with a UTF-8 byte-order mark first, as Notepad and Excel do.
    fn write_with_bom(&self, name: &str, text: &str) -> String {
        std::fs::write(self.0.join(name), format!("\u{feff}{text}")).unwrap();
        self.path(name)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn json_files_with_a_byte_order_mark_are_read() {
    let f = Folder::new("bom");
    let map = f.write_with_bom("rules.json", &serde_json::to_string(&IngestSettings::default()).unwrap());
    let criteria =
        f.write_with_bom("criteria.json", &serde_json::to_string(&ipvi::classify::Criteria::rfgv()).unwrap());
    let settings = f.write_with_bom("settings.json", r#"{"start": 18078}"#);
    let params = f.write_with_bom("params.json", r#"{"people": 200}"#);
    let (code, out, err) = ipvi(&["check", &f.path("incidents.csv"), "--map", &map]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("incidents.csv: incidents table"), "{out}");
    let (code, _, err) = ipvi(&["classify", "--incidents", &f.path("incidents.csv"), "--criteria", &criteria]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("\"RFGV priority score\""), "{err}");
    let (code, out, err) = ipvi(&["outcomes", "--incidents", &f.path("incidents.csv"), "--settings", &settings]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Intervention start 2019-07-01"), "{out}");
    let (code, out, err) = ipvi(&["report", "--demo-params", &params, "--generated", "2024-01-01", "--out", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>"), "{}", &out[..100.min(out.len())]);
    // A broken file says which file, line and column.
    let broken = f.write_with_bom("broken.json", "{\n  \"flags\" 1\n}");
    let (code, _, err) = ipvi(&["check", &f.path("incidents.csv"), "--map", &broken]);
    assert_eq!(code, 1);
    assert!(err.contains("broken.json is not a reading-rules file: the JSON is broken at line 2, column 11"), "{err}");
}

#[test]
fn reading_rules_that_pick_no_ipv_row_are_said_and_named() {
    let f = Folder::new("ipv");
    let mut rules = IngestSettings::default();
    rules.ipv.incidents =
        IpvRule { domestic_flag: false, kinds: vec!["no such offence".into()], relationships: vec![] };
    std::fs::write(f.0.join("rules.json"), serde_json::to_string(&rules).unwrap()).unwrap();
    let map = f.path("rules.json");
    // `check` keeps the file (it is readable) and warns.
    let (code, out, err) = ipvi(&["check", &f.path("incidents.csv"), "--map", &map]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("  IPV rows: 0 of "), "{out}");
    assert!(out.contains("warning: none of the ") && out.contains(" rows kept counts as IPV"), "{out}");
    // The analyses refuse to analyse nothing, and name the rules' file.
    let incidents = f.path("incidents.csv");
    let analyses: [&[&str]; 2] = [&["outcomes"], &["report", "--generated", "2024-01-01", "--out", "-"]];
    for command in analyses {
        let mut args = command.to_vec();
        args.extend(["--incidents", &incidents, "--start", "2019-01-01", "--map", &map]);
        let (code, out, err) = ipvi(&args);
        assert_eq!((code, out.as_str()), (1, ""), "{command:?}: {err}");
        assert!(err.starts_with("ipvi: incidents.csv: none of its "), "{err}");
        assert!(err.contains("counts as IPV") && err.trim_end().ends_with(&format!("of {map})")), "{err}");
    }
}

#[test]
fn dates_to_load_in_the_reading_rules_leave_rows_out_on_the_command_line() {
    let f = Folder::new("range");
    let incidents = f.path("incidents.csv");
    let text = std::fs::read_to_string(&incidents).unwrap();
    // The demo writes dates as `YYYY-MM-DD hh:mm` in the second column.
    let years: Vec<&str> = text.lines().skip(1).map(|l| &l.split(',').nth(1).unwrap()[..4]).collect();
    let outside = years.iter().filter(|&&y| y < "2019").count();
    assert!(outside > 0 && outside < years.len(), "{outside} of {}", years.len());
    let mut rules = IngestSettings::default();
    rules.date_range.from = ipvi::model::day_from_ymd(2019, 1, 1);
    std::fs::write(f.0.join("rules.json"), serde_json::to_string(&rules).unwrap()).unwrap();
    let (code, out, err) = ipvi(&["check", &incidents, "--map", &f.path("rules.json")]);
    assert_eq!(code, 0, "{err}");
    let said =
        format!("  dates to load (reading rules): from 2019-01-01; rows dated outside them, left out: {outside}\n");
    assert!(out.contains(&said), "{out}");
    assert!(out.contains(&format!("  rows: {} read, ", years.len() - outside)), "{out}");
}

#[test]
fn errors_a_saved_mapping_causes_name_the_rules_file() {
    let f = Folder::new("mapping");
    let text = std::fs::read_to_string(f.0.join("incidents.csv")).unwrap();
    let headers: Vec<String> = text.lines().next().unwrap().split(',').map(String::from).collect();
    let mut rules = IngestSettings::default();
    let columns = vec![None; headers.len()];
    let signature = header_signature(&headers);
    rules.mappings.push(SavedMapping { signature, table: Table::Incidents, columns, date_order: None });
    std::fs::write(f.0.join("rules.json"), serde_json::to_string(&rules).unwrap()).unwrap();
    let (code, _, err) = ipvi(&["check", &f.path("incidents.csv"), "--map", &f.path("rules.json")]);
    assert_eq!(code, 1);
    assert!(err.starts_with("ipvi: incidents.csv: as an incidents table it needs a column for"), "{err}");
    assert!(err.trim_end().ends_with(&format!("(read with the reading rules of {})", f.path("rules.json"))), "{err}");
}

#[test]
fn file_text_never_reaches_the_terminal_raw() {
    let f = Folder::new("escape");
    let escape = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    let file = f.0.join("hostile.csv");
    let long = "x".repeat(100_000);
    let rows =
        format!("Case Number,Report Date,Suspect ID,Domestic\n1,2020-01-01,P1,{escape}\n2,2020-01-02,P2,{long}\n");
    std::fs::write(&file, rows).unwrap();
    let (code, out, err) = ipvi(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    assert!(
        out.contains("unrecognised values in \"Domestic\": 2 (read as no), e.g. \\x1b]0;owned\\x07\\x1b[2J, xxx"),
        "{out}"
    );
    assert!(out.len() < 5_000, "a long cell is quoted short: {} bytes", out.len());
    // A header the table cannot use: the error quotes the headers, escaped.
    // (Enough ordinary rows that the few control characters do not make it look binary.)
    // (No dates in the rows either, or the date column would be found by its content.)
    let ordinary: String = (0..50).map(|i| format!("{i},soon,P{i}\n")).collect();
    std::fs::write(&file, format!("Case Number,Report Date{escape},Suspect ID\n{ordinary}")).unwrap();
    let (code, out, err) = ipvi(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(!err.contains('\u{1b}') && err.contains("Report Date\\x1b]0;owned\\x07"), "{err}");
}

#[test]
fn an_answers_file_is_quoted_short_and_escaped() {
    let f = Folder::new("answers");
    std::fs::write(f.0.join("key.csv"), "case,level,reason\ncase-01,D,one incident\n").unwrap();
    let level = format!("\u{1b}[2J{}", "Z".repeat(10_000));
    std::fs::write(f.0.join("ana.csv"), format!("trainee,case,level\nAna,case-01,{level}\n")).unwrap();
    let (code, _, err) = ipvi(&["agreement", &f.path("ana.csv"), "--key", &f.path("key.csv")]);
    assert_eq!(code, 1);
    assert!(err.starts_with("ipvi: ana.csv line 2, column \"level\": \"\\x1b[2JZZZ"), "{err}");
    assert!(err.len() < 400 && err.contains("Z…\" is not a level"), "{} bytes: {err}", err.len());
}
