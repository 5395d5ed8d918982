use super::read::parse_month;
use super::*;
use crate::ingest::{assemble, ingest_file, IngestOptions};
use crate::model::{day_from_ymd, Calls, Flags, Ids, Incidents, NO_TIME};
use std::sync::Arc;

fn read(text: &str) -> Result<AreaPanel, ComparisonError> {
    read_comparison("comparison.csv", text.as_bytes())
}

fn month(year: i32, month1: i32) -> i32 {
    year * 12 + month1 - 1
}

#[test]
fn the_long_form_reads_areas_by_month() {
    let panel =
        read("area,month,count\nNorth,2019-01,3\nSouth,2019-01,10\nNorth,2019-02,4\nSouth,2019-02,0\n").unwrap();
    assert_eq!(panel.areas, ["North", "South"]);
    assert_eq!((panel.first_month, panel.months()), (month(2019, 1), 2));
    assert_eq!(panel.counts, [vec![3.0, 4.0], vec![10.0, 0.0]]);
    assert_eq!((panel.source.as_str(), panel.warnings.len()), ("comparison.csv", 0));
    assert_eq!(panel.describe(), "2 areas, January 2019 to February 2019 (2 months)");
    assert_eq!((panel.series("South"), panel.area_index("East")), (Some(&[10.0, 0.0][..]), None));
    assert_eq!(panel.count(0, month(2019, 2)), Some(4.0));
    // Other header names, other column orders, months in each form.
    let other =
        read("Calls;District;Period\n3;North;01/2019\n10;South;1/2019\n4;North;2019-02-28\n0;South;2019-02-01\n")
            .unwrap();
    assert_eq!(other.counts, panel.counts);
}

#[test]
fn the_wide_form_reads_with_a_semicolon_a_byte_order_mark_and_quotes() {
    let text = "\u{feff}Month;\"Beat 1; North\";Beat 2\n2019-01;3;10\n2019-02;4;0\n2019-03;\"5\";1\n";
    let panel = read(text).unwrap();
    assert_eq!(panel.areas, ["Beat 1; North", "Beat 2"]);
    assert_eq!(panel.counts, [vec![3.0, 4.0, 5.0], vec![10.0, 0.0, 1.0]]);
    // Title lines above the header are passed over.
    let titled = read("IPV calls by beat\n\nmonth,A,B\n2020-11,1,2\n2020-12,3,4\n").unwrap();
    assert_eq!(titled.counts, [vec![1.0, 3.0], vec![2.0, 4.0]]);
    // A month column headed otherwise is recognised by its months.
    let panel = read("when,A,B\n2020-11,1,2\n2020-12,3,4\n").unwrap();
    assert_eq!((panel.first_month, panel.areas.len()), (month(2020, 11), 2));
}

#[test]
fn windows_1252_area_names_are_read_as_their_letters() {
    let bytes =
        b"area,month,count\nSAINT-JOS\xC9,2019-01,1\nSAINT-JOS\xC9,2019-02,2\nPE\xD1A,2019-01,3\nPE\xD1A,2019-02,4\n";
    let panel = read_comparison("c.csv", bytes).unwrap();
    assert_eq!(panel.areas, ["SAINT-JOSÉ", "PEÑA"]);
}

#[test]
fn months_take_three_forms_and_nothing_else() {
    assert_eq!(parse_month("2019-03"), Some(month(2019, 3)));
    assert_eq!(parse_month("2019-03-31"), Some(month(2019, 3)));
    assert_eq!(parse_month("03/2019"), Some(month(2019, 3)));
    for bad in ["2019-13", "2019-02-30", "2019", "March 2019", "19-03", "2019/03", "+3/2019", ""] {
        assert_eq!(parse_month(bad), None, "{bad}");
    }
}

#[test]
fn each_error_names_the_file_the_line_and_the_field() {
    let head = "area,month,count\nA,2019-01,1\nB,2019-01,2\n";
    let error = read(&format!("{head}A,2019-02,12.5\n")).unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv line 4, count: \"12.5\" is not a whole number of at least 0");
    assert_eq!((error.line, error.field()), (Some(4), Some("count")));
    let error = read(&format!("{head}A,Feb 2019,1\n")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "comparison.csv line 4, month: \"Feb 2019\" is not a month (expected YYYY-MM, YYYY-MM-DD or MM/YYYY)"
    );
    assert_eq!(read(&format!("{head}A,2019-02,-1\n")).unwrap_err().line, Some(4));
    let error = read(&format!("{head}B,2019-01-15,7\n")).unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv line 4: area \"B\", month 2019-01 is already on line 3");
    let error = read("month,A,B\n2019-01,1,2\n2019-02,1,2\n2019-01,1,2\n").unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv line 4: month 2019-01 is already on line 2");
    let error = read(&format!("{head},2019-02,1\n")).unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv line 4, area: the area is empty");
    let error = read(&format!("{head}A,2019-02\n")).unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv line 4: 2 fields where the header has 3");
    let error = read("area,month,count\nA,2019-01,1\nA,2019-02,2\n").unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv: 1 area to compare; at least 2 are needed");
    let error = read(head).unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv: 1 month; at least 2 are needed");
    let error = read("name,value\nx,1\n").unwrap_err();
    assert!(matches!(error.kind, ComparisonErrorKind::UnknownForm { .. }), "{error}");
    assert!(error.to_string().contains("(name, value) has neither"), "{error}");
    let error = read("month,A,A\n2019-01,1,2\n").unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv line 1: two columns are named \"A\"; each area needs its own column");
    assert!(matches!(read_comparison("c.csv", b"").unwrap_err().kind, ComparisonErrorKind::Unreadable { .. }));
}

