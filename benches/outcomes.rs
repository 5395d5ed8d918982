//! Native benchmark of the outcome analyses on a demo jurisdiction of about 1M incidents.
//! Run: `cargo bench --bench outcomes` (the browser half: `scripts/bench-outcomes`).

use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::outcomes::{analyze, Analysis, OutcomeSettings};
use ipvi::synth::{generate, DemoParams};
use std::time::Instant;

fn main() {
    let people = std::env::var("IPVI_BENCH_PEOPLE").ok().and_then(|v| v.parse().ok()).unwrap_or(463_000);
    let data = generate(&DemoParams { people, seed: 1, ..DemoParams::default() }).unwrap();
    let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
    let mut best = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        let out = analyze(&data, &classification, &OutcomeSettings::default()).unwrap();
        best = best.min(started.elapsed().as_secs_f64());
        assert!(out.reoffending.is_ok());
    }
    // Each step as the web page runs it, one task per step: the longest bounds the page's tasks.
    let settings = OutcomeSettings::default();
    let mut analysis = Analysis::new(&data, &classification, &settings).unwrap();
    let mut steps = Vec::new();
    loop {
        let started = Instant::now();
        let done = analysis.step().unwrap();
        steps.push(format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0));
        if done {
            break;
        }
    }
    println!("native outcomes step by step (ms): {}", steps.join(", "));
    println!(
        "native outcomes (all analyses): {} incidents, {} calls, {} people: {:.1} ms",
        data.incidents.len(),
        data.calls.as_ref().map_or(0, |c| c.len()),
        classification.people.len(),
        best * 1000.0
    );
}
