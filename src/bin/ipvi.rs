//! `ipvi`: the IPVI Workbench engine on the command line, for scripted, reproducible runs.
//! Every command is a thin layer over the library; results equal the web app's for the same input.

use clap::{Parser, Subcommand};
use ipvi::classify::report::{standings, standings_csv};
use ipvi::classify::NotificationMode;
use ipvi::ingest::{DateOrder, IngestOptions};
use ipvi::model::iso;
use ipvi::synth::{self, DemoParams, Effect};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "ipvi/agreement.rs"]
mod agreement;
#[path = "ipvi/analysis.rs"]
mod analysis;
#[path = "ipvi/demo.rs"]
mod demo;
#[path = "ipvi/exercise.rs"]
mod exercise;
#[path = "ipvi/inputs.rs"]
mod inputs;
#[path = "ipvi/outcomes.rs"]
mod outcomes;
#[path = "ipvi/output.rs"]
mod output;
#[path = "ipvi/report.rs"]
mod report;

use inputs::{check_error, load_criteria, load_extracts, load_settings, parse_day, rules_source, today};
use output::{note, say};

#[derive(Parser)]
#[command(
    name = "ipvi",
    version,
    about = "IPVI Workbench on the command line: evaluate the Intimate Partner \
Violence Intervention on local CSV extracts. Nothing is sent anywhere."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read extracts as the web app would and report: the table each holds, how its columns
    /// map to fields, and its quality (rows kept and rejected with line numbers, dates, fill).
    /// Exits with 0 when every file is usable, 1 otherwise.
    Check {
        /// CSV extracts (incidents, calls, notifications, services, sanctions).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Saved column mappings, IPV rules and flag words (exported from the web app's Data page).
        #[arg(long)]
        map: Option<PathBuf>,
        /// How slashed dates read when the data cannot tell: month-first (US) or day-first.
        #[arg(long, value_parser = parse_date_order)]
        date_order: Option<DateOrder>,
        /// Print the reports as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Classify offenders: write each person's level as of a date, with the reason, as CSV.
    Classify {
        /// Incidents extract.
        #[arg(long)]
        incidents: PathBuf,
        /// Notifications extract; without it, notifications are simulated by policy.
        #[arg(long)]
        notifications: Option<PathBuf>,
        /// A criteria file (JSON, as exported from the Classify page) or a preset:
        /// `ipvi-default` or `rfgv`.
        #[arg(long, default_value = "ipvi-default")]
        criteria: String,
        /// Levels as of this date (YYYY-MM-DD); default: the last incident date in the data.
        #[arg(long)]
        as_of: Option<String>,
        /// Simulate notifications even when a notifications extract is given.
        #[arg(long)]
        simulate: bool,
        /// Replace ids by pseudonyms keyed by this text (the same key gives the same pseudonyms).
        #[arg(long)]
        pseudonym_key: Option<String>,
        /// Saved reading rules (see `check`).
        #[arg(long)]
        map: Option<PathBuf>,
        /// Write the CSV here instead of to standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Outcomes before and after the intervention: IPV calls for service (rate ratio, interrupted
    /// time series) and reoffending after notification (fixed windows, Kaplan-Meier, log-rank).
    Outcomes {
        #[command(flatten)]
        inputs: analysis::AnalysisArgs,
        /// Write every table as CSV and every chart as SVG into this folder (created if missing),
        /// the same files the Outcomes page saves.
        #[arg(long)]
        tables: Option<PathBuf>,
        /// Print every result as JSON (schema: docs/outcomes-json.md).
        #[arg(long)]
        json: bool,
    },
    /// The evaluation report as one self-contained HTML file (charts inline, nothing loaded from
    /// anywhere): data sources, IPV rule, criteria, levels, every outcome, methods, caveats and
    /// what reproduces it. The same bytes as the Report page's for the same inputs and date.
    Report(report::ReportArgs),
    /// A training room's agreement: each trainee's answers against the key (accuracy, Cohen's
    /// kappa), agreement among trainees (Fleiss' kappa), and the cases that split the room.
    Agreement {
        /// Answers files (`trainee,case,level`), one per trainee or several trainees per file.
        #[arg(required = true)]
        answers: Vec<PathBuf>,
        /// The answer key (`case,level,reason`).
        #[arg(long)]
        key: PathBuf,
        /// Print every figure as JSON (schema: docs/agreement-json.md).
        #[arg(long)]
        json: bool,
    },
    /// Write the demo jurisdiction (synthetic extracts with a known, planted effect) as CSV files.
    Demo {
        /// Number of people with incidents.
        #[arg(long, default_value_t = synth::DEFAULT_PEOPLE)]
        people: u32,
        /// Random seed: the same seed and parameters give identical files on every platform.
        #[arg(long, default_value_t = synth::DEFAULT_SEED)]
        seed: u64,
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "demo")]
        out: PathBuf,
        /// Also write messy variants (other headers, US dates, Y/N flags, `;`, Windows-1252, ...).
        #[arg(long)]
        messy: bool,
        /// Planted effect: `none`, `default`, or a hazard ratio of reoffending after notification.
        #[arg(long, default_value = "default", value_parser = Effect::parse)]
        effect: Effect,
        /// Relative drop in IPV calls for service after the start (0 to below 1).
        #[arg(long)]
        call_drop: Option<f64>,
        /// Print the fingerprint of the clean extracts and write nothing.
        #[arg(long)]
        fingerprint_only: bool,
    },
    /// Write a classification exercise for trainees: synthetic cases (incidents.csv,
    /// notifications.csv, one person per case) all decided as of one date, and the answer key
    /// (key.csv: case, level, reason), which is what `classify --as-of` that date gives.
    Exercise {
        /// Random seed: the same seed and settings give the same cases on every platform.
        #[arg(long)]
        seed: u64,
        /// Number of cases (1 to 60).
        #[arg(long)]
        cases: u32,
        /// `easy` (clear-cut), `hard` (one fact changes the level) or `mixed` (about half each).
        #[arg(long, default_value = "mixed")]
        difficulty: String,
        /// The criteria the key follows: a preset (`ipvi-default`, `rfgv`) or a criteria file.
        #[arg(long, default_value = "ipvi-default")]
        criteria: String,
        /// Folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Outcomes { inputs, tables, json } => outcomes::run(&inputs, tables.as_deref(), json),
        Command::Report(args) => report::run(&args),
        Command::Classify { incidents, notifications, criteria, as_of, simulate, pseudonym_key, map, out } => classify(
            &incidents,
            notifications.as_deref(),
            &criteria,
            as_of.as_deref(),
            simulate,
            pseudonym_key.as_deref(),
            map.as_deref(),
            out.as_deref(),
        ),
        Command::Agreement { answers, key, json } => agreement::run(&answers, &key, json),
        Command::Check { files, map, date_order, json } => check(&files, map.as_deref(), date_order, json),
        Command::Exercise { seed, cases, difficulty, criteria, out } => {
            exercise::run(seed, cases, &difficulty, &criteria, &out)
        }
        Command::Demo { people, seed, out, messy, effect, call_drop, fingerprint_only } => {
            let mut params = DemoParams { people, seed, ..DemoParams::default() }.with_effect(effect);
            if let Some(drop) = call_drop {
                params.call_drop = drop;
            }
            demo::demo(&params, &out, messy, fingerprint_only)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            note!("ipvi: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_date_order(text: &str) -> Result<DateOrder, String> {
    match text {
        "month-first" | "us" => Ok(DateOrder::MonthFirst),
        "day-first" => Ok(DateOrder::DayFirst),
        other => Err(format!("date order is month-first or day-first, not {other:?}")),
    }
}

fn check(files: &[PathBuf], map: Option<&Path>, date_order: Option<DateOrder>, json: bool) -> Result<(), String> {
    let options = IngestOptions { date_order, today: today(), ..IngestOptions::with_settings(load_settings(map)?) };
    let mut failures = Vec::new();
    let mut reports = Vec::new();
    for path in files {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let bytes = match inputs::read_input(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        match inputs::parse(&name, &bytes, &options) {
            Ok(file) if json => reports.push(file.report),
            Ok(file) => say!("{}", file.report.to_text()),
            Err(err) => failures.push(check_error(&err, rules_source(map).as_deref())),
        }
    }
    if json {
        say!("{}", serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\nipvi: "))
    }
}

#[allow(clippy::too_many_arguments)]
fn classify(
    incidents: &Path,
    notifications: Option<&Path>,
    criteria: &str,
    as_of: Option<&str>,
    simulate: bool,
    pseudonym_key: Option<&str>,
    map: Option<&Path>,
    out: Option<&Path>,
) -> Result<(), String> {
    let criteria = load_criteria(criteria)?;
    let data = load_extracts(incidents, notifications, &[], map)?;
    let mode = NotificationMode::choose(&data, simulate);
    let result = ipvi::classify::classify(&data, &criteria, mode);
    let as_of = match as_of {
        Some(text) => parse_day("--as-of", text)?,
        None => result.last_day().ok_or("the incidents extract has no IPV incident with a suspect id")?,
    };
    let list = standings(&result, as_of);
    let csv = standings_csv(&data, &list, &criteria, pseudonym_key);
    match out {
        Some(path) => std::fs::write(path, &csv).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => output::emit_bytes(&csv),
    }
    let counts = result.distribution(as_of);
    note!(
        "classified {} people as of {} with \"{}\" (notifications {}): D {}, C {}, B {}, A {}",
        list.len(),
        iso(as_of),
        criteria.name,
        mode.word(),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    Ok(())
}
