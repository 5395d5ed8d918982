//! The web app: a thin Leptos face over the engine (wasm32 only).

mod app;
mod figure;
mod format;
mod io;
mod layout;
mod load;
mod pages;
mod panic;
mod project;
mod results_json;
mod state;
mod table;
mod timings;

use leptos::prelude::*;

/// Installs the panic banner, then mounts the app into `#app`.
pub fn start() {
    panic::install_hook();
    let root = document().get_element_by_id("app").expect("index.html has #app");
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    // The static "loading" text goes once the app takes over.
    root.set_inner_html("");
    leptos::mount::mount_to(root, app::App).forget();
}
