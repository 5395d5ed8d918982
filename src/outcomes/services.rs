//! Service contacts per month by role, and the share of notified people with a contact within
//! 90 days (docs/methods.md#service-utilisation).

use super::guard::{first_shortfall, MIN_PEOPLE};
use super::series::Index;
use super::wording::{share_ci, share_of};
use super::Unavailable;
use crate::model::{month_index, Dataset, Day, Role};
use crate::stats::rates::wilson;
use crate::stats::Estimate;
use crate::words::count;
use serde::Serialize;

/// A share of notified people (by role) with a service contact within 90 days.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceShare {
    pub role: Role,
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
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

pub(crate) fn services(data: &Dataset, index: &Index, end: Day) -> Result<ServicesResult, Unavailable> {
    let s = data.services.as_ref().filter(|s| !s.is_empty()).ok_or(Unavailable::NoExtract("services"))?;
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
    // Each followed person's index day, by person id; then one pass over the contacts marks
    // who had one within 90 days: an offender a contact of their own, a victim-survivor one
    // linked to that offender.
    let mut index_day: Vec<Option<Day>> = vec![None; data.people.len()];
    for (person, (day, _)) in index.iter().filter(|(_, (d, _))| d + 90 <= end) {
        index_day[person as usize] = Some(day);
    }
    let mut contact = [vec![false; data.people.len()], vec![false; data.people.len()]];
    for i in 0..s.len() {
        let (whose, role) = match s.role[i] {
            Role::Offender => (s.person[i], 0),
            Role::Victim => (s.offender[i], 1),
        };
        let Some(Some(from)) = index_day.get(whose as usize) else { continue };
        if (*from..=from + 90).contains(&s.day[i]) {
            contact[role][whose as usize] = true;
        }
    }
    let followed = index_day.iter().flatten().count() as u64;
    let within_90_days = [Role::Offender, Role::Victim]
        .into_iter()
        .zip(&contact)
        .map(|(role, had)| {
            let with_contact = had.iter().filter(|&&h| h).count() as u64;
            ServiceShare { role, people: followed, with_contact, share: wilson(with_contact, followed) }
        })
        .collect::<Vec<_>>();
    let (finding, technical) = services_words(&within_90_days);
    Ok(ServicesResult {
        months,
        finding,
        technical,
        within_90_days,
        definition: "Service contacts per calendar month by role. Within 90 days: notified people (first notification \
            after the start) followed for 90 days; an offender counts with a contact of their own, a victim-survivor \
            with a contact linked to that offender, dated from the notification to 90 days after (95% Wilson CI)."
            .into(),
        warnings: Vec::new(),
    })
}

/// "Within 90 days of notification, about 1 in 4 (25%) of notified offenders and ..."
fn services_words(shares: &[ServiceShare]) -> (String, Vec<String>) {
    let people = shares.first().map_or(0, |r| r.people);
    if let Some(short) = first_shortfall(&[("notified people followed for 90 days", MIN_PEOPLE, people)]) {
        return (short.sentence(), Vec::new());
    }
    let words = |r: &ServiceShare, who: &str| r.share.map_or(format!("no {who}"), |s| share_of(s.value, who));
    let finding = format!(
        "Within 90 days of notification, {} and {} had contact with a service.",
        words(&shares[0], "notified offenders"),
        words(&shares[1], "of their victim-survivors")
    );
    let technical = shares
        .iter()
        .filter_map(|r| {
            let s = r.share?;
            Some(format!(
                "{}: {} of {} with a contact within 90 days, {}; 95% Wilson CI.",
                if r.role == Role::Offender { "Offenders" } else { "Victim-survivors" },
                count(r.with_contact),
                count(r.people),
                share_ci(&s)
            ))
        })
        .collect();
    (finding, technical)
}
