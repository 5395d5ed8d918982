//! Reading rules files: any text read as `IngestSettings`; rules that read are then used to
//! read a small fixed extract, so odd flag words, IPV rules and saved mappings reach the parser.
#![no_main]

use ipvi::ingest::{assemble, ingest_file, IngestOptions, IngestSettings};
use ipvi::settings::read_json;
use libfuzzer_sys::fuzz_target;

const EXTRACT: &[u8] = b"case_number,date,offense,suspect_id,victim_id,relationship,domestic\n\
RD-1,2021-03-01,BATTERY,P1,V1,SE,Y\n\
RD-2,03/04/2021,ASSAULT,P1,V1,BG,N\n\
RD-3,2021-05-06 14:30,BATTERY,P2,V2,XS,true\n";

fuzz_target!(|text: &str| {
    let Ok(settings) = read_json::<IngestSettings>("rules.json", "reading rules", text) else {
        return;
    };
    if let Ok(file) = ingest_file("incidents.csv", EXTRACT, &IngestOptions::with_settings(settings)) {
        assemble([&file]);
    }
});
