//! Kaplan-Meier survival with Greenwood variance and log-log 95% bands.
//!
//! S(t) = prod over event times t_i <= t of (1 - d_i / n_i) (Kaplan & Meier 1958); the variance
//! of log S is Greenwood's sum d_i / (n_i (n_i - d_i)); the band is symmetric on
//! log(-log S): S^exp(+-z se / log S) (Kalbfleisch & Prentice 2002), as R's
//! `survfit(..., conf.type = "log-log")`.

use super::z;
use serde::Serialize;

/// The curve at one distinct time (an event or a censoring).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct KmPoint {
    pub time: f64,
    pub at_risk: usize,
    pub events: usize,
    pub censored: usize,
    pub survival: f64,
    /// Greenwood standard error of log S (R's `std.err`).
    pub std_err: f64,
    /// The log-log band; `None` where S is 0 or 1 (R gives NA there, or 1 before any event).
    pub low: Option<f64>,
    pub high: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KmCurve {
    pub n: usize,
    pub events: usize,
    pub points: Vec<KmPoint>,
    /// The median survival time, as R reports it; `None` when S never falls to 0.5.
    pub median: Option<f64>,
}

/// Kaplan-Meier estimate from follow-up times and event indicators (`true`: event, `false`:
/// censored). Ties: events before censorings at the same time (the usual convention).
pub fn kaplan_meier(times: &[f64], events: &[bool]) -> KmCurve {
    assert_eq!(times.len(), events.len(), "one event flag per time");
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
    let z = z(0.95);
    let (mut at_risk, mut survival, mut greenwood) = (times.len(), 1.0f64, 0.0f64);
    let mut points = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let time = times[order[i]];
        let (mut d, mut c) = (0, 0);
        while i < order.len() && times[order[i]] == time {
            if events[order[i]] {
                d += 1;
            } else {
                c += 1;
            }
            i += 1;
        }
        if d > 0 {
            survival *= 1.0 - d as f64 / at_risk as f64;
            if at_risk > d {
                greenwood += d as f64 / (at_risk as f64 * (at_risk - d) as f64);
            } else {
                greenwood = f64::INFINITY;
            }
        }
        let std_err = greenwood.sqrt();
        let band = (survival > 0.0 && survival < 1.0 && std_err.is_finite()).then(|| {
            // libm, not std: std's ln/exp/powf differ in the last bit between wasm and native.
            let spread = z * std_err / libm::log(survival);
            (libm::pow(survival, libm::exp(-spread)), libm::pow(survival, libm::exp(spread)))
        });
        let (low, high) = match band {
            Some((low, high)) => (Some(low), Some(high)),
            None if survival == 1.0 => (Some(1.0), Some(1.0)),
            None => (None, None),
        };
        points.push(KmPoint { time, at_risk, events: d, censored: c, survival, std_err, low, high });
        at_risk -= d + c;
    }
    let events_total = events.iter().filter(|&&e| e).count();
    KmCurve { n: times.len(), events: events_total, median: median(&points), points }
}

/// R's median: the first time S < 0.5, or, where S equals 0.5 exactly on an interval, the
/// midpoint between its start and the next event time.
fn median(points: &[KmPoint]) -> Option<f64> {
    let events: Vec<&KmPoint> = points.iter().filter(|p| p.events > 0).collect();
    for (k, p) in events.iter().enumerate() {
        if (p.survival - 0.5).abs() < 1e-12 {
            return Some(events.get(k + 1).map_or(p.time, |next| (p.time + next.time) / 2.0));
        }
        if p.survival < 0.5 {
            return Some(p.time);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_censored_stays_at_one_and_has_no_median() {
        let curve = kaplan_meier(&[1.0, 2.0, 3.0], &[false, false, false]);
        assert!(curve.points.iter().all(|p| p.survival == 1.0));
        assert_eq!((curve.events, curve.median), (0, None));
    }

    #[test]
    fn everyone_has_the_event_on_one_day() {
        let curve = kaplan_meier(&[5.0, 5.0], &[true, true]);
        assert_eq!(curve.points[0].survival, 0.0);
        assert_eq!(curve.median, Some(5.0));
        assert_eq!(curve.points[0].low, None);
    }

    #[test]
    fn empty_input_gives_an_empty_curve() {
        let curve = kaplan_meier(&[], &[]);
        assert_eq!((curve.n, curve.points.len(), curve.median), (0, 0, None));
    }
}
