//! Classification criteria as data: levels in priority order, each an any-of list of all-of
//! conditions over per-person features within a lookback window. Presets ship in the binary;
//! users edit, import and export them as JSON files.

use crate::model::Level;
use serde::{Deserialize, Serialize};

/// The version of the criteria file format; files of another version are refused with a message.
pub const SCHEMA_VERSION: u32 = 1;

/// What a condition measures at an incident, over the person's incidents in the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Feature {
    /// Incidents (as suspect) within the lookback window, this one included.
    Incidents,
    /// Incidents with a charge (or an arrest where the extract has no charge field).
    Charges,
    /// Charged incidents marked felony.
    FelonyCharges,
    /// Incidents flagged with a weapon, charged or not.
    Weapon,
    Strangulation,
    Injury,
    ProtectiveOrderViolations,
    /// Distinct victims.
    Victims,
    /// Days since the person's previous incident (no previous incident: very large).
    DaysSinceLast,
    /// 1 when this incident is charged.
    ChargedNow,
    /// 1 when a notification at this level or above is dated strictly before this incident.
    NotifiedBefore(Level),
    /// The RFGV priority score (see [`ScoreWeights`]).
    Score,
}

impl Feature {
    pub const ALL: [Feature; 15] = [
        Feature::Incidents,
        Feature::Charges,
        Feature::FelonyCharges,
        Feature::Weapon,
        Feature::Strangulation,
        Feature::Injury,
        Feature::ProtectiveOrderViolations,
        Feature::Victims,
        Feature::DaysSinceLast,
        Feature::ChargedNow,
        Feature::NotifiedBefore(Level::D),
        Feature::NotifiedBefore(Level::C),
        Feature::NotifiedBefore(Level::B),
        Feature::NotifiedBefore(Level::A),
        Feature::Score,
    ];

    /// Words for the criteria editor.
    pub fn label(self) -> String {
        match self {
            Feature::Incidents => "incidents".into(),
            Feature::Charges => "charges".into(),
            Feature::FelonyCharges => "felony charges".into(),
            Feature::Weapon => "incidents with a weapon".into(),
            Feature::Strangulation => "incidents with strangulation".into(),
            Feature::Injury => "incidents with an injury".into(),
            Feature::ProtectiveOrderViolations => "protective-order violations".into(),
            Feature::Victims => "distinct victims".into(),
            Feature::DaysSinceLast => "days since the previous incident".into(),
            Feature::ChargedNow => "this incident charged (1 = yes)".into(),
            Feature::NotifiedBefore(level) => format!("notified at {} or above before (1 = yes)", level.letter()),
            Feature::Score => "RFGV priority score".into(),
        }
    }
}

/// How a feature is compared with the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compare {
    AtLeast,
    AtMost,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub feature: Feature,
    pub compare: Compare,
    pub value: f64,
}

impl Condition {
    pub fn at_least(feature: Feature, value: f64) -> Condition {
        Condition { feature, compare: Compare::AtLeast, value }
    }

    pub fn holds(&self, measured: f64) -> bool {
        match self.compare {
            Compare::AtLeast => measured >= self.value,
            Compare::AtMost => measured <= self.value,
        }
    }

    /// The condition as a phrase: "2 or more charges", "at most 90 days since the previous
    /// incident", "notified at B or above before", "this incident not charged".
    pub fn words(&self) -> String {
        let v = self.value;
        let yes_no = |yes: &str, no: &str| match self.compare {
            Compare::AtLeast if v > 1.0 => format!("{yes} (at least {v}, never true)"),
            Compare::AtLeast if v > 0.0 => yes.to_string(),
            Compare::AtLeast => format!("{yes} or not"),
            Compare::AtMost if v >= 1.0 => format!("{yes} or not"),
            Compare::AtMost if v >= 0.0 => no.to_string(),
            Compare::AtMost => format!("{no} (at most {v}, never true)"),
        };
        match self.feature {
            Feature::ChargedNow => yes_no("this incident charged", "this incident not charged"),
            Feature::NotifiedBefore(l) => {
                let at = format!("notified at {} or above before", l.letter());
                yes_no(&at, &format!("not {at}"))
            }
            Feature::DaysSinceLast => {
                let within = duration_words(v.round() as i32);
                match self.compare {
                    Compare::AtLeast => format!("{within} or more since the previous incident"),
                    Compare::AtMost => format!("the previous incident at most {within} before"),
                }
            }
            Feature::Score => match self.compare {
                Compare::AtLeast => format!("priority score {v} or more"),
                Compare::AtMost => format!("priority score at most {v}"),
            },
            f => match self.compare {
                Compare::AtLeast => format!("{v} or more {}", f.label()),
                Compare::AtMost => format!("at most {v} {}", f.label()),
            },
        }
    }
}

