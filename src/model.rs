//! The in-memory data set every analysis reads: columnar tables, interned ids, day numbers.
//!
//! Dates are `Day`s (days since 1970-01-01, proleptic Gregorian) so that comparisons and gaps
//! are integer arithmetic. Ids (people, addresses, case numbers, free-text categories) are
//! interned to `u32` once; `NO_ID` marks a missing value.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days since 1970-01-01.
pub type Day = i32;

/// An interned id that is absent (for example an incident with no known suspect).
pub const NO_ID: u32 = u32::MAX;

/// A time of day that is absent (the extract had a date only).
pub const NO_TIME: u16 = u16::MAX;

const UNIX_EPOCH_CE_DAYS: i32 = 719_163;

/// The day number of a calendar date; `None` for an impossible date.
pub fn day_from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
    NaiveDate::from_ymd_opt(year, month, day).map(day_from_date)
}

pub fn day_from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce() - UNIX_EPOCH_CE_DAYS
}

pub fn date_of(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + UNIX_EPOCH_CE_DAYS).expect("day within chrono's range")
}

/// ISO 8601 (`2024-03-01`), as tables and exports show dates.
pub fn iso(day: Day) -> String {
    date_of(day).format("%Y-%m-%d").to_string()
}

/// `1 Mar 2024`, as sentences show dates.
pub fn long_date(day: Day) -> String {
    date_of(day).format("%-d %b %Y").to_string()
}

/// An intervention level. The order is the severity: `D < C < B < A`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    D,
    C,
    B,
    A,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::D, Level::C, Level::B, Level::A];

    pub fn letter(self) -> &'static str {
        match self {
            Level::D => "D",
            Level::C => "C",
            Level::B => "B",
            Level::A => "A",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Who a notification or service record is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Offender,
    Victim,
}

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::Offender => "offender",
            Role::Victim => "victim",
        }
    }
}

/// Yes/no facts about an incident or call, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u16);

impl Flags {
    /// The row counts as intimate partner violence under the user's rule.
    pub const IPV: Flags = Flags(1);
    pub const ARREST: Flags = Flags(1 << 1);
    pub const CHARGED: Flags = Flags(1 << 2);
    pub const FELONY: Flags = Flags(1 << 3);
    pub const WEAPON: Flags = Flags(1 << 4);
    pub const STRANGULATION: Flags = Flags(1 << 5);
    pub const INJURY: Flags = Flags(1 << 6);
    pub const PO_VIOLATION: Flags = Flags(1 << 7);

    pub fn has(self, flag: Flags) -> bool {
        self.0 & flag.0 == flag.0
    }

    pub fn with(self, flag: Flags, on: bool) -> Flags {
        if on {
            Flags(self.0 | flag.0)
        } else {
            Flags(self.0 & !flag.0)
        }
    }
}

/// Strings interned to dense `u32`s, in first-seen order.
///
/// The names live back to back in one arena; the hash table holds only ids, so interning a
/// new name costs no allocation of its own (a million case numbers stay cheap).
#[derive(Clone, Default)]
pub struct Ids {
    arena: String,
    /// Start of each name in `arena`; name `i` ends where `i + 1` starts.
    starts: Vec<u32>,
    table: hashbrown::HashTable<u32>,
}

fn hash_name(name: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x1f2e_3d4c).build_hasher();
    h.write(name.as_bytes());
    h.finish()
}

impl std::fmt::Debug for Ids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries((0..self.len() as u32).map(|i| self.name(i))).finish()
    }
}

/// Name `id` of an arena: it ends where the next one starts.
fn arena_name<'a>(arena: &'a str, starts: &[u32], id: u32) -> &'a str {
    let i = id as usize;
    let end = starts.get(i + 1).map_or(arena.len(), |&e| e as usize);
    &arena[starts[i] as usize..end]
}

impl Ids {
    pub fn intern(&mut self, name: &str) -> u32 {
        let hash = hash_name(name);
        if let Some(&id) = self.table.find(hash, |&id| arena_name(&self.arena, &self.starts, id) == name) {
            return id;
        }
        let id = u32::try_from(self.starts.len()).expect("fewer than 4 billion distinct ids");
        self.starts.push(u32::try_from(self.arena.len()).expect("names total under 4 GB"));
        self.arena.push_str(name);
        let (arena, starts) = (&self.arena, &self.starts);
        self.table.insert_unique(hash, id, |&id| hash_name(arena_name(arena, starts, id)));
        id
    }

    /// Makes room for `more` new names (of about `bytes_each`) without rehashing on the way.
    pub fn reserve(&mut self, more: usize, bytes_each: usize) {
        self.starts.reserve(more);
        self.arena.reserve(more * bytes_each);
        let (arena, starts) = (&self.arena, &self.starts);
        self.table.reserve(more, |&id| hash_name(arena_name(arena, starts, id)));
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.table.find(hash_name(name), |&id| self.name(id) == name).copied()
    }

