//! One trainee working through an exercise on the page: where they are, what they chose, their
//! answers file and their score against the key. The page keeps a [`Progress`] between visits
//! (settings and answers only: the cases are rebuilt from the settings, or from the loaded data
//! when the trainer opted in to real cases) until "Start over".

use super::agreement::{trainee_result, TraineeResult};
use super::answers::{self, answers_csv, Answer, KeyCase, Room, Trainee};
use super::exercise::{criteria_name, level_mix, Exercise, ExerciseSettings};
use crate::model::long_date;
use crate::words::share_with_ci;
use serde::{Deserialize, Serialize};

/// A trainee's way through an exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// What the cases are rebuilt from.
    pub settings: ExerciseSettings,
    /// The trainee's name, as the answers file writes it.
    pub trainee: String,
    /// One per case, in the exercise's order (`None`: not answered yet).
    pub answers: Vec<Option<Answer>>,
    /// The case shown (0-based); the number of cases when every case is done.
    pub current: u32,
    /// The cases come from the loaded data, not the demo. Only this flag is saved, never a
    /// real case: a reload rebuilds the cases from the data if it is still loaded.
    #[serde(default)]
    pub real_data: bool,
}

/// The setup's opt-in to real cases.
pub const REAL_CASES_CHOICE: &str = "Use cases from the loaded data";
/// The warning next to the opt-in.
pub const REAL_CASES_WARNING: &str = "Real cases may identify people even without names. Use them only with people \
     who are allowed to see these records. Real cases are never put in a link.";
/// What replaces the trainees' link when the cases are real.
pub const REAL_CASES_NO_LINK: &str =
    "A link cannot carry real cases: print the case cards, or run the exercise on this computer.";
/// The exercise's heading when the cases are real.
pub const REAL_CASES_HEADING: &str = "Cases from the loaded data";
/// Said when a saved exercise on real cases cannot be rebuilt (the data is no longer loaded).
pub const REAL_CASES_GONE: &str = "The exercise used cases from the loaded data, which is no longer loaded (data \
     is never stored): load the data again and set up the exercise, or use the demo cases.";

/// The exercise's heading: real cases say so.
pub fn exercise_heading(progress: &Progress) -> &'static str {
    if progress.real_data {
        REAL_CASES_HEADING
    } else {
        "The exercise"
    }
}

impl Progress {
    /// A fresh start on the exercise these settings make.
    pub fn new(settings: ExerciseSettings) -> Progress {
        let answers = vec![None; settings.cases as usize];
        Progress { settings, trainee: String::new(), answers, current: 0, real_data: false }
    }

    /// A fresh start on cases from the loaded data, chosen by these settings.
    pub fn from_loaded_data(settings: ExerciseSettings) -> Progress {
        Progress { real_data: true, ..Progress::new(settings) }
    }

    /// The same exercise (demo or loaded data) from its first case, with no answer.
    pub fn restarted(self) -> Progress {
        Progress { real_data: self.real_data, ..Progress::new(self.settings) }
    }

    /// Records the answer to the current case; a case is answered once (the feedback is shown
    /// at once, so a second choice would not be the trainee's own).
    pub fn answer(&mut self, chosen: Answer) {
        if let Some(slot) = self.answers.get_mut(self.current as usize) {
            slot.get_or_insert(chosen);
        }
    }

    /// The answer to the current case, if given.
    pub fn current_answer(&self) -> Option<Answer> {
        self.answers.get(self.current as usize).copied().flatten()
    }

    /// Goes on to the next case once the current one is answered.
    pub fn next(&mut self) {
        if self.current_answer().is_some() {
            self.current += 1;
        }
    }

    pub fn finished(&self) -> bool {
        self.current as usize >= self.answers.len()
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().flatten().count()
    }
}

