//! # IPVI Workbench engine
//!
//! The pure core of IPVI Workbench: everything the web app and the `ipvi` command line tool
//! compute lives here, with no web dependency, so that both faces give the same bytes for the
//! same input and every function tests natively.
//!
//! Data flows one way, each stage a pure function:
//!
//! ```text
//! CSV bytes ─ ingest ─▶ Dataset + QualityReport
//!              synth ─▶ Dataset (the demo jurisdiction) ─ export ─▶ CSV extracts
//! Dataset + Criteria ─ classify ─▶ level history, reasons, notifications
//! Dataset + Classification + Settings ─ outcomes ─▶ results (series, curves, tests)
//! ```

pub mod charts;
pub mod classify;
pub mod export;
pub mod ingest;
pub mod model;
pub mod outcomes;
pub mod settings;
pub mod stats;
pub mod synth;
pub mod words;

/// The product's name, as the page header and the CLI print it.
pub const PRODUCT: &str = "IPVI Workbench";

/// The engine's version (the crate version), shown by `ipvi --version` and the page footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
