//! The drawing backend every chart is drawn through, and the one element plotters lacks in a
//! form that is exact everywhere (dashes).
//!
//! Why a wrapper: plotters measures text with the browser's DOM on wasm32 and with a crude
//! estimate natively, so any layout that asked it would differ between the page and the command
//! line, and so would the SVG bytes. `FixedText` answers `estimate_text_size` with the fixed
//! per-character estimate of `scale::text_width`, and the chart's own layout uses only that
//! estimate (fixed label areas; a legend laid out by us, since plotters' series labels measure
//! through the font directly). It also gives the drawing a size in CSS pixels over a canvas whose
//! backing store is larger (device pixel ratio), and draws text at the same pixel size on every
//! backend (plotters' SVG backend writes `size / 1.24`, its canvas backend `size`).

use super::scale::text_width;
use plotters::element::{Drawable, PointCollection};
use plotters::style::ShapeStyle;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};
use std::cell::Cell;
use std::rc::Rc;

/// Plotters' text size for a font of `px` CSS pixels (its SVG backend writes `size / 1.24`).
pub fn text_size(px: f64) -> f64 {
    px * 1.24
}

/// How a backend turns plotters' text size into pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TextScale {
    /// The backend applies plotters' `size / 1.24` itself (SVG).
    AsPlotters,
    /// The backend draws `size` pixels (canvas): the wrapper divides by 1.24 first.
    Pixels,
}

/// A backend with a fixed logical size and deterministic text measurement (see the module note).
pub struct FixedText<DB> {
    inner: DB,
    size: (u32, u32),
    scale: TextScale,
    smallest_text: Rc<Cell<f64>>,
}

impl<DB: DrawingBackend> FixedText<DB> {
    /// `inner` drawn as a `size` (CSS pixels) drawing; the canvas transform maps it onto the
    /// backing store when that is larger.
    pub fn new(inner: DB, size: (u32, u32), scale: TextScale) -> FixedText<DB> {
        FixedText { inner, size, scale, smallest_text: Rc::new(Cell::new(f64::INFINITY)) }
    }

    /// The size in pixels of the drawing of the smallest text drawn so far (infinite before any),
    /// read after the drawing has taken the backend: the page checks that no chart text is too
    /// small to read on screen.
    pub fn smallest_text(&self) -> Rc<Cell<f64>> {
        self.smallest_text.clone()
    }
}

/// A text style with the pixel size the backend expects.
struct Scaled<'a, S> {
    inner: &'a S,
    size: f64,
}

impl<S: BackendTextStyle> BackendTextStyle for Scaled<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.inner.color()
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        self.inner.transform()
    }
    fn style(&self) -> FontStyle {
        self.inner.style()
    }
    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.inner.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.inner.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.inner.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.inner.draw(text, pos, draw)
    }
}

impl<DB: DrawingBackend> DrawingBackend for FixedText<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let px = style.size() / 1.24;
        self.smallest_text.set(self.smallest_text.get().min(px));
        let size = match self.scale {
            TextScale::AsPlotters => style.size(),
            TextScale::Pixels => px,
        };
        self.inner.draw_text(text, &Scaled { inner: style, size }, pos)
    }
    /// The fixed estimate, never the fonts of the machine (see the module note).
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let px = style.size() / 1.24;
        Ok((text_width(text, px).ceil() as u32, (px * 1.2).ceil() as u32))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// A dashed polyline in chart coordinates. Plotters' own dashed element measures segments with
/// `f32::hypot`, which is the platform's maths library natively and Rust's in wasm; this one uses
/// `f64::sqrt`, exact to the bit on both, so the SVG stays the same bytes.
pub struct Dashed<C> {
    points: Vec<C>,
    dash: f64,
    gap: f64,
    style: ShapeStyle,
}

impl<C> Dashed<C> {
    pub fn new(points: Vec<C>, dash: f64, gap: f64, style: ShapeStyle) -> Dashed<C> {
        Dashed { points, dash, gap, style }
    }
}

