//! The shell's state: which page is shown, the status line and the notices.

use crate::ui::timings::Timings;
use leptos::prelude::*;

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

/// The page named by the fragment; a query after `?` (such as an exercise's settings,
/// `#/training?seed=7&cases=20&...`) is for the page itself (see [`query_of`]).
pub fn route_of(hash: &str) -> Route {
    let slug = hash.trim_start_matches('#').trim_start_matches('/');
    let slug = slug.split_once('?').map_or(slug, |(page, _)| page);
    if slug == "debug/panic" {
        return Route::DebugPanic;
    }
    Route::Page(Page::ALL.into_iter().find(|p| p.slug() == slug).unwrap_or(Page::Data))
}

/// The part of the fragment after `?`, if any: `seed=7&cases=20` of `#/training?seed=7&cases=20`.
pub fn query_of(hash: &str) -> Option<&str> {
    hash.split_once('?').map(|(_, query)| query).filter(|q| !q.is_empty())
}

/// What the frame around the pages shows.
#[derive(Clone, Copy)]
pub struct Shell {
    pub page: RwSignal<Page>,
    /// Short messages for the `aria-live` status region.
    pub status: RwSignal<String>,
    /// Notices that stay until dismissed (for example a setting that could not be read).
    pub notices: RwSignal<Vec<String>>,
    /// How long loading, classifying and the outcomes last took (the footer's timings line).
    pub timings: RwSignal<Timings>,
}

impl Shell {
    pub fn new(notices: Vec<String>) -> Shell {
        Shell {
            page: RwSignal::new(Page::Data),
            status: RwSignal::new(String::new()),
            notices: RwSignal::new(notices),
            timings: RwSignal::new(Timings::default()),
        }
    }
}
