//! The "IPVI default" criteria (DOMAIN.md), evaluated incident by incident for one person.
//!
//! - A: charges >= 2 and (weapon or strangulation or felony), or a charged incident after an
//!   earlier notification at B (or above);
//! - B: charges >= 2, or a protective-order violation, or a charged incident after an earlier
//!   notification at C (or above);
//! - C: charges >= 1;  D: any incident.
//!
//! Counts cover the person's incidents within the lookback window ending at this incident
//! (both ends included). Levels are sticky while every gap between incidents is shorter than
//! the lookback; a gap of the lookback or more starts the person afresh.

use crate::model::{Day, Flags, Level};
use std::collections::VecDeque;

/// The default lookback: 5 years.
pub const LOOKBACK_DAYS: i32 = 1826;

/// Charged means a charge, or an arrest where the extract has no charge field; the caller
/// sets `Flags::CHARGED` accordingly.
fn charged(flags: Flags) -> bool {
    flags.has(Flags::CHARGED)
}

/// One person's classification state, fed their incidents in date order.
#[derive(Clone, Debug)]
pub struct Tracker {
    lookback: i32,
    window: VecDeque<(Day, Flags)>,
    last_day: Option<Day>,
    level: Option<Level>,
    /// Notifications of the current spell: (day, level).
    notifications: Vec<(Day, Level)>,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker::new(LOOKBACK_DAYS)
    }
}

impl Tracker {
    pub fn new(lookback: i32) -> Tracker {
        Tracker { lookback, window: VecDeque::new(), last_day: None, level: None, notifications: Vec::new() }
    }

    /// The level after the last observed incident.
    pub fn level(&self) -> Option<Level> {
        self.level
    }

    /// Records a notification delivered on `day` (it counts for incidents strictly later).
    pub fn notified(&mut self, day: Day, level: Level) {
        self.notifications.push((day, level));
    }

    /// The day of the latest notification in the current spell, if any.
    pub fn last_notification_day(&self) -> Option<Day> {
        self.notifications.iter().map(|&(day, _)| day).max()
    }

    /// The highest level notified in the current spell, if any.
    pub fn notified_level(&self) -> Option<Level> {
        self.notifications.iter().map(|&(_, level)| level).max()
    }

    /// Adds an incident (dated on or after the previous one) and returns the level it gives.
    pub fn observe(&mut self, day: Day, flags: Flags) -> Level {
        if let Some(last) = self.last_day {
            debug_assert!(day >= last, "incidents must come in date order");
            if day - last >= self.lookback {
                // A long quiet spell: earlier incidents, levels and notifications lapse.
                self.window.clear();
                self.level = None;
                self.notifications.clear();
            }
        }
        self.last_day = Some(day);
        while self.window.front().is_some_and(|&(d, _)| day - d > self.lookback) {
            self.window.pop_front();
        }
        self.window.push_back((day, flags));

        let count = |flag: Flags| self.window.iter().filter(|(_, f)| f.has(flag)).count();
        let charges = self.window.iter().filter(|(_, f)| charged(*f)).count();
        let felony_charges = self.window.iter().filter(|(_, f)| charged(*f) && f.has(Flags::FELONY)).count();
        let notified_before = self.notifications.iter().filter(|&&(d, _)| d < day).map(|&(_, l)| l).max();
        let charged_now = charged(flags);

        let rule_level = if (charges >= 2
            && (count(Flags::WEAPON) >= 1 || count(Flags::STRANGULATION) >= 1 || felony_charges >= 1))
            || (charged_now && notified_before >= Some(Level::B))
        {
            Level::A
        } else if charges >= 2 || count(Flags::PO_VIOLATION) >= 1 || (charged_now && notified_before >= Some(Level::C))
        {
            Level::B
        } else if charges >= 1 {
            Level::C
        } else {
            Level::D
        };
        let level = self.level.map_or(rule_level, |earlier| earlier.max(rule_level));
        self.level = Some(level);
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHARGE: Flags = Flags::CHARGED;

    fn levels(incidents: &[(Day, Flags)]) -> Vec<Level> {
        let mut t = Tracker::default();
        incidents.iter().map(|&(d, f)| t.observe(d, f)).collect()
    }

    #[test]
    fn counts_charges_within_the_window_including_its_edge() {
        use Level::*;
        assert_eq!(levels(&[(0, Flags(0)), (10, CHARGE), (20, CHARGE)]), vec![D, C, B]);
        // Exactly 1826 days apart: both count, so two charges.
        assert_eq!(levels(&[(0, CHARGE), (1825, Flags(0)), (1826, CHARGE)]), vec![C, C, B]);
    }

    #[test]
    fn a_gap_as_long_as_the_lookback_starts_afresh() {
        use Level::*;
        assert_eq!(levels(&[(0, CHARGE), (10, CHARGE), (1836, Flags(0))]), vec![C, B, D]);
        // Shorter gaps keep the level even when the old charges left the window.
        assert_eq!(levels(&[(0, CHARGE), (10, CHARGE), (1000, Flags(0)), (2000, Flags(0))]), vec![C, B, B, B]);
    }

    #[test]
    fn severe_flags_with_two_charges_give_a() {
        use Level::*;
        assert_eq!(levels(&[(0, CHARGE.with(Flags::WEAPON, true)), (5, CHARGE)]), vec![C, A]);
        assert_eq!(levels(&[(0, Flags::STRANGULATION), (5, CHARGE), (6, CHARGE)]), vec![D, C, A]);
        // A felony counts only when charged.
        assert_eq!(levels(&[(0, Flags::FELONY), (5, CHARGE), (6, CHARGE)]), vec![D, C, B]);
        assert_eq!(levels(&[(0, Flags::PO_VIOLATION)]), vec![B]);
    }

    #[test]
    fn a_charge_after_a_notification_escalates_only_when_strictly_later() {
        let mut t = Tracker::default();
        assert_eq!(t.observe(0, CHARGE), Level::C);
        t.notified(14, Level::C);
        assert_eq!(t.observe(14, CHARGE), Level::B, "two charges give B anyway");
        t.notified(30, Level::B);
        assert_eq!(t.observe(30, CHARGE), Level::B, "same-day notification does not count");
        assert_eq!(t.observe(31, CHARGE), Level::A);
    }
}
