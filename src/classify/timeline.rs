//! One person's history on one time line: their incidents with the level and reason each gave,
//! the notifications the classification used (recorded or simulated), and the services and
//! sanctions of the data set, in date order.

use super::engine::{Classification, NotificationMode};
use super::reason::reason;
use crate::model::{Dataset, Day, Flags, Level, Role};

/// What happened on a timeline date.
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// An IPV incident with the person as suspect: its case number and its flags in words.
    Incident {
        case: String,
        flags: Vec<&'static str>,
    },
    Notification {
        level: Level,
        simulated: bool,
    },
    /// A service contact linked to the person, received by them or by a victim-survivor.
    Service {
        role: Role,
        service: String,
    },
    Sanction {
        sanction: String,
    },
}

/// Where an event sits on the timeline strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    Incidents,
    Notifications,
    ServicesAndSanctions,
}

/// One dated event of a person's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub day: Day,
    pub kind: EventKind,
    /// The level after an incident, or the level notified.
    pub level: Option<Level>,
    /// Why an incident gave its level ([`reason`]); empty for other events.
    pub why: String,
}

impl Event {
    /// The event in words: "Incident C12 (charged, weapon)", "Notification at level B".
    pub fn words(&self) -> String {
        match &self.kind {
            EventKind::Incident { case, flags } if flags.is_empty() => format!("Incident {case}"),
            EventKind::Incident { case, flags } => format!("Incident {case} ({})", flags.join(", ")),
            EventKind::Notification { level, simulated: false } => format!("Notification at level {}", level.letter()),
            EventKind::Notification { level, simulated: true } => {
                format!("Notification (simulated) at level {}", level.letter())
            }
            EventKind::Service { role, service } => {
                let who = if *role == Role::Victim { "victim-survivor" } else { "offender" };
                format!("Service ({who}): {service}")
            }
            EventKind::Sanction { sanction } => format!("Sanction: {sanction}"),
        }
    }

    pub fn lane(&self) -> Lane {
        match self.kind {
            EventKind::Incident { .. } => Lane::Incidents,
            EventKind::Notification { .. } => Lane::Notifications,
            EventKind::Service { .. } | EventKind::Sanction { .. } => Lane::ServicesAndSanctions,
        }
    }
}

/// The incident flags a timeline names, in the order it names them.
const FLAG_WORDS: [(Flags, &str); 6] = [
    (Flags::CHARGED, "charged"),
    (Flags::FELONY, "felony"),
    (Flags::WEAPON, "weapon"),
    (Flags::STRANGULATION, "strangulation"),
    (Flags::INJURY, "injury"),
    (Flags::PO_VIOLATION, "protective-order violation"),
];

