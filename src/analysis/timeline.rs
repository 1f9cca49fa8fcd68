//! Builds the merged timeline: sentences that carry a calendar date become dated mentions;
//! mentions of the same date that align across sources form one event; undated sentences that
//! paraphrase a dated one join its event. Every event keeps the exact spans that support it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::alignment::Link;
use super::article::{ArticleId, Span};
use super::sentences::SentenceIdx;
use super::timevalue::{Granularity, TimeValue};

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
    /// How many sources remain once wire copies of one story count once.
    pub independent_sources: usize,
    /// True when only one source reports it.
    pub single_source: bool,
    /// Where the supporting sentences disagree, each version with its sources.
    pub conflicts: Vec<Conflict>,
}

/// What the sources disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// The day it happened.
    Date,
    /// A number in the report.
    Number,
}

/// One disagreement within an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// What is disputed.
    pub kind: ConflictKind,
    /// Each version with the sources that give it; at least two versions.
    pub versions: Vec<ConflictVersion>,
}

/// One version of a disputed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictVersion {
    /// The value as the sources give it ("2018-07-18", "12").
    pub value: String,
    /// The sources giving it, in id order.
    pub sources: Vec<ArticleId>,
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
    /// Events on nearby days whose sentences align this well are one event with a date conflict.
    pub conflict_score: f32,
    /// How many days apart two dates of one disputed event may be.
    pub conflict_days: i64,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            same_date_score: 0.12,
            paraphrase_score: 0.3,
            conflict_score: 0.6,
            conflict_days: 7,
        }
    }
}

