//! Links sentences of different sources that say the same thing. Candidates come from an
//! inverted index over terms (rare terms first), never from all pairs; each candidate is then
//! scored by IDF-weighted cosine similarity of its stems, names weighing more.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::article::ArticleId;
use super::entities::EntityId;
use super::fasthash::FastMap;
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
    /// A document that names nothing tells the story of another when the scores of the links
    /// between them add up to this much per sentence of the shorter one. Documents that name
    /// something tell one story only when they give weight to something in common, or for
    /// links whose sentences name what one of them gives weight to ([`keep_story_links`]).
    pub story_share: f32,
    /// A link that rests on one shared word needs both sentences to have at least this many
    /// terms: a two-word line ("Think big.", "Meal 3") shares a word with any sentence at all.
    /// Two lines that both have fewer are never linked: "Back to Gallery" on two pages is page
    /// furniture, not a claim that two sources make.
    pub single_term_min_terms: usize,
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
            story_share: 0.1,
            single_term_min_terms: 3,
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

/// Drops the links between documents that tell different stories. Unrelated articles still
/// share a sentence now and then on everyday words ("let's get started", "stay hydrated"), and
/// such a coincidence must not read as corroboration. Two documents tell one story when they
/// both give weight to someone or something: an entity each of them names in its lead or more
/// than once. A name one of them drops in passing ("the United States", a "Back to Gallery"
/// link taken for a name) is not enough. When one of them names nothing at all, they tell one
/// story when the scores of the links between them add up to `config.story_share` per sentence
/// of the shorter one.
///
/// `documents[u]` is the document of unit `u`, `sentence_counts[d]` the number of sentences of
/// document `d`, `names[d]` what document `d` names, and `unit_names[u]` the sorted, distinct
/// entities unit `u` names.
pub fn keep_story_links(
    links: &mut Vec<Link>,
    documents: &[ArticleId],
    sentence_counts: &[usize],
    (names, unit_names): (&[StoryNames], &[Vec<EntityId>]),
    config: &AlignConfig,
) {
    let pair = |l: &Link| {
        let (x, y) = (documents[l.a], documents[l.b]);
        (x.min(y), x.max(y))
    };
    // The summed link score of each pair of documents, kept only for the pairs of one story.
    let mut sums: FastMap<(ArticleId, ArticleId), f32> = FastMap::default();
    for l in links.iter() {
        *sums.entry(pair(l)).or_default() += l.score;
    }
    sums.retain(|&(x, y), sum| {
        let shorter = sentence_counts[x.index()]
            .min(sentence_counts[y.index()])
            .max(1);
        let (nx, ny) = (&names[x.index()], &names[y.index()]);
        shares_any(&nx.salient, &ny.salient)
            || (nx.nameless || ny.nameless) && *sum >= config.story_share * shorter as f32
    });
    // Between documents of different stories, two sentences that name the same entity, one of
    // the two documents' own, still report one thing: the story of one that the other tells in
    // passing.
    let passing = |l: &Link| {
        let (x, y) = (documents[l.a].index(), documents[l.b].index());
        let (a, b) = (&unit_names[l.a], &unit_names[l.b]);
        a.iter().any(|e| {
            b.binary_search(e).is_ok()
                && (names[x].salient.binary_search(&e.0).is_ok()
                    || names[y].salient.binary_search(&e.0).is_ok())
        })
    };
    links.retain(|l| sums.contains_key(&pair(l)) || passing(l));
}

/// What one document names, for [`keep_story_links`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryNames {
    /// The sorted, distinct ids of the entities the document gives weight to: those it names in
    /// its lead or more than once.
    pub salient: Vec<u32>,
    /// True when the document names no entity at all.
    pub nameless: bool,
}

/// Whether two sorted lists have an id in common; it stops at the first.
fn shares_any(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// How many ids two sorted, distinct lists share.
pub(super) fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
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
    let unit_terms: Vec<Vec<(u32, bool)>> = units
        .iter()
        .map(|unit| {
            unit.terms
                .iter()
                .map(|term| {
                    let next = ids.len() as u32;
                    (
                        *ids.entry(term.stem.as_str()).or_insert(next),
                        term.capitalised,
                    )
                })
                .collect()
        })
        .collect();
    let documents: Vec<ArticleId> = units.iter().map(|u| u.document).collect();
    align_interned(&documents, unit_terms, ids.len(), config)
}

