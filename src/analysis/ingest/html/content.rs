//! Finds a page's main text the way Readability does: paragraphs score their ancestors, the best
//! container wins and takes its worthy siblings along. Inside the chosen text, boilerplate (share
//! prompts, captions, related links) is flagged with a reason, never deleted. It must not recurse
//! over the tree, so that any depth of nesting is safe.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::{FlatPage, Node};
use crate::analysis::article::Span;
use crate::analysis::ingest::txt;

/// The main text of a page with its flagged stretches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MainText {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// Flagged byte ranges of `text`, with their reasons, in text order and not overlapping.
    pub boilerplate: Vec<(Span, &'static str)>,
}

fn regex(pattern: &str) -> Regex {
    #[allow(
        clippy::expect_used,
        reason = "patterns are constants covered by the unit tests"
    )]
    Regex::new(pattern).expect("constant pattern compiles")
}

/// Class and id words of blocks that are rarely the article (Readability's list).
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|subscribe|cookie|share",
    )
});
static MAYBE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"and|article|body|column|content|main|mathjax|shadow"));
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story")
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget",
    )
});

/// Class and id words that mark boilerplate inside an article, with the reason shown to the user.
const FLAG_CLASSES: &[(&str, &str)] = &[
    (r"caption|credit|wp-caption-text", "photo caption"),
    (r"share|sharing|social", "share prompt"),
    (
        r"related|more-stories|recommend|read-?more|also-read|outbrain|taboola|more-from|trending|most-popular|most-read",
        "related links",
    ),
    (r"newsletter|subscribe|signup|sign-up", "newsletter prompt"),
    (r"cookie|gdpr|consent", "cookie notice"),
    (
        r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|dfp|sponsor|promo|ad-slot|adslot|adunit|ad-unit",
        "advertisement",
    ),
    (r"comment|disqus", "comments"),
    (r"breadcrumb|pagination|pager", "navigation"),
    (
        r"(?:^|[\s_-])tags?(?:$|[\s_-])|tag-list|topics|keywords",
        "topic tags",
    ),
    (
        r"sr-only|visually-hidden|screen-reader|screenreader|visuallyhidden|a11y",
        "screen-reader text",
    ),
    (r"byline|author", "byline"),
    (
        r"(?:^|[\s_-])(?:date|time|timestamp|published|pubdate)(?:$|[\s_-])",
        "date line",
    ),
    (r"toolbar|print|utility|tools", "page tools"),
];

static FLAG_CLASS_RES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    FLAG_CLASSES
        .iter()
        .map(|(p, reason)| (regex(p), *reason))
        .collect()
});

/// Readability's roles that never hold the article.
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Tags whose presence inside a `<div>` keeps it from being read as one paragraph.
const DIV_BLOCK_TAGS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
];

fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

/// Per-node sums over each subtree.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    text_len: usize,
    link_len: usize,
    commas: usize,
    paragraphs: usize,
    images: usize,
    list_items: usize,
    has_block: bool,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.text_len == 0 {
            0.0
        } else {
            self.link_len as f64 / self.text_len as f64
        }
    }
}

fn compute_stats(page: &FlatPage) -> Vec<Stats> {
    let mut stats = vec![Stats::default(); page.nodes.len()];
    // Children come after their parents in document order, so one backwards pass sums subtrees.
    for i in (0..page.nodes.len()).rev() {
        let mut s = stats[i];
        match &page.nodes[i] {
            Node::Text(t) => {
                s.text_len = t.trim().chars().count();
                s.commas = t.matches([',', '，', '、']).count();
            }
            Node::Element(e) => match e.tag.as_str() {
                "a" => s.link_len = s.text_len,
                "p" => s.paragraphs += 1,
                "img" => s.images += 1,
                "li" => s.list_items += 1,
                _ => {}
            },
        }
        stats[i] = s;
        if i > 0 {
            let parent = page.parents[i];
            let p = &mut stats[parent];
            p.text_len += s.text_len;
            p.link_len += s.link_len;
            p.commas += s.commas;
            p.paragraphs += s.paragraphs;
            p.images += s.images;
            p.list_items += s.list_items;
            if let Node::Element(e) = &page.nodes[i]
                && (s.has_block || DIV_BLOCK_TAGS.contains(&e.tag.as_str()))
            {
                p.has_block = true;
            }
        }
    }
    stats
}

