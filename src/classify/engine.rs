//! The level history: one walk per person over their IPV incidents in date order.
//!
//! [`PersonWalk`] classifies one person incident by incident (the demo generator uses it as its
//! notification policy); [`classify`] (in `classifier.rs`) walks every person of a data set, with
//! notifications recorded in the data or simulated by policy.

use super::criteria::Criteria;
use super::features::{uses_score, Features, ScoreSums};
use super::rules::RuleTable;
use super::window::Window;
use crate::model::{Dataset, Day, Flags, Level};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

pub use super::classifier::{classify, Classification, Classifier};

/// What one incident gave.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Observation {
    /// The person's level after this incident (`None` when no rule holds and none held before).
    pub level: Option<Level>,
    /// The rule that held at this incident, and which of its groups (first that holds).
    pub rule: Option<(Level, u8)>,
    pub features: Features,
}

/// One person's classification, fed their incidents in date order.
#[derive(Clone, Debug)]
pub struct PersonWalk<'c> {
    criteria: &'c Criteria,
    /// The incidents of the lookback window, and of the score window (used only when a rule
    /// reads the score): kept up to date incident by incident, never recounted.
    lookback: Window,
    score_window: Window,
    last_day: Option<Day>,
    level: Option<Level>,
    /// Notifications of the current spell not yet dated before an incident, earliest first.
    pending: BinaryHeap<Reverse<(Day, Level)>>,
    /// The highest level notified in the current spell before the latest incident.
    notified_before: Option<Level>,
    /// The highest level and the latest day of all notifications of the current spell.
    notified_max: Option<Level>,
    notified_last: Option<Day>,
    /// Whether a rule reads the score (it is computed only then).
    scores: bool,
    rules: RuleTable,
}

impl<'c> PersonWalk<'c> {
    pub fn new(criteria: &'c Criteria) -> PersonWalk<'c> {
        PersonWalk {
            criteria,
            lookback: Window::new(criteria.lookback_days),
            score_window: Window::new(criteria.score.window_days),
            last_day: None,
            level: None,
            pending: BinaryHeap::new(),
            notified_before: None,
            notified_max: None,
            notified_last: None,
            scores: uses_score(criteria),
            rules: RuleTable::new(criteria),
        }
    }

    pub fn level(&self) -> Option<Level> {
        self.level
    }

    /// Forgets the incidents, level and notifications so far (keeping the room they took).
    fn lapse(&mut self) {
        self.lookback.clear();
        self.score_window.clear();
        self.level = None;
        self.pending.clear();
        (self.notified_before, self.notified_max, self.notified_last) = (None, None, None);
    }

    /// Starts on another person, as a new walk would but without allocating again.
    pub fn restart(&mut self) {
        self.lapse();
        self.last_day = None;
    }

    /// Records a notification (it counts for incidents dated strictly later).
    pub fn notified(&mut self, day: Day, level: Level) {
        self.pending.push(Reverse((day, level)));
        self.notified_max = self.notified_max.max(Some(level));
        self.notified_last = self.notified_last.max(Some(day));
    }

    /// The highest level notified in the current spell.
    pub fn notified_level(&self) -> Option<Level> {
        self.notified_max
    }

    pub fn last_notification_day(&self) -> Option<Day> {
        self.notified_last
    }

    /// Whether an incident on `day` comes after a quiet spell long enough for everything
    /// before it to lapse (never for the person's first incident).
    pub fn lapses_at(&self, day: Day) -> bool {
        self.last_day.is_some_and(|last| day - last >= self.criteria.lookback_days)
    }

    /// Adds an incident (dated on or after the previous one) and classifies the person.
    pub fn observe(&mut self, day: Day, flags: Flags, victim: u32) -> Observation {
        let c = self.criteria;
        let gap = self.advance(day);
        self.lookback.push(day, flags, victim);
        let mut f = Features {
            days_since_last: gap.filter(|&g| g < c.lookback_days),
            charged_now: flags.has(Flags::CHARGED),
            ..self.lookback.counts()
        };
        // The score's window ends at the incident's own date: full recency.
        if self.scores {
            self.score_window.push(day, flags, victim);
            let sums = ScoreSums { by_gravity: self.score_window.by_gravity(), victims: Vec::new() };
            f.score = sums.score(&c.score, 0, self.score_window.victims());
        }
        self.judge(day, f)
    }

    /// [`observe`](Self::observe) for an incident whose window counts are known: `counted`
    /// holds the features [`observe`](Self::observe) gave for it under criteria with the same
    /// lookback (and, when these criteria read the score, the same score weights), so that a
    /// criteria edit is walked again without the windows. Its `notified` is not read.
    pub fn observe_counted(&mut self, day: Day, counted: Features) -> Observation {
        self.advance(day);
        self.judge(day, counted)
    }

    /// Moves the walk to an incident on `day`: a long quiet spell before it lapses earlier
    /// incidents, levels and notifications. Returns the days since the previous incident.
    fn advance(&mut self, day: Day) -> Option<i32> {
        let gap = self.last_day.map(|last| day - last);
        if self.lapses_at(day) {
            self.lapse();
        }
        self.last_day = Some(day);
        gap
    }

    /// The level at an incident on `day` with the window's features `f`: the notifications
    /// dated before it count, then the first rule that holds (kept if higher under sticky
    /// criteria).
    fn judge(&mut self, day: Day, mut f: Features) -> Observation {
        while let Some(&Reverse((d, level))) = self.pending.peek() {
            if d >= day {
                break;
            }
            self.pending.pop();
            self.notified_before = self.notified_before.max(Some(level));
        }
        f.notified = self.notified_before;
        let rule = self.rules.first_rule(&f);
        let rule_level = rule.map(|(l, _)| l);
        self.level = if self.criteria.sticky { self.level.max(rule_level) } else { rule_level };
        Observation { level: self.level, rule, features: f }
    }
}

/// Where the notifications came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NotificationMode {
    /// From the notifications extract.
    Recorded,
    /// By policy: at each rise in level, after the criteria's delay.
    Simulated,
}

