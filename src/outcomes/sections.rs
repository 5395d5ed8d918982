//! What a face shows of the outcomes: one [`Section`] per analysis, with its finding, n, further
//! facts, figures, tables, definition and warnings, all worded here. The Outcomes page and
//! `ipvi outcomes` only lay them out, so both show the same words, tables and charts.

use super::figures::{calls_chart, month_chart, month_points, survival_by_level, survival_chart};
use super::guard::Periods;
use super::reoffending_words::year;
use super::series::Month;
use super::tables::month_name;
use super::wording::{after_colon, log_rank_plain, share_of};
use super::{sections_areas, tables, Outcomes, Table, Unavailable};
use crate::charts::{Chart, Dash, Series};
use crate::model::Level;
use crate::words::count;

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
    /// Further plain sentences (the counts behind the finding, what the model allowed for).
    pub facts: Vec<String>,
    /// The technical statement: estimates with their 95% CIs, models and tests, shown on demand.
    pub technical: Vec<String>,
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

/// The note under a monthly chart: the finding's shortfall, else which months are partial.
fn months_note(shortfall: Option<String>, months: &[Month], periods: &Periods) -> Option<String> {
    if shortfall.is_some() {
        return shortfall;
    }
    let partial: Vec<String> =
        (0..months.len()).filter(|&i| periods.is_partial(i)).map(|i| month_name(months[i].month)).collect();
    match partial.as_slice() {
        [] => None,
        [one] => Some(format!(
            "{one} is a partial month (the data cover only part of it): drawn, but left out of the comparisons."
        )),
        many => Some(format!(
            "{} are partial months (the data cover only part of them): drawn, but left out of the comparisons.",
            many.join(" and ")
        )),
    }
}

