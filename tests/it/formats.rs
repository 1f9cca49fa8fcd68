//! Every container and encoding a reader drops: each folder in tests/data/formats holds one input
//! file and the expected.json of what the user gets from it (title, outlet, authors, date with its
//! evidence, the start of the text, flagged boilerplate, diagnostics). `CROSSREAD_BLESS=1`
//! rewrites the expected files. Archive limits are tested on bombs built here.

use std::io::Write;
use std::path::Path;

use crossread::analysis::Severity;
use crossread::analysis::ingest::{IngestConfig, IngestOutcome, ingest_file};
use serde_json::{Value, json};

use crate::data_dir;

/// What a user sees of one dropped file, as stable JSON.
fn render(file: &str, outcome: &IngestOutcome) -> Value {
    let documents: Vec<Value> = outcome
        .documents
        .iter()
        .map(|d| {
            json!({
                "file": d.file,
                "part": d.part,
                "title": d.title.as_ref().map(|t| json!([t.value, t.evidence.source])),
                "outlet": d.outlet.as_ref().map(|o| json!([o.value, o.evidence.source])),
                "authors": d.authors.iter().map(|a| a.value.clone()).collect::<Vec<_>>(),
                "published": d.published.as_ref().map(|p| json!({
                    "value": p.date.value,
                    "source": p.evidence.source,
                    "raw": p.evidence.raw,
                    "rejected": p.rejected.iter().map(|r| format!("{}: {}", r.date.value, r.reason)).collect::<Vec<_>>(),
                })),
                "text_start": d.text.chars().take(200).collect::<String>(),
                "boilerplate": d.boilerplate.iter().map(|b| format!("{} ({})", b.span.slice(&d.text), b.reason)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let diagnostics: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("{level} [{}]: {}", d.file, d.message)
        })
        .collect();
    json!({ "file": file, "documents": documents, "diagnostics": diagnostics })
}

fn input_file(case: &Path) -> (String, Vec<u8>) {
    let mut inputs: Vec<_> = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .collect();
    assert_eq!(
        inputs.len(),
        1,
        "{} must hold one input file",
        case.display()
    );
    let path = inputs.remove(0);
    (
        path.file_name().unwrap().to_string_lossy().into_owned(),
        std::fs::read(&path).unwrap(),
    )
}

#[test]
fn every_format_fixture_reads_as_expected() {
    let bless = std::env::var("CROSSREAD_BLESS").is_ok_and(|v| v == "1");
    let mut cases: Vec<_> = std::fs::read_dir(data_dir().join("formats"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "fixtures missing");
    let mut failures = Vec::new();
    for case in &cases {
        let (name, bytes) = input_file(case);
        let outcome = ingest_file(&name, &bytes, &IngestConfig::default());
        let got = render(&name, &outcome);
        let expected_path = case.join("expected.json");
        if bless {
            let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} has no expected.json", case.display())),
        )
        .unwrap();
        if got != expected {
            failures.push(format!(
                "{}:\n{}",
                case.display(),
                serde_json::to_string_pretty(&got).unwrap()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures differ (CROSSREAD_BLESS=1 rewrites them):\n{}",
        failures.join("\n")
    );
}

/// A zip archive built in the test: (name, content) pairs, deflated.
fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn errors(outcome: &IngestOutcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("[{}] {}", d.file, d.message))
        .collect()
}

#[test]
fn zip_bombs_are_refused_before_they_fill_memory() {
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let bomb = make_zip(&[("zeros.txt", &zeros)]);
    assert!(bomb.len() < 40 * 1024, "the bomb compresses well");
    let outcome = ingest_file("bomb.zip", &bomb, &IngestConfig::default());
    assert!(outcome.documents.is_empty());
    let message = errors(&outcome).join("\n");
    assert!(
        message.starts_with(
            "[bomb.zip] The archive unpacks to more than 100 times its own size (4 MB from "
        ),
        "{message}"
    );
    assert!(message.ends_with("; it was not opened."), "{message}");

    // Past the total budget, the archive is refused whatever its ratio.
    let mut config = IngestConfig::default();
    config.archive.max_unpacked_bytes = 1024 * 1024;
    let outcome = ingest_file("bomb.zip", &bomb, &config);
    assert_eq!(
        errors(&outcome),
        ["[bomb.zip] The archive unpacks to more than 1 MB; it was not opened."]
    );

    // A bomb of many small entries hits the entry limit.
    let mut config = IngestConfig::default();
    config.archive.max_entries = 3;
    let many = make_zip(&[
        ("a.txt", b"One."),
        ("b.txt", b"Two."),
        ("c.txt", b"Three."),
        ("d.txt", b"Four."),
    ]);
    assert_eq!(
        errors(&ingest_file("many.zip", &many, &config)),
        ["[many.zip] The archive holds 4 entries, more than the limit of 3; it was not opened."]
    );
}

#[test]
fn nested_archives_open_two_deep_and_no_deeper() {
    let story = b"Trump invites Putin\n\nThe White House said on Thursday that Putin was invited.";
    let inner = make_zip(&[("story.txt", story)]);
    let middle = make_zip(&[("inner.zip", &inner)]);
    let outcome = ingest_file("middle.zip", &middle, &IngestConfig::default());
    let files: Vec<&str> = outcome.documents.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files, ["middle.zip/inner.zip/story.txt"]);

    let outer = make_zip(&[("middle.zip", &middle), ("top.txt", story)]);
    let outcome = ingest_file("outer.zip", &outer, &IngestConfig::default());
    let files: Vec<&str> = outcome.documents.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files, ["outer.zip/top.txt"]);
    assert_eq!(
        errors(&outcome),
        [
            "[outer.zip/middle.zip/inner.zip] This archive sits inside 2 others; archives nested more than 2 deep are not opened."
        ]
    );
}

#[test]
fn gzip_bombs_and_damaged_gzip_are_refused() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&vec![b'a'; 3 * 1024 * 1024]).unwrap();
    let bomb = encoder.finish().unwrap();
    let outcome = ingest_file("a.txt.gz", &bomb, &IngestConfig::default());
    let message = errors(&outcome).join("\n");
    assert!(
        message.starts_with("[a.txt.gz] The archive unpacks to more than 100 times its own size"),
        "{message}"
    );
    assert_eq!(
        errors(&ingest_file(
            "a.txt.gz",
            &bomb[..bomb.len() / 2],
            &IngestConfig::default()
        )),
        ["[a.txt.gz] The gzip file is damaged or cut short."]
    );
}
