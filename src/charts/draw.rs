//! The one drawing function: a `Chart` on any plotters backend, laid out with fixed sizes and the
//! fixed text estimate only (see `backend`), so that every backend gets the same picture.

use super::backend::{text_size, Dashed};
use super::scale::{text_width, Ticks};
use super::{Chart, ChartError, Series, XAxis};
use plotters::chart::{ChartBuilder, ChartContext};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::{cartesian::Cartesian2d, Shift};
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, EmptyElement, PathElement, Polygon, Rectangle, Text};
use plotters::series::LineSeries;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle, WHITE};
use plotters_backend::DrawingBackend;
use std::ops::Range;

/// The page's system font stack (style/main.css); no web fonts.
const FONT: &str = r#"system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif"#;
const LABEL_PX: f64 = 12.0;
const MARKER_PX: f64 = 11.0;
const INK: RGBColor = RGBColor(0x1d, 0x21, 0x27);
const MUTED: RGBColor = RGBColor(0x59, 0x61, 0x6d);
const GRID: RGBColor = RGBColor(0xe3, 0xe6, 0xea);
const SHADE: RGBColor = RGBColor(0xee, 0xf1, 0xf5);
/// Pixels: space above the plot, left of the y axis title, and under the x axis (tick labels
/// 10 px below the axis, then the axis title).
const TOP: u32 = 16;
const LEFT: u32 = 8;
const X_AREA: u32 = 46;
const TICK: i32 = 5;
/// The legend: 4 px under the x axis title, one row per 20 px, a 24 px line sample before each
/// label.
const LEGEND_GAP: u32 = 4;
const LEGEND_ROW: u32 = 20;
const SAMPLE: i32 = 24;

/// An axis with our own ticks and labels (plotters' f64 axis picks its own and would print
/// "2.4228e4" for a month).
#[derive(Clone)]
struct Axis {
    range: Range<f64>,
    ticks: Ticks,
}

impl Ranged for Axis {
    type ValueType = f64;
    type FormatOption = NoDefaultFormatting;
    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(self.range.clone()).map(value, limit)
    }
    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Grid lines at the labelled ticks only, none in between.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.values.clone()
        }
    }
    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format_ext(&self, value: &f64) -> String {
        let at = self.ticks.values.iter().position(|t| t == value);
        at.and_then(|i| self.ticks.labels.get(i)).cloned().unwrap_or_default()
    }
}

/// Where everything goes, from the chart and the size alone.
struct Layout {
    x: Axis,
    y: Axis,
    y_area: u32,
    right: u32,
    plot_height: u32,
    /// Each labelled series' legend entry: (index in `chart.series`, x, row).
    legend: Vec<(usize, i32, u32)>,
}

fn finite_points(series: &Series) -> impl Iterator<Item = (f64, f64)> + '_ {
    series.points.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite())
}

/// The data's extent in x (with the bands and the marker) and y (with the bands).
fn extent(chart: &Chart) -> ((f64, f64), (f64, f64)) {
    let grow = |(lo, hi): (f64, f64), v: f64| (lo.min(v), hi.max(v));
    let empty = (f64::INFINITY, f64::NEG_INFINITY);
    let xs = chart.series.iter().flat_map(|s| finite_points(s).map(|p| p.0).chain(s.band.iter().map(|b| b.0)));
    let xs = xs.chain(chart.marker.as_ref().map(|m| m.0));
    let (mut x0, mut x1) = xs.filter(|x| x.is_finite()).fold(empty, grow);
    let ys =
        chart.series.iter().flat_map(|s| finite_points(s).map(|p| p.1).chain(s.band.iter().flat_map(|b| [b.1, b.2])));
    let (mut y0, mut y1) = ys.filter(|y| y.is_finite()).fold(empty, grow);
    if x0 > x1 {
        (x0, x1) = (0.0, 1.0);
    }
    if y0 > y1 {
        (y0, y1) = (0.0, 1.0);
    }
    if chart.y_from_zero {
        y0 = y0.min(0.0);
    }
    if x1 <= x0 {
        x1 = x0 + 1.0;
    }
    if y1 <= y0 {
        y1 = y0 + 1.0;
    }
    ((x0, x1), (y0, y1))
}

