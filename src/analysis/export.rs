//! The JSON export shared by the CLI and the app's "Export JSON": a stable, documented schema
//! (see README). Later versions add fields; they never rename these. It only reshapes the
//! analysis; it must not compute anything new.

use serde::Serialize;

use super::article::{Boilerplate, Evidence, RejectedDate, Span};
use super::dating::DateEstimate;
use super::syndication::SyndicationGroup;
use super::timeline::Conflict;
use super::timevalue::{Granularity, TimeValue};
use super::{Analysis, ArticleId, Entity, EventId, Quote};

/// The top-level export object.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    /// The schema version; bumped only for incompatible changes.
    pub schema: u32,
    /// The sources.
    pub documents: Vec<ExportDocument>,
    /// The merged timeline.
    pub events: Vec<ExportEvent>,
    /// Groups of articles that are copies of one story.
    pub syndication: Vec<SyndicationGroup>,
    /// People, organisations and places with their aliases, roles and mentions.
    pub entities: Vec<Entity>,
    /// Quotations with speakers, wordings and mentions.
    pub quotes: Vec<Quote>,
}

/// A date value with its granularity, as the export writes it.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDate {
    /// TimeML value, e.g. `2018-07-16` or `2018-FA`.
    pub value: String,
    /// `day`, `month`, `season`, `year`...
    pub granularity: Granularity,
}

impl From<&TimeValue> for ExportDate {
    fn from(t: &TimeValue) -> Self {
        ExportDate {
            value: t.value.clone(),
            granularity: t.granularity,
        }
    }
}

/// A publication date with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct ExportPublished {
    /// TimeML value.
    pub value: String,
    /// Its granularity.
    pub granularity: Granularity,
    /// Where it came from.
    pub evidence: Evidence,
    /// Candidates that were not used, with reasons.
    pub rejected: Vec<RejectedDate>,
}

/// One source.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDocument {
    /// The document id used by events.
    pub id: ArticleId,
    /// The file name as given.
    pub file: String,
    /// Position within a multi-article file.
    pub part: u32,
    /// Headline, when known.
    pub title: Option<String>,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date, when the file gives one.
    pub published: Option<ExportPublished>,
    /// For undated documents, the estimate from cross-references.
    pub estimated_date: Option<DateEstimate>,
    /// The stored text all offsets point into.
    pub text: String,
    /// Flagged boilerplate spans of `text`.
    pub boilerplate: Vec<Boilerplate>,
}

/// One supporting sentence.
#[derive(Debug, Clone, Serialize)]
pub struct ExportMention {
    /// The document id.
    pub document: ArticleId,
    /// Byte offset of the sentence start in that document's `text`.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The sentence itself, for readers of the JSON.
    pub text: String,
    /// The temporal expression dating it, when the sentence has one.
    pub date_span: Option<Span>,
}

/// One timeline entry.
#[derive(Debug, Clone, Serialize)]
pub struct ExportEvent {
    /// The event id.
    pub id: EventId,
    /// When it happened; `null` for an undated claim that several sources report.
    pub date: Option<ExportDate>,
    /// A human label of the date ("Monday 16 July 2018", "autumn 2018", "Undated").
    pub date_label: String,
    /// The representative sentence.
    pub text: String,
    /// The document ids that report it.
    pub sources: Vec<ArticleId>,
    /// Every supporting sentence.
    pub mentions: Vec<ExportMention>,
    /// Sources once wire copies count as one.
    pub independent_sources: usize,
    /// True when only one source reports it.
    pub single_source: bool,
    /// Indices into `syndication` of the copy groups among its sources.
    pub syndication_groups: Vec<usize>,
    /// Disagreements between the sources, each version with its sources.
    pub conflicts: Vec<Conflict>,
}

/// Reshapes an analysis into the export schema.
pub fn export_analysis(analysis: &Analysis) -> Export {
    let documents = analysis
        .sources
        .iter()
        .map(|s| {
            let d = &s.document;
            ExportDocument {
                id: s.id,
                file: d.file.clone(),
                part: d.part,
                title: d.title.as_ref().map(|f| f.value.clone()),
                outlet: d.outlet.as_ref().map(|f| f.value.clone()),
                published: d.published.as_ref().map(|p| ExportPublished {
                    value: p.date.value.clone(),
                    granularity: p.date.granularity,
                    evidence: p.evidence.clone(),
                    rejected: p.rejected.clone(),
                }),
                estimated_date: s.estimate.clone(),
                text: d.text.clone(),
                boilerplate: d.boilerplate.clone(),
            }
        })
        .collect();
    let events = analysis
        .events
        .iter()
        .map(|e| ExportEvent {
            id: e.id,
            date: e.date.as_ref().map(ExportDate::from),
            date_label: e.date_label(),
            text: e.text.clone(),
            sources: e.sources.clone(),
            mentions: e
                .mentions
                .iter()
                .map(|m| ExportMention {
                    document: m.document,
                    start: m.span.start,
                    end: m.span.end,
                    text: analysis.sources[m.document.index()]
                        .document
                        .text
                        .get(m.span.start..m.span.end)
                        .unwrap_or("")
                        .to_string(),
                    date_span: m.date_span,
                })
                .collect(),
            independent_sources: e.independent_sources,
            single_source: e.single_source,
            syndication_groups: analysis
                .syndication
                .iter()
                .enumerate()
                .filter(|(_, g)| g.documents.iter().any(|d| e.sources.contains(d)))
                .map(|(i, _)| i)
                .collect(),
            conflicts: e.conflicts.clone(),
        })
        .collect();
    Export {
        schema: 1,
        documents,
        events,
        syndication: analysis.syndication.clone(),
        entities: analysis.entities.clone(),
        quotes: analysis.quotes.clone(),
    }
}

/// The export as pretty-printed JSON.
pub fn export_json(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&export_analysis(analysis))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A stable plain-text rendering of the timeline, for snapshots and the terminal: one line per
/// event (date, source count, independent count, sources, representative sentence), then its
/// conflicts indented.
pub fn dump_timeline(analysis: &Analysis) -> String {
    let mut out = String::new();
    for e in &analysis.events {
        let sources: Vec<String> = e
            .sources
            .iter()
            .map(|s| analysis.sources[s.index()].label())
            .collect();
        out += &format!(
            "{} ({} source{}, {} independent) [{}] {}\n",
            e.date_value(),
            e.sources.len(),
            if e.sources.len() == 1 { "" } else { "s" },
            e.independent_sources,
            sources.join(", "),
            e.text
        );
        for c in &e.conflicts {
            let versions: Vec<String> = c
                .versions
                .iter()
                .map(|v| {
                    let names: Vec<String> = v
                        .sources
                        .iter()
                        .map(|s| analysis.sources[s.index()].label())
                        .collect();
                    format!("{} by {}", v.value, names.join(", "))
                })
                .collect();
            out += &format!("    conflict on {:?}: {}\n", c.kind, versions.join(" / "));
        }
    }
    out
}
