//! Outcome analyses on the demo jurisdiction (planted effects found, absent effects not) and on
//! edge cases (start outside the data, one month, no person ids).

use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::model::{day_from_ymd, Dataset, NO_ID};
use ipvi::outcomes::{analyze, OutcomeSettings, OutcomesError, Unavailable};
use ipvi::synth::{generate, DemoParams, Effect};

fn run(data: &Dataset, settings: &OutcomeSettings) -> ipvi::outcomes::Outcomes {
    let classification = classify(data, &Criteria::ipvi_default(), NotificationMode::Recorded);
    analyze(data, &classification, settings).unwrap()
}

#[test]
fn the_planted_call_drop_is_found_and_no_drop_is_not() {
    let mut covered = 0;
    for seed in 0..4 {
        let p = DemoParams { seed, ..DemoParams::default() };
        let out =
            run(&generate(&p).unwrap(), &OutcomeSettings { start: Some(p.start_day), ..OutcomeSettings::default() });
        let rr = out.calls.rate_ratio.unwrap();
        assert!(rr.high < 1.0, "seed {seed}: {rr:?}");
        covered += usize::from(rr.low <= 1.0 - p.call_drop && 1.0 - p.call_drop <= rr.high);
        assert!(out.calls.finding.starts_with("IPV calls for service fell by about "), "{}", out.calls.finding);
        assert!(out.calls.finding.contains(" a month before, "), "{}", out.calls.finding);
        let its = out.calls.its.as_ref().unwrap();
        assert!(its.level_change().high < 0.0, "seed {seed}: level change {:?}", its.level_change());
    }
    assert!(covered >= 3, "the 95% CI covered the planted ratio in {covered} of 4 seeds");
    let p = DemoParams::default().with_effect(Effect::None);
    let out = run(&generate(&p).unwrap(), &OutcomeSettings { start: Some(p.start_day), ..OutcomeSettings::default() });
    let rr = out.calls.rate_ratio.unwrap();
    assert!(rr.low < 1.0 && rr.high > 1.0, "no planted drop: {rr:?}");
}

#[test]
fn notified_people_reoffend_less_than_the_comparison_cohort_only_when_planted() {
    let p = DemoParams::default();
    let out = run(&generate(&p).unwrap(), &OutcomeSettings::default());
    let r = out.reoffending.unwrap();
    assert!(r.notified > 1000 && r.comparison > 1000);
    let test = r.by_cohort_test.as_ref().unwrap();
    assert!(test.p_value < 1e-6, "{test:?}");
    // Notified people (group 1) have fewer events than expected.
    assert!(test.observed[1] < test.expected[1]);
    let year = r.windows.iter().find(|w| w.days == 365 && w.level.is_none()).unwrap();
    let share = year.share.unwrap();
    assert!((0.10..0.25).contains(&share.value), "{share:?}");
    assert_eq!(r.by_level.len(), 4);

    let none = DemoParams::default().with_effect(Effect::None);
    let out = run(&generate(&none).unwrap(), &OutcomeSettings::default());
    let r = out.reoffending.unwrap();
    let year_none = r.windows.iter().find(|w| w.days == 365 && w.level.is_none()).unwrap().share.unwrap();
    assert!(year_none.value > share.value + 0.08, "no effect {year_none:?} vs planted {share:?}");
}

#[test]
fn a_start_outside_the_data_and_a_single_month_are_said_not_hidden() {
    let p = DemoParams { people: 800, ..DemoParams::default() };
    let data = generate(&p).unwrap();
    let late = day_from_ymd(2030, 1, 1).unwrap();
    let out = run(&data, &OutcomeSettings { start: Some(late), ..OutcomeSettings::default() });
    assert!(out.calls.warnings.iter().any(|w| w.contains("outside the data")));
    assert!(out.calls.rate_ratio.is_none());
    assert_eq!(out.calls.finding, "Not enough data: complete months after the start (need 6, have 0).");
    let one_month = OutcomeSettings {
        start: Some(day_from_ymd(2016, 1, 15).unwrap()),
        end: Some(day_from_ymd(2016, 1, 31).unwrap()),
        ..OutcomeSettings::default()
    };
    let out = run(&data, &one_month);
    assert_eq!(out.calls.months.len(), 1);
    assert!(out.calls.its.is_none() && out.calls.rate_ratio.is_none());
    assert!(
        out.calls.finding.starts_with("Not enough data: complete months before the start"),
        "{}",
        out.calls.finding
    );
}

