//! The negative binomial NB2 model with alpha by maximum likelihood, and the likelihood-ratio
//! test of overdispersion (alpha = 0 against alpha > 0). The maximum over (beta, alpha) is found
//! by alternating: IRLS for beta at the current alpha (`glm`), then the alpha that maximises the
//! likelihood at the fitted means, until alpha settles; at the joint maximum both hold, so this is
//! the estimate of statsmodels' `NegativeBinomial(loglike_method="nb2")` (discrete ML), with beta
//! and its standard errors those of `GLM(family=NegativeBinomial(alpha))` at that alpha.

use super::glm::{fit_from, CountData, Family, GlmError, GlmFit};
use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::gamma::{digamma, ln_gamma};

/// The search range of ln alpha: below e^-18 (1.5e-8) the model is Poisson for any count data.
const LN_ALPHA_LOW: f64 = -18.0;
const LN_ALPHA_HIGH: f64 = 10.0;
const MAX_ROUNDS: usize = 200;
/// Integer counts up to this size use exact finite sums for the gamma-function ratios (no loss
/// of digits when 1/alpha is large and y small); larger counts use ln-gamma and digamma, whose
/// differences are then accurate, and a sum would cost y terms per month and step.
const EXACT_SUM_LIMIT: f64 = 1000.0;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NbFit {
    /// The maximum-likelihood alpha (0 when the likelihood is highest at the Poisson boundary).
    pub alpha: f64,
    pub glm: GlmFit,
}

/// The likelihood-ratio test of alpha = 0. Under the null alpha sits on the boundary of its
/// range, so the statistic follows a 50:50 mixture of 0 and chi-square(1) (Self & Liang 1987):
/// p = P(chi2_1 > LR) / 2, and 1 when LR is 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OverdispersionTest {
    pub alpha: f64,
    pub statistic: f64,
    pub p_value: f64,
}

fn is_small_integer(y: f64) -> bool {
    y.fract() == 0.0 && y <= EXACT_SUM_LIMIT
}

/// ln P(Y = y) for NB2 with mean mu and dispersion alpha (Poisson when alpha is 0).
pub fn log_density(y: f64, mu: f64, alpha: f64) -> f64 {
    let ln_y_factorial = ln_gamma(y + 1.0);
    if alpha == 0.0 {
        return y * libm::log(mu) - mu - ln_y_factorial;
    }
    // ln Gamma(y + 1/a) - ln Gamma(1/a) + y ln(a mu) = sum_{k<y} ln(1 + a k) + y ln mu.
    let gamma_ratio = if is_small_integer(y) {
        (0..y as u64).map(|k| libm::log1p(alpha * k as f64)).sum::<f64>() + y * libm::log(mu)
    } else {
        ln_gamma(y + 1.0 / alpha) - ln_gamma(1.0 / alpha) + y * libm::log(alpha * mu)
    };
    gamma_ratio - (y + 1.0 / alpha) * libm::log1p(alpha * mu) - ln_y_factorial
}

/// d ln L / d ln alpha at fixed means: alpha * sum [(digamma(1/a) - digamma(y + 1/a) + ln(1 + a mu))
/// / a^2 + (y - mu) / (a (1 + a mu))].
fn alpha_score(counts: &[f64], mu: &[f64], ln_alpha: f64) -> f64 {
    let a = libm::exp(ln_alpha);
    let unit = |(&y, &m): (&f64, &f64)| {
        let digamma_difference = if is_small_integer(y) {
            (0..y as u64).map(|k| 1.0 / (1.0 / a + k as f64)).sum::<f64>()
        } else {
            digamma(y + 1.0 / a) - digamma(1.0 / a)
        };
        (libm::log1p(a * m) - digamma_difference) / a + (y - m) / (1.0 + a * m)
    };
    counts.iter().zip(mu).map(unit).sum()
}

