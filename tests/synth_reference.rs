//! The synthetic control weights and the power figures against Python
//! (`tests/reference/make_synth.py` wrote `synth.json` with pysyncon 1.7, scipy and
//! statsmodels 0.15).
//!
//! Weights: the engine's active-set solver reaches the KKT point of the constrained least
//! squares, so it is compared with the polished optimum to 1e-8 absolute (it agrees to 2e-10) and with pysyncon's
//! SLSQP answer (default tolerance ftol 1e-6) to 1e-4 absolute, the accuracy that optimiser
//! reaches on these panels (its answers differ from the optimum by up to 3e-5). The pre-period
//! RMSPE must equal the optimum's to 1e-6 relative. Where pysyncon stopped short (its RMSPE above
//! the optimum's), the engine's RMSPE must be below pysyncon's. Power figures: to 1e-6 relative.

use ipvi::stats::power::{before_after_mde, log_rank_events_needed, log_rank_mde, CountSeries, PowerSettings};
use ipvi::stats::synth_control::{synthetic_control, Scale, SynthOptions};
use serde_json::Value;

fn reference() -> Value {
    let path = format!("{}/tests/reference/synth.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn relative(what: &str, ours: f64, theirs: f64, tolerance: f64) {
    assert!((ours - theirs).abs() <= tolerance * theirs.abs(), "{what}: ours {ours}, reference {theirs}");
}

fn max_difference(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

fn fit(case: &Value, scale: Scale) -> ipvi::stats::synth_control::SynthControl {
    let treated = floats(&case["treated"]);
    let donors: Vec<Vec<f64>> = case["donors"].as_array().unwrap().iter().map(floats).collect();
    let start = case["start"].as_u64().unwrap() as usize;
    synthetic_control(&treated, &donors, start, &SynthOptions { scale, alpha: 0.05 }).unwrap()
}

#[test]
fn raw_scale_weights_match_pysyncon_and_the_constrained_optimum() {
    for case in reference()["synth"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let ours = fit(case, Scale::Raw);
        let raw = &case["raw"];
        let optimum = floats(&raw["weights"]);
        assert!((ours.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{name}: weights sum to 1");
        assert!(ours.weights.iter().all(|&w| w >= 0.0), "{name}: weights are not negative");
        let off = max_difference(&ours.weights, &optimum);
        assert!(off <= 1e-8, "{name}: weights differ from the optimum by {off}");
        relative(&format!("{name} pre RMSPE"), ours.treated.pre_rmspe, raw["pre_rmspe"].as_f64().unwrap(), 1e-6);
        let pysyncon = floats(&raw["pysyncon_weights"]);
        let pysyncon_rmspe = raw["pysyncon_pre_rmspe"].as_f64().unwrap();
        if raw["pysyncon_converged"].as_bool().unwrap() {
            let off = max_difference(&ours.weights, &pysyncon);
            assert!(off <= 1e-4, "{name}: weights differ from pysyncon's by {off}");
        } else {
            assert!(ours.treated.pre_rmspe < pysyncon_rmspe, "{name}: pysyncon stopped short, ours must fit better");
        }
    }
}

#[test]
fn index_scale_weights_match_the_optimum_and_ignore_the_treated_size() {
    let cases = reference()["synth"].as_array().unwrap().clone();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let ours = fit(case, Scale::PreMeanIndex);
        let scaled = &case["scaled"];
        let off = max_difference(&ours.weights, &floats(&scaled["weights"]));
        assert!(off <= 1e-8, "{name}: index weights differ from the optimum by {off}");
        let treated = floats(&case["treated"]);
        let start = case["start"].as_u64().unwrap() as usize;
        let pre_mean = treated[..start].iter().sum::<f64>() / start as f64;
        relative(
            &format!("{name} index RMSPE"),
            ours.treated.pre_rmspe / pre_mean,
            scaled["pre_rmspe_index"].as_f64().unwrap(),
            1e-6,
        );
    }
    // The big city is the first panel times 12: on the index scale the weights are the same.
    let (small, big) = (fit(&cases[0], Scale::PreMeanIndex), fit(&cases[3], Scale::PreMeanIndex));
    assert!(max_difference(&small.weights, &big.weights) < 1e-9);
    relative("big city rate ratio", big.rate_ratio, small.rate_ratio, 1e-9);
}

#[test]
fn before_after_mde_matches_statsmodels_power_poisson_ratio_2indep() {
    for case in reference()["before_after"].as_array().unwrap() {
        let pre = CountSeries::from_counts(&floats(&case["counts"])).unwrap();
        relative("mean", pre.mean, case["mean"].as_f64().unwrap(), 1e-12);
        relative("dispersion", pre.dispersion, case["dispersion"].as_f64().unwrap(), 1e-12);
        let table = case["mde"].as_array().unwrap();
        let months: Vec<usize> = table.iter().map(|row| row["post_months"].as_u64().unwrap() as usize).collect();
        let ours = before_after_mde(&pre, &months, &PowerSettings::default()).unwrap();
        for (row, mde) in table.iter().zip(&ours) {
            let what = format!("mean {:.1}, {} post months", pre.mean, mde.post_months);
            relative(&format!("{what} increase"), mde.increase, row["increase"].as_f64().unwrap(), 1e-6);
            match (mde.decrease, row["decrease"].as_f64()) {
                (Some(a), Some(b)) => relative(&format!("{what} decrease"), a, b, 1e-6),
                other => panic!("{what} decrease: {other:?}"),
            }
        }
    }
}

#[test]
fn log_rank_mde_and_events_match_statsmodels_normal_ind_power() {
    for case in reference()["log_rank"].as_array().unwrap() {
        let (events, share) = (case["events"].as_f64().unwrap(), case["share"].as_f64().unwrap());
        let mde = log_rank_mde(events, share, &PowerSettings::default()).unwrap();
        relative("log-rank MDE decrease", mde.decrease, case["mde_decrease"].as_f64().unwrap(), 1e-6);
        relative("log-rank MDE increase", mde.increase, case["mde_increase"].as_f64().unwrap(), 1e-6);
        let hr = case["hazard_ratio"].as_f64().unwrap();
        let needed = log_rank_events_needed(hr, share, &PowerSettings::default()).unwrap();
        relative("events needed", needed, case["events_needed"].as_f64().unwrap(), 1e-6);
    }
}
