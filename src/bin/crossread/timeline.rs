//! `crossread timeline FILE...`: the analysis as JSON (the same as the app's Export JSON).
//! `crossread eval-links GOLD FILE...`: pairwise precision and recall of the event clustering
//! against a gold file of cross-source sentence links.

use std::process::ExitCode;

use crossread::analysis::export::{dump_timeline, export_json};
use crossread::analysis::linkeval::{SentencePair, parse_gold, resolve_gold, score_links};
use crossread::analysis::{Analysis, Config, analyze};

use crate::files::{print_output, read_documents};

/// Runs the command.
pub fn run(args: &[String]) -> ExitCode {
    let text = args.iter().any(|a| a == "--text");
    let paths: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    if paths.is_empty() {
        eprintln!("usage: crossread timeline [--text] FILE...");
        return ExitCode::from(2);
    }
    let (documents, failed) = read_documents(&paths);
    let analysis = analyze(&documents, &Config::default());
    let output = if text {
        dump_timeline(&analysis)
    } else {
        export_json(&analysis)
    };
    if let Err(e) = print_output(output.trim_end()) {
        eprintln!("crossread: {e}");
        return ExitCode::FAILURE;
    }
    if failed && documents.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs `eval-links`: prints precision, recall and F1, then every false and missed link.
pub fn run_eval_links(args: &[String]) -> ExitCode {
    let [gold_path, paths @ ..] = args else {
        eprintln!("usage: crossread eval-links GOLD.tsv FILE...");
        return ExitCode::from(2);
    };
    if paths.is_empty() {
        eprintln!("usage: crossread eval-links GOLD.tsv FILE...");
        return ExitCode::from(2);
    }
    let gold_text = match std::fs::read_to_string(gold_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{gold_path}: cannot read the gold file: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (documents, _) = read_documents(paths);
    let analysis = analyze(&documents, &Config::default());
    let (rows, mut problems) = parse_gold(&gold_text);
    let (gold, unresolved) = resolve_gold(&analysis, &rows);
    problems.extend(unresolved);
    for p in &problems {
        eprintln!("{gold_path}: {p}");
    }
    let score = score_links(&analysis, &gold);
    let mut out = format!(
        "gold links {}, system links {}, correct {}\nprecision {:.3}  recall {:.3}  F1 {:.3}\n",
        score.gold,
        score.system,
        score.correct,
        score.precision(),
        score.recall(),
        score.f1()
    );
    for (title, pairs) in [
        ("false links", &score.false_links),
        ("missed links", &score.missed_links),
    ] {
        out += &format!("\n{title} ({}):\n", pairs.len());
        for pair in pairs {
            out += &describe_pair(&analysis, pair);
        }
    }
    if let Err(e) = print_output(out.trim_end()) {
        eprintln!("crossread: {e}");
        return ExitCode::FAILURE;
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Two lines naming each sentence of a pair by source label, index and opening words.
fn describe_pair(analysis: &Analysis, (a, b): &SentencePair) -> String {
    let line = |(doc, sentence): &(crossread::analysis::ArticleId, _)| {
        let source = &analysis.sources[doc.index()];
        let text: String = source.sentence_text(*sentence).chars().take(110).collect();
        format!("  {} #{}: {text}\n", source.label(), sentence.0)
    };
    format!("{}{}\n", line(a), line(b))
}
