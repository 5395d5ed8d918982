//! What makes criteria usable, and what is wrong with them when they are not: a typed error
//! that names the field (the level, group and condition of a rule, as the editor labels them),
//! so that the editor can point at it.

use super::criteria::{Criteria, Feature, ScoreWeights, SCHEMA_VERSION};
use crate::model::Level;
use crate::settings::{without_bom, JsonProblem};
use std::fmt;

/// The longest window, in days, any part of the criteria may span (100 years): it keeps every
/// sum of days far inside the engine's day numbers (`i32`).
pub const MAX_DAYS: i32 = 36_500;
/// The largest score weight (points per incident, recency points, victim factor).
pub const MAX_WEIGHT: f64 = 1e6;
/// The largest count a threshold may ask for (incidents, charges, victims ... of one person).
pub const MAX_COUNT: f64 = 65_535.0;
/// The largest priority score a threshold may ask for.
pub const MAX_SCORE: f64 = 1e12;

/// The thresholds that can hold for a feature: every feature is 0 or more; counts are whole
/// numbers up to [`MAX_COUNT`], days up to [`MAX_DAYS`], yes/no features 0 or 1.
pub fn threshold_range(feature: Feature) -> (f64, f64) {
    match feature {
        Feature::DaysSinceLast => (0.0, f64::from(MAX_DAYS)),
        Feature::ChargedNow | Feature::NotifiedBefore(_) => (0.0, 1.0),
        Feature::Score => (0.0, MAX_SCORE),
        _ => (0.0, MAX_COUNT),
    }
}

/// A value as a message shows it: short even when huge (`1e308`, not 309 digits).
fn short(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e9 {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// "65,535", "1e12": a bound in words.
fn grouped(value: f64) -> String {
    if value >= 1e9 {
        format!("{value:e}")
    } else {
        crate::words::count(value as u64)
    }
}

/// Where in the rules a problem is. Indices count from 0; the words count from 1, as the
/// editor labels its fields ("Level B group 1 condition 1").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RulePlace {
    /// The rule's index in [`Criteria::rules`].
    pub rule: usize,
    pub level: Level,
    /// The group's index in the rule's any-of list.
    pub group: usize,
    /// The condition's index in the group's all-of list, when the problem is one condition.
    pub condition: Option<usize>,
}

impl fmt::Display for RulePlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Level {} group {}", self.level.letter(), self.group + 1)?;
        match self.condition {
            Some(k) => write!(f, " condition {}", k + 1),
            None => Ok(()),
        }
    }
}

/// Why criteria cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum CriteriaError {
    /// The file is not JSON: serde_json's complaint and where (line and column from 1).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The file is JSON but not criteria (a field missing or of the wrong kind).
    Shape {
        line: usize,
        column: usize,
        message: String,
    },
    /// A file of another format version.
    Version {
        found: u32,
    },
    Lookback {
        days: i32,
    },
    NotificationDelay {
        days: i32,
    },
    NoRules,
    /// A group of a rule with no condition (it would always hold).
    EmptyGroup(RulePlace),
    /// A condition's threshold that is not a finite number.
    Threshold(RulePlace),
    /// A threshold the feature can never reach or always passes (negative, above the range).
    ThresholdRange {
        at: RulePlace,
        feature: Feature,
        value: f64,
    },
    ScoreWindow {
        days: i32,
    },
    /// Full and zero recency must be 0 to [`MAX_DAYS`] days.
    RecencyDays {
        days: i32,
    },
    /// Full recency must end before zero recency.
    Recency {
        full_days: i32,
        zero_days: i32,
    },
    /// A score weight that is not a number from 0 to [`MAX_WEIGHT`]; `name` says which.
    Weight {
        name: &'static str,
        value: f64,
    },
}

