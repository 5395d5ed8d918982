//! Numbers as people read them: thousands separators, megabytes, percentages.

/// `12,345` (the engine's wording, so the pages and the CLI write numbers alike).
pub fn count(n: usize) -> String {
    ipvi::words::count(n as u64)
}

/// `48.2 MB` (or KB for small files).
pub fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// `15.3%` of a whole; `0.0%` of nothing.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}
