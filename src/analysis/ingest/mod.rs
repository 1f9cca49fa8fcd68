//! Turns one dropped file (name and bytes) into documents plus plain-language diagnostics.
//! It decides what kind of file it is from its content (the name only breaks ties) and hands it
//! to the reader for that kind; all HTML, wherever it is found, goes through `html_to_documents`.
//! It must never panic on any bytes, and every file yields either documents or an error
//! diagnostic.

pub mod agency;
pub mod archive;
pub mod dateline;
pub mod encoding;
pub mod feed;
pub mod html;
pub mod json;
pub mod mail;
pub mod markdown;
pub mod markup;
pub mod txt;

use serde::{Deserialize, Serialize};

use super::article::{Diagnostic, Document, Evidence, Field, Published, RejectedDate, Severity};
use super::timevalue::TimeValue;
use archive::{ArchiveBudget, ArchiveLimits};

/// Limits for reading files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestConfig {
    /// Files larger than this many bytes are refused, so one huge file cannot stall the tab.
    /// Inside an archive, the same limit applies to each unpacked entry.
    pub max_file_bytes: usize,
    /// Limits that keep a hostile archive (a zip bomb) from exhausting memory.
    #[serde(default)]
    pub archive: ArchiveLimits,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_file_bytes: 20 * 1024 * 1024,
            archive: ArchiveLimits::default(),
        }
    }
}

/// What reading one file produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestOutcome {
    /// The articles found in the file, in file order.
    pub documents: Vec<Document>,
    /// Messages about the file. When `documents` is empty, at least one is an error.
    pub diagnostics: Vec<Diagnostic>,
}

/// Magic numbers of common binary formats, with a name a person recognises. Zip and gzip are
/// not here: they are opened.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (
        b"7z\xBC\xAF\x27\x1C",
        "a 7-Zip archive, which cannot be opened here (zip and gzip can)",
    ),
    (
        b"Rar!",
        "a RAR archive, which cannot be opened here (zip and gzip can)",
    ),
    (
        b"BZh",
        "a bzip2 archive, which cannot be opened here (zip and gzip can)",
    ),
    (
        b"\xFD7zXZ\0",
        "an xz archive, which cannot be opened here (zip and gzip can)",
    ),
    (
        b"\x28\xB5\x2F\xFD",
        "a zstd archive, which cannot be opened here (zip and gzip can)",
    ),
    (b"\x00\x00\x00", "a binary media file"),
];

/// The kinds of file `ingest_file` tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Zip,
    Gzip,
    Feed,
    Html,
    Json,
    Markdown,
    Text,
}

/// Reads one file into documents. The format is sniffed from the bytes (magic numbers, the first
/// element, e-mail headers), with the file name's extension only breaking ties. Unsupported,
/// empty, oversized and binary files come back as an error diagnostic with a reason a person
/// can act on.
pub fn ingest_file(file: &str, bytes: &[u8], config: &IngestConfig) -> IngestOutcome {
    let mut budget = ArchiveBudget::new(&config.archive);
    ingest_nested(file, bytes, config, 0, &mut budget)
}

