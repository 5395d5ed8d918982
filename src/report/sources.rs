//! The report's "Data sources" and "IPV selection rule" parts: where the data came from, how much
//! of each file was kept and why rows were not, and which rows count as intimate partner violence.

use super::html::{attrs, Html};
use super::{files_in_order, Origin, ReportInput};
use crate::ingest::quality::QualityReport;
use crate::ingest::sniff::delimiter_name;
use crate::ingest::{IpvRule, IpvRules};
use crate::model::{long_date, Day};
use crate::synth::DemoParams;
use crate::words::{count, percent};

fn date_or_dash(day: Option<Day>) -> String {
    day.map_or("-".into(), long_date)
}

fn share(part: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        percent(part as f64 / of as f64)
    }
}

/// The files and their quality, or the demo's parameters; then the data set in numbers.
pub fn data_sources(input: &ReportInput) -> String {
    let mut out = Html::new();
    match input.origin {
        Origin::Files(files) => {
            out.p("The analysis read these extracts. Rows that could not be used were set aside, each for the reason given; the line numbers are those of the file.");
            let files = files_in_order(files);
            let rows: Vec<Vec<String>> = files
                .iter()
                .map(|(source, r)| {
                    vec![
                        source.name.clone(),
                        source.table.name().into(),
                        count(r.rows_read as u64),
                        count(r.rows_kept as u64),
                        count(r.rows_rejected() as u64),
                        date_or_dash(r.first_day),
                        date_or_dash(r.last_day),
                        r.ipv_rows.map_or("-".into(), |n| format!("{} ({})", count(n as u64), share(n, r.rows_kept))),
                    ]
                })
                .collect();
            let header = ["File", "Table", "Rows read", "Kept", "Rejected", "First date", "Last date", "IPV rows"];
            let numeric = [false, false, true, true, true, false, false, true];
            out.table("sources-files", "The extracts read", &header.map(String::from), &rows, &numeric);
            for (_, report) in files {
                file_details(&mut out, report);
            }
        }
        Origin::Demo { params, fingerprint } => demo(&mut out, params, fingerprint),
    }
    if let Some(sentence) = comparison_areas(input) {
        out.p(&sentence);
    }
    dataset(&mut out, input);
    out.into_string()
}

/// Where the comparison areas came from, when the outcomes were compared with some.
fn comparison_areas(input: &ReportInput) -> Option<String> {
    let compared = input.outcomes.ok()?.other_areas.as_ref().ok()?;
    let treated = &input.settings.treated_areas;
    Some(match (input.comparison_file, input.origin) {
        _ if !treated.is_empty() => format!(
            "Comparison areas: the other areas of the {}; the areas where the programme ran: {}.",
            compared.aligned.as_ref().map_or("area column", |a| a.source.as_str()),
            treated.join(", ")
        ),
        (Some(file), _) => {
            format!("Comparison areas: {}, read as monthly counts by area: {}.", file.name, file.description)
        }
        (None, Origin::Demo { .. }) => {
            "Comparison areas: the demo's neighbouring areas without the programme, generated with it.".into()
        }
        (None, Origin::Files(_)) => return None,
    })
}

