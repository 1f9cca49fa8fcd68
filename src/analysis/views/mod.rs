//! The pure computations the timeline UI renders: filters and their URL fragment, date bands, the
//! time axis, the source coverage matrix, key dates and word differences between versions. They
//! read a finished [`Analysis`] and never change it; the UI only draws what they return, so every
//! one of them is tested natively. Like the rest of `analysis`, they read no clock and do no I/O.
//!
//! Undated background events are a first-class case everywhere: every view reads an event's date
//! through one private helper, `event_date`, which answers `None` for an event without a calendar
//! date.

pub mod axis;
pub mod bands;
pub mod coverage;
pub mod diff;
pub mod filter;
pub mod keydates;

pub use axis::{Axis, Lane, Mark, Stretch, Tick, time_axis};
pub use bands::{Band, date_bands};
pub use coverage::{Coverage, CoverageRow, source_coverage, source_coverage_of};
pub use diff::{DiffRun, mention_diffs, word_diff};
pub use filter::{
    EntityFacet, EventIndex, FilterSpec, SourceFacet, UnmatchedFilter, unmatched_filters,
};
pub use keydates::{KeyDate, key_dates};

use super::article::Document;
use super::timeline::{Event, EventId};
use super::timevalue::TimeValue;
use super::{Analysis, SourceAnalysis};

/// How a view reads an event's date. The public functions pass [`event_date`]; the tests pass
/// variants that leave chosen events undated, so that the undated case is exercised.
type DateOf = for<'e> fn(&'e Event) -> Option<&'e TimeValue>;

/// The calendar date of an event, or `None` for undated background. It is the only place the
/// views read `Event::date`.
fn event_date(event: &Event) -> Option<&TimeValue> {
    event.date.as_ref()
}

/// Looks an event up by id. Events are numbered in timeline order, so the id is normally the
/// index; the fallback search keeps a hand-built or filtered analysis correct.
fn find_event(analysis: &Analysis, id: EventId) -> Option<&Event> {
    match analysis.events.get(id.0 as usize) {
        Some(event) if event.id == id => Some(event),
        _ => analysis.events.iter().find(|e| e.id == id),
    }
}

/// The key that names a source in a filter and in the URL: the file name as given, plus `#part`
/// for the later articles of a multi-article file.
pub fn source_key(document: &Document) -> String {
    if document.part > 0 {
        format!("{}#{}", document.file, document.part)
    } else {
        document.file.clone()
    }
}

/// The source behind an article id, when it exists.
fn source_of(analysis: &Analysis, id: super::ArticleId) -> Option<&SourceAnalysis> {
    analysis.sources.get(id.index())
}

/// Appends `text` folded for matching: lower case, Latin accents stripped ("Zürich" and
/// "Zurich", "Øresund" and "Oresund" meet), curly quotes made straight, dashes made hyphens and
/// every kind of space a plain space. News copy mixes these freely, so search and word
/// differences compare folded text.
fn fold_into(text: &str, out: &mut String) {
    // The standard library's lower-casing copies ASCII a word at a time; only text that is still
    // non-ASCII afterwards needs folding character by character.
    let lower = text.to_lowercase();
    if lower.is_ascii() {
        out.push_str(&lower);
        return;
    }
    for c in lower.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            fold_char(c, out);
        }
    }
}

/// Appends one non-ASCII character folded; see [`fold_into`].
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => {
            out.push('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        c if c.is_whitespace() => out.push(' '),
        c => {
            for lower in c.to_lowercase() {
                out.push(base_letter(lower));
            }
        }
    }
}

/// Folds a whole string; see [`fold_into`].
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// The unaccented base of a lower-case Latin letter, or the letter itself.
fn base_letter(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

#[cfg(test)]
pub(crate) mod seeds {
    //! The five seed articles, analysed once for every view's tests.

    use std::sync::LazyLock;

    use crate::analysis::ingest::{IngestConfig, ingest_file};
    use crate::analysis::{Analysis, Config, EventId, analyze};

    const FILES: [(&str, &[u8]); 5] = [
        (
            "000_2c93c9751dd572a9.txt",
            include_bytes!("../../../tests/data/seeds/000_2c93c9751dd572a9.txt"),
        ),
        (
            "001_1d7a7702461e28db.txt",
            include_bytes!("../../../tests/data/seeds/001_1d7a7702461e28db.txt"),
        ),
        (
            "002_525ae5a469998585.txt",
            include_bytes!("../../../tests/data/seeds/002_525ae5a469998585.txt"),
        ),
        (
            "003_30b58145e12fbd7b.txt",
            include_bytes!("../../../tests/data/seeds/003_30b58145e12fbd7b.txt"),
        ),
        (
            "004_3c97cdc25987cca6.txt",
            include_bytes!("../../../tests/data/seeds/004_3c97cdc25987cca6.txt"),
        ),
    ];

    static SEEDS: LazyLock<Analysis> = LazyLock::new(|| {
        let documents: Vec<_> = FILES
            .iter()
            .flat_map(|(name, bytes)| ingest_file(name, bytes, &IngestConfig::default()).documents)
            .collect();
        analyze(&documents, &Config::default())
    });

    /// The analysis of the seeds.
    pub fn analysis() -> &'static Analysis {
        &SEEDS
    }

    /// Every event of the seeds, in timeline order.
    pub fn all_events() -> Vec<EventId> {
        SEEDS.events.iter().map(|e| e.id).collect()
    }

    /// The id of the best-supported event on a date value, for assertions that name dates.
    pub fn event_on(value: &str) -> Option<EventId> {
        SEEDS
            .events
            .iter()
            .filter(|e| super::event_date(e).is_some_and(|d| d.value == value))
            .max_by_key(|e| e.sources.len())
            .map(|e| e.id)
    }
}

