//! `ipvi exercise`: a classification exercise for a room, as extracts and an answer key.

use crate::inputs::load_criteria;
use crate::output::say;
use ipvi::export::fingerprint;
use ipvi::model::iso;
use ipvi::training::exercise::{exercise_extracts, generate_exercise, level_mix, Difficulty, ExerciseSettings};
use std::path::Path;

pub fn run(seed: u64, cases: u32, difficulty: &str, criteria: &str, out: &Path) -> Result<(), String> {
    let settings = ExerciseSettings {
        seed,
        cases,
        difficulty: Difficulty::parse(difficulty).map_err(|e| e.to_string())?,
        criteria: load_criteria(criteria)?,
    };
    let exercise = generate_exercise(&settings).map_err(|e| e.to_string())?;
    let files = exercise_extracts(&exercise);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    // Every file is written before a word is printed (a reader that stops early ends the run).
    for file in &files {
        let path = out.join(&file.name);
        std::fs::write(&path, &file.bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for file in &files {
        say!("wrote {:<28} {:>6} rows {:>9} bytes", out.join(&file.name).display(), file.rows, file.bytes.len());
    }
    let date = iso(exercise.decision_day);
    let mix = level_mix(&exercise);
    let at_threshold = exercise.cases.iter().filter(|c| c.key.at_threshold).count();
    say!(
        "exercise: {} cases ({} at a threshold), {} difficulty, criteria \"{}\" (synthetic cases)",
        exercise.cases.len(),
        at_threshold,
        settings.difficulty.word(),
        settings.criteria.name
    );
    say!("decision date: {date} (every case is decided as of this date: ipvi classify --as-of {date})");
    say!("levels in the key: D {}, C {}, B {}, A {}, none {}", mix[0], mix[1], mix[2], mix[3], mix[4]);
    say!("page settings: #{}", settings.to_fragment());
    say!("fingerprint: {}", fingerprint(&files));
    Ok(())
}
