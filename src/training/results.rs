//! A room's results as a page shows them: the files a trainer drops sorted into the key and
//! answers files, gathered without losing the good files to a bad one, and every figure of
//! [`agreement::analyze`](super::agreement::analyze) as sentences and tables of text (each table
//! saved as CSV as shown). Definitions of the figures: `docs/methods.md`.

use super::agreement::{CaseResult, FleissResult, Kappa, RoomResults, TraineeResult};
use super::answers::{read_answers, read_key, Answer, AnswersError, AnswersFile, Key, Room};
use crate::ingest::sniff::decode;
use crate::outcomes::Table;
use crate::stats::Estimate;
use crate::words::{count, percent, share_with_ci};

/// What the kappas mean, in a sentence for the people in the room.
pub const KAPPA_MEANING: &str =
    "Kappa is agreement beyond what chance would give: 1 is full agreement, 0 no better than \
     chance. The weighted kappa counts near misses partly (B for an A case costs less than D). Each comes with its 95% \
     confidence interval.";

/// A file of a training room, told apart by its header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomFile {
    Key(Key),
    Answers(AnswersFile),
}

/// Whether the header row (the first non-blank line) names a `trainee` column.
fn names_a_trainee(bytes: &[u8]) -> bool {
    let Ok((text, _)) = decode(bytes) else { return true };
    let header = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    header.split([',', ';', '\t']).any(|cell| cell.trim().trim_matches('"').trim().eq_ignore_ascii_case("trainee"))
}

/// Reads a file as an answers file when its header has a `trainee` column, else as the key
/// (`case,level,reason`), so a trainer can drop them all at once.
pub fn read_room_file(file: &str, bytes: &[u8]) -> Result<RoomFile, AnswersError> {
    if names_a_trainee(bytes) {
        read_answers(file, bytes).map(RoomFile::Answers)
    } else {
        read_key(file, bytes).map(RoomFile::Key)
    }
}

/// Gathers the room file by file: a file that [`Room::gather`] rejects (a case not in the key, an
/// answer given twice across files) is left out with its error (which says so), and the others are
/// kept.
pub fn gather_each(key: &Key, files: &[AnswersFile]) -> (Room, Vec<AnswersError>) {
    let mut kept: Vec<AnswersFile> = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in files {
        kept.push(file.clone());
        if let Err(mut problem) = Room::gather(key.clone(), &kept) {
            kept.pop();
            problem.message.push_str("; this file is left out of the results");
            problems.push(problem);
        }
    }
    let room = Room::gather(key.clone(), &kept).expect("every kept file was gathered with the ones before it");
    (room, problems)
}