impl Layout {
    fn new(chart: &Chart, width: u32, height: u32) -> Layout {
        let ((x0, x1), (y0, y1)) = extent(chart);
        let y_ticks = Ticks::covering(y0, y1, 5);
        let y1 = y1.max(y_ticks.values.last().copied().unwrap_or(y1));
        // The y axis title, a gap, the widest tick label, and the tick label's distance.
        let y_area = (LABEL_PX * 1.25 + 8.0 + y_ticks.widest(LABEL_PX) + 2.0 * TICK as f64).ceil() as u32;
        // Room for half of a tick label centred on the right end of the x axis.
        let last_label = match chart.x_axis {
            XAxis::Months => "Mmm 2000".to_string(),
            XAxis::Numbers => Ticks::numbers(x0, x1, 6).labels.last().cloned().unwrap_or_default(),
        };
        let right = (text_width(&last_label, LABEL_PX) / 2.0 + 4.0).ceil().max(20.0) as u32;
        let room = f64::from(width.saturating_sub(LEFT + y_area + right).max(40));
        let x = Axis { range: x0..x1, ticks: Ticks::x(chart.x_axis, x0, x1, room, LABEL_PX) };
        let (legend, rows) = legend_entries(chart, (LEFT + y_area) as i32, width.saturating_sub(right) as i32);
        let legend_height = if rows == 0 { 0 } else { LEGEND_GAP + rows * LEGEND_ROW + 6 };
        let plot_height = height.saturating_sub(legend_height).max(TOP + X_AREA + 20);
        Layout { x, y: Axis { range: y0..y1, ticks: y_ticks }, y_area, right, plot_height, legend }
    }
}

/// Legend entries left to right, wrapping onto a new row when the next one would not fit.
pub(super) fn legend_entries(chart: &Chart, left: i32, right: i32) -> (Vec<(usize, i32, u32)>, u32) {
    let mut entries = Vec::new();
    let (mut x, mut row) = (left, 0);
    for (i, series) in chart.series.iter().enumerate().filter(|(_, s)| !s.label.is_empty()) {
        let width = SAMPLE + 6 + text_width(&series.label, LABEL_PX).ceil() as i32;
        if x > left && x + width > right {
            (x, row) = (left, row + 1);
        }
        entries.push((i, x, row));
        x += width + 20;
    }
    let rows = entries.last().map_or(0, |e| e.2 + 1);
    (entries, rows)
}

/// `#rrggbb` as a colour.
fn color(hex: &str) -> Result<RGBColor, ChartError> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6 && d.is_ascii());
    let channel = |at: usize| digits.and_then(|d| u8::from_str_radix(&d[at..at + 2], 16).ok());
    match (channel(0), channel(2), channel(4)) {
        (Some(r), Some(g), Some(b)) => Ok(RGBColor(r, g, b)),
        _ => Err(ChartError(format!("the colour \"{hex}\" is not of the form #rrggbb"))),
    }
}

fn font(px: f64) -> TextStyle<'static> {
    TextStyle::from(FontDesc::new(FontFamily::Name(FONT), text_size(px), FontStyle::Normal)).color(&INK)
}

/// The points of a step function: each value holds until the next x.
fn steps(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push((p.0, points[i - 1].1));
        }
        out.push(*p);
    }
    out
}

