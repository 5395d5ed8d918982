//! What the pages derive from the loaded data and the settings, computed once here so that every
//! part that shows it reads the same result: the outcomes (Outcomes and Report pages), where the
//! data came from, the levels as of the date (Classify) and the data summary.

use super::data::{Classified, DataState};
use super::sliced::SlicedClassification;
use ipvi::classify::report::{level_counts, standings, Standing};
use ipvi::ingest::Table;
use ipvi::model::{DatasetSummary, Day};
use ipvi::outcomes::comparison::{area_column, panel_from_data, AreaPanel};
use ipvi::outcomes::{Outcomes, OutcomesError};
use ipvi::report::{Origin, Source};
use leptos::prelude::*;
use std::sync::Arc;

/// The outcomes of the classification under the outcome settings, or why there are none.
pub type OutcomesResult = Result<Arc<Outcomes>, OutcomesError>;

/// Where the analysed data came from: the user's files (name, size, rows and SHA-256 of each,
/// with its quality report) or the demo's parameters and fingerprint. Hashing large files takes
/// a moment, so it is done once per load, not per report.
pub fn origin(data: DataState) -> Memo<Option<Arc<Origin>>> {
    Memo::new(move |_| {
        let loaded = data.loaded.get()?;
        let origin = match loaded.demo {
            Some(demo) => Origin::Demo { params: demo.params, fingerprint: demo.fingerprint },
            None => Origin::Files(data.files.with(|files| {
                files
                    .iter()
                    .map(|f| {
                        (
                            Source::with_sha256(f.bytes.len(), f.bytes.sha256(), &f.parsed.report),
                            f.parsed.report.clone(),
                        )
                    })
                    .collect()
            })),
        };
        Some(Arc::new(origin))
    })
}

/// The levels as of the date in force (the chosen one, or the last incident): computed once per
/// classification and date, and read by every part of the Classify page.
#[derive(Clone)]
pub struct LevelsAsOf {
    pub classified: Classified,
    pub day: Day,
    /// Every person with an IPV incident by the date, in person-id order.
    pub standings: Arc<Vec<Standing>>,
    /// People at each level (D, C, B, A).
    pub counts: [usize; 4],
}

impl PartialEq for LevelsAsOf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.standings, &other.standings)
    }
}

/// The standings are those the classification job read (in slices) when it read them at that
/// date; computed here otherwise (another date chosen).
pub fn levels_as_of(
    classified: Memo<Option<Classified>>,
    as_of: RwSignal<Option<Day>>,
    job: SlicedClassification,
) -> Memo<Option<LevelsAsOf>> {
    Memo::new(move |_| {
        let classified = classified.get()?;
        let day = as_of.get().or_else(|| classified.result.last_day())?;
        let standings =
            job.standings(&classified.result, day).unwrap_or_else(|| Arc::new(standings(&classified.result, day)));
        let counts = level_counts(&standings);
        Some(LevelsAsOf { classified, day, standings, counts })
    })
}

/// The loaded data in numbers (tables, suspects, addresses): counted once per data set, not on
/// each criteria edit.
pub fn summary(data: DataState) -> Memo<Option<Arc<DatasetSummary>>> {
    Memo::new(move |_| Some(Arc::new(data.loaded.get()?.data.summary())))
}

/// The loaded files' IPV calls (or incidents) by month and area, when the counted file has an
/// area column: the areas a user can mark as treated (docs/methods.md#comparison-areas). `None`
/// without such a column (the demo has none); an error sentence when the areas cannot be counted.
pub fn areas_by_column(data: DataState) -> Memo<Option<Result<Arc<AreaPanel>, String>>> {
    Memo::new(move |_| {
        let loaded = data.loaded.get()?;
        let counted =
            if loaded.data.calls.as_ref().is_some_and(|c| !c.is_empty()) { Table::Calls } else { Table::Incidents };
        let column = data.files.with(|files| {
            let file = files.iter().find(|f| f.parsed.mapping.table == counted)?;
            area_column(&file.parsed).map(str::to_string)
        })?;
        Some(panel_from_data(&loaded.data, &column).map(Arc::new).map_err(|e| e.to_string()))
    })
}
