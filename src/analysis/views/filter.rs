//! Narrows the timeline by free text, entity, source and date range, and keeps that filter state
//! in the URL fragment so a view can be bookmarked. Only the filter goes into the fragment, never
//! article text. It reads a finished analysis through an [`EventIndex`] built once per analysis;
//! it must not change the analysis or re-run any part of it.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::{SignedDuration, ToSpan};

use super::{DateOf, event_date, fold, fold_into, source_key};
use crate::analysis::{Analysis, ArticleId, EntityId, EntityKind, EventId, Span, TimeValue};

/// What the reader asked to see. Kinds combine with AND (an entity *and* a source); several values
/// of one kind combine with OR (either of two sources). An empty spec keeps every event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSpec {
    /// Free text; every word must occur in the event's sentences, ignoring case and accents.
    pub text: String,
    /// Canonical entity names ([`crate::analysis::Entity::name`]).
    pub entities: Vec<String>,
    /// Source keys: the document's file name, plus `#part` when its part is above 0.
    pub sources: Vec<String>,
    /// The start of the range kept, as a TimeML value (`2018`, `2018-07`, `2018-07-01`, or
    /// `2018-07-19T18:00` to the minute); a coarse value starts at its first day.
    pub from: Option<String>,
    /// The end of the range kept, as a TimeML value; a coarse value ends with its last day.
    pub to: Option<String>,
}

/// A filter value that matches nothing in this analysis, so the UI can say why the list is empty
/// rather than show a silent blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnmatchedFilter {
    /// No entity has this canonical name.
    Entity(String),
    /// No source has this key.
    Source(String),
    /// This date bound is not a date value.
    Date(String),
}

impl fmt::Display for UnmatchedFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnmatchedFilter::Entity(name) => write!(
                f,
                "No person, organisation or place is named “{name}” in these sources"
            ),
            UnmatchedFilter::Source(key) => write!(f, "No source is called “{key}”"),
            UnmatchedFilter::Date(value) => write!(
                f,
                "“{value}” is not a date (use 2018, 2018-07 or 2018-07-16)"
            ),
        }
    }
}

/// The fragment keys, in the order [`FilterSpec::to_fragment`] writes them.
const KEY_TEXT: &str = "q";
const KEY_ENTITY: &str = "entity";
const KEY_SOURCE: &str = "source";
const KEY_FROM: &str = "from";
const KEY_TO: &str = "to";

