//! Reads Markdown articles: YAML front matter (title, date, author, source) becomes metadata with
//! its evidence, the first `#` heading the title, and the body plain text (headings and
//! paragraphs as paragraphs, list items as lines, links as their text). It must not keep any
//! Markdown or HTML syntax in the stored text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{ArticleMeta, Body, build_article, clean_author, date_field, outlet_from_url};
use crate::analysis::article::{Diagnostic, Document, Evidence, Field, Span};

/// True when the text opens with a YAML front matter block (`---` lines around `key: value`s).
pub fn has_front_matter(text: &str) -> bool {
    split_front_matter(text).is_some_and(|(lines, _)| !lines.is_empty())
}

/// One `key: value` line of front matter, with its place in the file.
struct MatterLine<'a> {
    key: String,
    value: &'a str,
    line: &'a str,
    span: Span,
}

/// The front matter's lines and the byte offset where the body starts.
fn split_front_matter(text: &str) -> Option<(Vec<MatterLine<'_>>, usize)> {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = bom + first_end + 1;
    let mut lines = Vec::new();
    let mut last_key: Option<String> = None;
    // Front matter is short; a missing closing fence must not make the whole file metadata.
    for _ in 0..200 {
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[offset..line_end].trim_end_matches('\r');
        let next = (line_end + 1).min(text.len());
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((lines, next));
        }
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(offset + lead, offset + line.trim_end().len());
        if let Some(item) = line.trim_start().strip_prefix("- ")
            && let Some(key) = &last_key
        {
            lines.push(MatterLine {
                key: key.clone(),
                value: item.trim(),
                line: line.trim(),
                span,
            });
        } else if let Some((key, value)) = line.split_once(':')
            && lead == 0
            && !key.trim().is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        {
            let key = key.trim().to_ascii_lowercase();
            last_key = Some(key.clone());
            lines.push(MatterLine {
                key,
                value: value.trim(),
                line: line.trim(),
                span,
            });
        } else if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            last_key = None;
        }
        if line_end >= text.len() {
            return None;
        }
        offset = next;
    }
    None
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

fn matter_field(value: String, line: &MatterLine) -> Field<String> {
    Field {
        value,
        evidence: Evidence {
            source: format!("front matter {}", line.key),
            raw: line.line.to_string(),
            file_span: Some(line.span),
        },
    }
}

/// Reads a Markdown file into one document.
pub fn parse_markdown(file: &str, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let (matter, body_start) = split_front_matter(text).unwrap_or((Vec::new(), 0));
    let body = &text[body_start..];
    let (plain, heading) = markdown_to_text(body);
    let mut meta = ArticleMeta::default();
    for line in &matter {
        let value = unquote(line.value);
        if value.is_empty() {
            continue;
        }
        match line.key.as_str() {
            "title" | "headline" if meta.title.is_none() => {
                meta.title = Some(matter_field(value.to_string(), line));
            }
            "date" | "published" | "pubdate" | "published_at" | "publishdate" => {
                if meta.published.is_none()
                    && let Some(mut date) = date_field(value, &format!("front matter {}", line.key))
                {
                    date.evidence.raw = line.line.to_string();
                    date.evidence.file_span = Some(line.span);
                    meta.published = Some(date);
                }
            }
            "updated" | "lastmod" | "modified" => {
                if let Some(mut date) = date_field(value, &format!("front matter {}", line.key)) {
                    date.evidence.raw = line.line.to_string();
                    date.evidence.file_span = Some(line.span);
                    meta.updated = Some(date);
                }
            }
            "author" | "authors" | "byline" | "creator" => {
                let names = value.trim_start_matches('[').trim_end_matches(']');
                for name in names.split(if names.contains(';') { ';' } else { ',' }) {
                    if let Some(name) = clean_author(unquote(name))
                        && !meta.authors.iter().any(|a| a.value == name)
                    {
                        meta.authors.push(matter_field(name, line));
                    }
                }
            }
            "source" | "outlet" | "publisher" | "site" | "site_name" if meta.outlet.is_none() => {
                meta.outlet = if value.contains("://") {
                    outlet_from_url(value, &format!("front matter {}", line.key)).map(|mut f| {
                        f.evidence.raw = line.line.to_string();
                        f.evidence.file_span = Some(line.span);
                        f
                    })
                } else {
                    Some(matter_field(value.to_string(), line))
                };
            }
            _ => {}
        }
    }
    if meta.outlet.is_none()
        && let Some(line) = matter.iter().find(|l| {
            matches!(
                l.key.as_str(),
                "url" | "link" | "canonical_url" | "canonical"
            )
        })
    {
        meta.outlet = outlet_from_url(unquote(line.value), &format!("front matter {}", line.key))
            .map(|mut f| {
                f.evidence.raw = line.line.to_string();
                f.evidence.file_span = Some(line.span);
                f
            });
    }
    if meta.title.is_none()
        && let Some((title, raw, span)) = heading
    {
        meta.title = Some(Field {
            value: title,
            evidence: Evidence {
                source: "markdown heading".into(),
                raw,
                file_span: Some(span.shifted(body_start)),
            },
        });
    }
    build_article(file, Body::Text(plain), &meta)
}