/// [`align_sentences`] over units whose stems are already numbered: `unit_terms[u]` holds unit
/// `u`'s (term id, capitalised) pairs in word order, duplicates kept, with ids below
/// `term_count`, and `documents[u]` its source. Numbering terms in order of first appearance
/// across the units gives exactly the links of [`align_sentences`]: ids order the floating-point
/// sums, so another numbering may move a score by a rounding step.
pub fn align_interned(
    documents: &[ArticleId],
    mut unit_terms: Vec<Vec<(u32, bool)>>,
    term_count: usize,
    config: &AlignConfig,
) -> Vec<Link> {
    for terms in unit_terms.iter_mut() {
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
    }

    // Units with the same terms (a sentence repeated by wire copies or across a site) share one
    // vector, so every score they take part in is computed once per distinct sentence.
    let mut class_of_terms: HashMap<&[(u32, bool)], u32> = HashMap::new();
    let mut class_of: Vec<u32> = Vec::with_capacity(unit_terms.len());
    let mut members: Vec<Vec<u32>> = Vec::new();
    for (u, terms) in unit_terms.iter().enumerate() {
        let next = members.len() as u32;
        let class = *class_of_terms.entry(terms.as_slice()).or_insert(next);
        if class == next {
            members.push(Vec::new());
        }
        members[class as usize].push(u as u32);
        class_of.push(class);
    }
    // Term rarity is counted over distinct sentences: a wire copy repeats its story's words
    // without making them any more common, so adding one leaves every other score as it was.
    let mut df: Vec<u32> = vec![0; term_count];
    for m in &members {
        if let Some(&u) = m.first() {
            for &(id, _) in &unit_terms[u as usize] {
                df[id as usize] += 1;
            }
        }
    }
    let n = members.len() as f32;
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0)
        .collect();
    let vectors: Vec<Vector> = members
        .iter()
        .map(|m| {
            let terms = m
                .first()
                .map_or(&[][..], |&u| unit_terms[u as usize].as_slice());
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
    drop(class_of_terms);
    drop(class_of);

    // Candidate generation: each sentence probes the postings of its rare terms only; terms
    // found in more than `common` sentences probe nothing, so work is bounded by sentences x
    // terms x common, not by the square of the corpus.
    let common = ((config.common_fraction * n) as usize)
        .clamp(config.common_floor, config.common_cap) as u32;
    // Classes are pushed in order, so every posting list is sorted by class.
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); term_count];
    let mut probes: Vec<Vec<(u32, f32)>> = Vec::with_capacity(vectors.len());
    for (c, v) in vectors.iter().enumerate() {
        let mut rare: Vec<(u32, u32, f32)> = v
            .entries
            .iter()
            .filter_map(|&(id, w)| {
                let d = df[id as usize];
                (d <= common).then_some((d, id, w))
            })
            .collect();
        // Rarest first: the order fixes how the partial sums below round.
        rare.sort_unstable_by_key(|&(d, id, _)| (d, id));
        for &(_, id, w) in &rare {
            postings[id as usize].push((c as u32, w));
        }
        probes.push(rare.into_iter().map(|(_, id, w)| (id, w)).collect());
    }

    // Similarity is symmetric, so each pair of classes is scored once, from its lower class: a
    // class probes only the postings after its own entry, which a cursor per term finds without
    // a search. The partial sums add the shared rare terms in the same order from either side,
    // so the scores equal those of scoring every pair of sentences from both ends.
    let mut cursor: Vec<u32> = vec![0; term_count];
    let mut pairs: Vec<(u32, u32, f32)> = Vec::new();
    let mut partial = vec![0f32; vectors.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (c, (vc, probe)) in vectors.iter().zip(&probes).enumerate() {
        let mut own = 0f32;
        for &(id, wc) in probe {
            own += wc * wc;
            let list = &postings[id as usize];
            let at = &mut cursor[id as usize];
            let after = *at as usize + 1;
            *at += 1;
            for &(d, wd) in list.get(after..).unwrap_or(&[]) {
                let p = &mut partial[d as usize];
                if *p == 0.0 {
                    touched.push(d);
                }
                *p += wc * wd;
            }
        }
        if vc.norm == 0.0 {
            touched.clear();
            continue;
        }
        // The shared rare terms alone must already carry a fair share of the score.
        let threshold = config.min_score * 0.5;
        if members[c].len() > 1 && own / (vc.norm * vc.norm) >= threshold {
            let score = cosine(vc, vc, config);
            if score >= config.min_score {
                pairs.push((c as u32, c as u32, score));
            }
        }
        for &d in &touched {
            let d = d as usize;
            let vd = &vectors[d];
            if partial[d] / (vc.norm * vd.norm) >= threshold {
                let score = cosine(vc, vd, config);
                if score >= config.min_score {
                    pairs.push((c as u32, d as u32, score));
                }
            }
            partial[d] = 0.0;
        }
        touched.clear();
    }

    // Each sentence keeps its strongest partners from other sources. Among the sentences of one
    // class all scores are equal and lower ids win ties, so only the first few of a class can
    // ever be kept.
    let limit = config.max_links_per_unit;
    let mut best: Vec<Vec<(f32, u32)>> = vec![Vec::new(); unit_terms.len()];
    let mut offer = |from: &[u32], to: &[u32], score: f32| {
        for &a in from {
            let kept = &best[a as usize];
            if kept.len() >= limit && kept.last().is_none_or(|w| w.0 > score) {
                continue;
            }
            let doc_a = documents[a as usize];
            let partners = to
                .iter()
                .filter(|&&b| b != a && documents[b as usize] != doc_a)
                .take(limit);
            for &b in partners {
                keep_best(&mut best[a as usize], (score, b), limit);
            }
        }
    };
    // Strongest pairs first, so that a sentence's list fills early and weaker pairs are turned
    // away before their sentences are walked; the kept links do not depend on this order.
    pairs.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    for &(c, d, score) in &pairs {
        let (mc, md) = (&members[c as usize], &members[d as usize]);
        offer(mc, md, score);
        if c != d {
            offer(md, mc, score);
        }
    }
    let mut links = Vec::new();
    for (a, kept) in best.iter().enumerate() {
        for &(score, b) in kept {
            let b = b as usize;
            links.push(Link {
                a: a.min(b),
                b: a.max(b),
                score,
            });
        }
    }
    // Both ends may keep a pair, with the same score; one link remains.
    links.sort_unstable_by_key(|l| (l.a, l.b));
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    links
}

