//! Synthetic control (Abadie & Gardeazabal 2003; Abadie, Diamond & Hainmueller 2010): the
//! treated area's monthly series is compared with a weighted average of comparison areas
//! ("donors"), the weights (>= 0, summing to 1) chosen to reproduce the treated series before the
//! start. Its p-value is by in-space placebos (each donor treated in turn), the 95% interval of
//! its rate ratio by conformal inference (`super::conformal`, Chernozhukov, Wüthrich & Zhu 2021):
//! inverting the placebo test (Firpo & Possebom 2018) assumes the treated area is as noisy as each
//! donor, and on the demo's city its interval covered the planted ratio in 33 of 50 seeds.
//! Definitions and choices: docs/methods.md, "Synthetic control".

use super::conformal::conformal_interval;
use super::simplex_ls::{simplex_weights, Gram};
use serde::Serialize;

/// The scale the weights are fitted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Scale {
    /// The default: every series divided by its own pre-period mean (an index whose pre-period
    /// mean is 1), so a city far larger than every comparison area can still be matched.
    PreMeanIndex,
    /// The counts as given (the textbook problem; a large treated area cannot be matched).
    Raw,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SynthOptions {
    pub scale: Scale,
    /// Level of the placebo test and of the interval (0.05: a 95% interval).
    pub alpha: f64,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions { scale: Scale::PreMeanIndex, alpha: 0.05 }
    }
}

/// One unit's fit quality: root mean squared prediction errors before and after the start
/// (on the scale of the fit) and their ratio.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Fit {
    pub pre_rmspe: f64,
    pub post_rmspe: f64,
    /// post / pre; infinite when the pre-period is matched exactly and the post-period is not.
    pub ratio: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SynthControl {
    pub scale: Scale,
    /// One weight per donor, in the order given.
    pub weights: Vec<f64>,
    /// The synthetic series in the treated area's counts, every month.
    pub synthetic: Vec<f64>,
    /// Treated minus synthetic, every month, in counts.
    pub gaps: Vec<f64>,
    /// RMSPEs in counts (the scaled fit's times the treated pre-period mean); the ratio is free
    /// of scale.
    pub treated: Fit,
    /// Sum of the treated post-period counts over the synthetic post-period sum.
    pub rate_ratio: f64,
    /// Each donor's placebo fit (on the scale of the fit), in the order of the donors.
    pub placebos: Vec<Fit>,
    /// Place of the treated ratio among all units, 1 = largest (ties count against the treated).
    pub rank: usize,
    /// rank / (donors + 1).
    pub p_value: f64,
    /// The 95% interval of the rate ratio by conformal inference (`super::conformal`), when it
    /// exists.
    pub interval: Option<RatioInterval>,
    /// Why there is no interval, in words.
    pub interval_note: Option<String>,
}

/// A confidence set for the rate ratio; `high` is infinite when no large ratio is rejected.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RatioInterval {
    pub low: f64,
    pub high: f64,
    pub level: f64,
}

