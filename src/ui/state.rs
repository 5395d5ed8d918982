//! The app's state: signals shared through context, and settings kept in local storage.

use gloo_storage::{LocalStorage, Storage};
use ipvi::classify::{classify, Classification, Criteria, NotificationMode};
use ipvi::ingest::{assemble, DateOrder, IngestError, IngestOptions, IngestSettings, Mapping, ParsedFile, Table};
use ipvi::model::{Dataset, Day};
use ipvi::outcomes::OutcomeSettings;
use ipvi::settings::parse_stored;
use ipvi::synth::DemoParams;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// The pages, in the order of the work (Data -> Classify -> Outcomes -> Report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Data,
    Classify,
    Outcomes,
    Training,
    Report,
    Privacy,
}

impl Page {
    pub const ALL: [Page; 6] =
        [Page::Data, Page::Classify, Page::Outcomes, Page::Training, Page::Report, Page::Privacy];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Data => "data",
            Page::Classify => "classify",
            Page::Outcomes => "outcomes",
            Page::Training => "training",
            Page::Report => "report",
            Page::Privacy => "privacy",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Data => "Data",
            Page::Classify => "Classify",
            Page::Outcomes => "Outcomes",
            Page::Training => "Training",
            Page::Report => "Report",
            Page::Privacy => "Privacy",
        }
    }

    /// Whether the page has something to show without loaded data.
    pub fn needs_data(self) -> bool {
        matches!(self, Page::Classify | Page::Outcomes | Page::Report)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

/// What the address bar's fragment asks for.
pub enum Route {
    Page(Page),
    /// `#/debug/panic`: a deliberate panic, to check that errors show a banner (tests use it).
    DebugPanic,
}

pub fn route_of(hash: &str) -> Route {
    let slug = hash.trim_start_matches('#').trim_start_matches('/');
    if slug == "debug/panic" {
        return Route::DebugPanic;
    }
    Route::Page(Page::ALL.into_iter().find(|p| p.slug() == slug).unwrap_or(Page::Data))
}

/// The demo jurisdiction, generated in the browser.
#[derive(Clone)]
pub struct DemoData {
    pub data: Arc<Dataset>,
    pub params: DemoParams,
    pub fingerprint: String,
    pub millis: f64,
}

/// One of the user's files, parsed, with its bytes kept so that a new mapping can re-read it.
#[derive(Clone)]
pub struct LoadedFile {
    pub bytes: Arc<Vec<u8>>,
    pub parsed: Arc<ParsedFile>,
    /// This file's own choices (table, mapping, date order) on top of the saved settings.
    pub options: IngestOptions,
}

impl LoadedFile {
    pub fn name(&self) -> &str {
        &self.parsed.report.file
    }

    pub fn table(&self) -> Table {
        self.parsed.mapping.table
    }
}

/// A file whose columns could not all be matched to the fields its table needs: shown with
/// its mapping so that the user can choose.
#[derive(Clone)]
pub struct UnmappedFile {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
    pub options: IngestOptions,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub samples: Vec<Vec<String>>,
    pub order: DateOrder,
    /// Why the file waits: the fields its table needs that no column holds.
    pub error: IngestError,
}

/// The data every analysis reads: the user's files, or else the demo.
#[derive(Clone)]
pub struct Loaded {
    pub data: Arc<Dataset>,
    pub demo: Option<DemoData>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
    }
}

impl Loaded {
    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }
}

/// A classification of the loaded data, with what it was computed from.
#[derive(Clone)]
pub struct Classified {
    pub data: Arc<Dataset>,
    pub result: Arc<Classification>,
    pub criteria: Criteria,
    /// How long the classification took, in milliseconds.
    pub millis: f64,
}

pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

impl PartialEq for Classified {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.result, &other.result)
    }
}

/// A file being read and parsed.
#[derive(Clone)]
pub struct Job {
    pub file: String,
    /// What is happening, in words ("Reading", "Parsing").
    pub phase: &'static str,
    pub done: u64,
    pub total: u64,
    pub cancel: Arc<AtomicBool>,
}

