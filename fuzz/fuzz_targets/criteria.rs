//! Criteria files: any text read as criteria; criteria that validate classify a tiny fixed data
//! set in both notification modes (thresholds and weights reach the engine).
#![no_main]

use ipvi::classify::{classify, Criteria, NotificationMode};
use ipvi::ingest::{assemble, ingest_file, IngestOptions};
use ipvi::model::Dataset;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const EXTRACT: &[u8] = b"case_number,date,offense,suspect_id,victim_id,charged,weapon,domestic\n\
RD-1,2019-01-05,BATTERY,P1,V1,Y,N,Y\n\
RD-2,2019-06-10,ASSAULT,P1,V1,N,Y,Y\n\
RD-3,2020-02-01,BATTERY,P1,V2,Y,N,Y\n\
RD-4,2020-03-15,STRANGULATION,P2,V3,Y,N,Y\n\
RD-5,2021-07-30,BATTERY,P2,V3,N,N,Y\n\
RD-6,2021-08-01,THEFT,P3,V4,N,N,N\n";

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let file = ingest_file("incidents.csv", EXTRACT, &IngestOptions::default()).expect("the fixed extract reads");
        assemble([&file])
    })
}

fuzz_target!(|text: &str| {
    let Ok(criteria) = Criteria::from_json(text) else {
        return;
    };
    if criteria.validate().is_ok() {
        for mode in [NotificationMode::Recorded, NotificationMode::Simulated] {
            classify(data(), &criteria, mode);
        }
    }
});
