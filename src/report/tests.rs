use super::*;
use crate::classify::classify;
use crate::export::{fingerprint, write_extracts, ExtractStyle};
use crate::ingest::{assemble, ingest_file, IngestOptions};
use crate::model::day_from_ymd;
use crate::outcomes::analyze;

/// Everything a report reads, owned, so that tests can build a [`ReportInput`] from it.
struct Fixture {
    choices: ReportChoices,
    origin: Origin,
    data: Dataset,
    rules: IngestSettings,
    criteria: Criteria,
    mode: NotificationMode,
    classification: Classification,
    settings: OutcomeSettings,
    outcomes: Result<Outcomes, OutcomesError>,
}

impl Fixture {
    fn new(origin: Origin, data: Dataset) -> Fixture {
        let criteria = Criteria::ipvi_default();
        let mode = NotificationMode::choose(&data, false);
        let classification = classify(&data, &criteria, mode);
        let settings = OutcomeSettings::default();
        let outcomes = analyze(&data, &classification, &settings);
        Fixture {
            choices: ReportChoices::default(),
            origin,
            data,
            rules: IngestSettings::default(),
            criteria,
            mode,
            classification,
            settings,
            outcomes,
        }
    }

    /// A small demo jurisdiction (fewer people than the default, for speed).
    fn demo() -> Fixture {
        let params = DemoParams { people: 600, ..DemoParams::default() };
        let data = crate::synth::generate(&params).unwrap();
        let fingerprint = fingerprint(&write_extracts(&data, ExtractStyle::Clean));
        Fixture::new(Origin::Demo { params, fingerprint }, data)
    }

    fn input(&self) -> ReportInput<'_> {
        ReportInput {
            choices: &self.choices,
            generated: day_from_ymd(2026, 1, 31).unwrap(),
            origin: &self.origin,
            data: &self.data,
            reading_rules: &self.rules,
            criteria: &self.criteria,
            mode: self.mode,
            classification: &self.classification,
            settings: &self.settings,
            outcomes: self.outcomes.as_ref(),
            comparison_file: None,
        }
    }

    fn document(&self) -> String {
        document(&self.input())
    }
}

const INCIDENTS: &str = "Case Number,Report Date,Suspect ID,Victim ID,Charged\n\
                         R1,2018-03-01,P1,V1,N\n\
                         R2,2018-05-01,P2,V2\n\
                         R3,2018-06-01,P1,V1,Y\n\
                         R4,2019-03-01,P1,V1,Y\n";
const NOTIFICATIONS: &str = "Offender ID,Level,Method,Notification Date,Recipient\n\
                             P1,C,Custom notification,2019-01-10,Offender\n";

fn files_fixture() -> Fixture {
    let options = IngestOptions::default();
    let read = [("incidents <1>.csv", INCIDENTS), ("notifications.csv", NOTIFICATIONS)];
    let parsed: Vec<_> =
        read.iter().map(|(name, text)| ingest_file(name, text.as_bytes(), &options).unwrap()).collect();
    let data = assemble(&parsed);
    let files =
        read.iter().zip(&parsed).map(|((_, text), p)| (Source::of(text.as_bytes(), &p.report), p.report.clone()));
    Fixture::new(Origin::Files(files.collect()), data)
}

