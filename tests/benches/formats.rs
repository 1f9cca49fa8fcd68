//! Throughput of reading dropped files of each container format: a large RSS feed, a news-API
//! JSON export, an HTML page and a zip of all three, built from the seed articles.
//! Run: `cargo bench --bench formats`.

use std::io::Write;
use std::sync::LazyLock;

use crossread::analysis::ingest::{IngestConfig, ingest_file};
use divan::counter::BytesCount;

/// The seed articles' paragraphs, with the Multi-News date header removed.
static SEEDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| {
            t.replace(" date 2018-07-20 ", "")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| l.replace('&', "&amp;").replace('<', "&lt;"))
                .collect()
        })
        .collect()
});

const ITEMS: usize = 400;

fn feed() -> Vec<u8> {
    let mut out =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title>");
    for i in 0..ITEMS {
        let seed = &SEEDS[i % SEEDS.len()];
        let body: String = seed.iter().map(|p| format!("<p>{p}</p>")).collect();
        out += &format!(
            "<item><title>Story {i}</title><link>https://n{i}.example.com/a</link><pubDate>Fri, 20 Jul 2018 01:22:00 +0000</pubDate><description><![CDATA[{body}]]></description></item>"
        );
    }
    (out + "</channel></rss>").into_bytes()
}

fn json() -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..ITEMS)
        .map(|i| {
            let seed = &SEEDS[i % SEEDS.len()];
            serde_json::json!({
                "title": format!("Story {i}"),
                "url": format!("https://n{i}.example.com/a"),
                "publishedAt": "2018-07-20T01:22:00Z",
                "content": seed.join("\n\n"),
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "articles": items })).unwrap_or_default()
}

fn page() -> Vec<u8> {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><title>T</title><script>var x = 1 < 2;</script></head><body>",
    );
    for i in 0..ITEMS {
        for p in &SEEDS[i % SEEDS.len()] {
            out +=
                &format!("<div class=\"c\"><p>{p} <a href=\"/x?a=1&amp;b=2\">link</a></p></div>");
        }
    }
    (out + "</body></html>").into_bytes()
}

fn zipped() -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("feed.rss", feed()),
        ("api.json", json()),
        ("page.html", page()),
    ] {
        if writer.start_file(name, options).is_ok() {
            let _ = writer.write_all(&bytes);
        }
    }
    writer.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn read(bencher: divan::Bencher, name: &str, bytes: Vec<u8>, documents: usize) {
    let config = IngestConfig::default();
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        let outcome = ingest_file(name, divan::black_box(&bytes), &config);
        assert_eq!(outcome.documents.len(), documents, "{name}");
    });
}

#[divan::bench]
fn rss_feed(bencher: divan::Bencher) {
    read(bencher, "feed.rss", feed(), ITEMS);
}

#[divan::bench]
fn news_api_json(bencher: divan::Bencher) {
    read(bencher, "api.json", json(), ITEMS);
}

#[divan::bench]
fn html_page(bencher: divan::Bencher) {
    read(bencher, "page.html", page(), 1);
}

#[divan::bench]
fn zip_of_all(bencher: divan::Bencher) {
    read(bencher, "drop.zip", zipped(), 2 * ITEMS + 1);
}

fn main() {
    divan::main();
}
