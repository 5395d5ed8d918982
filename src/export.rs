//! Writing CSV: a data set written back as agency-shaped extracts. Every cell goes through
//! [`CsvOut`] (see `cells`), which neutralises spreadsheet formulas.

use crate::model::{date_of, Dataset, Day, Flags, Role, NO_TIME};
use sha2::{Digest, Sha256};

mod cells;
pub use cells::{csv_cell, safe_cell, CsvOut};

/// How the extracts look: tidy, or the way real exports often arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractStyle {
    /// ISO dates, `true`/`false`, UTF-8, commas.
    Clean,
    /// Other header names, US dates with AM/PM, `Y`/`N` and words for flags, a `;` delimiter,
    /// a byte-order mark, Windows-1252, tabs, Excel serial dates and offset timestamps.
    Messy,
}

/// One extract file, ready to save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractFile {
    pub name: String,
    pub rows: usize,
    pub bytes: Vec<u8>,
}

fn iso_time(day: Day, minute: u16) -> String {
    let date = date_of(day).format("%Y-%m-%d");
    if minute == NO_TIME {
        date.to_string()
    } else {
        format!("{date} {:02}:{:02}", minute / 60, minute % 60)
    }
}

fn us_time(day: Day, minute: u16) -> String {
    let date = date_of(day).format("%-m/%-d/%Y");
    if minute == NO_TIME {
        return date.to_string();
    }
    let (hour, min) = (minute / 60, minute % 60);
    let (h12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!("{date} {h12}:{min:02}:00 {half}")
}

/// Excel's serial date (days since 1899-12-30), with the time as a fraction.
fn excel_serial(day: Day) -> String {
    format!("{}", day + 25_569)
}

fn yes_no(on: bool, clean: bool) -> &'static str {
    match (clean, on) {
        (true, true) => "true",
        (true, false) => "false",
        (false, true) => "Y",
        (false, false) => "N",
    }
}

/// What every extract writer reads: the data, and whether to write the clean or the messy shape.
#[derive(Clone, Copy)]
struct Writer<'a> {
    data: &'a Dataset,
    clean: bool,
}

impl Writer<'_> {
    fn people(&self, id: u32) -> &str {
        self.data.people.name(id)
    }

    fn label(&self, id: u32) -> &str {
        self.data.labels.name(id)
    }
}

/// Writes every table of the data set as an extract an agency system could have produced.
pub fn write_extracts(data: &Dataset, style: ExtractStyle) -> Vec<ExtractFile> {
    let w = Writer { data, clean: style == ExtractStyle::Clean };
    let optional = [calls_extract, notifications_extract, services_extract, sanctions_extract];
    std::iter::once(incidents_extract(w)).chain(optional.iter().filter_map(|write| write(w))).collect()
}

fn incidents_extract(w: Writer) -> ExtractFile {
    let (data, clean) = (w.data, w.clean);
    let inc = &data.incidents;
    let mut out = CsvOut::new(if clean { b',' } else { b';' }, !clean);
    // The area column only when the data have one (the demo's extracts have none).
    let area_header = inc.has_area().then_some(if clean { "Beat" } else { "BEAT" });
    let header = if clean {
        [
            "Case Number",
            "Report Date",
            "Suspect ID",
            "Victim ID",
            "Relationship",
            "Address",
            "Offense",
            "Domestic",
            "Arrest",
            "Charged",
            "Felony",
            "Weapon Involved",
            "Strangulation",
            "Injury",
            "Protective Order Violation",
        ]
    } else {
        [
            "INCIDENT_NO",
            "RPT_DT",
            "SUSP_ID",
            "VICT_ID",
            "VIC_OFF_REL",
            "LOCATION",
            "OFFENSE_DESC",
            "DV_FLAG",
            "ARREST_MADE",
            "CHARGE_FILED",
            "FELONY_YN",
            "WEAPON_YN",
            "STRANGULATION_YN",
            "INJURY_YN",
            "PO_VIOL_YN",
        ]
    };
    out.row(header.into_iter().chain(area_header));
    let mut order: Vec<usize> = (0..inc.len()).collect();
    // By time, then case number as text: the same order whatever the interning order was.
    order.sort_by(|&i, &j| {
        (inc.day[i], inc.minute[i], w.label(inc.case_id[i])).cmp(&(inc.day[j], inc.minute[j], w.label(inc.case_id[j])))
    });
    for &i in &order {
        let f = inc.flags[i];
        let when = if clean { iso_time(inc.day[i], inc.minute[i]) } else { us_time(inc.day[i], inc.minute[i]) };
        let arrest = match (clean, f.has(Flags::ARREST)) {
            (false, true) => "Arrest Made",
            (false, false) => "No Arrest",
            (true, on) => yes_no(on, true),
        };
        out.row(
            [
                w.label(inc.case_id[i]),
                &when,
                w.people(inc.suspect[i]),
                w.people(inc.victim[i]),
                w.label(inc.relationship[i]),
                data.addresses.name(inc.address[i]),
                w.label(inc.offense[i]),
                yes_no(true, clean),
                arrest,
                yes_no(f.has(Flags::CHARGED), clean),
                yes_no(f.has(Flags::FELONY), clean),
                yes_no(f.has(Flags::WEAPON), clean),
                yes_no(f.has(Flags::STRANGULATION), clean),
                yes_no(f.has(Flags::INJURY), clean),
                yes_no(f.has(Flags::PO_VIOLATION), clean),
            ]
            .into_iter()
            .chain(inc.has_area().then(|| w.label(inc.area[i]))),
        );
    }
    let mut bytes = out.into_bytes();
    if !clean {
        bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
    }
    ExtractFile { name: extract_name("incidents", clean), rows: inc.len(), bytes }
}