impl FilterSpec {
    /// True when the spec keeps every event.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.entities.is_empty()
            && self.sources.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// The URL fragment that restores this spec, with its leading `#`
    /// (`#q=helsinki&entity=Vladimir%20Putin&from=2018-07-01`), or the empty string when the spec
    /// keeps everything. Values are percent-encoded byte by byte, so any text survives.
    pub fn to_fragment(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push((KEY_TEXT, self.text.as_str()));
        }
        pairs.extend(self.entities.iter().map(|e| (KEY_ENTITY, e.as_str())));
        pairs.extend(self.sources.iter().map(|s| (KEY_SOURCE, s.as_str())));
        pairs.extend(self.from.iter().map(|d| (KEY_FROM, d.as_str())));
        pairs.extend(self.to.iter().map(|d| (KEY_TO, d.as_str())));
        let mut out = String::new();
        for (key, value) in pairs {
            out.push(if out.is_empty() { '#' } else { '&' });
            out.push_str(key);
            out.push('=');
            percent_encode(value, &mut out);
        }
        out
    }

    /// Reads a URL fragment, with or without its leading `#`. Anything it does not understand
    /// (unknown keys, pairs without `=`, empty values, broken escapes, invalid UTF-8) is skipped
    /// or kept literally; it never fails. Names and dates are kept as written, so that
    /// [`unmatched_filters`] can report the ones that match nothing.
    pub fn from_fragment(fragment: &str) -> FilterSpec {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let mut spec = FilterSpec::default();
        for pair in fragment.split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            let value = percent_decode(value);
            if value.trim().is_empty() {
                continue;
            }
            match percent_decode(key).as_str() {
                KEY_TEXT => spec.text = value,
                KEY_ENTITY if !spec.entities.contains(&value) => spec.entities.push(value),
                KEY_SOURCE if !spec.sources.contains(&value) => spec.sources.push(value),
                KEY_FROM => spec.from = Some(value),
                KEY_TO => spec.to = Some(value),
                _ => {}
            }
        }
        spec
    }

    /// The stretch of time the date bounds select, as a half-open interval from the start of
    /// `from` to the end of `to`; `None` unless both bounds are dates. Bounds given in the wrong
    /// order select the stretch between them. The UI zooms the time axis to it.
    pub fn date_window(&self) -> Option<(DateTime, DateTime)> {
        let from = parse_bound(self.from.as_deref()?)?;
        let to = parse_bound(self.to.as_deref()?)?;
        Some((from.0.min(to.0), from.1.max(to.1)))
    }

    /// This spec with its date bounds set to cover `window` (a half-open interval, such as a
    /// clicked axis stretch): whole days as `YYYY-MM-DD`, anything finer to the minute.
    pub fn with_window(mut self, window: (DateTime, DateTime)) -> FilterSpec {
        let (start, end) = (window.0.min(window.1), window.0.max(window.1));
        let whole_days = start.time() == Time::midnight() && end.time() == Time::midnight();
        if whole_days {
            let last = end
                .date()
                .yesterday()
                .unwrap_or(end.date())
                .max(start.date());
            self.from = Some(day_value(start.date()));
            self.to = Some(day_value(last));
        } else {
            let start = floor_minute(start);
            let last = ceil_minute(end)
                .checked_sub(SignedDuration::from_mins(1))
                .unwrap_or(start)
                .max(start);
            self.from = Some(minute_value(start));
            self.to = Some(minute_value(last));
        }
        self
    }
}

/// Writes `value` percent-encoded: unreserved ASCII as is, every other byte as `%XX`.
fn percent_encode(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Decodes `%XX` escapes and `+` (as a space, since hand-written URLs use it); a broken escape is
/// kept as written and invalid UTF-8 becomes U+FFFD.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex_digit(h).zip(hex_digit(l)).map(|(h, l)| (h << 4) | l),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(if b == b'+' { b' ' } else { b });
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The half-open stretch a date bound names, when it is a date value.
fn parse_bound(value: &str) -> Option<(DateTime, DateTime)> {
    TimeValue::parse(value.trim())?.time_range()
}

fn day_value(date: Date) -> String {
    // TimeML years have four digits; a window padded past them is clamped into range.
    let date = date.clamp(Date::constant(0, 1, 1), Date::MAX);
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn minute_value(at: DateTime) -> String {
    format!(
        "{}T{:02}:{:02}",
        day_value(at.date()),
        at.hour(),
        at.minute()
    )
}

fn floor_minute(at: DateTime) -> DateTime {
    at.date()
        .to_datetime(Time::new(at.hour(), at.minute(), 0, 0).unwrap_or(Time::midnight()))
}

fn ceil_minute(at: DateTime) -> DateTime {
    let floor = floor_minute(at);
    if floor == at {
        at
    } else {
        floor.checked_add(1.minute()).unwrap_or(DateTime::MAX)
    }
}

/// How many distinct sentences of one event are checked for repeats before indexing them.
const DEDUPE_LIMIT: usize = 32;

/// What the filters need of one event, computed once.
#[derive(Debug, Clone)]
struct IndexedEvent {
    id: EventId,
    /// Entities named inside its mention sentences, sorted, without duplicates.
    entities: Vec<EntityId>,
    /// Its sources, in id order.
    sources: Vec<ArticleId>,
    /// The half-open stretch its date covers; `None` for undated background.
    range: Option<(DateTime, DateTime)>,
    /// Its representative and mention sentences, folded for search.
    text: String,
}

/// Everything the filters and facets read of an analysis, built once per analysis so that each
/// keystroke in the search box only scans prepared rows.
///
/// Invariant: `events` follows the analysis's timeline order, one row per event.
#[derive(Debug, Clone)]
pub struct EventIndex {
    events: Vec<IndexedEvent>,
}

/// One entity in the filter menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFacet {
    /// The entity.
    pub entity: EntityId,
    /// Its canonical name, the value a [`FilterSpec`] holds.
    pub name: String,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// How many surface forms the sources use for it.
    pub aliases: usize,
    /// How many events name it.
    pub events: usize,
}

/// One source in the filter menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFacet {
    /// The source.
    pub document: ArticleId,
    /// Its key, the value a [`FilterSpec`] holds.
    pub key: String,
    /// Its short name for people (outlet, title or file).
    pub label: String,
    /// How many events it reports.
    pub events: usize,
}

