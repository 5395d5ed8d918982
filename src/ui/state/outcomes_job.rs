//! The outcomes as a job of short tasks, one analysis each ([`ipvi::outcomes::Analysis`]), so
//! that the page answers input while a million incidents are analysed (`docs/architecture.md`).
//! As with the classification ([`super::sliced`]), the job starts when a page reads the outcomes
//! of inputs not analysed yet, and a newer input (another classification, new settings) cancels
//! the job under way. Until the job is done the pages get `None` ("computing").

use super::data::Classified;
use super::derived::OutcomesResult;
use crate::ui::load::{next_tick, yield_now};
use crate::ui::timings::{Step, Timer, Timings};
use ipvi::outcomes::{Analysis, OutcomeSettings};
use leptos::prelude::*;
use std::sync::Arc;

/// What the outcomes are computed from.
#[derive(Clone)]
struct Input {
    classified: Classified,
    settings: OutcomeSettings,
}

impl Input {
    fn same(&self, other: &Input) -> bool {
        Arc::ptr_eq(&self.classified.result, &other.classified.result)
            && Arc::ptr_eq(&self.classified.data, &other.classified.data)
            && self.settings == other.settings
    }
}

/// The job under way, if any, and its generation: a job that finds the generation changed stops.
#[derive(Default)]
struct Running {
    generation: u64,
    input: Option<Input>,
}

/// Outcomes computed an analysis at a time: the latest result and its inputs, and how far the
/// job under way is.
#[derive(Clone, Copy)]
pub struct OutcomesJob {
    latest: RwSignal<Option<(Input, OutcomesResult)>>,
    progress: RwSignal<Option<f64>>,
    running: StoredValue<Running>,
    timings: RwSignal<Timings>,
}

impl OutcomesJob {
    pub fn new(timings: RwSignal<Timings>) -> OutcomesJob {
        OutcomesJob {
            latest: RwSignal::new(None),
            progress: RwSignal::new(None),
            running: StoredValue::new(Running::default()),
            timings,
        }
    }

    /// The share of the analyses done by the job under way (0 to 1), or `None` when none runs.
    pub fn progress(&self) -> ReadSignal<Option<f64>> {
        self.progress.read_only()
    }

    /// The outcomes of `classified` under `settings`, to be read in a memo (it tracks the
    /// result): `None` while they are computed (the job starts once per input).
    pub fn get(&self, classified: Classified, settings: OutcomeSettings) -> Option<OutcomesResult> {
        let input = Input { classified, settings };
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
        let was_running = self.running.try_update_value(|r| {
            r.generation += 1;
            r.input.take().is_some()
        });
        if was_running == Some(true) {
            let progress = self.progress;
            // Not while a memo computes: signals are written after the current update.
            leptos::task::spawn_local(async move { progress.set(None) });
        }
    }

    fn start(&self, input: Input) {
        let generation = self.running.try_update_value(|r| {
            if r.input.as_ref().is_some_and(|i| i.same(&input)) {
                return None;
            }
            r.generation += 1;
            r.input = Some(input.clone());
            Some(r.generation)
        });
        if let Some(Some(generation)) = generation {
            leptos::task::spawn_local(self.run(input, generation));
        }
    }

    fn is_current(&self, generation: u64) -> bool {
        self.running.try_with_value(|r| r.generation == generation).unwrap_or(false)
    }

    /// One analysis per task, checking between two that no newer input came.
    async fn run(self, input: Input, generation: u64) {
        // Apart from the task that asked (a page being drawn).
        next_tick().await;
        if !self.is_current(generation) {
            return;
        }
        self.progress.set(Some(0.0));
        let timer = Timer::start(Step::Outcomes);
        let (c, settings) = (&input.classified, &input.settings);
        let result = match Analysis::new(&c.data, &c.result, settings) {
            Err(why) => Err(why),
            Ok(mut analysis) => loop {
                self.progress.set(Some(analysis.progress()));
                yield_now().await;
                if !self.is_current(generation) {
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
        self.running.update_value(|r| r.input = None);
        self.progress.set(None);
        self.latest.set(Some((input, result)));
    }
}