#[test]
fn sha256_of_a_known_string() {
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#[test]
fn every_part_of_the_demo_report_is_there_once_and_in_order() {
    let fixture = Fixture::demo();
    let doc = fixture.document();
    assert!(doc.starts_with("<!DOCTYPE html>\n<html lang=\"en\">") && doc.ends_with("</html>\n"));
    let mut last = 0;
    for (i, part) in parts().iter().enumerate() {
        let open = format!("<section class=\"part\" id=\"{}\">\n<h2>{}. {}</h2>", part.id, i + 1, part.title);
        let at = doc.find(&open).unwrap_or_else(|| panic!("no part {}", part.id));
        assert!(at > last, "{} out of order", part.id);
        assert_eq!(doc.matches(&format!("id=\"{}\"", part.id)).count(), 1, "{}", part.id);
        last = at;
    }
    assert!(doc.contains("<h1>Evaluation of the Intimate Partner Violence Intervention</h1>"));
    assert!(doc.contains(&format!("<dd>{} {} (build {})</dd>", crate::PRODUCT, crate::VERSION, crate::BUILD)));
    assert!(doc.contains("<dd>31 Jan 2026</dd>"));
    assert!(doc.contains(&format!("<code class=\"digest\">{}</code>", fingerprint_of(&fixture.origin))));
    let figures = doc.matches("<figure id=\"figure-").count();
    assert!(figures >= 6 && doc.matches("<svg xmlns=").count() == figures, "{figures} figures");
    assert!(doc.contains("ipvi report --demo --project evaluation.ipvi.json"));
    assert!(doc.contains("<h3 id=\"methods-outcomes\">Outcomes</h3>"));
    assert!(doc.contains("<h4 id=\"methods-rate-ratio\">Rate ratio</h4>"));
    assert!(doc.contains("<table id=\"level-distribution-table\">"));
}

fn fingerprint_of(origin: &Origin) -> &str {
    match origin {
        Origin::Demo { fingerprint, .. } => fingerprint,
        Origin::Files(_) => panic!("not the demo"),
    }
}

#[test]
fn the_outcome_parts_follow_the_outcomes_sections() {
    let fixture = Fixture::demo();
    let sections = sections(fixture.outcomes.as_ref().unwrap());
    let named: Vec<(&str, &str)> = sections.iter().map(|s| (s.id, s.title)).collect();
    let parts: Vec<(&str, &str)> = OUTCOME_PARTS.iter().map(|&(_, id, title)| (id, title)).collect();
    assert_eq!(named, parts);
}

#[test]
fn hidden_parts_are_left_out_and_notes_are_escaped() {
    let mut fixture = Fixture::demo();
    fixture.choices.hidden = vec!["methods".into(), "outcome-pauses".into()];
    fixture.choices.notes.insert("caveats".into(), "Mind <script>alert(1)</script> & this.\n\nSecond".into());
    fixture.choices.notes.insert("methods".into(), "not shown: the part is hidden".into());
    fixture.choices.title = "Report for <Council>".into();
    let doc = fixture.document();
    assert!(!doc.contains("id=\"methods\"") && !doc.contains("id=\"outcome-pauses\""));
    assert!(!doc.contains("href=\"#methods\"") && !doc.contains("<p>not shown"));
    assert!(doc.contains("<h2>12. Caveats and warnings</h2>"), "parts are numbered as shown");
    assert!(doc.contains("<p>Mind &lt;script&gt;alert(1)&lt;/script&gt; &amp; this.</p>\n<p>Second</p>"));
    assert!(!doc.contains("<script"));
    assert!(doc.contains("<title>Report for &lt;Council&gt;</title>"));
}

#[test]
fn the_document_is_the_same_bytes_every_time() {
    let fixture = Fixture::demo();
    assert_eq!(fixture.document(), fixture.document());
    assert_eq!(files_fixture().document(), files_fixture().document());
}

#[test]
fn the_document_loads_nothing() {
    for doc in [Fixture::demo().document(), files_fixture().document()] {
        let rest = doc.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for banned in
            ["http://", "https://", "src=", "url(", "@import", " style=", "<script", "<img", "<link", "<iframe"]
        {
            assert!(!rest.contains(banned), "the report contains {banned:?}");
        }
        let policy = format!("style-src 'sha256-{}'", STANDARD.encode(Sha256::digest(STYLE.as_bytes())));
        assert!(doc.contains(&policy) && doc.contains(&format!("<style>{STYLE}</style>")));
    }
}

#[test]
fn files_are_named_with_their_quality_and_digest() {
    let fixture = files_fixture();
    let doc = fixture.document();
    let digest = sha256_hex(INCIDENTS.as_bytes());
    assert!(doc.contains(&format!("<td>{digest}</td>")), "the SHA-256 of the incidents");
    assert!(doc.contains("<h3>incidents &lt;1&gt;.csv</h3>"));
    assert!(doc.contains("1 rows set aside: row has 4 fields where the header has 5 (line 3)."), "{doc}");
    assert!(doc.contains("ipvi report --incidents &#39;incidents &lt;1&gt;.csv&#39; --notifications notifications.csv"));
    assert!(doc.contains("Notifications: recorded (from the notifications extract)") || doc.contains("recorded"));
    let Origin::Files(files) = &fixture.origin else { panic!("files") };
    assert_eq!((files[0].0.bytes, files[0].0.rows_read, files[0].0.rows_kept), (INCIDENTS.len() as u64, 4, 3));
}

#[test]
fn dates_to_load_are_said_with_the_rows_they_left_out() {
    let range = crate::ingest::DateRange { from: crate::model::day_from_ymd(2018, 4, 1), to: None };
    let rules = IngestSettings { date_range: range, ..IngestSettings::default() };
    let options = IngestOptions::with_settings(rules.clone());
    let parsed = ingest_file("incidents.csv", INCIDENTS.as_bytes(), &options).unwrap();
    assert_eq!((parsed.report.rows_kept, parsed.report.outside_dates), (2, 1));
    let source = (Source::of(INCIDENTS.as_bytes(), &parsed.report), parsed.report.clone());
    let mut fixture = Fixture::new(Origin::Files(vec![source]), assemble([&parsed]));
    fixture.rules = rules;
    let doc = fixture.document();
    assert!(doc.contains("Dates to load: only the rows dated from 2018-04-01 were read from the extracts"), "{doc}");
    assert!(doc.contains("1 rows are dated outside the dates to load and were left out (not counted as read)."));
    assert!(!files_fixture().document().contains("dates to load"), "said only when the rule is set");
}

#[test]
fn without_outcomes_each_outcome_part_says_why() {
    let mut fixture = files_fixture();
    fixture.outcomes = Err(OutcomesError::NoStart);
    let doc = fixture.document();
    let why = "Not available: no outcome could be computed, because there is no notifications extract";
    assert_eq!(doc.matches(why).count(), OUTCOME_PARTS.len());
    assert!(doc.contains("No outcome could be computed: there is no notifications extract"));
}

#[test]
fn every_style_rule_is_scoped_to_the_report() {
    let mut depth = 0;
    let mut selector = String::new();
    let mut in_media = false;
    let css = STYLE.split("*/").map(|chunk| chunk.split("/*").next().unwrap_or("")).collect::<String>();
    for c in css.chars() {
        match c {
            '{' => {
                let s = selector.trim().to_string();
                if depth == 0 && s.starts_with("@media") {
                    in_media = true;
                } else if (depth == 0 || (depth == 1 && in_media)) && !s.starts_with("@page") {
                    for one in s.split(',') {
                        assert!(one.trim().starts_with(".ipvi-report"), "unscoped selector {one:?}");
                    }
                }
                depth += 1;
                selector.clear();
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    in_media = false;
                }
                selector.clear();
            }
            ';' => selector.clear(),
            c => selector.push(c),
        }
    }
    assert!(STYLE.contains("counter(page) \" / \" counter(pages)") && STYLE.contains("break-inside: avoid"));
}

