//! Chance-corrected agreement: Cohen's kappa of two raters (unweighted and quadratic-weighted)
//! and Fleiss' kappa of many, each with a standard error and a 95% confidence interval.
//!
//! Cohen's kappa and its asymptotic standard error follow statsmodels
//! (`statsmodels.stats.inter_rater.cohens_kappa`, which implements the formulas of Fleiss, Cohen
//! & Everitt 1969 as printed in the SAS manual), operation for operation, so that the values
//! match it to 1e-9 (`tests/reference/make_agreement.py`). Fleiss' kappa is statsmodels'
//! `fleiss_kappa(method="fleiss")` (Fleiss 1971); statsmodels gives it no standard error, so we
//! use the large-sample standard error of Fleiss, Nee & Landis (1979, Psychological Bulletin 86,
//! 974-977), the one R's `irr::kappam.fleiss` and `DescTools::KappaM` report. It is derived
//! under the hypothesis of no agreement beyond chance, so the interval built from it is
//! approximate away from kappa = 0 (it tends to be too narrow when agreement is high).
//!
//! Where a kappa is undefined (expected agreement 1: both raters, or all raters, used a single
//! category) statsmodels returns NaN; we return `None`.

use crate::stats::z;
use serde::Serialize;

/// A kappa with its standard error and 95% confidence interval, kappa ± 1.96 se.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Kappa {
    pub kappa: f64,
    /// `None` when the variance formula gives a negative value (it cannot, but for rounding).
    pub se: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// How far below zero a variance may fall by rounding alone. At perfect agreement the variance
/// is exactly 0, but the sums may leave -2e-17, where statsmodels' square root gives NaN: we
/// report the exact 0 instead (and the interval kappa to kappa).
const ROUNDING: f64 = 1e-12;

impl Kappa {
    fn with_variance(kappa: f64, variance: f64) -> Kappa {
        let se = match variance {
            v if v >= 0.0 && v.is_finite() => Some(v.sqrt()),
            v if v > -ROUNDING => Some(0.0),
            _ => None,
        };
        let half = se.map(|se| z(0.95) * se);
        Kappa { kappa, se, low: half.map(|h| kappa - h), high: half.map(|h| kappa + h) }
    }
}

/// Whether disagreements count alike or by how far apart the ordered categories are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Weighting {
    /// Any disagreement counts fully.
    Unweighted,
    /// Categories scored 0, 1, ..., k-1; a disagreement weighs (i - j)² / (k - 1)² (Fleiss and
    /// Cohen 1973; statsmodels `wt="quadratic"`).
    Quadratic,
}

fn count(c: u32) -> f64 {
    f64::from(c)
}

/// Cohen's kappa of a `K`×`K` table of counts (first rater in rows, second in columns; the order
/// of the categories matters for the weighted kappa only). `None` when the table is empty or the
/// agreement expected by chance is 1.
pub fn cohens_kappa<const K: usize>(table: &[[u32; K]; K], weighting: Weighting) -> Option<Kappa> {
    let n: f64 = table.iter().flatten().copied().map(count).sum();
    if n == 0.0 || K < 2 {
        return None;
    }
    let row: [f64; K] = std::array::from_fn(|i| table[i].iter().copied().map(count).sum::<f64>() / n);
    let col: [f64; K] = std::array::from_fn(|j| table.iter().map(|r| count(r[j])).sum::<f64>() / n);
    match weighting {
        Weighting::Unweighted => simple_kappa(table, n, &row, &col),
        Weighting::Quadratic => quadratic_kappa(table, n, &row, &col),
    }
}

