//! Reads RSS 2.0, RSS 1.0 and Atom feeds: each item or entry becomes one article, with its title,
//! link host as the outlet, authors, publication date and body (HTML bodies go through the one
//! HTML route in `ingest`). It must not fetch anything a feed links to, expand entities beyond
//! XML's own and HTML's common ones, or panic on malformed XML.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::markup::decode_references;
use super::{ArticleMeta, Body, build_article, clean_author, date_field, field, outlet_from_url};
use crate::analysis::article::{Diagnostic, Document};

/// What one item says, as raw strings, before it is read into an article.
#[derive(Debug, Default)]
struct RawItem {
    title: Option<String>,
    link: Option<String>,
    guid: Option<String>,
    authors: Vec<String>,
    published: Option<(String, &'static str)>,
    updated: Option<String>,
    /// Candidate bodies, each marked HTML or plain text.
    bodies: Vec<(String, BodyKind)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Html,
    Text,
}

/// The element whose text is being collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    FeedTitle,
    FeedLink,
    Title,
    Link,
    Guid,
    Author,
    Published(&'static str),
    Updated,
    Body(BodyKind),
    /// Atom `type="xhtml"` content: child elements are kept as markup.
    XhtmlBody,
}

struct Capture {
    target: Target,
    /// The stack depth of the element being collected.
    depth: usize,
    text: String,
}

/// Reads a feed's items into documents. A feed without items, or XML too broken to read,
/// yields an error diagnostic; damage after some items keeps the items before it.
pub fn parse_feed(file: &str, xml: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut stack: Vec<String> = Vec::new();
    let mut feed_title: Option<String> = None;
    let mut feed_link: Option<String> = None;
    let mut items: Vec<RawItem> = Vec::new();
    let mut item: Option<(RawItem, usize)> = None;
    let mut capture: Option<Capture> = None;
    let mut damage = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                damage = Some(format!("{error} near byte {}", reader.error_position()));
                break;
            }
        };
        match event {
            Event::Eof => {
                if item.is_some() {
                    damage = Some("it ends in the middle of an item".to_string());
                }
                break;
            }
            Event::Start(start) => {
                let name = local_name(&start);
                if let Some(c) = &mut capture {
                    if c.target == Target::XhtmlBody {
                        c.text.push('<');
                        c.text.push_str(&name);
                        c.text.push('>');
                    }
                } else if item.is_none() && matches!(name.as_str(), "item" | "entry") {
                    item = Some((RawItem::default(), stack.len()));
                } else if let Some(target) = target_of(&name, &start, &stack, item.is_some()) {
                    capture = Some(Capture {
                        target,
                        depth: stack.len(),
                        text: String::new(),
                    });
                }
                if capture.is_none()
                    && name == "link"
                    && let Some((raw, _)) = &mut item
                    && raw.link.is_none()
                {
                    raw.link = alternate_href(&start);
                }
                stack.push(name);
            }
            Event::Empty(start) => {
                let name = local_name(&start);
                if let Some(c) = &mut capture {
                    if c.target == Target::XhtmlBody {
                        c.text.push('<');
                        c.text.push_str(&name);
                        c.text.push_str("/>");
                    }
                } else if name == "link" {
                    match &mut item {
                        Some((raw, _)) if raw.link.is_none() => raw.link = alternate_href(&start),
                        None if feed_link.is_none() && stack.len() <= 2 => {
                            feed_link = alternate_href(&start);
                        }
                        _ => {}
                    }
                }
            }
            Event::End(_) => {
                let popped = stack.pop();
                if let Some(c) = &mut capture {
                    if stack.len() > c.depth {
                        if c.target == Target::XhtmlBody
                            && let Some(name) = popped
                        {
                            c.text.push_str(&format!("</{name}>"));
                        }
                        continue;
                    }
                    if let Some(done) = capture.take() {
                        store_capture(done, &mut item, &mut feed_title, &mut feed_link);
                    }
                } else if let Some((_, depth)) = &item
                    && stack.len() <= *depth
                    && let Some((raw, _)) = item.take()
                {
                    items.push(raw);
                }
            }
            Event::Text(text) => {
                if let Some(c) = &mut capture {
                    push_text(c, &text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(c) = &mut capture {
                    push_text(c, &data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(c) = &mut capture {
                    let name = reference.xml10_content();
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(ch)) => Some(ch),
                        Ok(None) => match name.as_ref() {
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "amp" => Some('&'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                        Err(_) => Some('\u{FFFD}'),
                    };
                    match resolved {
                        Some(ch) => push_text(c, ch.encode_utf8(&mut [0; 4])),
                        // HTML's named references are not XML, but feeds use them; they are
                        // left for the HTML or text reading of the field to decode.
                        None => c.text.push_str(&format!("&{name};")),
                    }
                }
            }
            _ => {}
        }
    }
    build_documents(file, items, feed_title, feed_link, damage)
}

/// Appends text to a capture, escaping it again where the capture keeps markup.
fn push_text(capture: &mut Capture, text: &str) {
    if capture.target == Target::XhtmlBody {
        capture
            .text
            .push_str(&text.replace('&', "&amp;").replace('<', "&lt;"));
    } else {
        capture.text.push_str(text);
    }
}

fn local_name(start: &BytesStart) -> String {
    start.local_name().as_ref().to_ascii_lowercase()
}

fn attribute(start: &BytesStart, wanted: &str) -> Option<String> {
    start.attributes().flatten().find_map(|a| {
        let key = a.key.local_name().as_ref().to_ascii_lowercase();
        (key == wanted).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .ok()
        })?
    })
}

