//! The merge of a later part into the parser before it ([`super::parts`]): ids renumbered in
//! the order one pass would have given them, rows appended, counts added.

use super::parts::ParsedPart;
use super::{report, Parser, TableRows};
use crate::model::{Ids, NO_ID};
use std::sync::Arc;

/// The id in `ids` of each of a part's local ids, interned in local order: names `ids` has keep
/// their id; new ones come after, in the order the part met them, as in one pass.
fn renumber(local: &Ids, ids: &mut Ids) -> Vec<u32> {
    (0..local.len() as u32).map(|id| ids.intern(local.name(id))).collect()
}

/// A column of local ids in the merged ids.
fn renumbered<'a>(column: &'a [u32], map: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    column.iter().map(|&id| if id == NO_ID { NO_ID } else { map[id as usize] })
}

/// The id maps of a part: people, addresses, labels.
struct Maps {
    people: Vec<u32>,
    addresses: Vec<u32>,
    labels: Vec<u32>,
}

/// A part's rows appended to the rows before it (both of the same table).
fn append(rows: &mut TableRows, part: &TableRows, m: &Maps) {
    let (p, a, l) = (&m.people[..], &m.addresses[..], &m.labels[..]);
    match (rows, part) {
        (TableRows::Incidents(t), TableRows::Incidents(more)) => {
            let t = Arc::make_mut(t);
            t.reserve(more.len());
            t.case_id.extend(renumbered(&more.case_id, l));
            t.day.extend_from_slice(&more.day);
            t.minute.extend_from_slice(&more.minute);
            t.suspect.extend(renumbered(&more.suspect, p));
            t.victim.extend(renumbered(&more.victim, p));
            t.address.extend(renumbered(&more.address, a));
            t.relationship.extend(renumbered(&more.relationship, l));
            t.offense.extend(renumbered(&more.offense, l));
            t.flags.extend_from_slice(&more.flags);
            t.area.extend(renumbered(&more.area, l));
        }
        (TableRows::Calls(t), TableRows::Calls(more)) => {
            let t = Arc::make_mut(t);
            t.reserve(more.len());
            t.call_id.extend(renumbered(&more.call_id, l));
            t.day.extend_from_slice(&more.day);
            t.minute.extend_from_slice(&more.minute);
            t.address.extend(renumbered(&more.address, a));
            t.call_type.extend(renumbered(&more.call_type, l));
            t.flags.extend_from_slice(&more.flags);
            t.area.extend(renumbered(&more.area, l));
        }
        (TableRows::Notifications(t), TableRows::Notifications(more)) => {
            let t = Arc::make_mut(t);
            t.reserve(more.len());
            t.person.extend(renumbered(&more.person, p));
            t.day.extend_from_slice(&more.day);
            t.level.extend_from_slice(&more.level);
            t.method.extend(renumbered(&more.method, l));
            t.role.extend_from_slice(&more.role);
        }
        (TableRows::Services(t), TableRows::Services(more)) => {
            let t = Arc::make_mut(t);
            t.reserve(more.len());
            t.person.extend(renumbered(&more.person, p));
            t.offender.extend(renumbered(&more.offender, p));
            t.day.extend_from_slice(&more.day);
            t.role.extend_from_slice(&more.role);
            t.service_type.extend(renumbered(&more.service_type, l));
        }
        (TableRows::Sanctions(t), TableRows::Sanctions(more)) => {
            let t = Arc::make_mut(t);
            t.reserve(more.len());
            t.person.extend(renumbered(&more.person, p));
            t.day.extend_from_slice(&more.day);
            t.sanction_type.extend(renumbered(&more.sanction_type, l));
            t.case_id.extend(renumbered(&more.case_id, l));
        }
        _ => unreachable!("`absorb` merges parts of the same table only"),
    }
}

impl Parser {
    /// Takes in the part that starts where this parser stopped, as if this parser had read it.
    pub(super) fn merge(&mut self, part: ParsedPart) {
        let ParsedPart { file, tally } = part;
        let labels_before = self.labels.len() as u32;
        let maps = Maps {
            people: renumber(&file.people, &mut self.people),
            addresses: renumber(&file.addresses, &mut self.addresses),
            labels: renumber(&file.labels, &mut self.labels),
        };
        append(&mut self.rows, &file.rows, &maps);
        // A record id whose name an earlier part had is a duplicate that the part could not see.
        let first_by_record = tally.first_by_record.iter().map(|&id| maps.labels[id as usize]);
        let (seen, new): (Vec<u32>, Vec<u32>) = first_by_record.partition(|&id| id < labels_before);
        self.report.duplicate_ids += seen.len();
        if let Some(mine) = &mut self.first_by_record {
            mine.extend(new);
        }
        for (kind, &rows) in tally.ipv_rows_by_kind.iter().enumerate().filter(|(_, &rows)| rows > 0) {
            let slot = maps.labels[kind] as usize;
            if self.ipv_rows_by_kind.len() <= slot {
                self.ipv_rows_by_kind.resize(slot + 1, 0);
            }
            self.ipv_rows_by_kind[slot] += rows;
        }
        self.ipv_rows_without_kind += tally.ipv_rows_without_kind;
        let (count, line, line_ends) = tally.long_quotes;
        if self.long_quotes.0 == 0 {
            self.long_quotes = (0, line, line_ends);
        }
        self.long_quotes.0 += count;
        report::add(&mut self.report, file.report);
        self.span.1 = tally.stop;
        self.stopped = Some(tally.stop);
        self.done = true;
    }
}
