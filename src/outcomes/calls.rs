//! IPV calls for service (or IPV incidents without a calls extract) per month before and after
//! the start: the mean per complete month (the rate ratio) and the interrupted time series
//! (docs/methods.md#calls-for-service-per-month).

use super::calls_models::{self, CountModels};
use super::guard::{first_shortfall, Periods, Shortfall, MIN_EVENTS, MIN_MONTHS, SEASONAL_MONTHS};
use super::series::{monthly, Month};
use super::wording::{change_plain, estimate_ci};
use super::OutcomesError;
use crate::model::{long_date, Day};
use crate::stats::its::{segmented_regression, ItsFit};
use crate::stats::rates::rate_ratio;
use crate::stats::Estimate;
use crate::words::count;
use serde::Serialize;

/// IPV calls for service (or IPV incidents, without a calls extract) per month, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallsResult {
    /// "calls" or "incidents": what was counted.
    pub counted: &'static str,
    pub months: Vec<Month>,
    /// Which months are complete and which enter the before and after means.
    pub periods: Periods,
    /// Events in the complete months before and after the start.
    pub before: u64,
    pub after: u64,
    /// Mean per complete month after over before, Poisson 95% CI; none when a check failed.
    pub rate_ratio: Option<Estimate>,
    /// Segmented regression on the complete months (the month of the start is the first post
    /// month); `fitted` and `counterfactual` are indexed from `periods.complete.start`.
    pub its: Option<ItsFit>,
    /// The same time series as count models (Poisson and negative binomial), the one the
    /// finding uses, and the placebo test in time of its level change.
    pub count_models: Option<CountModels>,
    /// Whether the time series has month-of-year terms, and why.
    pub seasonal: bool,
    pub seasonal_note: String,
    /// The check the headline failed, if any.
    pub shortfall: Option<Shortfall>,
    pub finding: String,
    /// The estimates behind the finding, for readers who want them.
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

/// What the finding calls the events: "IPV calls for service" or "IPV incidents".
pub fn events_name(counted: &str) -> &'static str {
    if counted == "calls" {
        "IPV calls for service"
    } else {
        "IPV incidents"
    }
}

/// Month-of-year terms: the user's choice, else on when each side has a year of complete months.
fn seasonal_choice(chosen: Option<bool>, sides: (usize, usize)) -> (bool, String) {
    let months = format!(
        "{} complete months before the start and {} from its month on",
        count(sides.0 as u64),
        count(sides.1 as u64)
    );
    match chosen {
        Some(true) => {
            (true, "The trend model allows for the usual seasonal pattern, as chosen in the settings.".into())
        }
        Some(false) => {
            (false, "The trend model does not allow for a seasonal pattern, as chosen in the settings.".into())
        }
        None if sides.0 >= SEASONAL_MONTHS && sides.1 >= SEASONAL_MONTHS => (
            true,
            format!(
                "The trend model allows for the usual seasonal pattern (month-of-year terms, on by default): the \
                 data have {months}, and at least {SEASONAL_MONTHS} on each side are needed."
            ),
        ),
        None => (
            false,
            format!(
                "The trend model does not allow for a seasonal pattern (month-of-year terms, off by default here): the \
                 data have {months}, and at least {SEASONAL_MONTHS} on each side are needed."
            ),
        ),
    }
}