/// A group of conditions as a sentence: "2 or more incidents and 1 or more charges".
pub fn group_words(group: &[Condition]) -> String {
    group.iter().map(Condition::words).collect::<Vec<_>>().join(" and ")
}

/// A number of days as people say it: "5 years", "6 months", "90 days" (years and months as
/// calendars have them, to within a day a year: 1826 days are 5 years).
pub fn duration_words(days: i32) -> String {
    let plural = |n: i32, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    let years = (f64::from(days) / 365.25).round() as i32;
    let months = (f64::from(days) / 30.4375).round() as i32;
    if years >= 1 && (f64::from(days) - f64::from(years) * 365.25).abs() <= f64::from(years).max(1.0) {
        plural(years, "year")
    } else if (1..12).contains(&months) && (f64::from(days) - f64::from(months) * 30.4375).abs() <= 1.5 {
        plural(months, "month")
    } else {
        plural(days, "day")
    }
}

/// A level and when it applies: any one of the groups, each group all of its conditions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub level: Level,
    pub any_of: Vec<Vec<Condition>>,
}

/// The RFGV priority score (MATAC-style; the formula is ours, `docs/methods.md`, "RFGV priority
/// score"), over a window of `window_days` ending at the evaluation date (an incident's own date
/// in the level history, the review date in levels as of a date):
/// R = `recency_max` if the last incident is at most `recency_full_days` before that date, 0 if
/// `recency_zero_days` or more, linear between; F = incidents; G = sum of gravity weights
/// (weapon; else strangulation or injury; else charged; else other); V = distinct victims;
/// score = (R + F + G) x (1 + `victim_factor` x (V - 1)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreWeights {
    pub window_days: i32,
    pub recency_max: f64,
    pub recency_full_days: i32,
    pub recency_zero_days: i32,
    pub weapon: f64,
    pub strangulation_or_injury: f64,
    pub charged: f64,
    pub other: f64,
    pub victim_factor: f64,
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights {
            window_days: 730,
            recency_max: 10.0,
            recency_full_days: 30,
            recency_zero_days: 730,
            weapon: 10.0,
            strangulation_or_injury: 8.0,
            charged: 5.0,
            other: 1.0,
            victim_factor: 0.5,
        }
    }
}

impl ScoreWeights {
    /// Recency points for a last incident `days` before the evaluation date.
    pub fn recency(&self, days: i32) -> f64 {
        if days <= self.recency_full_days {
            self.recency_max
        } else if days >= self.recency_zero_days {
            0.0
        } else {
            let span = f64::from(self.recency_zero_days - self.recency_full_days);
            self.recency_max * f64::from(self.recency_zero_days - days) / span
        }
    }
}

/// A complete, editable set of criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criteria {
    pub schema: u32,
    pub name: String,
    /// Features count the person's incidents within this many days before each incident (both
    /// ends included); a gap this long between incidents starts the person afresh.
    pub lookback_days: i32,
    /// Levels never fall while the person stays active (IPVI default); otherwise the level
    /// follows the rules at each incident (RFGV bands).
    pub sticky: bool,
    /// Simulated notifications: days from the classifying incident to the notification.
    pub notification_delay_days: i32,
    /// In priority order: the first rule that holds gives the level.
    pub rules: Vec<Rule>,
    pub score: ScoreWeights,
}

impl Default for Criteria {
    fn default() -> Self {
        Criteria::ipvi_default()
    }
}

impl Criteria {
    /// "IPVI default" (`docs/methods.md`, "IPVI default criteria"): A, B, C, D from charges, severe flags, protective-order
    /// violations and charges after notification, over 5 years; sticky.
    pub fn ipvi_default() -> Criteria {
        use Feature::*;
        let c = Condition::at_least;
        Criteria {
            schema: SCHEMA_VERSION,
            name: "IPVI default".into(),
            lookback_days: 1826,
            sticky: true,
            notification_delay_days: 14,
            rules: vec![
                Rule {
                    level: Level::A,
                    any_of: vec![
                        vec![c(Charges, 2.0), c(Weapon, 1.0)],
                        vec![c(Charges, 2.0), c(Strangulation, 1.0)],
                        vec![c(Charges, 2.0), c(FelonyCharges, 1.0)],
                        vec![c(ChargedNow, 1.0), c(NotifiedBefore(Level::B), 1.0)],
                    ],
                },
                Rule {
                    level: Level::B,
                    any_of: vec![
                        vec![c(Charges, 2.0)],
                        vec![c(ProtectiveOrderViolations, 1.0)],
                        vec![c(ChargedNow, 1.0), c(NotifiedBefore(Level::C), 1.0)],
                    ],
                },
                Rule { level: Level::C, any_of: vec![vec![c(Charges, 1.0)]] },
                Rule { level: Level::D, any_of: vec![vec![c(Incidents, 1.0)]] },
            ],
            score: ScoreWeights::default(),
        }
    }

