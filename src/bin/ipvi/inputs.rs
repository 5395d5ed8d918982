//! Reading a command's inputs as the web app would: extracts, reading rules, criteria, dates.

use ipvi::classify::Criteria;
use ipvi::ingest::{assemble, ingest_file, limits, IngestOptions, IngestSettings, ParsedFile, Table};
use ipvi::model::Dataset;
use std::path::{Path, PathBuf};

/// Today as a day number, for the "dates in the future" count.
pub fn today() -> ipvi::model::Day {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    (secs / 86_400) as ipvi::model::Day
}

/// Reads the saved settings of `--map`, or the defaults.
pub fn load_settings(map: Option<&Path>) -> Result<IngestSettings, String> {
    let Some(path) = map else { return Ok(IngestSettings::default()) };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not a mapping file: {e}", path.display()))
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

/// Reads one extract as the given table, as the web app would.
pub fn read_table(path: &Path, table: Table, options: &IngestOptions) -> Result<ParsedFile, String> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let bytes = read_input(path)?;
    let options = IngestOptions { table: Some(table), ..options.clone() };
    ingest_file(&name, &bytes, &options).map_err(|e| e.to_string())
}

/// The incidents, notifications and other extracts of a command, read and joined.
pub fn load_extracts(
    incidents: &Path,
    notifications: Option<&Path>,
    extra: &[(Option<PathBuf>, Table)],
    map: Option<&Path>,
) -> Result<Dataset, String> {
    let options = IngestOptions { today: today(), ..IngestOptions::with_settings(load_settings(map)?) };
    let mut files = vec![read_table(incidents, Table::Incidents, &options)?];
    let others = notifications.map(|p| (p, Table::Notifications)).into_iter();
    for (path, table) in others.chain(extra.iter().filter_map(|(p, t)| Some((p.as_deref()?, *t)))) {
        files.push(read_table(path, table, &options)?);
    }
    Ok(assemble(&files))
}

/// A preset name or a criteria file.
pub fn load_criteria(text: &str) -> Result<Criteria, String> {
    if let Some(preset) = Criteria::preset(text) {
        return Ok(preset);
    }
    let json = std::fs::read_to_string(text).map_err(|e| {
        format!("--criteria {text:?} is neither a preset (ipvi-default, rfgv) nor a readable file: {e}")
    })?;
    Criteria::from_json(&json).map_err(|e| format!("{text}: {e}"))
}

/// A date argument (YYYY-MM-DD, or any date the extracts may hold).
pub fn parse_day(flag: &str, text: &str) -> Result<ipvi::model::Day, String> {
    ipvi::ingest::dates::parse_day(text)
        .ok_or_else(|| format!("{flag} must be a date such as 2021-06-30, not {text:?}"))
}
