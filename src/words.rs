//! Numbers as people read them, the same on every face: thousands separators, percentages with
//! one decimal, shares with their 95% confidence interval.

use crate::stats::Estimate;
use std::borrow::Cow;
use std::fmt::Write;

/// The most characters of a file's text (a cell, a header, a name) one message quotes.
pub const QUOTE_LIMIT: usize = 200;

/// `12,345`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as `15.3%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A share with its interval: `15.3% (95% CI 12.0-18.9%)`.
pub fn share_with_ci(share: &Estimate) -> String {
    format!("{:.1}% (95% CI {:.1}-{:.1}%)", share.value * 100.0, share.low * 100.0, share.high * 100.0)
}

/// A p-value as reported: `< 0.001` or `= 0.042`.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("= {p:.3}")
    }
}

/// The escape a message shows for a character that must not reach a terminal or a page raw:
/// control characters (terminal escape sequences start with `\x1b`), and the invisible ones
/// that reorder or hide text (bidirectional overrides, zero-width spaces, line separators).
fn escape(c: char) -> Option<String> {
    match c {
        '\n' => Some("\\n".into()),
        '\r' => Some("\\r".into()),
        '\t' => Some("\\t".into()),
        c if c.is_control() => Some(format!("\\x{:02x}", u32::from(c))),
        '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => {
            Some(format!("\\u{{{:x}}}", u32::from(c)))
        }
        _ => None,
    }
}

/// Text from a file as a message quotes it: every character that could act on a terminal shown
/// as an escape (`\x1b`, `\n`, `\u{202e}`), and at most [`QUOTE_LIMIT`] characters, cut with "…".
pub fn quoted_text(text: &str) -> Cow<'_, str> {
    let long = text.chars().nth(QUOTE_LIMIT).is_some();
    if !long && !text.chars().any(|c| escape(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4 * QUOTE_LIMIT) + 3);
    for c in text.chars().take(QUOTE_LIMIT) {
        match escape(c) {
            Some(shown) => out.push_str(&shown),
            None => out.push(c),
        }
    }
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

/// A message or report made safe to print on a terminal: line ends and tabs kept, every other
/// character [`quoted_text`] would escape escaped, nothing cut (the parts quoting a file were
/// cut already).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && escape(c).is_some();
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match escape(c).filter(|_| unsafe_char(c)) {
            Some(shown) => out.push_str(&shown),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A list of texts from a file (such as its headers), each quoted, at most `most` of them, then
/// how many more: `a, b, c and 9,997 more`.
pub fn quoted_list(items: &[String], most: usize) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().take(most).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&quoted_text(item));
    }
    if items.len() > most {
        let _ = write!(out, " and {} more", count((items.len() - most) as u64));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_file_text_cannot_act_on_a_terminal_and_is_bounded() {
        assert_eq!(quoted_text("Fecha"), "Fecha");
        assert_eq!(quoted_text("a\u{1b}[2Jb\r\n\u{0}"), "a\\x1b[2Jb\\r\\n\\x00");
        assert_eq!(quoted_text("x\u{202e}y\u{9b}"), "x\\u{202e}y\\x9b");
        let long = "é".repeat(10_000);
        let shown = quoted_text(&long);
        assert_eq!(shown.chars().count(), QUOTE_LIMIT + 1);
        assert!(shown.ends_with("é…"));
        assert_eq!(terminal_safe("line 1\n\tline 2\u{1b}]0;x\u{7}"), "line 1\n\tline 2\\x1b]0;x\\x07");
        let headers: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
        assert_eq!(quoted_list(&headers, 3), "c0, c1, c2 and 9,997 more");
        assert_eq!(quoted_list(&headers[..2], 3), "c0, c1");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(percent(0.1534), "15.3%");
        assert_eq!(share_with_ci(&Estimate { value: 0.153, low: 0.12, high: 0.189 }), "15.3% (95% CI 12.0-18.9%)");
        assert_eq!(p_value(0.0004), "< 0.001");
        assert_eq!(p_value(0.0421), "= 0.042");
    }
}
