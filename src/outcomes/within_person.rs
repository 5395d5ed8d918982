//! The within-person hazard ratio of reoffending after notification: each notified person is
//! their own control (docs/methods.md#within-person-hazard-ratio).

use super::series::Index;
use crate::model::{Dataset, Day, Flags};
use crate::stats::Estimate;
use serde::Serialize;

/// The hazard ratio of reoffending after notification within the same people (a
/// self-controlled design: conditional Poisson, each person their own control).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfControlled {
    /// Notified people with incidents before the start and at least one incident in the two
    /// periods compared.
    pub people: usize,
    pub events_before: u64,
    pub days_before: f64,
    pub events_after: u64,
    pub days_after: f64,
    pub hazard_ratio: Option<Estimate>,
}

/// Each notified person's IPV incident rate after the notification against their own rate
/// before the start (the incidents from the start to the notification, which triggered it, are
/// left out). Given a person's own rate, incidents are assumed to follow a Poisson process whose
/// rate the notification multiplies by the hazard ratio; conditioning on each person's number of
/// incidents removes their own rate (conditional Poisson, as in the self-controlled case series,
/// Farrington 1995). The maximum likelihood estimate and a Wald 95% CI on the log scale.
pub(crate) fn self_controlled(data: &Dataset, index: &Index, start: Day, end: Day) -> SelfControlled {
    let inc = &data.incidents;
    let mut people: Vec<(f64, f64, u64, u64)> = Vec::new();
    for (person, run) in inc.person_runs() {
        let Some((notified, _)) = index.get(person) else { continue };
        let days: Vec<Day> = run.filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| inc.day[i]).collect();
        let Some(&first) = days.first() else { continue };
        if first >= start || notified >= end {
            continue;
        }
        let before = days.iter().filter(|&&d| d > first && d < start).count() as u64;
        let after = days.iter().filter(|&&d| d > notified && d <= end).count() as u64;
        if before + after > 0 {
            people.push((f64::from(start - first), f64::from(end - notified), before, after));
        }
    }
    let (events_before, events_after) = people.iter().fold((0, 0), |(a, b), p| (a + p.2, b + p.3));
    let (days_before, days_after) = people.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
    // Newton-Raphson on the log hazard ratio; the likelihood is concave.
    let mut theta = 0.0f64;
    let mut information = 0.0;
    let mut converged = false;
    for _ in 0..100 {
        let hr = libm::exp(theta);
        let (mut score, mut info) = (0.0, 0.0);
        for &(t0, t1, n0, n1) in &people {
            let p = hr * t1 / (t0 + hr * t1);
            let n = (n0 + n1) as f64;
            score += n1 as f64 - n * p;
            info += n * p * (1.0 - p);
        }
        information = info;
        if info <= 0.0 || !score.is_finite() {
            break;
        }
        let step = (score / info).clamp(-2.0, 2.0);
        theta += step;
        if step.abs() < 1e-10 {
            converged = true;
            break;
        }
    }
    let hazard_ratio = (converged && events_before > 0 && events_after > 0 && information > 0.0).then(|| {
        let half = crate::stats::z(0.95) / information.sqrt();
        Estimate { value: libm::exp(theta), low: libm::exp(theta - half), high: libm::exp(theta + half) }
    });
    SelfControlled { people: people.len(), events_before, days_before, events_after, days_after, hazard_ratio }
}