/// A person's events in date order (same-day events: incidents, notifications, services,
/// sanctions). Empty when the person has no classified incident.
pub fn person_timeline(data: &Dataset, classification: &Classification, person: u32) -> Vec<Event> {
    let Some((_, range)) = classification.people.iter().find(|(p, _)| *p == person) else { return Vec::new() };
    let criteria = &classification.criteria;
    let inc = &data.incidents;
    let mut events: Vec<Event> = classification.steps[range.start as usize..range.end as usize]
        .iter()
        .map(|s| {
            let flags = FLAG_WORDS.iter().filter(|(flag, _)| s.flags.has(*flag)).map(|&(_, w)| w).collect();
            let case = data.labels.name(inc.case_id[s.row as usize]).to_string();
            Event {
                day: s.day,
                kind: EventKind::Incident { case, flags },
                level: s.observation.level,
                why: reason(s, criteria),
            }
        })
        .collect();
    let simulated = classification.mode == NotificationMode::Simulated;
    events.extend(classification.notifications.iter().filter(|n| n.person == person).map(|n| Event {
        day: n.day,
        kind: EventKind::Notification { level: n.level, simulated },
        level: Some(n.level),
        why: String::new(),
    }));
    let other = |day, kind| Event { day, kind, level: None, why: String::new() };
    if let Some(s) = &data.services {
        events.extend((0..s.len()).filter(|&i| s.offender[i] == person).map(|i| {
            let service = data.labels.name(s.service_type[i]).to_string();
            other(s.day[i], EventKind::Service { role: s.role[i], service })
        }));
    }
    if let Some(s) = &data.sanctions {
        events.extend((0..s.len()).filter(|&i| s.person[i] == person).map(|i| {
            other(s.day[i], EventKind::Sanction { sanction: data.labels.name(s.sanction_type[i]).to_string() })
        }));
    }
    events.sort_by_key(|e| e.day);
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{classify, Criteria};
    use crate::model::{Ids, Incidents, Notifications, Sanctions, Services, NO_ID, NO_TIME};
    use std::sync::Arc;

    /// One offender "P1" (victim "V1") with two incidents, a recorded notification, a service
    /// for the victim-survivor and a sanction; another person's records must not appear.
    fn data() -> (Dataset, u32) {
        let (mut people, mut labels) = (Ids::default(), Ids::default());
        let p = people.intern("P1");
        let v = people.intern("V1");
        let q = people.intern("P2");
        let mut inc = Incidents::default();
        for (case, day, flags, suspect) in [
            ("C1", 100, Flags::CHARGED.with(Flags::WEAPON, true), p),
            ("C2", 150, Flags::CHARGED, p),
            ("C3", 120, Flags(0), q),
        ] {
            inc.case_id.push(labels.intern(case));
            inc.day.push(day);
            inc.minute.push(NO_TIME);
            inc.suspect.push(suspect);
            inc.victim.push(v);
            inc.address.push(NO_ID);
            inc.relationship.push(NO_ID);
            inc.offense.push(NO_ID);
            inc.flags.push(flags.with(Flags::IPV, true));
        }
        inc.sort_by_person_and_date(&labels);
        let notifications = Notifications {
            person: vec![p, q],
            day: vec![110, 130],
            level: vec![Level::C, Level::D],
            method: vec![NO_ID, NO_ID],
            role: vec![Role::Offender, Role::Offender],
        };
        let counselling = labels.intern("counselling");
        let services = Services {
            person: vec![v],
            offender: vec![p],
            day: vec![140],
            role: vec![Role::Victim],
            service_type: vec![counselling],
        };
        let jail = labels.intern("jail");
        let sanctions = Sanctions {
            person: vec![p, q],
            day: vec![160, 160],
            sanction_type: vec![jail, jail],
            case_id: vec![NO_ID; 2],
        };
        let data = Dataset {
            people: Arc::new(people),
            labels: Arc::new(labels),
            incidents: Arc::new(inc),
            notifications: Some(Arc::new(notifications)),
            services: Some(Arc::new(services)),
            sanctions: Some(Arc::new(sanctions)),
            ..Dataset::default()
        };
        (data, p)
    }

    #[test]
    fn a_timeline_lists_the_persons_events_in_date_order_with_levels_and_reasons() {
        let (data, p) = data();
        let result = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
        let events = person_timeline(&data, &result, p);
        let words: Vec<String> = events.iter().map(|e| format!("{} {}", e.day, e.words())).collect();
        assert_eq!(
            words,
            [
                "100 Incident C1 (charged, weapon)",
                "110 Notification at level C",
                "140 Service (victim-survivor): counselling",
                "150 Incident C2 (charged)",
                "160 Sanction: jail",
            ]
        );
        assert_eq!(events[0].level, Some(Level::C));
        assert_eq!(events[0].why, "C: 1 charge within 5 years");
        assert_eq!(events[3].why, "A: 2 charges within 5 years and 1 incident with a weapon within 5 years");
        let lanes: Vec<Lane> = events.iter().map(Event::lane).collect();
        assert_eq!(lanes[..3], [Lane::Incidents, Lane::Notifications, Lane::ServicesAndSanctions]);
        assert!(events[2].why.is_empty() && events[2].level.is_none());
    }

    #[test]
    fn simulated_notifications_say_so_and_unknown_people_have_no_events() {
        let (data, p) = data();
        let result = classify(&data, &Criteria::ipvi_default(), NotificationMode::Simulated);
        let events = person_timeline(&data, &result, p);
        let notices: Vec<String> =
            events.iter().filter(|e| e.lane() == Lane::Notifications).map(Event::words).collect();
        // Level C at the first incident, A at the second: each rise notified 14 days later.
        assert_eq!(notices, ["Notification (simulated) at level C", "Notification (simulated) at level A"]);
        assert!(person_timeline(&data, &result, data.people.get("V1").unwrap()).is_empty());
    }
}
