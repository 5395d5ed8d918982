//! The log-rank test for k groups (Mantel 1966; Peto & Peto 1972), as R's `survdiff(rho = 0)`:
//! at each event time, observed minus expected events per group and the hypergeometric
//! covariance; chi-square = (O - E)' V^-1 (O - E) over k - 1 groups, with k - 1 degrees of freedom.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogRank {
    pub observed: Vec<f64>,
    pub expected: Vec<f64>,
    pub chi_square: f64,
    pub df: usize,
    pub p_value: f64,
}

/// `group[i]` in `0..groups`. `None` when fewer than two groups have anyone at risk or no event
/// happened (the test is undefined).
pub fn log_rank(times: &[f64], events: &[bool], group: &[usize], groups: usize) -> Option<LogRank> {
    assert!(times.len() == events.len() && times.len() == group.len());
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
    let mut at_risk = vec![0.0f64; groups];
    for &g in group {
        at_risk[g] += 1.0;
    }
    if at_risk.iter().filter(|&&n| n > 0.0).count() < 2 {
        return None;
    }
    let mut observed = vec![0.0; groups];
    let mut expected = vec![0.0; groups];
    let mut v = vec![vec![0.0; groups]; groups];
    let mut i = 0;
    while i < order.len() {
        let time = times[order[i]];
        let mut deaths = vec![0.0; groups];
        let mut leaving = vec![0.0; groups];
        while i < order.len() && times[order[i]] == time {
            let k = order[i];
            if events[k] {
                deaths[group[k]] += 1.0;
            }
            leaving[group[k]] += 1.0;
            i += 1;
        }
        let d: f64 = deaths.iter().sum();
        let n: f64 = at_risk.iter().sum();
        if d > 0.0 {
            for a in 0..groups {
                observed[a] += deaths[a];
                expected[a] += d * at_risk[a] / n;
                if n > 1.0 {
                    let factor = d * (n - d) / (n * n * (n - 1.0));
                    for b in 0..groups {
                        let delta = if a == b { n * at_risk[a] } else { 0.0 };
                        v[a][b] += factor * (delta - at_risk[a] * at_risk[b]);
                    }
                }
            }
        }
        for g in 0..groups {
            at_risk[g] -= leaving[g];
        }
    }
    // Groups with anyone in them; drop the last to make V invertible.
    let used: Vec<usize> = (0..groups).filter(|&g| observed[g] + expected[g] > 0.0 || v[g][g] > 0.0).collect();
    if used.len() < 2 || observed.iter().sum::<f64>() == 0.0 {
        return None;
    }
    let keep = &used[..used.len() - 1];
    let diff: Vec<f64> = keep.iter().map(|&g| observed[g] - expected[g]).collect();
    let matrix: Vec<Vec<f64>> = keep.iter().map(|&a| keep.iter().map(|&b| v[a][b]).collect()).collect();
    let solved = super::its::solve(&matrix, &diff)?;
    let chi_square: f64 = diff.iter().zip(&solved).map(|(d, s)| d * s).sum();
    let df = keep.len();
    let p_value = 1.0 - ChiSquared::new(df as f64).ok()?.cdf(chi_square);
    Some(LogRank { observed, expected, chi_square, df, p_value })
}
