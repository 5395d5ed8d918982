//! The evaluation report: one self-contained HTML document (inline style, charts as inline SVG,
//! no external resource) that the Report page shows and saves and `ipvi report` writes. Both
//! faces call [`document`] with the same [`ReportInput`], so the same inputs give the same bytes.
//!
//! Contents and reproducibility rules: `docs/report.md`.

use crate::classify::{Classification, Criteria, NotificationMode};
use crate::ingest::{IngestSettings, QualityReport, Table};
use crate::model::long_date;
use crate::model::{Dataset, Day};
use crate::outcomes::sections::{sections, Section};
use crate::outcomes::{AreaPanel, OutcomeSettings, Outcomes, OutcomesError};
use crate::synth::DemoParams;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use html::Html;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

mod findings;
mod html;
mod levels;
#[cfg(test)]
mod markdown;
mod methods;
mod reproduce;
mod sources;
#[cfg(test)]
mod tests;

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

/// The outcome parts: (part id, outcome section id, heading), in the order of
/// `crate::outcomes::sections::sections` (a test checks that they agree).
pub(crate) const OUTCOME_PARTS: [(&str, &str, &str); 8] = [
    ("outcome-detectable", "detectable", "What the data can detect"),
    ("outcome-calls", "calls", "Calls for service"),
    ("outcome-other-areas", "other-areas", "Compared with other areas"),
    ("outcome-reoffending", "reoffending", "Reoffending after notification"),
    ("outcome-known-addresses", "known-addresses", "Known addresses"),
    ("outcome-pauses", "pauses", "Pauses and complete stops"),
    ("outcome-services", "services", "Service utilisation"),
    ("outcome-sanctions", "sanctions", "Sanctions"),
];

/// The parts of the report in order: data sources, IPV selection, criteria, level distribution,
/// one part per outcome section (`crate::outcomes::sections`), methods, caveats, reproducibility.
pub fn parts() -> Vec<Part> {
    let part = |id, title| Part { id, title };
    let mut list = vec![
        part("data-sources", "Data sources"),
        part("ipv-selection", "IPV selection rule"),
        part("criteria", "Classification criteria"),
        part("level-distribution", "Level distribution"),
    ];
    list.extend(OUTCOME_PARTS.iter().map(|&(id, _, title)| part(id, title)));
    list.extend([
        part("methods", "Methods and definitions"),
        part("caveats", "Caveats and warnings"),
        part("reproducibility", "Reproducibility"),
    ]);
    list
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
        Source::with_sha256(bytes.len() as u64, sha256_hex(bytes), report)
    }

    /// The source record of a file of `bytes` bytes whose SHA-256 (hex) is already known.
    pub fn with_sha256(bytes: u64, sha256: String, report: &QualityReport) -> Source {
        Source {
            name: report.file.clone(),
            table: report.table,
            bytes,
            rows_read: report.rows_read,
            rows_kept: report.rows_kept,
            sha256,
        }
    }
}

/// A file of comparison areas as the report names it (docs/methods.md#comparison-areas).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonFile {
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// What it holds: "24 areas, January 2016 to December 2021 (72 months)".
    pub description: String,
}