/// A kappa with its 95% interval, `0.66 (0.44 to 0.88)`, the interval capped at -1 and 1 (kappa
/// ± 1.96 se can pass them near perfect agreement; kappa cannot); or why there is none.
pub fn kappa_text(kappa: Option<Kappa>, unavailable: Option<&str>) -> String {
    match kappa {
        Some(Kappa { kappa, low: Some(low), high: Some(high), .. }) => {
            format!("{kappa:.2} ({:.2} to {:.2})", low.max(-1.0), high.min(1.0))
        }
        Some(Kappa { kappa, .. }) => format!("{kappa:.2}"),
        None => format!("not computable: {}", unavailable.unwrap_or("undefined")),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{} {word}{}", count(n as u64), if n == 1 { "" } else { "s" })
}

fn share_text(share: Option<f64>) -> String {
    share.map_or_else(|| "-".into(), percent)
}

fn accuracy_text(accuracy: Option<Estimate>) -> String {
    accuracy.map_or_else(|| "-".into(), |a| share_with_ci(&a))
}

/// `3 trainees, 10 cases (key.csv): 30 answers, 24 match the key (80.0%).`
pub fn summary(room: &Room, results: &RoomResults) -> String {
    format!(
        "{}, {} ({}): {} answers, {} match the key ({}).",
        plural(room.trainees.len(), "trainee"),
        plural(room.key.cases.len(), "case"),
        room.key.file,
        count(u64::from(results.answers)),
        count(u64::from(results.correct)),
        share_text(results.accuracy)
    )
}

/// Fleiss' kappa in a sentence, with the cases it used.
pub fn fleiss_text(fleiss: &FleissResult) -> String {
    let kappa = kappa_text(fleiss.kappa, fleiss.unavailable);
    if fleiss.kappa.is_none() {
        return format!("Agreement among the trainees, Fleiss' kappa (95% CI): {kappa}.");
    }
    let over = plural(fleiss.cases_used as usize, "case");
    let left_out = match fleiss.cases_left_out {
        0 => String::new(),
        n => format!("; {} left out because someone skipped them", plural(n as usize, "case")),
    };
    format!(
        "Agreement among the {} trainees, Fleiss' kappa (95% CI): {kappa}, over the {over} every trainee answered{left_out}.",
        fleiss.trainees
    )
}

fn table(name: &str, caption: &str, header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
    Table::plain(name, caption, header, rows)
}

fn header(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Each trainee against the key: accuracy and both kappas, each with its 95% interval.
pub fn trainees_table(trainees: &[TraineeResult]) -> Table {
    let rows = trainees
        .iter()
        .map(|t| {
            let note = t.kappa_unavailable();
            vec![
                t.name.clone(),
                t.answered.to_string(),
                t.skipped.to_string(),
                t.correct.to_string(),
                accuracy_text(t.accuracy),
                kappa_text(t.kappa, note),
                kappa_text(t.weighted_kappa, note),
            ]
        })
        .collect();
    let columns =
        ["trainee", "answered", "skipped", "correct", "accuracy", "kappa (95% CI)", "weighted kappa (95% CI)"];
    table("room-trainees", "Each trainee against the key", header(&columns), rows)
}

/// How many chose each answer, as `D 2, C 1` (answers nobody chose left out).
pub fn chosen_text(case: &CaseResult) -> String {
    let chosen = Answer::ALL.iter().filter(|a| case.counts.0[a.index()] > 0);
    chosen.map(|a| format!("{} {}", a.word(), case.counts.0[a.index()])).collect::<Vec<_>>().join(", ")
}

/// Each case: the key's answer, the share who chose it, and how many chose each answer.
pub fn cases_table(cases: &[CaseResult]) -> Table {
    let rows = cases
        .iter()
        .map(|c| {
            let counts = Answer::ALL.iter().map(|a| c.counts.0[a.index()].to_string());
            [c.case.clone(), c.key.word().into(), c.answered.to_string(), share_text(c.accuracy)]
                .into_iter()
                .chain(counts)
                .collect()
        })
        .collect();
    let mut columns = header(&["case", "key", "answered", "chose the key's answer"]);
    columns.extend(Answer::ALL.iter().map(|a| format!("chose {}", a.word())));
    table("room-cases", "Each case: what the room chose", columns, rows)
}

/// Every answer of the room against the key, rows the answer chosen, columns the key's answer,
/// both in the order none, D, C, B, A.
pub fn confusion_table(results: &RoomResults) -> Table {
    let rows = Answer::ALL
        .iter()
        .map(|chosen| {
            let cells = results.confusion.counts[chosen.index()].iter().map(u32::to_string);
            std::iter::once(format!("chose {}", chosen.word())).chain(cells).collect()
        })
        .collect();
    let mut columns = header(&["answer chosen"]);
    columns.extend(Answer::ALL.iter().map(|a| format!("key {}", a.word())));
    let caption = "All answers against the key (rows: the answer chosen; columns: the key's answer)";
    table("room-confusion", caption, columns, rows)
}

/// The cases where the room split most, with what people chose.
pub fn disagreed_table(results: &RoomResults) -> Table {
    let rows = results
        .most_disagreed
        .iter()
        .filter_map(|id| results.cases.iter().find(|c| &c.case == id))
        .map(|c| vec![c.case.clone(), c.key.word().into(), share_text(c.modal_share), chosen_text(c)])
        .collect();
    let columns = ["case", "key", "chose the most common answer", "chosen"];
    table("room-most-disagreed", "Cases where the room split most", header(&columns), rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::agreement::analyze;

    fn answers(file: &str, text: &str) -> AnswersFile {
        match read_room_file(file, text.as_bytes()).unwrap() {
            RoomFile::Answers(a) => a,
            RoomFile::Key(_) => panic!("{file} read as a key"),
        }
    }

    fn key() -> Key {
        match read_room_file("key.csv", b"case,level,reason\n1,A,x\n2,none,y\n3,C,z\n").unwrap() {
            RoomFile::Key(k) => k,
            RoomFile::Answers(_) => panic!("the key read as answers"),
        }
    }

    #[test]
    fn files_are_told_apart_by_a_trainee_column() {
        assert_eq!(key().cases.len(), 3);
        let file = answers("ana.csv", "\u{feff}\"Trainee\";case;level\r\nAna;1;a\r\n");
        assert_eq!(file.rows[0].answer, Answer::A);
        // A broken answers file is reported as one, with the engine's line and column.
        let problem = read_room_file("bo.csv", b"trainee,case,level\nBo,1,E\n").unwrap_err();
        assert_eq!(problem.to_string(), "bo.csv line 2, column \"level\": \"E\" is not a level (A, B, C, D or none)");
    }

    #[test]
    fn a_rejected_file_leaves_the_others_in_the_room() {
        let files = [
            answers("ana.csv", "trainee,case,level\nAna,1,A\nAna,2,none\n"),
            answers("bad.csv", "trainee,case,level\nCy,1,A\nCy,9,B\n"),
            answers("again.csv", "trainee,case,level\nAna,1,B\n"),
            answers("bo.csv", "trainee,case,level\nBo,1,B\nBo,3,C\n"),
        ];
        let (room, problems) = gather_each(&key(), &files);
        let names: Vec<&str> = room.trainees.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Bo"]);
        let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["bad.csv", "again.csv"]);
        assert_eq!(
            problems[0].to_string(),
            "bad.csv line 3, column \"case\": case 9 is not in the answer key key.csv (its cases are 1 to 3); \
             this file is left out of the results"
        );
    }

    #[test]
    fn kappas_read_with_their_interval_or_why_not() {
        let full = Kappa { kappa: 0.6612, se: Some(0.1), low: Some(0.4652), high: Some(0.8572) };
        assert_eq!(kappa_text(Some(full), None), "0.66 (0.47 to 0.86)");
        let near_one = Kappa { kappa: 0.95, se: Some(0.05), low: Some(0.852), high: Some(1.048) };
        assert_eq!(kappa_text(Some(near_one), None), "0.95 (0.85 to 1.00)");
        assert_eq!(kappa_text(Some(Kappa { se: None, low: None, high: None, ..full }), None), "0.66");
        assert_eq!(kappa_text(None, Some("no answers")), "not computable: no answers");
    }

    #[test]
    fn the_tables_and_sentences_hold_every_figure_of_the_room() {
        let files = [
            answers("ana.csv", "trainee,case,level\nAna,1,A\nAna,2,none\nAna,3,C\n"),
            answers("bo.csv", "trainee,case,level\nBo,1,B\nBo,2,none\nBo,3,C\n"),
            answers("cy.csv", "trainee,case,level\nCy,1,A\nCy,3,D\n"),
        ];
        let (room, _) = gather_each(&key(), &files);
        let results = analyze(&room);
        assert_eq!(summary(&room, &results), "3 trainees, 3 cases (key.csv): 8 answers, 6 match the key (75.0%).");
        assert_eq!(
            fleiss_text(&results.fleiss),
            format!(
                "Agreement among the 3 trainees, Fleiss' kappa (95% CI): {}, over the 2 cases every trainee \
                 answered; 1 case left out because someone skipped them.",
                kappa_text(results.fleiss.kappa, None)
            )
        );
        let trainees = trainees_table(&results.trainees);
        assert_eq!(trainees.rows[0][..5], ["Ana", "3", "0", "3", "100.0% (95% CI 43.9-100.0%)"]);
        assert_eq!(trainees.rows[2][2], "1");
        let cases = cases_table(&results.cases);
        assert_eq!(cases.rows[0], ["1", "A", "3", "66.7%", "0", "0", "0", "1", "2"]);
        let confusion = confusion_table(&results);
        assert_eq!(confusion.header, ["answer chosen", "key none", "key D", "key C", "key B", "key A"]);
        assert_eq!(confusion.rows[3], ["chose B", "0", "0", "0", "0", "1"]);
        let disagreed = disagreed_table(&results);
        assert_eq!(disagreed.rows[0], ["1", "A", "66.7%", "B 1, A 2"]);
        assert!(String::from_utf8(disagreed.csv()).unwrap().starts_with("case,key,chose the most common answer"));
    }
}