/// The `href` of an Atom link that points at the article itself (no `rel`, or `alternate`).
fn alternate_href(start: &BytesStart) -> Option<String> {
    let rel = attribute(start, "rel").unwrap_or_default();
    if !rel.is_empty() && rel != "alternate" {
        return None;
    }
    attribute(start, "href").filter(|h| !h.trim().is_empty())
}

/// Which field an element fills, given where it sits.
fn target_of(name: &str, start: &BytesStart, stack: &[String], in_item: bool) -> Option<Target> {
    let parent = stack.last().map(String::as_str).unwrap_or("");
    let kind_of = |default| match attribute(start, "type").as_deref() {
        Some("html" | "text/html") => Some(Target::Body(BodyKind::Html)),
        Some("xhtml" | "application/xhtml+xml") => Some(Target::XhtmlBody),
        Some("text" | "text/plain") => Some(Target::Body(BodyKind::Text)),
        Some(_) => None,
        None => Some(Target::Body(default)),
    };
    if !in_item {
        return match (name, parent) {
            ("title", "channel" | "feed") => Some(Target::FeedTitle),
            ("link", "channel") => Some(Target::FeedLink),
            _ => None,
        };
    }
    match name {
        "title" if matches!(parent, "item" | "entry") => Some(Target::Title),
        "link" if parent == "item" => Some(Target::Link),
        "guid" => Some(Target::Guid),
        "creator" => Some(Target::Author),
        "author" if parent == "item" => Some(Target::Author),
        "name" if parent == "author" => Some(Target::Author),
        "pubdate" => Some(Target::Published("feed pubDate")),
        "published" => Some(Target::Published("feed published")),
        "issued" => Some(Target::Published("feed issued")),
        "date" => Some(Target::Published("feed dc:date")),
        "updated" | "modified" => Some(Target::Updated),
        "encoded" => Some(Target::Body(BodyKind::Html)),
        "description" => Some(Target::Body(BodyKind::Html)),
        "summary" => kind_of(BodyKind::Text),
        "content" if attribute(start, "src").is_none() => kind_of(BodyKind::Text),
        _ => None,
    }
}

fn store_capture(
    capture: Capture,
    item: &mut Option<(RawItem, usize)>,
    feed_title: &mut Option<String>,
    feed_link: &mut Option<String>,
) {
    let text = capture.text;
    if text.trim().is_empty() {
        return;
    }
    match capture.target {
        Target::FeedTitle => {
            *feed_title = Some(text);
            return;
        }
        Target::FeedLink => {
            *feed_link = Some(text);
            return;
        }
        _ => {}
    }
    let Some((raw, _)) = item else {
        return;
    };
    match capture.target {
        Target::Title => raw.title = Some(text),
        Target::Link => raw.link = Some(text),
        Target::Guid => raw.guid = Some(text),
        Target::Author => raw.authors.push(text),
        Target::Published(source) => {
            // The first publication date wins: pubDate and dc:date often repeat each other.
            if raw.published.is_none() {
                raw.published = Some((text, source));
            }
        }
        Target::Updated => raw.updated = Some(text),
        Target::Body(kind) => raw.bodies.push((text, kind)),
        Target::XhtmlBody => raw.bodies.push((text, BodyKind::Html)),
        Target::FeedTitle | Target::FeedLink => {}
    }
}

