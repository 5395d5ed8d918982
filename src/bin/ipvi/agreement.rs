//! `ipvi agreement`: a training room's answers against the key, as text or JSON.

use crate::output::{emit_line, say};
use ipvi::training::agreement::{analyze, CaseResult, Confusion, RoomResults};
use ipvi::training::answers::{read_answers, read_key, Answer, Room};
use ipvi::training::results::kappa_text;
use ipvi::words::percent;
use std::path::{Path, PathBuf};

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    crate::inputs::read_input(path)
}

/// Reads the key and every answers file, and gathers the room.
fn load_room(answers: &[PathBuf], key: &Path) -> Result<Room, String> {
    let key = read_key(&file_name(key), &read(key)?).map_err(|e| e.to_string())?;
    let mut files = Vec::with_capacity(answers.len());
    for path in answers {
        files.push(read_answers(&file_name(path), &read(path)?).map_err(|e| e.to_string())?);
    }
    Room::gather(key, &files).map_err(|e| e.to_string())
}

pub fn run(answers: &[PathBuf], key: &Path, json: bool) -> Result<(), String> {
    let room = load_room(answers, key)?;
    if room.trainees.is_empty() {
        return Err("the answers files hold no answers".into());
    }
    let results = analyze(&room);
    if json {
        emit_line(&serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?);
        return Ok(());
    }
    print_summary(&room, &results);
    print_trainees(&results);
    print_fleiss(&results);
    print_confusion(&results.confusion);
    print_cases("Cases where the room split most", &results.most_disagreed, &results, |c| {
        format!("{} chose the most common answer", c.modal_share.map_or("-".into(), percent))
    });
    print_cases("Cases most often missed", &results.most_missed, &results, |c| {
        format!("{} chose the key's answer", c.accuracy.map_or("-".into(), percent))
    });
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn print_summary(room: &Room, results: &RoomResults) {
    say!(
        "{}, {} ({}): {} answers, {} match the key ({}).",
        plural(results.trainees.len(), "trainee"),
        plural(room.key.cases.len(), "case"),
        room.key.file,
        results.answers,
        results.correct,
        results.accuracy.map_or("-".into(), percent)
    );
}

fn print_trainees(results: &RoomResults) {
    say!("");
    say!("Each trainee against the key (kappa: agreement beyond chance; weighted: near misses count partly)");
    let width = results.trainees.iter().map(|t| t.name.chars().count()).max().unwrap_or(0).max(7);
    let header = ["answered", "correct", "accuracy (95% CI)   ", "kappa (95% CI)      ", "weighted kappa (95% CI)"];
    say!("  {:<width$}  {}", "trainee", header.join("  "));
    for t in &results.trainees {
        let accuracy = t
            .accuracy
            .map_or("-".into(), |a| format!("{} ({:.1}-{})", percent(a.value), a.low * 100.0, percent(a.high)));
        let note = t.kappa_unavailable();
        say!(
            "  {:<width$}  {:>8}  {:>7}  {:<20}  {:<20}  {}",
            t.name,
            t.answered,
            t.correct,
            accuracy,
            kappa_text(t.kappa, note),
            kappa_text(t.weighted_kappa, note)
        );
    }
}

fn print_fleiss(results: &RoomResults) {
    let fleiss = &results.fleiss;
    say!("");
    say!("Agreement among trainees, Fleiss' kappa (95% CI): {}", kappa_text(fleiss.kappa, fleiss.unavailable));
    if fleiss.kappa.is_some() && fleiss.cases_left_out > 0 {
        say!(
            "  over the {} cases every trainee answered ({} left out because someone skipped them)",
            fleiss.cases_used,
            fleiss.cases_left_out
        );
    }
}

fn print_confusion(confusion: &Confusion) {
    say!("");
    say!("All answers against the key (rows: chosen; columns: the key's answer)");
    let header: String = Answer::ALL.iter().map(|a| format!("{:>6}", a.word())).collect();
    say!("  {:<8}{header}", "chosen");
    for chosen in Answer::ALL {
        let cells: String = confusion.counts[chosen.index()].iter().map(|c| format!("{c:>6}")).collect();
        say!("  {:<8}{cells}", chosen.word());
    }
}

fn print_cases(title: &str, ids: &[String], results: &RoomResults, share: impl Fn(&CaseResult) -> String) {
    say!("");
    if ids.is_empty() {
        say!("{title}: none");
        return;
    }
    say!("{title}");
    for id in ids {
        let Some(case) = results.cases.iter().find(|c| &c.case == id) else { continue };
        let chosen = Answer::ALL.iter().map(|a| (a.word(), case.counts.0[a.index()])).filter(|(_, n)| *n > 0);
        let counts: Vec<String> = chosen.map(|(word, n)| format!("{word} {n}")).collect();
        say!("  {} (key {}): {}; chosen: {}", case.case, case.key.word(), share(case), counts.join(", "));
    }
}