type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Draws `chart` on `root` (white background, plot, legend under the plot). For the same bytes
/// on every backend, draw through `FixedText` (see `backend`).
pub fn draw<DB: DrawingBackend>(chart: &Chart, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
    let colors = chart.series.iter().map(|s| color(&s.color)).collect::<Result<Vec<_>, _>>()?;
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let layout = Layout::new(chart, width, height);
    let (upper, lower) = root.split_vertically(layout.plot_height);
    let mut plot = ChartBuilder::on(&upper)
        .margin_top(TOP)
        .margin_left(LEFT)
        .margin_right(layout.right)
        .x_label_area_size(X_AREA)
        .y_label_area_size(layout.y_area)
        .build_cartesian_2d(layout.x.clone(), layout.y.clone())?;
    let (y0, y1) = (layout.y.range.start, layout.y.range.end);
    if let Some((at, _)) = &chart.marker {
        plot.draw_series(std::iter::once(Rectangle::new([(*at, y0), (layout.x.range.end, y1)], SHADE.filled())))?;
    }
    plot.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .set_all_tick_mark_size(TICK)
        .label_style(font(LABEL_PX))
        .axis_desc_style(font(LABEL_PX))
        .x_desc(chart.x_title.as_str())
        .y_desc(chart.y_title.as_str())
        .draw()?;
    for (series, color) in chart.series.iter().zip(&colors) {
        draw_band(&mut plot, series, *color)?;
    }
    if let Some((at, _)) = &chart.marker {
        plot.draw_series(std::iter::once(Dashed::new(vec![(*at, y0), (*at, y1)], 5.0, 4.0, INK.stroke_width(1))))?;
    }
    for (series, color) in chart.series.iter().zip(&colors) {
        draw_series(&mut plot, series, *color)?;
    }
    if let Some((at, label)) = &chart.marker {
        draw_marker_label(&mut plot, *at, y1, label)?;
    }
    if chart.series.iter().all(|s| finite_points(s).next().is_none()) {
        let middle = ((layout.x.range.start + layout.x.range.end) / 2.0, (y0 + y1) / 2.0);
        let style = font(LABEL_PX).color(&MUTED).pos(Pos::new(HPos::Center, VPos::Center));
        plot.draw_series(std::iter::once(Text::new("No data to show", middle, style)))?;
    }
    draw_legend(&lower, chart, &colors, &layout.legend)?;
    root.present()?;
    Ok(())
}

/// A series' confidence band as a light fill (stepped for a step series).
fn draw_band<DB: DrawingBackend>(plot: &mut Plot<DB>, series: &Series, color: RGBColor) -> Result<(), ChartError> {
    let band: Vec<_> = series.band.iter().filter(|b| b.0.is_finite() && b.1.is_finite() && b.2.is_finite()).collect();
    if band.len() < 2 {
        return Ok(());
    }
    let side = |pick: fn(&(f64, f64, f64)) -> f64| {
        let points: Vec<(f64, f64)> = band.iter().map(|b| (b.0, pick(b))).collect();
        if series.step {
            steps(&points)
        } else {
            points
        }
    };
    let mut outline = side(|b| b.2);
    outline.extend(side(|b| b.1).into_iter().rev());
    plot.draw_series(std::iter::once(Polygon::new(outline, color.mix(0.18).filled())))?;
    Ok(())
}

fn line_style(color: RGBColor, width: u32) -> ShapeStyle {
    color.stroke_width(width)
}

/// A series as a line (solid or dashed, straight or stepped); a lone point as a dot.
fn draw_series<DB: DrawingBackend>(plot: &mut Plot<DB>, series: &Series, color: RGBColor) -> Result<(), ChartError> {
    let points: Vec<(f64, f64)> = finite_points(series).collect();
    if let [only] = points.as_slice() {
        plot.draw_series(std::iter::once(Circle::new(*only, 3, color.filled())))?;
        return Ok(());
    }
    let path = if series.step { steps(&points) } else { points };
    if let Some((dash, gap)) = series.dash.pattern() {
        plot.draw_series(std::iter::once(Dashed::new(path, dash, gap, line_style(color, 2))))?;
    } else {
        plot.draw_series(LineSeries::new(path, line_style(color, 2)))?;
    }
    Ok(())
}