/// Reads one file found `depth` archives deep, drawing unpacked bytes from `budget`.
fn ingest_nested(
    file: &str,
    bytes: &[u8],
    config: &IngestConfig,
    depth: u32,
    budget: &mut ArchiveBudget,
) -> IngestOutcome {
    let mut outcome = IngestOutcome::default();
    if bytes.is_empty() {
        outcome
            .diagnostics
            .push(Diagnostic::error(file, "The file is empty."));
        return outcome;
    }
    if bytes.len() > config.max_file_bytes {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            format!(
                "The file is {} and larger than the limit of {}, so it was not read.",
                human_size(bytes.len()),
                human_size(config.max_file_bytes)
            ),
        ));
        return outcome;
    }
    match sniff_binary_format(bytes) {
        Some(Format::Zip) => return archive::read_zip(file, bytes, config, depth, budget),
        Some(Format::Gzip) => return archive::read_gzip(file, bytes, config, depth, budget),
        _ => {}
    }
    if let Some(what) = binary_kind(bytes) {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            format!(
                "This looks like {what}, not an article. Drop text, HTML, feeds, e-mail, Markdown, JSON or zip files."
            ),
        ));
        return outcome;
    }
    let (documents, diagnostics) = if mail::looks_like_mail(file, bytes) {
        mail::parse_mail(file, bytes)
    } else {
        let decoded = match encoding::decode_bytes(bytes) {
            Ok(decoded) => decoded,
            Err(reason) => {
                outcome.diagnostics.push(Diagnostic::error(file, reason));
                return outcome;
            }
        };
        if decoded.how == Some("detected") && decoded.charset != "UTF-8" {
            outcome.diagnostics.push(Diagnostic::warning(
                file,
                format!(
                    "The file's character set was detected as {}; the file does not declare a usable one.",
                    decoded.charset
                ),
            ));
        }
        let text = decoded.text;
        if text.trim().is_empty() {
            outcome
                .diagnostics
                .push(Diagnostic::error(file, "The file holds only white space."));
            return outcome;
        }
        match sniff_text_format(file, &text) {
            Format::Feed => feed::parse_feed(file, &text),
            Format::Html => html_to_documents(file, &text),
            Format::Json => json::parse_json(file, &text),
            Format::Markdown => markdown::parse_markdown(file, &text),
            _ => txt::parse_text(file, &text),
        }
    };
    outcome.documents = documents;
    for doc in &mut outcome.documents {
        agency::add_agency_outlet(doc);
    }
    outcome.diagnostics.extend(diagnostics);
    finish_outcome(file, &mut outcome);
    outcome
}

/// Keeps the promise that a file without documents carries an error.
fn finish_outcome(file: &str, outcome: &mut IngestOutcome) {
    let has_error = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if outcome.documents.is_empty() && !has_error {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            "No article text was found in the file.",
        ));
    }
}

fn sniff_binary_format(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Format::Zip)
    } else if bytes.starts_with(b"\x1F\x8B") {
        Some(Format::Gzip)
    } else {
        None
    }
}

fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.get(257..262) == Some(b"ustar".as_slice()) {
        return Some("a tar archive, which cannot be opened here (zip and gzip can)");
    }
    BINARY_SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Picks the reader for decoded text: the content decides, the extension breaks ties.
fn sniff_text_format(file: &str, text: &str) -> Format {
    let head = text.trim_start_matches('\u{FEFF}').trim_start();
    let extension = file
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if head.starts_with('<') {
        let root = first_element_name(head);
        if matches!(root.as_str(), "rss" | "feed" | "rdf:rdf" | "rdf") {
            return Format::Feed;
        }
        if matches!(root.as_str(), "html" | "head" | "body" | "!doctype")
            || matches!(extension.as_str(), "html" | "htm" | "xhtml")
        {
            return Format::Html;
        }
        if matches!(extension.as_str(), "xml" | "rss" | "atom") {
            return Format::Feed;
        }
        return Format::Html;
    }
    let first_line = head.lines().next().unwrap_or("");
    if (head.starts_with('{') || head.starts_with('['))
        && (matches!(extension.as_str(), "json" | "jsonl" | "ndjson")
            || serde_json::from_str::<serde::de::IgnoredAny>(head).is_ok()
            || serde_json::from_str::<serde::de::IgnoredAny>(first_line).is_ok())
    {
        return Format::Json;
    }
    if matches!(extension.as_str(), "md" | "markdown" | "mdown" | "mkd")
        || markdown::has_front_matter(text)
    {
        return Format::Markdown;
    }
    Format::Text
}

/// The lower-cased name of the first element, skipping the XML declaration, comments and
/// processing instructions ("!doctype" for a doctype).
fn first_element_name(head: &str) -> String {
    let mut rest = head;
    for _ in 0..64 {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix('<') {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '!' | '-' | '_'))
                .take(40)
                .collect();
            let lower = name.to_ascii_lowercase();
            if lower == "!doctype"
                && after
                    .get(..12)
                    .is_some_and(|d| !d.to_ascii_lowercase().contains("html"))
            {
                // An XML doctype (`<!DOCTYPE rss ...>`): look at the element after it.
                rest = after.split_once('>').map_or("", |(_, r)| r);
                continue;
            }
            return lower;
        } else {
            return String::new();
        }
    }
    String::new()
}

