//! Builds the merged timeline: every sentence becomes one node per calendar date it mentions, or
//! one undated node; nodes of different sources that say the same thing and carry compatible
//! dates are clustered into events, growing each cluster only while its sentences stay similar on
//! average, so that a chain of weak links cannot glue different claims together. Wire copies of
//! one story count as one source and change no clustering decision, and a sentence that reports
//! two things may support two events. Undated claims that several independent sources report
//! are events of their own. Every event keeps the exact spans that support it, and where its
//! sources disagree on a date, a number, a name or a place.
//!
//! Links are weighed by what the sentences claim, not only by the words they share: two
//! sentences whose content words barely overlap report different things (one speaker's two
//! remarks, or a reaction and the news it reacts to), and a sentence that mostly quotes someone
//! claims what it quotes, not who spoke or where. Sentences of different sources that quote the
//! same words link even when the rest of their wording differs.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::actors::{Reaction, reaction_actor, same_actor};
use super::alignment::{Link, shared_count};
use super::article::{ArticleId, Span};
use super::entities::{Entity, EntityId, EntityKind};
use super::fasthash::FastMap;
use super::quotes::Quote;
use super::sentences::SentenceIdx;
use super::terms::TermTable;
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
/// `mentions`, in id order. An undated event (`date` is `None`) has at least two sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The event's id.
    pub id: EventId,
    /// When it happened, at its real granularity; `None` for an undated claim that several
    /// sources report (background, reactions, statements without a day).
    pub date: Option<TimeValue>,
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

impl Event {
    /// The TimeML value of the date, or "undated".
    pub fn date_value(&self) -> &str {
        self.date.as_ref().map_or("undated", |d| d.value.as_str())
    }

    /// A label for people: "Monday 16 July 2018", "autumn 2018", or "Undated".
    pub fn date_label(&self) -> String {
        self.date
            .as_ref()
            .map_or_else(|| "Undated".to_string(), TimeValue::label)
    }
}

/// What the sources disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// The day it happened.
    Date,
    /// A number in the report.
    Number,
    /// Who: one source names a different person or organisation in the same place of the
    /// sentence.
    Name,
    /// Where: one source names a different place in the same place of the sentence.
    Place,
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
    /// The value as the sources give it ("2018-07-18", "12", "Helsinki").
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
    /// Two sentences of different sources with compatible dates may join one event when their
    /// similarity reaches this.
    pub same_date_score: f32,
    /// A sentence without a date joins another sentence's event only when their similarity
    /// reaches this, since no date agreement backs the text.
    pub undated_score: f32,
    /// Two clusters merge only when the average similarity over all their cross-source sentence
    /// pairs (unlinked pairs count as zero) reaches this, so clusters stay about one claim.
    pub cohesion: f32,
    /// How much shared people, organisations and places add to the lexical similarity, at most.
    pub entity_weight: f32,
    /// Events on nearby days whose sentences align this well are one event with a date conflict.
    pub conflict_score: f32,
    /// How many days apart two dates of one disputed event may be.
    pub conflict_days: i64,
    /// Aligned sentences this similar are compared for differing numbers, names and places.
    pub detail_score: f32,
    /// Two linked sentences claim different things when the content words (no names, no stop
    /// words) they share are fewer than this share of the smaller sentence's content words.
    /// Sentences dated to the same day are exempt unless one of them mostly quotes someone: the
    /// day and the place may be all that two reports of one meeting share.
    pub claim_overlap: f32,
    /// An undated sentence needs at least this many of its claim words (or all of them, when it
    /// has fewer) in a linked sentence to claim the same thing: with no date to back the link,
    /// one shared word is more likely a bare reference ("news of the invite") than the claim.
    pub claim_words: usize,
    /// What is left of a link between sentences that claim different things, as a share.
    pub different_claim_weight: f32,
    /// The similarity given to sentences of different sources that quote the same words.
    pub quote_score: f32,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            same_date_score: 0.12,
            undated_score: 0.2,
            cohesion: 0.08,
            entity_weight: 0.3,
            conflict_score: 0.6,
            conflict_days: 7,
            detail_score: 0.5,
            claim_overlap: 0.14,
            claim_words: 2,
            different_claim_weight: 0.3,
            quote_score: 0.5,
        }
    }
}

/// A sentence-date pair: the thing clustering groups. An undated sentence has one node with no
/// date; a sentence with several dates has one node per distinct date.
///
/// Sentences of one independent source with the same text and date are one node: a wire copy
/// adds its sentences to the nodes of the story it copies and changes no clustering decision.
struct Node {
    /// The independence key of the node's source.
    key: usize,
    date: Option<TimeValue>,
    /// The first and last day `date` covers, computed once: clustering compares ranges on every
    /// edge.
    range: Option<DayRange>,
    /// The units behind the node, each with the span of the expression that gives `date`.
    units: Vec<(usize, Option<Span>)>,
}

/// The first and last day a date covers, inclusive.
type DayRange = (jiff::civil::Date, jiff::civil::Date);

/// One named entity inside a sentence, with the words right around it.
#[derive(Debug, Clone)]
struct UnitEntity<'a> {
    id: EntityId,
    kind: EntityKind,
    /// The word right before and right after the mention, as written.
    before: &'a str,
    after: &'a str,
}

