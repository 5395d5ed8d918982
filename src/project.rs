//! Project files (`.ipvi.json`): the reading rules, criteria, analysis settings and report
//! choices of an evaluation, versioned, so that it can be reopened next week or sent to a
//! colleague. No data inside unless the user asks for it. Format: `docs/project-file.md`.

use crate::classify::Criteria;
use crate::ingest::{IngestSettings, Table};
use crate::outcomes::OutcomeSettings;
use crate::report::ReportChoices;
use serde::{Deserialize, Serialize};

/// The `format` value every project file carries.
pub const FORMAT: &str = "ipvi-workbench-project";
/// The newest version this build writes and reads; older versions are read and upgraded.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

impl Project {
    /// Reads a project file of this or an older version.
    pub fn parse(text: &str) -> Result<Project, ProjectError> {
        let _ = text;
        todo!("parse a project")
    }

    /// The file's text (pretty JSON, stable field order).
    pub fn to_json(&self) -> String {
        todo!("write a project")
    }
}
