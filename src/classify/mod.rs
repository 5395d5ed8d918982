//! Classification of offenders into IPVI levels.
//!
//! For now this holds the "IPVI default" criteria of DOMAIN.md as an incremental tracker,
//! which the demo generator uses as its notification policy. Criteria as editable data and the
//! level history of a whole data set build on the same per-person walk.

pub mod ipvi_default;