impl<'a, C: 'a> PointCollection<'a, C> for &'a Dashed<C> {
    type Point = &'a C;
    type IntoIter = &'a [C];
    fn point_iter(self) -> &'a [C] {
        &self.points
    }
}

/// The dashes of a polyline in pixels: each dash `dash` long, then a gap of `gap`.
pub fn dashes(points: &[BackendCoord], dash: f64, gap: f64) -> Vec<Vec<BackendCoord>> {
    let to_i = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    // At least a pixel each, so that the walk always moves on.
    let (dash, gap) = (dash.max(1.0), gap.max(1.0));
    let mut out = Vec::new();
    let (mut current, mut solid, mut left) = (Vec::new(), true, dash);
    for pair in points.windows(2) {
        let (mut from, to) =
            ((f64::from(pair[0].0), f64::from(pair[0].1)), (f64::from(pair[1].0), f64::from(pair[1].1)));
        if solid && current.is_empty() {
            current.push(to_i(from));
        }
        loop {
            let (dx, dy) = (to.0 - from.0, to.1 - from.1);
            let length = (dx * dx + dy * dy).sqrt();
            if length <= left {
                left -= length;
                if solid {
                    current.push(to_i(to));
                }
                break;
            }
            let t = left / length;
            from = (from.0 + dx * t, from.1 + dy * t);
            if solid {
                current.push(to_i(from));
                out.push(std::mem::take(&mut current));
            } else {
                current.push(to_i(from));
            }
            solid = !solid;
            left = if solid { dash } else { gap };
        }
    }
    if solid && current.len() > 1 {
        out.push(current);
    }
    out
}

impl<C, DB: DrawingBackend> Drawable<DB> for Dashed<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let points: Vec<BackendCoord> = points.collect();
        for dash in dashes(&points, self.dash, self.gap) {
            backend.draw_path(dash, &self.style)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw, Chart, Series, XAxis};
    use plotters::drawing::IntoDrawingArea;
    use plotters_svg::SVGBackend;

    #[test]
    fn the_smallest_text_drawn_is_recorded_and_at_least_11_pixels() {
        let line = Series::line("Calls, n = 12", "#b30000", vec![(0.0, 1.0), (10.0, 3.0)]);
        let chart = Chart {
            title: "Calls".into(),
            x_title: "Days".into(),
            y_title: "Calls".into(),
            x_axis: XAxis::Numbers,
            series: vec![line],
            marker: Some((5.0, "Intervention start".into())),
            y_from_zero: true,
        };
        // A phone's width: the page draws at the figure's CSS width.
        let (mut svg, size) = (String::new(), (300, 280));
        let backend = FixedText::new(SVGBackend::with_string(&mut svg, size), size, TextScale::AsPlotters);
        let smallest = backend.smallest_text();
        assert_eq!(smallest.get(), f64::INFINITY);
        draw(&chart, &backend.into_drawing_area()).unwrap();
        assert!(smallest.get().is_finite() && smallest.get() >= 11.0, "smallest text {} px", smallest.get());
    }

    #[test]
    fn a_straight_line_breaks_into_dashes_and_gaps() {
        let got = dashes(&[(0, 0), (0, 20)], 5.0, 4.0);
        assert_eq!(got, vec![vec![(0, 0), (0, 5)], vec![(0, 9), (0, 14)], vec![(0, 18), (0, 20)]]);
    }

    #[test]
    fn a_dash_follows_a_corner() {
        let got = dashes(&[(0, 0), (3, 0), (3, 10)], 5.0, 4.0);
        assert_eq!(got[0], vec![(0, 0), (3, 0), (3, 2)]);
        assert_eq!(got[1], vec![(3, 6), (3, 10)]);
        assert!(dashes(&[(1, 1)], 5.0, 4.0).is_empty());
    }
}
