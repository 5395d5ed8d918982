//! `ipvi exercise`, run as a trainer would run it: the files it writes classify to its own key
//! with `ipvi classify --as-of` the decision date it prints.

use ipvi::classify::Criteria;
use ipvi::training::exercise::{exercise_fingerprint, generate_exercise, Difficulty, ExerciseSettings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn ipvi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ipvi-cli-exercise-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The value after `label` on its line of the output.
fn line_value<'a>(out: &'a str, label: &str) -> &'a str {
    let line = out.lines().find_map(|l| l.strip_prefix(label)).unwrap_or_else(|| panic!("no {label:?} in {out}"));
    line.split_whitespace().next().unwrap()
}

/// `case -> (level, reason)` from a CSV with those columns at the given positions.
fn levels(path: &Path, level: usize, reason: usize) -> BTreeMap<String, (String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), (r[level].to_string(), r[reason].to_string()))
        })
        .collect()
}

/// Writes an exercise, classifies its extracts as of its decision date, and compares with the key.
fn key_matches_classify(criteria: &str, difficulty: &str, seed: &str) -> String {
    let dir = folder(&format!("{criteria}-{difficulty}"));
    let out_dir = dir.to_str().unwrap();
    let args = ["exercise", "--seed", seed, "--cases", "14", "--difficulty", difficulty, "--criteria", criteria];
    let (code, out, err) = ipvi(&[&args[..], &["--out", out_dir]].concat());
    assert_eq!(code, 0, "{err}");
    let date = line_value(&out, "decision date: ");
    let classified = dir.join("levels.csv");
    let (code, _, err) = ipvi(&[
        "classify",
        "--incidents",
        dir.join("incidents.csv").to_str().unwrap(),
        "--notifications",
        dir.join("notifications.csv").to_str().unwrap(),
        "--criteria",
        criteria,
        "--as-of",
        date,
        "--out",
        classified.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("notifications recorded"), "{err}");
    let mut engine = levels(&classified, 1, 2);
    for (level, _) in engine.values_mut() {
        if level.is_empty() {
            *level = "none".into();
        }
    }
    let key = levels(&dir.join("key.csv"), 1, 2);
    assert_eq!(key.len(), 14);
    assert_eq!(engine, key, "the key is what ipvi classify gives");
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

#[test]
fn the_key_is_what_classify_gives_on_the_exercise_extracts() {
    let out = key_matches_classify("ipvi-default", "mixed", "2012");
    assert!(out.contains("exercise: 14 cases (7 at a threshold), mixed difficulty"), "{out}");
    assert!(out.contains("levels in the key: D "), "{out}");
    assert!(out.contains("page settings: #seed=2012&cases=14&difficulty=mixed&criteria=ipvi-default"), "{out}");
    key_matches_classify("ipvi-default", "hard", "77");
    key_matches_classify("rfgv", "mixed", "5");
}

#[test]
fn the_command_prints_the_fingerprint_the_engine_gives_and_repeats_itself() {
    let (first, second) = (folder("first"), folder("second"));
    let run = |dir: &Path| ipvi(&["exercise", "--seed", "9", "--cases", "8", "--out", dir.to_str().unwrap()]);
    let (code, out, err) = run(&first);
    assert_eq!(code, 0, "{err}");
    let (_, again, _) = run(&second);
    assert_eq!(out.replace(first.to_str().unwrap(), ""), again.replace(second.to_str().unwrap(), ""));
    for name in ["incidents.csv", "notifications.csv", "key.csv"] {
        assert_eq!(std::fs::read(first.join(name)).unwrap(), std::fs::read(second.join(name)).unwrap(), "{name}");
    }
    let settings =
        ExerciseSettings { seed: 9, cases: 8, difficulty: Difficulty::Mixed, criteria: Criteria::ipvi_default() };
    let expected = exercise_fingerprint(&generate_exercise(&settings).unwrap());
    assert_eq!(line_value(&out, "fingerprint: "), expected);
    std::fs::remove_dir_all(first).unwrap();
    std::fs::remove_dir_all(second).unwrap();
}

#[test]
fn bad_settings_are_explained() {
    let dir = folder("bad");
    let out_dir = dir.to_str().unwrap();
    let (code, _, err) = ipvi(&["exercise", "--seed", "1", "--cases", "0", "--out", out_dir]);
    assert_eq!((code, err.trim()), (1, "ipvi: an exercise has 1 to 60 cases, not 0"));
    let (code, _, err) = ipvi(&["exercise", "--seed", "1", "--cases", "5", "--difficulty", "tricky", "--out", out_dir]);
    assert_eq!(code, 1);
    assert!(err.contains("difficulty is easy, mixed or hard, not \"tricky\""), "{err}");
    let (code, _, err) = ipvi(&["exercise", "--seed", "1", "--cases", "5", "--criteria", "strict", "--out", out_dir]);
    assert_eq!(code, 1);
    assert!(err.contains("neither a preset"), "{err}");
    assert!(!dir.exists(), "nothing is written when the settings are refused");
}
