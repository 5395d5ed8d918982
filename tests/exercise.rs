//! Classification exercises: deterministic cases, keys that are the engine's answer, hard cases
//! at a threshold and easy ones clear-cut, extracts that classify to the key, settings that
//! travel in a page address.

use ipvi::classify::report::standings;
use ipvi::classify::{classify, Condition, Criteria, Feature, NotificationMode, Rule};
use ipvi::ingest::{assemble, ingest_file, IngestOptions};
use ipvi::model::Level;
use ipvi::training::exercise::{
    card, exercise_extracts, exercise_fingerprint, explain, feedback, generate_exercise, generate_exercise_from,
    key_of, level_mix, Case, Change, Difficulty, Exercise, ExerciseError, ExerciseSettings,
};
use proptest::prelude::*;

fn settings(seed: u64, cases: u32, difficulty: Difficulty, criteria: Criteria) -> ExerciseSettings {
    ExerciseSettings { seed, cases, difficulty, criteria }
}

fn exercise(seed: u64, cases: u32, difficulty: Difficulty, criteria: Criteria) -> Exercise {
    generate_exercise(&settings(seed, cases, difficulty, criteria)).unwrap()
}

#[test]
fn the_same_settings_give_the_same_cases_and_bytes_and_other_seeds_differ() {
    let a = exercise(41, 10, Difficulty::Mixed, Criteria::ipvi_default());
    let b = exercise(41, 10, Difficulty::Mixed, Criteria::ipvi_default());
    assert_eq!(a, b);
    assert_eq!(exercise_extracts(&a), exercise_extracts(&b));
    assert_eq!(exercise_fingerprint(&a), exercise_fingerprint(&b));
    let c = exercise(42, 10, Difficulty::Mixed, Criteria::ipvi_default());
    assert_ne!(a.cases, c.cases);
    assert_ne!(exercise_fingerprint(&a), exercise_fingerprint(&c));
}

#[test]
fn cases_share_one_decision_date_and_read_like_a_case_file() {
    let ex = exercise(7, 24, Difficulty::Mixed, Criteria::ipvi_default());
    let ids: Vec<&str> = ex.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids[0], "case-01");
    assert_eq!(ids[23], "case-24");
    for case in &ex.cases {
        let h = &case.history;
        assert_eq!(h.decision_day, ex.decision_day);
        assert!(!h.incidents.is_empty() && h.incidents.len() <= 8, "{}", case.id);
        assert!(h.incidents.windows(2).all(|w| w[0].day <= w[1].day), "incidents in date order");
        assert!(h.incidents.iter().all(|i| i.day <= ex.decision_day));
        assert!(h.notifications.iter().all(|n| n.day < ex.decision_day), "notifications received before");
        // Victims are numbered within the case, in order of first appearance.
        let mut seen = 0;
        for incident in &h.incidents {
            assert!(incident.victim >= 1 && incident.victim <= seen + 1);
            seen = seen.max(incident.victim);
        }
        let card = card(case);
        assert_eq!(card.rows.len(), h.incidents.len() + h.notifications.len());
        assert!(card.rows.windows(2).all(|w| w[0].day <= w[1].day));
        assert!(card.rows[0].words.starts_with("Incident 1: "), "{:?}", card.rows[0]);
        assert!(card.question.contains(&ipvi::model::long_date(ex.decision_day)));
    }
    let at_threshold = ex.cases.iter().filter(|c| c.key.at_threshold).count();
    assert_eq!(at_threshold, 12, "mixed: half the cases at a threshold");
    assert!(ex.cases.iter().any(|c| !c.history.notifications.is_empty()));
    assert_eq!(level_mix(&ex).iter().sum::<u32>(), 24);
}

/// Every decisive change really changes the level; a clear-cut case has no such change.
fn assert_thresholds(case: &Case, criteria: &Criteria) {
    let level = case.key.level;
    assert_eq!(case.history.level(criteria), level, "{}: the key is the engine's level", case.id);
    assert_eq!(case.key.at_threshold, !case.key.decisive.is_empty());
    for fact in &case.key.decisive {
        let changed = case.history.with_change(fact.change).level(criteria);
        assert_eq!(changed, fact.level, "{}: {}", case.id, fact.words);
        assert_ne!(changed, level, "{}: {}", case.id, fact.words);
    }
    if !case.key.at_threshold {
        for change in case.history.changes(criteria) {
            assert_eq!(case.history.with_change(change).level(criteria), level, "{} {change:?}", case.id);
        }
    }
}