impl EventIndex {
    /// Indexes every event of `analysis`.
    pub fn new(analysis: &Analysis) -> EventIndex {
        EventIndex::with_dates(analysis, event_date)
    }

    /// Indexes every event, reading dates through `date_of`.
    fn with_dates(analysis: &Analysis, date_of: DateOf) -> EventIndex {
        // Per document, every mention sentence with the row of its event, sorted by start, so an
        // entity mention finds the sentence around it by binary search.
        let mut sentences: Vec<Vec<(Span, usize)>> = vec![Vec::new(); analysis.sources.len()];
        let mut events: Vec<IndexedEvent> = Vec::with_capacity(analysis.events.len());
        for (row, event) in analysis.events.iter().enumerate() {
            let mut text = String::with_capacity(event.text.len() * 2);
            fold_into(&event.text, &mut text);
            // Wire copies repeat sentences word for word, and the representative is one of the
            // mentions: folding each distinct sentence once keeps the index small. A short list
            // compared by length and bytes is cheaper than hashing; past `DEDUPE_LIMIT` distinct
            // sentences the rest are folded without the check, which only costs space.
            let mut seen: Vec<&str> = vec![event.text.as_str()];
            for mention in &event.mentions {
                if let Some(list) = sentences.get_mut(mention.document.index()) {
                    list.push((mention.span, row));
                }
                let sentence = analysis
                    .sources
                    .get(mention.document.index())
                    .and_then(|s| s.document.text.get(mention.span.start..mention.span.end))
                    .unwrap_or("");
                if seen.len() <= DEDUPE_LIMIT {
                    if seen.contains(&sentence) {
                        continue;
                    }
                    seen.push(sentence);
                }
                text.push('\n');
                fold_into(sentence, &mut text);
            }
            events.push(IndexedEvent {
                id: event.id,
                entities: Vec::new(),
                sources: event.sources.clone(),
                range: date_of(event).and_then(TimeValue::time_range),
                text,
            });
        }
        for list in &mut sentences {
            list.sort_unstable_by_key(|(span, row)| (span.start, span.end, *row));
        }
        // Entities are visited in id order, so each event's list comes out sorted, and a repeat
        // can only be its last entry.
        for entity in &analysis.entities {
            for mention in &entity.mentions {
                let Some(list) = sentences.get(mention.document.index()) else {
                    continue;
                };
                // Sentences of one document never overlap, so only the entries at the greatest
                // start not after the mention (one sentence, shared by its events) can hold it.
                let after = list.partition_point(|(span, _)| span.start <= mention.span.start);
                let Some(&(candidate, _)) = after.checked_sub(1).and_then(|i| list.get(i)) else {
                    continue;
                };
                if !candidate.contains(mention.span) {
                    continue;
                }
                for &(_, row) in list[..after]
                    .iter()
                    .rev()
                    .take_while(|(s, _)| *s == candidate)
                {
                    if let Some(indexed) = events.get_mut(row)
                        && indexed.entities.last() != Some(&entity.id)
                    {
                        indexed.entities.push(entity.id);
                    }
                }
            }
        }
        // Ids follow the entity list's order, so this only sorts a hand-built analysis.
        for indexed in &mut events {
            if !indexed.entities.is_sorted() {
                indexed.entities.sort_unstable();
                indexed.entities.dedup();
            }
        }
        EventIndex { events }
    }

