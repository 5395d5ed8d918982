//! `ipvi agreement`, run as a trainer would run it on the room's files.

use ipvi::training::agreement::analyze;
use ipvi::training::answers::{read_answers, read_key, Room};
use std::path::PathBuf;
use std::process::Command;

fn ipvi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipvi")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A folder of room files, removed when the test ends.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str, files: &[(&str, &str)]) -> Folder {
        let dir = std::env::temp_dir().join(format!("ipvi-agreement-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        Folder(dir)
    }

    fn path(&self, file: &str) -> String {
        self.0.join(file).display().to_string()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const KEY: &str = "case,level,reason\ncase-01,D,one uncharged incident\ncase-02,C,\"charged, once\"\n\
                   case-03,B,charged after a C notification\ncase-04,none,no IPV incident\n";
const ANA: &str = "trainee,case,level\nAna,case-01,D\nAna,case-02,C\nAna,case-03,B\nAna,case-04,none\n";
const REST: &str = "trainee,case,level\nBo,case-01,C\nBo,case-02,C\nBo,case-03,B\n\
                    Cy,case-01,C\nCy,case-02,C\nCy,case-03,C\nCy,case-04,D\n";

fn small_room() -> Folder {
    Folder::new("small", &[("key.csv", KEY), ("answers_ana.csv", ANA), ("answers_rest.csv", REST)])
}

#[test]
fn the_text_report_shows_trainees_the_room_and_the_hard_cases() {
    let room = small_room();
    let (code, out, err) = ipvi(&[
        "agreement",
        &room.path("answers_ana.csv"),
        &room.path("answers_rest.csv"),
        "--key",
        &room.path("key.csv"),
    ]);
    assert_eq!(code, 0, "{err}");
    let expected = [
        "3 trainees, 4 cases (key.csv): 11 answers, 7 match the key (63.6%).\n",
        "  Ana             4        4  100.0% (51.0-100.0%)  1.00 (1.00 to 1.00)   1.00 (1.00 to 1.00)\n",
        "  Bo              3        2  66.7% (20.8-93.9%)    0.50 (-0.11 to 1.00)  0.67 (0.26 to 1.00)\n",
        "Agreement among trainees, Fleiss' kappa (95% CI): 0.10 (-0.40 to 0.60)\n",
        "  over the 3 cases every trainee answered (1 left out because someone skipped them)\n",
        "  chosen    none     D     C     B     A\n",
        "  C            0     2     3     1     0\n",
        "Cases where the room split most\n  case-04 (key none): 50.0% chose the most common answer; chosen: none 1, D 1\n",
        "Cases most often missed\n  case-01 (key D): 33.3% chose the key's answer; chosen: D 1, C 2\n",
    ];
    for line in expected {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn json_holds_every_figure_the_engine_computes() {
    let room = small_room();
    let (code, out, err) = ipvi(&[
        "agreement",
        &room.path("answers_rest.csv"),
        &room.path("answers_ana.csv"),
        "--key",
        &room.path("key.csv"),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = [
        read_answers("answers_rest.csv", REST.as_bytes()).unwrap(),
        read_answers("answers_ana.csv", ANA.as_bytes()).unwrap(),
    ];
    let engine = analyze(&Room::gather(read_key("key.csv", KEY.as_bytes()).unwrap(), &files).unwrap());
    // Compared as text: the same bytes (parsing floats back would blur the last digit).
    assert_eq!(out, serde_json::to_string_pretty(&engine).unwrap() + "\n");
    assert_eq!(printed["trainees"][0]["name"], "Bo", "trainees in the order of the files");
    assert_eq!(printed["cases"][3]["counts"], serde_json::json!({"none": 1, "D": 1, "C": 0, "B": 0, "A": 0}));
    assert_eq!(printed["confusion"]["categories"], serde_json::json!(["none", "D", "C", "B", "A"]));
    assert_eq!(printed["fleiss"]["cases_used"], 3);
}

#[test]
fn wrong_files_stop_the_command_with_file_line_and_column() {
    let room = Folder::new(
        "wrong",
        &[
            ("key.csv", KEY),
            ("answers_ana.csv", "trainee,case,level\nAna,case-01,D\nAna,case-02,C\nAna,case-03,E\n"),
            ("answers_bo.csv", "trainee,case,level\nBo,case-07,D\n"),
            ("blank.csv", "trainee,case,level\nBo,case-01,\n"),
        ],
    );
    let run = |answers: &str, key: &str| ipvi(&["agreement", &room.path(answers), "--key", &room.path(key)]);
    let cases = [
        ("answers_ana.csv", "key.csv", "ipvi: answers_ana.csv line 4, column \"level\": \"E\" is not a level (A, B, C, D or none)\n"),
        (
            "answers_bo.csv",
            "key.csv",
            "ipvi: answers_bo.csv line 2, column \"case\": case-07 is not in the answer key key.csv (its cases are case-01 to case-04)\n",
        ),
        ("blank.csv", "key.csv", "ipvi: the answers files hold no answers\n"),
        // Files swapped: the answers file reads as a key (it has case and level), the key does not
        // read as answers.
        (
            "key.csv",
            "answers_bo.csv",
            "ipvi: key.csv line 1: there is no \"trainee\" column (an answers file has the columns trainee, case, level)\n",
        ),
    ];
    for (answers, key, message) in cases {
        let (code, out, err) = run(answers, key);
        assert_eq!((code, out.as_str(), err.as_str()), (1, "", message));
    }
    let (code, _, err) = run("missing.csv", "key.csv");
    assert_eq!(code, 1);
    assert!(err.starts_with("ipvi: cannot read ") && err.contains("missing.csv"), "{err}");
}

#[test]
fn a_single_trainee_gets_kappa_but_no_room_agreement() {
    let room = small_room();
    let (code, out, err) = ipvi(&["agreement", &room.path("answers_ana.csv"), "--key", &room.path("key.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 trainee, 4 cases (key.csv): 4 answers, 4 match the key (100.0%).\n"), "{out}");
    assert!(out.contains("Fleiss' kappa (95% CI): not computable: it needs at least two trainees\n"), "{out}");
    assert!(out.contains("Cases where the room split most: none\n") && out.contains("Cases most often missed: none\n"));
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // A big room, so that the output is far more than a pipe holds.
    let levels = ["none", "D", "C", "B", "A"];
    let mut key = String::from("case,level,reason\n");
    let mut answers = String::from("trainee,case,level\n");
    for case in 0..40 {
        key.push_str(&format!("case-{case:02},{},\n", levels[case % 5]));
        for trainee in 0..1000 {
            answers.push_str(&format!("Trainee {trainee:04},case-{case:02},{}\n", levels[(case * trainee) % 7 % 5]));
        }
    }
    let room = Folder::new("pipe", &[("key.csv", &key), ("answers.csv", &answers)]);
    for json in [false, true] {
        let mut args = vec!["agreement".to_string(), room.path("answers.csv"), "--key".into(), room.path("key.csv")];
        args.extend(json.then(|| "--json".to_string()));
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
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "json {json}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "json {json}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
