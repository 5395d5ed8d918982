//! What several analyses share: months, the IPV events counted, each person's notifications and
//! incident rows, medians, and the words of a change.

use crate::classify::Classification;
use crate::model::{month_index, Dataset, Day, Flags, Level};
use crate::stats::Estimate;
use serde::Serialize;
use std::collections::HashMap;

/// A hash map with a fast, fixed hasher: lookups by person id run for every row.
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Each notified person's first notification after the start: person -> (day, level).
pub(crate) type Index = Map<u32, (Day, Level)>;

/// One month of a series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Month {
    /// `year * 12 + month0`.
    pub month: i32,
    pub count: u64,
}

fn percent_change(e: &Estimate) -> (f64, f64, f64) {
    ((e.value - 1.0) * 100.0, (e.low - 1.0) * 100.0, (e.high - 1.0) * 100.0)
}

/// "fell 18% (95% CI 12-24%)", "rose 5% (95% CI 2-9%)", or "changed by +2% (95% CI -1% to +4%)"
/// when the interval includes no change.
pub fn change_words(e: &Estimate) -> String {
    let (v, lo, hi) = percent_change(e);
    if hi < 0.0 {
        format!("fell {:.0}% (95% CI {:.0}-{:.0}%)", -v, -hi, -lo)
    } else if lo > 0.0 {
        format!("rose {v:.0}% (95% CI {lo:.0}-{hi:.0}%)")
    } else {
        format!("changed by {v:+.0}% (95% CI {lo:+.0}% to {hi:+.0}%)")
    }
}

/// The IPV events counted by the aggregate analyses, as (day, address): calls for service, or
/// incidents when no calls extract is loaded.
pub(crate) fn ipv_events(data: &Dataset) -> (&'static str, Vec<(Day, u32)>) {
    match &data.calls {
        Some(c) if !c.is_empty() => {
            ("calls", (0..c.len()).filter(|&i| c.flags[i].has(Flags::IPV)).map(|i| (c.day[i], c.address[i])).collect())
        }
        _ => {
            let inc = &data.incidents;
            let rows = (0..inc.len()).filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| (inc.day[i], inc.address[i]));
            ("incidents", rows.collect())
        }
    }
}

/// Each person's rows of the (sorted) incidents, by person id.
pub(crate) fn person_runs(data: &Dataset) -> Vec<Option<std::ops::Range<usize>>> {
    let mut runs = vec![None; data.people.len()];
    for (person, run) in data.incidents.person_runs() {
        runs[person as usize] = Some(run);
    }
    runs
}

/// Index: each person's first notification dated from the start to the end.
pub(crate) fn first_notices(classification: &Classification, start: Day, end: Day) -> Index {
    let mut first = Index::with_capacity_and_hasher(classification.notifications.len(), Default::default());
    for n in classification.notifications.iter().filter(|n| n.day >= start && n.day <= end) {
        let entry = first.entry(n.person).or_insert((n.day, n.level));
        if n.day < entry.0 {
            *entry = (n.day, n.level);
        }
    }
    first
}

pub(crate) fn monthly(days: impl Iterator<Item = Day>, first: Day, end: Day) -> Vec<Month> {
    let (m0, m1) = (month_index(first), month_index(end));
    let mut months: Vec<Month> = (m0..=m1).map(|month| Month { month, count: 0 }).collect();
    for d in days.filter(|&d| d >= first && d <= end) {
        months[(month_index(d) - m0) as usize].count += 1;
    }
    months
}

pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}
