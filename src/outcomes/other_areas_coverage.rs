//! The comparison methods on the demo, whose comparison areas differ from the city by exactly
//! the planted call drop (docs/methods.md#comparison-areas): over 50 seeds the 95% intervals of
//! the difference-in-differences and of the synthetic control cover the planted rate ratio at
//! least 45 times, and with no planted drop exclude "no difference" at most 5 times.

use super::{align, did, synthetic_part};
use crate::model::Day;
use crate::outcomes::calls::calls_for_service;
use crate::outcomes::series::ipv_events;
use crate::stats::Estimate;
use crate::synth::comparison_areas;
use crate::synth::{generate, DemoParams};

const SEEDS: u64 = 50;

/// The intervals of both methods on one demo: (difference-in-differences, synthetic control).
fn intervals(seed: u64, call_drop: f64) -> (Estimate, Option<(f64, f64)>) {
    let params = DemoParams { seed, call_drop, ..DemoParams::default() };
    let data = generate(&params).unwrap();
    let panel = comparison_areas(&params, &data);
    let start: Day = params.start_day;
    let events = ipv_events(&data);
    let calls = calls_for_service((events.0, &events.1), start, params.last_day, None).unwrap();
    let aligned = align(&calls, &panel, &[], start).unwrap();
    let did = did(&aligned).unwrap().rate_ratio;
    let synthetic = synthetic_part(&aligned).unwrap().interval.map(|i| (i.low, i.high));
    (did, synthetic)
}

#[test]
fn over_50_seeds_the_intervals_cover_the_planted_difference() {
    let mut covered = [0; 2];
    let mut rejected = [0; 2];
    for seed in 0..SEEDS {
        for (drop, truth, tally) in [(0.2, 0.8, &mut covered), (0.0, 1.0, &mut rejected)] {
            let (did, synthetic) = intervals(seed, drop);
            let inside = |(low, high): (f64, f64)| low <= truth && truth <= high;
            let hits = [inside((did.low, did.high)), synthetic.is_some_and(inside)];
            for (k, hit) in hits.into_iter().enumerate() {
                // Covered when an effect is planted; rejected "no difference" when none is.
                tally[k] += usize::from(if drop > 0.0 { hit } else { !hit });
            }
        }
    }
    eprintln!("of {SEEDS} seeds: covered (DiD, synthetic) {covered:?}, no-effect rejected {rejected:?}");
    assert!(covered.iter().all(|&c| c >= 45), "covered {covered:?} of {SEEDS}");
    assert!(rejected.iter().all(|&r| r <= 5), "rejected {rejected:?} of {SEEDS}");
}