impl fmt::Display for CriteriaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CriteriaError::Syntax { line, column, message } => {
                write!(f, "not a criteria file: the JSON is broken at line {line}, column {column} ({message})")
            }
            CriteriaError::Shape { line, column, message } => {
                write!(f, "not a criteria file: {message} (line {line}, column {column})")
            }
            CriteriaError::Version { found } => {
                write!(f, "criteria format version {found} is not supported (this version reads {SCHEMA_VERSION})")
            }
            CriteriaError::Lookback { days } => write!(f, "the lookback must be 1 to 36,500 days, not {days}"),
            CriteriaError::NotificationDelay { days } => {
                write!(f, "the notification delay must be 0 to 3,650 days, not {days}")
            }
            CriteriaError::NoRules => write!(f, "there must be at least one level rule"),
            CriteriaError::EmptyGroup(at) => {
                write!(f, "{at} has no condition: add one, or remove the group")
            }
            CriteriaError::Threshold(at) => write!(f, "{at}: the threshold must be a number"),
            CriteriaError::ThresholdRange { at, feature, value } => {
                let (low, high) = threshold_range(*feature);
                write!(
                    f,
                    "{at}: the threshold for {} must be {} to {}, not {}",
                    feature.label(),
                    grouped(low),
                    grouped(high),
                    short(*value)
                )
            }
            CriteriaError::ScoreWindow { days } => {
                write!(f, "the score window must be 1 to 36,500 days, not {days}")
            }
            CriteriaError::RecencyDays { days } => {
                write!(f, "the recency days of the score must be 0 to 36,500, not {days}")
            }
            CriteriaError::Weight { name, value } => {
                write!(f, "the score weight \"{name}\" must be a number from 0 to 1,000,000, not {}", short(*value))
            }
            CriteriaError::Recency { full_days, zero_days } => write!(
                f,
                "full recency ({full_days} days) must end before zero recency ({zero_days} days) in the score"
            ),
        }
    }
}

impl std::error::Error for CriteriaError {}

impl CriteriaError {
    /// A serde_json error as a syntax or shape error, with its line and column.
    fn from_json(e: &serde_json::Error) -> CriteriaError {
        let JsonProblem { line, column, message, broken } = JsonProblem::of(e);
        if broken {
            CriteriaError::Syntax { line, column, message }
        } else {
            CriteriaError::Shape { line, column, message }
        }
    }
}

impl Criteria {
    /// Reads a criteria file (a byte-order mark is allowed), explaining what is wrong with it.
    pub fn from_json(text: &str) -> Result<Criteria, CriteriaError> {
        let criteria: Criteria = serde_json::from_str(without_bom(text)).map_err(|e| CriteriaError::from_json(&e))?;
        criteria.validate()?;
        Ok(criteria)
    }

    /// Problems that would make the criteria meaningless, the first one found.
    pub fn validate(&self) -> Result<(), CriteriaError> {
        if self.schema != SCHEMA_VERSION {
            return Err(CriteriaError::Version { found: self.schema });
        }
        if !(1..=MAX_DAYS).contains(&self.lookback_days) {
            return Err(CriteriaError::Lookback { days: self.lookback_days });
        }
        if !(0..=3650).contains(&self.notification_delay_days) {
            return Err(CriteriaError::NotificationDelay { days: self.notification_delay_days });
        }
        if self.rules.is_empty() {
            return Err(CriteriaError::NoRules);
        }
        for (rule, r) in self.rules.iter().enumerate() {
            for (group, conditions) in r.any_of.iter().enumerate() {
                let at = RulePlace { rule, level: r.level, group, condition: None };
                if conditions.is_empty() {
                    return Err(CriteriaError::EmptyGroup(at));
                }
                for (k, c) in conditions.iter().enumerate() {
                    let at = RulePlace { condition: Some(k), ..at };
                    if !c.value.is_finite() {
                        return Err(CriteriaError::Threshold(at));
                    }
                    let (low, high) = threshold_range(c.feature);
                    if !(low..=high).contains(&c.value) {
                        return Err(CriteriaError::ThresholdRange { at, feature: c.feature, value: c.value });
                    }
                }
            }
        }
        self.score.validate()
    }
}