#[test]
fn without_person_ids_only_the_aggregate_analyses_run() {
    let mut data = generate(&DemoParams { people: 500, ..DemoParams::default() }).unwrap();
    std::sync::Arc::make_mut(&mut data.incidents).suspect.iter_mut().for_each(|s| *s = NO_ID);
    let out = run(&data, &OutcomeSettings::default());
    assert!(out.calls.rate_ratio.is_some());
    assert_eq!(out.reoffending.unwrap_err(), Unavailable::NoSuspectIds);
}

#[test]
fn services_sanctions_pauses_and_known_addresses_are_computed_from_the_demo() {
    let p = DemoParams::default();
    let out = run(&generate(&p).unwrap(), &OutcomeSettings::default());
    let services = out.services.unwrap();
    let [offenders, victims] = [&services.within_90_days[0], &services.within_90_days[1]];
    assert!(offenders.people > 1000 && offenders.people == victims.people);
    // The generator offers victims services more often than offenders (45% vs 10-45% by level).
    assert!(victims.share.unwrap().value > offenders.share.unwrap().value);
    let sanctions = out.sanctions.unwrap();
    assert!(sanctions.by_level[2] + sanctions.by_level[3] > 0, "sanctions follow B and A notifications");
    assert!(sanctions.reoffenders_ba > 0 && sanctions.sanctioned <= sanctions.reoffenders_ba);
    let pauses = out.pauses.unwrap();
    assert!(pauses.followed_year > 1000 && pauses.stopped <= pauses.followed_year);
    // Complete stops are the complement of one-year reoffending among the same people.
    let r = out.reoffending.unwrap();
    let year = r.windows.iter().find(|w| w.days == 365 && w.level.is_none()).unwrap();
    assert_eq!((year.people, year.reoffended), (pauses.followed_year, pauses.followed_year - pauses.stopped));
    let known = out.known_addresses.unwrap();
    assert!(known.addresses > 50 && known.rate_ratio.is_some());
    // The known-address change is never alone: the all-address change and why it is fairer.
    let all = ipvi::outcomes::wording::change_plain(out.calls.rate_ratio.as_ref().unwrap());
    assert!(known.finding.contains(&format!("while calls from all addresses {all}; ")), "{}", known.finding);
    assert!(known.finding.contains("(regression to the mean), so the all-address change is the fairer measure."));
}

/// Three weeks of calls and incidents, the start 10 days in: no percentage, "Not enough data"
/// in every finding that needs a before and an after, and on the calls chart.
#[test]
fn a_three_week_extract_states_no_change() {
    use ipvi::ingest::{assemble, ingest_file, IngestOptions};
    use ipvi::outcomes::sections::sections;
    let first = day_from_ymd(2024, 3, 5).unwrap();
    let mut calls = String::from("Call Number,Time Created,Call Type,Address\n");
    let mut incidents =
        String::from("Case Number,Report Date,Suspect ID,Victim ID,Relationship,Address,Offense,Domestic\n");
    for i in 0..21 {
        let day = ipvi::model::iso(first + i);
        for k in 0..8 {
            calls.push_str(&format!("CAD{i:03}{k},{day} 1{k}:15,DOMESTIC DISTURBANCE,{:03}XX N MAIN ST\n", k % 5));
        }
        incidents.push_str(&format!(
            "RMS{i:05},{day} 12:00,P{},V{},SE,{:03}XX N MAIN ST,DOMESTIC BATTERY,true\n",
            i % 7,
            i % 7,
            i % 5
        ));
    }
    let files = [
        ingest_file("calls.csv", calls.as_bytes(), &IngestOptions::default()).unwrap(),
        ingest_file("incidents.csv", incidents.as_bytes(), &IngestOptions::default()).unwrap(),
    ];
    let data = assemble(files.iter());
    let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Simulated);
    let settings = OutcomeSettings { start: Some(first + 10), ..OutcomeSettings::default() };
    let out = analyze(&data, &classification, &settings).unwrap();
    assert_eq!(out.calls.counted, "calls");
    assert_eq!(out.calls.months.iter().map(|m| m.count).sum::<u64>(), 168);
    assert_eq!(out.calls.finding, "Not enough data: complete months before the start (need 6, have 0).");
    let sections = sections(&out);
    for section in &sections {
        if let Ok(body) = &section.body {
            assert!(!body.finding.contains('%'), "{}: {}", section.title, body.finding);
        }
    }
    let calls = section(&sections, "calls");
    assert_eq!(calls.figures[0].note.as_deref(), Some(calls.finding.as_str()));
    assert!(calls.technical.is_empty());
    assert_eq!(calls.tables[0].rows[0].last().map(String::as_str), Some("partial"));
}