/// What an exercise is, for its heading: "20 cases (10 at a threshold), mixed difficulty,
/// criteria "IPVI default" (ipvi-default), seed 7; every case is decided as of 27 Feb 2024."
pub fn exercise_summary(exercise: &Exercise) -> String {
    let s = &exercise.settings;
    let at_threshold = exercise.cases.iter().filter(|c| c.key.at_threshold).count();
    format!(
        "{} cases ({at_threshold} at a threshold), {} difficulty, criteria \"{}\" ({}), seed {}; every case is \
         decided as of {}.",
        exercise.cases.len(),
        s.difficulty.word(),
        s.criteria.name,
        criteria_name(&s.criteria),
        s.seed,
        long_date(exercise.decision_day)
    )
}

/// "Levels in the key: D 4, C 2, B 5, A 9, no level 0."
pub fn level_mix_words(exercise: &Exercise) -> String {
    let [d, c, b, a, none] = level_mix(exercise);
    format!("Levels in the key: D {d}, C {c}, B {b}, A {a}, no level {none}.")
}

/// The exercise's key as the agreement figures read it (what `key.csv` holds).
pub fn answer_key(exercise: &Exercise) -> answers::Key {
    let cases = exercise
        .cases
        .iter()
        .map(|c| KeyCase { case: c.id.clone(), level: Answer::from_level(c.key.level), reason: c.key.reason.clone() })
        .collect();
    answers::Key { file: "key.csv".into(), cases }
}

/// The trainee's answers against the key: accuracy, kappa and their table of chosen against correct,
/// the same figures `ipvi agreement` gives for their answers file.
pub fn score(exercise: &Exercise, progress: &Progress) -> TraineeResult {
    let trainee = Trainee { name: progress.trainee.trim().to_string(), answers: progress.answers.clone() };
    let room = Room { key: answer_key(exercise), trainees: vec![trainee.clone()] };
    trainee_result(&room, &trainee)
}

/// "14 of 20 answers match the key: 70.0% (95% CI 48.1-85.5%)".
pub fn score_words(result: &TraineeResult) -> String {
    let share = result.accuracy.as_ref().map_or_else(|| "no answer yet".to_string(), share_with_ci);
    format!("{} of {} answers match the key: {share}", result.correct, result.answered)
}

/// The cases the trainee answered wrongly, by index in the exercise.
pub fn to_review(exercise: &Exercise, progress: &Progress) -> Vec<usize> {
    exercise
        .cases
        .iter()
        .zip(&progress.answers)
        .enumerate()
        .filter(|(_, (case, answer))| answer.is_some_and(|a| a.level() != case.key.level))
        .map(|(i, _)| i)
        .collect()
}

/// The answers file (`trainee,case,level`) of the cases answered so far.
pub fn progress_answers_csv(exercise: &Exercise, progress: &Progress) -> Vec<u8> {
    let given = exercise.cases.iter().zip(&progress.answers).filter_map(|(c, a)| a.map(|a| (c.id.as_str(), a)));
    answers_csv(progress.trainee.trim(), given)
}

