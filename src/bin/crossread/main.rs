//! The native command-line interface over the same analysis as the app. It only dispatches
//! subcommands; each lives in its own module with a `run(&[String]) -> ExitCode`.

mod timex;

use std::process::ExitCode;

const USAGE: &str = "usage: crossread <command> [args]

commands:
  timex --dct YYYY-MM-DD     tag temporal expressions in stdin, print JSON
  eval-timex [DIR...]        score the tagger on TimeML corpora (--compare-chrono)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let rest = args.get(2..).unwrap_or(&[]);
    match args.get(1).map(String::as_str) {
        Some("timex") => timex::run(rest),
        Some("eval-timex") => timex::eval::run(rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