/// Which side of the marker line its label goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Side {
    Left,
    Right,
}

/// The marker label's lines and side of the line: on one line right of it, else left of it,
/// else on two lines (broken before the date in brackets) right, then left; `room` is the
/// pixels free (left, right) of the line.
pub(super) fn marker_lines(label: &str, room: (f64, f64)) -> (Vec<String>, Side) {
    let one = vec![label.to_string()];
    let cut = label
        .find(" (")
        .or_else(|| label.char_indices().filter(|c| c.1 == ' ').map(|c| c.0).nth(label.matches(' ').count() / 2));
    let two = cut.map_or_else(|| one.clone(), |at| vec![label[..at].to_string(), label[at + 1..].to_string()]);
    let width = |lines: &[String]| lines.iter().map(|l| text_width(l, MARKER_PX) + 8.0).fold(0.0, f64::max);
    for lines in [&one, &two] {
        if width(lines) <= room.1 {
            return (lines.clone(), Side::Right);
        }
        if width(lines) <= room.0 {
            return (lines.clone(), Side::Left);
        }
    }
    (two, if room.1 >= room.0 { Side::Right } else { Side::Left })
}

/// The marker's label at the top of the plot beside the line (see `marker_lines`), on a light
/// backing so that it stays readable where a series passes under it.
fn draw_marker_label<DB: DrawingBackend>(
    plot: &mut Plot<DB>,
    at: f64,
    top: f64,
    label: &str,
) -> Result<(), ChartError> {
    let (x, _) = plot.backend_coord(&(at, top));
    let edges = plot.plotting_area().get_pixel_range().0;
    let (lines, side) = marker_lines(label, (f64::from(x - edges.start), f64::from(edges.end - x)));
    let line_height = (MARKER_PX * 1.3).round() as i32;
    let width = lines.iter().map(|l| text_width(l, MARKER_PX).ceil() as i32).max().unwrap_or(0);
    let bottom = 6 + line_height * lines.len() as i32;
    // Right of the line is the shaded period: a backing of the shade there, white on the left.
    let (dx, anchor, backing, fill) = match side {
        Side::Right => (5, HPos::Left, [(2, 2), (width + 8, bottom)], SHADE.mix(0.85)),
        Side::Left => (-5, HPos::Right, [(-width - 8, 2), (-2, bottom)], WHITE.mix(0.85)),
    };
    plot.draw_series(std::iter::once(EmptyElement::at((at, top)) + Rectangle::new(backing, fill.filled())))?;
    let style = font(MARKER_PX).pos(Pos::new(anchor, VPos::Top));
    for (i, line) in lines.iter().enumerate() {
        let offset = (dx, 4 + line_height * i as i32);
        plot.draw_series(std::iter::once(
            EmptyElement::at((at, top)) + Text::new(line.clone(), offset, style.clone()),
        ))?;
    }
    Ok(())
}

/// The legend under the plot: each series' line sample and label.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    colors: &[RGBColor],
    entries: &[(usize, i32, u32)],
) -> Result<(), ChartError> {
    let label_style = font(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Center));
    for &(i, x, row) in entries {
        let y = (LEGEND_GAP + row * LEGEND_ROW + LEGEND_ROW / 2) as i32;
        let sample = vec![(x, y), (x + SAMPLE, y)];
        if let Some((dash, gap)) = chart.series[i].dash.pattern() {
            area.draw(&Dashed::new(sample, dash, gap, line_style(colors[i], 3)))?;
        } else {
            area.draw(&PathElement::new(sample, line_style(colors[i], 3)))?;
        }
        area.draw(&Text::new(chart.series[i].label.as_str(), (x + SAMPLE + 6, y), label_style.clone()))?;
    }
    Ok(())
}
