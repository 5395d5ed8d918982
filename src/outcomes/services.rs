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
    // Contacts by the person they count for (the offender themselves, or the offender a
    // victim-survivor's contact is linked to), whether a victim-survivor's, and day: sorted, so
    // that a person's contacts in a window are found by a binary search.
    let mut contacts: Vec<(u32, bool, Day)> = (0..s.len())
        .map(|i| match s.role[i] {
            Role::Offender => (s.person[i], false, s.day[i]),
            _ => (s.offender[i], true, s.day[i]),
        })
        .collect();
    contacts.sort_unstable();
    let any_within = |key: (u32, bool), from: Day, to: Day| {
        let at = contacts.partition_point(|&(p, v, d)| (p, v, d) < (key.0, key.1, from));
        contacts.get(at).is_some_and(|&(p, v, d)| (p, v) == key && d <= to)
    };
    let followed: Vec<(u32, Day)> =
        index.iter().filter(|(_, (d, _))| d + 90 <= end).map(|(&p, &(d, _))| (p, d)).collect();
    let mut within_90_days = Vec::new();
    for role in [Role::Offender, Role::Victim] {
        let victim = role == Role::Victim;
        let with_contact = followed.iter().filter(|&&(p, d)| any_within((p, victim), d, d + 90)).count() as u64;
        let people = followed.len() as u64;
        within_90_days.push(ServiceShare { role, people, with_contact, share: wilson(with_contact, people) });
    }
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
