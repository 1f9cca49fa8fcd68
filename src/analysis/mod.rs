//! The pure analysis core: files in, articles, dates, cross-references and a timeline out.
//! It must never import a browser crate, read the clock, do I/O or use randomness, and the same
//! documents in any order give the same analysis.

pub mod alignment;
pub mod article;
pub mod dating;
pub mod entities;
pub mod export;
pub mod highlight;
pub mod ingest;
pub mod linkeval;
pub mod quotes;
pub mod sentences;
pub mod syndication;
pub mod synth;
pub mod temporal;
pub mod terms;
pub mod timeline;
pub mod timevalue;

use serde::{Deserialize, Serialize};

pub use article::{
    ArticleId, Boilerplate, Diagnostic, Document, Evidence, Field, Published, Severity, Span,
};
pub use entities::{Entity, EntityId, EntityKind, EntityMention};
pub use quotes::{Quote, QuoteId, QuoteMention, QuoteVariant};
pub use timeline::{Event, EventId, Provenance};
pub use timevalue::{Granularity, TimeValue};

use alignment::{AlignConfig, AlignUnit, align_sentences};
use dating::{DateEstimate, estimate_undated};
use sentences::{SentenceIdx, split_sentences};
use syndication::{SyndicationConfig, SyndicationGroup, find_syndication, independence_keys};
use temporal::{Timex, tag_timexes};
use timeline::{TimelineConfig, TimelineUnit, build_timeline};

/// Every option of the analysis, passed in explicitly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Sentence alignment across sources.
    pub align: AlignConfig,
    /// Event grouping.
    pub timeline: TimelineConfig,
    /// Wire-copy detection.
    pub syndication: SyndicationConfig,
}

/// One source after analysis: the parsed document with its sentences and dates.
///
/// Invariant: every span in `sentences` and `timexes` is a valid range of `document.text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceAnalysis {
    /// Its id, equal to its index in [`Analysis::sources`].
    pub id: ArticleId,
    /// The parsed document.
    pub document: Document,
    /// Its sentences, boilerplate excluded.
    pub sentences: Vec<Span>,
    /// Its temporal expressions, resolved against `reference_date`.
    pub timexes: Vec<Timex>,
    /// For an undated document, the date estimated from the other sources, with its reasoning.
    pub estimate: Option<DateEstimate>,
}

impl SourceAnalysis {
    /// The date relative expressions were resolved against: the publication date, else the estimate.
    pub fn reference_date(&self) -> Option<jiff::civil::Date> {
        match (&self.document.published, &self.estimate) {
            (Some(p), _) => p.date.as_day(),
            (None, Some(e)) => e.date.as_day(),
            (None, None) => None,
        }
    }

    /// A short name for the source: its outlet, else its title, else its file name.
    pub fn label(&self) -> String {
        if let Some(o) = &self.document.outlet {
            return o.value.clone();
        }
        let file = &self.document.file;
        let stem = file.rsplit('/').next().unwrap_or(file);
        let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
        if self.document.part > 0 {
            format!("{stem} #{}", self.document.part + 1)
        } else {
            stem.to_string()
        }
    }

    /// The text of one sentence.
    pub fn sentence_text(&self, idx: SentenceIdx) -> &str {
        self.sentences
            .get(idx.0 as usize)
            .map(|s| s.slice(&self.document.text))
            .unwrap_or("")
    }
}

/// The whole analysis of a set of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The sources, indexed by [`ArticleId`].
    pub sources: Vec<SourceAnalysis>,
    /// The merged timeline, in date order.
    pub events: Vec<Event>,
    /// Groups of wire copies.
    pub syndication: Vec<SyndicationGroup>,
    /// People, organisations and places, with their aliases across sources.
    pub entities: Vec<Entity>,
    /// Direct quotations with speakers, matched across sources.
    pub quotes: Vec<Quote>,
}

/// Analyses a set of documents. Documents are first put in a canonical order (file name, part,
/// then text), so the same documents in any order give the same analysis.
pub fn analyze(documents: &[Document], config: &Config) -> Analysis {
    let mut order: Vec<&Document> = documents.iter().collect();
    order.sort_by(|a, b| (&a.file, a.part, &a.text).cmp(&(&b.file, b.part, &b.text)));

    let mut sources: Vec<SourceAnalysis> = order
        .into_iter()
        .enumerate()
        .map(|(i, doc)| {
            let skip: Vec<Span> = doc.boilerplate.iter().map(|b| b.span).collect();
            SourceAnalysis {
                id: ArticleId(i as u32),
                sentences: split_sentences(&doc.text, &skip),
                document: doc.clone(),
                timexes: Vec::new(),
                estimate: None,
            }
        })
        .collect();

    let mut unit_keys: Vec<(ArticleId, SentenceIdx)> = Vec::new();
    let mut align_units: Vec<AlignUnit> = Vec::new();
    for s in &sources {
        for (i, span) in s.sentences.iter().enumerate() {
            unit_keys.push((s.id, SentenceIdx(i as u32)));
            align_units.push(AlignUnit {
                document: s.id,
                terms: terms::extract_terms(span.slice(&s.document.text)),
            });
        }
    }
    let links = align_sentences(&align_units, &config.align);

    for s in sources.iter_mut() {
        let dct = s.reference_date();
        s.timexes = tag_timexes(&s.document.text, dct);
    }
    let estimates = estimate_undated(&sources, &unit_keys, &links, config);
    for (id, estimate) in estimates {
        let s = &mut sources[id.index()];
        s.estimate = Some(estimate);
        let dct = s.reference_date();
        s.timexes = tag_timexes(&s.document.text, dct);
    }

    let sentence_counts: Vec<usize> = sources.iter().map(|s| s.sentences.len()).collect();
    let syndication = find_syndication(&unit_keys, &links, &sentence_counts, &config.syndication);
    let independence = independence_keys(&syndication, sources.len());
    let units = timeline_units(&sources);
    let entities = entities::extract_entities(&sources);
    let events = build_timeline(
        &units,
        &links,
        &independence,
        &entities,
        |u| sources[u.document.index()].sentence_text(u.sentence),
        &config.timeline,
    );
    let quotes = quotes::extract_quotes(&sources, &entities);
    Analysis {
        sources,
        events,
        syndication,
        entities,
        quotes,
    }
}

/// Every sentence of every source with the calendar dates it mentions, in the same order as the
/// alignment units.
pub fn timeline_units(sources: &[SourceAnalysis]) -> Vec<TimelineUnit> {
    let mut units = Vec::new();
    for s in sources {
        let mut timexes = s.timexes.iter().peekable();
        for (i, span) in s.sentences.iter().enumerate() {
            let mut dates = Vec::new();
            while let Some(t) = timexes.peek() {
                if t.span.start >= span.end {
                    break;
                }
                if span.contains(t.span)
                    && let Some(value) = TimeValue::parse(&t.value)
                {
                    dates.push((value, t.span));
                }
                timexes.next();
            }
            units.push(TimelineUnit {
                document: s.id,
                sentence: SentenceIdx(i as u32),
                span: *span,
                dates,
            });
        }
    }
    units
}
