//! Opens zip archives and gzip files and reads each file inside through `ingest`, naming it
//! "archive.zip/inner/path.txt". It must not trust the sizes an archive declares: every entry is
//! unpacked against a budget of entries, bytes and compression ratio, so a zip bomb is refused
//! before it can exhaust memory, and archives nest at most `max_depth` deep.
//!
//! The zip and gzip containers are read here, over miniz_oxide's inflater: only stored and
//! deflated entries occur in the wild for articles, and the zip crate would cost about 150 KiB
//! of wasm for features that are never used.

use miniz_oxide::inflate::stream::{InflateState, inflate};
use miniz_oxide::{DataFormat, MZFlush, MZStatus};

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
    let Some(entries) = read_central_directory(bytes) else {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            "The archive is damaged or cut short.",
        ));
        return outcome;
    };
    let count = entries.len();
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
    let declared: u64 = entries
        .iter()
        .map(|e| e.size)
        .fold(0u64, u64::saturating_add);
    if let Some(Refusal::TooBig(message)) = check_size(declared, bytes.len(), budget) {
        outcome.diagnostics.push(Diagnostic::error(file, message));
        return outcome;
    }
    let mut skipped = 0;
    let mut unpacked_here = 0usize;
    for entry in &entries {
        let name = &entry.name;
        if name.ends_with('/') {
            continue;
        }
        let base = name.rsplit('/').next().unwrap_or(name);
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
        let content = match unpack_entry(bytes, entry, config, budget) {
            Ok(content) => content,
            Err(Unpack::Damaged) => {
                outcome.diagnostics.push(Diagnostic::error(
                    &inner_name,
                    "This archive entry is damaged or cut short, so it was not read.",
                ));
                continue;
            }
            Err(Unpack::Unsupported(why)) => {
                outcome
                    .diagnostics
                    .push(Diagnostic::error(&inner_name, why));
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
    let (content, stored_name) = match unpack_gzip(bytes, config, budget) {
        Ok(unpacked) => unpacked,
        Err(Unpack::Damaged | Unpack::Unsupported(_)) => {
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
    Unsupported(String),
    EntryTooBig,
    BudgetSpent,
}

/// One file listed in a zip's central directory.
struct ZipEntry {
    name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    local_offset: u64,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Lists a zip's entries from its central directory, or None when the archive is damaged or
/// cut short (the directory sits at the end, so a cut archive loses it).
fn read_central_directory(bytes: &[u8]) -> Option<Vec<ZipEntry>> {
    const END: &[u8] = b"PK\x05\x06";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let end = (search_from..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(END))?;
    let mut count = u64::from(u16_at(bytes, end + 10)?);
    let mut offset = u64::from(u32_at(bytes, end + 16)?);
    // Zip64 archives keep the real count and offset in a second end record.
    if (count == 0xFFFF || offset == 0xFFFF_FFFF)
        && end >= 20
        && bytes.get(end - 20..end - 16) == Some(b"PK\x06\x07".as_slice())
    {
        let record = usize::try_from(u64_at(bytes, end - 12)?).ok()?;
        if bytes.get(record..record + 4) != Some(b"PK\x06\x06".as_slice()) {
            return None;
        }
        count = u64_at(bytes, record + 32)?;
        offset = u64_at(bytes, record + 48)?;
    }
    // Every entry takes at least 46 bytes, so a count the file cannot hold is damage.
    if count.saturating_mul(46) > bytes.len() as u64 {
        return None;
    }
    let mut at = usize::try_from(offset).ok()?;
    let mut entries = Vec::with_capacity(count as usize);
    for _ in 0..count {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02".as_slice()) {
            return None;
        }
        let flags = u16_at(bytes, at + 8)?;
        let name_len = usize::from(u16_at(bytes, at + 28)?);
        let extra_len = usize::from(u16_at(bytes, at + 30)?);
        let comment_len = usize::from(u16_at(bytes, at + 32)?);
        let name_bytes = bytes.get(at + 46..at + 46 + name_len)?;
        let extra = bytes.get(at + 46 + name_len..at + 46 + name_len + extra_len)?;
        let mut entry = ZipEntry {
            name: String::from_utf8_lossy(name_bytes)
                .chars()
                .take(300)
                .collect(),
            flags,
            method: u16_at(bytes, at + 10)?,
            crc: u32_at(bytes, at + 16)?,
            compressed: u64::from(u32_at(bytes, at + 20)?),
            size: u64::from(u32_at(bytes, at + 24)?),
            local_offset: u64::from(u32_at(bytes, at + 42)?),
        };
        read_zip64_extra(extra, &mut entry);
        entries.push(entry);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(entries)
}

/// Replaces saturated 32-bit sizes and offsets with the 64-bit ones of the zip64 extra field.
fn read_zip64_extra(extra: &[u8], entry: &mut ZipEntry) {
    let mut at = 0;
    while let (Some(id), Some(len)) = (u16_at(extra, at), u16_at(extra, at + 2)) {
        let data = extra.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
        if id == 1 {
            let mut next = 0;
            for value in [
                &mut entry.size,
                &mut entry.compressed,
                &mut entry.local_offset,
            ] {
                if *value == 0xFFFF_FFFF
                    && let Some(wide) = u64_at(data, next)
                {
                    *value = wide;
                    next += 8;
                }
            }
            return;
        }
        at += 4 + usize::from(len);
    }
}

/// Unpacks one zip entry within one file's limit and the budget, checking its CRC.
fn unpack_entry(
    bytes: &[u8],
    entry: &ZipEntry,
    config: &IngestConfig,
    budget: &mut ArchiveBudget,
) -> Result<Vec<u8>, Unpack> {
    if entry.flags & 1 != 0 {
        return Err(Unpack::Unsupported(
            "This archive entry is encrypted, so it was not read.".into(),
        ));
    }
    let local = usize::try_from(entry.local_offset).map_err(|_| Unpack::Damaged)?;
    if bytes.get(local..local + 4) != Some(b"PK\x03\x04".as_slice()) {
        return Err(Unpack::Damaged);
    }
    let name_len = usize::from(u16_at(bytes, local + 26).ok_or(Unpack::Damaged)?);
    let extra_len = usize::from(u16_at(bytes, local + 28).ok_or(Unpack::Damaged)?);
    let start = local + 30 + name_len + extra_len;
    let compressed = usize::try_from(entry.compressed).map_err(|_| Unpack::Damaged)?;
    let data = bytes
        .get(start..start.saturating_add(compressed))
        .ok_or(Unpack::Damaged)?;
    let limit = config.max_file_bytes.min(budget.bytes_left);
    let content = match entry.method {
        0 if data.len() > limit => return Err(over_limit(limit, budget)),
        0 => data.to_vec(),
        8 => inflate_raw(data, limit, budget)?.0,
        method => {
            return Err(Unpack::Unsupported(format!(
                "This archive entry is compressed with a method that cannot be opened here (method {method}); only stored and deflated entries can."
            )));
        }
    };
    if crc32(&content) != entry.crc {
        return Err(Unpack::Damaged);
    }
    budget.bytes_left -= content.len();
    Ok(content)
}

fn over_limit(limit: usize, budget: &ArchiveBudget) -> Unpack {
    if limit == budget.bytes_left {
        Unpack::BudgetSpent
    } else {
        Unpack::EntryTooBig
    }
}

/// Inflates a raw deflate stream, stopping as soon as the output passes `limit`. Returns the
/// output and how many input bytes the stream used.
fn inflate_raw(
    data: &[u8],
    limit: usize,
    budget: &ArchiveBudget,
) -> Result<(Vec<u8>, usize), Unpack> {
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 32 * 1024];
    let mut consumed = 0;
    loop {
        let input = data.get(consumed..).unwrap_or(&[]);
        let result = inflate(&mut state, input, &mut chunk, MZFlush::None);
        consumed += result.bytes_consumed;
        if out.len() + result.bytes_written > limit {
            return Err(over_limit(limit, budget));
        }
        out.extend_from_slice(&chunk[..result.bytes_written]);
        match result.status {
            Ok(MZStatus::StreamEnd) => return Ok((out, consumed)),
            // Each round must make progress; a stream that stops short is cut.
            Ok(_) if result.bytes_consumed > 0 || result.bytes_written > 0 => {}
            _ => return Err(Unpack::Damaged),
        }
    }
}

/// Unpacks a gzip file within `config`'s limits, for callers that need the raw bytes (the CLI's
/// evaluation over `.html.gz` pages). Returns a plain-language reason when it cannot.
pub fn gunzip(bytes: &[u8], config: &IngestConfig) -> Result<Vec<u8>, String> {
    let mut budget = ArchiveBudget::new(&config.archive);
    unpack_gzip(bytes, config, &mut budget)
        .map(|(content, _)| content)
        .map_err(|_| {
            "The gzip file is damaged, cut short or unpacks beyond the limits.".to_string()
        })
}

/// Unpacks every member of a gzip file; returns the content and the stored file name.
fn unpack_gzip(
    bytes: &[u8],
    config: &IngestConfig,
    budget: &mut ArchiveBudget,
) -> Result<(Vec<u8>, Option<String>), Unpack> {
    let limit = config.max_file_bytes.min(budget.bytes_left);
    let mut content = Vec::new();
    let mut name = None;
    let mut at = 0;
    while bytes.get(at..at + 2) == Some(b"\x1F\x8B".as_slice()) {
        let header = bytes.get(at..at + 10).ok_or(Unpack::Damaged)?;
        if header[2] != 8 {
            return Err(Unpack::Damaged);
        }
        let flags = header[3];
        let mut pos = at + 10;
        if flags & 4 != 0 {
            pos += 2 + usize::from(u16_at(bytes, pos).ok_or(Unpack::Damaged)?);
        }
        for (bit, keep) in [(8u8, true), (16u8, false)] {
            if flags & bit != 0 {
                let len = bytes
                    .get(pos..)
                    .and_then(|rest| rest.iter().position(|&b| b == 0))
                    .ok_or(Unpack::Damaged)?;
                if keep && name.is_none() {
                    name = Some(
                        String::from_utf8_lossy(&bytes[pos..pos + len])
                            .chars()
                            .take(300)
                            .collect(),
                    );
                }
                pos += len + 1;
            }
        }
        if flags & 2 != 0 {
            pos += 2;
        }
        let stream = bytes.get(pos..).ok_or(Unpack::Damaged)?;
        let (member, used) = inflate_raw(stream, limit - content.len(), budget)?;
        let trailer = pos + used;
        if u32_at(bytes, trailer) != Some(crc32(&member)) {
            return Err(Unpack::Damaged);
        }
        content.extend_from_slice(&member);
        at = trailer + 8;
    }
    if at == 0 {
        return Err(Unpack::Damaged);
    }
    budget.bytes_left -= content.len();
    Ok((content, name))
}

/// The CRC-32 (IEEE) that zip and gzip store for each file.
fn crc32(data: &[u8]) -> u32 {
    static TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !data
        .iter()
        .fold(!0u32, |c, &b| TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8))
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::super::{IngestConfig, ingest_file};
    use super::*;

    fn stored_zip(name: &str, content: &[u8]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        writer.start_file(name, options).unwrap();
        writer.write_all(content).unwrap();
        writer.finish().unwrap().into_inner()
    }

    fn gzip(name: Option<&str>, content: &[u8]) -> Vec<u8> {
        let mut builder = flate2::GzBuilder::new();
        if let Some(name) = name {
            builder = builder.filename(name);
        }
        let mut encoder = builder.write(Vec::new(), flate2::Compression::default());
        encoder.write_all(content).unwrap();
        encoder.finish().unwrap()
    }

    /// Drops the bytes as `file` and renders each document's file and text, then each message.
    fn check(file: &str, bytes: &[u8], expect: &str) {
        let outcome = ingest_file(file, bytes, &IngestConfig::default());
        let mut got = String::new();
        for d in &outcome.documents {
            got += &format!("{}: {:?}\n", d.file, d.text);
        }
        for d in &outcome.diagnostics {
            got += &format!("{:?} [{}]: {}\n", d.severity, d.file, d.message);
        }
        assert_eq!(got, expect);
    }

    const STORY: &[u8] = b"Trump invites Putin\n\nThe White House said so.";

    #[test]
    fn reads_stored_entries_and_refuses_damaged_ones() {
        let zip = stored_zip("s.txt", STORY);
        check(
            "a.zip",
            &zip,
            "a.zip/s.txt: \"Trump invites Putin\\n\\nThe White House said so.\"\n",
        );
        let mut damaged = zip.clone();
        let at = damaged.windows(5).position(|w| w == b"Trump").unwrap();
        damaged[at] = b't';
        check(
            "a.zip",
            &damaged,
            "Error [a.zip/s.txt]: This archive entry is damaged or cut short, so it was not read.\n",
        );
        let mut bzip2 = zip.clone();
        for signature in [b"PK\x03\x04".as_slice(), b"PK\x01\x02".as_slice()] {
            let at = bzip2.windows(4).position(|w| w == signature).unwrap();
            let method_at = if signature == b"PK\x03\x04" {
                at + 8
            } else {
                at + 10
            };
            bzip2[method_at] = 12;
        }
        check(
            "a.zip",
            &bzip2,
            "Error [a.zip/s.txt]: This archive entry is compressed with a method that cannot be opened here (method 12); only stored and deflated entries can.\n",
        );
    }

    #[test]
    fn reads_gzip_names_and_members() {
        check(
            "x.gz",
            &gzip(Some("inner.md"), b"# Head line\n\nBody."),
            "x.gz/inner.md: \"Head line\\n\\nBody.\"\n",
        );
        let mut two = gzip(None, b"First half, ");
        two.extend(gzip(None, b"second half."));
        check(
            "story.txt.gz",
            &two,
            "story.txt.gz/story.txt: \"First half, second half.\"\n",
        );
        let mut bad_crc = gzip(None, STORY);
        let n = bad_crc.len();
        bad_crc[n - 8] ^= 1;
        check(
            "story.txt.gz",
            &bad_crc,
            "Error [story.txt.gz]: The gzip file is damaged or cut short.\n",
        );
    }

    #[test]
    fn computes_the_standard_crc() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