fn calls_extract(w: Writer) -> Option<ExtractFile> {
    let (data, clean) = (w.data, w.clean);
    let calls = data.calls.as_ref()?;
    let mut out = CsvOut::new(b',', !clean);
    let header = if clean {
        ["Call Number", "Time Created", "Call Type", "Address"]
    } else {
        ["NOPD_Item", "TimeCreate", "TypeText", "BLOCK_ADDRESS"]
    };
    out.row(header.into_iter().chain(calls.has_area().then_some("Beat")));
    for i in 0..calls.len() {
        let when = if clean { iso_time(calls.day[i], calls.minute[i]) } else { us_time(calls.day[i], calls.minute[i]) };
        let area = calls.has_area().then(|| w.label(calls.area[i]));
        let cells =
            [w.label(calls.call_id[i]), &when, w.label(calls.call_type[i]), data.addresses.name(calls.address[i])];
        out.row(cells.into_iter().chain(area));
    }
    let bytes = out.into_bytes();
    // Legacy CAD systems export Windows-1252: street names with accents become single bytes.
    let bytes = if clean { bytes } else { to_windows_1252(&bytes) };
    Some(ExtractFile { name: extract_name("calls", clean), rows: calls.len(), bytes })
}

fn notifications_extract(w: Writer) -> Option<ExtractFile> {
    let (data, clean) = (w.data, w.clean);
    let n = data.notifications.as_ref()?;
    let mut out = CsvOut::new(if clean { b',' } else { b'\t' }, !clean);
    out.row(if clean {
        ["Offender ID", "Level", "Method", "Notification Date", "Recipient"]
    } else {
        ["Offender #", "Tier", "Notif Type", "Date Notified", "Notified Party"]
    });
    for i in 0..n.len() {
        let when = if clean { iso_time(n.day[i], NO_TIME) } else { date_of(n.day[i]).format("%m/%d/%Y").to_string() };
        let recipient = match (clean, n.role[i]) {
            (true, role) => role.word(),
            (false, Role::Offender) => "OFFENDER",
            (false, Role::Victim) => "VICTIM/SURVIVOR",
        };
        out.row([w.people(n.person[i]), n.level[i].letter(), w.label(n.method[i]), &when, recipient]);
    }
    Some(ExtractFile { name: extract_name("notifications", clean), rows: n.len(), bytes: out.into_bytes() })
}

