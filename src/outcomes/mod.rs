//! Outcome analyses with the definitions of DOMAIN.md: IPV calls for service before and after
//! the intervention (rate ratio, interrupted time series) and reoffending after notification
//! (fixed windows with full follow-up, Kaplan-Meier by level and by cohort, log-rank).
//! Each result carries its n, its definition in words and its warnings.

use crate::classify::{Classification, NotificationMode};
use crate::model::{long_date, month_index, Dataset, Day, Flags, Level, NO_ID};
use crate::stats::its::{segmented_regression, ItsFit};
use crate::stats::km::{kaplan_meier, KmCurve};
use crate::stats::logrank::{log_rank, LogRank};
use crate::stats::rates::{rate_ratio, wilson};
use crate::stats::Estimate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A hash map with a fast, fixed hasher: lookups by person id run for every row.
type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Each notified person's first notification after the start: person -> (day, level).
type Index = Map<u32, (Day, Level)>;

/// What counts as reoffending after the index date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reoffense {
    /// Any IPV incident as suspect.
    Any,
    /// A charged IPV incident.
    Charged,
    /// An IPV incident against the same victim as the person's last incident before the index.
    SameVictim,
}

/// The user's choices; every default is DOMAIN.md's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeSettings {
    /// Intervention start; default: the first recorded notification.
    pub start: Option<Day>,
    /// Data end; default: the last date in the data.
    pub end: Option<Day>,
    pub reoffense: Reoffense,
    /// Fixed follow-up windows, in days.
    pub windows: Vec<i32>,
    /// Month-of-year terms in the interrupted time series.
    pub seasonal: bool,
    /// Which notification starts a person's follow-up.
    pub index: IndexRule,
}

/// The index date of reoffending (DOMAIN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexRule {
    /// A person's first notification after the start.
    FirstAfterStart,
    /// Each level's first notification of a person after the start (a person notified at C and
    /// later at B is followed from each, in that level's group).
    FirstOfEachLevel,
}

impl Default for OutcomeSettings {
    fn default() -> Self {
        OutcomeSettings {
            start: None,
            end: None,
            reoffense: Reoffense::Any,
            index: IndexRule::FirstAfterStart,
            windows: vec![30, 90, 180, 365],
            seasonal: false,
        }
    }
}

/// One month of a series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Month {
    /// `year * 12 + month0`.
    pub month: i32,
    pub count: u64,
}

/// IPV calls for service (or IPV incidents, without a calls extract) per month, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallsResult {
    /// "calls" or "incidents": what was counted.
    pub counted: &'static str,
    pub months: Vec<Month>,
    pub before: u64,
    pub after: u64,
    pub days_before: i32,
    pub days_after: i32,
    /// Mean daily rate after over before, Poisson 95% CI.
    pub rate_ratio: Option<Estimate>,
    /// Segmented regression on the complete months (the month of the start is the first post month).
    pub its: Option<ItsFit>,
    pub its_start_index: usize,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

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
    pub curve: KmCurve,
}

