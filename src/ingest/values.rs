//! Yes/no flags, levels and roles as extracts write them, and how a value reads as its field.

use super::dates::{parse_date_time, DateOrder, DateTime};
use super::fields::Field;
use crate::model::{iso, Level, Role, NO_TIME};
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

/// How a raw value of a column reads as its field, for the mapping preview: dates in ISO,
/// flags as yes/no, levels as letters; `?` marks a value the field cannot read.
pub fn preview_value(field: Field, text: &str, order: DateOrder, flags: &FlagWords) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "(empty)".into();
    }
    match field {
        Field::Date => match parse_date_time(text, order) {
            Some(DateTime { day, minute: NO_TIME }) => iso(day),
            Some(DateTime { day, minute }) => format!("{} {:02}:{:02}", iso(day), minute / 60, minute % 60),
            None => format!("? {text}"),
        },
        f if f.is_flag() => match FlagReader::new(flags).read(text) {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => format!("? {text}"),
        },
        Field::Level => read_level(text).map_or(format!("? {text}"), |l| l.letter().to_string()),
        Field::Role => read_role(text).map_or(format!("? {text}"), |r| r.word().to_string()),
        _ => text.to_string(),
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

    #[test]
    fn previews_show_values_as_their_field_reads_them() {
        let words = FlagWords::default();
        let preview = |field, text| preview_value(field, text, DateOrder::MonthFirst, &words);
        assert_eq!(preview(Field::Date, "3/1/2019 2:32 PM"), "2019-03-01 14:32");
        assert_eq!(preview(Field::Date, "2019-03-01"), "2019-03-01");
        assert_eq!(preview(Field::Date, "soon"), "? soon");
        assert_eq!(preview(Field::Arrest, "Arrest Made"), "yes");
        assert_eq!(preview(Field::Level, "tier b"), "B");
        assert_eq!(preview(Field::Role, "maybe"), "? maybe");
        assert_eq!(preview(Field::Address, " "), "(empty)");
    }
}