#[cfg(test)]
pub(crate) mod toy {
    //! A small hand-built analysis, so that each view's tests state exactly the events, sources,
    //! entities and wire copies they need.

    use crate::analysis::sentences::{SentenceIdx, split_sentences};
    use crate::analysis::syndication::{SyndicationGroup, independence_keys};
    use crate::analysis::{
        Analysis, ArticleId, Document, Entity, EntityId, EntityKind, EntityMention, Event, EventId,
        Provenance, SourceAnalysis, Span, TimeValue,
    };

    /// The date of a toy event: an event built with the date `""` is undated background.
    pub fn toy_date(event: &Event) -> Option<&TimeValue> {
        super::event_date(event).filter(|d| !d.value.is_empty())
    }

    /// An analysis under construction.
    pub struct Toy(Analysis);

    impl Toy {
        /// Sources with these texts, named `a.txt`, `b.txt`... in order.
        pub fn sources(texts: &[&str]) -> Toy {
            let sources = texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let file = format!("{}.txt", char::from(b'a' + i as u8));
                    SourceAnalysis {
                        id: ArticleId(i as u32),
                        sentences: split_sentences(text, &[]),
                        document: Document::from_text(&file, 0, text.to_string()),
                        timexes: Vec::new(),
                        estimate: None,
                    }
                })
                .collect();
            Toy(Analysis {
                sources,
                events: Vec::new(),
                syndication: Vec::new(),
                entities: Vec::new(),
                quotes: Vec::new(),
            })
        }

        /// The span of the first occurrence of `needle` in a source.
        fn find(&self, document: u32, needle: &str) -> Span {
            let text = &self.0.sources[document as usize].document.text;
            let start = text
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} is not in source {document}"));
            Span::new(start, start + needle.len())
        }

        /// Adds an event on a TimeML date (`""` for undated) reported by the sentences that
        /// contain each `(source, words)`; the first mention is the representative.
        pub fn event(mut self, date: &str, mentions: &[(u32, &str)]) -> Toy {
            let mut provenance = Vec::new();
            for &(document, words) in mentions {
                let hit = self.find(document, words);
                let sentences = &self.0.sources[document as usize].sentences;
                let (idx, span) = sentences
                    .iter()
                    .enumerate()
                    .find(|(_, s)| s.contains(hit))
                    .unwrap_or_else(|| panic!("{words:?} is not inside one sentence"));
                provenance.push(Provenance {
                    document: ArticleId(document),
                    sentence: SentenceIdx(idx as u32),
                    span: *span,
                    date_span: None,
                });
            }
            let text = provenance
                .first()
                .map(|p| {
                    p.span
                        .slice(&self.0.sources[p.document.index()].document.text)
                })
                .unwrap_or_default()
                .to_string();
            let mut sources: Vec<ArticleId> = provenance.iter().map(|p| p.document).collect();
            sources.sort();
            sources.dedup();
            let date = TimeValue::parse(date);
            self.0.events.push(Event {
                id: EventId(self.0.events.len() as u32),
                date,
                text,
                representative: 0,
                sources,
                mentions: provenance,
                independent_sources: 0,
                single_source: false,
                conflicts: Vec::new(),
            });
            self
        }

        /// Adds an entity named at each `(source, words)`.
        pub fn entity(mut self, name: &str, kind: EntityKind, mentions: &[(u32, &str)]) -> Toy {
            let mut spans: Vec<EntityMention> = mentions
                .iter()
                .map(|&(document, words)| EntityMention {
                    document: ArticleId(document),
                    span: self.find(document, words),
                })
                .collect();
            spans.sort();
            let mut aliases: Vec<String> = mentions.iter().map(|m| m.1.to_string()).collect();
            aliases.sort();
            aliases.dedup();
            self.0.entities.push(Entity {
                id: EntityId(self.0.entities.len() as u32),
                name: name.to_string(),
                kind,
                aliases,
                roles: Vec::new(),
                mentions: spans,
            });
            self
        }

        /// Marks these sources as wire copies of one story.
        pub fn copies(mut self, documents: &[u32]) -> Toy {
            self.0.syndication.push(SyndicationGroup {
                documents: documents.iter().map(|&d| ArticleId(d)).collect(),
                reason: "copies".to_string(),
            });
            self
        }

        /// The finished analysis, with independent-source counts as the timeline computes them.
        pub fn build(mut self) -> Analysis {
            let keys = independence_keys(&self.0.syndication, self.0.sources.len());
            for event in &mut self.0.events {
                let mut groups: Vec<usize> =
                    event.sources.iter().map(|s| keys[s.index()]).collect();
                groups.sort();
                groups.dedup();
                event.independent_sources = groups.len();
                event.single_source = event.sources.len() == 1;
            }
            self.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        assert_eq!(fold(text), expect, "folding {text:?}");
    }

    #[test]
    fn folds_case_accents_quotes_and_dashes() {
        check("Zürich", "zurich");
        check("ØRESUND Straße", "oresund strasse");
        check(
            "Putin\u{2019}s \u{201C}strong\u{201D}",
            "putin's \"strong\"",
        );
        check("2017\u{2013}2018", "2017-2018");
        check("São Paulo\u{A0}Łódź", "sao paulo lodz");
        check("Ceaușescu, Œuvre", "ceausescu, oeuvre");
        check("Путин", "путин");
        check(
            "MIXED Ünïcode AND ascii RUNS é",
            "mixed unicode and ascii runs e",
        );
        check("", "");
    }
}
