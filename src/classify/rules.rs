//! The criteria's rules laid out for the walk, which applies them at each of up to a million
//! incidents: every group of conditions in priority order in one list, each condition reading a
//! feature by its place among [`Feature::ALL`] in the features measured once per incident.
//! The first group that holds is the one [`Features::first_rule`] finds.

use super::criteria::{Compare, Criteria, Feature};
use super::features::Features;
use crate::model::Level;

/// One condition: the place of its feature in [`Feature::ALL`], whether the value must be at
/// least (else at most) the threshold, and the threshold.
#[derive(Clone, Copy, Debug)]
struct Test {
    feature: usize,
    at_least: bool,
    value: f64,
}

/// The rules of a set of criteria, as [`Features::first_rule`] reads them.
#[derive(Clone, Debug, Default)]
pub struct RuleTable {
    /// Every group in priority order: its rule's level, its place in the rule and the range of
    /// its conditions in `tests`.
    groups: Vec<(Level, u8, usize, usize)>,
    tests: Vec<Test>,
}

impl RuleTable {
    pub fn new(criteria: &Criteria) -> RuleTable {
        let mut table = RuleTable::default();
        for rule in &criteria.rules {
            for (g, group) in rule.any_of.iter().enumerate() {
                let start = table.tests.len();
                table.tests.extend(group.iter().map(|c| Test {
                    feature: Feature::ALL.iter().position(|&f| f == c.feature).expect("every feature is listed"),
                    at_least: c.compare == Compare::AtLeast,
                    value: c.value,
                }));
                table.groups.push((rule.level, g as u8, start, table.tests.len()));
            }
        }
        table
    }

    /// [`Features::first_rule`] of the criteria the table was made from.
    pub fn first_rule(&self, features: &Features) -> Option<(Level, u8)> {
        let measured = features.values();
        let holds = |t: &Test| {
            let v = measured[t.feature];
            if t.at_least {
                v >= t.value
            } else {
                v <= t.value
            }
        };
        self.groups
            .iter()
            .find(|&&(_, _, start, end)| self.tests[start..end].iter().all(holds))
            .map(|&(l, g, _, _)| (l, g))
    }
}

impl Features {
    /// The value of each feature of [`Feature::ALL`], in that order ([`Features::value`]).
    pub fn values(&self) -> [f64; 15] {
        let notified = |level| f64::from(u8::from(self.notified >= Some(level)));
        [
            f64::from(self.incidents),
            f64::from(self.charges),
            f64::from(self.felony_charges),
            f64::from(self.weapon),
            f64::from(self.strangulation),
            f64::from(self.injury),
            f64::from(self.po_violations),
            f64::from(self.victims),
            self.days_since_last.map_or(f64::INFINITY, f64::from),
            f64::from(u8::from(self.charged_now)),
            notified(Level::D),
            notified(Level::C),
            notified(Level::B),
            notified(Level::A),
            self.score,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn features() -> impl Strategy<Value = Features> {
        let n = || 0..5u32;
        let level = prop_oneof![
            Just(None),
            Just(Some(Level::D)),
            Just(Some(Level::C)),
            Just(Some(Level::B)),
            Just(Some(Level::A))
        ];
        ((n(), n(), n(), n(), n(), n(), n(), n()), proptest::option::of(0..2000i32), any::<bool>(), level, 0.0..60.0f64)
            .prop_map(
                |(
                    (incidents, charges, felony_charges, weapon, strangulation, injury, po_violations, victims),
                    days,
                    charged_now,
                    notified,
                    score,
                )| {
                    Features {
                        incidents,
                        charges,
                        felony_charges,
                        weapon,
                        strangulation,
                        injury,
                        po_violations,
                        victims,
                        days_since_last: days,
                        charged_now,
                        notified,
                        score,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn the_table_finds_the_rule_the_criteria_give(
            f in features(),
            rfgv in any::<bool>(),
            thresholds in proptest::collection::vec((0..16usize, 0..16usize, 0..16usize, 0.0..45.0f64, any::<bool>()), 0..4),
            extra in proptest::collection::vec((0..16usize, 0..16usize, 0..Feature::ALL.len(), 0.0..6.0f64), 0..3),
        ) {
            let mut criteria = if rfgv { Criteria::rfgv() } else { Criteria::ipvi_default() };
            let rules = criteria.rules.len();
            for (r, g, c, value, flip) in thresholds {
                let rule = &mut criteria.rules[r % rules];
                let groups = rule.any_of.len();
                let group = &mut rule.any_of[g % groups];
                let n = group.len();
                let cond = &mut group[c % n];
                cond.value = value.round();
                if flip {
                    cond.compare = if cond.compare == Compare::AtLeast { Compare::AtMost } else { Compare::AtLeast };
                }
            }
            for (r, g, feature, value) in extra {
                let rule = &mut criteria.rules[r % rules];
                let groups = rule.any_of.len();
                rule.any_of[g % groups].push(super::super::criteria::Condition::at_least(Feature::ALL[feature], value.round()));
            }
            prop_assert_eq!(RuleTable::new(&criteria).first_rule(&f), f.first_rule(&criteria));
        }

        #[test]
        fn values_are_the_features_values(f in features()) {
            let values = f.values();
            for (i, feature) in Feature::ALL.into_iter().enumerate() {
                prop_assert_eq!(values[i].to_bits(), f.value(feature).to_bits(), "{:?}", feature);
            }
        }
    }

    #[test]
    fn an_empty_group_holds_and_no_rule_gives_none() {
        let mut criteria = Criteria::ipvi_default();
        let f = Features::default();
        assert_eq!(RuleTable::new(&criteria).first_rule(&f), None, "no incident in the window: no rule holds");
        criteria.rules[2].any_of.push(Vec::new());
        assert_eq!(RuleTable::new(&criteria).first_rule(&f), Some((Level::C, 1)));
        assert_eq!(f.first_rule(&criteria), Some((Level::C, 1)));
    }
}
