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
