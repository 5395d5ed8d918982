//! Settings kept between visits (criteria, reading rules, outcome, demo and report settings) and the
//! session's choices. A persisted setting is saved by one path: an effect that writes it to local
//! storage whenever it changes, so pages only set signals.

use gloo_storage::{LocalStorage, Storage};
use ipvi::classify::Criteria;
use ipvi::ingest::IngestSettings;
use ipvi::model::{day_from_ymd, Day};
use ipvi::outcomes::OutcomeSettings;
use ipvi::report::ReportChoices;
use ipvi::settings::{
    parse_stored, CRITERIA_KEY, DEMO_PARAMS_KEY, INGEST_SETTINGS_KEY, OUTCOME_SETTINGS_KEY, REPORT_CHOICES_KEY,
    TRAINING_PROGRESS_KEY,
};
use ipvi::synth::DemoParams;
use ipvi::training::session::Progress;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

#[derive(Clone, Copy)]
pub struct Settings {
    pub demo_params: RwSignal<DemoParams>,
    /// Reading rules: IPV rules, column mappings, flag words.
    pub ingest: RwSignal<IngestSettings>,
    /// The criteria being edited on the Classify page.
    pub criteria: RwSignal<Criteria>,
    pub outcome_settings: RwSignal<OutcomeSettings>,
    /// The exercise a trainee is working through on the Training page, kept until "Start over".
    pub training: RwSignal<Option<Progress>>,
    /// For this session only: simulate notifications even when a notifications extract is loaded.
    pub simulate: RwSignal<bool>,
    /// For this session only: levels as of this day; `None`: the last incident in the data.
    pub as_of: RwSignal<Option<Day>>,
    /// The report's title, authors, parts and notes.
    pub report: RwSignal<ReportChoices>,
    /// For this session only: the generation date printed on the report (today by default).
    pub report_date: RwSignal<Day>,
}

impl Settings {
    /// The saved settings, or the defaults with a notice for any that cannot be read.
    pub fn load(notices: &mut Vec<String>) -> Settings {
        if !storage_works() {
            notices.push(
                "Saved settings could not be restored: this browser does not let the page use its local storage \
                 (it may be disabled or in a private window). The defaults are used, and changes last until the \
                 page is closed."
                    .to_string(),
            );
        }
        let mut criteria = load_setting::<Criteria>(CRITERIA_KEY, notices);
        if let Err(problem) = criteria.validate() {
            notices
                .push(format!("The saved criteria could not be used ({problem}); the IPVI default is used instead."));
            criteria = Criteria::ipvi_default();
        }
        Settings {
            demo_params: persisted(DEMO_PARAMS_KEY, load_setting(DEMO_PARAMS_KEY, notices)),
            ingest: persisted(INGEST_SETTINGS_KEY, load_setting(INGEST_SETTINGS_KEY, notices)),
            criteria: persisted(CRITERIA_KEY, criteria),
            outcome_settings: persisted(OUTCOME_SETTINGS_KEY, load_setting(OUTCOME_SETTINGS_KEY, notices)),
            training: persisted(TRAINING_PROGRESS_KEY, load_setting(TRAINING_PROGRESS_KEY, notices)),
            simulate: RwSignal::new(false),
            as_of: RwSignal::new(None),
            report: persisted(REPORT_CHOICES_KEY, load_setting(REPORT_CHOICES_KEY, notices)),
            report_date: RwSignal::new(local_today()),
        }
    }
}

/// Today's date on this computer's calendar (the date a person would write on the report).
fn local_today() -> Day {
    let now = js_sys::Date::new_0();
    day_from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// Whether the page may use local storage at all: reaching it throws where storage is disabled
/// (blocked site data, some private windows), and gloo-storage panics then, so it is asked first.
fn storage_available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

/// Whether settings can be read back at all (one notice for all of them when not).
fn storage_works() -> bool {
    storage_available() && LocalStorage::raw().get_item(CRITERIA_KEY).is_ok()
}

/// Reads a setting from local storage; a broken value gives the default and a notice.
fn load_setting<T: DeserializeOwned + Default>(key: &str, notices: &mut Vec<String>) -> T {
    let raw = if storage_available() { LocalStorage::raw().get_item(key).ok().flatten() } else { None };
    let (value, notice) = parse_stored(key, raw.as_deref());
    notices.extend(notice);
    value
}

/// A signal saved under `key` whenever it changes (the one save path).
fn persisted<T: Serialize + Clone + Send + Sync + 'static>(key: &'static str, value: T) -> RwSignal<T> {
    let signal = RwSignal::new(value);
    Effect::new(move |_| {
        // Storage can be full or disabled (private windows); the app works on without it.
        if storage_available() {
            let _ = signal.with(|value| LocalStorage::set(key, value));
        }
    });
    signal
}
