//! The app's own timings. Each step is a `performance.measure` entry (`ipvi:load`,
//! `ipvi:classify`, `ipvi:outcomes`) that a benchmark reads from the page, and a figure on the
//! footer's timings line, so that a benchmark and a curious user read the same numbers.

use super::state::now_ms;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The work the app times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A file chosen -> its data loaded and shown.
    Load,
    /// The data or the criteria changed -> levels ready.
    Classify,
    /// The classification or the outcome settings changed -> every outcome ready.
    Outcomes,
}

impl Step {
    fn measure_name(self) -> &'static str {
        match self {
            Step::Load => "ipvi:load",
            Step::Classify => "ipvi:classify",
            Step::Outcomes => "ipvi:outcomes",
        }
    }

    fn start_mark(self) -> &'static str {
        match self {
            Step::Load => "ipvi:load:start",
            Step::Classify => "ipvi:classify:start",
            Step::Outcomes => "ipvi:outcomes:start",
        }
    }
}

/// The last time each step took, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    pub load: Option<f64>,
    pub classify: Option<f64>,
    pub outcomes: Option<f64>,
}

impl Timings {
    /// "Timings: loading 2.56 s · levels 163 ms · outcomes 84 ms", or nothing before any step.
    pub fn line(&self) -> Option<String> {
        let parts: Vec<String> = [("loading", self.load), ("levels", self.classify), ("outcomes", self.outcomes)]
            .into_iter()
            .filter_map(|(what, ms)| Some(format!("{what} {}", duration(ms?))))
            .collect();
        (!parts.is_empty()).then(|| format!("Timings: {}", parts.join(" · ")))
    }
}

fn duration(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

/// A step under way: started by [`Timer::start`], measured by [`Timer::done`].
pub struct Timer {
    step: Step,
    started: f64,
}

impl Timer {
    pub fn start(step: Step) -> Timer {
        if let Some(p) = window().performance() {
            let _ = p.mark(step.start_mark());
        }
        Timer { step, started: now_ms() }
    }

    /// Ends the step: adds its `performance.measure` entry and, after the current update (a
    /// memo must not write signals while it computes), its figure to `timings`. Returns the
    /// milliseconds it took.
    pub fn done(self, timings: RwSignal<Timings>) -> f64 {
        // The figure is the measure's own duration, so that the footer and a benchmark reading
        // the measure agree (two clock reads of their own could differ by a millisecond).
        let measured = window().performance().and_then(|p| {
            let name = self.step.measure_name();
            p.measure_with_start_mark(name, self.step.start_mark()).ok()?;
            let entries = p.get_entries_by_name_with_entry_type(name, "measure");
            let last = entries.get(entries.length().checked_sub(1)?);
            last.dyn_into::<web_sys::PerformanceEntry>().ok().map(|e| e.duration())
        });
        let millis = measured.unwrap_or_else(|| now_ms() - self.started);
        let step = self.step;
        leptos::task::spawn_local(async move {
            timings.update(|t| match step {
                Step::Load => t.load = Some(millis),
                Step::Classify => t.classify = Some(millis),
                Step::Outcomes => t.outcomes = Some(millis),
            });
        });
        millis
    }
}
