//! Word differences between versions of one sentence, so an expanded timeline entry can highlight
//! what each source says differently. Words are compared after folding case, accents, quotes and
//! punctuation, by a longest common subsequence whose table is capped, so a hostile input costs
//! at most a set difference. It marks words; it must not judge which version is right.

use std::collections::{HashMap, HashSet};

use super::{find_event, fold};
use crate::analysis::{Analysis, EventId, Provenance, Span};

/// Beyond this many words on either side, the word diff falls back to a set difference, which
/// keeps the table at most 201 by 201 cells.
pub const MAX_LCS_WORDS: usize = 200;

/// Word pairs written both as one word and as two; the pair is compared as the single word.
const COMPOUNDS: &[(&str, &str)] = &[
    ("under", "way"),
    ("per", "cent"),
    ("any", "more"),
    ("every", "day"),
];

/// One stretch of a compared text.
///
/// Invariant: the runs of one diff are non-empty, adjacent, alternate between changed and
/// unchanged, and cover the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffRun {
    /// Its bytes in the compared text.
    pub span: Span,
    /// True when its words are not in the base version.
    pub changed: bool,
}

/// One word of a text with its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    span: Span,
    folded: String,
}

/// Marks the words of `other` that are not in `base`. Words match up to case, accents, quote
/// style and punctuation ("U.S." and "US", "Putin's" and "Putin’s"), and "under way" matches
/// "underway". The spaces between two changed words are changed too, so a reworded phrase is
/// one highlight. An empty `other` gives no runs.
pub fn word_diff(base: &str, other: &str) -> Vec<DiffRun> {
    let base_words = split_words(base);
    let other_words = split_words(other);
    let changed = changed_words(&base_words, &other_words);
    runs_of(other, &other_words, &changed)
}

/// For each mention of `event`, in order, the word diff of its sentence against the
/// representative sentence; spans are byte ranges of the mention's own sentence (add its
/// `span.start` to reach the document text). Unknown events give nothing.
pub fn mention_diffs(analysis: &Analysis, event: EventId) -> Vec<Vec<DiffRun>> {
    let Some(event) = find_event(analysis, event) else {
        return Vec::new();
    };
    let sentence = |m: &Provenance| mention_text(analysis, m);
    let base = event
        .mentions
        .get(event.representative)
        .map_or(event.text.as_str(), sentence);
    event
        .mentions
        .iter()
        .map(|m| word_diff(base, sentence(m)))
        .collect()
}

/// The sentence behind a mention, or nothing when the mention does not fit its source.
fn mention_text<'a>(analysis: &'a Analysis, mention: &Provenance) -> &'a str {
    analysis
        .sources
        .get(mention.document.index())
        .and_then(|s| s.document.text.get(mention.span.start..mention.span.end))
        .unwrap_or("")
}

/// True for the characters that may stand inside a word between two letters or digits:
/// apostrophes ("Putin's"), hyphens ("e-mail") and dots ("U.S").
fn joins_word(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '-' | '\u{2010}' | '\u{2011}' | '.'
    )
}

/// Splits `text` into words: runs of letters and digits, with inner apostrophes, hyphens and
/// dots, and commas between digits ("1,000").
fn split_words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last = c;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                last = c;
                chars.next();
                continue;
            }
            let joins = joins_word(c) || (c == ',' && last.is_ascii_digit());
            let next = text
                .get(i + c.len_utf8()..)
                .and_then(|rest| rest.chars().next());
            let continues = match next {
                Some(n) if c == ',' => n.is_ascii_digit(),
                Some(n) => n.is_alphanumeric(),
                None => false,
            };
            if joins && continues {
                chars.next();
            } else {
                break;
            }
        }
        let span = Span::new(start, end);
        let folded: String = fold(span.slice(text))
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        words.push(Word { span, folded });
    }
    join_compounds(text, words)
}

/// Joins the word pairs of [`COMPOUNDS`] written as two words, when only spaces separate them.
fn join_compounds(text: &str, words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for word in words {
        let joined = out.last().and_then(|prev| {
            let gap = text.get(prev.span.end..word.span.start)?;
            let compound = COMPOUNDS
                .iter()
                .any(|(a, b)| prev.folded == *a && word.folded == *b);
            (compound && !gap.is_empty() && gap.chars().all(char::is_whitespace)).then(|| Word {
                span: Span::new(prev.span.start, word.span.end),
                folded: format!("{}{}", prev.folded, word.folded),
            })
        });
        match joined {
            Some(joined) => {
                out.pop();
                out.push(joined);
            }
            None => out.push(word),
        }
    }
    out
}

