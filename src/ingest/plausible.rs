//! Dates that a record system wrote for "no date": placeholders (1900-01-01, Excel's day zero,
//! 9999-12-31) and dates outside the window an extract can cover. Left in, two of them turn a
//! small fall in calls into a large rise, so they are kept out of the analyses unless the user
//! keeps them (`docs/methods.md`, "Dates that cannot be right").

use super::dates::days_from_civil;
use crate::model::{iso, Day};
use serde::{Deserialize, Serialize};

/// The earliest year a date in an extract is believed: IPV record systems are younger.
pub const EARLIEST_YEAR: i32 = 1950;
/// How far after the day the file is read a date may lie (scheduled court dates, typos aside).
pub const DAYS_AFTER_TODAY: Day = 365;

/// The dates to load, both ends included (either may be open): a reading rule. Rows dated
/// outside are left out of every file and counted in its quality report, so that a file too big
/// for a browser tab can be loaded in part (`docs/architecture.md`, "Limits").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateRange {
    pub from: Option<Day>,
    pub to: Option<Day>,
}

impl DateRange {
    pub fn contains(&self, day: Day) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// Whether every date is loaded.
    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// The range in words: "from 2019-01-01 to 2020-12-31", "from 2019-01-01", "all dates".
    pub fn words(&self) -> String {
        match (self.from, self.to) {
            (Some(from), Some(to)) => format!("from {} to {}", iso(from), iso(to)),
            (Some(from), None) => format!("from {}", iso(from)),
            (None, Some(to)) => format!("up to {}", iso(to)),
            (None, None) => "all dates".into(),
        }
    }
}

/// Why a date is not believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Implausible {
    /// A value record systems write for "no date".
    Placeholder,
    /// A real date outside the window from 1950-01-01 to a year after the day of reading.
    OutOfRange,
}

/// The window of believable dates for a file read on `today`: (first, last); `today` at its
/// maximum (not known) leaves the window open at the end.
pub fn window(today: Day) -> (Day, Day) {
    let first = days_from_civil(EARLIEST_YEAR, 1, 1).unwrap_or(Day::MIN);
    (first, today.saturating_add(DAYS_AFTER_TODAY))
}

/// Days record systems and spreadsheets write for "no date": Excel's day zero and one
/// (1899-12-30 and 1899-12-31 in some exports, 1900-01-01) and the "end of time" 9999-12-31.
fn placeholder_days() -> [Option<Day>; 4] {
    [
        days_from_civil(1899, 12, 30),
        days_from_civil(1899, 12, 31),
        days_from_civil(1900, 1, 1),
        days_from_civil(9999, 12, 31),
    ]
}

/// Whether a parsed day is a placeholder or outside the window of a file read on `today`.
pub fn check_day(day: Day, today: Day) -> Option<Implausible> {
    let (first, last) = window(today);
    if placeholder_days().contains(&Some(day)) {
        Some(Implausible::Placeholder)
    } else if day < first || day > last {
        Some(Implausible::OutOfRange)
    } else {
        None
    }
}

/// Whether a value that is no date is a "zero date": the spreadsheet date number 0, or three
/// numbers joined by `-`, `/` or `.` (a time may follow) whose year is below 1000 or whose
/// month or day is 0, as written for "no date" by databases (`0000-00-00`, `0001-01-01`) and
/// spreadsheets (`1900-01-00`).
pub fn is_zero_date(text: &str) -> bool {
    let text = text.trim();
    // Spreadsheet day zero written as a number (1900-01-00).
    if text.parse::<f64>().is_ok_and(|v| v == 0.0) {
        return true;
    }
    let date = text.split([' ', 'T']).next().unwrap_or("");
    let Some(sep) = date.chars().find(|c| matches!(c, '-' | '/' | '.')) else {
        return false;
    };
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    // The year is the part written with four digits (first in ISO, last in slashed dates).
    let Some(year_at) = parts.iter().position(|p| p.len() == 4) else {
        return false;
    };
    let year = number(parts[year_at]);
    let others = parts.iter().enumerate().filter(|&(i, _)| i != year_at).map(|(_, p)| number(p));
    year < 1000 || others.into_iter().any(|n| n == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day_from_ymd;

    fn day(y: i32, m: u32, d: u32) -> Day {
        day_from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn placeholders_and_dates_outside_the_window_are_told_apart() {
        let today = day(2026, 11, 28);
        for (y, m, d) in [(1900, 1, 1), (1899, 12, 30), (1899, 12, 31), (9999, 12, 31)] {
            assert_eq!(check_day(day(y, m, d), today), Some(Implausible::Placeholder), "{y}-{m}-{d}");
        }
        for (y, m, d) in [(1949, 12, 31), (1901, 6, 1), (2100, 1, 1), (2027, 11, 29)] {
            assert_eq!(check_day(day(y, m, d), today), Some(Implausible::OutOfRange), "{y}-{m}-{d}");
        }
        for (y, m, d) in [(1950, 1, 1), (2019, 3, 1), (2027, 11, 28)] {
            assert_eq!(check_day(day(y, m, d), today), None, "{y}-{m}-{d}");
        }
        assert_eq!(check_day(day(2100, 1, 1), Day::MAX), None, "no day of reading: no end to the window");
    }

    #[test]
    fn zero_dates_are_recognised_in_every_written_form() {
        for zero in
            ["0", "0.0", "0000-00-00", "0001-01-01", "1900-01-00", "0001-01-01T00:00:00", "00/00/0000", "1/0/1900"]
        {
            assert!(is_zero_date(zero), "{zero}");
        }
        for other in ["2019-03-01", "yesterday", "1234", "13/13/2019", "", "2019-03", "1900-01-01"] {
            assert!(!is_zero_date(other), "{other}");
        }
    }
}
