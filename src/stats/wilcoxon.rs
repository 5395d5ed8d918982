//! The Wilcoxon signed-rank test for paired values (Wilcoxon 1945), normal approximation with
//! tie correction and continuity correction, as R's
//! `wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)`.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SignedRank {
    /// V: the sum of the ranks of the positive differences x - y.
    pub statistic: f64,
    /// Pairs with a non-zero difference.
    pub n: usize,
    pub p_value: f64,
}

/// `None` when every difference is zero.
pub fn signed_rank(x: &[f64], y: &[f64]) -> Option<SignedRank> {
    let mut d: Vec<f64> = x.iter().zip(y).map(|(a, b)| a - b).filter(|d| *d != 0.0).collect();
    let n = d.len();
    if n == 0 {
        return None;
    }
    d.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
    let (mut v, mut ties) = (0.0, 0.0);
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && d[j].abs() == d[i].abs() {
            j += 1;
        }
        let rank = (i + 1 + j) as f64 / 2.0;
        v += d[i..j].iter().filter(|x| **x > 0.0).count() as f64 * rank;
        let t = (j - i) as f64;
        ties += t * t * t - t;
        i = j;
    }
    let nf = n as f64;
    let mean = nf * (nf + 1.0) / 4.0;
    let var = nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0 - ties / 48.0;
    let diff = v - mean;
    let z = (diff - 0.5 * diff.signum()) / var.sqrt();
    let p = 2.0 * (1.0 - Normal::new(0.0, 1.0).ok()?.cdf(z.abs()));
    Some(SignedRank { statistic: v, n, p_value: p.min(1.0) })
}
