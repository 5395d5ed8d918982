//! The calls for service against comparison areas (docs/methods.md#compared-with-other-areas):
//! difference-in-differences with its event study and placebo test in time, and the synthetic
//! control with its in-space placebos. The treated area is the loaded data (a comparison file)
//! or the areas where the programme ran (the area column), over the complete months both cover.

use super::calls::CallsResult;
use super::comparison::AreaPanel;
use super::guard::MIN_MONTHS;
use super::other_areas_words as words;
use crate::model::{month_index, Day};
use crate::stats::did::{difference_in_differences, event_study, Did, EventStudy, Panel};
use crate::stats::placebo::{placebo_in_time, EffectScale, PlaceboInTime};
use crate::stats::synth_control::{synthetic_control, SynthControl, SynthOptions};
use serde::Serialize;

/// The most area-months for which the difference-in-differences is also fitted at every false
/// start (each placebo is a whole fit: 30 areas x 120 months take about as long as the other
/// outcomes together).
pub const PLACEBO_CELLS: usize = 3_600;

/// The monthly series compared: the treated units first, then the comparison areas.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aligned {
    /// Where the comparison areas come from (a file's name, or "area column X").
    pub source: String,
    /// The treated units: "the loaded data", or the areas chosen.
    pub treated: Vec<String>,
    /// The comparison areas used.
    pub comparison: Vec<String>,
    /// The first month compared (`year * 12 + month0`) and the first month after the start.
    pub first_month: i32,
    pub start: usize,
    /// Each unit's counts by month, the treated units first.
    pub units: Vec<Vec<f64>>,
    pub warnings: Vec<String>,
}

impl Aligned {
    pub fn months(&self) -> usize {
        self.units.first().map_or(0, Vec::len)
    }

    pub fn is_treated(&self) -> Vec<bool> {
        (0..self.units.len()).map(|u| u < self.treated.len()).collect()
    }

    /// The treated units' counts added up, by month.
    pub fn treated_total(&self) -> Vec<f64> {
        sum(&self.units[..self.treated.len()], self.months())
    }

    /// The comparison areas' counts added up, by month.
    pub fn comparison_total(&self) -> Vec<f64> {
        sum(&self.units[self.treated.len()..], self.months())
    }
}

fn sum(units: &[Vec<f64>], months: usize) -> Vec<f64> {
    (0..months).map(|t| units.iter().map(|u| u[t]).sum()).collect()
}

/// The difference-in-differences, its event study and its placebo test in time, each an error
/// sentence when it could not be computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DidPart {
    pub did: Result<Did, String>,
    pub event_study: Result<EventStudy, String>,
    pub placebo_in_time: Result<PlaceboInTime, String>,
}

/// Everything the section shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OtherAreasResult {
    /// The series compared, or why they cannot be (then nothing else is computed).
    pub aligned: Result<Aligned, String>,
    pub did: Option<DidPart>,
    pub synthetic: Option<Result<SynthControl, String>>,
    pub finding: String,
    /// The synthetic control and the checks, in plain words.
    pub facts: Vec<String>,
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

