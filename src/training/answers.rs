//! The files of a training room: each trainee's answers (`trainee,case,level`) and the answer key
//! (`case,level,reason`), read tolerantly and gathered into a [`Room`].
//!
//! Both are CSV with a header row; columns may come in any order and other columns are ignored.
//! Reading tolerates what spreadsheets do to such files: a byte-order mark, Windows line ends,
//! quoted fields, spaces around values, `;` or tab as the delimiter, lower-case levels, UTF-16 or
//! Windows-1252 text. A blank level in an answers file means the trainee skipped the case, as a
//! missing row does. Case ids and trainee names are compared exactly (after trimming spaces).

use crate::export::CsvOut;
use crate::ingest::sniff::decode;
use crate::model::Level;
use crate::words::quoted_text;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// An answer to a case: one of the levels, or "none" (the case qualifies for no level).
/// Ordered like the levels: none < D < C < B < A.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Answer {
    #[serde(rename = "none")]
    NoLevel,
    D,
    C,
    B,
    A,
}

impl Answer {
    /// Every answer in order: the rows and columns of the agreement tables, and the scores
    /// 0-4 of the weighted kappa.
    pub const ALL: [Answer; 5] = [Answer::NoLevel, Answer::D, Answer::C, Answer::B, Answer::A];

    pub fn index(self) -> usize {
        self as usize
    }

    /// As the files write it: `none`, `D`, `C`, `B` or `A`.
    pub fn word(self) -> &'static str {
        match self {
            Answer::NoLevel => "none",
            Answer::D => "D",
            Answer::C => "C",
            Answer::B => "B",
            Answer::A => "A",
        }
    }

    /// `A`, `B`, `C`, `D` or `none`, in either case, spaces around allowed.
    pub fn parse(text: &str) -> Option<Answer> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("none") {
            return Some(Answer::NoLevel);
        }
        Answer::ALL[1..].iter().copied().find(|a| text.eq_ignore_ascii_case(a.word()))
    }

    pub fn from_level(level: Option<Level>) -> Answer {
        match level {
            None => Answer::NoLevel,
            Some(Level::D) => Answer::D,
            Some(Level::C) => Answer::C,
            Some(Level::B) => Answer::B,
            Some(Level::A) => Answer::A,
        }
    }

    pub fn level(self) -> Option<Level> {
        match self {
            Answer::NoLevel => None,
            Answer::D => Some(Level::D),
            Answer::C => Some(Level::C),
            Answer::B => Some(Level::B),
            Answer::A => Some(Level::A),
        }
    }
}

/// A problem with an answers or key file, naming the file and, where it can, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswersError {
    pub file: String,
    /// 1-based line of the file.
    pub line: Option<u64>,
    pub column: Option<&'static str>,
    pub message: String,
}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&quoted_text(&self.file))?;
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ", column \"{column}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for AnswersError {}

fn error(file: &str, line: Option<u64>, column: Option<&'static str>, message: String) -> AnswersError {
    AnswersError { file: file.to_string(), line, column, message }
}

/// One case of the answer key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyCase {
    pub case: String,
    pub level: Answer,
    /// Why this is the answer, in words (may be empty).
    pub reason: String,
}

/// The answer key: its file name and its cases in the file's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Key {
    pub file: String,
    pub cases: Vec<KeyCase>,
}

/// One answer as read: who, which case, what, and the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub trainee: String,
    pub case: String,
    pub answer: Answer,
    pub line: u64,
}

/// An answers file as read (it may hold one trainee or several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswersFile {
    pub file: String,
    pub rows: Vec<AnswerRow>,
}

/// A column the reader looks for, and whether a file must have it.
struct Wanted {
    name: &'static str,
    required: bool,
}

