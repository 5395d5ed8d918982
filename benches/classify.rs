//! Native benchmark of classification: the level history of a demo jurisdiction of about
//! 1M incidents (~300k IPV offenders), with each preset, the standings as of the last day and
//! the distribution a year later (where the score is taken again at the review date).
//! Run: `cargo bench --bench classify` (the browser half: `scripts/bench-classify`).

use ipvi::classify::report::standings;
use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::synth::{generate, DemoParams};
use std::time::Instant;

fn main() {
    let people = std::env::var("IPVI_BENCH_PEOPLE").ok().and_then(|v| v.parse().ok()).unwrap_or(463_000);
    let data = generate(&DemoParams { people, seed: 1, ..DemoParams::default() }).unwrap();
    for criteria in Criteria::presets() {
        for mode in [NotificationMode::Recorded, NotificationMode::Simulated] {
            let mut best = f64::MAX;
            let mut result = None;
            for _ in 0..3 {
                let started = Instant::now();
                result = Some(classify(&data, &criteria, mode));
                best = best.min(started.elapsed().as_secs_f64());
            }
            let result = result.expect("ran");
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
                best * 1000.0,
                listed * 1000.0,
                counted * 1000.0
            );
        }
    }
}
