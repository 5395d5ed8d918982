//! The report's "Methods and definitions": the chapters of `docs/methods.md` that define what the
//! report shows, so the report carries the definitions of the version that computed it.
//! `build.rs` renders them with `src/report/markdown.rs` at build time: links between the
//! included chapters are kept, every other link is reduced to its text (the report loads and
//! links to nothing outside), raw HTML is shown as text.

/// The rendered chapters (written by `build.rs` from docs/methods.md).
const METHODS_HTML: &str = include_str!(concat!(env!("OUT_DIR"), "/methods.html"));

/// The chapters' titles, in order (the same list `build.rs` renders).
const CHAPTERS: [&str; 4] = ["Levels", "Notifications: recorded or simulated", "Outcomes", "Statistics"];

/// The part's body: where the text comes from, the glossary of the findings' terms, then the
/// chapters.
pub fn methods() -> String {
    format!(
        "<p>The definitions below are the chapters {} of the methods of IPVI Workbench {} (docs/methods.md), as built into the version that computed this report.</p>\n{}<div class=\"methods\">\n{}</div>\n",
        CHAPTERS.map(|c| format!("\u{201c}{}\u{201d}", super::html::escape(c))).join(", "),
        crate::VERSION,
        glossary(),
        METHODS_HTML
    )
}

/// The terms the findings use, in plain words (the list the Outcomes page shows).
fn glossary() -> String {
    let mut out = super::html::Html::new();
    out.el("h3", " id=\"findings-glossary\"", "Glossary of the findings");
    out.raw("<dl class=\"glossary\">\n");
    for term in crate::outcomes::glossary::GLOSSARY {
        out.el("dt", "", term.term);
        out.el("dd", "", term.meaning);
    }
    out.raw("</dl>\n");
    out.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_chapters_are_those_named() {
        assert_eq!(CHAPTERS, super::super::markdown::CHAPTERS);
        let fresh = super::super::markdown::render_chapters(include_str!("../../docs/methods.md"));
        assert_eq!(METHODS_HTML, fresh, "build.rs rendered the methods as the engine's tests do");
    }
}