/// Keeps each unit's strongest partners only, so a sentence repeated everywhere cannot flood
/// the graph: `kept` stays sorted by score (highest first, then lower partner) and holds at most
/// `limit` entries, exactly the first `limit` of all candidates in that order.
fn keep_best(kept: &mut Vec<(f32, u32)>, candidate: (f32, u32), limit: usize) {
    let before = |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
    // Most candidates of a busy sentence lose to its weakest kept link: no search for those.
    if kept.len() >= limit
        && kept
            .last()
            .is_none_or(|last| before(last, &candidate).is_lt())
    {
        return;
    }
    let at = kept.partition_point(|k| before(k, &candidate).is_lt());
    if at < limit {
        kept.insert(at, candidate);
        kept.truncate(limit);
    }
}

fn cosine(a: &Vector, b: &Vector, config: &AlignConfig) -> f32 {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0f32, 0);
    while i < a.entries.len() && j < b.entries.len() {
        match a.entries[i].0.cmp(&b.entries[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.entries[i].1 * b.entries[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let shortest = a.entries.len().min(b.entries.len());
    let longest = a.entries.len().max(b.entries.len());
    if a.norm == 0.0
        || b.norm == 0.0
        || (shared < 2 || longest < 3) && shortest < config.single_term_min_terms
    {
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

    #[test]
    fn a_single_shared_word_links_no_short_line() {
        // "Think big." shares one word with the second sentence; the last two share three.
        let units: Vec<AlignUnit> = [
            (0, "Think big."),
            (1, "I think Guido helped me a lot in this match."),
            (2, "Guido helped him a lot, the coach said after the match."),
        ]
        .map(|(d, s)| AlignUnit {
            document: ArticleId(d),
            terms: extract_terms(s),
        })
        .to_vec();
        let pairs = |config: &AlignConfig| -> Vec<(usize, usize)> {
            align_sentences(&units, config)
                .iter()
                .map(|l| (l.a, l.b))
                .collect()
        };
        assert_eq!(pairs(&AlignConfig::default()), [(1, 2)]);
        // Without the rule the short line would be linked on the one word.
        let loose = AlignConfig {
            single_term_min_terms: 0,
            ..AlignConfig::default()
        };
        assert_eq!(pairs(&loose), [(0, 1), (1, 2)]);
        // Two two-word lines share both their words, and still tell no claim.
        let furniture: Vec<AlignUnit> = [(0, "Back to Gallery"), (1, "Back to Gallery")]
            .map(|(d, s)| AlignUnit {
                document: ArticleId(d),
                terms: extract_terms(s),
            })
            .to_vec();
        assert!(align_sentences(&furniture, &AlignConfig::default()).is_empty());
        assert_eq!(align_sentences(&furniture, &loose).len(), 1);
    }

    #[test]
    fn keeps_links_only_between_documents_of_one_story() {
        let link = |a, b| Link { a, b, score: 0.3 };
        // Units 0-1 are document 0, 2-3 document 1, 4 document 2 and 5-6 document 3.
        let documents: Vec<ArticleId> = [0, 0, 1, 1, 2, 3, 3].map(ArticleId).to_vec();
        let sentence_counts = [2, 2, 1, 40];
        // Documents 0 and 1 give weight to entity 7; document 2 names nothing; document 3 gives
        // weight to entity 9 and names entity 7 only in passing, in unit 6.
        let named = |salient: Vec<u32>, nameless| StoryNames { salient, nameless };
        let names = vec![
            named(vec![3, 7], false),
            named(vec![7], false),
            named(vec![], true),
            named(vec![9], false),
        ];
        let unit_names: Vec<Vec<EntityId>> =
            [vec![7], vec![], vec![7], vec![], vec![], vec![9], vec![7]]
                .map(|ids| ids.into_iter().map(EntityId).collect())
                .to_vec();
        let mut links = vec![
            link(0, 2), // one story: a shared name
            link(0, 6), // both sentences name document 0's entity 7: its story, told in passing
            link(1, 5), // different stories, and the sentences share no name: a coincidence
            link(3, 4), // document 2 names nothing, and 0.3 per sentence is a story
            link(4, 5), // document 2 names nothing, but 0.3 over 1 sentence is enough
        ];
        let config = AlignConfig::default();
        let story = (names.as_slice(), unit_names.as_slice());
        keep_story_links(&mut links, &documents, &sentence_counts, story, &config);
        let kept: Vec<(usize, usize)> = links.iter().map(|l| (l.a, l.b)).collect();
        assert_eq!(kept, [(0, 2), (0, 6), (3, 4), (4, 5)]);
        // A nameless document with one weak link to a long one tells another story.
        let mut links = vec![Link {
            a: 4,
            b: 5,
            score: 0.05,
        }];
        let counts = [2, 2, 3, 40];
        keep_story_links(&mut links, &documents, &counts, story, &config);
        assert!(links.is_empty());
    }

    /// Scores every pair of units from both ends, as the index must: the reference the fast
    /// path is held to, link for link and score for score.
    fn align_every_pair(units: &[AlignUnit], config: &AlignConfig) -> Vec<Link> {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let terms: Vec<Vec<(u32, bool)>> = units
            .iter()
            .map(|u| {
                let mut t: Vec<(u32, bool)> = u
                    .terms
                    .iter()
                    .map(|x| {
                        let next = ids.len() as u32;
                        (*ids.entry(x.stem.as_str()).or_insert(next), x.capitalised)
                    })
                    .collect();
                t.sort_unstable();
                t.dedup_by(|l, e| {
                    let same = l.0 == e.0;
                    e.1 |= same && l.1;
                    same
                });
                t
            })
            .collect();
        // Rarity counts each distinct sentence once, however often it repeats.
        let distinct: std::collections::BTreeSet<&Vec<(u32, bool)>> = terms.iter().collect();
        let mut df = vec![0u32; ids.len()];
        for t in &distinct {
            for &(id, _) in t.iter() {
                df[id as usize] += 1;
            }
        }
        let n = distinct.len() as f32;
        let vectors: Vec<Vector> = terms
            .iter()
            .map(|t| {
                let entries: Vec<(u32, f32)> = t
                    .iter()
                    .map(|&(id, cap)| {
                        let idf = ((n + 1.0) / (df[id as usize] as f32 + 1.0)).ln() + 1.0;
                        (id, idf * if cap { config.name_boost } else { 1.0 })
                    })
                    .collect();
                let norm = entries.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                Vector { entries, norm }
            })
            .collect();
        let common = ((config.common_fraction * n) as usize)
            .clamp(config.common_floor, config.common_cap) as u32;
        let rare = |v: &Vector| {
            let mut r: Vec<(u32, f32)> = v
                .entries
                .iter()
                .copied()
                .filter(|&(id, _)| df[id as usize] <= common)
                .collect();
            r.sort_by_key(|&(id, _)| (df[id as usize], id));
            r
        };
        let mut links = Vec::new();
        for (a, va) in vectors.iter().enumerate() {
            let mut scored = Vec::new();
            for (b, vb) in vectors.iter().enumerate() {
                if a == b || units[a].document == units[b].document || va.norm == 0.0 {
                    continue;
                }
                let rb = rare(vb);
                let mut partial = 0f32;
                for (id, wa) in rare(va) {
                    if let Some(&(_, wb)) = rb.iter().find(|x| x.0 == id) {
                        partial += wa * wb;
                    }
                }
                if partial > 0.0 && partial / (va.norm * vb.norm) >= config.min_score * 0.5 {
                    let score = cosine(va, vb, config);
                    if score >= config.min_score {
                        scored.push((score, b));
                    }
                }
            }
            scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            scored.truncate(config.max_links_per_unit);
            for (score, b) in scored {
                links.push(Link {
                    a: a.min(b),
                    b: a.max(b),
                    score,
                });
            }
        }
        links.sort_by_key(|l| (l.a, l.b));
        links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        links
    }

    #[test]
    fn index_finds_exactly_the_links_of_scoring_every_pair() {
        // Sentences from a small vocabulary, many repeated within and across sources, so that
        // duplicates, shared documents, the per-sentence link limit and common terms all bite.
        let words: Vec<String> = (0..70)
            .map(|k| {
                if k % 3 == 0 {
                    format!("Name{k}")
                } else {
                    format!("topic{k}")
                }
            })
            .collect();
        let mut state = 11u64;
        let mut next = |m: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % m as u64) as usize
        };
        let mut sentences: Vec<(u32, String)> = Vec::new();
        for i in 0..240 {
            let doc = next(9) as u32;
            if i > 10 && next(3) == 0 {
                // A repeat of an earlier sentence, in any source.
                let copy = sentences[next(sentences.len())].1.clone();
                sentences.push((doc, copy));
                continue;
            }
            let len = 3 + next(8);
            let text: Vec<&str> = (0..len)
                .map(|_| words[next(words.len())].as_str())
                .collect();
            sentences.push((doc, format!("The {}.", text.join(" "))));
        }
        let units: Vec<AlignUnit> = sentences
            .iter()
            .map(|(d, s)| AlignUnit {
                document: ArticleId(*d),
                terms: extract_terms(s),
            })
            .collect();
        for config in [
            AlignConfig::default(),
            AlignConfig {
                common_floor: 22,
                common_cap: 22,
                max_links_per_unit: 3,
                ..AlignConfig::default()
            },
        ] {
            let fast = align_sentences(&units, &config);
            assert!(fast.len() > 100, "{} links", fast.len());
            assert_eq!(fast, align_every_pair(&units, &config));
        }
    }
}
