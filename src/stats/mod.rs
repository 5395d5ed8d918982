//! Statistics an evaluator can defend, each with its formula and source, checked against R
//! (`tests/reference/`). Distribution functions come from `statrs`.

pub mod conformal;
pub mod did;
pub mod glm;
pub mod hac;
pub mod its;
pub mod its_counts;
pub mod km;
mod linalg;
pub mod logrank;
pub mod negbin;
pub mod placebo;
pub mod power;
pub mod rates;
pub mod simplex_ls;
pub mod synth_control;
pub mod wilcoxon;

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

/// A point estimate with its 95% confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// The two-sided normal quantile for a confidence level (1.959964 for 95%).
pub fn z(confidence: f64) -> f64 {
    Normal::new(0.0, 1.0).expect("standard normal").inverse_cdf(1.0 - (1.0 - confidence) / 2.0)
}
