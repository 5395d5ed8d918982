//! Outcome analyses (definitions: docs/methods.md#outcomes): IPV calls for service
//! before and after the intervention (rate ratio, interrupted time series), known addresses,
//! reoffending after notification (fixed windows, Kaplan-Meier by level and by cohort, log-rank,
//! the within-person hazard ratio), pauses and complete stops, services and sanctions. Each
//! analysis lives in its own file and carries its n, its definition in words and its warnings;
//! [`sections`] turns the results into what a face shows, [`tables`] and [`figures`] into its
//! tables and charts.

pub mod addresses;
pub mod calls;
pub mod calls_models;
pub mod comparison;
pub mod detectable;
pub mod figures;
pub mod glossary;
pub mod guard;
pub mod other_areas;
mod other_areas_words;
pub mod pauses;
pub mod reoffending;
pub mod reoffending_words;
pub mod sanctions;
pub mod sections;
mod sections_areas;
pub mod series;
pub mod services;
pub mod stages;
pub mod tables;
pub mod within_person;
pub mod wording;

pub use addresses::KnownAddressesResult;
pub use calls::CallsResult;
pub use comparison::{AreaPanel, ComparisonError};
pub use detectable::DetectableResult;
pub use other_areas::OtherAreasResult;
pub use pauses::PausesResult;
pub use reoffending::{GroupCurve, ReoffendingResult, WindowRate};
pub use sanctions::SanctionsResult;
pub use sections::{Section, SectionBody};
pub use series::{change_words, Month};
pub use services::{ServiceShare, ServicesResult};
pub use stages::Analysis;
pub use tables::Table;
pub use within_person::SelfControlled;

use crate::classify::Classification;
use crate::model::{Dataset, Day};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Why none of the outcomes can be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomesError {
    /// No start date was chosen and there is no notification to take it from.
    NoStart,
    /// Nothing loaded has a date.
    NoDatedRows,
    /// No IPV calls (or incidents) to count.
    NoIpvEvents { counted: &'static str },
}

impl fmt::Display for OutcomesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutcomesError::NoStart => f.write_str(
                "there is no notifications extract to take the intervention start from: choose the start date",
            ),
            OutcomesError::NoDatedRows => f.write_str("no dated rows are loaded"),
            OutcomesError::NoIpvEvents { counted } => write!(f, "there are no IPV {counted} to count"),
        }
    }
}

impl std::error::Error for OutcomesError {}

/// Why one analysis is not available for the loaded data (the others still are).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// Person-level analyses need the suspect id of each incident.
    NoSuspectIds,
    /// Known addresses need an address column in the calls (or incidents).
    NoAddresses { counted: &'static str },
    /// The analysis reads an extract that is not loaded ("services", "sanctions").
    NoExtract(&'static str),
    /// Nothing to count has a date.
    NoDatedRows,
    /// No comparison areas: no file of them is loaded and no treated area is chosen.
    NoComparisonAreas,
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NoSuspectIds => {
                f.write_str("the incidents have no suspect ids, so people cannot be followed over time")
            }
            Unavailable::NoAddresses { counted } => write!(f, "the {counted} have no address column"),
            Unavailable::NoExtract(table) => write!(f, "no {table} extract is loaded"),
            Unavailable::NoDatedRows => f.write_str("no dated rows"),
            Unavailable::NoComparisonAreas => f.write_str(
                "no comparison areas are loaded (a file of monthly counts by area, or the areas where the programme \
                 ran chosen by an area column)",
            ),
        }
    }
}

/// In JSON a reason is its sentence (`{"Err": "..."}`, docs/outcomes-json.md).
impl Serialize for Unavailable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

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

/// The user's choices (docs/methods.md#outcomes gives the defaults).
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
    /// Month-of-year terms in the interrupted time series: on, off, or (none) on when each side
    /// of the start has a year of complete months (docs/methods.md#interrupted-time-series).
    pub seasonal: Option<bool>,
    /// Which notification starts a person's follow-up.
    pub index: IndexRule,
    /// The areas where the programme ran, by the area column of the calls (or incidents): when
    /// any is chosen, the other areas of that column are the comparison areas
    /// (docs/methods.md#comparison-areas).
    pub treated_areas: Vec<String>,
}

/// The index date of reoffending (docs/methods.md#reoffending-after-notification).
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
            seasonal: None,
            treated_areas: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcomes {
    pub start: Day,
    pub end: Day,
    pub calls: CallsResult,
    /// Each person-level or optional analysis, or why it is not available.
    pub reoffending: Result<ReoffendingResult, Unavailable>,
    pub known_addresses: Result<KnownAddressesResult, Unavailable>,
    pub pauses: Result<PausesResult, Unavailable>,
    pub services: Result<ServicesResult, Unavailable>,
    pub sanctions: Result<SanctionsResult, Unavailable>,
    /// The calls for service against comparison areas, when there are some.
    pub other_areas: Result<OtherAreasResult, Unavailable>,
    /// The smallest effects the analyses could find.
    pub detectable: DetectableResult,
}

/// Follow-up windows as a person types them: whole days from 1 to 3,650, comma-separated.
pub fn parse_windows(text: &str) -> Result<Vec<i32>, String> {
    let windows: Result<Vec<i32>, _> = text.split(',').map(|w| w.trim().parse::<i32>()).collect();
    match windows {
        Ok(w) if !w.is_empty() && w.iter().all(|&d| (1..=3650).contains(&d)) => Ok(w),
        _ => Err(format!("Windows must be whole numbers of days from 1 to 3,650, separated by commas, not {text:?}")),
    }
}

/// The default intervention start (docs/methods.md#intervention-start-and-end-of-follow-up): the
/// programme start when the data set knows it (the demo jurisdiction), else the first recorded
/// offender notification (loaded extracts carry no programme start).
pub fn default_start(data: &Dataset) -> Option<Day> {
    if data.programme_start.is_some() {
        return data.programme_start;
    }
    let n = data.notifications.as_ref()?;
    (0..n.len()).filter(|&i| n.role[i] == crate::model::Role::Offender).map(|i| n.day[i]).min()
}

/// The last incident or call, the default end of follow-up (notifications, services and
/// sanctions that follow the last incident say nothing about reoffending).
pub fn default_end(data: &Dataset) -> Option<Day> {
    let calls = data.calls.iter().flat_map(|c| c.day.iter());
    data.incidents.day.iter().chain(calls).copied().max()
}

/// Runs every analysis. An error says what is missing for all of them (no data, no start);
/// an analysis that needs more than the data has is `Err(Unavailable)` inside the result.
pub fn analyze(
    data: &Dataset,
    classification: &Classification,
    settings: &OutcomeSettings,
) -> Result<Outcomes, OutcomesError> {
    Analysis::new(data, classification, settings)?.finish()
}
