//! Known addresses: addresses with repeated IPV calls in the year before the start, and their
//! calls before and after it (docs/methods.md#known-addresses).

use super::series::{change_words, ipv_events, monthly, Month};
use super::Unavailable;
use crate::model::{long_date, Dataset, Day, NO_ID};
use crate::stats::rates::rate_ratio;
use crate::stats::Estimate;
use serde::Serialize;

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

pub(crate) fn known_addresses(data: &Dataset, start: Day, end: Day) -> Result<KnownAddressesResult, Unavailable> {
    let (counted, rows) = ipv_events(data);
    if rows.iter().all(|r| r.1 == NO_ID) {
        return Err(Unavailable::NoAddresses { counted });
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
    let first = rows.iter().map(|r| r.0).min().ok_or(Unavailable::NoDatedRows)?;
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
