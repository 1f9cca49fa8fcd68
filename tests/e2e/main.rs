//! The end-to-end test: the release build in dist/, served from a sub-path, driven in headless
//! Chromium the way a person uses it. It needs `trunk build --release` first (`cargo verify` runs
//! it) and never builds the app itself, since a build inside `cargo test` would wait on cargo's lock.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap in a test is a failed test"
)]

mod a11y;
mod browser;
mod exports;
mod native;
mod perf;
mod sample;
#[path = "../it/schema.rs"]
mod schema;
mod server;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use browser::{drop_files, run_js, save_screenshot, wait_for, with_browser};

/// The app must work from any sub-path of a static host, not only from `/`.
const SUB_PATH: &str = "/some/sub/path/";

/// The day all five seed articles report: the Helsinki summit.
const SHARED_DAY: &str = "2018-07-16";

/// The name of this test's browser profile and downloads folder.
const BROWSER: &str = "timeline";

/// The smallest valid PNG: one transparent pixel.
const PNG_BYTES: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// Files that must be refused, each for its own reason.
fn bad_files() -> Vec<(String, Vec<u8>)> {
    vec![
        ("empty.txt".into(), Vec::new()),
        ("picture.txt".into(), PNG_BYTES.to_vec()),
        // UTF-8 (é, an em dash) cut short: damaged, not a legacy charset.
        (
            "damaged-utf8.txt".into(),
            b"Caf\xc3\xa9 \xe2\x80\x94 the summit in Helsinki on 16 July 2018 \xe2\x80 was brief.\n"
                .to_vec(),
        ),
    ]
}

/// A Latin-1 article with no charset declared: it must be read, not refused.
fn legacy_file() -> (String, Vec<u8>) {
    (
        "latin1.txt".into(),
        b"Caf\xe9 cr\xe8me was served in Helsinki on Monday, 16 July 2018, before the summit.\n"
            .to_vec(),
    )
}

/// The five seed articles, read from disk, sorted by name.
fn seed_files() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    seeds.sort();
    assert_eq!(
        seeds.len(),
        5,
        "expected five seed articles in {}",
        dir.display()
    );
    seeds
}

/// The release build to test. Fails, rather than skips, when it has not been built.
fn dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: build the app first with `trunk build --release --offline \
         --public-url ./`, or run `cargo verify`, which builds it before this test",
        dist.display()
    );
    dist
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_articles_become_one_timeline_that_opens_each_source_at_its_sentence() {
    let server = server::serve(dist_dir(), SUB_PATH).await;
    let url = server.url.clone();
    let proxy = server.proxy.clone();
    let seeds = seed_files();

    // A copy of one seed under another name, for the file picker, which needs a real path.
    let picked_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-picked");
    std::fs::create_dir_all(&picked_dir).unwrap();
    let picked_path = picked_dir.join("picked-copy.txt");
    std::fs::write(&picked_path, &seeds[0].1).unwrap();

    with_browser(BROWSER, &proxy, move |client, _| async move {
        open_app(&client, &url).await;
        drop_seeds_and_bad_files(&client, &seeds).await;
        pick_file(&client, &picked_path).await;
        let chips = check_shared_day_has_every_seed(&client, &seeds).await;
        for chip in 0..chips {
            check_chip_opens_its_sentence(&client, chip, &seeds).await;
        }
        close_reader(&client).await;
        check_export_matches_the_chips(&client, &seeds).await;
        check_boilerplate_can_be_restored(&client).await;
        check_app_still_alive(&client).await;
        check_no_request_left_the_origin(&client).await;
        save_screenshot(&client, "drop-desktop", 1280, 900).await;
        save_screenshot(&client, "drop-mobile", 390, 844).await;
        check_chip_opens_its_sentence(&client, 0, &seeds).await;
        save_screenshot(&client, "drop-mobile-reader", 390, 844).await;
        save_screenshot(&client, "drop-desktop-reader", 1280, 900).await;
    })
    .await;
    check_server_log(&server);
}

