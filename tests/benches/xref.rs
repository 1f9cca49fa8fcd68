//! Throughput of entity and quote extraction over forty copies of the five seeds (about 500 KB).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap in a benchmark is a broken fixture"
)]

use std::path::Path;

use crossread::analysis::entities::extract_entities;
use crossread::analysis::ingest::{IngestConfig, ingest_file};
use crossread::analysis::quotes::extract_quotes;
use crossread::analysis::{Config, SourceAnalysis, analyze};
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// The seeds, each copied `copies` times under a distinct file name, analysed once.
fn sources(copies: usize) -> Vec<SourceAnalysis> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut documents = Vec::new();
    for c in 0..copies {
        for path in &names {
            let bytes = std::fs::read(path).unwrap();
            let name = format!("{c}-{}", path.file_name().unwrap().to_string_lossy());
            documents.extend(ingest_file(&name, &bytes, &IngestConfig::default()).documents);
        }
    }
    analyze(&documents, &Config::default()).sources
}

fn bytes(sources: &[SourceAnalysis]) -> usize {
    sources.iter().map(|s| s.document.text.len()).sum()
}

#[divan::bench(sample_count = 20)]
fn entities(bencher: divan::Bencher) {
    let sources = sources(40);
    bencher.counter(BytesCount::new(bytes(&sources))).bench(|| {
        let entities = extract_entities(divan::black_box(&sources));
        assert!(entities.iter().any(|e| e.name == "Sarah Huckabee Sanders"));
    });
}

#[divan::bench(sample_count = 20)]
fn quotes(bencher: divan::Bencher) {
    let sources = sources(40);
    let entities = extract_entities(&sources);
    bencher.counter(BytesCount::new(bytes(&sources))).bench(|| {
        let quotes = extract_quotes(divan::black_box(&sources), &entities);
        assert!(
            quotes
                .iter()
                .any(|q| q.text.contains("going to be special"))
        );
    });
}