/// The hazard ratio of reoffending after notification within the same people (a
/// self-controlled design: conditional Poisson, each person their own control).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfControlled {
    /// Notified people with incidents before the start and at least one incident in the two
    /// periods compared.
    pub people: usize,
    pub events_before: u64,
    pub days_before: f64,
    pub events_after: u64,
    pub days_after: f64,
    pub hazard_ratio: Option<Estimate>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReoffendingResult {
    pub notifications: NotificationMode,
    pub within_person: SelfControlled,
    pub notified: usize,
    pub comparison: usize,
    pub windows: Vec<WindowRate>,
    pub by_level: Vec<GroupCurve>,
    pub by_level_test: Option<LogRank>,
    /// Comparison cohort (classified before the start) and notified cohort.
    pub by_cohort: Vec<GroupCurve>,
    pub by_cohort_test: Option<LogRank>,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcomes {
    pub start: Day,
    pub end: Day,
    pub calls: CallsResult,
    /// `Err` with the reason when the data has no person ids.
    pub reoffending: Result<ReoffendingResult, String>,
    pub known_addresses: Result<KnownAddressesResult, String>,
    pub pauses: Result<PausesResult, String>,
    pub services: Result<ServicesResult, String>,
    pub sanctions: Result<SanctionsResult, String>,
}

/// Calls from addresses with repeated IPV calls in the 12 months before the start.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnownAddressesResult {
    pub addresses: usize,
    pub months: Vec<Month>,
    pub before: u64,
    pub after: u64,
    pub rate_ratio: Option<Estimate>,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

/// Gaps between incidents before and after notification; complete stops.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PausesResult {
    /// People with two incidents before the index and one after it.
    pub paired: usize,
    pub median_gap_before: Option<f64>,
    pub median_first_gap_after: Option<f64>,
    pub test: Option<crate::stats::wilcoxon::SignedRank>,
    /// Notified people with 365 days of follow-up, and those with no incident in them.
    pub followed_year: u64,
    pub stopped: u64,
    pub stop_share: Option<Estimate>,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

/// A share of notified people (by role) with a service contact within 90 days.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceShare {
    pub role: crate::model::Role,
    pub people: u64,
    pub with_contact: u64,
    pub share: Option<Estimate>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServicesResult {
    /// Monthly contacts: (month, offenders, victims).
    pub months: Vec<(i32, u64, u64)>,
    pub within_90_days: Vec<ServiceShare>,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SanctionsResult {
    /// Sanctions by the person's level on the sanction date (D, C, B, A, none).
    pub by_level: [u64; 5],
    pub months: Vec<Month>,
    /// Notified people at B or A who reoffended, and those sanctioned after the reoffence.
    pub reoffenders_ba: u64,
    pub sanctioned: u64,
    pub share: Option<Estimate>,
    pub finding: String,
    pub definition: String,
    pub warnings: Vec<String>,
}

/// The first recorded offender notification, the default intervention start.
pub fn default_start(data: &Dataset) -> Option<Day> {
    let n = data.notifications.as_ref()?;
    (0..n.len()).filter(|&i| n.role[i] == crate::model::Role::Offender).map(|i| n.day[i]).min()
}

/// The last incident or call, the default end of follow-up (notifications, services and
/// sanctions that follow the last incident say nothing about reoffending).
pub fn default_end(data: &Dataset) -> Option<Day> {
    let calls = data.calls.iter().flat_map(|c| c.day.iter());
    data.incidents.day.iter().chain(calls).copied().max()
}

/// Runs every analysis. Errors say what is missing (no data, no start).
pub fn analyze(
    data: &Dataset,
    classification: &Classification,
    settings: &OutcomeSettings,
) -> Result<Outcomes, String> {
    let start = settings
        .start
        .or_else(|| default_start(data))
        .ok_or("there is no notifications extract to take the intervention start from: choose the start date")?;
    let end = settings.end.or_else(|| default_end(data)).ok_or("no dated rows are loaded")?;
    let calls = calls_for_service(data, start, end, settings.seasonal)?;
    let index = first_notices(classification, start, end);
    let reoffending = reoffending(data, classification, &index, start, end, settings);
    let known_addresses = known_addresses(data, start, end);
    let pauses = pauses(data, &index, end);
    let services = services(data, &index, end);
    let sanctions = sanctions(data, classification, &index, end);
    Ok(Outcomes { start, end, calls, reoffending, known_addresses, pauses, services, sanctions })
}

fn percent_change(e: &Estimate) -> (f64, f64, f64) {
    ((e.value - 1.0) * 100.0, (e.low - 1.0) * 100.0, (e.high - 1.0) * 100.0)
}

/// "fell 18% (95% CI 12-24%)", "rose 5% (95% CI 2-9%)", or "changed by +2% (95% CI -1% to +4%)"
/// when the interval includes no change.
pub fn change_words(e: &Estimate) -> String {
    let (v, lo, hi) = percent_change(e);
    if hi < 0.0 {
        format!("fell {:.0}% (95% CI {:.0}-{:.0}%)", -v, -hi, -lo)
    } else if lo > 0.0 {
        format!("rose {v:.0}% (95% CI {lo:.0}-{hi:.0}%)")
    } else {
        format!("changed by {v:+.0}% (95% CI {lo:+.0}% to {hi:+.0}%)")
    }
}

/// The IPV events counted by the aggregate analyses, as (day, address): calls for service, or
/// incidents when no calls extract is loaded.
fn ipv_events(data: &Dataset) -> (&'static str, Vec<(Day, u32)>) {
    match &data.calls {
        Some(c) if !c.is_empty() => {
            ("calls", (0..c.len()).filter(|&i| c.flags[i].has(Flags::IPV)).map(|i| (c.day[i], c.address[i])).collect())
        }
        _ => {
            let inc = &data.incidents;
            let rows = (0..inc.len()).filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| (inc.day[i], inc.address[i]));
            ("incidents", rows.collect())
        }
    }
}

fn calls_for_service(data: &Dataset, start: Day, end: Day, seasonal: bool) -> Result<CallsResult, String> {
    let (counted, events) = ipv_events(data);
    let days: Vec<Day> = events.iter().map(|e| e.0).filter(|&d| d <= end).collect();
    let first = *days.iter().min().ok_or_else(|| format!("there are no IPV {counted} to count"))?;
    let mut warnings = Vec::new();
    if start <= first || start > end {
        warnings.push(format!(
            "the start ({}) is outside the data ({} to {}): there is no before-and-after comparison",
            long_date(start),
            long_date(first),
            long_date(end)
        ));
    }
    let months = monthly(days.iter().copied(), first, end);
    let m0 = month_index(first);
    let empty = months.iter().filter(|m| m.count == 0).count();
    if empty > 0 {
        let months = if empty == 1 { "1 month has".to_string() } else { format!("{empty} months have") };
        warnings.push(format!("{months} no IPV {counted}: check for gaps in the extract"));
    }
    let before = days.iter().filter(|&&d| d < start).count() as u64;
    let after = days.len() as u64 - before;
    let (days_before, days_after) = ((start - first).max(0), (end - start + 1).max(0));
    let ratio = rate_ratio(before, f64::from(days_before), after, f64::from(days_after));
    let its_start_index = (month_index(start) - m0).max(0) as usize;
    let its = segmented_regression(
        &months.iter().map(|m| m.count as f64).collect::<Vec<_>>(),
        its_start_index,
        seasonal,
        m0.rem_euclid(12) as usize,
    );
    if its.is_none() {
        warnings.push("too few months on one side of the start for the interrupted time series".into());
    }
    let finding = match &ratio {
        Some(rr) => format!("IPV {counted} per day {} after the start ({}).", change_words(rr), long_date(start)),
        None => format!("IPV {counted} before and after the start cannot be compared."),
    };
    Ok(CallsResult {
        counted,
        months,
        before,
        after,
        days_before,
        days_after,
        rate_ratio: ratio,
        its,
        its_start_index,
        finding,
        definition: format!(
            "IPV {counted} counted by calendar month. Rate ratio: mean daily count from {} to {} over the mean \
             daily count before; 95% CI from the Poisson approximation exp(log RR ± 1.96 √(1/a + 1/b)). \
             Interrupted time series: ordinary least squares on monthly counts with a level and a slope change \
             at the month of the start{}.",
            long_date(start),
            long_date(end),
            if seasonal { ", with month-of-year terms" } else { "" }
        ),
        warnings,
    })
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

fn curves(label: impl Fn(usize) -> String, groups: &[Vec<&FollowUp>]) -> Vec<GroupCurve> {
    groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty())
        .map(|(k, g)| {
            let times: Vec<f64> = g.iter().map(|f| f64::from(f.days)).collect();
            let events: Vec<bool> = g.iter().map(|f| f.event).collect();
            GroupCurve { label: label(k), curve: kaplan_meier(&times, &events) }
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

/// Each notified person's IPV incident rate after the notification against their own rate
/// before the start (the incidents from the start to the notification, which triggered it, are
/// left out). Given a person's own rate, incidents are assumed to follow a Poisson process whose
/// rate the notification multiplies by the hazard ratio; conditioning on each person's number of
/// incidents removes their own rate (conditional Poisson, as in the self-controlled case series,
/// Farrington 1995). The maximum likelihood estimate and a Wald 95% CI on the log scale.
fn self_controlled(data: &Dataset, index: &Index, start: Day, end: Day) -> SelfControlled {
    let inc = &data.incidents;
    let mut people: Vec<(f64, f64, u64, u64)> = Vec::new();
    for (person, run) in inc.person_runs() {
        let Some(&(notified, _)) = index.get(&person) else { continue };
        let days: Vec<Day> = run.filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| inc.day[i]).collect();
        let Some(&first) = days.first() else { continue };
        if first >= start || notified >= end {
            continue;
        }
        let before = days.iter().filter(|&&d| d > first && d < start).count() as u64;
        let after = days.iter().filter(|&&d| d > notified && d <= end).count() as u64;
        if before + after > 0 {
            people.push((f64::from(start - first), f64::from(end - notified), before, after));
        }
    }
    let (events_before, events_after) = people.iter().fold((0, 0), |(a, b), p| (a + p.2, b + p.3));
    let (days_before, days_after) = people.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
    // Newton-Raphson on the log hazard ratio; the likelihood is concave.
    let mut theta = 0.0f64;
    let mut information = 0.0;
    let mut converged = false;
    for _ in 0..100 {
        let hr = theta.exp();
        let (mut score, mut info) = (0.0, 0.0);
        for &(t0, t1, n0, n1) in &people {
            let p = hr * t1 / (t0 + hr * t1);
            let n = (n0 + n1) as f64;
            score += n1 as f64 - n * p;
            info += n * p * (1.0 - p);
        }
        information = info;
        if info <= 0.0 || !score.is_finite() {
            break;
        }
        let step = (score / info).clamp(-2.0, 2.0);
        theta += step;
        if step.abs() < 1e-10 {
            converged = true;
            break;
        }
    }
    let hazard_ratio = (converged && events_before > 0 && events_after > 0 && information > 0.0).then(|| {
        let half = crate::stats::z(0.95) / information.sqrt();
        Estimate { value: theta.exp(), low: (theta - half).exp(), high: (theta + half).exp() }
    });
    SelfControlled { people: people.len(), events_before, days_before, events_after, days_after, hazard_ratio }
}

/// Each person's rows of the (sorted) incidents, by person id.
fn person_runs(data: &Dataset) -> Vec<Option<std::ops::Range<usize>>> {
    let mut runs = vec![None; data.people.len()];
    for (person, run) in data.incidents.person_runs() {
        runs[person as usize] = Some(run);
    }
    runs
}

/// Index: each person's first notification dated from the start to the end.
fn first_notices(classification: &Classification, start: Day, end: Day) -> Index {
    let mut first = Index::with_capacity_and_hasher(classification.notifications.len(), Default::default());
    for n in classification.notifications.iter().filter(|n| n.day >= start && n.day <= end) {
        let entry = first.entry(n.person).or_insert((n.day, n.level));
        if n.day < entry.0 {
            *entry = (n.day, n.level);
        }
    }
    first
}

fn monthly(days: impl Iterator<Item = Day>, first: Day, end: Day) -> Vec<Month> {
    let (m0, m1) = (month_index(first), month_index(end));
    let mut months: Vec<Month> = (m0..=m1).map(|month| Month { month, count: 0 }).collect();
    for d in days.filter(|&d| d >= first && d <= end) {
        months[(month_index(d) - m0) as usize].count += 1;
    }
    months
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

fn known_addresses(data: &Dataset, start: Day, end: Day) -> Result<KnownAddressesResult, String> {
    let (counted, rows) = ipv_events(data);
    if rows.iter().all(|r| r.1 == NO_ID) {
        return Err(format!("the {counted} have no address column"));
    }
    let mut before_year = vec![0u32; data.addresses.len()];
    for &(day, address) in &rows {
        if address != NO_ID && day < start && day >= start - 365 {
            before_year[address as usize] += 1;
        }
    }
    let known: Vec<bool> = before_year.iter().map(|&n| n >= 2).collect();
    let known_count = known.iter().filter(|&&k| k).count();
    let days: Vec<Day> =
        rows.iter().filter(|r| r.1 != NO_ID && known[r.1 as usize] && r.0 <= end).map(|r| r.0).collect();
    let first = rows.iter().map(|r| r.0).min().ok_or("no dated rows")?;
    let before = days.iter().filter(|&&d| d < start).count() as u64;
    let after = days.len() as u64 - before;
    let ratio = rate_ratio(before, f64::from((start - first).max(0)), after, f64::from((end - start + 1).max(0)));
    let finding = match &ratio {
        Some(rr) => {
            format!("IPV {counted} from the {} known addresses {} after the start.", known_count, change_words(rr))
        }
        None => format!("No before-and-after comparison for known addresses ({known_count} found)."),
    };
    Ok(KnownAddressesResult {
        addresses: known_count,
        months: monthly(days.iter().copied(), first, end),
        before,
        after,
        rate_ratio: ratio,
        finding,
        definition: format!(
            "Known addresses: addresses with 2 or more IPV {counted} in the 12 months before {}. Their IPV {counted} \
             per day after the start over per day before (Poisson 95% CI).",
            long_date(start)
        ),
        warnings: vec![format!(
            "addresses are chosen for many {counted} just before the start, so part of any fall is regression to \
             the mean; compare with the drop at all addresses"
        )],
    })
}

fn pauses(data: &Dataset, index: &Index, end: Day) -> Result<PausesResult, String> {
    if data.incidents.suspect.iter().all(|&s| s == NO_ID) {
        return Err("the incidents have no suspect ids".into());
    }
    let inc = &data.incidents;
    let (mut before_gaps, mut after_gaps) = (Vec::new(), Vec::new());
    let (mut followed_year, mut stopped) = (0u64, 0u64);
    for (person, run) in inc.person_runs() {
        let Some(&(day, _)) = index.get(&person) else { continue };
        let days: Vec<Day> = run.filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| inc.day[i]).collect();
        let before: Vec<Day> = days.iter().copied().filter(|&d| d <= day).collect();
        let next = days.iter().copied().find(|&d| d > day && d <= end);
        if day + 365 <= end {
            followed_year += 1;
            stopped += u64::from(next.is_none_or(|n| n > day + 365));
        }
        if let (true, Some(next), Some(&last)) = (before.len() >= 2, next, before.last()) {
            let mut gaps: Vec<f64> = before.windows(2).map(|w| f64::from(w[1] - w[0])).collect();
            before_gaps.push(median(&mut gaps).expect("two incidents give a gap"));
            after_gaps.push(f64::from(next - last));
        }
    }
    let test = crate::stats::wilcoxon::signed_rank(&after_gaps, &before_gaps);
    let share = wilson(stopped, followed_year);
    let (mb, ma) = (median(&mut before_gaps.clone()), median(&mut after_gaps.clone()));
    let finding = match (mb, ma, share) {
        (Some(b), Some(a), Some(s)) => format!(
            "Among people with incidents before and after notification, the median gap went from {b:.0} to {a:.0} days; \
             {:.1}% of notified people (95% CI {:.1}-{:.1}%) had no incident in the year after.",
            s.value * 100.0,
            s.low * 100.0,
            s.high * 100.0
        ),
        (_, _, Some(s)) => format!("{:.1}% of notified people had no incident in the year after notification.", s.value * 100.0),
        _ => "Too few notified people with follow-up to describe pauses.".into(),
    };
    Ok(PausesResult {
        paired: after_gaps.len(),
        median_gap_before: mb,
        median_first_gap_after: ma,
        test,
        followed_year,
        stopped,
        stop_share: share,
        finding,
        definition: "Pause: days between two consecutive IPV incidents of one person. For people with two or more \
            incidents up to their first notification after the start and one after it: the median of their gaps \
            before against the gap from their last incident before to the first after (Wilcoxon signed-rank, \
            paired). Complete stop: no IPV incident in the 365 days after notification, among people followed \
            that long (95% Wilson CI)."
            .into(),
        warnings: Vec::new(),
    })
}

fn services(data: &Dataset, index: &Index, end: Day) -> Result<ServicesResult, String> {
    use crate::model::Role;
    let s = data.services.as_ref().filter(|s| !s.is_empty()).ok_or("no services extract is loaded")?;
    let first = *s.day.iter().min().expect("not empty");
    let (m0, m1) = (month_index(first), month_index(end));
    let mut months: Vec<(i32, u64, u64)> = (m0..=m1).map(|m| (m, 0, 0)).collect();
    for i in (0..s.len()).filter(|&i| s.day[i] <= end) {
        let row = &mut months[(month_index(s.day[i]) - m0) as usize];
        if s.role[i] == Role::Offender {
            row.1 += 1;
        } else {
            row.2 += 1;
        }
    }
    // Contact days by the person they count for: the offender themselves, or the offender a
    // victim-survivor's contact is linked to.
    let mut contacts: Map<(u32, Role), Vec<Day>> = Map::default();
    for i in 0..s.len() {
        let whose = if s.role[i] == Role::Offender { s.person[i] } else { s.offender[i] };
        contacts.entry((whose, s.role[i])).or_default().push(s.day[i]);
    }
    let mut within_90_days = Vec::new();
    for role in [Role::Offender, Role::Victim] {
        let followed: Vec<(u32, Day)> =
            index.iter().filter(|(_, (d, _))| d + 90 <= end).map(|(&p, &(d, _))| (p, d)).collect();
        let with_contact = followed
            .iter()
            .filter(|&&(p, d)| contacts.get(&(p, role)).is_some_and(|days| days.iter().any(|&c| c >= d && c <= d + 90)))
            .count() as u64;
        let people = followed.len() as u64;
        within_90_days.push(ServiceShare { role, people, with_contact, share: wilson(with_contact, people) });
    }
    let words = |r: &ServiceShare| {
        r.share.map_or("-".to_string(), |s| {
            format!("{:.1}% (95% CI {:.1}-{:.1}%)", s.value * 100.0, s.low * 100.0, s.high * 100.0)
        })
    };
    Ok(ServicesResult {
        months,
        finding: format!(
            "Within 90 days of notification, {} of notified offenders and {} of their victim-survivors had a service contact.",
            words(&within_90_days[0]),
            words(&within_90_days[1])
        ),
        within_90_days,
        definition: "Service contacts per calendar month by role. Within 90 days: notified people (first notification \
            after the start) followed for 90 days; an offender counts with a contact of their own, a victim-survivor \
            with a contact linked to that offender, dated from the notification to 90 days after (95% Wilson CI)."
            .into(),
        warnings: Vec::new(),
    })
}

fn sanctions(
    data: &Dataset,
    classification: &Classification,
    index: &Index,
    end: Day,
) -> Result<SanctionsResult, String> {
    let s = data.sanctions.as_ref().filter(|s| !s.is_empty()).ok_or("no sanctions extract is loaded")?;
    let mut people: Vec<Option<&std::ops::Range<u32>>> = vec![None; data.people.len()];
    for (p, r) in &classification.people {
        people[*p as usize] = Some(r);
    }
    let level_on = |person: u32, day: Day| {
        let range = (*people.get(person as usize)?)?;
        let steps = &classification.steps[range.start as usize..range.end as usize];
        let n = steps.partition_point(|st| st.day <= day);
        steps.get(n.checked_sub(1)?)?.observation.level
    };
    let mut by_level = [0u64; 5];
    for i in (0..s.len()).filter(|&i| s.day[i] <= end) {
        by_level[level_on(s.person[i], s.day[i]).map_or(4, Level::index)] += 1;
    }
    let first = *s.day.iter().min().expect("not empty");
    let months = monthly(s.day.iter().copied(), first, end);
    let inc = &data.incidents;
    let runs = person_runs(data);
    let mut sanction_days: Map<u32, Vec<Day>> = Map::default();
    for i in 0..s.len() {
        sanction_days.entry(s.person[i]).or_default().push(s.day[i]);
    }
    let (mut reoffenders_ba, mut sanctioned) = (0u64, 0u64);
    for (&person, &(day, _)) in index.iter().filter(|(_, (_, l))| *l >= Level::B) {
        let Some(Some(run)) = runs.get(person as usize) else { continue };
        let Some(event) = run.clone().find(|&i| inc.flags[i].has(Flags::IPV) && inc.day[i] > day && inc.day[i] <= end)
        else {
            continue;
        };
        reoffenders_ba += 1;
        let when = inc.day[event];
        sanctioned +=
            u64::from(sanction_days.get(&person).is_some_and(|days| days.iter().any(|&d| d >= when && d <= end)));
    }
    let share = wilson(sanctioned, reoffenders_ba);
    Ok(SanctionsResult {
        by_level,
        months,
        reoffenders_ba,
        sanctioned,
        finding: match share {
            Some(sh) => format!(
                "{:.1}% of notified B and A offenders who reoffended (95% CI {:.1}-{:.1}%, n = {reoffenders_ba}) had a sanction after the reoffence.",
                sh.value * 100.0,
                sh.low * 100.0,
                sh.high * 100.0
            ),
            None => "No notified B or A offender has reoffended.".into(),
        },
        share,
        definition: "Sanctions per calendar month, and by the person's level on the sanction date. Reoffenders at B/A: \
            people whose first notification after the start was at B or A and who had an IPV incident after it; \
            sanctioned: a sanction dated on or after that incident (95% Wilson CI)."
            .into(),
        warnings: Vec::new(),
    })
}

fn reoffending(
    data: &Dataset,
    classification: &Classification,
    first_notice: &Index,
    start: Day,
    end: Day,
    settings: &OutcomeSettings,
) -> Result<ReoffendingResult, String> {
    if data.incidents.suspect.iter().all(|&s| s == NO_ID) {
        return Err("the incidents have no suspect ids, so reoffending cannot be followed per person".into());
    }
    let runs = person_runs(data);
    let entries: Vec<(u32, Day, Level)> = match settings.index {
        IndexRule::FirstAfterStart => first_notice.iter().map(|(&p, &(d, l))| (p, d, l)).collect(),
        IndexRule::FirstOfEachLevel => {
            let mut first: Map<(u32, Level), Day> = Map::default();
            for n in classification.notifications.iter().filter(|n| n.day >= start && n.day <= end) {
                let day = first.entry((n.person, n.level)).or_insert(n.day);
                *day = (*day).min(n.day);
            }
            first.into_iter().map(|((p, l), d)| (p, d, l)).collect()
        }
    };
    let mut notified: Vec<FollowUp> = entries
        .into_iter()
        .filter_map(|(person, day, level)| {
            let run = runs.get(person as usize)?.clone()?;
            let (days, event) = follow(data, run, day, end, settings.reoffense);
            Some(FollowUp { level: Some(level), days, event, possible: end - day })
        })
        .collect();
    notified.sort_by_key(|f| (f.level, f.days, f.event, f.possible));
    // Comparison cohort: first classified (first IPV incident) before the start, followed until
    // the start.
    let mut comparison = Vec::new();
    for (person, range) in &classification.people {
        let Some(step) = classification.steps.get(range.start as usize) else { continue };
        if step.day < start {
            let Some(run) = runs[*person as usize].clone() else { continue };
            let until = start.min(end) - 1;
            let (days, event) = follow(data, run, step.day, until, settings.reoffense);
            comparison.push(FollowUp { level: step.observation.level, days, event, possible: until - step.day });
        }
    }
    let mut warnings = Vec::new();
    if classification.mode == NotificationMode::Simulated {
        warnings.push("notifications are simulated by policy (no notifications extract is used)".into());
    }
    if notified.len() < 30 {
        warnings.push(format!("only {} notified people: estimates are imprecise", notified.len()));
    }

    let mut windows = Vec::new();
    for &w in &settings.windows {
        for level in [None, Some(Level::D), Some(Level::C), Some(Level::B), Some(Level::A)] {
            // Full follow-up: the data reach the end of the window, whatever happened in it.
            let in_window: Vec<&FollowUp> =
                notified.iter().filter(|f| (level.is_none() || f.level == level) && f.possible >= w).collect();
            let full = in_window.len() as u64;
            let reoffended = in_window.iter().filter(|f| f.event && f.days <= w).count() as u64;
            windows.push(WindowRate { days: w, level, people: full, reoffended, share: wilson(reoffended, full) });
        }
    }
    let by_level_groups: Vec<Vec<&FollowUp>> =
        Level::ALL.iter().map(|&l| notified.iter().filter(|f| f.level == Some(l)).collect()).collect();
    let by_level =
        curves(|k| format!("Level {}, n = {}", Level::ALL[k].letter(), by_level_groups[k].len()), &by_level_groups);
    let cohorts: Vec<Vec<&FollowUp>> = vec![comparison.iter().collect(), notified.iter().collect()];
    let by_cohort = curves(
        |k| {
            if k == 0 {
                format!("Before the start, n = {}", cohorts[0].len())
            } else {
                format!("Notified, n = {}", cohorts[1].len())
            }
        },
        &cohorts,
    );
    let year = windows.iter().find(|w| w.days == 365 && w.level.is_none());
    let finding = match year.and_then(|w| w.share.map(|s| (w, s))) {
        Some((w, s)) => format!(
            "{:.1}% of notified people (95% CI {:.1}-{:.1}%, n = {}) reoffended within a year.",
            s.value * 100.0,
            s.low * 100.0,
            s.high * 100.0,
            w.people
        ),
        None => "No notified person has a full year of follow-up yet.".into(),
    };
    let within_person = self_controlled(data, first_notice, start, end);
    let finding = match within_person.hazard_ratio {
        Some(hr) => format!(
            "{finding} Within the same people, the hazard of reoffending after notification was {:.2} times \
             the hazard before the start (95% CI {:.2}-{:.2}; {} people).",
            hr.value, hr.low, hr.high, within_person.people
        ),
        None => finding,
    };
    Ok(ReoffendingResult {
        notifications: classification.mode,
        within_person,
        notified: notified.len(),
        comparison: comparison.len(),
        windows,
        by_level_test: test_groups(&by_level_groups),
        by_level,
        by_cohort_test: test_groups(&cohorts),
        by_cohort,
        finding,
        definition: format!(
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
        ),
        warnings,
    })
}

/// The figures of the outcomes, as charts (`crate::charts::svg` draws them).
pub mod figures {
    use super::{CallsResult, GroupCurve};
    use crate::charts::{Chart, Series, XAxis};
    use crate::model::{long_date, month_index, Day, Level};

    /// Level colours (UX.md, ColorBrewer OrRd); D is darkened for lines on white.
    pub fn level_color(level: Level) -> &'static str {
        match level {
            Level::D => "#d9a03f",
            Level::C => "#fc8d59",
            Level::B => "#e34a33",
            Level::A => "#b30000",
        }
    }

    /// Monthly IPV calls (or incidents) with the segmented regression and its counterfactual.
    pub fn calls_chart(calls: &CallsResult, start: Day) -> Chart {
        let months: Vec<f64> = calls.months.iter().map(|m| f64::from(m.month)).collect();
        let mut series = vec![Series::line(
            format!("IPV {} per month", calls.counted),
            "#1d2127",
            months.iter().zip(&calls.months).map(|(&x, m)| (x, m.count as f64)).collect(),
        )];
        if let Some(its) = &calls.its {
            series.push(Series::line(
                "Fitted (segmented regression)",
                "#b30000",
                months.iter().copied().zip(its.fitted.iter().copied()).collect(),
            ));
            let after: Vec<(f64, f64)> =
                months.iter().copied().zip(its.counterfactual.iter().copied()).skip(calls.its_start_index).collect();
            let mut line = Series::line("Had the trend continued", "#59616d", after);
            line.dashed = true;
            series.push(line);
        }
        Chart {
            title: format!("IPV {} per month before and after the intervention start", calls.counted),
            x_title: "Month".into(),
            y_title: format!("IPV {} per month", calls.counted),
            x_axis: XAxis::Months,
            series,
            marker: Some((f64::from(month_index(start)), format!("Intervention start ({})", long_date(start)))),
            y_from_zero: true,
        }
    }

    /// Kaplan-Meier curves (share not yet reoffended) with their 95% bands.
    pub fn survival_chart(title: &str, groups: &[GroupCurve], colors: &[&str]) -> Chart {
        let series = groups
            .iter()
            .zip(colors)
            .map(|(g, color)| {
                let mut points = vec![(0.0, 1.0)];
                points.extend(g.curve.points.iter().map(|p| (p.time, p.survival)));
                let band = g.curve.points.iter().filter_map(|p| Some((p.time, p.low?, p.high?))).collect();
                Series { label: g.label.clone(), color: color.to_string(), points, step: true, dashed: false, band }
            })
            .collect();
        Chart {
            title: title.into(),
            x_title: "Days since the index date".into(),
            y_title: "Share not reoffended".into(),
            x_axis: XAxis::Numbers,
            series,
            marker: None,
            y_from_zero: true,
        }
    }
}
