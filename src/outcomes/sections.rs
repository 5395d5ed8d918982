//! What a face shows of the outcomes: one [`Section`] per analysis, with its finding, n, further
//! facts, figures, tables, definition and warnings, all worded here. The Outcomes page and
//! `ipvi outcomes` only lay them out, so both show the same words, tables and charts.

use super::figures::{calls_chart, month_chart, month_points, survival_by_level, survival_chart};
use super::{tables, Outcomes, Table, Unavailable};
use crate::charts::{Chart, Series};
use crate::stats::logrank::LogRank;
use crate::words::{count, p_value};

/// One outcome as a face shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// A stable id (the page's element id).
    pub id: &'static str,
    pub title: &'static str,
    pub body: Result<SectionBody, Unavailable>,
}

/// How many units a finding is about ("2,034 notified people").
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    pub value: u64,
    pub of: String,
}

/// A chart with its file name and the sentence that goes under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The file name without `.svg` or `.png`.
    pub name: &'static str,
    pub chart: Chart,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionBody {
    /// The plain-language finding, first thing a reader sees.
    pub finding: String,
    pub n: Count,
    /// Further sentences (counts behind the finding, model estimates).
    pub facts: Vec<String>,
    pub figures: Vec<Figure>,
    pub tables: Vec<Table>,
    /// How this was computed.
    pub definition: String,
    pub warnings: Vec<String>,
}

impl Section {
    /// The section as lines of text (the CLI's summary).
    pub fn text(&self) -> String {
        match &self.body {
            Ok(body) => {
                let mut out = format!("{}: {}", self.title, body.finding);
                for w in &body.warnings {
                    out.push_str(&format!("\n  warning: {w}"));
                }
                out
            }
            Err(why) => format!("{}: not available: {why}", self.title),
        }
    }
}

fn count_of(value: u64, of: &str) -> Count {
    Count { value, of: of.into() }
}

fn log_rank_words(test: &Option<LogRank>) -> String {
    test.as_ref().map_or("not testable".to_string(), |t| {
        format!("chi-square {:.1} on {} df, p {}", t.chi_square, t.df, p_value(t.p_value))
    })
}

/// Every outcome of the results, in the order of the page.
pub fn sections(o: &Outcomes) -> Vec<Section> {
    vec![
        Section { id: "calls", title: "Calls for service", body: Ok(calls(o)) },
        Section {
            id: "reoffending",
            title: "Reoffending after notification",
            body: o.reoffending.as_ref().map(reoffending).map_err(|e| *e),
        },
        Section {
            id: "known-addresses",
            title: "Known addresses",
            body: o.known_addresses.as_ref().map(|k| known_addresses(o, k)).map_err(|e| *e),
        },
        Section {
            id: "pauses",
            title: "Pauses and complete stops",
            body: o.pauses.as_ref().map(pauses).map_err(|e| *e),
        },
        Section {
            id: "services",
            title: "Service utilisation",
            body: o.services.as_ref().map(|s| services(o, s)).map_err(|e| *e),
        },
        Section {
            id: "sanctions",
            title: "Sanctions",
            body: o.sanctions.as_ref().map(|s| sanctions(o, s)).map_err(|e| *e),
        },
    ]
}

fn calls(o: &Outcomes) -> SectionBody {
    let c = &o.calls;
    let mut facts = vec![format!(
        "{} before the start over {} days, {} after over {} days.",
        count(c.before),
        count(c.days_before as u64),
        count(c.after),
        count(c.days_after as u64)
    )];
    if let Some(f) = &c.its {
        let (l, s) = (f.level_change(), f.slope_change());
        facts.push(format!(
            "Interrupted time series: level change {:.1} (95% CI {:.1} to {:.1}) {} per month at the start, slope \
             change {:.2} (95% CI {:.2} to {:.2}) per month.",
            l.value, l.low, l.high, c.counted, s.value, s.low, s.high
        ));
    }
    SectionBody {
        finding: c.finding.clone(),
        n: count_of(c.before + c.after, &format!("IPV {}", c.counted)),
        facts,
        figures: vec![Figure { name: "ipv-calls-per-month", chart: calls_chart(c, o.start), note: None }],
        tables: vec![tables::calls(c)],
        definition: c.definition.clone(),
        warnings: c.warnings.clone(),
    }
}

