//! The in-browser timing harness: runs the analysis stages on real inputs inside Chromium and
//! prints their throughput. Run it optimised, as the app ships:
//! `cargo test --release --target wasm32-unknown-unknown --lib harness -- --nocapture`.
//! It asserts what the stages produce, never how long they take.

use wasm_bindgen_test::*;

use crate::analysis::ingest::html::parse_html;
use crate::analysis::ingest::{IngestConfig, ingest_file};
use crate::analysis::temporal::tag_timexes;
use crate::analysis::{Config, analyze};

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = include_str!("../../tests/data/html/ap-hosted/page.html");

const SEEDS: [&str; 5] = [
    include_str!("../../tests/data/seeds/000_2c93c9751dd572a9.txt"),
    include_str!("../../tests/data/seeds/001_1d7a7702461e28db.txt"),
    include_str!("../../tests/data/seeds/002_525ae5a469998585.txt"),
    include_str!("../../tests/data/seeds/003_30b58145e12fbd7b.txt"),
    include_str!("../../tests/data/seeds/004_3c97cdc25987cca6.txt"),
];

/// Runs `work` `rounds` times over `bytes` bytes of input and prints MB/s.
fn report(what: &str, bytes: usize, rounds: usize, mut work: impl FnMut()) {
    let start = super::now_ms();
    for _ in 0..rounds {
        work();
    }
    let seconds = (super::now_ms() - start).max(0.001) / 1000.0;
    let mb = (bytes * rounds) as f64 / 1e6;
    console_log!(
        "{what}: {:.2} MB/s ({rounds} rounds of {bytes} bytes in {seconds:.3} s)",
        mb / seconds
    );
}

#[wasm_bindgen_test]
fn html_extraction_throughput() {
    report("HTML extraction", PAGE.len(), 20, || {
        let (doc, _) = parse_html("page.html", PAGE);
        assert!(doc.title.is_some() && doc.text.len() > 1000);
    });
}

#[wasm_bindgen_test]
fn temporal_tagging_throughput() {
    let text: String = SEEDS.join("\n\n");
    let dct = jiff::civil::Date::constant(2018, 7, 20);
    report("temporal tagging", text.len(), 50, || {
        assert!(tag_timexes(&text, Some(dct)).len() > 20);
    });
}

#[wasm_bindgen_test]
fn seed_analysis_throughput() {
    let bytes: usize = SEEDS.iter().map(|t| t.len()).sum();
    report("whole analysis of the five seeds", bytes, 10, || {
        let docs: Vec<_> = SEEDS
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                ingest_file(&format!("{i}.txt"), t.as_bytes(), &IngestConfig::default()).documents
            })
            .collect();
        assert!(
            analyze(&docs, &Config::default())
                .events
                .iter()
                .any(|e| e.sources.len() == 5)
        );
    });
}
