//! Difference-in-differences on monthly counts of areas, as a two-way fixed-effects Poisson
//! model: ln E[y_at] = ln(days_t) + area_a + month_t + b treated_a post_t. exp(b) is the rate
//! ratio of the change in the treated areas beyond the change in the comparison areas. The event
//! study replaces b by one term per month of the treated areas (reference: the last month before
//! the start) and tests the months before the start jointly (pre-trends). Standard errors are
//! clustered by area when both groups have enough areas, quasi-Poisson otherwise.
//! Formulas and sources: docs/methods.md, "Count models and difference-in-differences".

use super::glm::{fit, standard_errors, CountData, Family, GlmError, GlmFit, SparseRow};
use super::linalg::{submatrix, wald};
use super::{z, Estimate};
use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// The fewest treated and the fewest comparison areas for errors clustered by area. Cluster-robust
/// errors are reliable only with many clusters (Cameron & Miller 2015), and with few treated
/// clusters they are far too small whatever the total (MacKinnon & Webb 2017); 10 of each is our
/// threshold, informed by those papers (docs/methods.md).
pub const MIN_CLUSTERS_PER_GROUP: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    ClusteredByArea,
    QuasiPoisson,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Did {
    /// exp(b) with its 95% CI.
    pub rate_ratio: Estimate,
    pub coefficient: f64,
    pub std_error: f64,
    pub errors: ErrorKind,
    /// Which standard errors and why, in plain words.
    pub reason: String,
    pub treated_areas: usize,
    pub comparison_areas: usize,
    /// Months with no count in any area, left out (their month term would be minus infinity).
    pub dropped_months: Vec<usize>,
    /// Areas with no count in any month, left out for the same reason.
    pub dropped_areas: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventMonth {
    pub month: usize,
    /// Months from the start (-1: the reference month).
    pub relative: i64,
    /// `None` for the reference month, and for months left out because the treated or the
    /// comparison areas had no count then.
    pub coefficient: Option<f64>,
    pub std_error: Option<f64>,
    pub rate_ratio: Option<Estimate>,
}

/// The joint Wald test that every month before the reference month has coefficient 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PretrendTest {
    pub chi2: f64,
    pub df: usize,
    pub p_value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventStudy {
    pub months: Vec<EventMonth>,
    /// `None` with no month before the reference month, or when the errors cannot support the
    /// test (more months than clusters).
    pub pretrend: Option<PretrendTest>,
    pub errors: ErrorKind,
    pub reason: String,
    pub dropped_months: Vec<usize>,
    pub dropped_areas: Vec<usize>,
}

/// Monthly counts of areas: `counts[area][month]` over consecutive months, `start` the first
/// month of the intervention, `days` the days each month counts (offset ln days).
#[derive(Clone, Copy, Debug)]
pub struct Panel<'a> {
    pub counts: &'a [Vec<f64>],
    pub treated: &'a [bool],
    pub start: usize,
    pub days: Option<&'a [f64]>,
}

/// The design of one model: rows for the kept (area, month) cells.
struct Design {
    rows: Vec<SparseRow>,
    counts: Vec<f64>,
    offset: Option<Vec<f64>>,
    clusters: Vec<usize>,
    columns: usize,
}

impl Design {
    fn data(&self) -> CountData<'_> {
        CountData { rows: &self.rows, columns: self.columns, counts: &self.counts, offset: self.offset.as_deref() }
    }
}

