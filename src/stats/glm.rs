//! Generalized linear models for counts with a log link and an offset, fitted by iteratively
//! reweighted least squares (McCullagh & Nelder 1989): Poisson, and negative binomial NB2 with a
//! given alpha (variance mu + alpha mu^2; alpha by maximum likelihood in `negbin`). The design is
//! sparse (a row lists its non-zero columns) so a two-way fixed-effects panel of thousands of rows
//! accumulates X'WX from a handful of entries per row. Checked against statsmodels `GLM`
//! (`tests/reference/make_counts.py`); formulas in docs/methods.md, "Count models and
//! difference-in-differences".

use super::linalg::Cholesky;
use serde::Serialize;
use std::fmt;

/// One design row: (column, value) for its non-zero entries.
pub type SparseRow = Vec<(usize, f64)>;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Family {
    Poisson,
    /// NB2: variance mu + alpha mu^2 (alpha 0 is the Poisson model).
    NegativeBinomial {
        alpha: f64,
    },
}

impl Family {
    pub fn alpha(self) -> f64 {
        match self {
            Family::Poisson => 0.0,
            Family::NegativeBinomial { alpha } => alpha,
        }
    }
}

/// The counts, their sparse design rows and an optional offset (e.g. log days in the month).
#[derive(Clone, Copy, Debug)]
pub struct CountData<'a> {
    pub rows: &'a [SparseRow],
    pub columns: usize,
    pub counts: &'a [f64],
    pub offset: Option<&'a [f64]>,
}

impl CountData<'_> {
    fn offset_at(&self, i: usize) -> f64 {
        self.offset.map_or(0.0, |o| o[i])
    }

    fn linear_predictor(&self, beta: &[f64]) -> Vec<f64> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| r.iter().map(|&(j, x)| x * beta[j]).sum::<f64>() + self.offset_at(i))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum GlmError {
    /// The inputs do not fit together or hold impossible values.
    BadInput(String),
    /// No more rows than coefficients.
    TooFewRows { rows: usize, columns: usize },
    /// Some column is a combination of others, or carries no information.
    Singular,
    /// The fit did not settle (e.g. an estimate running off to infinity).
    NotConverged { iterations: usize },
}

impl fmt::Display for GlmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GlmError::BadInput(why) => write!(f, "{why}"),
            GlmError::TooFewRows { rows, columns } => {
                write!(f, "{rows} observations are too few to estimate {columns} terms: add months or drop terms")
            }
            GlmError::Singular => {
                write!(f, "the model's terms cannot be told apart in these data (a term is redundant or has no counts)")
            }
            GlmError::NotConverged { iterations } => {
                write!(f, "the count model did not settle after {iterations} rounds (an estimate may be infinite, e.g. a group with no counts)")
            }
        }
    }
}

impl std::error::Error for GlmError {}

/// A fitted count model. Standard errors are model-based (scale 1); see the methods for the
/// quasi-Poisson and cluster-robust alternatives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GlmFit {
    pub family: Family,
    pub coefficients: Vec<f64>,
    pub std_errors: Vec<f64>,
    /// The fitted mean of each row.
    pub fitted: Vec<f64>,
    pub deviance: f64,
    pub pearson_chi2: f64,
    pub log_likelihood: f64,
    /// Rows minus coefficients.
    pub df_resid: usize,
    pub iterations: usize,
    /// (X'WX)^-1 at the estimate, row-major: the model-based covariance.
    #[serde(skip)]
    pub covariance: Vec<f64>,
}

const MAX_ITERATIONS: usize = 100;
/// Stop when the deviance changes by less than this share: IRLS converges quadratically, so the
/// coefficients are then settled far below the 1e-6 the reference test asks for.
const TOLERANCE: f64 = 1e-11;

/// Fits the model by IRLS from statsmodels' start, mu = (y + mean y) / 2.
pub fn fit(data: &CountData, family: Family) -> Result<GlmFit, GlmError> {
    fit_from(data, family, None)
}

