//! Writing the report's HTML: every piece of text escaped on the way in, so no value from a file,
//! a setting or a note can open an element.

use std::fmt::Write;

/// Text safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An HTML fragment being written.
#[derive(Default)]
pub struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::new())
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Markup written as is: only for literals and for what this module or the chart and
    /// markdown renderers produced.
    pub fn raw(&mut self, markup: &str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// `<tag attrs>text</tag>` and a line end; `attrs` is markup (from [`attrs`] or a literal).
    pub fn el(&mut self, tag: &str, attrs: &str, text: &str) -> &mut Html {
        let _ = writeln!(self.0, "<{tag}{attrs}>{}</{tag}>", escape(text));
        self
    }

    pub fn p(&mut self, text: &str) -> &mut Html {
        self.el("p", "", text)
    }

    /// A bulleted list; nothing when there are no items.
    pub fn list<S: AsRef<str>>(&mut self, class: &str, items: &[S]) -> &mut Html {
        if items.is_empty() {
            return self;
        }
        let _ = writeln!(self.0, "<ul{}>", attrs(&[("class", class)]));
        for item in items {
            self.el("li", "", item.as_ref());
        }
        self.raw("</ul>\n")
    }

    /// A two-column list of terms and values.
    pub fn facts(&mut self, pairs: &[(&str, String)]) -> &mut Html {
        self.raw("<dl class=\"facts\">\n");
        for (term, value) in pairs {
            self.el("dt", "", term).el("dd", "", value);
        }
        self.raw("</dl>\n")
    }

    /// A table with its caption; `numeric` marks the columns whose cells align right.
    pub fn table(&mut self, id: &str, caption: &str, header: &[String], rows: &[Vec<String>], numeric: &[bool]) {
        let _ = writeln!(self.0, "<table{}>", attrs(&[("id", id)]));
        self.el("caption", "", caption);
        self.raw("<thead><tr>");
        for (i, h) in header.iter().enumerate() {
            let class = if numeric.get(i).copied().unwrap_or(false) { " class=\"num\"" } else { "" };
            let _ = write!(self.0, "<th scope=\"col\"{class}>{}</th>", escape(h));
        }
        self.raw("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.raw("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let class = if numeric.get(i).copied().unwrap_or(false) { " class=\"num\"" } else { "" };
                let _ = write!(self.0, "<td{class}>{}</td>", escape(cell));
            }
            self.raw("</tr>\n");
        }
        self.raw("</tbody>\n</table>\n");
    }

    /// Preformatted text (JSON, a command line).
    pub fn pre(&mut self, class: &str, text: &str) -> &mut Html {
        let _ = writeln!(self.0, "<pre{}><code>{}</code></pre>", attrs(&[("class", class)]), escape(text));
        self
    }

    /// The evaluator's note: paragraphs split at blank lines, line breaks kept within one.
    pub fn note(&mut self, note: &str) {
        let text = note.replace("\r\n", "\n");
        let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
        if paragraphs.is_empty() {
            return;
        }
        self.raw("<aside class=\"note\">\n<p class=\"note-label\">Evaluator's note</p>\n");
        for paragraph in paragraphs {
            let lines: Vec<String> = paragraph.lines().map(|l| escape(l.trim_end())).collect();
            let _ = writeln!(self.0, "<p>{}</p>", lines.join("<br>\n"));
        }
        self.raw("</aside>\n");
    }
}

/// Attributes with escaped values, each with its leading space; empty values are left out.
pub fn attrs(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = write!(out, " {name}=\"{}\"", escape(value));
    }
    out
}

/// Whether a table's column holds numbers (every non-empty cell reads as one), to align it right.
pub fn numeric_columns(header: &[String], rows: &[Vec<String>]) -> Vec<bool> {
    let is_number = |cell: &str| {
        let digits = cell.trim_end_matches('%').replace(',', "");
        !digits.is_empty() && digits.parse::<f64>().is_ok()
    };
    (0..header.len())
        .map(|i| {
            let cells: Vec<&str> = rows.iter().filter_map(|r| r.get(i)).map(String::as_str).collect();
            cells.iter().any(|c| !c.is_empty()) && cells.iter().all(|c| c.is_empty() || is_number(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(attrs(&[("id", "a\"b"), ("class", "")]), " id=\"a&quot;b\"");
        let mut html = Html::new();
        html.note("First <b>line</b>\nsecond\n\n\nNext paragraph");
        let out = html.into_string();
        assert!(out.contains("<p>First &lt;b&gt;line&lt;/b&gt;<br>\nsecond</p>\n<p>Next paragraph</p>"), "{out}");
        let mut empty = Html::new();
        empty.note(" \n\n ");
        assert_eq!(empty.into_string(), "");
    }

    #[test]
    fn numeric_columns_are_those_of_numbers_only() {
        let header = vec!["month".to_string(), "calls".to_string(), "share".to_string()];
        let rows = vec![
            vec!["2019-01".to_string(), "1,204".to_string(), "15.3%".to_string()],
            vec!["2019-02".to_string(), "98".to_string(), String::new()],
        ];
        assert_eq!(numeric_columns(&header, &rows), [false, true, true]);
    }
}
