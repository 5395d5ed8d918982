//! Reoffending after notification: fixed windows with full follow-up, Kaplan-Meier curves by
//! level and by cohort, log-rank tests (docs/methods.md#reoffending-after-notification).

use super::series::{Index, Map};
use super::within_person::SelfControlled;
use super::{IndexRule, OutcomeSettings, Reoffense, Unavailable};
use crate::classify::{Classification, NotificationMode};
use crate::model::{long_date, Dataset, Day, Flags, Level, NO_ID};
use crate::stats::km::{kaplan_meier, KmCurve};
use crate::stats::logrank::{log_rank, LogRank};
use crate::stats::rates::wilson;
use crate::stats::Estimate;
use serde::Serialize;

/// Reoffending within a fixed window, among people with the full window of follow-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WindowRate {
    pub days: i32,
    pub level: Option<Level>,
    pub people: u64,
    pub reoffended: u64,
    pub share: Option<Estimate>,
}

/// A Kaplan-Meier curve of one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCurve {
    pub label: String,
    /// The level of a by-level group (none for a cohort).
    pub level: Option<Level>,
    pub curve: KmCurve,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReoffendingResult {
    pub notifications: NotificationMode,
    pub within_person: SelfControlled,
    pub notified: usize,
    pub comparison: usize,
    pub windows: Vec<WindowRate>,
    /// The 365-day window for everyone and by level, which the finding states.
    pub one_year: Vec<WindowRate>,
    pub by_level: Vec<GroupCurve>,
    pub by_level_test: Option<LogRank>,
    /// Comparison cohort (classified before the start) and notified cohort.
    pub by_cohort: Vec<GroupCurve>,
    pub by_cohort_test: Option<LogRank>,
    pub finding: String,
    /// The estimates and tests behind the finding.
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

/// One person's follow-up: index day, event or censoring time, and the level at the index.
struct FollowUp {
    level: Option<Level>,
    days: i32,
    event: bool,
    /// Days from the index to the end of follow-up (whether or not the event came first).
    possible: i32,
}

/// Days to the first qualifying incident of `run` after `index` (or censored at `until`).
fn follow(data: &Dataset, run: std::ops::Range<usize>, index: Day, until: Day, reoffense: Reoffense) -> (i32, bool) {
    let inc = &data.incidents;
    let victim = run.clone().rfind(|&i| inc.day[i] <= index).map_or(NO_ID, |i| inc.victim[i]);
    let event = run.filter(|&i| inc.flags[i].has(Flags::IPV) && inc.day[i] > index && inc.day[i] <= until).find(|&i| {
        match reoffense {
            Reoffense::Any => true,
            Reoffense::Charged => inc.flags[i].has(Flags::CHARGED),
            Reoffense::SameVictim => victim != NO_ID && inc.victim[i] == victim,
        }
    });
    match event {
        Some(i) => (inc.day[i] - index, true),
        None => (until - index, false),
    }
}

/// A curve per non-empty group, with its label and level.
fn curves(label: impl Fn(usize) -> (String, Option<Level>), groups: &[Vec<&FollowUp>]) -> Vec<GroupCurve> {
    groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty())
        .map(|(k, g)| {
            let times: Vec<f64> = g.iter().map(|f| f64::from(f.days)).collect();
            let events: Vec<bool> = g.iter().map(|f| f.event).collect();
            let (label, level) = label(k);
            GroupCurve { label, level, curve: kaplan_meier(&times, &events) }
        })
        .collect()
}

fn test_groups(groups: &[Vec<&FollowUp>]) -> Option<LogRank> {
    let (mut times, mut events, mut group) = (Vec::new(), Vec::new(), Vec::new());
    let used: Vec<usize> = (0..groups.len()).filter(|&k| !groups[k].is_empty()).collect();
    for (slot, &k) in used.iter().enumerate() {
        for f in &groups[k] {
            times.push(f64::from(f.days));
            events.push(f.event);
            group.push(slot);
        }
    }
    log_rank(&times, &events, &group, used.len())
}

/// Everyone followed: the notified people from their index, and the comparison cohort.
pub(crate) struct FollowUps {
    notified: Vec<FollowUp>,
    comparison: Vec<FollowUp>,
}

/// Follows each notified person from their index, and the comparison cohort from their first
/// incident, to their first reoffence or the end.
pub(crate) fn follow_ups(
    data: &Dataset,
    classification: &Classification,
    first_notice: &Index,
    runs: &[Option<std::ops::Range<usize>>],
    (start, end): (Day, Day),
    settings: &OutcomeSettings,
) -> Result<FollowUps, Unavailable> {
    if data.incidents.suspect.iter().all(|&s| s == NO_ID) {
        return Err(Unavailable::NoSuspectIds);
    }
    let entries = index_entries(classification, first_notice, start, end, settings.index);
    let mut notified: Vec<FollowUp> = entries
        .into_iter()
        .filter_map(|(person, day, level)| {
            let run = runs.get(person as usize)?.clone()?;
            let (days, event) = follow(data, run, day, end, settings.reoffense);
            Some(FollowUp { level: Some(level), days, event, possible: end - day })
        })
        .collect();
    notified.sort_by_key(|f| (f.level, f.days, f.event, f.possible));
    let comparison = comparison_cohort(data, classification, runs, start, end, settings.reoffense);
    Ok(FollowUps { notified, comparison })
}

