//! Project files: any text read as a project; a project that reads is written back and read
//! again, and the extracts it carries are decoded.
#![no_main]

use ipvi::project::Project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(project) = Project::parse(text) else {
        return;
    };
    for file in &project.data {
        let _ = file.bytes();
    }
    // What the app saves it must be able to open again.
    let again = Project::parse(&project.to_json());
    assert!(again.is_ok(), "a saved project does not read again: {again:?}");
});
