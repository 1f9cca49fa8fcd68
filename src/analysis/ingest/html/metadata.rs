//! Collects a page's metadata (meta tags, JSON-LD, `<time>`, bylines, labelled dates in visible
//! text) and chooses title, outlet, authors, language and publication date, each with the
//! evidence it came from. It must not guess a value that no part of the page states.

use std::sync::LazyLock;

use regex::Regex;
use scraper::Node as HtmlNode;
use serde_json::Value;

use super::content::normalise_key;
use crate::analysis::article::{Evidence, Field, Published, RejectedDate, Span};
use crate::analysis::ingest::dateline::read_dateline;
use crate::analysis::timevalue::TimeValue;

fn regex(pattern: &str) -> Regex {
    #[allow(
        clippy::expect_used,
        reason = "patterns are constants covered by the unit tests"
    )]
    Regex::new(pattern).expect("constant pattern compiles")
}

/// Everything the page says about itself, as raw strings with where they came from.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// `(key, content)` of every `<meta>` with a name, property, itemprop or http-equiv.
    pub metas: Vec<(String, String)>,
    /// The `<title>` text.
    pub title_tag: Option<String>,
    /// The first `<h1>` text.
    pub h1: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel=canonical>` address.
    pub canonical: Option<String>,
    /// Texts of `rel=author` links.
    pub rel_authors: Vec<String>,
    /// Texts of short byline elements (class or itemprop says byline or author).
    pub bylines: Vec<String>,
    /// `(datetime, strong)` of `<time>` elements; strong when marked `pubdate` or `datePublished`.
    pub times: Vec<(String, bool)>,
    /// Bodies of `application/ld+json` scripts.
    pub json_ld: Vec<String>,
    /// Short visible text runs that carry a date label ("Published: ...", "Updated ...").
    pub labelled_dates: Vec<String>,
}

static BYLINE_CLASS: LazyLock<Regex> = LazyLock::new(|| regex(r"byline|author|writer|contributor"));
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(published|posted|first published|updated|last updated|last modified|modified)\b\s*(on|at)?\s*:?",
    )
});

/// Reads the facts from a parsed document in one pass over its nodes.
pub fn collect_facts(root: ego_tree::NodeRef<'_, HtmlNode>) -> PageFacts {
    let mut facts = PageFacts::default();
    // Byline texts are gathered from text nodes below a byline element; `byline_until` holds
    // the node where the current byline element closes.
    let mut byline_open: Option<(ego_tree::NodeId, String)> = None;
    let mut title_open: Option<(&'static str, ego_tree::NodeId, String)> = None;
    let mut in_script = false;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                HtmlNode::Element(el) => {
                    let name = el.name();
                    let attr = |a: &str| el.attr(a).map(str::trim).filter(|v| !v.is_empty());
                    match name {
                        "html" => facts.lang = facts.lang.take().or(attr("lang").map(String::from)),
                        "meta" => {
                            let key = attr("property")
                                .or(attr("name"))
                                .or(attr("itemprop"))
                                .or(attr("http-equiv"));
                            if let (Some(key), Some(content)) = (key, attr("content")) {
                                facts
                                    .metas
                                    .push((key.to_ascii_lowercase(), content.to_string()));
                            }
                        }
                        "link" => {
                            let rel = attr("rel").unwrap_or("").to_ascii_lowercase();
                            if rel == "canonical" && facts.canonical.is_none() {
                                facts.canonical = attr("href").map(String::from);
                            }
                        }
                        "script" => {
                            in_script = attr("type")
                                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                            if in_script {
                                facts.json_ld.push(String::new());
                            }
                        }
                        "time" => {
                            if let Some(dt) = attr("datetime") {
                                let strong = el.attr("pubdate").is_some()
                                    || attr("itemprop")
                                        .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                                facts.times.push((dt.to_string(), strong));
                            }
                        }
                        "title" if facts.title_tag.is_none() && title_open.is_none() => {
                            title_open = Some(("title", node.id(), String::new()));
                        }
                        "h1" if facts.h1.is_none() && title_open.is_none() => {
                            title_open = Some(("h1", node.id(), String::new()));
                        }
                        _ => {}
                    }
                    if name == "a"
                        && attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("author"))
                        && byline_open.is_none()
                    {
                        byline_open = Some((node.id(), String::from("\u{1}")));
                    } else if byline_open.is_none()
                        && !matches!(name, "meta" | "link" | "html" | "body")
                    {
                        let class_id = format!(
                            "{} {} {}",
                            el.attr("class").unwrap_or(""),
                            el.id().unwrap_or(""),
                            el.attr("itemprop").unwrap_or("")
                        )
                        .to_ascii_lowercase();
                        if BYLINE_CLASS.is_match(&class_id) {
                            byline_open = Some((node.id(), String::new()));
                        }
                    }
                }
                HtmlNode::Text(t) => {
                    let t: &str = t;
                    if in_script {
                        if let Some(last) = facts.json_ld.last_mut() {
                            last.push_str(t);
                        }
                        continue;
                    }
                    if let Some((_, _, buf)) = title_open.as_mut() {
                        buf.push_str(t);
                    }
                    if let Some((_, buf)) = byline_open.as_mut()
                        && buf.len() < 400
                    {
                        buf.push_str(t);
                        buf.push(' ');
                    }
                    if t.len() < 200 && DATE_LABEL.is_match(t) && facts.labelled_dates.len() < 20 {
                        let mut s = t.trim().to_string();
                        // The date often sits in the next text run ("Published: <span>date</span>").
                        if read_dateline(&s).is_none() {
                            s.push(' ');
                            s.push_str(&next_text(node, 3));
                        }
                        facts.labelled_dates.push(collapse(&s));
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let HtmlNode::Element(el) = node.value() {
                    if el.name() == "script" {
                        in_script = false;
                    }
                    if let Some((kind, id, _)) = &title_open
                        && *id == node.id()
                    {
                        let kind = *kind;
                        if let Some((_, _, text)) = title_open.take() {
                            let text = collapse(&text);
                            if !text.is_empty() {
                                match kind {
                                    "title" => facts.title_tag = Some(text),
                                    _ => facts.h1 = Some(text),
                                }
                            }
                        }
                    }
                    if let Some((id, _)) = &byline_open
                        && *id == node.id()
                        && let Some((_, text)) = byline_open.take()
                    {
                        if let Some(rel) = text.strip_prefix('\u{1}') {
                            facts.rel_authors.push(collapse(rel));
                        } else {
                            let text = collapse(&text);
                            if !text.is_empty() && text.len() < 200 {
                                facts.bylines.push(text);
                            }
                        }
                    }
                }
            }
        }
    }
    facts
}

/// Up to `runs` text runs that follow `node` in document order, joined by spaces.
fn next_text(node: ego_tree::NodeRef<'_, HtmlNode>, runs: usize) -> String {
    let mut out = String::new();
    let mut taken = 0;
    let mut current = Some(node);
    let mut steps = 0;
    while let Some(n) = current {
        steps += 1;
        if taken >= runs || steps > 40 {
            break;
        }
        current = n
            .first_child()
            .or_else(|| n.next_sibling())
            .or_else(|| n.ancestors().find_map(|a| a.next_sibling()));
        if let Some(HtmlNode::Text(t)) = current.map(|c| c.value()) {
            let t: &str = t;
            if !t.trim().is_empty() {
                out.push_str(t.trim());
                out.push(' ');
                taken += 1;
            }
        }
    }
    out
}

fn collapse(s: &str) -> String {
    super::dom::collapse_whitespace(s).trim().to_string()
}

/// Evidence for `raw` from `source`, with its place in the page when it appears there verbatim.
fn evidence(html: &str, source: &str, raw: &str) -> Evidence {
    let file_span = if raw.is_empty() {
        None
    } else {
        html.find(raw).map(|at| Span::new(at, at + raw.len()))
    };
    Evidence {
        source: source.to_string(),
        raw: raw.to_string(),
        file_span,
    }
}

/// The fields JSON-LD gives, from the most article-like object that has each.
#[derive(Debug, Clone, Default)]
struct JsonLd {
    headline: Option<(u8, String)>,
    published: Option<(u8, String)>,
    modified: Option<(u8, String)>,
    publisher: Option<(u8, String)>,
    authors: Option<(u8, Vec<String>)>,
}

static LOOSE_PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| regex(r#""datePublished"\s*:\s*"([^"]{6,40})""#));
static LOOSE_MODIFIED: LazyLock<Regex> =
    LazyLock::new(|| regex(r#""dateModified"\s*:\s*"([^"]{6,40})""#));

fn read_json_ld(blocks: &[String]) -> JsonLd {
    let mut out = JsonLd::default();
    for block in blocks {
        let Ok(value) = serde_json::from_str::<Value>(block.trim()) else {
            // A broken block still often holds a readable date.
            for (re, slot) in [
                (&*LOOSE_PUBLISHED, &mut out.published),
                (&*LOOSE_MODIFIED, &mut out.modified),
            ] {
                if slot.is_none()
                    && let Some(c) = re.captures(block)
                {
                    *slot = Some((0, c[1].to_string()));
                }
            }
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let kind = type_rank(map.get("@type"));
                    let put = |slot: &mut Option<(u8, String)>, value: Option<String>| {
                        if let Some(value) = value.filter(|v| !v.trim().is_empty())
                            && slot.as_ref().is_none_or(|(r, _)| kind > *r)
                        {
                            *slot = Some((kind, value.trim().to_string()));
                        }
                    };
                    put(&mut out.headline, map.get("headline").and_then(json_text));
                    put(
                        &mut out.published,
                        map.get("datePublished").and_then(json_text),
                    );
                    put(
                        &mut out.modified,
                        map.get("dateModified").and_then(json_text),
                    );
                    put(
                        &mut out.publisher,
                        map.get("publisher").and_then(|p| match p {
                            Value::Object(o) => o.get("name").and_then(json_text),
                            Value::Array(a) => {
                                a.first().and_then(|p| p.get("name")).and_then(json_text)
                            }
                            other => json_text(other),
                        }),
                    );
                    if let Some(author) = map.get("author").or(map.get("creator")) {
                        let names = json_names(author);
                        if !names.is_empty() && out.authors.as_ref().is_none_or(|(r, _)| kind > *r)
                        {
                            out.authors = Some((kind, names));
                        }
                    }
                    for (key, child) in map {
                        if matches!(
                            key.as_str(),
                            "@graph" | "mainEntity" | "mainEntityOfPage" | "itemListElement"
                        ) || child.is_array() && key != "author"
                        {
                            stack.push(child);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Article types rank above pages, pages above anything else.
fn type_rank(kind: Option<&Value>) -> u8 {
    let names: Vec<&str> = match kind {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if names
        .iter()
        .any(|n| n.ends_with("Article") || *n == "BlogPosting" || *n == "Report")
    {
        3
    } else if names.iter().any(|n| n.ends_with("Page")) {
        2
    } else {
        1
    }
}

fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first().and_then(json_text),
        _ => None,
    }
}

fn json_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o.get("name").and_then(json_text).into_iter().collect(),
        Value::Array(a) => a.iter().flat_map(json_names).collect(),
        _ => Vec::new(),
    }
}

fn meta<'a>(facts: &'a PageFacts, keys: &[&str]) -> Option<(&'a str, &'a str)> {
    keys.iter().find_map(|k| {
        facts
            .metas
            .iter()
            .find(|(key, _)| key == k)
            .map(|(key, content)| (key.as_str(), content.as_str()))
    })
}

/// The metadata chosen for one page.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// The headline.
    pub title: Option<Field<String>>,
    /// The outlet.
    pub outlet: Option<Field<String>>,
    /// The authors.
    pub authors: Vec<Field<String>>,
    /// The publication date.
    pub published: Option<Published>,
    /// The declared language.
    pub language: Option<Field<String>>,
}

/// Chooses title, outlet, authors, language and publication date from the facts.
pub fn choose_metadata(html: &str, facts: &PageFacts) -> Metadata {
    let ld = read_json_ld(&facts.json_ld);
    let outlet = choose_outlet(html, facts, &ld);
    let title = choose_title(html, facts, &ld, outlet.as_ref().map(|o| o.value.as_str()));
    Metadata {
        title,
        outlet,
        authors: choose_authors(html, facts, &ld),
        published: choose_published(html, facts, &ld),
        language: choose_language(html, facts),
    }
}

fn choose_title(
    html: &str,
    facts: &PageFacts,
    ld: &JsonLd,
    outlet: Option<&str>,
) -> Option<Field<String>> {
    if let Some((key, raw)) = meta(facts, &["og:title", "twitter:title"]) {
        let value = strip_site_suffix(&collapse(raw), outlet);
        if !value.is_empty() {
            return Some(Field {
                value,
                evidence: evidence(html, &format!("meta {key}"), raw),
            });
        }
    }
    if let Some((_, raw)) = &ld.headline {
        return Some(Field {
            value: collapse(raw),
            evidence: evidence(html, "json-ld headline", raw),
        });
    }
    if let Some(raw) = &facts.title_tag {
        let value = strip_site_suffix(raw, outlet);
        if !value.is_empty() {
            return Some(Field {
                value,
                evidence: evidence(html, "title tag", raw),
            });
        }
    }
    facts.h1.as_ref().map(|raw| Field {
        value: raw.clone(),
        evidence: evidence(html, "first heading", raw),
    })
}

const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

/// "Headline | Site" -> "Headline": drops trailing parts that name the site or are short.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    let mut title = title.trim().to_string();
    for _ in 0..2 {
        let Some((at, sep)) = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|at| (at, *sep)))
            .max_by_key(|(at, _)| *at)
        else {
            break;
        };
        let (head, tail) = (&title[..at], &title[at + sep.len()..]);
        let names_site = outlet.is_some_and(|o| {
            let (o, t) = (normalise_key(o), normalise_key(tail));
            !t.is_empty() && (o.contains(&t) || t.contains(&o))
        });
        let short_tail = tail.split_whitespace().count() <= 4;
        if (names_site || short_tail) && head.split_whitespace().count() >= 3 {
            title = head.trim().to_string();
        } else {
            break;
        }
    }
    title
}

fn choose_outlet(html: &str, facts: &PageFacts, ld: &JsonLd) -> Option<Field<String>> {
    if let Some((key, raw)) = meta(facts, &["og:site_name"]) {
        return Some(Field {
            value: collapse(raw),
            evidence: evidence(html, &format!("meta {key}"), raw),
        });
    }
    if let Some((_, raw)) = &ld.publisher {
        return Some(Field {
            value: collapse(raw),
            evidence: evidence(html, "json-ld publisher", raw),
        });
    }
    if let Some((key, raw)) = meta(facts, &["application-name", "twitter:site"]) {
        let value = collapse(raw).trim_start_matches('@').to_string();
        if !value.is_empty() {
            return Some(Field {
                value,
                evidence: evidence(html, &format!("meta {key}"), raw),
            });
        }
    }
    let address = facts
        .canonical
        .as_deref()
        .map(|a| ("canonical address", a))
        .or_else(|| meta(facts, &["og:url"]).map(|(_, a)| ("meta og:url", a)));
    if let Some((source, raw)) = address
        && let Some(host) = host_of(raw)
    {
        return Some(Field {
            value: host,
            evidence: evidence(html, source, raw),
        });
    }
    None
}

/// The host of an absolute address without `www.`, e.g. `theguardian.com`.
pub fn host_of(address: &str) -> Option<String> {
    let rest = address.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    host.contains('.').then_some(host)
}

static BY_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^\s*(?:written |posted |reported )?by\s*:?\s+"));
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\s*(?:,|\band\b|&|\|)\s*"));

fn choose_authors(html: &str, facts: &PageFacts, ld: &JsonLd) -> Vec<Field<String>> {
    let mut sources: Vec<(String, Vec<String>)> = Vec::new();
    if let Some((_, names)) = &ld.authors {
        sources.push(("json-ld author".to_string(), names.clone()));
    }
    for key in [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "byl",
        "dc.creator",
    ] {
        let values: Vec<String> = facts
            .metas
            .iter()
            .filter(|(k, v)| k == key && !v.contains("://"))
            .map(|(_, v)| v.clone())
            .collect();
        if !values.is_empty() {
            sources.push((format!("meta {key}"), values));
        }
    }
    if !facts.rel_authors.is_empty() {
        sources.push(("author link".to_string(), facts.rel_authors.clone()));
    }
    if let Some(b) = facts
        .bylines
        .iter()
        .find(|b| BY_PREFIX.is_match(b))
        .or(facts.bylines.first())
    {
        sources.push(("byline".to_string(), vec![b.clone()]));
    }
    for (source, raws) in sources {
        let mut out: Vec<Field<String>> = Vec::new();
        for raw in &raws {
            for name in split_names(raw) {
                if !out.iter().any(|f| f.value.eq_ignore_ascii_case(&name)) {
                    out.push(Field {
                        value: name,
                        evidence: evidence(html, &source, raw),
                    });
                }
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    Vec::new()
}

/// "By Jane Doe and John Roe, Reuters" -> names that look like a person or a desk.
fn split_names(raw: &str) -> Vec<String> {
    let text = collapse(raw);
    let text = BY_PREFIX.replace(&text, "");
    // A byline often continues with a date or a role after a line break or a bullet.
    let text = text.split(['\n', '•', '·']).next().unwrap_or("");
    NAME_SPLIT
        .split(text)
        .map(|n| {
            n.trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|n| {
            let words = n.split_whitespace().count();
            (1..=5).contains(&words)
                && n.chars().next().is_some_and(char::is_uppercase)
                && !n.chars().any(|c| c.is_ascii_digit())
                && read_dateline(n).is_none()
        })
        .collect()
}

fn choose_language(html: &str, facts: &PageFacts) -> Option<Field<String>> {
    if let Some(raw) = &facts.lang {
        return Some(Field {
            value: raw.clone(),
            evidence: evidence(html, "html lang", raw),
        });
    }
    meta(
        facts,
        &["og:locale", "content-language", "language", "dc.language"],
    )
    .map(|(key, raw)| Field {
        value: raw.replace('_', "-"),
        evidence: evidence(html, &format!("meta {key}"), raw),
    })
}

/// A date found somewhere in the page, with how much it can be trusted.
struct DateCandidate {
    date: TimeValue,
    evidence: Evidence,
    strength: u8,
    modified: bool,
}

static URL_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"/((?:19|20)\d{2})[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[^\d])"));

fn choose_published(html: &str, facts: &PageFacts, ld: &JsonLd) -> Option<Published> {
    let mut candidates: Vec<DateCandidate> = Vec::new();
    let mut add = |raw: &str, source: &str, strength: u8, modified: bool| {
        if let Some(d) = read_dateline(raw) {
            candidates.push(DateCandidate {
                date: d.date,
                evidence: evidence(html, source, raw),
                strength,
                modified,
            });
        }
    };
    if let Some((_, raw)) = &ld.published {
        add(raw, "json-ld datePublished", 90, false);
    }
    for (key, raw) in &facts.metas {
        let (strength, modified) = match key.as_str() {
            "article:published_time"
            | "og:article:published_time"
            | "datepublished"
            | "article.published"
            | "published_time" => (85, false),
            "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.date"
            | "dcterms.created"
            | "dcterms.issued"
            | "sailthru.date"
            | "parsely-pub-date"
            | "originalpublicationdate"
            | "article_date_original"
            | "displaydate"
            | "og:pubdate"
            | "created" => (75, false),
            "article:modified_time"
            | "og:updated_time"
            | "datemodified"
            | "last-modified"
            | "dcterms.modified"
            | "article.updated" => (10, true),
            _ => continue,
        };
        add(raw, &format!("meta {key}"), strength, modified);
    }
    for (raw, strong) in &facts.times {
        add(raw, "time element", if *strong { 80 } else { 60 }, false);
    }
    for raw in &facts.labelled_dates {
        let lower = raw.to_ascii_lowercase();
        let modified = lower.contains("updated") || lower.contains("modified");
        add(
            raw,
            "visible text",
            if modified { 10 } else { 70 },
            modified,
        );
    }
    if let Some((_, raw)) = &ld.modified {
        add(raw, "json-ld dateModified", 10, true);
    }
    let address = facts
        .canonical
        .as_deref()
        .map(|a| ("canonical address", a))
        .or_else(|| meta(facts, &["og:url"]).map(|(_, a)| ("meta og:url", a)));
    if let Some((source, raw)) = address
        && let Some(c) = URL_DATE.captures(raw)
    {
        let iso = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
        if let Some(d) = read_dateline(&iso) {
            candidates.push(DateCandidate {
                date: d.date,
                evidence: evidence(html, source, raw),
                strength: 50,
                modified: false,
            });
        }
    }
    // Stable sort: among equally strong candidates, the first in the page wins.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.strength));
    let mut iter = candidates.into_iter();
    let chosen = iter.next()?;
    let mut rejected: Vec<RejectedDate> = Vec::new();
    for c in iter {
        if c.date == chosen.date
            || rejected
                .iter()
                .any(|r| r.date == c.date && r.evidence.source == c.evidence.source)
        {
            continue;
        }
        let reason = if c.modified && !chosen.modified {
            "a modification date, not the publication date".to_string()
        } else {
            format!(
                "contradicts the {} ({}), which is stronger evidence",
                chosen.evidence.source,
                chosen.date.label()
            )
        };
        rejected.push(RejectedDate {
            date: c.date,
            evidence: c.evidence,
            reason,
        });
    }
    Some(Published {
        date: chosen.date,
        evidence: chosen.evidence,
        rejected,
    })
}
