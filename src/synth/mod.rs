//! The demo jurisdiction: a seeded generator of realistic IPVI extracts with a known truth.
//!
//! Same parameters, same bytes, on every platform: randomness comes from ChaCha8 (one stream
//! per person, so a person's history does not depend on how many others there are) and every
//! transcendental function from `libm` (std's `ln`/`exp` call the platform's maths library,
//! which may differ in the last bit between native and wasm). No `usize` reaches the random
//! draws, so 32-bit wasm and 64-bit native draw the same numbers.
//!
//! The model, with where each default comes from:
//! - Offenders enter uniformly over a burn-in plus the data window; each has a frailty
//!   z ~ Gamma(shape 0.5, mean 1), so most offend once and a few chronically (our choice; the
//!   skew matches "most offend once, a few chronically" in `docs/methods.md`, "Demo
//!   jurisdiction").
//! - Given z, incidents follow a Poisson process with rate `BASE_RATE_PER_YEAR x z x
//!   season(month)`, times the planted hazard ratio after the person's first notification (the
//!   heterogeneity of z alone makes most people offend once in the window; a process without
//!   desistance keeps the planted ratio estimable within persons, see `outcomes`). Defaults give
//!   about 31% one-year reoffending before the intervention (`docs/methods.md`, "Reported
//!   figures": 20-50% before; New York 35% in 2 years) and about 16% for notified D/C
//!   offenders with the default hazard ratio ("Reported figures": 15-17% one-year, Sechrist &
//!   Weil 2018; UNCG 2015 D 16%, C 15%).
//! - Seasonality peaks in July (+-15%), our choice in line with summer peaks in IPV calls.
//! - Charge and severe-flag probabilities grow with the person's prior incidents (escalation
//!   of chronic offenders).
//! - After the intervention start every IPV incident is classified with the "IPVI default"
//!   criteria; a first classification or a rise in level produces a notification 5-25 days
//!   later (letter for D, face-to-face "custom notification" for C and A, call-in for B; 8% of
//!   face-to-face notifications are never delivered). Victim-survivors are told in 85% of cases.
//! - Calls for service: one call per incident plus calls that led to no report, drawn so that
//!   the expected IPV calls per month follow `CALLS_PER_INCIDENT` x the pre-start incident
//!   rate x season, times (1 - call drop) after the start (`docs/methods.md`, "Reported
//!   figures": about 20% fewer IPV calls after the start; High Point -16% in one year).
//! - Comparison areas (`areas`): 24 neighbouring areas without the programme whose IPV calls
//!   follow the city's expected calls without the call drop, times a seeded size (0.05-0.6).

mod areas;
mod draw;
mod generator;
mod names;
mod params;

pub use areas::{comparison_areas, write_comparison, COMPARISON_AREAS, COMPARISON_FILE};
pub use params::{DemoParam, DemoParamError, DemoParams, Effect};

use crate::classify::criteria::Criteria;
use crate::model::Dataset;
use generator::Generator;

/// Hazard ratio of reoffending after notification in the default setting, calibrated so that
/// notified D/C offenders reoffend at about 16% in a year against about 31% before (measured
/// over 4 seeds by `tests/demo_jurisdiction.rs`).
pub const DEFAULT_HAZARD_RATIO: f64 = 0.35;
/// Relative drop in IPV calls after the start (`docs/methods.md`, "Reported figures": about 20%).
pub const DEFAULT_CALL_DROP: f64 = 0.20;
/// Offenders in the default demo (about the size of a mid-sized city's IPV caseload).
pub const DEFAULT_PEOPLE: u32 = 5000;
pub const DEFAULT_SEED: u64 = 2012;

const BASE_RATE_PER_YEAR: f64 = 0.5;
const FRAILTY_SHAPE: f64 = 0.5;
const FAMILY_SHARE: f64 = 0.12;
const CALLS_PER_INCIDENT: f64 = 3.0;
const BURN_IN_DAYS: i32 = 3 * 365;

