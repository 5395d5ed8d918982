//! The browser's side of files the user saves: downloads and chart images, made in the page
//! from bytes the engine wrote (nothing is uploaded anywhere).

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
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Draws the SVG on a canvas at twice its size and saves it as PNG (all in the browser).
pub fn save_png(name: String, svg_text: String, size: (f64, f64)) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&svg_text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(image) = web_sys::HtmlImageElement::new() else { return };
    let loaded = image.clone();
    let url_done = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").expect("canvas").unchecked_into();
        canvas.set_width((size.0 * 2.0) as u32);
        canvas.set_height((size.1 * 2.0) as u32);
        if let Ok(Some(context)) = canvas.get_context("2d") {
            let context: web_sys::CanvasRenderingContext2d = context.unchecked_into();
            let _ =
                context.draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, size.0 * 2.0, size.1 * 2.0);
            if let Ok(data_url) = canvas.to_data_url() {
                let a: web_sys::HtmlAnchorElement = document().create_element("a").expect("a").unchecked_into();
                a.set_href(&data_url);
                a.set_download(&name);
                a.click();
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url_done);
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
}
