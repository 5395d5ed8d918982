//! A chart on the page, with its SVG and PNG exports.

use crate::ui::io::{download, save_png};
use ipvi::charts::{svg, Chart};
use leptos::prelude::*;

/// The chart width and height in SVG units (it scales to the page).
const SIZE: (f64, f64) = (820.0, 380.0);

/// A chart with its SVG and PNG exports.
#[component]
pub fn Figure(chart: Chart, name: String) -> impl IntoView {
    let text = svg(&chart, SIZE.0, SIZE.1);
    let (for_svg, for_png) = (text.clone(), text.clone());
    let (svg_name, png_name) = (format!("{name}.svg"), format!("{name}.png"));
    view! {
        <figure class="chart" data-chart=name.clone()>
            <div class="chart-svg" inner_html=text></div>
            <div class="actions">
                <button type="button" class="button small" on:click=move |_| download(&svg_name, "image/svg+xml", for_svg.as_bytes())>"Save chart as SVG"</button>
                <button type="button" class="button small" on:click=move |_| save_png(png_name.clone(), for_png.clone(), SIZE)>"Save chart as PNG"</button>
            </div>
        </figure>
    }
}
