//! What an exercise is made from, its compact form for a page address, and what can go wrong.
//!
//! The fragment names the settings only (seed, number of cases, difficulty, criteria by preset
//! name): it never carries a record, so a trainer can share the address of an exercise and
//! every trainee's page builds the same cases from it.

use crate::classify::Criteria;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The most cases one exercise can hold (a room works through a handful to a few dozen).
pub const MAX_CASES: u32 = 60;

/// How hard the cases are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// Clear-cut: no single fact of a case, removed or moved, changes its level.
    Easy,
    /// About half easy, half hard.
    Mixed,
    /// At a threshold: at least one single fact, removed or moved, changes the level.
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Mixed, Difficulty::Hard];

    /// The word the page, the command line and the fragment use.
    pub fn word(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Mixed => "mixed",
            Difficulty::Hard => "hard",
        }
    }

    pub fn parse(text: &str) -> Result<Difficulty, ExerciseError> {
        let text = text.trim();
        Difficulty::ALL
            .into_iter()
            .find(|d| d.word().eq_ignore_ascii_case(text))
            .ok_or_else(|| ExerciseError::Settings(format!("difficulty is easy, mixed or hard, not {text:?}")))
    }

    /// How many of `cases` are at a threshold (the rest are clear-cut).
    pub fn hard_cases(self, cases: u32) -> u32 {
        match self {
            Difficulty::Easy => 0,
            Difficulty::Mixed => cases / 2,
            Difficulty::Hard => cases,
        }
    }
}

/// Everything an exercise is made from: the same settings give the same cases, byte for byte.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseSettings {
    pub seed: u64,
    pub cases: u32,
    pub difficulty: Difficulty,
    pub criteria: Criteria,
}

/// Why no exercise could be made, said so that a trainer can act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExerciseError {
    /// The settings are out of range (number of cases, criteria).
    Settings(String),
    /// A page address fragment that cannot be read.
    Fragment(String),
    /// The demo jurisdiction does not hold enough cases of the kind asked for.
    NotEnoughCases { asked: u32, found: u32, what: &'static str },
    /// The loaded data holds fewer people with IPV incidents and a suspect id than cases asked.
    TooFewPeople { asked: u32, found: u32 },
    /// No case of the kind asked for has a notification: the exercise's notifications extract
    /// would be empty, and `ipvi classify` would simulate notifications instead.
    NoNotification,
}

impl fmt::Display for ExerciseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExerciseError::Settings(message) => write!(f, "{message}"),
            ExerciseError::Fragment(message) => write!(f, "the exercise address cannot be read: {message}"),
            ExerciseError::NotEnoughCases { asked, found, what } => write!(
                f,
                "only {found} of the {asked} {what} cases asked for could be found with these criteria: \
                 ask for fewer cases, another difficulty or another seed"
            ),
            ExerciseError::TooFewPeople { asked, found } => write!(
                f,
                "the loaded data has {found} people with IPV incidents and a suspect id, fewer than the \
                 {asked} cases asked for: ask for {found} cases or fewer, or load more data"
            ),
            ExerciseError::NoNotification => write!(
                f,
                "no case of the kind asked for has a notification, which the exercise needs so that its \
                 extracts are classified with recorded notifications: try another seed or difficulty"
            ),
        }
    }
}

impl std::error::Error for ExerciseError {}

impl ExerciseSettings {
    /// The default exercise: a dozen mixed cases under the "IPVI default" criteria.
    pub fn new(seed: u64) -> ExerciseSettings {
        ExerciseSettings { seed, cases: 12, difficulty: Difficulty::Mixed, criteria: Criteria::ipvi_default() }
    }

    /// The settings as a trainer types them in a form: the seed and the number of cases as
    /// text, checked as `validate` checks them.
    pub fn from_form(
        seed: &str,
        cases: &str,
        difficulty: Difficulty,
        criteria: Criteria,
    ) -> Result<ExerciseSettings, ExerciseError> {
        let whole = |text: &str, what: &str| {
            text.trim()
                .parse::<u64>()
                .map_err(|_| ExerciseError::Settings(format!("{what} must be a whole number, not {text:?}")))
        };
        let seed = whole(seed, "the seed")?;
        let cases = u32::try_from(whole(cases, "the number of cases")?).unwrap_or(u32::MAX);
        let settings = ExerciseSettings { seed, cases, difficulty, criteria };
        settings.validate()?;
        Ok(settings)
    }

