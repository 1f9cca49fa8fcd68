//! Reads JSON exports of news articles in the common news-API shapes: a top-level array, or an
//! object holding the array under `articles`, `items`, `data`, `results` (or `value`, `hits`),
//! or one article object. Each record becomes one document. It must not guess at records that
//! carry no article text: those are skipped with a warning naming them.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::{ArticleMeta, Body, build_article, clean_author, date_field, field, outlet_from_url};
use crate::analysis::article::{Diagnostic, Document, Field};

/// Keys under which APIs put their list of articles, in the order they are tried.
const LIST_KEYS: &[&str] = &[
    "articles", "items", "data", "results", "value", "hits", "news", "stories", "posts", "entries",
    "docs",
];
/// Keys holding the body, richest first when lengths tie.
const TEXT_KEYS: &[&str] = &[
    "articleBody",
    "content",
    "body",
    "text",
    "full_text",
    "fullText",
    "content_html",
    "description",
    "summary",
    "snippet",
];
const TITLE_KEYS: &[&str] = &["title", "headline", "name"];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url", "webUrl", "href"];
const SOURCE_KEYS: &[&str] = &[
    "source",
    "publisher",
    "source_name",
    "outlet",
    "site_name",
    "siteName",
    "domain",
];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline", "creator"];
const DATE_KEYS: &[&str] = &[
    "publishedAt",
    "published",
    "published_at",
    "datePublished",
    "date",
    "pubDate",
    "pub_date",
    "webPublicationDate",
    "created_at",
    "time",
];
const UPDATED_KEYS: &[&str] = &[
    "updatedAt",
    "updated",
    "updated_at",
    "dateModified",
    "modified",
];

/// NewsAPI cuts `content` to about 200 characters and appends "… [+1234 chars]".
static CUT_MARKER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$").ok());
static LOOKS_LIKE_HTML: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|br|div|span|a|em|strong|b|i|h[1-6]|ul|li|figure|img)\b[^>]*>").ok()
});

/// Reads a JSON file of articles into documents.
pub fn parse_json(file: &str, json: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    let value: Value = match serde_json::from_str(json.trim_start_matches('\u{FEFF}')) {
        Ok(value) => value,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                file,
                format!(
                    "The JSON is damaged (line {}, column {}: {}), so it could not be read.",
                    error.line(),
                    error.column(),
                    plain_error(&error)
                ),
            ));
            return (documents, diagnostics);
        }
    };
    let Some(records) = find_records(&value) else {
        diagnostics.push(Diagnostic::error(
            file,
            "The JSON holds no list of articles (an array, or one under \"articles\", \"items\", \"data\" or \"results\").",
        ));
        return (documents, diagnostics);
    };
    if records.is_empty() {
        diagnostics.push(Diagnostic::error(
            file,
            "The JSON list of articles is empty.",
        ));
        return (documents, diagnostics);
    }
    let mut cut = 0;
    for (index, record) in records.iter().enumerate() {
        let Value::Object(_) = record else {
            diagnostics.push(Diagnostic::warning(
                file,
                format!(
                    "Item {} is not an article record; it was skipped.",
                    index + 1
                ),
            ));
            continue;
        };
        let meta = record_meta(record);
        let label = match &meta.title {
            Some(t) => format!("Item {} (“{}”)", index + 1, t.value),
            None => format!("Item {}", index + 1),
        };
        let Some(mut text) = record_text(record) else {
            diagnostics.push(Diagnostic::warning(
                file,
                format!("{label} has no text; it was skipped."),
            ));
            continue;
        };
        if let Some(re) = CUT_MARKER.as_ref()
            && let Some(m) = re.find(&text)
        {
            text.truncate(m.start());
            text.push('…');
            cut += 1;
        }
        let is_html = LOOKS_LIKE_HTML
            .as_ref()
            .is_some_and(|re| re.is_match(&text));
        let body = if is_html {
            Body::Html(text)
        } else {
            Body::Text(text)
        };
        let (docs, diags) = build_article(file, body, &meta);
        if docs.is_empty() {
            diagnostics.push(Diagnostic::warning(
                file,
                format!("{label} has no text; it was skipped."),
            ));
        }
        for mut doc in docs {
            doc.part = index as u32;
            documents.push(doc);
        }
        diagnostics.extend(diags);
    }
    if cut > 0 {
        diagnostics.push(Diagnostic::warning(
            file,
            format!(
                "The text of {} was cut short by the news service (\"[+N chars]\"); only the start was read.",
                super::count_noun(cut, "item")
            ),
        ));
    }
    (documents, diagnostics)
}

fn plain_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    text.split(" at line ").next().unwrap_or(&text).to_string()
}

/// The array of article records: the value itself, one under a known key (one level of nesting
/// allowed, as in `{"data": {"items": [...]}}`), or a single record wrapped as a list.
fn find_records(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(map) => {
            for key in LIST_KEYS {
                match map.get(*key) {
                    Some(Value::Array(items)) => return Some(items.iter().collect()),
                    Some(inner @ Value::Object(_)) => {
                        if let Some(found) = find_records_shallow(inner) {
                            return Some(found);
                        }
                    }
                    _ => {}
                }
            }
            (record_text(value).is_some() || TITLE_KEYS.iter().any(|k| map.contains_key(*k)))
                .then(|| vec![value])
        }
        _ => None,
    }
}

fn find_records_shallow(value: &Value) -> Option<Vec<&Value>> {
    let map = value.as_object()?;
    LIST_KEYS
        .iter()
        .find_map(|key| map.get(*key)?.as_array())
        .map(|items| items.iter().collect())
}