/// Groups sentences into events. `units` are all sentences of all sources; `links` come from
/// [`super::alignment::align_sentences`] over the same units; `text_of` gives a sentence's text;
/// `entities` are the analysis's people, organisations and places, `unit_ids[u]` the sorted,
/// distinct entities unit `u` names, and `quotes` the quotations matched across sources.
/// `independence[d]` is the syndication key of document `d`: wire copies
/// share a key.
pub fn build_timeline<'a>(
    units: &[TimelineUnit],
    links: &[Link],
    independence: &[usize],
    (entities, unit_ids): (&[Entity], &[Vec<EntityId>]),
    quotes: &[Quote],
    text_of: impl Fn(&TimelineUnit) -> &'a str,
    config: &TimelineConfig,
) -> Vec<Event> {
    let by_doc = units_by_document(units);
    let unit_entities = entities_by_unit(units, &by_doc, entities, &text_of);
    // Wire copies of one story share an independence key and count as one source: links between
    // them say nothing about the story, and a sentence they repeat word for word is one node.
    let spare_key = independence.iter().max().map_or(0, |k| k + 1);
    let unit_key: Vec<usize> = units
        .iter()
        .map(|u| {
            let d = u.document.index();
            independence.get(d).copied().unwrap_or(spare_key + d)
        })
        .collect();
    // Each distinct sentence text of each independent source, numbered in unit order.
    let mut class_index: FastMap<(usize, &str), usize> = FastMap::default();
    let mut class_reps: Vec<usize> = Vec::new();
    let class_of: Vec<usize> = units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let next = class_reps.len();
            let class = *class_index
                .entry((unit_key[u], text_of(unit)))
                .or_insert(next);
            if class == next {
                class_reps.push(u);
            }
            class
        })
        .collect();
    drop(class_index);
    // Names are weighed by how many distinct sentences carry them, so a copy adds no weight.
    let entity_weight = entity_weights(
        class_reps.iter().map(|&u| unit_ids[u].as_slice()),
        entities.len(),
    );
    // The weight of a name found in a single sentence.
    let floor = ((class_reps.len() as f32 + 1.0) / 2.0).ln().max(0.0);
    let quoted = quoted_parts(units, &by_doc, quotes);
    let introduced_by = introducers(units, &by_doc, quotes, &quoted);
    let mut claims = ClaimWords::new(units.len());
    let scored: Vec<Link> = links
        .iter()
        .map(|l| {
            let mut score = (l.score
                + config.entity_weight
                    * entity_overlap(&unit_ids[l.a], &unit_ids[l.b], &entity_weight, floor))
            .min(1.0);
            if unit_key[l.a] != unit_key[l.b] {
                // Who reacts is not a matter of degree: another actor's reaction, or the event
                // reacted to, is another claim however alike the words. A reaction that tells
                // of the event in a clause of its own may still report it.
                match claims.actors(units, &text_of, l.a, l.b) {
                    Actors::Different => score = 0.0,
                    Actors::ReactsAndTells => score *= config.different_claim_weight,
                    Actors::Same | Actors::Unknown
                        if claims.differ(units, &quoted, &text_of, l.a, l.b, config) =>
                    {
                        score *= config.different_claim_weight;
                    }
                    Actors::Same | Actors::Unknown => {}
                }
            }
            Link { score, ..*l }
        })
        .filter(|l| l.score > 0.0)
        .collect();
    // Clustering also counts sentences that quote the same words; dates and details are compared
    // over the wording links only, since a sentence may quote a remark and date something else.
    let mut clustered = scored.clone();
    clustered.extend(
        quoted_pairs(
            units,
            &quoted,
            quotes.len(),
            &unit_key,
            &text_of,
            &mut claims,
        )
        .into_iter()
        .map(|(a, b)| Link {
            a,
            b,
            score: config.quote_score,
        }),
    );
    // One link per pair, the stronger.
    clustered.sort_unstable_by(|x, y| {
        (x.a, x.b)
            .cmp(&(y.a, y.b))
            .then(y.score.total_cmp(&x.score))
    });
    clustered.dedup_by(|later, earlier| (later.a, later.b) == (earlier.a, earlier.b));

    // Nodes: one per distinct day-level date of a sentence, or one undated node. Sentences of
    // one source with the same text and date share a node, so that copies count once.
    let mut nodes: Vec<Node> = Vec::new();
    let mut nodes_of: Lists<usize> = Lists::with_capacity(units.len());
    // Each distinct value a sentence gives, read once: its day-level value's number in `days`,
    // or None when it names no calendar stretch and cannot be placed on the timeline.
    let mut value_day: FastMap<&TimeValue, Option<usize>> = FastMap::default();
    let mut day_index: FastMap<TimeValue, usize> = FastMap::default();
    let mut days: Vec<(TimeValue, DayRange)> = Vec::new();
    let mut node_index: FastMap<(usize, Option<usize>), usize> = FastMap::default();
    let mut readings: Vec<(Option<usize>, Option<Span>)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        readings.clear();
        for (value, span) in &unit.dates {
            let day = *value_day.entry(value).or_insert_with(|| {
                let value = value.to_day_value();
                let range = value.range()?;
                let next = days.len();
                let day = *day_index.entry(value.clone()).or_insert(next);
                if day == next {
                    days.push((value, range));
                }
                Some(day)
            });
            if let Some(day) = day
                && !readings.iter().any(|r| r.0 == Some(day))
            {
                readings.push((Some(day), Some(*span)));
            }
        }
        if readings.is_empty() {
            readings.push((None, None));
        }
        for &(day, date_span) in &readings {
            let next = nodes.len();
            let n = *node_index.entry((class_of[u], day)).or_insert(next);
            if n == next {
                let (date, range) = match day {
                    Some(d) => (Some(days[d].0.clone()), Some(days[d].1)),
                    None => (None, None),
                };
                nodes.push(Node {
                    key: unit_key[u],
                    date,
                    range,
                    units: Vec::new(),
                });
            }
            nodes[n].units.push((u, date_span));
            nodes_of.push(n);
        }
        nodes_of.close();
    }
    drop((node_index, value_day, day_index));
    // Each unit's wording links, (partner, score), in link order.
    let adjacency = Lists::grouped(
        units.len(),
        scored
            .iter()
            .flat_map(|l| [(l.a, (l.b, l.score)), (l.b, (l.a, l.score))]),
    );
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    // Links whose dates do not nest, kept for support only: a sentence's date may belong to
    // another of its clauses ("tweeted that he looked forward to a second meeting as he defended
    // his performance at Monday's summit"). Such a link counts when it is as strong as a link
    // without a date and shares real claim words.
    let mut across: Vec<(f32, usize, usize)> = Vec::new();
    for link in &clustered {
        if unit_key[link.a] == unit_key[link.b] {
            continue;
        }
        // Whether the link may cross dates, read once per link and only when needed.
        let mut crosses: Option<bool> = None;
        for &na in nodes_of.of(link.a) {
            for &nb in nodes_of.of(link.b) {
                if nested(nodes[na].range, nodes[nb].range) {
                    edges.push((link.score, na.min(nb), na.max(nb)));
                } else if *crosses.get_or_insert_with(|| {
                    link.score >= config.undated_score
                        && claims.shared(units, &quoted, &text_of, link.a, link.b)
                            >= config.claim_words
                }) {
                    across.push((link.score, na.min(nb), na.max(nb)));
                }
            }
        }
    }
    // A node shared by copies meets each partner through every copy: one edge, the strongest.
    keep_strongest(&mut edges);
    keep_strongest(&mut across);
    let headlines = headline_bodies(units, &by_doc, &quoted, &text_of, &mut claims, config);
    drop(claims);
    let (roots, clusters) = cluster_nodes(&nodes, &edges, config);
    let attached = attach_nodes(&nodes, &edges, &across, &roots, &clusters, config);

    // Each cluster's own nodes, then the nodes it takes in besides their own cluster.
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (n, &root) in roots.iter().enumerate() {
        groups.entry(root).or_default().0.push(n);
    }
    for &(n, root, _) in &attached {
        groups.entry(root).or_default().1.push(n);
    }
    // A sentence left alone that joins events elsewhere is no event of its own, unless it
    // joins them across dates: then its own date is still an event.
    for &(n, _, _) in attached.iter().filter(|a| a.2) {
        if let Some(group) = groups.get(&roots[n])
            && group.0.len() == 1
        {
            groups.remove(&roots[n]);
        }
    }
    let mut event_units: Vec<Vec<usize>> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for (own, guests) in groups.into_values() {
        // The event's date comes from its own nodes: a sentence it shares with another event
        // supports it but does not date it.
        let date = own
            .iter()
            .fold(None, |d, &n| finer(d, nodes[n].date.clone()));
        // Only the event's own sentences tie it to events on other days: a shared sentence
        // would chain every event it supports into one.
        let own_units: Vec<usize> = own
            .iter()
            .flat_map(|&n| nodes[n].units.iter().map(|u| u.0))
            .collect();
        let members: Vec<usize> = own.into_iter().chain(guests).collect();
        let mut keys: Vec<usize> = members.iter().map(|&n| nodes[n].key).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut members: Vec<(usize, Option<Span>)> = members
            .iter()
            .flat_map(|&n| nodes[n].units.iter().copied())
            .collect();
        // The sentence that introduces a quote tells what the quote tells.
        let introducers: Vec<(usize, Option<Span>)> = members
            .iter()
            .filter_map(|&(u, _)| introduced_by[u].map(|i| (i, None)))
            .collect();
        members.extend(introducers);
        members.sort_by_key(|&(u, span)| (units[u].document, units[u].sentence, span.is_none()));
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
        // An undated sentence that no other independent source echoes is no event: the timeline
        // would list every sentence of every article, and of every wire copy.
        if date.is_none() && keys.len() < 2 {
            continue;
        }
        // The representative is the sentence best connected to the other members of this event,
        // an undated one's links counting for less ([`UNDATED_REPRESENTATIVE`]); shorter
        // sentences win ties, then the first.
        // Only the event's own sentences count: one it shares with another event belongs to
        // that event first.
        let mut sorted_units = own_units.clone();
        sorted_units.sort_unstable();
        // Links are counted once per distinct partner sentence of another independent source,
        // so a wire copy neither wins nor loses the choice.
        let within = |u: usize| -> f32 {
            let mut partners: Vec<(usize, f32)> = adjacency
                .of(u)
                .iter()
                .filter(|&&(v, _)| {
                    unit_key[v] != unit_key[u] && sorted_units.binary_search(&v).is_ok()
                })
                .map(|&(v, s)| (class_of[v], s))
                .collect();
            partners.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            partners.dedup_by_key(|p| p.0);
            partners.iter().map(|p| p.1).sum()
        };
        let representative = members
            .iter()
            .enumerate()
            .filter(|(_, m)| sorted_units.binary_search(&m.0).is_ok())
            .map(|(i, m)| {
                let weight = if m.1.is_some() {
                    1.0
                } else {
                    UNDATED_REPRESENTATIVE
                };
                (i, weight * within(m.0), units[m.0].span.len())
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)))
            .map(|(i, _, _)| i)
            .unwrap_or(0);
        event_units.push(own_units);
        events.push(Event {
            id: EventId(0),
            date,
            text: text_of(&units[members[representative].0]).to_string(),
            representative,
            sources,
            mentions,
            independent_sources: 0,
            single_source: false,
            conflicts: Vec::new(),
        });
    }
    let mut events = merge_date_conflicts(events, &event_units, &scored, config);
    add_headlines(&mut events, units, &headlines);
    let mut unit_index: FastMap<(ArticleId, SentenceIdx), usize> = FastMap::default();
    for (i, u) in units.iter().enumerate() {
        unit_index.insert((u.document, u.sentence), i);
    }
    let mut numbers: Vec<Option<Vec<String>>> = vec![None; units.len()];
    for event in events.iter_mut() {
        let mut member_units: Vec<usize> = event
            .mentions
            .iter()
            .filter_map(|m| unit_index.get(&(m.document, m.sentence)).copied())
            .collect();
        member_units.sort_unstable();
        let pairs = detail_pairs(&member_units, &adjacency, config.detail_score);
        event
            .conflicts
            .extend(number_conflicts(&pairs, units, &text_of, &mut numbers));
        event
            .conflicts
            .extend(entity_conflicts(&pairs, units, &unit_entities, entities));
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
    // Dated events in date order; undated claims close the timeline as background.
    events.sort_by(|a, b| {
        match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.timeline_cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then(b.sources.len().cmp(&a.sources.len()))
        .then_with(|| first_mention(a).cmp(&first_mention(b)))
    });
    for (i, e) in events.iter_mut().enumerate() {
        e.id = EventId(i as u32);
    }
    events
}

