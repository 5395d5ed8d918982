//! The web app's file reader, a Web Worker (wasm32 only; Trunk builds it): it reads one file
//! and parses it off the page's thread, so that the page answers input while a large file
//! loads (docs/architecture.md#the-web-app). Natively this is an empty program.
//!
//! Messages, all plain objects with a `kind`:
//! - to the page: `ready` once started; `progress` {phase, done, total}; then one of `parsed`
//!   {encoded, slices} (the parsed file as `ingest::columns` encodes it, and the file's bytes
//!   in slices, all transferred), `columns` {awaiting, slices} (the file's columns must be
//!   chosen: `ingest::columns::AwaitingColumns` as JSON), or `failed` {error, opened} (an
//!   `IngestError` as JSON, and whether the file was opened before it);
//! - from the page: one job {file, options} (a `File`, `IngestOptions` as JSON).

#[cfg(target_arch = "wasm32")]
mod job {
    use ipvi::ingest::columns::{encode, AwaitingColumns};
    use ipvi::ingest::{IngestError, IngestErrorKind, IngestOptions, Parser};
    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use std::sync::Arc;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

    /// Bytes read from disk at a time, and rows parsed between two progress messages.
    const READ_SLICE: f64 = 8.0 * 1024.0 * 1024.0;
    const ROWS_PER_STEP: usize = 20_000;

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn message(kind: &str, fields: &[(&str, JsValue)]) -> Object {
        let object = Object::new();
        let _ = Reflect::set(&object, &"kind".into(), &kind.into());
        for (name, value) in fields {
            let _ = Reflect::set(&object, &(*name).into(), value);
        }
        object
    }

    fn post(message: &Object, transfer: &Array) {
        let _ = scope().post_message_with_transfer(message, transfer);
    }

    fn progress(phase: &str, done: u64, total: u64) {
        let fields = [("phase", phase.into()), ("done", (done as f64).into()), ("total", (total as f64).into())];
        post(&message("progress", &fields), &Array::new());
    }

    /// Starts listening for the job, then says so (a message sent before would be lost).
    pub fn start() {
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| run(event.data()));
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&message("ready", &[]), &Array::new());
    }

    fn run(job: JsValue) {
        let (reply, transfer) = match open(&job) {
            Err(error) => failed(&error, false),
            Ok((parser, slices)) => parse(parser, slices).unwrap_or_else(|error| failed(&error, true)),
        };
        post(&reply, &transfer);
    }

    /// The error, and whether the file was opened (sniffed and mapped) before it.
    fn failed(error: &IngestError, opened: bool) -> (Object, Array) {
        let json = serde_json::to_string(error).expect("errors are plain data");
        (message("failed", &[("error", json.into()), ("opened", opened.into())]), Array::new())
    }

    /// The job's file, read and opened, and its bytes as read.
    fn open(job: &JsValue) -> Result<(Parser, Array), IngestError> {
        let field = |name: &str| Reflect::get(job, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let unreadable = |reason: &str| IngestError::new(IngestErrorKind::Unreadable { reason: reason.into() });
        let file: File = field("file").dyn_into().map_err(|_| unreadable("the page sent no file"))?;
        let options: IngestOptions = field("options")
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or_else(|| unreadable("the page sent no reading options"))?;
        let name = file.name();
        let (bytes, slices) = read(&file).map_err(|e| e.in_file(&name))?;
        Ok((Parser::new(&name, Arc::new(bytes), &options)?, slices))
    }

    /// The reply for an opened file, and what it transfers.
    fn parse(mut parser: Parser, slices: Array) -> Result<(Object, Array), IngestError> {
        if let Err(error) = parser.check() {
            let awaiting = serde_json::to_string(&AwaitingColumns::of(&parser, error)).expect("plain data");
            let reply = message("columns", &[("awaiting", awaiting.into()), ("slices", slices.clone().into())]);
            return Ok((reply, slices));
        }
        while !parser.step(ROWS_PER_STEP)? {
            let (done, total) = parser.progress();
            progress("Parsing", done, total);
        }
        // Sorted here, off the page's thread: `assemble` on the page then finds the rows in order.
        let mut parsed = parser.finish()?;
        parsed.sort_rows();
        let encoded = encode(&parsed);
        drop(parsed);
        let buffer = Uint8Array::new_with_length(encoded.len() as u32);
        buffer.copy_from(&encoded);
        drop(encoded);
        let buffer = buffer.buffer();
        let reply = message("parsed", &[("encoded", buffer.clone().into()), ("slices", slices.clone().into())]);
        // A new array: `slices` itself is in the message.
        Ok((reply, slices.concat(&Array::of1(&buffer))))
    }

    /// The file's bytes, and the same bytes as the slices read (for the page to keep).
    fn read(file: &File) -> Result<(Vec<u8>, Array), IngestError> {
        let failed = |_| {
            let reason = "the browser could not read the file from disk".to_string();
            IngestError::new(IngestErrorKind::Unreadable { reason })
        };
        let reader = FileReaderSync::new().map_err(failed)?;
        let size = file.size();
        let mut bytes = Vec::with_capacity(size as usize);
        let slices = Array::new();
        let mut start = 0.0;
        while start < size {
            progress("Reading", start as u64, size as u64);
            let end = (start + READ_SLICE).min(size);
            let slice = file.slice_with_f64_and_f64(start, end).map_err(failed)?;
            let buffer: ArrayBuffer = reader.read_as_array_buffer(&slice).map_err(failed)?;
            let array = Uint8Array::new(&buffer);
            let at = bytes.len();
            bytes.resize(at + array.length() as usize, 0);
            array.copy_to(&mut bytes[at..]);
            slices.push(&buffer);
            start = end;
        }
        Ok((bytes, slices))
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    job::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The web app's file reader builds for wasm32 with Trunk (see README.md).");
}