#[test]
fn an_area_missing_a_month_is_left_out_with_a_warning() {
    let text = "month,A,B,C\n2019-01,1,2,3\n2019-02,1,,3\n2019-03,1,2,3\n";
    let panel = read(text).unwrap();
    assert_eq!(panel.areas, ["A", "C"]);
    assert_eq!(panel.warnings, ["\"B\" is left out: it has no count for February 2019"]);
    // In the long form a missing row is a missing month; the span is every area's.
    let panel = read("area,month,count\nA,2019-01,1\nA,2019-03,1\nB,2019-01,1\nB,2019-02,1\nB,2019-03,1\nC,2019-01,0\nC,2019-02,0\nC,2019-03,0\n")
        .unwrap();
    assert_eq!(
        (panel.areas.len(), panel.warnings[0].as_str()),
        (2, "\"A\" is left out: it has no count for February 2019")
    );
    let error = read("month,A,B\n2019-01,1,\n2019-02,,2\n").unwrap_err();
    assert_eq!(error.to_string(), "comparison.csv: no area has a count for every month; each area needs every month");
}

/// Calls on given days with areas (`None`: no area), and whether each is IPV.
fn calls(labels: &mut Ids, rows: &[(i32, Option<&str>, bool)]) -> Calls {
    let mut c = Calls::default();
    for (i, &(day, area, ipv)) in rows.iter().enumerate() {
        c.call_id.push(labels.intern(&format!("K{i}")));
        c.day.push(day);
        c.minute.push(NO_TIME);
        c.address.push(NO_ID);
        c.call_type.push(NO_ID);
        c.flags.push(Flags::default().with(Flags::IPV, ipv));
        c.area.push(area.map_or(NO_ID, |a| labels.intern(a)));
    }
    c
}

#[test]
fn the_loaded_calls_are_counted_by_area_and_month() {
    let jan = day_from_ymd(2019, 1, 10).unwrap();
    let feb = day_from_ymd(2019, 2, 3).unwrap();
    let mut labels = Ids::default();
    let rows = [
        (jan, Some("B2"), true),
        (jan, Some("B1"), true),
        (jan, Some("B1"), true),
        (feb, Some("B1"), true),
        (feb, Some("B1"), false),
        (feb, None, true),
    ];
    let c = calls(&mut labels, &rows);
    let data = Dataset { calls: Some(Arc::new(c)), labels: Arc::new(labels), ..Dataset::default() };
    let panel = panel_from_data(&data, "Beat").unwrap();
    assert_eq!(panel.areas, ["B1", "B2"]);
    assert_eq!(panel.counts, [vec![2.0, 1.0], vec![1.0, 0.0]], "the call that is not IPV is not counted");
    assert_eq!(panel.source, "area column Beat");
    assert_eq!(panel.warnings, ["1 of 5 IPV calls for service have no area and are left out of the comparison areas"]);

    // Without a calls extract the IPV incidents are counted, as the calls-for-service analysis does.
    let mut inc = Incidents::default();
    inc.day.extend([jan, feb]);
    inc.flags.extend([Flags::default().with(Flags::IPV, true); 2]);
    let data = Dataset { incidents: Arc::new(inc), ..Dataset::default() };
    let error = panel_from_data(&data, "Beat").unwrap_err();
    assert_eq!(
        error.to_string(),
        "area column Beat: the IPV incidents have no area column (beat, district, sector, ...): choose it in the \
         file's column mapping on the Data page"
    );
}

#[test]
fn an_extract_with_a_beat_column_gives_its_panel_through_the_parser() {
    let mut text = String::from("Call Number,Time Created,Call Type,Beat\n");
    for (i, (date, beat)) in
        [("2019-01-05", "1A"), ("2019-01-20", "2B"), ("2019-02-11", "1A"), ("2019-03-02", "2B"), ("2019-03-09", "")]
            .iter()
            .enumerate()
    {
        text.push_str(&format!("K{i},{date} 21:00,DOMESTIC DISTURBANCE,{beat}\n"));
    }
    text.push_str("K9,2019-02-01 10:00,THEFT,1A\n");
    let parsed = ingest_file("calls.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(area_column(&parsed), Some("Beat"));
    let data = assemble([&parsed]);
    let panel = panel_from_data(&data, area_column(&parsed).unwrap()).unwrap();
    assert_eq!(panel.areas, ["1A", "2B"]);
    assert_eq!(
        (panel.first_month, panel.counts.clone()),
        (month(2019, 1), vec![vec![1.0, 1.0, 0.0], vec![1.0, 0.0, 1.0]])
    );
    assert_eq!(panel.warnings.len(), 1, "the call without a beat");
    // The same data written as an extract carries the beat, and reads back to the same panel.
    let written = crate::export::write_extracts(&data, crate::export::ExtractStyle::Clean);
    let calls = written.iter().find(|f| f.name == "calls.csv").unwrap();
    assert!(String::from_utf8_lossy(&calls.bytes).starts_with("Call Number,Time Created,Call Type,Address,Beat\n"));
    let again = assemble([&ingest_file("calls.csv", &calls.bytes, &IngestOptions::default()).unwrap()]);
    assert_eq!(panel_from_data(&again, "Beat").unwrap(), panel);
}
