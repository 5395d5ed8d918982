//! Every person's level history, by one walk over the data set that can be taken in steps:
//! [`Classifier`] classifies a few persons at a time (the web page spreads them over short
//! slices so that it never freezes, `docs/architecture.md`), and [`classify`] runs it to the end
//! at once. Both are the same walk. After a criteria edit that keeps the lookback (and the score
//! weights, when the score is read), [`Classifier::reusing`] takes each incident's window counts
//! from the previous classification instead of counting them again: the same result, quicker.

use super::criteria::Criteria;
use super::engine::{Notice, NotificationMode, PersonWalk, Step};
use super::features::{uses_score, Features};
use super::report::{Standing, StandingsAt};
use crate::model::{Dataset, Day, Flags, Level, Role, NO_ID};
use std::iter::Peekable;
use std::ops::Range;

/// Every person's level history.
#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    /// The criteria the levels come from.
    pub criteria: Criteria,
    pub mode: NotificationMode,
    /// In person and date order.
    pub steps: Vec<Step>,
    /// Each classified person and the range of their steps.
    pub people: Vec<(u32, Range<u32>)>,
    pub notifications: Vec<Notice>,
    /// The last day with an incident ([`last_day`](Classification::last_day)), counted before
    /// the walk: pages read it on each edit, and a million steps are slow to search.
    pub(super) last: Option<Day>,
}

/// Offender notifications of the data set, sorted by person and day.
fn recorded_notifications(data: &Dataset) -> Vec<Notice> {
    let Some(n) = &data.notifications else { return Vec::new() };
    let mut list: Vec<Notice> = (0..n.len())
        .filter(|&i| n.role[i] == Role::Offender && n.person[i] != NO_ID)
        .map(|i| Notice { person: n.person[i], day: n.day[i], level: n.level[i] })
        .collect();
    list.sort_by_key(|x| (x.person, x.day, x.level));
    list
}

/// Classifies every person with IPV incidents. `Recorded` uses the notifications extract
/// (none if there is none); `Simulated` notifies at each rise in level.
pub fn classify(data: &Dataset, criteria: &Criteria, mode: NotificationMode) -> Classification {
    Classifier::new(data, criteria, mode).finish()
}

/// A classification under way: the persons classified so far and where the walk stands.
pub struct Classifier<'a> {
    data: &'a Dataset,
    criteria: &'a Criteria,
    walk: PersonWalk<'a>,
    /// The recorded notifications to use, by person and day (none when simulated).
    recorded: Vec<Notice>,
    /// The persons not yet classified: each with the rows of their incidents.
    runs: Peekable<Box<dyn Iterator<Item = (u32, Range<usize>)> + 'a>>,
    /// The IPV incidents of persons (those the walk classifies).
    ipv_incidents: usize,
    /// The steps of a classification of the same data whose window counts serve these criteria
    /// ([`Classification::counts_serve`]), one per step of this one, in the same order.
    counted: Option<&'a [Step]>,
    /// Whether these criteria read the score (else a counted step's score is 0, as a walk's).
    scores: bool,
    /// The standings at a date read as each person is classified, if asked for.
    standings: Option<(StandingsAt, Vec<Standing>)>,
    /// The people of the previous classification reused (to make room for the standings).
    previous_people: usize,
    out: Classification,
}

impl Classification {
    /// Whether the window counts of this classification's steps (the count features, the days
    /// since the previous incident and the score) are those `criteria` would count: the counts
    /// depend only on the lookback, the score only on the lookback and the score weights.
    pub fn counts_serve(&self, criteria: &Criteria) -> bool {
        let score_kept = !uses_score(criteria) || (uses_score(&self.criteria) && self.criteria.score == criteria.score);
        self.criteria.lookback_days == criteria.lookback_days && score_kept
    }
}

