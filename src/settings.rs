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

/// A JSON file's text without the UTF-8 byte-order mark some editors (Notepad, Excel) write
/// first, which JSON readers refuse as "expected value at line 1 column 1".
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// What is wrong with a JSON text, and where: line and column from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    pub line: usize,
    pub column: usize,
    /// serde_json's complaint, without the place it appends.
    pub message: String,
    /// Not JSON at all (a syntax error, an early end), rather than JSON of the wrong shape.
    pub broken: bool,
}

impl JsonProblem {
    pub fn of(e: &serde_json::Error) -> JsonProblem {
        let (line, column) = (e.line(), e.column());
        let text = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
        JsonProblem { line, column, message, broken: e.classify() != serde_json::error::Category::Data }
    }
}

/// "the JSON is broken at line 3, column 10 (expected `:`)" or "missing field `x` (line 1, column 2)".
impl std::fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let JsonProblem { line, column, message, .. } = self;
        if self.broken {
            write!(f, "the JSON is broken at line {line}, column {column} ({message})")
        } else {
            write!(f, "{message} (line {line}, column {column})")
        }
    }
}

/// A JSON file that could not be read as what it should be: its name, what it should be
/// ("a reading-rules file") and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonFileError {
    pub file: String,
    pub what: &'static str,
    pub problem: JsonProblem,
}

impl std::fmt::Display for JsonFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not {}: {}", crate::words::quoted_text(&self.file), self.what, self.problem)
    }
}

impl std::error::Error for JsonFileError {}

/// Reads a settings file every face of the app reads (reading rules, outcome settings, demo
/// parameters): a byte-order mark is allowed, and an error names the file, line and column.
pub fn read_json<T: DeserializeOwned>(file: &str, what: &'static str, text: &str) -> Result<T, JsonFileError> {
    serde_json::from_str(without_bom(text)).map_err(|e| JsonFileError {
        file: file.to_string(),
        what,
        problem: JsonProblem::of(&e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::IngestSettings;
    use crate::synth::DemoParams;

    #[test]
    fn json_files_may_start_with_a_byte_order_mark_and_errors_say_where() {
        let rules = serde_json::to_string(&IngestSettings::default()).unwrap();
        let read: IngestSettings =
            read_json("rules.json", "a reading-rules file", &format!("\u{feff}{rules}")).unwrap();
        assert_eq!(read, IngestSettings::default());
        let err =
            read_json::<DemoParams>("demo.json", "a demo parameters file", "\u{feff}{\n  \"people\" 5\n}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "demo.json is not a demo parameters file: the JSON is broken at line 2, column 12 (expected `:`)"
        );
        let err = read_json::<IngestSettings>("r.json", "a reading-rules file", "{\"ipv\": 3}").unwrap_err();
        assert_eq!((err.problem.broken, err.problem.line), (false, 1));
        assert!(err.to_string().starts_with("r.json is not a reading-rules file: invalid type"), "{err}");
    }

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
