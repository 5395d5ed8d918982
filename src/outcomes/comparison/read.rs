//! Reading a comparison file: long form (`area,month,count`) or wide form (a month column, then
//! one column per area), decoded and split like the extracts (docs/methods.md#comparison-areas).

use super::error::{ComparisonError, ComparisonErrorKind as Kind};
use super::{check_size, month_words, AreaPanel};
use crate::ingest::sniff::{decode, is_title_row, sniff_dialect, MAX_TITLE_LINES};
use crate::ingest::values::normalize;
use crate::model::day_from_ymd;

/// Header names (normalised) of the long form's columns.
const AREA_NAMES: &[&str] =
    &["area", "areaname", "beat", "district", "sector", "precinct", "zone", "ward", "city", "jurisdiction"];
const MONTH_NAMES: &[&str] = &["month", "period", "date", "yearmonth", "monthyear"];
const COUNT_NAMES: &[&str] = &["count", "calls", "incidents", "n", "events", "ipvcalls", "callsforservice"];

/// One count read: area (index into the names), month (`month_index`), count, line.
struct Entry {
    area: usize,
    month: i32,
    count: f64,
    line: u64,
}

/// What a file's rows give: the area names in the order met, and the counts.
struct Read {
    areas: Vec<String>,
    entries: Vec<Entry>,
    /// Whether a repeated (area, month) names the area (long form) or the month only (wide).
    long: bool,
}

/// A row of the file: its line and trimmed cells.
type Row = (u64, Vec<String>);

/// Reads a comparison file (see the module's comment) into a panel: areas missing a month of the
/// panel's span are left out with a warning; an error names the file, line and field.
pub fn read_comparison(name: &str, bytes: &[u8]) -> Result<AreaPanel, ComparisonError> {
    let fail = |line: Option<u64>, kind: Kind| ComparisonError::new(name, line, kind);
    let (text, _) = decode(bytes).map_err(|e| fail(None, Kind::Unreadable { detail: e.to_string() }))?;
    let delimiter = sniff_dialect(&text).delimiter;
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| fail(e.position().map(|p| p.line()), Kind::Unreadable { detail: e.to_string() }))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((record.position().map_or(0, |p| p.line()), cells));
        }
    }
    // Title lines above the header (a single value each), as spreadsheets add, are passed over.
    let titles =
        rows.iter().take(MAX_TITLE_LINES).take_while(|(_, cells)| is_title_row(cells.iter().map(String::as_str)));
    let titles = titles.count();
    let Some(((_, header), body)) = rows[titles..].split_first() else {
        return Err(fail(None, Kind::Unreadable { detail: "it holds no rows".into() }));
    };
    let position = |names: &[&str]| header.iter().position(|h| names.contains(&normalize(h).as_str()));
    let read = match (position(AREA_NAMES), position(MONTH_NAMES), position(COUNT_NAMES)) {
        (Some(area), Some(month), Some(count)) => long_form(header, body, [area, month, count]),
        _ if is_wide(header, body) => wide_form(header, body),
        _ => Err((None, Kind::UnknownForm { headers: header.clone() })),
    }
    .map_err(|(line, kind)| fail(line, kind))?;
    let panel = complete_areas(read).map_err(|(line, kind)| fail(line, kind))?;
    check_size(AreaPanel { source: name.to_string(), ..panel }, name)
}

/// A problem at a line of the file.
type Problem = (Option<u64>, Kind);

/// A month as `YYYY-MM`, `YYYY-MM-DD` (any day of the month) or `MM/YYYY`: its `month_index`.
pub(super) fn parse_month(text: &str) -> Option<i32> {
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let (year, month, day) = match text.split_once('/') {
        Some((m, y)) => (number(y, 4..=4)?, number(m, 1..=2)?, 1),
        None => match text.split('-').collect::<Vec<_>>().as_slice() {
            [y, m] => (number(y, 4..=4)?, number(m, 1..=2)?, 1),
            [y, m, d] => (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?),
            _ => return None,
        },
    };
    day_from_ymd(year as i32, month, day)?;
    Some(year as i32 * 12 + month as i32 - 1)
}

/// A whole number of at least 0 (`12`, or `12.0` as spreadsheets write it).
fn parse_count(text: &str) -> Option<f64> {
    let whole = match text.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => text,
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    whole.parse::<u64>().ok().map(|n| n as f64)
}