/// Lines up the treated series with the comparison areas over the complete months both cover.
pub fn align(calls: &CallsResult, panel: &AreaPanel, treated_areas: &[String], start: Day) -> Result<Aligned, String> {
    let complete = &calls.months[calls.periods.complete.clone()];
    let (Some(first), Some(last)) = (complete.first(), complete.last()) else {
        return Err("the data have no complete month".into());
    };
    let from = first.month.max(panel.first_month);
    let to = last.month.min(panel.last_month());
    let start_month = month_index(start);
    let (before, after) = ((start_month - from).max(0) as usize, (to - start_month + 1).max(0) as usize);
    if before < MIN_MONTHS || after < MIN_MONTHS {
        return Err(format!(
            "not enough data: the comparison areas ({}) and the complete months of the data share {} months before \
             the start and {} from its month on; at least {MIN_MONTHS} on each side are needed.",
            panel.source, before, after
        ));
    }
    let window = |series: &[f64], first_month: i32| -> Vec<f64> {
        (from..=to).map(|m| series[(m - first_month) as usize]).collect()
    };
    let (treated, comparison): (Vec<String>, Vec<String>) = if treated_areas.is_empty() {
        (vec!["the loaded data".into()], panel.areas.clone())
    } else {
        if let Some(missing) = treated_areas.iter().find(|a| panel.area_index(a).is_none()) {
            let shown = panel.areas.iter().take(12).cloned().collect::<Vec<_>>().join(", ");
            let more = if panel.areas.len() > 12 { ", ..." } else { "" };
            return Err(format!("{missing:?} is not an area of the {} (its areas: {shown}{more})", panel.source));
        }
        let others = panel.areas.iter().filter(|a| !treated_areas.contains(a)).cloned().collect();
        (treated_areas.to_vec(), others)
    };
    let mut warnings = panel.warnings.clone();
    let counted_before = |a: &String| {
        let series = panel.series(a).expect("an area of the panel");
        (from..start_month).any(|m| series[(m - panel.first_month) as usize] > 0.0)
    };
    let (comparison, silent): (Vec<String>, Vec<String>) = comparison.into_iter().partition(counted_before);
    if !silent.is_empty() {
        warnings.push(format!("left out, with no count in the months before the start: {}", silent.join(", ")));
    }
    if comparison.is_empty() {
        return Err(format!("no area of the {} is left to compare with", panel.source));
    }
    let mut units: Vec<Vec<f64>> = if treated_areas.is_empty() {
        let counts: Vec<f64> = complete.iter().map(|m| m.count as f64).collect();
        vec![window(&counts, first.month)]
    } else {
        treated.iter().map(|a| window(panel.series(a).expect("checked above"), panel.first_month)).collect()
    };
    units.extend(comparison.iter().map(|a| window(panel.series(a).expect("an area of the panel"), panel.first_month)));
    Ok(Aligned { source: panel.source.clone(), treated, comparison, first_month: from, start: before, units, warnings })
}

/// The difference-in-differences rate ratio of the aligned series.
pub fn did(a: &Aligned) -> Result<Did, String> {
    let treated = a.is_treated();
    let panel = Panel { counts: &a.units, treated: &treated, start: a.start, days: None };
    difference_in_differences(&panel).map_err(|e| e.to_string())
}

/// The event study of the aligned series: one rate ratio per month.
pub fn event_study_of(a: &Aligned) -> Result<EventStudy, String> {
    let treated = a.is_treated();
    let panel = Panel { counts: &a.units, treated: &treated, start: a.start, days: None };
    event_study(&panel).map_err(|e| e.to_string())
}

/// The difference-in-differences at every false start before the real one, when the area-months
/// before the start are few enough.
pub fn did_placebo(a: &Aligned) -> Result<PlaceboInTime, String> {
    if a.units.len() * a.start > PLACEBO_CELLS {
        return Err(format!(
            "The placebo test in time of the difference-in-differences is left out for {} areas and {} months before \
             the start: it refits the model at every false start, which would take too long here.",
            a.units.len(),
            a.start
        ));
    }
    let treated = a.is_treated();
    let ratio = |n: usize, start: usize| {
        let counts: Vec<Vec<f64>> = a.units.iter().map(|u| u[..n].to_vec()).collect();
        let panel = Panel { counts: &counts, treated: &treated, start, days: None };
        difference_in_differences(&panel).ok().map(|d| d.rate_ratio.value)
    };
    placebo_in_time(a.months(), a.start, MIN_MONTHS, EffectScale::Ratio, ratio)
}

/// The difference-in-differences on the aligned series, its event study and its placebo test
/// (the page's job runs them as separate steps).
pub fn did_part(a: &Aligned) -> DidPart {
    DidPart { did: did(a), event_study: event_study_of(a), placebo_in_time: did_placebo(a) }
}

/// The synthetic control of the treated units' total from the comparison areas.
pub fn synthetic_part(a: &Aligned) -> Result<SynthControl, String> {
    synthetic_control(&a.treated_total(), &a.units[a.treated.len()..], a.start, &SynthOptions::default())
}

pub(super) use words::worded;

#[cfg(test)]
#[path = "other_areas_coverage.rs"]
mod coverage;
