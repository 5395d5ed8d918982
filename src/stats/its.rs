//! Interrupted time series by segmented regression on monthly counts (Wagner et al. 2002):
//! y_t = b0 + b1 t + b2 post_t + b3 (t - t0) post_t [+ month-of-year terms] + e_t, fitted by
//! ordinary least squares with the usual (homoskedastic) standard errors and t-based 95% CIs,
//! as R's `lm()` and `confint()`. b2 is the level change at the start, b3 the slope change.
//! Newey-West standard errors (`hac`) allow for autocorrelated months alongside.

use super::hac::{hac_covariance, newey_west_lags};
use super::{z, Estimate};
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItsFit {
    /// b0, b1, b2, b3 (then the month terms, February to December, if asked for).
    pub coefficients: Vec<Estimate>,
    pub std_errors: Vec<f64>,
    pub df: usize,
    /// The fitted value of each month.
    pub fitted: Vec<f64>,
    /// The fitted post-period values had the intervention not happened (b2 = b3 = 0).
    pub counterfactual: Vec<f64>,
    /// Newey-West (HAC) standard errors with `hac_lags` lags, and the coefficients with normal
    /// 95% CIs from them (statsmodels' default for `cov_type="HAC"`).
    pub hac_std_errors: Vec<f64>,
    pub hac_coefficients: Vec<Estimate>,
    pub hac_lags: usize,
}

impl ItsFit {
    pub fn level_change(&self) -> Estimate {
        self.coefficients[2]
    }

    pub fn slope_change(&self) -> Estimate {
        self.coefficients[3]
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` if `a` is singular.
pub fn solve(a: &[Vec<f64>], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    let mut m: Vec<Vec<f64>> = a.iter().zip(b).map(|(row, &y)| row.iter().copied().chain([y]).collect()).collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| m[x][col].abs().total_cmp(&m[y][col].abs()))?;
        if m[pivot][col].abs() < 1e-12 {
            return None;
        }
        m.swap(col, pivot);
        let pivot_row = m[col].clone();
        for (row, r) in m.iter_mut().enumerate() {
            if row != col {
                let f = r[col] / pivot_row[col];
                r[col..].iter_mut().zip(&pivot_row[col..]).for_each(|(x, p)| *x -= f * p);
            }
        }
    }
    Some((0..n).map(|i| m[i][n] / m[i][i]).collect())
}

/// Fits the segmented regression. `counts[i]` is month `i` (0-based, consecutive months),
/// `start` the index of the first post-intervention month, `first_month0` the calendar month
/// (0 = January) of month 0, used when `seasonal`. `None` when there are too few months on
/// either side to estimate the model.
pub fn segmented_regression(counts: &[f64], start: usize, seasonal: bool, first_month0: usize) -> Option<ItsFit> {
    let n = counts.len();
    let rows: Vec<Vec<f64>> = (0..n)
        .map(|t| {
            let post = if t >= start { 1.0 } else { 0.0 };
            let mut x = vec![1.0, t as f64, post, (t as f64 - start as f64) * post];
            if seasonal {
                let month = (first_month0 + t) % 12;
                x.extend((1..12).map(|m| if month == m { 1.0 } else { 0.0 }));
            }
            x
        })
        .collect();
    let p = rows[0].len();
    if start < 2 || n < start + 2 || n <= p {
        return None;
    }
    let xtx: Vec<Vec<f64>> = (0..p).map(|a| (0..p).map(|b| rows.iter().map(|r| r[a] * r[b]).sum()).collect()).collect();
    let xty: Vec<f64> = (0..p).map(|a| rows.iter().zip(counts).map(|(r, y)| r[a] * y).sum()).collect();
    let beta = solve(&xtx, &xty)?;
    let fitted: Vec<f64> = rows.iter().map(|r| r.iter().zip(&beta).map(|(x, b)| x * b).sum()).collect();
    let df = n - p;
    let rss: f64 = counts.iter().zip(&fitted).map(|(y, f)| (y - f) * (y - f)).sum();
    let sigma2 = rss / df as f64;
    let t = StudentsT::new(0.0, 1.0, df as f64).ok()?.inverse_cdf(0.975);
    let mut std_errors = Vec::with_capacity(p);
    let mut coefficients = Vec::with_capacity(p);
    let mut xtx_inverse = vec![0.0; p * p];
    for j in 0..p {
        let unit: Vec<f64> = (0..p).map(|k| if k == j { 1.0 } else { 0.0 }).collect();
        let column = solve(&xtx, &unit)?;
        (0..p).for_each(|k| xtx_inverse[k * p + j] = column[k]);
        let se = (sigma2 * column[j]).sqrt();
        std_errors.push(se);
        coefficients.push(Estimate { value: beta[j], low: beta[j] - t * se, high: beta[j] + t * se });
    }
    let hac_lags = newey_west_lags(n);
    let residuals: Vec<f64> = counts.iter().zip(&fitted).map(|(y, f)| y - f).collect();
    let hac = hac_covariance(&rows, &residuals, &xtx_inverse, hac_lags)?;
    let hac_std_errors: Vec<f64> = (0..p).map(|j| libm::sqrt(hac[j * p + j])).collect();
    let z = z(0.95);
    let hac_coefficients = beta
        .iter()
        .zip(&hac_std_errors)
        .map(|(&b, &se)| Estimate { value: b, low: b - z * se, high: b + z * se })
        .collect();
    let counterfactual = rows
        .iter()
        .map(|r| r.iter().zip(&beta).enumerate().filter(|(j, _)| *j != 2 && *j != 3).map(|(_, (x, b))| x * b).sum())
        .collect();
    Some(ItsFit { coefficients, std_errors, df, fitted, counterfactual, hac_std_errors, hac_coefficients, hac_lags })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_step_is_recovered_exactly_without_noise() {
        let counts: Vec<f64> = (0..24).map(|t| 100.0 + 2.0 * t as f64 - if t >= 12 { 20.0 } else { 0.0 }).collect();
        let fit = segmented_regression(&counts, 12, false, 0).unwrap();
        assert!((fit.level_change().value + 20.0).abs() < 1e-9);
        assert!(fit.slope_change().value.abs() < 1e-9);
    }

    #[test]
    fn too_few_months_give_none() {
        assert!(segmented_regression(&[1.0, 2.0, 3.0], 1, false, 0).is_none());
        assert!(segmented_regression(&[1.0; 30], 29, false, 0).is_none());
    }

    #[test]
    fn solves_small_systems_and_refuses_singular_ones() {
        let x = solve(&[vec![2.0, 1.0], vec![1.0, 3.0]], &[3.0, 5.0]).unwrap();
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
        assert!(solve(&[vec![1.0, 2.0], vec![2.0, 4.0]], &[1.0, 2.0]).is_none());
    }
}