    /// "RFGV priority score" (`docs/methods.md`, "RFGV priority score"): bands of the score over
    /// 2 years; not sticky.
    pub fn rfgv() -> Criteria {
        let band = |level, at| Rule { level, any_of: vec![vec![Condition::at_least(Feature::Score, at)]] };
        Criteria {
            schema: SCHEMA_VERSION,
            name: "RFGV priority score".into(),
            lookback_days: 730,
            sticky: false,
            notification_delay_days: 14,
            rules: vec![
                band(Level::A, 40.0),
                band(Level::B, 25.0),
                band(Level::C, 10.0),
                Rule { level: Level::D, any_of: vec![vec![Condition::at_least(Feature::Incidents, 1.0)]] },
            ],
            score: ScoreWeights::default(),
        }
    }

    pub fn presets() -> Vec<Criteria> {
        vec![Criteria::ipvi_default(), Criteria::rfgv()]
    }

    /// A preset by name (case and spaces ignored: `ipvi-default`, `rfgv`), or `None`.
    pub fn preset(name: &str) -> Option<Criteria> {
        let key: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        match key.as_str() {
            "ipvidefault" | "default" | "ipvi" => Some(Criteria::ipvi_default()),
            "rfgv" | "rfgvpriorityscore" | "matac" => Some(Criteria::rfgv()),
            _ => None,
        }
    }
}

/// "5 years", "2 years", "90 days": a window in words.
pub fn window_words(days: i32) -> String {
    match days {
        d if d % 365 <= 1 && d >= 365 => {
            let years = d / 365;
            if years == 1 {
                "1 year".into()
            } else {
                format!("{years} years")
            }
        }
        1 => "1 day".into(),
        d => format!("{d} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid_and_round_trip_as_json() {
        for criteria in Criteria::presets() {
            criteria.validate().unwrap();
            let json = serde_json::to_string_pretty(&criteria).unwrap();
            assert_eq!(Criteria::from_json(&json).unwrap(), criteria);
        }
        assert_eq!(Criteria::preset("IPVI default").unwrap().name, "IPVI default");
        assert_eq!(Criteria::preset("rfgv").unwrap().name, "RFGV priority score");
        assert!(Criteria::preset("strict").is_none());
    }

    #[test]
    fn recency_is_full_then_linear_then_zero() {
        let w = ScoreWeights::default();
        assert_eq!(w.recency(0), 10.0);
        assert_eq!(w.recency(30), 10.0);
        assert!((w.recency(380) - 5.0).abs() < 1e-12);
        assert_eq!(w.recency(730), 0.0);
        assert_eq!(window_words(1826), "5 years");
        assert_eq!(window_words(730), "2 years");
        assert_eq!(window_words(90), "90 days");
        assert_eq!(duration_words(1826), "5 years");
        assert_eq!(duration_words(365), "1 year");
        assert_eq!(duration_words(183), "6 months");
        assert_eq!(duration_words(30), "1 month");
        assert_eq!(duration_words(90), "3 months");
        assert_eq!(duration_words(100), "100 days");
        assert_eq!(duration_words(1), "1 day");
    }

    #[test]
    fn conditions_read_as_phrases() {
        let c = |feature, compare, value| Condition { feature, compare, value };
        assert_eq!(c(Feature::Charges, Compare::AtLeast, 2.0).words(), "2 or more charges");
        assert_eq!(c(Feature::Incidents, Compare::AtMost, 1.0).words(), "at most 1 incidents");
        assert_eq!(
            c(Feature::NotifiedBefore(Level::B), Compare::AtLeast, 1.0).words(),
            "notified at B or above before"
        );
        assert_eq!(c(Feature::ChargedNow, Compare::AtMost, 0.0).words(), "this incident not charged");
        let recent = c(Feature::DaysSinceLast, Compare::AtMost, 90.0).words();
        assert_eq!(recent, "the previous incident at most 3 months before");
        let both = [c(Feature::Weapon, Compare::AtLeast, 1.0), c(Feature::Score, Compare::AtLeast, 27.5)];
        assert_eq!(group_words(&both), "1 or more incidents with a weapon and priority score 27.5 or more");
    }
}
