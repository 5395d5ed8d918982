//! Extracts shaped like real records-system and open-data exports (written here, not copied
//! from any agency), read with no help from the user: columns whose names the workbench does
//! not know are mapped by their content, and the IPV rows are picked from offence text.

use ipvi::ingest::{ingest_file, Field, IngestOptions, ParsedFile, Table};
use ipvi::model::{day_from_ymd, iso};

const OFFENCES: [&str; 5] = [
    "INTIMATE PARTNER - SIMPLE ASSAULT",
    "BURGLARY FROM VEHICLE",
    "INTIMATE PARTNER - AGGRAVATED ASSAULT",
    "THEFT OF IDENTITY",
    "VEHICLE - STOLEN",
];

/// An open-data crime extract in the shape of a large city's: a reported and an occurred date
/// written as date-times at midnight, the time occurred as hhmm without leading zeros, and the
/// offence as text. Row `i` occurred on day `i` of 2020 and was reported `i % 9` days later.
fn open_data_extract(rows: usize) -> String {
    let mut out = String::from(
        "DR_NO,Date Rptd,DATE OCC,TIME OCC,AREA,AREA NAME,Rpt Dist No,Crm Cd,Crm Cd Desc,Vict Age,Vict Sex,Premis Desc,LOCATION,LAT,LON\n",
    );
    let start = day_from_ymd(2020, 1, 1).unwrap();
    let us = |day: i32| {
        let iso = iso(day);
        format!("{}/{}/{} 12:00:00 AM", &iso[5..7], &iso[8..10], &iso[0..4])
    };
    for i in 0..rows {
        let occurred = start + i as i32;
        let time = (i * 37) % 24 * 100 + (i * 13) % 60;
        let offence = OFFENCES[i % OFFENCES.len()];
        out.push_str(&format!(
            "{},{},{},{time},{},AREA {},{},{},{offence},{},{},SINGLE FAMILY DWELLING,{} W MAIN ST,34.0{i},-118.2{i}\n",
            200_100_000 + i,
            us(occurred + (i % 9) as i32),
            us(occurred),
            i % 21 + 1,
            i % 21 + 1,
            1000 + i,
            624 + i % 5,
            20 + i % 50,
            if i % 2 == 0 { "F" } else { "M" },
            100 + i,
        ));
    }
    out
}

