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

/// `n` articles that each quote one 190-word remark with about one word in nine changed
/// at random (a fixed linear congruential sequence): every pair of quotes shares shingles, none
/// repeats another, so grouping meets its worst case of near matches.
fn retold_remark(n: usize) -> Vec<SourceAnalysis> {
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let remark: Vec<usize> = (0..190).map(|_| next() % 5000).collect();
    let mut text = String::from(" date 2020-01-01\n");
    for i in 0..n {
        if i > 0 {
            text.push_str("\n|||||\n");
        }
        let words: Vec<String> = remark
            .iter()
            .map(|&w| {
                let w = if next() % 100 < 11 { next() % 5000 } else { w };
                format!("w{w}")
            })
            .collect();
        text.push_str(&format!("Mr John Smith said: \"{}.\"\n", words.join(" ")));
    }
    let documents = ingest_file("retold.txt", text.as_bytes(), &IngestConfig::default()).documents;
    assert_eq!(documents.len(), n);
    analyze(&documents, &Config::default()).sources
}

#[divan::bench(args = [250, 500, 1000], sample_count = 5)]
fn quotes_of_one_retold_remark(bencher: divan::Bencher, n: usize) {
    let sources = retold_remark(n);
    let entities = extract_entities(&sources);
    bencher.counter(BytesCount::new(bytes(&sources))).bench(|| {
        let quotes = extract_quotes(divan::black_box(&sources), &entities);
        assert!(quotes.len() < n, "near matches group");
    });
}
