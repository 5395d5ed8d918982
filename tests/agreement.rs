//! Training rooms: reading answers and key files as trainers will bring them, the messages when a
//! file is wrong, and the room's figures on small rooms worked out by hand and on published
//! examples. (The kappas against statsmodels: tests/agreement_reference.rs.)

use ipvi::training::agreement::{analyze, cohens_kappa, fleiss_kappa, Weighting};
use ipvi::training::answers::{answers_csv, read_answers, read_key, Answer, Key, KeyCase, Room, Trainee};
use proptest::prelude::*;

const KEY: &str = "case,level,reason\ncase-01,D,one uncharged incident\ncase-02,C,\"charged, once\"\n\
                   case-03,B,charged after a C notification\ncase-04,none,no IPV incident\n";

fn key() -> Key {
    read_key("key.csv", KEY.as_bytes()).unwrap()
}

fn room(files: &[(&str, &str)]) -> Room {
    let files: Vec<_> = files.iter().map(|(name, text)| read_answers(name, text.as_bytes()).unwrap()).collect();
    Room::gather(key(), &files).unwrap()
}

fn answers_error(text: &[u8]) -> String {
    read_answers("answers_ana.csv", text).unwrap_err().to_string()
}

fn room_error(files: &[(&str, &str)]) -> String {
    let files: Vec<_> = files.iter().map(|(name, text)| read_answers(name, text.as_bytes()).unwrap()).collect();
    Room::gather(key(), &files).unwrap_err().to_string()
}

#[test]
fn answers_files_are_read_the_way_spreadsheets_write_them() {
    // Byte-order mark, Windows line ends, `;`, columns in another order and an extra one,
    // quotes, spaces, lower-case levels, a blank level (skipped) and a Windows-1252 name.
    let mut bytes = b"\xEF\xBB\xBF Level ; Case ; Trainee ; Room \r\n d ; case-01 ; \"Ana\" ; 2\r\n".to_vec();
    bytes.extend_from_slice(b"NONE;case-04;Ana;2\r\n;case-02;Ana;2\r\n\r\nb;case-03;Ana;2\r\n");
    let file = read_answers("answers_ana.csv", &bytes).unwrap();
    let read: Vec<(&str, &str, Answer, u64)> =
        file.rows.iter().map(|r| (r.trainee.as_str(), r.case.as_str(), r.answer, r.line)).collect();
    assert_eq!(
        read,
        [("Ana", "case-01", Answer::D, 2), ("Ana", "case-04", Answer::NoLevel, 3), ("Ana", "case-03", Answer::B, 6)]
    );
    let latin1 = read_answers("a.csv", b"trainee,case,level\nJos\xE9,case-01,A\n").unwrap();
    assert_eq!(latin1.rows[0].trainee, "José");
    let room = Room::gather(key(), &[file, latin1]).unwrap();
    assert_eq!(room.trainees[0].answers, [Some(Answer::D), None, Some(Answer::B), Some(Answer::NoLevel)]);
    assert_eq!(room.trainees[1].answers, [Some(Answer::A), None, None, None]);
}

#[test]
fn the_key_keeps_its_order_and_quoted_reasons() {
    let key = read_key("key.csv", b"Case,Level,Reason\r\n2,c,\"charged, then\r\nnotified\"\r\n1,NONE,\r\n").unwrap();
    let cases: Vec<(&str, Answer, &str)> =
        key.cases.iter().map(|c| (c.case.as_str(), c.level, c.reason.as_str())).collect();
    assert_eq!(cases, [("2", Answer::C, "charged, then\nnotified"), ("1", Answer::NoLevel, "")]);
    let no_reasons = read_key("key.csv", b"case,level\ncase-01,A\n").unwrap();
    assert_eq!(no_reasons.cases[0].reason, "");
}

