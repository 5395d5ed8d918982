//! Interrupted time series for monthly counts as count models:
//! `ln E[y_t] = ln(days_t) + b0 + b1 t + b2 post_t + b3 (t - t0) post_t [+ month-of-year terms]`,
//! fitted as Poisson and as negative binomial (NB2, alpha by maximum likelihood). exp(b2) is the
//! rate ratio of the level change at the start and exp(b3) the rate ratio per month of the slope
//! change, with normal 95% CIs on the log scale (as statsmodels' GLM). The likelihood-ratio test
//! of overdispersion picks the model the finding uses. Formulas: docs/methods.md, "Count models
//! and difference-in-differences".

use super::glm::{fit, CountData, Family, GlmError, GlmFit, SparseRow};
use super::negbin::{fit_negative_binomial, overdispersion_test, OverdispersionTest};
use super::{z, Estimate};
use serde::Serialize;

/// The overdispersion test's p-value below which the negative binomial model is used.
pub const OVERDISPERSION_LEVEL: f64 = 0.05;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CountModel {
    Poisson,
    NegativeBinomial,
}

/// One count model of the series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountItsModel {
    /// b0, b1, b2, b3 (then February to December if seasonal), log scale, with 95% CIs.
    pub coefficients: Vec<Estimate>,
    pub std_errors: Vec<f64>,
    /// exp(b2): the rate after the start relative to the trend's rate, with its 95% CI.
    pub level_change: Estimate,
    /// exp(b3): the change in the monthly growth of the rate, per month, with its 95% CI.
    pub slope_change: Estimate,
    /// The NB2 alpha (0 for the Poisson model).
    pub alpha: f64,
    pub deviance: f64,
    pub pearson_chi2: f64,
    pub log_likelihood: f64,
    pub df_resid: usize,
    /// The fitted count of each month.
    pub fitted: Vec<f64>,
    /// The fitted counts had the intervention not happened (b2 = b3 = 0).
    pub counterfactual: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountIts {
    pub poisson: CountItsModel,
    /// `None` when the negative binomial model could not be fitted (then the Poisson one is used).
    pub negative_binomial: Option<CountItsModel>,
    pub overdispersion: Option<OverdispersionTest>,
    pub chosen: CountModel,
    /// Why the chosen model is used, in plain words.
    pub reason: String,
}

impl CountIts {
    pub fn chosen_model(&self) -> &CountItsModel {
        match (self.chosen, &self.negative_binomial) {
            (CountModel::NegativeBinomial, Some(nb)) => nb,
            _ => &self.poisson,
        }
    }
}

/// The design rows of the segmented model (as `its::segmented_regression`).
pub fn its_design(months: usize, start: usize, seasonal: bool, first_month0: usize) -> Vec<SparseRow> {
    (0..months)
        .map(|t| {
            let mut row = vec![(0, 1.0), (1, t as f64)];
            if t >= start {
                row.push((2, 1.0));
                row.push((3, (t - start) as f64));
            }
            let month = (first_month0 + t) % 12;
            if seasonal && month > 0 {
                row.push((3 + month, 1.0));
            }
            row.retain(|&(_, x)| x != 0.0);
            row
        })
        .collect()
}

/// Fits both count models. `counts[i]` is month `i` (consecutive), `start` the first month of the
/// intervention, `days` the days each month counts (the offset ln days; `None`: no offset).
/// Errors when there are too few months on either side, or the counts cannot be modelled.
pub fn count_its(
    counts: &[f64],
    days: Option<&[f64]>,
    start: usize,
    seasonal: bool,
    first_month0: usize,
) -> Result<CountIts, GlmError> {
    let n = counts.len();
    let columns = if seasonal { 15 } else { 4 };
    if start < 2 || n < start + 2 || n <= columns {
        return Err(GlmError::BadInput(format!(
            "{n} months with the start at month {} are too few: the model needs at least 2 months before and 2 after, and more months than its {columns} terms",
            start + 1
        )));
    }
    if days.is_some_and(|d| d.len() != n || d.iter().any(|x| !(x.is_finite() && *x > 0.0))) {
        return Err(GlmError::BadInput("each month needs a positive number of days".into()));
    }
    let offset: Option<Vec<f64>> = days.map(|d| d.iter().map(|&x| libm::log(x)).collect());
    let rows = its_design(n, start, seasonal, first_month0);
    let data = CountData { rows: &rows, columns, counts, offset: offset.as_deref() };
    let poisson_fit = fit(&data, Family::Poisson)?;
    let nb = fit_negative_binomial(&data, &poisson_fit);
    let poisson = model(&poisson_fit, &rows, offset.as_deref());
    let (negative_binomial, overdispersion) = match &nb {
        Ok(nb) => (Some(model(&nb.glm, &rows, offset.as_deref())), Some(overdispersion_test(&poisson_fit, nb))),
        Err(_) => (None, None),
    };
    let (chosen, reason) = choose(overdispersion.as_ref(), nb.as_ref().err());
    Ok(CountIts { poisson, negative_binomial, overdispersion, chosen, reason })
}

