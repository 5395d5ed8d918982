//! The outcomes as a job of short tasks, one analysis each ([`ipvi::outcomes::Analysis`]), so
//! that the page answers input while a million incidents are analysed (`docs/architecture.md`).
//! As with the classification ([`super::sliced`]), the job starts when a page reads the outcomes
//! of inputs not analysed yet, and a newer input (another classification, new settings) cancels
//! the job under way. Until the job is done the pages get `None` ("computing").

use super::data::Classified;
use super::derived::OutcomesResult;
use super::job::JobSlot;
use crate::ui::load::{next_tick, yield_now};
use crate::ui::timings::{Step, Timer, Timings};
use ipvi::outcomes::comparison::AreaPanel;
use ipvi::outcomes::{Analysis, OutcomeSettings};
use leptos::prelude::*;
use std::sync::Arc;

/// What the outcomes are computed from.
#[derive(Clone)]
struct Input {
    classified: Classified,
    settings: OutcomeSettings,
    /// The comparison areas, if any.
    comparison: Option<Arc<AreaPanel>>,
}

impl Input {
    fn same(&self, other: &Input) -> bool {
        let same_areas = match (&self.comparison, &other.comparison) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        Arc::ptr_eq(&self.classified.result, &other.classified.result)
            && Arc::ptr_eq(&self.classified.data, &other.classified.data)
            && self.settings == other.settings
            && same_areas
    }
}

/// Outcomes computed an analysis at a time: the latest result and its inputs, and how far the
/// job under way is.
#[derive(Clone, Copy)]
pub struct OutcomesJob {
    latest: RwSignal<Option<(Input, OutcomesResult)>>,
    slot: JobSlot<Input>,
    timings: RwSignal<Timings>,
}

impl OutcomesJob {
    pub fn new(timings: RwSignal<Timings>) -> OutcomesJob {
        OutcomesJob { latest: RwSignal::new(None), slot: JobSlot::new(), timings }
    }

    /// The share of the analyses done by the job under way (0 to 1), or `None` when none runs.
    pub fn progress(&self) -> ReadSignal<Option<f64>> {
        self.slot.progress()
    }

    /// The outcomes of `classified` under `settings` (against `comparison` areas, if any), to be
    /// read in a memo (it tracks the result): `None` while they are computed (the job starts
    /// once per input).
    pub fn get(
        &self,
        classified: Classified,
        settings: OutcomeSettings,
        comparison: Option<Arc<AreaPanel>>,
    ) -> Option<OutcomesResult> {
        let input = Input { classified, settings, comparison };
        let latest = self.latest.with(|l| l.as_ref().filter(|(i, _)| i.same(&input)).map(|(_, r)| r.clone()));
        if latest.is_some() {
            self.cancel();
            return latest;
        }
        self.start(input);
        None
    }

    /// Stops the job under way, if any.
    pub fn cancel(&self) {
        self.slot.cancel();
    }

    fn start(&self, input: Input) {
        if let Some(generation) = self.slot.claim(&input, Input::same) {
            leptos::task::spawn_local(self.run(input, generation));
        }
    }

    /// One analysis per task, checking between two that no newer input came.
    async fn run(self, input: Input, generation: u64) {
        // Apart from the task that asked (a page being drawn).
        next_tick().await;
        if !self.slot.is_current(generation) {
            return;
        }
        self.slot.set_progress(0.0);
        let timer = Timer::start(Step::Outcomes);
        let (c, settings) = (&input.classified, &input.settings);
        let comparison = input.comparison.as_deref();
        let result = match Analysis::new(&c.data, &c.result, settings).map(|a| a.compared_with(comparison)) {
            Err(why) => Err(why),
            Ok(mut analysis) => loop {
                self.slot.set_progress(analysis.progress());
                yield_now().await;
                if !self.slot.is_current(generation) {
                    return;
                }
                match analysis.step() {
                    Ok(false) => {}
                    Ok(true) => break analysis.finish().map(Arc::new),
                    Err(why) => break Err(why),
                }
            },
        };
        timer.done(self.timings);
        self.slot.done();
        self.latest.set(Some((input, result)));
    }
}