/// Checks the test server's log, which is the browser's whole traffic since it sent every
/// request through the server as its proxy: the page and the analysis worker fetched their
/// scripts and wasm from under the sub-path, and nothing went anywhere else.
fn check_server_log(server: &server::StaticServer) {
    let log = server.log.lock().unwrap().clone();
    let served = |what: &dyn Fn(&str) -> bool| {
        log.iter()
            .any(|r| r.path.as_deref().is_some_and(what) && r.status == 200)
    };
    assert!(
        served(&|p| p.ends_with(".wasm") && !p.contains("worker")),
        "the app's wasm was never served: {log:?}"
    );
    // The worker fetches its own script and wasm; seeing them proves its traffic is in the log.
    assert!(
        served(&|p| p.ends_with("crossread-worker_loader.js")),
        "the analysis worker's script was never served: {log:?}"
    );
    assert!(
        served(&|p| p.contains("crossread-worker") && p.ends_with(".wasm")),
        "the analysis worker's wasm was never served: {log:?}"
    );
    for request in &log {
        let Some(path) = &request.path else {
            let host = host_of(&request.target);
            assert!(
                BROWSER_SERVICE_HOSTS.contains(&host),
                "a request left for another origin: {}",
                request.target
            );
            continue;
        };
        // Chromium asks for /favicon.ico on its own; the page does not.
        if path == "/favicon.ico" {
            continue;
        }
        // Every asset resolves under the sub-path, so relative URLs work on any static host.
        assert!(
            path.starts_with(SUB_PATH) && request.status == 200,
            "the page asked for {path} (status {}): assets must resolve under {SUB_PATH}",
            request.status
        );
    }
}

/// Chromium's own services, which it calls whatever page it shows, even with background
/// networking switched off. The page never loads anything from them; page requests to any other
/// origin, Google Fonts included, still fail the test.
const BROWSER_SERVICE_HOSTS: &[&str] = &[
    "accounts.google.com",
    "clients1.google.com",
    "clients2.google.com",
    "content-autofill.googleapis.com",
    "optimizationguide-pa.googleapis.com",
    "safebrowsing.googleapis.com",
    "update.googleapis.com",
    "redirector.gvt1.com",
    // Debian's Chromium preconnects to its default search engine.
    "start.duckduckgo.com",
];

/// The host of a proxied request target: `host:port` for CONNECT, or an absolute URL.
fn host_of(target: &str) -> &str {
    let rest = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
        .unwrap_or(target);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host)
}

/// Loads the page and starts recording uncaught errors and panics, which log to console.error.
async fn open_app(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    wait_for(
        client,
        "document.querySelector('#drop-zone') && document.querySelector('#load-sample') \
         && document.querySelector('input#file-input[type=file][multiple]')",
        "the app to mount its drop zone, file input and sample button",
    )
    .await;
    run_js(
        client,
        r##"
        window.__e2eErrors = [];
        window.addEventListener("error", e => window.__e2eErrors.push("error: " + e.message));
        window.addEventListener("unhandledrejection", e => window.__e2eErrors.push("rejection: " + e.reason));
        const original = console.error;
        console.error = (...args) => { window.__e2eErrors.push("console.error: " + args.join(" ")); original(...args); };
        return true;
        "##,
        vec![],
    )
    .await;
}

/// Reads every `#sources li.source` row as (file, status, reason).
async fn source_rows(client: &Client) -> Vec<(String, String, String)> {
    let rows = run_js(
        client,
        r##"return [...document.querySelectorAll("#sources li.source")].map(li => [
            li.dataset.file || "", li.dataset.status || "",
            (li.querySelector(".source-reason") || {}).textContent || ""]);"##,
        vec![],
    )
    .await;
    serde_json::from_value(rows).unwrap()
}