/// Every outcome of the results, in the order of the page.
pub fn sections(o: &Outcomes) -> Vec<Section> {
    vec![
        Section {
            id: "detectable",
            title: "What the data can detect",
            body: Ok(sections_areas::detectable(&o.detectable, o.calls.counted)),
        },
        Section { id: "calls", title: "Calls for service", body: Ok(calls(o)) },
        Section {
            id: "other-areas",
            title: "Compared with other areas",
            body: o.other_areas.as_ref().map(|r| sections_areas::other_areas(o, r)).map_err(|e| *e),
        },
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
    let total: u64 = c.months.iter().map(|m| m.count).sum();
    let mut facts = vec![match &c.shortfall {
        Some(_) => format!(
            "{} IPV {} in the data, over {} calendar months ({} complete).",
            count(total),
            c.counted,
            c.months.len(),
            c.periods.complete.len()
        ),
        None => format!(
            "{} IPV {} in the {} complete months before the start, {} in the {} complete months after.",
            count(c.before),
            c.counted,
            c.periods.before.len(),
            count(c.after),
            c.periods.after.len()
        ),
    }];
    if let Some(f) = &c.its {
        let level = f.level_change();
        let seasons = if c.seasonal { " and the usual seasonal pattern" } else { "" };
        facts.push(if level.high < 0.0 {
            format!(
                "Allowing for the trend before the start{seasons}, IPV {} dropped by about {:.0} a month at the start.",
                c.counted, -level.value
            )
        } else if level.low > 0.0 {
            format!(
                "Allowing for the trend before the start{seasons}, IPV {} rose by about {:.0} a month at the start.",
                c.counted, level.value
            )
        } else {
            format!("Allowing for the trend before the start{seasons}, the step at the start could be chance.")
        });
    }
    if c.shortfall.is_none() {
        facts.push(c.seasonal_note.clone());
    }
    let mut tables = vec![tables::calls(c)];
    if let Some(m) = &c.count_models {
        if let Some(its) = &m.its {
            facts.push(format!("The trend model counts them: {}.", after_colon(&its.reason)));
        }
        match &m.placebo_in_time {
            Ok(p) => {
                facts.push(format!(
                    "Placebo test in time of the trend model's level change: {}",
                    after_colon(&p.sentence)
                ));
                let first = c.months[c.periods.complete.start].month;
                tables.push(sections_areas::placebo_table("ipv-calls-placebo-in-time", "level change", first, p));
            }
            Err(why) => facts.push(format!("No placebo test in time: {}", after_colon(why))),
        }
    }
    let note = months_note(c.shortfall.as_ref().map(|s| s.sentence()), &c.months, &c.periods);
    SectionBody {
        finding: c.finding.clone(),
        n: count_of(total, &format!("IPV {}", c.counted)),
        facts,
        technical: c.technical.clone(),
        figures: vec![Figure { name: "ipv-calls-per-month", chart: calls_chart(c, o.start), note }],
        tables,
        definition: c.definition.clone(),
        warnings: c.warnings.clone(),
    }
}

/// "By level at notification: D about 1 in 7 (15%), ..." for the levels with enough people.
fn by_level_fact(r: &super::ReoffendingResult) -> Option<String> {
    let levels: Vec<String> = Level::ALL
        .iter()
        .filter_map(|&l| {
            let w = year(&r.one_year, Some(l))?;
            let s = w.share.filter(|_| w.people >= super::guard::MIN_PEOPLE)?;
            Some(share_of(s.value, &format!("at level {}", l.letter())))
        })
        .collect();
    (!levels.is_empty()).then(|| format!("Reoffended within a year, by level at notification: {}.", levels.join("; ")))
}

fn reoffending(r: &super::ReoffendingResult) -> SectionBody {
    let by_cohort = survival_chart(
        "Share not reoffended: people before the start vs notified people",
        "Days since notification (before the start: since the first incident)",
        &r.by_cohort,
        &[("#59616d", Dash::Dashed), ("#b30000", Dash::Solid)],
    );
    let mut facts = vec![format!(
        "{} notified people (notifications {}); {} people first recorded before the start are followed until the \
         start for comparison.",
        count(r.notified as u64),
        r.notifications.word(),
        count(r.comparison as u64)
    )];
    facts.extend(by_level_fact(r));
    SectionBody {
        finding: r.finding.clone(),
        n: count_of(r.notified as u64, "notified people"),
        facts,
        technical: r.technical.clone(),
        figures: vec![
            Figure {
                name: "reoffending-by-level",
                chart: survival_by_level(&r.by_level),
                note: Some(log_rank_plain("the levels", &r.by_level_test)),
            },
            Figure {
                name: "reoffending-by-cohort",
                chart: by_cohort,
                note: Some(log_rank_plain("notified people and people before the start", &r.by_cohort_test)),
            },
        ],
        tables: vec![
            tables::windows(r),
            tables::curves("reoffending-by-level", "Table: the curves by level", &r.by_level),
            tables::curves(
                "reoffending-by-cohort",
                "Table: the curves before the start and after notification",
                &r.by_cohort,
            ),
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
    let note = months_note(k.shortfall.as_ref().map(|s| s.sentence()), &k.months, &k.periods);
    SectionBody {
        finding: k.finding.clone(),
        n: count_of(k.addresses as u64, "known addresses"),
        facts: vec![format!(
            "{} IPV {counted} from known addresses in the complete months before the start, {} in those after.",
            count(k.before),
            count(k.after)
        )],
        technical: k.technical.clone(),
        figures: vec![Figure { name: "known-addresses", chart, note }],
        tables: vec![tables::known_addresses(k, counted)],
        definition: k.definition.clone(),
        warnings: k.warnings.clone(),
    }
}

fn pauses(p: &super::PausesResult) -> SectionBody {
    SectionBody {
        finding: p.finding.clone(),
        technical: p.technical.clone(),
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
        technical: sv.technical.clone(),
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
        technical: sa.technical.clone(),
        n: count_of(sa.reoffenders_ba, "notified B and A offenders who reoffended"),
        facts: Vec::new(),
        figures: vec![Figure { name: "sanctions", chart, note: None }],
        tables: vec![tables::sanctions(sa), tables::sanctions_per_month(sa)],
        definition: sa.definition.clone(),
        warnings: sa.warnings.clone(),
    }
}