#[test]
fn a_wrong_file_is_named_with_line_and_column() {
    let cases = [
        (&b"trainee,case,level\nAna,case-01,D\nAna,case-02,C\nAna,case-03,E\n"[..],
         "answers_ana.csv line 4, column \"level\": \"E\" is not a level (A, B, C, D or none)"),
        (b"trainee,case,answer\nAna,case-01,D\n",
         "answers_ana.csv line 1: there is no \"level\" column (an answers file has the columns trainee, case, level)"),
        (b"trainee,case,level\n,case-01,D\n", "answers_ana.csv line 2, column \"trainee\": the trainee's name is blank"),
        (b"trainee,case,level\nAna,,D\n", "answers_ana.csv line 2, column \"case\": the case id is blank"),
        (b"trainee,case,level\r\nAna,case-01,D\r\nAna,case-02,C\r\nAna,case-01,B\r\n",
         "answers_ana.csv line 4, column \"case\": Ana answered case-01 twice (also line 2)"),
        (b"  \n", "answers_ana.csv: the file is empty"),
        (b"trainee,case,level\nAna,case-01,Level A\n",
         "answers_ana.csv line 2, column \"level\": \"Level A\" is not a level (A, B, C, D or none)"),
    ];
    for (text, message) in cases {
        assert_eq!(answers_error(text), message);
    }
    let key_error = |text: &str| read_key("key.csv", text.as_bytes()).unwrap_err().to_string();
    assert_eq!(
        key_error("case,level\n7,A\n7,B\n"),
        "key.csv line 3, column \"case\": case 7 is in the key twice (also line 2)"
    );
    assert_eq!(
        key_error("case,level\n7,\n"),
        "key.csv line 2, column \"level\": case 7 has no level: write A, B, C, D or none"
    );
    assert_eq!(key_error("case,level,reason\n"), "key.csv: the answer key has no cases");
    assert_eq!(
        key_error("level,reason\nA,x\n"),
        "key.csv line 1: there is no \"case\" column (an answer key has the columns case, level, reason)"
    );
}

#[test]
fn gathering_checks_cases_and_second_answers_across_files() {
    let ana = ("answers_ana.csv", "trainee,case,level\nAna,case-01,D\n");
    assert_eq!(
        room_error(&[ana, ("answers_bo.csv", "trainee,case,level\nBo,case-01,D\nAna,case-01,C\n")]),
        "answers_bo.csv line 3, column \"case\": Ana answered case-01 twice (also answers_ana.csv line 2)"
    );
    assert_eq!(
        room_error(&[("answers_bo.csv", "trainee,case,level\nBo,case-1,D\n")]),
        "answers_bo.csv line 2, column \"case\": case-1 is not in the answer key key.csv (its cases are case-01 to case-04)"
    );
}

#[test]
fn the_writer_round_trips_and_neutralises_formulas() {
    let answers = [("case-01", Answer::D), ("case-03", Answer::NoLevel)];
    let bytes = answers_csv("Ana Lima", answers);
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        "trainee,case,level\nAna Lima,case-01,D\nAna Lima,case-03,none\n"
    );
    let room = Room::gather(key(), &[read_answers("a.csv", &bytes).unwrap()]).unwrap();
    assert_eq!(room.trainees[0].answers, [Some(Answer::D), None, Some(Answer::NoLevel), None]);
    let hostile = String::from_utf8(answers_csv("=HYPERLINK(\"x\")", [("case-01", Answer::A)])).unwrap();
    assert_eq!(hostile, "trainee,case,level\n\"'=HYPERLINK(\"\"x\"\")\",case-01,A\n");
}

#[test]
fn answers_are_levels_or_none_in_words_and_json() {
    for answer in Answer::ALL {
        assert_eq!(Answer::from_level(answer.level()), answer);
        assert_eq!(Answer::parse(&format!(" {} ", answer.word().to_lowercase())), Some(answer));
        let json = serde_json::to_string(&answer).unwrap();
        assert_eq!((json.trim_matches('"'), serde_json::from_str::<Answer>(&json).unwrap()), (answer.word(), answer));
    }
    assert!(Answer::NoLevel < Answer::D && Answer::D < Answer::C && Answer::B < Answer::A);
    assert_eq!((Answer::parse("E"), Answer::parse("")), (None, None));
}

