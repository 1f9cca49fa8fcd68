//! Opens zip archives and gzip files and reads each file inside through `ingest`, naming it
//! "archive.zip/inner/path.txt". It must not trust the sizes an archive declares: every entry is
//! unpacked against a budget of entries, bytes and compression ratio, so a zip bomb is refused
//! before it can exhaust memory, and archives nest at most `max_depth` deep.

use std::io::{Cursor, Read};

use serde::{Deserialize, Serialize};

use super::{IngestConfig, IngestOutcome, human_size, ingest_nested};
use crate::analysis::article::{Diagnostic, Severity};

/// Limits that keep a hostile archive from exhausting memory or time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveLimits {
    /// Most entries read from one dropped file, nested archives included.
    pub max_entries: usize,
    /// Most bytes unpacked from one dropped file, nested archives included.
    pub max_unpacked_bytes: usize,
    /// Most bytes unpacked per byte of archive, once more than `ratio_floor_bytes` are unpacked.
    /// Text compresses about 3 to 10 times; a bomb of repeated bytes, a thousand times.
    pub max_ratio: usize,
    /// Below this many unpacked bytes the ratio is not checked: small files may compress well.
    pub ratio_floor_bytes: usize,
    /// How many archives deep a file may sit (a zip in a zip is 2 deep).
    pub max_depth: u32,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_entries: 5_000,
            max_unpacked_bytes: 200 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor_bytes: 1024 * 1024,
            max_depth: 2,
        }
    }
}

/// What is left to unpack for one dropped file, shared by every archive nested in it.
#[derive(Debug, Clone)]
pub(super) struct ArchiveBudget {
    limits: ArchiveLimits,
    entries_left: usize,
    bytes_left: usize,
}

impl ArchiveBudget {
    pub(super) fn new(limits: &ArchiveLimits) -> ArchiveBudget {
        ArchiveBudget {
            limits: limits.clone(),
            entries_left: limits.max_entries,
            bytes_left: limits.max_unpacked_bytes,
        }
    }
}

/// File name endings of things a saved page or export carries beside its articles.
const NOT_ARTICLES: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".avif", ".css", ".js",
    ".mjs", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".webm", ".mov", ".wav",
];

/// Why unpacking stopped for the whole archive.
enum Refusal {
    TooBig(String),
}

/// Reads every file in a zip archive.
pub(super) fn read_zip(
    file: &str,
    bytes: &[u8],
    config: &IngestConfig,
    depth: u32,
    budget: &mut ArchiveBudget,
) -> IngestOutcome {
    let mut outcome = IngestOutcome::default();
    if let Some(refusal) = refuse_depth(file, depth, budget) {
        outcome.diagnostics.push(refusal);
        return outcome;
    }
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(_) => {
            outcome.diagnostics.push(Diagnostic::error(
                file,
                "The archive is damaged or cut short.",
            ));
            return outcome;
        }
    };
    let count = archive.len();
    if count > budget.entries_left {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            format!(
                "The archive holds {count} entries, more than the limit of {}; it was not opened.",
                budget.limits.max_entries
            ),
        ));
        return outcome;
    }
    // The sizes the archive declares are checked first, so an honest bomb is refused before
    // anything is unpacked. A lying one is caught while unpacking.
    let declared: u64 = (0..count)
        .filter_map(|i| archive.by_index_raw(i).ok().map(|e| e.size()))
        .fold(0u64, u64::saturating_add);
    if let Some(Refusal::TooBig(message)) = check_size(declared, bytes.len(), budget) {
        outcome.diagnostics.push(Diagnostic::error(file, message));
        return outcome;
    }
    let mut skipped = 0;
    let mut unpacked_here = 0usize;
    for index in 0..count {
        let mut entry = match archive.by_index(index) {
            Ok(entry) => entry,
            Err(error) => {
                outcome.diagnostics.push(Diagnostic::warning(
                    file,
                    format!("Entry {} could not be unpacked ({error}).", index + 1),
                ));
                continue;
            }
        };
        let name = entry
            .name()
            .map(|n| n.chars().take(300).collect::<String>())
            .unwrap_or_else(|_| format!("entry {}", index + 1));
        if entry.is_dir() {
            continue;
        }
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        let lower = name.to_ascii_lowercase();
        if name.starts_with("__MACOSX/") || base.starts_with('.') || base.is_empty() {
            continue;
        }
        if NOT_ARTICLES.iter().any(|ext| lower.ends_with(ext)) {
            skipped += 1;
            continue;
        }
        let inner_name = format!("{file}/{name}");
        budget.entries_left = budget.entries_left.saturating_sub(1);
        let content = match unpack(&mut entry, config, budget) {
            Ok(content) => content,
            Err(Unpack::Damaged) => {
                outcome.diagnostics.push(Diagnostic::error(
                    &inner_name,
                    "This archive entry is damaged or cut short, so it was not read.",
                ));
                continue;
            }
            Err(Unpack::EntryTooBig) => {
                outcome.diagnostics.push(Diagnostic::error(
                    &inner_name,
                    format!(
                        "The file unpacks to more than {}, so it was not read.",
                        human_size(config.max_file_bytes)
                    ),
                ));
                continue;
            }
            Err(Unpack::BudgetSpent) => {
                return refuse_all(file, too_big_message(budget));
            }
        };
        unpacked_here += content.len();
        if let Some(Refusal::TooBig(message)) =
            check_ratio(unpacked_here as u64, bytes.len(), &budget.limits)
        {
            return refuse_all(file, message);
        }
        drop(entry);
        let inner = ingest_nested(&inner_name, &content, config, depth + 1, budget);
        outcome.documents.extend(inner.documents);
        outcome.diagnostics.extend(inner.diagnostics);
    }
    if skipped > 0 {
        outcome.diagnostics.push(Diagnostic::warning(
            file,
            format!(
                "Skipped {} that {} not articles (images, styles, scripts, fonts, media).",
                if skipped == 1 {
                    "1 entry".to_string()
                } else {
                    format!("{skipped} entries")
                },
                if skipped == 1 { "is" } else { "are" },
            ),
        ));
    }
    if outcome.documents.is_empty()
        && !outcome
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            "No article was found in the archive.",
        ));
    }
    outcome
}

