//! The in-memory data set every analysis reads: columnar tables, interned ids, day numbers.
//!
//! Dates are `Day`s (days since 1970-01-01, proleptic Gregorian) so that comparisons and gaps
//! are integer arithmetic. Ids (people, addresses, case numbers, free-text categories) are
//! interned to `u32` once; `NO_ID` marks a missing value.

mod days;
mod flags;
mod ids;
mod levels;
mod tables;

pub use days::{date_of, day_from_date, day_from_ymd, iso, long_date, month_index, Day, NO_TIME};
pub use flags::Flags;
pub use ids::{Ids, NO_ID};
pub use levels::{Level, Role};
pub use tables::{permute, Calls, Incidents, Notifications, Sanctions, Services};

use serde::Serialize;
use std::sync::Arc;

/// Everything loaded: the tables and the id spaces they share.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// Offenders and victim-survivors share one id space (an id is a person).
    pub people: Arc<Ids>,
    pub addresses: Arc<Ids>,
    /// Case numbers, call numbers and free-text categories (call types, methods, ...).
    pub labels: Arc<Ids>,
    /// Tables and id spaces are shared, not copied, with the parsed files they come from.
    pub incidents: Arc<Incidents>,
    pub calls: Option<Arc<Calls>>,
    pub notifications: Option<Arc<Notifications>>,
    pub services: Option<Arc<Services>>,
    pub sanctions: Option<Arc<Sanctions>>,
    /// The date the programme started, when the data set knows it (the demo jurisdiction);
    /// loaded extracts do not carry it (docs/methods.md#intervention-start-and-end-of-follow-up).
    pub programme_start: Option<Day>,
}

/// Rows and date span of one table, for the data summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableSummary {
    pub table: &'static str,
    pub rows: usize,
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
}

impl TableSummary {
    fn of(table: &'static str, days: &[Day]) -> TableSummary {
        TableSummary {
            table,
            rows: days.len(),
            first_day: days.iter().copied().min(),
            last_day: days.iter().copied().max(),
        }
    }
}

/// What is loaded, in numbers: the Data page's summary and the CLI's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DatasetSummary {
    pub tables: Vec<TableSummary>,
    pub ipv_incidents: usize,
    /// Distinct suspects of any incident.
    pub offenders: usize,
    /// Distinct suspects of an IPV incident: the people classified (as of the last incident).
    pub ipv_offenders: usize,
    /// Distinct addresses of incidents and calls.
    pub addresses: usize,
}

impl Dataset {
    /// Whether any incident names its suspect (classification needs them).
    pub fn has_person_ids(&self) -> bool {
        self.incidents.suspect.iter().any(|&s| s != NO_ID)
    }

    pub fn summary(&self) -> DatasetSummary {
        let inc = &self.incidents;
        let mut tables = vec![TableSummary::of("incidents", &inc.day)];
        if let Some(calls) = &self.calls {
            tables.push(TableSummary::of("calls", &calls.day));
        }
        if let Some(n) = &self.notifications {
            tables.push(TableSummary::of("notifications", &n.day));
        }
        if let Some(s) = &self.services {
            tables.push(TableSummary::of("services", &s.day));
        }
        if let Some(s) = &self.sanctions {
            tables.push(TableSummary::of("sanctions", &s.day));
        }
        let ipv_suspects = inc.suspect.iter().zip(&inc.flags).filter(|(_, f)| f.has(Flags::IPV)).map(|(&s, _)| s);
        let call_addresses = self.calls.iter().flat_map(|c| c.address.iter().copied());
        DatasetSummary {
            tables,
            ipv_incidents: inc.flags.iter().filter(|f| f.has(Flags::IPV)).count(),
            offenders: distinct(inc.suspect.iter().copied(), &self.people),
            ipv_offenders: distinct(ipv_suspects, &self.people),
            addresses: distinct(inc.address.iter().copied().chain(call_addresses), &self.addresses),
        }
    }
}

/// How many distinct ids of `space` the list holds (`NO_ID` left out). Ids are dense, so a mark
/// per id counts them in one pass, with no sort.
fn distinct(ids: impl Iterator<Item = u32>, space: &Ids) -> usize {
    let mut seen = vec![false; space.len()];
    ids.filter(|&id| seen.get_mut(id as usize).is_some_and(|s| !std::mem::replace(s, true))).count()
}

#[cfg(test)]
mod tests {
    use crate::synth::{generate, DemoParams};
    use std::collections::BTreeSet;

    #[test]
    fn the_summary_counts_each_id_once() {
        let data = generate(&DemoParams { people: 400, seed: 5, ..DemoParams::default() }).expect("valid parameters");
        let inc = &data.incidents;
        let set = |ids: &mut dyn Iterator<Item = u32>| ids.filter(|&id| id != super::NO_ID).collect::<BTreeSet<_>>();
        let ipv = inc.suspect.iter().zip(&inc.flags).filter(|(_, f)| f.has(super::Flags::IPV)).map(|(&s, _)| s);
        let calls = data.calls.iter().flat_map(|c| c.address.iter().copied());
        let summary = data.summary();
        assert_eq!(summary.offenders, set(&mut inc.suspect.iter().copied()).len());
        assert_eq!(summary.ipv_offenders, set(&mut { ipv }).len());
        assert_eq!(summary.addresses, set(&mut inc.address.iter().copied().chain(calls)).len());
        assert!(summary.ipv_offenders < summary.offenders && summary.addresses > 0);
    }
}
