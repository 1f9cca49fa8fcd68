//! Throughput of the whole analysis on generated corpora of 250 to 2,000 articles built from
//! real TimeBank sentences, with peak heap use, and the cost of adding one article to 1,000
//! already analysed against analysing all 1,001 afresh. Run: `cargo bench --bench analyze`.
//! Under `cargo test` each benchmark runs once on 60 articles, to prove it still works.

#![allow(
    unsafe_code,
    reason = "a counting allocator must implement the unsafe GlobalAlloc trait"
)]
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossread::analysis::synth::{SynthConfig, generate_corpus, timeml_sentences};
use crossread::analysis::{Config, Corpus, Document, analyze};
use divan::counter::{BytesCount, ItemsCount};

/// Counts live heap bytes and their peak while [`COUNTING`] is on, so the benchmark can report
/// memory. The timed runs leave it off: two threads updating one shared counter on every
/// allocation would slow the analysis down and be timed with it.
struct PeakAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        // A block allocated before counting began may be freed while it runs: the live count
        // saturates at zero rather than wrapping.
        if COUNTING.load(Ordering::Relaxed) {
            let _ = LIVE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |live| {
                Some(live.saturating_sub(layout.size()))
            });
        }
    }
}

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Sentences from the TimeBank texts of the development corpus.
static POOL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/tempeval3/TimeBank");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|path| timeml_sentences(&std::fs::read_to_string(path).unwrap_or_default()))
        .collect()
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

/// True under `cargo bench`; `cargo test` runs each benchmark once, in a debug build.
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Corpus sizes for the whole analysis.
fn sizes() -> Vec<usize> {
    if benchmarking() {
        vec![250, 500, 1000, 2000]
    } else {
        vec![60]
    }
}

/// The size of the corpus one article is added to.
fn base_sizes() -> Vec<usize> {
    if benchmarking() { vec![1000] } else { vec![60] }
}

/// Checks what a user would miss: every article is a source, and events are shared.
fn check(analysis: &crossread::analysis::Analysis, n: usize) {
    assert_eq!(analysis.sources.len(), n);
    assert!(
        analysis.events.iter().any(|e| e.sources.len() > 2),
        "shared events must be found"
    );
}

fn main() {
    // The memory report only runs under `cargo bench`; `cargo test` runs each bench once, quickly.
    for n in sizes().into_iter().filter(|_| benchmarking()) {
        let docs = corpus(n);
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        LIVE.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        COUNTING.store(true, Ordering::Relaxed);
        let analysis = analyze(&docs, &Config::default());
        let peak = PEAK.load(Ordering::Relaxed);
        COUNTING.store(false, Ordering::Relaxed);
        println!(
            "{n} articles, {:.1} MB: {} events, peak heap {:.0} MB above the input",
            bytes as f64 / 1e6,
            analysis.events.len(),
            peak as f64 / 1e6
        );
    }
    divan::main();
}

/// Times the whole analysis of `docs`, counting its bytes and articles, and checks each result
/// with `check`.
fn bench_analysis(
    bencher: divan::Bencher,
    docs: &[Document],
    check: impl Fn(&crossread::analysis::Analysis) + Sync,
) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(docs.len()))
        .bench(|| {
            let analysis = analyze(divan::black_box(docs), &Config::default());
            check(&analysis);
            analysis
        });
}

#[divan::bench(args = sizes(), sample_count = 3)]
fn analyse_generated_corpus(bencher: divan::Bencher, n: usize) {
    bench_analysis(bencher, &corpus(n), |analysis| check(analysis, n));
}

/// The same corpus with every tenth article's date removed, as saved pages often come: each
/// undated article is dated from its links to the dated ones, which tries the days around their
/// dates against its relative expressions.
#[divan::bench(args = base_sizes(), sample_count = 3)]
fn analyse_with_undated_articles(bencher: divan::Bencher, n: usize) {
    let mut docs = corpus(n);
    for doc in docs.iter_mut().skip(3).step_by(10) {
        doc.published = None;
    }
    bench_analysis(bencher, &docs, |analysis| {
        check(analysis, n);
        assert!(
            analysis.sources.iter().any(|s| s.estimate.is_some()),
            "undated articles must be dated from the others"
        );
    });
}

/// One article dropped onto `n` already analysed: the per-document work of the new article,
/// then the cross-document steps over the kept work of all `n + 1`. The counters count the
/// whole corpus that comes out, so the figures compare with a full analysis of `n + 1`.
#[divan::bench(args = base_sizes(), sample_count = 5)]
fn add_one_article(bencher: divan::Bencher, n: usize) {
    let mut docs = corpus(n + 1);
    let Some(extra) = docs.pop() else {
        panic!("the generator gave no article")
    };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() + extra.text.len();
    let mut analysed = Corpus::new(Config::default());
    analysed.add_documents(docs);
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(n + 1))
        .with_inputs(|| (analysed.clone(), extra.clone()))
        .bench_local_values(|(mut corpus, extra)| {
            corpus.add_documents([extra]);
            let analysis = corpus.analysis();
            check(&analysis, n + 1);
            // Both are dropped outside the timing.
            (corpus, analysis)
        });
}

/// The same `n + 1` articles as [`add_one_article`] ends with, analysed from scratch.
#[divan::bench(args = base_sizes(), sample_count = 3)]
fn analyse_one_more_from_scratch(bencher: divan::Bencher, n: usize) {
    bench_analysis(bencher, &corpus(n + 1), |analysis| check(analysis, n + 1));
}
