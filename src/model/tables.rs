//! The tables of a data set, one column per field.

use super::{Day, Flags, Ids, Level, Role, NO_ID};

/// `reserve(more)` for a table: room for `more` rows in every column at once, so that a large
/// file's columns are not copied each time they outgrow their room (and the memory high-water
/// mark stays near the columns' final size).
/// Optional columns (after `;`) are empty when the extract has no such column and get room only
/// when they hold values.
macro_rules! reserve_rows {
    ($table:ty: $($column:ident),+ $(; $optional:ident)*) => {
        impl $table {
            pub fn reserve(&mut self, more: usize) {
                $(self.$column.reserve_exact(more);)+
                $(if !self.$optional.is_empty() { self.$optional.reserve_exact(more); })*
            }
        }
    };
}

reserve_rows!(Incidents: case_id, day, minute, suspect, victim, address, relationship, offense, flags; area);
reserve_rows!(Calls: call_id, day, minute, address, call_type, flags; area);
reserve_rows!(Notifications: person, day, level, method, role);
reserve_rows!(Services: person, offender, day, role, service_type);
reserve_rows!(Sanctions: person, day, sanction_type, case_id);

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
    /// Patrol area (beat, district, ...; label id, `NO_ID` when empty), one per row; empty when
    /// the extract has no area column.
    pub area: Vec<u32>,
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
    /// Rows already in that order (a file the loading worker sorted) are left as they are.
    pub fn sort_by_person_and_date(&mut self, case_numbers: &Ids) {
        if self.is_by_person_and_date(case_numbers) {
            return;
        }
        // The keys side by side with the row (which keeps rows with equal keys in file order):
        // sorted in one contiguous pass, not by reading the columns at random for each
        // comparison. Equal keys (rare) are then put in case-number order.
        let mut keyed: Vec<(u32, Day, u16, u32)> =
            (0..self.len()).map(|i| (self.suspect[i], self.day[i], self.minute[i], i as u32)).collect();
        keyed.sort_unstable();
        for run in keyed.chunk_by_mut(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)).filter(|run| run.len() > 1) {
            run.sort_by(|a, b| {
                case_numbers.name(self.case_id[a.3 as usize]).cmp(case_numbers.name(self.case_id[b.3 as usize]))
            });
        }
        let order: Vec<u32> = keyed.into_iter().map(|k| k.3).collect();
        self.case_id = permute(&order, &self.case_id);
        self.suspect = permute(&order, &self.suspect);
        self.victim = permute(&order, &self.victim);
        self.address = permute(&order, &self.address);
        self.relationship = permute(&order, &self.relationship);
        self.offense = permute(&order, &self.offense);
        self.day = permute(&order, &self.day);
        self.minute = permute(&order, &self.minute);
        self.flags = permute(&order, &self.flags);
        if self.has_area() {
            self.area = permute(&order, &self.area);
        }
    }

    /// Whether the extract had an area column.
    pub fn has_area(&self) -> bool {
        !self.area.is_empty()
    }

    /// The area of a row (label id), `NO_ID` when it has none or the extract no area column.
    pub fn area_of(&self, row: usize) -> u32 {
        self.area.get(row).copied().unwrap_or(NO_ID)
    }

    /// Whether the rows are in the order `sort_by_person_and_date` gives (checked in one pass).
    pub fn is_by_person_and_date(&self, case_numbers: &Ids) -> bool {
        let key = |i: usize| (self.suspect[i], self.day[i], self.minute[i]);
        (1..self.len()).all(|i| match key(i - 1).cmp(&key(i)) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => case_numbers.name(self.case_id[i - 1]) <= case_numbers.name(self.case_id[i]),
            std::cmp::Ordering::Greater => false,
        })
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
    /// Patrol area (label id, `NO_ID` when empty), one per row; empty without an area column.
    pub area: Vec<u32>,
}

impl Calls {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// Whether the extract had an area column.
    pub fn has_area(&self) -> bool {
        !self.area.is_empty()
    }

    /// The area of a row (label id), `NO_ID` when it has none or the extract no area column.
    pub fn area_of(&self, row: usize) -> u32 {
        self.area.get(row).copied().unwrap_or(NO_ID)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NO_TIME;

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
        assert!(!inc.has_area() && inc.area_of(0) == NO_ID, "no area column: no area, and sorting adds none");

        // At the same person, day and minute: case-number order, then file order.
        let mut inc = Incidents::default();
        let mut labels = Ids::default();
        for (i, case) in ["C9", "C2", "C9", "C1"].into_iter().enumerate() {
            inc.case_id.push(labels.intern(case));
            inc.suspect.push(7);
            inc.day.push(100);
            inc.minute.push(NO_TIME);
            inc.victim.push(i as u32);
            inc.address.push(NO_ID);
            inc.relationship.push(NO_ID);
            inc.offense.push(NO_ID);
            inc.flags.push(Flags::default());
            inc.area.push(10 + i as u32);
        }
        inc.sort_by_person_and_date(&labels);
        let cases: Vec<&str> = inc.case_id.iter().map(|&c| labels.name(c)).collect();
        assert_eq!(cases, ["C1", "C2", "C9", "C9"]);
        assert_eq!(inc.victim, [3, 1, 0, 2]);
        assert_eq!(inc.area, [13, 11, 10, 12], "the area column moves with its rows");
        // Rows in order are recognised as such and stay as they are.
        assert!(inc.is_by_person_and_date(&labels));
        inc.sort_by_person_and_date(&labels);
        assert_eq!(inc.victim, [3, 1, 0, 2]);
        inc.victim.swap(0, 1);
        inc.case_id.swap(0, 1);
        assert!(!inc.is_by_person_and_date(&labels), "C2 before C1");
    }
}
