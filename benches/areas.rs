//! Native benchmark of the comparison with other areas as the outcomes run it: lining up the
//! series, the difference-in-differences with its event study and placebo test in time
//! (`did_part`), and the synthetic control with its placebos and conformal interval
//! (`synthetic_part`), on the demo (the city against its 24 areas, 72 months) and on a 10-year
//! series of 200 areas (1 and 20 treated). Run: `cargo bench --bench areas`.

use ipvi::model::{month_index, Flags};
use ipvi::outcomes::other_areas::{did_part, synthetic_part, Aligned};
use ipvi::synth::{comparison_areas, generate, DemoParams};
use std::time::Instant;

/// The best of `runs` timings, in milliseconds, and the last result.
fn best<T>(runs: usize, mut work: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(work());
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    (best, last.expect("at least one run"))
}

fn report(what: &str, a: &Aligned, runs: usize) {
    let (did_ms, did) = best(runs, || did_part(a));
    let (sc_ms, sc) = best(runs, || synthetic_part(a));
    let ratio = |r: Option<f64>| r.map_or("-".into(), |r| format!("{r:.3}"));
    println!(
        "{what}: {} units x {} months, {} treated: difference-in-differences + event study + placebo in time \
         {did_ms:.1} ms (rate ratio {}, placebo {}), synthetic control + placebos + conformal interval {sc_ms:.1} ms \
         (rate ratio {})",
        a.units.len(),
        a.months(),
        a.treated.len(),
        ratio(did.did.as_ref().ok().map(|d| d.rate_ratio.value)),
        if did.placebo_in_time.is_ok() { "fitted" } else { "left out" },
        ratio(sc.as_ref().ok().map(|s| s.rate_ratio)),
    );
}

/// The demo city's IPV calls by month against its comparison areas.
fn demo() -> Aligned {
    let params = DemoParams::default();
    let data = generate(&params).unwrap();
    let panel = comparison_areas(&params, &data);
    let calls = data.calls.as_ref().unwrap();
    let mut city = vec![0.0; panel.months()];
    for (i, &day) in calls.day.iter().enumerate() {
        if calls.flags[i].has(Flags::IPV) {
            city[(month_index(day) - panel.first_month) as usize] += 1.0;
        }
    }
    let mut units = vec![city];
    units.extend(panel.counts.iter().cloned());
    Aligned {
        source: panel.source.clone(),
        treated: vec!["the loaded data".into()],
        comparison: panel.areas.clone(),
        first_month: panel.first_month,
        start: (month_index(params.start_day) - panel.first_month) as usize,
        units,
        warnings: Vec::new(),
    }
}

/// 200 areas over 120 months, sizes and seasons of their own, 20% fewer after month 84 in the
/// first `treated`, with a deterministic wobble standing in for noise.
fn large(treated: usize) -> Aligned {
    let (areas, months, start) = (200, 120, 84);
    let units: Vec<Vec<f64>> = (0..areas)
        .map(|a| {
            (0..months)
                .map(|t| {
                    let size = 20.0 + (a % 37) as f64 * 3.0;
                    let season = 1.0 + 0.15 * libm::sin((t + a % 5) as f64 * std::f64::consts::PI / 6.0);
                    let effect = if a < treated && t >= start { 0.8 } else { 1.0 };
                    let wobble = 1.0 + 0.08 * libm::sin((a * 7 + t * 13) as f64);
                    libm::round(size * season * effect * wobble)
                })
                .collect()
        })
        .collect();
    let name = |a: usize| format!("Area {a:03}");
    Aligned {
        source: "generated".into(),
        treated: (0..treated).map(name).collect(),
        comparison: (treated..areas).map(name).collect(),
        first_month: 2012 * 12,
        start,
        units,
        warnings: Vec::new(),
    }
}

fn main() {
    report("demo", &demo(), 5);
    report("10 years of 200 areas", &large(1), 3);
    report("10 years of 200 areas", &large(20), 3);
}
