//! What each column holds, read from its first values (as DuckDB's and pandas' readers infer
//! types), and the fields a column's content gives away when its name does not: dates, a time
//! of day, and the offence text that says which incidents are intimate partner violence
//! (`docs/methods.md`, "How a file is read").

use super::dates::{parse_clock, parse_date_time, DateOrder};
use super::fields::{Field, Table};
use super::mapping::Mapping;
use super::values::{normalize, read_level, read_role};
use super::IpvRule;
use crate::model::NO_TIME;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Data rows read for the profiles.
pub const PROFILE_ROWS: usize = 200;

/// Words in an offence description or call type that mark intimate partner violence
/// (case-insensitive, part of the text is enough).
pub const IPV_WORDS: [&str; 4] = ["intimate partner", "domestic", "spousal", "dating violence"];

/// What one column's first values hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub column: String,
    /// Values that are not empty.
    pub filled: usize,
    /// Values read as a date (a bare number only in a column whose name says date).
    pub dates: usize,
    /// Dates that carry a time of day other than midnight.
    pub dates_with_time: usize,
    /// Values read as a time of day alone (13:30, 1:30 PM, hhmm).
    pub clock_times: usize,
    /// Values holding one of the IPV words.
    pub ipv_words: usize,
    /// Whole numbers that would be spreadsheet dates from 1990 to 2059 (32874 to 58439), in a
    /// column whose name does not say date.
    pub serials: usize,
    /// Values read as a level (A-D, "Level B", "tier d").
    pub levels: usize,
    /// Values read as a role (offender, victim-survivor).
    pub roles: usize,
    /// Values shaped like an id: one token of up to 24 letters, digits and `-_#/.`, with a digit.
    pub id_like: usize,
    pub distinct: usize,
    /// The mean day of the dates (to tell the day an incident occurred from the later day it
    /// was reported).
    pub mean_day: Option<f64>,
}

/// Whether a header names a date: "Date Rptd", "RPT_DT", "occurred on".
fn names_a_date(header: &str) -> bool {
    let h = normalize(header);
    h.contains("date") || h.ends_with("dt") || h.starts_with("dt") || h.contains("day")
}

/// Whether a header names a time of day: "TIME OCC", "Hour".
fn names_a_time(header: &str) -> bool {
    let h = normalize(header);
    (h.contains("time") || h.contains("hour") || h.ends_with("tm")) && !h.contains("date")
}

/// One token of up to 24 letters, digits and `-_#/.` with at least one digit: `P0001234`,
/// `12-004711`, `SUS#88`.
fn looks_like_id(value: &str) -> bool {
    value.len() <= 24
        && value.bytes().any(|b| b.is_ascii_digit())
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_#/.".contains(&b))
}

/// A value that is a level and nothing else: `B`, `Level B`, `Tier d` (not `A-1`, a case
/// number, which `read_level` would read in a column already known to hold levels).
fn is_level(value: &str) -> bool {
    let n = normalize(value);
    let letter = n.strip_prefix("level").or_else(|| n.strip_prefix("tier")).unwrap_or(&n);
    letter.len() == 1 && read_level(letter).is_some()
}

/// Profiles each column of `rows` (the first data rows as written).
pub fn profile(headers: &[String], rows: &[Vec<String>]) -> Vec<ColumnProfile> {
    headers
        .iter()
        .enumerate()
        .map(|(j, header)| {
            let values: Vec<&str> =
                rows.iter().filter_map(|r| r.get(j)).map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
            let bare_numbers_are_dates = names_a_date(header);
            let mut p = ColumnProfile { column: header.clone(), filled: values.len(), ..ColumnProfile::default() };
            let mut days = Vec::new();
            for v in &values {
                // A bare number is a date (an Excel serial) only under a date's name, or with a
                // time of day as its fraction (43525.5): zip codes and counts are not dates.
                let numeric = v.parse::<f64>().is_ok() && !v.contains('.');
                if let Some(at) =
                    parse_date_time(v, DateOrder::MonthFirst).filter(|_| !numeric || bare_numbers_are_dates)
                {
                    days.push(f64::from(at.day));
                    p.dates_with_time += usize::from(at.minute != NO_TIME && at.minute != 0);
                } else if parse_clock(v).is_some() {
                    p.clock_times += 1;
                } else if numeric && v.parse::<u32>().is_ok_and(|n| (32_874..58_440).contains(&n)) {
                    p.serials += 1;
                }
                let lower = v.to_lowercase();
                p.ipv_words += usize::from(IPV_WORDS.iter().any(|w| lower.contains(w)));
                p.id_like += usize::from(looks_like_id(v));
                p.levels += usize::from(is_level(v));
                p.roles += usize::from(read_role(v).is_some());
            }
            p.dates = days.len();
            p.mean_day = (!days.is_empty()).then(|| days.iter().sum::<f64>() / days.len() as f64);
            p.distinct = values.iter().collect::<HashSet<_>>().len();
            p
        })
        .collect()
}

