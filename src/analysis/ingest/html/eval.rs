//! Scores extracted main text against a reference text by overlapping four-word shingles, the
//! measure used by public article-extraction benchmarks. It is pure arithmetic over strings and
//! must not read files.

use std::collections::HashMap;

use crate::analysis::article::Document;

/// Precision, recall and F1 of one extracted text against its reference.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShingleScore {
    /// Share of extracted shingles that are in the reference.
    pub precision: f64,
    /// Share of reference shingles that were extracted.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// How many consecutive words make one shingle.
const SHINGLE_WORDS: usize = 4;

/// Lower-cased words (runs of letters and digits) of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Counts of each shingle. A text shorter than a shingle counts as one shingle of all its words.
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words = words(text);
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    if words.len() < SHINGLE_WORDS {
        counts.insert(words, 1);
        return counts;
    }
    for w in words.windows(SHINGLE_WORDS) {
        *counts.entry(w.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Scores `extracted` against `reference` by multiset overlap of four-word shingles. Two empty
/// texts agree perfectly; an empty text against a non-empty one scores zero.
pub fn score_shingles(extracted: &str, reference: &str) -> ShingleScore {
    let got = shingles(extracted);
    let want = shingles(reference);
    if got.is_empty() && want.is_empty() {
        return ShingleScore {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let common: usize = got
        .iter()
        .map(|(s, n)| want.get(s).map_or(0, |m| (*n).min(*m)))
        .sum();
    let total = |m: &HashMap<Vec<String>, usize>| m.values().sum::<usize>();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(common, total(&got));
    let recall = ratio(common, total(&want));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    ShingleScore {
        precision,
        recall,
        f1,
    }
}

/// The main text of a parsed page as a benchmark sees it: the stored text without the title line
/// and without flagged boilerplate.
pub fn main_text(doc: &Document) -> String {
    let text = &doc.text;
    let start = match &doc.title {
        Some(t) if text.starts_with(&t.value) => t.value.len(),
        _ => 0,
    };
    let mut spans: Vec<_> = doc.boilerplate.iter().map(|b| b.span).collect();
    spans.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = start;
    for s in spans {
        if s.start > at {
            out.push_str(text.get(at..s.start).unwrap_or(""));
        }
        // A gap keeps words on either side of a flagged stretch from joining into one shingle.
        out.push_str("\n\n");
        at = at.max(s.end);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(extracted: &str, reference: &str, expect: (f64, f64)) {
        let s = score_shingles(extracted, reference);
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        assert_eq!(
            (round(s.precision), round(s.recall)),
            expect,
            "{extracted:?} vs {reference:?}"
        );
    }

    #[test]
    fn scores_overlap_of_shingles() {
        check("a b c d e", "a b c d e", (1.0, 1.0));
        check("A, b. c d", "a b c d e", (1.0, 0.5));
        check("x a b c d e", "a b c d e", (0.667, 1.0));
        check("", "", (1.0, 1.0));
        check("", "a b c d", (0.0, 0.0));
        check("a b", "a b", (1.0, 1.0));
    }
}