fn simple_kappa<const K: usize>(table: &[[u32; K]; K], n: f64, row: &[f64; K], col: &[f64; K]) -> Option<Kappa> {
    let p = |i: usize, j: usize| count(table[i][j]) / n;
    let agree_exp: f64 = (0..K).map(|i| row[i] * col[i]).sum();
    let spread = 1.0 - agree_exp;
    if spread <= 0.0 {
        return None;
    }
    let agree: f64 = (0..K).map(|i| count(table[i][i])).sum();
    let kappa = (agree / n - agree_exp) / spread;
    let term_a: f64 = (0..K).map(|i| p(i, i) * (1.0 - (row[i] + col[i]) * (1.0 - kappa)).powi(2)).sum();
    let off_diagonal: f64 = (0..K)
        .flat_map(|i| (0..K).map(move |j| (i, j)))
        .filter(|(i, j)| i != j)
        .map(|(i, j)| p(i, j) * (col[i] + row[j]).powi(2))
        .sum();
    let term_b = (1.0 - kappa).powi(2) * off_diagonal;
    let term_c = (kappa - agree_exp * (1.0 - kappa)).powi(2);
    let variance = (term_a + term_b - term_c) / spread.powi(2) / n;
    Some(Kappa::with_variance(kappa, variance))
}

fn quadratic_kappa<const K: usize>(table: &[[u32; K]; K], n: f64, row: &[f64; K], col: &[f64; K]) -> Option<Kappa> {
    let cells = || (0..K).flat_map(|i| (0..K).map(move |j| (i, j)));
    let span = (K - 1) as f64;
    // Disagreement weights (statsmodels' `weights`) and agreement weights (its `w`).
    let disagreement = |i: usize, j: usize| (i as f64 - j as f64).powi(2) / span.powi(2);
    let w = |i: usize, j: usize| 1.0 - disagreement(i, j);
    let observed: f64 = cells().map(|(i, j)| disagreement(i, j) * count(table[i][j])).sum();
    let expected: f64 = cells().map(|(i, j)| disagreement(i, j) * row[i] * col[j]).sum();
    if expected <= 0.0 {
        return None;
    }
    let kappa = 1.0 - observed / n / expected;
    let w_row: [f64; K] = std::array::from_fn(|i| (0..K).map(|j| col[j] * w(i, j)).sum());
    let w_col: [f64; K] = std::array::from_fn(|j| (0..K).map(|i| row[i] * w(i, j)).sum());
    let agree_wexp: f64 = cells().map(|(i, j)| w(i, j) * col[j] * row[i]).sum();
    let term_a: f64 =
        cells().map(|(i, j)| count(table[i][j]) / n * (w(i, j) - (w_col[j] + w_row[i]) * (1.0 - kappa)).powi(2)).sum();
    let factor = 1.0 / ((1.0 - agree_wexp).powi(2) * n);
    let variance = (term_a - (kappa - agree_wexp * (1.0 - kappa)).powi(2)) * factor;
    Some(Kappa::with_variance(kappa, variance))
}

/// Fleiss' kappa of subjects rated by the same number of raters: `counts[s][c]` is how many
/// raters put subject `s` in category `c`. `None` with fewer than two raters, no subjects,
/// unequal numbers of raters per subject, or when every rating is the same category.
pub fn fleiss_kappa<const K: usize>(counts: &[[u32; K]]) -> Option<Kappa> {
    let raters = counts.first()?.iter().sum::<u32>();
    if raters < 2 || counts.iter().any(|s| s.iter().sum::<u32>() != raters) {
        return None;
    }
    let (subjects, raters) = (counts.len() as f64, f64::from(raters));
    let total = subjects * raters;
    let p_cat: [f64; K] = std::array::from_fn(|c| counts.iter().map(|s| count(s[c])).sum::<f64>() / total);
    let p_mean: f64 = counts
        .iter()
        .map(|s| (s.iter().map(|&c| count(c) * count(c)).sum::<f64>() - raters) / (raters * (raters - 1.0)))
        .sum::<f64>()
        / subjects;
    let p_exp: f64 = p_cat.iter().map(|p| p * p).sum();
    if 1.0 - p_exp <= 0.0 {
        return None;
    }
    let kappa = (p_mean - p_exp) / (1.0 - p_exp);
    // Fleiss, Nee & Landis (1979): the variance under no agreement beyond chance.
    let pq: f64 = p_cat.iter().map(|p| p * (1.0 - p)).sum();
    let skew: f64 = p_cat.iter().map(|p| p * (1.0 - p) * ((1.0 - p) - p)).sum();
    let variance = 2.0 / (subjects * raters * (raters - 1.0)) * (pq * pq - skew) / (pq * pq);
    Some(Kappa::with_variance(kappa, variance))
}
