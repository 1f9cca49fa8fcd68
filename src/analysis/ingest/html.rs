//! Reads one saved HTML page into one document: the main text, Readability-style, with title,
//! outlet, authors, language and publication date, each with its evidence. Boilerplate inside the
//! article is flagged, never deleted. It must never panic, keep markup in the text, or recurse
//! over the page's tree.

mod content;
mod dom;
pub mod eval;
mod metadata;

use std::sync::LazyLock;

use scraper::Html;

use crate::analysis::article::{Boilerplate, Diagnostic, Document, Evidence, Field};

/// Elements nested deeper than this are flattened before parsing (their text is kept), and the
/// user is told. Real pages stay far below it.
const DEEP_NESTING: usize = 1_000;

/// Reads one saved HTML page (already decoded to UTF-8) into one Document: main text, title, outlet,
/// authors, publication date with evidence and rejected candidates, boilerplate flagged.
pub fn parse_html(file: &str, html: &str) -> (Document, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let flattened = dom::flatten_deep_nesting(html, DEEP_NESTING);
    if let Some((_, depth)) = &flattened {
        diagnostics.push(Diagnostic::warning(
            file,
            format!(
                "The page nests its elements {depth} levels deep; elements below level {DEEP_NESTING} were flattened to keep reading fast."
            ),
        ));
    }
    let parsed = Html::parse_document(flattened.as_ref().map_or(html, |(h, _)| h.as_str()));
    let root = parsed.tree.root();
    let facts = metadata::collect_facts(root);
    let meta = metadata::choose_metadata(html, &facts);
    let body = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or(root);
    let page = dom::FlatPage::from_tree(body);
    let title = meta.title.as_ref().map(|t| t.value.as_str());
    let main = content::extract_main_text(&page, title);
    if main.text.is_empty() {
        diagnostics.push(Diagnostic::warning(
            file,
            "No readable text was found in the page.",
        ));
    }
    let mut text = String::new();
    if let Some(t) = title {
        text.push_str(t);
        if !main.text.is_empty() {
            text.push_str("\n\n");
        }
    }
    let offset = text.len();
    text.push_str(&main.text);
    let outlet = meta.outlet.or_else(|| outlet_from_dateline(&main.text));
    let mut doc = Document::from_text(file, 0, text);
    doc.title = meta.title;
    doc.outlet = outlet;
    doc.authors = meta.authors;
    doc.published = meta.published;
    doc.language = meta.language;
    doc.boilerplate = main
        .boilerplate
        .into_iter()
        .map(|(span, reason)| Boilerplate {
            span: span.shifted(offset),
            reason: reason.to_string(),
        })
        .collect();
    (doc, diagnostics)
}

/// "LONDON (Reuters) -" at the start of the text names the agency that wrote the story.
static AGENCY_DATELINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    #[allow(
        clippy::expect_used,
        reason = "the pattern is a constant covered by the unit tests"
    )]
    regex::Regex::new(r"^[\p{Lu}][\p{Lu}\p{Lu} .,'/-]{1,40}\(([\p{Lu}][\w&. ]{1,30})\)\s*[-—–]")
        .expect("constant pattern compiles")
});

fn outlet_from_dateline(text: &str) -> Option<Field<String>> {
    let first = text.split("\n\n").find(|p| p.len() > 40)?;
    let caps = AGENCY_DATELINE.captures(first)?;
    let whole = caps.get(0)?;
    Some(Field {
        value: caps[1].trim().to_string(),
        evidence: Evidence {
            source: "dateline".to_string(),
            raw: whole.as_str().to_string(),
            file_span: None,
        },
    })
}

static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    #[allow(
        clippy::expect_used,
        reason = "the pattern is a constant covered by the unit tests"
    )]
    regex::bytes::Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("constant pattern compiles")
});

