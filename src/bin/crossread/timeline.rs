//! `crossread timeline FILE...`: the analysis as JSON (the same as the app's Export JSON).

use std::process::ExitCode;

use crossread::analysis::export::{dump_timeline, export_json};
use crossread::analysis::{Config, analyze};

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