fn long_form(header: &[String], body: &[Row], [area, month, count]: [usize; 3]) -> Result<Read, Problem> {
    let width = area.max(month).max(count) + 1;
    let mut read = Read { areas: Vec::new(), entries: Vec::new(), long: true };
    for (at, cells) in body {
        let line = Some(*at);
        if cells.len() < width {
            return Err((line, Kind::FieldCount { found: cells.len(), expected: header.len() }));
        }
        if cells[area].is_empty() {
            return Err((line, Kind::EmptyArea { field: header[area].clone() }));
        }
        let bad_month = || Kind::BadMonth { field: header[month].clone(), value: cells[month].clone() };
        let m = parse_month(&cells[month]).ok_or_else(|| (line, bad_month()))?;
        let bad_count = || Kind::BadCount { field: header[count].clone(), value: cells[count].clone() };
        let n = parse_count(&cells[count]).ok_or_else(|| (line, bad_count()))?;
        let a = match read.areas.iter().position(|x| *x == cells[area]) {
            Some(a) => a,
            None => {
                read.areas.push(cells[area].clone());
                read.areas.len() - 1
            }
        };
        read.entries.push(Entry { area: a, month: m, count: n, line: *at });
    }
    Ok(read)
}

/// A wide form: at least a month column and an area column, the first column headed as a month
/// or holding a month in the first row.
fn is_wide(header: &[String], body: &[Row]) -> bool {
    header.len() >= 2
        && (MONTH_NAMES.contains(&normalize(&header[0]).as_str())
            || body.first().is_some_and(|(_, cells)| parse_month(&cells[0]).is_some()))
}

fn wide_form(header: &[String], body: &[Row]) -> Result<Read, Problem> {
    let areas: Vec<String> = header[1..].to_vec();
    let header_line = Some(1);
    for (j, area) in areas.iter().enumerate() {
        if area.is_empty() {
            return Err((header_line, Kind::EmptyArea { field: format!("column {}", j + 2) }));
        }
        if areas[..j].contains(area) {
            return Err((header_line, Kind::DuplicateArea { area: area.clone() }));
        }
    }
    let mut read = Read { areas, entries: Vec::new(), long: false };
    let mut lines_of_months: Vec<(i32, u64)> = Vec::new();
    for (line, cells) in body {
        let bad_month = || Kind::BadMonth { field: header[0].clone(), value: cells[0].clone() };
        let month = parse_month(&cells[0]).ok_or_else(|| (Some(*line), bad_month()))?;
        if let Some(&(_, first_line)) = lines_of_months.iter().find(|(m, _)| *m == month) {
            return Err((Some(*line), Kind::Duplicate { area: None, month, first_line }));
        }
        lines_of_months.push((month, *line));
        // A missing or empty cell is a month without a count for that area.
        for (j, cell) in cells.iter().enumerate().skip(1).take(read.areas.len()).filter(|(_, c)| !c.is_empty()) {
            let bad_count = || Kind::BadCount { field: header[j].clone(), value: cell.clone() };
            let count = parse_count(cell).ok_or_else(|| (Some(*line), bad_count()))?;
            read.entries.push(Entry { area: j - 1, month, count, line: *line });
        }
    }
    Ok(read)
}

/// The panel of the areas with a count in every month of the span; the others are left out
/// with a warning naming their first missing month.
fn complete_areas(read: Read) -> Result<AreaPanel, Problem> {
    let (Some(first), Some(last)) =
        (read.entries.iter().map(|e| e.month).min(), read.entries.iter().map(|e| e.month).max())
    else {
        return Err((None, Kind::TooFewMonths { found: 0 }));
    };
    let months = (last - first + 1) as usize;
    let mut grid: Vec<Vec<Option<(f64, u64)>>> = vec![vec![None; months]; read.areas.len()];
    for e in &read.entries {
        let slot = &mut grid[e.area][(e.month - first) as usize];
        if let Some((_, first_line)) = *slot {
            let area = read.long.then(|| read.areas[e.area].clone());
            return Err((Some(e.line), Kind::Duplicate { area, month: e.month, first_line }));
        }
        *slot = Some((e.count, e.line));
    }
    let mut panel = AreaPanel {
        areas: Vec::new(),
        first_month: first,
        counts: Vec::new(),
        source: String::new(),
        warnings: Vec::new(),
    };
    for (area, cells) in read.areas.into_iter().zip(grid) {
        match cells.iter().position(Option::is_none) {
            Some(missing) => panel
                .warnings
                .push(format!("{area:?} is left out: it has no count for {}", month_words(first + missing as i32))),
            None => {
                panel.counts.push(cells.into_iter().map(|c| c.map_or(0.0, |(n, _)| n)).collect());
                panel.areas.push(area);
            }
        }
    }
    if panel.areas.is_empty() && !panel.warnings.is_empty() {
        return Err((None, Kind::NoCompleteArea));
    }
    Ok(panel)
}
