//! The `ipvi` command line tool, run as a user would run it.

use std::process::Command;

fn ipvi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn dialect(name: &str) -> String {
    format!("{}/tests/data/dialects/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn version_and_help() {
    let (code, out, _) = ipvi(&["--version"]);
    assert_eq!((code, out.trim()), (0, format!("ipvi {}", env!("CARGO_PKG_VERSION")).as_str()));
    let (code, out, _) = ipvi(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("demo") && out.contains("check") && out.contains("Nothing is sent anywhere"));
}

#[test]
fn check_prints_the_report_and_exits_by_usability() {
    let (code, out, err) = ipvi(&["check", &dialect("ragged.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ragged.csv: incidents table\n"), "{out}");
    assert!(out.contains("  rows: 4 read, 2 kept, 2 rejected\n"));
    assert!(out.contains("    1 x row has 2 fields where the header has 3 (first at line 3)\n"));
    assert!(out.contains("    Suspect ID                       suspect id                    75.0%\n"), "{out}");

    let (code, _, err) = ipvi(&["check", &dialect("ragged.csv"), &dialect("picture.png")]);
    assert_eq!(code, 1);
    assert!(err.starts_with("ipvi: picture.png: this is not a text (CSV) file"), "{err}");

    let (code, out, _) = ipvi(&["check", "--json", &dialect("bad_dates.csv")]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["rows_kept"], 1);
    assert_eq!(json[0]["rejected"][0]["first_lines"], serde_json::json!([3, 5]));
}

#[test]
fn check_applies_a_mapping_file() {
    let dir = std::env::temp_dir().join(format!("ipvi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let map = dir.join("map.json");
    std::fs::write(
        &map,
        r#"{"mappings":[{"signature":"column1|column2|column3","table":"Incidents","columns":["Person","Date","Domestic"]}]}"#,
    )
    .unwrap();
    let (code, out, err) = ipvi(&["check", &dialect("no_header.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("read from the data: column \"Column 2\" is read as the date (and time) by its content"),
        "{out}"
    );
    assert!(out.contains("IPV rows: 2 of 2 (100.0%)"), "{out}");
    let (code, out, err) = ipvi(&["check", "--map", map.to_str().unwrap(), &dialect("no_header.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("IPV rows: 1 of 2 (50.0%)"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn demo_writes_files_that_check_reads_back() {
    let dir = std::env::temp_dir().join(format!("ipvi-demo-{}", std::process::id()));
    let (code, out, err) = ipvi(&["demo", "--people", "300", "--seed", "5", "--messy", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("planted hazard ratio") && out.contains("fingerprint (clean extracts): "));
    assert!(out.contains("comparison areas               24 areas, January 2016 to December 2021"), "{out}");
    assert!(out.contains("planted city-areas difference  20% fewer IPV calls in the city"), "{out}");
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    assert_eq!(files.len(), 11);
    // The comparison areas are no extract: they read as a comparison file.
    let comparison = dir.join(ipvi::synth::COMPARISON_FILE);
    files.retain(|f| *f != comparison.display().to_string());
    let panel = ipvi::outcomes::comparison::read_comparison("c.csv", &std::fs::read(&comparison).unwrap()).unwrap();
    assert_eq!(panel.areas.len(), 24);
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = ipvi(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("0 rejected").count(), 10, "{out}");
    let fingerprint = ipvi(&["demo", "--people", "300", "--seed", "5", "--fingerprint-only"]).1;
    assert!(out.len() > 100 && fingerprint.trim().len() == 64);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn classify_and_outcomes_read_the_demo_extracts() {
    let (dir, d) = demo_extracts("outcomes", "1500");
    let (code, out, err) =
        ipvi(&["classify", "--incidents", &d("incidents.csv"), "--notifications", &d("notifications.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("person_id,level,reason,level_date,ipv_incidents,first_incident,last_incident\r\n"));
    assert!(err.contains("(notifications recorded)"), "{err}");
    let (code, _, err) = ipvi(&["classify", "--incidents", &d("incidents.csv"), "--as-of", "soon"]);
    assert_eq!(code, 1);
    assert!(err.contains("--as-of must be a date"), "{err}");

    let mut args = outcomes_args(&d);
    args.push("--json".into());
    let (code, out, err) = ipvi(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["start", "end", "calls", "reoffending", "known_addresses", "pauses", "services", "sanctions"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert!(json["reoffending"]["Ok"]["finding"].as_str().unwrap().contains("within a year of their notification"));
    let (code, out, _) = ipvi(&["outcomes", "--incidents", &d("incidents.csv"), "--start", "2019-01-01"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Calls for service: IPV incidents ")
            && out.contains(" a month before, ")
            && out.contains("simulated by policy"),
        "{out}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A demo jurisdiction written as extracts into a fresh folder; the paths of its files.
fn demo_extracts(tag: &str, people: &str) -> (std::path::PathBuf, impl Fn(&str) -> String) {
    let dir = std::env::temp_dir().join(format!("ipvi-{tag}-{}", std::process::id()));
    assert_eq!(ipvi(&["demo", "--people", people, "--out", dir.to_str().unwrap()]).0, 0);
    let base = dir.clone();
    (dir, move |name: &str| base.join(name).display().to_string())
}

/// `ipvi outcomes` with every extract of a demo folder.
fn outcomes_args(d: &impl Fn(&str) -> String) -> Vec<String> {
    let mut args = vec!["outcomes".to_string()];
    for f in ["incidents", "notifications", "calls", "services", "sanctions"] {
        args.extend([format!("--{f}"), d(&format!("{f}.csv"))]);
    }
    args
}

#[test]
fn outcomes_writes_every_table_and_chart_and_takes_the_pages_settings() {
    let (dir, d) = demo_extracts("tables", "1500");
    let out_dir = dir.join("tables");
    let settings = dir.join("settings.json");
    std::fs::write(&settings, r#"{"start": 18078, "windows": [60, 730], "reoffense": "Charged"}"#).unwrap();
    let mut args = outcomes_args(&d);
    args.extend([
        "--settings".into(),
        settings.display().to_string(),
        "--tables".into(),
        out_dir.display().to_string(),
        "--comparison".into(),
        d("comparison_areas.csv"),
    ]);
    let (code, out, err) = ipvi(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Compared with other areas: After the start, IPV calls for service"), "{out}");
    // 18078 is 1 Jul 2019: the settings file's start is used.
    assert!(out.starts_with("Intervention start 2019-07-01, data end "), "{out}");
    assert!(out.contains("notifications recorded."), "{out}");
    let mut written: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    let expected = [
        "detectable-drops.csv",
        "ipv-calls-per-month.csv",
        "ipv-calls-per-month.svg",
        "ipv-calls-placebo-in-time.csv",
        "known-addresses.csv",
        "known-addresses.svg",
        "other-areas-event-study.csv",
        "other-areas-event-study.svg",
        "other-areas-placebo-in-time.csv",
        "other-areas-synthetic.csv",
        "other-areas-synthetic.svg",
        "other-areas-weights.csv",
        "pauses.csv",
        "reoffending-by-cohort.csv",
        "reoffending-by-cohort.svg",
        "reoffending-by-level.csv",
        "reoffending-by-level.svg",
        "reoffending-windows.csv",
        "sanctions-per-month.csv",
        "sanctions.csv",
        "sanctions.svg",
        "services-per-month.csv",
        "services.csv",
        "services.svg",
    ];
    assert_eq!(written, expected);
    let windows = std::fs::read_to_string(out_dir.join("reoffending-windows.csv")).unwrap();
    let lines: Vec<&str> = windows.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "window_days,level,people,reoffended,share,ci_low,ci_high");
    // The settings' two windows, each for all people and the four levels.
    assert_eq!(lines.len(), 1 + 2 * 5);
    assert!(lines[1].starts_with("60,all,") && lines[6].starts_with("730,all,"), "{windows}");
    let calls = std::fs::read_to_string(out_dir.join("ipv-calls-per-month.csv")).unwrap();
    assert!(calls.starts_with("month,ipv_calls,fitted,coverage\r\n2016-01,"), "{calls}");
    let svg = std::fs::read_to_string(out_dir.join("ipv-calls-per-month.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Intervention start (1 Jul 2019)"));

    // The same extracts with --simulate: the one notification-mode rule, worded the same way.
    let (code, out, err) = ipvi(&[
        "outcomes",
        "--incidents",
        &d("incidents.csv"),
        "--notifications",
        &d("notifications.csv"),
        "--simulate",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("notifications simulated by policy."), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let (dir, d) = demo_extracts("pipe", "800");
    let runs: [Vec<String>; 3] = [
        vec![
            "outcomes".into(),
            "--incidents".into(),
            d("incidents.csv"),
            "--notifications".into(),
            d("notifications.csv"),
            "--json".into(),
        ],
        vec!["classify".into(), "--incidents".into(), d("incidents.csv")],
        vec!["demo".into(), "--people".into(), "300".into(), "--out".into(), dir.join("again").display().to_string()],
    ];
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ipvi"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        // The reader is dropped here, as `| head -1` closes the pipe.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty(), "{args:?}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("Broken pipe"), "{args:?}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_json_carries_each_columns_profile_and_the_decisions() {
    let (code, out, err) = ipvi(&["check", "--json", &dialect("no_header.csv")]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let report = &json[0];
    let profiles = report["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 3);
    assert_eq!((profiles[1]["column"].as_str(), profiles[1]["dates"].as_u64()), (Some("Column 2"), Some(2)));
    assert_eq!(profiles[0]["dates"].as_u64(), Some(0));
    let decisions = report["decisions"].as_array().unwrap();
    assert!(decisions[0].as_str().unwrap().starts_with("column \"Column 2\" is read as the date"), "{decisions:?}");
}

/// The demo's calls with a `Beat` column (12 beats, in turn), as an agency's extract with areas.
fn calls_with_beats(d: &impl Fn(&str) -> String) -> String {
    let calls = std::fs::read_to_string(d("calls.csv")).unwrap();
    let mut lines = calls.lines();
    let mut out = format!("{},Beat\n", lines.next().unwrap());
    for (i, line) in lines.enumerate() {
        out.push_str(&format!("{line},Beat {:02}\n", i % 12 + 1));
    }
    let path = d("calls_beats.csv");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn outcomes_compares_the_treated_areas_of_an_area_column_with_the_others() {
    let (_dir, d) = demo_extracts("beats", "1500");
    let calls = calls_with_beats(&d);
    let base = ["outcomes", "--incidents", &d("incidents.csv"), "--notifications", &d("notifications.csv")];
    let run = |extra: &[&str]| ipvi(&[&base[..], &["--calls", &calls], extra].concat());
    let (code, out, err) = run(&["--treated-areas", "Beat 01,Beat 02", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let areas = &json["other_areas"]["Ok"];
    let aligned = &areas["aligned"]["Ok"];
    assert_eq!(aligned["treated"], serde_json::json!(["Beat 01", "Beat 02"]));
    assert_eq!(aligned["comparison"].as_array().unwrap().len(), 10);
    assert_eq!(aligned["source"], "area column Beat");
    // Calls dealt to beats in turn: the treated beats fell no more than the others.
    let did = &areas["did"]["did"]["Ok"]["rate_ratio"];
    assert!(did["low"].as_f64().unwrap() < 1.0 && did["high"].as_f64().unwrap() > 1.0, "{did}");
    assert_eq!(areas["did"]["did"]["Ok"]["errors"], "QuasiPoisson", "2 treated areas are too few to cluster");
    let (code, out, _) = run(&["--treated-areas", "Beat 99"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"Beat 99\" is not an area of the area column Beat"), "{out}");
    let (code, _, err) = run(&["--treated-areas", "Beat 01", "--comparison", &d("comparison_areas.csv")]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("give either --comparison FILE or --treated-areas"), "{err}");
}
