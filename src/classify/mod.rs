//! Classification of offenders into IPVI levels: criteria as data ([`criteria`]), what they
//! measure ([`features`]), the level history at every incident with its notifications
//! ([`engine`], walked in steps by [`Classifier`]) and reasons ([`reason`]), results as of a
//! date ([`report`]) and one person's events ([`timeline`]).

mod as_of;
mod classifier;
pub mod criteria;
pub mod engine;
pub mod features;
pub mod reason;
pub mod report;
#[cfg(test)]
mod reuse_tests;
mod rules;
pub mod timeline;
pub mod validate;
mod window;

pub use criteria::{Compare, Condition, Criteria, Feature, Rule, ScoreWeights};
pub use engine::{classify, Classification, Classifier, NotificationMode, Observation, PersonWalk, Step};
pub use features::Features;
pub use reason::reason;
pub use validate::{CriteriaError, RulePlace};
