//! `ipvi demo`: the demo jurisdiction written as agency-shaped extracts, with its planted truth.

use crate::output::say;
use ipvi::export::{fingerprint, write_extracts, ExtractFile, ExtractStyle};
use ipvi::model::{iso, Dataset};
use ipvi::outcomes::AreaPanel;
use ipvi::synth::{self, DemoParams};
use std::time::Instant;

pub fn demo(params: &DemoParams, out: &std::path::Path, messy: bool, fingerprint_only: bool) -> Result<(), String> {
    let started = Instant::now();
    let data = synth::generate(params).map_err(|e| e.to_string())?;
    let generated = started.elapsed();
    let files = write_extracts(&data, ExtractStyle::Clean);
    if fingerprint_only {
        say!("{}", fingerprint(&files));
        return Ok(());
    }
    let mut all = files.clone();
    if messy {
        all.extend(write_extracts(&data, ExtractStyle::Messy));
    }
    // Beside the extracts, not in their fingerprint.
    let areas = synth::comparison_areas(params, &data);
    let comparison = ExtractFile {
        name: synth::COMPARISON_FILE.to_string(),
        rows: areas.areas.len() * areas.months(),
        bytes: synth::write_comparison(&areas),
    };
    all.push(comparison);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    // Every file is written before a word is printed: a reader that stops early, or a full
    // standard output, must not leave the folder half written.
    for file in &all {
        let path = out.join(&file.name);
        std::fs::write(&path, &file.bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for file in &all {
        say!("wrote {:<28} {:>10} rows {:>12} bytes", out.join(&file.name).display(), file.rows, file.bytes.len());
    }
    print_truth(params, &data, &areas);
    say!("fingerprint (clean extracts): {}", fingerprint(&files));
    say!(
        "generated in {:.2} s, written in {:.2} s",
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    );
    Ok(())
}

fn print_truth(params: &DemoParams, data: &Dataset, areas: &AreaPanel) {
    let summary = data.summary();
    say!("demo jurisdiction (synthetic data), seed {}:", params.seed);
    say!("  people                         {}", params.people);
    say!("  suspects of any incident       {}", summary.offenders);
    say!("  suspects of an IPV incident    {}", summary.ipv_offenders);
    say!("  data window                    {} to {}", iso(params.first_day), iso(params.last_day));
    say!("  intervention start             {}", iso(params.start_day));
    say!("  planted hazard ratio           {} (reoffending after notification)", params.hazard_ratio);
    say!("  planted IPV call drop          {:.0}% after the start", params.call_drop * 100.0);
    say!("  comparison areas               {}, without the programme", areas.describe());
    say!(
        "  planted city-areas difference  {:.0}% fewer IPV calls in the city after the start than its areas predict",
        params.call_drop * 100.0
    );
}
