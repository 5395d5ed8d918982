//! The outcomes one analysis at a time: [`Analysis::new`] settles the start and end, and each
//! [`Analysis::step`] runs one more analysis: the calls for service first (the one that can fail
//! them all), then who was notified, then the person-level analyses. The web page yields to the
//! browser between steps, so that no single task holds it for all of them
//! (`docs/architecture.md`); [`super::analyze`] runs them at once.

use super::comparison::AreaPanel;
use super::detectable::{detectable, DetectableResult};
use super::other_areas::{self, Aligned, DidPart, OtherAreasResult};
use super::reoffending::FollowUps;
use super::series::{first_notices, ipv_events, person_runs, Index};
use super::within_person::{self_controlled, SelfControlled};
use super::{addresses, calls, pauses, reoffending, sanctions, services};
use super::{CallsResult, OutcomeSettings, Outcomes, OutcomesError, Unavailable};
use super::{KnownAddressesResult, PausesResult, ReoffendingResult, SanctionsResult, ServicesResult};
use crate::classify::Classification;
use crate::model::{Dataset, Day};
use crate::stats::did::{Did, EventStudy};
use crate::stats::placebo::PlaceboInTime;
use std::ops::Range;

/// The steps: the calls, who was notified, the within-person comparison, everyone followed up,
/// five analyses, against comparison areas the difference-in-differences (with its placebo test),
/// its event study and the synthetic control, and what the data can detect.
const STEPS: usize = 13;

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
    /// The IPV calls for service (or incidents) counted, as (day, address): read by two analyses.
    events: (&'static str, Vec<(Day, u32)>),
    calls: Option<CallsResult>,
    within_person: Option<SelfControlled>,
    followed: Option<Result<FollowUps, Unavailable>>,
    reoffending: Option<Result<ReoffendingResult, Unavailable>>,
    known_addresses: Option<Result<KnownAddressesResult, Unavailable>>,
    pauses: Option<Result<PausesResult, Unavailable>>,
    services: Option<Result<ServicesResult, Unavailable>>,
    sanctions: Option<Result<SanctionsResult, Unavailable>>,
    /// The comparison areas, if any, and what was computed against them.
    comparison: Option<&'a AreaPanel>,
    aligned: Option<Result<Aligned, String>>,
    /// The difference-in-differences with its placebo test, then its event study (two steps).
    did: Option<(Result<Did, String>, Result<PlaceboInTime, String>)>,
    event_study: Option<Result<EventStudy, String>>,
    other_areas: Option<Result<OtherAreasResult, Unavailable>>,
    detectable: Option<DetectableResult>,
    done: usize,
}

