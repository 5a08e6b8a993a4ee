//! The web entry point that Trunk builds: it only mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    danvan::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("danvan-web is the browser build; run `make run` to build and serve it");
}
