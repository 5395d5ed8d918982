pub mod classify;
pub mod data;
pub mod outcomes;
pub mod placeholder;
pub mod privacy;
pub mod report;
pub mod training;
