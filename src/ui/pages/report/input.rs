//! The report's inputs, read from the app's state: the same values the Outcomes page shows and
//! the same kinds the command line reads, so that `ipvi report` writes the same document.

use crate::ui::state::{AppState, Classified, OutcomesResult};
use ipvi::ingest::IngestSettings;
use ipvi::model::Day;
use ipvi::outcomes::OutcomeSettings;
use ipvi::report::{ComparisonFile, Origin, ReportChoices, ReportInput};
use leptos::prelude::*;
use std::sync::Arc;

/// Everything [`ReportInput`] borrows, owned (cheap clones of the shared results).
pub struct Inputs {
    choices: ReportChoices,
    generated: Day,
    origin: Arc<Origin>,
    classified: Classified,
    reading_rules: IngestSettings,
    settings: OutcomeSettings,
    outcomes: OutcomesResult,
    comparison_file: Option<Arc<ComparisonFile>>,
}

impl Inputs {
    /// The inputs as they are now (tracked: a memo that calls this follows every change);
    /// `None` while no data is loaded.
    pub fn gather(state: AppState) -> Option<Inputs> {
        Some(Inputs {
            choices: state.settings.report.get(),
            generated: state.settings.report_date.get(),
            origin: state.origin.get()?,
            classified: state.classified.get()?,
            reading_rules: state.settings.ingest.get(),
            settings: state.settings.outcome_settings.get(),
            outcomes: state.outcomes.get()?,
            comparison_file: state.data.comparison.get().filter(|c| !c.demo).and_then(|c| c.file),
        })
    }

    /// Calls `f` with the engine's view of these inputs.
    pub fn with<R>(&self, f: impl FnOnce(&ReportInput) -> R) -> R {
        let c = &self.classified;
        f(&ReportInput {
            choices: &self.choices,
            generated: self.generated,
            origin: &self.origin,
            data: &c.data,
            reading_rules: &self.reading_rules,
            criteria: &c.criteria,
            // The mode the classification was made with: NotificationMode::choose(data, simulate).
            mode: c.result.mode,
            classification: &c.result,
            settings: &self.settings,
            outcomes: self.outcomes.as_ref().map(|o| o.as_ref()),
            comparison_file: self.comparison_file.as_deref(),
        })
    }
}
