//! What the demo generates, and the error that names a parameter outside its range.

use super::{DEFAULT_CALL_DROP, DEFAULT_HAZARD_RATIO, DEFAULT_PEOPLE, DEFAULT_SEED};
use crate::model::{day_from_ymd, iso, Day};
use serde::{Deserialize, Serialize};

/// What to generate. Everything has a default; `effect` sets the two planted effects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DemoParams {
    /// Number of people with incidents (IPV offenders and a share of family-violence suspects).
    pub people: u32,
    pub seed: u64,
    /// Multiplier of the reoffending hazard after a person's first notification (1 = no effect).
    pub hazard_ratio: f64,
    /// Relative drop of IPV calls for service after the intervention start (0 = no effect).
    pub call_drop: f64,
    /// First and last day of the extracts, and the intervention start.
    pub first_day: Day,
    pub last_day: Day,
    pub start_day: Day,
}

impl Default for DemoParams {
    fn default() -> Self {
        DemoParams {
            people: DEFAULT_PEOPLE,
            seed: DEFAULT_SEED,
            hazard_ratio: DEFAULT_HAZARD_RATIO,
            call_drop: DEFAULT_CALL_DROP,
            first_day: day_from_ymd(2016, 1, 1).unwrap(),
            last_day: day_from_ymd(2021, 12, 31).unwrap(),
            start_day: day_from_ymd(2019, 1, 1).unwrap(),
        }
    }
}

/// A parameter of the demo, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoParam {
    People,
    HazardRatio,
    CallDrop,
    /// The intervention start, within the data window.
    Start,
    Effect,
}

impl DemoParam {
    pub fn name(self) -> &'static str {
        match self {
            DemoParam::People => "people",
            DemoParam::HazardRatio => "the hazard ratio",
            DemoParam::CallDrop => "the call drop",
            DemoParam::Start => "the intervention start",
            DemoParam::Effect => "effect",
        }
    }

    /// The values the parameter may take, in words.
    pub fn allowed(self) -> &'static str {
        match self {
            DemoParam::People => "between 1 and 5,000,000",
            DemoParam::HazardRatio => "above 0 and at most 10",
            DemoParam::CallDrop => "at least 0 and below 1",
            DemoParam::Start => "after the first day and by the last day",
            DemoParam::Effect => "none, default or a hazard ratio above 0 (such as 0.7)",
        }
    }
}

/// A demo parameter outside what it allows: which one, and the value given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoParamError {
    pub param: DemoParam,
    pub given: String,
}

impl DemoParamError {
    fn new(param: DemoParam, given: impl std::fmt::Display) -> DemoParamError {
        DemoParamError { param, given: given.to_string() }
    }
}

/// `people must be between 1 and 5,000,000, not 0`.
impl std::fmt::Display for DemoParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.param == DemoParam::Start { "fall" } else { "be" };
        write!(f, "{} must {verb} {}, not {}", self.param.name(), self.param.allowed(), self.given)
    }
}

impl std::error::Error for DemoParamError {}

/// The planted effect, as the CLI and the app name it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effect {
    None,
    Default,
    HazardRatio(f64),
}

impl Effect {
    pub fn parse(text: &str) -> Result<Effect, DemoParamError> {
        match text.trim() {
            "none" => Ok(Effect::None),
            "default" => Ok(Effect::Default),
            other => match other.parse::<f64>() {
                Ok(x) if x > 0.0 && x.is_finite() => Ok(Effect::HazardRatio(x)),
                _ => Err(DemoParamError::new(DemoParam::Effect, format!("{other:?}"))),
            },
        }
    }
}

impl DemoParams {
    pub fn with_effect(mut self, effect: Effect) -> DemoParams {
        match effect {
            Effect::None => {
                self.hazard_ratio = 1.0;
                self.call_drop = 0.0;
            }
            Effect::Default => {
                self.hazard_ratio = DEFAULT_HAZARD_RATIO;
                self.call_drop = DEFAULT_CALL_DROP;
            }
            Effect::HazardRatio(x) => self.hazard_ratio = x,
        }
        self
    }

    /// The first parameter that cannot produce a jurisdiction, if any.
    pub fn validate(&self) -> Result<(), DemoParamError> {
        if self.people == 0 || self.people > 5_000_000 {
            return Err(DemoParamError::new(DemoParam::People, self.people));
        }
        if !(self.hazard_ratio > 0.0 && self.hazard_ratio <= 10.0) {
            return Err(DemoParamError::new(DemoParam::HazardRatio, self.hazard_ratio));
        }
        if !(0.0..1.0).contains(&self.call_drop) {
            return Err(DemoParamError::new(DemoParam::CallDrop, self.call_drop));
        }
        if !(self.first_day < self.start_day && self.start_day <= self.last_day) {
            return Err(DemoParamError::new(DemoParam::Start, iso(self.start_day)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_parameter_is_named_with_its_range() {
        let error = |p: DemoParams| p.validate().unwrap_err();
        let e = error(DemoParams { people: 0, ..DemoParams::default() });
        assert_eq!(
            (e.param, e.to_string().as_str()),
            (DemoParam::People, "people must be between 1 and 5,000,000, not 0")
        );
        let e = error(DemoParams { hazard_ratio: 0.0, ..DemoParams::default() });
        assert_eq!(e.to_string(), "the hazard ratio must be above 0 and at most 10, not 0");
        let e = error(DemoParams { call_drop: 1.5, ..DemoParams::default() });
        assert_eq!(e.to_string(), "the call drop must be at least 0 and below 1, not 1.5");
        let start = day_from_ymd(2030, 1, 1).unwrap();
        let e = error(DemoParams { start_day: start, ..DemoParams::default() });
        assert_eq!(
            e.to_string(),
            "the intervention start must fall after the first day and by the last day, not 2030-01-01"
        );
        let e = Effect::parse("strong").unwrap_err();
        assert_eq!(
            e.to_string(),
            "effect must be none, default or a hazard ratio above 0 (such as 0.7), not \"strong\""
        );
    }
}
