//! Intervention levels and the roles of the people in a record.

use serde::{Deserialize, Serialize};

/// An intervention level. The order is the severity: `D < C < B < A`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    D,
    C,
    B,
    A,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::D, Level::C, Level::B, Level::A];

    pub fn letter(self) -> &'static str {
        match self {
            Level::D => "D",
            Level::C => "C",
            Level::B => "B",
            Level::A => "A",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Who a notification or service record is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Offender,
    Victim,
}

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::Offender => "offender",
            Role::Victim => "victim",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_by_severity() {
        assert!(Level::D < Level::C && Level::C < Level::B && Level::B < Level::A);
    }
}
