//! Pauses between incidents before and after notification, and complete stops
//! (docs/methods.md#pauses-and-complete-stops).

use super::guard::{first_shortfall, MIN_PEOPLE};
use super::reoffending_words::capitalise;
use super::series::{median, Index};
use super::wording::{share_ci, share_of};
use super::Unavailable;
use crate::model::{Dataset, Day, Flags, NO_ID};
use crate::stats::rates::wilson;
use crate::stats::wilcoxon::SignedRank;
use crate::stats::Estimate;
use crate::words::{count, p_value};
use serde::Serialize;

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
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

pub(crate) fn pauses(data: &Dataset, index: &Index, end: Day) -> Result<PausesResult, Unavailable> {
    if data.incidents.suspect.iter().all(|&s| s == NO_ID) {
        return Err(Unavailable::NoSuspectIds);
    }
    let inc = &data.incidents;
    let (mut before_gaps, mut after_gaps) = (Vec::new(), Vec::new());
    let (mut followed_year, mut stopped) = (0u64, 0u64);
    // One person's IPV incident days (in date order) and gaps, the room kept from one to the next.
    let (mut days, mut gaps): (Vec<Day>, Vec<f64>) = (Vec::new(), Vec::new());
    for (person, run) in inc.person_runs() {
        let Some((day, _)) = index.get(person) else { continue };
        days.clear();
        days.extend(run.filter(|&i| inc.flags[i].has(Flags::IPV)).map(|i| inc.day[i]));
        let (before, after) = days.split_at(days.partition_point(|&d| d <= day));
        let next = after.first().copied().filter(|&d| d <= end);
        if day + 365 <= end {
            followed_year += 1;
            stopped += u64::from(next.is_none_or(|n| n > day + 365));
        }
        if let (true, Some(next), Some(&last)) = (before.len() >= 2, next, before.last()) {
            gaps.clear();
            gaps.extend(before.windows(2).map(|w| f64::from(w[1] - w[0])));
            before_gaps.push(median(&mut gaps).expect("two incidents give a gap"));
            after_gaps.push(f64::from(next - last));
        }
    }
    let test = crate::stats::wilcoxon::signed_rank(&after_gaps, &before_gaps);
    let share = wilson(stopped, followed_year);
    let (mb, ma) = (median(&mut before_gaps.clone()), median(&mut after_gaps.clone()));
    let (finding, technical) = pauses_words(mb, ma, after_gaps.len() as u64, followed_year, share, &test);
    Ok(PausesResult {
        paired: after_gaps.len(),
        median_gap_before: mb,
        median_first_gap_after: ma,
        test,
        followed_year,
        stopped,
        stop_share: share,
        finding,
        technical,
        definition: "Pause: days between two consecutive IPV incidents of one person. For people with two or more \
            incidents up to their first notification after the start and one after it: the median of their gaps \
            before against the gap from their last incident before to the first after (Wilcoxon signed-rank, \
            paired). Complete stop: no IPV incident in the 365 days after notification, among people followed \
            that long (95% Wilson CI)."
            .into(),
        warnings: Vec::new(),
    })
}

/// The plain finding (typical gaps, then the share who stopped) and its technical lines.
fn pauses_words(
    before: Option<f64>,
    after: Option<f64>,
    paired: u64,
    followed_year: u64,
    share: Option<Estimate>,
    test: &Option<SignedRank>,
) -> (String, Vec<String>) {
    let mut sentences = Vec::new();
    let mut technical = Vec::new();
    let gaps = "people with incidents both before and after notification";
    match (first_shortfall(&[(gaps, MIN_PEOPLE, paired)]), before, after) {
        (Some(short), _, _) => sentences.push(short.sentence()),
        (None, Some(b), Some(a)) => {
            sentences.push(format!(
                "Among the {} {gaps}, the typical gap between incidents went from {b:.0} days before to {a:.0} days \
                 after.",
                count(paired)
            ));
            if let Some(t) = test {
                technical.push(format!(
                    "Median gap before {b:.0} days, first gap after {a:.0} days; Wilcoxon signed-rank test, paired: V = \
                     {}, n = {}, p {}.",
                    t.statistic,
                    t.n,
                    p_value(t.p_value)
                ));
            }
        }
        _ => {}
    }
    let year = "notified people followed for a full year";
    match (first_shortfall(&[(year, MIN_PEOPLE, followed_year)]), share) {
        (Some(short), _) => sentences.push(short.sentence()),
        (None, Some(s)) => {
            sentences.push(format!(
                "{} had no IPV incident in the year after their notification.",
                capitalise(&share_of(s.value, "notified people"))
            ));
            technical.push(format!("No incident in 365 days: {} of {}.", share_ci(&s), count(followed_year)));
        }
        (None, None) => {}
    }
    (sentences.join(" "), technical)
}