/// Turns HTML (a saved page, a feed item's content, an e-mail's HTML part, an MHTML root) into
/// documents. Every reader that meets HTML goes through here, so one change swaps in a better
/// main-text extractor.
fn html_to_documents(file: &str, html: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let (document, diagnostics) = html::parse_html(file, html);
    if document.text.trim().is_empty() {
        return (Vec::new(), diagnostics);
    }
    // Top-level pages keep their file offsets; containers clear them in `build_article`.
    (vec![document], diagnostics)
}

/// Clears file offsets from a document's evidence, for text that was derived (from HTML, a
/// feed, an e-mail) and so no longer matches the file byte for byte.
fn forget_file_spans(doc: &mut Document) {
    let fields = doc
        .title
        .iter_mut()
        .chain(doc.outlet.iter_mut())
        .chain(doc.authors.iter_mut());
    for field in fields {
        field.evidence.file_span = None;
    }
    if let Some(published) = &mut doc.published {
        published.evidence.file_span = None;
        for rejected in &mut published.rejected {
            rejected.evidence.file_span = None;
        }
    }
}

/// What a container (a feed item, an e-mail, a JSON record, Markdown front matter) says about
/// one article, each value with its evidence.
#[derive(Debug, Default)]
struct ArticleMeta {
    title: Option<Field<String>>,
    outlet: Option<Field<String>>,
    authors: Vec<Field<String>>,
    published: Option<Field<TimeValue>>,
    updated: Option<Field<TimeValue>>,
}

/// The body of one article inside a container.
enum Body {
    Html(String),
    Text(String),
}

/// Reads one article's body and lays the container's metadata over what the body says: the
/// container's title, outlet, authors and date win, and body dates become rejected candidates.
/// The title is put at the head of the text when the body does not start with it.
fn build_article(file: &str, body: Body, meta: &ArticleMeta) -> (Vec<Document>, Vec<Diagnostic>) {
    let (mut documents, diagnostics) = match body {
        Body::Html(html) => html_to_documents(file, &html),
        Body::Text(text) => txt::parse_text(file, &text),
    };
    for doc in &mut documents {
        // A body inside a container does not start at the file's first byte, so offsets into
        // it are not file offsets. The container's own evidence keeps the spans it sets.
        forget_file_spans(doc);
        apply_meta(doc, meta);
    }
    (documents, diagnostics)
}

fn apply_meta(doc: &mut Document, meta: &ArticleMeta) {
    if let Some(title) = &meta.title {
        let mut title = title.clone();
        match headline_shown(&doc.text, &title.value) {
            // A page or e-mail title often extends the headline with the site's name
            // ("Headline | Site"); the headline the body shows is the better title.
            Some(line) => title.value = line,
            None => {
                let head = format!("{}\n\n", title.value);
                for b in &mut doc.boilerplate {
                    b.span = b.span.shifted(head.len());
                }
                doc.text.insert_str(0, &head);
            }
        }
        doc.title = Some(title);
    }
    if meta.outlet.is_some() {
        doc.outlet.clone_from(&meta.outlet);
    }
    if !meta.authors.is_empty() {
        doc.authors.clone_from(&meta.authors);
    }
    let from_body = doc.published.take();
    let chosen = meta
        .published
        .clone()
        .or_else(|| from_body.is_none().then(|| meta.updated.clone()).flatten());
    doc.published = match (chosen, from_body) {
        (Some(chosen), body) => {
            let mut rejected = Vec::new();
            if let Some(body) = body {
                let reason = |date: &TimeValue| {
                    if *date == chosen.value {
                        format!("the same date as the {}", chosen.evidence.source)
                    } else {
                        format!("weaker evidence than the {}", chosen.evidence.source)
                    }
                };
                rejected.push(RejectedDate {
                    reason: reason(&body.date),
                    date: body.date,
                    evidence: body.evidence,
                });
                rejected.extend(body.rejected);
            }
            Some(Published {
                date: chosen.value,
                evidence: chosen.evidence,
                rejected,
            })
        }
        (None, body) => body,
    };
    if let (Some(updated), Some(published)) = (&meta.updated, &mut doc.published)
        && published.evidence != updated.evidence
    {
        published.rejected.push(RejectedDate {
            date: updated.value.clone(),
            evidence: updated.evidence.clone(),
            reason: "a modification date, not the publication date".into(),
        });
    }
}

