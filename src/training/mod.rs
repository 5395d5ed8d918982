//! Training: classification exercises for a room of trainees (cases keyed by the engine), their
//! answers files, and how far the room agrees with the key and with itself.

pub mod agreement;
pub mod answers;
pub mod exercise;
pub mod results;
pub mod session;
