//! Throughput of the whole analysis on generated corpora of 250 to 2,000 articles built from
//! real TimeBank sentences, with peak heap use. Run: `cargo bench --bench analyze`.

#![allow(
    unsafe_code,
    reason = "a counting allocator must implement the unsafe GlobalAlloc trait"
)]
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crossread::analysis::synth::{SynthConfig, generate_corpus};
use crossread::analysis::{Config, Document, analyze, sentences::split_sentences};
use divan::counter::BytesCount;

/// Counts live heap bytes and their peak, so the benchmark can report memory.
struct PeakAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Sentences from the TimeBank texts of the development corpus.
static POOL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/tempeval3/TimeBank");
    let tag = regex::Regex::new(r"<[^>]*>").unwrap_or_else(|e| panic!("{e}"));
    let mut pool = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let xml = std::fs::read_to_string(&path).unwrap_or_default();
        let body = xml
            .split("<TEXT>")
            .nth(1)
            .and_then(|t| t.split("</TEXT>").next())
            .unwrap_or("");
        let text = tag.replace_all(body, "");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        pool.extend(
            split_sentences(&text, &[])
                .into_iter()
                .map(|s| s.slice(&text).to_string()),
        );
    }
    pool
});

fn corpus(n: usize) -> Vec<Document> {
    generate_corpus(
        &POOL,
        &SynthConfig {
            articles: n,
            ..SynthConfig::default()
        },
    )
}

fn main() {
    // The memory report only runs under `cargo bench`; `cargo test` runs each bench once, quickly.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    for n in [250, 500, 1000, 2000].into_iter().filter(|_| benchmarking) {
        let docs = corpus(n);
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        let before = LIVE.load(Ordering::Relaxed);
        let analysis = analyze(&docs, &Config::default());
        let peak = PEAK.load(Ordering::Relaxed) - before;
        println!(
            "{n} articles, {:.1} MB: {} events, peak heap {:.0} MB above the input",
            bytes as f64 / 1e6,
            analysis.events.len(),
            peak as f64 / 1e6
        );
    }
    divan::main();
}

#[divan::bench(args = [250, 500, 1000, 2000], sample_count = 3)]
fn analyse_generated_corpus(bencher: divan::Bencher, n: usize) {
    let docs = corpus(n);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let analysis = analyze(divan::black_box(&docs), &Config::default());
        assert_eq!(analysis.sources.len(), n);
        assert!(
            analysis.events.iter().any(|e| e.sources.len() > 2),
            "shared events must be found"
        );
        analysis
    });
}
