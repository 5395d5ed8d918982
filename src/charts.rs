//! Charts as SVG text: crisp at any screen density, the same bytes in the browser and natively,
//! and exported as they are shown. Line and step series, confidence bands, a marked date (the
//! intervention start, dashed and labelled) with the period after it lightly shaded, axis titles
//! with units, and a legend.

use std::fmt::Write;

/// How the x values read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum XAxis {
    /// x is a month number (`year * 12 + month0`): ticks read "Jan 2019".
    Months,
    /// x is a plain number (days of follow-up, ...).
    Numbers,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: String,
    pub points: Vec<(f64, f64)>,
    /// Drawn as a step function (survival curves).
    pub step: bool,
    pub dashed: bool,
    /// A confidence band: (x, low, high).
    pub band: Vec<(f64, f64, f64)>,
}

impl Series {
    pub fn line(label: impl Into<String>, color: &str, points: Vec<(f64, f64)>) -> Series {
        Series { label: label.into(), color: color.into(), points, step: false, dashed: false, band: Vec::new() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Said to screen readers (`<title>`).
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub x_axis: XAxis,
    pub series: Vec<Series>,
    /// A vertical dashed line with its label; what lies right of it is shaded.
    pub marker: Option<(f64, String)>,
    /// The y axis starts at zero unless the data go below it.
    pub y_from_zero: bool,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Round tick values covering `[lo, hi]`: steps of 1, 2 or 5 times a power of ten.
pub fn nice_ticks(lo: f64, hi: f64, want: usize) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return vec![lo];
    }
    let raw = (hi - lo) / want.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power);
    let first = (lo / step).ceil() * step;
    (0..).map(|k| first + k as f64 * step).take_while(|v| *v <= hi + step * 1e-9).collect()
}

fn month_label(month: i32) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {}", NAMES[month.rem_euclid(12) as usize], month.div_euclid(12))
}

fn number_label(v: f64) -> String {
    if v.fract().abs() < 1e-9 {
        let n = v.round() as i64;
        let digits = n.abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 {
            format!("-{out}")
        } else {
            out
        }
    } else {
        format!("{v:.2}")
    }
}

