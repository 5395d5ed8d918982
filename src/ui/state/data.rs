//! The loaded data: the user's files (or the demo), files in progress or awaiting their
//! columns, load errors, and the classification derived from them. Kept in memory only.

use crate::ui::load::Input;
use ipvi::classify::Classification;
use ipvi::classify::Criteria;
use ipvi::ingest::{assemble, DateOrder, IngestError, IngestOptions, Mapping, ParsedFile, Table};
use ipvi::model::Dataset;
use ipvi::outcomes::{AreaPanel, ComparisonError};
use ipvi::report::ComparisonFile;
use ipvi::synth::DemoParams;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// The demo jurisdiction, generated in the browser.
#[derive(Clone)]
pub struct DemoData {
    pub data: Arc<Dataset>,
    pub params: DemoParams,
    pub fingerprint: String,
    pub millis: f64,
}

/// Where a file's bytes are, to read it again (a new mapping, a project file with its data).
#[derive(Clone)]
pub enum FileBytes {
    /// Read on the page: the demo's, a project's, or any file where no worker could start.
    Memory(Arc<Vec<u8>>),
    /// Read in the worker and left on disk: the page holds the `File`, not a second copy of a
    /// large file (the browser refuses to read it again if it changed on disk since), and the
    /// SHA-256 of the bytes the worker read.
    Disk { file: SendWrapper<web_sys::File>, sha256: String },
}

impl FileBytes {
    pub fn len(&self) -> u64 {
        match self {
            FileBytes::Memory(bytes) => bytes.len() as u64,
            FileBytes::Disk { file, .. } => file.size() as u64,
        }
    }

    /// The file to load again as `name`.
    pub fn input(&self, name: &str) -> Input {
        match self {
            FileBytes::Memory(bytes) => Input::Bytes(name.to_string(), bytes.clone()),
            FileBytes::Disk { file, .. } => Input::File((**file).clone()),
        }
    }

    /// The SHA-256 of the bytes (in hex), as the report names the file.
    pub fn sha256(&self) -> String {
        match self {
            FileBytes::Memory(bytes) => ipvi::report::sha256_hex(bytes),
            FileBytes::Disk { sha256, .. } => sha256.clone(),
        }
    }

    /// The bytes, read from disk again if they were left there; the error says why not.
    pub async fn read(&self) -> Result<Arc<Vec<u8>>, String> {
        match self {
            FileBytes::Memory(bytes) => Ok(bytes.clone()),
            FileBytes::Disk { file, .. } => match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => Ok(Arc::new(js_sys::Uint8Array::new(&buffer).to_vec())),
                Err(_) => Err(format!("{} could not be read from disk again (was it changed or moved?)", file.name())),
            },
        }
    }
}

/// One of the user's files, parsed, with where its bytes are, so that a new mapping can read it
/// again.
#[derive(Clone)]
pub struct LoadedFile {
    pub bytes: FileBytes,
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
    pub bytes: FileBytes,
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

/// Comparison areas (docs/methods.md#comparison-areas), and whether they are the demo's.
#[derive(Clone)]
pub struct ComparisonAreas {
    pub panel: Arc<AreaPanel>,
    /// The demo's own areas, loaded with it: they go with the demo only.
    pub demo: bool,
    /// The user's file, as the report names it (none for the demo's).
    pub file: Option<Arc<ComparisonFile>>,
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

/// What has been loaded, and what is being loaded.
#[derive(Clone, Copy)]
pub struct DataState {
    /// The user's files, at most one per table.
    pub files: RwSignal<Vec<LoadedFile>>,
    pub demo: RwSignal<Option<DemoData>>,
    /// Files if any, else the demo: what the analyses read.
    pub loaded: Memo<Option<Loaded>>,
    pub job: RwSignal<Option<Job>>,
    /// Files waiting for the user to choose their columns.
    pub unmapped: RwSignal<Vec<UnmappedFile>>,
    /// Files that could not be loaded, with the reason (data already loaded stays).
    pub load_errors: RwSignal<Vec<IngestError>>,
    /// The comparison areas loaded last (a user's file, or the demo's).
    pub comparison: RwSignal<Option<ComparisonAreas>>,
    /// Why the last comparison file could not be read (the areas loaded before stay).
    pub comparison_error: RwSignal<Option<ComparisonError>>,
    /// The comparison areas that go with the loaded data: the user's file, or the demo's while
    /// the demo is what is loaded.
    pub comparison_in_use: Memo<Option<Arc<AreaPanel>>>,
}

impl DataState {
    pub fn new() -> DataState {
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
        let comparison = RwSignal::new(None::<ComparisonAreas>);
        let comparison_in_use = Memo::new(move |_| {
            let areas = comparison.get()?;
            let demo_loaded = loaded.with(|l| l.as_ref().is_some_and(Loaded::is_demo));
            (!areas.demo || demo_loaded).then_some(areas.panel)
        });
        DataState {
            files,
            demo,
            loaded,
            comparison,
            comparison_error: RwSignal::new(None),
            comparison_in_use,
            job: RwSignal::new(None),
            unmapped: RwSignal::new(Vec::new()),
            load_errors: RwSignal::new(Vec::new()),
        }
    }
}
