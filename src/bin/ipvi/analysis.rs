//! The inputs and options `ipvi outcomes` and `ipvi report` share: extracts (from files, or
//! embedded in a project file), reading rules, criteria, outcome settings and the notification
//! mode, each from its flag, else the project file, else the default, as the page would have them.

use crate::inputs::{
    load_criteria, load_settings, parse_day, read_extract, read_json_file, read_text, rules_source, today,
};
use ipvi::classify::Criteria;
use ipvi::ingest::{IngestOptions, IngestSettings, ParsedFile, Table};
use ipvi::model::Dataset;
use ipvi::outcomes::comparison::{area_column, panel_from_data, read_comparison, AreaPanel};
use ipvi::outcomes::OutcomeSettings;
use ipvi::project::Project;
use ipvi::report::ComparisonFile;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct AnalysisArgs {
    /// Incidents extract (or the one embedded in --project).
    #[arg(long)]
    pub incidents: Option<PathBuf>,
    /// Notifications extract; without it, notifications are simulated by policy.
    #[arg(long)]
    pub notifications: Option<PathBuf>,
    /// Calls for service extract; without it, IPV incidents are counted instead.
    #[arg(long)]
    pub calls: Option<PathBuf>,
    /// Services extract (service utilisation).
    #[arg(long)]
    pub services: Option<PathBuf>,
    /// Sanctions extract.
    #[arg(long)]
    pub sanctions: Option<PathBuf>,
    /// Intervention start (YYYY-MM-DD); default: the first recorded notification.
    #[arg(long)]
    pub start: Option<String>,
    /// End of follow-up (YYYY-MM-DD); default: the last date in the data.
    #[arg(long)]
    pub end: Option<String>,
    /// Criteria file or preset for the classification (see `classify`); default: the project's,
    /// else `ipvi-default`.
    #[arg(long)]
    pub criteria: Option<String>,
    /// Saved reading rules (see `check`); default: the project's.
    #[arg(long)]
    pub map: Option<PathBuf>,
    /// Simulate notifications even when a notifications extract is given.
    #[arg(long)]
    pub simulate: bool,
    /// Outcome settings saved from the Outcomes page (JSON); default: the project's. --start and
    /// --end override them.
    #[arg(long)]
    pub settings: Option<PathBuf>,
    /// Monthly counts of comparison areas (CSV: `area,month,count` with months as YYYY-MM, or a
    /// month column and one column per area). The loaded extract is the treated area.
    #[arg(long)]
    pub comparison: Option<PathBuf>,
    /// The areas where the programme ran, by the area column of the calls (or incidents),
    /// comma-separated: the other areas of that column are the comparison areas.
    #[arg(long, value_delimiter = ',')]
    pub treated_areas: Vec<String>,
    /// A project file (.ipvi.json) saved from the page: its reading rules, criteria, outcome
    /// settings, simulation choice and report choices, and the extracts it carries (used for the
    /// tables given no file). Flags given on the command line win.
    #[arg(long)]
    pub project: Option<PathBuf>,
}

impl AnalysisArgs {
    /// The extract given for each table, in table order.
    fn extracts(&self) -> [(Option<&Path>, Table); 5] {
        [
            (self.incidents.as_deref(), Table::Incidents),
            (self.calls.as_deref(), Table::Calls),
            (self.notifications.as_deref(), Table::Notifications),
            (self.services.as_deref(), Table::Services),
            (self.sanctions.as_deref(), Table::Sanctions),
        ]
    }

    /// Whether any extract is named on the command line.
    pub fn has_extracts(&self) -> bool {
        self.extracts().iter().any(|(path, _)| path.is_some())
    }
}

/// The settings of a run, each from its flag, the project file or the default.
pub struct Resolved {
    pub project: Option<Project>,
    pub rules: IngestSettings,
    /// The file the reading rules came from (`--map` or `--project`), for messages.
    pub rules_from: Option<String>,
    pub criteria: Criteria,
    pub settings: OutcomeSettings,
    pub simulate: bool,
}