fn class_weight(class_id: &str) -> f64 {
    if class_id.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if NEGATIVE.is_match(class_id) {
        w -= 25.0;
    }
    if POSITIVE.is_match(class_id) {
        w += 25.0;
    }
    w
}

fn base_score(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// How the scorer treats blocks that look like page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Furniture {
    /// Leave out blocks whose class or role says menu, sidebar, comments and the like.
    Skip,
    /// Score everything (the fallback when skipping left too little text).
    Keep,
}

/// Marks the nodes that sit in unlikely blocks (menus, sidebars, comments).
fn mark_unlikely(page: &FlatPage) -> Vec<bool> {
    let mut unlikely = vec![false; page.nodes.len()];
    let mut i = 0;
    while i < page.nodes.len() {
        if let Some(e) = page.element(i) {
            let tag = e.tag.as_str();
            let by_tag = matches!(tag, "nav" | "aside" | "footer");
            let by_class = !matches!(tag, "body" | "a" | "article" | "main")
                && !e.class_id.is_empty()
                && UNLIKELY.is_match(&e.class_id)
                && !MAYBE.is_match(&e.class_id);
            let by_role = e.role.split(' ').any(|r| UNLIKELY_ROLES.contains(&r));
            if by_tag || by_class || by_role {
                let end = e.end;
                for u in unlikely.iter_mut().take(end).skip(i) {
                    *u = true;
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    unlikely
}

/// Picks the roots of the main text: the best-scoring container and its worthy siblings.
fn choose_roots(page: &FlatPage, stats: &[Stats], furniture: Furniture) -> Vec<usize> {
    let n = page.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let unlikely = match furniture {
        Furniture::Skip => mark_unlikely(page),
        Furniture::Keep => vec![false; n],
    };
    let mut scores: Vec<Option<f64>> = vec![None; n];
    let init = |i: usize, scores: &mut Vec<Option<f64>>| {
        if scores[i].is_none() {
            let s = page
                .element(i)
                .map(|e| base_score(&e.tag) + class_weight(&e.class_id))
                .unwrap_or(0.0);
            scores[i] = Some(s);
        }
    };
    for i in 0..n {
        if unlikely[i] {
            continue;
        }
        // A scored unit is a paragraph-like element, or a longer run of text sitting directly in a
        // block that also holds other blocks (Readability wraps such runs in paragraphs).
        let (is_unit, first_ancestor) = match &page.nodes[i] {
            Node::Element(e) => {
                let tag = e.tag.as_str();
                let unit = matches!(tag, "p" | "pre" | "td" | "h2" | "h3" | "h4" | "h5" | "h6")
                    || (matches!(tag, "div" | "section" | "article" | "span")
                        && !stats[i].has_block
                        && page.element(page.parents[i]).is_some_and(|p| {
                            p.tag != "p" && (p.tag != "span" || !stats[page.parents[i]].has_block)
                        }));
                (unit, page.parents[i])
            }
            Node::Text(_) => {
                let parent = page.parents[i];
                let in_mixed_block = page.element(parent).is_some_and(|p| {
                    matches!(
                        p.tag.as_str(),
                        "div" | "section" | "article" | "main" | "body"
                    )
                }) && stats[parent].has_block;
                (in_mixed_block, parent)
            }
        };
        if !is_unit || i == 0 {
            continue;
        }
        let len = stats[i].text_len;
        if len < 25 {
            continue;
        }
        let score = 1.0 + stats[i].commas as f64 + (len as f64 / 100.0).floor().min(3.0);
        let mut ancestor = first_ancestor;
        let mut level = 0;
        if matches!(page.nodes[i], Node::Text(_)) {
            // The text run is its own paragraph; its block is the first ancestor.
            init(ancestor, &mut scores);
            if let Some(s) = scores[ancestor].as_mut() {
                *s += score;
            }
            level = 1;
            if ancestor == 0 {
                continue;
            }
            ancestor = page.parents[ancestor];
        }
        while level < 5 {
            init(ancestor, &mut scores);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            if let Some(s) = scores[ancestor].as_mut() {
                *s += score / divider;
            }
            if ancestor == 0 {
                break;
            }
            ancestor = page.parents[ancestor];
            level += 1;
        }
    }
    let mut candidates: Vec<(usize, f64)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s * (1.0 - stats[i].link_density()))))
        .filter(|(i, _)| page.element(*i).is_some())
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let final_score = |i: usize| scores[i].map(|s| s * (1.0 - stats[i].link_density()));
    let Some(&(mut top, top_score)) = candidates.first() else {
        return vec![0];
    };
    // When several strong candidates share an ancestor, that ancestor is the article.
    let alternatives: Vec<usize> = candidates
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s / top_score >= 0.75)
        .map(|(i, _)| *i)
        .collect();
    if alternatives.len() >= 3 {
        let mut ancestor = page.parents[top];
        while ancestor != 0 {
            let end = page.subtree_end(ancestor);
            let inside = alternatives
                .iter()
                .filter(|&&a| a > ancestor && a < end)
                .count();
            if inside >= 3 {
                top = ancestor;
                break;
            }
            ancestor = page.parents[ancestor];
        }
    }
    // Climb while the parent scores better: the text may be split over sibling blocks.
    let mut last = final_score(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = page.parents[top];
    while parent != 0 {
        match final_score(parent) {
            None => {}
            Some(s) if s < threshold => break,
            Some(s) if s > last => {
                top = parent;
                break;
            }
            Some(s) => last = s,
        }
        parent = page.parents[parent];
    }
    // A container that is its parent's only child says no more than the parent.
    while top != 0 {
        let parent = page.parents[top];
        if parent == 0 || element_children(page, parent).count() != 1 {
            break;
        }
        top = parent;
    }
    if top == 0 {
        return vec![0];
    }
    let top_final = final_score(top).unwrap_or(0.0);
    let sibling_threshold = (top_final * 0.2).max(10.0);
    let top_class = page
        .element(top)
        .map(|e| e.class_id.clone())
        .unwrap_or_default();
    let parent = page.parents[top];
    let mut roots = Vec::new();
    for sibling in element_children(page, parent) {
        if sibling == top {
            roots.push(sibling);
            continue;
        }
        if unlikely[sibling] {
            continue;
        }
        let Some(e) = page.element(sibling) else {
            continue;
        };
        let bonus = if !top_class.is_empty() && e.class_id == top_class {
            top_final * 0.2
        } else {
            0.0
        };
        let keep = match final_score(sibling) {
            Some(s) if s + bonus >= sibling_threshold => true,
            _ if e.tag == "p" => {
                let len = stats[sibling].text_len;
                let density = stats[sibling].link_density();
                if len > 80 {
                    density < 0.25
                } else {
                    let text = page.inner_text(sibling);
                    len > 0 && density == 0.0 && (text.contains(". ") || text.ends_with('.'))
                }
            }
            _ => false,
        };
        if keep {
            roots.push(sibling);
        }
    }
    // Articles split by images or adverts often repeat their container: take its twins too.
    // The best-scoring block, before climbing, is the one whose class marks the article's parts.
    let best = candidates[0].0;
    let twin_threshold = (top_score * 0.2).max(10.0);
    if let Some(best_el) = page.element(best).filter(|e| !e.class_id.is_empty()) {
        let mut i = 1;
        while i < n {
            let inside_root = roots.iter().any(|&r| i >= r && i < page.subtree_end(r));
            let twin = !inside_root
                && !unlikely[i]
                && page
                    .element(i)
                    .is_some_and(|e| e.tag == best_el.tag && e.class_id == best_el.class_id)
                && final_score(i).is_some_and(|s| s >= twin_threshold)
                && stats[i].link_density() < 0.25;
            if twin {
                roots.push(i);
                i = page.subtree_end(i);
            } else {
                i += 1;
            }
        }
        roots.sort_unstable();
        roots.dedup();
        // A root inside another root would be read twice.
        let mut kept: Vec<usize> = Vec::with_capacity(roots.len());
        for r in roots {
            if !kept.iter().any(|&k| r > k && r < page.subtree_end(k)) {
                kept.push(r);
            }
        }
        roots = kept;
    }
    roots
}

fn element_children(page: &FlatPage, parent: usize) -> impl Iterator<Item = usize> + '_ {
    let end = page.subtree_end(parent);
    let mut i = parent + 1;
    std::iter::from_fn(move || {
        while i < end {
            let here = i;
            i = page.subtree_end(i);
            if page.element(here).is_some() {
                return Some(here);
            }
        }
        None
    })
}

