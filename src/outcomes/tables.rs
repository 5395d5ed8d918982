//! The outcomes' tables: each a header and rows of text, shown under its section on the page,
//! saved as CSV by the page and written by `ipvi outcomes --tables DIR` (the same bytes).

use super::guard::Periods;
use super::{CallsResult, GroupCurve, KnownAddressesResult, PausesResult, ReoffendingResult};
use super::{SanctionsResult, ServicesResult};
use crate::export::CsvOut;
use crate::model::Level;
use crate::stats::Estimate;
use crate::words::percent;

/// A table of text cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file name without `.csv`, also the table's id on the page.
    pub name: String,
    /// What the table holds, in words.
    pub caption: String,
    /// The column names of the CSV file (machine names: `window_days`, `ci_low`).
    pub header: Vec<String>,
    /// The column names a reader sees on the page and in the report ("Window (days)").
    pub labels: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table whose columns are (CSV name, label).
    pub(crate) fn new(name: &str, caption: &str, columns: &[(&str, &str)], rows: Vec<Vec<String>>) -> Table {
        Table {
            name: name.into(),
            caption: caption.into(),
            header: columns.iter().map(|c| c.0.to_string()).collect(),
            labels: columns.iter().map(|c| c.1.to_string()).collect(),
            rows,
        }
    }

    /// A table whose column names read as they are (the CSV and the page show the same).
    pub fn plain(name: &str, caption: &str, header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        Table { name: name.into(), caption: caption.into(), labels: header.clone(), header, rows }
    }

    /// The table as CSV (comma, CRLF, spreadsheet formulas neutralised).
    pub fn csv(&self) -> Vec<u8> {
        let mut out = CsvOut::new(b',', true);
        out.row(&self.header);
        for row in &self.rows {
            out.row(row);
        }
        out.into_bytes()
    }
}

/// `2019-07` for a month number (`year * 12 + month0`).
pub fn month_name(month: i32) -> String {
    format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

/// A share and its interval as three cells; empty when there is no share.
fn share_cells(share: Option<Estimate>) -> [String; 3] {
    share.map_or(Default::default(), |s| [percent(s.value), percent(s.low), percent(s.high)])
}

/// A series of monthly counts: (month, counts...).
fn monthly_table<'a>(
    name: &str,
    caption: &str,
    header: &[(&str, &str)],
    months: impl Iterator<Item = (i32, &'a [u64])>,
) -> Table {
    let rows = months
        .map(|(month, counts)| std::iter::once(month_name(month)).chain(counts.iter().map(u64::to_string)).collect())
        .collect();
    Table::new(name, caption, header, rows)
}

/// Whether a month is whole in the data or partial (left out of the comparisons).
fn coverage(periods: &Periods, i: usize) -> String {
    if periods.is_partial(i) { "partial" } else { "whole" }.into()
}

pub fn calls(calls: &CallsResult) -> Table {
    let fitted = calls.its.as_ref().map(|f| f.fitted.as_slice()).unwrap_or_default();
    let offset = calls.periods.complete.start;
    let rows = calls
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let fit = i.checked_sub(offset).and_then(|k| fitted.get(k)).map_or(String::new(), |f| format!("{f:.2}"));
            vec![month_name(m.month), m.count.to_string(), fit, coverage(&calls.periods, i)]
        })
        .collect();
    let counted = format!("ipv_{}", calls.counted);
    let label = format!("IPV {}", calls.counted);
    let columns =
        [("month", "Month"), (&counted, &label), ("fitted", "Trend model"), ("coverage", "Month in the data")];
    Table::new("ipv-calls-per-month", &format!("Table: IPV {} per month", calls.counted), &columns, rows)
}

pub fn windows(r: &ReoffendingResult) -> Table {
    let rows = r
        .windows
        .iter()
        .map(|w| {
            let [v, lo, hi] = share_cells(w.share);
            let level = w.level.map_or("all".into(), |l| l.letter().to_string());
            vec![w.days.to_string(), level, w.people.to_string(), w.reoffended.to_string(), v, lo, hi]
        })
        .collect();
    Table::new(
        "reoffending-windows",
        "Table: reoffending within fixed windows (people with full follow-up)",
        &[
            ("window_days", "Window (days)"),
            ("level", "Level"),
            ("people", "People followed the whole window"),
            ("reoffended", "Reoffended"),
            ("share", "Share"),
            ("ci_low", "95% CI low"),
            ("ci_high", "95% CI high"),
        ],
        rows,
    )
}