pub fn load_project(path: &Path) -> Result<Project, String> {
    let text = read_text(path)?;
    Project::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn load_outcome_settings(path: &Path) -> Result<OutcomeSettings, String> {
    read_json_file(path, "an outcome settings file")
}

pub fn resolve(args: &AnalysisArgs) -> Result<Resolved, String> {
    let project = args.project.as_deref().map(load_project).transpose()?;
    let (rules, rules_from) = match (&args.map, &project) {
        (None, Some(p)) => (p.reading_rules.clone(), rules_source(args.project.as_deref())),
        (map, _) => (load_settings(map.as_deref())?, rules_source(map.as_deref())),
    };
    let criteria = match (&args.criteria, &project) {
        (Some(text), _) => load_criteria(text)?,
        (None, Some(p)) => p.criteria.clone(),
        (None, None) => Criteria::ipvi_default(),
    };
    let mut settings = match (&args.settings, &project) {
        (Some(path), _) => load_outcome_settings(path)?,
        (None, Some(p)) => p.outcomes.clone(),
        (None, None) => OutcomeSettings::default(),
    };
    if let Some(text) = &args.start {
        settings.start = Some(parse_day("--start", text)?);
    }
    if let Some(text) = &args.end {
        settings.end = Some(parse_day("--end", text)?);
    }
    if !args.treated_areas.is_empty() {
        settings.treated_areas = args.treated_areas.iter().map(|a| a.trim().to_string()).collect();
    }
    let simulate = args.simulate || project.as_ref().is_some_and(|p| p.simulate);
    Ok(Resolved { project, rules, rules_from, criteria, settings, simulate })
}

/// One extract as read: its name, bytes and the parsed file.
pub struct Extract {
    pub bytes: Vec<u8>,
    pub parsed: ParsedFile,
}

fn parse(
    name: &str,
    bytes: Vec<u8>,
    table: Table,
    options: &IngestOptions,
    rules_from: Option<&str>,
) -> Result<Extract, String> {
    let options = IngestOptions { table: Some(table), ..options.clone() };
    let parsed = read_extract(name, &bytes, &options, rules_from)?;
    Ok(Extract { bytes, parsed })
}

/// Every extract of the run, in table order: the file named on the command line, else the one
/// the project carries. An incidents extract is needed.
pub fn read_extracts(args: &AnalysisArgs, resolved: &Resolved) -> Result<Vec<Extract>, String> {
    let options = IngestOptions { today: today(), ..IngestOptions::with_settings(resolved.rules.clone()) };
    let mut extracts = Vec::new();
    for (path, table) in args.extracts() {
        if let Some(path) = path {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            let bytes = crate::inputs::read_input(path)?;
            extracts.push(parse(&name, bytes, table, &options, resolved.rules_from.as_deref())?);
        } else if let Some(file) = resolved.project.as_ref().and_then(|p| p.embedded(table)) {
            let bytes = file.bytes().map_err(|e| e.to_string())?;
            extracts.push(parse(&file.name, bytes, table, &options, resolved.rules_from.as_deref())?);
        } else if table == Table::Incidents {
            return Err(
                "an incidents extract is needed: give --incidents FILE (or a --project that carries one)".into()
            );
        }
    }
    Ok(extracts)
}

/// The comparison areas of the run: by the area column of the calls (or incidents) when treated
/// areas are chosen, else the `--comparison` file (with its record for the report), else none.
pub fn comparison(
    args: &AnalysisArgs,
    settings: &OutcomeSettings,
    extracts: &[Extract],
    data: &Dataset,
) -> Result<Option<(AreaPanel, Option<ComparisonFile>)>, String> {
    if !settings.treated_areas.is_empty() {
        if args.comparison.is_some() {
            return Err("give either --comparison FILE or --treated-areas (by the area column), not both".into());
        }
        let counted = if data.calls.as_ref().is_some_and(|c| !c.is_empty()) { Table::Calls } else { Table::Incidents };
        let file = extracts.iter().find(|e| e.parsed.mapping.table == counted);
        let column = file.and_then(|e| area_column(&e.parsed)).ok_or_else(|| {
            format!("--treated-areas needs an area column (beat, district, ...) in the {} extract", counted.name())
        })?;
        return panel_from_data(data, column).map(|panel| Some((panel, None))).map_err(|e| e.to_string());
    }
    let Some(path) = &args.comparison else { return Ok(None) };
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let bytes = crate::inputs::read_input(path)?;
    let panel = read_comparison(&name, &bytes).map_err(|e| e.to_string())?;
    let file = ComparisonFile::of(&name, &bytes, &panel);
    Ok(Some((panel, Some(file))))
}
