//! Plain words for numbers, the first layer of every finding (docs/methods.md#two-layers-of-wording):
//! "about 1 in 6", "fell by about 19%". The technical layer (estimates with their 95% CIs and the
//! tests) is worded beside each analysis.

use crate::stats::logrank::LogRank;
use crate::stats::Estimate;
use crate::words::p_value;

/// A share of a group as people say it: "about 1 in 6 notified people (16%)", "about 7 in 10
/// notified people (68%)", "none of the notified people (0%)".
pub fn share_of(share: f64, who: &str) -> String {
    let percent = format!("{:.0}%", share * 100.0);
    if share <= 0.0 {
        let of = if who.starts_with("of ") { "" } else { "of the " };
        format!("none {of}{who} ({percent})")
    } else if share >= 1.0 {
        format!("all {who} ({percent})")
    } else if share < 0.3 {
        format!("about 1 in {} {who} ({percent})", (1.0 / share).round() as u64)
    } else {
        match ((share * 10.0).round() as u64).clamp(3, 9) {
            5 if who.starts_with("of ") => format!("about half {who} ({percent})"),
            5 => format!("about half of the {who} ({percent})"),
            tenths => format!("about {tenths} in 10 {who} ({percent})"),
        }
    }
}

/// A ratio after/before in plain words: "fell by about 19%", "rose by about 5%", or "changed
/// little (+2%, a change that chance alone could give)" when the 95% CI includes no change.
pub fn change_plain(ratio: &Estimate) -> String {
    let percent = (ratio.value - 1.0) * 100.0;
    if ratio.high < 1.0 {
        format!("fell by about {:.0}%", -percent)
    } else if ratio.low > 1.0 {
        format!("rose by about {percent:.0}%")
    } else {
        format!("changed little ({percent:+.0}%, a change that chance alone could give)")
    }
}

/// A sentence put after a colon: its first letter in lower case, unless the first word is an
/// abbreviation ("IPV").
pub fn after_colon(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(sentence[first.len_utf8()..].chars()).collect()
        }
        _ => sentence.to_string(),
    }
}

/// An estimate with its interval: "0.81 (95% CI 0.79-0.83)".
pub fn estimate_ci(e: &Estimate, decimals: usize) -> String {
    format!("{:.d$} (95% CI {:.d$} to {:.d$})", e.value, e.low, e.high, d = decimals)
}

/// A share with its Wilson interval: "16.2% (95% CI 14.0-18.5%)".
pub fn share_ci(e: &Estimate) -> String {
    crate::words::share_with_ci(e)
}

/// The technical line of a log-rank test.
pub fn log_rank_technical(between: &str, test: &Option<LogRank>) -> String {
    match test {
        Some(t) => format!(
            "Log-rank test {between}: chi-square {:.1} on {} degree{} of freedom, p {}.",
            t.chi_square,
            t.df,
            if t.df == 1 { "" } else { "s" },
            p_value(t.p_value)
        ),
        None => format!("Log-rank test {between}: not testable (fewer than two groups with people)."),
    }
}

/// The plain reading of a log-rank test under its chart.
pub fn log_rank_plain(groups: &str, test: &Option<LogRank>) -> String {
    match test {
        Some(t) if t.p_value < 0.05 => format!(
            "The curves of {groups} differ by more than chance alone would explain (log-rank test, p {}).",
            p_value(t.p_value)
        ),
        Some(t) => format!(
            "The curves of {groups} do not differ by more than chance could give (log-rank test, p {}).",
            p_value(t.p_value)
        ),
        None => format!("The curves of {groups} cannot be compared: fewer than two groups have people."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_after_a_colon_starts_in_lower_case_unless_an_abbreviation() {
        assert_eq!(after_colon("The same estimate."), "the same estimate.");
        assert_eq!(after_colon("IPV calls fell."), "IPV calls fell.");
        assert_eq!(after_colon(""), "");
    }

    #[test]
    fn shares_read_as_one_in_n_or_n_in_ten() {
        let who = "notified people";
        assert_eq!(share_of(0.162, who), "about 1 in 6 notified people (16%)");
        assert_eq!(share_of(0.68, who), "about 7 in 10 notified people (68%)");
        assert_eq!(share_of(0.46, who), "about half of the notified people (46%)");
        assert_eq!(share_of(0.46, "of their victim-survivors"), "about half of their victim-survivors (46%)");
        assert_eq!(share_of(0.0, who), "none of the notified people (0%)");
        assert_eq!(share_of(0.999, who), "about 9 in 10 notified people (100%)");
        assert_eq!(share_of(1.0, who), "all notified people (100%)");
        assert_eq!(share_of(0.0, "of the 3 people"), "none of the 3 people (0%)");
    }

    #[test]
    fn a_change_is_plain_and_says_when_chance_could_give_it() {
        let e = |value, low, high| Estimate { value, low, high };
        assert_eq!(change_plain(&e(0.81, 0.79, 0.83)), "fell by about 19%");
        assert_eq!(change_plain(&e(1.05, 1.02, 1.09)), "rose by about 5%");
        assert_eq!(change_plain(&e(1.02, 0.97, 1.08)), "changed little (+2%, a change that chance alone could give)");
        assert_eq!(estimate_ci(&e(0.81, 0.79, 0.83), 2), "0.81 (95% CI 0.79 to 0.83)");
    }
}