/// Why an element inside the main text is boilerplate, if it is.
fn flag_element(
    page: &FlatPage,
    stats: &[Stats],
    i: usize,
    root_len: usize,
    in_quote: bool,
) -> Option<&'static str> {
    let e = page.element(i)?;
    let s = &stats[i];
    // A block that holds most of the text is the article itself, whatever its class says.
    if s.text_len * 2 > root_len {
        return None;
    }
    match e.tag.as_str() {
        "figcaption" => return Some("photo caption"),
        "nav" => return Some("navigation"),
        "aside" => return Some("sidebar"),
        "footer" => return Some("footer"),
        _ => {}
    }
    if e.role.split(' ').any(|r| UNLIKELY_ROLES.contains(&r)) {
        return Some("navigation");
    }
    if !e.class_id.is_empty() {
        // "social-media-embed" holds an embedded post, which is part of the story.
        let embed = e.class_id.contains("embed");
        for (re, reason) in FLAG_CLASS_RES.iter() {
            if re.is_match(&e.class_id) && !(embed && *reason == "share prompt") {
                let short_only = matches!(*reason, "byline" | "date line");
                if short_only && s.text_len > 200 {
                    continue;
                }
                return Some(reason);
            }
        }
    }
    let tag = e.tag.as_str();
    // Quoted posts (embedded tweets) are mostly links and still part of the story.
    if !in_quote
        && matches!(
            tag,
            "ul" | "ol" | "table" | "div" | "section" | "header" | "form" | "p"
        )
        && s.commas < 10
    {
        let density = s.link_density();
        let weight = class_weight(&e.class_id);
        if s.text_len > 0 && (density > 0.5 || (weight < 25.0 && density > 0.33 && tag != "p")) {
            return Some("related links");
        }
    }
    None
}