    /// The name of an id; empty for `NO_ID`.
    pub fn name(&self, id: u32) -> &str {
        if id == NO_ID {
            ""
        } else {
            arena_name(&self.arena, &self.starts, id)
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// Incidents (RMS records with a suspect), one column per field.
#[derive(Clone, Debug, Default)]
pub struct Incidents {
    pub case_id: Vec<u32>,
    pub day: Vec<Day>,
    /// Minutes after midnight, or `NO_TIME`.
    pub minute: Vec<u16>,
    pub suspect: Vec<u32>,
    pub victim: Vec<u32>,
    pub address: Vec<u32>,
    /// Victim-to-offender relationship code (label id), e.g. `SE`, `BG`, `XS`.
    pub relationship: Vec<u32>,
    /// Offence description or call type (label id).
    pub offense: Vec<u32>,
    pub flags: Vec<Flags>,
}

impl Incidents {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// Orders rows by suspect, day, minute and case number (as text, so that the order never
    /// depends on the order of rows in the file): each person's incidents become one
    /// contiguous, dated run, which every person-level analysis walks once.
    pub fn sort_by_person_and_date(&mut self, case_numbers: &Ids) {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (self.suspect[a], self.day[a], self.minute[a])
                .cmp(&(self.suspect[b], self.day[b], self.minute[b]))
                .then_with(|| case_numbers.name(self.case_id[a]).cmp(case_numbers.name(self.case_id[b])))
        });
        self.case_id = permute(&order, &self.case_id);
        self.suspect = permute(&order, &self.suspect);
        self.victim = permute(&order, &self.victim);
        self.address = permute(&order, &self.address);
        self.relationship = permute(&order, &self.relationship);
        self.offense = permute(&order, &self.offense);
        self.day = permute(&order, &self.day);
        self.minute = permute(&order, &self.minute);
        self.flags = permute(&order, &self.flags);
    }

    /// Row ranges of each suspect's incidents (requires `sort_by_person_and_date`); rows with
    /// no suspect are skipped.
    pub fn person_runs(&self) -> impl Iterator<Item = (u32, std::ops::Range<usize>)> + '_ {
        let mut start = 0;
        std::iter::from_fn(move || {
            while start < self.len() {
                let person = self.suspect[start];
                let mut end = start + 1;
                while end < self.len() && self.suspect[end] == person {
                    end += 1;
                }
                let run = start..end;
                start = end;
                if person != NO_ID {
                    return Some((person, run));
                }
            }
            None
        })
    }
}

/// A column in a new row order.
pub fn permute<T: Copy>(order: &[u32], column: &[T]) -> Vec<T> {
    order.iter().map(|&i| column[i as usize]).collect()
}

/// Calls for service (CAD records): no suspect, an address and a call type.
#[derive(Clone, Debug, Default)]
pub struct Calls {
    pub call_id: Vec<u32>,
    pub day: Vec<Day>,
    pub minute: Vec<u16>,
    pub address: Vec<u32>,
    pub call_type: Vec<u32>,
    pub flags: Vec<Flags>,
}

impl Calls {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }
}

/// Notifications delivered to offenders (or to victim-survivors about an offender).
#[derive(Clone, Debug, Default)]
pub struct Notifications {
    /// The offender the notification is about.
    pub person: Vec<u32>,
    pub day: Vec<Day>,
    pub level: Vec<Level>,
    pub method: Vec<u32>,
    pub role: Vec<Role>,
}

impl Notifications {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }
}

/// Service contacts (referrals taken up) by offenders and victim-survivors.
#[derive(Clone, Debug, Default)]
pub struct Services {
    /// Who received the service.
    pub person: Vec<u32>,
    /// The offender the contact relates to (the client for offenders; the partner for victims).
    pub offender: Vec<u32>,
    pub day: Vec<Day>,
    pub role: Vec<Role>,
    pub service_type: Vec<u32>,
}

impl Services {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }
}

/// Sanctions taken because offending continued.
#[derive(Clone, Debug, Default)]
pub struct Sanctions {
    pub person: Vec<u32>,
    pub day: Vec<Day>,
    pub sanction_type: Vec<u32>,
    /// The case number of the incident that led to the sanction, or `NO_ID`.
    pub case_id: Vec<u32>,
}

impl Sanctions {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }
}

/// Everything loaded: the tables and the id spaces they share.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// Offenders and victim-survivors share one id space (an id is a person).
    pub people: Ids,
    pub addresses: Ids,
    /// Case numbers, call numbers and free-text categories (call types, methods, ...).
    pub labels: Ids,
    pub incidents: Incidents,
    pub calls: Option<Calls>,
    pub notifications: Option<Notifications>,
    pub services: Option<Services>,
    pub sanctions: Option<Sanctions>,
}