/// Fits the model, starting from `start` coefficients when given (a warm start).
pub fn fit_from(data: &CountData, family: Family, start: Option<&[f64]>) -> Result<GlmFit, GlmError> {
    check(data, family)?;
    let n = data.counts.len();
    let mean = data.counts.iter().sum::<f64>() / n as f64;
    let mut eta: Vec<f64> = match start {
        Some(beta) => data.linear_predictor(beta),
        None => data.counts.iter().map(|y| libm::log((y + mean) / 2.0)).collect(),
    };
    let mut deviance_before = f64::INFINITY;
    for iteration in 1..=MAX_ITERATIONS {
        let mu: Vec<f64> = eta.iter().map(|&e| libm::exp(e)).collect();
        let (xtwx, xtwz) = weighted_cross_products(data, family, &mu, &eta);
        let beta = Cholesky::new(&xtwx, data.columns).ok_or(GlmError::Singular)?.solve(&xtwz);
        eta = data.linear_predictor(&beta);
        let mu: Vec<f64> = eta.iter().map(|&e| libm::exp(e)).collect();
        let deviance = deviance(data.counts, &mu, family.alpha());
        if !deviance.is_finite() || beta.iter().any(|b| !b.is_finite()) {
            return Err(GlmError::NotConverged { iterations: iteration });
        }
        if (deviance - deviance_before).abs() <= TOLERANCE * (deviance.abs() + 1.0) {
            return finish(data, family, beta, iteration);
        }
        deviance_before = deviance;
    }
    Err(GlmError::NotConverged { iterations: MAX_ITERATIONS })
}

fn check(data: &CountData, family: Family) -> Result<(), GlmError> {
    let n = data.counts.len();
    if data.rows.len() != n || data.offset.is_some_and(|o| o.len() != n) {
        return Err(GlmError::BadInput("the counts, design rows and offsets differ in length".into()));
    }
    if data.counts.iter().any(|y| !y.is_finite() || *y < 0.0)
        || data.offset.is_some_and(|o| o.iter().any(|x| !x.is_finite()))
    {
        return Err(GlmError::BadInput("counts must be zero or more, and offsets finite".into()));
    }
    if data.rows.iter().flatten().any(|&(j, x)| j >= data.columns || !x.is_finite()) {
        return Err(GlmError::BadInput("a design entry is outside the columns or not a number".into()));
    }
    if !family.alpha().is_finite() || family.alpha() < 0.0 {
        return Err(GlmError::BadInput("the negative binomial alpha must be zero or more".into()));
    }
    if n <= data.columns {
        return Err(GlmError::TooFewRows { rows: n, columns: data.columns });
    }
    if data.counts.iter().all(|&y| y == 0.0) {
        return Err(GlmError::BadInput("every count is zero, so no rate can be estimated".into()));
    }
    Ok(())
}

/// The IRLS weights of the log link, w = mu / (1 + alpha mu).
fn weight(mu: f64, alpha: f64) -> f64 {
    mu / (1.0 + alpha * mu)
}

/// X'WX (row-major, lower triangle filled) and X'Wz with the working response z = eta - offset +
/// (y - mu) / mu, from the non-zeros of each row.
fn weighted_cross_products(data: &CountData, family: Family, mu: &[f64], eta: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let p = data.columns;
    let mut xtwx = vec![0.0; p * p];
    let mut xtwz = vec![0.0; p];
    for (i, row) in data.rows.iter().enumerate() {
        let w = weight(mu[i], family.alpha());
        let z = eta[i] - data.offset_at(i) + (data.counts[i] - mu[i]) / mu[i];
        for &(j, xj) in row {
            xtwz[j] += w * xj * z;
            for &(k, xk) in row {
                if k <= j {
                    xtwx[j * p + k] += w * xj * xk;
                }
            }
        }
    }
    (xtwx, xtwz)
}

/// A fitted mean below this is an estimate running off to minus infinity (a group of rows with
/// no counts), which IRLS reports as settled once those rows stop changing the deviance.
const VANISHING_MEAN: f64 = 1e-10;