/// Where a flagged element's text began in the output, and why it is flagged.
type OpenFlag = (usize, &'static str);

/// An element being rendered, until the walk passes its subtree.
#[derive(Debug, Clone, Copy)]
struct OpenElement {
    /// One past its subtree.
    end: usize,
    /// Whether it separates paragraphs.
    block: bool,
    /// Where its flagged text began, when it is boilerplate.
    flag: Option<OpenFlag>,
    /// Whether it is a `<blockquote>`.
    quote: bool,
}

/// Where text goes next: how the previous output must be separated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Paragraph,
}

struct Writer {
    out: String,
    pending: Break,
}

impl Writer {
    fn request(&mut self, b: Break) {
        self.pending = self.pending.max(b);
    }

    fn write(&mut self, text: &str) {
        let mut text = text;
        if text.trim().is_empty() && (self.pending != Break::None || self.out.is_empty()) {
            return;
        }
        if self.pending != Break::None && !self.out.is_empty() {
            while self.out.ends_with(' ') {
                self.out.pop();
            }
            self.out.push_str(if self.pending == Break::Line {
                "\n"
            } else {
                "\n\n"
            });
        }
        if self.pending != Break::None || self.out.is_empty() || self.out.ends_with([' ', '\n']) {
            text = text.trim_start_matches(' ');
        }
        if !text.is_empty() {
            self.pending = Break::None;
        }
        self.out.push_str(text);
    }
}

