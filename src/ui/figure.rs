//! A chart on the page: the engine's drawing function on a `<canvas>` (plotters-canvas), as wide
//! as the figure and sharp at the screen's pixel density, with its words for screen readers,
//! and its SVG and PNG exports.

use crate::ui::io::{download, save_png};
use crate::ui::layout::watch_size;
use ipvi::charts::{describe, draw, svg, Chart, ChartError, FixedText, TextScale, EXPORT_SIZE};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::drawing::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Draws `chart` on `canvas` as a drawing of `size` CSS pixels on a backing store `scale` times
/// larger each way (the device pixel ratio on screen, 2 for the PNG export). Gives the size of
/// its smallest text in pixels of the drawing.
pub fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    chart: &Chart,
    size: (u32, u32),
    scale: f64,
) -> Result<f64, ChartError> {
    let no_canvas = || ChartError("this browser gave no 2D drawing surface".into());
    canvas.set_width((f64::from(size.0) * scale).round() as u32);
    canvas.set_height((f64::from(size.1) * scale).round() as u32);
    // Resizing reset the context; its transform maps CSS pixels onto the backing store.
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().ok_or_else(no_canvas)?.unchecked_into();
    context.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).map_err(|_| no_canvas())?;
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(no_canvas)?;
    let backend = FixedText::new(backend, size, TextScale::Pixels);
    let smallest_text = backend.smallest_text();
    draw(chart, &backend.into_drawing_area())?;
    Ok(smallest_text.get())
}

/// The chart's height for a width: the export's proportions, within readable limits.
fn height_for(width: u32) -> u32 {
    let proportional = f64::from(width) * f64::from(EXPORT_SIZE.1) / f64::from(EXPORT_SIZE.0);
    proportional.round().clamp(280.0, f64::from(EXPORT_SIZE.1)) as u32
}

/// Draws the chart at the canvas's CSS width, on a backing store of that width times the device
/// pixel ratio, so that text keeps its size in CSS pixels. A canvas with no width yet (in a closed
/// `<details>`) is drawn when it gets one. The smallest text as shown, in CSS pixels (its size in
/// the drawing times the canvas's CSS width over its backing store's width, times the scale), is
/// kept in `data-smallest-text-px` for the browser tests.
fn paint_on_screen(canvas: &web_sys::HtmlCanvasElement, chart: &Chart) -> Result<(), ChartError> {
    let width = match canvas.client_width() {
        w if w > 0 => w as u32,
        _ => return Ok(()),
    };
    let height = height_for(width);
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", &format!("{height}px"));
    let scale = window().device_pixel_ratio().max(1.0);
    let smallest = paint(canvas, chart, (width, height), scale)?;
    let shown = smallest * scale * f64::from(canvas.client_width()) / f64::from(canvas.width().max(1));
    let _ = canvas.set_attribute("data-smallest-text-px", &format!("{shown:.2}"));
    Ok(())
}

/// A chart with its description and its SVG and PNG exports.
#[component]
pub fn Figure(chart: Chart, name: String) -> impl IntoView {
    let chart = Arc::new(chart);
    let canvas_ref = NodeRef::<Canvas>::new();
    let failure = RwSignal::new(None::<String>);
    let redraw = {
        let chart = chart.clone();
        move || {
            if let Some(canvas) = canvas_ref.get_untracked() {
                failure.set(paint_on_screen(&canvas, &chart).err().map(|e| e.to_string()));
            }
        }
    };
    // Drawn once on the page, then again at each new width or pixel ratio (window resized or
    // zoomed, a <details> opened); not when only the height changed, which drawing sets.
    let drawn_at = StoredValue::new((0, 0.0));
    watch_size(canvas_ref, move |canvas| {
        let at = (canvas.client_width(), window().device_pixel_ratio());
        if at != drawn_at.get_value() {
            drawn_at.set_value(at);
            redraw();
        }
    });
    let description_id = format!("{name}-chart-description");
    let (for_svg, for_png) = (chart.clone(), chart.clone());
    let (svg_name, png_name) = (format!("{name}.svg"), format!("{name}.png"));
    view! {
        <figure class="chart" data-chart=name.clone()>
            <canvas node_ref=canvas_ref class="chart-canvas" role="img" aria-label=chart.title.clone() aria-describedby=description_id.clone()></canvas>
            <figcaption class="visually-hidden" id=description_id>{describe(&chart)}</figcaption>
            {move || failure.get().map(|why| view! { <p class="field-error">{why}</p> })}
            <div class="actions">
                <button type="button" class="button small" on:click=move |_| {
                    let text = svg(&for_svg, f64::from(EXPORT_SIZE.0), f64::from(EXPORT_SIZE.1));
                    download(&svg_name, "image/svg+xml", text.as_bytes())
                }>"Save chart as SVG"</button>
                <button type="button" class="button small" on:click=move |_| {
                    if let Err(why) = save_png(&png_name, &for_png, EXPORT_SIZE) {
                        failure.set(Some(why.to_string()));
                    }
                }>"Save chart as PNG"</button>
            </div>
        </figure>
    }
}
