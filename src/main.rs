//! The browser app's entry point: install the panic hook and mount the app. Nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    crossread::mount_app();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "crossread-app runs in the browser: serve it with `cargo start`, or use the `crossread` CLI."
    );
    std::process::exit(2);
}
