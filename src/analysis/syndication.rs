//! Finds wire copies: articles that share most of their sentences nearly word for word are one
//! syndication group, so three copies of one agency story count as one independent source. It
//! works from the sentence links already computed, never from all pairs of articles.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::alignment::Link;
use super::article::ArticleId;
use super::sentences::SentenceIdx;

/// Options for grouping wire copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyndicationConfig {
    /// Two sentences this similar count as the same sentence.
    pub copy_score: f32,
    /// Two articles are copies when this share of the shorter one's sentences are copied.
    pub copy_share: f32,
}

impl Default for SyndicationConfig {
    fn default() -> Self {
        SyndicationConfig {
            copy_score: 0.8,
            copy_share: 0.6,
        }
    }
}

/// A set of articles that are copies of one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyndicationGroup {
    /// The copies, in id order; at least two.
    pub documents: Vec<ArticleId>,
    /// Why they were grouped, for the user.
    pub reason: String,
}

/// Groups articles that copy each other. `unit_keys[i]` names the sentence behind unit `i` of
/// `links`; `sentence_counts[d]` is the number of sentences of document `d`.
pub fn find_syndication(
    unit_keys: &[(ArticleId, SentenceIdx)],
    links: &[Link],
    sentence_counts: &[usize],
    config: &SyndicationConfig,
) -> Vec<SyndicationGroup> {
    // Every copied sentence pair as (lower document, higher document, their sentences), sorted
    // so that each pair of documents is one run: a sort is cheaper than a map entry per link.
    let mut copied: Vec<(ArticleId, ArticleId, SentenceIdx, SentenceIdx)> = Vec::new();
    for link in links.iter().filter(|l| l.score >= config.copy_score) {
        let (da, sa) = unit_keys[link.a];
        let (db, sb) = unit_keys[link.b];
        if da == db {
            continue;
        }
        let (key, first, second) = if da < db {
            ((da, db), sa, sb)
        } else {
            ((db, da), sb, sa)
        };
        copied.push((key.0, key.1, first, second));
    }
    copied.sort_unstable();
    let mut parent: Vec<usize> = (0..sentence_counts.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut evidence: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for run in copied.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (a, b) = (run[0].0, run[0].1);
        // The distinct sentences of each side that have a copy.
        let mut sa: Vec<SentenceIdx> = run.iter().map(|c| c.2).collect();
        sa.dedup();
        let mut sb: Vec<SentenceIdx> = run.iter().map(|c| c.3).collect();
        sb.sort_unstable();
        sb.dedup();
        let shared = sa.len().min(sb.len());
        let shorter = sentence_counts[a.index()]
            .min(sentence_counts[b.index()])
            .max(1);
        if shared as f32 / shorter as f32 >= config.copy_share {
            let (ra, rb) = (find(&mut parent, a.index()), find(&mut parent, b.index()));
            let root = ra.min(rb);
            parent[ra.max(rb)] = root;
            evidence
                .entry(a.index())
                .or_default()
                .push(format!("{shared} of {shorter} sentences copied"));
        }
    }
    let mut groups: BTreeMap<usize, Vec<ArticleId>> = BTreeMap::new();
    for d in 0..sentence_counts.len() {
        let root = find(&mut parent, d);
        groups.entry(root).or_default().push(ArticleId(d as u32));
    }
    groups
        .into_values()
        .filter(|docs| docs.len() > 1)
        .map(|documents| {
            let detail = documents
                .iter()
                .filter_map(|d| evidence.get(&d.index()))
                .flatten()
                .next()
                .cloned()
                .unwrap_or_default();
            SyndicationGroup {
                reason: format!(
                    "{} articles share most of their sentences word for word ({detail})",
                    documents.len()
                ),
                documents,
            }
        })
        .collect()
}

/// The group index of each document (documents outside any group get their own), so that
/// independent sources can be counted as distinct group indices.
pub fn independence_keys(groups: &[SyndicationGroup], documents: usize) -> Vec<usize> {
    let mut keys: Vec<usize> = (0..documents).map(|d| groups.len() + d).collect();
    for (g, group) in groups.iter().enumerate() {
        for d in &group.documents {
            if let Some(k) = keys.get_mut(d.index()) {
                *k = g;
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(links: &[(usize, usize, f32)], counts: &[usize], expect: &[&[u32]]) {
        // Units: document d has sentences numbered from 0; unit index = d * 10 + sentence.
        let keys: Vec<(ArticleId, SentenceIdx)> = (0..counts.len() * 10)
            .map(|u| (ArticleId((u / 10) as u32), SentenceIdx((u % 10) as u32)))
            .collect();
        let links: Vec<Link> = links
            .iter()
            .map(|&(a, b, score)| Link { a, b, score })
            .collect();
        let groups = find_syndication(&keys, &links, counts, &SyndicationConfig::default());
        let got: Vec<Vec<u32>> = groups
            .iter()
            .map(|g| g.documents.iter().map(|d| d.0).collect())
            .collect();
        let expect: Vec<Vec<u32>> = expect.iter().map(|g| g.to_vec()).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn groups_copies_and_keeps_independent_reports_apart() {
        // Documents 0 and 2 share 3 of 3 sentences; document 1 shares one sentence with 0.
        check(
            &[(0, 20, 0.95), (1, 21, 0.9), (2, 22, 1.0), (0, 10, 0.9)],
            &[3, 4, 3],
            &[&[0, 2]],
        );
        // Weak similarity is not copying.
        check(&[(0, 10, 0.5), (1, 11, 0.5)], &[2, 2], &[]);
        // Copies of copies form one group.
        check(&[(0, 10, 0.9), (10, 20, 0.9)], &[1, 1, 1], &[&[0, 1, 2]]);
    }
}
