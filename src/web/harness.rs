//! The in-browser timing harness: runs the analysis stages on real inputs inside Chromium and
//! prints their throughput. Run it optimised, as the app ships:
//! `WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --release --target wasm32-unknown-unknown --lib harness -- --nocapture`
//! (the whole run takes about 30 s on an idle machine; the variable gives room under load). A
//! debug build, as `cargo test --target wasm32-unknown-unknown` makes, runs the generated-corpus
//! tests on 12 and 24 articles only. It asserts what the stages produce, never how long they
//! take.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use wasm_bindgen_test::*;

use crate::analysis::ingest::html::parse_html;
use crate::analysis::ingest::{IngestConfig, ingest_file};
use crate::analysis::synth::{SynthConfig, generate_corpus, timeml_sentences};
use crate::analysis::temporal::tag_timexes;
use crate::analysis::{Analysis, Config, Document, analyze};

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = include_str!("../../tests/data/html/ap-hosted/page.html");

const SEEDS: [&str; 5] = [
    include_str!("../../tests/data/seeds/000_2c93c9751dd572a9.txt"),
    include_str!("../../tests/data/seeds/001_1d7a7702461e28db.txt"),
    include_str!("../../tests/data/seeds/002_525ae5a469998585.txt"),
    include_str!("../../tests/data/seeds/003_30b58145e12fbd7b.txt"),
    include_str!("../../tests/data/seeds/004_3c97cdc25987cca6.txt"),
];

/// Includes the TimeBank files the native `analyze` benchmark reads, so the browser analyses the
/// very same generated corpora.
macro_rules! timebank {
    ($($file:literal),* $(,)?) => {
        [$(include_str!(concat!("../../../shared/corpora/tempeval3/TimeBank/", $file))),*]
    };
}

