//! A classification that reuses the window counts of a previous one ([`Classifier::reusing`])
//! is exactly the classification of a whole walk, whatever the criteria edit: checked over
//! random edits of both presets on a demo data set, stepped in budgets too. So are the standings
//! read as the classification goes.

use super::criteria::{Compare, Condition, Criteria, Feature};
use super::engine::{classify, Classification, Classifier, NotificationMode};
use super::report::standings;
use crate::model::Dataset;
use crate::synth::{generate, DemoParams};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| generate(&DemoParams { people: 300, seed: 17, ..DemoParams::default() }).unwrap())
}

/// One edit a user can make on the Classify page.
#[derive(Clone, Debug)]
enum Edit {
    /// A condition's threshold (rule, group, condition, as shares of their number) to a value.
    Threshold(usize, usize, usize, f64),
    FlipCompare(usize, usize, usize),
    AddCondition(usize, usize, usize, f64),
    DropGroup(usize, usize),
    /// A condition's feature (rule, group, condition) to another one.
    Feature(usize, usize, usize, usize),
    /// Every score condition to one on charges: the score is no longer read.
    NoScore,
    Sticky,
    Delay(i32),
    Mode,
    Lookback(i32),
    /// A score weight (by index) to a value, or the score window.
    Weight(usize, f64),
    ScoreWindow(i32),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = || 0..16usize;
    prop_oneof![
        4 => (at(), at(), at(), 0.0..45.0f64).prop_map(|(r, g, c, v)| Edit::Threshold(r, g, c, v.round())),
        1 => (at(), at(), at()).prop_map(|(r, g, c)| Edit::FlipCompare(r, g, c)),
        1 => (at(), at(), 0..Feature::ALL.len(), 0.0..30.0f64).prop_map(|(r, g, f, v)| Edit::AddCondition(r, g, f, v.round())),
        1 => (at(), at()).prop_map(|(r, g)| Edit::DropGroup(r, g)),
        1 => (at(), at(), at(), 0..Feature::ALL.len()).prop_map(|(r, g, c, f)| Edit::Feature(r, g, c, f)),
        1 => Just(Edit::NoScore),
        1 => Just(Edit::Sticky),
        1 => (0..60i32).prop_map(Edit::Delay),
        1 => Just(Edit::Mode),
        1 => prop_oneof![Just(365), Just(730), Just(1826)].prop_map(Edit::Lookback),
        1 => (0..6usize, 0.0..12.0f64).prop_map(|(i, v)| Edit::Weight(i, v)),
        1 => prop_oneof![Just(365), Just(730)].prop_map(Edit::ScoreWindow),
    ]
}

/// A group of conditions picked by shares of the numbers of rules and groups (none if the
/// rule has none).
fn group(criteria: &mut Criteria, r: usize, g: usize) -> Option<&mut Vec<Condition>> {
    let rules = criteria.rules.len();
    let rule = &mut criteria.rules[r % rules];
    let groups = rule.any_of.len();
    (groups > 0).then(move || &mut rule.any_of[g % groups])
}

fn apply(edit: &Edit, criteria: &mut Criteria, mode: &mut NotificationMode) {
    let rules = criteria.rules.len();
    match *edit {
        Edit::Threshold(r, g, c, v) => {
            if let Some(group) = group(criteria, r, g).filter(|x| !x.is_empty()) {
                let n = group.len();
                group[c % n].value = v;
            }
        }
        Edit::FlipCompare(r, g, c) => {
            if let Some(group) = group(criteria, r, g).filter(|x| !x.is_empty()) {
                let n = group.len();
                let cond = &mut group[c % n];
                cond.compare = if cond.compare == Compare::AtLeast { Compare::AtMost } else { Compare::AtLeast };
            }
        }
        Edit::AddCondition(r, g, f, v) => {
            if let Some(group) = group(criteria, r, g) {
                group.push(Condition::at_least(Feature::ALL[f], v));
            }
        }
        Edit::Feature(r, g, c, f) => {
            if let Some(group) = group(criteria, r, g).filter(|x| !x.is_empty()) {
                let n = group.len();
                group[c % n].feature = Feature::ALL[f];
            }
        }
        Edit::NoScore => {
            for cond in criteria.rules.iter_mut().flat_map(|r| r.any_of.iter_mut().flatten()) {
                if cond.feature == Feature::Score {
                    *cond = Condition::at_least(Feature::Charges, (cond.value / 10.0).round());
                }
            }
        }
        Edit::DropGroup(r, g) => {
            let rule = &mut criteria.rules[r % rules];
            if rule.any_of.len() > 1 {
                let n = rule.any_of.len();
                rule.any_of.remove(g % n);
            }
        }
        Edit::Sticky => criteria.sticky = !criteria.sticky,
        Edit::Delay(days) => criteria.notification_delay_days = days,
        Edit::Mode => {
            *mode = match mode {
                NotificationMode::Recorded => NotificationMode::Simulated,
                NotificationMode::Simulated => NotificationMode::Recorded,
            }
        }
        Edit::Lookback(days) => criteria.lookback_days = days,
        Edit::Weight(i, v) => {
            let w = &mut criteria.score;
            let weights =
                [&mut w.weapon, &mut w.strangulation_or_injury, &mut w.charged, &mut w.other, &mut w.victim_factor];
            match weights.into_iter().nth(i) {
                Some(weight) => *weight = v,
                None => w.recency_max = v,
            }
        }
        Edit::ScoreWindow(days) => criteria.score.window_days = days,
    }
}

