//! Why a person has their level, in words: the rule and group that held, with the measured
//! values ("B: 2 charges within 5 years").

use super::criteria::{window_words, Compare, Criteria, Feature};
use super::engine::Step;
use super::features::Features;

/// Why a step has its level, in words: "B: 2 charges within 5 years".
pub fn reason(step: &Step, criteria: &Criteria) -> String {
    let o = &step.observation;
    let Some(level) = o.level else { return "no rule holds".into() };
    let rule_words = o.rule.map(|(rule_level, group)| {
        let rule = criteria.rules.iter().find(|r| r.level == rule_level).expect("the rule exists");
        let window = window_words(criteria.lookback_days);
        let parts: Vec<String> = rule.any_of[group as usize]
            .iter()
            .map(|cond| condition_words(cond.feature, cond.compare, &o.features, &window, criteria))
            .collect();
        (rule_level, parts.join(" and "))
    });
    match rule_words {
        Some((rule_level, words)) if rule_level == level => format!("{}: {words}", level.letter()),
        Some((rule_level, words)) => format!(
            "{}: kept from an earlier incident (levels do not fall while active); now {}: {words}",
            level.letter(),
            rule_level.letter()
        ),
        None => format!("{}: kept from an earlier incident (levels do not fall while active)", level.letter()),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn condition_words(feature: Feature, compare: Compare, f: &Features, window: &str, criteria: &Criteria) -> String {
    let within = |text: String| format!("{text} within {window}");
    match feature {
        Feature::Incidents => within(plural(f.incidents, "incident", "incidents")),
        Feature::Charges => within(plural(f.charges, "charge", "charges")),
        Feature::FelonyCharges => within(plural(f.felony_charges, "felony charge", "felony charges")),
        Feature::Weapon => within(plural(f.weapon, "incident with a weapon", "incidents with a weapon")),
        Feature::Strangulation => {
            within(plural(f.strangulation, "incident with strangulation", "incidents with strangulation"))
        }
        Feature::Injury => within(plural(f.injury, "incident with an injury", "incidents with an injury")),
        Feature::ProtectiveOrderViolations => {
            within(plural(f.po_violations, "protective-order violation", "protective-order violations"))
        }
        Feature::Victims => within(plural(f.victims, "victim", "distinct victims")),
        Feature::DaysSinceLast => match f.days_since_last {
            Some(days) => format!("{days} days since the previous incident"),
            None => "no previous incident".into(),
        },
        Feature::ChargedNow if compare == Compare::AtMost => "not charged this time".into(),
        Feature::ChargedNow => "charged".into(),
        Feature::NotifiedBefore(level) => match f.notified {
            Some(n) if n >= level => format!("after a notification at {}", n.letter()),
            _ => format!("no notification at {} or above before", level.letter()),
        },
        Feature::Score => format!("priority score {:.1} over {}", f.score, window_words(criteria.score.window_days)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::engine::{Observation, PersonWalk};
    use crate::model::{Flags, NO_ID};

    const CHARGE: Flags = Flags::CHARGED;
    const NONE: Flags = Flags(0);

    #[test]
    fn reasons_say_why_in_words() {
        let criteria = Criteria::ipvi_default();
        let mut walk = PersonWalk::new(&criteria);
        let step = |o: Observation, day| Step { row: 0, day, flags: Flags(0), victim: NO_ID, observation: o };
        let first = walk.observe(0, CHARGE, 1);
        assert_eq!(reason(&step(first, 0), &criteria), "C: 1 charge within 5 years");
        let second = walk.observe(5, CHARGE, 1);
        assert_eq!(reason(&step(second, 5), &criteria), "B: 2 charges within 5 years");
        let third = walk.observe(1900, NONE, 1);
        assert_eq!(reason(&step(third, 1900), &criteria), "D: 1 incident within 5 years");
        let mut walk = PersonWalk::new(&criteria);
        walk.observe(0, CHARGE, 1);
        walk.observe(1, CHARGE, 1);
        walk.observe(1000, NONE, 1);
        let kept = walk.observe(1900, NONE, 1);
        assert_eq!(
            reason(&step(kept, 1900), &criteria),
            "B: kept from an earlier incident (levels do not fall while active); now D: 2 incidents within 5 years"
        );
    }
}