async fn wait_for_settled_sources(client: &Client, count: usize) {
    wait_for(
        client,
        &format!(
            "(() => {{ const rows = [...document.querySelectorAll('#sources li.source')]; \
             return rows.length === {count} && rows.every(li => li.dataset.status === 'parsed' \
             || li.dataset.status === 'error'); }})()"
        ),
        &format!("{count} source rows, each parsed or refused"),
    )
    .await;
}

async fn drop_seeds_and_bad_files(client: &Client, seeds: &[(String, Vec<u8>)]) {
    let bad = bad_files();
    let legacy = legacy_file();
    let mut dropped = seeds.to_vec();
    dropped.push(legacy.clone());
    // The bad files sit between good ones, so one refusal must not stop the rest.
    for (i, file) in bad.iter().enumerate() {
        dropped.insert(1 + 2 * i, file.clone());
    }
    drop_files(client, "#drop-zone", &dropped).await;
    wait_for_settled_sources(client, dropped.len()).await;

    let rows = source_rows(client).await;
    for (name, _) in seeds.iter().chain([&legacy]) {
        let row = rows.iter().find(|r| &r.0 == name);
        assert!(
            row.is_some_and(|r| r.1 == "parsed"),
            "{name} should be parsed; rows: {rows:?}"
        );
    }
    let mut reasons = BTreeSet::new();
    for (name, _) in &bad {
        let row = rows
            .iter()
            .find(|r| &r.0 == name)
            .unwrap_or_else(|| panic!("{name} was dropped but is not listed: {rows:?}"));
        assert_eq!(row.1, "error", "{name} should be refused: {row:?}");
        assert!(
            !row.2.trim().is_empty(),
            "{name} is refused without a reason: {row:?}"
        );
        reasons.insert(row.2.trim().to_string());
    }
    assert_eq!(
        reasons.len(),
        bad.len(),
        "each bad file needs its own reason, got {reasons:?}"
    );
}

/// Adds one file through the file picker, as a person choosing it from disk would.
async fn pick_file(client: &Client, path: &Path) {
    let before = source_rows(client).await.len();
    let input = client.find(Locator::Css("input#file-input")).await.unwrap();
    input.send_keys(&path.to_string_lossy()).await.unwrap();
    wait_for_settled_sources(client, before + 1).await;
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let rows = source_rows(client).await;
    assert!(
        rows.iter().any(|r| r.0 == name && r.1 == "parsed"),
        "the picked file {name} should be parsed: {rows:?}"
    );
}

/// Checks the day every seed reports carries a chip for each seed; returns its number of chips.
async fn check_shared_day_has_every_seed(client: &Client, seeds: &[(String, Vec<u8>)]) -> usize {
    wait_for(
        client,
        "document.querySelectorAll('#timeline li.event').length > 1",
        "timeline entries",
    )
    .await;
    let entry = format!("#timeline li.event[data-date=\"{SHARED_DAY}\"]");
    let found = run_js(
        client,
        r##"const entry = document.querySelector(arguments[0]);
           if (!entry) { return null; }
           return {
             date: (entry.querySelector(".event-date") || {}).textContent || "",
             text: (entry.querySelector(".event-text") || {}).textContent || "",
             chips: [...entry.querySelectorAll("button.chip")].map(c => c.dataset.file || ""),
           };"##,
        vec![json!(entry)],
    )
    .await;
    assert!(
        !found.is_null(),
        "no timeline entry has data-date=\"{SHARED_DAY}\""
    );
    assert!(
        !found["date"].as_str().unwrap_or("").trim().is_empty(),
        "the {SHARED_DAY} entry shows no date: {found}"
    );
    assert!(
        !found["text"].as_str().unwrap_or("").trim().is_empty(),
        "the {SHARED_DAY} entry shows no text: {found}"
    );
    let chips: Vec<String> = serde_json::from_value(found["chips"].clone()).unwrap();
    for (name, _) in seeds {
        assert!(
            chips.contains(name),
            "the {SHARED_DAY} entry has no chip for {name}: {chips:?}"
        );
    }
    chips.len()
}

