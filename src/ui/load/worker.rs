//! Reading and parsing a file in the web app's worker (src/worker.rs), off the page's thread:
//! the page stays responsive however large the file. One fresh worker per file (two for a large
//! one, each parsing part of the rows), ended once it has answered (or on Cancel), so that its
//! memory is returned. Where no worker can start (the
//! single-file build names none), the caller reads the file on the page instead.

use super::{next_tick, yield_now, SLICE_MS};
use crate::ui::state::now_ms;
use ipvi::ingest::columns::{AwaitingColumns, Decoding};
use ipvi::ingest::limits::TabRoom;
use ipvi::ingest::{IngestError, IngestErrorKind, IngestOptions, ParsedFile};
use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::document;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, File, MessageEvent, Worker};

/// What the worker made of a file.
pub enum Outcome {
    /// The parsed file, and the SHA-256 of the bytes read (in hex).
    Parsed {
        parsed: Arc<ParsedFile>,
        sha256: String,
    },
    /// The user must choose the file's columns (SHA-256 as above).
    Columns {
        awaiting: AwaitingColumns,
        sha256: String,
    },
    /// The error, and whether the file was opened (sniffed and mapped) before it.
    Failed {
        error: IngestError,
        opened: bool,
    },
    Cancelled,
}

/// The worker's script as the page names it (`<meta name="ipvi-worker">` in index.html).
fn script() -> Option<String> {
    document().query_selector("meta[name='ipvi-worker']").ok()??.get_attribute("content")
}

fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn unreadable(name: &str, reason: String) -> IngestError {
    IngestError::new(IngestErrorKind::Unreadable { reason }).in_file(name)
}

/// Files larger than this are parsed on two workers, each on half of the rows, where the
/// machine has two cores or more (docs/architecture.md#the-web-app).
const TWO_WORKERS_FROM: f64 = 8.0 * 1024.0 * 1024.0;

/// The cores the browser says the machine has (1 when it does not say).
fn cores() -> f64 {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).unwrap_or(JsValue::UNDEFINED);
    get(&navigator, "hardwareConcurrency").as_f64().unwrap_or(1.0)
}

/// What the workers said so far.
#[derive(Default)]
struct Heard {
    /// The first worker's last message (or why it stopped), and whether it started.
    reply: Option<Result<JsValue, String>>,
    started: bool,
    /// Each worker's progress: whether it is parsing (not reading), done and total.
    progress: [Option<(bool, u64, u64)>; 2],
    /// The second worker's answer, held until the first worker can hear it.
    handed_on: Option<JsValue>,
}

impl Heard {
    /// The progress of both workers as one: the first one's reading, then the parts' parsing.
    fn progress(&self) -> (&'static str, u64, u64) {
        match self.progress {
            [Some((false, done, total)), _] | [None, Some((false, done, total))] => ("Reading", done, total),
            parts => {
                let parsing = parts.iter().flatten().filter(|p| p.0);
                parsing.fold(("Parsing", 0, 0), |(phase, done, total), p| (phase, done + p.1, total + p.2))
            }
        }
    }
}

/// A worker's progress message: whether it is parsing, done and total.
fn progress_of(data: &JsValue) -> (bool, u64, u64) {
    let number = |name| get(data, name).as_f64().unwrap_or(0.0) as u64;
    (get(data, "phase").as_string().as_deref() != Some("Reading"), number("done"), number("total"))
}

/// Hands the second worker's answer on to the first (its rows transferred, not copied).
fn hand_on(first: &Worker, answer: &JsValue) {
    let encoded = get(answer, "encoded");
    let transfer = if encoded.is_instance_of::<js_sys::ArrayBuffer>() { Array::of1(&encoded) } else { Array::new() };
    let _ = first.post_message_with_transfer(answer, &transfer);
}

/// The job of worker `part` of `parts`.
fn job(file: &File, options: &str, part: usize, parts: usize) -> Object {
    let job = Object::new();
    let _ = Reflect::set(&job, &"file".into(), file);
    let _ = Reflect::set(&job, &"options".into(), &options.into());
    let _ = Reflect::set(&job, &"part".into(), &(part as f64).into());
    let _ = Reflect::set(&job, &"parts".into(), &(parts as f64).into());
    job
}

