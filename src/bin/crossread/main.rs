//! The native command-line interface over the same analysis as the app. It reads files, calls
//! `crossread::analysis` and prints its exports; it must hold no analysis logic of its own.

use std::process::ExitCode;

mod articles;
mod extract;
mod files;
mod timeline;
mod timex;

const USAGE: &str = "\
crossread: read one news story across many sources

usage:
  crossread extract FILE...       what each file yields: metadata with evidence, main text, boilerplate
  crossread timeline FILE...      analyse articles and print the timeline as JSON
  crossread timeline --format FORMAT FILE...   print it as json, text, markdown, html,
                                  timelinejs or csv (--text is --format text)
  crossread eval-links GOLD.tsv FILE...   pairwise precision and recall of the events against gold links
  crossread eval-extract [DIR] [--dump OUT]   score the HTML reader on a benchmark folder
  crossread timex --dct YYYY-MM-DD   tag temporal expressions in stdin, print JSON
  crossread eval-timex [DIR...] [--compare-chrono]   score the tagger on TimeML corpora
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(command) = args.get(1) else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[2..];
    match command.as_str() {
        "timeline" => timeline::run(rest),
        "extract" => articles::run(rest),
        "eval-links" => timeline::run_eval_links(rest),
        "eval-extract" => extract::run_eval(rest),
        "timex" => timex::run(rest),
        "eval-timex" => timex::eval::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("crossread: unknown command '{other}'\n");
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