/// The data rows of a CSV file: each non-blank row's line and its cells in the wanted columns
/// ("" where a row is short or an optional column is absent).
fn read_rows(
    file: &str,
    bytes: &[u8],
    wanted: &[Wanted],
    shape: &str,
) -> Result<Vec<(u64, Vec<String>)>, AnswersError> {
    let (text, _) = decode(bytes).map_err(|e| error(file, None, None, e.kind().to_string()))?;
    // Windows line ends read as `\n` (also inside quoted reasons).
    let text = if text.contains("\r\n") { Cow::Owned(text.replace("\r\n", "\n")) } else { text };
    let first_line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    // A spreadsheet saving "CSV" in a comma-decimal locale writes `;`: take what the header uses.
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (first_line.matches(d as char).count(), d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The csv reader's own line count lags after blank lines and CRLF, and a record's byte
    // position is where the blank lines before it start: count the line ends before the
    // record's first byte instead, moving forward only.
    let (mut counted_to, mut line_ends) = (0, 0);
    let mut line_of = |position: Option<&csv::Position>| {
        let mut at = position.map_or(0, |p| p.byte() as usize).min(text.len());
        while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        line_ends += text.as_bytes()[counted_to.min(at)..at].iter().filter(|&&b| b == b'\n').count() as u64;
        counted_to = counted_to.max(at);
        line_ends + 1
    };
    let mut header = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| error(file, e.position().map(csv::Position::line), None, e.to_string()))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = line_of(record.position());
        let Some(columns) = &header else {
            let mut columns = Vec::new();
            for column in wanted {
                match record.iter().position(|name| unquote(name).eq_ignore_ascii_case(column.name)) {
                    Some(at) => columns.push(Some(at)),
                    None if !column.required => columns.push(None),
                    None => {
                        let message = format!("there is no \"{}\" column ({shape})", column.name);
                        return Err(error(file, Some(line), None, message));
                    }
                }
            }
            header = Some(columns);
            continue;
        };
        let cells = columns.iter().map(|at| unquote(at.and_then(|i| record.get(i)).unwrap_or(""))).collect();
        rows.push((line, cells));
    }
    if header.is_none() {
        return Err(error(file, None, None, format!("the file has no header row ({shape})")));
    }
    Ok(rows)
}

/// A cell as its writer meant it: ` "Ana" ` (quotes after a space are not CSV quoting) is `Ana`.
fn unquote(cell: &str) -> String {
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\"").trim().to_string(),
        None => cell.to_string(),
    }
}

fn parse_answer(file: &str, line: u64, text: &str) -> Result<Answer, AnswersError> {
    Answer::parse(text).ok_or_else(|| {
        error(file, Some(line), Some("level"), format!("\"{}\" is not a level (A, B, C, D or none)", quoted_text(text)))
    })
}

/// Reads the answer key `case,level,reason` (the reason column may be left out).
pub fn read_key(file: &str, bytes: &[u8]) -> Result<Key, AnswersError> {
    let wanted = [
        Wanted { name: "case", required: true },
        Wanted { name: "level", required: true },
        Wanted { name: "reason", required: false },
    ];
    let rows = read_rows(file, bytes, &wanted, "an answer key has the columns case, level, reason")?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut cases = Vec::with_capacity(rows.len());
    for (line, cells) in rows {
        let [case, level, reason]: [String; 3] = cells.try_into().expect("three wanted columns");
        if case.is_empty() {
            return Err(error(file, Some(line), Some("case"), "the case id is blank".into()));
        }
        if level.is_empty() {
            let message = format!("{} has no level: write A, B, C, D or none", case_label(&case));
            return Err(error(file, Some(line), Some("level"), message));
        }
        let level = parse_answer(file, line, &level)?;
        if let Some(first) = seen.insert(case.clone(), line) {
            let message = format!("{} is in the key twice (also line {first})", case_label(&case));
            return Err(error(file, Some(line), Some("case"), message));
        }
        cases.push(KeyCase { case, level, reason });
    }
    if cases.is_empty() {
        return Err(error(file, None, None, "the answer key has no cases".into()));
    }
    Ok(Key { file: file.to_string(), cases })
}