#[test]
fn a_comparison_file_is_named_in_the_sources_the_inputs_and_the_command_line() {
    let mut fixture = files_fixture();
    let bytes = b"area,month,count\nNorth,2018-01,4\nNorth,2018-02,5\nSouth,2018-01,2\nSouth,2018-02,3\n";
    let panel = crate::outcomes::comparison::read_comparison("areas.csv", bytes).unwrap();
    let file = ComparisonFile::of("areas.csv", bytes, &panel);
    let analysis = crate::outcomes::Analysis::new(&fixture.data, &fixture.classification, &fixture.settings);
    fixture.outcomes = analysis.and_then(|a| a.compared_with(Some(&panel)).finish());
    let document_with = |f: &Fixture| document(&ReportInput { comparison_file: Some(&file), ..f.input() });
    let doc = document_with(&fixture);
    assert!(doc.contains("Comparison areas: areas.csv, read as monthly counts by area: 2 areas, January 2018 to February 2018 (2 months)."));
    assert!(doc.contains(&format!("<td>areas.csv</td><td>comparison areas</td><td class=\"num\">{}</td>", bytes.len())));
    assert!(doc.contains(&sha256_hex(bytes)));
    assert!(doc.contains("--comparison areas.csv --project"));
    // Areas of an area column come back with the outcome settings, not with a file.
    fixture.settings.treated_areas = vec!["North".into()];
    let doc = document_with(&fixture);
    assert!(!doc.contains("--comparison"));
}