    pub fn validate(&self) -> Result<(), ExerciseError> {
        if !(1..=MAX_CASES).contains(&self.cases) {
            return Err(ExerciseError::Settings(format!("an exercise has 1 to {MAX_CASES} cases, not {}", self.cases)));
        }
        self.criteria.validate().map_err(|e| ExerciseError::Settings(format!("the criteria cannot be used: {e}")))
    }

    /// `seed=2012&cases=12&difficulty=mixed&criteria=ipvi-default`: the settings for a page
    /// address. Criteria that are no preset are named `custom-` and a short hash of their
    /// file, so that a page holding other custom criteria refuses the address.
    pub fn to_fragment(&self) -> String {
        format!(
            "seed={}&cases={}&difficulty={}&criteria={}",
            self.seed,
            self.cases,
            self.difficulty.word(),
            criteria_name(&self.criteria)
        )
    }

    /// Reads [`to_fragment`](Self::to_fragment)'s text (a leading `#` or `?` is allowed).
    /// Custom criteria travel separately (the trainer shares the criteria file): pass them as
    /// `custom`; they must be the ones the fragment was made with.
    pub fn from_fragment(fragment: &str, custom: Option<&Criteria>) -> Result<ExerciseSettings, ExerciseError> {
        let bad = |message: String| ExerciseError::Fragment(message);
        let text = fragment.trim().trim_start_matches(['#', '?']);
        let mut values: [Option<&str>; 4] = [None; 4];
        const KEYS: [&str; 4] = ["seed", "cases", "difficulty", "criteria"];
        for part in text.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').ok_or_else(|| bad(format!("{part:?} is not key=value")))?;
            let slot = KEYS.iter().position(|k| *k == key).ok_or_else(|| {
                bad(format!("{key:?} is not an exercise setting (seed, cases, difficulty, criteria)"))
            })?;
            if values[slot].replace(value).is_some() {
                return Err(bad(format!("{key} is given twice")));
            }
        }
        let [seed, cases, difficulty, criteria] = values;
        let missing = |key: &str| bad(format!("{key} is missing"));
        let seed = seed.ok_or_else(|| missing("seed"))?;
        let seed = seed.parse().map_err(|_| bad(format!("the seed must be a whole number, not {seed:?}")))?;
        let cases = cases.ok_or_else(|| missing("cases"))?;
        let cases = cases.parse().map_err(|_| bad(format!("cases must be a whole number, not {cases:?}")))?;
        let difficulty =
            Difficulty::parse(difficulty.ok_or_else(|| missing("difficulty"))?).map_err(|e| bad(e.to_string()))?;
        let criteria = criteria_by_name(criteria.ok_or_else(|| missing("criteria"))?, custom)?;
        let settings = ExerciseSettings { seed, cases, difficulty, criteria };
        settings.validate().map_err(|e| bad(e.to_string()))?;
        Ok(settings)
    }
}

/// The fragment's name of a criteria set: a preset's short name or `custom-` and a hash.
pub fn criteria_name(criteria: &Criteria) -> String {
    if *criteria == Criteria::ipvi_default() {
        "ipvi-default".into()
    } else if *criteria == Criteria::rfgv() {
        "rfgv".into()
    } else {
        format!("custom-{}", criteria_hash(criteria))
    }
}

fn criteria_hash(criteria: &Criteria) -> String {
    let json = serde_json::to_string(criteria).expect("criteria serialise");
    Sha256::digest(json.as_bytes()).iter().take(4).map(|b| format!("{b:02x}")).collect()
}

fn criteria_by_name(name: &str, custom: Option<&Criteria>) -> Result<Criteria, ExerciseError> {
    let bad = |message: String| ExerciseError::Fragment(message);
    match name {
        "ipvi-default" => Ok(Criteria::ipvi_default()),
        "rfgv" => Ok(Criteria::rfgv()),
        _ => {
            let hash = name
                .strip_prefix("custom-")
                .ok_or_else(|| bad(format!("criteria is ipvi-default, rfgv or custom-<code>, not {name:?}")))?;
            let custom = custom.ok_or_else(|| {
                bad("this exercise uses custom criteria: load the criteria file the trainer shared".into())
            })?;
            if criteria_hash(custom) != hash {
                return Err(bad(format!(
                    "this exercise was made with other custom criteria than \"{}\": load the criteria file \
                     the trainer shared",
                    custom.name
                )));
            }
            Ok(custom.clone())
        }
    }
}