/// Reads an answers file `trainee,case,level`. Rows with a blank level are skipped cases.
pub fn read_answers(file: &str, bytes: &[u8]) -> Result<AnswersFile, AnswersError> {
    let wanted = [
        Wanted { name: "trainee", required: true },
        Wanted { name: "case", required: true },
        Wanted { name: "level", required: true },
    ];
    let rows = read_rows(file, bytes, &wanted, "an answers file has the columns trainee, case, level")?;
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    let mut answers = Vec::with_capacity(rows.len());
    for (line, cells) in rows {
        let [trainee, case, level]: [String; 3] = cells.try_into().expect("three wanted columns");
        if trainee.is_empty() {
            return Err(error(file, Some(line), Some("trainee"), "the trainee's name is blank".into()));
        }
        if case.is_empty() {
            return Err(error(file, Some(line), Some("case"), "the case id is blank".into()));
        }
        if level.is_empty() {
            continue;
        }
        let answer = parse_answer(file, line, &level)?;
        if let Some(first) = seen.insert((trainee.clone(), case.clone()), line) {
            let message = format!("{} answered {} twice (also line {first})", quoted_text(&trainee), case_label(&case));
            return Err(error(file, Some(line), Some("case"), message));
        }
        answers.push(AnswerRow { trainee, case, answer, line });
    }
    Ok(AnswersFile { file: file.to_string(), rows: answers })
}

/// Writes one trainee's answers as an answers file (cells made safe for spreadsheets).
pub fn answers_csv<C: AsRef<str>>(trainee: &str, answers: impl IntoIterator<Item = (C, Answer)>) -> Vec<u8> {
    let mut out = CsvOut::new(b',', false);
    out.row(["trainee", "case", "level"]);
    for (case, answer) in answers {
        out.row([trainee, case.as_ref(), answer.word()]);
    }
    out.into_bytes()
}

/// One trainee's answers, one per case of the key (`None`: skipped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trainee {
    pub name: String,
    pub answers: Vec<Option<Answer>>,
}

/// A room: the answer key and every trainee's answers to its cases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Room {
    pub key: Key,
    /// In the order they first appear in the files.
    pub trainees: Vec<Trainee>,
}

impl Room {
    /// Joins answers files to the key. Every answered case must be in the key, and nobody may
    /// answer a case twice, in one file or across files.
    pub fn gather(key: Key, files: &[AnswersFile]) -> Result<Room, AnswersError> {
        let case_index: HashMap<&str, usize> =
            key.cases.iter().enumerate().map(|(i, c)| (c.case.as_str(), i)).collect();
        let mut trainee_index: HashMap<&str, usize> = HashMap::new();
        let mut trainees: Vec<Trainee> = Vec::new();
        // Where each answer came from: (file, line), for the message about a second answer.
        let mut origins: Vec<Vec<Option<(&str, u64)>>> = Vec::new();
        for file in files {
            for row in &file.rows {
                let Some(&case) = case_index.get(row.case.as_str()) else {
                    let (label, span) = (case_label(&row.case), key_span(&key));
                    let message = format!("{label} is not in the answer key {} ({span})", key.file);
                    return Err(error(&file.file, Some(row.line), Some("case"), message));
                };
                let t = *trainee_index.entry(row.trainee.as_str()).or_insert_with(|| {
                    trainees.push(Trainee { name: row.trainee.clone(), answers: vec![None; key.cases.len()] });
                    origins.push(vec![None; key.cases.len()]);
                    trainees.len() - 1
                });
                if let Some((first_file, first_line)) = origins[t][case] {
                    let (who, label) = (quoted_text(&row.trainee), case_label(&row.case));
                    let message = format!("{who} answered {label} twice (also {first_file} line {first_line})");
                    return Err(error(&file.file, Some(row.line), Some("case"), message));
                }
                origins[t][case] = Some((&file.file, row.line));
                trainees[t].answers[case] = Some(row.answer);
            }
        }
        Ok(Room { key, trainees })
    }
}

/// A case as a sentence names it: `case-07` as it is, `7` as `case 7` (escaped and bounded, as
/// messages quote file text).
pub fn case_label(case: &str) -> String {
    let case = quoted_text(case);
    if case.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("case")) {
        case.into_owned()
    } else {
        format!("case {case}")
    }
}

/// The key's cases in brief, to help find a mistyped case id: `its cases are case-01 to case-20`.
fn key_span(key: &Key) -> String {
    match key.cases.as_slice() {
        [] => "it has no cases".into(),
        [only] => format!("its only case is {}", only.case),
        [first, .., last] => format!("its cases are {} to {}", first.case, last.case),
    }
}
