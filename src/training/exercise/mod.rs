//! Classification exercises: realistic cases that identify nobody, with the engine's own answer.
//!
//! Each case is one person's history from the demo jurisdiction (synthetic: it describes no
//! real person) up to a decision date: dated incidents with their facts and victim-survivors
//! ("Victim 1", "Victim 2" within the case), and the notifications received before that date.
//! Every case is shifted in time so that all cases of an exercise share one decision date
//! (levels depend only on the days between events), and the answer key is what
//! `ipvi classify --as-of DATE` gives on the exercise's own extracts.
//!
//! A case is **at a threshold** ("hard") when one single fact, removed or moved, changes the
//! level the engine gives: an incident dropped, one fact of an incident (charge, felony,
//! weapon, strangulation, injury, protective-order violation) removed, an incident near a
//! lookback edge moved across it, or a notification dropped. A case is **clear-cut** ("easy")
//! when no such change does. Both are decided by re-classifying the changed history with the
//! same engine, and the decisive facts are kept for the trainee's feedback.
//!
//! Deterministic: the same settings give the same cases and bytes natively and in the browser
//! (ChaCha8 streams, integer draws, no hash-map order in any output).

mod case;
mod extracts;
mod select;
mod settings;
mod words;

pub use case::{Change, Fact, History, IncidentFact, NotificationFact, EDGE_MARGIN_DAYS};
pub use extracts::{exercise_extracts, exercise_fingerprint};
pub use settings::{criteria_name, Difficulty, ExerciseError, ExerciseSettings, MAX_CASES};
pub use words::{card, explain, feedback, CardRow, CaseCard, ExplainStep, Feedback};

use crate::classify::{reason, Criteria};
use crate::model::{Dataset, Day, Level};
use serde::{Deserialize, Serialize};

/// A set of cases for a room, all decided as of one date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    pub settings: ExerciseSettings,
    /// The date every case is decided as of.
    pub decision_day: Day,
    /// `case-01`, `case-02`, ... in the order the room works through them.
    pub cases: Vec<Case>,
}

/// One case and its answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// `case-01`: the person id in the exercise's extracts.
    pub id: String,
    pub history: History,
    pub key: Key,
}

/// The engine's answer to a case, with why, and what it hinges on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Key {
    /// The level as of the decision date (`None`: no level).
    pub level: Option<Level>,
    /// The engine's reason, as `ipvi classify` writes it.
    pub reason: String,
    /// One single fact, removed or moved, changes the level.
    pub at_threshold: bool,
    /// The single-fact changes that change the level, each with the level it would give.
    pub decisive: Vec<DecisiveFact>,
    /// What makes the case instructive, for the trainer's overview.
    pub kinds: Vec<CaseKind>,
}

/// A fact the level hinges on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisiveFact {
    pub change: Change,
    /// The level the changed history gives.
    pub level: Option<Level>,
    /// The fact and its effect in words (the feedback's "fact you may have missed").
    pub words: String,
}

/// What a case exercises. A case can be several of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    /// A notification changes the level (a charge after a notification escalates).
    Notification,
    /// An incident near the edge of the lookback window changes the level.
    LookbackEdge,
    /// The level is kept from an earlier incident (levels do not fall while active).
    StickyLevel,
    /// More than one victim-survivor.
    SeveralVictims,
    /// A severe fact (felony, weapon, strangulation, injury, protective-order violation)
    /// changes the level.
    SevereFact,
    /// One incident or charge more or less changes the level: a count at its threshold.
    CountThreshold,
}

impl CaseKind {
    /// In order of preference when cases are picked: the rarer kinds first.
    pub const ALL: [CaseKind; 6] = [
        CaseKind::Notification,
        CaseKind::LookbackEdge,
        CaseKind::StickyLevel,
        CaseKind::SeveralVictims,
        CaseKind::SevereFact,
        CaseKind::CountThreshold,
    ];

    pub fn words(self) -> &'static str {
        match self {
            CaseKind::Notification => "a notification that changes the level",
            CaseKind::LookbackEdge => "an incident near the edge of the lookback window",
            CaseKind::StickyLevel => "a level kept from an earlier incident",
            CaseKind::SeveralVictims => "several victim-survivors",
            CaseKind::SevereFact => "a severe fact that changes the level",
            CaseKind::CountThreshold => "a count of incidents or charges at its threshold",
        }
    }
}

/// The engine's answer for a history, with every single-fact change re-classified.
pub fn key_of(history: &History, criteria: &Criteria) -> Key {
    let standing = history.standing(criteria);
    let level = standing.as_ref().and_then(|s| s.level);
    let reason = standing.as_ref().map_or_else(|| "no incident counts".to_string(), |s| reason(&s.step, criteria));
    let mut decisive: Vec<DecisiveFact> = Vec::new();
    for change in history.changes(criteria) {
        // Of the moves of one incident in one direction (moves come nearest first), the
        // nearest that changes the level says it all.
        if let Change::MoveIncident { incident, to_day } = change {
            let earlier = to_day < history.incidents[incident as usize - 1].day;
            let same = |d: &DecisiveFact| {
                matches!(d.change, Change::MoveIncident { incident: i, to_day: t }
                    if i == incident && (t < history.incidents[i as usize - 1].day) == earlier)
            };
            if decisive.iter().any(same) {
                continue;
            }
        }
        let after = history.with_change(change).level(criteria);
        if after != level {
            let words = words::decisive_words(history, change, level, after, criteria);
            decisive.push(DecisiveFact { change, level: after, words });
        }
    }
    let kept = standing.as_ref().is_some_and(|s| s.step.observation.rule.map(|(l, _)| l) != s.level);
    let has = |test: &dyn Fn(&Change) -> bool| decisive.iter().any(|d| test(&d.change));
    let kinds = CaseKind::ALL
        .into_iter()
        .filter(|kind| match kind {
            CaseKind::Notification => has(&|c| matches!(c, Change::DropNotification { .. })),
            CaseKind::LookbackEdge => has(&|c| matches!(c, Change::MoveIncident { .. })),
            CaseKind::StickyLevel => kept,
            CaseKind::SeveralVictims => history.victims() > 1,
            CaseKind::SevereFact => has(&|c| matches!(c, Change::ClearFact { fact, .. } if *fact != Fact::Charge)),
            CaseKind::CountThreshold => {
                has(&|c| matches!(c, Change::DropIncident { .. } | Change::ClearFact { fact: Fact::Charge, .. }))
            }
        })
        .collect();
    Key { level, reason, at_threshold: !decisive.is_empty(), decisive, kinds }
}