fn build_documents(
    file: &str,
    items: Vec<RawItem>,
    feed_title: Option<String>,
    feed_link: Option<String>,
    damage: Option<String>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    match (&damage, items.is_empty()) {
        (Some(damage), true) => {
            diagnostics.push(Diagnostic::error(
                file,
                format!("The feed is not well-formed XML ({damage}), so it could not be read."),
            ));
            return (documents, diagnostics);
        }
        (Some(damage), false) => diagnostics.push(Diagnostic::warning(
            file,
            format!(
                "The feed is damaged ({damage}); the {} before the damage {} read.",
                super::count_noun(items.len(), "item"),
                if items.len() == 1 { "was" } else { "were" }
            ),
        )),
        (None, true) => {
            diagnostics.push(Diagnostic::error(file, "The feed has no items."));
            return (documents, diagnostics);
        }
        (None, false) => {}
    }
    let feed_title = feed_title.map(|t| plain(&t)).filter(|t| !t.is_empty());
    for (index, raw) in items.into_iter().enumerate() {
        let meta = item_meta(&raw, feed_title.as_deref(), feed_link.as_deref());
        // The richest body wins: content:encoded and Atom content usually hold the whole
        // article, description and summary a teaser.
        let body = raw
            .bodies
            .into_iter()
            .filter(|(text, _)| !text.trim().is_empty())
            .max_by_key(|(text, _)| text.len());
        let Some((text, kind)) = body else {
            diagnostics.push(Diagnostic::warning(
                file,
                format!("{} has no text; it was skipped.", item_label(index, &meta)),
            ));
            continue;
        };
        let body = match kind {
            BodyKind::Html => Body::Html(text),
            BodyKind::Text => Body::Text(decode_references(&text)),
        };
        let (docs, diags) = build_article(file, body, &meta);
        if docs.is_empty() {
            diagnostics.push(Diagnostic::warning(
                file,
                format!("{} has no text; it was skipped.", item_label(index, &meta)),
            ));
        }
        for mut doc in docs {
            doc.part = documents.len() as u32;
            documents.push(doc);
        }
        diagnostics.extend(diags);
    }
    (documents, diagnostics)
}

/// "Item 3 (“Title”)" for messages.
fn item_label(index: usize, meta: &ArticleMeta) -> String {
    match &meta.title {
        Some(title) => format!("Item {} of the feed (“{}”)", index + 1, title.value),
        None => format!("Item {} of the feed", index + 1),
    }
}