/// Reoffending of the people followed: windows, curves, tests and the finding.
pub(crate) fn reoffending(
    mode: NotificationMode,
    followed: FollowUps,
    within_person: SelfControlled,
    (start, end): (Day, Day),
    settings: &OutcomeSettings,
) -> ReoffendingResult {
    let FollowUps { notified, comparison } = followed;
    let mut warnings = Vec::new();
    if mode == NotificationMode::Simulated {
        warnings.push("notifications are simulated by policy (no notifications extract is used)".into());
    }
    if notified.len() < 30 {
        warnings.push(format!("only {} notified people: estimates are imprecise", notified.len()));
    }

    let windows = window_rates(&notified, &settings.windows);
    let by_level_groups: Vec<Vec<&FollowUp>> =
        Level::ALL.iter().map(|&l| notified.iter().filter(|f| f.level == Some(l)).collect()).collect();
    let by_level = curves(
        |k| {
            (
                format!(
                    "Level {}, n = {}",
                    Level::ALL[k].letter(),
                    crate::words::count(by_level_groups[k].len() as u64)
                ),
                Some(Level::ALL[k]),
            )
        },
        &by_level_groups,
    );
    let cohorts: Vec<Vec<&FollowUp>> = vec![comparison.iter().collect(), notified.iter().collect()];
    let by_cohort = curves(
        |k| {
            let label = if k == 0 { "Before the start (from first incident)" } else { "Notified (from notification)" };
            (format!("{label}, n = {}", crate::words::count(cohorts[k].len() as u64)), None)
        },
        &cohorts,
    );
    let (by_level_test, by_cohort_test) = (test_groups(&by_level_groups), test_groups(&cohorts));
    // The finding speaks of a year whatever windows the user chose.
    let one_year = window_rates(&notified, &[365]);
    let (finding, technical) = super::reoffending_words::finding(
        &one_year,
        &within_person,
        settings.reoffense,
        (&by_level_test, &by_cohort_test),
    );
    ReoffendingResult {
        notifications: mode,
        within_person,
        notified: notified.len(),
        comparison: comparison.len(),
        windows,
        one_year,
        by_level_test,
        by_level,
        by_cohort_test,
        by_cohort,
        finding,
        technical,
        definition: definition(settings, start, end),
        warnings,
    }
}

/// Who is followed from when: each notified person's first notification after the start, or
/// their first at each level.
fn index_entries(
    classification: &Classification,
    first_notice: &Index,
    start: Day,
    end: Day,
    rule: IndexRule,
) -> Vec<(u32, Day, Level)> {
    match rule {
        IndexRule::FirstAfterStart => first_notice.iter().map(|(p, (d, l))| (p, d, l)).collect(),
        IndexRule::FirstOfEachLevel => {
            let mut first: Map<(u32, Level), Day> = Map::default();
            for n in classification.notifications.iter().filter(|n| n.day >= start && n.day <= end) {
                let day = first.entry((n.person, n.level)).or_insert(n.day);
                *day = (*day).min(n.day);
            }
            first.into_iter().map(|((p, l), d)| (p, d, l)).collect()
        }
    }
}

/// The comparison cohort: people first classified (at their first IPV incident) before the
/// start, followed from then until the start.
fn comparison_cohort(
    data: &Dataset,
    classification: &Classification,
    runs: &[Option<std::ops::Range<usize>>],
    start: Day,
    end: Day,
    reoffense: Reoffense,
) -> Vec<FollowUp> {
    let mut comparison = Vec::new();
    for (person, range) in &classification.people {
        let Some(step) = classification.steps.get(range.start as usize) else { continue };
        if step.day < start {
            let Some(run) = runs[*person as usize].clone() else { continue };
            let until = start.min(end) - 1;
            let (days, event) = follow(data, run, step.day, until, reoffense);
            comparison.push(FollowUp { level: step.observation.level, days, event, possible: until - step.day });
        }
    }
    comparison
}

/// Reoffending within each window, for everyone and by level, among people followed that long.
fn window_rates(notified: &[FollowUp], windows: &[i32]) -> Vec<WindowRate> {
    let mut rates = Vec::new();
    for &w in windows {
        for level in [None, Some(Level::D), Some(Level::C), Some(Level::B), Some(Level::A)] {
            // Full follow-up: the data reach the end of the window, whatever happened in it.
            let in_window: Vec<&FollowUp> =
                notified.iter().filter(|f| (level.is_none() || f.level == level) && f.possible >= w).collect();
            let full = in_window.len() as u64;
            let reoffended = in_window.iter().filter(|f| f.event && f.days <= w).count() as u64;
            rates.push(WindowRate { days: w, level, people: full, reoffended, share: wilson(reoffended, full) });
        }
    }
    rates
}

/// How this was computed, for the settings used.
fn definition(settings: &OutcomeSettings, start: Day, end: Day) -> String {
    format!(
        "Index: {} on or after {}. Reoffence: the first {} dated strictly after \
         the index; people without one are censored at {}. Fixed windows count only people whose follow-up \
         covers the whole window; 95% Wilson intervals. Kaplan-Meier curves with \
         Greenwood log-log bands; log-rank tests between levels and between cohorts. Comparison cohort: people \
         first classified before the start, indexed at that incident and censored at the start. Within-person \
         hazard ratio: each notified person with incidents before the start is their own control; their \
         incidents after the notification against those between their first incident and the start \
         (conditional Poisson, Wald 95% CI; the incidents that led to the notification are left out).",
        match settings.index {
            IndexRule::FirstAfterStart => "each person's first notification",
            IndexRule::FirstOfEachLevel => "each person's first notification at each level (counted in that level)",
        },
        long_date(start),
        match settings.reoffense {
            Reoffense::Any => "IPV incident as suspect",
            Reoffense::Charged => "charged IPV incident",
            Reoffense::SameVictim => "IPV incident against the same victim",
        },
        long_date(end)
    )
}
