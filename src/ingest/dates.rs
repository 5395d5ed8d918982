//! Dates and times as extracts write them, parsed without allocation.
//!
//! Accepted: ISO `2019-03-01`, `2019-03-01 14:32[:05[.123]]`, `2019-03-01T14:32:05[Z|+01:00]`,
//! `2019/03/01`; slashed `03/01/2019` or `3/1/19` with an optional time (`2:32 PM`,
//! `14:32:05`), read month-first or day-first as the column decides; dotted `01.03.2019`
//! (day-first); Excel serial numbers (`43525`, `43525.604`, the time at any precision). A
//! timestamp with an offset keeps its wall-clock date and time: an incident on 1 March local
//! time stays on 1 March.

use crate::model::{Day, NO_TIME};
use serde::{Deserialize, Serialize};

/// How a slashed date `a/b/yyyy` is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrder {
    /// `MM/DD/YYYY` (United States).
    MonthFirst,
    /// `DD/MM/YYYY`.
    DayFirst,
}

/// A parsed date with its time of day (minutes after midnight, or `NO_TIME`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub day: Day,
    pub minute: u16,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`),
/// or `None` when the date does not exist.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Option<Day> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || !(1000..=9999).contains(&year) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A little cursor over the bytes of one value.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn number(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        let start = self.i;
        let mut value = 0u32;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() && self.i - start < max_digits {
            value = value * 10 + u32::from(self.s[self.i] - b'0');
            self.i += 1;
        }
        (self.i > start).then_some((value, self.i - start))
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.s.get(self.i) == Some(&byte) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while self.s.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
    }

    fn rest(&self) -> &[u8] {
        &self.s[self.i..]
    }
}

/// The year of a slashed date: four digits, or two (`19` is 2019, `85` is 1985).
fn full_year(value: u32, digits: usize) -> Option<i32> {
    match digits {
        4 => Some(value as i32),
        2 => Some(if value < 70 { 2000 + value as i32 } else { 1900 + value as i32 }),
        _ => None,
    }
}

/// Parses `hh:mm[:ss[.fff]] [AM|PM]` and an optional offset (`Z`, `+01:00`, `-0500`).
fn time_of_day(c: &mut Cursor) -> Option<u16> {
    let (mut hour, _) = c.number(2)?;
    if !c.eat(b':') {
        return None;
    }
    let (minute, 2) = c.number(2)? else {
        return None;
    };
    if c.eat(b':') {
        let (_, 2) = c.number(2)? else { return None };
        if c.eat(b'.') || c.eat(b',') {
            c.number(9)?;
        }
    }
    c.skip_spaces();
    let rest = c.rest();
    let half = if rest.len() >= 2 { rest[..2].to_ascii_uppercase() } else { Vec::new() };
    if half == b"AM" || half == b"PM" {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (half[0], hour) {
            (b'A', 12) => 0,
            (b'P', h) if h < 12 => h + 12,
            (_, h) => h,
        };
        c.i += 2;
    } else if c.eat(b'Z') {
    } else if c.s.get(c.i).is_some_and(|&b| b == b'+' || b == b'-') {
        c.i += 1;
        c.number(2)?;
        c.eat(b':');
        c.number(2);
    }
    (hour < 24 && minute < 60).then_some((hour * 60 + minute) as u16)
}

/// A date a person typed (a command line argument, a date field on a page): ISO 2021-06-30 or
/// any form the extracts may hold, slashed dates month-first. One rule for both faces.
pub fn parse_day(text: &str) -> Option<Day> {
    parse_date_time(text, DateOrder::MonthFirst).map(|d| d.day)
}

/// A time of day written alone, as a time column holds it: `13:30`, `1:30 PM`, `0:00`, or
/// military `hhmm` without a colon (`2130`, `0005`, `5`: records systems drop leading zeros).
pub fn parse_clock(text: &str) -> Option<u16> {
    let t = text.trim();
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: u16 = t.parse().ok()?;
        let (hour, minute) = (n / 100, n % 100);
        return (hour < 24 && minute < 60).then_some(hour * 60 + minute);
    }
    let mut c = Cursor { s: t.as_bytes(), i: 0 };
    let minute = time_of_day(&mut c)?;
    (c.i == c.s.len()).then_some(minute)
}

/// Parses one date or date-time; `order` decides slashed dates. Surrounding spaces are ignored.
pub fn parse_date_time(text: &str, order: DateOrder) -> Option<DateTime> {
    let s = text.trim().as_bytes();
    let mut c = Cursor { s, i: 0 };
    let (first, first_digits) = c.number(8)?;
    let day = match c.s.get(c.i) {
        Some(b'-') if first_digits == 4 => {
            c.i += 1;
            let (month, _) = c.number(2)?;
            if !c.eat(b'-') {
                return None;
            }
            let (day, _) = c.number(2)?;
            days_from_civil(first as i32, month, day)?
        }
        // An Excel serial date (days since 1899-12-30; five digits cover 1927-2173), the time
        // of day as the fraction.
        None | Some(b'.') if first_digits == 5 => {
            let mut minute = NO_TIME;
            if c.eat(b'.') {
                // Spreadsheets write the fraction at full precision (44119.4583333333); nine
                // digits are more than a minute needs, the rest are read and dropped.
                let (fraction, digits) = c.number(9)?;
                while c.s.get(c.i).is_some_and(u8::is_ascii_digit) {
                    c.i += 1;
                }
                let share = f64::from(fraction) / 10f64.powi(digits as i32);
                minute = ((share * 1440.0).round() as u16).min(1439);
            }
            if c.i != c.s.len() {
                return None;
            }
            return Some(DateTime { day: first as i32 - 25_569, minute });
        }
        // Compact ISO: 20190301.
        None if first_digits == 8 => days_from_civil((first / 10_000) as i32, first / 100 % 100, first % 100)?,
        Some(b'/') | Some(b'.') => {
            let sep = c.s[c.i];
            c.i += 1;
            let (second, _) = c.number(2)?;
            if !c.eat(sep) {
                return None;
            }
            let (third, third_digits) = c.number(4)?;
            if first_digits == 4 {
                days_from_civil(first as i32, second, third)?
            } else if first_digits <= 2 {
                let year = full_year(third, third_digits)?;
                match (sep, order) {
                    (b'.', _) | (_, DateOrder::DayFirst) => days_from_civil(year, second, first)?,
                    (_, DateOrder::MonthFirst) => days_from_civil(year, first, second)?,
                }
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let minute = if c.i == c.s.len() {
        NO_TIME
    } else {
        if !(c.eat(b' ') || c.eat(b'T')) {
            return None;
        }
        c.skip_spaces();
        let minute = time_of_day(&mut c)?;
        if c.i != c.s.len() {
            return None;
        }
        minute
    };
    Some(DateTime { day, minute })
}

/// Whether a value is a spreadsheet date number below zero (`-1`, `-43525.5`): no date, but
/// worth naming as such rather than as unreadable.
pub fn is_negative_serial(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('-') && t.len() > 1 && t[1..].parse::<f64>().is_ok_and(|v| v > 0.0)
}

/// What the slashed dates of a column say about their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderEvidence {
    /// No slashed dates, or every one reads the same both ways (such as 03/03/2019).
    Ambiguous,
    /// Some first part is above 12, so the column is day-first.
    DayFirst,
    /// Some second part is above 12, so the column is month-first.
    MonthFirst,
    /// Both happen: the column mixes orders and cannot be read reliably.
    Mixed,
}

/// Scans sample values of a column for slashed dates whose parts give their order away.
pub fn order_evidence<'a>(values: impl IntoIterator<Item = &'a str>) -> OrderEvidence {
    let (mut day_first, mut month_first) = (false, false);
    for value in values {
        let mut c = Cursor { s: value.trim().as_bytes(), i: 0 };
        let Some((a, digits)) = c.number(2) else {
            continue;
        };
        if digits > 2 || !c.eat(b'/') {
            continue;
        }
        let Some((b, _)) = c.number(2) else { continue };
        day_first |= a > 12 && b <= 12;
        month_first |= b > 12 && a <= 12;
    }
    match (day_first, month_first) {
        (true, true) => OrderEvidence::Mixed,
        (true, false) => OrderEvidence::DayFirst,
        (false, true) => OrderEvidence::MonthFirst,
        (false, false) => OrderEvidence::Ambiguous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{day_from_date, day_from_ymd};
    use proptest::prelude::*;

    fn at(text: &str) -> Option<(String, u16)> {
        parse_date_time(text, DateOrder::MonthFirst).map(|d| (crate::model::iso(d.day), d.minute))
    }

    #[test]
    fn reads_every_form_extracts_use() {
        let t = |h: u16, m: u16| h * 60 + m;
        let cases: &[(&str, &str, u16)] = &[
            ("2019-03-01", "2019-03-01", NO_TIME),
            ("2019-03-01 14:32", "2019-03-01", t(14, 32)),
            ("2019-03-01 14:32:05.123", "2019-03-01", t(14, 32)),
            ("2019-03-01T14:32:05Z", "2019-03-01", t(14, 32)),
            ("2019-03-01T23:59:00-05:00", "2019-03-01", t(23, 59)),
            ("2019-03-01T00:10:00+0100", "2019-03-01", t(0, 10)),
            ("2019/03/01", "2019-03-01", NO_TIME),
            ("20190301", "2019-03-01", NO_TIME),
            ("03/01/2019", "2019-03-01", NO_TIME),
            ("3/1/2019 2:32:00 PM", "2019-03-01", t(14, 32)),
            ("03/01/2013 12:01:00 AM", "2013-03-01", t(0, 1)),
            ("3/1/2019 12:00 pm", "2019-03-01", t(12, 0)),
            ("3/1/19 14:32", "2019-03-01", t(14, 32)),
            ("01.03.2019", "2019-03-01", NO_TIME),
            ("43525", "2019-03-01", NO_TIME),
            ("43525.5", "2019-03-01", t(12, 0)),
            ("44119.4583333333", "2020-10-15", t(11, 0)),
            ("44119.45833333333333", "2020-10-15", t(11, 0)),
            ("44119.99999999", "2020-10-15", t(23, 59)),
            ("  2019-03-01  ", "2019-03-01", NO_TIME),
        ];
        for (text, date, minute) in cases {
            assert_eq!(at(text), Some((date.to_string(), *minute)), "{text}");
        }
        let day_first = parse_date_time("13/01/2019", DateOrder::DayFirst).unwrap();
        assert_eq!(crate::model::iso(day_first.day), "2019-01-13");
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "yesterday",
            "2019-02-30",
            "13/13/2019",
            "2019-03-01 25:00",
            "3/1/2019 13:00 PM",
            "1234",
            "2019-03",
            "03/01/2019 garbage",
            "12345678901",
            "43525x",
            "-1",
        ] {
            assert_eq!(at(text), None, "{text:?}");
        }
    }

    #[test]
    fn civil_days_agree_with_chrono() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (1900, 3, 1), (2024, 12, 31), (1601, 1, 1)] {
            assert_eq!(days_from_civil(y, m, d), day_from_ymd(y, m, d), "{y}-{m}-{d}");
        }
        assert_eq!(days_from_civil(1900, 2, 29), None);
    }

    #[test]
    fn column_evidence_decides_the_order() {
        assert_eq!(order_evidence(["03/01/2019", "13/01/2019"]), OrderEvidence::DayFirst);
        assert_eq!(order_evidence(["03/01/2019", "12/31/2019"]), OrderEvidence::MonthFirst);
        assert_eq!(order_evidence(["03/01/2019", "02/02/2019"]), OrderEvidence::Ambiguous);
        assert_eq!(order_evidence(["13/01/2019", "12/31/2019"]), OrderEvidence::Mixed);
        assert_eq!(order_evidence(["2019-03-01"]), OrderEvidence::Ambiguous);
    }

    proptest! {
        #[test]
        fn every_written_form_reads_back(days in -20_000i32..60_000, minute in 0u16..1440) {
            let date = crate::model::date_of(days);
            prop_assume!(day_from_date(date) == days);
            let (h, m) = (minute / 60, minute % 60);
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            let half = if h < 12 { "AM" } else { "PM" };
            let forms = [
                (date.format("%Y-%m-%d").to_string(), NO_TIME),
                (format!("{} {h:02}:{m:02}", date.format("%Y-%m-%d")), minute),
                (format!("{}T{h:02}:{m:02}:00+02:00", date.format("%Y-%m-%d")), minute),
                (format!("{} {h12}:{m:02}:00 {half}", date.format("%-m/%-d/%Y")), minute),
                (date.format("%m/%d/%Y").to_string(), NO_TIME),
            ];
            for (text, expected_minute) in forms {
                prop_assert_eq!(parse_date_time(&text, DateOrder::MonthFirst), Some(DateTime { day: days, minute: expected_minute }), "{}", text);
            }
            let day_first = date.format("%d/%m/%Y").to_string();
            prop_assert_eq!(parse_date_time(&day_first, DateOrder::DayFirst).map(|d| d.day), Some(days));
            if (10_000..100_000).contains(&(days + 25_569)) {
                prop_assert_eq!(parse_date_time(&(days + 25_569).to_string(), DateOrder::MonthFirst).map(|d| d.day), Some(days));
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,40}") {
            let _ = parse_date_time(&text, DateOrder::MonthFirst);
            let _ = parse_date_time(&text, DateOrder::DayFirst);
        }
    }
}
