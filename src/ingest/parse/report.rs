//! The quality report of a file being parsed: started from what sniffing and mapping found,
//! filled in row by row (see `rows`), and checked at the end for a usable file.

use super::order::DateChoice;
use crate::ingest::error::{IngestError, IngestErrorKind, Position};
use crate::ingest::fields::{Field, Table};
use crate::ingest::mapping::Mapping;
use crate::ingest::profile::{ColumnProfile, ContentChoice};
use crate::ingest::quality::{ColumnFill, QualityReport};
use crate::ingest::sniff::{Dialect, TextEncoding};
use crate::ingest::IpvRule;
use crate::words::{quoted_list, quoted_text};
use std::collections::HashMap;

/// What the user should know about a mapping before any row is read.
fn mapping_warnings(mapping: &Mapping, headers: &[String]) -> Option<String> {
    let person: Vec<String> =
        (0..headers.len()).filter(|&j| mapping.columns[j] == Some(Field::Person)).map(|j| headers[j].clone()).collect();
    if person.len() > 1 {
        return Some(format!(
            "the {} is built from {} together: a person written two ways (a misspelt name, another date format) \
             becomes two people, and two people with the same values become one",
            Field::Person.label(mapping.table),
            person.iter().map(|h| format!("\"{}\"", quoted_text(h))).collect::<Vec<_>>().join(" and ")
        ));
    }
    (mapping.table == Table::Incidents && person.is_empty()).then(|| {
        "no suspect id column: the aggregate analyses work, classification and reoffending need one; map a \
         column to \"suspect id\", or map two (such as name and date of birth) to build one"
            .to_string()
    })
}

/// An empty report for a file about to be parsed.
pub(super) fn start(
    name: &str,
    encoding: TextEncoding,
    dialect: Dialect,
    headers: &[String],
    mapping: &Mapping,
    dates: DateChoice,
) -> QualityReport {
    let table = mapping.table;
    let mut warnings = dates.warnings;
    warnings.extend(mapping_warnings(mapping, headers));
    QualityReport {
        file: name.to_string(),
        table,
        encoding,
        delimiter: dialect.delimiter,
        has_header: dialect.has_header,
        title_lines: 0,
        crlf: dialect.crlf,
        line_ends: dialect.line_ends,
        rows_read: 0,
        rows_kept: 0,
        rejected: Vec::new(),
        duplicate_ids: 0,
        missing_person: 0,
        first_day: None,
        last_day: None,
        future_dates: 0,
        implausible_dates_kept: 0,
        windows_1252_lines: 0,
        date_range: Default::default(),
        outside_dates: 0,
        fill: headers
            .iter()
            .zip(&mapping.columns)
            .map(|(h, &field)| ColumnFill { column: h.clone(), field, filled: 0 })
            .collect(),
        ipv_rows: matches!(table, Table::Incidents | Table::Calls).then_some(0),
        unknown_values: Vec::new(),
        date_order: dates.order,
        date_order_evidence: dates.evidence,
        decisions: Vec::new(),
        profiles: Vec::new(),
        ipv_values: Vec::new(),
        warnings,
    }
}

/// Lines of a UTF-8 file that had to be read as Windows-1252: counted, and named in a warning.
pub(super) fn windows_1252_lines(report: &mut QualityReport, (count, first): (usize, Vec<u64>)) {
    report.windows_1252_lines = count;
    if count > 0 {
        let lines: Vec<String> = first.iter().map(u64::to_string).collect();
        let s = if count == 1 { " is" } else { "s are" };
        report.warnings.push(format!(
            "{count} line{s} not UTF-8 like the rest of the file and read as Windows-1252 (first at line {}): \
             the file joins two encodings; check names with accents",
            lines.join(", ")
        ));
    }
}

/// What the reading took from the data: the columns' profiles, the fields mapped by content
/// and the IPV rule read from offence text, each said in words.
pub(super) fn content(
    report: &mut QualityReport,
    profiles: Vec<ColumnProfile>,
    choices: Vec<ContentChoice>,
    ipv_by_text: Option<&IpvRule>,
    mapping: &Mapping,
) {
    for c in &choices {
        report.decisions.push(format!(
            "column \"{}\" is read as the {} by its content: {}",
            quoted_text(&c.column),
            c.field.label(mapping.table),
            c.evidence
        ));
    }
    if let (Some(rule), Some(column)) = (ipv_by_text, mapping.column(Field::Kind)) {
        report.decisions.push(format!(
            "IPV rows are those whose \"{}\" holds {} (the file has no domestic flag or relationship column); \
             set other words in the reading rules",
            quoted_text(&profiles[column].column),
            quoted_list(&rule.kinds, rule.kinds.len())
        ));
    }
    report.profiles = profiles;
}