/// The chart as a standalone SVG document of the given size (user units; it scales).
pub fn svg(chart: &Chart, width: f64, height: f64) -> String {
    let (left, right, top, bottom) = (70.0, 20.0, 16.0, 74.0);
    let xs = chart.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).chain(chart.marker.as_ref().map(|m| m.0));
    let (mut x0, mut x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let ys = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1).chain(s.band.iter().flat_map(|b| [b.1, b.2])))
        .filter(|y| y.is_finite());
    let (mut y0, mut y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if x0 > x1 {
        (x0, x1) = (0.0, 1.0);
    }
    if y0 > y1 {
        (y0, y1) = (0.0, 1.0);
    }
    if chart.y_from_zero {
        y0 = y0.min(0.0);
    }
    if x1 == x0 {
        x1 = x0 + 1.0;
    }
    if y1 == y0 {
        y1 = y0 + 1.0;
    }
    let y_ticks = nice_ticks(y0, y1, 5);
    y1 = y1.max(*y_ticks.last().unwrap_or(&y1));
    let (pw, ph) = (width - left - right, height - top - bottom);
    let px = |x: f64| left + (x - x0) / (x1 - x0) * pw;
    let py = |y: f64| top + (1.0 - (y - y0) / (y1 - y0)) * ph;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="system-ui, sans-serif" font-size="12" role="img"><title>{}</title><rect width="{width}" height="{height}" fill="#ffffff"/>"##,
        escape(&chart.title)
    );
    if let Some((mx, label)) = &chart.marker {
        let x = px(*mx);
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{top}" width="{:.1}" height="{ph}" fill="#eef1f5"/><line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="#1d2127" stroke-dasharray="5 4"/><text x="{:.1}" y="{:.1}" font-size="11">{}</text>"##,
            left + pw - x,
            top + ph,
            x + 4.0,
            top + 12.0,
            escape(label)
        );
    }
    for t in &y_ticks {
        let y = py(*t);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e3e6ea"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            left + pw,
            left - 6.0,
            y + 4.0,
            number_label(*t)
        );
    }
    let x_ticks: Vec<f64> = match chart.x_axis {
        XAxis::Months => {
            let span = (x1 - x0).max(1.0);
            let every = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0].into_iter().find(|e| span / e <= 8.0).unwrap_or(24.0);
            let first = (x0 / every).ceil() * every;
            (0..).map(|k| first + k as f64 * every).take_while(|v| *v <= x1).collect()
        }
        XAxis::Numbers => nice_ticks(x0, x1, 6),
    };
    for t in &x_ticks {
        let x = px(*t);
        let label = match chart.x_axis {
            XAxis::Months => month_label(*t as i32),
            XAxis::Numbers => number_label(*t),
        };
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#59616d"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            top + ph,
            top + ph + 5.0,
            top + ph + 18.0,
            escape(&label)
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#59616d"/><line x1="{left}" y1="{top}" x2="{left}" y2="{:.1}" stroke="#59616d"/>"##,
        top + ph,
        left + pw,
        top + ph,
        top + ph
    );
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"##,
        left + pw / 2.0,
        top + ph + 36.0,
        escape(&chart.x_title),
        top + ph / 2.0,
        escape(&chart.y_title)
    );
    for series in &chart.series {
        if !series.band.is_empty() {
            let mut path = String::new();
            let upper: Vec<(f64, f64)> = series.band.iter().filter(|b| b.2.is_finite()).map(|b| (b.0, b.2)).collect();
            let lower: Vec<(f64, f64)> = series.band.iter().filter(|b| b.1.is_finite()).map(|b| (b.0, b.1)).collect();
            for (k, (x, y)) in upper.iter().chain(lower.iter().rev()).enumerate() {
                let _ = write!(path, "{}{:.1} {:.1} ", if k == 0 { "M" } else { "L" }, px(*x), py(*y));
            }
            let _ = write!(s, r##"<path d="{path}Z" fill="{}" fill-opacity="0.18" stroke="none"/>"##, series.color);
        }
        let mut path = String::new();
        let mut last_y: Option<f64> = None;
        for (k, (x, y)) in series.points.iter().enumerate() {
            if series.step {
                if let Some(prev) = last_y {
                    let _ = write!(path, "L{:.1} {:.1} ", px(*x), py(prev));
                }
            }
            let _ = write!(path, "{}{:.1} {:.1} ", if k == 0 { "M" } else { "L" }, px(*x), py(*y));
            last_y = Some(*y);
        }
        let dash = if series.dashed { r#" stroke-dasharray="6 4""# } else { "" };
        let _ = write!(s, r##"<path d="{path}" fill="none" stroke="{}" stroke-width="2"{dash}/>"##, series.color);
    }
    // The legend, under the axis title.
    let mut lx = left;
    let ly = height - 14.0;
    for series in &chart.series {
        let dash = if series.dashed { r#" stroke-dasharray="6 4""# } else { "" };
        let _ = write!(
            s,
            r##"<line x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="3"{dash}/><text x="{:.1}" y="{ly:.1}">{}</text>"##,
            ly - 4.0,
            lx + 22.0,
            ly - 4.0,
            series.color,
            lx + 27.0,
            escape(&series.label)
        );
        lx += 40.0 + 6.5 * series.label.chars().count() as f64;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(month_label(2019 * 12), "Jan 2019");
        assert_eq!(number_label(12345.0), "12,345");
    }

    #[test]
    fn a_chart_has_its_titles_marker_legend_and_escaped_text() {
        let chart = Chart {
            title: "IPV calls <per> month".into(),
            x_title: "Month".into(),
            y_title: "IPV calls per month".into(),
            x_axis: XAxis::Months,
            series: vec![Series::line("Calls & more", "#b30000", vec![(24228.0, 10.0), (24240.0, 20.0)])],
            marker: Some((24234.0, "Intervention start (1 Jul 2019)".into())),
            y_from_zero: true,
        };
        let svg = svg(&chart, 800.0, 400.0);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("<title>IPV calls &lt;per&gt; month</title>"));
        assert!(svg.contains(">IPV calls per month</text>") && svg.contains(">Month</text>"));
        assert!(svg.contains("Intervention start (1 Jul 2019)") && svg.contains("stroke-dasharray=\"5 4\""));
        assert!(svg.contains(">Calls &amp; more</text>") && svg.contains(">Jan 2019</text>"));
        assert!(svg.ends_with("</svg>"));
    }
}