/// How much an undated sentence's links count, against a dated one's, when the representative
/// of an event is chosen: a sentence that shows the event's date is the better headline, but not
/// when it is only loosely tied to what the event's other sentences say.
const UNDATED_REPRESENTATIVE: f32 = 0.6;

/// Sorts (score, node, node) edges by their pair and keeps the strongest edge of each pair.
fn keep_strongest(edges: &mut Vec<(f32, usize, usize)>) {
    edges.sort_unstable_by(|x, y| (x.1, x.2).cmp(&(y.1, y.2)).then(y.0.total_cmp(&x.0)));
    edges.dedup_by(|later, earlier| (later.1, later.2) == (earlier.1, earlier.2));
}

/// Two nodes may share an event when one date's days lie inside the other's ("this week" and
/// "Thursday", "later this year" and "this autumn") or one of them has no date.
fn nested(a: Option<DayRange>, b: Option<DayRange>) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1),
        _ => true,
    }
}

/// The date of two compatible clusters together: the finer one, which every member's date
/// covers.
fn finer(a: Option<TimeValue>, b: Option<TimeValue>) -> Option<TimeValue> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if x.covers(&y) { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// A cluster under construction: its date, its size per source and its summed similarity to
/// each neighbouring cluster.
#[derive(Default)]
struct Cluster {
    range: Option<DayRange>,
    /// Nodes per independence key.
    per_source: BTreeMap<usize, usize>,
    size: usize,
    neighbours: FastMap<usize, f32>,
}

impl Cluster {
    /// Cross-source node pairs between this cluster and another.
    fn cross_pairs(&self, other: &Cluster) -> usize {
        // Walk the smaller map: a sentence joining a cluster that spans a thousand sources
        // costs one lookup, not a thousand.
        let (small, large) = if self.per_source.len() <= other.per_source.len() {
            (&self.per_source, &other.per_source)
        } else {
            (&other.per_source, &self.per_source)
        };
        let same: usize = small
            .iter()
            .map(|(d, n)| n * large.get(d).copied().unwrap_or(0))
            .sum();
        self.size * other.size - same
    }
}

/// Whether an edge may join its nodes: agreeing dates are evidence of their own, so a pair
/// without that needs more text in common.
fn usable(nodes: &[Node], &(score, a, b): &(f32, usize, usize), config: &TimelineConfig) -> bool {
    let dated = nodes[a].date.is_some() && nodes[b].date.is_some();
    score
        >= if dated {
            config.same_date_score
        } else {
            config.undated_score
        }
}

/// Clusters nodes: edges are taken strongest first, and an edge merges its two clusters when
/// their dates are compatible and their average cross-source similarity reaches
/// `config.cohesion`. This is average linkage restricted to the candidate edges, so its work is
/// linear in the edges, not quadratic in the nodes. Returns each node's cluster root, and the
/// clusters, whose entries at the roots describe the finished clusters.
fn cluster_nodes(
    nodes: &[Node],
    edges: &[(f32, usize, usize)],
    config: &TimelineConfig,
) -> (Vec<usize>, Vec<Cluster>) {
    let mut clusters: Vec<Cluster> = nodes
        .iter()
        .map(|n| Cluster {
            range: n.range,
            per_source: BTreeMap::from([(n.key, 1)]),
            size: 1,
            neighbours: FastMap::default(),
        })
        .collect();
    for &(score, a, b) in edges {
        *clusters[a].neighbours.entry(b).or_default() += score;
        *clusters[b].neighbours.entry(a).or_default() += score;
    }
    let mut order: Vec<&(f32, usize, usize)> =
        edges.iter().filter(|e| usable(nodes, e, config)).collect();
    order.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut sets = DisjointSets::new(nodes.len());
    for &&(_, a, b) in &order {
        let (ra, rb) = (sets.find(a), sets.find(b));
        if ra == rb || !nested(clusters[ra].range, clusters[rb].range) {
            continue;
        }
        let pairs = clusters[ra].cross_pairs(&clusters[rb]);
        let sum = clusters[ra].neighbours.get(&rb).copied().unwrap_or(0.0);
        if pairs == 0 || sum / (pairs as f32) < config.cohesion {
            continue;
        }
        // The cluster with more neighbours survives, so the smaller neighbour map is the one
        // moved; ties keep the lower root, so the result does not depend on anything but the
        // sorted edges.
        let (keep, gone) =
            if (clusters[rb].neighbours.len(), ra) > (clusters[ra].neighbours.len(), rb) {
                (rb, ra)
            } else {
                (ra, rb)
            };
        sets.attach(gone, keep);
        let absorbed = std::mem::take(&mut clusters[gone]);
        let kept = &mut clusters[keep];
        // Nested ranges: the narrower one is the cluster's date range from now on.
        kept.range = match (kept.range, absorbed.range) {
            (Some(x), Some(y)) => Some(if y.0 <= x.0 && x.1 <= y.1 { x } else { y }),
            (x, y) => x.or(y),
        };
        kept.size += absorbed.size;
        let mut per_source = absorbed.per_source;
        if per_source.len() > kept.per_source.len() {
            std::mem::swap(&mut per_source, &mut kept.per_source);
        }
        for (d, n) in per_source {
            *kept.per_source.entry(d).or_default() += n;
        }
        kept.neighbours.remove(&gone);
        // Neighbour sums move to the surviving root, on both sides of each edge.
        let mut moved: Vec<(usize, f32)> = absorbed
            .neighbours
            .into_iter()
            .filter(|&(k, _)| k != keep)
            .collect();
        moved.sort_by_key(|m| m.0);
        for (k, v) in moved {
            *clusters[keep].neighbours.entry(k).or_default() += v;
            let other = &mut clusters[k].neighbours;
            other.remove(&gone);
            *other.entry(keep).or_default() += v;
        }
    }
    let roots = (0..nodes.len()).map(|n| sets.find(n)).collect();
    (roots, clusters)
}

/// A sentence can report two things ("the Coats interview" and "the one-on-one meeting"), and
/// which cluster took it first depends on the order of nearly equal links. So a node also
/// supports every other cluster of at least two independent sources that it would have been
/// allowed to join on its own: its dates nest with the cluster's and its average similarity to
/// the cluster's nodes of other sources reaches `config.cohesion`, over the same usable edges.
/// A dated node must also be at least as connected to that cluster as to its own; an undated
/// one need not, since a claim without a date fits an event on any day (the invitation itself
/// and the autumn visit it is for). A node whose date does not nest with the cluster's may still
/// support it when two of the cluster's sources link it through `across` edges: links as strong
/// as an undated link that share claim words, since a sentence's date may belong to another of
/// its clauses. Such support never dates the event.
/// The clusters are the finished ones, so the result does not depend on the order of these
/// tests. Returns (node, cluster root, whether their dates nest) triples.
fn attach_nodes(
    nodes: &[Node],
    edges: &[(f32, usize, usize)],
    across: &[(f32, usize, usize)],
    roots: &[usize],
    clusters: &[Cluster],
    config: &TimelineConfig,
) -> Vec<(usize, usize, bool)> {
    // (node, other cluster, partner's source, score) for every usable edge between clusters,
    // and each node's summed similarity to its own cluster.
    let mut offers: Vec<(usize, usize, usize, f32, bool)> = Vec::new();
    let mut own_sum: Vec<f32> = vec![0.0; nodes.len()];
    for edge in edges.iter().filter(|e| usable(nodes, e, config)) {
        let &(score, a, b) = edge;
        let (ra, rb) = (roots[a], roots[b]);
        if ra == rb {
            own_sum[a] += score;
            own_sum[b] += score;
        } else {
            offers.push((a, rb, nodes[b].key, score, false));
            offers.push((b, ra, nodes[a].key, score, false));
        }
    }
    for &(score, a, b) in across {
        let (ra, rb) = (roots[a], roots[b]);
        if ra != rb {
            offers.push((a, rb, nodes[b].key, score, true));
            offers.push((b, ra, nodes[a].key, score, true));
        }
    }
    // Sorted with the scores, so every sum below adds up in one order.
    offers.sort_unstable_by(|x, y| {
        (x.0, x.1, x.2)
            .cmp(&(y.0, y.1, y.2))
            .then(x.3.total_cmp(&y.3))
            .then(x.4.cmp(&y.4))
    });
    let mut out = Vec::new();
    for run in offers.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (n, r) = (run[0].0, run[0].1);
        let cluster = &clusters[r];
        // One link may be a coincidence of wording; two sources that each echo the sentence
        // corroborate it.
        // Dates that do not nest need two sources linking across them.
        let (mut sources, mut across_sources) = (0, 0);
        for by_source in run.chunk_by(|x, y| x.2 == y.2) {
            sources += 1;
            across_sources += usize::from(by_source.iter().any(|o| o.4));
        }
        let nests = nested(nodes[n].range, cluster.range);
        if sources < 2 || (!nests && across_sources < 2) {
            continue;
        }
        let sum: f32 = run.iter().map(|o| o.3).sum();
        // A node its own cluster left alone is explained by nothing else, and joins on that
        // corroboration: a large event it came to late may have grown past its average. On
        // another day it still dates an event of its own, so it passes the test below.
        if nests && clusters[roots[n]].per_source.len() < 2 {
            out.push((n, r, true));
            continue;
        }
        // A node of another event also supports this one when it passes the test of joining it
        // and is at least as connected to it as to its own event: then only the order of the
        // links chose between them.
        let same = cluster.per_source.get(&nodes[n].key).copied().unwrap_or(0);
        let pairs = cluster.size - same;
        if pairs > 0
            && sum / pairs as f32 >= config.cohesion
            && (sum >= own_sum[n] || nodes[n].date.is_none())
        {
            out.push((n, r, nests));
        }
    }
    out
}