pub(crate) fn calls_for_service(
    (counted, events): (&'static str, &[(Day, u32)]),
    start: Day,
    end: Day,
    seasonal: Option<bool>,
) -> Result<CallsResult, OutcomesError> {
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
    let empty = months.iter().filter(|m| m.count == 0).count();
    if empty > 0 {
        let months = if empty == 1 { "1 month has".to_string() } else { format!("{empty} months have") };
        warnings.push(format!("{months} no IPV {counted}: check for gaps in the extract"));
    }
    let periods = Periods::new(months.len(), first, end, start);
    let sum = |r: &std::ops::Range<usize>| months[r.clone()].iter().map(|m| m.count).sum::<u64>();
    let (before, after) = (sum(&periods.before), sum(&periods.after));
    let (months_before, months_after) = (periods.before.len() as u64, periods.after.len() as u64);
    let shortfall = first_shortfall(&[
        ("complete months before the start", MIN_MONTHS as u64, months_before),
        ("complete months after the start", MIN_MONTHS as u64, months_after),
        (&format!("IPV {counted} before the start"), MIN_EVENTS, before),
        (&format!("IPV {counted} after the start"), MIN_EVENTS, after),
    ]);
    let sides = periods.its_sides();
    let (seasonal, seasonal_note) = seasonal_choice(seasonal, sides);
    let complete: Vec<f64> = months[periods.complete.clone()].iter().map(|m| m.count as f64).collect();
    let first_month0 = (months.first().map_or(0, |m| m.month) + periods.complete.start as i32).rem_euclid(12);
    let its = (shortfall.is_none() && sides.0 >= MIN_MONTHS && sides.1 >= MIN_MONTHS)
        .then(|| segmented_regression(&complete, sides.0, seasonal, first_month0 as usize))
        .flatten();
    let count_models = its.as_ref().and_then(|_| calls_models::count_models(&months, &periods, seasonal));
    let ratio =
        shortfall.is_none().then(|| rate_ratio(before, months_before as f64, after, months_after as f64)).flatten();
    let name = events_name(counted);
    let per_month = |n: u64, m: u64| count((n as f64 / m as f64).round() as u64);
    let finding = match (&shortfall, &ratio) {
        (Some(s), _) => s.sentence(),
        (None, Some(rr)) => format!(
            "{name} {} after the start ({}): on average {} a month before, {} a month after.",
            change_plain(rr),
            long_date(start),
            per_month(before, months_before),
            per_month(after, months_after)
        ),
        (None, None) => format!("{name} before and after the start cannot be compared."),
    };
    let mut technical = Vec::new();
    if let Some(rr) = &ratio {
        technical.push(format!(
            "Rate ratio {}: mean IPV {counted} per complete month after the start ({} months, {}) over before ({} \
             months, {}); Poisson 95% CI.",
            estimate_ci(rr, 2),
            count(months_after),
            count(after),
            count(months_before),
            count(before)
        ));
    }
    if let Some(f) = &its {
        technical.push(its_technical(f, counted, complete.len(), seasonal));
    }
    technical.extend(count_models.as_ref().and_then(|m| calls_models::technical(m, counted)));
    Ok(CallsResult {
        counted,
        months,
        periods,
        before,
        after,
        rate_ratio: ratio,
        its,
        count_models,
        seasonal,
        seasonal_note,
        shortfall,
        finding,
        technical,
        definition: definition(counted, start, end),
        warnings,
    })
}

fn its_technical(f: &ItsFit, counted: &str, months: usize, seasonal: bool) -> String {
    let (l, s) = (f.level_change(), f.slope_change());
    format!(
        "Interrupted time series (segmented regression on {months} complete months{}): level change {} IPV \
         {counted} per month at the start, slope change {} per month; with Newey-West standard errors ({} \
         lags, allowing for months that follow each other being alike) the level change's 95% CI is {:.1} to {:.1} \
         and the slope change's {:.2} to {:.2}.",
        if seasonal { ", with month-of-year terms" } else { "" },
        estimate_ci(&l, 1),
        estimate_ci(&s, 2),
        f.hac_lags,
        f.hac_coefficients[2].low,
        f.hac_coefficients[2].high,
        f.hac_coefficients[3].low,
        f.hac_coefficients[3].high
    )
}

fn definition(counted: &str, start: Day, end: Day) -> String {
    format!(
        "IPV {counted} counted by calendar month. A month the data cover only in part (the first when the data \
         start after its 1st, the last when the end is before its last day) is marked partial and left out of \
         every comparison. Before and after: the mean per complete month before {} against the mean per complete \
         month from then to {} (a month that contains a start later than its 1st is left out of both means); \
         at least {MIN_MONTHS} complete months and {MIN_EVENTS} IPV {counted} on each side are needed. Rate \
         ratio with the Poisson 95% CI exp(log RR ± 1.96 √(1/a + 1/b)). Interrupted time series: ordinary least \
         squares on the complete months with a level and a slope change at the month of the start.",
        long_date(start),
        long_date(end)
    )
}