#[test]
fn hard_cases_sit_at_a_threshold_and_easy_cases_do_not() {
    let criteria = Criteria::ipvi_default();
    let hard = exercise(3, 18, Difficulty::Hard, criteria.clone());
    assert!(hard.cases.iter().all(|c| c.key.at_threshold));
    let easy = exercise(3, 18, Difficulty::Easy, criteria.clone());
    assert!(easy.cases.iter().all(|c| !c.key.at_threshold));
    for case in hard.cases.iter().chain(&easy.cases) {
        assert_thresholds(case, &criteria);
    }
    // Hard cases mix the kinds trainers asked for.
    let kinds: std::collections::BTreeSet<_> = hard.cases.iter().flat_map(|c| c.key.kinds.iter().copied()).collect();
    assert!(kinds.len() >= 4, "{kinds:?}");
    let moves =
        hard.cases.iter().flat_map(|c| &c.key.decisive).filter(|d| matches!(d.change, Change::MoveIncident { .. }));
    assert!(moves.count() > 0, "some case at a lookback edge");
    // Clear-cut cases spread over the levels the criteria can give them.
    assert!(level_mix(&easy).iter().filter(|&&n| n > 0).count() >= 3, "{:?}", level_mix(&easy));
}

#[test]
fn the_rfgv_preset_makes_exercises_too() {
    let criteria = Criteria::rfgv();
    let ex = exercise(11, 12, Difficulty::Mixed, criteria.clone());
    assert_eq!(ex.cases.len(), 12);
    for case in &ex.cases {
        assert_thresholds(case, &criteria);
        assert!(case.key.reason.contains("priority score"), "{}", case.key.reason);
    }
    assert_eq!(ex.settings.to_fragment(), "seed=11&cases=12&difficulty=mixed&criteria=rfgv");
}

#[test]
fn the_extracts_read_back_classify_to_the_key() {
    let ex = exercise(19, 16, Difficulty::Mixed, Criteria::ipvi_default());
    let files = exercise_extracts(&ex);
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["incidents.csv", "notifications.csv", "key.csv"]);
    let options = IngestOptions::default();
    let parsed: Vec<_> = files[..2].iter().map(|f| ingest_file(&f.name, &f.bytes, &options).unwrap()).collect();
    let data = assemble(&parsed);
    let mode = NotificationMode::choose(&data, false);
    assert_eq!(mode, NotificationMode::Recorded, "the extracts carry their notifications");
    let criteria = Criteria::ipvi_default();
    let result = classify(&data, &criteria, mode);
    let list = standings(&result, ex.decision_day);
    assert_eq!(list.len(), ex.cases.len());
    for standing in &list {
        let id = data.people.name(standing.person);
        let case = ex.cases.iter().find(|c| c.id == id).unwrap();
        assert_eq!(standing.level, case.key.level, "{id}");
        assert_eq!(ipvi::classify::reason(&standing.step, &criteria), case.key.reason, "{id}");
    }
    let key = String::from_utf8(files[2].bytes.clone()).unwrap();
    let mut lines = key.lines();
    assert_eq!(lines.next(), Some("case,level,reason"));
    let first = &ex.cases[0];
    let letter = first.key.level.map_or("none", Level::letter);
    assert!(lines.next().unwrap().starts_with(&format!("{},{letter},", first.id)));
}

#[test]
fn feedback_names_the_fact_a_wrong_answer_missed() {
    let ex = exercise(5, 12, Difficulty::Hard, Criteria::ipvi_default());
    let case = &ex.cases[0];
    let key = case.key.level;
    let right = feedback(case, key);
    assert!(right.correct && right.verdict.starts_with("Correct: "), "{}", right.verdict);
    assert_eq!(right.missed, None);
    assert_eq!(right.reason, case.key.reason);
    assert!(right.threshold.contains("threshold"));
    // Answering with the level a decisive change gives points at that change.
    let decisive = &case.key.decisive[0];
    let wrong = feedback(case, decisive.level);
    assert!(!wrong.correct);
    assert!(wrong.verdict.starts_with("You chose "), "{}", wrong.verdict);
    let missed = wrong.missed.expect("a wrong answer on a case at a threshold names a fact");
    let named = case.key.decisive.iter().find(|d| d.words == missed).unwrap();
    assert_eq!(named.level, decisive.level);
    assert_eq!(wrong.decisive.len(), case.key.decisive.len());
}

#[test]
fn explain_steps_through_the_history_to_the_key() {
    let criteria = Criteria::ipvi_default();
    let ex = exercise(23, 12, Difficulty::Mixed, criteria.clone());
    for case in &ex.cases {
        let steps = explain(case, &criteria);
        assert_eq!(steps.len(), case.history.incidents.len() + 1);
        let numbers: Vec<Option<u32>> = steps.iter().map(|s| s.incident).collect();
        let expected: Vec<Option<u32>> =
            (1..=case.history.incidents.len() as u32).map(Some).chain(std::iter::once(None)).collect();
        assert_eq!(numbers, expected);
        // "IPVI default" levels never fall while active: each step at least the one before,
        // unless a long gap started the person afresh.
        for (i, pair) in steps[..steps.len() - 1].windows(2).enumerate() {
            let gap = case.history.incidents[i + 1].day - case.history.incidents[i].day;
            if gap < criteria.lookback_days {
                assert!(pair[1].level >= pair[0].level, "{}: {:?}", case.id, steps);
            }
        }
        let last = steps.last().unwrap();
        assert_eq!((last.level, &last.reason), (case.key.level, &case.key.reason));
        assert!(last.words.starts_with("As of "));
    }
}

