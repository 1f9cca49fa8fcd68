//! Reads plain-text articles: the Multi-News forms (` date YYYY-MM-DD` header, `|||||` between
//! articles, `NEWLINE_CHAR`), pasted text and saved `.txt` pages with datelines. It finds the
//! title, the publication date with its evidence, and flags boilerplate lines without removing them.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::dateline::read_dateline;
use crate::analysis::article::{
    Boilerplate, Diagnostic, Document, Evidence, Field, Published, RejectedDate, Span,
};
use crate::analysis::timevalue::TimeValue;

#[allow(
    clippy::expect_used,
    reason = "patterns are constants covered by the unit tests"
)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern compiles")
}

static DATE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*"));

/// Words that may stand beside a date on a dateline without making it prose.
static DATELINE_REST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:published|posted|first published|last updated|updated|modified|date|on|at|by|[:|,\-–—•·]|\d{1,2}[:.]\d{2}(?::\d{2})?|am|pm|a\.m\.|p\.m\.|[a-z]{2,4}t|gmt|utc|ist|bst|edt|est|pdt|pst|cet|cest|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?|\s)*$",
    )
});
static LABEL_PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(published|posted|first published)\b"));
static LABEL_UPDATED: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b(updated|modified)\b"));

/// Line patterns that mark boilerplate, with the reason shown to the user. Order matters: the
/// first matching pattern gives the reason.
const BOILERPLATE_RULES: &[(&str, &str)] = &[
    (
        r"(?i)^sorry,? (this|the) (content|video|media|page)\b.*\b(available|supported|load)",
        "unavailable-content notice",
    ),
    (
        r"(?i)^(more (from|on|in) (this|the) (section|topic|story|series)|related( articles| stories| coverage| content| links)?|read (more|next)|see also|most (read|popular|viewed)|recommended( for you)?|you may also like|trending( now)?)\b.{0,40}$",
        "related links",
    ),
    (
        r"(?i)^(share|share this( article| story| page)?|share on \w+|tweet|email|print|copy( the)? link|comments?)\s*[:|]?\s*(facebook|twitter|x|whatsapp|email|linkedin|\s|\|)*$",
        "share prompt",
    ),
    (
        r"(?i)\b(sign up|subscribe)\b.{0,60}\b(newsletter|briefing|alerts|inbox|updates)\b",
        "newsletter prompt",
    ),
    (
        r"(?i)\b(we use cookies|cookie (policy|settings|preferences)|accept (all )?cookies)\b",
        "cookie notice",
    ),
    (
        r"(?i)^(advertisement|advert|sponsored( content)?|ad)$",
        "advertisement",
    ),
    (
        r"(?i)^(picture|photo(graph)?|image|video|file photo)( by| credit)?\s*:",
        "photo credit",
    ),
    (
        r"(?i)\b(credit|photograph|photo|picture|image)\s*:\s*[^.]{0,80}$",
        "photo caption and credit",
    ),
    (r"(?i)\bfile photo\b", "photo caption"),
    (
        r"\(\s*[LR]\s*\)|\(\s*(?:left|right|centre|center)\s*\)",
        "photo caption",
    ),
    (r"(?i)^[\w.\-]*\s*(?:staff )?reports?$", "agency line"),
    // A wire dateline on a line of its own: "WASHINGTON, March 12 (Xinhua) --",
    // "LONDON (Reuters) -". It says where the story was filed, and is no claim.
    (
        r"^\p{Lu}[\p{Lu}\p{Lu} .'\-]{1,40}(?:,\s*\p{Lu}[\p{L}.' ]{0,30})?(?:,?\s*\p{Lu}[a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*\([\p{L}. \-]{2,30}\)\s*(?:--|—|–|-|_|:)?\s*$",
        "dateline",
    ),
];

static BOILERPLATE: LazyLock<RegexSet> =
    LazyLock::new(|| rule_set(BOILERPLATE_RULES.iter().map(|(p, _)| *p)));

/// A set of line rules, each a constant pattern covered by the unit tests.
pub(crate) fn rule_set<'p>(patterns: impl IntoIterator<Item = &'p str>) -> RegexSet {
    #[allow(
        clippy::expect_used,
        reason = "patterns are constants covered by the unit tests"
    )]
    // Bounded repeats of any Unicode character (".{0,40}", "[^.]{0,80}") make many DFA states:
    // with the default 2 MB cache the lazy DFA gives up on long lines and the set runs on the
    // PikeVM, at a fifth of the speed. 8 MB holds them; the cache grows only as the lines need.
    regex::RegexSetBuilder::new(patterns)
        .dfa_size_limit(8 << 20)
        .build()
        .expect("constant patterns compile")
}

/// The index of the first rule of `set` that `line` matches. Telling which rules match takes
/// the slowest of the regex engines; most lines match none, and finding that out is fast.
pub(crate) fn first_rule(set: &RegexSet, line: &str) -> Option<usize> {
    if set.is_match(line) {
        set.matches(line).iter().next()
    } else {
        None
    }
}

