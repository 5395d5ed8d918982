//! Every command prints through one writer: a reader that has gone (`| head -1`, a closed pipe)
//! ends the command quietly with success, a full disk (`> /dev/full`) is an error said in words
//! with exit 1, and neither is ever a panic. `demo` writes all its files before it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A folder of inputs, removed when the test ends.
struct Folder(PathBuf);

impl Folder {
    fn new(tag: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("ipvi-output-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const KEY: &str = "case,level,reason\ncase-01,D,one incident\ncase-02,C,charged once\n";
const ANSWERS: &str = "trainee,case,level\nAna,case-01,D\nAna,case-02,B\nBo,case-01,D\nBo,case-02,C\n";

/// A demo jurisdiction and a training room's files in a fresh folder.
fn inputs(tag: &str) -> Folder {
    let folder = Folder::new(tag);
    let status = Command::new(env!("CARGO_BIN_EXE_ipvi"))
        .args(["demo", "--people", "300", "--out", &folder.path("demo")])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(folder.0.join("key.csv"), KEY).unwrap();
    std::fs::write(folder.0.join("answers.csv"), ANSWERS).unwrap();
    folder
}

/// Every command that prints to standard output, with its arguments.
fn commands(f: &Folder) -> Vec<Vec<String>> {
    let demo = |name: &str| f.path(&format!("demo/{name}"));
    let incidents =
        ["--incidents".to_string(), demo("incidents.csv"), "--notifications".into(), demo("notifications.csv")];
    let mut runs = vec![
        vec!["check".into(), demo("incidents.csv"), demo("calls.csv")],
        vec!["check".into(), demo("incidents.csv"), "--json".into()],
        vec!["classify".into(), incidents[0].clone(), incidents[1].clone()],
        vec!["demo".into(), "--people".into(), "200".into(), "--out".into(), f.path("again")],
        vec!["demo".into(), "--fingerprint-only".into(), "--people".into(), "200".into()],
        vec![
            "exercise".into(),
            "--seed".into(),
            "3".into(),
            "--cases".into(),
            "4".into(),
            "--out".into(),
            f.path("ex"),
        ],
        vec!["agreement".into(), f.path("answers.csv"), "--key".into(), f.path("key.csv")],
        vec!["agreement".into(), f.path("answers.csv"), "--key".into(), f.path("key.csv"), "--json".into()],
    ];
    for tail in [vec![], vec!["--json".to_string()]] {
        let mut run = vec!["outcomes".to_string()];
        run.extend(incidents.iter().cloned());
        run.extend(tail);
        runs.push(run);
    }
    let mut report = vec!["report".to_string(), "--generated".into(), "2024-01-01".into(), "--out".into(), "-".into()];
    report.extend(incidents.iter().cloned());
    runs.push(report);
    runs
}

fn run(args: &[String], stdout: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).stdout(stdout).stderr(Stdio::piped()).output().unwrap()
}

/// A pipe whose reading end is closed before the command writes anything: the standard input
/// of a process (`true`) that has already ended.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let writer = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(writer)
}

fn demo_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_success() {
    let f = inputs("pipe");
    for args in commands(&f) {
        let out = run(&args, closed_pipe());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
    }
    // The demo wrote every file before it printed a word.
    assert_eq!(demo_files(&f.0.join("again")), 6);
}

#[test]
fn a_full_disk_is_an_error_in_words_never_a_panic() {
    let f = inputs("full");
    for args in commands(&f) {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = run(&args, Stdio::from(full));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("ipvi: cannot write to standard output:"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert_eq!(demo_files(&f.0.join("again")), 6);
}

#[test]
fn a_full_standard_error_does_not_turn_into_a_panic() {
    let f = inputs("stderr");
    let full = || Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
    let classify = ["classify", "--incidents", &f.path("demo/incidents.csv")];
    let ok = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(classify).stdout(Stdio::null()).stderr(full()).status();
    assert_eq!(ok.unwrap().code(), Some(0));
    let missing = ["classify", "--incidents", &f.path("no-such-file.csv")];
    let failed = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(missing).stdout(Stdio::null()).stderr(full()).status();
    assert_eq!(failed.unwrap().code(), Some(1));
}
