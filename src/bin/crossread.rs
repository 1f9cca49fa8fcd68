//! The native command-line interface over the same analysis as the app.
fn main() {}