#[test]
fn public_chicago_data_without_person_ids_gets_the_aggregate_analyses() {
    use ipvi::ingest::{assemble, ingest_file, IngestOptions};
    use std::io::Read;
    let path = format!("{}/tests/data/chicago_sample_2013-03.csv.gz", env!("CARGO_MANIFEST_DIR"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    let file = ingest_file("chicago.csv", &bytes, &IngestOptions::default()).unwrap();
    let data = assemble([&file]);
    let classification = classify(&data, &Criteria::ipvi_default(), NotificationMode::Simulated);
    // No notifications extract: the start must be chosen.
    let err = analyze(&data, &classification, &OutcomeSettings::default()).unwrap_err();
    assert_eq!(err, OutcomesError::NoStart);
    assert!(err.to_string().contains("choose the start date"), "{err}");
    let settings = OutcomeSettings { start: day_from_ymd(2013, 3, 11), ..OutcomeSettings::default() };
    let out = analyze(&data, &classification, &settings).unwrap();
    assert_eq!(out.calls.counted, "incidents");
    // One month of a real extract: every incident counted, no comparison stated.
    assert_eq!(out.calls.months.iter().map(|m| m.count).sum::<u64>(), 2_577);
    assert!(out.calls.rate_ratio.is_none() && out.calls.its.is_none());
    assert_eq!(out.calls.finding, "Not enough data: complete months before the start (need 6, have 0).");
    assert_eq!(out.reoffending.unwrap_err(), Unavailable::NoSuspectIds);
    assert_eq!(out.pauses.unwrap_err(), Unavailable::NoSuspectIds);
    assert_eq!(out.services.unwrap_err().to_string(), "no services extract is loaded");
    assert_eq!(out.sanctions.unwrap_err(), Unavailable::NoExtract("sanctions"));
    // Blocks with 2 or more domestic incidents in the 10 days before the start.
    let known = out.known_addresses.unwrap();
    assert!(known.addresses > 0 && known.rate_ratio.is_none());
    assert!(known.finding.starts_with("Not enough data: "), "{}", known.finding);
}

/// The planted hazard ratio, estimated within persons, over 50 seeds: its 95% CI should cover
/// the truth about 95% of the time (at least 90%), and with no effect reject about 5%.
#[test]
fn the_within_person_hazard_ratio_covers_the_planted_value_over_50_seeds() {
    let (mut covered, mut rejected, mut estimates) = (0, 0, Vec::new());
    for seed in 0..50 {
        for effect in [Effect::Default, Effect::None] {
            let p = DemoParams { people: 3000, seed: 1000 + seed, ..DemoParams::default() }.with_effect(effect);
            let out = run(&generate(&p).unwrap(), &OutcomeSettings::default());
            let hr = out.reoffending.unwrap().within_person.hazard_ratio.unwrap();
            if effect == Effect::None {
                rejected += usize::from(hr.low > 1.0 || hr.high < 1.0);
            } else {
                covered += usize::from(hr.low <= p.hazard_ratio && p.hazard_ratio <= hr.high);
                estimates.push(hr.value);
            }
        }
    }
    let mean = estimates.iter().sum::<f64>() / estimates.len() as f64;
    eprintln!("planted 0.35: covered {covered} of 50, mean estimate {mean:.3}; no effect: rejected {rejected} of 50");
    assert!(covered >= 45, "covered {covered} of 50 (mean estimate {mean:.3})");
    assert!(rejected <= 6, "rejected {rejected} of 50 with no effect");
}

#[test]
fn following_each_levels_first_notification_adds_people_to_the_higher_levels() {
    use ipvi::outcomes::IndexRule;
    let data = generate(&DemoParams { people: 3000, ..DemoParams::default() }).unwrap();
    let first = run(&data, &OutcomeSettings::default()).reoffending.unwrap();
    let each = run(&data, &OutcomeSettings { index: IndexRule::FirstOfEachLevel, ..OutcomeSettings::default() })
        .reoffending
        .unwrap();
    assert!(each.notified > first.notified, "{} vs {}", each.notified, first.notified);
    let n = |r: &ipvi::outcomes::ReoffendingResult, level: &str| {
        r.by_level.iter().find(|g| g.label.starts_with(level)).map_or(0, |g| g.curve.n)
    };
    assert!(n(&each, "Level B") >= n(&first, "Level B") && n(&each, "Level A") >= n(&first, "Level A"));
    assert!(each.definition.contains("at each level"));
    let windows = OutcomeSettings { windows: vec![60], ..OutcomeSettings::default() };
    let r = run(&data, &windows).reoffending.unwrap();
    assert!(r.windows.iter().all(|w| w.days == 60) && r.windows.len() == 5);
}

/// The demo knows its programme start; month-of-year terms are on by default with 36 complete
/// months a side, the user's choice wins, and a series too short for them says why they are off.
#[test]
fn the_demo_starts_at_its_programme_start_and_seasonal_terms_follow_the_series_length() {
    use ipvi::outcomes::default_start;
    let p = DemoParams { people: 800, ..DemoParams::default() };
    let data = generate(&p).unwrap();
    assert_eq!(default_start(&data), Some(p.start_day));
    let out = run(&data, &OutcomeSettings::default());
    assert_eq!(out.start, day_from_ymd(2019, 1, 1).unwrap());
    assert!(out.calls.seasonal, "{}", out.calls.seasonal_note);
    assert!(out.calls.seasonal_note.contains("on by default"), "{}", out.calls.seasonal_note);
    assert!(out.calls.technical.iter().any(|t| t.contains("with month-of-year terms")));
    let off = run(&data, &OutcomeSettings { seasonal: Some(false), ..OutcomeSettings::default() });
    assert!(!off.calls.seasonal && off.calls.seasonal_note.contains("as chosen in the settings"));
    // Eight complete months before the start: enough for the comparison, not for the seasons.
    let late_data = OutcomeSettings { start: day_from_ymd(2016, 9, 1), ..OutcomeSettings::default() };
    let short = run(&data, &late_data);
    assert!(short.calls.rate_ratio.is_some() && !short.calls.seasonal);
    assert!(short.calls.seasonal_note.contains("off by default here"), "{}", short.calls.seasonal_note);
    // Loaded extracts carry no programme start: the first recorded notification.
    let mut loaded = data.clone();
    loaded.programme_start = None;
    let first = loaded.notifications.as_ref().unwrap().day.iter().copied().min().unwrap();
    assert_eq!(default_start(&loaded), Some(first));
}

/// A partial last month is drawn, marked in the table and the chart's note, and left out of
/// the comparisons; tables carry human labels beside the CSV's machine names.
#[test]
fn partial_months_are_marked_and_tables_have_labels() {
    use ipvi::outcomes::sections::sections;
    let data = generate(&DemoParams { people: 800, ..DemoParams::default() }).unwrap();
    let settings = OutcomeSettings { end: day_from_ymd(2021, 12, 15), ..OutcomeSettings::default() };
    let out = run(&data, &settings);
    let last = out.calls.months.len() - 1;
    assert!(out.calls.periods.is_partial(last) && out.calls.periods.after.end == last);
    assert_eq!(out.calls.its.as_ref().unwrap().fitted.len(), out.calls.periods.complete.len());
    let sections = sections(&out);
    let calls = section(&sections, "calls");
    assert_eq!(calls.tables[0].rows[last].last().map(String::as_str), Some("partial"));
    assert!(calls.tables[0].rows[last][2].is_empty(), "no fitted value for a partial month");
    let note = calls.figures[0].note.as_deref().unwrap();
    assert!(note.starts_with("2021-12 is a partial month"), "{note}");
    let reoffending = section(&sections, "reoffending");
    let windows = &reoffending.tables[0];
    assert_eq!(windows.header[0], "window_days");
    assert_eq!(windows.labels[0], "Window (days)");
    assert_eq!(windows.labels[5], "95% CI low");
    assert!(String::from_utf8(windows.csv()).unwrap().starts_with("window_days,level,"));
    for table in sections.iter().filter_map(|s| s.body.as_ref().ok()).flat_map(|b| &b.tables) {
        assert_eq!(table.labels.len(), table.header.len(), "{}", table.name);
        assert!(table.labels.iter().all(|l| !l.contains('_')), "{}: {:?}", table.name, table.labels);
    }
    assert!(reoffending.technical.iter().any(|t| t.starts_with("Log-rank test between the levels: chi-square")));
    assert!(!reoffending.finding.contains("hazard") && !reoffending.facts.iter().any(|f| f.contains("cohort")));
    // The finding speaks of a year whatever windows the user chose.
    let other_windows = run(&data, &OutcomeSettings { windows: vec![60, 730], ..settings });
    let r = other_windows.reoffending.unwrap();
    assert!(r.finding.contains("within a year of their notification"), "{}", r.finding);
    assert!(r.windows.iter().all(|w| w.days != 365));
}

/// A section's body by its id.
fn section<'a>(sections: &'a [ipvi::outcomes::Section], id: &str) -> &'a ipvi::outcomes::SectionBody {
    sections.iter().find(|s| s.id == id).and_then(|s| s.body.as_ref().ok()).unwrap()
}
