//! The analysis worker's entry point, which Trunk builds as a Web Worker beside the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    crossread::run_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("crossread-worker runs inside the browser app; use the `crossread` CLI natively.");
    std::process::exit(2);
}