/// Every TimeBank file, in name order (the order the native benchmark sorts them in).
const TIMEBANK: [&str; 183] = timebank![
    "ABC19980108.1830.0711.tml",
    "ABC19980114.1830.0611.tml",
    "ABC19980120.1830.0957.tml",
    "ABC19980304.1830.1636.tml",
    "AP900815-0044.tml",
    "AP900816-0139.tml",
    "APW19980213.1310.tml",
    "APW19980213.1320.tml",
    "APW19980213.1380.tml",
    "APW19980219.0476.tml",
    "APW19980227.0468.tml",
    "APW19980227.0476.tml",
    "APW19980227.0487.tml",
    "APW19980227.0489.tml",
    "APW19980227.0494.tml",
    "APW19980301.0720.tml",
    "APW19980306.1001.tml",
    "APW19980308.0201.tml",
    "APW19980322.0749.tml",
    "APW19980418.0210.tml",
    "APW19980501.0480.tml",
    "APW19980626.0364.tml",
    "CNN19980126.1600.1104.tml",
    "CNN19980213.2130.0155.tml",
    "CNN19980222.1130.0084.tml",
    "CNN19980223.1130.0960.tml",
    "CNN19980227.2130.0067.tml",
    "NYT19980206.0460.tml",
    "NYT19980206.0466.tml",
    "NYT19980212.0019.tml",
    "NYT19980402.0453.tml",
    "NYT19980424.0421.tml",
    "PRI19980115.2000.0186.tml",
    "PRI19980121.2000.2591.tml",
    "PRI19980205.2000.1890.tml",
    "PRI19980205.2000.1998.tml",
    "PRI19980213.2000.0313.tml",
    "PRI19980216.2000.0170.tml",
    "PRI19980303.2000.2550.tml",
    "PRI19980306.2000.1675.tml",
    "SJMN91-06338157.tml",
    "VOA19980303.1600.0917.tml",
    "VOA19980303.1600.2745.tml",
    "VOA19980305.1800.2603.tml",
    "VOA19980331.1700.1533.tml",
    "VOA19980501.1800.0355.tml",
    "WSJ900813-0157.tml",
    "WSJ910225-0066.tml",
    "ea980120.1830.0071.tml",
    "ea980120.1830.0456.tml",
    "ed980111.1130.0089.tml",
    "wsj_0006.tml",
    "wsj_0026.tml",
    "wsj_0027.tml",
    "wsj_0032.tml",
    "wsj_0068.tml",
    "wsj_0073.tml",
    "wsj_0106.tml",
    "wsj_0122.tml",
    "wsj_0124.tml",
    "wsj_0127.tml",
    "wsj_0132.tml",
    "wsj_0135.tml",
    "wsj_0136.tml",
    "wsj_0144.tml",
    "wsj_0150.tml",
    "wsj_0151.tml",
    "wsj_0152.tml",
    "wsj_0157.tml",
    "wsj_0158.tml",
    "wsj_0159.tml",
    "wsj_0160.tml",
    "wsj_0161.tml",
    "wsj_0165.tml",
    "wsj_0167.tml",
    "wsj_0168.tml",
    "wsj_0169.tml",
    "wsj_0171.tml",
    "wsj_0172.tml",
    "wsj_0173.tml",
    "wsj_0175.tml",
    "wsj_0176.tml",
    "wsj_0184.tml",
    "wsj_0187.tml",
    "wsj_0189.tml",
    "wsj_0263.tml",
    "wsj_0266.tml",
    "wsj_0292.tml",
    "wsj_0313.tml",
    "wsj_0316.tml",
    "wsj_0321.tml",
    "wsj_0324.tml",
    "wsj_0325.tml",
    "wsj_0329.tml",
    "wsj_0332.tml",
    "wsj_0340.tml",
    "wsj_0344.tml",
    "wsj_0346.tml",
    "wsj_0348.tml",
    "wsj_0356.tml",
    "wsj_0376.tml",
    "wsj_0471.tml",
    "wsj_0505.tml",
    "wsj_0520.tml",
    "wsj_0527.tml",
    "wsj_0533.tml",
    "wsj_0534.tml",
    "wsj_0541.tml",
    "wsj_0542.tml",
    "wsj_0551.tml",
    "wsj_0555.tml",
    "wsj_0557.tml",
    "wsj_0558.tml",
    "wsj_0568.tml",
    "wsj_0570.tml",
    "wsj_0575.tml",
    "wsj_0583.tml",
    "wsj_0584.tml",
    "wsj_0585.tml",
    "wsj_0586.tml",
    "wsj_0610.tml",
    "wsj_0612.tml",
    "wsj_0637.tml",
    "wsj_0650.tml",
    "wsj_0660.tml",
    "wsj_0661.tml",
    "wsj_0662.tml",
    "wsj_0667.tml",
    "wsj_0670.tml",
    "wsj_0674.tml",
    "wsj_0675.tml",
    "wsj_0679.tml",
    "wsj_0685.tml",
    "wsj_0695.tml",
    "wsj_0706.tml",
    "wsj_0709.tml",
    "wsj_0713.tml",
    "wsj_0736.tml",
    "wsj_0745.tml",
    "wsj_0751.tml",
    "wsj_0752.tml",
    "wsj_0760.tml",
    "wsj_0762.tml",
    "wsj_0768.tml",
    "wsj_0778.tml",
    "wsj_0781.tml",
    "wsj_0786.tml",
    "wsj_0791.tml",
    "wsj_0798.tml",
    "wsj_0805.tml",
    "wsj_0806.tml",
    "wsj_0810.tml",
    "wsj_0811.tml",
    "wsj_0815.tml",
    "wsj_0816.tml",
    "wsj_0904.tml",
    "wsj_0906.tml",
    "wsj_0907.tml",
    "wsj_0918.tml",
    "wsj_0923.tml",
    "wsj_0924.tml",
    "wsj_0927.tml",
    "wsj_0928.tml",
    "wsj_0938.tml",
    "wsj_0950.tml",
    "wsj_0973.tml",
    "wsj_0981.tml",
    "wsj_0991.tml",
    "wsj_1003.tml",
    "wsj_1006.tml",
    "wsj_1008.tml",
    "wsj_1011.tml",
    "wsj_1013.tml",
    "wsj_1014.tml",
    "wsj_1025.tml",
    "wsj_1031.tml",
    "wsj_1033.tml",
    "wsj_1035.tml",
    "wsj_1038.tml",
    "wsj_1039.tml",
    "wsj_1040.tml",
    "wsj_1042.tml",
    "wsj_1073.tml",
];

