//! Power and minimum detectable effect (MDE) of the comparisons the outcomes make, each as a
//! rate or hazard ratio, for a two-sided z-test on the log ratio (docs/methods.md, "Power and
//! minimum detectable effect"). Power at a shift d (the log ratio over its standard error) is
//! Phi(d - z) + Phi(-d - z), z the two-sided normal quantile; both tails count, as in
//! statsmodels, so the figures match it to rounding.

use serde::Serialize;

/// The post-period lengths (months) of the default MDE table.
pub const POST_MONTHS: [usize; 5] = [6, 12, 18, 24, 36];

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PowerSettings {
    /// Two-sided test level.
    pub alpha: f64,
    /// Power wanted.
    pub power: f64,
}

impl Default for PowerSettings {
    fn default() -> Self {
        PowerSettings { alpha: 0.05, power: 0.8 }
    }
}

/// A monthly count series summarised for power: its mean per month, its dispersion
/// (variance / mean, at least 1: never assume less noise than Poisson) and its length.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CountSeries {
    pub mean: f64,
    pub dispersion: f64,
    pub months: usize,
}

impl CountSeries {
    pub fn from_counts(counts: &[f64]) -> Result<CountSeries, String> {
        if counts.len() < 2 {
            return Err("At least two months of counts are needed to judge their spread.".into());
        }
        let n = counts.len() as f64;
        let mean = counts.iter().sum::<f64>() / n;
        if !(mean > 0.0 && mean.is_finite()) {
            return Err("The months before the start have no counts, so no effect on them can be detected.".into());
        }
        let variance = counts.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / (n - 1.0);
        Ok(CountSeries { mean, dispersion: (variance / mean).max(1.0), months: counts.len() })
    }
}

/// The smallest ratios detectable with the wanted power: a decrease (below 1), when one is
/// detectable at all, and an increase (above 1).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Mde {
    pub post_months: usize,
    pub decrease: Option<f64>,
    pub increase: f64,
}

/// The standard normal distribution function by `libm`'s erfc, so the page (wasm) and `ipvi`
/// give the same bits (std's and statrs' maths call the platform's library natively).
fn phi(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Two-sided power of a z-test whose statistic is normal with mean `shift` and variance 1.
pub fn two_sided_power(shift: f64, alpha: f64) -> f64 {
    let z = super::z(1.0 - alpha);
    phi(shift.abs() - z) + phi(-shift.abs() - z)
}

/// The shift (log ratio over its standard error) that gives the wanted power.
pub fn required_shift(settings: &PowerSettings) -> f64 {
    let (mut low, mut high) = (0.0, 40.0);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if two_sided_power(mid, settings.alpha) < settings.power {
            low = mid;
        } else {
            high = mid;
        }
    }
    high
}

fn check(settings: &PowerSettings) -> Result<(), String> {
    let ok = |v: f64| v > 0.0 && v < 1.0;
    if ok(settings.alpha) && ok(settings.power) && settings.power > settings.alpha {
        Ok(())
    } else {
        Err(format!(
            "Power {} and level {} must lie between 0 and 1, power above the level.",
            settings.power, settings.alpha
        ))
    }
}

/// For a log ratio x whose variance is `fixed + scaled / exp(x)` (the post-period term grows as
/// the post rate falls), the |x| giving the wanted power in each direction. A decrease may not
/// be detectable: its shift peaks and falls again as the post counts vanish.
fn mde_log_ratio(fixed: f64, scaled: f64, settings: &PowerSettings) -> (Option<f64>, f64) {
    // Power grows with the shift's size alone, so "enough power" is "a shift of at least the one
    // that gives it", found once.
    let needed = required_shift(settings);
    let enough = |x: f64| (x / (fixed + scaled / libm::exp(x)).sqrt()).abs() >= needed;
    // Bisection between a log ratio without enough power and one with it.
    let bisect = |mut short: f64, mut long: f64| {
        for _ in 0..100 {
            let mid = 0.5 * (short + long);
            if enough(mid) {
                long = mid;
            } else {
                short = mid;
            }
        }
        long
    };
    let mut high = 1.0;
    while !enough(high) && high < 1e3 {
        high *= 2.0;
    }
    let increase = libm::exp(bisect(0.0, high));
    // Decreases: the first log ratio (in steps of 0.005 down to -10) with the wanted power.
    let decrease =
        (1..=2000).map(|k| -(k as f64) * 0.005).find(|&x| enough(x)).map(|x| libm::exp(bisect(x + 0.005, x)));
    (decrease, increase)
}

/// Power of the before/after rate ratio of monthly means at the true ratio `ratio`: the
/// quasi-Poisson variance of its log, dispersion x (1 / (n0 mean) + 1 / (n1 mean ratio)).
pub fn before_after_power(pre: &CountSeries, post_months: usize, ratio: f64, alpha: f64) -> f64 {
    let variance =
        pre.dispersion * (1.0 / (pre.months as f64 * pre.mean) + 1.0 / (post_months as f64 * pre.mean * ratio));
    two_sided_power(libm::log(ratio) / variance.sqrt(), alpha)
}

