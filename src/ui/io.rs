//! The browser's side of files: files the user picks or drops, and files the user saves
//! (downloads and chart images made in the page from what the engine wrote). Nothing is
//! uploaded anywhere.

use crate::ui::figure::paint;
use ipvi::charts::{Chart, ChartError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Saves bytes as a file through the browser (nothing leaves the computer).
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The browser reads the blob after the click returns: revoking its URL at once can lose the
    // download (it did when files were saved in quick succession), so let it go a minute later.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(60));
}

/// Draws the chart on an offscreen canvas at twice `size` (the same drawing function as on
/// screen, no SVG decoding) and saves it as PNG, all in the browser.
pub fn save_png(name: &str, chart: &Chart, size: (u32, u32)) -> Result<(), ChartError> {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|_| ChartError("the page could not make a drawing surface".into()))?
        .unchecked_into();
    paint(&canvas, chart, size, 2.0)?;
    let data_url = canvas.to_data_url().map_err(|_| ChartError("the browser could not encode the PNG".into()))?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| ChartError("the page could not start the download".into()))?
        .unchecked_into();
    a.set_href(&data_url);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Files chosen in an `<input type=file>` or dropped on the page.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A small file's text (a criteria or reading-rules file); `None` if the browser cannot read it.
pub async fn file_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?.as_string()
}

/// A small file's bytes (a comparison file, decoded by the engine); `None` if the browser cannot
/// read it.
pub async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
