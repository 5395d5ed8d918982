//! One row at a time: checked, then read into its table's columns (one function per table),
//! or rejected with its reason and line.

use super::{Parser, TableRows};
use crate::ingest::dates::{is_negative_serial, parse_clock, parse_date_time, DateTime};
use crate::ingest::fields::{Field, Table};
use crate::ingest::plausible::{check_day, is_zero_date, window, Implausible};
use crate::ingest::quality::RowProblem;
use crate::ingest::values::{normalize, read_level, read_role};
use crate::model::{Flags, Ids, Level, Role, NO_ID, NO_TIME};
use std::borrow::Cow;
use std::sync::Arc;

/// What every kept row has, read before its table's own fields.
struct RowStart {
    at: DateTime,
    /// Offence, call type, method, service or sanction type (label id).
    kind: u32,
    person: u32,
    role: Option<Role>,
    /// Notifications only.
    level: Option<Level>,
}

/// Why a row is not kept: rejected (and counted under its problem), or dated outside the dates
/// to load (left out, at the user's choice).
enum NotKept {
    Rejected,
    OutsideDates,
}

/// The id of a value, `NO_ID` for an empty one.
fn id(ids: &mut Ids, value: Option<&str>) -> u32 {
    match value {
        Some(v) if !v.is_empty() => ids.intern(v),
        _ => NO_ID,
    }
}

impl Parser {
    /// One row, starting at byte `start` of the text: validated, parsed into the table's
    /// columns, or rejected with its reason.
    pub(super) fn row(&mut self, record: &csv::ByteRecord, start: u64) {
        let required = self.required(record, start);
        if matches!(required, Err(NotKept::OutsideDates)) {
            self.report.outside_dates += 1;
            return;
        }
        self.report.rows_read += 1;
        for (i, fill) in self.report.fill.iter_mut().enumerate() {
            if record.get(i).is_some_and(|v| !v.iter().all(u8::is_ascii_whitespace)) {
                fill.filled += 1;
            }
        }
        let Ok((at, level)) = required else {
            return;
        };
        self.report.rows_kept += 1;
        let row = self.common(record, at, level);
        match self.mapping.table {
            Table::Incidents => self.incident(record, row),
            Table::Calls => self.call(record, row),
            Table::Notifications => self.notification(row),
            Table::Services => self.service(record, row),
            Table::Sanctions => self.sanction(record, row),
        }
    }

    /// Rejects the row that starts at byte `start`, counting it under its problem and line.
    fn reject(&mut self, problem: RowProblem, start: u64) {
        let line = self.line_at(start);
        self.report.reject(problem, line);
    }

    /// The row's width and the values its table cannot do without (person, level, date); a
    /// row that lacks one is rejected here.
    fn required(&mut self, record: &csv::ByteRecord, start: u64) -> Result<(DateTime, Option<Level>), NotKept> {
        if self.is_total_row(record) {
            self.reject(RowProblem::TotalRow, start);
            return Err(NotKept::Rejected);
        }
        if record.len() != self.width {
            let (found, expected) = (record.len(), self.width);
            match self.quote {
                // Named at the line of the quote, which is where to look.
                Some(span) => self.reject(RowProblem::StrayQuote { found, expected }, span.open as u64),
                None => self.reject(RowProblem::FieldCount { found, expected }, start),
            }
            return Err(NotKept::Rejected);
        }
        let table = self.mapping.table;
        if matches!(table, Table::Notifications | Table::Services | Table::Sanctions)
            && self.person_text(record).is_none_or(|p| p.is_empty())
        {
            let problem =
                RowProblem::Missing { what: Field::Person.label(table), column: self.column_name(Field::Person) };
            self.reject(problem, start);
            return Err(NotKept::Rejected);
        }
        let level = if table == Table::Notifications {
            let Some(level) = self.text(record, Field::Level).and_then(read_level) else {
                self.reject(RowProblem::NoLevel { column: self.column_name(Field::Level) }, start);
                return Err(NotKept::Rejected);
            };
            Some(level)
        } else {
            None
        };
        Ok((self.date(record, start)?, level))
    }