/// Fits the synthetic control with placebo inference. `treated` and each `donors[j]` are the
/// same consecutive months; `start` is the first month after the intervention began.
pub fn synthetic_control(
    treated: &[f64],
    donors: &[Vec<f64>],
    start: usize,
    options: &SynthOptions,
) -> Result<SynthControl, String> {
    check_inputs(treated, donors, start, options)?;
    let mut units: Vec<Vec<f64>> = std::iter::once(treated.to_vec()).chain(donors.iter().cloned()).collect();
    let factors: Vec<f64> = match options.scale {
        Scale::Raw => vec![1.0; units.len()],
        Scale::PreMeanIndex => units.iter().map(|s| mean(&s[..start])).collect(),
    };
    for (series, &f) in units.iter_mut().zip(&factors) {
        series.iter_mut().for_each(|v| *v /= f);
    }
    let gram = Gram::new(&units, start);
    let pool: Vec<usize> = (1..units.len()).collect();
    let weights = simplex_weights(&gram, 0, &pool);
    let fitted = combine(&units, &pool, &weights);
    let treated_fit = fit_quality(&units[0], &fitted, start);
    let placebos: Vec<Fit> = pool
        .iter()
        .map(|&j| {
            let others: Vec<usize> = pool.iter().copied().filter(|&k| k != j).collect();
            let w = simplex_weights(&gram, j, &others);
            fit_quality(&units[j], &combine(&units, &others, &w), start)
        })
        .collect();
    let rank = 1 + placebos.iter().filter(|p| p.ratio >= treated_fit.ratio).count();
    let p_value = rank as f64 / units.len() as f64;
    let synthetic: Vec<f64> = fitted.iter().map(|v| v * factors[0]).collect();
    let gaps: Vec<f64> = treated.iter().zip(&synthetic).map(|(y, s)| y - s).collect();
    let rate_ratio = treated[start..].iter().sum::<f64>() / synthetic[start..].iter().sum::<f64>();
    let (interval, interval_note) = match conformal_interval(&units[0], &units[1..], start, rate_ratio, options.alpha) {
        Ok(interval) => (Some(interval), None),
        Err(note) => (None, Some(note)),
    };
    let treated_counts = Fit {
        pre_rmspe: treated_fit.pre_rmspe * factors[0],
        post_rmspe: treated_fit.post_rmspe * factors[0],
        ..treated_fit
    };
    Ok(SynthControl {
        scale: options.scale,
        weights,
        synthetic,
        gaps,
        treated: treated_counts,
        rate_ratio,
        placebos,
        rank,
        p_value,
        interval,
        interval_note,
    })
}

fn check_inputs(treated: &[f64], donors: &[Vec<f64>], start: usize, options: &SynthOptions) -> Result<(), String> {
    if donors.len() < 2 {
        return Err(
            "A synthetic control needs at least two comparison areas (each is tested in turn as a placebo).".into()
        );
    }
    if let Some(j) = donors.iter().position(|d| d.len() != treated.len()) {
        return Err(format!(
            "Comparison area {} has {} months, the treated area {}; give every area the same months.",
            j + 1,
            donors[j].len(),
            treated.len()
        ));
    }
    if start < 2 || start >= treated.len() {
        return Err(format!(
            "The start is month {} of {}: at least two months before it and one after are needed.",
            start + 1,
            treated.len()
        ));
    }
    if !(options.alpha > 0.0 && options.alpha < 1.0) {
        return Err(format!("The test level {} must lie between 0 and 1.", options.alpha));
    }
    if treated.iter().chain(donors.iter().flatten()).any(|v| !v.is_finite()) {
        return Err("A monthly value is missing or not a number; fill or drop that month in every area.".into());
    }
    if options.scale == Scale::PreMeanIndex {
        if mean(&treated[..start]) <= 0.0 {
            return Err("The treated area has no counts before the start, so it cannot be put on an index.".into());
        }
        if let Some(j) = donors.iter().position(|d| mean(&d[..start]) <= 0.0) {
            return Err(format!("Comparison area {} has no counts before the start; leave it out.", j + 1));
        }
    }
    Ok(())
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// sum_k w_k units[pool[k]], every month.
fn combine(units: &[Vec<f64>], pool: &[usize], weights: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; units[0].len()];
    for (&k, &w) in pool.iter().zip(weights) {
        if w > 0.0 {
            out.iter_mut().zip(&units[k]).for_each(|(o, v)| *o += w * v);
        }
    }
    out
}

fn rmspe(actual: &[f64], fitted: &[f64]) -> f64 {
    (actual.iter().zip(fitted).map(|(a, f)| (a - f) * (a - f)).sum::<f64>() / actual.len() as f64).sqrt()
}

fn ratio(post: f64, pre: f64) -> f64 {
    match (pre > 0.0, post > 0.0) {
        (true, _) => post / pre,
        (false, true) => f64::INFINITY,
        (false, false) => 0.0,
    }
}

fn fit_quality(actual: &[f64], fitted: &[f64], start: usize) -> Fit {
    let pre_rmspe = rmspe(&actual[..start], &fitted[..start]);
    let post_rmspe = rmspe(&actual[start..], &fitted[start..]);
    Fit { pre_rmspe, post_rmspe, ratio: ratio(post_rmspe, pre_rmspe) }
}