fn choose(test: Option<&OverdispersionTest>, nb_error: Option<&GlmError>) -> (CountModel, String) {
    match (test, nb_error) {
        (Some(t), _) if t.p_value < OVERDISPERSION_LEVEL => (
            CountModel::NegativeBinomial,
            format!(
                "the counts vary more than a Poisson model allows (p = {}), so the negative binomial model is used",
                p_text(t.p_value)
            ),
        ),
        (Some(t), _) => (
            CountModel::Poisson,
            format!(
                "the counts vary no more than a Poisson model allows (p = {}), so the Poisson model is used",
                p_text(t.p_value)
            ),
        ),
        (None, Some(e)) => (
            CountModel::Poisson,
            format!("the negative binomial model could not be fitted ({e}), so the Poisson model is used"),
        ),
        (None, None) => (CountModel::Poisson, "the Poisson model is used".into()),
    }
}

fn p_text(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

fn model(fit: &GlmFit, rows: &[SparseRow], offset: Option<&[f64]>) -> CountItsModel {
    let z = z(0.95);
    let coefficients: Vec<Estimate> = fit
        .coefficients
        .iter()
        .zip(&fit.std_errors)
        .map(|(&b, &se)| Estimate { value: b, low: b - z * se, high: b + z * se })
        .collect();
    let ratio = |e: Estimate| Estimate { value: libm::exp(e.value), low: libm::exp(e.low), high: libm::exp(e.high) };
    let counterfactual = rows
        .iter()
        .enumerate()
        .map(|(t, r)| {
            let eta: f64 = r.iter().filter(|(j, _)| *j != 2 && *j != 3).map(|&(j, x)| x * fit.coefficients[j]).sum();
            libm::exp(eta + offset.map_or(0.0, |o| o[t]))
        })
        .collect();
    CountItsModel {
        level_change: ratio(coefficients[2]),
        slope_change: ratio(coefficients[3]),
        coefficients,
        std_errors: fit.std_errors.clone(),
        alpha: fit.family.alpha(),
        deviance: fit.deviance,
        pearson_chi2: fit.pearson_chi2,
        log_likelihood: fit.log_likelihood,
        df_resid: fit.df_resid,
        fitted: fit.fitted.clone(),
        counterfactual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_rate_ratio_is_recovered_without_noise() {
        let counts: Vec<f64> =
            (0..36).map(|t| (200.0 * libm::exp(0.01 * t as f64) * if t >= 18 { 0.7 } else { 1.0 }).round()).collect();
        let its = count_its(&counts, None, 18, false, 0).unwrap();
        assert!((its.poisson.level_change.value - 0.7).abs() < 0.01, "{:?}", its.poisson.level_change);
        assert!((its.poisson.slope_change.value - 1.0).abs() < 0.002);
        assert_eq!(its.chosen, CountModel::Poisson, "{}", its.reason);
        assert!(its.counterfactual_is_above_fitted_after(18));
    }

    impl CountIts {
        fn counterfactual_is_above_fitted_after(&self, start: usize) -> bool {
            let m = self.chosen_model();
            m.fitted[start..].iter().zip(&m.counterfactual[start..]).all(|(f, c)| c > f)
        }
    }

    #[test]
    fn too_few_months_and_zero_series_are_errors() {
        assert!(matches!(count_its(&[1.0, 2.0, 3.0], None, 1, false, 0), Err(GlmError::BadInput(_))));
        assert!(count_its(&[5.0; 30], None, 29, false, 0).is_err());
        assert!(count_its(&[5.0; 12], None, 6, true, 0).is_err());
        let zero = count_its(&[0.0; 24], None, 12, false, 0).unwrap_err();
        assert!(zero.to_string().contains("zero"), "{zero}");
        assert!(count_its(&[5.0; 24], Some(&[30.0; 23]), 12, false, 0).is_err());
    }
}
