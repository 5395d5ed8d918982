//! Training: classification exercises for a room of trainees, and how far they agree.

pub mod exercise;
