//! Classification results as people see them: the list as of a date, exports, pseudonyms and
//! the what-if comparison of two criteria sets.

use super::criteria::Criteria;
use super::engine::{Classification, Step};
use super::reason::reason;
use crate::export::CsvOut;
use crate::model::{iso, Dataset, Day, Level};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// One person's standing as of a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub person: u32,
    pub level: Option<Level>,
    /// Why the person has the level: the step of their last incident, or under criteria that
    /// read the score, that step scored again at the date (its reason:
    /// [`reason`]`(&standing.step, criteria)`, computed only for the rows shown or exported).
    pub step: Step,
    /// The day the person reached the level they hold at the date ([`Classification::level_since`]).
    pub since: Day,
    /// The day of the person's last incident on or before the date.
    pub last_incident: Day,
    /// IPV incidents up to the date.
    pub incidents: usize,
    pub first_day: Day,
}

/// Every person with an IPV incident on or before `as_of`, in person-id order, with their level
/// as of that date ([`Classification::as_of`]).
pub fn standings(classification: &Classification, as_of: Day) -> Vec<Standing> {
    let mut list = Vec::with_capacity(classification.people.len());
    list.extend(classification.as_of(as_of).map(|(person, history, step)| Standing {
        person,
        level: step.observation.level,
        since: classification.level_since(history, &step, as_of),
        last_incident: step.day,
        step,
        incidents: history.len(),
        first_day: history[0].day,
    }));
    list
}

/// A stable pseudonym for an id under a key the user types: the same key gives the same
/// pseudonym, so two exports can be matched without showing real ids (HMAC-SHA-256).
pub fn pseudonym(key: &str, id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(id.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("X{hex}")
}

/// The notification list as CSV (safe to open in a spreadsheet): one row per person with an
/// incident by `as_of`. With a key, ids are replaced by pseudonyms.
pub fn standings_csv(
    data: &Dataset,
    standings: &[Standing],
    criteria: &Criteria,
    pseudonym_key: Option<&str>,
) -> Vec<u8> {
    let mut out = CsvOut::new(b',', true);
    out.row(["person_id", "level", "reason", "level_date", "ipv_incidents", "first_incident", "last_incident"]);
    let mut rows: Vec<(String, &Standing)> = standings
        .iter()
        .map(|s| {
            let id = data.people.name(s.person);
            (pseudonym_key.filter(|k| !k.is_empty()).map_or_else(|| id.to_string(), |k| pseudonym(k, id)), s)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, s) in rows {
        out.row([
            id.as_str(),
            s.level.map_or("", Level::letter),
            &reason(&s.step, criteria),
            &iso(s.since),
            &s.incidents.to_string(),
            &iso(s.first_day),
            &iso(s.last_incident),
        ]);
    }
    out.into_bytes()
}

/// How two criteria sets classify the same people as of a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// `cells[a][b]`: people at level index `a` under the first set and `b` under the second
    /// (index 4: no level).
    pub cells: [[usize; 5]; 5],
    /// People whose level differs: (person, first, second).
    pub changed: Vec<(u32, Option<Level>, Option<Level>)>,
}

pub fn compare(first: &[Standing], second: &[Standing]) -> Comparison {
    let index = |l: Option<Level>| l.map_or(4, Level::index);
    let mut cells = [[0; 5]; 5];
    let mut changed = Vec::new();
    let mut other = second.iter().peekable();
    for a in first {
        while other.next_if(|b| b.person < a.person).is_some() {}
        let b = other.next_if(|b| b.person == a.person).and_then(|b| b.level);
        cells[index(a.level)][index(b)] += 1;
        if a.level != b {
            changed.push((a.person, a.level, b));
        }
    }
    Comparison { cells, changed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_per_key_and_differ_between_keys() {
        assert_eq!(pseudonym("k1", "P0001"), pseudonym("k1", "P0001"));
        assert_ne!(pseudonym("k1", "P0001"), pseudonym("k2", "P0001"));
        assert_ne!(pseudonym("k1", "P0001"), pseudonym("k1", "P0002"));
        assert_eq!(pseudonym("k1", "P0001").len(), 17);
    }
}