#[test]
fn settings_travel_in_a_page_address_and_junk_is_refused() {
    for criteria in Criteria::presets() {
        for difficulty in Difficulty::ALL {
            let s = settings(2012, 12, difficulty, criteria.clone());
            assert_eq!(ExerciseSettings::from_fragment(&s.to_fragment(), None).unwrap(), s);
            assert_eq!(ExerciseSettings::from_fragment(&format!("#{}", s.to_fragment()), None).unwrap(), s);
        }
    }
    let mut custom = Criteria::ipvi_default();
    custom.name = "Stricter".into();
    custom.lookback_days = 1095;
    let s = settings(9, 5, Difficulty::Hard, custom.clone());
    let fragment = s.to_fragment();
    assert!(fragment.contains("criteria=custom-"), "{fragment}");
    assert_eq!(ExerciseSettings::from_fragment(&fragment, Some(&custom)).unwrap(), s);
    let refused = |text: &str, criteria: Option<&Criteria>| match ExerciseSettings::from_fragment(text, criteria) {
        Err(ExerciseError::Fragment(message)) => message,
        other => panic!("{text}: {other:?}"),
    };
    assert!(refused(&fragment, None).contains("load the criteria file"));
    assert!(refused(&fragment, Some(&Criteria::rfgv())).contains("other custom criteria"));
    assert!(refused("seed=1&cases=2&difficulty=easy", None).contains("criteria is missing"));
    assert!(refused("seed=x&cases=2&difficulty=easy&criteria=rfgv", None).contains("whole number"));
    assert!(refused("seed=1&cases=2&difficulty=easy&criteria=rfgv&seed=2", None).contains("twice"));
    assert!(refused("seed=1&cases=2&difficulty=tricky&criteria=rfgv", None).contains("easy, mixed or hard"));
    assert!(refused("seed=1&cases=2&difficulty=easy&criteria=strict", None).contains("ipvi-default, rfgv"));
    assert!(refused("seed=1&cases=2&difficulty=easy&criteria=rfgv&people=P1", None).contains("not an exercise setting"));
    assert!(refused("seed=1&cases=0&difficulty=easy&criteria=rfgv", None).contains("1 to 60 cases"));
    assert!(refused("hello", None).contains("not key=value"));
}

#[test]
fn impossible_exercises_say_why() {
    let err = generate_exercise(&settings(1, 0, Difficulty::Easy, Criteria::ipvi_default())).unwrap_err();
    assert_eq!(err.to_string(), "an exercise has 1 to 60 cases, not 0");
    // Criteria that give everyone D have no case at a threshold.
    let mut flat = Criteria::ipvi_default();
    flat.rules = vec![Rule { level: Level::D, any_of: vec![vec![Condition::at_least(Feature::Incidents, 1.0)]] }];
    let err = generate_exercise(&settings(1, 4, Difficulty::Hard, flat.clone())).unwrap_err();
    assert_eq!(err, ExerciseError::NotEnoughCases { asked: 4, found: 0, what: "at-a-threshold" });
    assert!(err.to_string().contains("ask for fewer cases"), "{err}");
    let easy = exercise(1, 4, Difficulty::Easy, flat.clone());
    assert!(easy.cases.iter().all(|c| c.key.level == Some(Level::D) && !c.key.at_threshold));
    assert_eq!(key_of(&easy.cases[0].history, &flat), easy.cases[0].key);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn generation_gives_the_cases_asked_for_or_says_why(
        seed in any::<u64>(),
        cases in 1u32..=40,
        difficulty in prop::sample::select(Difficulty::ALL.to_vec()),
        rfgv in any::<bool>(),
    ) {
        let criteria = if rfgv { Criteria::rfgv() } else { Criteria::ipvi_default() };
        match generate_exercise(&settings(seed, cases, difficulty, criteria)) {
            Ok(ex) => {
                prop_assert_eq!(ex.cases.len() as u32, cases);
                let hard = ex.cases.iter().filter(|c| c.key.at_threshold).count() as u32;
                prop_assert_eq!(hard, difficulty.hard_cases(cases));
            }
            Err(e @ (ExerciseError::NotEnoughCases { .. } | ExerciseError::NoNotification)) => {
                prop_assert!(e.to_string().contains("seed"), "{}", e);
            }
            Err(e) => prop_assert!(false, "unexpected error: {}", e),
        }
    }
}

