//! Data intake: CSV bytes in, columnar tables and a quality report out.
//!
//! A file goes through [`Parser`]: `Parser::new` decodes and sniffs it and proposes a table and
//! a column mapping; `step` parses a bounded number of rows (so the web app can show progress
//! and stay responsive); `finish` returns the [`ParsedFile`]. [`assemble`] joins the parsed files
//! into one [`Dataset`] with shared id spaces. Every failure is an [`IngestError`]: its kind,
//! the file, the line and, for a problem in one column, the column.

pub mod columns;
pub mod dates;
pub mod decode;
pub mod error;
pub mod fields;
pub mod limits;
pub mod mapping;
pub mod parse;
pub mod plausible;
pub mod profile;
pub mod quality;
pub mod sniff;
pub mod values;

pub use dates::{DateOrder, OrderEvidence};
pub use error::{IngestError, IngestErrorKind, Position};
pub use fields::{Field, Table};
pub use mapping::{auto_map, detect_table, header_signature, Mapping};
#[cfg(not(target_arch = "wasm32"))]
pub use parse::ingest_on_threads;
pub use parse::{ingest_file, ParsedFile, Parser, TableRows};
pub use plausible::DateRange;
pub use quality::{QualityReport, RejectGroup, RowProblem};
pub use values::{preview_value, FlagWords};

use crate::model::{Dataset, Day, Ids, NO_ID};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Which rows count as intimate partner violence. Every part that is set must hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IpvRule {
    /// Use the domestic flag column, when one is mapped: rows flagged yes count.
    pub domestic_flag: bool,
    /// Offence descriptions or call types that count (case-insensitive, part of the text is
    /// enough); empty: not used.
    pub kinds: Vec<String>,
    /// Victim-offender relationship codes that count (such as SE, CS, BG, XS, HR); empty: not used.
    pub relationships: Vec<String>,
}

impl Default for IpvRule {
    /// The domestic flag if the extract has one, else every row.
    fn default() -> Self {
        IpvRule { domestic_flag: true, kinds: Vec::new(), relationships: Vec::new() }
    }
}

impl IpvRule {
    /// NIBRS intimate relationship codes: spouse, common-law, boy/girlfriend, ex-spouse,
    /// same-sex relationship, ex-relationship.
    pub fn nibrs_intimate() -> IpvRule {
        IpvRule { relationships: ["SE", "CS", "BG", "XS", "HR", "XR"].map(String::from).to_vec(), ..IpvRule::default() }
    }
}

/// The IPV rule of each table that has one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IpvRules {
    pub incidents: IpvRule,
    pub calls: IpvRule,
}

impl IpvRules {
    /// The rules that pick the IPV rows of the demo jurisdiction's extracts: intimate
    /// relationship codes for incidents, call types that say "domestic" for calls.
    pub fn demo() -> IpvRules {
        IpvRules {
            incidents: IpvRule::nibrs_intimate(),
            calls: IpvRule { kinds: vec!["domestic".into()], ..IpvRule::default() },
        }
    }

    pub fn for_table(&self, table: Table) -> &IpvRule {
        match table {
            Table::Calls => &self.calls,
            _ => &self.incidents,
        }
    }
}

/// A mapping the user confirmed, remembered for files with the same header row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// [`header_signature`] of the header row.
    pub signature: String,
    pub table: Table,
    pub columns: Vec<Option<Field>>,
    #[serde(default)]
    pub date_order: Option<DateOrder>,
}

/// How the user reads their extracts, kept between visits and exported as a file
/// (`ipvi check --map FILE` reads the same file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngestSettings {
    pub flags: FlagWords,
    pub ipv: IpvRules,
    pub mappings: Vec<SavedMapping>,
    /// Keep rows whose date is a placeholder (1900-01-01, 9999-12-31 ...) or outside the
    /// believable window (before 1950, or more than a year after the day of reading) in the
    /// analyses; by default they are left out and reported (`docs/methods.md`).
    pub keep_implausible_dates: bool,
    /// The dates to load: rows dated outside are left out of every file (all dates by default).
    pub date_range: DateRange,
}

impl IngestSettings {
    /// The remembered mapping for a header row, if any.
    pub fn mapping_for(&self, headers: &[String]) -> Option<&SavedMapping> {
        let signature = header_signature(headers);
        self.mappings.iter().find(|m| m.signature == signature && m.columns.len() == headers.len())
    }

    /// Remembers (or replaces) the mapping of a header row.
    pub fn remember(&mut self, headers: &[String], mapping: &Mapping, date_order: Option<DateOrder>) {
        let signature = header_signature(headers);
        self.mappings.retain(|m| m.signature != signature);
        self.mappings.push(SavedMapping {
            signature,
            table: mapping.table,
            columns: mapping.columns.clone(),
            date_order,
        });
    }
}