/// The MDE of the before/after rate ratio for each post-period length.
pub fn before_after_mde(
    pre: &CountSeries,
    post_months: &[usize],
    settings: &PowerSettings,
) -> Result<Vec<Mde>, String> {
    mde_table(post_months, settings, |n1| {
        (pre.dispersion / (pre.months as f64 * pre.mean), pre.dispersion / (n1.max(1) as f64 * pre.mean))
    })
}

/// The MDE for each post-period length, the variance terms (fixed, scaled) of each given.
fn mde_table(
    post_months: &[usize],
    settings: &PowerSettings,
    terms: impl Fn(usize) -> (f64, f64),
) -> Result<Vec<Mde>, String> {
    check(settings)?;
    Ok(post_months
        .iter()
        .map(|&n1| {
            let (fixed, scaled) = terms(n1);
            let (decrease, increase) = mde_log_ratio(fixed, scaled, settings);
            Mde { post_months: n1, decrease, increase }
        })
        .collect())
}

/// Power of the difference-in-differences ratio (treated post/pre over comparison post/pre) at
/// the true ratio `ratio`, the comparison areas unchanged: the variance of its log is
/// phi_T (1/T0 + 1/T1) + phi_C (1/C0 + 1/C1), with the expected totals T0 = n0 mean_T,
/// T1 = n1 mean_T ratio, C0 = n0 mean_C, C1 = n1 mean_C.
pub fn did_power(treated: &CountSeries, comparison: &CountSeries, post_months: usize, ratio: f64, alpha: f64) -> f64 {
    let (fixed, scaled) = did_terms(treated, comparison, post_months);
    two_sided_power(libm::log(ratio) / (fixed + scaled / ratio).sqrt(), alpha)
}

fn did_terms(treated: &CountSeries, comparison: &CountSeries, post_months: usize) -> (f64, f64) {
    let n1 = post_months.max(1) as f64;
    let fixed = treated.dispersion / (treated.months as f64 * treated.mean)
        + comparison.dispersion / (comparison.months as f64 * comparison.mean)
        + comparison.dispersion / (n1 * comparison.mean);
    (fixed, treated.dispersion / (n1 * treated.mean))
}

/// The MDE of the difference-in-differences ratio for each post-period length.
pub fn did_mde(
    treated: &CountSeries,
    comparison: &CountSeries,
    post_months: &[usize],
    settings: &PowerSettings,
) -> Result<Vec<Mde>, String> {
    mde_table(post_months, settings, |n1| did_terms(treated, comparison, n1))
}

/// The hazard ratios a log-rank test detects with the wanted power (Schoenfeld 1981): log HR
/// is normal with variance 1 / (D p (1 - p)), D the number of events, p the share in one group.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HazardMde {
    pub events: f64,
    pub share: f64,
    pub decrease: f64,
    pub increase: f64,
}

pub fn log_rank_mde(events: f64, share: f64, settings: &PowerSettings) -> Result<HazardMde, String> {
    check(settings)?;
    check_share(share)?;
    if !(events > 0.0 && events.is_finite()) {
        return Err("No events (reoffences) are expected, so no hazard ratio can be detected.".into());
    }
    let log_hr = required_shift(settings) / (events * share * (1.0 - share)).sqrt();
    Ok(HazardMde { events, share, decrease: libm::exp(-log_hr), increase: libm::exp(log_hr) })
}

fn check_share(share: f64) -> Result<(), String> {
    if share > 0.0 && share < 1.0 {
        Ok(())
    } else {
        Err(format!("The share in one group is {share}; both groups need someone (a share between 0 and 1)."))
    }
}

/// Events a log-rank test needs for the wanted power at `hazard_ratio` (Schoenfeld 1981).
pub fn log_rank_events_needed(hazard_ratio: f64, share: f64, settings: &PowerSettings) -> Result<f64, String> {
    check(settings)?;
    check_share(share)?;
    if !(hazard_ratio > 0.0 && hazard_ratio != 1.0 && hazard_ratio.is_finite()) {
        return Err("The hazard ratio must be a positive number other than 1.".into());
    }
    let (shift, log_hr) = (required_shift(settings), libm::log(hazard_ratio));
    Ok(shift * shift / (share * (1.0 - share) * log_hr * log_hr))
}

/// The follow-up needed for the wanted power at `hazard_ratio`, events accruing at the rate
/// seen so far.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FollowUp {
    pub events_needed: f64,
    pub events_per_month: f64,
    pub months: f64,
}

pub fn log_rank_follow_up(
    hazard_ratio: f64,
    share: f64,
    events_per_month: f64,
    settings: &PowerSettings,
) -> Result<FollowUp, String> {
    let events_needed = log_rank_events_needed(hazard_ratio, share, settings)?;
    if !(events_per_month > 0.0 && events_per_month.is_finite()) {
        return Err("No events have been seen yet, so the follow-up needed cannot be estimated.".into());
    }
    Ok(FollowUp { events_needed, events_per_month, months: events_needed / events_per_month })
}