/// Each document's units as (start of the unit's span, unit), in text order.
type DocumentUnits = BTreeMap<ArticleId, Vec<(usize, usize)>>;

fn units_by_document(units: &[TimelineUnit]) -> DocumentUnits {
    let mut by_doc = DocumentUnits::new();
    for (u, unit) in units.iter().enumerate() {
        by_doc
            .entry(unit.document)
            .or_default()
            .push((unit.span.start, u));
    }
    by_doc
}

/// For each unit, the sentence right before it in its source when that sentence names the
/// speaker of a quote that the unit carries and quotes nothing itself ("In one Twitter post,
/// Trump blamed the media." before the tweet's words): it introduces the quote. A sentence that
/// quotes words of its own tells something else, even when the quote runs on.
fn introducers(
    units: &[TimelineUnit],
    by_doc: &DocumentUnits,
    quotes: &[Quote],
    quoted: &[Vec<(usize, Span)>],
) -> Vec<Option<usize>> {
    let mut out = vec![None; units.len()];
    let unit_at = |document: ArticleId, at: usize| {
        let list = by_doc.get(&document)?;
        let i = list
            .partition_point(|&(start, _)| start <= at)
            .checked_sub(1)?;
        let u = list[i].1;
        (units[u].span.end > at).then_some((i, u))
    };
    for m in quotes.iter().flat_map(|q| &q.mentions) {
        let Some(speaker) = m.speaker_span else {
            continue;
        };
        if let (Some((iq, uq)), Some((is, us))) = (
            unit_at(m.document, m.span.start),
            unit_at(m.document, speaker.start),
        ) && is + 1 == iq
            && quoted[us].is_empty()
        {
            out[uq] = Some(us);
        }
    }
    out
}

/// Words that open a headline's setting rather than its claim: "Amid criticism, Trump eyes 2nd
/// meeting with Putin".
const SETTING_OPENERS: &[&str] = &[
    "after",
    "amid",
    "as",
    "at",
    "before",
    "despite",
    "during",
    "following",
    "for",
    "in",
    "on",
    "over",
    "with",
    "without",
];

/// The leading lines of a source without a final stop (at most this many) are its headline and
/// standfirst.
const HEADLINE_LINES: usize = 4;

