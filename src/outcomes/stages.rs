//! The outcomes one analysis at a time: [`Analysis::new`] counts the calls for service (the one
//! analysis that can fail them all) and finds who was notified; each [`Analysis::step`] runs one
//! more analysis. The web page yields to the browser between steps, so that no single task holds
//! it for all of them (`docs/architecture.md`); [`super::analyze`] runs them at once.

use super::series::{first_notices, person_runs, Index};
use super::{addresses, calls, pauses, reoffending, sanctions, services};
use super::{CallsResult, OutcomeSettings, Outcomes, OutcomesError, Unavailable};
use super::{KnownAddressesResult, PausesResult, ReoffendingResult, SanctionsResult, ServicesResult};
use crate::classify::Classification;
use crate::model::{Dataset, Day};
use std::ops::Range;

/// The analyses after the calls, in the order they run.
const STEPS: usize = 5;

/// Outcomes being computed: the calls counted, and the analyses done so far.
pub struct Analysis<'a> {
    data: &'a Dataset,
    classification: &'a Classification,
    settings: &'a OutcomeSettings,
    /// Each person's incident rows, by person id: read by several analyses.
    runs: Vec<Option<Range<usize>>>,
    index: Index,
    start: Day,
    end: Day,
    calls: CallsResult,
    reoffending: Option<Result<ReoffendingResult, Unavailable>>,
    known_addresses: Option<Result<KnownAddressesResult, Unavailable>>,
    pauses: Option<Result<PausesResult, Unavailable>>,
    services: Option<Result<ServicesResult, Unavailable>>,
    sanctions: Option<Result<SanctionsResult, Unavailable>>,
    done: usize,
}

impl<'a> Analysis<'a> {
    /// Counts the calls for service; an error says what is missing for every analysis.
    pub fn new(
        data: &'a Dataset,
        classification: &'a Classification,
        settings: &'a OutcomeSettings,
    ) -> Result<Analysis<'a>, OutcomesError> {
        let start = settings.start.or_else(|| super::default_start(data)).ok_or(OutcomesError::NoStart)?;
        let end = settings.end.or_else(|| super::default_end(data)).ok_or(OutcomesError::NoDatedRows)?;
        let calls = calls::calls_for_service(data, start, end, settings.seasonal)?;
        let (runs, index) = (person_runs(data), first_notices(classification, start, end));
        Ok(Analysis {
            data,
            classification,
            settings,
            runs,
            index,
            start,
            end,
            calls,
            reoffending: None,
            known_addresses: None,
            pauses: None,
            services: None,
            sanctions: None,
            done: 0,
        })
    }

    /// Runs the next analysis; returns whether all are done.
    pub fn step(&mut self) -> bool {
        let (data, c, index, runs) = (self.data, self.classification, &self.index, &self.runs);
        let (start, end) = (self.start, self.end);
        match self.done {
            0 => self.reoffending = Some(reoffending::reoffending(data, c, index, runs, start, end, self.settings)),
            1 => self.known_addresses = Some(addresses::known_addresses(data, start, end, &self.calls)),
            2 => self.pauses = Some(pauses::pauses(data, index, end)),
            3 => self.services = Some(services::services(data, index, end)),
            4 => self.sanctions = Some(sanctions::sanctions(data, c, index, runs, end)),
            _ => {}
        }
        self.done = (self.done + 1).min(STEPS);
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.done == STEPS
    }

    /// The share of the analyses done, from 0 to 1 (the calls count as the first).
    pub fn progress(&self) -> f64 {
        (self.done + 1) as f64 / (STEPS + 1) as f64
    }

    /// Runs the analyses left and gives the outcomes.
    pub fn finish(mut self) -> Outcomes {
        while !self.step() {}
        let ran = "every analysis ran";
        Outcomes {
            start: self.start,
            end: self.end,
            calls: self.calls,
            reoffending: self.reoffending.expect(ran),
            known_addresses: self.known_addresses.expect(ran),
            pauses: self.pauses.expect(ran),
            services: self.services.expect(ran),
            sanctions: self.sanctions.expect(ran),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{classify, Criteria, NotificationMode};
    use crate::synth::{generate, DemoParams};

    #[test]
    fn step_by_step_gives_the_outcomes_of_one_run() {
        let data = generate(&DemoParams { people: 400, seed: 9, ..DemoParams::default() }).unwrap();
        let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
        let settings = OutcomeSettings::default();
        let mut analysis = Analysis::new(&data, &classification, &settings).unwrap();
        let mut progress = vec![analysis.progress()];
        while !analysis.step() {
            progress.push(analysis.progress());
        }
        progress.push(analysis.progress());
        assert_eq!(progress.len(), STEPS + 1);
        assert!(progress.windows(2).all(|w| w[0] < w[1]) && progress[STEPS] == 1.0, "{progress:?}");
        assert!(analysis.step(), "a finished analysis stays finished");
        let stepped = analysis.finish();
        assert!(stepped.reoffending.is_ok() && stepped.sanctions.is_ok() && stepped.services.is_ok());
        assert_eq!(stepped, super::super::analyze(&data, &classification, &settings).unwrap());
    }
}
