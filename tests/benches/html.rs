//! Throughput of the HTML reader on the benchmark pages, in bytes of HTML per second.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap in a bench is a failed bench"
)]

use std::io::Read;
use std::path::Path;

use crossread::analysis::ingest::html::parse_html;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// The decompressed benchmark pages, in name order.
fn pages() -> Vec<(String, String)> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/article-extraction/html");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .map(|p| {
            let mut html = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap())
                .read_to_string(&mut html)
                .unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), html)
        })
        .collect()
}

#[divan::bench(sample_count = 10)]
fn parse_all_pages(bencher: divan::Bencher) {
    let pages = pages();
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (name, html) in &pages {
            let (doc, _) = parse_html(name, divan::black_box(html));
            assert!(!doc.text.is_empty(), "{name} gave no text");
        }
    });
}
