//! Newey-West (1987) heteroskedasticity- and autocorrelation-consistent (HAC) standard errors for
//! ordinary least squares: V = n/(n-p) (X'X)^-1 S (X'X)^-1 with S = sum_l w_l (G_l + G_l'),
//! G_l = sum_t u_t u_{t-l} x_t x_{t-l}', Bartlett weights w_l = 1 - l/(L+1), w_0 = 1 (G_0 counted
//! once). This is statsmodels' `OLS.fit(cov_type="HAC", cov_kwds={"maxlags": L,
//! "use_correction": True})`, with L by the Newey-West (1994) rule floor(4 (n/100)^(2/9)), the
//! default of statsmodels' `S_hac_simple`. Formulas: docs/methods.md.

/// The Newey-West (1994) lag rule, floor(4 (n/100)^(2/9)).
pub fn newey_west_lags(n: usize) -> usize {
    libm::floor(4.0 * libm::pow(n as f64 / 100.0, 2.0 / 9.0)) as usize
}

/// The HAC covariance (row-major p x p) of OLS coefficients, from the design `rows`, the
/// residuals and `(X'X)^-1` (row-major). `None` when there are no more rows than columns.
pub fn hac_covariance(rows: &[Vec<f64>], residuals: &[f64], xtx_inverse: &[f64], lags: usize) -> Option<Vec<f64>> {
    let n = rows.len();
    let p = rows.first()?.len();
    if n <= p || residuals.len() != n {
        return None;
    }
    let scores: Vec<Vec<f64>> = rows.iter().zip(residuals).map(|(r, u)| r.iter().map(|x| x * u).collect()).collect();
    let mut s = vec![0.0; p * p];
    for lag in 0..=lags.min(n - 1) {
        let weight = 1.0 - lag as f64 / (lags as f64 + 1.0);
        for t in lag..n {
            let (now, before) = (&scores[t], &scores[t - lag]);
            for a in 0..p {
                for b in 0..p {
                    let term = now[a] * before[b] + if lag > 0 { before[a] * now[b] } else { 0.0 };
                    s[a * p + b] += weight * term;
                }
            }
        }
    }
    let product = |x: &[f64], y: &[f64]| -> Vec<f64> {
        (0..p).flat_map(|a| (0..p).map(move |b| (0..p).map(|k| x[a * p + k] * y[k * p + b]).sum::<f64>())).collect()
    };
    let correction = n as f64 / (n - p) as f64;
    Some(product(&product(xtx_inverse, &s), xtx_inverse).into_iter().map(|v| v * correction).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lag_rule_follows_newey_west() {
        assert_eq!(newey_west_lags(100), 4);
        assert_eq!(newey_west_lags(72), 3);
        assert_eq!(newey_west_lags(24), 2);
    }

    #[test]
    fn with_no_lags_it_is_the_white_hc1_covariance() {
        // One column of ones: the HC1 variance of a mean is n/(n-1) sum u^2 / n^2.
        let rows = vec![vec![1.0]; 4];
        let residuals = [1.0, -2.0, 0.5, 0.5];
        let v = hac_covariance(&rows, &residuals, &[0.25], 0).unwrap();
        assert!((v[0] - 4.0 / 3.0 * 5.5 / 16.0).abs() < 1e-12);
        assert!(hac_covariance(&rows[..1], &residuals[..1], &[1.0], 0).is_none());
    }
}