    /// The person's id: their column's value, or the values of every column mapped to the person
    /// joined with " / " (a composite id, such as name and date of birth); empty when all are.
    fn person_text<'r>(&self, record: &'r csv::ByteRecord) -> Option<Cow<'r, str>> {
        if self.person_columns.len() <= 1 {
            return self.text(record, Field::Person).map(Cow::Borrowed);
        }
        let value = |j: usize| record.get(j).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("").trim();
        let parts: Vec<&str> = self.person_columns.iter().map(|&j| value(j)).collect();
        if parts.iter().all(|p| p.is_empty()) {
            return Some(Cow::Borrowed(""));
        }
        Some(Cow::Owned(parts.join(" / ")))
    }

    /// A "Total" (or "Grand total", "Sum", "Count") row a spreadsheet adds: its first value
    /// says so and its date column holds no date.
    fn is_total_row(&self, record: &csv::ByteRecord) -> bool {
        let first = record.iter().map(|v| std::str::from_utf8(v).unwrap_or("").trim()).find(|v| !v.is_empty());
        // Every word below starts with c, g, s or t: most rows are passed over without
        // normalizing (an allocation per row).
        let may_say_total = |v: &str| {
            v.chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| matches!(c.to_ascii_lowercase(), 'c' | 'g' | 's' | 't'))
        };
        let says_total = first.filter(|v| may_say_total(v)).is_some_and(|v| {
            let word = normalize(v);
            word.starts_with("total") || ["grandtotal", "subtotal", "sum", "count"].contains(&word.as_str())
        });
        says_total && self.text(record, Field::Date).is_none_or(|d| parse_date_time(d, self.order).is_none())
    }

    /// The fields every table reads the same way: kind, person and role.
    fn common(&mut self, record: &csv::ByteRecord, at: DateTime, level: Option<Level>) -> RowStart {
        let role = self.text(record, Field::Role).map(|r| (r, read_role(r)));
        if let Some((text, None)) = role {
            if !text.is_empty() {
                let column = self.column_name(Field::Role);
                self.report.unknown(&column, text);
            }
        }
        let role = role.and_then(|(_, r)| r);
        let kind = self.text(record, Field::Kind);
        let kind = id(&mut self.labels, kind);
        let person = self.person_text(record);
        let person = id(&mut self.people, person.as_deref());
        if person == NO_ID && self.mapping.table == Table::Incidents {
            self.report.missing_person += 1;
        }
        RowStart { at, kind, person, role, level }
    }

    fn incident(&mut self, record: &csv::ByteRecord, row: RowStart) {
        let domestic = self.flag(record, Field::Domestic);
        let arrest = self.flag(record, Field::Arrest);
        // Charged: the charge column, or the arrest where the extract has no charge field.
        let charged = if self.column(Field::Charged).is_some() { self.flag(record, Field::Charged) } else { arrest };
        let flags = Flags::default()
            .with(Flags::IPV, self.is_ipv(record, domestic, row.kind))
            .with(Flags::ARREST, arrest)
            .with(Flags::CHARGED, charged)
            .with(Flags::FELONY, self.flag(record, Field::Felony))
            .with(Flags::WEAPON, self.flag(record, Field::Weapon))
            .with(Flags::STRANGULATION, self.flag(record, Field::Strangulation))
            .with(Flags::INJURY, self.flag(record, Field::Injury))
            .with(Flags::PO_VIOLATION, self.flag(record, Field::PoViolation));
        if flags.has(Flags::IPV) {
            *self.report.ipv_rows.get_or_insert(0) += 1;
            self.count_ipv_text(row.kind);
        }
        let case = self.record_id(self.text(record, Field::RecordId));
        let victim = self.text(record, Field::Victim);
        let victim = id(&mut self.people, victim);
        let address = self.text(record, Field::Address);
        let address = id(&mut self.addresses, address);
        let relationship = self.text(record, Field::Relationship);
        let relationship = id(&mut self.labels, relationship);
        let area = self.area(record);
        let TableRows::Incidents(t) = &mut self.rows else { unreachable!("rows match the table") };
        let t = Arc::make_mut(t);
        t.area.extend(area);
        t.case_id.push(case);
        t.day.push(row.at.day);
        t.minute.push(row.at.minute);
        t.suspect.push(row.person);
        t.victim.push(victim);
        t.address.push(address);
        t.relationship.push(relationship);
        t.offense.push(row.kind);
        t.flags.push(flags);
    }

    fn call(&mut self, record: &csv::ByteRecord, row: RowStart) {
        let domestic = self.flag(record, Field::Domestic);
        let ipv = self.is_ipv(record, domestic, row.kind);
        if ipv {
            *self.report.ipv_rows.get_or_insert(0) += 1;
            self.count_ipv_text(row.kind);
        }
        let call = self.record_id(self.text(record, Field::RecordId));
        let address = self.text(record, Field::Address);
        let address = id(&mut self.addresses, address);
        let area = self.area(record);
        let TableRows::Calls(t) = &mut self.rows else { unreachable!("rows match the table") };
        let t = Arc::make_mut(t);
        t.area.extend(area);
        t.call_id.push(call);
        t.day.push(row.at.day);
        t.minute.push(row.at.minute);
        t.address.push(address);
        t.call_type.push(row.kind);
        t.flags.push(Flags::default().with(Flags::IPV, ipv));
    }

    fn notification(&mut self, row: RowStart) {
        let TableRows::Notifications(t) = &mut self.rows else { unreachable!("rows match the table") };
        let t = Arc::make_mut(t);
        t.person.push(row.person);
        t.day.push(row.at.day);
        t.level.push(row.level.expect("notifications without a level are rejected"));
        t.method.push(row.kind);
        t.role.push(row.role.unwrap_or(Role::Offender));
    }

    fn service(&mut self, record: &csv::ByteRecord, row: RowStart) {
        let person = row.person;
        let related = self.text(record, Field::RelatedOffender);
        let related = id(&mut self.people, related);
        // Without a role column: the client is the offender unless the service names another.
        let role =
            row.role.unwrap_or(if related == NO_ID || related == person { Role::Offender } else { Role::Victim });
        let offender = if related == NO_ID && role == Role::Offender { person } else { related };
        let TableRows::Services(t) = &mut self.rows else { unreachable!("rows match the table") };
        let t = Arc::make_mut(t);
        t.person.push(person);
        t.offender.push(offender);
        t.day.push(row.at.day);
        t.role.push(role);
        t.service_type.push(row.kind);
    }

    fn sanction(&mut self, record: &csv::ByteRecord, row: RowStart) {
        let case = self.text(record, Field::CaseId);
        let case = id(&mut self.labels, case);
        let TableRows::Sanctions(t) = &mut self.rows else { unreachable!("rows match the table") };
        let t = Arc::make_mut(t);
        t.person.push(row.person);
        t.day.push(row.at.day);
        t.sanction_type.push(row.kind);
        t.case_id.push(case);
    }

    /// The row's area (label id, `NO_ID` when empty), or `None` when the file has no area column
    /// (its table then keeps no area column either).
    fn area(&mut self, record: &csv::ByteRecord) -> Option<u32> {
        self.column(Field::Area)?;
        let area = self.text(record, Field::Area);
        Some(id(&mut self.labels, area))
    }

    /// The column of a field, if it has one.
    pub(super) fn column(&self, field: Field) -> Option<usize> {
        self.field_columns[field as usize]
    }

    /// The trimmed text of a field in a row, if the field has a column.
    pub(super) fn text<'r>(&self, record: &'r csv::ByteRecord, field: Field) -> Option<&'r str> {
        let column = self.column(field)?;
        let bytes = record.get(column)?;
        // Decoded text is valid UTF-8 and the delimiters are ASCII, so fields are too.
        std::str::from_utf8(bytes).ok().map(str::trim)
    }

    fn column_name(&self, field: Field) -> String {
        self.column(field).map_or("", |c| self.headers[c].as_str()).to_string()
    }

    /// A yes/no field; a value that is no known word is counted in the report and read as no.
    fn flag(&mut self, record: &csv::ByteRecord, field: Field) -> bool {
        let Some(value) = self.text(record, field) else {
            return false;
        };
        match self.flags.read(value) {
            Some(on) => on,
            None => {
                let column = self.column_name(field);
                self.report.unknown(&column, value);
                false
            }
        }
    }

    /// The row's date (and time, from a time column when the date has none); a row without
    /// a readable date is rejected.
    fn date(&mut self, record: &csv::ByteRecord, start: u64) -> Result<DateTime, NotKept> {
        let value = self.text(record, Field::Date).unwrap_or("");
        if value.is_empty() {
            self.reject(RowProblem::Missing { what: "date", column: self.column_name(Field::Date) }, start);
            return Err(NotKept::Rejected);
        }
        let Some(mut at) = parse_date_time(value, self.order) else {
            let column = self.column_name(Field::Date);
            let problem = if is_zero_date(value) {
                RowProblem::PlaceholderDate { column }
            } else if is_negative_serial(value) {
                RowProblem::NegativeSerialDate { column }
            } else {
                RowProblem::UnreadableDate { column }
            };
            self.reject(problem, start);
            return Err(NotKept::Rejected);
        };
        if !self.report.date_range.contains(at.day) {
            return Err(NotKept::OutsideDates);
        }
        if let Some(implausible) = check_day(at.day, self.today) {
            if !self.keep_implausible_dates {
                let column = self.column_name(Field::Date);
                let problem = match implausible {
                    Implausible::Placeholder => RowProblem::PlaceholderDate { column },
                    Implausible::OutOfRange => {
                        let (first, last) = window(self.today);
                        RowProblem::DateOutOfRange { column, first, last }
                    }
                };
                self.reject(problem, start);
                return Err(NotKept::Rejected);
            }
            self.report.implausible_dates_kept += 1;
        }
        // A date written with midnight (12:00:00 AM, 0:00) beside a time column has its time
        // there: exports write date-times at midnight when the time is kept apart.
        if at.minute == NO_TIME || at.minute == 0 {
            if let Some(time) = self.text(record, Field::Time).filter(|t| !t.is_empty()) {
                // A separate time column: 13:30, 1:30 PM or hhmm (2130).
                if let Some(minute) = parse_clock(time) {
                    at.minute = minute;
                }
            }
        }
        let r = &mut self.report;
        r.first_day = Some(r.first_day.map_or(at.day, |d| d.min(at.day)));
        r.last_day = Some(r.last_day.map_or(at.day, |d| d.max(at.day)));
        if at.day > self.today {
            r.future_dates += 1;
        }
        Ok(at)
    }

    /// A case or call number, counted in the report when the file had it already.
    fn record_id(&mut self, value: Option<&str>) -> u32 {
        let before = self.labels.len();
        let id = id(&mut self.labels, value);
        if id != NO_ID && self.labels.len() == before {
            self.report.duplicate_ids += 1;
        } else if let (Some(first), true) = (&mut self.first_by_record, id != NO_ID) {
            first.push(id);
        }
        id
    }
}