/// The `n` most frequent texts, most frequent first (ties by text).
pub(super) fn most_frequent(counts: HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut all: Vec<(String, usize)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(n);
    all
}

/// Title lines left aside above the first row: counted, and said in a warning.
pub(super) fn title_lines(report: &mut QualityReport, count: usize) {
    report.title_lines = count;
    if count > 0 {
        let lines = if count == 1 { "line 1 is".to_string() } else { format!("lines 1-{count} are") };
        report.warnings.push(format!(
            "{lines} a title above the {}, not data, and {} left aside",
            if report.has_header { "header row" } else { "first row" },
            if count == 1 { "was" } else { "were" }
        ));
    }
}

/// A file is usable when it has rows and at least one was kept; else the error says why,
/// placed at the first rejected row and naming its column.
pub(super) fn usable(report: &QualityReport) -> Result<(), IngestError> {
    let error = |kind: IngestErrorKind| IngestError::new(kind).in_file(&report.file);
    if report.rows_read == 0 && report.outside_dates > 0 {
        let kind = IngestErrorKind::NoneInDates { range: report.date_range, outside: report.outside_dates };
        return Err(error(kind));
    }
    if report.rows_read == 0 {
        return Err(error(IngestErrorKind::HeaderOnly));
    }
    if report.rows_kept > 0 {
        return Ok(());
    }
    let first = &report.rejected[0];
    let kind = IngestErrorKind::NothingKept { problem: first.problem.clone(), rows: report.rows_read };
    Err(match first.first_lines.first() {
        Some(&line) => error(kind).at(Position::line(line)),
        None => error(kind),
    })
}

/// Adds the counts of a later part's report (`parts`) to the report before it: rejections and
/// unknown values keep the order, the lines and the examples one pass would have kept. Every
/// field is named, so that a new one must be decided on here.
pub(super) fn add(report: &mut QualityReport, part: QualityReport) {
    let QualityReport {
        file: _,
        table: _,
        encoding: _,
        delimiter: _,
        has_header: _,
        title_lines: _,
        crlf: _,
        line_ends: _,
        rows_read,
        rows_kept,
        rejected,
        duplicate_ids,
        missing_person,
        first_day,
        last_day,
        future_dates,
        implausible_dates_kept,
        windows_1252_lines: _,
        date_range: _,
        outside_dates,
        fill,
        ipv_rows,
        unknown_values,
        date_order: _,
        date_order_evidence: _,
        decisions: _,
        profiles: _,
        ipv_values: _,
        warnings: _,
    } = part;
    report.rows_read += rows_read;
    report.rows_kept += rows_kept;
    for group in rejected {
        match report.rejected.iter_mut().find(|g| g.problem == group.problem) {
            Some(mine) => {
                mine.count += group.count;
                let room = 5usize.saturating_sub(mine.first_lines.len());
                mine.first_lines.extend(group.first_lines.into_iter().take(room));
            }
            None => report.rejected.push(group),
        }
    }
    report.duplicate_ids += duplicate_ids;
    report.missing_person += missing_person;
    report.first_day = report.first_day.into_iter().chain(first_day).min();
    report.last_day = report.last_day.into_iter().chain(last_day).max();
    report.future_dates += future_dates;
    report.implausible_dates_kept += implausible_dates_kept;
    report.outside_dates += outside_dates;
    for (mine, theirs) in report.fill.iter_mut().zip(fill) {
        mine.filled += theirs.filled;
    }
    if let (Some(mine), Some(theirs)) = (&mut report.ipv_rows, ipv_rows) {
        *mine += theirs;
    }
    for values in unknown_values {
        match report.unknown_values.iter_mut().find(|u| u.column == values.column) {
            Some(mine) => {
                mine.count += values.count;
                for example in values.examples {
                    if mine.examples.len() < 3 && !mine.examples.contains(&example) {
                        mine.examples.push(example);
                    }
                }
            }
            None => report.unknown_values.push(values),
        }
    }
}