/// Real-shaped loaded data: a small demo jurisdiction written as agency extracts and read back.
fn loaded_data(people: u32) -> ipvi::model::Dataset {
    let params = ipvi::synth::DemoParams { people, seed: 5, ..ipvi::synth::DemoParams::default() };
    let demo = ipvi::synth::generate(&params).unwrap();
    let files = ipvi::export::write_extracts(&demo, ipvi::export::ExtractStyle::Clean);
    let options = IngestOptions::default();
    let wanted = ["incidents", "notifications"];
    let parsed: Vec<_> = files
        .iter()
        .filter(|f| wanted.iter().any(|w| f.name.starts_with(w)))
        .map(|f| ingest_file(&f.name, &f.bytes, &options).unwrap())
        .collect();
    assert_eq!(parsed.len(), 2, "incidents and notifications extracts");
    assemble(&parsed)
}

#[test]
fn cases_from_loaded_data_are_keyed_by_the_engine_and_name_nobody() {
    let data = loaded_data(300);
    let settings = settings(3, 10, Difficulty::Mixed, Criteria::ipvi_default());
    let ex = generate_exercise_from(&settings, &data).unwrap();
    assert_eq!(ex, generate_exercise_from(&settings, &data).unwrap(), "the same data and settings, the same cases");
    assert_eq!(ex.cases.len(), 10);
    assert_eq!(ex.cases.iter().filter(|c| c.key.at_threshold).count(), 5);
    // The key is the engine's classification of each case, and of the exercise's extracts.
    for case in &ex.cases {
        assert_thresholds(case, &settings.criteria);
    }
    let files = exercise_extracts(&ex);
    let parsed: Vec<_> =
        files[..2].iter().map(|f| ingest_file(&f.name, &f.bytes, &IngestOptions::default()).unwrap()).collect();
    let extracts = assemble(&parsed);
    let result = classify(&extracts, &settings.criteria, NotificationMode::Recorded);
    let list = standings(&result, ex.decision_day);
    assert_eq!(list.len(), ex.cases.len());
    for standing in &list {
        let id = extracts.people.name(standing.person);
        let case = ex.cases.iter().find(|c| c.id == id).unwrap();
        assert_eq!(standing.level, case.key.level, "{id}");
        assert_eq!(ipvi::classify::reason(&standing.step, &settings.criteria), case.key.reason, "{id}");
    }
    // Pseudonymous ids, victims numbered within the case, no person id of the data on a card.
    let ids: Vec<String> = (0..data.people.len() as u32).map(|id| data.people.name(id).to_string()).collect();
    assert!(ids.len() > 300, "offenders and victims");
    for (i, case) in ex.cases.iter().enumerate() {
        assert_eq!(case.id, format!("case-{:02}", i + 1));
        let card = card(case);
        let text: String = std::iter::once(format!("{} {}", card.title, card.question))
            .chain(card.rows.iter().map(|r| r.words.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("Victim 1"), "{text}");
        for id in &ids {
            assert!(!text.contains(id.as_str()), "{} shows person id {id}", case.id);
        }
    }
}

#[test]
fn too_little_loaded_data_says_how_many_people_it_has() {
    let data = loaded_data(6);
    let people = {
        let inc = &data.incidents;
        inc.person_runs().filter(|(_, run)| run.clone().any(|i| inc.flags[i].has(ipvi::model::Flags::IPV))).count()
            as u32
    };
    assert!(people < 20, "{people}");
    let error =
        generate_exercise_from(&settings(1, 20, Difficulty::Easy, Criteria::ipvi_default()), &data).unwrap_err();
    assert_eq!(error, ExerciseError::TooFewPeople { asked: 20, found: people });
    let words = error.to_string();
    assert!(words.contains(&format!("has {people} people with IPV incidents")), "{words}");
    assert!(words.contains("fewer than the 20 cases asked for"), "{words}");
}

#[test]
fn a_trainers_form_is_read_and_explained() {
    use ipvi::classify::Criteria;
    use ipvi::training::exercise::{Difficulty, ExerciseSettings};
    let form = |seed: &str, cases: &str| {
        ExerciseSettings::from_form(seed, cases, Difficulty::Hard, Criteria::ipvi_default()).map_err(|e| e.to_string())
    };
    let settings = form(" 7 ", "20").unwrap();
    assert_eq!((settings.seed, settings.cases, settings.difficulty), (7, 20, Difficulty::Hard));
    assert_eq!(form("seven", "20").unwrap_err(), "the seed must be a whole number, not \"seven\"");
    assert_eq!(form("7", "2.5").unwrap_err(), "the number of cases must be a whole number, not \"2.5\"");
    assert!(form("7", "0").unwrap_err().starts_with("an exercise has 1 to "), "{:?}", form("7", "0"));
    assert!(form("7", "99999999999").is_err());
}
