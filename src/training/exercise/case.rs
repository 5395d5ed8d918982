//! One exercise case: a person's history up to the decision date, classified by the engine,
//! and the single-fact changes that test whether it sits at a threshold.

use crate::classify::report::{standings, Standing};
use crate::classify::{classify, Criteria, Feature, NotificationMode};
use crate::model::{Dataset, Day, Flags, Ids, Incidents, Level, Notifications, Role, NO_TIME};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How near (in days) an incident must be to the edge of a lookback window for moving it
/// across to count as a single-fact change: trainees misjudge dates near the edge, not
/// incidents years away from it.
pub const EDGE_MARGIN_DAYS: i32 = 60;

/// An incident as the case card shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentFact {
    pub day: Day,
    /// The offence as the records system described it.
    pub offense: String,
    /// The victim-survivor within the case: 1 for "Victim 1".
    pub victim: u32,
    /// The victim-to-offender relationship code (such as SE, BG, XS).
    pub relationship: String,
    pub charged: bool,
    pub felony: bool,
    pub weapon: bool,
    pub strangulation: bool,
    pub injury: bool,
    pub po_violation: bool,
}

/// A notification the person received before the decision date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationFact {
    pub day: Day,
    pub level: Level,
    /// Letter, custom notification, call-in.
    pub method: String,
}

/// A yes/no fact of an incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fact {
    Charge,
    Felony,
    Weapon,
    Strangulation,
    Injury,
    ProtectiveOrderViolation,
}

impl Fact {
    pub const ALL: [Fact; 6] =
        [Fact::Charge, Fact::Felony, Fact::Weapon, Fact::Strangulation, Fact::Injury, Fact::ProtectiveOrderViolation];

    pub fn of(self, incident: &IncidentFact) -> bool {
        match self {
            Fact::Charge => incident.charged,
            Fact::Felony => incident.felony,
            Fact::Weapon => incident.weapon,
            Fact::Strangulation => incident.strangulation,
            Fact::Injury => incident.injury,
            Fact::ProtectiveOrderViolation => incident.po_violation,
        }
    }

    fn set(self, incident: &mut IncidentFact, on: bool) {
        let field = match self {
            Fact::Charge => &mut incident.charged,
            Fact::Felony => &mut incident.felony,
            Fact::Weapon => &mut incident.weapon,
            Fact::Strangulation => &mut incident.strangulation,
            Fact::Injury => &mut incident.injury,
            Fact::ProtectiveOrderViolation => &mut incident.po_violation,
        };
        *field = on;
    }

    /// "charged", "weapon", ...: the fact as a card lists it.
    pub fn word(self) -> &'static str {
        match self {
            Fact::Charge => "charged",
            Fact::Felony => "felony",
            Fact::Weapon => "weapon",
            Fact::Strangulation => "strangulation",
            Fact::Injury => "injury",
            Fact::ProtectiveOrderViolation => "protective-order violation",
        }
    }
}

/// A change of one fact of a case. Incidents and notifications are numbered from 1 in date
/// order, as the card shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// The incident had not happened.
    DropIncident { incident: u32 },
    /// The incident had not had this fact.
    ClearFact { incident: u32, fact: Fact },
    /// The incident had happened on another day, just across the edge of a lookback window.
    MoveIncident { incident: u32, to_day: Day },
    /// The notification had not been delivered.
    DropNotification { notification: u32 },
}

/// A person's history up to the decision date: what a case card shows and the engine reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub decision_day: Day,
    /// In date order.
    pub incidents: Vec<IncidentFact>,
    /// In date order, all dated before the decision date.
    pub notifications: Vec<NotificationFact>,
}

/// The person id of a history when classified on its own.
const PERSON: &str = "case";

impl History {
    /// The history as a data set the engine reads, with `person` as the offender's id and
    /// `person-V1`, `person-V2`, ... as the victims' ids.
    pub fn to_dataset(&self, person: &str) -> Dataset {
        let (mut people, mut labels) = (Ids::default(), Ids::default());
        let offender = people.intern(person);
        let mut inc = Incidents::default();
        for (i, incident) in self.incidents.iter().enumerate() {
            inc.case_id.push(labels.intern(&format!("{person}-{}", i + 1)));
            inc.day.push(incident.day);
            inc.minute.push(NO_TIME);
            inc.suspect.push(offender);
            inc.victim.push(people.intern(&format!("{person}-V{}", incident.victim)));
            inc.address.push(crate::model::NO_ID);
            inc.relationship.push(labels.intern(&incident.relationship));
            inc.offense.push(labels.intern(&incident.offense));
            inc.flags.push(flags(incident));
        }
        let mut n = Notifications::default();
        for notification in &self.notifications {
            n.person.push(offender);
            n.day.push(notification.day);
            n.level.push(notification.level);
            n.method.push(labels.intern(&notification.method));
            n.role.push(Role::Offender);
        }
        inc.sort_by_person_and_date(&labels);
        Dataset {
            people: Arc::new(people),
            labels: Arc::new(labels),
            incidents: Arc::new(inc),
            notifications: Some(Arc::new(n)),
            ..Dataset::default()
        }
    }

