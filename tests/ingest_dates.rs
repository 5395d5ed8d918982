//! Dates that cannot be right (placeholders such as 1900-01-01, years before 1950 or far in the
//! future) are reported and kept out of the analyses unless the reading rules keep them; Excel
//! date-times at full precision read as their day (docs/methods.md, "Dates that cannot be right").

use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::ingest::{
    assemble, ingest_file, DateRange, IngestErrorKind, IngestOptions, IngestSettings, ParsedFile, RowProblem,
};
use ipvi::model::{day_from_ymd, iso, Day};
use ipvi::outcomes::{analyze, OutcomeSettings};

fn today() -> Day {
    day_from_ymd(2026, 11, 28).unwrap()
}

/// A CAD calls extract: three domestic calls a week from 2019 to 2020, then `extra` rows.
fn calls_csv(extra: &[&str]) -> String {
    let mut csv = String::from("NOPD_Item,TimeCreate,TypeText,BLOCK_ADDRESS\n");
    let first = day_from_ymd(2019, 1, 1).unwrap();
    for (i, day) in (first..first + 730).step_by(2).enumerate() {
        let date = ipvi::model::date_of(day).format("%m/%d/%Y 10:15:00 AM");
        csv.push_str(&format!("C{i},{date},DOMESTIC DISTURBANCE,{} Main St\n", i % 40));
    }
    for (i, date) in extra.iter().enumerate() {
        csv.push_str(&format!("X{i},{date},DOMESTIC DISTURBANCE,1 Main St\n"));
    }
    csv
}

fn read(csv: &str, keep: bool) -> ParsedFile {
    let settings = IngestSettings { keep_implausible_dates: keep, ..IngestSettings::default() };
    let options = IngestOptions { today: today(), ..IngestOptions::with_settings(settings) };
    ingest_file("calls.csv", csv.as_bytes(), &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The calls finding with the intervention starting on 2020-01-01.
fn calls_finding(file: &ParsedFile) -> String {
    let data = assemble([file]);
    let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
    let settings = OutcomeSettings { start: day_from_ymd(2020, 1, 1), ..OutcomeSettings::default() };
    analyze(&data, &classification, &settings).unwrap().calls.finding
}

#[test]
fn placeholder_dates_are_reported_and_left_out_so_calls_do_not_rise() {
    let plain = read(&calls_csv(&[]), false);
    let csv = calls_csv(&["01/01/1900 12:00:00 AM", "1/1/1900", "12/31/9999", "1899-12-30"]);
    let file = read(&csv, false);
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_kept), (plain.report.rows_read + 4, plain.report.rows_kept));
    assert_eq!(
        (r.first_day.map(iso), r.last_day.map(iso)),
        (plain.report.first_day.map(iso), plain.report.last_day.map(iso))
    );
    let group = &r.rejected[0];
    assert_eq!(group.problem, RowProblem::PlaceholderDate { column: "TimeCreate".into() });
    assert_eq!((group.count, group.first_lines.as_slice()), (4, &[367, 368, 369, 370][..]));
    assert!(
        r.to_text().contains(
            "4 x placeholder date (such as 1900-01-01 or 9999-12-31) in column \"TimeCreate\", left out of the \
             analyses (first at line 367, 368, 369, 370)"
        ),
        "{}",
        r.to_text()
    );
    assert_eq!(calls_finding(&file), calls_finding(&plain));
    assert!(calls_finding(&file).contains("changed little"), "{}", calls_finding(&file));
    // Kept, two rows of 1900 stretch the "before" period over 119 years: calls "rose".
    let kept = read(&calls_csv(&["01/01/1900 12:00:00 AM", "1/1/1900"]), true);
    assert!(calls_finding(&kept).contains("rose"), "{}", calls_finding(&kept));
}

#[test]
fn dates_before_1950_or_over_a_year_ahead_are_left_out_and_can_be_kept() {
    let csv = calls_csv(&["03/04/1949", "06/01/2100 09:00:00 PM", "0000-00-00", "2027-11-28"]);
    let file = read(&csv, false);
    let r = &file.report;
    let groups: Vec<(String, usize, Vec<u64>)> =
        r.rejected.iter().map(|g| (g.reason.clone(), g.count, g.first_lines.clone())).collect();
    assert_eq!(
        groups,
        [
            (
                "date before 1950-01-01 or after 2027-11-28 in column \"TimeCreate\", left out of the analyses".into(),
                2,
                vec![367, 368]
            ),
            (
                "placeholder date (such as 1900-01-01 or 9999-12-31) in column \"TimeCreate\", left out of the analyses"
                    .into(),
                1,
                vec![369]
            ),
        ]
    );
    assert_eq!(r.last_day.map(iso).as_deref(), Some("2027-11-28"), "a year after the day of reading is believed");
    assert_eq!(r.future_dates, 1);

    let kept = read(&csv, true);
    let r = &kept.report;
    assert_eq!((r.rows_kept, r.implausible_dates_kept), (file.report.rows_kept + 2, 2));
    assert_eq!((r.first_day.map(iso), r.last_day.map(iso)), (Some("1949-03-04".into()), Some("2100-06-01".into())));
    assert_eq!(r.rejected.len(), 1, "a zero date is no date, kept or not: {:?}", r.rejected);
    assert!(r.to_text().contains("placeholder or implausible dates kept (reading rules keep them): 2"));
}

