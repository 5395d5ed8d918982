//! Classification on whole data sets: the demo's policy reproduced, recorded vs simulated
//! notifications, the as-of date, and the invariants (levels never fall while active; results
//! do not depend on row order).

use ipvi::classify::report::{compare, standings};
use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::export::{write_extracts, ExtractStyle};
use ipvi::ingest::{assemble, ingest_file, IngestOptions, IngestSettings, IpvRules};
use ipvi::model::{Dataset, Day, Flags, Incidents, Level, Role, NO_ID, NO_TIME};
use ipvi::synth::{generate, DemoParams};
use proptest::prelude::*;

fn demo(people: u32, seed: u64) -> (DemoParams, Dataset) {
    let p = DemoParams { people, seed, ..DemoParams::default() };
    let data = generate(&p).unwrap();
    (p, data)
}

#[test]
fn recorded_notifications_of_the_demo_follow_its_level_rises() {
    // The generator notified (5-25 days later) whenever the IPVI default criteria raised a level
    // after the start; classifying its data must show that rise at an incident before each.
    let (p, data) = demo(3000, 11);
    let criteria = Criteria::ipvi_default();
    let result = classify(&data, &criteria, NotificationMode::Recorded);
    let n = data.notifications.as_ref().unwrap();
    let mut checked = 0;
    for i in (0..n.len()).filter(|&i| n.role[i] == Role::Offender) {
        let (_, range) =
            result.people.iter().find(|(person, _)| *person == n.person[i]).expect("notified people are classified");
        let steps = &result.steps[range.start as usize..range.end as usize];
        let before: Vec<_> = steps.iter().filter(|s| s.day < n.day[i] && s.day >= p.start_day).collect();
        assert!(
            before.iter().any(|s| s.observation.level == Some(n.level[i]) && n.day[i] - s.day <= 25),
            "notification {} of {} has no matching classification",
            n.level[i].letter(),
            data.people.name(n.person[i])
        );
        checked += 1;
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn simulated_notifications_come_at_each_rise_after_the_delay() {
    let (_, data) = demo(2000, 12);
    let mut criteria = Criteria::ipvi_default();
    criteria.notification_delay_days = 10;
    let result = classify(&data, &criteria, NotificationMode::Simulated);
    let mut rises = 0;
    for (_, range) in &result.people {
        let (mut previous, mut last_day): (Option<Level>, Option<Day>) = (None, None);
        for s in &result.steps[range.start as usize..range.end as usize] {
            if last_day.is_some_and(|d| s.day - d >= criteria.lookback_days) {
                previous = None; // a new spell: its first level is a rise
            }
            last_day = Some(s.day);
            if s.observation.level > previous {
                rises += 1;
                let level = s.observation.level.unwrap();
                assert!(result.notifications.iter().any(|n| n.day == s.day + 10 && n.level == level));
            }
            previous = s.observation.level;
        }
    }
    // Every notification is a rise and every rise a notification.
    assert_eq!(rises, result.notifications.len());
    let recorded = classify(&data, &criteria, NotificationMode::Recorded);
    assert_ne!(recorded.notifications.len(), result.notifications.len());
}

#[test]
fn the_as_of_date_counts_only_people_seen_by_then() {
    let (p, data) = demo(2000, 13);
    let criteria = Criteria::ipvi_default();
    let result = classify(&data, &criteria, NotificationMode::Recorded);
    let early = result.distribution(p.first_day + 30);
    let late = result.distribution(p.last_day);
    assert!(early.iter().sum::<usize>() < late.iter().sum::<usize>() / 10);
    assert_eq!(late.iter().sum::<usize>(), standings(&result, p.last_day).len());
    assert_eq!(result.distribution(p.first_day - 1), [0; 4]);
    // A person's level as of a date is the level at their last incident on or before it.
    for s in standings(&result, p.start_day) {
        assert!(s.level_day <= p.start_day);
    }
}

#[test]
fn rfgv_and_default_disagree_on_some_people_and_the_cross_table_adds_up() {
    let (p, data) = demo(2000, 14);
    let a = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
    let b = classify(&data, &Criteria::rfgv(), NotificationMode::Recorded);
    let sa = standings(&a, p.last_day);
    let sb = standings(&b, p.last_day);
    let cmp = compare(&sa, &sb);
    assert_eq!(cmp.cells.iter().flatten().sum::<usize>(), sa.len());
    let diagonal: usize = (0..5).map(|i| cmp.cells[i][i]).sum();
    assert_eq!(sa.len() - diagonal, cmp.changed.len());
    assert!(!cmp.changed.is_empty());
}

/// Levels of every person (by name) as of the last day.
fn levels_by_name(data: &Dataset) -> Vec<(String, Option<Level>)> {
    let criteria = Criteria::ipvi_default();
    let result = classify(data, &criteria, NotificationMode::Recorded);
    let mut out: Vec<_> = standings(&result, result.last_day().unwrap())
        .into_iter()
        .map(|s| (data.people.name(s.person).to_string(), s.level))
        .collect();
    out.sort();
    out
}

#[test]
fn results_do_not_depend_on_the_order_of_rows_in_the_file() {
    let (_, data) = demo(1500, 15);
    let options = IngestOptions::with_settings(IngestSettings { ipv: IpvRules::demo(), ..IngestSettings::default() });
    let files = write_extracts(&data, ExtractStyle::Clean);
    let read = |shuffle: bool| {
        let parsed: Vec<_> = files[..3]
            .iter()
            .map(|f| {
                let mut bytes = f.bytes.clone();
                if shuffle {
                    let text = String::from_utf8(bytes).unwrap();
                    let mut lines: Vec<&str> = text.lines().collect();
                    let header = lines.remove(0);
                    lines.reverse();
                    let third = lines.len() / 3;
                    lines.rotate_left(third);
                    bytes = format!("{header}\n{}\n", lines.join("\n")).into_bytes();
                }
                ingest_file(&f.name, &bytes, &options).unwrap()
            })
            .collect();
        assemble(&parsed)
    };
    let straight = levels_by_name(&read(false));
    assert_eq!(straight, levels_by_name(&read(true)));
    assert_eq!(straight, levels_by_name(&data));
}

/// A one-person data set from (day offset, charged, weapon) incidents.
fn person(incidents: &[(Day, bool, bool)]) -> Dataset {
    let mut data = Dataset::default();
    let p = data.people.intern("P1");
    let mut inc = Incidents::default();
    for (i, &(day, charged, weapon)) in incidents.iter().enumerate() {
        inc.case_id.push(data.labels.intern(&format!("C{i}")));
        inc.day.push(day);
        inc.minute.push(NO_TIME);
        inc.suspect.push(p);
        inc.victim.push(NO_ID);
        inc.address.push(NO_ID);
        inc.relationship.push(NO_ID);
        inc.offense.push(NO_ID);
        inc.flags.push(Flags::IPV.with(Flags::CHARGED, charged).with(Flags::WEAPON, weapon));
    }
    inc.sort_by_person_and_date(&data.labels);
    data.incidents = inc;
    data
}

proptest! {
    #[test]
    fn adding_an_incident_never_lowers_a_level_while_the_person_stays_active(
        gaps in proptest::collection::vec(0i32..1825, 1..12),
        flags in proptest::collection::vec((any::<bool>(), any::<bool>()), 12),
        mode in prop_oneof![Just(NotificationMode::Recorded), Just(NotificationMode::Simulated)],
    ) {
        let mut day = 0;
        let incidents: Vec<(Day, bool, bool)> = gaps.iter().zip(&flags).map(|(g, &(c, w))| { day += g; (day, c, w) }).collect();
        let criteria = Criteria::ipvi_default();
        let full = classify(&person(&incidents), &criteria, mode);
        let levels: Vec<_> = full.steps.iter().map(|s| s.observation.level).collect();
        prop_assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{:?}", levels);
        // The history up to an incident does not change when later incidents are added.
        let prefix = classify(&person(&incidents[..incidents.len() - 1]), &criteria, mode);
        let prefix_levels: Vec<_> = prefix.steps.iter().map(|s| s.observation.level).collect();
        prop_assert_eq!(&levels[..prefix_levels.len()], &prefix_levels[..]);
    }
}
