//! The web app's file reader, a Web Worker (wasm32 only; Trunk builds it): it reads one file
//! and parses it off the page's thread, so that the page answers input while a large file
//! loads (docs/architecture.md#the-web-app). Natively this is an empty program.
//!
//! Messages, all plain objects with a `kind`:
//! - to the page: `ready` once started; `progress` {phase, done, total}; then one of `parsed`
//!   {encoded, sha256} (the parsed file as `ingest::columns` encodes it, transferred, and the
//!   SHA-256 of the bytes read, in hex), `columns` {awaiting} (the file's columns must be
//!   chosen: `ingest::columns::AwaitingColumns` as JSON), or `failed` {error, opened} (an
//!   `IngestError` as JSON, and whether the file was opened before it);
//! - from the page: one job {file, options} (a `File`, `IngestOptions` as JSON).
//!
//! The page keeps the `File`, not the bytes: it reads the file again only if it must.

#[cfg(target_arch = "wasm32")]
mod job {
    use ipvi::ingest::columns::{encode, AwaitingColumns};
    use ipvi::ingest::{IngestError, IngestErrorKind, IngestOptions, Parser};
    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use std::future::Future;
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
        wasm_bindgen_futures::spawn_local(async move {
            let (reply, transfer) = match open(&job) {
                Err(error) => failed(&error, false),
                Ok((parser, sha256)) => match parse(parser) {
                    Ok((reply, transfer)) => match sha256.await {
                        Ok(sha256) => {
                            let _ = Reflect::set(&reply, &"sha256".into(), &sha256.into());
                            (reply, transfer)
                        }
                        Err(error) => failed(&error, true),
                    },
                    Err(error) => failed(&error, true),
                },
            };
            post(&reply, &transfer);
        });
    }

    /// The error, and whether the file was opened (sniffed and mapped) before it.
    fn failed(error: &IngestError, opened: bool) -> (Object, Array) {
        let json = serde_json::to_string(error).expect("errors are plain data");
        (message("failed", &[("error", json.into()), ("opened", opened.into())]), Array::new())
    }

    /// The job's file, read and opened, and its SHA-256 (being computed meanwhile).
    fn open(job: &JsValue) -> Result<(Parser, impl Future<Output = Result<String, IngestError>>), IngestError> {
        let field = |name: &str| Reflect::get(job, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let unreadable = |reason: &str| IngestError::new(IngestErrorKind::Unreadable { reason: reason.into() });
        let file: File = field("file").dyn_into().map_err(|_| unreadable("the page sent no file"))?;
        let options: IngestOptions = field("options")
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or_else(|| unreadable("the page sent no reading options"))?;
        let name = file.name();
        let bytes = read(&file).map_err(|e| e.in_file(&name))?;
        let sha256 = sha256_hex(&bytes, name.clone());
        Ok((Parser::new(&name, Arc::new(bytes), &options)?, sha256))
    }

    /// The SHA-256 of `bytes` in hex: by the browser's own, which hashes a copy on a thread of
    /// its own while this one parses (the bytes are freed once parsed); by the engine's, at once,
    /// where the browser offers none (a page served over plain http from another machine is not
    /// a secure context).
    fn sha256_hex(bytes: &[u8], name: String) -> impl Future<Output = Result<String, IngestError>> {
        let digest = scope().crypto().ok().and_then(|crypto| {
            let subtle = Reflect::get(&crypto, &"subtle".into()).ok().filter(JsValue::is_object)?;
            let subtle: web_sys::SubtleCrypto = subtle.unchecked_into();
            subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()
        });
        let by_engine = digest.is_none().then(|| ipvi::report::sha256_hex(bytes));
        async move {
            let Some(promise) = digest else { return Ok(by_engine.expect("hashed here when the browser cannot")) };
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(buffer) => Ok(Uint8Array::new(&buffer).to_vec().iter().map(|b| format!("{b:02x}")).collect()),
                Err(_) => {
                    let reason = "the browser could not compute the file's SHA-256".to_string();
                    Err(IngestError::new(IngestErrorKind::Unreadable { reason }).in_file(&name))
                }
            }
        }
    }

    /// The reply for an opened file, and what it transfers.
    fn parse(mut parser: Parser) -> Result<(Object, Array), IngestError> {
        if let Err(error) = parser.check() {
            let awaiting = serde_json::to_string(&AwaitingColumns::of(&parser, error)).expect("plain data");
            return Ok((message("columns", &[("awaiting", awaiting.into())]), Array::new()));
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
        Ok((message("parsed", &[("encoded", buffer.clone().into())]), Array::of1(&buffer)))
    }

    /// The file's bytes, read in slices with progress.
    fn read(file: &File) -> Result<Vec<u8>, IngestError> {
        let failed = |_| {
            let reason = "the browser could not read the file from disk".to_string();
            IngestError::new(IngestErrorKind::Unreadable { reason })
        };
        let reader = FileReaderSync::new().map_err(failed)?;
        let size = file.size();
        let mut bytes = Vec::with_capacity(size as usize);
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
            start = end;
        }
        Ok(bytes)
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
