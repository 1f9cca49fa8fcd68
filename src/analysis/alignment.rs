//! Links sentences of different sources that say the same thing. Candidates come from an
//! inverted index over terms (rare terms first), never from all pairs; each candidate is then
//! scored by IDF-weighted cosine similarity of its stems, names weighing more.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::article::ArticleId;
use super::terms::Term;

/// Options for sentence alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignConfig {
    /// Links scoring below this are dropped.
    pub min_score: f32,
    /// Terms found in more sentences than this fraction of all sentences (and more than
    /// `common_floor`) do not generate candidates; they still count in the score.
    pub common_fraction: f32,
    /// The threshold of `common_fraction` never goes below this many sentences.
    pub common_floor: usize,
    /// Nor above this many, so candidate work stays linear in the corpus.
    pub common_cap: usize,
    /// How many links each sentence keeps, strongest first.
    pub max_links_per_unit: usize,
    /// Extra weight for capitalised words (names).
    pub name_boost: f32,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            min_score: 0.12,
            common_fraction: 0.05,
            common_floor: 40,
            common_cap: 120,
            max_links_per_unit: 12,
            name_boost: 1.5,
        }
    }
}

/// One sentence to align: its source and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignUnit {
    /// The source the sentence comes from; sentences of one source are never linked.
    pub document: ArticleId,
    /// Its terms, as [`super::terms::extract_terms`] gives them.
    pub terms: Vec<Term>,
}

/// A similarity link between two units, by index into the slice given to [`align_sentences`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The lower index.
    pub a: usize,
    /// The higher index.
    pub b: usize,
    /// Cosine similarity, 0 to 1.
    pub score: f32,
}

/// A unit as a sparse weighted vector over term ids, sorted by id.
struct Vector {
    entries: Vec<(u32, f32)>,
    norm: f32,
}

/// Finds every pair of units from different sources whose similarity reaches
/// `config.min_score`. Links come sorted by (a, b).
pub fn align_sentences(units: &[AlignUnit], config: &AlignConfig) -> Vec<Link> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let mut unit_terms: Vec<Vec<(u32, bool)>> = Vec::with_capacity(units.len());
    for unit in units {
        let mut terms: Vec<(u32, bool)> = Vec::with_capacity(unit.terms.len());
        for term in &unit.terms {
            let next = ids.len() as u32;
            let id = *ids.entry(term.stem.as_str()).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
            }
            terms.push((id, term.capitalised));
        }
        terms.sort_unstable();
        // One entry per term; a capitalised occurrence marks the whole term as a name.
        terms.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 |= later.1;
                true
            } else {
                false
            }
        });
        for &(id, _) in &terms {
            df[id as usize] += 1;
        }
        unit_terms.push(terms);
    }
    let n = units.len() as f32;
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0)
        .collect();
    let vectors: Vec<Vector> = unit_terms
        .iter()
        .map(|terms| {
            let entries: Vec<(u32, f32)> = terms
                .iter()
                .map(|&(id, cap)| {
                    (
                        id,
                        idf[id as usize] * if cap { config.name_boost } else { 1.0 },
                    )
                })
                .collect();
            let norm = entries.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            Vector { entries, norm }
        })
        .collect();

    // Candidate generation: each unit probes the postings of its rare terms only; terms found
    // in more than `common` sentences probe nothing, so work is bounded by units x terms x
    // common, not by the square of the corpus.
    let common = ((config.common_fraction * n) as usize)
        .clamp(config.common_floor, config.common_cap) as u32;
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); df.len()];
    let mut probes: Vec<Vec<(u32, f32)>> = Vec::with_capacity(vectors.len());
    for (u, v) in vectors.iter().enumerate() {
        let mut rare: Vec<(u32, f32)> = v
            .entries
            .iter()
            .copied()
            .filter(|&(id, _)| df[id as usize] <= common)
            .collect();
        rare.sort_by(|x, y| df[x.0 as usize].cmp(&df[y.0 as usize]).then(x.0.cmp(&y.0)));
        for &(id, w) in &rare {
            postings[id as usize].push((u as u32, w));
        }
        probes.push(rare);
    }

    let mut links = Vec::new();
    let mut partial = vec![0f32; units.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut scored: Vec<(f32, usize)> = Vec::new();
    for (a, va) in vectors.iter().enumerate() {
        if va.norm == 0.0 {
            continue;
        }
        for &(id, wa) in &probes[a] {
            for &(b, wb) in &postings[id as usize] {
                let b = b as usize;
                if b == a || units[b].document == units[a].document {
                    continue;
                }
                if partial[b] == 0.0 {
                    touched.push(b as u32);
                }
                partial[b] += wa * wb;
            }
        }
        for &b in &touched {
            let b = b as usize;
            // The shared rare terms alone must already carry a fair share of the score.
            if partial[b] / (va.norm * vectors[b].norm) >= config.min_score * 0.5 {
                let score = cosine(va, &vectors[b]);
                if score >= config.min_score {
                    scored.push((score, b));
                }
            }
            partial[b] = 0.0;
        }
        touched.clear();
        // Keep each unit's strongest partners only, so a sentence repeated everywhere cannot
        // flood the graph.
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        scored.truncate(config.max_links_per_unit);
        for &(score, b) in &scored {
            links.push(Link {
                a: a.min(b),
                b: a.max(b),
                score,
            });
        }
        scored.clear();
    }
    links.sort_by_key(|l| (l.a, l.b));
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    links
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0f32);
    while i < a.entries.len() && j < b.entries.len() {
        match a.entries[i].0.cmp(&b.entries[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.entries[i].1 * b.entries[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    if a.norm == 0.0 || b.norm == 0.0 {
        0.0
    } else {
        dot / (a.norm * b.norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::terms::extract_terms;

    fn check(sentences: &[(u32, &str)], expect: &[(usize, usize)]) {
        let units: Vec<AlignUnit> = sentences
            .iter()
            .map(|(d, s)| AlignUnit {
                document: ArticleId(*d),
                terms: extract_terms(s),
            })
            .collect();
        let config = AlignConfig {
            min_score: 0.3,
            ..AlignConfig::default()
        };
        let got: Vec<(usize, usize)> = align_sentences(&units, &config)
            .iter()
            .map(|l| (l.a, l.b))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn links_paraphrases_across_sources_only() {
        check(
            &[
                (
                    0,
                    "Trump asked Bolton to invite Putin to Washington in the fall.",
                ),
                (
                    0,
                    "Trump asked Bolton to invite Putin to Washington in the autumn.",
                ),
                (
                    1,
                    "Donald Trump has asked John Bolton to invite Vladimir Putin to Washington DC.",
                ),
                (2, "Stock markets fell sharply in Tokyo on weak exports."),
            ],
            &[(0, 2), (1, 2)],
        );
    }
}