/// Runs `work` `rounds` times over `bytes` bytes of input and prints MB/s.
fn report(what: &str, bytes: usize, rounds: usize, mut work: impl FnMut()) {
    // Each round is timed on its own: the first runs partly in the browser's baseline code, so
    // the steady rate is the median of the rounds after it.
    // A debug build only proves the work runs.
    let rounds = if cfg!(debug_assertions) { 3 } else { rounds };
    let mut times: Vec<f64> = (0..rounds.max(2))
        .map(|_| {
            let start = super::now_ms();
            work();
            super::now_ms() - start
        })
        .collect();
    let first = times[0];
    let total: f64 = times.iter().sum();
    let rest = &mut times[1..];
    rest.sort_by(f64::total_cmp);
    let median = rest[rest.len() / 2].max(0.001);
    let rate = |ms: f64, n: usize| (bytes * n) as f64 / 1e6 / (ms.max(0.001) / 1000.0);
    console_log!(
        "{what}: {:.2} MB/s steady (median of {} rounds of {bytes} bytes after a first of {first:.1} ms), {:.2} MB/s over all {} rounds",
        rate(median, 1),
        rest.len(),
        rate(total, times.len()),
        times.len()
    );
}

#[wasm_bindgen_test]
fn html_extraction_throughput() {
    report("HTML extraction", PAGE.len(), 60, || {
        let (doc, _) = parse_html("page.html", PAGE);
        assert!(doc.title.is_some() && doc.text.len() > 1000);
    });
}

#[wasm_bindgen_test]
fn temporal_tagging_throughput() {
    // Eight copies of the seeds' text, so that one round lasts a few milliseconds: the browser's
    // clock ticks in tenths of one.
    let text: String = SEEDS.join("\n\n").repeat(8);
    let dct = jiff::civil::Date::constant(2018, 7, 20);
    report("temporal tagging", text.len(), 60, || {
        assert!(tag_timexes(&text, Some(dct)).len() > 20);
    });
}