/// The table a file holds when its header names say nothing: a column of levels A-D makes it
/// notifications, a column of roles (offender, victim) services; `None` otherwise.
pub fn table_by_content(profiles: &[ColumnProfile]) -> Option<Table> {
    if profiles.iter().any(|p| p.dates == 0 && most(p.levels, p.filled)) {
        Some(Table::Notifications)
    } else if profiles.iter().any(|p| most(p.roles, p.filled)) {
        Some(Table::Services)
    } else {
        None
    }
}

/// A field mapped from a column's content, said in the quality report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContentChoice {
    pub column: String,
    pub field: Field,
    /// Why, in words: "182 of 200 values are dates; chosen over "Date Rptd": ...".
    pub evidence: String,
}

/// Most of the filled values (at least 9 in 10, and at least one).
fn most(n: usize, of: usize) -> bool {
    of > 0 && n * 10 >= of * 9
}

/// How strongly a date column's name says the day of the event rather than of its report:
/// the occurrence comes first, so it is preferred (docs/methods.md).
fn occurrence_rank(header: &str) -> u8 {
    let h = normalize(header);
    if ["occ", "offen", "incident", "event", "commit", "happen"].iter().any(|w| h.contains(w)) {
        2
    } else if ["rpt", "report", "enter", "creat", "receiv", "updat", "modif"].iter().any(|w| h.contains(w)) {
        0
    } else {
        1
    }
}

