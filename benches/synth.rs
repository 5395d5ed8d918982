//! Native benchmark of the synthetic control with its placebo inference and interval: every
//! donor is fitted in turn as a placebo, so the work grows with donors x donors x months.
//! Run: `cargo bench --bench synth`.

use ipvi::stats::synth_control::{synthetic_control, SynthOptions};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use std::time::Instant;

/// Areas following a season and a trend with their own loadings, plus noise (seeded).
fn panel(donors: usize, months: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    let mut uniform = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let mut area = |size: f64| -> Vec<f64> {
        let (level, season, trend) = (size * (20.0 + 180.0 * uniform()), 0.6 * uniform() - 0.3, 0.6 * uniform() - 0.3);
        (0..months)
            .map(|t| {
                let f1 = (2.0 * std::f64::consts::PI * t as f64 / 12.0).sin();
                let f2 = t as f64 / months as f64 - 0.5;
                level * (1.0 + season * f1 + trend * f2 + 0.05 * (uniform() - 0.5))
            })
            .collect()
    };
    let treated = area(10.0);
    let donors = (0..donors).map(|_| area(1.0)).collect();
    (treated, donors)
}

fn main() {
    for (donors, months) in [(24, 72), (200, 120)] {
        let (mut treated, pool) = panel(donors, months);
        let start = months * 2 / 3;
        treated[start..].iter_mut().for_each(|v| *v *= 0.8);
        let mut best = f64::MAX;
        let mut fit = None;
        for _ in 0..3 {
            let started = Instant::now();
            fit = Some(synthetic_control(&treated, &pool, start, &SynthOptions::default()).unwrap());
            best = best.min(started.elapsed().as_secs_f64());
        }
        let fit = fit.unwrap();
        let used = fit.weights.iter().filter(|&&w| w > 0.0).count();
        println!(
            "synthetic control with {donors} placebos and the interval: {donors} donors x {months} months \
             (start {start}): {:.1} ms; rate ratio {:.3}, p {:.3}, {used} donors weighted",
            best * 1000.0,
            fit.rate_ratio,
            fit.p_value
        );
    }
}