/// For each word of `other`, whether it is missing from `base`: outside the longest common
/// subsequence when both sides are short enough, else absent from `base` altogether.
fn changed_words(base: &[Word], other: &[Word]) -> Vec<bool> {
    // Compare small integers rather than strings inside the table.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut a: Vec<u32> = Vec::with_capacity(base.len());
    let mut b: Vec<u32> = Vec::with_capacity(other.len());
    for (words, out) in [(base, &mut a), (other, &mut b)] {
        for w in words {
            let next = ids.len() as u32;
            out.push(*ids.entry(w.folded.as_str()).or_insert(next));
        }
    }
    if a.len() > MAX_LCS_WORDS || b.len() > MAX_LCS_WORDS {
        let present: HashSet<u32> = a.into_iter().collect();
        return b.iter().map(|w| !present.contains(w)).collect();
    }
    // lcs[i][j] is the LCS length of a[i..] and b[j..], in one flat table.
    let width = b.len() + 1;
    let mut lcs = vec![0u16; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut changed = vec![true; b.len()];
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            changed[j] = false;
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    changed
}

/// Covers `text` with alternating runs: a word's bytes take its mark, the gap between two
/// changed words is changed, every other gap is not.
fn runs_of(text: &str, words: &[Word], changed: &[bool]) -> Vec<DiffRun> {
    let mut runs: Vec<DiffRun> = Vec::new();
    let mut push = |span: Span, changed: bool| {
        if span.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.changed == changed && last.span.end == span.start => {
                last.span.end = span.end;
            }
            _ => runs.push(DiffRun { span, changed }),
        }
    };
    let mut cursor = 0;
    let mut previous = false;
    for (word, &is_changed) in words.iter().zip(changed) {
        push(Span::new(cursor, word.span.start), previous && is_changed);
        push(word.span, is_changed);
        cursor = word.span.end;
        previous = is_changed;
    }
    push(Span::new(cursor, text.len()), false);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::views::seeds;

    /// Diffs two sentences and renders `other` with its changed runs in brackets.
    fn check(base: &str, other: &str, expect: &str) {
        let runs = word_diff(base, other);
        let mut got = String::new();
        let mut cursor = 0;
        for run in &runs {
            assert_eq!(run.span.start, cursor, "runs must be adjacent");
            let text = run.span.slice(other);
            if run.changed {
                got.push_str(&format!("[{text}]"));
            } else {
                got.push_str(text);
            }
            cursor = run.span.end;
        }
        assert_eq!(cursor, other.len(), "runs must cover the text");
        assert!(
            runs.windows(2).all(|w| w[0].changed != w[1].changed),
            "runs alternate"
        );
        assert_eq!(got, expect);
    }

    #[test]
    fn marks_the_words_a_version_adds_or_changes() {
        check("Trump met Putin.", "Trump met Putin.", "Trump met Putin.");
        check(
            "Trump met Putin in Helsinki on Monday.",
            "Trump met Russian President Putin in Helsinki on Monday.",
            "Trump met [Russian President] Putin in Helsinki on Monday.",
        );
        check(
            "The talks lasted 2 hours.",
            "The talks lasted 4 hours.",
            "The talks lasted [4] hours.",
        );
        check("", "All new.", "[All new].");
        check("Something.", "", "");
        // Words removed from the base leave no mark on the other version.
        check(
            "Trump met Putin in Helsinki.",
            "Trump met Putin.",
            "Trump met Putin.",
        );
    }

    #[test]
    fn case_quotes_accents_and_punctuation_are_not_differences() {
        check(
            "Putin's \"strong\" denial, said the U.S.",
            "PUTIN\u{2019}S \u{201C}strong\u{201D} denial said the US",
            "PUTIN\u{2019}S \u{201C}strong\u{201D} denial said the US",
        );
        check("Talks in Zurich.", "Talks in Zürich!", "Talks in Zürich!");
        check(
            "Those discussions are already underway.",
            "Those discussions are already under way.",
            "Those discussions are already under way.",
        );
        check("Up 5 percent.", "Up 5 per cent.", "Up 5 per cent.");
        check(
            "It cost 1,000 dollars.",
            "It cost 1000 dollars.",
            "It cost 1000 dollars.",
        );
        check("An e-mail came.", "An email came.", "An email came.");
    }

    #[test]
    fn long_inputs_fall_back_to_a_set_difference_quickly() {
        let base: String = (0..5_000).map(|i| format!("w{} ", i % 300)).collect();
        let other: String = (0..5_000).map(|i| format!("w{} ", (i + 7) % 301)).collect();
        let runs = word_diff(&base, &other);
        // Only "w300", which the base never has, is marked.
        let changed: Vec<&str> = runs
            .iter()
            .filter(|r| r.changed)
            .map(|r| r.span.slice(&other))
            .collect();
        assert!(!changed.is_empty());
        assert!(
            changed.iter().all(|w| *w == "w300"),
            "{:?}",
            &changed[..3.min(changed.len())]
        );
        assert_eq!(runs.last().map(|r| r.span.end), Some(other.len()));
    }

    #[test]
    fn on_the_seeds_the_autumn_visit_versions_differ_in_their_own_words() {
        let analysis = seeds::analysis();
        let Some(autumn) = seeds::event_on("2018-FA") else {
            panic!("the seeds have an autumn 2018 entry");
        };
        let diffs = mention_diffs(analysis, autumn);
        let event = analysis.events.iter().find(|e| e.id == autumn);
        let mentions = event.map(|e| e.mentions.len()).unwrap_or(0);
        assert_eq!(diffs.len(), mentions);
        assert!(mentions >= 4);
        // The representative has nothing changed; at least one other version rewords it.
        let representative = event.map(|e| e.representative).unwrap_or(usize::MAX);
        assert!(
            diffs
                .get(representative)
                .is_some_and(|runs| runs.iter().all(|r| !r.changed))
        );
        let reworded = diffs
            .iter()
            .filter(|runs| runs.iter().any(|r| r.changed))
            .count();
        assert!(reworded >= 1, "{diffs:?}");
        // No version is marked as entirely new: they share the invitation's words.
        for (runs, m) in diffs
            .iter()
            .zip(event.map(|e| e.mentions.as_slice()).unwrap_or(&[]))
        {
            let changed: usize = runs
                .iter()
                .filter(|r| r.changed)
                .map(|r| r.span.len())
                .sum();
            assert!(changed < m.span.len(), "{runs:?}");
        }
        assert!(mention_diffs(analysis, EventId(u32::MAX)).is_empty());
    }
}
