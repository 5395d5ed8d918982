//! The statistics against R (`tests/reference/make_reference.R` wrote `stats.json` with R 4.2
//! and survival 3.5): every value to 1e-6.

use ipvi::stats::its::segmented_regression;
use ipvi::stats::km::kaplan_meier;
use ipvi::stats::logrank::log_rank;
use ipvi::stats::rates::{rate_ratio, wilson};
use ipvi::stats::wilcoxon::signed_rank;
use serde_json::Value;

const TOLERANCE: f64 = 1e-6;

fn reference() -> Value {
    let path = format!("{}/tests/reference/stats.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn numbers(v: &Value) -> Vec<Option<f64>> {
    v.as_array().unwrap().iter().map(Value::as_f64).collect()
}

fn close(what: &str, ours: f64, r: f64) {
    assert!((ours - r).abs() <= TOLERANCE * r.abs().max(1.0), "{what}: ours {ours}, R {r}");
}

fn close_opt(what: &str, ours: Option<f64>, r: Option<f64>) {
    match (ours, r) {
        (Some(a), Some(b)) => close(what, a, b),
        (None, None) => {}
        (Some(a), None) if !a.is_finite() => {}
        other => panic!("{what}: ours vs R {other:?}"),
    }
}

#[test]
fn kaplan_meier_matches_survfit_with_log_log_bands() {
    for case in reference()["kaplan_meier"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let times: Vec<f64> = numbers(&case["time"]).into_iter().map(Option::unwrap).collect();
        let events: Vec<bool> = numbers(&case["status"]).into_iter().map(|s| s == Some(1.0)).collect();
        let curve = kaplan_meier(&times, &events);
        let r_times = numbers(&case["out_time"]);
        assert_eq!(curve.points.len(), r_times.len(), "{name}: points");
        for (k, p) in curve.points.iter().enumerate() {
            let at = |field: &str| numbers(&case[field])[k];
            close(&format!("{name} time {k}"), p.time, at("out_time").unwrap());
            assert_eq!(p.at_risk as f64, at("n_risk").unwrap(), "{name} at risk {k}");
            assert_eq!(p.events as f64, at("n_event").unwrap(), "{name} events {k}");
            assert_eq!(p.censored as f64, at("n_censor").unwrap(), "{name} censored {k}");
            close(&format!("{name} S {k}"), p.survival, at("surv").unwrap());
            close_opt(&format!("{name} se {k}"), Some(p.std_err), at("std_err"));
            close_opt(&format!("{name} lower {k}"), p.low, at("lower"));
            close_opt(&format!("{name} upper {k}"), p.high, at("upper"));
        }
        close_opt(&format!("{name} median"), curve.median, case["median"].as_f64());
    }
}

#[test]
fn log_rank_matches_survdiff_for_two_and_three_groups() {
    for case in reference()["log_rank"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let times: Vec<f64> = numbers(&case["time"]).into_iter().map(Option::unwrap).collect();
        let events: Vec<bool> = numbers(&case["status"]).into_iter().map(|s| s == Some(1.0)).collect();
        let group: Vec<usize> = numbers(&case["group"]).into_iter().map(|g| g.unwrap() as usize).collect();
        let groups = case["groups"].as_f64().unwrap() as usize;
        let test = log_rank(&times, &events, &group, groups).unwrap();
        for (g, (o, e)) in numbers(&case["observed"]).iter().zip(numbers(&case["expected"])).enumerate() {
            close(&format!("{name} observed {g}"), test.observed[g], o.unwrap());
            close(&format!("{name} expected {g}"), test.expected[g], e.unwrap());
        }
        close(&format!("{name} chi-square"), test.chi_square, case["chisq"].as_f64().unwrap());
        assert_eq!(test.df as f64, case["df"].as_f64().unwrap());
        close(&format!("{name} p"), test.p_value, case["p"].as_f64().unwrap());
    }
}

#[test]
fn wilson_and_rate_ratio_match_r() {
    let r = reference();
    for case in r["wilson"].as_array().unwrap() {
        let (k, n) = (case["k"].as_f64().unwrap() as u64, case["n"].as_f64().unwrap() as u64);
        let est = wilson(k, n).unwrap();
        close(&format!("wilson {k}/{n} low"), est.low, case["low"].as_f64().unwrap());
        close(&format!("wilson {k}/{n} high"), est.high, case["high"].as_f64().unwrap());
    }
    for case in r["rate_ratio"].as_array().unwrap() {
        let f = |k: &str| case[k].as_f64().unwrap();
        let est = rate_ratio(f("before") as u64, f("before_time"), f("after") as u64, f("after_time")).unwrap();
        close("rate ratio", est.value, f("ratio"));
        close("rate ratio low", est.low, f("low"));
        close("rate ratio high", est.high, f("high"));
    }
}

#[test]
fn segmented_regression_matches_lm_and_confint() {
    for case in reference()["its"].as_array().unwrap() {
        let seasonal = case["seasonal"].as_bool().unwrap();
        let counts: Vec<f64> = numbers(&case["counts"]).into_iter().map(Option::unwrap).collect();
        let start = case["start"].as_f64().unwrap() as usize;
        let first = case["first_month0"].as_f64().unwrap() as usize;
        let fit = segmented_regression(&counts, start, seasonal, first).unwrap();
        assert_eq!(fit.df as f64, case["df"].as_f64().unwrap());
        // Both use January as the base month, so every coefficient compares.
        assert_eq!(fit.coefficients.len(), numbers(&case["estimate"]).len());
        for j in 0..fit.coefficients.len() {
            let what = format!("its seasonal={seasonal} b{j}");
            close(&what, fit.coefficients[j].value, numbers(&case["estimate"])[j].unwrap());
            close(&format!("{what} se"), fit.std_errors[j], numbers(&case["se"])[j].unwrap());
            close(&format!("{what} low"), fit.coefficients[j].low, numbers(&case["low"])[j].unwrap());
            close(&format!("{what} high"), fit.coefficients[j].high, numbers(&case["high"])[j].unwrap());
        }
    }
}

#[test]
fn wilcoxon_signed_rank_matches_wilcox_test() {
    let case = &reference()["wilcoxon"][0];
    let x: Vec<f64> = numbers(&case["x"]).into_iter().map(Option::unwrap).collect();
    let y: Vec<f64> = numbers(&case["y"]).into_iter().map(Option::unwrap).collect();
    let test = signed_rank(&x, &y).unwrap();
    close("V", test.statistic, case["statistic"].as_f64().unwrap());
    close("p", test.p_value, case["p"].as_f64().unwrap());
}
