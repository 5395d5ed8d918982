//! The words of the comparison with other areas: the finding (the difference-in-differences),
//! the synthetic control and the checks as facts, the estimates as the technical layer
//! (docs/methods.md#two-layers-of-wording).

use super::calls::events_name;
use super::other_areas::{Aligned, DidPart, OtherAreasResult};
use super::series::change_words;
use super::tables::month_name;
use super::wording::{after_colon, change_plain, estimate_ci};
use crate::stats::did::ErrorKind;
use crate::stats::synth_control::SynthControl;
use crate::stats::Estimate;
use crate::words::{count, p_value};

/// Below this p-value the months before the start are said not to move in parallel.
const PRETREND_LEVEL: f64 = 0.05;

pub(super) fn worded(
    counted: &'static str,
    aligned: Result<Aligned, String>,
    did: Option<DidPart>,
    synthetic: Option<Result<SynthControl, String>>,
) -> OtherAreasResult {
    let name = events_name(counted);
    let mut out = OtherAreasResult {
        aligned: Err(String::new()),
        did: None,
        synthetic: None,
        finding: String::new(),
        facts: Vec::new(),
        technical: Vec::new(),
        definition: definition(counted),
        warnings: Vec::new(),
    };
    let a = match aligned {
        Err(why) => {
            out.finding = format!("{name} cannot be compared with other areas: {why}");
            out.aligned = Err(why);
            return out;
        }
        Ok(a) => a,
    };
    let (treated, areas) = (treated_words(&a), areas_words(&a));
    out.facts.push(format!(
        "{areas} ({}), {} months from {} to {}, {} before the start.",
        a.source,
        a.months(),
        month_name(a.first_month),
        month_name(a.first_month + a.months() as i32 - 1),
        a.start
    ));
    out.warnings.extend(a.warnings.iter().cloned());
    if let Some(part) = &did {
        did_words(&mut out, part, name, &treated, &areas);
    }
    match &synthetic {
        Some(Ok(sc)) => synthetic_words(&mut out, sc, &a, name, &treated),
        Some(Err(why)) => out.facts.push(format!("No synthetic comparison: {}", after_colon(why))),
        None => {}
    }
    out.aligned = Ok(a);
    out.did = did;
    out.synthetic = synthetic;
    out
}

fn treated_words(a: &Aligned) -> String {
    match a.treated.as_slice() {
        [only] if only == "the loaded data" => "the loaded data".into(),
        [one] => one.clone(),
        many => format!("the {} areas where the programme ran", many.len()),
    }
}

fn areas_words(a: &Aligned) -> String {
    match a.comparison.len() {
        1 => "1 comparison area".into(),
        n => format!("{} comparison areas", count(n as u64)),
    }
}

fn did_words(out: &mut OtherAreasResult, part: &DidPart, name: &str, treated: &str, areas: &str) {
    match &part.did {
        Ok(d) => {
            out.finding = format!(
                "After the start, {name} in {treated} {} relative to {areas} (difference-in-differences).",
                change_plain(&d.rate_ratio)
            );
            out.technical.push(format!(
                "Difference-in-differences: two-way fixed-effects Poisson model of monthly counts (area and month \
                 terms), treated after the start: rate ratio {}; {}.",
                estimate_ci(&d.rate_ratio, 3),
                d.reason
            ));
            if d.errors == ErrorKind::QuasiPoisson && d.treated_areas < 2 {
                out.warnings.push(
                    "With a single treated area, the interval assumes that months are independent of each other; \
                     the synthetic control's placebo test does not."
                        .into(),
                );
            }
        }
        Err(why) => out.finding = format!("The difference-in-differences could not be estimated: {why}."),
    }
    if let Ok(es) = &part.event_study {
        if let Some(t) = &es.pretrend {
            out.technical.push(format!(
                "Event study: one rate ratio per month against the month before the start; joint test that every \
                 earlier month's is 1: chi-square {:.1} on {} degrees of freedom, p {}.",
                t.chi2,
                t.df,
                p_value(t.p_value)
            ));
            if t.p_value < PRETREND_LEVEL {
                out.warnings.push(format!(
                    "Before the start, {treated} and the comparison areas did not move in parallel (p {}): the \
                     difference-in-differences may take a difference in trends for an effect.",
                    p_value(t.p_value)
                ));
            }
        }
    }
    match &part.placebo_in_time {
        Ok(p) => out
            .facts
            .push(format!("Placebo test in time of the difference-in-differences: {}", after_colon(&p.sentence))),
        Err(why) => out.facts.push(why.clone()),
    }
}

