//! Training: classification exercises for a room, and how well the room agrees.

pub mod agreement;
pub mod answers;