#[wasm_bindgen_test]
fn seed_analysis_throughput() {
    let bytes: usize = SEEDS.iter().map(|t| t.len()).sum();
    report("whole analysis of the five seeds", bytes, 30, || {
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

/// Counts live heap bytes and their peak, as the native `analyze` benchmark does, so that the
/// two report the same measure. It serves only this test binary.
struct PeakAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

#[allow(
    unsafe_code,
    reason = "a counting allocator must implement the unsafe GlobalAlloc trait"
)]
unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the layout is passed on unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// The corpus size to run: `n` in an optimised build, 12 articles in a debug one.
fn sized(n: usize) -> usize {
    if cfg!(debug_assertions) { 12 } else { n }
}

/// Lets the browser run its pending tasks (the test runner's own polling among them) before a
/// long stretch of work, so that the stretches of several tests never add up to one.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How many analyses of a generated corpus follow its first one. The first analysis in a fresh
/// page runs partly in the browser's baseline code, before its optimising compiler has reached
/// the hot functions, so it is reported apart; the median of the analyses after it is the
/// steady state, the figure to set beside the native benchmark.
const STEADY_RUNS: usize = 3;

/// `n` articles generated from the TimeBank sentences as the native benchmark generates them.
fn generated(n: usize) -> Vec<Document> {
    let pool: Vec<String> = TIMEBANK.iter().flat_map(|x| timeml_sentences(x)).collect();
    generate_corpus(
        &pool,
        &SynthConfig {
            articles: n,
            ..SynthConfig::default()
        },
    )
}

/// Analyses `docs` and returns the analysis with the milliseconds it took.
fn timed_analysis(docs: &[Document]) -> (Analysis, f64) {
    let start = super::now_ms();
    let analysis = analyze(docs, &Config::default());
    (analysis, super::now_ms() - start)
}

/// The median of some timings, in milliseconds.
fn median(mut ms: Vec<f64>) -> f64 {
    ms.sort_by(f64::total_cmp);
    ms.get(ms.len() / 2).copied().unwrap_or(0.0)
}

/// Generates `n` articles, analyses them, checks the result and prints the time of each step,
/// the first analysis apart from the steady state, articles/s and MB/s, and peak heap.
async fn generated_corpus_throughput(n: usize) {
    let n = sized(n);
    let start = super::now_ms();
    let docs = generated(n);
    let generated_ms = super::now_ms() - start;
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let (analysis, first) = timed_analysis(&docs);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(analysis.sources.len(), n);
    assert!(
        analysis.events.iter().any(|e| e.sources.len() > 2),
        "shared events must be found"
    );
    let events = analysis.events.len();
    drop(analysis);
    let mut runs = Vec::with_capacity(STEADY_RUNS);
    for _ in 0..STEADY_RUNS {
        yield_to_browser().await;
        let (again, ms) = timed_analysis(&docs);
        assert_eq!(
            again.events.len(),
            events,
            "the same corpus gives the same events"
        );
        runs.push(ms);
    }
    let steady = median(runs);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let seconds = (steady / 1000.0).max(0.001);
    console_log!(
        "{n} generated articles ({:.2} MB): generated in {generated_ms:.0} ms, analysed in {first:.0} ms the first time and {steady:.0} ms after (median of {STEADY_RUNS}): {:.0} articles/s, {:.2} MB/s; {events} events; peak heap {:.0} MB above the input",
        bytes as f64 / 1e6,
        n as f64 / seconds,
        bytes as f64 / 1e6 / seconds,
        peak as f64 / 1e6
    );
}

/// The growth of analysis time from 1,000 to 2,000 articles, in one page: each corpus is
/// analysed once first, then the two alternate, so that a drift in the machine's speed falls on
/// both alike, and the medians are compared.
#[wasm_bindgen_test]
async fn generated_corpus_growth() {
    let small = generated(sized(1000));
    let large = generated(2 * sized(1000));
    let (a, _) = timed_analysis(&small);
    let (b, _) = timed_analysis(&large);
    assert!(
        a.sources.len() * 2 == b.sources.len() && b.events.len() > a.events.len(),
        "twice the articles must give more events"
    );
    drop((a, b));
    let (mut small_ms, mut large_ms) = (Vec::new(), Vec::new());
    for _ in 0..STEADY_RUNS {
        yield_to_browser().await;
        small_ms.push(timed_analysis(&small).1);
        yield_to_browser().await;
        large_ms.push(timed_analysis(&large).1);
    }
    let (small_median, large_median) = (median(small_ms), median(large_ms));
    console_log!(
        "growth from {} to {} generated articles: {:.2}x ({small_median:.0} ms, then {large_median:.0} ms; medians of {STEADY_RUNS} alternating analyses after a first one of each)",
        small.len(),
        large.len(),
        large_median / small_median.max(0.001)
    );
}

#[wasm_bindgen_test]
async fn generated_corpus_0250_throughput() {
    yield_to_browser().await;
    generated_corpus_throughput(250).await;
}

#[wasm_bindgen_test]
async fn generated_corpus_0500_throughput() {
    yield_to_browser().await;
    generated_corpus_throughput(500).await;
}

#[wasm_bindgen_test]
async fn generated_corpus_1000_throughput() {
    yield_to_browser().await;
    generated_corpus_throughput(1000).await;
}

#[wasm_bindgen_test]
async fn generated_corpus_2000_throughput() {
    yield_to_browser().await;
    generated_corpus_throughput(2000).await;
}
