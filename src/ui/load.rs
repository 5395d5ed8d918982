//! Loading files: read in slices, parse in steps, with progress and Cancel, without freezing
//! the page. A file from disk is read and parsed in a worker ([`worker`]) when one starts, else
//! here in short steps, as are files already read (a new mapping). A file that fails leaves
//! everything already loaded as it was.

mod worker;

use super::state::{now_ms, AppState, FileBytes, Job, LoadedFile, UnmappedFile};
use super::timings::{Step, Timer};
use ipvi::ingest::columns::AwaitingColumns;
use ipvi::ingest::limits::{tab_memory, TabRoom};
use ipvi::ingest::{IngestError, IngestErrorKind, IngestOptions, Parser};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// Bytes read from disk per slice; rows parsed per step, and time spent parsing between two
/// paints (long enough to waste little on yielding, short enough to keep the page responsive).
const READ_SLICE: f64 = 8.0 * 1024.0 * 1024.0;
const ROWS_PER_STEP: usize = 5_000;
pub(super) const SLICE_MS: f64 = 60.0;

/// What to load: a file from the user's disk, or one already read (to apply a new mapping).
pub enum Input {
    File(web_sys::File),
    Bytes(String, Arc<Vec<u8>>),
}

/// Lets the browser handle input (and paint when a frame is due) before the next slice of
/// work: a message to itself, which runs as soon as the browser is free. A chain of
/// `setTimeout(0)` would wait at least 4 ms per link after the fifth.
pub(crate) async fn yield_now() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return next_tick().await };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::UNDEFINED);
    });
    let _ = JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// Lets the browser paint and handle input before the next piece of work.
pub(crate) async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

pub fn today() -> ipvi::model::Day {
    (js_sys::Date::now() / 86_400_000.0).floor() as ipvi::model::Day
}

thread_local! {
    /// Inputs waiting their turn, and whether a load is under way: one file loads at a time,
    /// so that files picked while another loads wait, and Cancel stops the one shown.
    static WAITING: RefCell<VecDeque<(Input, IngestOptions)>> = RefCell::default();
    static LOADING: Cell<bool> = const { Cell::new(false) };
    /// Files refused as too big for the tab, kept to be loaded with dates to load.
    static REFUSED: RefCell<Vec<web_sys::File>> = RefCell::default();
}

/// Loads again a file refused as too big for the tab, with the reading rules now in force.
pub fn load_refused(state: AppState, name: &str) {
    let Some(file) = REFUSED.with(|r| r.borrow().iter().find(|f| f.name() == name).cloned()) else {
        state.shell.status.set(format!("Choose {name} again to load it with these dates."));
        return;
    };
    let options = IngestOptions { settings: state.settings.ingest.get_untracked(), ..IngestOptions::default() };
    load(state, vec![(Input::File(file), options)]);
}

/// Loads the inputs one after the other, after any already waiting. Cancel stops the file
/// loading and drops those waiting.
pub fn load(state: AppState, inputs: Vec<(Input, IngestOptions)>) {
    WAITING.with(|w| w.borrow_mut().extend(inputs));
    if LOADING.replace(true) {
        return;
    }
    leptos::task::spawn_local(async move {
        while let Some((input, options)) = WAITING.with(|w| w.borrow_mut().pop_front()) {
            if !load_one(state, input, options).await {
                WAITING.with(|w| w.borrow_mut().clear());
            }
        }
        LOADING.set(false);
    });
}

