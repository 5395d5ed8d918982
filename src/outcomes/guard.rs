//! The validity checks every headline passes before it is stated (docs/methods.md#minimums):
//! enough complete months on each side of the start, enough events for a rate ratio, enough
//! people for a share. A finding that fails one says "Not enough data: ..." instead of a number.

use crate::model::{month_index, Day};
use crate::words::count;
use std::ops::Range;

/// Complete months needed on each side of the start for the monthly comparison and the
/// interrupted time series.
pub const MIN_MONTHS: usize = 6;
/// Events needed on each side of the start for a rate ratio.
pub const MIN_EVENTS: u64 = 20;
/// People needed behind a share (reoffended within a year, a service contact, a sanction).
pub const MIN_PEOPLE: u64 = 20;
/// Complete months needed on each side of the start before month-of-year terms are on by
/// default (12 + 12 = at least 24 months, so each calendar month is seen before and after).
pub const SEASONAL_MONTHS: usize = 12;

/// A check a finding failed: what was short, the minimum and what the data have.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Shortfall {
    pub what: String,
    pub need: u64,
    pub have: u64,
}

impl Shortfall {
    /// "Not enough data: complete months before the start (need 6, have 0)."
    pub fn sentence(&self) -> String {
        format!("Not enough data: {} (need {}, have {}).", self.what, count(self.need), count(self.have))
    }
}

/// The first failed check of `(what, need, have)` triples, if any.
pub fn first_shortfall(checks: &[(&str, u64, u64)]) -> Option<Shortfall> {
    checks.iter().find(|(_, need, have)| have < need).map(|&(what, need, have)| Shortfall {
        what: what.into(),
        need,
        have,
    })
}

/// Whether `day` is the first day of its month.
pub fn first_of_month(day: Day) -> bool {
    month_index(day - 1) != month_index(day)
}

/// Whether `day` is the last day of its month.
pub fn last_of_month(day: Day) -> bool {
    month_index(day + 1) != month_index(day)
}

/// Which months of a monthly series (month 0 holds `first`, the last holds `end`) enter which
/// comparison (docs/methods.md#partial-months): partial months at either end are left out of
/// both; the month that contains a start later than its 1st mixes both periods, so the
/// before/after means leave it out while the time series counts it as the first month after.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Periods {
    /// The complete months (all but a partial first and last month).
    pub complete: Range<usize>,
    /// Complete months wholly before the start.
    pub before: Range<usize>,
    /// Complete months wholly on or after the start.
    pub after: Range<usize>,
    /// The month that contains the start (may lie outside the series).
    pub start_month: i64,
}

impl Periods {
    pub fn new(months: usize, first: Day, end: Day, start: Day) -> Periods {
        let lo = usize::from(!first_of_month(first)).min(months);
        let hi = months.saturating_sub(usize::from(!last_of_month(end))).max(lo);
        let start_month = i64::from(month_index(start) - month_index(first));
        let clamp = |m: i64| m.clamp(lo as i64, hi as i64) as usize;
        let after_from = start_month + i64::from(!first_of_month(start));
        Periods { complete: lo..hi, before: lo..clamp(start_month), after: clamp(after_from)..hi, start_month }
    }

    /// Complete months before and from the month of the start, as the time series splits them.
    pub fn its_sides(&self) -> (usize, usize) {
        let at = self.start_month.clamp(self.complete.start as i64, self.complete.end as i64) as usize;
        (at - self.complete.start, self.complete.end - at)
    }

    /// Whether month `i` of the series is partial (left out of every model).
    pub fn is_partial(&self, i: usize) -> bool {
        !self.complete.contains(&i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day_from_ymd;

    fn day(y: i32, m: u32, d: u32) -> Day {
        day_from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn a_shortfall_names_what_is_missing_with_the_minimum_and_the_count() {
        let s = first_shortfall(&[("events before", 20, 25), ("complete months after the start", 6, 0)]).unwrap();
        assert_eq!(s.sentence(), "Not enough data: complete months after the start (need 6, have 0).");
        assert_eq!(first_shortfall(&[("events", 20, 20)]), None);
    }

    #[test]
    fn partial_months_at_either_end_are_left_out() {
        // 3 Jan 2016 to 20 Dec 2021, start 1 Jan 2019: 72 months, the first and last partial.
        let p = Periods::new(72, day(2016, 1, 3), day(2021, 12, 20), day(2019, 1, 1));
        assert_eq!(p.complete, 1..71);
        assert_eq!((p.before.clone(), p.after.clone()), (1..36, 36..71));
        assert!(p.is_partial(0) && p.is_partial(71) && !p.is_partial(1));
        assert_eq!(p.its_sides(), (35, 35));
        let whole = Periods::new(72, day(2016, 1, 1), day(2021, 12, 31), day(2019, 1, 1));
        assert_eq!(whole.complete, 0..72);
    }

    #[test]
    fn a_start_after_the_first_of_its_month_leaves_that_month_out_of_the_means_only() {
        let p = Periods::new(72, day(2016, 1, 1), day(2021, 12, 31), day(2019, 1, 11));
        assert_eq!((p.before.clone(), p.after.clone()), (0..36, 37..72));
        assert_eq!(p.its_sides(), (36, 36));
    }

    #[test]
    fn three_weeks_have_no_complete_month() {
        // 5 to 25 Mar 2024, start 15 Mar: one partial month.
        let p = Periods::new(1, day(2024, 3, 5), day(2024, 3, 25), day(2024, 3, 15));
        assert!(p.complete.is_empty() && p.before.is_empty() && p.after.is_empty());
        assert_eq!(p.its_sides(), (0, 0));
    }
}
