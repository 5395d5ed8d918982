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
//!
//! Definitions and statistics: `docs/methods.md`; stages and faces: `docs/architecture.md`.
//!
//! # Example: extracts in, levels and findings out
//!
//! Two offenders. P1 has an uncharged incident, then a charged one (level C), is notified at C
//! and is charged again afterwards: a charged incident after a C notification gives B. P2 has
//! one uncharged incident (level D) and is notified at D. The first notification marks the
//! intervention start; without a calls extract, the calls analysis counts IPV incidents.
//!
//! ```
//! use ipvi::classify::{classify, Criteria, NotificationMode};
//! use ipvi::ingest::{assemble, ingest_file, IngestOptions};
//! use ipvi::outcomes::{analyze, OutcomeSettings};
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let incidents = "Case Number,Report Date,Suspect ID,Victim ID,Charged\n\
//!                      R1,2018-03-01,P1,V1,N\n\
//!                      R2,2018-05-01,P2,V2,N\n\
//!                      R3,2018-06-01,P1,V1,Y\n\
//!                      R4,2019-03-01,P1,V1,Y\n";
//!     let notifications = "Offender ID,Level,Method,Notification Date,Recipient\n\
//!                          P1,C,Custom notification,2019-01-10,Offender\n\
//!                          P2,D,Letter,2019-01-15,Offender\n";
//!     let options = IngestOptions::default();
//!     let files = [
//!         ingest_file("incidents.csv", incidents.as_bytes(), &options)?,
//!         ingest_file("notifications.csv", notifications.as_bytes(), &options)?,
//!     ];
//!     let data = assemble(&files);
//!
//!     // Recorded notifications, since the data has them and we do not ask to simulate.
//!     let mode = NotificationMode::choose(&data, false);
//!     assert_eq!(mode, NotificationMode::Recorded);
//!     let classification = classify(&data, &Criteria::ipvi_default(), mode);
//!     let last_day = classification.last_day().ok_or("no incidents")?;
//!     let mut levels: Vec<(String, &str)> = classification
//!         .as_of(last_day)
//!         .filter_map(|(person, _, step)| Some((data.people.name(person).to_string(), step.observation.level?.letter())))
//!         .collect();
//!     levels.sort();
//!     assert_eq!(levels, [("P1".to_string(), "B"), ("P2".to_string(), "D")]);
//!
//!     let outcomes = analyze(&data, &classification, &OutcomeSettings::default())?;
//!     // Three IPV incidents in the complete months before the start (10 January 2019); after it
//!     // only February is complete (March ends on the last incident), too short to compare.
//!     assert_eq!((outcomes.calls.before, outcomes.calls.after), (3, 0));
//!     assert_eq!(outcomes.calls.finding, "Not enough data: complete months after the start (need 6, have 1).");
//!     Ok(())
//! }
//! ```

pub mod charts;
pub mod classify;
pub mod export;
pub mod ingest;
pub mod model;
pub mod outcomes;
pub mod project;
pub mod report;
pub mod settings;
pub mod stats;
pub mod synth;
pub mod training;
pub mod words;

/// The product's name, as the page header and the CLI print it.
pub const PRODUCT: &str = "IPVI Workbench";

/// The engine's version (the crate version), shown by `ipvi --version` and the page footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The build id: the git commit the engine was built from (12 hex digits), or `unknown` (set by
/// `build.rs`). The report prints it beside [`VERSION`]; the web app and the CLI built from one
/// checkout carry the same id.
pub const BUILD: &str = env!("IPVI_BUILD");