/// Builds an exercise: cases from a demo jurisdiction, keyed by the engine.
pub fn generate_exercise(settings: &ExerciseSettings) -> Result<Exercise, ExerciseError> {
    settings.validate()?;
    let (decision_day, histories) = select::pick_cases(settings)?;
    Ok(number_cases(settings, decision_day, histories))
}

/// Builds an exercise from a given data set (the loaded data) instead of the demo: the same
/// selection, cut and key. Cases keep the pseudonymous ids (`case-01`), victims are numbered
/// within the case and dates are shifted to the exercise's decision date; no person id, case
/// number or address of the data reaches a case. Offence descriptions and notification
/// methods are the data's own words.
pub fn generate_exercise_from(settings: &ExerciseSettings, data: &Dataset) -> Result<Exercise, ExerciseError> {
    settings.validate()?;
    let (decision_day, histories) = select::pick_cases_from(settings, data)?;
    Ok(number_cases(settings, decision_day, histories))
}

/// The picked histories as numbered cases: `case-01`, `case-02`, ...
fn number_cases(settings: &ExerciseSettings, decision_day: Day, histories: Vec<(History, Key)>) -> Exercise {
    let width = settings.cases.to_string().len().max(2);
    let cases = histories
        .into_iter()
        .enumerate()
        .map(|(i, (history, key))| Case { id: format!("case-{:0width$}", i + 1), history, key })
        .collect();
    Exercise { settings: settings.clone(), decision_day, cases }
}

/// Cases at each level as of the decision date: D, C, B, A, then no level.
pub fn level_mix(exercise: &Exercise) -> [u32; 5] {
    let mut mix = [0; 5];
    for case in &exercise.cases {
        mix[case.key.level.map_or(4, Level::index)] += 1;
    }
    mix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incident(day: Day, charged: bool) -> IncidentFact {
        IncidentFact {
            day,
            offense: "SIMPLE ASSAULT - DOMESTIC".into(),
            victim: 1,
            relationship: "SE".into(),
            charged,
            felony: false,
            weapon: false,
            strangulation: false,
            injury: false,
            po_violation: false,
        }
    }

    #[test]
    fn a_second_charge_near_the_lookback_edge_is_a_threshold_of_count_and_date() {
        // Two charges 1,800 days apart: B, since the 5-year lookback (1,826 days) holds both.
        let history = History {
            decision_day: 1810,
            incidents: vec![incident(0, true), incident(1800, true)],
            notifications: Vec::new(),
        };
        let criteria = Criteria::ipvi_default();
        let key = key_of(&history, &criteria);
        assert_eq!((key.level, key.reason.as_str()), (Some(Level::B), "B: 2 charges within 5 years"));
        let changes: Vec<Change> = key.decisive.iter().map(|d| d.change).collect();
        assert_eq!(
            changes,
            [
                Change::DropIncident { incident: 1 },
                Change::ClearFact { incident: 1, fact: Fact::Charge },
                // 17 days earlier falls outside the window ending at the decision date only,
                // which does not decide an "IPVI default" level; 27 days earlier falls outside
                // the window ending at the last incident.
                Change::MoveIncident { incident: 1, to_day: -27 },
                Change::DropIncident { incident: 2 },
                Change::ClearFact { incident: 2, fact: Fact::Charge },
            ]
        );
        assert!(key.decisive.iter().all(|d| d.level == Some(Level::C)));
        assert_eq!(
            key.decisive[2].words,
            "Incident 1 (1 Jan 1970) falls 1,800 days before the last incident, just inside the lookback of \
             1,826 days: 27 days earlier it would not count, and the level would be C, not B."
        );
        assert_eq!(
            key.decisive[1].words,
            "The charge on incident 1 (1 Jan 1970): without it the level would be C, not B."
        );
        assert_eq!(key.kinds, [CaseKind::LookbackEdge, CaseKind::CountThreshold]);
        // A trainee who answers C most likely took the old charge to be out of the window.
        let words = key.decisive[2].words.clone();
        let case = Case { id: "case-01".into(), history, key };
        let told = feedback(&case, Some(Level::C));
        assert_eq!((told.verdict.as_str(), told.missed), ("You chose level C; the answer is level B.", Some(words)));
    }

    #[test]
    fn one_uncharged_incident_is_clear_cut() {
        let history = History { decision_day: 20, incidents: vec![incident(10, false)], notifications: Vec::new() };
        let key = key_of(&history, &Criteria::ipvi_default());
        assert_eq!((key.level, key.at_threshold), (Some(Level::D), false));
        assert!(history.changes(&Criteria::ipvi_default()).is_empty(), "nothing to remove or move");
    }
}
