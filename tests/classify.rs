//! Classification on whole data sets: the demo's policy reproduced, recorded vs simulated
//! notifications, the as-of date (with the score taken again at the review date), and the
//! invariants (levels never fall while active; results do not depend on row order).

use ipvi::classify::report::{compare, standings};
use ipvi::classify::{classify, reason, Classification, Criteria, NotificationMode, Step};
use ipvi::export::{write_extracts, ExtractStyle};
use ipvi::ingest::{assemble, ingest_file, IngestOptions, IngestSettings, IpvRules};
use ipvi::model::{Dataset, Day, Flags, Ids, Incidents, Level, Role, NO_ID, NO_TIME};
use ipvi::synth::{generate, DemoParams};
use proptest::prelude::*;
use std::sync::Arc;

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
        assert!(s.since <= s.last_incident && s.last_incident <= p.start_day);
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
    for change in &cmp.changed {
        assert_eq!((sa[change.first_at].person, sa[change.first_at].level), (change.person, change.first));
        let second = change.second_at.map(|at| (sb[at].person, sb[at].level));
        assert_eq!(second.and_then(|(_, l)| l), change.second);
        assert!(second.is_none_or(|(p, _)| p == change.person));
    }
    // Largest shift first: no later row shifts more.
    let mut sorted = cmp.changed.clone();
    ipvi::classify::report::sort_changes(&mut sorted, ipvi::classify::report::ChangeOrder::LargestShift, |p| {
        data.people.name(p)
    });
    assert!(sorted.windows(2).all(|w| w[0].shift().abs() >= w[1].shift().abs()));
    assert_eq!(sorted.len(), cmp.changed.len());
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
    let (mut people, mut labels) = (Ids::default(), Ids::default());
    let p = people.intern("P1");
    let mut inc = Incidents::default();
    for (i, &(day, charged, weapon)) in incidents.iter().enumerate() {
        inc.case_id.push(labels.intern(&format!("C{i}")));
        inc.day.push(day);
        inc.minute.push(NO_TIME);
        inc.suspect.push(p);
        inc.victim.push(NO_ID);
        inc.address.push(NO_ID);
        inc.relationship.push(NO_ID);
        inc.offense.push(NO_ID);
        inc.flags.push(Flags::IPV.with(Flags::CHARGED, charged).with(Flags::WEAPON, weapon));
    }
    inc.sort_by_person_and_date(&labels);
    Dataset { people: Arc::new(people), labels: Arc::new(labels), incidents: Arc::new(inc), ..Dataset::default() }
}

/// A person's steps of the level history up to a day (people are in id order).
fn history_until(result: &Classification, person: u32, day: Day) -> &[Step] {
    let at = result.people.binary_search_by_key(&person, |(p, _)| *p).expect("classified");
    let range = &result.people[at].1;
    let steps = &result.steps[range.start as usize..range.end as usize];
    &steps[..steps.partition_point(|s| s.day <= day)]
}

#[test]
fn ipvi_default_levels_as_of_a_date_are_the_levels_at_the_last_incident_before_it() {
    let (p, data) = demo(2000, 16);
    let result = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
    for day in [p.start_day, p.last_day, p.last_day + 400] {
        let list = standings(&result, day);
        assert!(list.len() > 100);
        let mut counts = [0; 4];
        for s in &list {
            let history = history_until(&result, s.person, day);
            assert_eq!(s.step, *history.last().unwrap());
            assert_eq!((s.incidents, s.last_incident), (history.len(), s.step.day));
            // Since: the first incident of the last run at this level.
            let run = history.iter().rev().take_while(|h| h.observation.level == s.level).count();
            assert!(run >= 1);
            assert_eq!(s.since, history[history.len() - run].day);
            counts[s.level.unwrap().index()] += 1;
        }
        assert_eq!(result.distribution(day), counts);
    }
}

#[test]
fn rfgv_levels_as_of_a_date_follow_the_score_then() {
    let (p, data) = demo(2000, 17);
    let criteria = Criteria::rfgv();
    let result = classify(&data, &criteria, NotificationMode::Recorded);
    let review = p.last_day + 365;
    let (mut fell, mut people) = (0, 0);
    let mut counts = [0; 4];
    for s in standings(&result, review) {
        let last = *history_until(&result, s.person, review).last().unwrap();
        // The score a year on is never above the score at the last incident, nor the level.
        assert!(s.step.observation.features.score <= last.observation.features.score);
        assert!(s.level <= last.observation.level);
        fell += usize::from(s.level < last.observation.level);
        if s.level < last.observation.level && fell <= 10 {
            // Since: the first day the score, read again, gave the lower level.
            let level_on = |day| standings(&result, day).into_iter().find(|t| t.person == s.person).unwrap().level;
            assert!(s.since > last.day && s.since <= review);
            assert_eq!((level_on(s.since), level_on(s.since - 1) > s.level), (s.level, true));
        }
        people += 1;
        counts[s.level.unwrap().index()] += 1;
    }
    assert!(fell > people / 10, "{fell} of {people} levels fell in a year");
    assert_eq!(result.distribution(review), counts);
    // On the last day, people with an incident that day keep the level it gave.
    for s in standings(&result, p.last_day).iter().filter(|s| s.last_incident == p.last_day) {
        let last = history_until(&result, s.person, p.last_day).last().unwrap();
        assert_eq!(s.step, *last);
    }
}

