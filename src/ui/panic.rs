//! A Rust panic becomes a visible error banner instead of a blank or frozen page.
//!
//! The hook writes straight into the DOM (no reactivity: after a panic the app's state cannot
//! be trusted) and keeps the message short and actionable.

use wasm_bindgen::JsCast;

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&detail.clone().into());
        show_fatal_error(&detail);
    }));
}

fn show_fatal_error(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(banner) = document.get_element_by_id("fatal-error") else {
        return;
    };
    banner.set_inner_html("");
    let title = document.create_element("strong").expect("create element");
    title.set_text_content(Some("IPVI Workbench stopped because of an internal error. "));
    let advice = document.create_element("span").expect("create element");
    advice.set_text_content(Some(
        "Your data has not been sent anywhere. Reload the page to start again, and please report \
         the details below to the developers.",
    ));
    let pre = document.create_element("pre").expect("create element");
    pre.set_text_content(Some(detail));
    for child in [&title, &advice, &pre] {
        let _ = banner.append_child(child);
    }
    if let Ok(banner) = banner.dyn_into::<web_sys::HtmlElement>() {
        banner.set_hidden(false);
        let _ = banner.focus();
    }
}