/// Reads and parses `file` in a worker (a large file: two, each on its part of the rows, the
/// first merging the second's), reporting progress (phase, done, total); `None` when no worker
/// could start. With `room`, the parsed rows are refused, before the page takes them, when the
/// tab could not hold them (a file read with dates to load, not checked by its size).
pub async fn load(
    file: &File,
    options: &IngestOptions,
    room: Option<TabRoom>,
    progress: impl Fn(&'static str, u64, u64) + 'static,
    cancelled: impl Fn() -> bool,
) -> Option<Outcome> {
    let first = Worker::new(&script()?).ok()?;
    let two = file.size() > TWO_WORKERS_FROM && cores() >= 2.0;
    let second = two.then(|| Worker::new(&script()?).ok()).flatten();
    let parts = if second.is_some() { 2 } else { 1 };
    let options = serde_json::to_string(options).expect("options are plain data");
    let heard: Rc<RefCell<Heard>> = Rc::default();
    let progress = Rc::new(progress);
    let listeners = Listeners::new(&first, job(file, &options, 0, parts), heard.clone(), progress.clone());
    let second_listeners = second.as_ref().map(|second| {
        let job = job(file, &options, 1, parts);
        Listeners::second(second, &first, job, heard.clone(), progress.clone())
    });
    // Ended, and no longer heard, before their closures go.
    let end = || {
        for worker in std::iter::once(&first).chain(second.as_ref()) {
            worker.terminate();
            worker.set_onmessage(None);
            worker.set_onerror(None);
        }
    };
    let answer = loop {
        sleep(40).await;
        if cancelled() {
            end();
            return Some(Outcome::Cancelled);
        }
        if let Some(answer) = heard.borrow_mut().reply.take() {
            break answer;
        }
    };
    end();
    drop((listeners, second_listeners));
    let name = file.name();
    match answer {
        Err(_) if !heard.borrow().started => None,
        Err(why) => {
            let reason = format!(
                "reading the file stopped unexpectedly ({why}); if the file is large, the tab may have run out of \
                 memory: load a shorter date range"
            );
            Some(Outcome::Failed { error: unreadable(&name, reason), opened: false })
        }
        Ok(data) => Some(outcome(&name, &data, room.map(|room| (room, file.size() as u64))).await),
    }
}

/// A worker's message and error listeners, kept while it works.
struct Listeners {
    _message: Closure<dyn Fn(MessageEvent)>,
    _error: Closure<dyn Fn(Event)>,
}

type Progress = Rc<dyn Fn(&'static str, u64, u64)>;

impl Listeners {
    /// The first worker's: its job once it is ready (then the second's answer, if it came
    /// first), its progress, its last message.
    fn new(worker: &Worker, job: Object, heard: Rc<RefCell<Heard>>, progress: Progress) -> Listeners {
        let message = Closure::<dyn Fn(MessageEvent)>::new({
            let (worker, heard) = (worker.clone(), heard.clone());
            move |event: MessageEvent| {
                let data = event.data();
                let mut h = heard.borrow_mut();
                match get(&data, "kind").as_string().as_deref() {
                    Some("ready") => {
                        h.started = true;
                        let _ = worker.post_message(&job);
                        if let Some(answer) = h.handed_on.take() {
                            hand_on(&worker, &answer);
                        }
                    }
                    Some("progress") => {
                        h.progress[0] = Some(progress_of(&data));
                        let (phase, done, total) = h.progress();
                        drop(h);
                        progress(phase, done, total);
                    }
                    _ => h.reply = Some(Ok(data)),
                }
            }
        });
        let error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            event.prevent_default();
            let why = event.dyn_ref::<ErrorEvent>().map(|e| e.message()).unwrap_or_default();
            heard.borrow_mut().reply = Some(Err(why));
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        Listeners { _message: message, _error: error }
    }

    /// The second worker's: its job once it is ready, its progress, and its answer (or its
    /// failure, as a lost part) handed on to the first worker, after which it is ended.
    fn second(worker: &Worker, first: &Worker, job: Object, heard: Rc<RefCell<Heard>>, progress: Progress) -> Self {
        let answer = {
            let (worker, first, heard) = (worker.clone(), first.clone(), heard.clone());
            move |answer: JsValue| {
                worker.terminate();
                let mut h = heard.borrow_mut();
                match h.started {
                    true => hand_on(&first, &answer),
                    false => h.handed_on = Some(answer),
                }
            }
        };
        let message = Closure::<dyn Fn(MessageEvent)>::new({
            let (worker, answer) = (worker.clone(), answer.clone());
            move |event: MessageEvent| {
                let data = event.data();
                match get(&data, "kind").as_string().as_deref() {
                    Some("ready") => {
                        let _ = worker.post_message(&job);
                    }
                    Some("progress") => {
                        let mut h = heard.borrow_mut();
                        h.progress[1] = Some(progress_of(&data));
                        let (phase, done, total) = h.progress();
                        drop(h);
                        progress(phase, done, total);
                    }
                    _ => answer(data),
                }
            }
        });
        let error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            event.prevent_default();
            let lost = Object::new();
            let _ = Reflect::set(&lost, &"kind".into(), &"part-lost".into());
            answer(lost.into());
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        Listeners { _message: message, _error: error }
    }
}

/// The outcome the worker's last message holds; with a room, parsed rows it could not hold are
/// refused (the file's size given for the message).
async fn outcome(name: &str, data: &JsValue, room: Option<(TabRoom, u64)>) -> Outcome {
    let json = |field| get(data, field).as_string().unwrap_or_default();
    let broken = |what: &str, e: &dyn std::fmt::Display| {
        let reason = format!("the file was read, but its {what} did not reach the page ({e})");
        Outcome::Failed { error: unreadable(name, reason), opened: true }
    };
    match get(data, "kind").as_string().as_deref() {
        Some("parsed") => {
            let encoded = Uint8Array::new(&get(data, "encoded"));
            if let Some(Err(error)) = room.map(|(room, bytes)| room.check_parsed(bytes, u64::from(encoded.length()))) {
                return Outcome::Failed { error: error.in_file(name), opened: true };
            }
            let encoded = copied(&encoded).await;
            next_tick().await;
            let parsed = match Decoding::ids(&encoded) {
                Ok(decoding) => {
                    yield_now().await;
                    decoding.rows()
                }
                Err(e) => Err(e),
            };
            drop(encoded);
            next_tick().await;
            match parsed {
                Ok(parsed) => Outcome::Parsed { parsed: Arc::new(parsed), sha256: json("sha256") },
                Err(e) => broken("tables", &e),
            }
        }
        Some("columns") => match serde_json::from_str(&json("awaiting")) {
            Ok(awaiting) => Outcome::Columns { awaiting, sha256: json("sha256") },
            Err(e) => broken("columns", &e),
        },
        _ => match serde_json::from_str::<IngestError>(&json("error")) {
            Ok(error) => Outcome::Failed { error, opened: get(data, "opened").as_bool() == Some(true) },
            Err(e) => broken("error", &e),
        },
    }
}

/// An array copied into wasm memory piece by piece, letting the page breathe between pieces.
async fn copied(array: &Uint8Array) -> Vec<u8> {
    const PIECE: u32 = 8 << 20;
    let mut bytes = Vec::with_capacity(array.length() as usize);
    let mut started = now_ms();
    for from in (0..array.length()).step_by(PIECE as usize) {
        let piece = array.subarray(from, (from + PIECE).min(array.length()));
        let at = bytes.len();
        bytes.resize(at + piece.length() as usize, 0);
        piece.copy_to(&mut bytes[at..]);
        if now_ms() - started > SLICE_MS {
            yield_now().await;
            started = now_ms();
        }
    }
    bytes
}

async fn sleep(millis: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = leptos::prelude::window();
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
