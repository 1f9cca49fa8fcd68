//! Decodes a file's bytes to text: UTF-8 (with or without a byte-order mark), UTF-16, and legacy
//! charsets such as windows-1252 when the file declares them or when they are the only sensible
//! reading. It must never produce mojibake silently: a damaged UTF-8 file is refused with a reason.
//!
//! The rule, in order:
//! 1. A byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE).
//! 2. UTF-16 without a mark is recognised by its pattern of zero bytes.
//! 3. Valid UTF-8 stays UTF-8, whatever the file declares: legacy text almost never forms valid
//!    multi-byte UTF-8 by chance, and pure ASCII reads the same either way.
//! 4. Invalid UTF-8 with a declared charset (`<meta charset>`, `http-equiv`, the XML declaration)
//!    is decoded with that charset.
//! 5. Invalid UTF-8 that nonetheless holds valid multi-byte UTF-8 sequences is a damaged UTF-8
//!    file: it is refused, naming the first bad byte, since any other reading garbles the valid
//!    sequences.
//! 6. Otherwise every non-ASCII byte is outside UTF-8, so the file is in a legacy charset:
//!    chardetng guesses which, without being allowed to answer UTF-8.
//!
//! Whatever the charset, text that decodes mostly to control characters is refused as not text.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with the charset that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The charset's name ("UTF-8", "windows-1252").
    pub charset: &'static str,
    /// How the charset was chosen, when it was not plain UTF-8: "byte-order mark",
    /// "declared in the file", "detected".
    pub how: Option<&'static str>,
}

/// Decodes bytes to text by the rule in this module's comment, or says in plain language why
/// the bytes are not text.
pub fn decode_bytes(bytes: &[u8]) -> Result<DecodedText, String> {
    let decoded = decode_by_rule(bytes)?;
    let controls = decoded
        .text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'))
        .count();
    if controls * 100 > decoded.text.chars().count().max(1) {
        return Err("The file holds control characters, so it is probably not text.".to_string());
    }
    Ok(decoded)
}

fn decode_by_rule(bytes: &[u8]) -> Result<DecodedText, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if encoding == UTF_8 {
            return strict_utf8(rest, bytes);
        }
        return decode_utf16(rest, encoding, "byte-order mark");
    }
    if let Some(encoding) = sniff_utf16_without_bom(bytes) {
        return decode_utf16(bytes, encoding, "detected");
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(DecodedText {
                text: text.to_string(),
                charset: "UTF-8",
                how: None,
            });
        }
        Err(error) => error,
    };
    if let Some(encoding) = sniff_declared_charset(bytes)
        && encoding != UTF_8
        && encoding != UTF_16LE
        && encoding != UTF_16BE
    {
        return decode_legacy(bytes, encoding, "declared in the file");
    }
    if holds_multibyte_utf8(bytes) {
        return Err(utf8_reason(bytes, utf8_error.valid_up_to()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    decode_legacy(bytes, encoding, "detected")
}

fn strict_utf8(rest: &[u8], whole: &[u8]) -> Result<DecodedText, String> {
    match std::str::from_utf8(rest) {
        Ok(text) => Ok(DecodedText {
            text: text.to_string(),
            charset: "UTF-8",
            how: Some("byte-order mark"),
        }),
        Err(error) => Err(utf8_reason(
            whole,
            error.valid_up_to() + (whole.len() - rest.len()),
        )),
    }
}

/// The plain-language refusal for damaged UTF-8, pointing at the first bad byte.
fn utf8_reason(bytes: &[u8], at: usize) -> String {
    let line = bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    format!("The file is not valid UTF-8 text (the first bad byte is on line {line}, byte {at}).")
}

fn decode_utf16(
    bytes: &[u8],
    encoding: &'static Encoding,
    how: &'static str,
) -> Result<DecodedText, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(
            "The file says it is UTF-16 but has an odd number of bytes; it may be cut short."
                .to_string(),
        );
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("The file says it is UTF-16 but holds invalid UTF-16.".to_string());
    }
    Ok(DecodedText {
        text: text.into_owned(),
        charset: encoding.name(),
        how: Some(how),
    })
}

fn decode_legacy(
    bytes: &[u8],
    encoding: &'static Encoding,
    how: &'static str,
) -> Result<DecodedText, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "The file is neither valid UTF-8 nor valid {} text, so it could not be read.",
            encoding.name()
        ));
    }
    Ok(DecodedText {
        text: text.into_owned(),
        charset: encoding.name(),
        how: Some(how),
    })
}