impl<'a> Analysis<'a> {
    /// The analyses to run; an error says what is missing for every one of them.
    pub fn new(
        data: &'a Dataset,
        classification: &'a Classification,
        settings: &'a OutcomeSettings,
    ) -> Result<Analysis<'a>, OutcomesError> {
        let start = settings.start.or_else(|| super::default_start(data)).ok_or(OutcomesError::NoStart)?;
        let end = settings.end.or_else(|| super::default_end(data)).ok_or(OutcomesError::NoDatedRows)?;
        Ok(Analysis {
            data,
            classification,
            settings,
            runs: Vec::new(),
            index: Index::default(),
            start,
            end,
            events: ("", Vec::new()),
            calls: None,
            within_person: None,
            followed: None,
            reoffending: None,
            known_addresses: None,
            pauses: None,
            services: None,
            sanctions: None,
            comparison: None,
            aligned: None,
            did: None,
            event_study: None,
            other_areas: None,
            detectable: None,
            done: 0,
        })
    }

    /// Compares the calls for service with these areas' (`settings.treated_areas` says which
    /// of them are treated; none: the loaded data are).
    pub fn compared_with(mut self, panel: Option<&'a AreaPanel>) -> Analysis<'a> {
        self.comparison = panel;
        self
    }

    /// Runs the next step; returns whether all are done. An error (no IPV calls or incidents
    /// to count) ends the analysis.
    pub fn step(&mut self) -> Result<bool, OutcomesError> {
        let (data, c) = (self.data, self.classification);
        let (start, end) = (self.start, self.end);
        match self.done {
            0 => {
                self.events = ipv_events(data);
                let events = (self.events.0, self.events.1.as_slice());
                self.calls = Some(calls::calls_for_service(events, start, end, self.settings.seasonal)?);
            }
            1 => (self.runs, self.index) = (person_runs(data), first_notices(c, start, end)),
            2 => self.within_person = Some(self_controlled(data, &self.index, start, end)),
            3 => {
                let followed = reoffending::follow_ups(data, c, &self.index, &self.runs, (start, end), self.settings);
                self.followed = Some(followed);
            }
            4 => {
                let (followed, within) = (self.followed.take(), self.within_person.take());
                let ran = "the follow-ups and the within-person comparison come first";
                let result = followed.expect(ran).map(|followed| {
                    let within = within.expect(ran);
                    reoffending::reoffending(c.mode, followed, within, (start, end), self.settings)
                });
                self.reoffending = Some(result);
            }
            5 => {
                let calls = self.calls.as_ref().expect("the calls are counted first");
                let events = (self.events.0, self.events.1.as_slice());
                self.known_addresses = Some(addresses::known_addresses(data, events, start, end, calls));
            }
            6 => self.pauses = Some(pauses::pauses(data, &self.index, end)),
            7 => self.services = Some(services::services(data, &self.index, end)),
            8 => self.sanctions = Some(sanctions::sanctions(data, c, &self.index, &self.runs, end)),
            9 => {
                let calls = self.calls.as_ref().expect("the calls are counted first");
                let treated = &self.settings.treated_areas;
                self.aligned = self.comparison.map(|panel| other_areas::align(calls, panel, treated, start));
                let aligned = self.aligned.as_ref().and_then(|a| a.as_ref().ok());
                self.did = aligned.map(|a| (other_areas::did(a), other_areas::did_placebo(a)));
            }
            10 => {
                let aligned = self.aligned.as_ref().and_then(|a| a.as_ref().ok());
                self.event_study = aligned.map(other_areas::event_study_of);
            }
            11 => {
                let counted = self.calls.as_ref().expect("the calls are counted first").counted;
                self.other_areas = Some(match self.aligned.clone() {
                    None => Err(Unavailable::NoComparisonAreas),
                    Some(aligned) => {
                        let synthetic = aligned.as_ref().ok().map(other_areas::synthetic_part);
                        let did =
                            self.did.take().zip(self.event_study.take()).map(
                                |((did, placebo_in_time), event_study)| DidPart { did, event_study, placebo_in_time },
                            );
                        Ok(other_areas::worded(counted, aligned, did, synthetic))
                    }
                });
            }
            12 => {
                let calls = self.calls.as_ref().expect("the calls are counted first");
                let aligned = self.aligned.as_ref().and_then(|a| a.as_ref().ok());
                let reoffending = self.reoffending.as_ref().and_then(|r| r.as_ref().ok());
                self.detectable = Some(detectable(calls, aligned, reoffending));
            }
            _ => {}
        }
        self.done = (self.done + 1).min(STEPS);
        Ok(self.is_done())
    }

    pub fn is_done(&self) -> bool {
        self.done == STEPS
    }

    /// The share of the steps done, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.done as f64 / STEPS as f64
    }

    /// Runs the steps left and gives the outcomes.
    pub fn finish(mut self) -> Result<Outcomes, OutcomesError> {
        while !self.step()? {}
        let ran = "every analysis ran";
        Ok(Outcomes {
            start: self.start,
            end: self.end,
            calls: self.calls.expect(ran),
            reoffending: self.reoffending.expect(ran),
            known_addresses: self.known_addresses.expect(ran),
            pauses: self.pauses.expect(ran),
            services: self.services.expect(ran),
            sanctions: self.sanctions.expect(ran),
            other_areas: self.other_areas.expect(ran),
            detectable: self.detectable.expect(ran),
        })
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
        while !analysis.step().unwrap() {
            progress.push(analysis.progress());
        }
        progress.push(analysis.progress());
        assert_eq!(progress.len(), STEPS + 1);
        assert!(progress[0] == 0.0 && progress[STEPS] == 1.0, "{progress:?}");
        assert!(progress.windows(2).all(|w| w[0] < w[1]), "{progress:?}");
        assert!(analysis.step().unwrap(), "a finished analysis stays finished");
        let stepped = analysis.finish().unwrap();
        assert!(stepped.reoffending.is_ok() && stepped.sanctions.is_ok() && stepped.services.is_ok());
        assert_eq!(stepped, super::super::analyze(&data, &classification, &settings).unwrap());
    }

    #[test]
    fn against_comparison_areas_the_steps_give_what_the_whole_comparison_gives() {
        let params = DemoParams { people: 800, seed: 4, ..DemoParams::default() };
        let data = generate(&params).unwrap();
        let areas = crate::synth::comparison_areas(&params, &data);
        let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
        let settings = OutcomeSettings::default();
        let analysis = Analysis::new(&data, &classification, &settings).unwrap().compared_with(Some(&areas));
        let out = analysis.finish().unwrap();
        let compared = out.other_areas.as_ref().unwrap();
        let aligned = compared.aligned.as_ref().unwrap();
        assert_eq!(compared.did.as_ref(), Some(&other_areas::did_part(aligned)));
        assert_eq!(compared.synthetic.as_ref(), Some(&other_areas::synthetic_part(aligned)));
        assert!(out.detectable.other_areas.as_ref().is_some_and(Result::is_ok));
        let alone = super::super::analyze(&data, &classification, &settings).unwrap();
        assert_eq!(alone.other_areas, Err(Unavailable::NoComparisonAreas));
        assert_eq!(alone.calls, out.calls, "the comparison changes nothing else");
    }

    #[test]
    fn no_ipv_event_to_count_ends_the_analysis_at_its_first_step() {
        let mut data = generate(&DemoParams { people: 100, seed: 2, ..DemoParams::default() }).unwrap();
        let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
        data.calls = None;
        let incidents = std::sync::Arc::make_mut(&mut data.incidents);
        incidents.flags.iter_mut().for_each(|f| *f = f.with(crate::model::Flags::IPV, false));
        let settings = OutcomeSettings::default();
        let mut analysis = Analysis::new(&data, &classification, &settings).unwrap();
        assert_eq!(analysis.step(), Err(OutcomesError::NoIpvEvents { counted: "incidents" }));
        let whole = super::super::analyze(&data, &classification, &settings);
        assert_eq!(whole, Err(OutcomesError::NoIpvEvents { counted: "incidents" }));
    }
}
