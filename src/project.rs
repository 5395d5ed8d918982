//! Project files (`.ipvi.json`): the reading rules, criteria, analysis settings and report
//! choices of an evaluation, versioned, so that it can be reopened next week or sent to a
//! colleague. No data inside unless the user asks for it. Format: `docs/project-file.md`.

use crate::classify::Criteria;
use crate::ingest::{IngestSettings, Table};
use crate::outcomes::OutcomeSettings;
use crate::report::ReportChoices;
use crate::synth::DemoParams;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The `format` value every project file carries.
pub const FORMAT: &str = "ipvi-workbench-project";
/// The newest version this build writes and reads; older versions are read and upgraded.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub format: String,
    pub version: u32,
    /// Column mappings, IPV rules and flag words.
    pub reading_rules: IngestSettings,
    pub criteria: Criteria,
    pub outcomes: OutcomeSettings,
    /// Simulate notifications even when a notifications extract is loaded.
    pub simulate: bool,
    pub report: ReportChoices,
    /// The extracts themselves, only when the user asked to include them.
    pub data: Vec<EmbeddedFile>,
    /// The demo jurisdiction's parameters, when the project was saved on the demo (which is
    /// regenerated from them, never stored).
    pub demo: Option<DemoParams>,
}

/// An extract carried inside a project file (its bytes base64-encoded: extracts need not be UTF-8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmbeddedFile {
    pub name: String,
    pub table: Table,
    pub base64: String,
}

/// Why a project file cannot be opened, in words a person can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectError {
    /// Not JSON, or JSON of another kind.
    NotAProject(String),
    /// Written by a newer version of the workbench.
    TooNew { version: u32 },
    /// A part that does not read (names the part).
    Invalid { part: &'static str, reason: String },
}

impl Default for Project {
    /// A project of this version with every part at its default and no data.
    fn default() -> Self {
        Project {
            format: FORMAT.into(),
            version: VERSION,
            reading_rules: IngestSettings::default(),
            criteria: Criteria::default(),
            outcomes: OutcomeSettings::default(),
            simulate: false,
            report: ReportChoices::default(),
            data: Vec::new(),
            demo: None,
        }
    }
}

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProjectError::NotAProject(why) => write!(f, "This is not an IPVI Workbench project file: {why}."),
            ProjectError::TooNew { version } => write!(
                f,
                "This project file was made by a newer version of IPVI Workbench (project format {version}); \
                 this version reads up to {VERSION}. Update the workbench to open it."
            ),
            ProjectError::Invalid { part, reason } => {
                write!(f, "The project file's {part} cannot be used: {reason}. The file may have been edited by hand.")
            }
        }
    }
}

impl std::error::Error for ProjectError {}

/// One part of the file, read as its type; `None` when the file does not have it.
fn part<T: DeserializeOwned>(object: &Map<String, Value>, key: &'static str) -> Result<Option<T>, ProjectError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => {
            T::deserialize(value).map(Some).map_err(|e| ProjectError::Invalid { part: key, reason: e.to_string() })
        }
    }
}

/// The `format` and `version` fields: this is a project file this version can read.
fn check_kind(object: &Map<String, Value>) -> Result<(), ProjectError> {
    match object.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(other) => return Err(ProjectError::NotAProject(format!("its format is {other}, not \"{FORMAT}\""))),
        None => {
            return Err(ProjectError::NotAProject(format!(
                "it has no \"format\" field (a project file starts with \"format\": \"{FORMAT}\")"
            )))
        }
    }
    let version = object.get("version").and_then(Value::as_u64).ok_or_else(|| ProjectError::Invalid {
        part: "version",
        reason: "the \"version\" field is missing or not a whole number".into(),
    })?;
    if version > u64::from(VERSION) {
        return Err(ProjectError::TooNew { version: u32::try_from(version).unwrap_or(u32::MAX) });
    }
    Ok(())
}

impl Project {
    /// Reads a project file of this or an older version (a byte-order mark is allowed). Parts
    /// the file does not have take their defaults; the criteria must be usable.
    pub fn parse(text: &str) -> Result<Project, ProjectError> {
        let text = crate::settings::without_bom(text);
        let value: Value = serde_json::from_str(text).map_err(|e| {
            ProjectError::NotAProject(format!("it is not JSON (line {}, column {}: {e})", e.line(), e.column()))
        })?;
        let Value::Object(object) = value else {
            return Err(ProjectError::NotAProject("it is JSON but not an object with named parts".into()));
        };
        check_kind(&object)?;
        let defaults = Project::default();
        let project = Project {
            reading_rules: part(&object, "reading_rules")?.unwrap_or(defaults.reading_rules),
            criteria: part(&object, "criteria")?.unwrap_or(defaults.criteria),
            outcomes: part(&object, "outcomes")?.unwrap_or(defaults.outcomes),
            simulate: part(&object, "simulate")?.unwrap_or(defaults.simulate),
            report: part(&object, "report")?.unwrap_or(defaults.report),
            data: part(&object, "data")?.unwrap_or(defaults.data),
            demo: part(&object, "demo")?,
            ..defaults
        };
        project.criteria.validate().map_err(|e| ProjectError::Invalid { part: "criteria", reason: e.to_string() })?;
        for file in &project.data {
            file.bytes()?;
        }
        if let Some(params) = &project.demo {
            params.validate().map_err(|e| ProjectError::Invalid { part: "demo", reason: e.to_string() })?;
        }
        Ok(project)
    }

    /// The file's text (pretty JSON, stable field order, a final line end).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a project is plain data");
        text.push('\n');
        text
    }

    /// The embedded extract of a table, if the project carries one.
    pub fn embedded(&self, table: Table) -> Option<&EmbeddedFile> {
        self.data.iter().find(|f| f.table == table)
    }
}

