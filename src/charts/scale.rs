//! Axis ticks, tick labels and text widths: plain arithmetic only (no `log10`/`powf`, which call
//! the platform's maths library natively and Rust's in wasm), so every chart gets the same ticks
//! and the same layout in the browser and on the command line.

use super::XAxis;

/// The width of one character as a share of the font size: a little wider than the average
/// glyph of the system fonts, so that labels laid out with it do not collide.
const CHAR_WIDTH_EM: f64 = 0.6;

/// The width in pixels that `text` is given at `px` pixels: a fixed per-character estimate, never
/// a measurement (measuring would depend on the fonts of the machine that draws).
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * CHAR_WIDTH_EM * px
}

/// The largest power of ten not above `value` (> 0), found by multiplying and dividing.
fn power_of_ten_below(value: f64) -> f64 {
    let mut power = 1.0;
    while power * 10.0 <= value {
        power *= 10.0;
    }
    while power > value {
        power /= 10.0;
    }
    power
}

/// The tick step for about `want` ticks over `span`: 1, 2 or 5 times a power of ten.
fn nice_step(span: f64, want: usize) -> f64 {
    let raw = span / want.max(1) as f64;
    let power = power_of_ten_below(raw);
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

/// Round tick values covering `[lo, hi]`: steps of 1, 2 or 5 times a power of ten.
pub fn nice_ticks(lo: f64, hi: f64, want: usize) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return vec![lo];
    }
    let step = nice_step(hi - lo, want);
    let first = (lo / step).ceil() * step;
    (0..).map(|k| first + k as f64 * step).take_while(|v| *v <= hi + step * 1e-9).collect()
}

/// Month ticks over `[lo, hi]` (month numbers `year * 12 + month0`), every 1, 2, 3, 6, 12 or 24
/// months, aligned to the calendar, at most `most` of them.
pub fn month_ticks(lo: f64, hi: f64, most: usize) -> Vec<f64> {
    let span = (hi - lo).max(1.0);
    let most = most.max(1) as f64;
    let every = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 60.0].into_iter().find(|e| span / e < most).unwrap_or(120.0);
    let first = (lo / every).ceil() * every;
    (0..).map(|k| first + k as f64 * every).take_while(|v| *v <= hi).collect()
}

/// "Jan 2019" for a month number.
pub fn month_label(month: i32) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {}", NAMES[month.rem_euclid(12) as usize], month.div_euclid(12))
}

/// A tick value with thousands separators and as many decimals as the tick step needs
/// (0, 0.2, 0.4 ...; 1,000, 2,000 ...).
pub fn number_label(value: f64, step: f64) -> String {
    let mut decimals = 0;
    let mut unit = 1.0;
    while decimals < 6 && step.is_finite() && step > 0.0 && step < unit * (1.0 - 1e-9) {
        decimals += 1;
        unit /= 10.0;
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), ""), |(w, f)| (w, f));
    let whole: u64 = whole.parse().unwrap_or(0);
    let sign = if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{}", crate::words::count(whole))
    } else {
        format!("{sign}{}.{fraction}", crate::words::count(whole))
    }
}

/// The ticks of an axis with their labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    pub labels: Vec<String>,
}

impl Ticks {
    /// Ticks for the x axis over `[lo, hi]` that fit in `room` pixels with labels of `px` pixels.
    pub fn x(axis: XAxis, lo: f64, hi: f64, room: f64, px: f64) -> Ticks {
        match axis {
            XAxis::Months => {
                let most = (room / (text_width("Mmm 2000", px) + 16.0)).floor().max(1.0) as usize;
                let values = month_ticks(lo, hi, most);
                let labels = values.iter().map(|v| month_label(*v as i32)).collect();
                Ticks { values, labels }
            }
            XAxis::Numbers => {
                let widest = text_width(&number_label(hi, 1.0), px).max(text_width(&number_label(lo, 1.0), px));
                let most = (room / (widest + 24.0)).floor().clamp(1.0, 8.0) as usize;
                Ticks::numbers(lo, hi, most)
            }
        }
    }

    /// Round numeric ticks over `[lo, hi]`, about `want` of them.
    pub fn numbers(lo: f64, hi: f64, want: usize) -> Ticks {
        let values = nice_ticks(lo, hi, want);
        let step = if values.len() > 1 { values[1] - values[0] } else { 1.0 };
        let labels = values.iter().map(|v| number_label(*v, step)).collect();
        Ticks { values, labels }
    }

    /// Round numeric ticks from `lo` up to the first tick at or above `hi`, about `want` of
    /// them, so that the axis ends on a labelled value.
    pub fn covering(lo: f64, hi: f64, want: usize) -> Ticks {
        if hi <= lo || !lo.is_finite() || !hi.is_finite() {
            return Ticks::numbers(lo, hi, want);
        }
        let step = nice_step(hi - lo, want);
        Ticks::numbers(lo, (hi / step).ceil() * step, want)
    }

    /// The widest label, in pixels at `px`.
    pub fn widest(&self, px: f64) -> f64 {
        self.labels.iter().map(|l| text_width(l, px)).fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 1000.0, 5), vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
        assert_eq!(nice_ticks(0.0, 1.0, 5).len(), 6);
        assert_eq!(nice_ticks(3.0, 3.0, 5), vec![3.0]);
        assert_eq!(power_of_ten_below(1000.0), 1000.0);
        assert_eq!(power_of_ten_below(0.05), 0.01);
        assert_eq!(Ticks::covering(0.0, 12_500.0, 5).values, vec![0.0, 5000.0, 10_000.0, 15_000.0]);
        assert_eq!(Ticks::covering(0.0, 1.0, 5).labels, vec!["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    }

    #[test]
    fn labels_read_as_people_write_them() {
        assert_eq!(month_label(2019 * 12), "Jan 2019");
        assert_eq!(month_label(2019 * 12 + 6), "Jul 2019");
        assert_eq!(number_label(12345.0, 1.0), "12,345");
        assert_eq!(number_label(1_000_000.0, 1000.0), "1,000,000");
        assert_eq!(number_label(0.6000000000000001, 0.2), "0.6");
        assert_eq!(number_label(0.25, 0.05), "0.25");
        assert_eq!(number_label(-1500.0, 500.0), "-1,500");
        assert_eq!(number_label(-0.0, 1.0), "0");
    }

    #[test]
    fn month_ticks_follow_the_calendar_and_fit_the_room() {
        let (lo, hi) = (f64::from(2016 * 12), f64::from(2021 * 12 + 11));
        let ticks = month_ticks(lo, hi, 9);
        assert_eq!(ticks.len(), 6);
        assert!(ticks.iter().all(|t| (*t as i32).rem_euclid(12) == 0));
        let narrow = Ticks::x(XAxis::Months, lo, hi, 200.0, 12.0);
        assert!(narrow.values.len() * (text_width("Jan 2019", 12.0) as usize) < 200);
        assert!(!narrow.values.is_empty());
    }
}