/// The alpha that maximises the likelihood at the given means (0 at the Poisson boundary), by
/// bisection on the score in ln alpha.
fn best_alpha(counts: &[f64], mu: &[f64]) -> Result<f64, GlmError> {
    let (mut low, mut high) = (LN_ALPHA_LOW, LN_ALPHA_HIGH);
    if alpha_score(counts, mu, low) <= 0.0 {
        return Ok(0.0);
    }
    if alpha_score(counts, mu, high) > 0.0 {
        return Err(GlmError::BadInput("the counts vary too much for a negative binomial model".into()));
    }
    while high - low > 1e-13 {
        let middle = 0.5 * (low + high);
        if alpha_score(counts, mu, middle) > 0.0 {
            low = middle;
        } else {
            high = middle;
        }
    }
    Ok(libm::exp(0.5 * (low + high)))
}

/// Fits NB2 with alpha by maximum likelihood, starting from a Poisson fit of the same data.
pub fn fit_negative_binomial(data: &CountData, poisson: &GlmFit) -> Result<NbFit, GlmError> {
    let mut alpha = best_alpha(data.counts, &poisson.fitted)?;
    let mut glm = fit_from(data, Family::NegativeBinomial { alpha }, Some(&poisson.coefficients))?;
    for _ in 0..MAX_ROUNDS {
        let next = best_alpha(data.counts, &glm.fitted)?;
        let settled = if alpha == 0.0 || next == 0.0 {
            alpha == next
        } else {
            (libm::log(next) - libm::log(alpha)).abs() < 1e-11
        };
        alpha = next;
        glm = fit_from(data, Family::NegativeBinomial { alpha }, Some(&glm.coefficients))?;
        if settled {
            return Ok(NbFit { alpha, glm });
        }
    }
    Err(GlmError::NotConverged { iterations: MAX_ROUNDS })
}

/// The likelihood-ratio test of overdispersion from the two fits of the same data.
pub fn overdispersion_test(poisson: &GlmFit, nb: &NbFit) -> OverdispersionTest {
    let statistic = (2.0 * (nb.glm.log_likelihood - poisson.log_likelihood)).max(0.0);
    let p_value =
        if statistic > 0.0 { 0.5 * ChiSquared::new(1.0).expect("1 degree of freedom").sf(statistic) } else { 1.0 };
    OverdispersionTest { alpha: nb.alpha, statistic, p_value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_density_sums_to_one_and_tends_to_poisson() {
        let total: f64 = (0..400).map(|y| libm::exp(log_density(y as f64, 7.5, 0.4))).sum();
        assert!((total - 1.0).abs() < 1e-10);
        let near = log_density(4.0, 3.0, 1e-12);
        assert!((near - log_density(4.0, 3.0, 0.0)).abs() < 1e-9);
        let general = log_density(4.5, 3.0, 0.2);
        let exact = ln_gamma(4.5 + 5.0) - ln_gamma(5.0) - ln_gamma(5.5) + 4.5 * libm::log(0.6) - 9.5 * libm::log(1.6);
        assert!((general - exact).abs() < 1e-10);
    }

    #[test]
    fn the_exact_sums_agree_with_the_gamma_functions() {
        let (y, mu, a) = (1000.0, 950.0, 0.01);
        let general = ln_gamma(y + 1.0 / a) - ln_gamma(1.0 / a) + y * libm::log(a * mu)
            - (y + 1.0 / a) * libm::log1p(a * mu)
            - ln_gamma(y + 1.0);
        assert!((log_density(y, mu, a) - general).abs() < 1e-9 * general.abs());
        let score = alpha_score(&[y], &[mu], libm::log(a));
        let general = (libm::log1p(a * mu) - (digamma(y + 1.0 / a) - digamma(1.0 / a))) / a + (y - mu) / (1.0 + a * mu);
        assert!((score - general).abs() < 1e-8 * general.abs().max(1.0), "{score} {general}");
    }

    #[test]
    fn equidispersed_counts_put_alpha_at_the_boundary() {
        let counts = [3.0, 3.0, 3.0, 3.0];
        assert_eq!(best_alpha(&counts, &[3.0; 4]).unwrap(), 0.0);
    }
}
