//! Charts: the engine describes each chart as data (`Chart`), and one drawing function, written
//! against plotters' backend trait, draws it on any backend: SVG text here (the SVG export, the
//! command line, the tests) and a `<canvas>` in the web app (on screen and the PNG export).
//! Line and step series, confidence bands, a marked date (the intervention start, dashed and
//! labelled) with the period after it lightly shaded, axis titles with units, and a legend.
//! The SVG is the same bytes natively and in the browser: see `backend` for how text is
//! measured, and docs/architecture.md.

mod backend;
mod draw;
mod scale;

pub use backend::{FixedText, TextScale};
pub use draw::draw;

use plotters::drawing::IntoDrawingArea;
use plotters_svg::SVGBackend;

/// The size of an exported chart in SVG units (it scales); PNG exports are twice this. The
/// page and `ipvi outcomes --tables` export at this size, so their SVG files are the same bytes.
pub const EXPORT_SIZE: (u32, u32) = (820, 380);

/// How the x values read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum XAxis {
    /// x is a month number (`year * 12 + month0`): ticks read "Jan 2019".
    Months,
    /// x is a plain number (days of follow-up, ...).
    Numbers,
}

/// How a series' line is drawn, so that series differ by more than colour (the survival curves
/// of levels D, C, B and A are told apart in grey print and by colour-blind readers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dash {
    #[default]
    Solid,
    /// Dashes of 6 pixels, gaps of 4.
    Dashed,
    /// Dashes of 14 pixels, gaps of 5.
    LongDashed,
    /// Dots of 2 pixels, gaps of 3.
    Dotted,
}

impl Dash {
    /// (dash, gap) in pixels; none for a solid line.
    pub fn pattern(self) -> Option<(f64, f64)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((6.0, 4.0)),
            Dash::LongDashed => Some((14.0, 5.0)),
            Dash::Dotted => Some((2.0, 3.0)),
        }
    }

    /// The line in words ("dashed"), for the chart's description.
    pub fn word(self) -> Option<&'static str> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some("dashed"),
            Dash::LongDashed => Some("long-dashed"),
            Dash::Dotted => Some("dotted"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Shown in the legend; carries the group size where there is one ("Level B, n = 412").
    pub label: String,
    /// `#rrggbb`.
    pub color: String,
    pub points: Vec<(f64, f64)>,
    /// Drawn as a step function (survival curves).
    pub step: bool,
    pub dash: Dash,
    /// A confidence band: (x, low, high).
    pub band: Vec<(f64, f64, f64)>,
}

impl Series {
    pub fn line(label: impl Into<String>, color: &str, points: Vec<(f64, f64)>) -> Series {
        Series { label: label.into(), color: color.into(), points, step: false, dash: Dash::Solid, band: Vec::new() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Said to screen readers (`<title>`, the canvas's label).
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

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "The chart could not be drawn: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: plotters::drawing::DrawingAreaErrorKind<E>) -> ChartError {
        ChartError(error.to_string())
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart as a standalone SVG document of the given size in pixels (it scales), drawn by
/// `draw` through plotters' SVG backend. A chart that cannot be drawn gives an SVG that says why.
pub fn svg(chart: &Chart, width: f64, height: f64) -> String {
    let size = (width.round().clamp(1.0, 10_000.0) as u32, height.round().clamp(1.0, 10_000.0) as u32);
    let mut body = String::new();
    let drawn = {
        let backend = FixedText::new(SVGBackend::with_string(&mut body, size), size, TextScale::AsPlotters);
        draw(chart, &backend.into_drawing_area())
    };
    // Plotters writes a bare root element; ours carries the accessible title.
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">"#,
        w = size.0,
        h = size.1
    );
    out.push_str(&format!("\n<title>{}</title>\n", escape(&chart.title)));
    match drawn {
        Ok(()) => out.push_str(body.split_once('\n').map_or("</svg>\n", |(_, rest)| rest)),
        Err(why) => out.push_str(&format!(
            "<rect width=\"{}\" height=\"{}\" fill=\"#FFFFFF\"/>\n<text x=\"16\" y=\"32\" font-family=\"sans-serif\" font-size=\"14\">{}</text>\n</svg>\n",
            size.0,
            size.1,
            escape(&why.to_string())
        )),
    }
    out
}

/// The chart in words, for screen readers and for anyone who cannot see the picture: the axes,
/// each series (and how it is drawn) and the marked date.
pub fn describe(chart: &Chart) -> String {
    let mut text = format!("Horizontal axis: {}. Vertical axis: {}.", chart.x_title, chart.y_title);
    let lines: Vec<String> = chart
        .series
        .iter()
        .filter(|s| !s.label.is_empty())
        .map(|s| {
            let how = match (s.dash.word(), s.step, s.band.is_empty()) {
                (Some(dash), true, false) => format!(" ({dash} steps, with its 95% confidence band)"),
                (Some(dash), true, true) => format!(" ({dash} steps)"),
                (Some(dash), false, _) => format!(" ({dash} line)"),
                (None, true, false) => " (steps, with its 95% confidence band)".into(),
                (None, true, true) => " (steps)".into(),
                (None, false, false) => " (with its 95% confidence band)".into(),
                (None, false, true) => String::new(),
            };
            format!("{}{how}", s.label)
        })
        .collect();
    if !lines.is_empty() {
        text.push_str(&format!(" Legend: {}.", lines.join("; ")));
    }
    if let Some((_, label)) = &chart.marker {
        text.push_str(&format!(
            " A dashed vertical line marks the {}; the period after it is shaded.",
            lower_first(label)
        ));
    }
    text
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| c.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests;