impl Panel<'_> {
    fn months(&self) -> usize {
        self.counts.first().map_or(0, Vec::len)
    }

    fn check(&self) -> Result<(), GlmError> {
        let bad = |why: &str| Err(GlmError::BadInput(why.into()));
        let m = self.months();
        if self.counts.iter().any(|a| a.len() != m) || self.treated.len() != self.counts.len() {
            return bad("every area needs a count for every month, and a treated or comparison mark");
        }
        if self.days.is_some_and(|d| d.len() != m || d.iter().any(|x| !(x.is_finite() && *x > 0.0))) {
            return bad("each month needs a positive number of days");
        }
        if self.start == 0 || self.start >= m {
            return bad("the start must leave at least one month before it and one from it on");
        }
        if self.counts.iter().flatten().any(|y| !(y.is_finite() && *y >= 0.0)) {
            return bad("counts must be zero or more");
        }
        let total = |treated: bool, months: std::ops::Range<usize>| -> f64 {
            self.areas(treated).map(|a| self.counts[a][months.clone()].iter().sum::<f64>()).sum()
        };
        for (treated, group) in [(true, "treated"), (false, "comparison")] {
            if total(treated, 0..self.start) == 0.0 || total(treated, self.start..m) == 0.0 {
                return bad(&format!("the {group} areas need counts both before and after the start"));
            }
        }
        Ok(())
    }

    fn areas(&self, treated: bool) -> impl Iterator<Item = usize> + '_ {
        (0..self.counts.len()).filter(move |&a| self.treated[a] == treated)
    }

    fn month_total(&self, month: usize, treated: Option<bool>) -> f64 {
        (0..self.counts.len())
            .filter(|&a| treated.is_none_or(|t| self.treated[a] == t))
            .map(|a| self.counts[a][month])
            .sum()
    }

    /// Builds the rows: intercept, area and month dummies (first kept one the reference), then
    /// `effects` columns, `effect(area, month)` naming the one a cell carries.
    fn design(&self, months: &[usize], effects: usize, effect: impl Fn(usize, usize) -> Option<usize>) -> Design {
        let areas: Vec<usize> = (0..self.counts.len()).filter(|&a| self.counts[a].iter().any(|&y| y > 0.0)).collect();
        let month_base = areas.len();
        let effect_base = month_base + months.len() - 1;
        let mut d = Design {
            rows: vec![],
            counts: vec![],
            offset: self.days.map(|_| vec![]),
            clusters: vec![],
            columns: effect_base + effects,
        };
        for (ai, &a) in areas.iter().enumerate() {
            for (mi, &t) in months.iter().enumerate() {
                let mut row = vec![(0, 1.0)];
                if ai > 0 {
                    row.push((ai, 1.0));
                }
                if mi > 0 {
                    row.push((month_base + mi - 1, 1.0));
                }
                if let Some(k) = effect(a, t) {
                    row.push((effect_base + k, 1.0));
                }
                d.rows.push(row);
                d.counts.push(self.counts[a][t]);
                d.clusters.push(ai);
                if let (Some(o), Some(days)) = (d.offset.as_mut(), self.days) {
                    o.push(libm::log(days[t]));
                }
            }
        }
        d
    }

    fn dropped_areas(&self) -> Vec<usize> {
        (0..self.counts.len()).filter(|&a| self.counts[a].iter().all(|&y| y == 0.0)).collect()
    }

    /// The chosen covariance, the kind and the reason.
    fn covariance(&self, fit: &GlmFit, design: &Design) -> Result<(Vec<f64>, ErrorKind, String), GlmError> {
        let kept = |t: bool| self.areas(t).filter(|&a| self.counts[a].iter().any(|&y| y > 0.0)).count();
        let (treated, comparison) = (kept(true), kept(false));
        let noun = if comparison == 1 { "area" } else { "areas" };
        if treated >= MIN_CLUSTERS_PER_GROUP && comparison >= MIN_CLUSTERS_PER_GROUP {
            let covariance = fit.cluster_covariance(&design.data(), &design.clusters).ok_or(GlmError::Singular)?;
            let reason = format!(
                "{treated} treated and {comparison} comparison {noun}: enough for errors clustered by area, which allow for overdispersion and for related months within an area"
            );
            return Ok((covariance, ErrorKind::ClusteredByArea, reason));
        }
        let reason = format!(
            "only {treated} treated and {comparison} comparison {noun}: errors clustered by area need at least {MIN_CLUSTERS_PER_GROUP} of each, so the errors allow for overdispersion but assume months are independent"
        );
        Ok((fit.quasi_covariance(), ErrorKind::QuasiPoisson, reason))
    }
}

