//! Known addresses: addresses with repeated IPV calls in the year before the start, and their
//! calls before and after it, always beside the change at all addresses
//! (docs/methods.md#known-addresses).

use super::calls::CallsResult;
use super::guard::{first_shortfall, Periods, Shortfall, MIN_EVENTS};
use super::series::{monthly, Month};
use super::wording::{change_plain, estimate_ci};
use super::Unavailable;
use crate::model::{long_date, Dataset, Day, NO_ID};
use crate::stats::rates::rate_ratio;
use crate::stats::Estimate;
use crate::words::count;
use serde::Serialize;

/// Calls from addresses with repeated IPV calls in the 12 months before the start.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnownAddressesResult {
    pub addresses: usize,
    pub months: Vec<Month>,
    pub periods: Periods,
    /// Their events in the complete months before and after the start.
    pub before: u64,
    pub after: u64,
    pub rate_ratio: Option<Estimate>,
    pub shortfall: Option<Shortfall>,
    pub finding: String,
    pub technical: Vec<String>,
    pub definition: String,
    pub warnings: Vec<String>,
}

const MEAN_REVERSION: &str = "addresses chosen for many calls just before the start fall partly by chance \
    (regression to the mean), so the all-address change is the fairer measure";

/// The known-address change and, in the same sentence, the all-address change and why it is the
/// fairer measure.
fn finding(counted: &str, known: usize, rr: &Estimate, all: &CallsResult) -> String {
    let known_words = format!("IPV {counted} from the {} known addresses {}", count(known as u64), change_plain(rr));
    let all_words = match &all.rate_ratio {
        Some(all_rr) => format!("{counted} from all addresses {}", change_plain(all_rr)),
        None => "the change at all addresses could not be measured".into(),
    };
    let reason = MEAN_REVERSION.replace("calls", counted);
    format!("{known_words}, while {all_words}; {reason}.")
}

pub(crate) fn known_addresses(
    data: &Dataset,
    (counted, rows): (&'static str, &[(Day, u32)]),
    start: Day,
    end: Day,
    all: &CallsResult,
) -> Result<KnownAddressesResult, Unavailable> {
    if rows.iter().all(|r| r.1 == NO_ID) {
        return Err(Unavailable::NoAddresses { counted });
    }
    let mut before_year = vec![0u32; data.addresses.len()];
    for &(day, address) in rows {
        if address != NO_ID && day < start && day >= start - 365 {
            before_year[address as usize] += 1;
        }
    }
    let known: Vec<bool> = before_year.iter().map(|&n| n >= 2).collect();
    let known_count = known.iter().filter(|&&k| k).count();
    let days: Vec<Day> =
        rows.iter().filter(|r| r.1 != NO_ID && known[r.1 as usize] && r.0 <= end).map(|r| r.0).collect();
    // The same months as the calls for service, so that both changes cover the same periods.
    let first = rows.iter().map(|r| r.0).filter(|&d| d <= end).min().ok_or(Unavailable::NoDatedRows)?;
    let months = monthly(days.iter().copied(), first, end);
    let periods = Periods::new(months.len(), first, end, start);
    let sum = |r: &std::ops::Range<usize>| months[r.clone()].iter().map(|m| m.count).sum::<u64>();
    let (before, after) = (sum(&periods.before), sum(&periods.after));
    let (mb, ma) = (periods.before.len() as f64, periods.after.len() as f64);
    let shortfall = all.shortfall.clone().or_else(|| {
        first_shortfall(&[
            (&format!("IPV {counted} from known addresses before the start"), MIN_EVENTS, before),
            (&format!("IPV {counted} from known addresses after the start"), MIN_EVENTS, after),
        ])
    });
    let ratio = shortfall.is_none().then(|| rate_ratio(before, mb, after, ma)).flatten();
    let finding = match (&shortfall, &ratio) {
        (Some(s), _) => s.sentence(),
        (None, Some(rr)) => finding(counted, known_count, rr, all),
        (None, None) => format!("No before-and-after comparison for known addresses ({known_count} found)."),
    };
    let mut technical = Vec::new();
    if let (Some(rr), Some(all_rr)) = (&ratio, &all.rate_ratio) {
        technical.push(format!(
            "Rate ratio at known addresses {} ({} IPV {counted} in the complete months before, {} after); at all \
             addresses {}. Mean per complete month after over before; Poisson 95% CI.",
            estimate_ci(rr, 2),
            count(before),
            count(after),
            estimate_ci(all_rr, 2)
        ));
    }
    Ok(KnownAddressesResult {
        addresses: known_count,
        months,
        periods,
        before,
        after,
        rate_ratio: ratio,
        shortfall,
        finding,
        technical,
        definition: format!(
            "Known addresses: addresses with 2 or more IPV {counted} in the 12 months before {}. Their IPV \
             {counted} per complete month after the start over per complete month before, over the same months as \
             the change at all addresses (Poisson 95% CI); at least {MIN_EVENTS} on each side are needed.",
            long_date(start)
        ),
        warnings: Vec::new(),
    })
}
