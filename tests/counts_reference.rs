//! The count models, Newey-West errors and difference-in-differences against statsmodels 0.15
//! (`tests/reference/make_counts.py` wrote `counts.json`, data sets included). Deterministic fits
//! (Poisson, OLS, quasi-Poisson, cluster-robust) to 1e-6 relative. The negative binomial alpha is
//! an optimiser's answer on both sides (statsmodels' Newton steps, the engine's alternating
//! search), each stopping on its own tolerance: alpha and what depends on it are also held to
//! 1e-6, a bound with room to spare (alpha agrees to 1e-9, the coefficients to about 1e-8).

use ipvi::stats::did::{difference_in_differences, event_study, ErrorKind, Panel};
use ipvi::stats::its::segmented_regression;
use ipvi::stats::its_counts::{count_its, CountModel};
use serde_json::Value;

const TOLERANCE: f64 = 1e-6;
const OPTIMISER_TOLERANCE: f64 = 1e-6;

fn reference() -> Value {
    let path = format!("{}/tests/reference/counts.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn close_to(tolerance: f64, what: &str, ours: f64, theirs: f64) {
    assert!((ours - theirs).abs() <= tolerance * theirs.abs().max(1e-3), "{what}: ours {ours}, statsmodels {theirs}");
}

fn close(what: &str, ours: f64, theirs: f64) {
    close_to(TOLERANCE, what, ours, theirs);
}

fn all_close(tolerance: f64, what: &str, ours: &[f64], theirs: &[f64]) {
    assert_eq!(ours.len(), theirs.len(), "{what}: lengths");
    for (k, (a, b)) in ours.iter().zip(theirs).enumerate() {
        close_to(tolerance, &format!("{what} {k}"), *a, *b);
    }
}

fn check_model(tolerance: f64, name: &str, model: &ipvi::stats::its_counts::CountItsModel, r: &Value) {
    let values: Vec<f64> = model.coefficients.iter().map(|e| e.value).collect();
    all_close(tolerance, &format!("{name} coefficients"), &values, &numbers(&r["params"]));
    all_close(tolerance, &format!("{name} SEs"), &model.std_errors, &numbers(&r["bse"]));
    let ci = r["conf_int"].as_array().unwrap();
    for (k, e) in model.coefficients.iter().enumerate() {
        let bounds = numbers(&ci[k]);
        close_to(tolerance, &format!("{name} low {k}"), e.low, bounds[0]);
        close_to(tolerance, &format!("{name} high {k}"), e.high, bounds[1]);
    }
    close_to(tolerance, &format!("{name} level RR"), model.level_change.low, libm::exp(numbers(&ci[2])[0]));
    close_to(tolerance, &format!("{name} slope RR"), model.slope_change.high, libm::exp(numbers(&ci[3])[1]));
    close_to(tolerance, &format!("{name} deviance"), model.deviance, r["deviance"].as_f64().unwrap());
    close_to(tolerance, &format!("{name} Pearson"), model.pearson_chi2, r["pearson_chi2"].as_f64().unwrap());
    close_to(tolerance, &format!("{name} llf"), model.log_likelihood, r["llf"].as_f64().unwrap());
    assert_eq!(model.df_resid as f64, r["df_resid"].as_f64().unwrap(), "{name} df");
    all_close(tolerance, &format!("{name} fitted"), &model.fitted, &numbers(&r["fitted"]));
}

#[test]
fn count_its_matches_statsmodels_glm_and_negative_binomial() {
    for case in reference()["count_its"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let counts = numbers(&case["counts"]);
        let days = numbers(&case["days"]);
        let start = case["start"].as_u64().unwrap() as usize;
        let seasonal = case["seasonal"].as_bool().unwrap();
        let first = case["first_month0"].as_u64().unwrap() as usize;
        let its = count_its(&counts, Some(&days), start, seasonal, first).unwrap();
        check_model(TOLERANCE, &format!("{name} Poisson"), &its.poisson, &case["poisson"]);
        let nb = its.negative_binomial.as_ref().unwrap();
        let alpha = case["nb_alpha"].as_f64().unwrap();
        let test = its.overdispersion.unwrap();
        if case["nb_boundary"].as_bool().unwrap() {
            assert_eq!(nb.alpha, 0.0, "{name}: alpha at the boundary");
            assert_eq!((test.statistic, test.p_value), (0.0, 1.0), "{name}");
            assert_eq!(its.chosen, CountModel::Poisson, "{name}: {}", its.reason);
        } else {
            close_to(OPTIMISER_TOLERANCE, &format!("{name} alpha"), nb.alpha, alpha);
            assert_eq!(its.chosen, CountModel::NegativeBinomial, "{name}: {}", its.reason);
            assert!(its.reason.contains("vary more than a Poisson model allows"), "{}", its.reason);
        }
        check_model(OPTIMISER_TOLERANCE, &format!("{name} NB"), nb, &case["nb"]);
        all_close(
            OPTIMISER_TOLERANCE,
            &format!("{name} counterfactual"),
            &nb.counterfactual,
            &numbers(&case["nb_counterfactual"]),
        );
        close_to(OPTIMISER_TOLERANCE, &format!("{name} LR"), test.statistic, case["lr_statistic"].as_f64().unwrap());
        let p = case["lr_p_value"].as_f64().unwrap();
        assert!((test.p_value - p).abs() <= OPTIMISER_TOLERANCE * p.max(1e-300), "{name} p: {} vs {p}", test.p_value);
    }
}

#[test]
fn newey_west_errors_match_statsmodels_hac_and_ols_is_unchanged() {
    for case in reference()["hac"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let counts = numbers(&case["counts"]);
        let start = case["start"].as_u64().unwrap() as usize;
        let fit = segmented_regression(&counts, start, case["seasonal"].as_bool().unwrap(), 3).unwrap();
        assert_eq!(fit.hac_lags as u64, case["lags"].as_u64().unwrap(), "{name} lags");
        let values: Vec<f64> = fit.coefficients.iter().map(|e| e.value).collect();
        all_close(TOLERANCE, &format!("{name} OLS"), &values, &numbers(&case["params"]));
        all_close(TOLERANCE, &format!("{name} OLS SEs"), &fit.std_errors, &numbers(&case["bse"]));
        all_close(TOLERANCE, &format!("{name} HAC SEs"), &fit.hac_std_errors, &numbers(&case["hac_bse"]));
        assert!(!case["hac_use_t"].as_bool().unwrap(), "statsmodels' HAC intervals are normal ones");
        for (k, e) in fit.hac_coefficients.iter().enumerate() {
            let bounds = numbers(&case["hac_conf_int"][k]);
            close(&format!("{name} HAC low {k}"), e.low, bounds[0]);
            close(&format!("{name} HAC high {k}"), e.high, bounds[1]);
        }
    }
}

#[test]
fn difference_in_differences_matches_statsmodels_two_way_fixed_effects() {
    for case in reference()["panels"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let counts: Vec<Vec<f64>> = case["counts"].as_array().unwrap().iter().map(numbers).collect();
        let treated: Vec<bool> = case["treated"].as_array().unwrap().iter().map(|t| t.as_bool().unwrap()).collect();
        let days = numbers(&case["days"]);
        let panel = Panel {
            counts: &counts,
            treated: &treated,
            start: case["start"].as_u64().unwrap() as usize,
            days: Some(&days),
        };
        let did = difference_in_differences(&panel).unwrap();
        let r = &case["did"];
        close(&format!("{name} b"), did.coefficient, r["param"].as_f64().unwrap());
        let kept: Vec<usize> = (0..48).filter(|t| !did.dropped_months.contains(t)).collect();
        let r_kept: Vec<usize> = numbers(&case["did_months"]).into_iter().map(|t| t as usize).collect();
        assert_eq!(kept, r_kept, "{name} months kept");
        let (se_field, es_field) = match did.errors {
            ErrorKind::ClusteredByArea => ("bse_cluster", "event_cluster"),
            ErrorKind::QuasiPoisson => ("bse_quasi", "event_quasi"),
        };
        close(&format!("{name} SE"), did.std_error, r[se_field].as_f64().unwrap());
        close(&format!("{name} RR"), did.rate_ratio.value, libm::exp(r["param"].as_f64().unwrap()));
        let es = event_study(&panel).unwrap();
        assert_eq!(es.errors, did.errors);
        let terms: Vec<usize> = numbers(&case["event_months"]).into_iter().map(|t| t as usize).collect();
        let estimated: Vec<&_> = es.months.iter().filter(|m| m.coefficient.is_some()).collect();
        assert_eq!(estimated.iter().map(|m| m.month).collect::<Vec<_>>(), terms, "{name} event months");
        let e = &case[es_field];
        let b: Vec<f64> = estimated.iter().map(|m| m.coefficient.unwrap()).collect();
        let se: Vec<f64> = estimated.iter().map(|m| m.std_error.unwrap()).collect();
        all_close(TOLERANCE, &format!("{name} event b"), &b, &numbers(&e["params"]));
        all_close(TOLERANCE, &format!("{name} event SE"), &se, &numbers(&e["bse"]));
        let pretrend = es.pretrend.unwrap();
        assert_eq!(pretrend.df as u64, case["event_pretrend_df"].as_u64().unwrap());
        close(&format!("{name} pre-trend chi2"), pretrend.chi2, e["pretrend_chi2"].as_f64().unwrap());
        close(&format!("{name} pre-trend p"), pretrend.p_value, e["pretrend_p"].as_f64().unwrap());
    }
}

#[test]
fn the_other_errors_also_match_statsmodels() {
    // Each panel's DiD under the errors it did not choose: the model-based, quasi-Poisson and
    // cluster-robust covariances of the same fit, through the GLM's own methods.
    use ipvi::stats::glm::{fit, standard_errors, CountData, Family};
    for case in reference()["panels"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let counts: Vec<Vec<f64>> = case["counts"].as_array().unwrap().iter().map(numbers).collect();
        let treated: Vec<bool> = case["treated"].as_array().unwrap().iter().map(|t| t.as_bool().unwrap()).collect();
        let days = numbers(&case["days"]);
        let start = case["start"].as_u64().unwrap() as usize;
        let months: Vec<usize> = numbers(&case["did_months"]).into_iter().map(|t| t as usize).collect();
        let areas: Vec<usize> = (0..counts.len()).filter(|&a| counts[a].iter().any(|&y| y > 0.0)).collect();
        let (mut rows, mut y, mut offset, mut clusters) = (vec![], vec![], vec![], vec![]);
        let p = areas.len() + months.len();
        for (ai, &a) in areas.iter().enumerate() {
            for (mi, &t) in months.iter().enumerate() {
                let mut row = vec![(0, 1.0)];
                if ai > 0 {
                    row.push((ai, 1.0));
                }
                if mi > 0 {
                    row.push((areas.len() + mi - 1, 1.0));
                }
                if treated[a] && t >= start {
                    row.push((p - 1, 1.0));
                }
                rows.push(row);
                y.push(counts[a][t]);
                offset.push(libm::log(days[t]));
                clusters.push(ai);
            }
        }
        let data = CountData { rows: &rows, columns: p, counts: &y, offset: Some(&offset) };
        let glm = fit(&data, Family::Poisson).unwrap();
        let r = &case["did"];
        close(&format!("{name} model SE"), glm.std_errors[p - 1], r["bse_model"].as_f64().unwrap());
        close(
            &format!("{name} quasi SE"),
            standard_errors(&glm.quasi_covariance(), p)[p - 1],
            r["bse_quasi"].as_f64().unwrap(),
        );
        let cluster = glm.cluster_covariance(&data, &clusters).unwrap();
        close(&format!("{name} cluster SE"), standard_errors(&cluster, p)[p - 1], r["bse_cluster"].as_f64().unwrap());
        close(&format!("{name} Pearson"), glm.pearson_chi2, r["pearson_chi2"].as_f64().unwrap());
        assert_eq!(glm.df_resid as f64, r["df_resid"].as_f64().unwrap(), "{name} df");
    }
}
