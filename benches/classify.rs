//! Native benchmark of classification: the level history of a demo jurisdiction of about
//! 1M incidents (~300k IPV offenders), with each preset, the standings as of the last day and
//! the distribution a year later (where the score is taken again at the review date); then a
//! criteria edit (a threshold) classified again reusing the window counts of the first
//! classification, against a whole walk.
//! Run: `cargo bench --bench classify` (the browser half: `scripts/bench-classify`).

use ipvi::classify::report::standings;
use ipvi::classify::{classify, Classification, Classifier, Criteria, NotificationMode};
use ipvi::synth::{generate, DemoParams};
use std::time::Instant;

/// The best of three runs of `f`, in milliseconds, and its last result.
fn best_of_three<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut result = None;
    for _ in 0..3 {
        let started = Instant::now();
        result = Some(f());
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    (best, result.expect("ran"))
}

/// The edit the browser benchmark makes: level B's first condition one higher (IPVI default:
/// 2 or more charges -> 3; RFGV: the B band from 25 to 26).
fn edited(criteria: &Criteria) -> Criteria {
    let mut edited = criteria.clone();
    edited.rules[1].any_of[0][0].value += 1.0;
    edited
}

fn main() {
    let people = std::env::var("IPVI_BENCH_PEOPLE").ok().and_then(|v| v.parse().ok()).unwrap_or(463_000);
    let data = generate(&DemoParams { people, seed: 1, ..DemoParams::default() }).unwrap();
    for criteria in Criteria::presets() {
        for mode in [NotificationMode::Recorded, NotificationMode::Simulated] {
            let (full, result) = best_of_three(|| classify(&data, &criteria, mode));
            let started = Instant::now();
            let list = standings(&result, result.last_day().unwrap());
            let listed = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let counts = result.distribution(result.last_day().unwrap() + 365);
            let counted = started.elapsed().as_secs_f64();
            println!(
                "native classify {:<20} {:<9} {:>8} incidents {:>7} people  {:>7.1} ms  (standings {:.1} ms, \
                 distribution a year on {:.1} ms: {counts:?})",
                criteria.name,
                format!("{mode:?}"),
                result.steps.len(),
                list.len(),
                full,
                listed * 1000.0,
                counted * 1000.0
            );
            let edit = edited(&criteria);
            let (edit_full, whole) = best_of_three(|| classify(&data, &edit, mode));
            let (reuse, reused): (f64, Classification) =
                best_of_three(|| Classifier::reusing(&data, &edit, mode, &result).finish());
            assert!(reused == whole, "reusing the counts gives the classification of a whole walk");
            let day = result.last_day().unwrap();
            let (with_standings, _) = best_of_three(|| {
                Classifier::reusing(&data, &edit, mode, &result).reading_standings_at(day).finish_with_standings()
            });
            println!(
                "native edit     {:<20} {:<9} whole walk {edit_full:>7.1} ms, reusing the counts {reuse:>6.1} ms \
                 ({:.1}x; {with_standings:.1} ms with the standings read as it goes)",
                criteria.name,
                format!("{mode:?}"),
                edit_full / reuse
            );
        }
    }
}
