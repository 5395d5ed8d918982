//! Reading and parsing a file in the web app's worker (src/worker.rs), off the page's thread:
//! the page stays responsive however large the file. One fresh worker per file, ended once it
//! has answered (or on Cancel), so that its memory is returned. Where no worker can start (the
//! single-file build names none), the caller reads the file on the page instead.

use super::{next_tick, yield_now, SLICE_MS};
use crate::ui::state::now_ms;
use ipvi::ingest::columns::{AwaitingColumns, Decoding};
use ipvi::ingest::limits::TabRoom;
use ipvi::ingest::{IngestError, IngestErrorKind, IngestOptions, ParsedFile};
use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::document;
use std::cell::{Cell, RefCell};
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

/// Reads and parses `file` in a worker, reporting progress (phase, done, total); `None` when
/// no worker could start. With `room`, the parsed rows are refused, before the page takes them,
/// when the tab could not hold them (a file read with dates to load, not checked by its size).
pub async fn load(
    file: &File,
    options: &IngestOptions,
    room: Option<TabRoom>,
    progress: impl Fn(&'static str, u64, u64) + 'static,
    cancelled: impl Fn() -> bool,
) -> Option<Outcome> {
    let worker = Worker::new(&script()?).ok()?;
    let job = Object::new();
    let options = serde_json::to_string(options).expect("options are plain data");
    let _ = Reflect::set(&job, &"file".into(), file);
    let _ = Reflect::set(&job, &"options".into(), &options.into());
    // The worker's last message (or why it stopped), and whether it started.
    let reply: Rc<RefCell<Option<Result<JsValue, String>>>> = Rc::default();
    let started = Rc::new(Cell::new(false));
    let on_message = Closure::<dyn Fn(MessageEvent)>::new({
        let (worker, reply, started) = (worker.clone(), reply.clone(), started.clone());
        move |event: MessageEvent| {
            let data = event.data();
            match get(&data, "kind").as_string().as_deref() {
                Some("ready") => {
                    started.set(true);
                    let _ = worker.post_message(&job);
                }
                Some("progress") => {
                    let phase = if get(&data, "phase").as_string().as_deref() == Some("Reading") {
                        "Reading"
                    } else {
                        "Parsing"
                    };
                    let number = |name| get(&data, name).as_f64().unwrap_or(0.0) as u64;
                    progress(phase, number("done"), number("total"));
                }
                _ => *reply.borrow_mut() = Some(Ok(data)),
            }
        }
    });
    let on_error = Closure::<dyn Fn(Event)>::new({
        let reply = reply.clone();
        move |event: Event| {
            event.prevent_default();
            let why = event.dyn_ref::<ErrorEvent>().map(|e| e.message()).unwrap_or_default();
            *reply.borrow_mut() = Some(Err(why));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Ended, and no longer heard, before its closures go.
    let end = || {
        worker.terminate();
        worker.set_onmessage(None);
        worker.set_onerror(None);
    };
    let answer = loop {
        sleep(40).await;
        if cancelled() {
            end();
            return Some(Outcome::Cancelled);
        }
        if let Some(answer) = reply.borrow_mut().take() {
            break answer;
        }
    };
    end();
    let name = file.name();
    match answer {
        Err(_) if !started.get() => None,
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