/// How one file is read: the user's choices for this file, then their saved settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngestOptions {
    /// The table the file holds; remembered or detected from its headers when `None`.
    pub table: Option<Table>,
    /// The field of each column; remembered or mapped automatically when `None`.
    pub mapping: Option<Vec<Option<Field>>>,
    /// How slashed dates read; remembered or decided from the data when `None`.
    pub date_order: Option<DateOrder>,
    /// Dates after this day are reported as future dates.
    pub today: Day,
    pub settings: IngestSettings,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            table: None,
            mapping: None,
            date_order: None,
            today: Day::MAX,
            settings: IngestSettings::default(),
        }
    }
}

impl IngestOptions {
    pub fn with_settings(settings: IngestSettings) -> IngestOptions {
        IngestOptions { settings, ..IngestOptions::default() }
    }
}

impl ParsedFile {
    /// Puts incidents in person and date order (as `assemble` would), so that a worker can do
    /// it off the page's thread and `assemble` then finds them in order.
    pub fn sort_rows(&mut self) {
        if let TableRows::Incidents(t) = &mut self.rows {
            Arc::make_mut(t).sort_by_person_and_date(&self.labels);
        }
    }
}

/// Joins parsed files (one per table; a later file of the same table wins) into one data set
/// whose tables share their id spaces, with incidents sorted by person and date.
pub fn assemble<'a>(files: impl IntoIterator<Item = &'a ParsedFile>) -> Dataset {
    let mut by_table: Vec<&ParsedFile> = Vec::new();
    for file in files {
        by_table.retain(|f| f.mapping.table != file.mapping.table);
        by_table.push(file);
    }
    by_table.sort_by_key(|f| f.mapping.table);
    let mut data = Dataset::default();
    for file in by_table {
        let people = remap(&file.people, &mut data.people);
        let addresses = remap(&file.addresses, &mut data.addresses);
        let labels = remap(&file.labels, &mut data.labels);
        let p = |v: &mut Vec<u32>| relabel(&people, v);
        let a = |v: &mut Vec<u32>| relabel(&addresses, v);
        let l = |v: &mut Vec<u32>| relabel(&labels, v);
        // A table whose ids stay as they are is shared with its file, not copied.
        let same = people.is_none() && addresses.is_none() && labels.is_none();
        match &file.rows {
            TableRows::Incidents(t) => {
                let mut inc = t.clone();
                if !same {
                    let t = Arc::make_mut(&mut inc);
                    l(&mut t.case_id);
                    p(&mut t.suspect);
                    p(&mut t.victim);
                    a(&mut t.address);
                    l(&mut t.relationship);
                    l(&mut t.offense);
                    l(&mut t.area);
                }
                // Already in order when the loading worker sorted it (no copy then).
                if !inc.is_by_person_and_date(&data.labels) {
                    Arc::make_mut(&mut inc).sort_by_person_and_date(&data.labels);
                }
                data.incidents = inc;
            }
            TableRows::Calls(t) => {
                let mut calls = t.clone();
                if !same {
                    let t = Arc::make_mut(&mut calls);
                    l(&mut t.call_id);
                    a(&mut t.address);
                    l(&mut t.call_type);
                    l(&mut t.area);
                }
                data.calls = Some(calls);
            }
            TableRows::Notifications(t) => {
                let mut n = t.clone();
                if !same {
                    let t = Arc::make_mut(&mut n);
                    p(&mut t.person);
                    l(&mut t.method);
                }
                data.notifications = Some(n);
            }
            TableRows::Services(t) => {
                let mut s = t.clone();
                if !same {
                    let t = Arc::make_mut(&mut s);
                    p(&mut t.person);
                    p(&mut t.offender);
                    l(&mut t.service_type);
                }
                data.services = Some(s);
            }
            TableRows::Sanctions(t) => {
                let mut s = t.clone();
                if !same {
                    let t = Arc::make_mut(&mut s);
                    p(&mut t.person);
                    l(&mut t.sanction_type);
                    l(&mut t.case_id);
                }
                data.sanctions = Some(s);
            }
        }
    }
    data
}

/// Local id -> global id, or `None` when the ids stay as they are: the first table into an empty
/// id space keeps its ids (and shares them). Names the id space already has are looked up, so
/// it is copied only when a table brings new ones.
fn remap(local: &Arc<Ids>, global: &mut Arc<Ids>) -> Option<Vec<u32>> {
    if global.is_empty() {
        *global = local.clone();
        return None;
    }
    let map = (0..local.len() as u32).map(|id| {
        let name = local.name(id);
        global.get(name).unwrap_or_else(|| Arc::make_mut(global).intern(name))
    });
    Some(map.collect())
}

/// A column of local ids turned into global ids (in place: the copy of the table is the only copy).
fn relabel(map: &Option<Vec<u32>>, column: &mut [u32]) {
    let Some(map) = map else { return };
    for id in column.iter_mut().filter(|id| **id != NO_ID) {
        *id = map[*id as usize];
    }
}