    /// The events `spec` keeps, in timeline order. Free text matches when every word of it occurs
    /// in the event's sentences (ignoring case and accents); a date range keeps the events whose
    /// calendar stretch overlaps it, and drops undated background; entity and source names that
    /// match nothing in `analysis` keep nothing (see [`unmatched_filters`]).
    pub fn filter_events(&self, analysis: &Analysis, spec: &FilterSpec) -> Vec<EventId> {
        let words = query_words(&spec.text);
        let entities = (!spec.entities.is_empty()).then(|| resolve_entities(analysis, spec));
        let sources = (!spec.sources.is_empty()).then(|| resolve_sources(analysis, spec));
        let window = match date_bounds(spec) {
            Ok(window) => window,
            Err(()) => return Vec::new(),
        };
        self.events
            .iter()
            .filter(|e| match &entities {
                Some(wanted) => wanted.iter().any(|id| e.entities.binary_search(id).is_ok()),
                None => true,
            })
            .filter(|e| match &sources {
                Some(wanted) => wanted.iter().any(|id| e.sources.binary_search(id).is_ok()),
                None => true,
            })
            .filter(|e| match (window, e.range) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some((from, to)), Some((start, end))) => start < to && end > from,
            })
            .filter(|e| words.iter().all(|w| e.text.contains(w.as_str())))
            .map(|e| e.id)
            .collect()
    }

    /// The entities named in at least one event, for the filter menu: most events first, then by
    /// name. Entities named only outside event sentences are left out, since choosing one would
    /// empty the timeline.
    pub fn entity_facets(&self, analysis: &Analysis) -> Vec<EntityFacet> {
        let mut counts = vec![0usize; analysis.entities.len()];
        for event in &self.events {
            for id in &event.entities {
                if let Some(n) = counts.get_mut(id.0 as usize) {
                    *n += 1;
                }
            }
        }
        let mut facets: Vec<EntityFacet> = analysis
            .entities
            .iter()
            .zip(counts)
            .filter(|(_, events)| *events > 0)
            .map(|(entity, events)| EntityFacet {
                entity: entity.id,
                name: entity.name.clone(),
                kind: entity.kind,
                aliases: entity.aliases.len(),
                events,
            })
            .collect();
        facets.sort_by(|a, b| {
            b.events
                .cmp(&a.events)
                .then_with(|| a.name.cmp(&b.name))
                .then(a.entity.cmp(&b.entity))
        });
        facets
    }

    /// Every source, in id order (the order of its colour), with how many events it reports.
    /// Sources that report nothing stay listed, so the menu matches the sources panel.
    pub fn source_facets(&self, analysis: &Analysis) -> Vec<SourceFacet> {
        let mut counts = vec![0usize; analysis.sources.len()];
        for event in &self.events {
            for id in &event.sources {
                if let Some(n) = counts.get_mut(id.index()) {
                    *n += 1;
                }
            }
        }
        analysis
            .sources
            .iter()
            .zip(counts)
            .map(|(source, events)| SourceFacet {
                document: source.id,
                key: source_key(&source.document),
                label: source.label(),
                events,
            })
            .collect()
    }
}