fn ratio(b: f64, se: f64) -> Estimate {
    let half = z(0.95) * se;
    Estimate { value: libm::exp(b), low: libm::exp(b - half), high: libm::exp(b + half) }
}

/// The two-way fixed-effects Poisson difference-in-differences.
pub fn difference_in_differences(panel: &Panel) -> Result<Did, GlmError> {
    panel.check()?;
    let (months, dropped_months): (Vec<usize>, Vec<usize>) =
        (0..panel.months()).partition(|&t| panel.month_total(t, None) > 0.0);
    let design = panel.design(&months, 1, |a, t| (panel.treated[a] && t >= panel.start).then_some(0));
    let fit = fit(&design.data(), Family::Poisson)?;
    let (covariance, errors, reason) = panel.covariance(&fit, &design)?;
    let p = design.columns;
    let coefficient = fit.coefficients[p - 1];
    let std_error = standard_errors(&covariance, p)[p - 1];
    Ok(Did {
        rate_ratio: ratio(coefficient, std_error),
        coefficient,
        std_error,
        errors,
        reason,
        treated_areas: panel.areas(true).count(),
        comparison_areas: panel.areas(false).count(),
        dropped_months,
        dropped_areas: panel.dropped_areas(),
    })
}

/// The event study: one treated-by-month term per month but the reference (the month before the
/// start). Months where the treated or the comparison areas have no count are left out whole.
pub fn event_study(panel: &Panel) -> Result<EventStudy, GlmError> {
    panel.check()?;
    let reference = panel.start - 1;
    let estimable = |t: usize| panel.month_total(t, Some(true)) > 0.0 && panel.month_total(t, Some(false)) > 0.0;
    if !estimable(reference) {
        return Err(GlmError::BadInput(
            "the month before the start needs counts in both the treated and the comparison areas".into(),
        ));
    }
    let (months, dropped_months): (Vec<usize>, Vec<usize>) = (0..panel.months()).partition(|&t| estimable(t));
    let terms: Vec<usize> = months.iter().copied().filter(|&t| t != reference).collect();
    let design =
        panel.design(
            &months,
            terms.len(),
            |a, t| if panel.treated[a] { terms.iter().position(|&m| m == t) } else { None },
        );
    let fit = fit(&design.data(), Family::Poisson)?;
    let (covariance, errors, reason) = panel.covariance(&fit, &design)?;
    let p = design.columns;
    let base = p - terms.len();
    let ses = standard_errors(&covariance, p);
    let months_out = (0..panel.months())
        .map(|t| {
            let k = terms.iter().position(|&m| m == t).map(|k| base + k);
            EventMonth {
                month: t,
                relative: t as i64 - panel.start as i64,
                coefficient: k.map(|k| fit.coefficients[k]),
                std_error: k.map(|k| ses[k]),
                rate_ratio: k.map(|k| ratio(fit.coefficients[k], ses[k])),
            }
        })
        .collect();
    let pre: Vec<usize> = (0..terms.len()).filter(|&k| terms[k] < reference).map(|k| base + k).collect();
    Ok(EventStudy {
        months: months_out,
        pretrend: pretrend(&fit, &covariance, p, &pre),
        errors,
        reason,
        dropped_months,
        dropped_areas: panel.dropped_areas(),
    })
}