/// (headline, body sentence) pairs: an undated headline tells what the sentence of its own
/// source that shares the most claim words with it tells, when they share at least
/// `config.claim_words`; among equals, the one with the fewest other claim words, then the
/// earlier. A setting before the headline's first comma ("Amid criticism,") is not its claim.
fn headline_bodies<'a>(
    units: &[TimelineUnit],
    by_doc: &DocumentUnits,
    quoted: &[Vec<(usize, Span)>],
    text_of: &impl Fn(&TimelineUnit) -> &'a str,
    claims: &mut ClaimWords,
    config: &TimelineConfig,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for list in by_doc.values() {
        let lead = list
            .iter()
            .take(HEADLINE_LINES)
            .take_while(|&&(_, u)| {
                let text = text_of(&units[u]).trim_end();
                !text.ends_with(['.', '!', '?', '"', '\u{201d}', '\'', '\u{2019}', ':'])
            })
            .count();
        if lead == list.len() {
            continue;
        }
        for &(_, h) in &list[..lead] {
            if !units[h].dates.is_empty() || !quoted[h].is_empty() {
                continue;
            }
            let text = text_of(&units[h]);
            let claim = match text.split_once(',') {
                Some((setting, rest))
                    if super::terms::words(setting).next().is_some_and(|w| {
                        SETTING_OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o))
                    }) =>
                {
                    rest
                }
                _ => text,
            };
            let words = content_words(claim, &mut claims.terms, &mut claims.scratch);
            let mut best: Option<((usize, usize), usize)> = None;
            for &(_, b) in &list[lead..] {
                let (body, _) = claims.claim(units, quoted, text_of, b);
                let shared = shared_count(&words, body);
                // The sentence the headline sums up: the most shared words, then the fewest
                // words besides them.
                let key = (shared, usize::MAX - body.len());
                if shared >= config.claim_words && best.is_none_or(|(k, _)| key > k) {
                    best = Some((key, b));
                }
            }
            if let Some((_, b)) = best {
                out.push((h, b));
            }
        }
    }
    out
}

/// Adds each headline that no event took in to the events of its body sentence
/// ([`headline_bodies`]).
fn add_headlines(events: &mut [Event], units: &[TimelineUnit], headlines: &[(usize, usize)]) {
    if headlines.is_empty() {
        return;
    }
    let at = |u: usize| (units[u].document, units[u].sentence);
    let mut events_of: FastMap<(ArticleId, SentenceIdx), Vec<usize>> = FastMap::default();
    for (e, event) in events.iter().enumerate() {
        for m in &event.mentions {
            events_of
                .entry((m.document, m.sentence))
                .or_default()
                .push(e);
        }
    }
    for &(h, b) in headlines {
        if events_of.contains_key(&at(h)) {
            continue;
        }
        for &e in events_of.get(&at(b)).map_or(&[][..], Vec::as_slice) {
            // Mentions are in (source, sentence) order, one per sentence.
            let event = &mut events[e];
            let slot = event
                .mentions
                .partition_point(|m| (m.document, m.sentence) < at(h));
            event.mentions.insert(
                slot,
                Provenance {
                    document: units[h].document,
                    sentence: units[h].sentence,
                    span: units[h].span,
                    date_span: None,
                },
            );
            if slot <= event.representative {
                event.representative += 1;
            }
        }
    }
}

/// The parts of each unit that quote someone: (quote index, byte range clipped to the unit), in
/// quote order. A quote that runs over several sentences gives each its own part.
fn quoted_parts(
    units: &[TimelineUnit],
    by_doc: &DocumentUnits,
    quotes: &[Quote],
) -> Vec<Vec<(usize, Span)>> {
    let mut parts: Vec<Vec<(usize, Span)>> = vec![Vec::new(); units.len()];
    for (q, quote) in quotes.iter().enumerate() {
        for m in &quote.mentions {
            let Some(list) = by_doc.get(&m.document) else {
                continue;
            };
            // Units of one document are in text order: skip those that end before the quote.
            let first = list.partition_point(|&(_, u)| units[u].span.end <= m.span.start);
            for &(_, u) in &list[first..] {
                let span = units[u].span;
                if span.start >= m.span.end {
                    break;
                }
                let (start, end) = (span.start.max(m.span.start), span.end.min(m.span.end));
                if start < end {
                    parts[u].push((q, Span { start, end }));
                }
            }
        }
    }
    parts
}

