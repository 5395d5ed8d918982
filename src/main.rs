//! The web app's entry point (wasm32 only; Trunk builds it). Natively this is an empty program
//! so that `cargo build` and `cargo test` never compile the web crates.

#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
fn main() {
    ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The web app builds for wasm32 with Trunk (see README.md); the command line tool is `ipvi`.");
}
