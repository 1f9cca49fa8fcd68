//! Turns one dropped file (name and bytes) into documents plus plain-language diagnostics.
//! It decides what kind of file it is and hands it to the reader for that kind. It must never
//! panic on any bytes, and every file yields either documents or an error diagnostic.

pub mod dateline;
pub mod html;
pub mod txt;

use serde::{Deserialize, Serialize};

use super::article::{Diagnostic, Document};

/// Limits for reading files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestConfig {
    /// Files larger than this many bytes are refused, so one huge file cannot stall the tab.
    pub max_file_bytes: usize,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_file_bytes: 20 * 1024 * 1024,
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

/// Magic numbers of common binary formats, with a name a person recognises.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00", "a binary media file"),
];

/// Reads one file into documents. Unsupported, empty, oversized and binary files come back as
/// an error diagnostic with a reason a person can act on.
pub fn ingest_file(file: &str, bytes: &[u8], config: &IngestConfig) -> IngestOutcome {
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
    if let Some((_, what)) = BINARY_SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            format!("This looks like {what}, not an article. Drop text, HTML, feeds, e-mail or JSON files."),
        ));
        return outcome;
    }
    let text = match decode_text(bytes) {
        Ok(text) => text,
        Err(reason) => {
            outcome.diagnostics.push(Diagnostic::error(file, reason));
            return outcome;
        }
    };
    if text.trim().is_empty() {
        outcome
            .diagnostics
            .push(Diagnostic::error(file, "The file holds only white space."));
        return outcome;
    }
    let (documents, diagnostics) = txt::parse_text(file, &text);
    outcome.documents = documents;
    outcome.diagnostics.extend(diagnostics);
    if outcome.documents.is_empty() {
        outcome.diagnostics.push(Diagnostic::error(
            file,
            "No article text was found in the file.",
        ));
    }
    outcome
}

/// Decodes bytes as UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|e| utf8_reason(rest, e))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, u16::from_be_bytes)?
    } else {
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|e| utf8_reason(bytes, e))?
    };
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'))
        .count();
    if controls * 100 > text.chars().count().max(1) {
        return Err("The file holds control characters, so it is probably not text.".to_string());
    }
    Ok(text)
}

fn utf8_reason(bytes: &[u8], error: std::str::Utf8Error) -> String {
    let at = error.valid_up_to();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("The file is not valid UTF-8 text (the first bad byte is on line {line}, byte {at}).")
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(
            "The file says it is UTF-16 but has an odd number of bytes; it may be cut short."
                .to_string(),
        );
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "The file says it is UTF-16 but holds invalid UTF-16.".to_string())
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
        let outcome = ingest_file("f.txt", bytes, &IngestConfig { max_file_bytes: 64 });
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
            "error: This looks like a PNG image, not an article. Drop text, HTML, feeds, e-mail or JSON files.",
        );
        check(
            b"ok\nthen \xC3\x28 bad",
            "error: The file is not valid UTF-8 text (the first bad byte is on line 2, byte 8).",
        );
        check(
            b"a\x01\x02\x03\x04b",
            "error: The file holds control characters, so it is probably not text.",
        );
        check(b"\xFF\xFEa\0b\0.\0", "1 documents");
        check("\u{FEFF}Hello there.".as_bytes(), "1 documents");
    }
}
