//! What several analyses share: months, the IPV events counted, each person's notifications and
//! incident rows, medians, and the words of a change.

use crate::classify::Classification;
use crate::model::{month_index, Calls, Dataset, Day, Flags, Level};
use crate::stats::Estimate;
use serde::Serialize;
use std::collections::HashMap;

/// A hash map with a fast, fixed hasher: lookups by person id run for every row.
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Each notified person's first notification after the start: person -> (day, level). By person
/// id, since several analyses look up every person in it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    first: Vec<Option<(Day, Level)>>,
}

impl Index {
    pub(crate) fn get(&self, person: u32) -> Option<(Day, Level)> {
        self.first.get(person as usize).copied().flatten()
    }

    /// The people notified, in person id order, with their index.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, (Day, Level))> + '_ {
        self.first.iter().enumerate().filter_map(|(p, f)| Some((p as u32, (*f)?)))
    }
}

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
    match counted_calls(data) {
        Some(c) => {
            ("calls", (0..c.len()).filter(|&i| c.flags[i].has(Flags::IPV)).map(|i| (c.day[i], c.address[i])).collect())
        }
        None => {
            let inc = &data.incidents;
            let rows = (0..inc.len()).filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| (inc.day[i], inc.address[i]));
            ("incidents", rows.collect())
        }
    }
}

/// The calls extract when the aggregate analyses count calls for service (loaded, not empty);
/// `None` when they count incidents.
pub(crate) fn counted_calls(data: &Dataset) -> Option<&Calls> {
    data.calls.as_deref().filter(|c| !c.is_empty())
}

/// The events `ipv_events` counts, as (day, area label id or `NO_ID`), and whether the table they
/// come from has an area column.
pub(crate) fn ipv_event_areas(data: &Dataset) -> (&'static str, bool, Vec<(Day, u32)>) {
    match counted_calls(data) {
        Some(c) => {
            let rows = (0..c.len()).filter(|&i| c.flags[i].has(Flags::IPV)).map(|i| (c.day[i], c.area_of(i)));
            ("calls", c.has_area(), rows.collect())
        }
        None => {
            let inc = &data.incidents;
            let rows = (0..inc.len()).filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| (inc.day[i], inc.area_of(i)));
            ("incidents", inc.has_area(), rows.collect())
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
    let people = classification.notifications.iter().map(|n| n.person as usize + 1).max().unwrap_or(0);
    let mut first = vec![None; people];
    for n in classification.notifications.iter().filter(|n| n.day >= start && n.day <= end) {
        let entry = &mut first[n.person as usize];
        if entry.is_none_or(|(day, _)| n.day < day) {
            *entry = Some((n.day, n.level));
        }
    }
    Index { first }
}

/// The days from `first` to `end` counted by calendar month.
pub(crate) fn monthly(days: impl Iterator<Item = Day>, first: Day, end: Day) -> Vec<Month> {
    let (m0, m1) = (month_index(first), month_index(end));
    let mut months: Vec<Month> = (m0..=m1).map(|month| Month { month, count: 0 }).collect();
    // Each day's month, looked up: millions of days, a few thousand of them distinct.
    let month_of: Vec<u32> = (first..=end).map(|d| (month_index(d) - m0) as u32).collect();
    for d in days.filter(|&d| d >= first && d <= end) {
        months[month_of[(d - first) as usize] as usize].count += 1;
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