fn finish(data: &CountData, family: Family, coefficients: Vec<f64>, iterations: usize) -> Result<GlmFit, GlmError> {
    let eta = data.linear_predictor(&coefficients);
    let fitted: Vec<f64> = eta.iter().map(|&e| libm::exp(e)).collect();
    if fitted.iter().any(|&m| m < VANISHING_MEAN) {
        return Err(GlmError::NotConverged { iterations });
    }
    let (xtwx, _) = weighted_cross_products(data, family, &fitted, &eta);
    let covariance = Cholesky::new(&xtwx, data.columns).ok_or(GlmError::Singular)?.inverse();
    let p = data.columns;
    let alpha = family.alpha();
    let pearson_chi2 = data.counts.iter().zip(&fitted).map(|(y, m)| (y - m) * (y - m) / (m + alpha * m * m)).sum();
    Ok(GlmFit {
        family,
        std_errors: standard_errors(&covariance, p),
        deviance: deviance(data.counts, &fitted, alpha),
        log_likelihood: log_likelihood(data.counts, &fitted, alpha),
        pearson_chi2,
        df_resid: data.counts.len() - p,
        coefficients,
        fitted,
        iterations,
        covariance,
    })
}

/// Square roots of the diagonal of a row-major p x p covariance.
pub fn standard_errors(covariance: &[f64], p: usize) -> Vec<f64> {
    (0..p).map(|j| libm::sqrt(covariance[j * p + j])).collect()
}

/// y ln(y / mu), 0 when y is 0.
fn y_log_y_over(y: f64, mu: f64) -> f64 {
    if y > 0.0 {
        y * libm::log(y / mu)
    } else {
        0.0
    }
}

/// The deviance: Poisson 2 sum [y ln(y/mu) - (y - mu)]; NB2 2 sum [y ln(y/mu) - (y + 1/alpha)
/// ln((1 + alpha y) / (1 + alpha mu))].
pub fn deviance(counts: &[f64], mu: &[f64], alpha: f64) -> f64 {
    let unit = |(&y, &m): (&f64, &f64)| {
        if alpha == 0.0 {
            y_log_y_over(y, m) - (y - m)
        } else {
            y_log_y_over(y, m) - (y + 1.0 / alpha) * (libm::log1p(alpha * y) - libm::log1p(alpha * m))
        }
    };
    2.0 * counts.iter().zip(mu).map(unit).sum::<f64>()
}

/// The full log-likelihood (with the ln y! terms, as statsmodels reports it).
pub fn log_likelihood(counts: &[f64], mu: &[f64], alpha: f64) -> f64 {
    counts.iter().zip(mu).map(|(&y, &m)| super::negbin::log_density(y, m, alpha)).sum()
}

impl GlmFit {
    pub fn columns(&self) -> usize {
        self.coefficients.len()
    }

    /// The quasi-Poisson scale: Pearson chi-square over the residual degrees of freedom.
    pub fn pearson_scale(&self) -> f64 {
        self.pearson_chi2 / self.df_resid as f64
    }

    /// The covariance with the Pearson scale (statsmodels `fit(scale="X2")`).
    pub fn quasi_covariance(&self) -> Vec<f64> {
        let scale = self.pearson_scale();
        self.covariance.iter().map(|v| v * scale).collect()
    }

