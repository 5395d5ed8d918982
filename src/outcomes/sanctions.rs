//! Sanctions per month and by level, and the share of B and A reoffenders sanctioned after the
//! reoffence (docs/methods.md#sanctions).

use super::guard::{first_shortfall, MIN_PEOPLE};
use super::reoffending_words::capitalise;
use super::series::{monthly, Index, Month};
use super::wording::{share_ci, share_of};
use super::Unavailable;
use crate::classify::Classification;
use crate::model::{Dataset, Day, Flags, Level};
use crate::stats::rates::wilson;
use crate::stats::Estimate;
use crate::words::count;
use serde::Serialize;

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
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

pub(crate) fn sanctions(
    data: &Dataset,
    classification: &Classification,
    index: &Index,
    runs: &[Option<std::ops::Range<usize>>],
    end: Day,
) -> Result<SanctionsResult, Unavailable> {
    let s = data.sanctions.as_ref().filter(|s| !s.is_empty()).ok_or(Unavailable::NoExtract("sanctions"))?;
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
    // Each B or A reoffender's reoffence day, by person id; then one pass over the sanctions
    // marks who had one from that day to the end.
    let mut reoffended: Vec<Option<Day>> = vec![None; data.people.len()];
    for (person, (day, _)) in index.iter().filter(|(_, (_, l))| *l >= Level::B) {
        let Some(Some(run)) = runs.get(person as usize) else { continue };
        let event = run.clone().find(|&i| inc.flags[i].has(Flags::IPV) && inc.day[i] > day && inc.day[i] <= end);
        reoffended[person as usize] = event.map(|i| inc.day[i]);
    }
    let mut was_sanctioned = vec![false; data.people.len()];
    for i in 0..s.len() {
        if let Some(Some(when)) = reoffended.get(s.person[i] as usize) {
            was_sanctioned[s.person[i] as usize] |= (*when..=end).contains(&s.day[i]);
        }
    }
    let reoffenders_ba = reoffended.iter().flatten().count() as u64;
    let sanctioned = was_sanctioned.iter().filter(|&&s| s).count() as u64;
    let share = wilson(sanctioned, reoffenders_ba);
    let (finding, technical) = sanctions_words(sanctioned, reoffenders_ba, share);
    Ok(SanctionsResult {
        by_level,
        months,
        reoffenders_ba,
        sanctioned,
        finding,
        technical,
        share,
        definition:
            "Sanctions per calendar month, and by the person's level on the sanction date. Reoffenders at B/A: \
            people whose first notification after the start was at B or A and who had an IPV incident after it; \
            sanctioned: a sanction dated on or after that incident (95% Wilson CI)."
                .into(),
        warnings: Vec::new(),
    })
}

/// The share of B and A reoffenders sanctioned, plainly, with its interval as the technical line.
fn sanctions_words(sanctioned: u64, reoffenders: u64, share: Option<Estimate>) -> (String, Vec<String>) {
    let who = "notified B and A offenders who reoffended";
    if let Some(short) = first_shortfall(&[(who, MIN_PEOPLE, reoffenders)]) {
        return (short.sentence(), Vec::new());
    }
    match share {
        Some(s) => (
            format!(
                "{} had a sanction after the reoffence.",
                capitalise(&share_of(s.value, &format!("of the {} {who}", count(reoffenders))))
            ),
            vec![format!(
                "Sanctioned after the reoffence: {} of {}, {}; 95% Wilson CI.",
                count(sanctioned),
                count(reoffenders),
                share_ci(&s)
            )],
        ),
        None => ("No notified B or A offender has reoffended.".into(), Vec::new()),
    }
}
