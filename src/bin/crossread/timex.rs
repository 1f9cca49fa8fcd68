//! `crossread timex` tags stdin and prints JSON; `crossread eval-timex` scores the tagger (and
//! optionally chrono-node) on TimeML corpora. File, process and clock access live here, never
//! in `analysis`.

use std::io::{Read, Write};
use std::process::ExitCode;

use crossread::analysis::temporal::{AnchorKind, tag_timexes};
use serde::Serialize;

/// One line of `crossread timex` output.
#[derive(Serialize)]
struct TimexOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    freq: Option<&'a str>,
    /// What a relative expression was resolved against: the document date or an earlier
    /// mention (with its byte offsets).
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<AnchorOut<'a>>,
}

/// The evidence behind a resolved value.
#[derive(Serialize)]
struct AnchorOut<'a> {
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
}

/// `crossread timex [--dct YYYY-MM-DD]`: reads UTF-8 text on stdin and prints a JSON array of
/// the temporal expressions in it, with byte offsets into stdin, each with the anchor its value
/// was resolved against.
pub fn run(args: &[String]) -> ExitCode {
    let mut dct = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dct" => match it.next().map(|d| d.parse::<jiff::civil::Date>()) {
                Some(Ok(d)) => dct = Some(d),
                _ => {
                    eprintln!("crossread timex: --dct needs a date like 2018-07-20");
                    return ExitCode::from(2);
                }
            },
            other => {
                eprintln!(
                    "crossread timex: unknown argument {other:?} (usage: crossread timex --dct YYYY-MM-DD < text)"
                );
                return ExitCode::from(2);
            }
        }
    }
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("crossread timex: cannot read stdin as UTF-8 text: {e}");
        return ExitCode::FAILURE;
    }
    let timexes = tag_timexes(&text, dct);
    let out: Vec<TimexOut<'_>> = timexes
        .iter()
        .map(|t| TimexOut {
            start: t.span.start,
            end: t.span.end,
            text: t.span.slice(&text),
            kind: t.kind.name(),
            value: &t.value,
            modifier: t.modifier.as_deref(),
            freq: t.freq.as_deref(),
            anchor: t.anchor.as_ref().map(|a| AnchorOut {
                kind: match a.kind {
                    AnchorKind::DocumentDate => "document date",
                    AnchorKind::PreviousMention => "previous mention",
                },
                value: &a.value,
                start: a.span.map(|s| s.start),
                end: a.span.map(|s| s.end),
            }),
        })
        .collect();
    match serde_json::to_string_pretty(&out) {
        Ok(json) => {
            let _ = writeln!(std::io::stdout(), "{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crossread timex: {e}");
            ExitCode::FAILURE
        }
    }
}

pub mod eval {
    //! `crossread eval-timex`: the TempEval-3 evaluation table.

    use std::path::{Path, PathBuf};
    use std::process::{Command, ExitCode, Stdio};
    use std::time::Instant;

    use crossread::analysis::Span;
    use crossread::analysis::temporal::eval::{
        ErrorKind, Evaluation, SystemTimex, evaluate_documents, score_system,
    };
    use crossread::analysis::temporal::timeml::{TimemlDoc, read_timeml};
    use crossread::analysis::temporal::{TimexType, tag_timexes};
    use serde::{Deserialize, Serialize};

    /// Appends one formatted line to a String; writing to a String cannot fail.
    macro_rules! outln {
        ($out:expr, $($arg:tt)*) => {{
            use std::fmt::Write as _;
            let _ = writeln!($out, $($arg)*);
        }};
    }

    struct Corpus {
        name: String,
        docs: Vec<TimemlDoc>,
        bytes: usize,
    }

    /// One corpus's result for one tagger.
    struct Row {
        tagger: &'static str,
        corpus: String,
        eval: Evaluation,
        seconds: f64,
        bytes: usize,
    }

