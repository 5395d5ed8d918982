//! How well a room agrees: each trainee with the key (accuracy, Cohen's kappa), the trainees
//! among themselves (Fleiss' kappa), the pooled table of answers against the key, and the cases
//! that split the room or that most people missed.
//!
//! Answers are ordered none < D < C < B < A ([`Answer::ALL`]); the weighted kappa scores them
//! 0-4, so choosing B for an A case costs less than choosing none. A skipped case is left out of
//! everything that trainee contributes: their accuracy and kappa use the cases they answered, and
//! Fleiss' kappa uses only the cases every trainee answered (it needs the same number of raters
//! per case); [`FleissResult`] says how many cases that left out.

pub mod kappa;

pub use kappa::{cohens_kappa, fleiss_kappa, Kappa, Weighting};

use super::answers::{Answer, Room, Trainee};
use crate::stats::rates::wilson;
use crate::stats::Estimate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// How many cases the "most disagreed" and "most missed" lists hold at most.
pub const LISTED_CASES: usize = 5;

/// Counts by answer, in the order of [`Answer::ALL`]; as JSON an object `{"none": 0, "D": 3, ...}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerAnswer(pub [u32; 5]);

impl Serialize for PerAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        for answer in Answer::ALL {
            map.serialize_entry(answer.word(), &self.0[answer.index()])?;
        }
        map.end()
    }
}

/// Answers against the key: `counts[chosen][correct]`, both indexed as [`Answer::ALL`]. As JSON
/// `{"categories": ["none", "D", "C", "B", "A"], "counts": [[...], ...]}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    pub counts: [[u32; 5]; 5],
}

impl Serialize for Confusion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("categories", &Answer::ALL)?;
        map.serialize_entry("counts", &self.counts)?;
        map.end()
    }
}

impl Confusion {
    fn add(&mut self, chosen: Answer, correct: Answer) {
        self.counts[chosen.index()][correct.index()] += 1;
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }

    pub fn correct(&self) -> u32 {
        (0..5).map(|i| self.counts[i][i]).sum()
    }
}

/// One trainee against the key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraineeResult {
    pub name: String,
    pub answered: u32,
    pub skipped: u32,
    pub correct: u32,
    /// Share correct of the cases answered, with its Wilson 95% interval.
    pub accuracy: Option<Estimate>,
    /// Cohen's kappa with the key over the cases answered.
    pub kappa: Option<Kappa>,
    /// The same with quadratic weights (near misses count partly).
    pub weighted_kappa: Option<Kappa>,
    pub confusion: Confusion,
}

impl TraineeResult {
    /// Why the kappas are missing, in words (`None` when they are there). Both kappas are
    /// undefined in the same case: chance alone would give full agreement.
    pub fn kappa_unavailable(&self) -> Option<&'static str> {
        match (self.answered, self.kappa) {
            (0, _) => Some("no answers"),
            (_, None) => Some("the answers and the key are all the same level"),
            _ => None,
        }
    }
}

/// One case: what the room chose.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseResult {
    pub case: String,
    pub key: Answer,
    pub answered: u32,
    pub correct: u32,
    /// Share of those who answered that chose the key's answer.
    pub accuracy: Option<f64>,
    pub counts: PerAnswer,
    /// The answers chosen most often (several when tied; none when nobody answered).
    pub modal: Vec<Answer>,
    /// Share of those who answered that chose a modal answer: 1 when the room is unanimous.
    pub modal_share: Option<f64>,
}

/// Agreement among the trainees, whatever the key says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleissResult {
    pub kappa: Option<Kappa>,
    pub trainees: u32,
    /// Cases every trainee answered: the only ones Fleiss' kappa uses.
    pub cases_used: u32,
    pub cases_left_out: u32,
    /// Why there is no kappa, in words (`None` when there is one).
    pub unavailable: Option<&'static str>,
}