/// Groups dated mentions into events. `units` are all sentences of all sources; `links` come from
/// [`super::alignment::align_sentences`] over the same units; `text_of` gives a sentence's text.
/// `independence[d]` is the syndication key of document `d`: wire copies share a key.
pub fn build_timeline<'a>(
    units: &[TimelineUnit],
    links: &[Link],
    independence: &[usize],
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

    let mut event_units: Vec<Vec<usize>> = Vec::new();
    let events: Vec<Event> = groups
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
            event_units.push(member_units.clone());
            Event {
                id: EventId(0),
                date: nodes[root].1.clone(),
                text: text_of(&units[members[representative].0]).to_string(),
                representative,
                sources,
                mentions,
                independent_sources: 0,
                single_source: false,
                conflicts: Vec::new(),
            }
        })
        .collect();
    let mut events = merge_date_conflicts(events, &event_units, links, config);
    let mut unit_index: BTreeMap<(ArticleId, SentenceIdx), usize> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        unit_index.insert((u.document, u.sentence), i);
    }
    for event in events.iter_mut() {
        event.conflicts.extend(number_conflicts(
            event,
            units,
            &adjacency,
            &unit_index,
            &text_of,
        ));
        let mut keys: Vec<usize> = event
            .sources
            .iter()
            .map(|d| independence.get(d.index()).copied().unwrap_or(d.index()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        event.independent_sources = keys.len();
        event.single_source = event.sources.len() == 1;
    }
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

/// Merges events on nearby days whose sentences say the same thing: the sources disagree on the
/// date. The merged event keeps the date most sources give and lists every version.
fn merge_date_conflicts(
    events: Vec<Event>,
    event_units: &[Vec<usize>],
    links: &[Link],
    config: &TimelineConfig,
) -> Vec<Event> {
    let mut events_of_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (e, members) in event_units.iter().enumerate() {
        for &u in members {
            events_of_unit.entry(u).or_default().push(e);
        }
    }
    let mut sets = DisjointSets::new(events.len());
    for link in links.iter().filter(|l| l.score >= config.conflict_score) {
        let (Some(ea), Some(eb)) = (events_of_unit.get(&link.a), events_of_unit.get(&link.b))
        else {
            continue;
        };
        for &x in ea {
            for &y in eb {
                let (dx, dy) = (&events[x].date, &events[y].date);
                if x == y
                    || dx == dy
                    || dx.granularity != Granularity::Day
                    || dy.granularity != Granularity::Day
                {
                    continue;
                }
                let close = match (dx.as_day(), dy.as_day()) {
                    (Some(a), Some(b)) => a
                        .since(b)
                        .map(|s| s.get_days().abs() <= config.conflict_days as i32)
                        .unwrap_or(false),
                    _ => false,
                };
                if close {
                    sets.union(x, y);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for e in 0..events.len() {
        groups.entry(sets.find(e)).or_default().push(e);
    }
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for members in groups.into_values() {
        let mut group: Vec<Event> = members.iter().filter_map(|&e| slots[e].take()).collect();
        if group.len() == 1 {
            out.extend(group);
            continue;
        }
        // The date most sources give leads; ties go to the earlier date.
        group.sort_by(|a, b| {
            b.sources
                .len()
                .cmp(&a.sources.len())
                .then(a.date.timeline_cmp(&b.date))
        });
        let versions: Vec<ConflictVersion> = group
            .iter()
            .map(|e| ConflictVersion {
                value: e.date.value.clone(),
                sources: e.sources.clone(),
            })
            .collect();
        let mut main = group.remove(0);
        let lead = main
            .mentions
            .get(main.representative)
            .map(|m| (m.document, m.sentence));
        for other in group {
            main.mentions.extend(other.mentions);
        }
        main.mentions.sort_by_key(|m| (m.document, m.sentence));
        main.mentions.dedup_by_key(|m| (m.document, m.sentence));
        main.sources = main.mentions.iter().map(|m| m.document).collect();
        main.sources.dedup();
        main.representative = main
            .mentions
            .iter()
            .position(|m| Some((m.document, m.sentence)) == lead)
            .unwrap_or(0);
        main.conflicts.push(Conflict {
            kind: ConflictKind::Date,
            versions,
        });
        out.push(main);
    }
    out
}

/// Numbers in strongly aligned sentences of one event that differ between sources.
fn number_conflicts<'a>(
    event: &Event,
    units: &[TimelineUnit],
    adjacency: &[Vec<(usize, f32)>],
    unit_index: &BTreeMap<(ArticleId, SentenceIdx), usize>,
    text_of: &impl Fn(&TimelineUnit) -> &'a str,
) -> Option<Conflict> {
    let mut member_units: Vec<usize> = event
        .mentions
        .iter()
        .filter_map(|m| unit_index.get(&(m.document, m.sentence)).copied())
        .collect();
    member_units.sort_unstable();
    let mut versions: BTreeMap<String, Vec<ArticleId>> = BTreeMap::new();
    for &a in &member_units {
        for &(b, score) in &adjacency[a] {
            if b <= a || score < 0.5 || member_units.binary_search(&b).is_err() {
                continue;
            }
            let (na, nb) = (
                plain_numbers(&units[a], text_of),
                plain_numbers(&units[b], text_of),
            );
            if let ([x], [y]) = (na.as_slice(), nb.as_slice())
                && x != y
            {
                versions
                    .entry(x.clone())
                    .or_default()
                    .push(units[a].document);
                versions
                    .entry(y.clone())
                    .or_default()
                    .push(units[b].document);
            }
        }
    }
    if versions.len() < 2 {
        return None;
    }
    let versions = versions
        .into_iter()
        .map(|(value, mut sources)| {
            sources.sort_unstable();
            sources.dedup();
            ConflictVersion { value, sources }
        })
        .collect();
    Some(Conflict {
        kind: ConflictKind::Number,
        versions,
    })
}

/// Counts and amounts in a sentence, leaving out years and anything inside a date expression.
fn plain_numbers<'a>(
    unit: &TimelineUnit,
    text_of: &impl Fn(&TimelineUnit) -> &'a str,
) -> Vec<String> {
    let text = text_of(unit);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (matches!(bytes[i], b',' | b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let absolute = unit.span.start + start;
            let in_date = unit
                .dates
                .iter()
                .any(|(_, s)| s.start <= absolute && absolute < s.end);
            let token = &text[start..i];
            let is_year = token.len() == 4 && (token.starts_with("19") || token.starts_with("20"));
            let followed_by_letter = bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
            if !in_date && !is_year && !followed_by_letter {
                out.push(token.replace(',', ""));
            }
        } else {
            i += 1;
        }
    }
    out
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