fn services_extract(w: Writer) -> Option<ExtractFile> {
    let (data, clean) = (w.data, w.clean);
    let s = data.services.as_ref()?;
    let mut out = CsvOut::new(b',', !clean);
    out.row(if clean {
        ["Client ID", "Client Role", "Related Offender ID", "Service Type", "Contact Date"]
    } else {
        ["CLIENT", "ROLE", "OFFENDER", "PROGRAM", "CONTACT_DT"]
    });
    for i in 0..s.len() {
        let when = if clean { iso_time(s.day[i], NO_TIME) } else { excel_serial(s.day[i]) };
        out.row([w.people(s.person[i]), s.role[i].word(), w.people(s.offender[i]), w.label(s.service_type[i]), &when]);
    }
    Some(ExtractFile { name: extract_name("services", clean), rows: s.len(), bytes: out.into_bytes() })
}

fn sanctions_extract(w: Writer) -> Option<ExtractFile> {
    let (data, clean) = (w.data, w.clean);
    let s = data.sanctions.as_ref()?;
    let mut out = CsvOut::new(b',', !clean);
    out.row(if clean {
        ["Offender ID", "Sanction Type", "Sanction Date", "Case Number"]
    } else {
        ["Offender", "Action", "Action Timestamp", "Case #"]
    });
    for i in 0..s.len() {
        let when = if clean {
            iso_time(s.day[i], NO_TIME)
        } else {
            format!("{}T09:00:00-05:00", date_of(s.day[i]).format("%Y-%m-%d"))
        };
        out.row([w.people(s.person[i]), w.label(s.sanction_type[i]), &when, w.label(s.case_id[i])]);
    }
    Some(ExtractFile { name: extract_name("sanctions", clean), rows: s.len(), bytes: out.into_bytes() })
}

fn extract_name(table: &str, clean: bool) -> String {
    if clean {
        format!("{table}.csv")
    } else {
        format!("{table}_messy.csv")
    }
}

fn to_windows_1252(utf8: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(utf8);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

/// A SHA-256 over the files' names and bytes: equal fingerprints mean identical extracts.
pub fn fingerprint(files: &[ExtractFile]) -> String {
    let mut hash = Sha256::new();
    for file in files {
        hash.update((file.name.len() as u64).to_le_bytes());
        hash.update(file.name.as_bytes());
        hash.update((file.bytes.len() as u64).to_le_bytes());
        hash.update(&file.bytes);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_each_extract_form() {
        let day = crate::model::day_from_ymd(2019, 3, 1).unwrap();
        assert_eq!(iso_time(day, 14 * 60 + 32), "2019-03-01 14:32");
        assert_eq!(us_time(day, 14 * 60 + 32), "3/1/2019 2:32:00 PM");
        assert_eq!(us_time(day, 5), "3/1/2019 12:05:00 AM");
        assert_eq!(us_time(day, 12 * 60), "3/1/2019 12:00:00 PM");
        assert_eq!(excel_serial(day), "43525");
    }

    #[test]
    fn an_area_column_is_written_only_when_the_data_have_one() {
        use crate::model::{Ids, Incidents, NO_ID};
        use std::sync::Arc;
        let mut labels = Ids::default();
        let mut inc = Incidents::default();
        for (case, area) in [("C1", "Beat 7"), ("C2", "")] {
            inc.case_id.push(labels.intern(case));
            inc.day.push(18_000);
            inc.minute.push(NO_TIME);
            inc.suspect.push(NO_ID);
            inc.victim.push(NO_ID);
            inc.address.push(NO_ID);
            inc.relationship.push(NO_ID);
            inc.offense.push(NO_ID);
            inc.flags.push(Flags::default());
            inc.area.push(if area.is_empty() { NO_ID } else { labels.intern(area) });
        }
        let mut data = Dataset { incidents: Arc::new(inc), labels: Arc::new(labels), ..Dataset::default() };
        let text = |data: &Dataset, style| String::from_utf8_lossy(&write_extracts(data, style)[0].bytes).into_owned();
        let clean = text(&data, ExtractStyle::Clean);
        let lines: Vec<&str> = clean.lines().collect();
        assert!(lines[0].ends_with(",Protective Order Violation,Beat") && lines[1].ends_with(",Beat 7"), "{clean}");
        assert!(lines[2].ends_with(",false,"), "no area: an empty cell");
        assert!(text(&data, ExtractStyle::Messy).lines().next().unwrap().ends_with(";PO_VIOL_YN;BEAT"));
        Arc::make_mut(&mut data.incidents).area.clear();
        assert!(text(&data, ExtractStyle::Clean).lines().next().unwrap().ends_with(",Protective Order Violation"));
    }
}
