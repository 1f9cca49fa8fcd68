//! How fast the timeline's views answer on a generated corpus of 1,000 articles built from real
//! TimeBank sentences: building the event index, filtering (as on each keystroke), and the axis,
//! bands, coverage and key dates over every event. Run: `cargo bench --bench views`.

use std::sync::LazyLock;

use crossread::analysis::synth::{SynthConfig, generate_corpus};
use crossread::analysis::views::{
    EventIndex, FilterSpec, date_bands, key_dates, source_coverage, time_axis,
};
use crossread::analysis::{Analysis, Config, EventId, analyze, sentences::split_sentences};
use divan::counter::ItemsCount;

/// The number of generated articles.
const ARTICLES: usize = 1000;

/// Sentences from the TimeBank texts of the development corpus.
fn pool() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/tempeval3/TimeBank");
    let tag = regex::Regex::new(r"<[^>]*>").unwrap_or_else(|e| panic!("{e}"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut pool = Vec::new();
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
}

/// The analysis of the generated corpus, computed once for every benchmark.
static ANALYSIS: LazyLock<Analysis> = LazyLock::new(|| {
    let docs = generate_corpus(
        &pool(),
        &SynthConfig {
            articles: ARTICLES,
            ..SynthConfig::default()
        },
    );
    analyze(&docs, &Config::default())
});

/// The index of [`ANALYSIS`], built once for the filter benchmarks.
static INDEX: LazyLock<EventIndex> = LazyLock::new(|| EventIndex::new(&ANALYSIS));

fn all_events() -> Vec<EventId> {
    ANALYSIS.events.iter().map(|e| e.id).collect()
}

fn main() {
    let analysis = &*ANALYSIS;
    println!(
        "{} articles: {} events, {} entities",
        analysis.sources.len(),
        analysis.events.len(),
        analysis.entities.len()
    );
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn build_event_index(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS;
    bencher
        .counter(ItemsCount::new(analysis.events.len()))
        .bench(|| {
            let index = EventIndex::new(divan::black_box(analysis));
            let facets = index.entity_facets(analysis);
            assert!(facets.iter().any(|f| f.events > 1), "entities name events");
            index
        });
}

/// A reader's filters: free text, a date range, the busiest entity and the first source, alone
/// and combined.
#[divan::bench(args = ["text", "dates", "entity", "source", "combined"], sample_count = 50)]
fn filter_events(bencher: divan::Bencher, kind: &str) {
    let analysis = &*ANALYSIS;
    let index = &*INDEX;
    let busiest = index
        .entity_facets(analysis)
        .first()
        .map(|f| f.name.clone())
        .unwrap_or_default();
    let source = index
        .source_facets(analysis)
        .first()
        .map(|f| f.key.clone())
        .unwrap_or_default();
    let spec = match kind {
        "text" => FilterSpec::from_fragment("#q=the%20said"),
        "dates" => FilterSpec::from_fragment("#from=2018-03&to=2018-05"),
        "entity" => FilterSpec {
            entities: vec![busiest],
            ..FilterSpec::default()
        },
        "source" => FilterSpec {
            sources: vec![source],
            ..FilterSpec::default()
        },
        _ => FilterSpec {
            text: "said".to_string(),
            entities: vec![busiest],
            from: Some("2018".to_string()),
            ..FilterSpec::default()
        },
    };
    let total = analysis.events.len();
    bencher.counter(ItemsCount::new(total)).bench(|| {
        let kept = index.filter_events(divan::black_box(analysis), &spec);
        assert!(
            !kept.is_empty() && kept.len() < total,
            "{kind}: {}",
            kept.len()
        );
        kept
    });
}

#[divan::bench(sample_count = 20)]
fn lay_out_time_axis(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS;
    let events = all_events();
    bencher.counter(ItemsCount::new(events.len())).bench(|| {
        let axis = time_axis(divan::black_box(analysis), &events, None, 200);
        assert!(axis.lanes.len() > ARTICLES / 2 && !axis.ticks.is_empty());
        axis
    });
}

#[divan::bench(sample_count = 20)]
fn band_dates(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS;
    let events = all_events();
    bencher.counter(ItemsCount::new(events.len())).bench(|| {
        let bands = date_bands(divan::black_box(analysis), &events);
        assert!(bands.len() > 10 && bands.len() < events.len());
        bands
    });
}

#[divan::bench(sample_count = 20)]
fn cover_sources(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS;
    bencher
        .counter(ItemsCount::new(analysis.events.len()))
        .bench(|| {
            let coverage = source_coverage(divan::black_box(analysis));
            assert_eq!(coverage.rows.len(), analysis.sources.len());
            coverage
        });
}

#[divan::bench(sample_count = 20)]
fn rank_key_dates(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS;
    bencher
        .counter(ItemsCount::new(analysis.events.len()))
        .bench(|| {
            let top = key_dates(divan::black_box(analysis), 10);
            assert!(top.first().is_some_and(|k| k.independent_sources > 2));
            top
        });
}
