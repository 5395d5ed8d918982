//! An exercise as files: the incidents and notifications extracts in the agency shape
//! `ipvi classify` reads (the person id is the case id), and the answer key.

use super::Exercise;
use crate::export::{fingerprint, CsvOut, ExtractFile};
use crate::model::iso;

fn yes_no(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// `incidents.csv`, `notifications.csv` and `key.csv` (`case,level,reason`; level A, B, C, D
/// or none). `ipvi classify --as-of` the decision date on the first two gives the key.
pub fn exercise_extracts(exercise: &Exercise) -> Vec<ExtractFile> {
    let mut incidents = CsvOut::new(b',', false);
    incidents.row([
        "Case Number",
        "Report Date",
        "Suspect ID",
        "Victim ID",
        "Relationship",
        "Offense",
        "Domestic",
        "Charged",
        "Felony",
        "Weapon Involved",
        "Strangulation",
        "Injury",
        "Protective Order Violation",
    ]);
    let mut notifications = CsvOut::new(b',', false);
    notifications.row(["Offender ID", "Level", "Method", "Notification Date", "Recipient"]);
    let mut key = CsvOut::new(b',', false);
    key.row(["case", "level", "reason"]);
    let (mut incident_rows, mut notification_rows) = (0, 0);
    for case in &exercise.cases {
        // The same record numbers as the case's own classification, so that incidents of one
        // day are taken in the same order.
        for (i, incident) in case.history.incidents.iter().enumerate() {
            incidents.row([
                format!("{}-{}", case.id, i + 1).as_str(),
                &iso(incident.day),
                &case.id,
                &format!("{}-V{}", case.id, incident.victim),
                &incident.relationship,
                &incident.offense,
                "true",
                yes_no(incident.charged),
                yes_no(incident.felony),
                yes_no(incident.weapon),
                yes_no(incident.strangulation),
                yes_no(incident.injury),
                yes_no(incident.po_violation),
            ]);
            incident_rows += 1;
        }
        for n in &case.history.notifications {
            notifications.row([case.id.as_str(), n.level.letter(), &n.method, &iso(n.day), "offender"]);
            notification_rows += 1;
        }
        key.row([case.id.as_str(), case.key.level.map_or("none", |l| l.letter()), &case.key.reason]);
    }
    vec![
        ExtractFile { name: "incidents.csv".into(), rows: incident_rows, bytes: incidents.into_bytes() },
        ExtractFile { name: "notifications.csv".into(), rows: notification_rows, bytes: notifications.into_bytes() },
        ExtractFile { name: "key.csv".into(), rows: exercise.cases.len(), bytes: key.into_bytes() },
    ]
}

/// The fingerprint of the exercise's files, as the page and `ipvi exercise` show it.
pub fn exercise_fingerprint(exercise: &Exercise) -> String {
    fingerprint(&exercise_extracts(exercise))
}
