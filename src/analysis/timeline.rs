//! Builds the merged timeline: sentences that carry a calendar date become dated mentions;
//! mentions of the same date that align across sources form one event; undated sentences that
//! paraphrase a dated one join its event. Every event keeps the exact spans that support it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::alignment::Link;
use super::article::{ArticleId, Span};
use super::sentences::SentenceIdx;
use super::timevalue::TimeValue;

/// Identifies one timeline event; events are numbered in timeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub u32);

/// One sentence of one source that supports an event.
///
/// Invariant: `span` is the sentence's byte range in that document's stored text, and
/// `date_span`, when present, lies inside `span`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The source.
    pub document: ArticleId,
    /// The sentence within that source.
    pub sentence: SentenceIdx,
    /// The sentence's bytes in the stored text.
    pub span: Span,
    /// The temporal expression that dates this mention, when the sentence has one.
    pub date_span: Option<Span>,
}

/// One entry of the merged timeline.
///
/// Invariant: `mentions` is never empty and `sources` lists exactly the distinct documents of
/// `mentions`, in id order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The event's id.
    pub id: EventId,
    /// When it happened, at its real granularity.
    pub date: TimeValue,
    /// The representative sentence.
    pub text: String,
    /// Which mention `text` comes from.
    pub representative: usize,
    /// The sources that report it.
    pub sources: Vec<ArticleId>,
    /// Every supporting sentence, per source.
    pub mentions: Vec<Provenance>,
}

/// A sentence as the timeline sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineUnit {
    /// Its source.
    pub document: ArticleId,
    /// Its index in that source.
    pub sentence: SentenceIdx,
    /// Its bytes in the stored text.
    pub span: Span,
    /// The calendar dates its temporal expressions resolve to, with their spans.
    pub dates: Vec<(TimeValue, Span)>,
}

/// Options for building the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineConfig {
    /// Two mentions of the same date join one event when their sentences align at least this well.
    pub same_date_score: f32,
    /// An undated sentence joins a dated event when it aligns at least this well.
    pub paraphrase_score: f32,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            same_date_score: 0.12,
            paraphrase_score: 0.3,
        }
    }
}

/// Groups dated mentions into events. `units` are all sentences of all sources; `links` come from
/// [`super::alignment::align_sentences`] over the same units; `text_of` gives a sentence's text.
pub fn build_timeline<'a>(
    units: &[TimelineUnit],
    links: &[Link],
    text_of: impl Fn(&TimelineUnit) -> &'a str,
    config: &TimelineConfig,
) -> Vec<Event> {
    // Nodes are (unit, date) pairs; a node per distinct day-level value within a sentence.
    let mut nodes: Vec<(usize, TimeValue, Span)> = Vec::new();
    let mut nodes_of: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for (u, unit) in units.iter().enumerate() {
        for (value, span) in &unit.dates {
            let value = value.to_day_value();
            if nodes_of[u].iter().any(|&n| nodes[n].1 == value) {
                continue;
            }
            nodes_of[u].push(nodes.len());
            nodes.push((u, value, *span));
        }
    }
    let mut sets = DisjointSets::new(nodes.len());
    let mut adjacency: Vec<Vec<(usize, f32)>> = vec![Vec::new(); units.len()];
    for link in links {
        adjacency[link.a].push((link.b, link.score));
        adjacency[link.b].push((link.a, link.score));
        if link.score < config.same_date_score {
            continue;
        }
        for &na in &nodes_of[link.a] {
            for &nb in &nodes_of[link.b] {
                if nodes[na].1 == nodes[nb].1 {
                    sets.union(na, nb);
                }
            }
        }
    }
    // Undated sentences join the events of the dated sentence they paraphrase best.
    let mut best: Vec<Option<(f32, usize)>> = vec![None; units.len()];
    for link in links {
        for (from, to) in [(link.a, link.b), (link.b, link.a)] {
            if nodes_of[from].is_empty()
                && !nodes_of[to].is_empty()
                && link.score >= config.paraphrase_score
            {
                let better =
                    best[from].is_none_or(|(s, t)| link.score > s || (link.score == s && to < t));
                if better {
                    best[from] = Some((link.score, to));
                }
            }
        }
    }

    let mut groups: BTreeMap<usize, Vec<(usize, Option<Span>)>> = BTreeMap::new();
    for (n, (u, _, span)) in nodes.iter().enumerate() {
        groups
            .entry(sets.find(n))
            .or_default()
            .push((*u, Some(*span)));
    }
    for (u, target) in best.iter().enumerate() {
        if let Some((_, to)) = target {
            for &n in &nodes_of[*to] {
                groups.entry(sets.find(n)).or_default().push((u, None));
            }
        }
    }

    let mut events: Vec<Event> = groups
        .into_iter()
        .map(|(root, mut members)| {
            members.sort_by_key(|&(u, _)| (units[u].document, units[u].sentence));
            members.dedup_by_key(|m| m.0);
            let mentions: Vec<Provenance> = members
                .iter()
                .map(|&(u, date_span)| Provenance {
                    document: units[u].document,
                    sentence: units[u].sentence,
                    span: units[u].span,
                    date_span,
                })
                .collect();
            let mut sources: Vec<ArticleId> = mentions.iter().map(|m| m.document).collect();
            sources.dedup();
            // The representative is the dated sentence best connected to the other members of
            // this event; shorter sentences win ties, then the first.
            let member_units: Vec<usize> = members.iter().map(|m| m.0).collect();
            let within = |u: usize| -> f32 {
                adjacency[u]
                    .iter()
                    .filter(|(v, _)| member_units.contains(v))
                    .map(|(_, s)| s)
                    .sum()
            };
            let representative = members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.1.is_some())
                .map(|(i, m)| (i, within(m.0), units[m.0].span.len()))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)))
                .map(|(i, _, _)| i)
                .unwrap_or(0);
            Event {
                id: EventId(0),
                date: nodes[root].1.clone(),
                text: text_of(&units[members[representative].0]).to_string(),
                representative,
                sources,
                mentions,
            }
        })
        .collect();
    events.sort_by(|a, b| {
        a.date
            .timeline_cmp(&b.date)
            .then(b.sources.len().cmp(&a.sources.len()))
            .then_with(|| first_mention(a).cmp(&first_mention(b)))
    });
    for (i, e) in events.iter_mut().enumerate() {
        e.id = EventId(i as u32);
    }
    events
}

fn first_mention(e: &Event) -> Option<(ArticleId, SentenceIdx)> {
    e.mentions.first().map(|m| (m.document, m.sentence))
}

/// Union-find over node indices, with path halving.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller root wins, so results do not depend on link order.
        match ra.cmp(&rb) {
            Ordering::Less => self.parent[rb] = ra,
            Ordering::Greater => self.parent[ra] = rb,
            Ordering::Equal => {}
        }
    }
}
