//! Reads e-mail messages (.eml: newsletters, forwarded articles) and MHTML page saves (Chrome's
//! "single file", multipart/related) into one article each. mail-parser undoes RFC 2047 headers,
//! quoted-printable, base64 and part charsets. It must not read attachments as articles, and
//! must not take an MHTML save date for a publication date.

use jiff::civil::Date;
use mail_parser::{Message, MessageParser, MimeHeaders};

use super::{ArticleMeta, Body, build_article, clean_author, field, markup, outlet_from_url};
use crate::analysis::article::{Diagnostic, Document, Field};
use crate::analysis::timevalue::TimeValue;

/// Headers that only a message has; one of them (or a mail extension) marks a file as mail.
const MAIL_ONLY_HEADERS: &[&str] = &[
    "mime-version",
    "received",
    "message-id",
    "return-path",
    "delivered-to",
    "snapshot-content-location",
    "content-type",
    "content-transfer-encoding",
    "x-mailer",
    "list-id",
];

/// True when the bytes start with a block of e-mail headers: the name says .eml/.mht/.mhtml
/// and the file opens with a header, or the header block holds a header only mail has.
pub fn looks_like_mail(file: &str, bytes: &[u8]) -> bool {
    let lower_name = file.to_ascii_lowercase();
    let mail_name = [".eml", ".mht", ".mhtml", ".mbox"]
        .iter()
        .any(|ext| lower_name.ends_with(ext));
    let head = &bytes[..bytes.len().min(8192)];
    let head = String::from_utf8_lossy(head);
    let mut headers = 0;
    let mut mail_only = false;
    for (i, line) in head.lines().enumerate() {
        if i == 0 && line.starts_with("From ") && lower_name.ends_with(".mbox") {
            continue;
        }
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if headers == 0 {
                return false;
            }
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        headers += 1;
        let name = name.to_ascii_lowercase();
        mail_only |= MAIL_ONLY_HEADERS.contains(&name.as_str()) || name.starts_with("x-");
    }
    headers > 0 && (mail_only || (mail_name && headers >= 1))
}

/// Reads one message or MHTML save into documents.
pub fn parse_mail(file: &str, bytes: &[u8]) -> (Vec<Document>, Vec<Diagnostic>) {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return (
            Vec::new(),
            vec![Diagnostic::error(
                file,
                "The e-mail could not be read; it may be damaged.",
            )],
        );
    };
    let snapshot = message
        .header_raw("Snapshot-Content-Location")
        .map(|s| s.trim().to_string());
    let lower_name = file.to_ascii_lowercase();
    let is_mhtml = snapshot.is_some()
        || lower_name.ends_with(".mht")
        || lower_name.ends_with(".mhtml")
        || message.root_part().content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("multipart")
                && ct
                    .subtype()
                    .is_some_and(|s| s.eq_ignore_ascii_case("related"))
        });
    let meta = if is_mhtml {
        mhtml_meta(&message, snapshot.as_deref())
    } else {
        mail_meta(&message)
    };
    let Some(body) = choose_body(&message) else {
        return (
            Vec::new(),
            vec![Diagnostic::error(
                file,
                if is_mhtml {
                    "The saved page holds no HTML or text part."
                } else {
                    "The e-mail holds no text or HTML part."
                },
            )],
        );
    };
    build_article(file, body, &meta)
}

/// The HTML part when it says at least as much as the plain-text part (newsletters' text parts
/// are often a stub: "View this e-mail in your browser"), else the text part.
fn choose_body(message: &Message) -> Option<Body> {
    let html = message
        .html_part(0)
        .filter(|p| p.is_text_html())
        .and_then(|p| p.text_contents())
        .map(str::to_string);
    let text = message
        .text_part(0)
        .filter(|p| p.is_text() && !p.is_text_html())
        .and_then(|p| p.text_contents())
        .map(str::to_string);
    match (html, text) {
        (Some(html), Some(text)) => {
            let html_len = markup::html_to_text(&html).trim().chars().count();
            let text_len = text.trim().chars().count();
            if html_len * 10 >= text_len * 9 {
                Some(Body::Html(html))
            } else {
                Some(Body::Text(text))
            }
        }
        (Some(html), None) => Some(Body::Html(html)),
        (None, Some(text)) => Some(Body::Text(text)),
        (None, None) => None,
    }
}

fn subject_field(message: &Message, source: &str) -> Option<Field<String>> {
    let subject = message.subject()?;
    let clean = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let raw = message.header_raw("Subject").unwrap_or(subject).trim();
    (!clean.is_empty()).then(|| field(clean, source, raw))
}