/// The ids of the content words of `text` that are no names (lower-case stems, stop words left
/// out), sorted and distinct. `terms` numbers the stems and remembers every word it has seen, so
/// a word met before costs one lookup; `scratch` is reused between calls.
fn content_words(text: &str, terms: &mut TermTable, scratch: &mut Vec<(u32, bool)>) -> Vec<u32> {
    scratch.clear();
    terms.sentence_terms(text, scratch);
    let mut out: Vec<u32> = scratch.iter().filter(|t| !t.1).map(|t| t.0).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many later parts of the same quote each part is compared with.
const MAX_QUOTE_PARTNERS: usize = 12;

/// A quote stands for its sentence's claim when it holds at least this many content words.
const MIN_QUOTE_WORDS: usize = 3;

/// Two sentences compared by who reacts in them.
enum Actors {
    /// Both name the same actor.
    Same,
    /// Each names an actor, and not the same one ("Iran condemned the bombing", "Cuba condemned
    /// the bombing"), or only one does and reports nothing but the reaction: a reaction is not
    /// the event it reacts to ("Bombs exploded outside the embassies").
    Different,
    /// Only one names who reacts, and a relative clause of it tells of something else ("deplored
    /// the blasts, which killed scores of people"), which the other may report.
    ReactsAndTells,
    /// Neither names who reacts.
    Unknown,
}

/// Determiners before a thing the sentence takes as known: "the invite", "this summit".
const DEFINITE: &[&str] = &["the", "this", "that", "these", "those"];

/// A unit's claim words (sorted, distinct) and whether they are a quote's.
type Claim = (Vec<u32>, bool);

/// The content words each sentence claims, read on demand and kept: the words it quotes when
/// they make up at least half of its content words (the rest only says who spoke, and where),
/// else all of them.
struct ClaimWords {
    terms: TermTable,
    scratch: Vec<(u32, bool)>,
    /// Per unit, once read: its claim.
    read: Vec<Option<Claim>>,
    /// Per unit, once read: who reacts in it, if anyone ([`reaction_actor`]).
    actors: Vec<Option<Option<Reaction>>>,
    /// Per unit, once read: its given words ([`ClaimWords::given`]).
    given: Vec<Option<Vec<u32>>>,
}

impl ClaimWords {
    fn new(count: usize) -> ClaimWords {
        ClaimWords {
            terms: TermTable::new(),
            scratch: Vec::new(),
            read: vec![None; count],
            actors: vec![None; count],
            given: vec![None; count],
        }
    }

    /// How units `a` and `b` compare by who reacts in them ([`reaction_actor`]).
    fn actors<'a>(
        &mut self,
        units: &[TimelineUnit],
        text_of: &impl Fn(&TimelineUnit) -> &'a str,
        a: usize,
        b: usize,
    ) -> Actors {
        for u in [a, b] {
            self.actors[u].get_or_insert_with(|| reaction_actor(text_of(&units[u])));
        }
        let read = |u: usize| self.actors[u].as_ref().and_then(Option::as_ref);
        match (read(a), read(b)) {
            (Some(x), Some(y)) if same_actor(&x.actor, &y.actor) => Actors::Same,
            (Some(_), Some(_)) => Actors::Different,
            (Some(r), None) | (None, Some(r)) if r.tells_more => Actors::ReactsAndTells,
            (Some(_), None) | (None, Some(_)) => Actors::Different,
            (None, None) => Actors::Unknown,
        }
    }

    fn claim<'a>(
        &mut self,
        units: &[TimelineUnit],
        quoted: &[Vec<(usize, Span)>],
        text_of: &impl Fn(&TimelineUnit) -> &'a str,
        u: usize,
    ) -> &Claim {
        let (terms, scratch) = (&mut self.terms, &mut self.scratch);
        self.read[u].get_or_insert_with(|| {
            let (text, start) = (text_of(&units[u]), units[u].span.start);
            let all = content_words(text, terms, scratch);
            let mut quote = Vec::new();
            for &(_, span) in &quoted[u] {
                let piece = text.get(span.start - start..span.end - start).unwrap_or("");
                quote.extend(content_words(piece, terms, scratch));
            }
            quote.sort_unstable();
            quote.dedup();
            if quote.len() >= MIN_QUOTE_WORDS && 2 * quote.len() >= all.len() {
                (quote, true)
            } else {
                (all, false)
            }
        })
    }

    /// The content words of unit `u` that follow a definite determiner ("the invite", "this
    /// summit"): things the sentence takes as known (sorted, distinct).
    fn given<'a>(
        &mut self,
        units: &[TimelineUnit],
        text_of: &impl Fn(&TimelineUnit) -> &'a str,
        u: usize,
    ) -> &[u32] {
        let (terms, scratch) = (&mut self.terms, &mut self.scratch);
        self.given[u].get_or_insert_with(|| {
            let mut known = String::new();
            let mut after_determiner = false;
            for word in super::terms::words(text_of(&units[u])) {
                if after_determiner {
                    known.push_str(word);
                    known.push(' ');
                }
                after_determiner = DEFINITE.iter().any(|d| word.eq_ignore_ascii_case(d));
            }
            content_words(&known, terms, scratch)
        })
    }

    /// The claim words of units `a` and `b`, read on demand.
    fn pair<'a>(
        &mut self,
        units: &[TimelineUnit],
        quoted: &[Vec<(usize, Span)>],
        text_of: &impl Fn(&TimelineUnit) -> &'a str,
        a: usize,
        b: usize,
    ) -> Option<(&Claim, &Claim)> {
        self.claim(units, quoted, text_of, a);
        self.claim(units, quoted, text_of, b);
        Some((self.read[a].as_ref()?, self.read[b].as_ref()?))
    }

    /// How many claim words units `a` and `b` share.
    fn shared<'a>(
        &mut self,
        units: &[TimelineUnit],
        quoted: &[Vec<(usize, Span)>],
        text_of: &impl Fn(&TimelineUnit) -> &'a str,
        a: usize,
        b: usize,
    ) -> usize {
        self.pair(units, quoted, text_of, a, b)
            .map_or(0, |((wa, _), (wb, _))| shared_count(wa, wb))
    }

    /// True when units `a` and `b` claim different things: their claim words share less than
    /// `config.claim_overlap` of the smaller set, or the smaller set is an undated sentence's and
    /// fewer than `config.claim_words` of its words are shared, or an undated one shares only
    /// words it takes as known ([`ClaimWords::given`]). Two sentences dated to the same day are
    /// otherwise taken to agree unless one claims a quote.
    fn differ<'a>(
        &mut self,
        units: &[TimelineUnit],
        quoted: &[Vec<(usize, Span)>],
        text_of: &impl Fn(&TimelineUnit) -> &'a str,
        a: usize,
        b: usize,
        config: &TimelineConfig,
    ) -> bool {
        let Some(((wa, qa), (wb, qb))) = self.pair(units, quoted, text_of, a, b) else {
            return false;
        };
        let smaller = wa.len().min(wb.len());
        if smaller == 0 {
            return false;
        }
        let shared = shared_count(wa, wb);
        let undated_smaller = (units[a].dates.is_empty() && wa.len() == smaller)
            || (units[b].dates.is_empty() && wb.len() == smaller);
        if shared as f32 >= config.claim_overlap * smaller as f32
            && (!undated_smaller || shared >= config.claim_words.min(smaller))
        {
            // An undated sentence that shares only words it names as already known ("news of
            // the invite caught many off-guard") refers to the other's claim without telling it.
            // Only a few shared words can all be such references.
            if shared > config.claim_words {
                return false;
            }
            let common: Vec<u32> = wa
                .iter()
                .copied()
                .filter(|id| wb.binary_search(id).is_ok())
                .collect();
            let refers = |claims: &mut ClaimWords, u: usize| {
                units[u].dates.is_empty() && {
                    let given = claims.given(units, text_of, u);
                    common.iter().all(|id| given.binary_search(id).is_ok())
                }
            };
            return refers(self, a) || refers(self, b);
        }
        let (ta, tb) = (text_of(&units[a]), text_of(&units[b]));
        let same_day = || {
            units[a].dates.iter().any(|(x, sx)| {
                x.granularity == Granularity::Day
                    && !dates_a_report(ta, units[a].span.start, *sx)
                    && units[b]
                        .dates
                        .iter()
                        .any(|(y, sy)| y == x && !dates_a_report(tb, units[b].span.start, *sy))
            })
        };
        *qa || *qb || !same_day()
    }
}

/// Verbs of saying: a date right after one ("said on Thursday", "told reporters Monday") is the
/// day something was said, which two reports of different remarks can share.
const REPORT_VERBS: &[&str] = &[
    "added",
    "announced",
    "declared",
    "said",
    "says",
    "stated",
    "told",
    "tweeted",
    "wrote",
];

/// Words that may stand between a verb of saying and the date it governs.
const REPORT_FILLERS: &[&str] = &["here", "late", "early", "on", "reporters", "journalists"];

/// Whether the date expression at `span` (in the stored text of a sentence that starts at
/// `start`) tells when something was said rather than when the claim happened.
fn dates_a_report(text: &str, start: usize, span: Span) -> bool {
    let Some(before) = span
        .start
        .checked_sub(start)
        .and_then(|end| text.get(..end))
    else {
        return false;
    };
    before
        .split(|c: char| !c.is_alphanumeric())
        .rev()
        .filter(|w| !w.is_empty())
        .take(4)
        .find(|w| !REPORT_FILLERS.iter().any(|f| f.eq_ignore_ascii_case(w)))
        .is_some_and(|w| REPORT_VERBS.iter().any(|v| v.eq_ignore_ascii_case(w)))
}

