//! Classification results as people see them: the list as of a date, exports, pseudonyms and
//! the what-if comparison of two criteria sets.

use super::criteria::Criteria;
use super::engine::{Classification, Step};
use super::features::{uses_score, ScoreSums};
use super::reason::reason;
use crate::export::CsvOut;
use crate::model::{iso, long_date, Dataset, Day, Level};
use crate::words::count;
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
    list.extend(standings_among(classification, as_of, 0..classification.people.len()));
    list
}

/// [`standings`] of the people at `places` in `classification.people`: the standings of
/// consecutive places, one after the other, are the standings of them all.
pub fn standings_among(
    classification: &Classification,
    as_of: Day,
    places: std::ops::Range<usize>,
) -> impl Iterator<Item = Standing> + '_ {
    let mut reader = StandingsAt::new(&classification.criteria, as_of);
    places.filter_map(move |place| reader.standing(classification, place))
}

/// Standings at a date read a person at a time, e.g. as a classification goes on (their steps
/// are then at hand): what the reading keeps from one person to the next.
#[derive(Clone, Debug)]
pub struct StandingsAt {
    pub day: Day,
    /// Whether the criteria read the score (it is then taken again at the date).
    rescore: bool,
    sums: ScoreSums,
}

impl StandingsAt {
    pub fn new(criteria: &Criteria, day: Day) -> StandingsAt {
        StandingsAt { day, rescore: uses_score(criteria), sums: ScoreSums::default() }
    }

    /// The standing of the person at `place` in `classification.people` (classified under the
    /// criteria given to [`new`](Self::new)), or `None` before their first incident.
    pub fn standing(&mut self, classification: &Classification, place: usize) -> Option<Standing> {
        let (day, rescore) = (self.day, self.rescore);
        let (person, history, step) = classification.as_of_place(place, day, rescore, &mut self.sums)?;
        Some(Standing {
            person,
            level: step.observation.level,
            since: classification.level_since(history, &step, day),
            last_incident: step.day,
            step,
            incidents: history.len(),
            first_day: history[0].day,
        })
    }
}

/// The rows from `start` to `end` of `keyed` (sort key, row) sorted by key then row, with only
/// the rows up to `end` put in order: a table shows a page of a quarter of a million rows
/// without sorting them all.
pub fn sorted_rows<K: Ord + Copy>(keyed: &[(K, u32)], start: usize, end: usize) -> Vec<u32> {
    let end = end.min(keyed.len());
    let mut first = keyed.to_vec();
    if end < first.len() {
        first.select_nth_unstable(end);
        first.truncate(end);
    }
    first.sort_unstable();
    first.get(start..).unwrap_or_default().iter().map(|&(_, row)| row).collect()
}

/// People at each level (D, C, B, A) among standings: [`Classification::distribution`] of
/// their date, without walking the people again.
pub fn level_counts(standings: &[Standing]) -> [usize; 4] {
    let mut counts = [0; 4];
    for level in standings.iter().filter_map(|s| s.level) {
        counts[level.index()] += 1;
    }
    counts
}

/// Who the levels as of `day` count and who they leave out, in one sentence, so that the count
/// agrees with the Data page's `suspects` (suspects of any incident, IPV or not). `placed` is
/// the number of standings at `day`, `classified` the people of the classification.
pub fn coverage(placed: usize, classified: usize, suspects: usize, day: Day) -> String {
    let mut out = format!(
        "{} with an IPV incident on or before {} {} placed at a level.",
        people(placed),
        long_date(day),
        if placed == 1 { "is" } else { "are" }
    );
    if classified > placed {
        out.push_str(&format!(
            " {} more {} a first IPV incident after that date.",
            count((classified - placed) as u64),
            has(classified - placed)
        ));
    }
    if suspects > classified {
        let others = suspects - classified;
        out.push_str(&format!(
            " {} of the {} suspects in the data {} no IPV incident and no level.",
            count(others as u64),
            count(suspects as u64),
            has(others)
        ));
    }
    out
}

/// A note when the criteria leave a level empty as of `day` (`counts`: people at D, C, B, A), so
/// that an empty bar is read as the criteria's doing, not as missing data.
pub fn empty_levels_note(criteria: &Criteria, counts: [usize; 4], day: Day) -> Option<String> {
    if counts.iter().all(|&n| n == 0) {
        return None;
    }
    let lowest_ruled = Level::ALL.into_iter().find(|l| criteria.rules.iter().any(|r| r.level == *l));
    let clauses: Vec<String> = Level::ALL
        .into_iter()
        .rev()
        .filter(|l| counts[l.index()] == 0)
        .map(|l| {
            let letter = l.letter();
            if !criteria.rules.iter().any(|r| r.level == l) {
                format!("the criteria have no rule for level {letter}")
            } else if l == Level::A {
                "no one meets the rule for level A".to_string()
            } else if Some(l) == lowest_ruled {
                format!("everyone placed meets the rule of a level above {letter} first")
            } else {
                format!("no one meets the rule for level {letter} before a rule above it")
            }
        })
        .collect();
    if clauses.is_empty() {
        return None;
    }
    let empty: Vec<&str> = Level::ALL.into_iter().rev().filter(|l| counts[l.index()] == 0).map(Level::letter).collect();
    Some(format!(
        "Nobody is at level {} as of {} under \"{}\": {}. This comes from the criteria, not from missing data.",
        empty.join(" or "),
        long_date(day),
        criteria.name,
        clauses.join("; ")
    ))
}

