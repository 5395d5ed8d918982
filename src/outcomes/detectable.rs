//! What the data can detect (docs/methods.md#power-and-minimum-detectable-effect): the smallest
//! drop in calls for service, against the months before or against comparison areas, and the
//! smallest change in reoffending that the analyses would find 4 times in 5, shown before the
//! results so that an evaluator can judge how long to wait.

use super::calls::{events_name, CallsResult};
use super::other_areas::Aligned;
use super::wording::after_colon;
use super::ReoffendingResult;
use crate::stats::power::{
    before_after_mde, did_mde, log_rank_mde, CountSeries, HazardMde, Mde, PowerSettings, POST_MONTHS,
};
use crate::words::count;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DetectableResult {
    pub settings: PowerSettings,
    /// Complete months after the start in the data (a row of the tables).
    pub months_after: usize,
    /// Before and after: the smallest detectable rate ratios by months after the start.
    pub calls: Result<Vec<Mde>, String>,
    /// Against the comparison areas, when there are some.
    pub other_areas: Option<Result<Vec<Mde>, String>>,
    /// Reoffending, notified against the comparison cohort, with the reoffences seen so far.
    pub reoffending: Result<HazardMde, String>,
    pub finding: String,
    pub facts: Vec<String>,
    pub definition: String,
}

/// The post-period lengths of the tables: the usual ones and the data's own.
fn lengths(months_after: usize) -> Vec<usize> {
    let mut all: Vec<usize> = POST_MONTHS.iter().copied().chain((months_after > 0).then_some(months_after)).collect();
    all.sort_unstable();
    all.dedup();
    all
}

pub fn detectable(
    calls: &CallsResult,
    aligned: Option<&Aligned>,
    reoffending: Option<&ReoffendingResult>,
) -> DetectableResult {
    let settings = PowerSettings::default();
    let months_after = calls.periods.after.len();
    let rows = lengths(months_after);
    let before: Vec<f64> = calls.months[calls.periods.before.clone()].iter().map(|m| m.count as f64).collect();
    let pre = CountSeries::from_counts(&before);
    let calls_mde = pre.and_then(|pre| before_after_mde(&pre, &rows, &settings));
    let other_areas = aligned.map(|a| {
        let pre_of = |series: Vec<f64>| CountSeries::from_counts(&series[..a.start]);
        did_mde(&pre_of(a.treated_total())?, &pre_of(a.comparison_total())?, &rows, &settings)
    });
    let reoffending = match reoffending.map(|r| (r, r.by_cohort_test.as_ref())) {
        Some((r, Some(test))) => {
            let share = r.notified as f64 / (r.notified + r.comparison) as f64;
            log_rank_mde(test.observed.iter().sum(), share, &settings)
        }
        Some((_, None)) => Err("there is no comparison cohort to test the notified people against".into()),
        None => Err("reoffending is not available for these data".into()),
    };
    let name = events_name(calls.counted);
    let mut facts = Vec::new();
    let finding = match calls_mde.as_ref().ok().and_then(|m| m.iter().find(|m| m.post_months == months_after)) {
        Some(m) if months_after > 0 => format!(
            "With the {} complete months after the start, a drop in {name} of {} would be found 4 times in 5.",
            count(months_after as u64),
            drop_words(m)
        ),
        _ => format!(
            "How small a drop in {name} could be found cannot be said yet: {}",
            after_colon(&reason(&calls_mde))
        ),
    };
    if let Some(Ok(rows)) = &other_areas {
        if let Some(m) = rows.iter().find(|m| m.post_months == months_after) {
            facts.push(format!(
                "Against the comparison areas, a drop of {} would be found 4 times in 5.",
                drop_words(m)
            ));
        }
    }
    if let Ok(h) = &reoffending {
        facts.push(format!(
            "With the {} reoffences seen so far among the notified people and the comparison cohort, a hazard ratio \
             of {:.2} or lower (reoffending {:.0}% less often) would be found 4 times in 5.",
            count(h.events.round() as u64),
            h.decrease,
            (1.0 - h.decrease) * 100.0
        ));
    }
    DetectableResult {
        settings,
        months_after,
        calls: calls_mde,
        other_areas,
        reoffending,
        finding,
        facts,
        definition: definition(),
    }
}

fn reason(r: &Result<Vec<Mde>, String>) -> String {
    match r {
        Err(why) => why.clone(),
        Ok(_) => "there is no complete month after the start".into(),
    }
}

/// "12% or more", or "no size (none is found 4 times in 5)".
pub fn drop_words(m: &Mde) -> String {
    match m.decrease {
        Some(r) => format!("{:.0}% or more", (1.0 - r) * 100.0),
        None => "any size (not even a drop to zero would be found 4 times in 5)".into(),
    }
}

fn definition() -> String {
    "The smallest change a two-sided test at the 5% level finds with 80% power (4 times in 5), as a rate ratio. \
     Before and after: the log ratio of the monthly means has variance dispersion x (1 / (months before x mean) + \
     1 / (months after x mean x ratio)), the dispersion being the variance over the mean of the complete months \
     before the start (at least 1). Against comparison areas: the same for the difference-in-differences ratio, \
     the treated and the comparison totals each adding their terms. Reoffending: Schoenfeld's formula for the \
     log-rank test, the variance of the log hazard ratio being 1 / (reoffences x p x (1 - p)), p the notified \
     people's share."
        .into()
}