/// The steps of Kaplan-Meier curves, one row per group and time with an event or a censoring.
pub fn curves(name: &str, caption: &str, groups: &[GroupCurve]) -> Table {
    let band = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x:.4}"));
    let rows = groups
        .iter()
        .flat_map(|g| {
            g.curve.points.iter().map(|p| {
                vec![
                    g.label.clone(),
                    format!("{}", p.time),
                    p.at_risk.to_string(),
                    p.events.to_string(),
                    p.censored.to_string(),
                    format!("{:.4}", p.survival),
                    band(p.low),
                    band(p.high),
                ]
            })
        })
        .collect();
    let header = [
        ("group", "Group"),
        ("days", "Days"),
        ("at_risk", "People still followed"),
        ("events", "Reoffended that day"),
        ("censored", "Follow-up ended that day"),
        ("not_reoffended", "Share not reoffended"),
        ("ci_low", "95% CI low"),
        ("ci_high", "95% CI high"),
    ];
    Table::new(name, caption, &header, rows)
}

pub fn known_addresses(k: &KnownAddressesResult, counted: &str) -> Table {
    let column = format!("ipv_{counted}_known_addresses");
    let label = format!("IPV {counted} from known addresses");
    let rows = k
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| vec![month_name(m.month), m.count.to_string(), coverage(&k.periods, i)])
        .collect();
    let columns = [("month", "Month"), (column.as_str(), label.as_str()), ("coverage", "Month in the data")];
    Table::new("known-addresses", &format!("Table: IPV {counted} per month from known addresses"), &columns, rows)
}

pub fn pauses(p: &PausesResult) -> Table {
    let days = |m: Option<f64>| m.map_or(String::new(), |v| format!("{v:.0}"));
    let test = p.test.as_ref().map_or("not testable".to_string(), |t| {
        format!("V = {}, n = {}, p {}", t.statistic, t.n, crate::words::p_value(t.p_value))
    });
    let [v, lo, hi] = share_cells(p.stop_share);
    let rows = vec![
        vec!["people with incidents before and after notification".into(), p.paired.to_string()],
        vec!["median gap before (days)".into(), days(p.median_gap_before)],
        vec!["median first gap after (days)".into(), days(p.median_first_gap_after)],
        vec!["Wilcoxon signed-rank".into(), test],
        vec!["notified people followed 365 days".into(), p.followed_year.to_string()],
        vec!["no incident in those 365 days".into(), p.stopped.to_string()],
        vec!["share with no incident (95% CI)".into(), if v.is_empty() { v } else { format!("{v} ({lo}-{hi})") }],
    ];
    Table::new("pauses", "Table: pauses and complete stops", &[("measure", "Measure"), ("value", "Value")], rows)
}

pub fn services(sv: &ServicesResult) -> Table {
    let rows = sv
        .within_90_days
        .iter()
        .map(|r| {
            let [v, lo, hi] = share_cells(r.share);
            vec![r.role.word().to_string(), r.people.to_string(), r.with_contact.to_string(), v, lo, hi]
        })
        .collect();
    let header = [
        ("role", "Role"),
        ("notified_followed_90_days", "Notified, followed 90 days"),
        ("with_contact", "With a service contact"),
        ("share", "Share"),
        ("ci_low", "95% CI low"),
        ("ci_high", "95% CI high"),
    ];
    Table::new("services", "Table: service contact within 90 days of notification", &header, rows)
}

pub fn services_per_month(sv: &ServicesResult) -> Table {
    let rows = sv.months.iter().map(|&(m, o, v)| vec![month_name(m), o.to_string(), v.to_string()]).collect();
    Table::new(
        "services-per-month",
        "Table: service contacts per month",
        &[("month", "Month"), ("offenders", "Offenders"), ("victims", "Victim-survivors")],
        rows,
    )
}

pub fn sanctions(sa: &SanctionsResult) -> Table {
    let levels = Level::ALL.iter().rev().map(|l| (l.letter().to_string(), sa.by_level[l.index()]));
    let rows = levels.chain([("none".to_string(), sa.by_level[4])]).map(|(l, n)| vec![l, n.to_string()]).collect();
    Table::new(
        "sanctions",
        "Table: sanctions by level",
        &[("level on the sanction date", "Level on the sanction date"), ("sanctions", "Sanctions")],
        rows,
    )
}

pub fn sanctions_per_month(sa: &SanctionsResult) -> Table {
    let months = sa.months.iter().map(|m| (m.month, std::slice::from_ref(&m.count)));
    monthly_table(
        "sanctions-per-month",
        "Table: sanctions per month",
        &[("month", "Month"), ("sanctions", "Sanctions")],
        months,
    )
}