fn read(name: &str, text: &str) -> ParsedFile {
    ingest_file(name, text.as_bytes(), &IngestOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_open_data_extract_maps_dates_time_and_ipv_text_by_content() {
    let rows = 200;
    let file = read("crime_data.csv", &open_data_extract(rows));
    let report = &file.report;
    assert_eq!(file.mapping.table, Table::Incidents);
    let column = |field| file.mapping.column(field).map(|j| file.headers[j].as_str());
    assert_eq!(column(Field::Date), Some("DATE OCC"), "occurred, not reported");
    assert_eq!(column(Field::Time), Some("TIME OCC"));
    assert_eq!(column(Field::Kind), Some("Crm Cd Desc"));
    assert_eq!((report.rows_read, report.rows_kept), (rows, rows));
    let first = day_from_ymd(2020, 1, 1).unwrap();
    assert_eq!((report.first_day, report.last_day), (Some(first), Some(first + rows as i32 - 1)));
    // Two of five offences are intimate partner offences.
    assert_eq!(report.ipv_rows, Some(rows * 2 / 5));
    let values: Vec<&str> = report.ipv_values.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(values, ["INTIMATE PARTNER - AGGRAVATED ASSAULT", "INTIMATE PARTNER - SIMPLE ASSAULT"]);
    // Each decision is said: the date (and the column it was preferred to), the time, the
    // offence column and the IPV rule.
    let said = report.decisions.join("\n");
    assert!(said.contains("column \"DATE OCC\" is read as the date (and time) by its content: 200 of 200 values are dates; chosen over \"Date Rptd\""), "{said}");
    assert!(said.contains("column \"TIME OCC\" is read as the time of day by its content"), "{said}");
    assert!(said.contains("IPV rows are those whose \"Crm Cd Desc\" holds"), "{said}");
    // The hhmm time is read as hours and minutes.
    let incidents = match &file.rows {
        ipvi::ingest::TableRows::Incidents(t) => t,
        _ => unreachable!(),
    };
    for i in [0usize, 1, 7] {
        let time = (i * 37) % 24 * 100 + (i * 13) % 60;
        assert_eq!(usize::from(incidents.minute[i]), time / 100 * 60 + time % 100, "row {i}");
    }
}

#[test]
fn the_users_reading_rules_still_win_over_content() {
    let text = open_data_extract(20);
    let rules = ipvi::ingest::IngestSettings {
        ipv: ipvi::ingest::IpvRules {
            incidents: ipvi::ingest::IpvRule { kinds: vec!["aggravated".into()], ..Default::default() },
            ..Default::default()
        },
        ..Default::default()
    };
    let file = ingest_file("crime_data.csv", text.as_bytes(), &IngestOptions::with_settings(rules)).unwrap();
    assert_eq!(file.report.ipv_rows, Some(4), "only the user's word");
    assert!(!file.report.decisions.iter().any(|d| d.starts_with("IPV rows")));
}

#[test]
fn a_spreadsheet_export_with_titles_and_a_total_row_reads_clean() {
    let mut text = String::from("Domestic incidents report,,,\nRun 2021-02-01 by analyst,,,\n,,,\n");
    text.push_str("Incident,Occurred,Suspect,Offense\n");
    for i in 1..=30 {
        text.push_str(&format!("I-{i},2021-01-{i:02},S{},DOMESTIC BATTERY\n", i % 7));
    }
    text.push_str("Total,,,30\n");
    let file = read("report.csv", &text);
    let r = &file.report;
    assert_eq!((r.title_lines, r.rows_read, r.rows_kept), (3, 31, 30));
    assert_eq!(r.rejected[0].reason, "a total or summary row, not a record: left out");
    assert_eq!(r.rejected[0].first_lines, [35]);
    assert_eq!((r.first_day, r.last_day), (day_from_ymd(2021, 1, 1), day_from_ymd(2021, 1, 30)));
    assert_eq!(r.ipv_rows, Some(30));
    assert_eq!(file.people.len(), 7);
}

mod renamed_demo {
    use super::*;
    use ipvi::export::{write_extracts, ExtractStyle};
    use ipvi::synth::{generate, DemoParams};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// The demo's incidents and calls extracts (clean and messy), made once.
    fn extracts() -> &'static [(Table, String)] {
        static FILES: OnceLock<Vec<(Table, String)>> = OnceLock::new();
        FILES.get_or_init(|| {
            let data = generate(&DemoParams { people: 300, seed: 5, ..DemoParams::default() }).unwrap();
            let mut out = Vec::new();
            for style in [ExtractStyle::Clean, ExtractStyle::Messy] {
                let files = write_extracts(&data, style);
                for (table, file) in Table::ALL.into_iter().zip(&files) {
                    let (text, _) = ipvi::ingest::sniff::decode(&file.bytes).unwrap();
                    out.push((table, text.into_owned()));
                }
            }
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the headers are called, every field a table requires (the date; the person
        /// for notifications, services and sanctions) is found by content, in the column the
        /// extract writes it to.
        #[test]
        fn any_header_names_still_map_the_required_fields(seed in any::<u64>(), which in 0usize..10) {
            let (table, text) = &extracts()[which];
            let (header, rest) = text.split_once('\n').unwrap();
            let delimiter = [',', ';', '\t'].into_iter().max_by_key(|d| header.matches(*d).count()).unwrap();
            let width = header.split(delimiter).count();
            let names: Vec<String> = (0..width).map(|j| format!("c{:x}", seed.rotate_left(j as u32 * 7) % 0xfffff)).collect();
            let renamed = format!("{}\n{rest}", names.join(&delimiter.to_string()));
            let original = ingest_file("original.csv", text.as_bytes(), &IngestOptions { table: Some(*table), ..IngestOptions::default() }).unwrap();
            let options = IngestOptions { table: Some(*table), ..IngestOptions::default() };
            let file = ingest_file("renamed.csv", renamed.as_bytes(), &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for &field in table.required() {
                prop_assert_eq!(file.mapping.column(field), original.mapping.column(field), "{:?}", field);
            }
            prop_assert_eq!(file.report.rows_kept, original.report.rows_kept);
            // Notifications (a column of levels) and services (a column of roles) are told by
            // their content too, without being told the table.
            if matches!(table, Table::Notifications | Table::Services) {
                let found = ingest_file("renamed.csv", renamed.as_bytes(), &IngestOptions::default())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(found.mapping.table, *table);
            }
            prop_assert_eq!((file.report.first_day, file.report.last_day), (original.report.first_day, original.report.last_day));
        }
    }
}

#[test]
fn a_composite_id_from_name_and_birth_date_lets_a_file_without_ids_classify() {
    let text = "Case,Date,Suspect Name,Suspect DOB,Offense,Domestic\n\
                C1,2021-01-03,SMITH JOHN,1980-04-02,ASSAULT,Y\n\
                C2,2021-02-03,SMITH JOHN,1980-04-02,ASSAULT,Y\n\
                C3,2021-02-05,SMITH JOHN,1991-07-01,ASSAULT,Y\n\
                C4,2021-03-01,,,ASSAULT,Y\n";
    let file = read("no_ids.csv", text);
    assert_eq!(file.mapping.column(Field::Person), None);
    assert!(file.report.warnings.iter().any(|w| w.contains("map two (such as name and date of birth)")));
    use Field::*;
    let columns = vec![Some(RecordId), Some(Date), Some(Person), Some(Person), Some(Kind), Some(Domestic)];
    let options = IngestOptions { mapping: Some(columns), ..IngestOptions::default() };
    let file = ingest_file("no_ids.csv", text.as_bytes(), &options).unwrap();
    let names: Vec<&str> = (0..file.people.len() as u32).map(|p| file.people.name(p)).collect();
    assert_eq!(names, ["SMITH JOHN / 1980-04-02", "SMITH JOHN / 1991-07-01"]);
    assert_eq!(file.report.missing_person, 1);
    let warning = "the suspect id is built from \"Suspect Name\" and \"Suspect DOB\" together";
    assert!(file.report.warnings.iter().any(|w| w.starts_with(warning)), "{:?}", file.report.warnings);
    let data = ipvi::ingest::assemble([&file]);
    let result = ipvi::classify::classify(
        &data,
        &ipvi::classify::Criteria::ipvi_default(),
        ipvi::classify::NotificationMode::Simulated,
    );
    assert_eq!(result.people.len(), 2);
}

#[test]
fn repeated_columns_of_a_join_are_kept_apart_and_read_once() {
    // A join that repeats the occurrence date; the IPV rows are told by the offence text.
    let mut text = String::from("DR_NO,DATE OCC,Crm Cd Desc,DATE OCC,Status\n");
    for i in 0..10 {
        let offence = if i % 2 == 0 { "INTIMATE PARTNER - SIMPLE ASSAULT" } else { "ROBBERY" };
        text.push_str(&format!("{},2021-05-{:02},{offence},2021-05-{:02},IC\n", 210_000 + i, i + 1, i + 1));
    }
    let file = read("joined.csv", &text);
    assert_eq!(file.headers, ["DR_NO", "DATE OCC", "Crm Cd Desc", "DATE OCC (2)", "Status"]);
    assert_eq!(file.mapping.column(Field::Date), Some(1));
    let r = &file.report;
    assert_eq!((r.rows_kept, r.ipv_rows), (10, Some(5)));
    assert_eq!((r.first_day, r.last_day), (day_from_ymd(2021, 5, 1), day_from_ymd(2021, 5, 10)));
}
