//! What the criteria measure: a person's features at an incident over the lookback window, and
//! the RFGV priority score over the score window ending at an evaluation date
//! (`docs/methods.md`, "RFGV priority score").

use super::criteria::{Criteria, Feature, ScoreWeights};
use crate::model::{Day, Flags, Level, NO_ID};
use serde::Serialize;

/// The features of a person at one incident, over the window ending there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Features {
    pub incidents: u16,
    pub charges: u16,
    pub felony_charges: u16,
    pub weapon: u16,
    pub strangulation: u16,
    pub injury: u16,
    pub po_violations: u16,
    pub victims: u16,
    /// Days since the previous incident of the spell; `None` for the first.
    pub days_since_last: Option<i32>,
    pub charged_now: bool,
    /// The highest level notified before this incident, in the current spell.
    pub notified: Option<Level>,
    /// The priority score at the evaluation date: the incident's own date in the level history,
    /// the review date in levels as of a date. Computed only for criteria that read it (else 0).
    pub score: f64,
}

impl Features {
    pub fn value(&self, feature: Feature) -> f64 {
        match feature {
            Feature::Incidents => f64::from(self.incidents),
            Feature::Charges => f64::from(self.charges),
            Feature::FelonyCharges => f64::from(self.felony_charges),
            Feature::Weapon => f64::from(self.weapon),
            Feature::Strangulation => f64::from(self.strangulation),
            Feature::Injury => f64::from(self.injury),
            Feature::ProtectiveOrderViolations => f64::from(self.po_violations),
            Feature::Victims => f64::from(self.victims),
            Feature::DaysSinceLast => self.days_since_last.map_or(f64::INFINITY, f64::from),
            Feature::ChargedNow => f64::from(u8::from(self.charged_now)),
            Feature::NotifiedBefore(level) => f64::from(u8::from(self.notified >= Some(level))),
            Feature::Score => self.score,
        }
    }

    /// Adds the counts of one incident within the lookback window.
    pub fn count(&mut self, flags: Flags) {
        let charged = flags.has(Flags::CHARGED);
        self.incidents += 1;
        self.charges += u16::from(charged);
        self.felony_charges += u16::from(charged && flags.has(Flags::FELONY));
        self.weapon += u16::from(flags.has(Flags::WEAPON));
        self.strangulation += u16::from(flags.has(Flags::STRANGULATION));
        self.injury += u16::from(flags.has(Flags::INJURY));
        self.po_violations += u16::from(flags.has(Flags::PO_VIOLATION));
    }

    /// The first rule (in priority order) that holds with these features, and which of its
    /// groups (the first that holds).
    pub fn first_rule(&self, criteria: &Criteria) -> Option<(Level, u8)> {
        criteria.rules.iter().find_map(|rule| {
            let holds =
                |group: &Vec<super::criteria::Condition>| group.iter().all(|cond| cond.holds(self.value(cond.feature)));
            rule.any_of.iter().position(holds).map(|g| (rule.level, g as u8))
        })
    }
}

/// Whether any rule reads the score: only then does a level depend on the evaluation date.
pub fn uses_score(criteria: &Criteria) -> bool {
    criteria.rules.iter().flat_map(|r| r.any_of.iter().flatten()).any(|c| c.feature == Feature::Score)
}

/// The sums behind the score, fed one incident at a time.
#[derive(Clone, Debug, Default)]
pub struct ScoreSums {
    frequency: f64,
    gravity: f64,
    /// Scratch room for the victim ids (with repeats) of the incidents counted.
    pub victims: Vec<u32>,
}

impl ScoreSums {
    pub fn clear(&mut self) {
        self.frequency = 0.0;
        self.gravity = 0.0;
        self.victims.clear();
    }