/// A credit at the end of a caption: "Xinhua/Lehtikuva/Heikki Saukkomaa." or "Name/AP".
static SLASH_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:^|\s)[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*/[A-Z][\w.\- ]*(?:/[A-Z][\w.\- ]*)*\.?\s*$")
});

/// Reads a plain-text file into documents: one per `|||||`-separated part.
pub fn parse_text(file: &str, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let normalised = normalise_text(text);
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    let parts: Vec<&str> = normalised.split("|||||").collect();
    let clustered = parts.len() > 1;
    for part in parts {
        if part.trim().is_empty() {
            continue;
        }
        let doc = parse_article(file, documents.len() as u32, part);
        documents.push(doc);
    }
    if clustered {
        diagnostics.push(Diagnostic::warning(
            file,
            format!(
                "The file holds {} articles separated by |||||; each is read as its own source.",
                documents.len()
            ),
        ));
    }
    (documents, diagnostics)
}

/// Replaces the Multi-News `NEWLINE_CHAR` token and Windows line ends with plain newlines.
fn normalise_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.contains("NEWLINE_CHAR") {
        text.replace(" NEWLINE_CHAR ", "\n")
            .replace("NEWLINE_CHAR", "\n")
    } else {
        text
    }
}

/// A date found on its own line, before a choice is made between candidates.
struct DateCandidate {
    date: TimeValue,
    evidence: Evidence,
    strength: u8,
    kind: &'static str,
}

fn parse_article(file: &str, part: u32, raw: &str) -> Document {
    let mut candidates = Vec::new();
    let mut body = raw.trim_start();
    let body_offset_in_raw = raw.len() - body.len();
    if let Some(caps) = DATE_HEADER.captures(body)
        && let (Some(whole), Some(value)) = (caps.get(0), caps.get(1))
        && let Some(date) = TimeValue::parse(value.as_str())
    {
        candidates.push(DateCandidate {
            date,
            evidence: Evidence {
                source: "date header".into(),
                raw: whole.as_str().trim().to_string(),
                file_span: Some(Span::new(whole.start(), whole.end()).shifted(body_offset_in_raw)),
            },
            strength: 3,
            kind: "header",
        });
        body = &body[whole.end()..];
    }
    let text = body.trim_end().to_string();
    let file_offset = raw.len() - body.len();
    let mut doc = Document::from_text(file, part, text);
    let mut seen_lines: HashSet<&str> = HashSet::new();
    let mut title_done = false;
    let mut offset = 0;
    for line in doc.text.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        if let Some(candidate) = read_dateline_candidate(trimmed, span.shifted(file_offset)) {
            doc.boilerplate.push(Boilerplate {
                span,
                reason: format!("{} line", candidate.kind),
            });
            candidates.push(candidate);
            continue;
        }
        if seen_lines.contains(&trimmed) {
            doc.boilerplate.push(Boilerplate {
                span,
                reason: "repeated line".into(),
            });
            continue;
        }
        seen_lines.insert(trimmed);
        if let Some(reason) = boilerplate_reason(trimmed) {
            doc.boilerplate.push(Boilerplate {
                span,
                reason: reason.to_string(),
            });
            continue;
        }
        if !title_done {
            title_done = true;
            if looks_like_headline(trimmed) {
                doc.title = Some(Field {
                    value: trimmed.to_string(),
                    evidence: Evidence {
                        source: "first line".into(),
                        raw: trimmed.to_string(),
                        file_span: Some(span.shifted(file_offset)),
                    },
                });
            }
        }
    }
    doc.published = choose_published(candidates);
    doc
}

fn read_dateline_candidate(line: &str, file_span: Span) -> Option<DateCandidate> {
    if line.len() > 90 {
        return None;
    }
    let found = read_dateline(line)?;
    let rest = format!("{} {}", &line[..found.start], &line[found.end..]);
    if !DATELINE_REST.is_match(&rest) {
        return None;
    }
    let (strength, kind) = if LABEL_PUBLISHED.is_match(&rest) {
        (2, "published")
    } else if LABEL_UPDATED.is_match(&rest) {
        (0, "updated")
    } else {
        (1, "page date")
    };
    Some(DateCandidate {
        date: found.date,
        evidence: Evidence {
            source: format!("{kind} line"),
            raw: line.to_string(),
            file_span: Some(file_span),
        },
        strength,
        kind,
    })
}

/// Picks the publication date with the strongest evidence; the others are kept as rejected,
/// each with its reason.
fn choose_published(mut candidates: Vec<DateCandidate>) -> Option<Published> {
    // Stable: among equally strong candidates, the first in the file wins.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.strength));
    let mut iter = candidates.into_iter();
    let chosen = iter.next()?;
    let rejected = iter
        .map(|c| {
            let reason = match c.kind {
                "updated" => "a modification date, not the publication date".to_string(),
                _ if c.date == chosen.date => {
                    format!("the same date as the {}", chosen.evidence.source)
                }
                "page date" => format!(
                    "a page or crawl date that contradicts the {} ({})",
                    chosen.evidence.source,
                    chosen.date.label()
                ),
                _ => format!("weaker evidence than the {}", chosen.evidence.source),
            };
            RejectedDate {
                date: c.date,
                evidence: c.evidence,
                reason,
            }
        })
        .collect();
    Some(Published {
        date: chosen.date,
        evidence: chosen.evidence,
        rejected,
    })
}