/// One file: how it was read, the rows set aside with where to find them, and its warnings.
fn file_details(out: &mut Html, r: &QualityReport) {
    out.raw("<div class=\"source\">\n");
    out.el("h3", "", &r.file);
    out.p(&format!(
        "Read as the {} table: {}, {} delimited, {}.",
        r.table.name(),
        r.encoding.name(),
        delimiter_name(r.delimiter),
        if r.has_header { "with a header row" } else { "without a header row" }
    ));
    let mut items: Vec<String> = r
        .rejected
        .iter()
        .map(|g| {
            let lines: Vec<String> = g.first_lines.iter().map(|l| count(*l)).collect();
            let first = if g.first_lines.len() == 1 { "line" } else { "first at lines" };
            format!("{} rows set aside: {} ({first} {}).", count(g.count as u64), g.reason, lines.join(", "))
        })
        .collect();
    let counted = [
        (r.duplicate_ids, "rows repeat a record id seen earlier in the file"),
        (r.missing_person, "kept rows have no person id"),
        (r.future_dates, "rows are dated after the day the file was read"),
        (r.outside_dates, "rows are dated outside the dates to load and were left out (not counted as read)"),
    ];
    items.extend(counted.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{} {what}.", count(*n as u64))));
    items.extend(r.unknown_values.iter().map(|u| {
        format!(
            "{} values in column \"{}\" were not recognised and read as no (for example {}).",
            count(u.count as u64),
            u.column,
            u.examples.join(", ")
        )
    }));
    if items.is_empty() {
        out.p("Every row was kept.");
    }
    out.list("", &items);
    let decisions: Vec<String> = r.decisions.iter().map(|d| format!("Read from the data: {d}.")).collect();
    out.list("", &decisions);
    out.list("warnings", &r.warnings);
    out.raw("</div>\n");
}

/// The demo jurisdiction's parameters and fingerprint.
fn demo(out: &mut Html, params: &DemoParams, fingerprint: &str) {
    out.p("The data is the demo jurisdiction: synthetic extracts generated from a seed, describing no real person, with effects planted so that the analyses can be checked against a known truth.");
    out.facts(&[
        ("People with incidents", count(u64::from(params.people))),
        ("Seed", params.seed.to_string()),
        ("Data window", format!("{} to {}", long_date(params.first_day), long_date(params.last_day))),
        ("Intervention start", long_date(params.start_day)),
        ("Planted hazard ratio of reoffending after notification", format!("{}", params.hazard_ratio)),
        ("Planted drop in IPV calls after the start", percent(params.call_drop)),
    ]);
    out.raw(&format!(
        "<p>Fingerprint of its extracts (SHA-256 over the clean CSV files): <code{}>{}</code>. The same parameters give the same fingerprint on every computer, in the browser and with <code>ipvi demo --fingerprint-only</code>.</p>\n",
        attrs(&[("class", "digest")]),
        super::html::escape(fingerprint)
    ));
}

/// The data set as analysed: rows and dates per table, IPV incidents, offenders, addresses.
fn dataset(out: &mut Html, input: &ReportInput) {
    let summary = input.data.summary();
    let rows: Vec<Vec<String>> = summary
        .tables
        .iter()
        .map(|t| vec![t.table.into(), count(t.rows as u64), date_or_dash(t.first_day), date_or_dash(t.last_day)])
        .collect();
    let header = ["Table", "Rows", "First date", "Last date"].map(String::from);
    out.table("sources-dataset", "The data as analysed", &header, &rows, &[false, true, false, false]);
    out.p(&format!(
        "{} IPV incidents, {} people with an IPV incident as suspect (of {} suspects of any incident), {} distinct \
         addresses.",
        count(summary.ipv_incidents as u64),
        count(summary.ipv_offenders as u64),
        count(summary.offenders as u64),
        count(summary.addresses as u64)
    ));
}

/// A rule in words: "the domestic flag (where the extract has one); relationship codes SE, CS".
pub fn rule_words(rule: &IpvRule) -> String {
    let mut parts = Vec::new();
    if rule.domestic_flag {
        parts.push("it is flagged domestic (where the extract has a domestic flag column)".to_string());
    }
    if !rule.kinds.is_empty() {
        parts.push(format!("its description contains one of: {}", rule.kinds.join(", ")));
    }
    if !rule.relationships.is_empty() {
        parts.push(format!("its victim-offender relationship code is one of: {}", rule.relationships.join(", ")));
    }
    if parts.is_empty() {
        "every row counts".into()
    } else {
        format!("a row counts when {}", parts.join("; and "))
    }
}

/// Which incidents and calls count as intimate partner violence, and the words read as yes/no.
pub fn ipv_selection(input: &ReportInput) -> String {
    let mut out = Html::new();
    let rules = &input.reading_rules.ipv;
    if let Origin::Demo { .. } = input.origin {
        out.p(&format!(
            "The demo jurisdiction is generated with each incident and call marked as intimate partner violence or not (family violence between relatives is not). Its extracts, read as files, need these rules to pick the same rows: for incidents, {}; for calls, {}.",
            rule_words(&IpvRules::demo().incidents),
            rule_words(&IpvRules::demo().calls)
        ));
        out.p("The reading rules in force, which apply to extracts read from files:");
    } else {
        out.p("An incident or a call for service counts as intimate partner violence (IPV) by these rules:");
    }
    out.facts(&[("Incidents", rule_words(&rules.incidents)), ("Calls for service", rule_words(&rules.calls))]);
    let flags = &input.reading_rules.flags;
    out.p(&format!(
        "Yes/no columns (charged, weapon, domestic and the other flags) read as yes: {}; as no: {}. Any other value reads as no and is counted in the data sources above.",
        word_list(&flags.yes),
        word_list(&flags.no)
    ));
    let range = input.reading_rules.date_range;
    if !range.is_all() {
        out.p(&format!(
            "Dates to load: only the rows dated {} were read from the extracts; rows dated outside were left out (the data sources above count the rows in range).",
            range.words()
        ));
    }
    out.into_string()
}

/// Words in quotes, an empty one named: `"y", "yes", an empty cell`.
fn word_list(words: &[String]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|w| if w.is_empty() { "an empty cell".into() } else { format!("\u{201c}{w}\u{201d}") })
        .collect();
    quoted.join(", ")
}