/// Rows and date span of one table, for the data summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableSummary {
    pub table: &'static str,
    pub rows: usize,
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
}

impl TableSummary {
    fn of(table: &'static str, days: &[Day]) -> TableSummary {
        TableSummary {
            table,
            rows: days.len(),
            first_day: days.iter().copied().min(),
            last_day: days.iter().copied().max(),
        }
    }
}

/// What is loaded, in numbers: the Data page's summary and the CLI's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DatasetSummary {
    pub tables: Vec<TableSummary>,
    pub ipv_incidents: usize,
    pub offenders: usize,
    /// Distinct addresses of incidents and calls.
    pub addresses: usize,
}

impl Dataset {
    pub fn summary(&self) -> DatasetSummary {
        let inc = &self.incidents;
        let mut tables = vec![TableSummary::of("incidents", &inc.day)];
        if let Some(calls) = &self.calls {
            tables.push(TableSummary::of("calls", &calls.day));
        }
        if let Some(n) = &self.notifications {
            tables.push(TableSummary::of("notifications", &n.day));
        }
        if let Some(s) = &self.services {
            tables.push(TableSummary::of("services", &s.day));
        }
        if let Some(s) = &self.sanctions {
            tables.push(TableSummary::of("sanctions", &s.day));
        }
        let distinct = |mut ids: Vec<u32>| {
            ids.retain(|&id| id != NO_ID);
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        };
        let mut addresses = inc.address.clone();
        addresses.extend(self.calls.iter().flat_map(|c| c.address.iter().copied()));
        DatasetSummary {
            tables,
            ipv_incidents: inc.flags.iter().filter(|f| f.has(Flags::IPV)).count(),
            offenders: distinct(inc.suspect.clone()),
            addresses: distinct(addresses),
        }
    }
}

/// A month as a single number (`year * 12 + month0`), for monthly series. Integer arithmetic
/// (Hinnant's `civil_from_days`): it runs for every call of a multi-million-row extract.
pub fn month_index(day: Day) -> i32 {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month0 = if mp < 10 { mp + 2 } else { mp - 10 };
    let year = yoe + era * 400 + i32::from(month0 < 2);
    year * 12 + month0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_start_at_the_unix_epoch() {
        assert_eq!(day_from_ymd(1970, 1, 1), Some(0));
        assert_eq!(day_from_ymd(2024, 3, 1).map(iso).as_deref(), Some("2024-03-01"));
        assert_eq!(long_date(day_from_ymd(2024, 3, 1).unwrap()), "1 Mar 2024");
        assert_eq!(day_from_ymd(2023, 2, 29), None);
        for day in [-1000, 0, 19_000, 20_000] {
            assert_eq!(day_from_date(date_of(day)), day);
        }
    }

    #[test]
    fn month_numbers_agree_with_the_calendar() {
        for day in (-800_000..800_000).step_by(997).chain([0, 59, 60, 18_321, -1]) {
            let date = date_of(day);
            assert_eq!(month_index(day), date.year() * 12 + date.month0() as i32, "{date}");
        }
    }

    #[test]
    fn levels_are_ordered_by_severity() {
        assert!(Level::D < Level::C && Level::C < Level::B && Level::B < Level::A);
    }

    #[test]
    fn interning_gives_dense_stable_ids() {
        let mut ids = Ids::default();
        assert_eq!(ids.intern("P1"), 0);
        assert_eq!(ids.intern("P2"), 1);
        assert_eq!(ids.intern("P1"), 0);
        assert_eq!(ids.name(1), "P2");
        assert_eq!(ids.name(NO_ID), "");
        assert_eq!(ids.get("P3"), None);
    }

    #[test]
    fn sorting_groups_each_persons_incidents_in_date_order() {
        let mut inc = Incidents::default();
        let mut labels = Ids::default();
        for (case, person, day) in [(0, 2, 30), (1, 1, 20), (2, 2, 10), (3, NO_ID, 5), (4, 1, 5)] {
            inc.case_id.push(labels.intern(&format!("C{case}")));
            inc.suspect.push(person);
            inc.day.push(day);
            inc.minute.push(NO_TIME);
            inc.victim.push(NO_ID);
            inc.address.push(NO_ID);
            inc.relationship.push(NO_ID);
            inc.offense.push(NO_ID);
            inc.flags.push(Flags::default());
        }
        inc.sort_by_person_and_date(&labels);
        assert_eq!(inc.case_id, vec![4, 1, 2, 0, 3]);
        let runs: Vec<_> = inc.person_runs().collect();
        assert_eq!(runs, vec![(1, 0..2), (2, 2..4)]);
    }
}
