//! `crossread timeline [--format FORMAT] FILE...`: the analysis in one of the export formats
//! (JSON, the same as the app's Export JSON, by default). It only picks an export; the formats
//! themselves live in `analysis::export`. `crossread eval-links GOLD FILE...`: pairwise
//! precision and recall of the event clustering against a gold file of cross-source links.

use std::process::ExitCode;

use crossread::analysis::export::{
    dump_timeline, export_csv, export_html_report, export_json, export_markdown, export_timelinejs,
};
use crossread::analysis::linkeval::{
    SentenceKey, SentencePair, parse_gold, resolve_gold, score_links,
};
use crossread::analysis::{Analysis, Config, analyze};

use crate::files::{print_output, read_documents};

const USAGE: &str =
    "usage: crossread timeline [--format json|text|markdown|html|timelinejs|csv] FILE...";

/// One export format, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Text,
    Markdown,
    Html,
    TimelineJs,
    Csv,
}

impl Format {
    fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "json" => Format::Json,
            "text" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "timelinejs" => Format::TimelineJs,
            "csv" => Format::Csv,
            _ => return None,
        })
    }

    fn render(self, analysis: &Analysis) -> String {
        match self {
            Format::Json => export_json(analysis),
            Format::Text => dump_timeline(analysis),
            Format::Markdown => export_markdown(analysis),
            Format::Html => export_html_report(analysis),
            Format::TimelineJs => export_timelinejs(analysis),
            Format::Csv => export_csv(analysis),
        }
    }
}

/// The command line of `timeline`: the format and the files.
struct Args {
    format: Format,
    paths: Vec<String>,
}

/// Reads `--format NAME`, `--format=NAME` and `--text` (the same as `--format text`); every
/// other argument is a file. The message says what was wrong.
fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut format = Format::Json;
    let mut paths = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let name = if arg == "--format" {
            Some(rest.next().ok_or("--format needs a format name")?.as_str())
        } else {
            arg.strip_prefix("--format=")
        };
        if let Some(name) = name {
            format = Format::parse(name).ok_or_else(|| format!("unknown format '{name}'"))?;
        } else if arg == "--text" {
            format = Format::Text;
        } else if arg.starts_with("--") {
            return Err(format!("unknown option '{arg}'"));
        } else {
            paths.push(arg.clone());
        }
    }
    if paths.is_empty() {
        return Err("no files given".to_string());
    }
    Ok(Args { format, paths })
}

/// Runs the command.
pub fn run(args: &[String]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("crossread timeline: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (documents, failed) = read_documents(&args.paths);
    let analysis = analyze(&documents, &Config::default());
    let output = args.format.render(&analysis);
    // `print_output` ends the output with one line break. CSV rows end with CRLF, so only its
    // last LF is taken off; the other formats lose any trailing blank lines.
    let body = match args.format {
        Format::Csv => output.strip_suffix('\n').unwrap_or(&output),
        _ => output.trim_end(),
    };
    if let Err(e) = print_output(body) {
        eprintln!("crossread: {e}");
        return ExitCode::FAILURE;
    }
    if failed && documents.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs `eval-links [--set SECTION.KEY=VALUE]... GOLD.tsv FILE...`: prints precision, recall and
/// F1, the recall of each gold claim, then every false and missed link, each missed one under the
/// claims its sentences share. `--set timeline.cohesion=0.1` changes one analysis option, so
/// that a setting can be tried against the gold without rebuilding.
pub fn run_eval_links(args: &[String]) -> ExitCode {
    const USAGE: &str = "usage: crossread eval-links [--set SECTION.KEY=VALUE]... GOLD.tsv FILE...";
    let mut settings = Vec::new();
    let mut rest = args;
    while let [flag, setting, tail @ ..] = rest
        && flag == "--set"
    {
        settings.push(setting.as_str());
        rest = tail;
    }
    let [gold_path, paths @ ..] = rest else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let config = match config_with(&settings) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("crossread eval-links: {msg}");
            return ExitCode::from(2);
        }
    };
    let gold_text = match std::fs::read_to_string(gold_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{gold_path}: cannot read the gold file: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (documents, _) = read_documents(paths);
    let analysis = analyze(&documents, &config);
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
    out += "\nrecall per claim (found/gold):\n";
    for (claim, gold, found) in &score.per_claim {
        out += &format!("  {claim:<20} {found:>3}/{gold:<3}\n");
    }
    // Each missed link is listed under the claims its two sentences share in the gold.
    let claims_of = |key: &SentenceKey| -> Vec<&str> {
        gold.iter()
            .filter(|(_, k)| k == key)
            .map(|(c, _)| c.as_str())
            .collect()
    };
    for (title, pairs) in [
        ("false links", &score.false_links),
        ("missed links", &score.missed_links),
    ] {
        out += &format!("\n{title} ({}):\n", pairs.len());
        for pair in pairs {
            let (ca, cb) = (claims_of(&pair.0), claims_of(&pair.1));
            let shared: Vec<&str> = ca.iter().filter(|c| cb.contains(c)).copied().collect();
            if !shared.is_empty() {
                out += &format!("  [{}]\n", shared.join(", "));
            }
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

/// The default analysis options with each `SECTION.KEY=VALUE` setting applied; the value is JSON
/// (`0.1`, `true`).
fn config_with(settings: &[&str]) -> Result<Config, String> {
    let mut value = serde_json::to_value(Config::default()).map_err(|e| e.to_string())?;
    for setting in settings {
        let (path, raw) = setting
            .split_once('=')
            .ok_or_else(|| format!("{setting:?} is not SECTION.KEY=VALUE"))?;
        let (section, key) = path
            .split_once('.')
            .ok_or_else(|| format!("{path:?} is not SECTION.KEY"))?;
        let slot = value
            .get_mut(section)
            .and_then(|s| s.get_mut(key))
            .ok_or_else(|| format!("there is no option {path:?}"))?;
        *slot = serde_json::from_str(raw).map_err(|e| format!("{raw:?}: {e}"))?;
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
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
