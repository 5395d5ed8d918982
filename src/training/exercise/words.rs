//! What a trainee reads: the case card, the feedback on an answer, and the step-by-step
//! explanation. Every sentence is made here, so a page only lays them out.

use super::case::{Change, Fact, History, IncidentFact};
use super::Case;
use crate::classify::{classify, reason, Criteria, NotificationMode};
use crate::model::{iso, long_date, Day, Level};
use crate::words::count;
use serde::Serialize;

/// A level in words: `B`, or `no level`.
fn level_words(level: Option<Level>) -> &'static str {
    level.map_or("no level", Level::letter)
}

fn relationship_words(code: &str) -> &str {
    match code {
        "SE" => "spouse",
        "CS" => "common-law spouse",
        "BG" => "boyfriend or girlfriend",
        "XS" => "ex-spouse",
        "HR" => "same-sex partner",
        "XR" => "former partner",
        other => other,
    }
}

/// "charged, felony, weapon" or "not charged, injury".
fn incident_facts(incident: &IncidentFact) -> String {
    let mut facts = vec![if incident.charged { "charged" } else { "not charged" }];
    facts.extend(Fact::ALL.into_iter().skip(1).filter(|f| f.of(incident)).map(Fact::word));
    facts.join(", ")
}

/// One dated line of a case card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardRow {
    pub day: Day,
    /// ISO date, as tables show dates.
    pub date: String,
    pub words: String,
}

/// A case as a trainee sees it: the question, then incidents and notifications in date order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseCard {
    pub title: String,
    pub question: String,
    pub rows: Vec<CardRow>,
}

pub fn card(case: &Case) -> CaseCard {
    let h = &case.history;
    let mut rows: Vec<(Day, u8, u32, String)> = Vec::new();
    for (i, incident) in h.incidents.iter().enumerate() {
        let words = format!(
            "Incident {}: {}, Victim {} ({}); {}",
            i + 1,
            incident.offense,
            incident.victim,
            relationship_words(&incident.relationship),
            incident_facts(incident)
        );
        rows.push((incident.day, 0, i as u32, words));
    }
    for (i, n) in h.notifications.iter().enumerate() {
        let words =
            format!("Notification {}: notified at level {} ({})", i + 1, n.level.letter(), n.method.to_lowercase());
        // A notification on an incident's day is listed after it: it counts for later incidents only.
        rows.push((n.day, 1, i as u32, words));
    }
    rows.sort();
    CaseCard {
        title: format!("Case {}", case.id),
        question: format!("What is this person's level as of {}?", long_date(h.decision_day)),
        rows: rows.into_iter().map(|(day, _, _, words)| CardRow { day, date: iso(day), words }).collect(),
    }
}

/// What a trainee is told after answering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub correct: bool,
    /// "Correct: level B." or "You chose C; the level is B."
    pub verdict: String,
    /// The engine's reason for the level.
    pub reason: String,
    /// Whether one fact changes the level, in words.
    pub threshold: String,
    /// The fact the trainee may have missed (wrong answers on cases at a threshold).
    pub missed: Option<String>,
    /// Every fact the level hinges on.
    pub decisive: Vec<String>,
}

/// Which decisive fact a trainee most likely overlooked, most likely first: a date near the
/// lookback edge, then a severe fact, a notification, a charge, a whole incident.
fn missed_rank(change: Change) -> u8 {
    match change {
        Change::MoveIncident { .. } => 0,
        Change::ClearFact { fact, .. } if fact != Fact::Charge => 1,
        Change::DropNotification { .. } => 2,
        Change::ClearFact { .. } => 3,
        Change::DropIncident { .. } => 4,
    }
}

/// Feedback on `chosen` for a case. The fact "you may have missed" is a decisive fact whose
/// change would give the level the trainee chose (else any decisive fact), the likeliest
/// to be overlooked first.
pub fn feedback(case: &Case, chosen: Option<Level>) -> Feedback {
    let key = &case.key;
    let correct = chosen == key.level;
    let verdict = if correct {
        format!("Correct: {}.", level_sentence(key.level))
    } else {
        format!("You chose {}; the answer is {}.", level_sentence(chosen), level_sentence(key.level))
    };
    let likeliest = |only_chosen: bool| {
        key.decisive.iter().filter(|d| !only_chosen || d.level == chosen).min_by_key(|d| missed_rank(d.change))
    };
    let missed = (!correct).then(|| likeliest(true).or_else(|| likeliest(false))).flatten().map(|d| d.words.clone());
    let threshold = if key.at_threshold {
        "This case sits at a threshold: one fact changes the level.".to_string()
    } else {
        "This case is clear-cut: no single fact, removed or moved, changes the level.".to_string()
    };
    Feedback {
        correct,
        verdict,
        reason: key.reason.clone(),
        threshold,
        missed,
        decisive: key.decisive.iter().map(|d| d.words.clone()).collect(),
    }
}