/// The first non-empty string among `keys`; numbers count as text too.
fn first_string<'a>(record: &'a Value, keys: &[&str]) -> Option<(&'a str, String)> {
    keys.iter().find_map(|key| {
        let (k, v) = record.as_object()?.get_key_value(*key)?;
        let s = match v {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Object(o) => ["name", "title", "value", "rendered"]
                .iter()
                .find_map(|k| o.get(*k)?.as_str())?
                .trim()
                .to_string(),
            _ => return None,
        };
        (!s.is_empty()).then_some((k.as_str(), s))
    })
}

/// The longest body among the text keys: APIs often give a teaser and the full text side by side.
fn record_text(record: &Value) -> Option<String> {
    let map = record.as_object()?;
    TEXT_KEYS
        .iter()
        .filter_map(|key| match map.get(*key)? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Object(o) => o
                .get("rendered")
                .or_else(|| o.get("value"))?
                .as_str()
                .map(|s| s.trim().to_string()),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .fold(None, |best: Option<String>, s| match best {
            Some(b) if b.len() >= s.len() => Some(b),
            _ => Some(s),
        })
}

fn record_meta(record: &Value) -> ArticleMeta {
    let mut meta = ArticleMeta::default();
    if let Some((key, title)) = first_string(record, TITLE_KEYS) {
        let plain = super::markup::html_to_text(&title);
        if !plain.is_empty() {
            meta.title = Some(field(
                plain.replace('\n', " "),
                &format!("json {key}"),
                &title,
            ));
        }
    }
    let url = first_string(record, URL_KEYS);
    meta.outlet = first_string(record, SOURCE_KEYS)
        .and_then(|(key, source)| {
            if source.contains("://") || (key == "domain" && source.contains('.')) {
                outlet_from_url(&source, &format!("json {key}"))
            } else {
                Some(field(source.clone(), &format!("json {key}"), &source))
            }
        })
        .or_else(|| url.and_then(|(key, u)| outlet_from_url(&u, &format!("json {key}"))));
    meta.authors = record_authors(record);
    meta.published = DATE_KEYS.iter().find_map(|key| {
        let raw = record.get(*key)?.as_str()?;
        date_field(raw, &format!("json {key}"))
    });
    meta.updated = UPDATED_KEYS.iter().find_map(|key| {
        let raw = record.get(*key)?.as_str()?;
        date_field(raw, &format!("json {key}"))
    });
    meta
}

fn record_authors(record: &Value) -> Vec<Field<String>> {
    let mut authors: Vec<Field<String>> = Vec::new();
    for key in AUTHOR_KEYS {
        let Some(value) = record.get(*key) else {
            continue;
        };
        let names: Vec<String> = match value {
            Value::String(s) => s.split([',', ';']).map(str::to_string).collect(),
            Value::Array(items) => items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("name")?.as_str().map(str::to_string),
                    _ => None,
                })
                .collect(),
            Value::Object(o) => o
                .get("name")
                .and_then(Value::as_str)
                .map(|s| vec![s.to_string()])
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for name in names {
            // A URL or an e-mail address is not a name.
            if name.contains("://") || name.contains('@') {
                continue;
            }
            if let Some(clean) = clean_author(&name)
                && !authors.iter().any(|a| a.value == clean)
            {
                authors.push(field(clean, &format!("json {key}"), name.trim()));
            }
        }
        if !authors.is_empty() {
            break;
        }
    }
    authors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, expect: &str) {
        let (docs, diags) = parse_json("a.json", json);
        let mut out = String::new();
        for d in &docs {
            out += &format!("#{} {}", d.part, d.title.as_ref().map_or("-", |t| &t.value));
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
    fn reads_news_api_shapes() {
        check(
            r#"{"status":"ok","articles":[{"source":{"id":null,"name":"Reuters"},"author":"Jane Doe, John Roe","title":"Trump invites Putin","url":"https://www.reuters.com/a","publishedAt":"2018-07-20T01:22:00Z","description":"Short.","content":"Trump invited Putin to Washington this autumn… [+1234 chars]"},{"title":"No text","url":"https://x.com/b"},3]}"#,
            "#0 Trump invites Putin | Reuters (json source) | by Jane Doe | by John Roe | 2018-07-20 (json publishedAt) | \"Trump invites Putin\\n\\nTrump invited Putin to Washington this autumn…\"\n\
             Warning: Item 2 (“No text”) has no text; it was skipped.\n\
             Warning: Item 3 is not an article record; it was skipped.\n\
             Warning: The text of 1 item was cut short by the news service (\"[+N chars]\"); only the start was read.\n",
        );
        check(
            r#"[{"headline":"H","link":"http://www.bbc.co.uk/n","body":"<p>One.</p><p>Two.</p>","date":"20 Jul 2018"}]"#,
            "#0 H | bbc.co.uk (json link) | 2018-07-20 (json date) | \"H\\n\\nOne.\\n\\nTwo.\"\n",
        );
        check(
            r#"{"data":{"items":[{"title":"T","text":"Body."}]}}"#,
            "#0 T | \"T\\n\\nBody.\"\n",
        );
    }

    #[test]
    fn refuses_json_without_articles() {
        check(
            "{\"a\": 1",
            "Error: The JSON is damaged (line 1, column 7: EOF while parsing an object), so it could not be read.\n",
        );
        check(
            "{\"a\": 1}",
            "Error: The JSON holds no list of articles (an array, or one under \"articles\", \"items\", \"data\" or \"results\").\n",
        );
        check("[]", "Error: The JSON list of articles is empty.\n");
    }
}