/// The values of `spec` that match nothing in `analysis`, in the order the spec lists them.
pub fn unmatched_filters(analysis: &Analysis, spec: &FilterSpec) -> Vec<UnmatchedFilter> {
    let mut out = Vec::new();
    for name in &spec.entities {
        if entities_named(analysis, name).next().is_none() {
            out.push(UnmatchedFilter::Entity(name.clone()));
        }
    }
    for key in &spec.sources {
        if sources_keyed(analysis, key).next().is_none() {
            out.push(UnmatchedFilter::Source(key.clone()));
        }
    }
    for bound in spec.from.iter().chain(spec.to.iter()) {
        if parse_bound(bound).is_none() {
            out.push(UnmatchedFilter::Date(bound.clone()));
        }
    }
    out
}

/// The folded words of a search, with punctuation trimmed from their ends so that "Putin," finds
/// "Putin said".
fn query_words(text: &str) -> Vec<String> {
    fold(text)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Entities with exactly this name or, failing that, this name up to case and accents.
fn entities_named<'a>(analysis: &'a Analysis, name: &str) -> impl Iterator<Item = EntityId> + 'a {
    let exact: Vec<EntityId> = analysis
        .entities
        .iter()
        .filter(|e| e.name == name)
        .map(|e| e.id)
        .collect();
    let folded = if exact.is_empty() {
        let wanted = fold(name.trim());
        analysis
            .entities
            .iter()
            .filter(|e| fold(&e.name) == wanted)
            .map(|e| e.id)
            .collect()
    } else {
        Vec::new()
    };
    exact.into_iter().chain(folded)
}

fn sources_keyed<'a>(analysis: &'a Analysis, key: &'a str) -> impl Iterator<Item = ArticleId> + 'a {
    analysis
        .sources
        .iter()
        .filter(move |s| source_key(&s.document) == key)
        .map(|s| s.id)
}

fn resolve_entities(analysis: &Analysis, spec: &FilterSpec) -> Vec<EntityId> {
    spec.entities
        .iter()
        .flat_map(|name| entities_named(analysis, name))
        .collect()
}

fn resolve_sources(analysis: &Analysis, spec: &FilterSpec) -> Vec<ArticleId> {
    spec.sources
        .iter()
        .flat_map(|key| sources_keyed(analysis, key))
        .collect()
}