impl ComparisonFile {
    pub fn of(name: &str, bytes: &[u8], panel: &AreaPanel) -> ComparisonFile {
        ComparisonFile {
            name: name.into(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
            description: panel.describe(),
        }
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
    /// The file of comparison areas the outcomes read, if they read one (not the demo's own
    /// areas, nor those of an area column).
    pub comparison_file: Option<&'a ComparisonFile>,
}

/// The whole report as one HTML document (`<!DOCTYPE html>` to `</html>`), self-contained: its
/// policy forbids the document to load anything (its one style element is allowed by its hash),
/// so a saved report cannot reach a network.
pub fn document(input: &ReportInput) -> String {
    let mut out = Html::new();
    out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.raw(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{}'\">\n",
        STANDARD.encode(Sha256::digest(STYLE.as_bytes()))
    ));
    out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.raw(&format!("<meta name=\"generator\" content=\"{}\">\n", html::escape(&tool_words())));
    out.el("title", "", &input.choices.title);
    out.raw("<style>").raw(STYLE).raw("</style>\n</head>\n<body>\n");
    out.raw(&article(input));
    out.raw("</body>\n</html>\n");
    out.into_string()
}

/// The report's `<article>` alone (what [`document`] wraps), for the page to show in place.
pub fn article(input: &ReportInput) -> String {
    let sections = input.outcomes.map(sections).unwrap_or_default();
    let shown: Vec<Part> = parts().into_iter().filter(|p| !input.choices.hidden.iter().any(|h| h == p.id)).collect();
    let mut out = Html::new();
    out.raw("<article class=\"ipvi-report\">\n");
    title_block(&mut out, input, &shown);
    for (number, part) in shown.iter().enumerate() {
        out.raw(&format!("<section class=\"part\"{}>\n", html::attrs(&[("id", part.id)])));
        out.el("h2", "", &format!("{}. {}", number + 1, part.title));
        out.raw(&part_body(input, &sections, part.id));
        if let Some(note) = input.choices.notes.get(part.id) {
            out.note(note);
        }
        out.raw("</section>\n");
    }
    out.raw("</article>\n");
    out.into_string()
}

/// The report's style sheet (screen and print), inlined in [`document`]; every rule is scoped to
/// `.ipvi-report` so that the page can include it beside its own (`@page` cannot be scoped).
/// Level colours: docs/methods.md#level-colours.
pub const STYLE: &str = include_str!("report.css");

/// "IPVI Workbench 0.1.0 (build 0123456789ab)".
pub fn tool_words() -> String {
    format!("{} {} (build {})", crate::PRODUCT, crate::VERSION, crate::BUILD)
}

/// The files in the order the report lists them, by table then name, so that the order they
/// were loaded in does not change the report.
fn files_in_order(files: &[(Source, QualityReport)]) -> Vec<&(Source, QualityReport)> {
    let mut list: Vec<&(Source, QualityReport)> = files.iter().collect();
    list.sort_by(|a, b| (a.0.table, &a.0.name).cmp(&(b.0.table, &b.0.name)));
    list
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut hex, b| {
        hex.push_str(&format!("{b:02x}"));
        hex
    })
}

/// Title, authors, date, tool and the contents.
fn title_block(out: &mut Html, input: &ReportInput, shown: &[Part]) {
    out.raw("<header class=\"title-block\">\n");
    out.el("h1", "", &input.choices.title);
    if !input.choices.authors.trim().is_empty() {
        out.el("p", " class=\"authors\"", input.choices.authors.trim());
    }
    let data = match input.origin {
        Origin::Files(files) => format!("{} extract{}", files.len(), if files.len() == 1 { "" } else { "s" }),
        Origin::Demo { .. } => "the demo jurisdiction (synthetic data, no real person)".into(),
    };
    out.facts(&[("Generated", long_date(input.generated)), ("Tool", tool_words()), ("Data", data)]);
    if !shown.is_empty() {
        out.raw("<nav class=\"contents\" aria-label=\"Contents\">\n<ol>\n");
        for part in shown {
            out.raw(&format!("<li><a href=\"#{}\">{}</a></li>\n", part.id, html::escape(part.title)));
        }
        out.raw("</ol>\n</nav>\n");
    }
    out.raw("</header>\n");
}

/// The body of one part, under its heading.
fn part_body(input: &ReportInput, sections: &[Section], id: &str) -> String {
    match id {
        "data-sources" => sources::data_sources(input),
        "ipv-selection" => sources::ipv_selection(input),
        "criteria" => levels::criteria(input.criteria),
        "level-distribution" => levels::distribution(input),
        "methods" => methods::methods(),
        "caveats" => findings::caveats(input, sections),
        "reproducibility" => reproduce::reproducibility(input),
        outcome => findings::outcome(input, sections, outcome),
    }
}