/// Extracts the main text of a flattened page. `title` is the headline already shown on the
/// first line; a heading repeating it is left out of the main text.
pub fn extract_main_text(page: &FlatPage, title: Option<&str>) -> MainText {
    let stats = compute_stats(page);
    let mut roots = choose_roots(page, &stats, Furniture::Skip);
    let total: usize = roots.iter().map(|&r| stats[r].text_len).sum();
    if total < 250 {
        let fallback = choose_roots(page, &stats, Furniture::Keep);
        let fallback_total: usize = fallback.iter().map(|&r| stats[r].text_len).sum();
        if fallback_total > total {
            roots = fallback;
        }
    }
    let title_key = title.map(normalise_key);
    let mut writer = Writer {
        out: String::new(),
        pending: Break::None,
    };
    let mut flags: Vec<(Span, &'static str)> = Vec::new();
    for &root in &roots {
        let root_len: usize = stats[root].text_len;
        let end = page.subtree_end(root);
        let mut open: Vec<OpenElement> = Vec::new();
        let mut flagged_depth = 0usize;
        let mut quote_depth = 0usize;
        let mut i = root;
        while i < end {
            while let Some(&OpenElement {
                end: close_at,
                block,
                flag,
                quote,
            }) = open.last()
            {
                if close_at > i {
                    break;
                }
                open.pop();
                if quote {
                    quote_depth -= 1;
                }
                if block {
                    writer.request(Break::Paragraph);
                }
                if let Some((start, reason)) = flag {
                    flagged_depth -= 1;
                    push_flag(&mut flags, &writer.out, start, reason);
                }
            }
            match &page.nodes[i] {
                Node::Text(t) => {
                    writer.write(t);
                    i += 1;
                }
                Node::Element(e) => {
                    let tag = e.tag.as_str();
                    if tag == "br" {
                        writer.request(Break::Line);
                    }
                    if tag == "hr" {
                        writer.request(Break::Paragraph);
                    }
                    if i != root
                        && matches!(tag, "h1" | "h2")
                        && title_key.as_ref().is_some_and(|k| {
                            !k.is_empty() && *k == normalise_key(&page.inner_text(i))
                        })
                    {
                        i = e.end;
                        continue;
                    }
                    let block = is_block(tag);
                    if block {
                        writer.request(Break::Paragraph);
                    }
                    let flag = if flagged_depth == 0 && i != root {
                        flag_element(page, &stats, i, root_len, quote_depth > 0)
                    } else {
                        None
                    };
                    let flag = flag.map(|reason| {
                        flagged_depth += 1;
                        (writer.out.len(), reason)
                    });
                    let quote = tag == "blockquote";
                    if quote {
                        quote_depth += 1;
                    }
                    open.push(OpenElement {
                        end: e.end,
                        block,
                        flag,
                        quote,
                    });
                    i += 1;
                }
            }
        }
        while let Some(OpenElement { block, flag, .. }) = open.pop() {
            if block {
                writer.request(Break::Paragraph);
            }
            if let Some((start, reason)) = flag {
                push_flag(&mut flags, &writer.out, start, reason);
            }
        }
        writer.request(Break::Paragraph);
    }
    let mut text = writer.out;
    while text.ends_with([' ', '\n']) {
        text.pop();
    }
    for f in &mut flags {
        f.0.end = f.0.end.min(text.len());
    }
    flags.retain(|f| !f.0.is_empty());
    flag_paragraphs(&text, &mut flags);
    MainText {
        text,
        boilerplate: flags,
    }
}

fn push_flag(flags: &mut Vec<(Span, &'static str)>, out: &str, start: usize, reason: &'static str) {
    let slice = out.get(start..).unwrap_or("");
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let span = Span::new(start + lead, out.len() - trail);
    if !span.is_empty() && span.start <= span.end {
        flags.push((span, reason));
    }
}

/// Wordings of short paragraphs that frame a web article rather than tell it.
const PARAGRAPH_REASONS: &[(&str, &str)] = &[
    (
        r"(?i)^(updated|published|posted|last updated|first published|modified)\b[^.]{0,50}\b(19|20)\d\d\b[^.]{0,30}$|^(updated|published|posted)\s*:?\s*\w{3,9}\.? \d{1,2},? \d{1,2}:\d\d|^(updated|published|posted)\s*(at|on)?\s*:?\s*\d{1,2}:\d\d\s*([ap]\.?m\.?)?\s*\w{0,4}\.?$",
        "date line",
    ),
    (
        r"(?i)all rights reserved|\buser agreement\b|\bprivacy policy\b|\bterms of (use|service)\b|^(©|copyright\b)",
        "legal notice",
    ),
    (
        r"(?i)\b(sign up|subscribe)\b.{0,60}\bnewsletters?\b|\bnewsletters?\b.{0,40}\b(sign up|subscribe)\b",
        "newsletter prompt",
    ),
    (
        r"(?i)^(follow (us|him|her|them)|click here|tap here|download (the|our) app|watch:|listen:|related:|read more:|see also:|more:)",
        "reading prompt",
    ),
    (r"(?i)\b(uses?|using) cookies\b", "cookie notice"),
    (
        r"(?i)\brequires? javascript\b|\benable javascript\b|\bjavascript (is )?(disabled|required)\b",
        "unavailable-content notice",
    ),
    (
        r"(?i)^(this|the) (post|article|page|story) (may )?contains? (affiliate|sponsored)",
        "affiliate disclosure",
    ),
];

static PARAGRAPH_RULES: LazyLock<regex::RegexSet> =
    LazyLock::new(|| txt::rule_set(PARAGRAPH_REASONS.iter().map(|(p, _)| *p)));

/// Flags short paragraphs whose wording alone says they are boilerplate ("Read more", credits).
/// A paragraph partly flagged already is judged by its unflagged pieces.
fn flag_paragraphs(text: &str, flags: &mut Vec<(Span, &'static str)>) {
    flags.sort_by_key(|f| f.0);
    let mut found = Vec::new();
    let mut start = 0;
    // Flags are sorted and do not overlap, so one cursor walks them beside the paragraphs.
    let mut first_flag = 0;
    for para in text.split("\n\n") {
        let span = Span::new(start, start + para.len());
        start = span.end + 2;
        while flags.get(first_flag).is_some_and(|f| f.0.end <= span.start) {
            first_flag += 1;
        }
        let mut pieces = Vec::new();
        let mut at = span.start;
        let nearby = flags.get(first_flag..).unwrap_or(&[]);
        for f in nearby.iter().take_while(|f| f.0.start < span.end) {
            if f.0.start > at {
                pieces.push(Span::new(at, f.0.start));
            }
            at = at.max(f.0.end);
        }
        if at < span.end {
            pieces.push(Span::new(at, span.end));
        }
        for piece in pieces {
            let raw = piece.slice(text);
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.split_whitespace().count() > 40 {
                continue;
            }
            if let Some(reason) = paragraph_reason(trimmed) {
                let lead = raw.len() - raw.trim_start().len();
                let piece = Span::new(piece.start + lead, piece.start + lead + trimmed.len());
                found.push((piece, reason));
            }
        }
    }
    flags.extend(found);
    flags.sort_by_key(|f| f.0);
}

/// Why a short paragraph is boilerplate, judged by its wording alone.
fn paragraph_reason(paragraph: &str) -> Option<&'static str> {
    txt::boilerplate_reason(paragraph)
        .or_else(|| txt::first_rule(&PARAGRAPH_RULES, paragraph).map(|i| PARAGRAPH_REASONS[i].1))
}

/// Lower-cased letters and digits only, to compare headings with the title.
pub fn normalise_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(paragraph: &str, expect: Option<&str>) {
        assert_eq!(paragraph_reason(paragraph), expect, "{paragraph:?}");
    }

    #[test]
    fn flags_paragraphs_by_wording() {
        check("Updated Nov 19, 9:41 AM;", Some("date line"));
        check("Updated at 1:23 p.m.", Some("date line"));
        check("Posted on March 3, 2019 by admin", Some("date line"));
        check(
            "© 2019 Cleveland.com. All rights reserved (About Us).",
            Some("legal notice"),
        );
        check(
            "Get the latest updates. Subscribe to NJ.com’s newsletters.",
            Some("newsletter prompt"),
        );
        check(
            "This website uses cookies to improve your experience.",
            Some("cookie notice"),
        );
        check(
            "This slideshow requires JavaScript.",
            Some("unavailable-content notice"),
        );
        check("More:", Some("reading prompt"));
        check("The council updated its plans on Monday, 2019.", None);
        check("Following a two-day trial, the jury convicted him.", None);
    }
}
