//! Reading a command's inputs as the web app would: extracts, reading rules, criteria, dates.

use ipvi::classify::Criteria;
use ipvi::ingest::{assemble, ingest_file, ingest_on_threads, limits, IngestError, IngestOptions, IngestSettings};
use ipvi::ingest::{ParsedFile, Table};
use ipvi::model::Dataset;
use ipvi::words::quoted_text;
use std::path::{Path, PathBuf};

/// Today as a day number, for the "dates in the future" count.
pub fn today() -> ipvi::model::Day {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    (secs / 86_400) as ipvi::model::Day
}

/// Reads the saved settings of `--map`, or the defaults.
pub fn load_settings(map: Option<&Path>) -> Result<IngestSettings, String> {
    let Some(path) = map else { return Ok(IngestSettings::default()) };
    read_json_file(path, "a reading-rules file")
}

/// Reads a file whole, up to the most the workbench reads (`ipvi::ingest::limits`): a file's
/// size is checked before reading, and a device or stream with no size stops at the limit.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?;
    let size = size.is_file().then_some(size.len());
    limits::read_within_limit(file, size).map_err(|e| e.in_file(&path.display().to_string()).to_string())
}

/// Reads a text file (settings, criteria, a project) within the same size limit as an extract,
/// so that a device or a huge file given by mistake is refused rather than read without end.
pub fn read_text(path: &Path) -> Result<String, String> {
    String::from_utf8(read_input(path)?).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        format!("{}: byte {byte} is not UTF-8: save the file as UTF-8 text", path.display())
    })
}

/// Reads a JSON settings file (reading rules, outcome settings, demo parameters) as the page does.
pub fn read_json_file<T: serde::de::DeserializeOwned>(path: &Path, what: &'static str) -> Result<T, String> {
    let text = read_text(path)?;
    ipvi::settings::read_json(&path.display().to_string(), what, &text).map_err(|e| e.to_string())
}

/// Where a run's reading rules came from, for messages: `--map FILE`, or `None`.
pub fn rules_source(map: Option<&Path>) -> Option<String> {
    map.map(|p| p.display().to_string())
}

/// A message about an extract read under reading rules from a file, naming that file: the
/// rules (a saved mapping, the IPV rule) may be what went wrong.
fn naming_rules(message: String, rules_from: Option<&str>) -> String {
    match rules_from {
        Some(file) => format!("{message} (read with the reading rules of {file})"),
        None => message,
    }
}

/// Extracts from this size are read on several cores: below it a thread costs more than it saves.
const THREADS_FROM_BYTES: usize = 8 << 20;

/// Parses one extract's bytes, a large one on up to four cores (each a part of the rows, merged
/// into exactly what one pass gives).
pub fn parse(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<ParsedFile, IngestError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if bytes.len() >= THREADS_FROM_BYTES && cores > 1 {
        ingest_on_threads(name, bytes, options, cores)
    } else {
        ingest_file(name, bytes, options)
    }
}

/// Reads one extract as the web app would. An IPV rule that picks none of its rows is an
/// error here: every analysis of the file would count nothing.
pub fn read_extract(
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    rules_from: Option<&str>,
) -> Result<ParsedFile, String> {
    let parsed = parse(name, bytes, options).map_err(|e| naming_rules(e.to_string(), rules_from))?;
    let report = &parsed.report;
    if report.no_ipv_rows() {
        let message = format!(
            "{}: none of its {} rows counts as IPV under the IPV rule for {}, so there is nothing to analyse: \
             check the rule (domestic flag, offence or call types, relationship codes)",
            quoted_text(name),
            ipvi::words::count(report.rows_kept as u64),
            report.table.name()
        );
        return Err(naming_rules(message, rules_from));
    }
    Ok(parsed)
}

/// An ingest error of `check`, naming the reading rules' file when there is one.
pub fn check_error(error: &ipvi::ingest::IngestError, rules_from: Option<&str>) -> String {
    naming_rules(error.to_string(), rules_from)
}

/// Reads one extract file as the given table.
pub fn read_table(
    path: &Path,
    table: Table,
    options: &IngestOptions,
    rules_from: Option<&str>,
) -> Result<ParsedFile, String> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let bytes = read_input(path)?;
    let options = IngestOptions { table: Some(table), ..options.clone() };
    read_extract(&name, &bytes, &options, rules_from)
}

/// The incidents, notifications and other extracts of a command, read and joined.
pub fn load_extracts(
    incidents: &Path,
    notifications: Option<&Path>,
    extra: &[(Option<PathBuf>, Table)],
    map: Option<&Path>,
) -> Result<Dataset, String> {
    let options = IngestOptions { today: today(), ..IngestOptions::with_settings(load_settings(map)?) };
    let from = rules_source(map);
    let mut files = vec![read_table(incidents, Table::Incidents, &options, from.as_deref())?];
    let others = notifications.map(|p| (p, Table::Notifications)).into_iter();
    for (path, table) in others.chain(extra.iter().filter_map(|(p, t)| Some((p.as_deref()?, *t)))) {
        files.push(read_table(path, table, &options, from.as_deref())?);
    }
    Ok(assemble(&files))
}

/// A preset name or a criteria file.
pub fn load_criteria(text: &str) -> Result<Criteria, String> {
    if let Some(preset) = Criteria::preset(text) {
        return Ok(preset);
    }
    let path = Path::new(text);
    if !path.exists() {
        return Err(format!("--criteria {text:?} is neither a preset (ipvi-default, rfgv) nor a file"));
    }
    let json = read_text(path)?;
    Criteria::from_json(&json).map_err(|e| format!("{text}: {e}"))
}

/// A date argument (YYYY-MM-DD, or any date the extracts may hold).
pub fn parse_day(flag: &str, text: &str) -> Result<ipvi::model::Day, String> {
    ipvi::ingest::dates::parse_day(text)
        .ok_or_else(|| format!("{flag} must be a date such as 2021-06-30, not {text:?}"))
}
