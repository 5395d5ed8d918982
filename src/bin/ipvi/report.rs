//! `ipvi report`: the evaluation report as one self-contained HTML file, made by the engine
//! function the Report page uses (`ipvi::report::document`) from the same inputs: with a fixed
//! `--generated` date the bytes equal the page's "Save report as HTML" (docs/report.md).

use crate::analysis::{comparison, read_extracts, resolve, AnalysisArgs, Resolved};
use crate::inputs::{parse_day, read_json_file, today};
use crate::output::{emit_bytes, note};
use ipvi::classify::{classify, NotificationMode};
use ipvi::export::{fingerprint, write_extracts, ExtractStyle};
use ipvi::ingest::assemble;
use ipvi::model::{iso, Dataset};
use ipvi::outcomes::{Analysis, AreaPanel};
use ipvi::report::{document, ComparisonFile, Origin, ReportChoices, ReportInput, Source};
use ipvi::synth;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Report on the demo jurisdiction (as the page's "Try the demo jurisdiction") instead of
    /// extracts.
    #[arg(long)]
    pub demo: bool,
    /// The demo's parameters (JSON, as the page's demo settings); implies --demo.
    #[arg(long)]
    pub demo_params: Option<PathBuf>,
    /// The generation date printed in the report (YYYY-MM-DD); default: today. Fix it to get the
    /// same bytes again.
    #[arg(long)]
    pub generated: Option<String>,
    /// The report's title (default: the project's, else "Evaluation of the Intimate Partner
    /// Violence Intervention").
    #[arg(long)]
    pub title: Option<String>,
    /// The authors, as printed under the title (default: the project's).
    #[arg(long)]
    pub authors: Option<String>,
    /// Where to write the report (HTML); `-` for standard output.
    #[arg(long)]
    pub out: PathBuf,
}

/// The data of the report, where it came from, and its comparison areas (with the file they were
/// read from): the demo's own for the demo.
type Inputs = (Origin, Dataset, Option<AreaPanel>, Option<ComparisonFile>);

/// The data of the report and where it came from.
fn origin_and_data(args: &ReportArgs, resolved: &Resolved) -> Result<Inputs, String> {
    // A project saved on the demo reports on the same demo when no extract is given.
    let project_demo = resolved
        .project
        .as_ref()
        .filter(|p| p.data.is_empty() && !args.analysis.has_extracts())
        .and_then(|p| p.demo.clone());
    if args.demo || args.demo_params.is_some() || project_demo.is_some() {
        if args.analysis.has_extracts() {
            return Err("--demo reports on the demo jurisdiction: leave out the extracts, or leave out --demo".into());
        }
        let params = match &args.demo_params {
            Some(path) => read_json_file(path, "a demo parameters file")?,
            None => project_demo.unwrap_or_default(),
        };
        let data = synth::generate(&params).map_err(|e| format!("the demo cannot be generated: {e}"))?;
        let fingerprint = fingerprint(&write_extracts(&data, ExtractStyle::Clean));
        let areas = synth::comparison_areas(&params, &data);
        return Ok((Origin::Demo { params, fingerprint }, data, Some(areas), None));
    }
    let extracts = read_extracts(&args.analysis, resolved)?;
    let data = assemble(extracts.iter().map(|e| &e.parsed));
    let (panel, file) = comparison(&args.analysis, &resolved.settings, &extracts, &data)?.unzip();
    let files = extracts.iter().map(|e| (Source::of(&e.bytes, &e.parsed.report), e.parsed.report.clone())).collect();
    Ok((Origin::Files(files), data, panel, file.flatten()))
}

/// The report's choices: the project's, with --title and --authors on top.
fn choices(args: &ReportArgs, resolved: &Resolved) -> ReportChoices {
    let mut choices = resolved.project.as_ref().map(|p| p.report.clone()).unwrap_or_default();
    if let Some(title) = &args.title {
        choices.title = title.clone();
    }
    if let Some(authors) = &args.authors {
        choices.authors = authors.clone();
    }
    choices
}

pub fn run(args: &ReportArgs) -> Result<(), String> {
    let generated = match &args.generated {
        Some(text) => parse_day("--generated", text)?,
        None => today(),
    };
    let resolved = resolve(&args.analysis)?;
    let (origin, data, panel, comparison_file) = origin_and_data(args, &resolved)?;
    let choices = choices(args, &resolved);
    // The page's one rule for the mode, then its classification and outcomes.
    let mode = NotificationMode::choose(&data, resolved.simulate);
    let classification = classify(&data, &resolved.criteria, mode);
    let outcomes = Analysis::new(&data, &classification, &resolved.settings)
        .and_then(|analysis| analysis.compared_with(panel.as_ref()).finish());
    let input = ReportInput {
        choices: &choices,
        generated,
        origin: &origin,
        data: &data,
        reading_rules: &resolved.rules,
        criteria: &resolved.criteria,
        mode,
        classification: &classification,
        settings: &resolved.settings,
        outcomes: outcomes.as_ref(),
        comparison_file: comparison_file.as_ref(),
    };
    let html = document(&input);
    write(&args.out, html.as_bytes())?;
    if args.out != Path::new("-") {
        note!(
            "wrote {} ({} bytes), generated {}, notifications {}{}",
            args.out.display(),
            html.len(),
            iso(generated),
            mode.word(),
            outcomes.as_ref().err().map_or(String::new(), |e| format!("; no outcomes: {e}"))
        );
    }
    Ok(())
}

/// Writes the file whole or not at all: into a temporary file beside it, then renamed over it.
fn write(out: &Path, bytes: &[u8]) -> Result<(), String> {
    if out == Path::new("-") {
        emit_bytes(bytes);
        return Ok(());
    }
    let name = out.file_name().ok_or_else(|| format!("--out {} names no file", out.display()))?;
    let temporary = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    std::fs::write(&temporary, bytes).map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, out).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}: {e}", out.display())
    })
}
