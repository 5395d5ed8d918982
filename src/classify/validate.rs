//! What makes criteria usable, and what is wrong with them when they are not: a typed error
//! that names the field (the level, group and condition of a rule, as the editor labels them),
//! so that the editor can point at it.

use super::criteria::{Criteria, SCHEMA_VERSION};
use crate::model::Level;
use std::fmt;

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
    ScoreWindow {
        days: i32,
    },
    /// Full recency must end before zero recency.
    Recency {
        full_days: i32,
        zero_days: i32,
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
            CriteriaError::ScoreWindow { days } => {
                write!(f, "the score window must be at least 1 day, not {days}")
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
        let (line, column) = (e.line(), e.column());
        let text = e.to_string();
        // serde_json ends its message with the place, which this error says in its own words.
        let suffix = format!(" at line {line} column {column}");
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
        match e.classify() {
            serde_json::error::Category::Data => CriteriaError::Shape { line, column, message },
            _ => CriteriaError::Syntax { line, column, message },
        }
    }
}

impl Criteria {
    /// Reads a criteria file, explaining what is wrong with it.
    pub fn from_json(text: &str) -> Result<Criteria, CriteriaError> {
        let criteria: Criteria = serde_json::from_str(text).map_err(|e| CriteriaError::from_json(&e))?;
        criteria.validate()?;
        Ok(criteria)
    }

    /// Problems that would make the criteria meaningless, the first one found.
    pub fn validate(&self) -> Result<(), CriteriaError> {
        if self.schema != SCHEMA_VERSION {
            return Err(CriteriaError::Version { found: self.schema });
        }
        if !(1..=36_500).contains(&self.lookback_days) {
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
                if let Some(k) = conditions.iter().position(|c| !c.value.is_finite()) {
                    return Err(CriteriaError::Threshold(RulePlace { condition: Some(k), ..at }));
                }
            }
        }
        let w = &self.score;
        if w.window_days < 1 {
            return Err(CriteriaError::ScoreWindow { days: w.window_days });
        }
        if w.recency_zero_days <= w.recency_full_days {
            return Err(CriteriaError::Recency { full_days: w.recency_full_days, zero_days: w.recency_zero_days });
        }
        Ok(())
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
    }
}
