//! Numbers as people read them, the same on every face: thousands separators, percentages with
//! one decimal, shares with their 95% confidence interval.

use crate::stats::Estimate;

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

#[cfg(test)]
mod tests {
    use super::*;

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