#[test]
fn kappas_of_published_examples() {
    // Cohen's kappa: 50 proposals read by two readers (Wikipedia, "Cohen's kappa"): 0.4.
    let two = cohens_kappa(&[[20, 5], [10, 15]], Weighting::Unweighted).unwrap();
    assert!((two.kappa - 0.4).abs() < 1e-12, "{two:?}");
    // With two categories the quadratic weights are the unweighted ones.
    let weighted = cohens_kappa(&[[20, 5], [10, 15]], Weighting::Quadratic).unwrap();
    assert!((weighted.kappa - 0.4).abs() < 1e-12 && (weighted.se.unwrap() - two.se.unwrap()).abs() < 1e-12);
    // Fleiss' kappa: 10 subjects, 14 raters, 5 categories (Wikipedia, "Fleiss' kappa"): 0.210.
    let subjects = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];
    let fleiss = fleiss_kappa(&subjects).unwrap();
    assert_eq!(format!("{:.3}", fleiss.kappa), "0.210");
    assert!(fleiss.low.unwrap() < fleiss.kappa && fleiss.kappa < fleiss.high.unwrap());
    assert_eq!(fleiss_kappa(&[[1, 1], [2, 0], [1, 0]]), None, "unequal numbers of raters");
    assert_eq!(fleiss_kappa(&[[1, 0], [0, 1]]), None, "a single rater");
    assert_eq!(fleiss_kappa::<3>(&[]), None, "no subjects");
    assert_eq!(cohens_kappa(&[[0, 0], [0, 0]], Weighting::Unweighted), None, "no answers");
    assert_eq!(cohens_kappa(&[[0, 0], [0, 9]], Weighting::Quadratic), None, "one category only");
}

#[test]
fn a_small_room_worked_by_hand() {
    // Key: D, C, B, none. Ana right on all four; Bo chose C for case-01 and skipped case-04;
    // Cy chose C, C, C, D.
    let room = room(&[
        ("answers_ana.csv", "trainee,case,level\nAna,case-01,D\nAna,case-02,C\nAna,case-03,B\nAna,case-04,none\n"),
        ("answers_rest.csv", "trainee,case,level\nBo,case-01,C\nBo,case-02,C\nBo,case-03,B\nCy,case-01,C\nCy,case-02,C\nCy,case-03,C\nCy,case-04,D\n"),
    ]);
    let results = analyze(&room);
    assert_eq!((results.answers, results.correct), (11, 7));
    let ana = &results.trainees[0];
    assert_eq!((ana.answered, ana.skipped, ana.correct, ana.accuracy.unwrap().value), (4, 0, 4, 1.0));
    assert_eq!(ana.kappa.unwrap().kappa, 1.0);
    assert_eq!((ana.kappa.unwrap().se, ana.kappa.unwrap().high), (Some(0.0), Some(1.0)));
    let bo = &results.trainees[1];
    assert_eq!((bo.answered, bo.skipped, bo.correct), (3, 1, 2));
    // Bo over the three cases answered: observed 2/3; chance (2/3)(1/3) + (1/3)(1/3) = 1/3.
    assert!((bo.kappa.unwrap().kappa - 0.5).abs() < 1e-12);
    let case_01 = &results.cases[0];
    assert_eq!((case_01.answered, case_01.correct, case_01.counts.0), (3, 1, [0, 1, 2, 0, 0]));
    assert_eq!((case_01.modal.as_slice(), case_01.modal_share), ([Answer::C].as_slice(), Some(2.0 / 3.0)));
    let case_04 = &results.cases[3];
    assert_eq!((case_04.modal.as_slice(), case_04.modal_share), ([Answer::NoLevel, Answer::D].as_slice(), Some(0.5)));
    assert_eq!(results.most_disagreed, ["case-04", "case-01", "case-03"]);
    assert_eq!(results.most_missed, ["case-01", "case-04", "case-03"]);
    assert_eq!(results.confusion.counts[Answer::C.index()], [0, 2, 3, 1, 0], "C chosen for D twice, C 3 times, B once");
    // Fleiss' kappa: only the three cases everyone answered.
    assert_eq!((results.fleiss.trainees, results.fleiss.cases_used, results.fleiss.cases_left_out), (3, 3, 1));
    assert!(results.fleiss.kappa.is_some() && results.fleiss.unavailable.is_none());
}