/// Every figure of a room.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoomResults {
    pub answers: u32,
    pub correct: u32,
    /// Share of all answers that match the key.
    pub accuracy: Option<f64>,
    pub trainees: Vec<TraineeResult>,
    /// In the key's order.
    pub cases: Vec<CaseResult>,
    /// Every answer of the room against the key.
    pub confusion: Confusion,
    pub fleiss: FleissResult,
    /// Cases where the room split most (lowest modal share first), unanimous cases left out.
    pub most_disagreed: Vec<String>,
    /// Cases most often answered wrongly (lowest accuracy first), cases nobody missed left out.
    pub most_missed: Vec<String>,
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// A trainee's answers against the key.
pub fn trainee_result(room: &Room, trainee: &Trainee) -> TraineeResult {
    let mut confusion = Confusion::default();
    for (answer, case) in trainee.answers.iter().zip(&room.key.cases) {
        if let Some(answer) = answer {
            confusion.add(*answer, case.level);
        }
    }
    let (answered, correct) = (confusion.total(), confusion.correct());
    TraineeResult {
        name: trainee.name.clone(),
        answered,
        skipped: room.key.cases.len() as u32 - answered,
        correct,
        accuracy: wilson(u64::from(correct), u64::from(answered)),
        kappa: cohens_kappa(&confusion.counts, Weighting::Unweighted),
        weighted_kappa: cohens_kappa(&confusion.counts, Weighting::Quadratic),
        confusion,
    }
}

/// A trainee's answer to the case at `index` of the key (`None`: skipped, or not in a hand-built
/// room's list).
fn answer_of(trainee: &Trainee, index: usize) -> Option<Answer> {
    trainee.answers.get(index).copied().flatten()
}

/// What the room chose for the case at `index` of the key.
pub fn case_result(room: &Room, index: usize) -> CaseResult {
    let case = &room.key.cases[index];
    let mut counts = PerAnswer::default();
    for answer in room.trainees.iter().filter_map(|t| answer_of(t, index)) {
        counts.0[answer.index()] += 1;
    }
    let answered: u32 = counts.0.iter().sum();
    let top = counts.0.iter().copied().max().unwrap_or(0);
    let modal =
        if top == 0 { Vec::new() } else { Answer::ALL.into_iter().filter(|a| counts.0[a.index()] == top).collect() };
    let correct = counts.0[case.level.index()];
    CaseResult {
        case: case.case.clone(),
        key: case.level,
        answered,
        correct,
        accuracy: share(correct, answered),
        counts,
        modal,
        modal_share: share(top, answered),
    }
}

/// Fleiss' kappa among the trainees over the cases every one of them answered.
pub fn room_fleiss(room: &Room) -> FleissResult {
    let complete: Vec<[u32; 5]> = (0..room.key.cases.len())
        .filter_map(|index| {
            let mut counts = [0u32; 5];
            for trainee in &room.trainees {
                counts[answer_of(trainee, index)?.index()] += 1;
            }
            Some(counts)
        })
        .collect();
    let trainees = room.trainees.len() as u32;
    // With nobody in the room every case is vacuously "complete": none is used.
    let cases_used = if trainees == 0 { 0 } else { complete.len() as u32 };
    let kappa = if trainees < 2 { None } else { fleiss_kappa(&complete) };
    let unavailable = match (kappa, trainees, cases_used) {
        (Some(_), ..) => None,
        (None, 0 | 1, _) => Some("it needs at least two trainees"),
        (None, _, 0) => Some("no case was answered by every trainee"),
        (None, ..) => Some("every trainee chose the same answer for every case"),
    };
    FleissResult { kappa, trainees, cases_used, cases_left_out: room.key.cases.len() as u32 - cases_used, unavailable }
}

/// Case ids ordered by a share (lowest first, ties in the key's order), those at 1 left out.
fn lowest(cases: &[CaseResult], share: impl Fn(&CaseResult) -> Option<f64>) -> Vec<String> {
    let mut ranked: Vec<(f64, usize)> =
        cases.iter().enumerate().filter_map(|(i, c)| share(c).filter(|&s| s < 1.0).map(|s| (s, i))).collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().take(LISTED_CASES).map(|(_, i)| cases[i].case.clone()).collect()
}

/// Every figure of the room.
pub fn analyze(room: &Room) -> RoomResults {
    let trainees: Vec<TraineeResult> = room.trainees.iter().map(|t| trainee_result(room, t)).collect();
    let cases: Vec<CaseResult> = (0..room.key.cases.len()).map(|i| case_result(room, i)).collect();
    let mut confusion = Confusion::default();
    for t in &trainees {
        for (cell, add) in confusion.counts.iter_mut().flatten().zip(t.confusion.counts.iter().flatten()) {
            *cell += add;
        }
    }
    let (answers, correct) = (confusion.total(), confusion.correct());
    RoomResults {
        answers,
        correct,
        accuracy: share(correct, answers),
        most_disagreed: lowest(&cases, |c| c.modal_share),
        most_missed: lowest(&cases, |c| c.accuracy),
        trainees,
        cases,
        confusion,
        fleiss: room_fleiss(room),
    }
}
