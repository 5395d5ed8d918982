//! Rates and proportions.

use super::{z, Estimate};

/// Poisson rate ratio after/before, `(b / tb) / (a / ta)`, with the 95% CI
/// `exp(log RR +- 1.96 sqrt(1/a + 1/b))` (`docs/methods.md#rate-ratio`; Rothman, Modern Epidemiology, ch. 14).
/// `None` when either count is zero (the ratio or its variance is undefined).
pub fn rate_ratio(before: u64, before_time: f64, after: u64, after_time: f64) -> Option<Estimate> {
    if before == 0 || after == 0 || before_time <= 0.0 || after_time <= 0.0 {
        return None;
    }
    let (a, b) = (before as f64, after as f64);
    let ratio = (b / after_time) / (a / before_time);
    let half = z(0.95) * (1.0 / a + 1.0 / b).sqrt();
    Some(Estimate { value: ratio, low: ratio * libm::exp(-half), high: ratio * libm::exp(half) })
}

/// A proportion `k / n` with the Wilson score 95% interval (Wilson 1927; equals R's
/// `prop.test(k, n, correct = FALSE)$conf.int`). `None` for `n = 0`.
pub fn wilson(k: u64, n: u64) -> Option<Estimate> {
    if n == 0 || k > n {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z = z(0.95);
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Estimate { value: p, low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_cases_give_none() {
        assert!(rate_ratio(0, 1.0, 5, 1.0).is_none());
        assert!(wilson(1, 0).is_none());
        let all = wilson(10, 10).unwrap();
        assert_eq!((all.value, all.high), (1.0, 1.0));
    }
}
