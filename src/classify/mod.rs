//! Classification of offenders into IPVI levels: criteria as data ([`criteria`]), and the level
//! history at every incident with its reasons and notifications ([`engine`]).

pub mod criteria;
pub mod engine;
pub mod report;

pub use criteria::{Compare, Condition, Criteria, Feature, Rule, ScoreWeights};
pub use engine::{classify, reason, Classification, NotificationMode, Observation, PersonWalk, Step};