/// Text of a plain field: references decoded, stray tags dropped, white space collapsed.
fn plain(raw: &str) -> String {
    let decoded = decode_references(raw);
    let text = if decoded.contains('<') {
        super::markup::html_to_text(&decoded)
    } else {
        decoded
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn item_meta(raw: &RawItem, feed_title: Option<&str>, feed_link: Option<&str>) -> ArticleMeta {
    let title = raw
        .title
        .as_deref()
        .map(plain)
        .filter(|t| !t.is_empty())
        .map(|t| {
            field(
                t,
                "feed item title",
                raw.title.as_deref().unwrap_or("").trim(),
            )
        });
    let permalink = raw
        .guid
        .as_deref()
        .filter(|g| g.trim_start().starts_with("http"));
    let outlet = raw
        .link
        .as_deref()
        .and_then(|l| outlet_from_url(l, "feed item link"))
        .or_else(|| permalink.and_then(|g| outlet_from_url(g, "feed item guid")))
        .or_else(|| feed_link.and_then(|l| outlet_from_url(l, "feed link")))
        .or_else(|| feed_title.map(|t| field(t.to_string(), "feed title", t)));
    let authors = raw
        .authors
        .iter()
        .filter_map(|a| {
            let name = rss_author_name(&plain(a));
            clean_author(&name).map(|n| field(n, "feed item author", a.trim()))
        })
        .fold(
            Vec::new(),
            |mut all: Vec<crate::analysis::article::Field<String>>, f| {
                if !all.iter().any(|x| x.value == f.value) {
                    all.push(f);
                }
                all
            },
        );
    ArticleMeta {
        title,
        outlet,
        authors,
        published: raw
            .published
            .as_ref()
            .and_then(|(text, source)| date_field(text, source)),
        updated: raw
            .updated
            .as_deref()
            .and_then(|text| date_field(text, "feed updated")),
    }
}

/// RSS's `author` is an e-mail address with the name in parentheses: "jd@x.com (Jane Doe)".
fn rss_author_name(raw: &str) -> String {
    if let Some((address, rest)) = raw.split_once('(')
        && address.contains('@')
    {
        return rest.trim_end().trim_end_matches(')').trim().to_string();
    }
    raw.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders what a user sees of each item on its source card.
    fn dump(docs: &[Document], diags: &[Diagnostic]) -> String {
        let mut out = String::new();
        for doc in docs {
            out += &format!(
                "#{} {}\n",
                doc.part,
                doc.title.as_ref().map_or("-", |t| &t.value)
            );
            if let Some(o) = &doc.outlet {
                out += &format!("outlet: {} ({})\n", o.value, o.evidence.source);
            }
            for a in &doc.authors {
                out += &format!("author: {}\n", a.value);
            }
            if let Some(p) = &doc.published {
                out += &format!("published: {} ({})\n", p.date.value, p.evidence.source);
                for r in &p.rejected {
                    out += &format!("rejected: {} ({})\n", r.date.value, r.reason);
                }
            }
            out += &format!("text: {:?}\n", doc.text);
        }
        for d in diags {
            out += &format!("{:?}: {}\n", d.severity, d.message);
        }
        out
    }

    fn check(xml: &str, expect: &str) {
        let (docs, diags) = parse_feed("f.xml", xml);
        assert_eq!(dump(&docs, &diags), expect, "xml {xml}");
    }

    #[test]
    fn reads_rss_items() {
        check(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title><link>https://wire.example.com/</link>
            <item><title>Trump invites Putin &amp; aides</title><link>https://www.news.example.org/a/1</link><dc:creator>By Jane Doe</dc:creator><pubDate>Fri, 20 Jul 2018 01:22:00 +0000</pubDate>
            <description>Teaser.</description><content:encoded><![CDATA[<p>Trump invited Putin.</p><p>It was &ldquo;bold&rdquo;.</p>]]></content:encoded></item>
            <item><title>No body</title></item>
            <item><author>ed@wire.example.com (Ed Smith)</author><description>&lt;p&gt;Plain &amp;amp; simple.&lt;/p&gt;</description></item>
            </channel></rss>"#,
            "#0 Trump invites Putin & aides\n\
             outlet: news.example.org (feed item link)\n\
             author: Jane Doe\n\
             published: 2018-07-20 (feed pubDate)\n\
             text: \"Trump invites Putin & aides\\n\\nTrump invited Putin.\\n\\nIt was “bold”.\"\n\
             #1 -\n\
             outlet: wire.example.com (feed link)\n\
             author: Ed Smith\n\
             text: \"Plain & simple.\"\n\
             Warning: Item 2 of the feed (“No body”) has no text; it was skipped.\n",
        );
    }

    #[test]
    fn reads_atom_entries() {
        check(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
            <entry><title type="html">A &lt;em&gt;summit&lt;/em&gt;</title><link rel="self" href="https://api.example.com/1"/><link href="https://atom.example.com/s/1"/>
            <author><name>Ann Lee</name><email>ann@example.com</email></author>
            <published>2018-07-19T23:00:00-05:00</published><updated>2018-07-21T10:00:00Z</updated>
            <summary>Short.</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; foremost.</p><p>Second.</p></div></content></entry>
            <entry><title>Plain</title><updated>2018-07-22T00:00:00Z</updated><content>Line one &amp; two.</content></entry>
            </feed>"#,
            "#0 A summit\n\
             outlet: atom.example.com (feed item link)\n\
             author: Ann Lee\n\
             published: 2018-07-19 (feed published)\n\
             rejected: 2018-07-21 (a modification date, not the publication date)\n\
             text: \"A summit\\n\\nFirst & foremost.\\n\\nSecond.\"\n\
             #1 Plain\n\
             outlet: Atom News (feed title)\n\
             published: 2018-07-22 (feed updated)\n\
             text: \"Plain\\n\\nLine one & two.\"\n",
        );
    }

    #[test]
    fn reports_empty_and_broken_feeds() {
        check(
            "<rss><channel><title>Empty</title></channel></rss>",
            "Error: The feed has no items.\n",
        );
        check(
            "<rss><channel><item><title>T</title><description>Kept.</description></item><item><title>Cut",
            "#0 T\ntext: \"T\\n\\nKept.\"\n\
             Warning: The feed is damaged (it ends in the middle of an item); the 1 item before the damage was read.\n",
        );
        check(
            "<rss><channel><item><title a=\"1\" a=\"2\">T</title></item></channel></rss>",
            "Warning: Item 1 of the feed (“T”) has no text; it was skipped.\n",
        );
    }
}
