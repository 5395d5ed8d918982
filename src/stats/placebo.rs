//! Placebo tests in time: the same estimate computed at false starts inside the pre-period,
//! where nothing happened, gives the spread an estimate shows by chance; the real estimate is
//! then placed in that spread (docs/methods.md, "Placebo tests in time").

use serde::Serialize;

/// How estimates are compared: differences by their absolute value, ratios by the absolute
/// value of their logarithm (a ratio of 0.8 is as extreme as 1.25).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EffectScale {
    Difference,
    Ratio,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FalseStart {
    /// Month index (0-based) of the false start.
    pub start: usize,
    pub estimate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceboInTime {
    pub real_start: usize,
    pub real_estimate: f64,
    /// Every false start the estimator could compute, in order.
    pub placebos: Vec<FalseStart>,
    /// False starts where the estimator gave no value.
    pub skipped: usize,
    /// How many placebo estimates are at least as extreme as the real one.
    pub at_least_as_extreme: usize,
    /// That count over the number of placebo estimates.
    pub share: f64,
    /// True when the real estimate is more extreme than at least 95% of the placebos (share
    /// <= 0.05) and there are at least 20 of them, so that such a share can be seen at all.
    pub stands_out: bool,
    /// A plain sentence for the reader.
    pub sentence: String,
}

/// At least this many placebo estimates before "stands out" can be said (1/20 = 5%).
pub const MIN_PLACEBOS_TO_STAND_OUT: usize = 20;

fn extremeness(value: f64, scale: EffectScale) -> f64 {
    match scale {
        EffectScale::Difference => value.abs(),
        EffectScale::Ratio if value > 0.0 => libm::log(value).abs(),
        EffectScale::Ratio => f64::NAN,
    }
}

/// Runs `estimator(months_used, start)` at the real start on the whole series, then at every
/// false start with at least `min_side` months on each side inside the pre-period (months
/// `0..real_start`, so the real intervention never enters a placebo).
pub fn placebo_in_time<F>(
    months: usize,
    real_start: usize,
    min_side: usize,
    scale: EffectScale,
    estimator: F,
) -> Result<PlaceboInTime, String>
where
    F: Fn(usize, usize) -> Option<f64>,
{
    let min_side = min_side.max(1);
    if real_start > months || real_start < 2 * min_side {
        return Err(format!(
            "A placebo test in time needs at least {} months before the start (two stretches of {min_side}); \
             there are {real_start}.",
            2 * min_side
        ));
    }
    let real_estimate = estimator(months, real_start)
        .filter(|v| extremeness(*v, scale).is_finite())
        .ok_or("The estimate at the real start could not be computed, so there is nothing to compare.")?;
    let mut placebos = Vec::new();
    let mut skipped = 0;
    for start in min_side..=real_start - min_side {
        match estimator(real_start, start).filter(|v| extremeness(*v, scale).is_finite()) {
            Some(estimate) => placebos.push(FalseStart { start, estimate }),
            None => skipped += 1,
        }
    }
    if placebos.is_empty() {
        return Err("No false start in the months before the intervention gave an estimate.".into());
    }
    let real = extremeness(real_estimate, scale);
    // A relative tolerance so an estimate equal to the real one up to rounding counts as equal.
    let at_least_as_extreme =
        placebos.iter().filter(|p| extremeness(p.estimate, scale) >= real * (1.0 - 1e-12)).count();
    let share = at_least_as_extreme as f64 / placebos.len() as f64;
    let stands_out = placebos.len() >= MIN_PLACEBOS_TO_STAND_OUT && share <= 0.05;
    let sentence = sentence(placebos.len(), at_least_as_extreme, share, stands_out);
    Ok(PlaceboInTime { real_start, real_estimate, placebos, skipped, at_least_as_extreme, share, stands_out, sentence })
}

fn sentence(count: usize, extreme: usize, share: f64, stands_out: bool) -> String {
    let tried = format!(
        "The same estimate was computed at {count} false start{} in the months before the intervention, where \
         nothing changed",
        if count == 1 { "" } else { "s" }
    );
    let found = format!(
        "; {extreme} of them ({:.0}%) {} at least as large as the real one",
        share * 100.0,
        if extreme == 1 { "is" } else { "are" }
    );
    let verdict = if stands_out {
        ". The real estimate stands out from what chance alone produced before the start."
    } else if count < MIN_PLACEBOS_TO_STAND_OUT {
        ". With fewer than 20 false starts this cannot show that the real estimate stands out; read it as a check only."
    } else {
        ". The real estimate does not stand out: changes this large also appear where nothing happened."
    };
    format!("{tried}{found}{verdict}")
}