    /// The cluster-robust (sandwich) covariance, B (sum_g s_g s_g') B with B the model-based
    /// covariance and s_g the summed scores x_i (y_i - mu_i) / (1 + alpha mu_i) of cluster g,
    /// times statsmodels' small-sample factor G/(G-1) (n-1)/(n-p). `None` with fewer than 2
    /// clusters or a cluster id per row missing.
    pub fn cluster_covariance(&self, data: &CountData, clusters: &[usize]) -> Option<Vec<f64>> {
        let p = self.columns();
        let n = data.counts.len();
        let groups = clusters.iter().max().map_or(0, |m| m + 1);
        if clusters.len() != n || n <= p {
            return None;
        }
        let mut scores = vec![0.0; groups * p];
        for (i, row) in data.rows.iter().enumerate() {
            let residual = (data.counts[i] - self.fitted[i]) / (1.0 + self.family.alpha() * self.fitted[i]);
            for &(j, x) in row {
                scores[clusters[i] * p + j] += x * residual;
            }
        }
        let used: Vec<&[f64]> = scores.chunks(p).filter(|s| s.iter().any(|v| *v != 0.0)).collect();
        let g = clusters.iter().collect::<std::collections::BTreeSet<_>>().len();
        if g < 2 {
            return None;
        }
        let correction = g as f64 / (g as f64 - 1.0) * (n as f64 - 1.0) / (n - p) as f64;
        let mut covariance = vec![0.0; p * p];
        for score in used {
            let u: Vec<f64> = (0..p)
                .map(|a| self.covariance[a * p..(a + 1) * p].iter().zip(score).map(|(b, s)| b * s).sum())
                .collect();
            for a in 0..p {
                for b in 0..p {
                    covariance[a * p + b] += correction * u[a] * u[b];
                }
            }
        }
        Some(covariance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intercept_rows(n: usize) -> Vec<SparseRow> {
        vec![vec![(0, 1.0)]; n]
    }

    #[test]
    fn an_intercept_alone_is_the_log_rate_with_its_poisson_error() {
        let counts = [3.0, 5.0, 4.0, 8.0];
        let days = [31.0, 28.0, 31.0, 30.0];
        let offset: Vec<f64> = days.iter().map(|d| libm::log(*d)).collect();
        let rows = intercept_rows(4);
        let data = CountData { rows: &rows, columns: 1, counts: &counts, offset: Some(&offset) };
        let poisson = fit(&data, Family::Poisson).unwrap();
        assert!((poisson.coefficients[0] - libm::log(20.0 / 120.0)).abs() < 1e-10);
        assert!((poisson.std_errors[0] - 1.0 / libm::sqrt(20.0)).abs() < 1e-10);
        assert_eq!(poisson.df_resid, 3);
        let nb = fit(&data, Family::NegativeBinomial { alpha: 0.5 }).unwrap();
        assert!(nb.std_errors[0] > poisson.std_errors[0]);
    }

    #[test]
    fn redundant_columns_are_singular() {
        let rows: Vec<SparseRow> = (0..6).map(|_| vec![(0, 1.0), (1, 2.0)]).collect();
        let data = CountData { rows: &rows, columns: 2, counts: &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], offset: None };
        assert_eq!(fit(&data, Family::Poisson).unwrap_err(), GlmError::Singular);
        let empty_column: Vec<SparseRow> = intercept_rows(6);
        let data = CountData { rows: &empty_column, columns: 2, counts: &[1.0; 6], offset: None };
        assert_eq!(fit(&data, Family::Poisson).unwrap_err(), GlmError::Singular);
    }

    #[test]
    fn a_group_without_counts_does_not_pass_for_a_fit() {
        let rows: Vec<SparseRow> =
            (0..8).map(|i| if i < 4 { vec![(0, 1.0), (1, 1.0)] } else { vec![(0, 1.0)] }).collect();
        let counts = [0.0, 0.0, 0.0, 0.0, 3.0, 4.0, 5.0, 2.0];
        let data = CountData { rows: &rows, columns: 2, counts: &counts, offset: None };
        let error = fit(&data, Family::Poisson).unwrap_err();
        assert!(matches!(error, GlmError::NotConverged { .. }), "{error:?}");
        assert!(error.to_string().contains("no counts"));
    }

    #[test]
    fn bad_inputs_are_refused_with_a_reason() {
        let rows = intercept_rows(2);
        let few = CountData { rows: &rows, columns: 2, counts: &[1.0, 2.0], offset: None };
        assert_eq!(fit(&few, Family::Poisson).unwrap_err(), GlmError::TooFewRows { rows: 2, columns: 2 });
        let negative = CountData { rows: &rows, columns: 1, counts: &[1.0, -2.0], offset: None };
        assert!(matches!(fit(&negative, Family::Poisson), Err(GlmError::BadInput(_))));
        let zeros = CountData { rows: &rows, columns: 1, counts: &[0.0, 0.0], offset: None };
        assert!(fit(&zeros, Family::Poisson).unwrap_err().to_string().contains("every count is zero"));
        let mismatched = CountData { rows: &rows, columns: 1, counts: &[1.0, 2.0, 3.0], offset: None };
        assert!(matches!(fit(&mismatched, Family::Poisson), Err(GlmError::BadInput(_))));
    }
}