/// Clicks chip `index` of the shared day and checks the reader highlights exactly the sentence
/// the chip points at, and that this sentence stands verbatim in the file on disk.
async fn check_chip_opens_its_sentence(client: &Client, index: usize, seeds: &[(String, Vec<u8>)]) {
    let selector = format!("#timeline li.event[data-date=\"{SHARED_DAY}\"] button.chip");
    let chip = client
        .find_all(Locator::Css(&selector))
        .await
        .unwrap()
        .into_iter()
        .nth(index)
        .unwrap();
    let attr =
        |value: Option<String>, name: &str| value.unwrap_or_else(|| panic!("a chip has no {name}"));
    let file = attr(chip.attr("data-file").await.unwrap(), "data-file");
    let doc = attr(chip.attr("data-doc").await.unwrap(), "data-doc");
    let start: usize = attr(chip.attr("data-start").await.unwrap(), "data-start")
        .parse()
        .unwrap();
    let end: usize = attr(chip.attr("data-end").await.unwrap(), "data-end")
        .parse()
        .unwrap();
    assert!(start < end, "{file}: empty chip span {start}..{end}");

    // A person closes the open reader before picking the next source; clearing the old
    // highlight also proves the next one comes from this click.
    run_js(
        client,
        "document.querySelectorAll('#reader mark.hl-current').forEach(m => m.classList.remove('hl-current')); return true;",
        vec![],
    )
    .await;
    if let Ok(close) = client
        .find(Locator::Css(
            "#reader.open button[aria-label='Close the reader']",
        ))
        .await
    {
        close.click().await.unwrap();
    }
    browser::click_centered(client, &chip).await;
    let shown = wait_for(
        client,
        "(() => { const marks = document.querySelectorAll('#reader mark.hl-current'); \
         const text = document.querySelector('#reader-text'); \
         return marks.length > 0 && text ? { marks: [...marks].map(m => m.textContent), \
         text: text.textContent } : null; })()",
        &format!("the reader to highlight the sentence of chip {file}"),
    )
    .await;
    let marks: Vec<String> = serde_json::from_value(shown["marks"].clone()).unwrap();
    let text = shown["text"].as_str().unwrap();
    assert_eq!(
        marks.len(),
        1,
        "{file} (doc {doc}): one highlighted sentence expected, got {marks:?}"
    );
    let expected = text
        .as_bytes()
        .get(start..end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_else(|| {
            panic!(
                "{file}: {start}..{end} is not a char-boundary range of the {} byte reader text",
                text.len()
            )
        });
    assert_eq!(
        marks[0], expected,
        "{file}: the highlight is not the chip's span {start}..{end}"
    );
    assert!(
        expected.trim() == expected && expected.len() > 20,
        "{file}: the highlight is not a trimmed sentence: {expected:?}"
    );
    assert!(
        expected.ends_with(['.', '!', '?', '"', '\'', '”', '’', ')']),
        "{file}: the highlight does not end a sentence: {expected:?}"
    );
    assert!(
        text[..start].is_empty() || text[..start].ends_with(char::is_whitespace),
        "{file}: the highlight starts inside a word: {:?}",
        &text[start.saturating_sub(30)..start]
    );
    let original = seeds
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned());
    if let Some(original) = original {
        assert!(
            original.contains(expected),
            "{file}: the highlighted sentence is not in the file on disk: {expected:?}"
        );
    }
}

/// Closes the reader if it is open, as a person does before picking the next source.
async fn close_reader(client: &Client) {
    if let Ok(close) = client
        .find(Locator::Css(
            "#reader.open button[aria-label='Close the reader']",
        ))
        .await
    {
        close.click().await.unwrap();
    }
}

