//! Complexity budgets: the cost of classifying one person, and of reading a file, grows linearly
//! with its size. Each budget compares two sizes ten times apart and asserts the ratio of their
//! best-of-five timings stays far under what a quadratic cost gives (100), not a fixed time,
//! so the tests hold on a slow or busy machine and in a debug build.

use ipvi::classify::{classify, Criteria, NotificationMode, PersonWalk};
use ipvi::ingest::{assemble, ingest_file, IngestOptions, Parser};
use ipvi::model::{Dataset, Flags};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Ten times the input may cost at most this many times the time (linear: about 10).
const LINEAR_BUDGET: f64 = 30.0;

/// Timed tests take turns: the test harness runs tests in parallel, and one test's work would
/// slow another's measurement.
static TIMING: Mutex<()> = Mutex::new(());

/// The best of five timings of `run`, in seconds (the best is the one least disturbed by other
/// work on the machine).
fn best_of_five(mut run: impl FnMut()) -> f64 {
    let _turn = TIMING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    (0..5)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// An incidents extract of one person with `n` incidents over about three years (all within one
/// five-year lookback window, so a recount per incident would cost n squared).
fn one_person(n: usize) -> Vec<u8> {
    let mut csv = String::from("case_number,date,offense,suspect_id,victim_id,charged,weapon\n");
    for i in 0..n {
        let day = i * 1000 / n;
        let (year, day_of_year) = (2015 + day / 336, day % 336);
        let date = format!("{year}-{:02}-{:02}", day_of_year / 28 + 1, day_of_year % 28 + 1);
        let (charged, weapon) = (if i % 2 == 1 { "Y" } else { "N" }, if i % 7 == 0 { "Y" } else { "N" });
        csv.push_str(&format!("C{i},{date},Domestic battery,S1,V{},{charged},{weapon}\n", i % 3));
    }
    csv.into_bytes()
}

fn dataset(bytes: &[u8]) -> Dataset {
    let file = ingest_file("incidents.csv", bytes, &IngestOptions::default()).expect("the extract reads");
    assemble([&file])
}

fn assert_linear(what: &str, small: f64, large: f64) {
    let ratio = large / small.max(1e-6);
    eprintln!("{what}: {:.1} ms vs {:.1} ms ten times larger, ratio {ratio:.1}", small * 1e3, large * 1e3);
    assert!(ratio < LINEAR_BUDGET, "{what}: ten times the input took {ratio:.1} times as long");
}

#[test]
fn one_person_with_100_000_incidents_classifies_in_linear_time() {
    let (small, large) = (dataset(&one_person(10_000)), dataset(&one_person(100_000)));
    for criteria in Criteria::presets() {
        let time = |data: &Dataset| best_of_five(|| drop(classify(data, &criteria, NotificationMode::Simulated)));
        assert_linear(&format!("classify with {}", criteria.name), time(&small), time(&large));
    }
    let result = classify(&large, &Criteria::ipvi_default(), NotificationMode::Simulated);
    let last = result.steps.last().expect("classified").observation.features;
    assert_eq!((last.incidents, last.charges, last.victims), (100_000, 50_000, 3));
}

#[test]
fn many_rows_of_one_person_read_in_linear_time() {
    let (small, large) = (one_person(10_000), one_person(100_000));
    let time = |bytes: &[u8]| best_of_five(|| drop(dataset(bytes)));
    assert_linear("reading one person's rows", time(&small), time(&large));
}

#[test]
fn counts_go_past_65_535_incidents() {
    // All on one day: every incident is within the window of every other.
    let criteria = Criteria::ipvi_default();
    let mut walk = PersonWalk::new(&criteria);
    let mut last = None;
    for i in 0..70_000u32 {
        let flags = Flags::CHARGED.with(Flags::WEAPON, i % 2 == 0);
        last = Some(walk.observe(100, flags, i % 70_000));
    }
    let f = last.expect("observed").features;
    assert_eq!((f.incidents, f.charges, f.weapon, f.victims), (70_000, 70_000, 35_000, 70_000));
}

/// A file whose `columns` headers are all "x" but the first ("date"), with one row.
fn repeated_headers(columns: usize) -> Vec<u8> {
    let header: Vec<&str> = std::iter::once("date").chain(std::iter::repeat_n("x", columns - 1)).collect();
    let row: Vec<&str> = std::iter::once("2020-01-01").chain(std::iter::repeat_n("1", columns - 1)).collect();
    format!("{}\n{}\n", header.join(","), row.join(",")).into_bytes()
}

/// The header names a file's columns are shown under.
fn headers(bytes: &[u8]) -> Vec<String> {
    Parser::new("wide.csv", Arc::new(bytes.to_vec()), &IngestOptions::default()).expect("the header reads").headers
}

#[test]
fn repeated_header_names_are_numbered_in_order() {
    let names = headers(b"a,a,a (2),a,b\n1,2,3,4,5\n");
    assert_eq!(names, ["a", "a (2)", "a (2) (2)", "a (3)", "b"]);
}

#[test]
fn ten_thousand_repeated_header_names_read_in_linear_time() {
    let (small, large) = (repeated_headers(1_000), repeated_headers(10_000));
    let names = headers(&large);
    assert_eq!(names[..3], ["date", "x", "x (2)"]);
    assert_eq!(names[9_999], "x (9999)");
    let time = |bytes: &[u8]| best_of_five(|| drop(headers(bytes)));
    assert_linear("repeated header names", time(&small), time(&large));
}

/// `ipvi check FILE`: exit code and standard error.
fn check(path: &std::path::Path) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ipvi")).arg("check").arg(path).output().expect("runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("ipvi-cost-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.csv");
    // A sparse file: 3 GiB long, no disk space taken; the size alone refuses it.
    std::fs::File::create(&path).unwrap().set_len(3 << 30).unwrap();
    let started = Instant::now();
    let (code, stderr) = check(&path);
    assert!(started.elapsed().as_secs_f64() < 5.0, "refused without reading 3 GiB");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(1));
    assert!(stderr.contains("huge.csv: the file has 3,221,225,472 bytes (3 GiB), more than the 1 GiB"), "{stderr}");
}

#[test]
fn settings_criteria_and_project_files_are_held_to_the_same_limit() {
    let dir = std::env::temp_dir().join(format!("ipvi-cost-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(3 << 30).unwrap();
    let incidents = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad/crlf.csv");
    let runs: [&[&str]; 3] = [
        &["classify", "--incidents", incidents, "--criteria"],
        &["check", incidents, "--map"],
        &["report", "--demo", "--out", "/dev/null", "--project"],
    ];
    for args in runs {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).arg(&huge).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("huge.json: the file has 3,221,225,472 bytes (3 GiB), more than the 1 GiB"),
            "{stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_device_without_end_is_read_up_to_the_limit_and_refused() {
    // Reading 1 GiB would disturb the timed tests: take a turn with them.
    let _turn = TIMING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (code, stderr) = check(std::path::Path::new("/dev/zero"));
    assert_eq!(code, Some(1));
    assert!(stderr.contains("/dev/zero: the file goes on past 1 GiB, the most the workbench reads"), "{stderr}");
}

#[test]
fn a_row_of_millions_of_empty_fields_is_refused_with_its_line() {
    let mut bytes = b"Date,Suspect ID\n2019-03-01,P1\n".to_vec();
    bytes.extend(std::iter::repeat_n(b',', 5 << 20));
    let err = ingest_file("commas.csv", &bytes, &IngestOptions::default()).expect_err("refused");
    assert_eq!(err.line(), Some(3));
    assert!(err.to_string().contains("more than 10,000 columns"), "{err}");
}