/// Generates the demo jurisdiction as a data set, sorted and ready for analysis.
pub fn generate(params: &DemoParams) -> Result<Dataset, DemoParamError> {
    params.validate()?;
    let criteria = Criteria::ipvi_default();
    let mut g = Generator::new(params, &criteria);
    for person in 0..params.people {
        g.person(person);
    }
    g.calls();
    let mut data = g.data;
    data.programme_start = Some(params.start_day);
    std::sync::Arc::make_mut(&mut data.incidents).sort_by_person_and_date(&data.labels);
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::draw::{season, Draw};
    use super::*;
    use crate::model::{day_from_ymd, Level, Role};

    fn mean(values: impl Iterator<Item = f64>) -> f64 {
        let (sum, n) = values.fold((0.0, 0.0), |(s, n), v| (s + v, n + 1.0));
        sum / n
    }

    #[test]
    fn samplers_have_the_means_they_promise() {
        let mut rng = Draw::new(1, 1);
        let u = mean((0..20_000).map(|_| rng.uniform()));
        assert!((u - 0.5).abs() < 0.01, "uniform {u}");
        for shape in [0.5, 2.0] {
            let g = mean((0..20_000).map(|_| rng.gamma(shape)));
            assert!((g - shape).abs() < 0.05 * shape.max(1.0), "gamma({shape}) mean {g}");
        }
        for m in [0.3, 4.0, 37.5] {
            let p = mean((0..20_000).map(|_| f64::from(rng.poisson(m))));
            assert!((p - m).abs() < 0.03 * m.max(1.0), "poisson({m}) mean {p}");
        }
        let e = mean((0..20_000).map(|_| rng.exponential(2.0)));
        assert!((e - 0.5).abs() < 0.02, "exponential mean {e}");
        assert!((0..1000).map(|_| rng.between(3, 5)).all(|x| (3..=5).contains(&x)));
    }

    #[test]
    fn each_bad_parameter_is_named_with_its_range() {
        let error = |p: DemoParams| p.validate().unwrap_err();
        let e = error(DemoParams { people: 0, ..DemoParams::default() });
        assert_eq!(
            (e.param, e.to_string().as_str()),
            (DemoParam::People, "people must be between 1 and 5,000,000, not 0")
        );
        let e = error(DemoParams { hazard_ratio: 0.0, ..DemoParams::default() });
        assert_eq!(e.to_string(), "the hazard ratio must be above 0 and at most 10, not 0");
        let e = error(DemoParams { call_drop: 1.5, ..DemoParams::default() });
        assert_eq!(e.to_string(), "the call drop must be at least 0 and below 1, not 1.5");
        let start = day_from_ymd(2030, 1, 1).unwrap();
        let e = error(DemoParams { start_day: start, ..DemoParams::default() });
        assert_eq!(
            e.to_string(),
            "the intervention start must fall after the first day and by the last day, not 2030-01-01"
        );
        let e = Effect::parse("strong").unwrap_err();
        assert_eq!(
            e.to_string(),
            "effect must be none, default or a hazard ratio above 0 (such as 0.7), not \"strong\""
        );
    }

    #[test]
    fn seasonality_peaks_in_july() {
        let jan = season(day_from_ymd(2020, 1, 15).unwrap());
        let jul = season(day_from_ymd(2020, 7, 15).unwrap());
        assert!((jul - 1.15).abs() < 1e-12 && (jan - 0.85).abs() < 1e-12);
    }

    #[test]
    fn offenders_are_notified_only_after_the_start_and_only_when_their_level_rises() {
        let p = DemoParams { people: 2000, ..DemoParams::default() };
        let data = generate(&p).unwrap();
        let n = data.notifications.as_ref().unwrap();
        let mut last: std::collections::HashMap<u32, Level> = Default::default();
        let mut order: Vec<usize> = (0..n.len()).filter(|&i| n.role[i] == Role::Offender).collect();
        order.sort_by_key(|&i| (n.person[i], n.day[i]));
        for i in order {
            assert!(n.day[i] > p.start_day && n.day[i] <= p.last_day);
            if let Some(previous) = last.insert(n.person[i], n.level[i]) {
                assert!(n.level[i] > previous, "a later notification must be at a higher level");
            }
        }
        assert!(last.len() > 500, "{} people notified", last.len());
    }
}