/// Pairs of units of different independent sources (lower unit first, sorted) that quote the
/// same words: parts of one quote matched across sources that share at least two content words
/// and at least half of the smaller part's. A quote's parts are compared among themselves only,
/// each with the next [`MAX_QUOTE_PARTNERS`] parts, so a quote every source repeats costs work
/// linear in its mentions. The parts' words are numbered in the claim reader's term table, so
/// a word it has already stemmed costs one lookup.
fn quoted_pairs<'a>(
    units: &[TimelineUnit],
    quoted: &[Vec<(usize, Span)>],
    quote_count: usize,
    unit_key: &[usize],
    text_of: &impl Fn(&TimelineUnit) -> &'a str,
    claims: &mut ClaimWords,
) -> Vec<(usize, usize)> {
    let (terms, scratch) = (&mut claims.terms, &mut claims.scratch);
    // Each quote's parts: (unit, its content words).
    let mut parts: Vec<Vec<(usize, Vec<u32>)>> = vec![Vec::new(); quote_count];
    for (u, list) in quoted.iter().enumerate() {
        for &(q, span) in list {
            let start = units[u].span.start;
            let piece = text_of(&units[u])
                .get(span.start - start..span.end - start)
                .unwrap_or("");
            let words = content_words(piece, terms, scratch);
            if words.len() >= 2 {
                parts[q].push((u, words));
            }
        }
    }
    let mut pairs = Vec::new();
    for quote in &parts {
        for (i, (a, wa)) in quote.iter().enumerate() {
            for (b, wb) in quote[i + 1..].iter().take(MAX_QUOTE_PARTNERS) {
                if unit_key[*a] == unit_key[*b] {
                    continue;
                }
                let shared = shared_count(wa, wb);
                if shared >= 2 && 2 * shared >= wa.len().min(wb.len()) {
                    pairs.push(((*a).min(*b), (*a).max(*b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The entities named inside each unit, with the words right before and after each mention.
fn entities_by_unit<'a>(
    units: &[TimelineUnit],
    by_doc: &DocumentUnits,
    entities: &[Entity],
    text_of: &impl Fn(&TimelineUnit) -> &'a str,
) -> Vec<Vec<UnitEntity<'a>>> {
    let mut out: Vec<Vec<UnitEntity<'a>>> = vec![Vec::new(); units.len()];
    for entity in entities {
        for m in &entity.mentions {
            let Some(list) = by_doc.get(&m.document) else {
                continue;
            };
            // Units of one document are in text order, so the last one starting at or before
            // the mention is the only one that can hold it.
            let i = list.partition_point(|&(start, _)| start <= m.span.start);
            let Some(&(_, u)) = i.checked_sub(1).and_then(|i| list.get(i)) else {
                continue;
            };
            let unit = &units[u];
            if !unit.span.contains(m.span) {
                continue;
            }
            let text = text_of(unit);
            let (start, end) = (m.span.start - unit.span.start, m.span.end - unit.span.start);
            let before = text
                .get(..start)
                .and_then(super::terms::last_word)
                .unwrap_or("");
            let after = text
                .get(end..)
                .and_then(|t| super::terms::words(t).next())
                .unwrap_or("");
            out[u].push(UnitEntity {
                id: entity.id,
                kind: entity.kind,
                before,
                after,
            });
        }
    }
    out
}

/// Inverse sentence frequency of each entity, so that a name found everywhere weighs little.
/// `sentence_ids` holds the distinct entities of each distinct sentence.
fn entity_weights<'x>(
    sentence_ids: impl Iterator<Item = &'x [EntityId]>,
    count: usize,
) -> Vec<f32> {
    let mut df = vec![0u32; count];
    let mut n = 0f32;
    for ids in sentence_ids {
        n += 1.0;
        for id in ids {
            if let Some(d) = df.get_mut(id.0 as usize) {
                *d += 1;
            }
        }
    }
    df.iter()
        .map(|&d| ((n + 1.0) / (d as f32 + 1.0)).ln())
        .collect()
}

/// Weighted Jaccard overlap of the entities two sentences name (sorted, distinct ids), 0 to 1.
/// `floor` is added to the union's weight, so that two sentences sharing only names found
/// everywhere score little.
fn entity_overlap(a: &[EntityId], b: &[EntityId], weight: &[f32], floor: f32) -> f32 {
    let w = |id: EntityId| weight.get(id.0 as usize).copied().unwrap_or(0.0);
    let (mut i, mut j, mut shared, mut all) = (0, 0, 0f32, floor);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                shared += w(x);
                all += w(x);
                i += 1;
                j += 1;
            }
            (Some(&x), Some(&y)) if x < y => {
                all += w(x);
                i += 1;
            }
            (Some(&x), None) => {
                all += w(x);
                i += 1;
            }
            (_, Some(&y)) => {
                all += w(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    if all <= 0.0 { 0.0 } else { shared / all }
}

/// Merges events on nearby days whose sentences say the same thing: the sources disagree on the
/// date. The merged event keeps the date most sources give and lists every version.
fn merge_date_conflicts(
    events: Vec<Event>,
    event_units: &[Vec<usize>],
    links: &[Link],
    config: &TimelineConfig,
) -> Vec<Event> {
    // Only events dated to a day can be merged, so only they are listed per sentence: an
    // undated sentence that supports many events adds no work.
    let day_of: Vec<Option<jiff::civil::Date>> = events
        .iter()
        .map(|e| {
            e.date
                .as_ref()
                .filter(|d| d.granularity == Granularity::Day)
                .and_then(|d| d.as_day())
        })
        .collect();
    let unit_count = event_units.iter().flatten().max().map_or(0, |&u| u + 1);
    let mut events_of_unit: Vec<Vec<usize>> = vec![Vec::new(); unit_count];
    for (e, members) in event_units.iter().enumerate() {
        if day_of[e].is_some() {
            for &u in members {
                events_of_unit[u].push(e);
            }
        }
    }
    let mut sets = DisjointSets::new(events.len());
    for link in links.iter().filter(|l| l.score >= config.conflict_score) {
        let (Some(ea), Some(eb)) = (events_of_unit.get(link.a), events_of_unit.get(link.b)) else {
            continue;
        };
        for &x in ea {
            for &y in eb {
                if x == y || events[x].date == events[y].date {
                    continue;
                }
                let close = match (day_of[x], day_of[y]) {
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
                .then(a.date_value().cmp(b.date_value()))
        });
        let versions: Vec<ConflictVersion> = group
            .iter()
            .map(|e| ConflictVersion {
                value: e.date_value().to_string(),
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

/// Pairs of an event's sentences (by unit, lower first) that align at least `min_score`: only
/// sentences this close are compared for details, since looser ones may tell different parts of
/// the story.
fn detail_pairs(
    member_units: &[usize],
    adjacency: &Lists<(usize, f32)>,
    min_score: f32,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for &a in member_units {
        for &(b, score) in adjacency.of(a) {
            if b > a && score >= min_score && member_units.binary_search(&b).is_ok() {
                pairs.push((a, b));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Collects versions into a conflict when there are at least two.
fn conflict_of(kind: ConflictKind, versions: BTreeMap<String, Vec<ArticleId>>) -> Option<Conflict> {
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
    Some(Conflict { kind, versions })
}

/// Numbers in strongly aligned sentences of one event that differ between sources. A sentence
/// takes part in many pairs, and may support several events: `numbers` keeps each unit's
/// numbers once read.
fn number_conflicts<'a>(
    pairs: &[(usize, usize)],
    units: &[TimelineUnit],
    text_of: &impl Fn(&TimelineUnit) -> &'a str,
    numbers: &mut [Option<Vec<String>>],
) -> Option<Conflict> {
    let mut versions: BTreeMap<String, Vec<ArticleId>> = BTreeMap::new();
    for &(a, b) in pairs {
        for u in [a, b] {
            numbers[u].get_or_insert_with(|| plain_numbers(&units[u], text_of));
        }
        let (Some(na), Some(nb)) = (&numbers[a], &numbers[b]) else {
            continue;
        };
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
    conflict_of(ConflictKind::Number, versions)
}

/// Names and places that strongly aligned sentences of one event fill differently: one source
/// writes "met in Helsinki", another "met in Vienna". Two mentions disagree only when each
/// sentence lacks the other's entity, both are of the same kind, and they stand in the same
/// slot, next to the same word. A name only one sentence mentions is extra detail, not a
/// disagreement, and is left alone.
fn entity_conflicts(
    pairs: &[(usize, usize)],
    units: &[TimelineUnit],
    unit_entities: &[Vec<UnitEntity>],
    entities: &[Entity],
) -> Vec<Conflict> {
    let mut by_kind: BTreeMap<ConflictKind, BTreeMap<String, Vec<ArticleId>>> = BTreeMap::new();
    for &(a, b) in pairs {
        let (ea, eb) = (&unit_entities[a], &unit_entities[b]);
        // A sentence names a handful of entities: a scan beats building sets per pair.
        let names = |list: &[UnitEntity], id: EntityId| list.iter().any(|e| e.id == id);
        for x in ea.iter().filter(|x| !names(eb, x.id)) {
            for y in eb.iter().filter(|y| !names(ea, y.id)) {
                let kind = match (x.kind, y.kind) {
                    (EntityKind::Place, EntityKind::Place) => ConflictKind::Place,
                    (EntityKind::Person, EntityKind::Person)
                    | (EntityKind::Organisation, EntityKind::Organisation) => ConflictKind::Name,
                    _ => continue,
                };
                let same_slot = (!x.before.is_empty() && same_word(x.before, y.before))
                    || (!x.after.is_empty() && same_word(x.after, y.after));
                if !same_slot {
                    continue;
                }
                let name = |id: EntityId| {
                    entities
                        .get(id.0 as usize)
                        .map(|e| e.name.clone())
                        .unwrap_or_default()
                };
                let versions = by_kind.entry(kind).or_default();
                versions
                    .entry(name(x.id))
                    .or_default()
                    .push(units[a].document);
                versions
                    .entry(name(y.id))
                    .or_default()
                    .push(units[b].document);
            }
        }
    }
    by_kind
        .into_iter()
        .filter_map(|(kind, versions)| conflict_of(kind, versions))
        .collect()
}

/// Two words are the same but for case.
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
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

/// One list per index, all kept in one flat vector: the list of `i` is
/// `items[start[i]..start[i + 1]]`. Lists are filled in index order with [`Lists::push`] and
/// [`Lists::close`], or built at once from (index, item) entries with [`Lists::grouped`].
struct Lists<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy + Default> Lists<T> {
    fn with_capacity(count: usize) -> Lists<T> {
        let mut start = Vec::with_capacity(count + 1);
        start.push(0);
        Lists {
            start,
            items: Vec::with_capacity(count),
        }
    }

    /// Adds an item to the list being filled.
    fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Ends the list being filled; the next item starts the next index's list.
    fn close(&mut self) {
        self.start.push(self.items.len());
    }

    /// The lists of indices `0..count` from (index, item) entries, each list in entry order.
    fn grouped(count: usize, entries: impl Iterator<Item = (usize, T)> + Clone) -> Lists<T> {
        let mut start = vec![0usize; count + 1];
        for (i, _) in entries.clone() {
            start[i + 1] += 1;
        }
        for i in 0..count {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut items = vec![T::default(); start[count]];
        for (i, item) in entries {
            items[fill[i]] = item;
            fill[i] += 1;
        }
        Lists { start, items }
    }

    fn of(&self, i: usize) -> &[T] {
        &self.items[self.start[i]..self.start[i + 1]]
    }
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

    /// Makes root `child` point at root `root`.
    fn attach(&mut self, child: usize, root: usize) {
        self.parent[child] = root;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks whether two dates may share an event and, when they may, the event's date.
    fn check(a: &str, b: &str, expect: Option<&str>) {
        let parse = |v: &str| TimeValue::parse(v);
        let (x, y) = (parse(a), parse(b));
        let range = |d: &Option<TimeValue>| d.as_ref().and_then(TimeValue::range);
        let got =
            nested(range(&x), range(&y)).then(|| finer(x, y).map(|d| d.value).unwrap_or_default());
        assert_eq!(got.as_deref(), expect, "{a} with {b}");
    }

    /// Whether two undated sentences of different sources claim different things.
    fn claims_differ(a: &str, b: &str) -> bool {
        claims_differ_dated((a, None), (b, None))
    }

    /// Whether two sentences of different sources claim different things; each may carry one
    /// date, given as its value and the phrase that gives it.
    fn claims_differ_dated(
        a: (&str, Option<(&str, &str)>),
        b: (&str, Option<(&str, &str)>),
    ) -> bool {
        let texts = [a.0, b.0];
        let units: Vec<TimelineUnit> = [a, b]
            .iter()
            .enumerate()
            .map(|(d, (t, date))| TimelineUnit {
                document: ArticleId(d as u32),
                sentence: SentenceIdx(0),
                span: Span {
                    start: 0,
                    end: t.len(),
                },
                dates: date
                    .iter()
                    .map(|(value, phrase)| {
                        let start = t.find(phrase).expect("the phrase is in the sentence");
                        let span = Span {
                            start,
                            end: start + phrase.len(),
                        };
                        (TimeValue::parse(value).expect("a date value"), span)
                    })
                    .collect(),
            })
            .collect();
        let text_of = |u: &TimelineUnit| texts[u.document.0 as usize];
        let mut claims = ClaimWords::new(2);
        claims.differ(
            &units,
            &[vec![], vec![]],
            &text_of,
            0,
            1,
            &TimelineConfig::default(),
        )
    }

    #[test]
    fn the_day_something_was_said_does_not_make_two_remarks_one_claim() {
        let invited =
            "The president has invited Putin to Washington, the White House said on Thursday.";
        let second =
            "Earlier, Trump said here on Thursday that he wished to have a second meeting.";
        let thursday = Some(("2018-07-19", "Thursday"));
        assert!(claims_differ_dated((invited, thursday), (second, thursday)));
        // The day of the event itself still lets two reports of it agree with no word in common.
        let met = "The leaders met in Helsinki on Monday.";
        let tweeted = "He defended his performance at Monday's summit.";
        let monday = |phrase| Some(("2018-07-16", phrase));
        assert!(!claims_differ_dated(
            (met, monday("Monday")),
            (tweeted, monday("Monday's"))
        ));
        assert!(dates_a_report(
            "They told reporters on Monday",
            0,
            Span { start: 23, end: 29 }
        ));
        assert!(!dates_a_report(
            "They met on Monday",
            0,
            Span { start: 12, end: 18 }
        ));
    }

    #[test]
    fn one_shared_word_is_a_reference_not_the_same_claim() {
        let invited = "Trump asked John Bolton to invite Vladimir Putin to Washington in the fall.";
        assert!(claims_differ(
            invited,
            "News of the invite caught many in Washington off-guard."
        ));
        assert!(!claims_differ(
            invited,
            "Trump has asked a senior adviser to invite Putin to Washington in the autumn."
        ));
        // A sentence with a single claim word needs only that one.
        assert!(!claims_differ(invited, "They will invite Putin."));
    }

    #[test]
    fn a_word_taken_as_known_refers_to_a_claim_without_telling_it() {
        // The headline's two claim words are few enough for one shared word to pass, but the
        // undated sentence names the invitation as known: it reacts to it.
        let headline = (
            "US to invite Putin to visit Washington in fall",
            Some(("2018-FA", "fall")),
        );
        assert!(claims_differ_dated(
            headline,
            (
                "News of the invite caught many in Washington off-guard.",
                None
            )
        ));
        // Told, not taken as known, the same word is the claim.
        assert!(!claims_differ_dated(
            headline,
            (
                "Trump will invite the Russian leader for talks, aides say in Washington.",
                None
            )
        ));
        // A known word shared beside a told one does not make a reference.
        assert!(!claims_differ_dated(
            headline,
            ("The invite is for a visit by Putin to Washington.", None)
        ));
    }

    #[test]
    fn slot_words_match_whatever_their_case() {
        assert!(same_word("In", "in"));
        assert!(same_word("ÉLYSÉE", "élysée"));
        assert!(!same_word("in", "at"));
        assert!(!same_word("élysée", "elysee"));
    }

    #[test]
    fn nested_dates_share_an_event_at_the_finer_date() {
        check("2018", "2018-FA", Some("2018-FA"));
        check("2018-W29", "2018-07-19", Some("2018-07-19"));
        check("2018-07-19", "2018-07-19", Some("2018-07-19"));
        check("2018-07-16", "2018-07-19", None);
        check("2018-FA", "2018-07-19", None);
        check("2016", "2018", None);
        // "undated" parses to no date, which agrees with any date.
        check("undated", "2016", Some("2016"));
    }
}