/// The classification reusing `previous`, stepped by `budget`; checks that the counts are
/// reused exactly when they serve.
fn reclassify(previous: &Classification, criteria: &Criteria, mode: NotificationMode, budget: usize) -> Classification {
    let mut classifier = Classifier::reusing(data(), criteria, mode, previous);
    assert_eq!(classifier.reuses_counts(), previous.counts_serve(criteria));
    while !classifier.step(budget) {}
    classifier.finish()
}

fn same(got: &Classification, want: &Classification, what: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.steps.len(), want.steps.len(), "{}: steps", what);
    if let Some(i) = (0..got.steps.len()).find(|&i| got.steps[i] != want.steps[i]) {
        prop_assert_eq!(got.steps[i], want.steps[i], "{}: step {}", what, i);
    }
    prop_assert_eq!(&got.notifications, &want.notifications, "{}: notifications", what);
    prop_assert_eq!(got.last_day(), got.steps.iter().map(|s| s.day).max(), "{}: the last day", what);
    prop_assert!(got == want, "{}: the whole classification", what);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_reclassification_is_exactly_a_whole_walk(
        rfgv in any::<bool>(),
        simulated in any::<bool>(),
        first in proptest::collection::vec(edit(), 0..3),
        second in proptest::collection::vec(edit(), 1..4),
        budget in prop_oneof![Just(1usize), Just(500), Just(usize::MAX)],
    ) {
        let mut criteria = if rfgv { Criteria::rfgv() } else { Criteria::ipvi_default() };
        let mut mode = if simulated { NotificationMode::Simulated } else { NotificationMode::Recorded };
        for e in &first {
            apply(e, &mut criteria, &mut mode);
        }
        let previous = classify(data(), &criteria, mode);
        for e in &second {
            apply(e, &mut criteria, &mut mode);
        }
        let reused = reclassify(&previous, &criteria, mode, budget);
        same(&reused, &classify(data(), &criteria, mode), "after the edits")?;
        // A third edit from a classification that itself reused counts.
        let mut again = criteria.clone();
        apply(&Edit::Threshold(2, 0, 0, 2.0), &mut again, &mut mode);
        same(&reclassify(&reused, &again, mode, budget), &classify(data(), &again, mode), "edited again")?;
    }
}

#[test]
fn standings_read_while_classifying_are_the_standings() {
    for criteria in [Criteria::ipvi_default(), Criteria::rfgv()] {
        let mode = NotificationMode::Recorded;
        let whole = classify(data(), &criteria, mode);
        let last = whole.last_day().expect("incidents");
        for day in [last - 700, last, last + 200] {
            let want = standings(&whole, day);
            assert!(!want.is_empty());
            for budget in [1, usize::MAX] {
                let classifier = Classifier::reusing(data(), &criteria, mode, &whole);
                assert_eq!(classifier.last_day(), Some(last), "known before the walk");
                let mut classifier = classifier.reading_standings_at(day);
                while !classifier.step(budget) {}
                let (c, got) = classifier.finish_with_standings();
                assert!(c == whole, "{}", criteria.name);
                assert_eq!(got.expect("asked for"), want, "{} at {day}", criteria.name);
            }
        }
        let (_, none) = Classifier::new(data(), &criteria, mode).finish_with_standings();
        assert!(none.is_none(), "not asked for");
    }
}

#[test]
fn counts_serve_edits_that_keep_the_lookback_and_the_score() {
    let default = classify(data(), &Criteria::ipvi_default(), NotificationMode::Recorded);
    let mut edited = Criteria::ipvi_default();
    edited.rules[1].any_of[0][0].value = 3.0;
    edited.sticky = false;
    edited.notification_delay_days = 30;
    assert!(default.counts_serve(&edited), "thresholds, stickiness and delay");
    edited.lookback_days = 730;
    assert!(!default.counts_serve(&edited), "another lookback");
    let mut scored = Criteria::ipvi_default();
    scored.rules[0].any_of.push(vec![Condition::at_least(Feature::Score, 30.0)]);
    assert!(!default.counts_serve(&scored), "the score was not computed");

    let rfgv = classify(data(), &Criteria::rfgv(), NotificationMode::Simulated);
    let mut bands = Criteria::rfgv();
    bands.rules[0].any_of[0][0].value = 35.0;
    assert!(rfgv.counts_serve(&bands), "a band's threshold");
    bands.score.weapon = 12.0;
    assert!(!rfgv.counts_serve(&bands), "another weight");
    let mut unscored = Criteria::rfgv();
    unscored.rules.truncate(3);
    unscored.rules[0].any_of = vec![vec![Condition::at_least(Feature::Charges, 2.0)]];
    unscored.rules[1].any_of = vec![vec![Condition::at_least(Feature::Incidents, 2.0)]];
    unscored.rules[2].any_of = vec![vec![Condition::at_least(Feature::Incidents, 1.0)]];
    unscored.score.weapon = 3.0;
    assert!(rfgv.counts_serve(&unscored), "the score no longer read");
}
