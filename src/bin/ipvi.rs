//! `ipvi`: the IPVI Workbench engine on the command line, for scripted, reproducible runs.
//! Every command is a thin layer over the library; results equal the web app's for the same input.

use clap::{Parser, Subcommand};
use ipvi::export::{fingerprint, write_extracts, ExtractStyle};
use ipvi::model::{iso, Dataset};
use ipvi::synth::{self, DemoParams, Effect};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "ipvi",
    version,
    about = "IPVI Workbench on the command line: evaluate the Intimate Partner \
Violence Intervention on local CSV extracts. Nothing is sent anywhere."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the demo jurisdiction (synthetic extracts with a known, planted effect) as CSV files.
    Demo {
        /// Number of people with incidents.
        #[arg(long, default_value_t = synth::DEFAULT_PEOPLE)]
        people: u32,
        /// Random seed: the same seed and parameters give identical files on every platform.
        #[arg(long, default_value_t = synth::DEFAULT_SEED)]
        seed: u64,
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "demo")]
        out: PathBuf,
        /// Also write messy variants (other headers, US dates, Y/N flags, `;`, Windows-1252, ...).
        #[arg(long)]
        messy: bool,
        /// Planted effect: `none`, `default`, or a hazard ratio of reoffending after notification.
        #[arg(long, default_value = "default", value_parser = Effect::parse)]
        effect: Effect,
        /// Relative drop in IPV calls for service after the start (0 to below 1).
        #[arg(long)]
        call_drop: Option<f64>,
        /// Print the fingerprint of the clean extracts and write nothing.
        #[arg(long)]
        fingerprint_only: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo {
            people,
            seed,
            out,
            messy,
            effect,
            call_drop,
            fingerprint_only,
        } => {
            let mut params = DemoParams {
                people,
                seed,
                ..DemoParams::default()
            }
            .with_effect(effect);
            if let Some(drop) = call_drop {
                params.call_drop = drop;
            }
            demo(&params, &out, messy, fingerprint_only)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ipvi: {message}");
            ExitCode::FAILURE
        }
    }
}

fn demo(
    params: &DemoParams,
    out: &std::path::Path,
    messy: bool,
    fingerprint_only: bool,
) -> Result<(), String> {
    let started = Instant::now();
    let data = synth::generate(params)?;
    let generated = started.elapsed();
    let files = write_extracts(&data, ExtractStyle::Clean);
    if fingerprint_only {
        println!("{}", fingerprint(&files));
        return Ok(());
    }
    let mut all = files.clone();
    if messy {
        all.extend(write_extracts(&data, ExtractStyle::Messy));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for file in &all {
        let path = out.join(&file.name);
        std::fs::write(&path, &file.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "wrote {:<28} {:>10} rows {:>12} bytes",
            path.display(),
            file.rows,
            file.bytes.len()
        );
    }
    print_truth(params, &data);
    println!("fingerprint (clean extracts): {}", fingerprint(&files));
    println!(
        "generated in {:.2} s, written in {:.2} s",
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    );
    Ok(())
}

fn print_truth(params: &DemoParams, data: &Dataset) {
    let summary = data.summary();
    println!("demo jurisdiction (synthetic data), seed {}:", params.seed);
    println!("  people                         {}", params.people);
    println!("  offenders with incidents       {}", summary.offenders);
    println!(
        "  data window                    {} to {}",
        iso(params.first_day),
        iso(params.last_day)
    );
    println!("  intervention start             {}", iso(params.start_day));
    println!(
        "  planted hazard ratio           {} (reoffending after notification)",
        params.hazard_ratio
    );
    println!(
        "  planted IPV call drop          {:.0}% after the start",
        params.call_drop * 100.0
    );
}