/// The line near the top of `text` that shows the headline `title`: the title itself, or the
/// part of it before a separator such as " | Site" or " — Newsletter".
fn headline_shown(text: &str, title: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .find(|line| {
            *line == title
                || (line.chars().count() >= 20
                    && title.strip_prefix(*line).is_some_and(|rest| {
                        rest.trim_start()
                            .starts_with(['|', '-', '–', '—', ':', '·', '•'])
                    }))
        })
        .map(str::to_string)
}

/// A metadata value with evidence that has no place in the file's decoded text.
fn field<T>(value: T, source: &str, raw: &str) -> Field<T> {
    Field {
        value,
        evidence: Evidence {
            source: source.to_string(),
            raw: raw.to_string(),
            file_span: None,
        },
    }
}

/// A date read from a metadata value ("Thu, 19 Jul 2018 22:15:00 +0000", "2018-07-20T01:22Z").
fn date_field(raw: &str, source: &str) -> Option<Field<TimeValue>> {
    let raw = raw.trim();
    let found = dateline::read_dateline(raw)?;
    Some(field(found.date, source, raw))
}

/// The outlet named by a URL's host ("https://www.reuters.com/world/..." gives "reuters.com").
fn outlet_from_url(url: &str, source: &str) -> Option<Field<String>> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let plausible = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    plausible.then(|| field(host.to_string(), source, url))
}

/// Collapses white space and drops a leading "By " from a byline.
fn clean_author(raw: &str) -> Option<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name
        .strip_prefix("By ")
        .or_else(|| name.strip_prefix("by "))
        .unwrap_or(&name)
        .trim();
    (!name.is_empty() && name.chars().count() <= 200).then(|| name.to_string())
}