    /// `crossread eval-timex [--compare-chrono] [--errors N] [--show CLASS] [DIR...]`: `--show`
    /// lists every error whose class contains CLASS, with its context.
    pub fn run(args: &[String]) -> ExitCode {
        let mut dirs = Vec::new();
        let mut compare_chrono = false;
        let mut top = 12;
        let mut show: Option<String> = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--compare-chrono" => compare_chrono = true,
                "--errors" => top = it.next().and_then(|n| n.parse().ok()).unwrap_or(top),
                "--show" => show = it.next().cloned(),
                flag if flag.starts_with('-') => {
                    eprintln!("crossread eval-timex: unknown flag {flag:?}");
                    return ExitCode::from(2);
                }
                dir => dirs.push(PathBuf::from(dir)),
            }
        }
        if dirs.is_empty() {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/tempeval3");
            match corpus_dirs(&root) {
                Ok(found) => dirs = found,
                Err(e) => {
                    eprintln!("crossread eval-timex: cannot list {}: {e}", root.display());
                    return ExitCode::FAILURE;
                }
            }
        }
        let mut corpora = Vec::new();
        for dir in &dirs {
            match load_corpus(dir) {
                Ok(c) if !c.docs.is_empty() => corpora.push(c),
                Ok(_) => eprintln!("crossread eval-timex: no .tml files in {}", dir.display()),
                Err(e) => {
                    eprintln!("crossread eval-timex: cannot read {}: {e}", dir.display());
                    return ExitCode::FAILURE;
                }
            }
        }
        if corpora.is_empty() {
            eprintln!("crossread eval-timex: nothing to evaluate");
            return ExitCode::FAILURE;
        }
        let mut rows = Vec::new();
        let mut combined = Evaluation::default();
        let (mut all_seconds, mut all_bytes) = (0.0, 0);
        for c in &corpora {
            let e = evaluate_documents(&c.docs);
            let seconds = time_tagger(&c.docs);
            all_seconds += seconds;
            all_bytes += c.bytes;
            combined.merge(e.clone());
            rows.push(Row {
                tagger: "crossread",
                corpus: c.name.clone(),
                eval: e,
                seconds,
                bytes: c.bytes,
            });
        }
        rows.push(Row {
            tagger: "crossread",
            corpus: "combined".into(),
            eval: combined.clone(),
            seconds: all_seconds,
            bytes: all_bytes,
        });
        let mut chrono_note = None;
        if compare_chrono {
            match run_chrono(&corpora) {
                Ok(mut chrono_rows) => rows.append(&mut chrono_rows),
                Err(msg) => chrono_note = Some(msg),
            }
        }
        let mut out = String::new();
        print_table(&mut out, &rows);
        if let Some(note) = chrono_note {
            outln!(out, "\nchrono-node: {note}");
        }
        for kind in [
            ErrorKind::Missed,
            ErrorKind::Spurious,
            ErrorKind::Value,
            ErrorKind::Span,
            ErrorKind::Type,
        ] {
            let errs = combined.top_errors(kind, top);
            let total = combined.errors.iter().filter(|e| e.kind == kind).count();
            outln!(out, "\ntop {} errors ({total} in all):", kind.name());
            for (class, n, example) in errs {
                outln!(out, "  {n:4}  {class}    e.g. {example}");
            }
        }
        if let Some(pattern) = show {
            outln!(out, "\nerrors whose class contains {pattern:?}:");
            for e in combined
                .errors
                .iter()
                .filter(|e| e.class.contains(&pattern))
            {
                outln!(out, "  {} {}  |  {}", e.kind.name(), e.example, e.context);
            }
        }
        // A closed pipe (`| head`) is no failure worth a panic.
        let _ = std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes());
        ExitCode::SUCCESS
    }

    fn print_table(out: &mut String, rows: &[Row]) {
        outln!(
            out,
            "{:<10} {:<10} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>8} | {:>8}",
            "tagger",
            "corpus",
            "gold",
            "sys",
            "str.P",
            "str.R",
            "str.F1",
            "rel.P",
            "rel.R",
            "rel.F1",
            "type.A",
            "val.A",
            "val.F1",
            "MB/s"
        );
        for r in rows {
            let s = r.eval.counts.scores();
            let mbs = if r.seconds > 0.0 {
                r.bytes as f64 / 1e6 / r.seconds
            } else {
                0.0
            };
            outln!(
                out,
                "{:<10} {:<10} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>8.3} | {:>8.2}",
                r.tagger,
                r.corpus,
                r.eval.counts.gold,
                r.eval.counts.system,
                s.strict_p,
                s.strict_r,
                s.strict_f1,
                s.relaxed_p,
                s.relaxed_r,
                s.relaxed_f1,
                s.type_accuracy,
                s.value_accuracy,
                s.value_f1,
                mbs
            );
        }
    }

    fn corpus_dirs(root: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        Ok(dirs)
    }

    fn load_corpus(dir: &Path) -> std::io::Result<Corpus> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tml"))
            .collect();
        files.sort();
        let mut docs = Vec::new();
        let mut bytes = 0;
        for f in files {
            let source = std::fs::read_to_string(&f)?;
            let doc = read_timeml(&source);
            bytes += doc.text.len();
            docs.push(doc);
        }
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Corpus { name, docs, bytes })
    }

    #[derive(Serialize)]
    struct ChronoIn<'a> {
        text: &'a str,
        dct: String,
    }

    #[derive(Deserialize)]
    struct ChronoOut {
        start: usize,
        end: usize,
        #[serde(rename = "type")]
        kind: String,
        value: String,
    }

    #[derive(Deserialize)]
    struct ChronoDoc {
        timexes: Vec<ChronoOut>,
    }

    #[derive(Deserialize)]
    struct ChronoRun {
        docs: Vec<ChronoDoc>,
        seconds: f64,
    }

    /// Installs chrono-node under target/ when needed, runs the adapter on every corpus and
    /// scores its output; an `Err` says plainly why it could not.
    fn run_chrono(corpora: &[Corpus]) -> Result<Vec<Row>, String> {
        let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let src = crate_root.join("tests/chrono-node");
        let prefix = crate_root.join("target/chrono-node");
        if Command::new("node").arg("--version").output().is_err() {
            return Err("node is not installed, so chrono-node was not run".into());
        }
        if !prefix.join("node_modules/chrono-node").exists() {
            std::fs::create_dir_all(&prefix)
                .map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
            std::fs::copy(src.join("package.json"), prefix.join("package.json"))
                .map_err(|e| format!("cannot copy package.json: {e}"))?;
            eprintln!("installing chrono-node into {} ...", prefix.display());
            let status = Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .status()
                .map_err(|e| format!("npm is not available ({e}), so chrono-node was not run"))?;
            if !status.success() {
                return Err(format!(
                    "npm install failed ({status}), so chrono-node was not run"
                ));
            }
        }
        std::fs::copy(src.join("adapter.mjs"), prefix.join("adapter.mjs"))
            .map_err(|e| format!("cannot copy adapter: {e}"))?;
        let mut rows = Vec::new();
        let mut combined = Evaluation::default();
        let (mut all_seconds, mut all_bytes) = (0.0, 0);
        for c in corpora {
            let input: Vec<ChronoIn<'_>> = c
                .docs
                .iter()
                .map(|d| ChronoIn {
                    text: &d.text,
                    dct: d.dct.map(|x| x.to_string()).unwrap_or_default(),
                })
                .collect();
            let json = serde_json::to_vec(&input).map_err(|e| e.to_string())?;
            let out = run_node(&prefix.join("adapter.mjs"), &json)?;
            let parsed: ChronoRun = serde_json::from_slice(&out)
                .map_err(|e| format!("adapter output is not JSON: {e}"))?;
            let mut e = Evaluation::default();
            for (doc, cd) in c.docs.iter().zip(&parsed.docs) {
                let system: Vec<SystemTimex> = cd
                    .timexes
                    .iter()
                    .filter(|t| t.start <= t.end && t.end <= doc.text.len())
                    .map(|t| SystemTimex {
                        span: Span::new(t.start, t.end),
                        kind: TimexType::from_name(&t.kind).unwrap_or(TimexType::Date),
                        value: t.value.clone(),
                    })
                    .collect();
                e.merge(score_system(&doc.text, &doc.gold, &system));
            }
            all_seconds += parsed.seconds;
            all_bytes += c.bytes;
            combined.merge(e.clone());
            rows.push(Row {
                tagger: "chrono",
                corpus: c.name.clone(),
                eval: e,
                seconds: parsed.seconds,
                bytes: c.bytes,
            });
        }
        rows.push(Row {
            tagger: "chrono",
            corpus: "combined".into(),
            eval: combined,
            seconds: all_seconds,
            bytes: all_bytes,
        });
        Ok(rows)
    }

    fn run_node(adapter: &Path, input: &[u8]) -> Result<Vec<u8>, String> {
        use std::io::Write;
        let mut child = Command::new("node")
            .arg(adapter)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start node: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input)
                .map_err(|e| format!("cannot feed the adapter: {e}"))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| format!("adapter failed: {e}"))?;
        if !out.status.success() {
            return Err(format!("the adapter exited with {}", out.status));
        }
        Ok(out.stdout)
    }

    /// Seconds the tagger alone takes over `docs`: the fastest of three runs, since the
    /// machine may be busy with other work.
    fn time_tagger(docs: &[TimemlDoc]) -> f64 {
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let found: usize = docs.iter().map(|d| tag_timexes(&d.text, d.dct).len()).sum();
                std::hint::black_box(found);
                started.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    }
}