/// True when the bytes hold at least one well-formed multi-byte UTF-8 sequence.
fn holds_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => return !text.is_ascii(),
            Err(error) => {
                let valid = &rest[..error.valid_up_to()];
                if !valid.is_ascii() {
                    return true;
                }
                let skip = error
                    .error_len()
                    .unwrap_or(rest.len() - error.valid_up_to());
                rest = &rest[error.valid_up_to() + skip.max(1)..];
            }
        }
    }
    false
}

/// UTF-16 without a byte-order mark: text in the Latin range has a zero in every other byte.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zeros = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zeros = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zeros * 10 >= pairs * 7 && even_zeros * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zeros * 10 >= pairs * 7 && odd_zeros * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The charset a file declares in its first 1024 bytes: `<meta charset=...>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">` or `<?xml ... encoding="..."?>`.
pub fn sniff_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let trimmed_start = lower.iter().position(|b| !b.is_ascii_whitespace())?;
    if lower[trimmed_start..].starts_with(b"<?xml") {
        let end = find(&lower, trimmed_start, b"?>").unwrap_or(lower.len());
        if let Some(label) = attribute_value(&lower[trimmed_start..end], b"encoding") {
            return Encoding::for_label(label);
        }
    }
    let mut from = 0;
    while let Some(at) = find(&lower, from, b"<meta") {
        let end = find(&lower, at, b">").unwrap_or(lower.len());
        let tag = &lower[at..end];
        if let Some(label) = attribute_value(tag, b"charset") {
            return Encoding::for_label(label);
        }
        from = end;
    }
    None
}

/// The value after `name=` (quoted or not) in a lower-cased tag.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = find(tag, 0, name)? + name.len();
    let rest = &tag[at..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then_some(&rest[..end])
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expect: &str) {
        let got = match decode_bytes(bytes) {
            Ok(d) => format!("{} ({}): {}", d.charset, d.how.unwrap_or("plain"), d.text),
            Err(reason) => format!("error: {reason}"),
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn keeps_utf8_and_reads_byte_order_marks() {
        check("“Yes” — said".as_bytes(), "UTF-8 (plain): “Yes” — said");
        check(b"\xEF\xBB\xBFHi", "UTF-8 (byte-order mark): Hi");
        check(b"\xFF\xFEH\0i\0", "UTF-16LE (byte-order mark): Hi");
        check(b"\xFE\xFF\0H\0i", "UTF-16BE (byte-order mark): Hi");
        check(
            b"H\0e\0l\0l\0o\0 \0t\0h\0e\0r\0e\0",
            "UTF-16LE (detected): Hello there",
        );
        check(
            b"\xFF\xFEH\0i",
            "error: The file says it is UTF-16 but has an odd number of bytes; it may be cut short.",
        );
    }

    #[test]
    fn reads_declared_and_detected_legacy_charsets() {
        check(
            b"<meta charset=\"windows-1252\"><p>\x93Yes,\x94 he said \x96 caf\xE9.",
            "windows-1252 (declared in the file): <meta charset=\"windows-1252\"><p>“Yes,” he said – café.",
        );
        check(
            b"<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xE9</a>",
            "windows-1252 (declared in the file): <?xml version='1.0' encoding='ISO-8859-1'?><a>café</a>",
        );
        check(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcf\xf0\xe8\xe2\xe5\xf2",
            "windows-1251 (declared in the file): <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">Привет",
        );
        check(
            b"The summit, he said, was \x93a success\x94 \x97 and the talks went on.",
            "windows-1252 (detected): The summit, he said, was “a success” — and the talks went on.",
        );
        // Valid UTF-8 wins over a wrong declaration.
        check(
            "<meta charset=windows-1252>café".as_bytes(),
            "UTF-8 (plain): <meta charset=windows-1252>café",
        );
    }

    #[test]
    fn refuses_damaged_utf8_and_binary() {
        check(
            b"\xE2\x80\x9Cok\xE2\x80\x9D\nthen \xC3\x28 bad",
            "error: The file is not valid UTF-8 text (the first bad byte is on line 2, byte 14).",
        );
        check(
            b"\xEF\xBB\xBFok\xFF",
            "error: The file is not valid UTF-8 text (the first bad byte is on line 1, byte 5).",
        );
        let binary: Vec<u8> = (0..=255u8).cycle().take(2048).collect();
        check(
            &binary,
            "error: The file holds control characters, so it is probably not text.",
        );
    }
}
