pub mod classify;
pub mod data;
pub mod placeholder;
pub mod privacy;
