//! Scores the event clustering against a hand-judged gold set of cross-source sentence links:
//! pairwise precision and recall over pairs of sentences from different sources. It only reads
//! the gold text it is given and the analysis; it must not read files.
//!
//! The gold format is tab-separated, one sentence per row: `claim`, `file`, `snippet`. The
//! snippet is a piece of text found in exactly one sentence of that file, so the gold survives
//! small changes to sentence splitting. Lines starting with `#` and blank lines are comments.
//! Two sentences of different files are a gold link when they share a claim; two sentences are a
//! system link when they support a common event.

use std::collections::{BTreeMap, BTreeSet};

use super::Analysis;
use super::article::ArticleId;
use super::sentences::SentenceIdx;

/// One row of the gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRow {
    /// The claim the sentence reports; rows with the same claim report the same thing.
    pub claim: String,
    /// The file the sentence comes from, as the document's file name.
    pub file: String,
    /// Text found in exactly one sentence of that file.
    pub snippet: String,
    /// The 1-based line in the gold file, for messages.
    pub line: usize,
}

/// A sentence of one source, as the scorer names it.
pub type SentenceKey = (ArticleId, SentenceIdx);

/// An unordered pair of sentences from different sources, the lower key first.
pub type SentencePair = (SentenceKey, SentenceKey);

/// Pairwise agreement between the system's events and the gold claims.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkScore {
    /// Cross-source pairs the gold links.
    pub gold: usize,
    /// Cross-source pairs the system links.
    pub system: usize,
    /// Pairs both link.
    pub correct: usize,
    /// System pairs the gold does not have, for inspection.
    pub false_links: Vec<SentencePair>,
    /// Gold pairs the system misses, for inspection.
    pub missed_links: Vec<SentencePair>,
    /// Per gold claim with a cross-source pair, in name order: (claim, its gold pairs, how many
    /// of them the system links).
    pub per_claim: Vec<(String, usize, usize)>,
}

impl LinkScore {
    /// The share of system pairs that the gold has; 1 when the system links nothing.
    pub fn precision(&self) -> f64 {
        if self.system == 0 {
            1.0
        } else {
            self.correct as f64 / self.system as f64
        }
    }

    /// The share of gold pairs that the system finds; 1 when the gold has none.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Reads the gold file. Malformed lines are reported, not skipped silently.
pub fn parse_gold(text: &str) -> (Vec<GoldRow>, Vec<String>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            [claim, file, snippet]
                if !claim.is_empty() && !file.is_empty() && !snippet.is_empty() =>
            {
                rows.push(GoldRow {
                    claim: claim.to_string(),
                    file: file.to_string(),
                    snippet: snippet.to_string(),
                    line: i + 1,
                })
            }
            _ => problems.push(format!(
                "line {}: expected claim, file and snippet separated by tabs",
                i + 1
            )),
        }
    }
    (rows, problems)
}

/// Finds the sentence of each gold row in the analysis. A row whose file is not among the sources,
/// or whose snippet is in no sentence or in several, is reported.
pub fn resolve_gold(
    analysis: &Analysis,
    rows: &[GoldRow],
) -> (Vec<(String, SentenceKey)>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        let docs: Vec<_> = analysis
            .sources
            .iter()
            .filter(|s| s.document.file == row.file)
            .collect();
        let [source] = docs.as_slice() else {
            problems.push(format!(
                "line {}: {} documents are named {}",
                row.line,
                docs.len(),
                row.file
            ));
            continue;
        };
        let hits: Vec<SentenceIdx> = (0..source.sentences.len())
            .map(|i| SentenceIdx(i as u32))
            .filter(|&i| source.sentence_text(i).contains(&row.snippet))
            .collect();
        match hits.as_slice() {
            [one] => out.push((row.claim.clone(), (source.id, *one))),
            _ => problems.push(format!(
                "line {}: {:?} is in {} sentences of {}",
                row.line,
                row.snippet,
                hits.len(),
                row.file
            )),
        }
    }
    (out, problems)
}

/// Cross-source pairs of members that share a group, each pair once.
fn pairs_of_groups<'a>(
    groups: impl Iterator<Item = &'a BTreeSet<SentenceKey>>,
) -> BTreeSet<SentencePair> {
    let mut pairs = BTreeSet::new();
    for members in groups {
        let members: Vec<&SentenceKey> = members.iter().collect();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                if a.0 != b.0 {
                    pairs.insert((**a, **b));
                }
            }
        }
    }
    pairs
}

/// Scores the analysis's events against resolved gold claims.
pub fn score_links(analysis: &Analysis, gold: &[(String, SentenceKey)]) -> LinkScore {
    let mut claims: BTreeMap<&str, BTreeSet<SentenceKey>> = BTreeMap::new();
    for (claim, key) in gold {
        claims.entry(claim.as_str()).or_default().insert(*key);
    }
    let events: Vec<BTreeSet<SentenceKey>> = analysis
        .events
        .iter()
        .map(|e| {
            e.mentions
                .iter()
                .map(|m| (m.document, m.sentence))
                .collect()
        })
        .collect();
    let gold_pairs = pairs_of_groups(claims.values());
    let system_pairs = pairs_of_groups(events.iter());
    let per_claim = claims
        .iter()
        .filter_map(|(claim, members)| {
            let pairs = pairs_of_groups(std::iter::once(members));
            let found = pairs.intersection(&system_pairs).count();
            (!pairs.is_empty()).then(|| (claim.to_string(), pairs.len(), found))
        })
        .collect();
    LinkScore {
        per_claim,
        gold: gold_pairs.len(),
        system: system_pairs.len(),
        correct: gold_pairs.intersection(&system_pairs).count(),
        false_links: system_pairs.difference(&gold_pairs).copied().collect(),
        missed_links: gold_pairs.difference(&system_pairs).copied().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(gold: &str, expect_rows: usize, expect_problems: &[&str]) {
        let (rows, problems) = parse_gold(gold);
        assert_eq!(rows.len(), expect_rows);
        assert_eq!(problems, expect_problems);
    }

    #[test]
    fn reads_rows_and_reports_bad_lines() {
        check("# comment\n\na\tx.txt\tsome words\n", 1, &[]);
        check(
            "a\tx.txt\n",
            0,
            &["line 1: expected claim, file and snippet separated by tabs"],
        );
    }

    #[test]
    fn counts_only_cross_source_pairs_once() {
        let k = |d: u32, s: u32| (ArticleId(d), SentenceIdx(s));
        let group: BTreeSet<SentenceKey> = [k(0, 0), k(0, 1), k(1, 0)].into_iter().collect();
        let twice = [group.clone(), group];
        let pairs = pairs_of_groups(twice.iter());
        assert_eq!(
            pairs.into_iter().collect::<Vec<_>>(),
            [(k(0, 0), k(1, 0)), (k(0, 1), k(1, 0))]
        );
    }
}
