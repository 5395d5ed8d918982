//! What the criteria measure: a person's features at an incident over the lookback window, and
//! the RFGV priority score over the score window ending at an evaluation date
//! (`docs/methods.md`, "RFGV priority score").

use super::criteria::{Criteria, Feature, ScoreWeights};
use crate::model::{Day, Flags, Level, NO_ID};
use serde::Serialize;

/// The features of a person at one incident, over the window ending there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Features {
    pub incidents: u32,
    pub charges: u32,
    pub felony_charges: u32,
    pub weapon: u32,
    pub strangulation: u32,
    pub injury: u32,
    pub po_violations: u32,
    pub victims: u32,
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

    /// Counts (or, with `add` false, uncounts) one incident of the lookback window. Counts are
    /// u32: one person can have more incidents than a u16 holds.
    pub fn count(&mut self, flags: Flags, add: bool) {
        let charged = flags.has(Flags::CHARGED);
        for (n, holds) in [
            (&mut self.incidents, true),
            (&mut self.charges, charged),
            (&mut self.felony_charges, charged && flags.has(Flags::FELONY)),
            (&mut self.weapon, flags.has(Flags::WEAPON)),
            (&mut self.strangulation, flags.has(Flags::STRANGULATION)),
            (&mut self.injury, flags.has(Flags::INJURY)),
            (&mut self.po_violations, flags.has(Flags::PO_VIOLATION)),
        ] {
            if holds {
                *n = if add { *n + 1 } else { *n - 1 };
            }
        }
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

/// The gravity class of an incident in the score: weapon, strangulation or injury, charged,
/// other (the first that holds), an index into [`ScoreSums::by_gravity`].
pub fn gravity_class(flags: Flags) -> usize {
    if flags.has(Flags::WEAPON) {
        0
    } else if flags.has(Flags::STRANGULATION) || flags.has(Flags::INJURY) {
        1
    } else if flags.has(Flags::CHARGED) {
        2
    } else {
        3
    }
}

/// The counts behind the score, fed one incident at a time. F and G are computed from counts
/// per gravity class (not summed incident by incident), so the score does not depend on the
/// order the incidents were counted in and a window can drop its oldest incident exactly.
#[derive(Clone, Debug, Default)]
pub struct ScoreSums {
    /// Incidents counted, by [`gravity_class`].
    pub by_gravity: [u32; 4],
    /// Scratch room for the victim ids (with repeats) of the incidents counted.
    pub victims: Vec<u32>,
}

impl ScoreSums {
    pub fn clear(&mut self) {
        self.by_gravity = [0; 4];
        self.victims.clear();
    }

    /// Counts one incident of the score window in F and G.
    pub fn add(&mut self, flags: Flags) {
        self.by_gravity[gravity_class(flags)] += 1;
    }

    /// score = (R + F + G) x (1 + victim_factor x (V - 1)), with R for the last incident
    /// `days_since_last` days before the evaluation date and V distinct victims (at least 1).
    pub fn score(&self, w: &ScoreWeights, days_since_last: i32, victims: u32) -> f64 {
        let frequency = f64::from(self.by_gravity.iter().sum::<u32>());
        let weights = [w.weapon, w.strangulation_or_injury, w.charged, w.other];
        let gravity: f64 = self.by_gravity.iter().zip(weights).map(|(&n, weight)| f64::from(n) * weight).sum();
        let victims = f64::from(victims.max(1));
        (w.recency(days_since_last) + frequency + gravity) * (1.0 + w.victim_factor * (victims - 1.0))
    }
}

/// The number of distinct ids (sorts `ids` in place).
pub fn distinct(ids: &mut [u32]) -> u32 {
    ids.sort_unstable();
    let n = ids.len() - ids.windows(2).filter(|w| w[0] == w[1]).count();
    n as u32
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
        sums.add(flags);
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