/// The declared charset of a page's raw bytes (<meta charset>, http-equiv), so the caller can decode first.
pub fn sniff_html_charset(bytes: &[u8]) -> Option<String> {
    // Browsers look only at the first 1024 bytes; pages saved with long heads push it further.
    let head = &bytes[..bytes.len().min(8192)];
    let caps = CHARSET.captures(head)?;
    let name = String::from_utf8_lossy(caps.get(1)?.as_bytes()).to_ascii_lowercase();
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders what the reader sees of a parsed page.
    fn dump(doc: &Document) -> String {
        let mut out = format!("text: {:?}\n", doc.text);
        if let Some(o) = &doc.outlet {
            out += &format!("outlet: {} ({})\n", o.value, o.evidence.source);
        }
        for a in &doc.authors {
            out += &format!("author: {} ({})\n", a.value, a.evidence.source);
        }
        if let Some(p) = &doc.published {
            out += &format!("published: {} ({})\n", p.date.value, p.evidence.source);
            for r in &p.rejected {
                out += &format!("rejected: {} ({})\n", r.date.value, r.reason);
            }
        }
        if let Some(l) = &doc.language {
            out += &format!("language: {}\n", l.value);
        }
        for b in &doc.boilerplate {
            out += &format!(
                "boilerplate: {:?} ({})\n",
                b.span.slice(&doc.text),
                b.reason
            );
        }
        out
    }

    fn check(html: &str, expect: &str) {
        let (doc, _) = parse_html("t.html", html);
        assert_eq!(dump(&doc), expect, "input {html:?}");
    }

    const PARA: &str = "This is a long enough paragraph of article text, with commas, clauses, and enough words to be scored as content by the extractor.";

    #[test]
    fn reads_title_text_and_metadata() {
        check(
            &format!(
                r#"<html lang="en-GB"><head><title>Big news today | The Daily</title>
                <meta property="og:site_name" content="The Daily">
                <meta property="article:published_time" content="2018-07-20T01:22:00Z">
                <meta property="article:modified_time" content="2018-07-21T09:00:00Z">
                <meta name="author" content="Jane Doe"></head>
                <body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
                <article><h1>Big news today</h1><p>{PARA}</p><p>{PARA}<br>Second&nbsp;line &amp; more.</p>
                <figure><img src="x.jpg"><figcaption>A harbour. Photo: Jane Roe/AP</figcaption></figure>
                <p>{PARA}</p></article><footer>Copyright</footer></body></html>"#
            ),
            &format!(
                "text: \"Big news today\\n\\n{PARA}\\n\\n{PARA}\\nSecond line & more.\\n\\nA harbour. Photo: Jane Roe/AP\\n\\n{PARA}\"\n\
                 outlet: The Daily (meta og:site_name)\n\
                 author: Jane Doe (meta author)\n\
                 published: 2018-07-20 (meta article:published_time)\n\
                 rejected: 2018-07-21 (a modification date, not the publication date)\n\
                 language: en-GB\n\
                 boilerplate: \"A harbour. Photo: Jane Roe/AP\" (photo caption)\n"
            ),
        );
    }

    #[test]
    fn survives_hostile_pages() {
        check("", "text: \"\"\n");
        check("<script>alert(1)</script>", "text: \"\"\n");
        check(
            "<p>Unclosed <b>bold <i>and <div>mixed",
            "text: \"Unclosed bold and\\n\\nmixed\"\n",
        );
        let deep = format!("{}{}", "<div>".repeat(20_000), "deep text");
        let (doc, diagnostics) = parse_html("deep.html", &deep);
        assert_eq!(doc.text, "deep text");
        assert_eq!(diagnostics.len(), 1);
    }

    #[test]
    fn sniffs_declared_charsets() {
        let sniff = |s: &str| sniff_html_charset(s.as_bytes());
        assert_eq!(
            sniff(r#"<meta charset="ISO-8859-1">"#).as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            sniff(r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#)
                .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(sniff("<p>no charset</p>"), None);
    }
}