/// Shared by every page through context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub page: RwSignal<Page>,
    /// The user's files, at most one per table.
    pub files: RwSignal<Vec<LoadedFile>>,
    pub demo: RwSignal<Option<DemoData>>,
    /// Files if any, else the demo: what the analyses read.
    pub loaded: Memo<Option<Loaded>>,
    pub demo_params: RwSignal<DemoParams>,
    pub ingest: RwSignal<IngestSettings>,
    /// The criteria being edited on the Classify page (kept between visits).
    pub criteria: RwSignal<Criteria>,
    /// Simulate notifications even when a notifications extract is loaded.
    pub simulate: RwSignal<bool>,
    /// Levels as of this day; `None`: the last incident in the data.
    pub as_of: RwSignal<Option<Day>>,
    pub outcome_settings: RwSignal<OutcomeSettings>,
    /// The level history of the loaded data under the criteria: recomputed on every edit.
    pub classified: Memo<Option<Classified>>,
    pub job: RwSignal<Option<Job>>,
    /// Files waiting for the user to choose their columns.
    pub unmapped: RwSignal<Vec<UnmappedFile>>,
    /// Files that could not be loaded, with the reason (data already loaded stays).
    pub load_errors: RwSignal<Vec<IngestError>>,
    /// Short messages for the `aria-live` status region.
    pub status: RwSignal<String>,
    /// Notices that stay until dismissed (for example a setting that could not be read).
    pub notices: RwSignal<Vec<String>>,
}

impl AppState {
    pub fn new() -> AppState {
        let mut notices = Vec::new();
        let demo_params = load_setting::<DemoParams>(ipvi::settings::DEMO_PARAMS_KEY, &mut notices);
        let ingest = load_setting::<IngestSettings>(ipvi::settings::INGEST_SETTINGS_KEY, &mut notices);
        let mut criteria = load_setting::<Criteria>(ipvi::settings::CRITERIA_KEY, &mut notices);
        if let Err(problem) = criteria.validate() {
            notices
                .push(format!("The saved criteria could not be used ({problem}); the IPVI default is used instead."));
            criteria = Criteria::ipvi_default();
        }
        let criteria = RwSignal::new(criteria);
        let simulate = RwSignal::new(false);
        let outcome_settings =
            RwSignal::new(load_setting::<OutcomeSettings>(ipvi::settings::OUTCOME_SETTINGS_KEY, &mut notices));
        let files = RwSignal::new(Vec::<LoadedFile>::new());
        let demo = RwSignal::new(None::<DemoData>);
        let loaded = Memo::new(move |_| {
            let files = files.get();
            if files.is_empty() {
                demo.get().map(|d| Loaded { data: d.data.clone(), demo: Some(d) })
            } else {
                let data = assemble(files.iter().map(|f| f.parsed.as_ref()));
                Some(Loaded { data: Arc::new(data), demo: None })
            }
        });
        let classified = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let criteria = criteria.get();
            let mode = NotificationMode::choose(&loaded.data, simulate.get());
            let started = now_ms();
            let result = Arc::new(classify(&loaded.data, &criteria, mode));
            Some(Classified { data: loaded.data, result, criteria, millis: now_ms() - started })
        });
        AppState {
            page: RwSignal::new(Page::Data),
            criteria,
            simulate,
            outcome_settings,
            as_of: RwSignal::new(None),
            classified,
            files,
            demo,
            loaded,
            demo_params: RwSignal::new(demo_params),
            ingest: RwSignal::new(ingest),
            job: RwSignal::new(None),
            unmapped: RwSignal::new(Vec::new()),
            load_errors: RwSignal::new(Vec::new()),
            status: RwSignal::new(String::new()),
            notices: RwSignal::new(notices),
        }
    }

    pub fn has_data(&self) -> bool {
        self.loaded.with(Option::is_some)
    }
}

/// Reads a setting from local storage; a broken value gives the default and a notice.
pub fn load_setting<T: DeserializeOwned + Default>(key: &str, notices: &mut Vec<String>) -> T {
    let raw = LocalStorage::raw().get_item(key).ok().flatten();
    let (value, notice) = parse_stored(key, raw.as_deref());
    notices.extend(notice);
    value
}

pub fn save_setting<T: Serialize>(key: &str, value: &T) {
    // Storage can be full or disabled (private windows); the app works on without it.
    let _ = LocalStorage::set(key, value);
}
