//! Throughput of the temporal tagger on news text, at two lengths so that linear growth shows.

use crossread::analysis::temporal::tag_timexes;
use divan::counter::BytesCount;
use jiff::civil::Date;

fn main() {
    divan::main();
}

/// The seed articles repeated until the text is at least `len` bytes.
fn news(len: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let seed: String = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(!seed.is_empty(), "the seed articles are missing");
    let mut text = String::with_capacity(len + seed.len());
    while text.len() < len {
        text.push_str(&seed);
        text.push_str("\n\n");
    }
    text
}

#[divan::bench(args = [64 * 1024, 1024 * 1024])]
fn tag_news(bencher: divan::Bencher, len: usize) {
    let text = news(len);
    let dct = Some(Date::constant(2018, 7, 20));
    let per_copy = tag_timexes(&news(1), dct).len();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let found = tag_timexes(divan::black_box(&text), dct);
        assert!(found.len() >= per_copy, "found {} timexes", found.len());
        found
    });
}