/// Reads the one file a gzip stream holds.
pub(super) fn read_gzip(
    file: &str,
    bytes: &[u8],
    config: &IngestConfig,
    depth: u32,
    budget: &mut ArchiveBudget,
) -> IngestOutcome {
    let mut outcome = IngestOutcome::default();
    if let Some(refusal) = refuse_depth(file, depth, budget) {
        outcome.diagnostics.push(refusal);
        return outcome;
    }
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes);
    let content = match unpack(&mut decoder, config, budget) {
        Ok(content) => content,
        Err(Unpack::Damaged) => {
            outcome.diagnostics.push(Diagnostic::error(
                file,
                "The gzip file is damaged or cut short.",
            ));
            return outcome;
        }
        Err(Unpack::EntryTooBig) => {
            outcome.diagnostics.push(Diagnostic::error(
                file,
                format!(
                    "The file unpacks to more than {}, so it was not read.",
                    human_size(config.max_file_bytes)
                ),
            ));
            return outcome;
        }
        Err(Unpack::BudgetSpent) => return refuse_all(file, too_big_message(budget)),
    };
    if let Some(Refusal::TooBig(message)) =
        check_ratio(content.len() as u64, bytes.len(), &budget.limits)
    {
        return refuse_all(file, message);
    }
    let stored_name = decoder
        .header()
        .and_then(|h| h.filename())
        .map(|n| {
            String::from_utf8_lossy(n)
                .chars()
                .take(300)
                .collect::<String>()
        })
        .filter(|n| !n.trim().is_empty());
    let base = file.rsplit('/').next().unwrap_or(file);
    let inner = stored_name.unwrap_or_else(|| {
        let lower = base.to_ascii_lowercase();
        let cut = [".gz", ".gzip"]
            .iter()
            .find(|ext| lower.ends_with(*ext))
            .map_or(0, |ext| ext.len());
        base[..base.len() - cut].to_string()
    });
    ingest_nested(
        &format!("{file}/{inner}"),
        &content,
        config,
        depth + 1,
        budget,
    )
}

enum Unpack {
    Damaged,
    EntryTooBig,
    BudgetSpent,
}

/// Reads a stream to its end, but never more than one file's limit or the budget allows.
fn unpack(
    reader: &mut impl Read,
    config: &IngestConfig,
    budget: &mut ArchiveBudget,
) -> Result<Vec<u8>, Unpack> {
    let limit = config.max_file_bytes.min(budget.bytes_left);
    let mut content = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut content)
        .map_err(|_| Unpack::Damaged)?;
    if content.len() > limit {
        return Err(if limit == budget.bytes_left {
            Unpack::BudgetSpent
        } else {
            Unpack::EntryTooBig
        });
    }
    budget.bytes_left -= content.len();
    Ok(content)
}

fn refuse_depth(file: &str, depth: u32, budget: &ArchiveBudget) -> Option<Diagnostic> {
    (depth >= budget.limits.max_depth).then(|| {
        Diagnostic::error(
            file,
            format!(
                "This archive sits inside {} others; archives nested more than {} deep are not opened.",
                depth, budget.limits.max_depth
            ),
        )
    })
}

/// Refuses an archive whose declared unpacked size breaks the budget or the ratio limit.
fn check_size(unpacked: u64, packed: usize, budget: &ArchiveBudget) -> Option<Refusal> {
    if unpacked > budget.bytes_left as u64 {
        return Some(Refusal::TooBig(too_big_message(budget)));
    }
    check_ratio(unpacked, packed, &budget.limits)
}

/// Refuses an archive that unpacks to far more than its own size.
fn check_ratio(unpacked: u64, packed: usize, limits: &ArchiveLimits) -> Option<Refusal> {
    let ratio_limit = (packed as u64).saturating_mul(limits.max_ratio as u64);
    if unpacked > limits.ratio_floor_bytes as u64 && unpacked > ratio_limit {
        return Some(Refusal::TooBig(format!(
            "The archive unpacks to more than {} times its own size ({} from {}); it was not opened.",
            limits.max_ratio,
            human_size(usize::try_from(unpacked).unwrap_or(usize::MAX)),
            human_size(packed)
        )));
    }
    None
}

fn too_big_message(budget: &ArchiveBudget) -> String {
    format!(
        "The archive unpacks to more than {}; it was not opened.",
        human_size(budget.limits.max_unpacked_bytes)
    )
}

fn refuse_all(file: &str, message: String) -> IngestOutcome {
    IngestOutcome {
        documents: Vec::new(),
        diagnostics: vec![Diagnostic::error(file, message)],
    }
}
