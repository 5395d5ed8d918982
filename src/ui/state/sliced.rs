//! The classification as a job in short slices, so that the page never freezes: one walk over
//! a million incidents takes about a tenth of a second, so the job walks whole persons for
//! about [`SLICE_MS`] of main-thread time, yields to the event loop (the browser paints and
//! handles input), and goes on, until everyone is classified (`docs/architecture.md`).
//!
//! A job starts when a page reads the classification of inputs not yet classified (lazily, as a
//! memo would); a newer input cancels the job under way. Meanwhile the last result for the same
//! data set is kept, so that a criteria edit never blanks the page, and lends the new walk its
//! window counts (`Classifier::reusing`: an edit that keeps the lookback counts nothing again).
//! The walk reads each person's level at the date in force as it goes, for the pages to take
//! over.

use super::data::{now_ms, Classified};
use super::job::JobSlot;
use crate::ui::load::{next_tick, yield_now};
use crate::ui::timings::{Step, Timer, Timings};
use ipvi::classify::report::Standing;
use ipvi::classify::{Classification, Classifier, Criteria, NotificationMode};
use ipvi::model::{Dataset, Day};
use leptos::prelude::*;
use std::sync::Arc;

/// Main-thread time per slice: short enough that a click or a key is answered at once, long
/// enough that yielding (and the progress redrawn between slices) costs little.
const SLICE_MS: f64 = 25.0;
/// Incidents walked between two looks at the clock (well under a millisecond of work).
const CHUNK: usize = 4_096;

/// What a classification is computed from.
#[derive(Clone)]
pub struct ClassifyInput {
    pub data: Arc<Dataset>,
    pub criteria: Criteria,
    pub mode: NotificationMode,
}

impl ClassifyInput {
    fn same(&self, other: &ClassifyInput) -> bool {
        Arc::ptr_eq(&self.data, &other.data) && self.criteria == other.criteria && self.mode == other.mode
    }

    fn gave(&self, c: &Classified) -> bool {
        Arc::ptr_eq(&self.data, &c.data) && self.criteria == c.criteria && self.mode == c.result.mode
    }
}

/// The standings of a classification at a date, read by the job.
struct ReadAt {
    result: Arc<Classification>,
    day: Day,
    standings: Arc<Vec<Standing>>,
}

/// A classification computed in slices: the latest result, and how far the job under way is.
#[derive(Clone, Copy)]
pub struct SlicedClassification {
    latest: RwSignal<Option<Classified>>,
    slot: JobSlot<ClassifyInput>,
    /// Where the job's time goes (`ipvi:classify`), for the page's own classification.
    timings: Option<RwSignal<Timings>>,
    /// The date the levels are read at (`None`: the last incident's), and the latest result's
    /// standings then.
    as_of: RwSignal<Option<Day>>,
    read: StoredValue<Option<ReadAt>>,
}

impl SlicedClassification {
    pub fn new(timings: Option<RwSignal<Timings>>, as_of: RwSignal<Option<Day>>) -> SlicedClassification {
        SlicedClassification {
            latest: RwSignal::new(None),
            slot: JobSlot::new(),
            timings,
            as_of,
            read: StoredValue::new(None),
        }
    }

    /// The standings of `result` at `day` if the job read them (else the caller computes them).
    pub fn standings(&self, result: &Arc<Classification>, day: Day) -> Option<Arc<Vec<Standing>>> {
        let same = |r: &&ReadAt| Arc::ptr_eq(&r.result, result) && r.day == day;
        self.read.try_with_value(|r| r.as_ref().filter(same).map(|r| r.standings.clone())).flatten()
    }

    /// The share of the incidents classified by the job under way (0 to 1), or `None` when
    /// none runs.
    pub fn progress(&self) -> ReadSignal<Option<f64>> {
        self.slot.progress()
    }

    /// The classification of `input`, to be read in a memo (it tracks the result). If it is
    /// not computed yet, starts the job (once per input) and gives the latest result for the
    /// same data set meanwhile, or `None` when there is none.
    pub fn get(&self, input: ClassifyInput) -> Option<Classified> {
        let latest = self.latest.get();
        if latest.as_ref().is_some_and(|c| input.gave(c)) {
            // Back to inputs already classified (an edit undone): the job under way is moot.
            self.cancel();
            return latest;
        }
        self.start(input.clone());
        latest.filter(|c| Arc::ptr_eq(&c.data, &input.data))
    }

    /// Stops the job under way, if any.
    pub fn cancel(&self) {
        self.slot.cancel();
    }

    fn start(&self, input: ClassifyInput) {
        if let Some(generation) = self.slot.claim(&input, ClassifyInput::same) {
            leptos::task::spawn_local(self.run(input, generation));
        }
    }

    /// Classifies in slices, checking between two that no newer input came.
    async fn run(self, input: ClassifyInput, generation: u64) {
        if !self.slot.is_current(generation) {
            return;
        }
        self.slot.set_progress(0.0);
        if self.latest.with_untracked(|c| c.as_ref().is_some_and(|c| !Arc::ptr_eq(&c.data, &input.data))) {
            // Another data set's result is of no use any more: free its memory now.
            self.latest.set(None);
            self.read.set_value(None);
        }
        let timer = self.timings.map(|_| Timer::start(Step::Classify));
        // Each slice is a task of its own, the first apart from the one that asked (a page
        // being drawn), the result apart from the last (the pages draw from it).
        next_tick().await;
        if !self.slot.is_current(generation) {
            return;
        }
        // After a criteria edit, the previous levels of the same data set lend their window
        // counts when the edit keeps the lookback (and the score): no window is counted again.
        let previous = self
            .latest
            .with_untracked(|c| c.as_ref().filter(|c| Arc::ptr_eq(&c.data, &input.data)).map(|c| c.result.clone()));
        let classifier = match &previous {
            Some(previous) => Classifier::reusing(&input.data, &input.criteria, input.mode, previous),
            None => Classifier::new(&input.data, &input.criteria, input.mode),
        };
        // The levels at the date in force are read as each person is classified (their steps
        // at hand), not in a second walk.
        let day = self.as_of.get_untracked().or_else(|| classifier.last_day());
        let mut classifier = match day {
            Some(day) => classifier.reading_standings_at(day),
            None => classifier,
        };
        loop {
            let started = now_ms();
            while !classifier.step(CHUNK) && now_ms() - started < SLICE_MS {}
            self.slot.set_progress(classifier.progress());
            yield_now().await;
            if !self.slot.is_current(generation) {
                return;
            }
            if classifier.is_done() {
                break;
            }
        }
        let (result, standings) = classifier.finish_with_standings();
        drop(previous);
        let result = Arc::new(result);
        let millis = match (timer, self.timings) {
            (Some(timer), Some(timings)) => timer.done(timings),
            _ => 0.0,
        };
        if let (Some(day), Some(standings)) = (day, standings) {
            self.read.set_value(Some(ReadAt { result: result.clone(), day, standings: Arc::new(standings) }));
        }
        self.slot.done();
        self.latest.set(Some(Classified {
            data: input.data.clone(),
            result,
            criteria: input.criteria.clone(),
            millis,
        }));
    }
}
