//! IPV calls for service (or IPV incidents without a calls extract) per month before and after
//! the start: the rate ratio and the interrupted time series (docs/methods.md#calls-for-service-per-month).

use super::series::{change_words, ipv_events, monthly, Month};
use super::OutcomesError;
use crate::model::{long_date, month_index, Dataset, Day};
use crate::stats::its::{segmented_regression, ItsFit};
use crate::stats::rates::rate_ratio;
use crate::stats::Estimate;
use serde::Serialize;

/// IPV calls for service (or IPV incidents, without a calls extract) per month, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallsResult {
    /// "calls" or "incidents": what was counted.
    pub counted: &'static str,
    pub months: Vec<Month>,
    pub before: u64,
    pub after: u64,
    pub days_before: i32,
    pub days_after: i32,
    /// Mean daily rate after over before, Poisson 95% CI.
    pub rate_ratio: Option<Estimate>,
    /// Segmented regression on the complete months (the month of the start is the first post month).
    pub its: Option<ItsFit>,
    pub its_start_index: usize,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

pub(crate) fn calls_for_service(
    data: &Dataset,
    start: Day,
    end: Day,
    seasonal: bool,
) -> Result<CallsResult, OutcomesError> {
    let (counted, events) = ipv_events(data);
    let days: Vec<Day> = events.iter().map(|e| e.0).filter(|&d| d <= end).collect();
    let first = *days.iter().min().ok_or(OutcomesError::NoIpvEvents { counted })?;
    let mut warnings = Vec::new();
    if start <= first || start > end {
        warnings.push(format!(
            "the start ({}) is outside the data ({} to {}): there is no before-and-after comparison",
            long_date(start),
            long_date(first),
            long_date(end)
        ));
    }
    let months = monthly(days.iter().copied(), first, end);
    let m0 = month_index(first);
    let empty = months.iter().filter(|m| m.count == 0).count();
    if empty > 0 {
        let months = if empty == 1 { "1 month has".to_string() } else { format!("{empty} months have") };
        warnings.push(format!("{months} no IPV {counted}: check for gaps in the extract"));
    }
    let before = days.iter().filter(|&&d| d < start).count() as u64;
    let after = days.len() as u64 - before;
    let (days_before, days_after) = ((start - first).max(0), (end - start + 1).max(0));
    let ratio = rate_ratio(before, f64::from(days_before), after, f64::from(days_after));
    let its_start_index = (month_index(start) - m0).max(0) as usize;
    let its = segmented_regression(
        &months.iter().map(|m| m.count as f64).collect::<Vec<_>>(),
        its_start_index,
        seasonal,
        m0.rem_euclid(12) as usize,
    );
    if its.is_none() {
        warnings.push("too few months on one side of the start for the interrupted time series".into());
    }
    let finding = match &ratio {
        Some(rr) => format!("IPV {counted} per day {} after the start ({}).", change_words(rr), long_date(start)),
        None => format!("IPV {counted} before and after the start cannot be compared."),
    };
    Ok(CallsResult {
        counted,
        months,
        before,
        after,
        days_before,
        days_after,
        rate_ratio: ratio,
        its,
        its_start_index,
        finding,
        definition: format!(
            "IPV {counted} counted by calendar month. Rate ratio: mean daily count from {} to {} over the mean \
             daily count before; 95% CI from the Poisson approximation exp(log RR ± 1.96 √(1/a + 1/b)). \
             Interrupted time series: ordinary least squares on monthly counts with a level and a slope change \
             at the month of the start{}.",
            long_date(start),
            long_date(end),
            if seasonal { ", with month-of-year terms" } else { "" }
        ),
        warnings,
    })
}
