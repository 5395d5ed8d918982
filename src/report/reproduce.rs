//! The report's "Reproducibility" part: the tool and build, each input's size, rows and SHA-256
//! (or the demo's parameters and fingerprint), every setting as a project file, and the command
//! that writes the same report again.

use super::html::{escape, Html};
use super::{files_in_order, tool_words, Origin, ReportInput};
use crate::classify::NotificationMode;
use crate::ingest::Table;
use crate::model::{iso, long_date};
use crate::project::Project;
use crate::words::count;

/// The project file name the command line below reads.
const PROJECT_NAME: &str = "evaluation.ipvi.json";

/// The settings of the report as a project file (no data inside).
pub fn project_of(input: &ReportInput) -> Project {
    Project {
        reading_rules: input.reading_rules.clone(),
        criteria: input.criteria.clone(),
        outcomes: input.settings.clone(),
        simulate: simulated_on_request(input),
        report: input.choices.clone(),
        demo: match input.origin {
            Origin::Demo { params, .. } => Some(params.clone()),
            Origin::Files(_) => None,
        },
        ..Project::default()
    }
}

/// Whether notifications were simulated although recorded ones were loaded (the user asked).
fn simulated_on_request(input: &ReportInput) -> bool {
    input.mode == NotificationMode::Simulated && NotificationMode::available(input.data)
}

/// The command line option that names an extract of a table.
fn flag(table: Table) -> &'static str {
    match table {
        Table::Incidents => "--incidents",
        Table::Calls => "--calls",
        Table::Notifications => "--notifications",
        Table::Services => "--services",
        Table::Sanctions => "--sanctions",
    }
}

/// A word for a POSIX shell: as is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "._-/+=:,".contains(c)) {
        word.into()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `ipvi report` with the inputs of this report.
pub fn command_line(input: &ReportInput) -> String {
    let mut words = vec!["ipvi".to_string(), "report".into()];
    match input.origin {
        Origin::Files(files) => {
            for (source, _) in files_in_order(files) {
                words.push(flag(source.table).into());
                words.push(shell_word(&source.name));
            }
        }
        // The project file holds the demo's parameters.
        Origin::Demo { .. } => words.push("--demo".into()),
    }
    // The areas of an area column come back with the outcome settings in the project file.
    if let Some(file) = input.comparison_file.filter(|_| input.settings.treated_areas.is_empty()) {
        words.extend(["--comparison".into(), shell_word(&file.name)]);
    }
    words.extend(["--project".into(), PROJECT_NAME.into(), "--generated".into(), iso(input.generated)]);
    words.extend(["--out".into(), "report.html".into()]);
    words.join(" ")
}

pub fn reproducibility(input: &ReportInput) -> String {
    let mut out = Html::new();
    out.facts(&[
        ("Tool", tool_words()),
        ("Generated", long_date(input.generated)),
        ("Notifications", input.mode.description().into()),
    ]);
    match input.origin {
        Origin::Files(files) => {
            let mut rows: Vec<Vec<String>> = files_in_order(files)
                .into_iter()
                .map(|(s, _)| {
                    vec![
                        s.name.clone(),
                        s.table.name().into(),
                        count(s.bytes),
                        count(s.rows_read as u64),
                        s.sha256.clone(),
                    ]
                })
                .collect();
            if let Some(c) = input.comparison_file {
                rows.push(vec![
                    c.name.clone(),
                    "comparison areas".into(),
                    count(c.bytes),
                    "-".into(),
                    c.sha256.clone(),
                ]);
            }
            let header = ["File", "Table", "Bytes", "Rows read", "SHA-256"].map(String::from);
            out.table("inputs", "The input files", &header, &rows, &[false, false, true, true, false]);
            out.p("A rerun read the same data if every file has the same size and SHA-256 (sha256sum FILE prints it).");
        }
        Origin::Demo { params, fingerprint } => {
            out.raw(&format!(
                "<p>Input: the demo jurisdiction generated from these parameters; fingerprint of its extracts <code class=\"digest\">{}</code>.</p>\n",
                escape(fingerprint)
            ));
            out.p("The demo parameters (the project file below holds them too):");
            out.pre("json", &serde_json::to_string_pretty(params).unwrap_or_default());
        }
    }
    out.p(&format!(
        "Every setting, as a project file ({PROJECT_NAME}): the reading rules, the criteria, the outcome settings, whether notifications were simulated on request, and the report's own choices."
    ));
    out.pre("json", &project_of(input).to_json());
    out.p(&format!(
        "With that file (and the input files) beside it, this command writes this report again, byte for byte, with the same build ({}):",
        tool_words()
    ));
    out.pre("command", &command_line(input));
    out.into_string()
}