/// `ipvi-answers-seed7-ana-lopez.csv`: the seed says which exercise, the name whose answers.
pub fn answers_file_name(seed: u64, trainee: &str) -> String {
    let mut name = String::new();
    for c in trainee.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-');
    if name.is_empty() {
        format!("ipvi-answers-seed{seed}.csv")
    } else {
        format!("ipvi-answers-seed{seed}-{name}.csv")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::answers::{read_answers, read_key};
    use crate::training::exercise::{exercise_extracts, generate_exercise, Difficulty};

    fn exercise() -> Exercise {
        let settings = ExerciseSettings { cases: 6, difficulty: Difficulty::Mixed, ..ExerciseSettings::new(7) };
        generate_exercise(&settings).expect("an exercise")
    }

    #[test]
    fn a_case_is_answered_once_and_the_way_goes_on_only_after_an_answer() {
        let mut progress = Progress::new(exercise().settings);
        progress.next();
        assert_eq!(progress.current, 0, "no answer, no next case");
        progress.answer(Answer::B);
        progress.answer(Answer::A);
        assert_eq!(progress.current_answer(), Some(Answer::B));
        for _ in 0..6 {
            progress.answer(Answer::D);
            progress.next();
        }
        assert!(progress.finished());
        assert_eq!(progress.answered(), 6);
    }

    #[test]
    fn the_score_is_the_key_checked_answer_by_answer_and_the_file_reads_back() {
        let exercise = exercise();
        let mut progress = Progress::new(exercise.settings.clone());
        progress.trainee = " Ana López ".into();
        // Right on every case but the first, which gets the next level up (or D for "no level").
        for (i, case) in exercise.cases.iter().enumerate() {
            let right = Answer::from_level(case.key.level);
            let wrong = Answer::ALL[(right.index() + 1) % 5];
            progress.answer(if i == 0 { wrong } else { right });
            progress.next();
        }
        let result = score(&exercise, &progress);
        assert_eq!((result.answered, result.correct), (6, 5));
        assert_eq!(to_review(&exercise, &progress), [0]);
        assert!(score_words(&result).starts_with("5 of 6 answers match the key: 83.3% (95% CI "));
        // The file and the key as `ipvi agreement` reads them.
        let file = read_answers("a.csv", &progress_answers_csv(&exercise, &progress)).unwrap();
        assert_eq!(file.rows.len(), 6);
        assert_eq!(file.rows[0].trainee, "Ana López");
        let key_bytes = &exercise_extracts(&exercise)[2].bytes;
        let key = read_key("key.csv", key_bytes).unwrap();
        assert_eq!(key.cases, answer_key(&exercise).cases);
        let room = Room::gather(key, &[file]).unwrap();
        assert_eq!(trainee_result(&room, &room.trainees[0]), result);
    }

    #[test]
    fn the_heading_says_what_the_exercise_is_and_its_levels_add_up() {
        let exercise = exercise();
        let summary = exercise_summary(&exercise);
        let at_threshold = exercise.cases.iter().filter(|c| c.key.at_threshold).count();
        assert!(summary.starts_with(&format!(
            "6 cases ({at_threshold} at a threshold), mixed difficulty, criteria \"IPVI default\" (ipvi-default), seed 7; \
             every case is decided as of "
        )));
        let mix = level_mix_words(&exercise);
        let counts: u32 = mix
            .split(", ")
            .map(|part| part.trim_end_matches('.').rsplit(' ').next().unwrap().parse::<u32>().unwrap())
            .sum();
        assert!(mix.starts_with("Levels in the key: D "));
        assert_eq!(counts, 6);
    }

    #[test]
    fn real_cases_are_a_saved_flag_that_survives_a_restart_and_older_entries_read_as_demo() {
        let mut progress = Progress::from_loaded_data(exercise().settings);
        progress.answer(Answer::C);
        assert_eq!(exercise_heading(&progress), REAL_CASES_HEADING);
        let json = serde_json::to_string(&progress).unwrap();
        assert!(!json.contains("incidents"), "no case is saved: {json}");
        let restarted = progress.restarted();
        assert!(restarted.real_data && restarted.answered() == 0);
        let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
        older.as_object_mut().unwrap().remove("real_data");
        let older: Progress = serde_json::from_value(older).unwrap();
        assert!(!older.real_data);
        assert_eq!(exercise_heading(&older), "The exercise");
    }

    #[test]
    fn the_file_name_holds_the_seed_and_a_plain_form_of_the_name() {
        assert_eq!(answers_file_name(7, "Ana"), "ipvi-answers-seed7-ana.csv");
        assert_eq!(answers_file_name(12, " Ana  López / B "), "ipvi-answers-seed12-ana-lópez-b.csv");
        assert_eq!(answers_file_name(3, "  "), "ipvi-answers-seed3.csv");
    }
}
