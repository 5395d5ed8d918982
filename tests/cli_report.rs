//! `ipvi report` and `--project`, run as a user would run them.

use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::export::{fingerprint, write_extracts, ExtractStyle};
use ipvi::ingest::{IngestSettings, Table};
use ipvi::model::day_from_ymd;
use ipvi::outcomes::{Analysis, OutcomeSettings};
use ipvi::project::{EmbeddedFile, Project};
use ipvi::report::{document, parts, sha256_hex, Origin, ReportChoices, ReportInput};
use ipvi::synth::{comparison_areas, generate, DemoParams};
use std::path::{Path, PathBuf};
use std::process::Command;

fn ipvi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn folder(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ipvi-report-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The report the page would build for the default demo: the same generation, fingerprint,
/// notification mode, classification and outcomes, with the settings of a fresh browser.
fn page_report_of_the_demo() -> String {
    let params = DemoParams::default();
    let data = generate(&params).unwrap();
    // The page loads the demo's comparison areas with it.
    let areas = comparison_areas(&params, &data);
    let origin = Origin::Demo { params, fingerprint: fingerprint(&write_extracts(&data, ExtractStyle::Clean)) };
    let (criteria, settings) = (Criteria::ipvi_default(), OutcomeSettings::default());
    let mode = NotificationMode::choose(&data, false);
    let classification = classify(&data, &criteria, mode);
    let outcomes = Analysis::new(&data, &classification, &settings)
        .and_then(|analysis| analysis.compared_with(Some(&areas)).finish());
    document(&ReportInput {
        choices: &ReportChoices::default(),
        generated: day_from_ymd(2026, 1, 31).unwrap(),
        origin: &origin,
        data: &data,
        reading_rules: &IngestSettings::default(),
        criteria: &criteria,
        mode,
        classification: &classification,
        settings: &settings,
        outcomes: outcomes.as_ref(),
        comparison_file: None,
    })
}

#[test]
fn the_demo_report_is_complete_and_the_same_bytes_as_the_pages() {
    let dir = folder("demo");
    let out = dir.join("report.html");
    let (code, _, err) = ipvi(&["report", "--demo", "--generated", "2026-01-31", "--out", text(&out)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with(&format!("wrote {} (", out.display())), "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    for part in parts() {
        assert!(html.contains(&format!("<section class=\"part\" id=\"{}\">", part.id)), "{}", part.id);
    }
    assert!(html.contains(&format!("(build {})", ipvi::BUILD)) && html.contains("<dd>31 Jan 2026</dd>"));
    assert!(html == page_report_of_the_demo(), "the CLI's report differs from the engine's for the page's inputs");
    let (code, again, _) = ipvi(&["report", "--demo", "--generated", "2026-01-31", "--out", "-"]);
    assert_eq!((code, again == html), (0, true), "standard output has the same bytes");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left behind");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_project_gives_the_settings_and_flags_win() {
    let dir = folder("project");
    let project = Project {
        criteria: Criteria::rfgv(),
        report: ReportChoices {
            title: "For the council".into(),
            authors: "A. Evaluator".into(),
            hidden: vec!["methods".into()],
            ..ReportChoices::default()
        },
        ..Project::default()
    };
    let path = dir.join("evaluation.ipvi.json");
    std::fs::write(&path, project.to_json()).unwrap();
    let out = dir.join("report.html");
    let args = ["report", "--demo", "--project", text(&path), "--title", "Final", "--out", text(&out)];
    let (code, _, err) = ipvi(&args);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1>Final</h1>") && html.contains("<p class=\"authors\">A. Evaluator</p>"));
    assert!(html.contains("classified with the criteria &quot;RFGV priority score&quot;"));
    assert!(!html.contains("id=\"methods\""));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_project_saved_on_the_demo_reports_on_the_same_demo() {
    let dir = folder("demo-project");
    let params = DemoParams { people: 400, seed: 9, ..DemoParams::default() };
    let path = dir.join("demo.ipvi.json");
    std::fs::write(&path, Project { demo: Some(params.clone()), ..Project::default() }.to_json()).unwrap();
    let params_path = dir.join("params.json");
    std::fs::write(&params_path, serde_json::to_string(&params).unwrap()).unwrap();
    let (code, from_project, err) =
        ipvi(&["report", "--project", text(&path), "--generated", "2026-01-31", "--out", "-"]);
    assert_eq!(code, 0, "{err}");
    let args = ["report", "--demo-params", text(&params_path), "--generated", "2026-01-31", "--out", "-"];
    let (code, from_params, err) = ipvi(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        from_project.contains("400") && from_project == from_params,
        "the project's demo is the demo of its parameters"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_project_from_a_newer_version_is_refused_in_words() {
    let dir = folder("newer");
    let path = dir.join("future.ipvi.json");
    std::fs::write(&path, r#"{"format": "ipvi-workbench-project", "version": 99, "criteria": {"new": true}}"#).unwrap();
    let (project, out) = (text(&path).to_string(), dir.join("r.html"));
    let runs =
        [vec!["report", "--demo", "--project", &project, "--out", text(&out)], vec!["outcomes", "--project", &project]];
    for args in runs {
        let (code, _, err) = ipvi(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains(
                "This project file was made by a newer version of IPVI Workbench (project format 99); this version \
                 reads up to 1. Update the workbench to open it."
            ),
            "{args:?}: {err}"
        );
    }
    assert!(!dir.join("r.html").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn extracts_from_files_or_inside_the_project_give_the_same_report() {
    let dir = folder("files");
    assert_eq!(ipvi(&["demo", "--people", "400", "--out", text(&dir)]).0, 0);
    let incidents = std::fs::read(dir.join("incidents.csv")).unwrap();
    let notifications = std::fs::read(dir.join("notifications.csv")).unwrap();
    let from_files = dir.join("from-files.html");
    let (code, _, err) = ipvi(&[
        "report",
        "--incidents",
        text(&dir.join("incidents.csv")),
        "--notifications",
        text(&dir.join("notifications.csv")),
        "--generated",
        "2026-01-31",
        "--out",
        text(&from_files),
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&from_files).unwrap();
    assert!(html.contains(&format!("<td>{}</td>", sha256_hex(&incidents))), "the incidents' SHA-256");
    assert!(html.contains("ipvi report --incidents incidents.csv --notifications notifications.csv --project"));

    let project = Project {
        data: vec![
            EmbeddedFile::new("incidents.csv", Table::Incidents, &incidents),
            EmbeddedFile::new("notifications.csv", Table::Notifications, &notifications),
        ],
        ..Project::default()
    };
    let path = dir.join("with-data.ipvi.json");
    std::fs::write(&path, project.to_json()).unwrap();
    let from_project = dir.join("from-project.html");
    let args = ["report", "--project", text(&path), "--generated", "2026-01-31", "--out", text(&from_project)];
    assert_eq!(ipvi(&args).0, 0);
    let inside = std::fs::read_to_string(&from_project).unwrap();
    // The same data and settings; only the project file's own listing in the report differs.
    let sources =
        |h: &str| h[h.find("id=\"data-sources\"").unwrap()..h.find("id=\"reproducibility\"").unwrap()].to_string();
    assert_eq!(sources(&inside), sources(&html));
    let (code, out, err) = ipvi(&["outcomes", "--project", text(&path)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("notifications recorded."), "{out}");

    let (code, _, err) = ipvi(&["report", "--demo", "--incidents", text(&dir.join("incidents.csv")), "--out", "-"]);
    assert_eq!(code, 1);
    assert!(err.contains("--demo reports on the demo jurisdiction"), "{err}");
    let (code, _, err) = ipvi(&["report", "--generated", "2026-01-31", "--out", "-"]);
    assert_eq!(code, 1);
    assert!(err.contains("an incidents extract is needed"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// The text of every `<pre class="CLASS"><code>…</code></pre>` of a report, unescaped.
fn pre_blocks(html: &str, class: &str) -> Vec<String> {
    let open = format!("<pre class=\"{class}\"><code>");
    html.split(&open)
        .skip(1)
        .map(|rest| {
            let text = &rest[..rest.find("</code></pre>").expect("a closed block")];
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn the_reproducibility_part_is_a_recipe_that_gives_the_same_bytes() {
    let dir = folder("recipe");
    let params = DemoParams { people: 300, seed: 11, ..DemoParams::default() };
    let params_path = dir.join("params.json");
    std::fs::write(&params_path, serde_json::to_string(&params).unwrap()).unwrap();
    let first = ["report", "--demo-params", text(&params_path), "--criteria", "rfgv", "--title", "Recipe"];
    let (code, report, err) = ipvi(&[&first[..], &["--generated", "2026-01-31", "--out", "-"]].concat());
    assert_eq!(code, 0, "{err}");
    // The project file and the command, as printed in the report, run from the report's folder.
    let project = pre_blocks(&report, "json").into_iter().find(|b| b.contains("ipvi-workbench-project")).unwrap();
    std::fs::write(dir.join("evaluation.ipvi.json"), project).unwrap();
    let command = pre_blocks(&report, "command").pop().unwrap();
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(&words[..2], ["ipvi", "report"], "{command}");
    let output = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(&words[1..]).current_dir(&dir).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let again = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(again == report, "the recipe `{command}` wrote a different report");
    std::fs::remove_dir_all(dir).unwrap();
}