    /// The engine's standing of the person as of the decision date, with the recorded
    /// notifications (`None` when no incident counts).
    pub fn standing(&self, criteria: &Criteria) -> Option<Standing> {
        let data = self.to_dataset(PERSON);
        let classification = classify(&data, criteria, NotificationMode::Recorded);
        standings(&classification, self.decision_day).into_iter().next()
    }

    pub fn level(&self, criteria: &Criteria) -> Option<Level> {
        self.standing(criteria).and_then(|s| s.level)
    }

    /// Distinct victim-survivors in the case.
    pub fn victims(&self) -> u32 {
        self.incidents.iter().map(|i| i.victim).max().unwrap_or(0)
    }

    /// The day of the last incident (the incident that decides the level as of the decision date).
    pub fn last_day(&self) -> Option<Day> {
        self.incidents.last().map(|i| i.day)
    }

    /// Every single-fact change of this history: drop one incident (when there is more than
    /// one), remove one fact an incident has, move one incident near a lookback edge across
    /// it, drop one notification.
    pub fn changes(&self, criteria: &Criteria) -> Vec<Change> {
        let mut changes = Vec::new();
        for (i, incident) in self.incidents.iter().enumerate() {
            let number = i as u32 + 1;
            if self.incidents.len() > 1 {
                changes.push(Change::DropIncident { incident: number });
            }
            for fact in Fact::ALL.into_iter().filter(|f| f.of(incident)) {
                changes.push(Change::ClearFact { incident: number, fact });
            }
            for to_day in self.edge_moves(incident.day, criteria) {
                changes.push(Change::MoveIncident { incident: number, to_day });
            }
        }
        for n in 1..=self.notifications.len() as u32 {
            changes.push(Change::DropNotification { notification: n });
        }
        changes
    }

    /// Days just across each lookback edge near `day`, nearest first. Windows end at the last incident (each
    /// level is decided at an incident, docs/methods.md "IPVI default criteria") and at the
    /// decision date (a score reviewed as of a date, docs/methods.md "RFGV priority score").
    fn edge_moves(&self, day: Day, criteria: &Criteria) -> Vec<Day> {
        let Some(last) = self.last_day() else { return Vec::new() };
        if day >= last {
            return Vec::new();
        }
        let uses_score =
            criteria.rules.iter().flat_map(|r| r.any_of.iter().flatten()).any(|c| c.feature == Feature::Score);
        let mut windows = vec![criteria.lookback_days];
        if uses_score {
            windows.push(criteria.score.window_days);
        }
        let mut days = Vec::new();
        for anchor in [last, self.decision_day] {
            for &window in &windows {
                let edge = anchor - window;
                let to_day = if day >= edge { edge - 1 } else { edge };
                if (day - edge).abs() <= EDGE_MARGIN_DAYS && to_day < last && !days.contains(&to_day) {
                    days.push(to_day);
                }
            }
        }
        days.sort_unstable_by_key(|&to_day| ((to_day - day).abs(), to_day));
        days
    }

    /// The history with one change applied (incidents kept in date order).
    pub fn with_change(&self, change: Change) -> History {
        let mut changed = self.clone();
        let index = |n: u32| n as usize - 1;
        match change {
            Change::DropIncident { incident } => {
                changed.incidents.remove(index(incident));
            }
            Change::ClearFact { incident, fact } => fact.set(&mut changed.incidents[index(incident)], false),
            Change::MoveIncident { incident, to_day } => {
                changed.incidents[index(incident)].day = to_day;
                changed.incidents.sort_by_key(|i| i.day);
            }
            Change::DropNotification { notification } => {
                changed.notifications.remove(index(notification));
            }
        }
        changed
    }
}

fn flags(incident: &IncidentFact) -> Flags {
    Flags::IPV
        .with(Flags::CHARGED, incident.charged)
        .with(Flags::FELONY, incident.felony)
        .with(Flags::WEAPON, incident.weapon)
        .with(Flags::STRANGULATION, incident.strangulation)
        .with(Flags::INJURY, incident.injury)
        .with(Flags::PO_VIOLATION, incident.po_violation)
}
