//! The app's state, by concern: the shell (page, status, notices), the loaded data (in memory
//! only) and the settings (kept between visits by one save path); the classification is derived
//! from the data and the settings, computed in slices ([`sliced`]) so that the page never
//! freezes. Shared with every page through context.

mod data;
mod derived;
mod job;
mod outcomes_job;
mod settings;
mod shell;
mod sliced;

pub use data::{now_ms, Classified, ComparisonAreas, DataState, DemoData, FileBytes, Job, LoadedFile, UnmappedFile};
pub use derived::{LevelsAsOf, OutcomesResult};
pub use settings::Settings;
pub use shell::{query_of, route_of, Page, Route, Shell};
pub use sliced::{ClassifyInput, SlicedClassification};

use ipvi::classify::NotificationMode;
use ipvi::outcomes::AreaPanel;
use ipvi::report::Origin;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct AppState {
    pub shell: Shell,
    pub data: DataState,
    pub settings: Settings,
    /// The level history of the loaded data under the criteria: recomputed on every edit, in
    /// slices. While that runs it is the previous result for the same data (or `None`).
    pub classified: Memo<Option<Classified>>,
    /// How far the classification under way is (0 to 1), or `None` when none runs.
    pub classifying: ReadSignal<Option<f64>>,
    /// The levels as of the date in force (Classify page).
    pub levels: Memo<Option<LevelsAsOf>>,
    /// The loaded data in numbers.
    pub summary: Memo<Option<Arc<ipvi::model::DatasetSummary>>>,
    /// The outcomes of that classification under the outcome settings (Outcomes and Report
    /// pages), computed an analysis at a time: `None` meanwhile.
    pub outcomes: Memo<Option<OutcomesResult>>,
    /// How far the outcomes under way are (0 to 1), or `None` when none are computed.
    pub analysing: ReadSignal<Option<f64>>,
    /// Where the loaded data came from, as the report names it.
    pub origin: Memo<Option<Arc<Origin>>>,
    /// The loaded files' areas by their area column, when they have one (the areas a user can
    /// mark as treated), or why they cannot be counted.
    pub areas_by_column: Memo<Option<Result<Arc<AreaPanel>, String>>>,
    /// The comparison areas the outcomes use: the area column's when treated areas are chosen,
    /// else the comparison file's (or the demo's).
    pub comparison: Memo<Option<Arc<AreaPanel>>>,
}

impl AppState {
    pub fn new() -> AppState {
        let mut notices = Vec::new();
        let settings = Settings::load(&mut notices);
        let data = DataState::new();
        let shell = Shell::new(notices);
        let (loaded, criteria, simulate, timings) = (data.loaded, settings.criteria, settings.simulate, shell.timings);
        let job = SlicedClassification::new(Some(timings), settings.as_of);
        // Lazy: the job starts when a page reads the classification, once per input.
        let classified = Memo::new(move |_| {
            let Some(loaded) = loaded.get() else {
                job.cancel();
                return None;
            };
            let mode = NotificationMode::choose(&loaded.data, simulate.get());
            job.get(ClassifyInput { data: loaded.data, criteria: criteria.get(), mode })
        });
        let analysis = outcomes_job::OutcomesJob::new(timings);
        let outcome_settings = settings.outcome_settings;
        let areas_by_column = derived::areas_by_column(data);
        let comparison = Memo::new(move |_| {
            if outcome_settings.with(|s| s.treated_areas.is_empty()) {
                data.comparison_in_use.get()
            } else {
                areas_by_column.get().and_then(Result::ok)
            }
        });
        // Lazy as well: the job starts when a page reads the outcomes.
        let outcomes = Memo::new(move |_| {
            let Some(classified) = classified.get() else {
                analysis.cancel();
                return None;
            };
            analysis.get(classified, outcome_settings.get(), comparison.get())
        });
        let levels = derived::levels_as_of(classified, settings.as_of, job);
        let summary = derived::summary(data);
        let origin = derived::origin(data);
        let (classifying, analysing) = (job.progress(), analysis.progress());
        AppState {
            shell,
            data,
            settings,
            classified,
            classifying,
            levels,
            summary,
            outcomes,
            analysing,
            origin,
            areas_by_column,
            comparison,
        }
    }

    pub fn has_data(&self) -> bool {
        self.data.loaded.with(Option::is_some)
    }
}
