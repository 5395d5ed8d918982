//! The 95% interval of a synthetic control's rate ratio by conformal inference (Chernozhukov,
//! Wüthrich & Zhu 2021): a ratio r is kept when, with the treated area's months after the start
//! divided by r, the synthetic control fitted on every month leaves residuals whose size after the
//! start is not unusual among the same statistic over every cyclic shift of the months (moving
//! block permutations). Unlike the in-space placebo test it does not assume that the treated area
//! is as noisy as each comparison area, so it holds for a city far larger than its neighbours
//! (docs/methods.md#synthetic-control).

use super::simplex_ls::{simplex_weights, Gram};
use super::synth_control::RatioInterval;

/// Ratios tried on each side of the estimate before the edges are refined by bisection.
const GRID: usize = 24;
/// Bisection steps at each edge (the edge to 1 part in 2^14 of the grid step).
const BISECT: usize = 14;

/// The p-value of "the treated area's months after `start`, divided by `ratio`, are what it
/// would have had": the share of cyclic shifts whose residual size after the start is at least
/// the unshifted one's. Every series is on the index scale (divided by its pre-start mean).
pub fn p_value(treated: &[f64], donors: &[Vec<f64>], start: usize, ratio: f64) -> f64 {
    let months = treated.len();
    let adjusted: Vec<f64> = treated.iter().enumerate().map(|(t, &y)| if t >= start { y / ratio } else { y }).collect();
    let units: Vec<Vec<f64>> = std::iter::once(adjusted).chain(donors.iter().cloned()).collect();
    let pool: Vec<usize> = (1..units.len()).collect();
    let weights = simplex_weights(&Gram::new(&units, months), 0, &pool);
    let residuals: Vec<f64> = (0..months)
        .map(|t| units[0][t] - pool.iter().zip(&weights).map(|(&j, w)| w * units[j][t]).sum::<f64>())
        .collect();
    // A count divided by r has 1/r times the variance it would have had (Poisson), so the months
    // after the start are scaled back by the square root of r before they are compared.
    let residuals: Vec<f64> =
        residuals.iter().enumerate().map(|(t, &u)| if t >= start { u * ratio.sqrt() } else { u }).collect();
    // The statistic: the total absolute residual over the months after the start, shifted by `s`.
    let size = |s: usize| (start..months).map(|t| residuals[(t + s) % months].abs()).sum::<f64>();
    let observed = size(0);
    let at_least = (0..months).filter(|&s| size(s) >= observed * (1.0 - 1e-12)).count();
    at_least as f64 / months as f64
}

/// The ratios not rejected at level `alpha` around `estimate`, on the index scale of
/// `synth_control` (every series divided by its own mean before the start).
pub fn conformal_interval(
    treated: &[f64],
    donors: &[Vec<f64>],
    start: usize,
    estimate: f64,
    alpha: f64,
) -> Result<RatioInterval, String> {
    let months = treated.len();
    if (months as f64) * alpha < 1.0 {
        return Err(format!(
            "With {months} months the smallest possible p-value is 1/{months}, so no rate ratio can be rejected at \
             the {:.0}% level.",
            alpha * 100.0
        ));
    }
    let kept = |r: f64| p_value(treated, donors, start, r) > alpha;
    if !(estimate > 0.0 && estimate.is_finite() && kept(estimate)) {
        return Err("The conformal test rejects the estimate itself: the months after the start differ from the \
                    synthetic comparison more unevenly than those before (the gap changes over time, or the counts \
                    vary more), so no single rate ratio fits and no interval is given."
            .into());
    }
    // Log-spaced ratios out to a factor of 4 each way; the first rejected one bounds the edge.
    let edge = |direction: f64| -> Option<f64> {
        let step = libm::log(4.0) / GRID as f64;
        let mut inside = libm::log(estimate);
        for k in 1..=GRID {
            let outside = libm::log(estimate) + direction * step * k as f64;
            if !kept(libm::exp(outside)) {
                let (mut a, mut b) = (inside, outside);
                for _ in 0..BISECT {
                    let middle = (a + b) / 2.0;
                    if kept(libm::exp(middle)) {
                        a = middle;
                    } else {
                        b = middle;
                    }
                }
                return Some(libm::exp(a));
            }
            inside = outside;
        }
        None
    };
    let (low, high) = (edge(-1.0), edge(1.0));
    match (low, high) {
        (Some(low), Some(high)) => Ok(RatioInterval { low, high, level: 1.0 - alpha }),
        _ => Err("No rate ratio within a factor of 4 of the estimate is rejected: the months are too few or too \
                  noisy for an interval."
            .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A treated series that is the mean of two donors before the start, times `effect` after,
    /// with a deterministic wiggle standing in for noise.
    fn panel(effect: f64) -> (Vec<f64>, Vec<Vec<f64>>) {
        let wiggle = |t: usize, k: usize| 0.04 * (((t * 7 + k * 13) % 11) as f64 / 10.0 - 0.5);
        let donors: Vec<Vec<f64>> = (0..6)
            .map(|k| (0..48).map(|t| 1.0 + 0.1 * ((t + k) as f64 * 0.5).sin() + wiggle(t, k)).collect())
            .collect();
        let treated = (0..48)
            .map(|t| (donors[0][t] + donors[1][t]) / 2.0 * if t >= 36 { effect } else { 1.0 } + wiggle(t, 9))
            .collect();
        (treated, donors)
    }

    #[test]
    fn the_interval_holds_the_planted_ratio_and_not_one() {
        let (treated, donors) = panel(0.8);
        let i = conformal_interval(&treated, &donors, 36, 0.8, 0.05).unwrap();
        assert!(i.low < 0.8 && 0.8 < i.high, "{i:?}");
        assert!(i.high < 1.0, "a 20% drop is told apart from none: {i:?}");
        assert!(p_value(&treated, &donors, 36, 1.0) <= 0.05);
    }

    #[test]
    fn too_few_months_give_no_interval() {
        let (treated, donors) = panel(0.8);
        let short: Vec<Vec<f64>> = donors.iter().map(|d| d[..12].to_vec()).collect();
        assert!(conformal_interval(&treated[..12], &short, 8, 0.8, 0.05).is_err());
    }
}
