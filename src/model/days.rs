//! Day numbers and how dates are written.
//!
//! Dates are `Day`s (days since 1970-01-01, proleptic Gregorian) so that comparisons and gaps
//! are integer arithmetic.

use chrono::{Datelike, NaiveDate};

/// Days since 1970-01-01.
pub type Day = i32;

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
}
