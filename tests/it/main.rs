//! Integration tests: features as a user sees them, over the fixture files in tests/data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap in a test is a failed test"
)]

mod cli;
mod export;
mod formats;
mod hostile;
mod html;
mod ingest;
mod schema;
mod temporal;
mod timeline;
mod xref;

use std::path::{Path, PathBuf};

/// The folder of checked-in fixtures.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The five seed articles as (file name, bytes), in name order.
pub fn seed_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(data_dir().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