fn reoffending(r: &super::ReoffendingResult) -> SectionBody {
    let by_cohort =
        survival_chart("Share not reoffended: before the start vs notified", &r.by_cohort, &["#59616d", "#b30000"]);
    SectionBody {
        finding: r.finding.clone(),
        n: count_of(r.notified as u64, "notified people"),
        facts: vec![format!(
            "Notifications {}; {} notified people, {} in the comparison cohort.",
            r.notifications.word(),
            count(r.notified as u64),
            count(r.comparison as u64)
        )],
        figures: vec![
            Figure {
                name: "reoffending-by-level",
                chart: survival_by_level(&r.by_level),
                note: Some(format!("Log-rank test between levels: {}.", log_rank_words(&r.by_level_test))),
            },
            Figure {
                name: "reoffending-by-cohort",
                chart: by_cohort,
                note: Some(format!(
                    "Log-rank test, notified vs before the start: {}.",
                    log_rank_words(&r.by_cohort_test)
                )),
            },
        ],
        tables: vec![
            tables::windows(r),
            tables::curves("reoffending-by-level", "Table: the curves by level", &r.by_level),
            tables::curves("reoffending-by-cohort", "Table: the curves by cohort", &r.by_cohort),
        ],
        definition: r.definition.clone(),
        warnings: r.warnings.clone(),
    }
}

fn known_addresses(o: &Outcomes, k: &super::KnownAddressesResult) -> SectionBody {
    let counted = o.calls.counted;
    let series = vec![Series::line(
        format!("{} known addresses", count(k.addresses as u64)),
        "#b30000",
        month_points(&k.months),
    )];
    let chart = month_chart(
        &format!("IPV {counted} per month from known addresses"),
        &format!("IPV {counted} per month (known addresses)"),
        o.start,
        series,
    );
    SectionBody {
        finding: k.finding.clone(),
        n: count_of(k.addresses as u64, "known addresses"),
        facts: Vec::new(),
        figures: vec![Figure { name: "known-addresses", chart, note: None }],
        tables: vec![tables::known_addresses(k, counted)],
        definition: k.definition.clone(),
        warnings: k.warnings.clone(),
    }
}

fn pauses(p: &super::PausesResult) -> SectionBody {
    SectionBody {
        finding: p.finding.clone(),
        n: count_of(p.followed_year, "notified people followed a year"),
        facts: Vec::new(),
        figures: Vec::new(),
        tables: vec![tables::pauses(p)],
        definition: p.definition.clone(),
        warnings: p.warnings.clone(),
    }
}

fn services(o: &Outcomes, sv: &super::ServicesResult) -> SectionBody {
    let points = |pick: fn(&(i32, u64, u64)) -> u64| -> Vec<(f64, f64)> {
        sv.months.iter().map(|m| (f64::from(m.0), pick(m) as f64)).collect()
    };
    let series = vec![
        Series::line("Offenders", "#e34a33", points(|m| m.1)),
        Series::line("Victim-survivors", "#1b5fc1", points(|m| m.2)),
    ];
    let chart = month_chart("Service contacts per month by role", "Service contacts per month", o.start, series);
    SectionBody {
        finding: sv.finding.clone(),
        n: count_of(sv.within_90_days.first().map_or(0, |r| r.people), "notified people followed 90 days"),
        facts: Vec::new(),
        figures: vec![Figure { name: "services", chart, note: None }],
        tables: vec![tables::services(sv), tables::services_per_month(sv)],
        definition: sv.definition.clone(),
        warnings: sv.warnings.clone(),
    }
}

fn sanctions(o: &Outcomes, sa: &super::SanctionsResult) -> SectionBody {
    let series = vec![Series::line("Sanctions", "#b30000", month_points(&sa.months))];
    let chart = month_chart("Sanctions per month", "Sanctions per month", o.start, series);
    SectionBody {
        finding: sa.finding.clone(),
        n: count_of(sa.reoffenders_ba, "notified B and A offenders who reoffended"),
        facts: Vec::new(),
        figures: vec![Figure { name: "sanctions", chart, note: None }],
        tables: vec![tables::sanctions(sa), tables::sanctions_per_month(sa)],
        definition: sa.definition.clone(),
        warnings: sa.warnings.clone(),
    }
}
