//! The report's outcome parts (one per outcome section, as the Outcomes page shows it) and its
//! "Caveats and warnings" part (every warning the engine gave, gathered in one place).

use super::html::{attrs, numeric_columns, Html};
use super::{files_in_order, Origin, ReportInput, OUTCOME_PARTS};
use crate::charts::{svg, EXPORT_SIZE};
use crate::classify::NotificationMode;
use crate::outcomes::sections::{Section, SectionBody};
use crate::outcomes::Table;
use crate::words::count;

/// Rows of a table printed in the report; the rest are in the table's CSV (survival curves run
/// to thousands of rows, which no reader wants on paper).
pub const TABLE_ROWS: usize = 80;

/// One outcome: its finding, n, facts, charts, tables, definition and warnings; or why not.
pub fn outcome(input: &ReportInput, sections: &[Section], part: &str) -> String {
    let mut out = Html::new();
    let Some(&(_, section_id, _)) = OUTCOME_PARTS.iter().find(|(id, _, _)| *id == part) else {
        return String::new();
    };
    match (sections.iter().find(|s| s.id == section_id), input.outcomes.err()) {
        (Some(Section { body: Ok(body), .. }), _) => section_body(&mut out, section_id, body),
        (Some(Section { body: Err(why), .. }), _) => {
            out.el("p", " class=\"unavailable\"", &format!("Not available: {why}."));
        }
        (None, Some(why)) => {
            out.el(
                "p",
                " class=\"unavailable\"",
                &format!("Not available: no outcome could be computed, because {why}."),
            );
        }
        (None, None) => {}
    }
    out.into_string()
}

fn section_body(out: &mut Html, id: &str, body: &SectionBody) {
    out.el("p", &attrs(&[("class", "finding"), ("id", &format!("{id}-finding"))]), &body.finding);
    out.el("p", " class=\"n\"", &format!("n = {} {}", count(body.n.value), body.n.of));
    for fact in &body.facts {
        out.p(fact);
    }
    if !body.technical.is_empty() {
        out.el("p", " class=\"technical-heading\"", "Technical details:");
        out.list("technical", &body.technical);
    }
    for figure in &body.figures {
        out.raw(&format!("<figure{}>\n", attrs(&[("id", &format!("figure-{}", figure.name))])));
        out.el("p", " class=\"chart-title\"", &figure.chart.title);
        out.raw(&svg(&figure.chart, f64::from(EXPORT_SIZE.0), f64::from(EXPORT_SIZE.1)));
        if let Some(note) = &figure.note {
            out.el("figcaption", "", note);
        }
        out.raw("</figure>\n");
    }
    for table in &body.tables {
        outcome_table(out, table);
    }
    out.el("p", " class=\"definition\"", &format!("How this was computed: {}", body.definition));
    if !body.warnings.is_empty() {
        out.list("warnings", &body.warnings);
    }
}

/// An outcome table, its first [`TABLE_ROWS`] rows when it is longer, with a line that says so.
fn outcome_table(out: &mut Html, table: &Table) {
    let shown = &table.rows[..table.rows.len().min(TABLE_ROWS)];
    let numeric = numeric_columns(&table.header, &table.rows);
    out.table(&format!("table-{}", table.name), &table.caption, &table.labels, shown, &numeric);
    if table.rows.len() > shown.len() {
        out.el(
            "p",
            " class=\"table-note\"",
            &format!(
                "The first {} of {} rows; every row is in {}.csv (the Outcomes page's \"Save table as CSV\", or ipvi outcomes --tables).",
                count(shown.len() as u64),
                count(table.rows.len() as u64),
                table.name
            ),
        );
    }
}

/// Every warning the engine gave, by where it came from.
pub fn caveats(input: &ReportInput, sections: &[Section]) -> String {
    let mut out = Html::new();
    let mut any = false;
    let mut group = |out: &mut Html, heading: &str, items: Vec<String>| {
        if !items.is_empty() {
            any = true;
            out.el("h3", "", heading);
            out.list("warnings", &items);
        }
    };
    if let Origin::Demo { .. } = input.origin {
        group(
            &mut out,
            "Data",
            vec!["The data is synthetic (the demo jurisdiction): the findings show what the analyses report on a known truth, not what happened anywhere.".into()],
        );
    }
    if let Origin::Files(files) = input.origin {
        let items = files_in_order(files)
            .into_iter()
            .flat_map(|(_, r)| {
                let rejected = (r.rows_rejected() > 0).then(|| {
                    format!(
                        "{}: {} of {} rows set aside (see Data sources).",
                        r.file,
                        count(r.rows_rejected() as u64),
                        count(r.rows_read as u64)
                    )
                });
                rejected.into_iter().chain(r.warnings.iter().map(move |w| format!("{}: {w}", r.file)))
            })
            .collect();
        group(&mut out, "Data quality", items);
    }
    if input.mode == NotificationMode::Simulated {
        group(
            &mut out,
            "Notifications",
            vec![format!(
                "Notifications were {}, not read from a notifications extract: results that depend on notification dates show what the policy would give.",
                input.mode.description()
            )],
        );
    }
    match input.outcomes {
        Ok(_) => {
            for section in sections {
                let items = match &section.body {
                    Ok(body) => body.warnings.clone(),
                    Err(why) => vec![format!("Not available: {why}.")],
                };
                group(&mut out, section.title, items);
            }
        }
        Err(why) => group(&mut out, "Outcomes", vec![format!("No outcome could be computed: {why}.")]),
    }
    if !any {
        out.p("The engine gave no warning for these data and settings.");
    }
    out.into_string()
}
