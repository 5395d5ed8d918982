//! The sections of what the data can detect and of the comparison with other areas, with their
//! charts and tables (the rest of the sections: [`super::sections`]).

use super::detectable::{drop_words, DetectableResult};
use super::figures::month_chart;
use super::other_areas::{Aligned, OtherAreasResult};
use super::sections::{Count, Figure, SectionBody};
use super::tables::{month_name, Table};
use super::Outcomes;
use crate::charts::{Dash, Series};
use crate::model::Day;
use crate::stats::did::EventStudy;
use crate::stats::placebo::PlaceboInTime;
use crate::stats::synth_control::SynthControl;

fn cell(x: f64, decimals: usize) -> String {
    if x.is_finite() {
        format!("{x:.decimals$}")
    } else {
        String::new()
    }
}

pub(super) fn detectable(d: &DetectableResult, counted: &str) -> SectionBody {
    let rows: Vec<Vec<String>> = match &d.calls {
        Ok(calls) => calls
            .iter()
            .map(|m| {
                let other = d.other_areas.as_ref().and_then(|r| r.as_ref().ok());
                let against = other.and_then(|o| o.iter().find(|x| x.post_months == m.post_months));
                vec![
                    m.post_months.to_string(),
                    drop_words(m),
                    against.map(drop_words).unwrap_or_default(),
                    if m.post_months == d.months_after { "the data's".into() } else { String::new() },
                ]
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let table = Table::new(
        "detectable-drops",
        &format!("The smallest drop in IPV {counted} found 4 times in 5, by months after the start"),
        &[
            ("months_after", "Months after the start"),
            ("drop_before_after", "Drop found, before and after"),
            ("drop_against_comparison_areas", "Drop found, against comparison areas"),
            ("note", "Note"),
        ],
        rows,
    );
    SectionBody {
        finding: d.finding.clone(),
        n: Count { value: d.months_after as u64, of: "complete months after the start".into() },
        facts: d.facts.clone(),
        technical: Vec::new(),
        figures: Vec::new(),
        tables: vec![table],
        definition: d.definition.clone(),
        warnings: Vec::new(),
    }
}

pub(super) fn other_areas(o: &Outcomes, r: &OtherAreasResult) -> SectionBody {
    let mut figures = Vec::new();
    let mut tables = Vec::new();
    if let Ok(a) = &r.aligned {
        if let Some(Ok(es)) = r.did.as_ref().map(|d| &d.event_study) {
            figures.push(Figure {
                name: "other-areas-event-study",
                chart: event_study_chart(a, es, o.start),
                note: None,
            });
            tables.push(event_study_table(a, es));
        }
        if let Some(Ok(sc)) = &r.synthetic {
            figures.push(Figure { name: "other-areas-synthetic", chart: synthetic_chart(a, sc, o.start), note: None });
            tables.push(synthetic_table(a, sc));
            tables.push(weights_table(a, sc));
        }
        if let Some(Ok(p)) = r.did.as_ref().map(|d| &d.placebo_in_time) {
            tables.push(placebo_table("other-areas-placebo-in-time", "difference-in-differences", a.first_month, p));
        }
    }
    let areas = r.aligned.as_ref().map_or(0, |a| a.comparison.len());
    SectionBody {
        finding: r.finding.clone(),
        n: Count { value: areas as u64, of: "comparison areas".into() },
        facts: r.facts.clone(),
        technical: r.technical.clone(),
        figures,
        tables,
        definition: r.definition.clone(),
        warnings: r.warnings.clone(),
    }
}

fn event_study_chart(a: &Aligned, es: &EventStudy, start: Day) -> crate::charts::Chart {
    let month = |t: usize| f64::from(a.first_month + t as i32);
    let estimated = es.months.iter().filter_map(|m| Some((month(m.month), m.rate_ratio?)));
    let mut ratios = Series::line("Rate ratio against the comparison areas (95% CI)", "#b30000", Vec::new());
    for (x, e) in estimated {
        ratios.points.push((x, e.value));
        ratios.band.push((x, e.low, e.high));
    }
    let mut none = Series::line("No difference (1)", "#59616d", vec![(month(0), 1.0), (month(a.months() - 1), 1.0)]);
    none.dash = Dash::Dashed;
    let mut chart = month_chart(
        "Difference from the comparison areas, month by month (event study)",
        "Rate ratio (1 = no difference)",
        start,
        vec![ratios, none],
    );
    chart.y_from_zero = false;
    chart
}

fn event_study_table(a: &Aligned, es: &EventStudy) -> Table {
    let rows = es
        .months
        .iter()
        .map(|m| {
            let e = m.rate_ratio;
            vec![
                month_name(a.first_month + m.month as i32),
                m.relative.to_string(),
                e.map(|e| cell(e.value, 3)).unwrap_or_else(|| {
                    if m.relative == -1 {
                        "1 (reference)".into()
                    } else {
                        String::new()
                    }
                }),
                e.map(|e| cell(e.low, 3)).unwrap_or_default(),
                e.map(|e| cell(e.high, 3)).unwrap_or_default(),
            ]
        })
        .collect();
    Table::new(
        "other-areas-event-study",
        "Rate ratio of the treated area against the comparison areas, each month (the month before the start is 1)",
        &[
            ("month", "Month"),
            ("months_from_start", "Months from the start"),
            ("rate_ratio", "Rate ratio"),
            ("ci_low", "95% CI low"),
            ("ci_high", "95% CI high"),
        ],
        rows,
    )
}

fn synthetic_chart(a: &Aligned, sc: &SynthControl, start: Day) -> crate::charts::Chart {
    let points = |values: &[f64]| -> Vec<(f64, f64)> {
        values.iter().enumerate().map(|(t, &v)| (f64::from(a.first_month + t as i32), v)).collect()
    };
    let treated = Series::line("Treated area", "#1d2127", points(&a.treated_total()));
    let mut synthetic = Series::line("Synthetic comparison", "#b30000", points(&sc.synthetic));
    synthetic.dash = Dash::Dashed;
    month_chart("The treated area and its synthetic comparison", "Count per month", start, vec![treated, synthetic])
}

fn synthetic_table(a: &Aligned, sc: &SynthControl) -> Table {
    let treated = a.treated_total();
    let rows = (0..a.months())
        .map(|t| {
            vec![
                month_name(a.first_month + t as i32),
                cell(treated[t], 0),
                cell(sc.synthetic[t], 1),
                cell(sc.gaps[t], 1),
            ]
        })
        .collect();
    Table::new(
        "other-areas-synthetic",
        "The treated area, its synthetic comparison and the gap between them, each month",
        &[("month", "Month"), ("treated", "Treated area"), ("synthetic", "Synthetic comparison"), ("gap", "Gap")],
        rows,
    )
}

fn weights_table(a: &Aligned, sc: &SynthControl) -> Table {
    let rows = a
        .comparison
        .iter()
        .zip(&sc.weights)
        .zip(&sc.placebos)
        .map(|((area, w), p)| {
            vec![area.clone(), cell(*w, 4), cell(p.pre_rmspe, 4), cell(p.post_rmspe, 4), cell(p.ratio, 2)]
        })
        .collect();
    Table::new(
        "other-areas-weights",
        "Each comparison area's weight in the synthetic comparison, and its own fit when treated in turn (placebo, on \
         the index scale)",
        &[
            ("area", "Area"),
            ("weight", "Weight"),
            ("placebo_rmspe_before", "Placebo error before"),
            ("placebo_rmspe_after", "Placebo error after"),
            ("placebo_ratio", "Placebo ratio after/before"),
        ],
        rows,
    )
}

/// The estimate at every false start before the real one, then the real one.
pub(super) fn placebo_table(name: &str, estimate: &str, first_month: i32, p: &PlaceboInTime) -> Table {
    let mut rows: Vec<Vec<String>> = p
        .placebos
        .iter()
        .map(|f| vec![month_name(first_month + f.start as i32), cell(f.estimate, 3), "false start".into()])
        .collect();
    rows.push(vec![month_name(first_month + p.real_start as i32), cell(p.real_estimate, 3), "the real start".into()]);
    Table::new(
        name,
        &format!("The {estimate} rate ratio at each false start before the real one, and at the real one"),
        &[("start", "Start"), ("rate_ratio", "Rate ratio"), ("which", "Which start")],
        rows,
    )
}