fn level_sentence(level: Option<Level>) -> String {
    level.map_or_else(|| "no level".to_string(), |l| format!("level {}", l.letter()))
}

/// The sentence of a decisive fact: what it is and the level without it.
pub(super) fn decisive_words(
    history: &History,
    change: Change,
    level: Option<Level>,
    after: Option<Level>,
    criteria: &Criteria,
) -> String {
    let incident = |n: u32| {
        let i = &history.incidents[n as usize - 1];
        format!("incident {n} ({})", long_date(i.day))
    };
    let effect = format!("the level would be {}, not {}", level_words(after), level_words(level));
    match change {
        Change::DropIncident { incident: n } => {
            format!("{}: without it {effect}.", capitalise(&incident(n)))
        }
        Change::ClearFact { incident: n, fact } => {
            let what = match fact {
                Fact::Charge => "the charge on",
                Fact::Felony => "the felony charge on",
                Fact::Weapon => "the weapon in",
                Fact::Strangulation => "the strangulation in",
                Fact::Injury => "the injury in",
                Fact::ProtectiveOrderViolation => "the protective-order violation in",
            };
            format!("{} {}: without it {effect}.", capitalise(what), incident(n))
        }
        Change::MoveIncident { incident: n, to_day } => move_words(history, n, to_day, &effect, criteria),
        Change::DropNotification { notification } => {
            let n = &history.notifications[notification as usize - 1];
            format!("The notification at level {} on {}: without it {effect}.", n.level.letter(), long_date(n.day))
        }
    }
}

/// "Incident 1 (3 Feb 2019) falls 1,800 days before the last incident, inside the lookback of
/// 1,826 days: 27 days earlier it would not count, and the level would be C, not B."
fn move_words(history: &History, n: u32, to_day: Day, effect: &str, criteria: &Criteria) -> String {
    let day = history.incidents[n as usize - 1].day;
    let last = history.last_day().expect("a moved incident is not the only one");
    let windows = [criteria.lookback_days, criteria.score.window_days];
    // The edge crossed: the one between the incident's day and the day it moves to.
    let (anchor, window) = [(last, "the last incident"), (history.decision_day, "the decision date")]
        .into_iter()
        .flat_map(|a| windows.map(|w| (a, w)))
        .find(|((anchor, _), w)| (day >= anchor - w) != (to_day >= anchor - w))
        .expect("a move crosses an edge");
    let (anchor_day, anchor_name) = anchor;
    let before = anchor_day - day;
    let (side, shift) = if to_day < day { ("inside", "earlier") } else { ("outside", "later") };
    let counts = if to_day < day { "it would not count" } else { "it would count" };
    format!(
        "{} falls {} days before {anchor_name}, just {side} the lookback of {} days: {} days {shift} {counts}, and {effect}.",
        capitalise(&format!("incident {n} ({})", long_date(day))),
        count(before as u64),
        count(window as u64),
        (to_day - day).abs()
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One step of "explain mode": the level after an incident (or as of the decision date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplainStep {
    pub day: Day,
    /// The incident's number on the card; `None` for the final step, as of the decision date.
    pub incident: Option<u32>,
    pub level: Option<Level>,
    /// The engine's reason.
    pub reason: String,
    /// "After incident 2 (4 Mar 2023): level C. C: 1 charge within 5 years".
    pub words: String,
}

/// The level after each incident in order, with the engine's reason, then the level as of the
/// decision date (the answer).
pub fn explain(case: &Case, criteria: &Criteria) -> Vec<ExplainStep> {
    let data = case.history.to_dataset(&case.id);
    let classification = classify(&data, criteria, NotificationMode::Recorded);
    let prefix = format!("{}-", case.id);
    let mut steps: Vec<ExplainStep> = classification
        .steps
        .iter()
        .map(|step| {
            let label = data.labels.name(data.incidents.case_id[step.row as usize]);
            let number = label.strip_prefix(&prefix).and_then(|n| n.parse::<u32>().ok());
            let level = step.observation.level;
            let reason = reason(step, criteria);
            let words = format!(
                "After incident {} ({}): {}. {reason}",
                number.map_or_else(|| "?".into(), |n| n.to_string()),
                long_date(step.day),
                level_sentence(level)
            );
            ExplainStep { day: step.day, incident: number, level, reason, words }
        })
        .collect();
    let day = case.history.decision_day;
    steps.push(ExplainStep {
        day,
        incident: None,
        level: case.key.level,
        reason: case.key.reason.clone(),
        words: format!("As of {}: {}. {}", long_date(day), level_sentence(case.key.level), case.key.reason),
    });
    steps
}