impl NotificationMode {
    /// The one rule both faces follow: recorded notifications when the data has offender
    /// notifications and the user did not ask to simulate, else simulated by policy.
    pub fn choose(data: &Dataset, simulate: bool) -> NotificationMode {
        if NotificationMode::available(data) && !simulate {
            NotificationMode::Recorded
        } else {
            NotificationMode::Simulated
        }
    }

    /// Whether the data has a notifications extract with rows to use.
    pub fn available(data: &Dataset) -> bool {
        data.notifications.as_ref().is_some_and(|n| !n.is_empty())
    }

    /// The mode in a few words, as the pages and the CLI print it.
    pub fn word(self) -> &'static str {
        match self {
            NotificationMode::Recorded => "recorded",
            NotificationMode::Simulated => "simulated by policy",
        }
    }

    /// What the mode means, for a reader of the results.
    pub fn description(self) -> &'static str {
        match self {
            NotificationMode::Recorded => "recorded (from the notifications extract)",
            NotificationMode::Simulated => "simulated by policy: a notification at each rise in level, after the delay",
        }
    }
}

/// The level history of one incident.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Step {
    /// Row of the incident in the data set's incidents table.
    pub row: u32,
    pub day: Day,
    /// The incident's flags and victim, kept to score the person again at a review date.
    #[serde(skip)]
    pub flags: Flags,
    #[serde(skip)]
    pub victim: u32,
    #[serde(flatten)]
    pub observation: Observation,
}