impl ScoreWeights {
    /// The weights as named in the criteria file, for messages.
    fn named_weights(&self) -> [(&'static str, f64); 6] {
        [
            ("recency_max", self.recency_max),
            ("weapon", self.weapon),
            ("strangulation_or_injury", self.strangulation_or_injury),
            ("charged", self.charged),
            ("other", self.other),
            ("victim_factor", self.victim_factor),
        ]
    }

    /// Windows within 1 to [`MAX_DAYS`] days, weights within 0 to [`MAX_WEIGHT`]: so bounded,
    /// the score of any person stays a finite number (see the test below).
    fn validate(&self) -> Result<(), CriteriaError> {
        if !(1..=MAX_DAYS).contains(&self.window_days) {
            return Err(CriteriaError::ScoreWindow { days: self.window_days });
        }
        for days in [self.recency_full_days, self.recency_zero_days] {
            if !(0..=MAX_DAYS).contains(&days) {
                return Err(CriteriaError::RecencyDays { days });
            }
        }
        if self.recency_zero_days <= self.recency_full_days {
            return Err(CriteriaError::Recency {
                full_days: self.recency_full_days,
                zero_days: self.recency_zero_days,
            });
        }
        match self.named_weights().into_iter().find(|(_, w)| !(0.0..=MAX_WEIGHT).contains(w)) {
            Some((name, value)) => Err(CriteriaError::Weight { name, value }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_criteria_are_explained_with_their_place() {
        let mut c = Criteria::ipvi_default();
        c.schema = 99;
        assert_eq!(c.validate(), Err(CriteriaError::Version { found: 99 }));
        assert!(c.validate().unwrap_err().to_string().contains("version 99"));
        let mut c = Criteria::ipvi_default();
        c.lookback_days = 0;
        assert_eq!(c.validate().unwrap_err().to_string(), "the lookback must be 1 to 36,500 days, not 0");
        let mut c = Criteria::ipvi_default();
        c.rules[1].any_of.push(vec![]);
        let empty = RulePlace { rule: 1, level: Level::B, group: 3, condition: None };
        assert_eq!(c.validate(), Err(CriteriaError::EmptyGroup(empty)));
        assert_eq!(
            c.validate().unwrap_err().to_string(),
            "Level B group 4 has no condition: add one, or remove the group"
        );
        let mut c = Criteria::ipvi_default();
        c.rules[0].any_of[1][1].value = f64::NAN;
        let place = RulePlace { rule: 0, level: Level::A, group: 1, condition: Some(1) };
        assert_eq!(c.validate(), Err(CriteriaError::Threshold(place)));
        assert_eq!(
            c.validate().unwrap_err().to_string(),
            "Level A group 2 condition 2: the threshold must be a number"
        );
        let mut c = Criteria::rfgv();
        c.score.recency_zero_days = 30;
        assert_eq!(c.validate(), Err(CriteriaError::Recency { full_days: 30, zero_days: 30 }));
    }

    #[test]
    fn thresholds_outside_what_a_feature_can_be_are_refused_with_the_rule() {
        let mut c = Criteria::ipvi_default();
        // Charges at least -1 would make everyone level A.
        c.rules[0].any_of[0][0].value = -1.0;
        let place = RulePlace { rule: 0, level: Level::A, group: 0, condition: Some(0) };
        assert_eq!(
            c.validate(),
            Err(CriteriaError::ThresholdRange { at: place, feature: Feature::Charges, value: -1.0 })
        );
        assert_eq!(
            c.validate().unwrap_err().to_string(),
            "Level A group 1 condition 1: the threshold for charges must be 0 to 65,535, not -1"
        );
        // Above what a count can reach, no one would ever be level C.
        let mut c = Criteria::ipvi_default();
        c.rules[2].any_of[0][0].value = 4_294_967_296.0;
        assert!(matches!(c.validate(), Err(CriteriaError::ThresholdRange { value: 4_294_967_296.0, .. })));
        let mut c = Criteria::rfgv();
        c.rules[0].any_of[0][0].value = 1e13;
        assert!(c.validate().unwrap_err().to_string().contains("RFGV priority score must be 0 to 1e12, not"));
        let mut c = Criteria::ipvi_default();
        c.rules[0].any_of[3][1].value = 2.0;
        assert!(c.validate().unwrap_err().to_string().ends_with("must be 0 to 1, not 2"));
    }

    #[test]
    fn windows_and_weights_are_bounded_so_scores_stay_numbers() {
        let mut c = Criteria::rfgv();
        c.score.weapon = 1e308;
        assert_eq!(c.validate(), Err(CriteriaError::Weight { name: "weapon", value: 1e308 }));
        assert_eq!(
            c.validate().unwrap_err().to_string(),
            "the score weight \"weapon\" must be a number from 0 to 1,000,000, not 1e308"
        );
        for bad in [f64::NAN, f64::INFINITY, -0.5, 1e6 + 1.0] {
            let mut c = Criteria::rfgv();
            c.score.victim_factor = bad;
            assert!(matches!(c.validate(), Err(CriteriaError::Weight { name: "victim_factor", .. })), "{bad}");
        }
        let mut c = Criteria::rfgv();
        c.score.window_days = i32::MAX;
        assert_eq!(c.validate(), Err(CriteriaError::ScoreWindow { days: i32::MAX }));
        c.score.window_days = 730;
        c.score.recency_full_days = i32::MIN;
        assert_eq!(c.validate(), Err(CriteriaError::RecencyDays { days: i32::MIN }));
        let mut c = Criteria::ipvi_default();
        c.lookback_days = -30;
        assert_eq!(c.validate().unwrap_err().to_string(), "the lookback must be 1 to 36,500 days, not -30");
        // The largest weights and the largest person the engine can count: a finite score.
        let max = ScoreWeights {
            window_days: MAX_DAYS,
            recency_max: MAX_WEIGHT,
            recency_full_days: MAX_DAYS - 1,
            recency_zero_days: MAX_DAYS,
            weapon: MAX_WEIGHT,
            strangulation_or_injury: MAX_WEIGHT,
            charged: MAX_WEIGHT,
            other: MAX_WEIGHT,
            victim_factor: MAX_WEIGHT,
        };
        assert_eq!(max.validate(), Ok(()));
        let mut sums = crate::classify::features::ScoreSums::default();
        for _ in 0..100_000 {
            sums.add(crate::model::Flags::WEAPON);
        }
        let score = sums.score(&max, 0, u32::from(u16::MAX));
        assert!(score.is_finite() && score > 1e20, "{score}");
    }

    #[test]
    fn files_that_are_not_criteria_say_where() {
        let Err(CriteriaError::Shape { line: 1, column: 2, message }) = Criteria::from_json("{}") else {
            panic!("a missing field is a shape error")
        };
        assert_eq!(message, "missing field `schema`");
        assert!(Criteria::from_json("{}").unwrap_err().to_string().starts_with("not a criteria file"));
        let broken = "{\n  \"schema\": 1,\n  \"name\" \"x\"\n}";
        let error = Criteria::from_json(broken).unwrap_err();
        assert!(matches!(error, CriteriaError::Syntax { line: 3, column: 10, .. }), "{error:?}");
        assert!(error.to_string().contains("at line 3, column 10"), "{error}");
        let mut file: serde_json::Value = serde_json::to_value(Criteria::rfgv()).unwrap();
        file["lookback_days"] = serde_json::json!(-5);
        let error = Criteria::from_json(&file.to_string()).unwrap_err();
        assert_eq!(error, CriteriaError::Lookback { days: -5 });
        // Notepad and Excel start a UTF-8 file with a byte-order mark.
        let json = serde_json::to_string_pretty(&Criteria::rfgv()).unwrap();
        assert_eq!(Criteria::from_json(&format!("\u{feff}{json}")), Ok(Criteria::rfgv()));
    }
}