/// The reason a line is boilerplate, if it is.
pub fn boilerplate_reason(line: &str) -> Option<&'static str> {
    if let Some(i) = first_rule(&BOILERPLATE, line) {
        return Some(BOILERPLATE_RULES[i].1);
    }
    if SLASH_CREDIT.is_match(line) && line.split_whitespace().count() <= 40 {
        return Some("photo caption");
    }
    None
}

/// A headline is a short first line without a sentence's closing stop.
fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=25).contains(&words) && !line.ends_with(['.', ':', ';', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the parts of a document a user sees on its source card.
    fn dump(doc: &Document) -> String {
        let mut out = String::new();
        if let Some(t) = &doc.title {
            out += &format!("title: {}\n", t.value);
        }
        match &doc.published {
            Some(p) => {
                out += &format!(
                    "published: {} ({}: {:?})\n",
                    p.date.value, p.evidence.source, p.evidence.raw
                );
                for r in &p.rejected {
                    out += &format!("rejected: {} ({})\n", r.date.value, r.reason);
                }
            }
            None => out += "undated\n",
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

    fn check(input: &str, expect: &str) {
        let (docs, _) = parse_text("t.txt", input);
        let got: Vec<String> = docs.iter().map(dump).collect();
        assert_eq!(got.join("---\n"), expect);
    }

    #[test]
    fn reads_the_date_header_and_clusters() {
        check(
            " date 2018-07-20 Body one.",
            "published: 2018-07-20 (date header: \"date 2018-07-20\")\n",
        );
        check(
            "A one.|||||B two. NEWLINE_CHAR NEWLINE_CHAR Sorry, this content isn't available on your device.",
            "undated\n---\nundated\nboilerplate: \"Sorry, this content isn't available on your device.\" (unavailable-content notice)\n",
        );
    }

    #[test]
    fn prefers_a_labelled_published_date_over_a_page_date() {
        check(
            "Thursday April 18, 2024\n\nAmid criticism, Trump eyes 2nd meeting\n\nPublished : 20 Jul 2018, 01:22\n\nUpdated : 20 Jul 2018, 03:00\n\nBody text.",
            "title: Amid criticism, Trump eyes 2nd meeting\n\
             published: 2018-07-20 (published line: \"Published : 20 Jul 2018, 01:22\")\n\
             rejected: 2024-04-18 (a page or crawl date that contradicts the published line (Friday 20 July 2018))\n\
             rejected: 2018-07-20 (a modification date, not the publication date)\n\
             boilerplate: \"Thursday April 18, 2024\" (page date line)\n\
             boilerplate: \"Published : 20 Jul 2018, 01:22\" (published line)\n\
             boilerplate: \"Updated : 20 Jul 2018, 03:00\" (updated line)\n",
        );
    }

    #[test]
    fn flags_captions_credits_and_repeats() {
        check(
            "Head line here\n\nPicture by: Lehtikuva/Heikki Saukkomaa/PA Images\n\nHead line here\n\nMore From This Section\n\nTwo men shake hands in Helsinki Credit: Pablo Martinez Monsivais/AP\n\nA meets B in Helsinki, on July 16, 2018. File Photo Xinhua/Lehtikuva.\n\n  DF-Xinhua Report\nHe said it was fine.",
            "title: Head line here\nundated\n\
             boilerplate: \"Picture by: Lehtikuva/Heikki Saukkomaa/PA Images\" (photo credit)\n\
             boilerplate: \"Head line here\" (repeated line)\n\
             boilerplate: \"More From This Section\" (related links)\n\
             boilerplate: \"Two men shake hands in Helsinki Credit: Pablo Martinez Monsivais/AP\" (photo caption and credit)\n\
             boilerplate: \"A meets B in Helsinki, on July 16, 2018. File Photo Xinhua/Lehtikuva.\" (photo caption)\n\
             boilerplate: \"DF-Xinhua Report\" (agency line)\n",
        );
    }

    #[test]
    fn flags_wire_datelines_on_their_own_line() {
        check(
            "WASHINGTON, March 12 (Xinhua) --\n\nPoland joined NATO on Friday.\n\nLONDON (Reuters) -\n\nNAIROBI, Kenya (AP) _",
            "undated\n\
             boilerplate: \"WASHINGTON, March 12 (Xinhua) --\" (dateline)\n\
             boilerplate: \"LONDON (Reuters) -\" (dateline)\n\
             boilerplate: \"NAIROBI, Kenya (AP) _\" (dateline)\n",
        );
        // A sentence that opens with a dateline is prose.
        check(
            "WASHINGTON, March 12 (Xinhua) -- Poland joined NATO on Friday.",
            "undated\n",
        );
    }

    #[test]
    fn keeps_prose_with_dates_as_body() {
        check(
            "The summit was held on July 16, 2018 in Helsinki.",
            "undated\n",
        );
    }
}