/// Fields the names left unmapped that the content gives: the date (the occurrence date when
/// two columns hold dates), the person where the table requires one, a time-of-day column
/// beside a date without times, and for incidents and calls the offence or call-type column
/// whose text says IPV.
pub fn map_by_content(mapping: &mut Mapping, profiles: &[ColumnProfile]) -> Vec<ContentChoice> {
    let mut choices = Vec::new();
    let free = |m: &Mapping, j: usize| m.columns.get(j).is_some_and(Option::is_none);
    if mapping.column(Field::Date).is_none() {
        let mut dated: Vec<(usize, &ColumnProfile)> =
            profiles.iter().enumerate().filter(|(j, p)| free(mapping, *j) && most(p.dates, p.filled)).collect();
        // The occurrence by name, then the earlier dates (an event precedes its report).
        dated.sort_by(|(_, a), (_, b)| {
            occurrence_rank(&b.column)
                .cmp(&occurrence_rank(&a.column))
                .then(a.mean_day.partial_cmp(&b.mean_day).unwrap_or(std::cmp::Ordering::Equal))
        });
        // No column of written dates: a column of whole numbers in the range of spreadsheet
        // dates, said as such so that the user checks it (a zip code could look the same).
        if dated.is_empty() {
            let serials = profiles.iter().enumerate().find(|(j, p)| free(mapping, *j) && most(p.serials, p.filled));
            if let Some((j, p)) = serials {
                let evidence = format!(
                    "{} of {} values are whole numbers read as spreadsheet dates (days since 30 Dec 1899); check the dates",
                    p.serials, p.filled
                );
                choices.push(choose(mapping, j, p, Field::Date, evidence));
            }
        }
        if let Some(&(j, best)) = dated.first() {
            let mut evidence = format!("{} of {} values are dates", best.dates, best.filled);
            if let Some((_, other)) = dated.get(1) {
                evidence.push_str(&format!(
                    "; chosen over \"{}\" (also dates): the day an incident occurred comes before the day it was reported",
                    other.column
                ));
            }
            choices.push(choose(mapping, j, best, Field::Date, evidence));
        }
    }
    // Tables that cannot do without the person (notifications, services, sanctions) list them
    // first: the leftmost column of ids that repeat (a person has several rows) is the person.
    if mapping.table.required().contains(&Field::Person) && mapping.column(Field::Person).is_none() {
        let ids = profiles
            .iter()
            .enumerate()
            .find(|(j, p)| free(mapping, *j) && p.dates == 0 && most(p.id_like, p.filled) && p.distinct < p.filled);
        if let Some((j, p)) = ids {
            let evidence = format!(
                "{} of {} values are ids, {} distinct (ids that repeat, the first such column); check it is the person's",
                p.id_like, p.filled, p.distinct
            );
            choices.push(choose(mapping, j, p, Field::Person, evidence));
        }
    }
    // Services (and notifications) say whom they were for: a column of roles.
    if mapping.table.fields().contains(&Field::Role) && mapping.column(Field::Role).is_none() {
        let roles = profiles.iter().enumerate().find(|(j, p)| free(mapping, *j) && most(p.roles, p.filled));
        if let Some((j, p)) = roles {
            let evidence = format!("{} of {} values are roles (offender, victim-survivor)", p.roles, p.filled);
            choices.push(choose(mapping, j, p, Field::Role, evidence));
        }
    }
    // Notifications need the level each was at: a column of levels A-D.
    if mapping.table.fields().contains(&Field::Level) && mapping.column(Field::Level).is_none() {
        let levels = profiles.iter().enumerate().find(|(j, p)| free(mapping, *j) && most(p.levels, p.filled));
        if let Some((j, p)) = levels {
            let evidence = format!("{} of {} values are levels A-D", p.levels, p.filled);
            choices.push(choose(mapping, j, p, Field::Level, evidence));
        }
    }
    let date_has_times = mapping.column(Field::Date).is_some_and(|j| profiles[j].dates_with_time > 0);
    if mapping.table.fields().contains(&Field::Time) && mapping.column(Field::Time).is_none() && !date_has_times {
        let time = profiles
            .iter()
            .enumerate()
            .find(|(j, p)| free(mapping, *j) && names_a_time(&p.column) && most(p.clock_times, p.filled));
        if let Some((j, p)) = time {
            let evidence = format!("{} of {} values are times of day", p.clock_times, p.filled);
            choices.push(choose(mapping, j, p, Field::Time, evidence));
        }
    }
    if matches!(mapping.table, Table::Incidents | Table::Calls) && mapping.column(Field::Kind).is_none() {
        let text = profiles
            .iter()
            .enumerate()
            .filter(|(j, p)| free(mapping, *j) && p.ipv_words > 0 && p.dates == 0)
            .max_by_key(|(_, p)| p.ipv_words);
        if let Some((j, p)) = text {
            let evidence = format!("{} of {} values name intimate partner or domestic violence", p.ipv_words, p.filled);
            choices.push(choose(mapping, j, p, Field::Kind, evidence));
        }
    }
    choices
}

/// The IPV rule to read a file with when the user's is the default (the domestic flag) but the
/// file has no domestic flag or relationship column, and its offence or call-type column names
/// intimate partner or domestic violence: rows whose text holds one of [`IPV_WORDS`] count.
/// `None`: the user's rule stands.
pub fn ipv_by_offence_text(rule: &IpvRule, mapping: &Mapping, profiles: &[ColumnProfile]) -> Option<IpvRule> {
    let untouched = *rule == IpvRule::default();
    let no_flag = mapping.column(Field::Domestic).is_none() && mapping.column(Field::Relationship).is_none();
    let words = mapping.column(Field::Kind).is_some_and(|j| profiles.get(j).is_some_and(|p| p.ipv_words > 0));
    (untouched && no_flag && words && matches!(mapping.table, Table::Incidents | Table::Calls))
        .then(|| IpvRule { kinds: IPV_WORDS.map(String::from).to_vec(), ..IpvRule::default() })
}

