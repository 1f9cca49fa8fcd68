//! Crossread: read one news story across many sources.
//!
//! The crate has three rooms, and dependencies point one way (`ui -> analysis`, `ui -> web`):
//! - [`analysis`]: pure text-in, values-out analysis. It never touches the browser, the clock or I/O.
//! - `web` (wasm32 only): browser glue for files, drag and drop, downloads and today's date.
//! - `ui` (wasm32 only): leptos components that render what `analysis` computed.
//!
//! See `src/ARCHITECTURE.md` for the flow of a dropped file to a timeline entry.

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        reason = "a failed unwrap in a test is a failed test"
    )
)]

pub mod analysis;

#[cfg(target_arch = "wasm32")]
mod ui;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
pub use ui::mount_app;
#[cfg(target_arch = "wasm32")]
pub use worker::run_worker;
