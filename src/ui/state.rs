//! The app's state: signals shared through context, and settings kept in local storage.

use gloo_storage::{LocalStorage, Storage};
use ipvi::model::Dataset;
use ipvi::settings::parse_stored;
use ipvi::synth::DemoParams;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
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

/// Where the loaded data came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Demo { params: DemoParams, fingerprint: String, millis: f64 },
}

/// Data in memory and where it came from.
#[derive(Clone)]
pub struct Loaded {
    pub data: Arc<Dataset>,
    pub source: Source,
}

impl Loaded {
    pub fn is_demo(&self) -> bool {
        matches!(self.source, Source::Demo { .. })
    }
}

/// Shared by every page through context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub page: RwSignal<Page>,
    pub loaded: RwSignal<Option<Loaded>>,
    pub demo_params: RwSignal<DemoParams>,
    /// Short messages for the `aria-live` status region.
    pub status: RwSignal<String>,
    /// Notices that stay until dismissed (for example a setting that could not be read).
    pub notices: RwSignal<Vec<String>>,
}

impl AppState {
    pub fn new() -> AppState {
        let mut notices = Vec::new();
        let demo_params = load_setting::<DemoParams>(ipvi::settings::DEMO_PARAMS_KEY, &mut notices);
        AppState {
            page: RwSignal::new(Page::Data),
            loaded: RwSignal::new(None),
            demo_params: RwSignal::new(demo_params),
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
