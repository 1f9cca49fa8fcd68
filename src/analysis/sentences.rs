//! Splits stored text into sentences as byte spans. Lines end sentences (headlines and captions
//! carry no stop); inside a line, a stop ends a sentence unless it closes an abbreviation, an
//! initial or a dotted acronym. It must not change the text.

use serde::{Deserialize, Serialize};

use super::article::Span;

/// The index of a sentence within its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SentenceIdx(pub u32);

/// Abbreviations that end with a stop and rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "cpt", "sgt",
    "maj", "adm", "cmdr", "st", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "det", "messrs",
    "mme", "mlle", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "nos", "vol", "vs", "v", "etc", "inc", "corp", "co", "ltd", "plc", "dept", "univ",
    "assn", "bros", "est", "approx", "ft", "mt", "ave", "blvd", "rd", "fig", "p", "pp", "op", "cf",
    "al", "e.g", "i.e",
];

/// Words that start a new sentence after an ambiguous stop such as "U.S.".
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "However",
    "Meanwhile",
    "Yet",
    "So",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Splits `text` into sentence spans, skipping any that lie wholly inside a `skip` span
/// (flagged boilerplate). Spans are trimmed of surrounding white space.
pub fn split_sentences(text: &str, skip: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len() + 1;
    }
    // Both lists are in text order, so one forward walk drops the skipped sentences.
    let mut skip: Vec<Span> = skip.to_vec();
    skip.sort_unstable();
    let mut next_skip = 0;
    let mut widest_end = 0;
    out.retain(|s| {
        while next_skip < skip.len() && skip[next_skip].start <= s.start {
            widest_end = widest_end.max(skip[next_skip].end);
            next_skip += 1;
        }
        widest_end < s.end
    });
    out
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // "…" is three bytes starting 0xE2; checking that byte first spares a comparison per byte.
        let is_stop = matches!(b, b'.' | b'!' | b'?')
            || (b == 0xE2 && bytes[i..].starts_with("…".as_bytes()));
        if !is_stop {
            i += 1;
            continue;
        }
        let stop_at = i;
        // Move over the whole run of stops and any closing quotes or brackets.
        let mut j = i;
        while j < bytes.len() {
            let rest = &line[j..];
            if let Some(c) = rest.chars().next()
                && matches!(
                    c,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']'
                )
            {
                j += c.len_utf8();
                continue;
            }
            break;
        }
        let after = &line[j..];
        let next_word_start = after.len() - after.trim_start().len();
        if next_word_start == 0 || after.trim_start().is_empty() {
            i = j.max(i + 1);
            continue;
        }
        let next = after.trim_start();
        if starts_sentence(next) && !is_abbreviation(&line[..stop_at], next, bytes[stop_at]) {
            push_trimmed(text, start + sentence_start, start + j, out);
            sentence_start = j + next_word_start;
        }
        i = j.max(i + 1);
    }
    push_trimmed(text, start + sentence_start, start + line.len(), out);
}

fn starts_sentence(next: &str) -> bool {
    let mut chars = next.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some('"' | '“' | '‘' | '\'' | '(' | '[') => {
            chars.next().is_some_and(|c| c.is_uppercase() || c == '.')
        }
        _ => false,
    }
}

/// True when the stop at the end of `before` belongs to an abbreviation rather than ending a
/// sentence.
fn is_abbreviation(before: &str, next: &str, stop: u8) -> bool {
    if stop != b'.' {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // An initial such as "J." in "John F. Kennedy".
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // A dotted acronym such as "U.S." ends a sentence only when a usual sentence opener follows.
    if word.contains('.')
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        let next_word = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !SENTENCE_STARTERS.contains(&next_word);
    }
    false
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        let got: Vec<&str> = split_sentences(text, &[])
            .into_iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn splits_on_stops_and_lines() {
        check(
            "One two. Three four! Five?",
            &["One two.", "Three four!", "Five?"],
        );
        check(
            "Headline without stop\nBody here.",
            &["Headline without stop", "Body here."],
        );
        check(
            "He said: \"That's special.\" Then he left.",
            &["He said: \"That's special.\"", "Then he left."],
        );
        check(
            "“Say that again,” Coats said. “OK,” he continued.",
            &["“Say that again,” Coats said.", "“OK,” he continued."],
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_acronyms() {
        check(
            "Mr. Trump met Sen. John McCain. It went well.",
            &["Mr. Trump met Sen. John McCain.", "It went well."],
        );
        check("John F. Kennedy spoke.", &["John F. Kennedy spoke."]);
        check(
            "U.S. President Donald Trump said so.",
            &["U.S. President Donald Trump said so."],
        );
        check(
            "He flew to the U.S. The trip was long.",
            &["He flew to the U.S.", "The trip was long."],
        );
        check("On Jan. 5 it rained.", &["On Jan. 5 it rained."]);
    }

    #[test]
    fn keeps_ellipses_inside_a_sentence() {
        check(
            "these problems... but they can ALL be solved!",
            &["these problems... but they can ALL be solved!"],
        );
        check(
            "in that meeting. ..I think we will learn",
            &["in that meeting. ..I think we will learn"],
        );
    }

    #[test]
    fn skips_flagged_spans() {
        let text = "Keep this.\nDrop this line.";
        let got: Vec<&str> = split_sentences(text, &[Span::new(11, 26)])
            .into_iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got, ["Keep this."]);
    }
}