#[test]
fn a_file_of_placeholder_dates_only_says_so() {
    let csv = "Case Number,Report Date,Suspect ID\nA1,1900-01-01,P1\nA2,1900-01-01,P2\n";
    let err = ingest_file("incidents.csv", csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert!(
        matches!(err.kind(), IngestErrorKind::NothingKept { problem: RowProblem::PlaceholderDate { .. }, rows: 2 }),
        "{err}"
    );
}

#[test]
fn saved_reading_rules_without_the_switch_still_read_and_leave_implausible_dates_out() {
    let settings: IngestSettings = serde_json::from_str(r#"{"mappings": []}"#).unwrap();
    assert!(!settings.keep_implausible_dates);
    let settings: IngestSettings = serde_json::from_str(r#"{"keep_implausible_dates": true}"#).unwrap();
    assert!(settings.keep_implausible_dates);
}

#[test]
fn excel_date_times_at_full_precision_read_as_their_day_and_negative_ones_are_named() {
    let tsv = "Client ID\tClient Role\tService Type\tContact Date\n\
               V1\tvictim\tAdvocacy\t44119.4583333333\n\
               P1\toffender\tCounseling\t44119.45833333333333\n\
               P2\toffender\tCounseling\t-44119.5\n\
               P3\toffender\tCounseling\t0\n\
               P4\toffender\tCounseling\t44120\n";
    let file = ingest_file("services.tsv", tsv.as_bytes(), &IngestOptions::default()).unwrap();
    let ipvi::ingest::TableRows::Services(s) = &file.rows else { panic!("not services") };
    assert_eq!(s.day.iter().map(|&d| iso(d)).collect::<Vec<_>>(), ["2020-10-15", "2020-10-15", "2020-10-16"]);
    let reasons: Vec<(&str, &[u64])> =
        file.report.rejected.iter().map(|g| (g.reason.as_str(), g.first_lines.as_slice())).collect();
    assert_eq!(
        reasons,
        [
            ("spreadsheet date number below zero (not a date) in column \"Contact Date\"", &[4][..]),
            (
                "placeholder date (such as 1900-01-01 or 9999-12-31) in column \"Contact Date\", left out of the analyses",
                &[5][..]
            ),
        ]
    );
}

/// The calls extract read with only the dates to load in `range` (a reading rule).
fn read_range(csv: &str, range: DateRange) -> Result<ParsedFile, ipvi::ingest::IngestError> {
    let settings = IngestSettings { date_range: range, ..IngestSettings::default() };
    let options = IngestOptions { today: today(), ..IngestOptions::with_settings(settings) };
    ingest_file("calls.csv", csv.as_bytes(), &options)
}

fn calls_days(file: &ParsedFile) -> Vec<Day> {
    let ipvi::ingest::TableRows::Calls(c) = &file.rows else { panic!("not calls") };
    c.day.clone()
}

#[test]
fn the_dates_to_load_leave_out_the_rows_dated_outside_them_and_count_them() {
    let csv = calls_csv(&["not a date"]);
    let whole = read(&csv, false);
    let (from, to) = (day_from_ymd(2019, 7, 1).unwrap(), day_from_ymd(2019, 12, 31).unwrap());
    let range = DateRange { from: Some(from), to: Some(to) };
    let part = read_range(&csv, range).unwrap();
    let in_range: Vec<Day> = calls_days(&whole).into_iter().filter(|&d| range.contains(d)).collect();
    assert!(!in_range.is_empty() && in_range.len() < calls_days(&whole).len() / 2);
    assert_eq!(calls_days(&part), in_range, "the rows in range, in file order, and no other");
    let (r, w) = (&part.report, &whole.report);
    assert_eq!((r.rows_kept, r.outside_dates), (in_range.len(), w.rows_kept - in_range.len()));
    assert_eq!(r.rows_read, in_range.len() + 1, "the rows in range and the row without a date");
    assert_eq!(r.rejected, w.rejected, "a row without a date is rejected, whatever the range");
    assert!(r.first_day >= Some(from) && r.last_day <= Some(to), "{:?} {:?}", r.first_day, r.last_day);
    assert!(r.fill.iter().all(|c| c.filled <= r.rows_read), "the columns' fill counts rows in range");
    assert!(r.to_text().contains(&format!(
        "dates to load (reading rules): from 2019-07-01 to 2019-12-31; rows dated outside them, left out: {}",
        r.outside_dates
    )));
    assert!(!w.to_text().contains("dates to load"), "said only when the rule is set");

    // Open at one end; the ends themselves are in.
    let since = read_range(&csv, DateRange { from: Some(to), to: None }).unwrap();
    assert_eq!(calls_days(&since), calls_days(&whole).into_iter().filter(|&d| d >= to).collect::<Vec<_>>());
    assert_eq!(DateRange { from: Some(to), to: None }.words(), "from 2019-12-31");
}

#[test]
fn dates_to_load_that_hold_no_row_say_so() {
    let csv = calls_csv(&[]);
    let range = DateRange { from: day_from_ymd(2023, 1, 1), to: day_from_ymd(2023, 12, 31) };
    let err = read_range(&csv, range).unwrap_err();
    let rows = calls_days(&read(&csv, false)).len();
    assert_eq!(err.kind(), &IngestErrorKind::NoneInDates { range, outside: rows });
    assert_eq!(
        err.to_string(),
        format!(
            "calls.csv: none of its {} rows is dated within the dates to load (from 2023-01-01 to 2023-12-31): \
             change the dates to load in the reading rules",
            ipvi::words::count(rows as u64)
        )
    );
}

#[test]
fn reading_rules_without_dates_to_load_load_every_date_and_keep_them_when_saved() {
    let settings: IngestSettings = serde_json::from_str(r#"{"mappings": []}"#).unwrap();
    assert!(settings.date_range.is_all());
    let range = DateRange { from: day_from_ymd(2019, 1, 1), to: None };
    let saved = serde_json::to_string(&IngestSettings { date_range: range, ..IngestSettings::default() }).unwrap();
    assert_eq!(serde_json::from_str::<IngestSettings>(&saved).unwrap().date_range, range);
}