fn choose(mapping: &mut Mapping, j: usize, p: &ColumnProfile, field: Field, evidence: String) -> ContentChoice {
    mapping.columns[j] = Some(field);
    ContentChoice { column: p.column.clone(), field, evidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.split(',').map(String::from).collect()).collect()
    }

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(String::from).collect()
    }

    #[test]
    fn dates_found_by_content_prefer_the_occurrence() {
        let h = headers("DR_NO,Date Rptd,DATE OCC,TIME OCC,Crm Cd Desc");
        let r = rows(&[
            "190326475,03/01/2020 12:00:00 AM,03/01/2020 12:00:00 AM,2130,INTIMATE PARTNER - SIMPLE ASSAULT",
            "200106753,09/09/2020 12:00:00 AM,09/08/2020 12:00:00 AM,1800,BURGLARY FROM VEHICLE",
            "200320258,11/11/2020 12:00:00 AM,11/04/2020 12:00:00 AM,5,INTIMATE PARTNER - AGGRAVATED ASSAULT",
        ]);
        let p = profile(&h, &r);
        assert_eq!((p[0].dates, p[1].dates, p[2].dates, p[3].clock_times, p[4].ipv_words), (0, 3, 3, 3, 2));
        let mut m = Mapping { table: Table::Incidents, columns: vec![None; 5] };
        let choices = map_by_content(&mut m, &p);
        assert_eq!(m.columns, [None, None, Some(Field::Date), Some(Field::Time), Some(Field::Kind)]);
        assert!(choices[0].evidence.contains("chosen over \"Date Rptd\""), "{:?}", choices[0]);
    }

    #[test]
    fn without_names_the_earlier_dates_are_the_occurrence_and_bare_numbers_need_a_date_name() {
        let h = headers("a,b,zip,serial date");
        let r = rows(&["2020-03-05,2020-03-02,30301,43990", "2020-04-05,2020-04-01,30302,43991"]);
        let p = profile(&h, &r);
        assert_eq!((p[2].dates, p[3].dates), (0, 2), "a zip code is not an Excel date");
        let mut m = Mapping { table: Table::Calls, columns: vec![None; 4] };
        map_by_content(&mut m, &p);
        assert_eq!(m.column(Field::Date), Some(1));
    }

    #[test]
    fn a_mapped_date_is_left_as_it_is() {
        let h = headers("Date,Occurred");
        let p = profile(&h, &rows(&["2020-03-05,2020-03-01"]));
        let mut m = Mapping { table: Table::Incidents, columns: vec![Some(Field::Date), None] };
        assert!(map_by_content(&mut m, &p).is_empty());
        assert_eq!(m.columns, [Some(Field::Date), None]);
    }

    #[test]
    fn levels_are_values_that_are_a_level_and_nothing_else() {
        assert!(is_level("B") && is_level("Level C") && is_level("tier d") && is_level(" A "));
        assert!(!is_level("A-1") && !is_level("ASSAULT") && !is_level("Plan B") && !is_level("AB"));
    }

    #[test]
    fn whole_numbers_are_dates_only_when_no_column_is_written_as_dates() {
        let h = headers("client,code,when");
        let p = profile(&h, &rows(&["C1,12,43900", "C2,14,43990", "C1,12,44001"]));
        assert_eq!((p[1].serials, p[2].serials), (0, 3));
        let mut m = Mapping { table: Table::Services, columns: vec![None; 3] };
        let choices = map_by_content(&mut m, &p);
        assert_eq!(m.columns, [Some(Field::Person), None, Some(Field::Date)]);
        assert!(choices.iter().any(|c| c.evidence.contains("read as spreadsheet dates")), "{choices:?}");
        // Beside a column of written dates, the numbers stay numbers.
        let h = headers("client,when,day");
        let p = profile(&h, &rows(&["C1,43900,2020-03-01", "C1,43990,2020-03-02"]));
        let mut m = Mapping { table: Table::Services, columns: vec![None; 3] };
        map_by_content(&mut m, &p);
        assert_eq!(m.column(Field::Date), Some(2));
    }
}
