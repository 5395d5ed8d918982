//! Markdown to the report's HTML, for the chapters of `docs/methods.md` the report prints. This
//! file is compiled twice: by `build.rs`, which renders the chapters once at build time (so the
//! web app carries the HTML, not a markdown parser), and by the engine's tests.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The chapters (`## ` headings of docs/methods.md) the report includes, in order.
pub const CHAPTERS: [&str; 4] = ["Levels", "Notifications: recorded or simulated", "Outcomes", "Statistics"];

/// The included chapters of the methods, rendered.
pub fn render_chapters(methods: &str) -> String {
    let text = methods.replace("\r\n", "\n");
    let markdown: Vec<&str> = CHAPTERS.iter().map(|title| chapter(&text, title)).collect();
    render(&markdown.concat())
}

/// The text of one `## ` chapter, its heading included; empty if there is no such chapter.
pub fn chapter<'a>(text: &'a str, title: &str) -> &'a str {
    let heading = format!("## {title}\n");
    let Some(start) = text.find(&heading).filter(|&i| i == 0 || text.as_bytes()[i - 1] == b'\n') else {
        return "";
    };
    let body = &text[start + heading.len()..];
    let end = body.find("\n## ").map_or(text.len(), |i| start + heading.len() + i + 1);
    &text[start..end]
}

/// A heading's anchor as GitHub writes it: lower case, spaces to hyphens, punctuation dropped.
pub fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Markdown to the report's HTML: headings one level down (the part's heading is `h2`) with ids
/// `methods-SLUG`, links kept only to those headings, raw HTML shown as text.
pub fn render(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut slugs = Vec::new();
    let mut heading_text: Option<String> = None;
    for event in &events {
        match event {
            Event::Start(Tag::Heading { .. }) => heading_text = Some(String::new()),
            Event::Text(t) | Event::Code(t) => heading_text.iter_mut().for_each(|h| h.push_str(t)),
            Event::End(TagEnd::Heading(_)) => slugs.extend(heading_text.take().map(|h| slug(&h))),
            _ => {}
        }
    }
    let mut headings = slugs.iter();
    let mut dropping_link = false;
    let mut out_events = Vec::with_capacity(events.len());
    for event in events {
        let kept = match event {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                let id = headings.next().map(|s| CowStr::from(format!("methods-{s}")));
                Some(Event::Start(Tag::Heading { level: deeper(level), id, classes, attrs }))
            }
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(deeper(level)))),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                match dest_url.strip_prefix('#').filter(|target| slugs.iter().any(|s| s == target)) {
                    Some(target) => {
                        let dest_url = CowStr::from(format!("#methods-{target}"));
                        Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
                    }
                    None => {
                        dropping_link = true;
                        None
                    }
                }
            }
            Event::End(TagEnd::Link) if dropping_link => {
                dropping_link = false;
                None
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            other => Some(other),
        };
        out_events.extend(kept);
    }
    let mut out = String::new();
    html::push_html(&mut out, out_events.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chapter_is_in_the_methods_and_rendered() {
        let text = include_str!("../../docs/methods.md").replace("\r\n", "\n");
        for title in CHAPTERS {
            let found = chapter(&text, title);
            assert!(found.starts_with(&format!("## {title}\n")), "no chapter {title:?}");
            assert!(!found[3..].contains("\n## "), "{title} runs into the next chapter");
        }
        let html = render_chapters(&text);
        assert_eq!(html.matches("<h3 id=\"methods-").count(), CHAPTERS.len(), "{html}");
    }

    #[test]
    fn links_stay_inside_and_html_is_text() {
        let html = render(
            "## Rate ratio\n\nSee [rate ratio](#rate-ratio), [elsewhere](#nowhere), [a site](https://example.org) \
             and <img src=x>.\n\n### Sub: part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h3 id=\"methods-rate-ratio\">Rate ratio</h3>"), "{html}");
        assert!(html.contains("<h4 id=\"methods-sub-part\">"), "{html}");
        assert!(html.contains("<a href=\"#methods-rate-ratio\">rate ratio</a>"), "{html}");
        assert!(html.contains(", elsewhere, a site and &lt;img src=x&gt;."), "{html}");
        assert!(html.contains("<table>") && !html.contains("https:"), "{html}");
    }
}
