//! Turns a fragment or page of HTML into plain text: block elements become paragraph breaks,
//! character references are decoded, and scripts, styles and other non-text elements are dropped.
//! It is a small, linear tag stripper for HTML carried inside feeds, e-mail, JSON and MHTML; it
//! must not try to find the main text of a page, must never panic, and must stay linear in the
//! input length whatever the markup.

/// Elements whose content is never text a reader sees.
const DROPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object",
    "textarea", "nav",
];

/// Elements that start and end a paragraph of their own.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
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
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
];

/// Named character references that news HTML uses, beyond the five XML ones.
const NAMED_REFERENCES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("times", '×'),
    ("divide", '÷'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("shy", '\u{AD}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("prime", '′'),
    ("Prime", '″'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("atilde", 'ã'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("iacute", 'í'),
    ("igrave", 'ì'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ograve", 'ò'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("otilde", 'õ'),
    ("oslash", 'ø'),
    ("szlig", 'ß'),
    ("uacute", 'ú'),
    ("ugrave", 'ù'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("Aacute", 'Á'),
    ("Eacute", 'É'),
    ("Oacute", 'Ó'),
    ("Uacute", 'Ú'),
    ("Auml", 'Ä'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
    ("Ccedil", 'Ç'),
    ("Ntilde", 'Ñ'),
];

/// The character a named reference such as `mdash` stands for.
pub fn named_reference(name: &str) -> Option<char> {
    NAMED_REFERENCES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

/// Converts HTML to plain text. Paragraphs are separated by one blank line, runs of white space
/// inside a paragraph become one space, and no markup survives.
pub fn html_to_text(html: &str) -> String {
    let mut out = TextBuilder::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(tag) = read_tag(html, i) else {
            // A '<' that opens no tag is text ("a < b").
            i += 1;
            continue;
        };
        out.push_text(&html[text_start..i]);
        i = tag.end;
        match tag.kind {
            TagKind::Other => {}
            TagKind::Open(name) | TagKind::Close(name) if name == "br" => out.line_break(),
            TagKind::Open(name) if DROPPED_ELEMENTS.contains(&name.as_str()) => {
                i = skip_element_content(html, i, &name);
            }
            TagKind::Open(name) | TagKind::Close(name) => {
                if BLOCK_ELEMENTS.contains(&name.as_str()) {
                    out.paragraph_break();
                } else if matches!(name.as_str(), "td" | "th") {
                    out.push_text(" ");
                }
            }
        }
        text_start = i;
    }
    out.push_text(&html[text_start.min(html.len())..]);
    out.finish()
}

/// The text of the first `<title>` element, decoded, if the page has one.
pub fn html_title(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = bytes.get(i..)?.iter().position(|&b| b == b'<') {
        let at = i + offset;
        match read_tag(html, at) {
            Some(Tag {
                kind: TagKind::Open(name),
                end,
            }) if name == "title" => {
                let close = find_ascii_case_insensitive(bytes, end, b"</title")?;
                let title = collapse_space(&decode_references(&html[end..close]));
                return (!title.is_empty()).then_some(title);
            }
            Some(Tag {
                kind: TagKind::Open(name),
                end,
            }) if matches!(name.as_str(), "script" | "style") => {
                i = skip_element_content(html, end, &name);
            }
            Some(Tag {
                kind: TagKind::Open(name),
                ..
            }) if name == "body" => return None,
            Some(tag) => i = tag.end,
            None => i = at + 1,
        }
    }
    None
}

enum TagKind {
    Open(String),
    Close(String),
    /// Comments, doctypes and processing instructions.
    Other,
}

struct Tag {
    kind: TagKind,
    /// One past the closing `>`.
    end: usize,
}

/// Reads the tag that starts at `at` (which holds `<`), or None when the `<` opens no tag.
fn read_tag(html: &str, at: usize) -> Option<Tag> {
    let bytes = html.as_bytes();
    let next = *bytes.get(at + 1)?;
    if bytes[at + 1..].starts_with(b"!--") {
        let end = find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
        return Some(Tag {
            kind: TagKind::Other,
            end,
        });
    }
    if next == b'!' || next == b'?' {
        let end = find(bytes, at + 2, b">").map_or(bytes.len(), |e| e + 1);
        return Some(Tag {
            kind: TagKind::Other,
            end,
        });
    }
    let closing = next == b'/';
    let name_start = at + 1 + usize::from(closing);
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = bytes[name_start..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b':')))
        .map_or(bytes.len(), |p| name_start + p);
    let name = html[name_start..name_end].to_ascii_lowercase();
    let end = find_tag_end(bytes, name_end);
    Some(Tag {
        kind: if closing {
            TagKind::Close(name)
        } else {
            TagKind::Open(name)
        },
        end,
    })
}

/// One past the `>` that ends a tag, skipping quoted attribute values. An unclosed quote falls
/// back to the first `>` after the tag name, so a stray quote cannot swallow the page.
fn find_tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    find(bytes, from, b">").map_or(bytes.len(), |e| e + 1)
}

/// Skips to just after `</name ...>`, or to the end when the element is never closed.
fn skip_element_content(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let needle = format!("</{name}");
    match find_ascii_case_insensitive(bytes, from, needle.as_bytes()) {
        Some(at) => find(bytes, at, b">").map_or(bytes.len(), |e| e + 1),
        None => bytes.len(),
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ascii_case_insensitive(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2014;`, `&mdash;`). Unknown or
/// malformed references stay as written.
pub fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // References are short; looking no further than 32 bytes keeps this linear.
        let window_end = rest
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i > 32)
            .unwrap_or(rest.len());
        let decoded = rest[..window_end].find(';').and_then(|semi| {
            let body = &rest[1..semi];
            let c = if let Some(num) = body.strip_prefix('#') {
                let value = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                value.map(numeric_reference)
            } else {
                named_reference(body)
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of a numeric reference. As browsers do, the C1 range is read as windows-1252
/// (so `&#146;` is a right quote) and invalid values become the replacement character.
fn numeric_reference(value: u32) -> char {
    if (0x80..=0x9F).contains(&value) {
        let byte = [value as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return text.chars().next().unwrap_or('\u{FFFD}');
    }
    match char::from_u32(value) {
        Some('\0') | None => '\u{FFFD}',
        Some(c) => c,
    }
}

fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects text into paragraphs and lines, collapsing white space as a browser does.
#[derive(Default)]
struct TextBuilder {
    paragraphs: Vec<String>,
    current: String,
    /// True when the last thing written to `current` was white space (or nothing).
    space_pending: bool,
}

impl TextBuilder {
    fn push_text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_references(raw);
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                self.space_pending = true;
            } else if c.is_control() || c == '\u{AD}' {
                // Soft hyphens and stray controls are invisible in a browser.
            } else {
                if self.space_pending && !self.current.is_empty() && !self.current.ends_with('\n') {
                    self.current.push(' ');
                }
                self.space_pending = false;
                self.current.push(if c == '\u{A0}' { ' ' } else { c });
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed_len = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed_len);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
        self.space_pending = false;
    }

    fn paragraph_break(&mut self) {
        let paragraph = self.current.trim().to_string();
        if !paragraph.is_empty() {
            self.paragraphs.push(paragraph);
        }
        self.current.clear();
        self.space_pending = false;
    }

    fn finish(mut self) -> String {
        self.paragraph_break();
        self.paragraphs.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, expect: &str) {
        assert_eq!(html_to_text(html), expect, "html {html:?}");
    }

    #[test]
    fn blocks_become_paragraphs_and_inline_tags_vanish() {
        check(
            "<p>Trump <b>invited</b> Putin.</p><p>Second\n   para.</p>",
            "Trump invited Putin.\n\nSecond para.",
        );
        check("<h1>Head</h1>Body<br>next line", "Head\n\nBody\nnext line");
        check("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo");
        check("<table><tr><td>a</td><td>b</td></tr></table>", "a b");
    }

    #[test]
    fn drops_scripts_styles_and_comments() {
        check(
            "<head><title>T</title><style>p{}</style></head><body><script>if (a<b) x()</script><!-- c --><p>Text</p></body>",
            "Text",
        );
        check("<p>Open <script>never closed", "Open");
        check("<p>a <!-- never closed", "a");
    }

    #[test]
    fn decodes_references_and_keeps_stray_brackets() {
        check(
            "He said &ldquo;yes&rdquo; &mdash; 3 &lt; 4 &amp; 5&#8217;s &#x2014; &#146; &bogus; &",
            "He said “yes” — 3 < 4 & 5’s — ’ &bogus; &",
        );
        check("a < b and c<3", "a < b and c<3");
        check("<a href=\"x>y\">link</a> text", "link text");
        check("<p title='unclosed>Body</p>", "Body");
        check(
            "&#0; &#x110000; &#99999999999;",
            "\u{FFFD} \u{FFFD} &#99999999999;",
        );
    }

    #[test]
    fn finds_the_page_title() {
        assert_eq!(
            html_title("<html><head><title> A &amp; B </title></head>"),
            Some("A & B".to_string())
        );
        assert_eq!(html_title("<body><title>late</title>"), None);
        assert_eq!(html_title("<title>unclosed"), None);
    }
}