/// The half-open window the date bounds select: `Ok(None)` without bounds, `Err` when a bound
/// is not a date (which keeps nothing, like an unknown name).
fn date_bounds(spec: &FilterSpec) -> Result<Option<(DateTime, DateTime)>, ()> {
    let bound = |value: &Option<String>| -> Result<Option<(DateTime, DateTime)>, ()> {
        match value {
            None => Ok(None),
            Some(v) => parse_bound(v).map(Some).ok_or(()),
        }
    };
    Ok(match (bound(&spec.from)?, bound(&spec.to)?) {
        (None, None) => None,
        (Some(from), None) => Some((from.0, DateTime::MAX)),
        (None, Some(to)) => Some((DateTime::MIN, to.1)),
        (Some(from), Some(to)) => Some((from.0.min(to.0), from.1.max(to.1))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::views::seeds;
    use crate::analysis::views::toy::{Toy, toy_date};

    /// Three sources about one story; `b.txt` is undated background about the 2016 election.
    fn toy() -> Analysis {
        Toy::sources(&[
            "Trump met Putin in Helsinki on Monday. The talks ran long.",
            "Putin and Trump met in Helsinki. Observers recalled the Zürich talks of the past.",
            "Trump flew home on Tuesday. Sanders said Putin would visit Washington in the autumn.",
        ])
        .event("2018-07-16", &[(0, "Trump met"), (1, "Putin and Trump")])
        .event("2018-07-16TEV", &[(0, "The talks ran")])
        .event("2018-07-17", &[(2, "flew home")])
        .event("2018-FA", &[(2, "Sanders said")])
        .event("", &[(1, "Observers recalled")])
        .entity(
            "Donald Trump",
            EntityKind::Person,
            &[(0, "Trump"), (1, "Trump"), (2, "Trump")],
        )
        .entity(
            "Vladimir Putin",
            EntityKind::Person,
            &[(0, "Putin"), (1, "Putin"), (2, "Putin")],
        )
        .entity(
            "Helsinki",
            EntityKind::Place,
            &[(0, "Helsinki"), (1, "Helsinki")],
        )
        .entity("Washington", EntityKind::Place, &[(2, "Washington")])
        .entity("Sarah Sanders", EntityKind::Person, &[(2, "Sanders")])
        .build()
    }

    /// Filters the toy analysis by a URL fragment and lists the kept events by date ("-" for
    /// undated), with the unmatched values after a bar.
    fn check(fragment: &str, expect: &str) {
        let analysis = toy();
        let index = EventIndex::with_dates(&analysis, toy_date);
        let spec = FilterSpec::from_fragment(fragment);
        let mut got: Vec<String> = index
            .filter_events(&analysis, &spec)
            .into_iter()
            .map(|id| {
                analysis
                    .events
                    .iter()
                    .find(|e| e.id == id)
                    .and_then(toy_date)
                    .map_or("-".to_string(), |d| d.value.clone())
            })
            .collect();
        let unmatched: Vec<String> = unmatched_filters(&analysis, &spec)
            .iter()
            .map(|u| format!("{u:?}"))
            .collect();
        if !unmatched.is_empty() {
            got.push(format!("| {}", unmatched.join(", ")));
        }
        assert_eq!(got.join(" "), expect, "fragment {fragment:?}");
    }

    #[test]
    fn filters_combine_and_within_a_kind_any_value_matches() {
        check("", "2018-07-16 2018-07-16TEV 2018-07-17 2018-FA -");
        check("#q=helsinki", "2018-07-16");
        check("#q=HELSINKI%20putin", "2018-07-16");
        check("#q=helsinki+tuesday", "");
        check("#q=zurich", "-");
        check("#q=Putin,", "2018-07-16 2018-FA");
        check("#entity=Vladimir%20Putin", "2018-07-16 2018-FA");
        check(
            "#entity=Sarah%20Sanders&entity=Helsinki",
            "2018-07-16 2018-FA",
        );
        check("#entity=Donald%20Trump&source=c.txt", "2018-07-17");
        check("#source=a.txt&source=b.txt", "2018-07-16 2018-07-16TEV -");
        // Case and accents in a hand-typed name are forgiven.
        check("#entity=vladimir%20putin", "2018-07-16 2018-FA");
    }

    #[test]
    fn search_reads_every_source_sentence_even_at_the_same_offsets() {
        let analysis = Toy::sources(&["Alpha met beta.", "Gamma met delta.", "Kappa met sigma."])
            .event("2018-07-16", &[(0, "Alpha"), (1, "Gamma"), (2, "Kappa")])
            .build();
        let index = EventIndex::new(&analysis);
        for word in ["alpha", "delta", "kappa", "alpha sigma"] {
            let spec = FilterSpec {
                text: word.to_string(),
                ..FilterSpec::default()
            };
            assert_eq!(
                index.filter_events(&analysis, &spec),
                [EventId(0)],
                "{word}"
            );
        }
    }

    #[test]
    fn a_date_range_keeps_overlapping_stretches_and_drops_undated_background() {
        check("#from=2018-07-16&to=2018-07-16", "2018-07-16 2018-07-16TEV");
        check(
            "#from=2018-07",
            "2018-07-16 2018-07-16TEV 2018-07-17 2018-FA",
        );
        check("#to=2018-07-16", "2018-07-16 2018-07-16TEV");
        check("#from=2018-10-01&to=2018-12", "2018-FA");
        check(
            "#from=2018-07-16T19:00&to=2018-07-16T19:30",
            "2018-07-16 2018-07-16TEV",
        );
        check("#from=2018-07-16T12:00&to=2018-07-16T13:00", "2018-07-16");
        // Bounds in the wrong order select the stretch between them.
        check(
            "#from=2018-07-17&to=2018-07-16",
            "2018-07-16 2018-07-16TEV 2018-07-17",
        );
        check("#from=2019", "");
    }

    #[test]
    fn unknown_names_and_dates_keep_nothing_and_are_reported() {
        check("#entity=Angela%20Merkel", "| Entity(\"Angela Merkel\")");
        check(
            "#entity=Angela%20Merkel&entity=Helsinki",
            "2018-07-16 | Entity(\"Angela Merkel\")",
        );
        check("#source=z.txt", "| Source(\"z.txt\")");
        assert_eq!(
            UnmatchedFilter::Source("z.txt".to_string()).to_string(),
            "No source is called “z.txt”"
        );
        check("#from=last%20week", "| Date(\"last week\")");
        check("#to=2018-13-40", "| Date(\"2018-13-40\")");
    }

    #[test]
    fn fragments_round_trip_and_garbage_never_panics() {
        let spec = FilterSpec {
            text: "Trump & \"Putin\" 100% #1 + Zürich".to_string(),
            entities: vec![
                "Vladimir Putin".to_string(),
                "Sarah Huckabee Sanders".to_string(),
            ],
            sources: vec!["folder/a b.txt#2".to_string()],
            from: Some("2018-07-01".to_string()),
            to: Some("2018-07-31".to_string()),
        };
        let fragment = spec.to_fragment();
        assert_eq!(
            fragment,
            "#q=Trump%20%26%20%22Putin%22%20100%25%20%231%20%2B%20Z%C3%BCrich\
             &entity=Vladimir%20Putin&entity=Sarah%20Huckabee%20Sanders\
             &source=folder%2Fa%20b.txt%232&from=2018-07-01&to=2018-07-31"
        );
        assert_eq!(FilterSpec::from_fragment(&fragment), spec);
        assert_eq!(FilterSpec::default().to_fragment(), "");
        assert_eq!(FilterSpec::from_fragment(""), FilterSpec::default());
        for garbage in [
            "#",
            "#&&&",
            "#=",
            "#q",
            "#q=%",
            "#q=%4",
            "#q=%zz%",
            "#q=%FF%FE",
            "#%71=x",
            "#from=&to=",
            "#entity=%E2%82",
            "q=a=b",
            "#q=%25%32%35",
        ] {
            let spec = FilterSpec::from_fragment(garbage);
            // Whatever was understood survives a second round trip unchanged.
            assert_eq!(
                FilterSpec::from_fragment(&spec.to_fragment()),
                spec,
                "{garbage}"
            );
        }
        assert_eq!(FilterSpec::from_fragment("#q=%zz%").text, "%zz%");
        assert_eq!(FilterSpec::from_fragment("#%71=x").text, "x");
        assert_eq!(FilterSpec::from_fragment("q=a=b").text, "a=b");
        assert_eq!(FilterSpec::from_fragment("#q=%FF").text, "\u{FFFD}");
        assert_eq!(FilterSpec::from_fragment("#q=a+b").text, "a b");
    }

    #[test]
    fn a_clicked_window_becomes_date_bounds_and_back() {
        let at = |s: &str| s.parse::<DateTime>().unwrap_or(DateTime::MIN);
        let july = (at("2018-07-01T00:00"), at("2018-08-01T00:00"));
        let spec = FilterSpec::default().with_window(july);
        assert_eq!(
            (spec.from.as_deref(), spec.to.as_deref()),
            (Some("2018-07-01"), Some("2018-07-31"))
        );
        assert_eq!(spec.date_window(), Some(july));
        let evening = (at("2018-07-19T18:00"), at("2018-07-19T21:00"));
        let spec = FilterSpec::default().with_window(evening);
        assert_eq!(
            (spec.from.as_deref(), spec.to.as_deref()),
            (Some("2018-07-19T18:00"), Some("2018-07-19T20:59"))
        );
        assert_eq!(spec.date_window(), Some(evening));
        assert_eq!(FilterSpec::from_fragment("#from=2018").date_window(), None);
    }

    #[test]
    fn facets_count_events_per_entity_and_source() {
        let analysis = toy();
        let index = EventIndex::with_dates(&analysis, toy_date);
        let entities: Vec<String> = index
            .entity_facets(&analysis)
            .iter()
            .map(|f| {
                format!(
                    "{} {:?} {} aliases {} events",
                    f.name, f.kind, f.aliases, f.events
                )
            })
            .collect();
        assert_eq!(
            entities,
            [
                "Donald Trump Person 1 aliases 2 events",
                "Vladimir Putin Person 1 aliases 2 events",
                "Helsinki Place 1 aliases 1 events",
                "Sarah Sanders Person 1 aliases 1 events",
                "Washington Place 1 aliases 1 events",
            ]
        );
        let sources: Vec<String> = index
            .source_facets(&analysis)
            .iter()
            .map(|f| format!("{} {} {}", f.key, f.label, f.events))
            .collect();
        assert_eq!(sources, ["a.txt a 2", "b.txt b 2", "c.txt c 2"]);
    }

    #[test]
    fn on_the_seeds_a_reader_narrows_to_helsinki_putin_and_one_week() {
        let analysis = seeds::analysis();
        let index = EventIndex::new(analysis);
        let all = index.filter_events(analysis, &FilterSpec::default());
        assert_eq!(all, seeds::all_events());

        // Searching for the summit city finds the summit day and nothing about August.
        let helsinki = index.filter_events(analysis, &FilterSpec::from_fragment("#q=helsinki"));
        assert!(helsinki.contains(&seeds::event_on("2018-07-16").unwrap_or(EventId(u32::MAX))));
        assert!(!helsinki.contains(&seeds::event_on("2018-08").unwrap_or(EventId(u32::MAX))));
        assert!(helsinki.len() < all.len());

        // Putin is a facet with aliases, and filtering by him keeps only events naming him.
        let facets = index.entity_facets(analysis);
        let putin = facets.iter().find(|f| f.name == "Vladimir Putin");
        assert!(
            putin.is_some_and(|f| f.aliases >= 2 && f.events >= 3),
            "{facets:?}"
        );
        let spec = FilterSpec {
            entities: vec!["Vladimir Putin".to_string()],
            ..FilterSpec::default()
        };
        let with_putin = index.filter_events(analysis, &spec);
        assert_eq!(Some(with_putin.len()), putin.map(|f| f.events));
        for id in &with_putin {
            let event = analysis.events.iter().find(|e| e.id == *id);
            let text: String = event
                .map(|e| {
                    e.mentions
                        .iter()
                        .map(|m| {
                            m.span
                                .slice(&analysis.sources[m.document.index()].document.text)
                        })
                        .collect()
                })
                .unwrap_or_default();
            assert!(text.contains("Putin"), "{text}");
        }

        // The summit week, 16 to 22 July, holds the summit and the invitation but not 2007.
        let week = index.filter_events(
            analysis,
            &FilterSpec::from_fragment("#from=2018-07-16&to=2018-07-22"),
        );
        assert!(week.contains(&seeds::event_on("2018-07-19").unwrap_or(EventId(u32::MAX))));
        assert!(!week.contains(&seeds::event_on("2007-07").unwrap_or(EventId(u32::MAX))));

        // A source's key finds exactly the events that list it.
        let sources = index.source_facets(analysis);
        assert_eq!(sources.len(), 5);
        let xinhua = sources.iter().find(|s| s.key.starts_with("003_"));
        let spec = FilterSpec {
            sources: xinhua.map(|s| vec![s.key.clone()]).unwrap_or_default(),
            ..FilterSpec::default()
        };
        let only = index.filter_events(analysis, &spec);
        assert_eq!(Some(only.len()), xinhua.map(|s| s.events));
        assert_eq!(xinhua.map(|s| s.label.as_str()), Some("Xinhua"));
    }
}
