//! A classification read at a date: each person's standing then (with the score read again at
//! that date under criteria that use it), the day they reached it, and the counts by level.

use super::criteria::Criteria;
use super::engine::{Classification, Observation, Step};
use super::features::{score_at, uses_score, ScoreSums};
use crate::model::Day;
use std::ops::Range;

impl Classification {
    /// Each person with an incident on or before a day: their steps up to it, and their
    /// standing then. The standing is the step of their last incident, except under criteria
    /// that read the score, whose rules are applied again with the score at the review date
    /// (`docs/methods.md`, "RFGV priority score"): R falls with the days since the last
    /// incident and incidents leave the window, so a level from the score can fall between
    /// incidents. Only people with an incident by the day are scored.
    pub fn as_of(&self, day: Day) -> impl Iterator<Item = (u32, &[Step], Step)> + '_ {
        self.as_of_among(day, 0..self.people.len())
    }

    /// [`as_of`](Self::as_of) for some of the people: those at `places` in `self.people` (so
    /// that a page can read a large classification a part at a time).
    pub fn as_of_among(&self, day: Day, places: Range<usize>) -> impl Iterator<Item = (u32, &[Step], Step)> + '_ {
        let rescore = uses_score(&self.criteria);
        let mut sums = ScoreSums::default();
        places.filter_map(move |place| self.as_of_place(place, day, rescore, &mut sums))
    }

    /// [`as_of`](Self::as_of) for the person at `place` in `self.people` (`rescore`: whether
    /// the criteria read the score; `sums`: room to score in), or `None` before their first
    /// incident.
    pub(super) fn as_of_place(
        &self,
        place: usize,
        day: Day,
        rescore: bool,
        sums: &mut ScoreSums,
    ) -> Option<(u32, &[Step], Step)> {
        let (person, range) = &self.people[place];
        let steps = &self.steps[range.start as usize..range.end as usize];
        let history = &steps[..steps.partition_point(|s| s.day <= day)];
        let last = *history.last()?;
        let standing = if rescore { reviewed(&self.criteria, history, last, day, sums) } else { last };
        Some((*person, history, standing))
    }

    /// The day the level of `standing` (given by [`as_of`](Self::as_of) at `day` with `history`)
    /// was reached: the first incident of the last run of incidents at that level; or, when the
    /// score read again at `day` gives another level than the last incident did, the first day
    /// after that incident on which it does (with no new incident the score only falls as
    /// incidents age, so those days are searched by halves).
    pub fn level_since(&self, history: &[Step], standing: &Step, day: Day) -> Day {
        let Some(&last) = history.last() else { return day };
        let level = standing.observation.level;
        if level != last.observation.level {
            let mut sums = ScoreSums::default();
            let (mut low, mut high) = (last.day + 1, day.max(last.day + 1));
            while low < high {
                let mid = low + (high - low) / 2;
                if reviewed(&self.criteria, history, last, mid, &mut sums).observation.level == level {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }
        let run = history.iter().rev().take_while(|s| s.observation.level == level).count();
        history[history.len() - run].day
    }

    /// People at each level (D, C, B, A) as of a day.
    pub fn distribution(&self, day: Day) -> [usize; 4] {
        let mut counts = [0; 4];
        for (_, _, step) in self.as_of(day) {
            if let Some(level) = step.observation.level {
                counts[level.index()] += 1;
            }
        }
        counts
    }

    /// The last day with an incident.
    pub fn last_day(&self) -> Option<Day> {
        self.last
    }
}

/// The last step of `history` with the score taken at `review` and the rules applied again
/// (a sticky level still does not fall below the level at the last incident).
fn reviewed(criteria: &Criteria, history: &[Step], last: Step, review: Day, sums: &mut ScoreSums) -> Step {
    let mut features = last.observation.features;
    let newest_first = history.iter().rev().map(|s| (s.day, s.flags, s.victim));
    features.score = score_at(&criteria.score, criteria.lookback_days, review, newest_first, sums);
    let rule = features.first_rule(criteria);
    let rule_level = rule.map(|(l, _)| l);
    let level = if criteria.sticky { last.observation.level.max(rule_level) } else { rule_level };
    Step { observation: Observation { level, rule, features }, ..last }
}