/// Loads one input; returns false when the user cancelled.
async fn load_one(state: AppState, input: Input, options: IngestOptions) -> bool {
    let timer = Timer::start(Step::Load);
    let cancel = Arc::new(AtomicBool::new(false));
    let cancelled = || cancel.load(Ordering::Relaxed);
    let (name, size) = match &input {
        Input::Bytes(name, bytes) => (name.clone(), bytes.len() as u64),
        Input::File(file) => (file.name(), file.size() as u64),
    };
    let progress = show_progress(state, &name, &cancel);
    // Shown at once: choices that would start another read of this file wait until it is done.
    progress("Reading", 0, size);
    let bytes = match input {
        Input::Bytes(_, bytes) => bytes,
        Input::File(file) => {
            // Read with dates to load, a file is held in the worker, and only the rows in range
            // reach the tab: their size is checked once parsed.
            let in_range = !options.settings.date_range.is_all();
            if let Err(err) = check_room(state, &file, in_range) {
                refuse(state, file, err.in_file(&name));
                return true;
            }
            let in_worker = IngestOptions { today: today(), ..options.clone() };
            let room = in_range.then(|| tab_room(state, &name));
            if let Some(outcome) = worker::load(&file, &in_worker, room, progress.clone(), cancelled).await {
                return from_worker(state, (file, in_worker), outcome, timer).await;
            }
            if let Err(err) = check_room(state, &file, false) {
                refuse(state, file, err.in_file(&name));
                return true;
            }
            match read_in_slices(&file, |done, total| progress("Reading", done, total), cancelled).await {
                Ok(Some(bytes)) => Arc::new(bytes),
                Ok(None) => return finish_cancelled(state, &name),
                Err(err) => {
                    fail(state, err.in_file(&name));
                    return true;
                }
            }
        }
    };
    progress("Parsing", 0, bytes.len() as u64);
    next_tick().await;
    let options = IngestOptions { today: today(), ..options };
    let mut parser = match Parser::new(&name, bytes.clone(), &options) {
        Ok(parser) => parser,
        Err(err) => {
            fail(state, err);
            return true;
        }
    };
    state.data.unmapped.update(|u| u.retain(|f| f.name != name));
    if let Err(err) = parser.check() {
        await_columns(state, AwaitingColumns::of(&parser, err), (name, FileBytes::Memory(bytes), options));
        return true;
    }
    match parse_in_slices(&mut parser, |done, total| progress("Parsing", done, total), cancelled).await {
        Ok(true) => {}
        Ok(false) => return finish_cancelled(state, &name),
        Err(err) => {
            fail(state, err);
            return true;
        }
    }
    match parser.finish() {
        Ok(parsed) => {
            let file = LoadedFile { bytes: FileBytes::Memory(bytes), parsed: Arc::new(parsed), options };
            loaded(state, file, timer).await
        }
        Err(err) => fail(state, err),
    }
    true
}

/// Shows how far the file `name` is (phase, done, total), with its Cancel.
fn show_progress(
    state: AppState,
    name: &str,
    cancel: &Arc<AtomicBool>,
) -> impl Fn(&'static str, u64, u64) + Clone + 'static {
    let (name, cancel) = (name.to_string(), cancel.clone());
    move |phase, done, total| {
        let (file, cancel) = (name.clone(), cancel.clone());
        state.data.job.set(Some(Job { file, phase, done, total, cancel }));
    }
}

/// What the worker made of a file, taken in as the steps here would have.
async fn from_worker(
    state: AppState,
    read: (web_sys::File, IngestOptions),
    outcome: worker::Outcome,
    timer: Timer,
) -> bool {
    let (file, options) = read;
    let name = file.name();
    let on_disk = |sha256| FileBytes::Disk { file: SendWrapper::new(file.clone()), sha256 };
    match outcome {
        worker::Outcome::Parsed { parsed, sha256 } => {
            state.data.unmapped.update(|u| u.retain(|f| f.name != name));
            loaded(state, LoadedFile { bytes: on_disk(sha256), parsed, options }, timer).await;
        }
        worker::Outcome::Columns { awaiting, sha256 } => {
            state.data.unmapped.update(|u| u.retain(|f| f.name != name));
            await_columns(state, awaiting, (name, on_disk(sha256), options));
        }
        worker::Outcome::Failed { error, opened } => {
            // As the steps here: a file that opened no longer waits for its columns.
            if opened {
                state.data.unmapped.update(|u| u.retain(|f| f.name != name));
            }
            refuse(state, file, error);
        }
        worker::Outcome::Cancelled => return finish_cancelled(state, &name),
    }
    true
}

/// A file too large to read, or (unless `in_range`: read with dates to load) for the tab to
/// hold beside the bytes of the other files loaded, is refused before it is read.
fn check_room(state: AppState, file: &web_sys::File, in_range: bool) -> Result<(), IngestError> {
    ipvi::ingest::limits::check_size(file.size() as u64)?;
    if in_range {
        return Ok(());
    }
    tab_room(state, &file.name()).check_file(file.size() as u64)
}

/// The room this tab has for a file of that name: by the device's memory where the browser
/// says, less the files loaded but one of that name (which a new one replaces).
fn tab_room(state: AppState, name: &str) -> TabRoom {
    let get = |object: &wasm_bindgen::JsValue, name: &str| js_sys::Reflect::get(object, &name.into()).ok();
    let device_gib = get(&window(), "navigator").and_then(|n| get(&n, "deviceMemory")).and_then(|v| v.as_f64());
    TabRoom { limit: tab_memory(device_gib), loaded: loaded_bytes(state, name) }
}

/// The bytes of the files loaded, but for one of that name (which a new one replaces).
fn loaded_bytes(state: AppState, name: &str) -> u64 {
    state.data.files.with_untracked(|files| files.iter().filter(|f| f.name() != name).map(|f| f.bytes.len()).sum())
}

/// A file that could not be loaded; kept when too big for the tab, to be loaded with dates to load.
fn refuse(state: AppState, file: web_sys::File, error: IngestError) {
    if matches!(error.kind(), IngestErrorKind::TooBigForTab { .. }) {
        REFUSED.with(|r| {
            let mut refused = r.borrow_mut();
            refused.retain(|f| f.name() != file.name());
            refused.push(file);
        });
    }
    fail(state, error);
}

/// Reads a file from disk in slices with progress; `None` when cancelled.
async fn read_in_slices(
    file: &web_sys::File,
    progress: impl Fn(u64, u64),
    cancelled: impl Fn() -> bool,
) -> Result<Option<Vec<u8>>, IngestError> {
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        progress(start as u64, size as u64);
        let end = (start + READ_SLICE).min(size);
        let read = async {
            let slice = file.slice_with_f64_and_f64(start, end)?;
            JsFuture::from(slice.array_buffer()).await
        };
        let Ok(buffer) = read.await else {
            let reason = "the browser could not read the file from disk".to_string();
            return Err(IngestError::new(IngestErrorKind::Unreadable { reason }));
        };
        // Straight from the browser's buffer into ours: one copy.
        let array = js_sys::Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + array.length() as usize, 0);
        array.copy_to(&mut bytes[at..]);
        if cancelled() {
            return Ok(None);
        }
        start = end;
    }
    Ok(Some(bytes))
}

