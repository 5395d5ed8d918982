//! The calls for service as counts: the interrupted time series as Poisson and negative binomial
//! models with days in the month as the offset, the model the finding uses and why, and the
//! placebo test in time of its level change (docs/methods.md#count-models-for-the-trend).

use super::guard::{Periods, MIN_MONTHS};
use super::series::Month;
use super::wording::estimate_ci;
use crate::model::day_from_ymd;
use crate::stats::its_counts::{count_its, CountIts, CountModel};
use crate::stats::placebo::{placebo_in_time, EffectScale, PlaceboInTime};
use serde::Serialize;

/// The count models of the complete months, and the placebo test of their level change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountModels {
    /// Both models, which one the finding uses and why; `None` when they could not be fitted.
    pub its: Option<CountIts>,
    /// The level change at false starts before the real one, or why there is none.
    pub placebo_in_time: Result<PlaceboInTime, String>,
}

/// Days in the month `month` (`year * 12 + month0`).
pub fn days_in_month(month: i32) -> f64 {
    let first = |m: i32| day_from_ymd(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).expect("a calendar month");
    f64::from(first(month + 1) - first(month))
}

/// Fits the count models on the complete months; `None` when the series is too short (the
/// segmented regression's checks apply).
pub fn count_models(months: &[Month], periods: &Periods, seasonal: bool) -> Option<CountModels> {
    let complete = &months[periods.complete.clone()];
    let (before, after) = periods.its_sides();
    if before < MIN_MONTHS || after < MIN_MONTHS {
        return None;
    }
    let counts: Vec<f64> = complete.iter().map(|m| m.count as f64).collect();
    let days: Vec<f64> = complete.iter().map(|m| days_in_month(m.month)).collect();
    let first_month0 = complete[0].month.rem_euclid(12) as usize;
    let fit = |n: usize, start: usize| count_its(&counts[..n], Some(&days[..n]), start, seasonal, first_month0);
    let level = |n: usize, start: usize| fit(n, start).ok().map(|f| f.chosen_model().level_change.value);
    let placebo = placebo_in_time(counts.len(), before, MIN_MONTHS, EffectScale::Ratio, level);
    Some(CountModels { its: fit(counts.len(), before).ok(), placebo_in_time: placebo })
}

/// The technical statement of the count model the finding uses.
pub fn technical(models: &CountModels, counted: &str) -> Option<String> {
    let its = models.its.as_ref()?;
    let m = its.chosen_model();
    let name = match its.chosen {
        CountModel::Poisson => "Poisson",
        CountModel::NegativeBinomial => "negative binomial (NB2)",
    };
    let alpha = match its.chosen {
        CountModel::NegativeBinomial => format!(", alpha {:.4}", m.alpha),
        CountModel::Poisson => String::new(),
    };
    Some(format!(
        "Interrupted time series as a {name} model of IPV {counted} per month (log link, offset log days in the \
         month{alpha}): level change rate ratio {}, slope change rate ratio {} per month; {}.",
        estimate_ci(&m.level_change, 2),
        estimate_ci(&m.slope_change, 3),
        its.reason
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day_from_ymd;

    #[test]
    fn months_have_their_calendar_days() {
        assert_eq!(days_in_month(2020 * 12 + 1), 29.0);
        assert_eq!(days_in_month(2021 * 12 + 1), 28.0);
        assert_eq!(days_in_month(2021 * 12 + 11), 31.0);
    }

    #[test]
    fn a_planted_drop_is_found_by_the_count_model_and_stands_out_from_false_starts() {
        // 48 months of 200 calls a month (seasonal wiggle), 25% fewer from month 36 on.
        let first = 2015 * 12;
        let months: Vec<Month> = (0..48)
            .map(|t| {
                let wiggle = [3, -2, 5, 0, -4, 2, 6, -1, -5, 1, 4, -3][t % 12] as f64;
                let level = if t >= 36 { 150.0 } else { 200.0 };
                Month { month: first + t as i32, count: (level + wiggle) as u64 }
            })
            .collect();
        let start = day_from_ymd(2018, 1, 1).unwrap();
        let end = day_from_ymd(2018, 12, 31).unwrap();
        let periods = Periods::new(48, day_from_ymd(2015, 1, 1).unwrap(), end, start);
        let models = count_models(&months, &periods, false).unwrap();
        let its = models.its.as_ref().unwrap();
        let level = its.chosen_model().level_change;
        assert!(level.high < 1.0 && (level.value - 0.75).abs() < 0.05, "{level:?}");
        let placebo = models.placebo_in_time.as_ref().unwrap();
        assert_eq!(placebo.placebos.len(), 36 - 2 * MIN_MONTHS + 1);
        assert!(placebo.stands_out, "{}", placebo.sentence);
        assert!(technical(&models, "calls").unwrap().contains("level change rate ratio 0.7"));
    }

    #[test]
    fn too_few_months_on_a_side_give_no_model() {
        let months: Vec<Month> = (0..10).map(|t| Month { month: 2015 * 12 + t, count: 50 }).collect();
        let start = day_from_ymd(2015, 6, 1).unwrap();
        let periods = Periods::new(10, day_from_ymd(2015, 1, 1).unwrap(), day_from_ymd(2015, 10, 31).unwrap(), start);
        assert!(count_models(&months, &periods, false).is_none());
    }
}
