//! `ipvi outcomes`: the Outcomes page's sections as text, JSON, or CSV tables and SVG charts.

use crate::inputs::parse_day;
use crate::output::{emit_line, say};
use ipvi::charts::EXPORT_SIZE;
use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::model::{iso, Dataset};
use ipvi::outcomes::sections::sections;
use ipvi::outcomes::{analyze, OutcomeSettings};
use std::path::Path;

/// What the command was given, read (or the reason it could not be).
pub struct Run<'a> {
    pub criteria: Result<Criteria, String>,
    pub data: Result<Dataset, String>,
    pub simulate: bool,
    /// Settings saved from the page (JSON).
    pub settings: Option<&'a Path>,
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
}

/// The page's settings file, with --start and --end on top.
fn settings(run: &Run) -> Result<OutcomeSettings, String> {
    let mut settings = match run.settings {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            serde_json::from_str(&text)
                .map_err(|e| format!("{} is not an outcome settings file: {e}", path.display()))?
        }
        None => OutcomeSettings::default(),
    };
    if let Some(text) = run.start {
        settings.start = Some(parse_day("--start", text)?);
    }
    if let Some(text) = run.end {
        settings.end = Some(parse_day("--end", text)?);
    }
    Ok(settings)
}

pub fn run(run: Run, tables: Option<&Path>, json: bool) -> Result<(), String> {
    let settings = settings(&run)?;
    let (criteria, data) = (run.criteria?, run.data?);
    let mode = NotificationMode::choose(&data, run.simulate);
    let classification = classify(&data, &criteria, mode);
    let results = analyze(&data, &classification, &settings).map_err(|e| e.to_string())?;
    let sections = sections(&results);
    if let Some(dir) = tables {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let write = |name: String, bytes: &[u8]| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        for body in sections.iter().filter_map(|s| s.body.as_ref().ok()) {
            for table in &body.tables {
                write(format!("{}.csv", table.name), &table.csv())?;
            }
            for figure in &body.figures {
                let svg = ipvi::charts::svg(&figure.chart, f64::from(EXPORT_SIZE.0), f64::from(EXPORT_SIZE.1));
                write(format!("{}.svg", figure.name), svg.as_bytes())?;
            }
        }
    }
    if json {
        emit_line(&serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?);
        return Ok(());
    }
    say!("Intervention start {}, data end {}; notifications {}.", iso(results.start), iso(results.end), mode.word());
    for section in &sections {
        say!("{}", section.text());
    }
    Ok(())
}
