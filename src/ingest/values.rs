//! Yes/no flags, levels and roles as extracts write them.

use crate::model::{Level, Role};
use serde::{Deserialize, Serialize};

/// Words read as yes and as no (compared without case, spaces or punctuation). Editable: an
/// agency may write "Arrest Made" or "Booked".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagWords {
    pub yes: Vec<String>,
    pub no: Vec<String>,
}

impl Default for FlagWords {
    fn default() -> Self {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect();
        FlagWords {
            yes: words(&[
                "y",
                "yes",
                "true",
                "t",
                "1",
                "x",
                "arrest made",
                "arrested",
                "booked",
                "charged",
                "felony",
                "fel",
                "on",
                "checked",
            ]),
            no: words(&[
                "n",
                "no",
                "false",
                "f",
                "0",
                "no arrest",
                "not arrested",
                "none",
                "not charged",
                "misdemeanor",
                "misd",
                "off",
                "unchecked",
                "",
            ]),
        }
    }
}

/// Lower-case letters and digits only: `"Arrest Made"` and `"ARREST_MADE"` compare equal.
pub fn normalize(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A prepared [`FlagWords`] for fast lookups.
#[derive(Clone, Debug)]
pub struct FlagReader {
    yes: Vec<String>,
    no: Vec<String>,
}

impl FlagReader {
    pub fn new(words: &FlagWords) -> FlagReader {
        FlagReader {
            yes: words.yes.iter().map(|w| normalize(w)).collect(),
            no: words.no.iter().map(|w| normalize(w)).collect(),
        }
    }

    /// `Some(true)` or `Some(false)` for a known word, `None` for anything else.
    pub fn read(&self, text: &str) -> Option<bool> {
        let t = text.trim();
        // The common cases without allocating.
        match t {
            "true" | "TRUE" | "True" | "Y" | "y" | "1" | "Yes" | "YES" | "yes" => return Some(true),
            "false" | "FALSE" | "False" | "N" | "n" | "0" | "No" | "NO" | "no" | "" => return Some(false),
            _ => {}
        }
        let n = normalize(t);
        if self.yes.contains(&n) {
            Some(true)
        } else if self.no.contains(&n) {
            Some(false)
        } else {
            None
        }
    }
}

/// `A`, `Level B`, `C-list`, `tier d` ... : the one letter A-D standing alone in the value.
pub fn read_level(text: &str) -> Option<Level> {
    let mut found = None;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let level = match word {
            "A" | "a" => Level::A,
            "B" | "b" => Level::B,
            "C" | "c" => Level::C,
            "D" | "d" => Level::D,
            _ => continue,
        };
        if found.is_some() {
            return None;
        }
        found = Some(level);
    }
    found
}

/// Who a notification or service was for.
pub fn read_role(text: &str) -> Option<Role> {
    let n = normalize(text);
    if n.contains("victim") || n.contains("survivor") || n == "v" {
        Some(Role::Victim)
    } else if n.contains("offender") || n.contains("suspect") || n.contains("perpetrator") || n == "o" {
        Some(Role::Offender)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_in_every_common_spelling() {
        let r = FlagReader::new(&FlagWords::default());
        for yes in ["Y", "yes", "TRUE", "t", "1", "Arrest Made", "ARREST_MADE", " true "] {
            assert_eq!(r.read(yes), Some(true), "{yes}");
        }
        for no in ["N", "No", "false", "F", "0", "No Arrest", ""] {
            assert_eq!(r.read(no), Some(false), "{no}");
        }
        assert_eq!(r.read("maybe"), None);
        let custom = FlagReader::new(&FlagWords { yes: vec!["Booked in".into()], no: vec![] });
        assert_eq!(custom.read("BOOKED-IN"), Some(true));
    }

    #[test]
    fn levels_and_roles() {
        assert_eq!(read_level("B"), Some(Level::B));
        assert_eq!(read_level("Level a"), Some(Level::A));
        assert_eq!(read_level("C-list"), Some(Level::C));
        assert_eq!(read_level("A/B"), None);
        assert_eq!(read_level("Letter"), None);
        assert_eq!(read_role("VICTIM/SURVIVOR"), Some(Role::Victim));
        assert_eq!(read_role("offender"), Some(Role::Offender));
        assert_eq!(read_role("other"), None);
    }
}
