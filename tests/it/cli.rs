//! The native CLI as a user runs it: `crossread extract` and `crossread timeline`.

use std::process::Command;

use serde_json::Value;

use crate::data_dir;

fn run(args: &[&str]) -> (bool, Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.success(), json)
}

#[test]
fn extract_reports_dates_with_evidence_and_files_it_could_not_read() {
    let empty = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let seed = data_dir().join("seeds/003_30b58145e12fbd7b.txt");
    let (ok, json) = run(&["extract", seed.to_str().unwrap(), empty.to_str().unwrap()]);
    assert!(ok);
    let article = &json[0];
    assert_eq!(article["published"]["value"], "2018-07-20");
    assert_eq!(
        article["published"]["evidence"]["raw"],
        "Published : 20 Jul 2018, 01:22"
    );
    assert_eq!(
        article["published"]["rejected"][0]["date"]["value"],
        "2024-04-18"
    );
    let text = article["text"].as_str().unwrap();
    assert!(
        text.starts_with("Amid criticism, Trump eyes 2nd meeting with Putin"),
        "{text}"
    );
    assert!(
        !text.contains("DF-Xinhua Report"),
        "boilerplate stays out of the main text"
    );
    assert_eq!(json[1]["file"], "empty.txt");
    assert_eq!(json[1]["errors"][0], "The file is empty.");
}

#[test]
fn timeline_json_has_the_documented_fields() {
    let seeds: Vec<String> = std::fs::read_dir(data_dir().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["timeline"];
    args.extend(seeds.iter().map(String::as_str));
    let (ok, json) = run(&args);
    assert!(ok);
    let doc = &json["documents"][0];
    for field in ["id", "file", "title", "outlet", "published"] {
        assert!(doc.get(field).is_some(), "documents[] lacks {field}");
    }
    let event = &json["events"][0];
    for field in [
        "id",
        "date",
        "text",
        "sources",
        "mentions",
        "independent_sources",
        "conflicts",
    ] {
        assert!(event.get(field).is_some(), "events[] lacks {field}");
    }
    let mention = &event["mentions"][0];
    let document = &json["documents"][mention["document"].as_u64().unwrap() as usize];
    let text = document["text"].as_str().unwrap();
    let (start, end) = (
        mention["start"].as_u64().unwrap() as usize,
        mention["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[start..end],
        mention["text"].as_str().unwrap(),
        "offsets point at the sentence"
    );
}

fn seed_paths() -> Vec<String> {
    let mut seeds: Vec<String> = std::fs::read_dir(data_dir().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    seeds.sort();
    seeds
}

/// Runs `crossread timeline` with `options` before the seed files; returns the exit code,
/// stdout and stderr.
fn timeline(options: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .arg("timeline")
        .args(options)
        .args(seed_paths())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn timeline_prints_every_format() {
    let (code, json, _) = timeline(&[]);
    assert_eq!(code, 0);
    let (_, same, _) = timeline(&["--format", "json"]);
    assert_eq!(json, same, "JSON is the default");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert!(crate::schema::validate(&crate::schema::export_schema(), &json).is_empty());
    let events = json["events"].as_array().unwrap();

    let (code, text, _) = timeline(&["--text"]);
    assert_eq!(code, 0);
    let (_, same, _) = timeline(&["--format=text"]);
    assert_eq!(text, same, "--text is --format text");
    assert_eq!(
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        events.len()
    );

    let (code, md, _) = timeline(&["--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        md.starts_with("# ") && md.contains("\n## Timeline\n"),
        "{md}"
    );
    assert!(md.contains("### autumn 2018 (season)"));

    let (code, html, _) = timeline(&["--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(
        html.matches("<article class=\"event\"").count(),
        events.len()
    );

    let (code, tl, _) = timeline(&["--format", "timelinejs"]);
    assert_eq!(code, 0);
    let tl: Value = serde_json::from_str(&tl).unwrap();
    let slides = tl["events"].as_array().unwrap();
    let dated = events.iter().filter(|e| !e["date"].is_null()).count();
    assert_eq!(slides.len(), dated);
    assert!(slides.iter().all(|s| s["start_date"]["year"].is_string()));

    let (code, csv, _) = timeline(&["--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("event_id,date_value,date_label,"), "{csv}");
    assert!(csv.ends_with("\r\n"), "the last row ends with CRLF too");
    let mentions: usize = events
        .iter()
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    // Quoted sentences never hold a line break, so each record is one line here.
    assert_eq!(csv.matches("\r\n").count(), 1 + mentions);
}

#[test]
fn timeline_refuses_an_unknown_format_with_the_usage() {
    let (code, out, err) = timeline(&["--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown format 'pdf'"), "{err}");
    assert!(
        err.contains("json|text|markdown|html|timelinejs|csv"),
        "{err}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(["timeline", &seed_paths()[0], "--format"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("--format needs a format name"), "{err}");
}
