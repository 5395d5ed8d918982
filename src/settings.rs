//! Settings the app keeps between visits, and how a stored value is read back.
//!
//! Each setting lives under a versioned key; a value that no longer parses (an older format,
//! a hand-edited or corrupted entry) falls back to the default with a notice the page shows,
//! never a blank page.

use serde::de::DeserializeOwned;

/// Storage keys, one per setting, versioned so that a format change starts clean.
pub const DEMO_PARAMS_KEY: &str = "ipvi.demo-params.v1";
/// The classification criteria being edited ([`crate::classify::Criteria`]).
pub const CRITERIA_KEY: &str = "ipvi.criteria.v1";
/// Outcome settings ([`crate::outcomes::OutcomeSettings`]).
pub const OUTCOME_SETTINGS_KEY: &str = "ipvi.outcome-settings.v1";
/// Column mappings, IPV rules and flag words ([`crate::ingest::IngestSettings`]).
pub const INGEST_SETTINGS_KEY: &str = "ipvi.ingest-settings.v1";
/// A trainee's way through an exercise ([`crate::training::session::Progress`]): settings and
/// answers, no record.
pub const TRAINING_PROGRESS_KEY: &str = "ipvi.training-progress.v1";
/// The report's title, authors, parts switched off and notes ([`crate::report::ReportChoices`]).
pub const REPORT_CHOICES_KEY: &str = "ipvi.report-choices.v1";

/// Reads a stored JSON value; on failure returns the default and a sentence for the user.
pub fn parse_stored<T: DeserializeOwned + Default>(key: &str, raw: Option<&str>) -> (T, Option<String>) {
    match raw {
        None => (T::default(), None),
        Some(text) => match serde_json::from_str(text) {
            Ok(value) => (value, None),
            Err(err) => (
                T::default(),
                Some(format!("A saved setting ({key}) could not be read ({err}); the defaults are used instead.")),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::DemoParams;

    #[test]
    fn stored_values_round_trip_and_corrupt_ones_fall_back_with_a_notice() {
        let params = DemoParams { people: 123, ..DemoParams::default() };
        let raw = serde_json::to_string(&params).unwrap();
        assert_eq!(parse_stored::<DemoParams>(DEMO_PARAMS_KEY, Some(&raw)), (params, None));
        assert_eq!(parse_stored::<DemoParams>(DEMO_PARAMS_KEY, None), (DemoParams::default(), None));
        let (value, notice) = parse_stored::<DemoParams>(DEMO_PARAMS_KEY, Some("{not json"));
        assert_eq!(value, DemoParams::default());
        assert!(notice.unwrap().contains(DEMO_PARAMS_KEY));
    }
}