/// Parses in slices of about SLICE_MS, letting the page breathe between them; `false` when
/// cancelled.
async fn parse_in_slices(
    parser: &mut Parser,
    progress: impl Fn(u64, u64),
    cancelled: impl Fn() -> bool,
) -> Result<bool, IngestError> {
    let mut slice_started = now_ms();
    loop {
        match parser.step(ROWS_PER_STEP)? {
            true => return Ok(true),
            false if now_ms() - slice_started < SLICE_MS => continue,
            false => {
                let (done, total) = parser.progress();
                progress(done, total);
                yield_now().await;
                if cancelled() {
                    return Ok(false);
                }
                slice_started = now_ms();
            }
        }
    }
}

/// A file whose columns the user can fix: shown with its columns so that they can choose.
fn await_columns(state: AppState, awaiting: AwaitingColumns, read: (String, FileBytes, IngestOptions)) {
    let (name, bytes, options) = read;
    let AwaitingColumns { headers, mapping, samples, order, error } = awaiting;
    let file = UnmappedFile { name, bytes, options, headers, mapping, samples, order, error };
    state.data.job.set(None);
    state.shell.status.set(format!("Choose the columns of {}: {}", file.name, file.error.kind()));
    state.data.unmapped.update(|u| u.push(file));
}

/// A parsed file joins the loaded data, replacing any file of the same name or table.
fn keep_loaded(state: AppState, file: LoadedFile) {
    let name = file.name().to_string();
    let table = file.table();
    state.data.files.update(|files| {
        files.retain(|f| f.name() != name && f.table() != table);
        files.push(file);
        files.sort_by_key(|f| f.table());
    });
    state.data.demo.set(None);
    state.data.load_errors.update(|errors| errors.retain(|e| e.file() != Some(name.as_str())));
    REFUSED.with(|r| r.borrow_mut().retain(|f| f.name() != name));
}

/// A parsed file joins the data; the status says so once the page has drawn it.
async fn loaded(state: AppState, file: LoadedFile, timer: Timer) {
    let report = file.parsed.report.clone();
    keep_loaded(state, file);
    state.data.job.set(None);
    // Measured once the page has drawn the new data.
    next_tick().await;
    let millis = timer.done(state.shell.timings);
    state.shell.status.set(format!(
        "Loaded {} as the {} table: {} rows kept, {} rejected ({:.2} s).",
        report.file,
        report.table.name(),
        super::format::count(report.rows_kept),
        super::format::count(report.rows_rejected()),
        millis / 1000.0
    ));
}

fn fail(state: AppState, error: IngestError) {
    state.data.job.set(None);
    state.shell.status.set(format!("Could not load: {error}"));
    state.data.load_errors.update(|errors| {
        errors.retain(|e| e != &error);
        errors.push(error);
    });
}

fn finish_cancelled(state: AppState, name: &str) -> bool {
    state.data.job.set(None);
    state.shell.status.set(format!("Loading {name} was cancelled; nothing was changed."));
    false
}