#[test]
fn a_recent_incident_scores_higher_than_the_same_history_reviewed_a_year_later() {
    // A weapon incident, then a charged one 10 days later: R 10 + F 2 + G (10 + 5) = 27 -> B.
    let data = person(&[(0, false, true), (10, true, false)]);
    let criteria = Criteria::rfgv();
    let result = classify(&data, &criteria, NotificationMode::Recorded);
    let at = |day| standings(&result, day).pop().expect("one person");
    let now = at(10);
    assert_eq!((now.level, now.step.observation.features.score), (Some(Level::B), 27.0));
    // A year on: R = 10 x (730 - 365) / 700.
    let later = at(375);
    let recency = 10.0 * f64::from(730 - 365) / 700.0;
    assert!((later.step.observation.features.score - (recency + 17.0)).abs() < 1e-9);
    assert_eq!(later.level, Some(Level::C));
    assert_eq!(reason(&later.step, &criteria), "C: priority score 22.2 over 2 years");
    assert_eq!((result.distribution(10), result.distribution(375)), ([0, 0, 1, 0], [0, 1, 0, 0]));
    // The level history itself is unchanged: B at the second incident.
    assert_eq!(result.steps[1].observation.level, Some(Level::B));
}

#[test]
fn an_incident_older_than_the_window_before_the_review_date_stops_counting() {
    let data = person(&[(0, false, true), (10, true, false)]);
    let result = classify(&data, &Criteria::rfgv(), NotificationMode::Recorded);
    let score = |day| standings(&result, day)[0].step.observation.features.score;
    let recency = |days: i32| 10.0 * f64::from(730 - days) / 700.0;
    // 730 days after the weapon incident both count (the window includes its edge): C.
    assert!((score(730) - (recency(720) + 2.0 + 15.0)).abs() < 1e-9);
    assert_eq!(standings(&result, 730)[0].level, Some(Level::C));
    // A day later it has left the window: its incident and gravity no longer count: D.
    assert!((score(731) - (recency(721) + 1.0 + 5.0)).abs() < 1e-9);
    assert_eq!(standings(&result, 731)[0].level, Some(Level::D));
    // Once every incident has left it, only the D rule (an incident in the history) holds.
    assert_eq!(score(741), 0.0);
    assert_eq!(standings(&result, 741)[0].level, Some(Level::D));
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

#[test]
fn the_people_placed_at_a_level_are_counted_against_every_suspect() {
    let (p, data) = demo(1500, 21);
    let result = classify(&data, &Criteria::ipvi_default(), NotificationMode::Recorded);
    let summary = data.summary();
    assert_eq!(result.people.len(), summary.ipv_offenders);
    let placed = standings(&result, p.start_day).len();
    let later = summary.ipv_offenders - placed;
    let others = summary.offenders - summary.ipv_offenders;
    assert!(later > 0 && others > 0, "{later} later, {others} without IPV");
    let text = ipvi::classify::report::coverage(placed, result.people.len(), summary.offenders, p.start_day);
    // The counts by level from the standings are the distribution at that date, also where the
    // score is read again at the date.
    for criteria in Criteria::presets() {
        let result = classify(&data, &criteria, NotificationMode::Recorded);
        for day in [p.start_day, p.start_day + 365] {
            let counts = ipvi::classify::report::level_counts(&standings(&result, day));
            assert_eq!(counts, result.distribution(day), "{} at {day}", criteria.name);
        }
    }
    let words = |n: usize| ipvi::words::count(n as u64);
    assert!(text.starts_with(&format!("{} people with an IPV incident on or before", words(placed))), "{text}");
    assert!(text.contains(&format!(" {} more have a first IPV incident after that date.", words(later))), "{text}");
    assert!(
        text.ends_with(&format!(
            "{} of the {} suspects in the data have no IPV incident and no level.",
            words(others),
            words(summary.offenders)
        )),
        "{text}"
    );
}

#[test]
fn a_preset_that_leaves_a_level_empty_says_so() {
    let (p, data) = demo(1500, 22);
    let note = |criteria: &Criteria, counts| ipvi::classify::report::empty_levels_note(criteria, counts, p.last_day);
    let rfgv = Criteria::rfgv();
    let text = note(&rfgv, [0, 5, 3, 0]).expect("a note");
    assert!(text.starts_with("Nobody is at level A or D as of "), "{text}");
    let because = "under \"RFGV priority score\": no one meets the rule for level A; \
                   everyone placed meets the rule of a level above D first.";
    assert!(text.contains(because), "{text}");
    let mut no_d = Criteria::ipvi_default();
    no_d.rules.retain(|r| r.level != Level::D);
    assert!(note(&no_d, [0, 1, 1, 1]).unwrap().contains("the criteria have no rule for level D."));
    assert_eq!(note(&rfgv, [0, 0, 0, 0]), None, "nobody placed: nothing to explain");
    let default = Criteria::ipvi_default();
    let counts = classify(&data, &default, NotificationMode::Recorded).distribution(p.last_day);
    assert!(counts.iter().all(|&n| n > 0));
    assert_eq!(note(&default, counts), None);
}
