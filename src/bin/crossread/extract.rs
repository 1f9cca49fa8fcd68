//! `crossread eval-extract [DIR]`: runs the HTML reader over a benchmark folder (`html/*.html.gz`
//! plus `ground-truth.json`) and prints main-text precision, recall and F1, the worst pages,
//! publication-date agreement and throughput. It does the file work only; scoring lives in
//! `crossread::analysis::ingest::html::eval`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crossread::analysis::ingest::html::eval::{main_text, score_shingles};
use crossread::analysis::ingest::html::parse_html;

/// One benchmark page: its id, decoded HTML, reference text and address.
pub struct BenchPage {
    /// The page id (file name without `.html.gz`).
    pub id: String,
    /// The page, decoded.
    pub html: String,
    /// The reference main text.
    pub reference: String,
    /// The page's address, when the ground truth gives it.
    pub url: Option<String>,
}

/// The default benchmark folder, next to the repository.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/article-extraction")
}

/// Reads every page of a benchmark folder, in id order.
pub fn load_pages(dir: &Path) -> Result<Vec<BenchPage>, String> {
    let truth_path = dir.join("ground-truth.json");
    let truth: serde_json::Value = std::fs::read(&truth_path)
        .map_err(|e| format!("cannot read {}: {e}", truth_path.display()))
        .and_then(|b| {
            serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", truth_path.display()))
        })?;
    let mut pages = Vec::new();
    let Some(entries) = truth.as_object() else {
        return Err(format!("{} is not a JSON object", truth_path.display()));
    };
    for (id, entry) in entries {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut raw)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        pages.push(BenchPage {
            id: id.clone(),
            html: String::from_utf8_lossy(&raw).into_owned(),
            reference: entry["articleBody"].as_str().unwrap_or("").to_string(),
            url: entry["url"].as_str().map(str::to_string),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The date in a page address such as `/2019/11/19/`, as `YYYY-MM-DD`.
fn url_date(url: &str) -> Option<String> {
    let re = regex::Regex::new(r"/((?:19|20)\d{2})[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[^\d])").ok()?;
    let c = re.captures(url)?;
    Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

/// Runs the evaluation and prints the report.
pub fn run_eval(args: &[String]) -> ExitCode {
    let dir = args.first().map(PathBuf::from).unwrap_or_else(default_dir);
    let pages = match load_pages(&dir) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("crossread: no pages found in {}", dir.display());
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("crossread: {e}");
            return ExitCode::from(1);
        }
    };
    let verbose = std::env::var_os("CROSSREAD_EVAL_VERBOSE").is_some();
    let mut rows = Vec::new();
    let (mut dated, mut date_right, mut date_missing) = (0, 0, 0);
    let mut bytes = 0usize;
    let started = Instant::now();
    for page in &pages {
        let (doc, _) = parse_html(&page.id, &page.html);
        bytes += page.html.len();
        let score = score_shingles(&main_text(&doc), &page.reference);
        if let Some(want) = page.url.as_deref().and_then(url_date) {
            dated += 1;
            match &doc.published {
                Some(p) if p.date.value.starts_with(&want) => date_right += 1,
                Some(p) if verbose => {
                    println!(
                        "date {}: got {} from {}, address says {want}",
                        page.id, p.date.value, p.evidence.source
                    )
                }
                Some(_) => {}
                None => date_missing += 1,
            }
        }
        rows.push((page.id.clone(), score));
    }
    let seconds = started.elapsed().as_secs_f64();
    let n = rows.len() as f64;
    let mean = |f: fn(&crossread::analysis::ingest::html::eval::ShingleScore) -> f64| {
        rows.iter().map(|(_, s)| f(s)).sum::<f64>() / n
    };
    println!("pages: {}", rows.len());
    println!(
        "main text (4-word shingles): precision {:.3}  recall {:.3}  F1 {:.3}",
        mean(|s| s.precision),
        mean(|s| s.recall),
        mean(|s| s.f1)
    );
    rows.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1));
    println!("worst pages:");
    for (id, s) in rows.iter().take(10) {
        println!(
            "  {id}  P {:.3}  R {:.3}  F1 {:.3}",
            s.precision, s.recall, s.f1
        );
    }
    println!(
        "publication date: {date_right}/{dated} agree with the date in the page address ({date_missing} undated)"
    );
    println!(
        "throughput: {:.1} MB/s ({:.1} MB in {:.2} s)",
        bytes as f64 / 1e6 / seconds,
        bytes as f64 / 1e6,
        seconds
    );
    ExitCode::SUCCESS
}