fn mail_meta(message: &Message) -> ArticleMeta {
    let mut meta = ArticleMeta {
        title: subject_field(message, "e-mail Subject"),
        ..ArticleMeta::default()
    };
    let from_raw = message.header_raw("From").unwrap_or("").trim().to_string();
    let from = message.from().and_then(|a| a.first());
    if let Some(addr) = from
        && let Some(name) = addr.name.as_deref().and_then(clean_author)
    {
        meta.authors.push(field(name, "e-mail From", &from_raw));
    }
    if let Some(raw) = message.header_raw("Date")
        && let Some(date) = message.date()
        && let Ok(day) = Date::new(
            i16::try_from(date.year).unwrap_or(0),
            date.month as i8,
            date.day as i8,
        )
    {
        meta.published = Some(field(TimeValue::day(day), "e-mail Date header", raw.trim()));
    }
    meta.outlet = list_id_outlet(message).or_else(|| {
        let address = from?.address.as_deref()?;
        let domain = address.rsplit_once('@')?.1.trim().to_ascii_lowercase();
        let domain = [
            "mail.",
            "email.",
            "e.",
            "news.",
            "newsletter.",
            "newsletters.",
            "www.",
        ]
        .iter()
        .find_map(|p| domain.strip_prefix(p))
        .filter(|rest| rest.contains('.'))
        .unwrap_or(&domain)
        .to_string();
        (domain.contains('.') && !domain.contains(' '))
            .then(|| field(domain, "e-mail From domain", &from_raw))
    });
    meta
}

/// The outlet a mailing list names: its description ("Daily Briefing <daily.example.com>"),
/// else its id.
fn list_id_outlet(message: &Message) -> Option<Field<String>> {
    let raw = message.header_raw("List-Id")?.trim();
    let (description, id) = match raw.split_once('<') {
        Some((d, rest)) => (
            d.trim().trim_matches('"').trim(),
            rest.trim_end_matches('>').trim(),
        ),
        None => ("", raw),
    };
    let value = if description.is_empty() {
        id.to_string()
    } else {
        description.to_string()
    };
    (!value.is_empty()).then(|| field(value, "e-mail List-Id", raw))
}

fn mhtml_meta(message: &Message, snapshot: Option<&str>) -> ArticleMeta {
    ArticleMeta {
        title: subject_field(message, "MHTML Subject"),
        outlet: snapshot.and_then(|url| outlet_from_url(url, "MHTML Snapshot-Content-Location")),
        ..ArticleMeta::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(file: &str, input: &str, expect: &str) {
        assert!(
            looks_like_mail(file, input.as_bytes()),
            "not sniffed as mail"
        );
        let (docs, diags) = parse_mail(file, input.as_bytes());
        let mut out = String::new();
        for d in &docs {
            out += d.title.as_ref().map_or("-", |t| &t.value);
            if let Some(o) = &d.outlet {
                out += &format!(" | {} ({})", o.value, o.evidence.source);
            }
            for a in &d.authors {
                out += &format!(" | by {}", a.value);
            }
            if let Some(p) = &d.published {
                out += &format!(" | {} ({})", p.date.value, p.evidence.source);
            }
            out += &format!(" | {:?}\n", d.text);
        }
        for d in &diags {
            out += &format!("{:?}: {}\n", d.severity, d.message);
        }
        assert_eq!(out, expect);
    }

    #[test]
    fn reads_a_newsletter_with_an_html_part() {
        check(
            "a.eml",
            "From: =?UTF-8?Q?Jane_D=C3=B6e?= <jane@mail.example-news.com>\r\nSubject: =?UTF-8?B?VHJ1bXAgaW52aXRlcyBQdXRpbg==?=\r\nDate: Fri, 20 Jul 2018 01:22:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nView in browser.\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Trump invited Putin =E2=80=94 a =\r\n=E2=80=9Cdaring=E2=80=9D move.</p>\r\n--b--\r\n",
            "Trump invites Putin | example-news.com (e-mail From domain) | by Jane Döe | 2018-07-20 (e-mail Date header) | \"Trump invites Putin\\n\\nTrump invited Putin — a “daring” move.\"\n",
        );
    }

    #[test]
    fn reads_an_mhtml_save_without_its_save_date() {
        check(
            "page.mhtml",
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.org/news/1\r\nSubject: Summit news\r\nDate: Tue, 24 Nov 2026 10:00:00 -0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x\"\r\n\r\n------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-Location: https://www.example.org/news/1\r\n\r\n<html><head><title>Summit news</title></head><body><h1>Summit news</h1><p>Published : 20 Jul 2018</p><p>Body.</p></body></html>\r\n------MultipartBoundary--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--x--\r\n",
            "Summit news | example.org (MHTML Snapshot-Content-Location) | 2018-07-20 (visible text) | \"Summit news\\n\\nPublished : 20 Jul 2018\\n\\nBody.\"\n",
        );
    }

    #[test]
    fn text_files_are_not_mail() {
        assert!(!looks_like_mail(
            "a.txt",
            b"Title: A story\nDate: 20 Jul 2018\n\nBody."
        ));
        assert!(!looks_like_mail(
            "a.txt",
            b"Hello: there is a colon\nand then prose"
        ));
        assert!(looks_like_mail("a.txt", b"Received: x\nFrom: y\n\nBody"));
    }
}
