//! `ipvi outcomes`: the Outcomes page's sections as text, JSON, or CSV tables and SVG charts.

use crate::analysis::{comparison, read_extracts, resolve, AnalysisArgs};
use crate::output::{emit_line, say};
use ipvi::charts::EXPORT_SIZE;
use ipvi::classify::{classify, NotificationMode};
use ipvi::ingest::assemble;
use ipvi::model::iso;
use ipvi::outcomes::sections::sections;
use ipvi::outcomes::Analysis;
use std::path::Path;

pub fn run(args: &AnalysisArgs, tables: Option<&Path>, json: bool) -> Result<(), String> {
    let resolved = resolve(args)?;
    let extracts = read_extracts(args, &resolved)?;
    let data = assemble(extracts.iter().map(|e| &e.parsed));
    let mode = NotificationMode::choose(&data, resolved.simulate);
    let classification = classify(&data, &resolved.criteria, mode);
    let panel = comparison(args, &resolved.settings, &extracts, &data)?.map(|(panel, _)| panel);
    let analysis = Analysis::new(&data, &classification, &resolved.settings).map_err(|e| e.to_string())?;
    let results = analysis.compared_with(panel.as_ref()).finish().map_err(|e| e.to_string())?;
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
