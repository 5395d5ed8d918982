//! What the page's background jobs share (the classification, the outcomes): the job under way
//! and its input, cancelled by a newer input through a generation counter, and its progress.

use leptos::prelude::*;

/// The job under way, if any, and its generation: a job that finds the generation changed stops.
struct Running<I> {
    generation: u64,
    input: Option<I>,
}

/// One job at a time, for inputs of type `I`.
pub struct JobSlot<I: Send + Sync + 'static> {
    running: StoredValue<Running<I>>,
    progress: RwSignal<Option<f64>>,
}

impl<I: Send + Sync + 'static> Clone for JobSlot<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: Send + Sync + 'static> Copy for JobSlot<I> {}

impl<I: Send + Sync + Clone + 'static> JobSlot<I> {
    pub fn new() -> JobSlot<I> {
        JobSlot { running: StoredValue::new(Running { generation: 0, input: None }), progress: RwSignal::new(None) }
    }

    /// How far the job under way is (0 to 1), or `None` when none runs.
    pub fn progress(&self) -> ReadSignal<Option<f64>> {
        self.progress.read_only()
    }

    pub fn set_progress(&self, done: f64) {
        self.progress.set(Some(done));
    }

    /// Takes the slot for a job on `input`, unless the job under way is on the same: the new
    /// job's generation.
    pub fn claim(&self, input: &I, same: impl Fn(&I, &I) -> bool) -> Option<u64> {
        self.running
            .try_update_value(|r| {
                if r.input.as_ref().is_some_and(|i| same(i, input)) {
                    return None;
                }
                r.generation += 1;
                r.input = Some(input.clone());
                Some(r.generation)
            })
            .flatten()
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

    /// Whether the job of `generation` is still the one wanted.
    pub fn is_current(&self, generation: u64) -> bool {
        self.running.try_with_value(|r| r.generation == generation).unwrap_or(false)
    }

    /// The job under way is done: the slot is free.
    pub fn done(&self) {
        self.running.update_value(|r| r.input = None);
        self.progress.set(None);
    }
}
