//! `crossread extract FILE...`: what the readers make of each file, as a JSON array with one
//! object per article (metadata with evidence, main text without boilerplate, flagged spans)
//! and one object per file that yielded nothing, carrying its errors.

use std::process::ExitCode;

use crossread::analysis::Document;
use crossread::analysis::ingest::{IngestConfig, ingest_file};
use serde_json::{Value, json};

use crate::files::print_output;

/// Runs the command.
pub fn run(args: &[String]) -> ExitCode {
    if args.is_empty() {
        eprintln!("usage: crossread extract FILE...");
        return ExitCode::from(2);
    }
    let config = IngestConfig::default();
    let mut out = Vec::new();
    let mut any_read = false;
    for path in args {
        let name = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.clone());
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                out.push(
                    json!({"file": name, "errors": [format!("The file could not be read: {e}")]}),
                );
                continue;
            }
        };
        let outcome = ingest_file(&name, &bytes, &config);
        let messages: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        if outcome.documents.is_empty() {
            out.push(json!({"file": name, "errors": messages}));
            continue;
        }
        any_read = true;
        for doc in &outcome.documents {
            out.push(article_json(doc, &messages));
        }
    }
    let printed = serde_json::to_string_pretty(&out)
        .map_err(std::io::Error::other)
        .and_then(|t| print_output(&t));
    if let Err(e) = printed {
        eprintln!("crossread: {e}");
        return ExitCode::FAILURE;
    }
    if any_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One article: metadata with evidence, the main text with boilerplate left out, and the
/// flagged spans (offsets into `stored_text`, which keeps everything).
fn article_json(doc: &Document, messages: &[String]) -> Value {
    let mut main_text = String::new();
    let mut at = 0;
    let mut flagged: Vec<_> = doc.boilerplate.iter().map(|b| b.span).collect();
    flagged.sort_unstable();
    for span in flagged {
        if span.start > at {
            main_text.push_str(doc.text.get(at..span.start).unwrap_or(""));
        }
        at = at.max(span.end);
    }
    main_text.push_str(doc.text.get(at..).unwrap_or(""));
    let main_text = main_text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    json!({
        "file": doc.file,
        "part": doc.part,
        "title": doc.title,
        "outlet": doc.outlet,
        "authors": doc.authors,
        "language": doc.language,
        "published": doc.published.as_ref().map(|p| json!({
            "value": p.date.value,
            "granularity": p.date.granularity,
            "evidence": p.evidence,
            "rejected": p.rejected,
        })),
        "text": main_text,
        "stored_text": doc.text,
        "boilerplate": doc.boilerplate,
        "errors": [],
        "warnings": messages,
    })
}