impl EmbeddedFile {
    /// An extract to carry in a project file.
    pub fn new(name: &str, table: Table, bytes: &[u8]) -> EmbeddedFile {
        EmbeddedFile { name: name.into(), table, base64: STANDARD.encode(bytes) }
    }

    /// The extract's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, ProjectError> {
        STANDARD.decode(self.base64.trim()).map_err(|e| ProjectError::Invalid {
            part: "data",
            reason: format!("the embedded file {} is damaged ({e})", self.name),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day_from_ymd;
    use crate::outcomes::Reoffense;

    fn edited() -> Project {
        let mut project = Project { simulate: true, ..Project::default() };
        project.criteria = Criteria::rfgv();
        project.reading_rules.ipv.incidents.relationships = vec!["SE".into(), "BG".into()];
        project.outcomes.start = day_from_ymd(2019, 1, 1);
        project.outcomes.reoffense = Reoffense::Charged;
        project.report.title = "Evaluation for the council".into();
        project.report.hidden = vec!["methods".into()];
        project.report.notes.insert("caveats".into(), "Read with care.".into());
        project.data = vec![EmbeddedFile::new("incidents.csv", Table::Incidents, b"Case,Date\r\n\xff1,2019-01-02\r\n")];
        project
    }

    #[test]
    fn a_project_round_trips_with_its_data() {
        let project = edited();
        let text = project.to_json();
        assert!(text.starts_with("{\n  \"format\": \"ipvi-workbench-project\",\n  \"version\": 1,"), "{text}");
        assert_eq!(Project::parse(&text), Ok(project.clone()));
        assert_eq!(project.embedded(Table::Incidents).unwrap().bytes().unwrap(), b"Case,Date\r\n\xff1,2019-01-02\r\n");
        assert!(project.embedded(Table::Calls).is_none());
    }

    #[test]
    fn demo_parameters_round_trip_and_impossible_ones_are_refused() {
        let params = DemoParams { people: 300, seed: 7, ..DemoParams::default() };
        let project = Project { demo: Some(params), ..Project::default() };
        assert_eq!(Project::parse(&project.to_json()), Ok(project));
        let broken = r#"{"format": "ipvi-workbench-project", "version": 1, "demo": {"people": 0}}"#;
        assert!(matches!(Project::parse(broken), Err(ProjectError::Invalid { part: "demo", .. })));
    }

    #[test]
    fn a_newer_version_is_refused_in_words() {
        let err = Project::parse(r#"{"format": "ipvi-workbench-project", "version": 2}"#).unwrap_err();
        assert_eq!(err, ProjectError::TooNew { version: 2 });
        assert_eq!(
            err.to_string(),
            "This project file was made by a newer version of IPVI Workbench (project format 2); this version reads \
             up to 1. Update the workbench to open it."
        );
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        let not_json = Project::parse("name,date\nP1,2019-01-01\n").unwrap_err();
        assert!(matches!(not_json, ProjectError::NotAProject(_)));
        assert!(not_json.to_string().starts_with("This is not an IPVI Workbench project file: it is not JSON (line 1"));
        let criteria_file = serde_json::to_string(&Criteria::ipvi_default()).unwrap();
        let err = Project::parse(&criteria_file).unwrap_err().to_string();
        assert!(err.contains("it has no \"format\" field"), "{err}");
        let err = Project::parse(r#"{"format": "something-else", "version": 1}"#).unwrap_err().to_string();
        assert!(err.contains("its format is \"something-else\""), "{err}");
        assert!(Project::parse("[1, 2]").unwrap_err().to_string().contains("not an object"));
    }

    #[test]
    fn broken_parts_name_the_part() {
        let mut criteria = Criteria::ipvi_default();
        criteria.rules.clear();
        let text = Project { criteria, ..Project::default() }.to_json();
        let err = Project::parse(&text).unwrap_err();
        assert!(matches!(err, ProjectError::Invalid { part: "criteria", .. }), "{err:?}");
        let err = Project::parse(r#"{"format": "ipvi-workbench-project", "version": 1, "simulate": "often"}"#);
        assert!(matches!(err, Err(ProjectError::Invalid { part: "simulate", .. })), "{err:?}");
        let damaged = r#"{"format":"ipvi-workbench-project","version":1,"data":[{"name":"a.csv","table":"Calls","base64":"!!"}]}"#;
        let err = Project::parse(damaged).unwrap_err().to_string();
        assert!(err.contains("the embedded file a.csv is damaged"), "{err}");
        let err = Project::parse(r#"{"format": "ipvi-workbench-project"}"#).unwrap_err().to_string();
        assert!(err.contains("\"version\" field is missing"), "{err}");
    }

    #[test]
    fn a_minimal_file_and_a_byte_order_mark_open_with_defaults() {
        let minimal = r#"{"format": "ipvi-workbench-project", "version": 1}"#;
        assert_eq!(Project::parse(minimal), Ok(Project::default()));
        assert_eq!(Project::parse(&format!("\u{feff}{minimal}")), Ok(Project::default()));
        let older = r#"{"format": "ipvi-workbench-project", "version": 0, "simulate": true, "future_part": {}}"#;
        assert_eq!(Project::parse(older), Ok(Project { simulate: true, ..Project::default() }));
        let partial_choices = r#"{"format": "ipvi-workbench-project", "version": 1, "report": {"authors": "A. B."}}"#;
        let project = Project::parse(partial_choices).unwrap();
        assert_eq!((project.report.authors.as_str(), project.report.title), ("A. B.", ReportChoices::default().title));
    }
}