/// "1 item", "3 items".
fn count_noun(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A size in bytes for people: "20 MB", "512 KB".
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.0} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expect: &str) {
        let config = IngestConfig {
            max_file_bytes: 64,
            ..IngestConfig::default()
        };
        let outcome = ingest_file("f.txt", bytes, &config);
        let got = match outcome
            .diagnostics
            .iter()
            .find(|d| d.severity == crate::analysis::Severity::Error)
        {
            Some(d) => format!("error: {}", d.message),
            None => format!("{} documents", outcome.documents.len()),
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn refuses_bad_files_with_a_reason() {
        check(b"", "error: The file is empty.");
        check(b"  \n\t ", "error: The file holds only white space.");
        check(
            &[b'a'; 65],
            "error: The file is 65 bytes and larger than the limit of 64 bytes, so it was not read.",
        );
        check(
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "error: This looks like a PNG image, not an article. Drop text, HTML, feeds, e-mail, Markdown, JSON or zip files.",
        );
        // A stray bad byte in a file that otherwise holds UTF-8 is damage, not a legacy charset.
        check(
            b"ok \xE2\x80\x94\nthen \xC3\x28 bad",
            "error: The file is not valid UTF-8 text (the first bad byte is on line 2, byte 12).",
        );
        // Without any UTF-8 sequence, high bytes are a legacy charset such as windows-1252.
        check(b"ok\nthen \x93quoted\x94 bad", "1 documents");
        check(
            b"a\x01\x02\x03\x04b",
            "error: The file holds control characters, so it is probably not text.",
        );
        check(b"\xFF\xFEa\0b\0.\0", "1 documents");
        check("\u{FEFF}Hello there.".as_bytes(), "1 documents");
    }

    /// A fixed-seed xorshift generator, so a failure reproduces.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn seed_inputs() -> Vec<(&'static str, Vec<u8>)> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut zipped = Vec::new();
        if zip.start_file("a/story.txt", options).is_ok()
            && zip.write_all(b"Trump invites Putin\n\nThe body.").is_ok()
            && let Ok(cursor) = zip.finish()
        {
            zipped = cursor.into_inner();
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = gz.write_all(b"<rss><channel><item><title>T</title><description>D</description></item></channel></rss>");
        let gzipped = gz.finish().unwrap_or_default();
        vec![
            ("a.rss", br#"<?xml version="1.0"?><rss><channel><title>W</title><item><title>T &amp; U</title><link>https://x.com/a</link><pubDate>Fri, 20 Jul 2018 01:22:00 +0000</pubDate><description><![CDATA[<p>One &ldquo;two&rdquo;.</p>]]></description></item></channel></rss>"#.to_vec()),
            ("a.atom", br#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">A &lt;b&gt;b&lt;/b&gt;</title><link href="https://y.org/1"/><author><name>N</name></author><published>2018-07-20T00:00:00Z</published><content type="xhtml"><div><p>X</p></div></content></entry></feed>"#.to_vec()),
            ("a.eml", b"From: A <a@b.com>\r\nSubject: =?UTF-8?Q?S=C3=A9?=\r\nDate: Fri, 20 Jul 2018 01:22:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHi =E2=80=94 there\r\n--x\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+SGk8L3A+\r\n--x--\r\n".to_vec()),
            ("a.md", b"---\ntitle: T\ndate: 2018-07-20\nauthors:\n  - A\n---\n# H\n\nBody *x* [l](u).\n\n- i\n".to_vec()),
            ("a.json", br#"{"articles":[{"title":"T","url":"https://z.net/","source":{"name":"Z"},"publishedAt":"2018-07-20","content":"<p>C</p> [+12 chars]"},{"x":1},[]]}"#.to_vec()),
            ("a.html", b"<!DOCTYPE html><html><head><meta charset=windows-1252><title>T</title></head><body><p>\x93Q\x94</p><script>x<y</script></body></html>".to_vec()),
            ("a.txt", b" date 2018-07-20 Body.|||||Second. NEWLINE_CHAR Published : 20 Jul 2018".to_vec()),
            ("a.mbox", b"From a@b.com Fri Jul 20 01:22:00 2018\nFrom: a@b.com\nSubject: S\n\nOne.\n\nFrom c@d.org Sat Jul 21 01:22:00 2018\nSubject: T\nContent-Type: text/html\n\n<p>Two.</p>\n".to_vec()),
            ("a.jsonl", b"{\"title\":\"A\",\"text\":\"One.\"}\n{\"title\":\"B\",\"body\":\"<p>Two.</p>\"}\n".to_vec()),
            ("a.zip", zipped),
            ("a.txt.gz", gzipped),
        ]
    }

    fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
        const TOKENS: &[&[u8]] = &[
            b"<",
            b">",
            b"</",
            b"]]>",
            b"<![CDATA[",
            b"&#x",
            b"&",
            b";",
            b"---\n",
            b"\r\n\r\n",
            b"=?UTF-8?Q?",
            b"=",
            b"\"",
            b"{",
            b"[",
            b"PK\x03\x04",
            b"\xC3",
            b"\xFF\xFE",
            b"\0",
            b"<item>",
            b"<entry>",
            b"--x\r\n",
            b"# ",
        ];
        let mut out = input.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(out.len() + 1);
            match rng.below(6) {
                0 if !out.is_empty() => {
                    let i = rng.below(out.len());
                    out[i] ^= 1 << rng.below(8);
                }
                1 => {
                    let token = TOKENS[rng.below(TOKENS.len())];
                    out.splice(at..at, token.iter().copied());
                }
                2 if at < out.len() => {
                    let end = (at + rng.below(16) + 1).min(out.len());
                    out.drain(at..end);
                }
                3 => out.truncate(at),
                4 if at < out.len() => {
                    let end = (at + rng.below(64) + 1).min(out.len());
                    let chunk = out[at..end].to_vec();
                    out.splice(at..at, chunk);
                }
                _ => out.insert(at.min(out.len()), rng.next() as u8),
            }
        }
        out
    }

    #[test]
    fn hostile_inputs_never_panic_and_always_explain_themselves() {
        let seeds = seed_inputs();
        let mut rng = Rng(0x5EED_C0FF_EE12_3457);
        let config = IngestConfig::default();
        for round in 0..3000 {
            let (name, seed) = &seeds[round % seeds.len()];
            let input = if round % 10 == 0 {
                (0..rng.below(300)).map(|_| rng.next() as u8).collect()
            } else {
                mutate(&mut rng, seed)
            };
            let outcome = ingest_file(name, &input, &config);
            let has_error = outcome
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            assert!(
                !outcome.documents.is_empty() || has_error,
                "round {round}: {name} gave neither documents nor an error: {input:?}"
            );
            for doc in &outcome.documents {
                for b in &doc.boilerplate {
                    assert!(
                        doc.text.get(b.span.start..b.span.end).is_some(),
                        "round {round}: {name} has a bad boilerplate span"
                    );
                }
            }
        }
    }
}
