//! Native benchmark of the count models: the count interrupted time series (Poisson and negative
//! binomial) on 72 months, and the difference-in-differences with its event study on 24 areas x
//! 72 months and on 200 areas x 120 months. Run: `cargo bench --bench counts`.

use ipvi::stats::did::{difference_in_differences, event_study, Panel};
use ipvi::stats::its_counts::count_its;
use std::time::Instant;

/// Deterministic, uneven counts: an area size, a seasonal month level, a planted 0.8 rate ratio
/// after `start` in treated areas, and a wobble standing in for noise.
fn panel_counts(areas: usize, months: usize, start: usize, treated: usize) -> Vec<Vec<f64>> {
    (0..areas)
        .map(|a| {
            (0..months)
                .map(|t| {
                    let size = 5.0 + (a % 17) as f64;
                    let season = 1.0 + 0.2 * libm::sin(t as f64 * std::f64::consts::PI / 6.0);
                    let effect = if a < treated && t >= start { 0.8 } else { 1.0 };
                    let wobble = 1.0 + 0.3 * libm::sin((a * 7 + t * 13) as f64);
                    libm::round(size * season * effect * wobble)
                })
                .collect()
        })
        .collect()
}

/// The best of `runs` timings, in milliseconds.
fn best_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::MAX, f64::min)
}

fn bench_panel(areas: usize, months: usize, treated_areas: usize, runs: usize) {
    let start = months / 2;
    let counts = panel_counts(areas, months, start, treated_areas);
    let treated: Vec<bool> = (0..areas).map(|a| a < treated_areas).collect();
    let days = vec![30.4; months];
    let panel = Panel { counts: &counts, treated: &treated, start, days: Some(&days) };
    let did_ms = best_ms(runs, || {
        difference_in_differences(&panel).unwrap();
    });
    let es_ms = best_ms(runs, || {
        event_study(&panel).unwrap();
    });
    let did = difference_in_differences(&panel).unwrap();
    println!(
        "DiD {areas} areas x {months} months ({treated_areas} treated): {did_ms:.1} ms (rate ratio {:.3}, {:?}); event study: {es_ms:.1} ms",
        did.rate_ratio.value, did.errors
    );
}

fn main() {
    let counts: Vec<f64> = panel_counts(1, 72, 36, 1).remove(0).into_iter().map(|c| c * 10.0).collect();
    let days: Vec<f64> =
        (0..72).map(|t| [31.0, 28.0, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0][t % 12]).collect();
    let its_ms = best_ms(20, || {
        count_its(&counts, Some(&days), 36, true, 0).unwrap();
    });
    let its = count_its(&counts, Some(&days), 36, true, 0).unwrap();
    println!("count ITS, 72 months, Poisson and negative binomial: {its_ms:.2} ms ({:?})", its.chosen);
    bench_panel(24, 72, 12, 5);
    bench_panel(200, 120, 20, 3);
}
