//! Sniffing and parsing: any bytes as a file, read with the detected table and with a forced
//! one. Errors are fine; a panic, a hang or unbounded memory is a bug.
#![no_main]

use ipvi::ingest::{assemble, ingest_file, IngestOptions, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(file) = ingest_file("fuzz.csv", bytes, &IngestOptions::default()) {
        assemble([&file]);
    }
    // The length picks the forced table, so every table sees every kind of input.
    let table = Table::ALL[bytes.len() % Table::ALL.len()];
    let forced = IngestOptions { table: Some(table), ..IngestOptions::default() };
    if let Ok(file) = ingest_file("fuzz.csv", bytes, &forced) {
        assemble([&file]);
    }
});