impl<'a> Classifier<'a> {
    /// Starts a classification of every person with IPV incidents; nobody is classified yet.
    pub fn new(data: &'a Dataset, criteria: &'a Criteria, mode: NotificationMode) -> Classifier<'a> {
        let inc = &data.incidents;
        let (mut ipv_incidents, mut last_day) = (0, None);
        for ((flags, &suspect), &day) in inc.flags.iter().zip(&inc.suspect).zip(&inc.day) {
            if flags.has(Flags::IPV) && suspect != NO_ID {
                ipv_incidents += 1;
                last_day = last_day.max(Some(day));
            }
        }
        Classifier::counted_out(data, criteria, mode, ipv_incidents, last_day)
    }

    /// [`new`](Self::new) with the IPV incidents of persons and the last day of one known.
    fn counted_out(
        data: &'a Dataset,
        criteria: &'a Criteria,
        mode: NotificationMode,
        ipv_incidents: usize,
        last_day: Option<Day>,
    ) -> Classifier<'a> {
        let recorded = if mode == NotificationMode::Recorded { recorded_notifications(data) } else { Vec::new() };
        let runs: Box<dyn Iterator<Item = (u32, Range<usize>)> + 'a> = Box::new(data.incidents.person_runs());
        Classifier {
            data,
            criteria,
            walk: PersonWalk::new(criteria),
            recorded,
            runs: runs.peekable(),
            ipv_incidents,
            counted: None,
            scores: uses_score(criteria),
            standings: None,
            previous_people: 0,
            out: Classification {
                criteria: criteria.clone(),
                mode,
                steps: Vec::with_capacity(ipv_incidents),
                people: Vec::new(),
                notifications: Vec::new(),
                last: last_day,
            },
        }
    }

    /// [`new`](Self::new), with the window counts of each incident taken from `previous`, a
    /// classification of the same data set, when they serve `criteria` (a walk without the
    /// windows: only notifications, rules, stickiness and levels are applied again); else a
    /// whole walk. Either way the result is exactly what [`classify`] gives. The incidents
    /// walked are those of `previous` (the same data set: the same steps, whatever the
    /// criteria), so they are not counted again.
    pub fn reusing(
        data: &'a Dataset,
        criteria: &'a Criteria,
        mode: NotificationMode,
        previous: &'a Classification,
    ) -> Classifier<'a> {
        let mut classifier = Classifier::counted_out(data, criteria, mode, previous.steps.len(), previous.last);
        if previous.counts_serve(criteria) {
            classifier.counted = Some(&previous.steps);
        }
        classifier.previous_people = previous.people.len();
        classifier
    }

    /// Reads each person's standing at `day` as they are classified, while their steps are at
    /// hand: [`finish_with_standings`](Self::finish_with_standings) gives what
    /// [`standings`](super::report::standings) would give at that day, without a second walk.
    pub fn reading_standings_at(mut self, day: Day) -> Classifier<'a> {
        self.standings = Some((StandingsAt::new(self.criteria, day), Vec::with_capacity(self.previous_people)));
        self
    }

    /// Classifies whoever is left and gives the classification, with the standings at the day
    /// asked for ([`reading_standings_at`](Self::reading_standings_at)), if asked.
    pub fn finish_with_standings(mut self) -> (Classification, Option<Vec<Standing>>) {
        while !self.step(usize::MAX) {}
        (self.out, self.standings.map(|(_, list)| list))
    }

    /// The last day with an incident, as the finished classification's
    /// [`last_day`](Classification::last_day) will say (known before the walk).
    pub fn last_day(&self) -> Option<Day> {
        self.out.last
    }

    /// Whether the window counts are taken from a previous classification.
    pub fn reuses_counts(&self) -> bool {
        self.counted.is_some()
    }

    /// Classifies whole persons, at least one if any is left, until about `budget` incidents
    /// (rows of the incidents table, IPV or not: the work done) were walked. Returns whether
    /// everyone is classified.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut walked = 0;
        while let Some((person, run)) = self.runs.next() {
            walked += run.len();
            self.classify_person(person, run);
            if walked >= budget {
                break;
            }
        }
        self.is_done()
    }

    pub fn is_done(&mut self) -> bool {
        self.runs.peek().is_none()
    }

    /// The share of the IPV incidents classified so far, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.ipv_incidents == 0 {
            return 1.0;
        }
        self.out.steps.len() as f64 / self.ipv_incidents as f64
    }

    /// Classifies whoever is left and gives the classification.
    pub fn finish(self) -> Classification {
        self.finish_with_standings().0
    }

    /// One person's incidents in date order, with their notifications: recorded ones join the
    /// walk before the first incident dated after them; simulated ones follow each rise in level.
    fn classify_person(&mut self, person: u32, run: Range<usize>) {
        let from = self.recorded.partition_point(|x| x.person < person);
        let to = self.recorded.partition_point(|x| x.person <= person);
        self.walk.restart();
        let first = self.out.steps.len();
        match self.counted {
            // The person's steps in the previous classification: its incidents, with their counts.
            Some(counted) => {
                let scores = self.scores;
                let known = counted[first..].iter().take_while(|s| (s.row as usize) < run.end).map(|s| {
                    let f = s.observation.features;
                    let score = if scores { f.score } else { 0.0 };
                    (s.row, s.day, s.flags, s.victim, Some(Features { score, ..f }))
                });
                self.walk_incidents(person, from..to, known);
            }
            None => {
                let inc = &self.data.incidents;
                let ipv = run.filter(|&i| inc.flags[i].has(Flags::IPV));
                self.walk_incidents(
                    person,
                    from..to,
                    ipv.map(|i| (i as u32, inc.day[i], inc.flags[i], inc.victim[i], None)),
                );
            }
        }
        let out = &mut self.out;
        let last = out.steps.len();
        if last > first {
            out.people.push((person, first as u32..last as u32));
            if let Some((reader, list)) = &mut self.standings {
                list.extend(reader.standing(out, out.people.len() - 1));
            }
        }
    }

    /// The person's incidents (row, day, flags, victim, and the window counts when known) with
    /// their recorded notifications (at `recorded` in `self.recorded`).
    fn walk_incidents(
        &mut self,
        person: u32,
        recorded: Range<usize>,
        incidents: impl Iterator<Item = (u32, Day, Flags, u32, Option<Features>)>,
    ) {
        let (criteria, mode, out) = (self.criteria, self.out.mode, &mut self.out);
        let mut pending = self.recorded[recorded].iter().peekable();
        let mut spell_level: Option<Level> = None;
        for (row, day, flags, victim, counted) in incidents {
            if self.walk.lapses_at(day) {
                spell_level = None;
            }
            // Recorded notifications dated before this incident join the walk now; if this
            // incident starts a new spell, `observe` then clears them with the old spell.
            while let Some(n) = pending.next_if(|n| n.day < day) {
                self.walk.notified(n.day, n.level);
                out.notifications.push(*n);
            }
            let observation = match counted {
                Some(counted) => self.walk.observe_counted(day, counted),
                None => self.walk.observe(day, flags, victim),
            };
            if mode == NotificationMode::Simulated && observation.level > spell_level {
                let level = observation.level.expect("a rise is to a level");
                let when = day + criteria.notification_delay_days;
                self.walk.notified(when, level);
                out.notifications.push(Notice { person, day: when, level });
            }
            spell_level = spell_level.max(observation.level);
            if !criteria.sticky {
                spell_level = observation.level;
            }
            out.steps.push(Step { row, day, flags, victim, observation });
        }
        out.notifications.extend(pending.copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::report::{standings, standings_among};
    use crate::synth::{generate, DemoParams};

    /// The classification taken in steps of `budget` incidents, checking that progress only
    /// grows and ends at 1.
    fn stepped(data: &Dataset, criteria: &Criteria, mode: NotificationMode, budget: usize) -> Classification {
        let mut classifier = Classifier::new(data, criteria, mode);
        let (mut steps, mut progress) = (0, classifier.progress());
        while !classifier.step(budget) {
            assert!(classifier.progress() >= progress, "progress never goes back");
            progress = classifier.progress();
            steps += 1;
        }
        assert_eq!(classifier.progress(), 1.0);
        if budget == 1 {
            assert!(steps > 100, "one person per step: {steps} steps");
        }
        classifier.finish()
    }

    #[test]
    fn stepping_gives_exactly_the_classification_of_one_walk() {
        let data = generate(&DemoParams { people: 400, seed: 11, ..DemoParams::default() }).unwrap();
        assert!(NotificationMode::available(&data), "the demo has recorded notifications");
        for criteria in [Criteria::ipvi_default(), Criteria::rfgv()] {
            for mode in [NotificationMode::Recorded, NotificationMode::Simulated] {
                let whole = classify(&data, &criteria, mode);
                assert!(!whole.people.is_empty() && !whole.notifications.is_empty());
                for budget in [1, 7, 1000, usize::MAX] {
                    let parts = stepped(&data, &criteria, mode, budget);
                    let what = format!("{} {mode:?} in steps of {budget}", criteria.name);
                    assert_eq!(parts.steps, whole.steps, "{what}: steps");
                    assert_eq!(parts.people, whole.people, "{what}: people");
                    assert_eq!(parts.notifications, whole.notifications, "{what}: notifications");
                    assert_eq!(parts.last_day(), whole.steps.iter().map(|s| s.day).max(), "{what}: last day");
                    assert!(parts == whole, "{what}: the same criteria and mode");
                }
            }
        }
    }

    #[test]
    fn an_unfinished_classification_finishes_the_walk() {
        let data = generate(&DemoParams { people: 200, seed: 5, ..DemoParams::default() }).unwrap();
        let criteria = Criteria::ipvi_default();
        let mut classifier = Classifier::new(&data, &criteria, NotificationMode::Recorded);
        assert_eq!(classifier.progress(), 0.0);
        assert!(!classifier.step(50));
        let part = classifier.progress();
        assert!(part > 0.0 && part < 1.0, "part way: {part}");
        assert!(classifier.finish() == classify(&data, &criteria, NotificationMode::Recorded));
    }

    #[test]
    fn standings_read_in_parts_are_the_standings() {
        let data = generate(&DemoParams { people: 300, seed: 3, ..DemoParams::default() }).unwrap();
        for criteria in [Criteria::ipvi_default(), Criteria::rfgv()] {
            let c = classify(&data, &criteria, NotificationMode::Recorded);
            let day = c.last_day().unwrap() - 400;
            let whole = standings(&c, day);
            assert!(!whole.is_empty() && whole.len() < c.people.len(), "some people start after the day");
            let mut parts = Vec::new();
            for start in (0..c.people.len()).step_by(7) {
                parts.extend(standings_among(&c, day, start..(start + 7).min(c.people.len())));
            }
            assert_eq!(parts, whole, "{}", criteria.name);
        }
    }

    #[test]
    fn no_incidents_is_done_at_once() {
        let data = Dataset::default();
        let criteria = Criteria::ipvi_default();
        let mut classifier = Classifier::new(&data, &criteria, NotificationMode::Simulated);
        assert!(classifier.is_done());
        assert_eq!(classifier.progress(), 1.0);
        assert!(classifier.step(1));
        let nothing = classifier.finish();
        assert!(nothing.steps.is_empty() && nothing.last_day().is_none());
    }
}