/// A notification the classification used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub person: u32,
    pub day: Day,
    pub level: Level,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level::*;

    const CHARGE: Flags = Flags::CHARGED;
    const NONE: Flags = Flags(0);

    fn levels(criteria: &Criteria, incidents: &[(Day, Flags)]) -> Vec<Level> {
        let mut walk = PersonWalk::new(criteria);
        incidents.iter().map(|&(d, f)| walk.observe(d, f, 1).level.unwrap()).collect()
    }

    fn default(incidents: &[(Day, Flags)]) -> Vec<Level> {
        levels(&Criteria::ipvi_default(), incidents)
    }

    #[test]
    fn counts_charges_within_the_window_including_its_edge() {
        assert_eq!(default(&[(0, NONE), (10, CHARGE), (20, CHARGE)]), vec![D, C, B]);
        // Exactly 1826 days apart: both count, so two charges; one day more and a new spell.
        assert_eq!(default(&[(0, CHARGE), (1825, NONE), (1826, CHARGE)]), vec![C, C, B]);
        assert_eq!(default(&[(0, CHARGE), (1826, CHARGE)]), vec![C, C], "a gap of 1826 days starts afresh");
        assert_eq!(default(&[(0, CHARGE), (1825, CHARGE)]), vec![C, B]);
    }

    #[test]
    fn levels_stick_through_short_gaps_and_lapse_after_a_long_one() {
        assert_eq!(default(&[(0, CHARGE), (10, CHARGE), (1836, NONE)]), vec![C, B, D]);
        assert_eq!(default(&[(0, CHARGE), (10, CHARGE), (1000, NONE), (2000, NONE)]), vec![C, B, B, B]);
    }

    #[test]
    fn severe_flags_with_two_charges_give_a() {
        assert_eq!(default(&[(0, CHARGE.with(Flags::WEAPON, true)), (5, CHARGE)]), vec![C, A]);
        assert_eq!(default(&[(0, Flags::STRANGULATION), (5, CHARGE), (6, CHARGE)]), vec![D, C, A]);
        // A felony counts only when charged.
        assert_eq!(default(&[(0, Flags::FELONY), (5, CHARGE), (6, CHARGE)]), vec![D, C, B]);
        assert_eq!(default(&[(0, CHARGE.with(Flags::FELONY, true)), (6, CHARGE)]), vec![C, A]);
        assert_eq!(default(&[(0, Flags::PO_VIOLATION)]), vec![B]);
    }

    #[test]
    fn a_charge_after_a_notification_escalates_only_when_strictly_later() {
        let criteria = Criteria::ipvi_default();
        let mut walk = PersonWalk::new(&criteria);
        assert_eq!(walk.observe(0, CHARGE, 1).level, Some(C));
        walk.notified(14, C);
        assert_eq!(walk.observe(14, NONE, 1).level, Some(C), "not charged: no escalation");
        walk.notified(30, B);
        let same_day = walk.observe(30, CHARGE, 1);
        assert_eq!(same_day.level, Some(B), "two charges give B; the same-day B notice does not count");
        assert_eq!(same_day.features.notified, Some(C));
        let next = walk.observe(31, CHARGE, 1);
        assert_eq!((next.level, next.rule), (Some(A), Some((A, 3))));
    }

    #[test]
    fn rfgv_bands_follow_the_score_and_do_not_stick() {
        let rfgv = Criteria::rfgv();
        let mut walk = PersonWalk::new(&rfgv);
        // R 10 + F 1 + G 10 (weapon) = 21 -> C.
        let first = walk.observe(0, Flags::WEAPON, 1);
        assert_eq!((first.level, first.features.score), (Some(C), 21.0));
        // A second victim: (10 + 2 + 10 + 5) x 1.5 = 40.5 -> A.
        let second = walk.observe(10, CHARGE, 2);
        assert_eq!((second.level, second.features.score), (Some(A), 40.5));
        // 731 days after the first, the weapon incident (and the first victim) has left the
        // 2-year window: 10 + 2 + (5 + 1) = 18 -> C; the level falls.
        let later = walk.observe(731, NONE, 2);
        assert_eq!((later.level, later.features.score), (Some(C), 18.0));
        // Band edges: a lone unflagged incident scores 10 + 1 + 1 = 12.
        let mut edge = rfgv.clone();
        edge.rules[2].any_of[0][0].value = 12.0;
        assert_eq!(levels(&edge, &[(0, NONE)]), vec![C], "at the threshold");
        edge.rules[2].any_of[0][0].value = 12.5;
        assert_eq!(levels(&edge, &[(0, NONE)]), vec![D], "just under it");
    }
}
