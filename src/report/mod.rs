//! The evaluation report: one self-contained HTML document (inline style, charts as inline SVG,
//! no external resource) that the Report page shows and saves and `ipvi report` writes. Both
//! faces call [`document`] with the same [`ReportInput`], so the same inputs give the same bytes.
//!
//! Contents and reproducibility rules: `docs/report.md`.

use crate::classify::{Classification, Criteria, NotificationMode};
use crate::ingest::{IngestSettings, QualityReport, Table};
use crate::model::{Dataset, Day};
use crate::outcomes::{OutcomeSettings, Outcomes, OutcomesError};
use crate::synth::DemoParams;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the evaluator chose for the report: kept in the project file and between visits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportChoices {
    pub title: String,
    pub authors: String,
    /// Ids of the parts switched off (see [`parts`]); every part is on by default.
    pub hidden: Vec<String>,
    /// Free-text notes, by part id, printed at the end of that part.
    pub notes: BTreeMap<String, String>,
}

impl Default for ReportChoices {
    fn default() -> Self {
        ReportChoices {
            title: "Evaluation of the Intimate Partner Violence Intervention".into(),
            authors: String::new(),
            hidden: Vec::new(),
            notes: BTreeMap::new(),
        }
    }
}

/// One part of the report, in document order: its id (the element id, the key of
/// [`ReportChoices::hidden`] and [`ReportChoices::notes`]) and its heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub id: &'static str,
    pub title: &'static str,
}

/// The parts of the report in order: data sources, IPV selection, criteria, level distribution,
/// one part per outcome section (`crate::outcomes::sections`), methods, caveats, reproducibility.
pub fn parts() -> Vec<Part> {
    todo!("report parts")
}

/// One input file as the report names it: enough to check that a rerun read the same bytes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub name: String,
    pub table: Table,
    /// Size in bytes.
    pub bytes: u64,
    pub rows_read: usize,
    pub rows_kept: usize,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
}

impl Source {
    /// The source record of a file read with `report`.
    pub fn of(bytes: &[u8], report: &QualityReport) -> Source {
        let _ = (bytes, report);
        todo!("source of a file")
    }
}

/// Where the analysed data came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// The user's extracts, each with its quality report.
    Files(Vec<(Source, QualityReport)>),
    /// The generated demo jurisdiction: its parameters and the fingerprint of its clean extracts
    /// (`crate::export::fingerprint`).
    Demo { params: DemoParams, fingerprint: String },
}

/// Everything a report is made from. Nothing else (no clock, no timing, no locale) enters it.
pub struct ReportInput<'a> {
    pub choices: &'a ReportChoices,
    /// The date printed as the generation date.
    pub generated: Day,
    pub origin: &'a Origin,
    pub data: &'a Dataset,
    pub reading_rules: &'a IngestSettings,
    pub criteria: &'a Criteria,
    pub mode: NotificationMode,
    pub classification: &'a Classification,
    pub settings: &'a OutcomeSettings,
    /// The outcomes, or why none could be computed (the report says so and goes on).
    pub outcomes: Result<&'a Outcomes, &'a OutcomesError>,
}

/// The whole report as one HTML document (`<!DOCTYPE html>` to `</html>`), self-contained.
pub fn document(input: &ReportInput) -> String {
    let _ = input;
    todo!("report document")
}

/// The report's `<article>` alone (what [`document`] wraps), for the page to show in place.
pub fn article(input: &ReportInput) -> String {
    let _ = input;
    todo!("report article")
}

/// The report's style sheet (screen and print), inlined in [`document`]; every rule is scoped to
/// `.ipvi-report` so that the page can include it beside its own.
pub const STYLE: &str = "";
