//! The training room's agreement statistics against statsmodels: `tests/reference/make_agreement.py`
//! wrote `agreement.json` (rooms of 1-25 trainees and 6-40 cases, realistic and edge cases). Each
//! room goes through the real path: its key and answers written as CSV files, read, gathered and
//! analysed. Every value must match to 1e-9.

use ipvi::training::agreement::{analyze, Kappa, RoomResults};
use ipvi::training::answers::{answers_csv, read_answers, read_key, Answer, AnswersFile, Room};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

/// Below this, statsmodels' variance is rounding noise around an exact 0 (perfect agreement, or a
/// key with one category): its square root is noise too (up to 1e-6), or NaN when the noise is
/// negative, where we report 0. See `ipvi::training::agreement::kappa`.
const NOISE: f64 = 1e-12;

fn reference() -> Value {
    let path = format!("{}/tests/reference/agreement.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn close(what: &str, ours: f64, theirs: f64) {
    assert!((ours - theirs).abs() <= TOLERANCE * theirs.abs().max(1.0), "{what}: ours {ours}, statsmodels {theirs}");
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap()
}

/// The room as the files a trainer would load: the key, and the answers either in one file for
/// everybody or in one file per trainee (the written form skips unanswered cases).
fn load_room(room: &Value, one_file: bool) -> Room {
    let cases: Vec<&str> = room["cases"].as_array().unwrap().iter().map(text).collect();
    let levels: Vec<&str> = room["key"].as_array().unwrap().iter().map(text).collect();
    let mut key = String::from("case,level,reason\n");
    for (case, level) in cases.iter().zip(&levels) {
        key.push_str(&format!("{case},{level},\"the engine's reason, quoted\"\n"));
    }
    let key = read_key("key.csv", key.as_bytes()).unwrap();
    let mut files: Vec<AnswersFile> = Vec::new();
    let mut everyone = String::from("trainee,case,level\n");
    for trainee in room["trainees"].as_array().unwrap() {
        let name = text(&trainee["name"]);
        let answers = cases.iter().zip(trainee["answers"].as_array().unwrap()).filter_map(|(case, answer)| {
            let answer = Answer::parse(answer.as_str()?).unwrap();
            Some((*case, answer))
        });
        let bytes = answers_csv(name, answers);
        if one_file {
            everyone.push_str(std::str::from_utf8(&bytes).unwrap().split_once('\n').unwrap().1);
        } else {
            files.push(read_answers(&format!("answers {name}.csv"), &bytes).unwrap());
        }
    }
    if one_file {
        files.push(read_answers("answers.csv", everyone.as_bytes()).unwrap());
    }
    Room::gather(key, &files).unwrap()
}

fn check_kappa(what: &str, ours: Option<Kappa>, theirs: &Value) {
    let Some(kappa_theirs) = theirs["kappa"].as_f64() else {
        assert_eq!(ours, None, "{what}: statsmodels finds kappa undefined");
        return;
    };
    let ours = ours.unwrap_or_else(|| panic!("{what}: statsmodels has kappa {kappa_theirs}, we have none"));
    close(&format!("{what} kappa"), ours.kappa, kappa_theirs);
    let variance = theirs["var_kappa"].as_f64().unwrap();
    let se = ours.se.unwrap_or_else(|| panic!("{what}: no standard error"));
    close(&format!("{what} variance"), se * se, variance);
    if variance > NOISE {
        close(&format!("{what} se"), se, theirs["std_kappa"].as_f64().unwrap());
        close(&format!("{what} low"), ours.low.unwrap(), theirs["kappa_low"].as_f64().unwrap());
        close(&format!("{what} high"), ours.high.unwrap(), theirs["kappa_upp"].as_f64().unwrap());
    } else {
        assert!(se < 1e-6, "{what}: se {se} where the variance is 0 up to rounding");
    }
}

fn check_room(room: &Value, results: &RoomResults) {
    let name = text(&room["name"]);
    let cohen = room["cohen"].as_array().unwrap();
    assert_eq!(results.trainees.len(), cohen.len(), "{name}: trainees");
    for (ours, theirs) in results.trainees.iter().zip(cohen) {
        let who = format!("{name}, {}", ours.name);
        assert_eq!(ours.name, text(&theirs["name"]), "{who}");
        let table: Vec<Vec<u32>> = serde_json::from_value(theirs["table"].clone()).unwrap();
        assert_eq!(ours.confusion.counts.map(Vec::from).to_vec(), table, "{who}: table");
        assert_eq!(Some(u64::from(ours.answered)), theirs["answered"].as_u64(), "{who}: answered");
        assert_eq!(Some(u64::from(ours.correct)), theirs["correct"].as_u64(), "{who}: correct");
        match (ours.accuracy, theirs["accuracy_low"].as_f64()) {
            (Some(accuracy), Some(low)) => {
                close(&format!("{who} accuracy low"), accuracy.low, low);
                close(&format!("{who} accuracy high"), accuracy.high, theirs["accuracy_high"].as_f64().unwrap());
            }
            (None, None) => {}
            other => panic!("{who}: accuracy {other:?}"),
        }
        check_kappa(&format!("{who} unweighted"), ours.kappa, &theirs["unweighted"]);
        check_kappa(&format!("{who} quadratic"), ours.weighted_kappa, &theirs["quadratic"]);
    }
    let fleiss = &room["fleiss"];
    assert_eq!(Some(u64::from(results.fleiss.cases_used)), fleiss["cases_used"].as_u64(), "{name}: Fleiss cases");
    match (results.fleiss.kappa, fleiss["kappa"].as_f64()) {
        (Some(ours), Some(kappa)) => {
            close(&format!("{name} Fleiss kappa"), ours.kappa, kappa);
            close(&format!("{name} Fleiss se"), ours.se.unwrap(), fleiss["se"].as_f64().unwrap());
            close(&format!("{name} Fleiss low"), ours.low.unwrap(), fleiss["low"].as_f64().unwrap());
            close(&format!("{name} Fleiss high"), ours.high.unwrap(), fleiss["high"].as_f64().unwrap());
        }
        (None, None) => {}
        other => panic!("{name}: Fleiss kappa ours vs reference {other:?}"),
    }
}

#[test]
fn every_room_matches_statsmodels() {
    let reference = reference();
    let rooms = reference["rooms"].as_array().unwrap();
    assert!(rooms.len() >= 10, "the reference holds realistic rooms and edge cases");
    for (i, room) in rooms.iter().enumerate() {
        let results = analyze(&load_room(room, i % 2 == 0));
        check_room(room, &results);
    }
}

#[test]
fn one_file_or_one_file_per_trainee_give_the_same_results() {
    for room in reference()["rooms"].as_array().unwrap() {
        assert_eq!(analyze(&load_room(room, true)), analyze(&load_room(room, false)), "{}", room["name"]);
    }
}

#[test]
fn the_reference_covers_the_edge_cases() {
    let reference = reference();
    let rooms = reference["rooms"].as_array().unwrap();
    let undefined_cohen =
        rooms.iter().flat_map(|r| r["cohen"].as_array().unwrap()).any(|c| c["unweighted"]["kappa"].is_null());
    let perfect = rooms.iter().flat_map(|r| r["cohen"].as_array().unwrap()).any(|c| c["unweighted"]["kappa"] == 1.0);
    let no_fleiss = rooms.iter().filter(|r| r["fleiss"]["kappa"].is_null()).count();
    let skipped = rooms
        .iter()
        .flat_map(|r| r["trainees"].as_array().unwrap())
        .any(|t| t["answers"].as_array().unwrap().contains(&Value::Null));
    let sizes: Vec<usize> = rooms.iter().map(|r| r["trainees"].as_array().unwrap().len()).collect();
    assert!(undefined_cohen && perfect && skipped && no_fleiss >= 3, "edge cases present");
    assert_eq!((sizes.iter().min(), sizes.iter().max()), (Some(&1), Some(&25)));
}