fn synthetic_words(out: &mut OtherAreasResult, sc: &SynthControl, a: &Aligned, name: &str, treated: &str) {
    let mut weights: Vec<(f64, &str)> =
        sc.weights.iter().copied().zip(a.comparison.iter().map(String::as_str)).collect();
    weights.sort_by(|x, y| y.0.total_cmp(&x.0));
    let used = weights.iter().filter(|w| w.0 >= 0.005).count();
    let top: Vec<String> =
        weights.iter().take(3).filter(|w| w.0 >= 0.005).map(|(w, n)| format!("{n} {:.0}%", w * 100.0)).collect();
    let pre_mean = a.treated_total()[..a.start].iter().sum::<f64>() / a.start as f64;
    let percent = (sc.rate_ratio - 1.0) * 100.0;
    let change = match &sc.interval {
        Some(i) => format!(
            "{} against the synthetic comparison",
            change_words(&Estimate { value: sc.rate_ratio, low: i.low, high: i.high })
        ),
        None => format!(
            "were {:.0}% {} than in the synthetic comparison (no interval: see the technical details)",
            percent.abs(),
            if percent < 0.0 { "fewer" } else { "more" }
        ),
    };
    out.facts.push(format!(
        "Synthetic control: a weighted mix of {used} of the comparison areas ({}) followed {treated} before the \
         start within {:.1} {} a month on average ({:.1}% of its mean); after the start, {name} {change}. The placebo test ranks {treated} {} of {} (p = {:.3}).",
        top.join(", "),
        sc.treated.pre_rmspe,
        if name.contains("calls") { "calls" } else { "incidents" },
        sc.treated.pre_rmspe / pre_mean * 100.0,
        sc.rank,
        sc.placebos.len() + 1,
        sc.p_value
    ));
    out.technical.push(format!(
        "Synthetic control on each series divided by its own mean before the start: root mean squared prediction \
         error {:.2} before and {:.2} after (ratio {:.2}); rate ratio after the start {:.3}; in-space placebos: rank {} \
         of {}, p = {:.3}. {}",
        sc.treated.pre_rmspe,
        sc.treated.post_rmspe,
        sc.treated.ratio,
        sc.rate_ratio,
        sc.rank,
        sc.placebos.len() + 1,
        sc.p_value,
        match (&sc.interval, &sc.interval_note) {
            (Some(i), _) => format!(
                "95% CI of the rate ratio by conformal inference (moving block permutations): {:.3} to {:.3}.",
                i.low, i.high
            ),
            (None, Some(note)) => note.clone(),
            (None, None) => String::new(),
        }
    ));
}

fn definition(counted: &str) -> String {
    format!(
        "IPV {counted} by month in the treated area and in comparison areas without the programme, over the \
         complete months both cover; the month of the start is the first month after. Difference-in-differences: \
         a Poisson model with a term for each area and each month and one for the treated area after the start, \
         whose exponent is the rate ratio; its 95% CI is clustered by area when at least 10 areas are treated and \
         10 are not, and otherwise allows for overdispersion (quasi-Poisson). Event study: the same model with one \
         term per month of the treated area, the month before the start as the reference. Synthetic control: \
         weights (at least 0, adding up to 1) on the comparison areas that best reproduce the treated area's months \
         before the start, each series divided by its own mean before the start; the p-value is the treated \
         area's rank among all areas, each treated in turn, by the ratio of its error after the start to its \
         error before; the 95% CI holds the rate ratios that test does not reject. Placebo test in time: the \
         difference-in-differences at every false start with at least 6 months on each side before the real one."
    )
}
