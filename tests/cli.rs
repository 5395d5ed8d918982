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
    let (code, _, err) = ipvi(&["check", &dialect("no_header.csv")]);
    assert_eq!(code, 1);
    assert!(err.contains("needs a column for: date"), "{err}");
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
    let files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    assert_eq!(files.len(), 10);
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
    let dir = std::env::temp_dir().join(format!("ipvi-outcomes-{}", std::process::id()));
    let d = |name: &str| dir.join(name).display().to_string();
    assert_eq!(ipvi(&["demo", "--people", "1500", "--out", dir.to_str().unwrap()]).0, 0);
    let (code, out, err) =
        ipvi(&["classify", "--incidents", &d("incidents.csv"), "--notifications", &d("notifications.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("person_id,level,reason,level_date,ipv_incidents,first_incident\r\n"));
    assert!(err.contains("(notifications recorded)"), "{err}");
    let (code, _, err) = ipvi(&["classify", "--incidents", &d("incidents.csv"), "--as-of", "soon"]);
    assert_eq!(code, 1);
    assert!(err.contains("--as-of must be a date"), "{err}");

    let (code, out, err) = ipvi(&[
        "outcomes",
        "--incidents",
        &d("incidents.csv"),
        "--notifications",
        &d("notifications.csv"),
        "--calls",
        &d("calls.csv"),
        "--services",
        &d("services.csv"),
        "--sanctions",
        &d("sanctions.csv"),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["start", "end", "calls", "reoffending", "known_addresses", "pauses", "services", "sanctions"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert!(json["reoffending"]["Ok"]["finding"].as_str().unwrap().contains("reoffended within a year"));
    let (code, out, _) = ipvi(&["outcomes", "--incidents", &d("incidents.csv"), "--start", "2019-01-01"]);
    assert_eq!(code, 0);
    assert!(out.contains("Calls for service: IPV incidents per day") && out.contains("simulated by policy"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}