fn pretrend(fit: &GlmFit, covariance: &[f64], p: usize, pre: &[usize]) -> Option<PretrendTest> {
    if pre.is_empty() {
        return None;
    }
    let b: Vec<f64> = pre.iter().map(|&k| fit.coefficients[k]).collect();
    let chi2 = wald(&b, &submatrix(covariance, p, pre))?;
    let p_value = ChiSquared::new(pre.len() as f64).ok()?.sf(chi2);
    Some(PretrendTest { chi2, df: pre.len(), p_value })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts with no noise: area size x month level x 0.7 in treated areas from `start`.
    fn planted(areas: usize, treated: usize, months: usize, start: usize) -> (Vec<Vec<f64>>, Vec<bool>) {
        let counts = (0..areas)
            .map(|a| {
                (0..months)
                    .map(|t| {
                        let effect = if a < treated && t >= start { 0.7 } else { 1.0 };
                        (10.0 + a as f64) * (1.0 + 0.3 * ((t % 5) as f64)) * effect
                    })
                    .collect()
            })
            .collect();
        (counts, (0..areas).map(|a| a < treated).collect())
    }

    #[test]
    fn a_planted_rate_ratio_is_recovered_and_few_treated_areas_get_quasi_poisson_errors() {
        let (counts, treated) = planted(6, 1, 24, 12);
        let panel = Panel { counts: &counts, treated: &treated, start: 12, days: None };
        let did = difference_in_differences(&panel).unwrap();
        assert!((did.rate_ratio.value - 0.7).abs() < 1e-9, "{:?}", did.rate_ratio);
        assert_eq!(did.errors, ErrorKind::QuasiPoisson);
        assert!(did.reason.starts_with("only 1 treated and 5 comparison areas"), "{}", did.reason);
        let es = event_study(&panel).unwrap();
        for m in &es.months {
            let expected = if m.month >= 12 { libm::log(0.7) } else { 0.0 };
            assert!(m.relative == -1 || (m.coefficient.unwrap() - expected).abs() < 1e-9, "{m:?}");
        }
        assert!(es.months[11].coefficient.is_none() && es.months[11].relative == -1);
        assert_eq!(es.pretrend.map(|p| p.df), Some(11));
    }

    #[test]
    fn enough_areas_on_both_sides_get_errors_clustered_by_area() {
        let (counts, treated) = planted(20, 10, 12, 6);
        let panel = Panel { counts: &counts, treated: &treated, start: 6, days: Some(&[30.0; 12]) };
        let did = difference_in_differences(&panel).unwrap();
        assert_eq!(did.errors, ErrorKind::ClusteredByArea, "{}", did.reason);
        assert!((did.rate_ratio.value - 0.7).abs() < 1e-9);
    }

    #[test]
    fn months_and_areas_without_counts_are_left_out() {
        let (mut counts, treated) = planted(6, 2, 24, 12);
        counts.iter_mut().for_each(|a| a[3] = 0.0);
        counts[5] = vec![0.0; 24];
        counts[0][15] = 0.0;
        counts[1][15] = 0.0;
        let panel = Panel { counts: &counts, treated: &treated, start: 12, days: None };
        let did = difference_in_differences(&panel).unwrap();
        assert_eq!((did.dropped_months.clone(), did.dropped_areas.clone()), (vec![3], vec![5]));
        assert!(did.rate_ratio.value < 1.0);
        let es = event_study(&panel).unwrap();
        assert_eq!(es.dropped_months, vec![3, 15]);
        assert!(es.months[15].rate_ratio.is_none() && es.months[16].rate_ratio.is_some());
    }

    #[test]
    fn unusable_panels_are_refused_with_a_reason() {
        let (counts, treated) = planted(4, 1, 12, 6);
        let refuse = |counts: &[Vec<f64>], treated: &[bool], start: usize| {
            difference_in_differences(&Panel { counts, treated, start, days: None }).unwrap_err().to_string()
        };
        assert!(refuse(&counts, &[false; 4], 6).contains("treated areas need counts"));
        assert!(refuse(&counts, &treated, 0).contains("at least one month before"));
        assert!(refuse(&counts, &treated[..3], 6).contains("every area"));
        let mut silent = counts.clone();
        silent[0][6..].iter_mut().for_each(|y| *y = 0.0);
        assert!(refuse(&silent, &treated, 6).contains("both before and after"));
        let mut no_reference = counts.clone();
        no_reference[0][5] = 0.0;
        let error = event_study(&Panel { counts: &no_reference, treated: &treated, start: 6, days: None }).unwrap_err();
        assert!(error.to_string().contains("month before the start"));
    }
}