fn people(n: usize) -> String {
    format!("{} {}", count(n as u64), if n == 1 { "person" } else { "people" })
}

fn has(n: usize) -> &'static str {
    if n == 1 {
        "has"
    } else {
        "have"
    }
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
    /// People whose level differs, in person-id order.
    pub changed: Vec<Change>,
}

/// One person whose level differs between two criteria sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub person: u32,
    pub first: Option<Level>,
    pub second: Option<Level>,
    /// Where the person stands in each list given to [`compare`] (the reason for each level is
    /// `reason(&list[at].step, criteria)`); `None`: not in the second list.
    pub first_at: usize,
    pub second_at: Option<usize>,
}

impl Change {
    /// Levels up (positive) or down from the first set to the second; no level counts as 0.
    pub fn shift(&self) -> i32 {
        let rank = |l: Option<Level>| l.map_or(0, |l| l.index() as i32 + 1);
        rank(self.second) - rank(self.first)
    }
}

/// How the changed people are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeOrder {
    /// The largest shifts first, then by id.
    LargestShift,
    /// By level under the first set, highest first.
    FirstLevel,
    /// By level under the second set, highest first.
    SecondLevel,
    Id,
}

/// Sorts changes; `name` gives a person's id as written.
pub fn sort_changes<'a>(changes: &mut [Change], order: ChangeOrder, name: impl Fn(u32) -> &'a str) {
    match order {
        ChangeOrder::LargestShift => changes
            .sort_by(|a, b| b.shift().abs().cmp(&a.shift().abs()).then_with(|| name(a.person).cmp(name(b.person)))),
        ChangeOrder::FirstLevel => changes.sort_by(|a, b| b.first.cmp(&a.first).then(b.second.cmp(&a.second))),
        ChangeOrder::SecondLevel => changes.sort_by(|a, b| b.second.cmp(&a.second).then(b.first.cmp(&a.first))),
        ChangeOrder::Id => changes.sort_by(|a, b| name(a.person).cmp(name(b.person))),
    }
}

/// Compares two lists of [`standings`] (each in person-id order).
pub fn compare(first: &[Standing], second: &[Standing]) -> Comparison {
    let index = |l: Option<Level>| l.map_or(4, Level::index);
    let mut cells = [[0; 5]; 5];
    let mut changed = Vec::new();
    let mut j = 0;
    for (i, a) in first.iter().enumerate() {
        while second.get(j).is_some_and(|b| b.person < a.person) {
            j += 1;
        }
        let second_at = second.get(j).filter(|b| b.person == a.person).map(|_| j);
        let b = second_at.and_then(|at| second[at].level);
        cells[index(a.level)][index(b)] += 1;
        if a.level != b {
            changed.push(Change { person: a.person, first: a.level, second: b, first_at: i, second_at });
        }
    }
    Comparison { cells, changed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_sorted_rows_is_that_page_of_the_whole_sort() {
        let keyed: Vec<(u64, u32)> = (0..1000u32).map(|i| (u64::from(i * 7919 % 13), i)).collect();
        let mut whole = keyed.clone();
        whole.sort();
        let rows: Vec<u32> = whole.iter().map(|&(_, i)| i).collect();
        for (start, end) in [(0, 25), (25, 50), (975, 1000), (990, 1015), (0, 1000), (1000, 1025)] {
            assert_eq!(sorted_rows(&keyed, start, end), rows[start.min(1000)..end.min(1000)], "{start}..{end}");
        }
        assert!(sorted_rows::<u64>(&[], 0, 25).is_empty());
    }

    #[test]
    fn pseudonyms_are_stable_per_key_and_differ_between_keys() {
        assert_eq!(pseudonym("k1", "P0001"), pseudonym("k1", "P0001"));
        assert_ne!(pseudonym("k1", "P0001"), pseudonym("k2", "P0001"));
        assert_ne!(pseudonym("k1", "P0001"), pseudonym("k1", "P0002"));
        assert_eq!(pseudonym("k1", "P0001").len(), 17);
    }
}