/// Markdown to plain text, with the first level-one heading (text, raw line, span in `body`).
fn markdown_to_text(body: &str) -> (String, Option<(String, String, Span)>) {
    let mut out = String::new();
    let mut heading: Option<(String, String, Span)> = None;
    let mut in_h1: Option<(String, std::ops::Range<usize>)> = None;
    let mut image_depth = 0usize;
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                paragraph_break(&mut out);
                if level == pulldown_cmark::HeadingLevel::H1 && heading.is_none() {
                    in_h1 = Some((String::new(), range));
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((text, range)) = in_h1.take() {
                    let raw = body.get(range.clone()).unwrap_or("").trim().to_string();
                    let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !title.is_empty() {
                        let lead = body
                            .get(range.clone())
                            .map_or(0, |r| r.len() - r.trim_start().len());
                        let start = range.start + lead;
                        heading = Some((title, raw.clone(), Span::new(start, start + raw.len())));
                    }
                }
                paragraph_break(&mut out);
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::Item) | Event::End(TagEnd::Item) | Event::End(TagEnd::TableRow) => {
                line_break(&mut out);
            }
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Start(
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Table,
            )
            | Event::Rule => paragraph_break(&mut out),
            Event::Text(text) | Event::Code(text) if image_depth == 0 => {
                if let Some((h, _)) = &mut in_h1 {
                    h.push_str(&text);
                }
                out.push_str(&text);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => line_break(&mut out),
            Event::Html(html) | Event::InlineHtml(html) => {
                let text = super::markup::html_to_text(&html);
                if !text.is_empty() {
                    out.push_str(&text);
                }
            }
            _ => {}
        }
    }
    (out.trim().to_string(), heading)
}

fn line_break(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph_break(out: &mut String) {
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let (docs, _) = parse_markdown("a.md", input);
        let got: Vec<String> = docs
            .iter()
            .map(|d| {
                let mut out = String::new();
                if let Some(t) = &d.title {
                    out += &format!("title: {} ({})\n", t.value, t.evidence.source);
                }
                if let Some(o) = &d.outlet {
                    out += &format!("outlet: {} ({})\n", o.value, o.evidence.source);
                }
                for a in &d.authors {
                    out += &format!("author: {}\n", a.value);
                }
                if let Some(p) = &d.published {
                    out += &format!("published: {} ({:?})\n", p.date.value, p.evidence.raw);
                }
                for f in d.title.iter().chain(&d.outlet).chain(&d.authors) {
                    if let Some(span) = f.evidence.file_span {
                        assert_eq!(span.slice(input), f.evidence.raw);
                    }
                }
                out + &format!("text: {:?}", d.text)
            })
            .collect();
        assert_eq!(got.join("\n---\n"), expect);
    }

    #[test]
    fn reads_front_matter_and_body() {
        check(
            "---\ntitle: \"Trump invites Putin\"\ndate: 2018-07-20\nauthors:\n  - Jane Doe\n  - John Roe\nsource: https://www.reuters.com/x\n---\n\n# Ignored heading\n\nTrump *invited* [Putin](http://x).\n\n- one\n- two\n\n![alt text](i.png)\n",
            "title: Trump invites Putin (front matter title)\n\
             outlet: reuters.com (front matter source)\n\
             author: Jane Doe\nauthor: John Roe\n\
             published: 2018-07-20 (\"date: 2018-07-20\")\n\
             text: \"Trump invites Putin\\n\\nIgnored heading\\n\\nTrump invited Putin.\\n\\none\\ntwo\"",
        );
    }

    #[test]
    fn takes_the_first_heading_as_title() {
        check(
            "Intro line\n\n# The *real* title\n\nBody <b>bold</b> text.",
            "title: The real title (markdown heading)\ntext: \"Intro line\\n\\nThe real title\\n\\nBody bold text.\"",
        );
        // An unclosed fence is a thematic break, not front matter.
        check(
            "---\nnot: closed\n\nbody",
            "title: not: closed (first line)\ntext: \"not: closed\\n\\nbody\"",
        );
    }
}