/// Opens seed 003 (its datelines, agency line and caption are flagged), restores one flagged
/// stretch as body text, and checks that it is no longer greyed while the text stays the same.
async fn check_boilerplate_can_be_restored(client: &Client) {
    let before = run_js(
        client,
        "document.querySelector('#documents .doc-open[data-doc=\"3\"]').click(); return true;",
        vec![],
    )
    .await;
    assert_eq!(before, json!(true));
    wait_for(
        client,
        "document.querySelectorAll('#reader-text .boilerplate').length > 0",
        "seed 003's flagged lines",
    )
    .await;
    let counts = run_js(
        client,
        "return [document.querySelectorAll('#reader-text .boilerplate').length,          document.querySelector('#reader-text').textContent];",
        vec![],
    )
    .await;
    let flagged = counts[0].as_u64().unwrap();
    let text = counts[1].as_str().unwrap().to_string();
    run_js(
        client,
        "document.querySelector('#reader-text button.restore').click(); return true;",
        vec![],
    )
    .await;
    wait_for(
        client,
        &format!(
            "document.querySelectorAll('#reader-text .boilerplate').length === {}",
            flagged - 1
        ),
        "one flagged stretch restored as body text",
    )
    .await;
    let after = run_js(
        client,
        "return document.querySelector('#reader-text').textContent;",
        vec![],
    )
    .await;
    assert_eq!(
        after.as_str().unwrap(),
        text,
        "restoring changes the flags, never the text"
    );
    close_reader(client).await;
}

async fn check_app_still_alive(client: &Client) {
    let errors = run_js(client, "return window.__e2eErrors;", vec![]).await;
    assert_eq!(errors, json!([]), "the page reported errors or panics");
    let alive = run_js(
        client,
        "return document.querySelectorAll('#timeline li.event').length > 0 \
         && !!document.querySelector('#load-sample') && !document.querySelector('#export-json').disabled;",
        vec![],
    )
    .await;
    assert_eq!(alive, json!(true), "the app stopped responding");
}