#[test]
fn rooms_where_a_figure_is_undefined_say_why() {
    let alone = analyze(&room(&[("a.csv", "trainee,case,level\nAna,case-01,C\nAna,case-02,C\n")]));
    assert_eq!((alone.fleiss.kappa, alone.fleiss.unavailable), (None, Some("it needs at least two trainees")));
    assert!(alone.trainees[0].kappa.is_some(), "C and D in the key: kappa is defined (and 0)");
    let apart = analyze(&room(&[("a.csv", "trainee,case,level\nAna,case-01,C\nBo,case-02,C\n")]));
    assert_eq!(apart.fleiss.unavailable, Some("no case was answered by every trainee"));
    let same = analyze(&room(&[("a.csv", "trainee,case,level\nAna,case-02,C\nBo,case-02,C\n")]));
    assert_eq!(same.fleiss.unavailable, Some("every trainee chose the same answer for every case"));
    let one_level = &same.trainees[0];
    assert_eq!((one_level.kappa, one_level.weighted_kappa), (None, None));
    assert_eq!(one_level.kappa_unavailable(), Some("the answers and the key are all the same level"));
    assert!(same.most_disagreed.is_empty() && same.most_missed.is_empty());
    let empty = analyze(&Room::gather(key(), &[]).unwrap());
    assert_eq!((empty.answers, empty.accuracy, empty.fleiss.cases_used), (0, None, 0));
    assert!(empty.cases.iter().all(|c| c.modal.is_empty() && c.modal_share.is_none()));
}

fn any_answer() -> impl Strategy<Value = Option<Answer>> {
    prop::option::weighted(0.85, prop::sample::select(Answer::ALL.to_vec()))
}

proptest! {
    #[test]
    fn any_room_gives_bounded_figures_without_panicking(
        key_levels in prop::collection::vec(prop::sample::select(Answer::ALL.to_vec()), 1..12),
        // Hand-built rooms may list fewer or more answers than the key has cases.
        answers in prop::collection::vec(prop::collection::vec(any_answer(), 0..14), 0..7),
    ) {
        let cases = key_levels.iter().enumerate().map(|(i, &level)| KeyCase { case: format!("{i}"), level, reason: String::new() });
        let key = Key { file: "key.csv".into(), cases: cases.collect() };
        let trainees = answers.iter().enumerate().map(|(i, a)| Trainee { name: format!("t{i}"), answers: a.clone() });
        let room = Room { key, trainees: trainees.collect() };
        let results = analyze(&room);
        let given: usize = room.trainees.iter().map(|t| t.answers.iter().take(key_levels.len()).flatten().count()).sum();
        prop_assert_eq!(results.answers as usize, given);
        let kappas = results.trainees.iter().flat_map(|t| [t.kappa, t.weighted_kappa]).chain([results.fleiss.kappa]);
        for kappa in kappas.flatten() {
            prop_assert!(kappa.kappa <= 1.0 + 1e-12 && kappa.kappa >= -1.0 - 1e-12, "{:?}", kappa);
            prop_assert!(kappa.se.is_some_and(|se| se >= 0.0), "{:?}", kappa);
        }
        for case in &results.cases {
            prop_assert!(case.modal_share.is_none_or(|s| s > 0.0 && s <= 1.0));
            prop_assert!(case.correct <= case.answered);
        }
    }
}

proptest! {
    #[test]
    fn line_numbers_are_the_file_lines_whatever_the_blank_lines_line_ends_and_delimiter(
        gaps in prop::collection::vec(0usize..3, 1..8),
        crlf in any::<bool>(),
        quoted in any::<bool>(),
        delimiter in prop::sample::select(vec![",", ";", "\t"]),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        let mut line = 1;
        let mut expected = Vec::new();
        for (i, gap) in gaps.iter().enumerate() {
            for g in 0..*gap {
                text.push_str(if g % 2 == 0 { "" } else { "  " });
                text.push_str(end);
                line += 1;
            }
            if i == 0 {
                text.push_str(&["trainee", "case", "level"].join(delimiter));
            } else {
                let name = if quoted { format!("\"T{i}, with a{end}line end\"") } else { format!("T{i}") };
                text.push_str(&[name.as_str(), "case-01", "A"].join(delimiter));
                expected.push(line);
                line += usize::from(quoted);
            }
            text.push_str(end);
            line += 1;
        }
        let file = read_answers("a.csv", text.as_bytes()).unwrap();
        let lines: Vec<usize> = file.rows.iter().map(|r| r.line as usize).collect();
        prop_assert_eq!(lines, expected, "{:?}", text);
        prop_assert!(file.rows.iter().all(|r| r.case == "case-01" && r.answer == Answer::A && r.trainee.starts_with('T')));
    }
}
