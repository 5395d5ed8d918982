//! Native benchmark of data intake: read + sniff + parse + map + store (+ sort by person) on
//! generated incident extracts of about 100k and 1M rows. Prints MB/s, rows/s and peak memory,
//! and writes the files and figures to target/bench-data/ for the browser benchmark to compare.
//!
//! Run: `cargo bench --bench ingest` (or `scripts/bench-ingest` for native and browser).

use ipvi::export::{write_extracts, ExtractStyle};
use ipvi::ingest::columns::encode;
use ipvi::ingest::parse::NextPart;
use ipvi::ingest::{assemble, IngestOptions, ParsedFile, Parser};
use ipvi::synth::{generate, DemoParams};
use std::sync::Arc;
use std::time::Instant;

/// Peak resident memory of this process (Linux), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb =
        status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

/// Parses a file in two parts on two threads, as `ipvi` does, and merges them: the result and
/// the seconds (in all, and merging).
fn in_two_parts(name: &str, bytes: Arc<Vec<u8>>) -> (ParsedFile, f64, f64) {
    let started = Instant::now();
    let mut parser = Parser::new(name, bytes, &IngestOptions::default()).unwrap();
    let bounds = parser.part_bounds(2);
    let second = parser.part(bounds[1], bounds[2]);
    parser.stop_at(bounds[1]);
    let handed_over = std::thread::scope(|s| {
        let other = s.spawn(move || second.finish_part().unwrap());
        while !parser.step(1 << 16).unwrap() {}
        other.join().unwrap()
    });
    let merging = Instant::now();
    parser.absorb(NextPart::Parsed(Box::new(handed_over))).unwrap();
    let parsed = parser.finish().unwrap();
    (parsed, started.elapsed().as_secs_f64(), merging.elapsed().as_secs_f64())
}

/// The stages of two parts timed one after another on one thread (other programs on the machine
/// cannot skew them): opening, each part, the merge.
fn two_parts_stages(name: &str, bytes: Arc<Vec<u8>>) -> [f64; 4] {
    let started = Instant::now();
    let mut parser = Parser::new(name, bytes, &IngestOptions::default()).unwrap();
    let bounds = parser.part_bounds(2);
    let second = parser.part(bounds[1], bounds[2]);
    parser.stop_at(bounds[1]);
    let opened = started.elapsed().as_secs_f64();
    while !parser.step(1 << 16).unwrap() {}
    let first = started.elapsed().as_secs_f64();
    let part = second.finish_part().unwrap();
    let other = started.elapsed().as_secs_f64();
    parser.absorb(NextPart::Parsed(Box::new(part))).unwrap();
    std::hint::black_box(parser.finish().unwrap());
    let merged = started.elapsed().as_secs_f64();
    [opened, first - opened, other - first, merged - other]
}

/// One pass against two parts (best of three each): the parse the web app's worker does before
/// it sorts and sends the rows. The two threads share the machine with whatever else runs; the
/// stages timed one after another give the time two free cores would take.
fn compare_parts(label: &str, name: &str, path: &std::path::Path) {
    let (mut whole, mut parts, mut merge, mut stages) = (f64::MAX, f64::MAX, f64::MAX, [f64::MAX; 4]);
    for _ in 0..3 {
        let bytes = Arc::new(std::fs::read(path).unwrap());
        let started = Instant::now();
        let one = Parser::new(name, bytes.clone(), &IngestOptions::default()).unwrap().finish().unwrap();
        whole = whole.min(started.elapsed().as_secs_f64());
        let (two, seconds, merging) = in_two_parts(name, bytes.clone());
        assert!(encode(&one) == encode(&two), "two parts give what one pass gives");
        (parts, merge) = if seconds < parts { (seconds, merging) } else { (parts, merge) };
        let timed = two_parts_stages(name, bytes);
        if timed.iter().sum::<f64>() < stages.iter().sum::<f64>() {
            stages = timed;
        }
    }
    let [open, first, second, merged] = stages;
    let free_cores = open + first.max(second) + merged;
    println!(
        "native parse {label:>4}: one pass {whole:.3} s; two parts on two threads {parts:.3} s (merge {merge:.3} s) = \
         {:.2}x; stages: open {open:.3} s, part 1 {first:.3} s, part 2 + hand-over {second:.3} s, merge {merged:.3} \
         s: on two free cores {free_cores:.3} s = {:.2}x",
        parts / whole,
        free_cores / whole
    );
}

fn main() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&out).unwrap();
    let mut results = Vec::new();
    // About 2.16 incidents per person in the demo model.
    for (label, people) in [("100k", 46_300u32), ("1M", 463_000)] {
        let started = Instant::now();
        let data = generate(&DemoParams { people, seed: 1, ..DemoParams::default() }).unwrap();
        let generated = started.elapsed().as_secs_f64();
        let file = write_extracts(&data, ExtractStyle::Clean).swap_remove(0);
        drop(data);
        let name = format!("incidents_{label}.csv");
        std::fs::write(out.join(&name), &file.bytes).unwrap();
        let mb = file.bytes.len() as f64 / 1e6;

        let mut best = f64::MAX;
        let mut stages = String::new();
        // Peak memory of the load alone: reset the high-water mark first (Linux).
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        for _ in 0..3 {
            let started = Instant::now();
            let bytes = std::sync::Arc::new(std::fs::read(out.join(&name)).unwrap());
            let parser = Parser::new(&name, bytes, &IngestOptions::default()).unwrap();
            let sniffed = started.elapsed().as_secs_f64();
            let parsed = parser.finish().unwrap();
            let parsed_at = started.elapsed().as_secs_f64();
            let data = assemble([&parsed]);
            let total = started.elapsed().as_secs_f64();
            if total < best {
                stages = format!(
                    "read+sniff {sniffed:.3} s, parse {:.3} s, assemble {:.3} s",
                    parsed_at - sniffed,
                    total - parsed_at
                );
            }
            assert_eq!(data.incidents.len(), file.rows);
            best = best.min(started.elapsed().as_secs_f64());
        }
        // The column profiles (`ingest::profile`) read only the first rows: their share of a load.
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&file.bytes[..]);
        let mut rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>());
        let headers = rows.next().unwrap();
        let first: Vec<Vec<String>> = rows.take(ipvi::ingest::profile::PROFILE_ROWS).collect();
        let started = Instant::now();
        for _ in 0..10 {
            std::hint::black_box(ipvi::ingest::profile::profile(&headers, &first));
        }
        let profile = started.elapsed().as_secs_f64() / 10.0;
        stages.push_str(&format!(
            "; column profiles {:.2} ms = {:.3}% of the load",
            profile * 1e3,
            100.0 * profile / best
        ));
        println!(
            "native ingest {label:>4}: {:>9} rows {:>7.1} MB  {:>6.3} s  {:>6.1} MB/s  {:>10.0} rows/s  peak {:>6.0} MB  ({stages}; generated in {:.2} s)",
            file.rows,
            mb,
            best,
            mb / best,
            file.rows as f64 / best,
            peak_mb(),
            generated
        );
        compare_parts(label, &name, &out.join(&name));
        results.push(format!(r#"{{"file":"{name}","rows":{},"mb":{mb:.3},"seconds":{best:.4}}}"#, file.rows));
    }
    std::fs::write(out.join("native.json"), format!("[{}]\n", results.join(","))).unwrap();
}
