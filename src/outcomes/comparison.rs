//! Comparison areas (docs/methods.md#comparison-areas): monthly IPV counts of areas without the
//! programme, the comparison series of difference-in-differences and synthetic control. They come
//! from a small file (`read_comparison`, long or wide form) or from the loaded extracts' area
//! column (`panel_from_data`).

mod error;
mod read;

pub use error::{ComparisonError, ComparisonErrorKind};
pub use read::read_comparison;

use super::series::ipv_event_areas;
use crate::ingest::{Field, ParsedFile};
use crate::model::{month_index, Dataset, NO_ID};
use crate::words::count;
use serde::Serialize;

/// Fewer areas or months than this give no comparison.
pub const MIN_AREAS: usize = 2;
pub const MIN_MONTHS: usize = 2;

/// Monthly counts of comparison areas over consecutive months, every area with every month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaPanel {
    pub areas: Vec<String>,
    /// The first month, as `model::month_index` (`year * 12 + month0`).
    pub first_month: i32,
    /// By area (as `areas`), then by month from `first_month` on.
    pub counts: Vec<Vec<f64>>,
    /// The file's name, or "area column X" of the loaded extracts.
    pub source: String,
    /// What was left out, and why.
    pub warnings: Vec<String>,
}

impl AreaPanel {
    /// The number of months.
    pub fn months(&self) -> usize {
        self.counts.first().map_or(0, Vec::len)
    }

    /// The last month (`month_index`).
    pub fn last_month(&self) -> i32 {
        self.first_month + self.months() as i32 - 1
    }

    /// Every month of the panel (`month_index`), in order.
    pub fn month_indices(&self) -> std::ops::Range<i32> {
        self.first_month..self.first_month + self.months() as i32
    }

    /// The position of an area, by its name.
    pub fn area_index(&self, name: &str) -> Option<usize> {
        self.areas.iter().position(|a| a == name)
    }

    /// An area's counts by month, by its name.
    pub fn series(&self, name: &str) -> Option<&[f64]> {
        self.area_index(name).map(|i| self.counts[i].as_slice())
    }

    /// The count of an area in a month (`month_index`), if the panel has that month.
    pub fn count(&self, area: usize, month: i32) -> Option<f64> {
        let at = usize::try_from(month - self.first_month).ok()?;
        self.counts.get(area)?.get(at).copied()
    }

    /// "24 areas, January 2016 to December 2021 (72 months)".
    pub fn describe(&self) -> String {
        format!(
            "{} areas, {} to {} ({} months)",
            count(self.areas.len() as u64),
            month_words(self.first_month),
            month_words(self.last_month()),
            count(self.months() as u64)
        )
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "March 2019" for a `month_index`.
pub fn month_words(month: i32) -> String {
    format!("{} {}", MONTH_NAMES[month.rem_euclid(12) as usize], month.div_euclid(12))
}

/// "2019-03" for a `month_index`, as comparison files write months.
pub fn month_iso(month: i32) -> String {
    format!("{:04}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

/// The header of the area column of a parsed extract, if it has one mapped.
pub fn area_column(file: &ParsedFile) -> Option<&str> {
    file.mapping.column(Field::Area).map(|j| file.headers[j].as_str())
}

/// Monthly IPV events by area from the loaded extracts: exactly the events the calls-for-service
/// analysis counts (IPV calls for service, or IPV incidents without a calls extract), by their
/// area column (`column`: its header, for the source's name), from the first event's month to
/// the last's. Events without an area are left out, with a warning.
pub fn panel_from_data(data: &Dataset, column: &str) -> Result<AreaPanel, ComparisonError> {
    let (counted, has_area, events) = ipv_event_areas(data);
    let source = format!("area column {column}");
    let what = if counted == "calls" { "IPV calls for service" } else { "IPV incidents" };
    let fail = |kind| Err(ComparisonError::new(&source, None, kind));
    if !has_area {
        return fail(ComparisonErrorKind::NoAreaColumn { counted: what });
    }
    let (Some(first), Some(last)) =
        (events.iter().map(|e| month_index(e.0)).min(), events.iter().map(|e| month_index(e.0)).max())
    else {
        return fail(ComparisonErrorKind::NoEvents { counted: what });
    };
    let months = (last - first + 1) as usize;
    // Counts by area label id, then areas in name order.
    let mut by_label: std::collections::BTreeMap<u32, Vec<f64>> = Default::default();
    let mut without = 0u64;
    for &(day, area) in &events {
        if area == NO_ID {
            without += 1;
            continue;
        }
        by_label.entry(area).or_insert_with(|| vec![0.0; months])[(month_index(day) - first) as usize] += 1.0;
    }
    let mut named: Vec<(String, Vec<f64>)> =
        by_label.into_iter().map(|(id, c)| (data.labels.name(id).to_string(), c)).collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let mut warnings = Vec::new();
    if without > 0 {
        warnings.push(format!(
            "{} of {} {what} have no area and are left out of the comparison areas",
            count(without),
            count(events.len() as u64)
        ));
    }
    let (areas, counts) = named.into_iter().unzip();
    let panel = AreaPanel { areas, first_month: first, counts, source: source.clone(), warnings };
    check_size(panel, &source)
}

/// The panel if it has enough areas and months; an error otherwise.
fn check_size(panel: AreaPanel, source: &str) -> Result<AreaPanel, ComparisonError> {
    if panel.areas.len() < MIN_AREAS {
        return Err(ComparisonError::new(source, None, ComparisonErrorKind::TooFewAreas { found: panel.areas.len() }));
    }
    if panel.months() < MIN_MONTHS {
        return Err(ComparisonError::new(source, None, ComparisonErrorKind::TooFewMonths { found: panel.months() }));
    }
    Ok(panel)
}

#[cfg(test)]
mod tests;
