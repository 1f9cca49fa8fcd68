//! A flat, pre-ordered copy of a parsed page's body: elements and text runs with parent links,
//! so that scoring and rendering can walk it with loops instead of recursion. It keeps only what
//! a reader could see; it must not judge what is content.

use scraper::Node as HtmlNode;
use scraper::node::Element;

/// One node of the flat page.
#[derive(Debug, Clone)]
pub enum Node {
    /// An element that can hold text.
    Element(ElementNode),
    /// A run of text, whitespace already collapsed to single spaces (kept verbatim inside `<pre>`).
    Text(String),
}

/// The parts of an element that the extractor looks at.
#[derive(Debug, Clone, Default)]
pub struct ElementNode {
    /// The lower-case tag name.
    pub tag: String,
    /// The `class` and `id` attributes, lower-cased and joined by a space.
    pub class_id: String,
    /// The `itemprop` and `role` attributes, lower-cased and joined by a space.
    pub role: String,
    /// Index one past the element's last descendant: its subtree is `index..end`.
    pub end: usize,
}

/// A page flattened in document order.
///
/// Invariant: for every node at index `i`, `parents[i] < i` (the root, index 0, is its own parent),
/// and an element's subtree is the contiguous range `i..end`.
#[derive(Debug, Clone, Default)]
pub struct FlatPage {
    /// The nodes in document order.
    pub nodes: Vec<Node>,
    /// The parent index of each node.
    pub parents: Vec<usize>,
    /// How deep the original tree went.
    pub max_depth: usize,
}

/// Elements whose content is never reading text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "head", "title", "select", "option", "button", "input", "textarea", "video", "audio",
    "picture", "source", "map", "dialog", "link", "meta",
];

impl FlatPage {
    /// Flattens the subtree under `root` (normally `<body>`), dropping invisible elements.
    pub fn from_tree(root: ego_tree::NodeRef<'_, HtmlNode>) -> FlatPage {
        let mut page = FlatPage::default();
        // Each entry is (scraper node, flat index of the parent). The stack replaces recursion,
        // so pages nested tens of thousands of levels deep cannot overflow the call stack.
        let mut open: Vec<usize> = Vec::new();
        let mut skip_depth: usize = 0;
        let mut pre_depth: usize = 0;
        for edge in root.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    HtmlNode::Element(el) => {
                        if skip_depth > 0 || is_invisible(el) {
                            skip_depth += 1;
                            continue;
                        }
                        let parent = open.last().copied().unwrap_or(0);
                        let index = page.nodes.len();
                        page.nodes.push(Node::Element(ElementNode {
                            tag: el.name().to_ascii_lowercase(),
                            class_id: join_lower(el.attr("class"), el.id()),
                            role: join_lower(el.attr("itemprop"), el.attr("role")),
                            end: index + 1,
                        }));
                        page.parents.push(parent);
                        open.push(index);
                        page.max_depth = page.max_depth.max(open.len());
                        if el.name() == "pre" {
                            pre_depth += 1;
                        }
                    }
                    HtmlNode::Text(text) if skip_depth == 0 => {
                        let raw: &str = text;
                        let collapsed = if pre_depth > 0 {
                            raw.to_string()
                        } else {
                            collapse_whitespace(raw)
                        };
                        if collapsed.is_empty() {
                            continue;
                        }
                        // Adjacent text runs merge, so that a run is never split mid-word.
                        let parent = open.last().copied().unwrap_or(0);
                        if let (Some(Node::Text(prev)), Some(&p)) =
                            (page.nodes.last_mut(), page.parents.last())
                            && p == parent
                        {
                            prev.push_str(&collapsed);
                            continue;
                        }
                        page.nodes.push(Node::Text(collapsed));
                        page.parents.push(parent);
                    }
                    _ => {}
                },
                ego_tree::iter::Edge::Close(node) => {
                    if let HtmlNode::Element(el) = node.value() {
                        if skip_depth > 0 {
                            skip_depth -= 1;
                            continue;
                        }
                        if el.name() == "pre" {
                            pre_depth = pre_depth.saturating_sub(1);
                        }
                        if let Some(index) = open.pop() {
                            let end = page.nodes.len();
                            if let Some(Node::Element(e)) = page.nodes.get_mut(index) {
                                e.end = end;
                            }
                        }
                    }
                }
            }
        }
        page
    }

    /// The element at `index`, if that node is an element.
    pub fn element(&self, index: usize) -> Option<&ElementNode> {
        match self.nodes.get(index) {
            Some(Node::Element(e)) => Some(e),
            _ => None,
        }
    }

    /// The index one past the subtree of the node at `index`.
    pub fn subtree_end(&self, index: usize) -> usize {
        match self.nodes.get(index) {
            Some(Node::Element(e)) => e.end,
            _ => index + 1,
        }
    }

    /// The visible text of the subtree at `index`, words separated by single spaces.
    pub fn inner_text(&self, index: usize) -> String {
        let mut out = String::new();
        for node in self
            .nodes
            .get(index..self.subtree_end(index))
            .unwrap_or(&[])
        {
            if let Node::Text(t) = node {
                out.push_str(t);
            } else if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
        collapse_whitespace(&out).trim().to_string()
    }
}

fn is_invisible(el: &Element) -> bool {
    let name = el.name();
    if INVISIBLE.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style = style.to_ascii_lowercase().replace(' ', "");
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn join_lower(a: Option<&str>, b: Option<&str>) -> String {
    let mut out = String::new();
    for part in [a, b].into_iter().flatten() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&part.to_lowercase());
    }
    out
}

/// Collapses every run of whitespace (including no-break spaces) to one space. Leading and
/// trailing whitespace become one space too, since they separate words from their neighbours.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200b}' {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Elements that close themselves or are often left open; they do not count towards depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead",
    "tfoot", "colgroup", "caption", "html", "head", "body", "rb", "rt", "rp",
];

/// Elements whose content is raw text, where a `<` does not start a tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// When the page nests elements deeper than `limit`, returns a copy with the tags beyond that
/// depth removed (their text stays) and the depth found. The HTML parser checks the stack of open
/// elements for every tag, so very deep pages would otherwise take quadratic time.
pub fn flatten_deep_nesting(html: &str, limit: usize) -> Option<(String, usize)> {
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let end = start + close + 1;
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..end]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        i = end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            i = find_end_tag(html, end, &name);
            continue;
        }
        if NOT_NESTING.contains(&name.as_str()) || html[start..end].ends_with("/>") {
            continue;
        }
        if closing {
            if depth > limit {
                cuts.push((start, end));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max_depth = max_depth.max(depth);
            if depth > limit {
                cuts.push((start, end));
            }
        }
    }
    if max_depth <= limit {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in cuts {
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    Some((out, max_depth))
}

/// The position of `</name` (any case) at or after `from`, or the end of the page.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html.get(at..).and_then(|rest| rest.find("</")) {
        let start = at + offset;
        let candidate = bytes.get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return start;
        }
        at = start + 2;
    }
    html.len()
}