/// Clicks Export JSON and checks the downloaded analysis agrees with what the page shows: every
/// chip of the shared day is one of its mentions, and each mention's text is its span.
async fn check_export_matches_the_chips(client: &Client, seeds: &[(String, Vec<u8>)]) {
    let downloads = browser::downloads_dir(BROWSER);
    client
        .find(Locator::Css("button#export-json"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let file = downloads.join("crossread.json");
    exports::wait_for_file(&file, &downloads).await;
    let analysis: Value = serde_json::from_slice(&std::fs::read(&file).unwrap())
        .unwrap_or_else(|e| panic!("the exported JSON does not parse: {e}"));
    assert_eq!(analysis["schema"], json!(1), "unexpected schema version");
    let documents = analysis["documents"].as_array().unwrap();
    for (name, _) in seeds {
        assert!(
            documents.iter().any(|d| d["file"] == json!(name)),
            "the export has no document for {name}"
        );
    }
    // The first entry of the shared day, as the page shows it: its sentence and its chips. Other
    // events may fall on the same day, so the exported event is the one with that sentence.
    let shown = run_js(
        client,
        "const entry = document.querySelector(arguments[0]); \
         return entry ? { text: entry.querySelector('.event-text').textContent, \
         chips: [...entry.querySelectorAll('button.chip')].map(c => \
         [Number(c.dataset.doc), Number(c.dataset.start), Number(c.dataset.end)]) } : null;",
        vec![json!(format!(
            "#timeline li.event[data-date=\"{SHARED_DAY}\"]"
        ))],
    )
    .await;
    assert!(!shown.is_null(), "the page has no entry on {SHARED_DAY}");
    let event = analysis["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"]["value"] == json!(SHARED_DAY) && e["text"] == shown["text"])
        .unwrap_or_else(|| {
            panic!(
                "the export has no event on {SHARED_DAY} with the sentence {}",
                shown["text"]
            )
        });
    let mentions = event["mentions"].as_array().unwrap();
    for mention in mentions {
        let doc = &documents[mention["document"].as_u64().unwrap() as usize];
        let text = doc["text"].as_str().unwrap().as_bytes();
        let (start, end) = (
            mention["start"].as_u64().unwrap() as usize,
            mention["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(start..end).map(String::from_utf8_lossy),
            mention["text"].as_str().map(Into::into),
            "an exported mention's text is not its span: {mention}"
        );
    }
    let chips: Vec<(u64, u64, u64)> = serde_json::from_value(shown["chips"].clone()).unwrap();
    assert!(!chips.is_empty(), "the {SHARED_DAY} entry lost its chips");
    for chip in chips {
        let exported = mentions.iter().any(|m| {
            (
                m["document"].as_u64(),
                m["start"].as_u64(),
                m["end"].as_u64(),
            ) == (Some(chip.0), Some(chip.1), Some(chip.2))
        });
        assert!(exported, "chip {chip:?} is not among the exported mentions");
    }
}

/// Checks the navigation and every resource the page fetched came from the test server.
async fn check_no_request_left_the_origin(client: &Client) {
    let seen = run_js(
        client,
        r##"const entries = [...performance.getEntriesByType("navigation"),
                            ...performance.getEntriesByType("resource")];
           return { origin: location.origin,
                    urls: entries.map(e => e.name),
                    navigations: performance.getEntriesByType("navigation").length };"##,
        vec![],
    )
    .await;
    let origin = seen["origin"].as_str().unwrap();
    let urls: Vec<String> = serde_json::from_value(seen["urls"].clone()).unwrap();
    assert_eq!(
        seen["navigations"],
        json!(1),
        "expected one navigation: {seen}"
    );
    assert!(
        urls.iter().any(|u| u.ends_with(".wasm")),
        "the resource timings do not list the wasm, so they prove nothing: {urls:?}"
    );
    for url in &urls {
        let same_origin = url.starts_with(&format!("{origin}/"))
            || url.starts_with(&format!("blob:{origin}/"))
            || url.starts_with("data:");
        assert!(same_origin, "a request left {origin}: {url}");
    }
}

/// A saved HTML page and an RSS feed dropped together: each article becomes a source with the
/// outlet and publication date its own metadata gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_page_and_a_feed_become_sources_with_their_outlets_and_dates() {
    let server = server::serve(dist_dir(), SUB_PATH).await;
    let url = server.url.clone();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let files = vec![
        (
            "ap-page.html".to_string(),
            std::fs::read(data.join("html/ap-hosted/page.html")).unwrap(),
        ),
        (
            "news.rss".to_string(),
            std::fs::read(data.join("formats/rss_two_seeds/feed.rss")).unwrap(),
        ),
    ];
    let proxy = server.proxy.clone();
    with_browser("formats", &proxy, move |client, _| async move {
        open_app(&client, &url).await;
        drop_files(&client, "#drop-zone", &files).await;
        wait_for_settled_sources(&client, 2).await;
        wait_for(&client, "document.querySelectorAll('#documents li.doc').length === 3", "three articles").await;
        let rows = run_js(
            &client,
            "return [...document.querySelectorAll('#documents li.doc')].map(li => \
             li.querySelector('.doc-label').textContent + ' | ' + li.querySelector('.doc-date').textContent);",
            vec![],
        )
        .await;
        let rows: Vec<String> = serde_json::from_value(rows).unwrap();
        let expect = [
            ("Hosted", "Wednesday 20 November 2019"),
            ("reuters.example.com", "Friday 20 July 2018"),
            ("dhakatribune.example.com", "Friday 20 July 2018"),
        ];
        for (outlet, date) in expect {
            assert!(
                rows.iter().any(|r| r.starts_with(&format!("{outlet} | {date}"))),
                "no source from {outlet} dated {date}: {rows:?}"
            );
        }
        check_app_still_alive(&client).await;
        check_no_request_left_the_origin(&client).await;
    })
    .await;
    check_server_log(&server);
}