    /// Counts one incident of the score window in F and G.
    pub fn add(&mut self, w: &ScoreWeights, flags: Flags) {
        self.frequency += 1.0;
        self.gravity += if flags.has(Flags::WEAPON) {
            w.weapon
        } else if flags.has(Flags::STRANGULATION) || flags.has(Flags::INJURY) {
            w.strangulation_or_injury
        } else if flags.has(Flags::CHARGED) {
            w.charged
        } else {
            w.other
        };
    }

    /// score = (R + F + G) x (1 + victim_factor x (V - 1)), with R for the last incident
    /// `days_since_last` days before the evaluation date and V distinct victims (at least 1).
    pub fn score(&self, w: &ScoreWeights, days_since_last: i32, victims: u16) -> f64 {
        let victims = f64::from(victims.max(1));
        (w.recency(days_since_last) + self.frequency + self.gravity) * (1.0 + w.victim_factor * (victims - 1.0))
    }
}

/// The number of distinct ids (sorts `ids` in place).
pub fn distinct(ids: &mut [u32]) -> u16 {
    ids.sort_unstable();
    let n = ids.len() - ids.windows(2).filter(|w| w[0] == w[1]).count();
    n as u16
}

/// The score at `review`, a date on or after the person's last incident, from their incidents
/// on or before it as (day, flags, victim), newest first. Only the current spell counts (a gap
/// of `lookback_days` between incidents starts a person afresh, as in the level history), and
/// the window ends at the review date: incidents more than `window_days` before it no longer
/// count, and R falls with the days since the last incident.
pub fn score_at(
    w: &ScoreWeights,
    lookback_days: i32,
    review: Day,
    newest_first: impl Iterator<Item = (Day, Flags, u32)>,
    sums: &mut ScoreSums,
) -> f64 {
    sums.clear();
    let mut newest_first = newest_first.peekable();
    let Some(&(last, _, _)) = newest_first.peek() else { return 0.0 };
    let mut newer = last;
    for (day, flags, victim) in newest_first {
        if review - day > w.window_days || newer - day >= lookback_days {
            break;
        }
        newer = day;
        sums.add(w, flags);
        if victim != NO_ID {
            sums.victims.push(victim);
        }
    }
    let victims = distinct(&mut sums.victims);
    sums.score(w, review - last, victims)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_at_a_review_date_falls_with_recency_and_the_window() {
        let w = ScoreWeights::default();
        let mut sums = ScoreSums::default();
        let history = [(10, Flags::CHARGED, 2), (0, Flags::WEAPON, 1)];
        let mut at = |review, lookback, history: &[(Day, Flags, u32)]| {
            score_at(&w, lookback, review, history.iter().copied(), &mut sums)
        };
        // At the last incident: (10 + 2 + 10 + 5) x 1.5.
        assert_eq!(at(10, 730, &history), 40.5);
        // 100 days later: R = 10 x (730 - 100) / 700 = 9.
        assert!((at(110, 730, &history) - (9.0 + 2.0 + 15.0) * 1.5).abs() < 1e-12);
        // 731 days after the first incident it has left the window, with its victim.
        let r = |days: i32| 10.0 * f64::from(730 - days) / 700.0;
        assert!((at(731, 730, &history) - (r(721) + 1.0 + 5.0)).abs() < 1e-12);
        // A gap of the lookback between incidents starts afresh: the first no longer counts.
        assert!((at(110, 10, &history) - (9.0 + 1.0 + 5.0)).abs() < 1e-12);
        // No incident left in the window: only recency remains, if any.
        let mut long = ScoreWeights { window_days: 100, ..ScoreWeights::default() };
        long.recency_zero_days = 730;
        assert!((score_at(&long, 730, 150, history.iter().copied(), &mut ScoreSums::default()) - r(140)).abs() < 1e-12);
        assert_eq!(at(731, 730, &[]), 0.0);
    }

    #[test]
    fn distinct_counts_each_id_once() {
        assert_eq!(distinct(&mut [3, 1, 3, 2, 1]), 3);
        assert_eq!(distinct(&mut []), 0);
    }
}
