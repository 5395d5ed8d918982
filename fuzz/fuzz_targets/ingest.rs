//! Sniffing and parsing: any bytes as a file, read once, with the table detected from its
//! headers or forced. Errors are fine; a panic, a hang or unbounded memory is a bug.
#![no_main]

use ipvi::ingest::{assemble, ingest_file, IngestOptions, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The length picks the table: detected, or one of the five forced, so that every table's
    // rows see every kind of input (one read per input: a read costs the most here).
    let table = Table::ALL.get(bytes.len() % (Table::ALL.len() + 1)).copied();
    let options = IngestOptions { table, ..IngestOptions::default() };
    if let Ok(file) = ingest_file("fuzz.csv", bytes, &options) {
        assemble([&file]);
    }
});
