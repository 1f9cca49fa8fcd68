//! Every export of an analysis: the JSON shared by the CLI and the app's "Export JSON" (a
//! stable, documented schema, see README; later versions add fields, they never rename these),
//! the text dump, and the reports in `markdown`, `html`, `timelinejs` and `csv`. Exports only
//! reshape the analysis; they must not compute anything new.

mod csv;
mod html;
mod markdown;
mod timelinejs;

pub use csv::export_csv;
pub use html::export_html_report;
pub use markdown::export_markdown;
pub use timelinejs::export_timelinejs;

use serde::Serialize;

use super::article::{Boilerplate, Evidence, RejectedDate, Span};
use super::dating::DateEstimate;
use super::syndication::SyndicationGroup;
use super::timeline::{Conflict, ConflictKind, Event};
use super::timevalue::{Granularity, TimeValue};
use super::{Analysis, ArticleId, Entity, EventId, Quote, SourceAnalysis};

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

/// The heading of a report when no source has a title.
const DEFAULT_TITLE: &str = "Crossread timeline";

/// The date of an event, when it has one. Every format goes through this one accessor, so an
/// undated event (the timeline is growing a place for background without a date) is handled the
/// same way everywhere: listed under "Undated" in the reports, left out of TimelineJS, which
/// refuses events without a start date, and written with empty date cells in CSV.
fn event_date(event: &Event) -> Option<&TimeValue> {
    event.date.as_ref()
}

/// The headline that best names the story: the source title whose words recur most in the other
/// titles (ties go to the lowest id), else "Crossread timeline". It only picks one of the given
/// titles, so a report never shows a headline that no source wrote.
fn story_title(analysis: &Analysis) -> String {
    let titles: Vec<(&str, Vec<String>)> = analysis
        .sources
        .iter()
        .filter_map(|s| s.document.title.as_ref())
        .map(|t| t.value.trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let mut words: Vec<String> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 3)
                .map(str::to_lowercase)
                .collect();
            words.sort();
            words.dedup();
            (t, words)
        })
        .collect();
    let score = |i: usize| -> usize {
        titles[i]
            .1
            .iter()
            .map(|w| {
                titles
                    .iter()
                    .enumerate()
                    .filter(|(j, (_, other))| *j != i && other.binary_search(w).is_ok())
                    .count()
            })
            .sum()
    };
    let mut best: Option<(usize, usize)> = None;
    for i in 0..titles.len() {
        let s = score(i);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| titles[i].0.to_string())
        .unwrap_or_else(|| DEFAULT_TITLE.to_string())
}

/// "5 sources, 4 independent".
fn count_line(event: &Event) -> String {
    let n = event.sources.len();
    format!(
        "{n} source{}, {} independent",
        if n == 1 { "" } else { "s" },
        event.independent_sources
    )
}

/// The short names of some sources, joined with commas.
fn source_labels(analysis: &Analysis, ids: &[ArticleId]) -> String {
    ids.iter()
        .filter_map(|id| analysis.sources.get(id.index()))
        .map(SourceAnalysis::label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A source's sentence behind one mention, or "" when the span does not fit the text.
fn mention_text(analysis: &Analysis, document: ArticleId, span: Span) -> &str {
    analysis
        .sources
        .get(document.index())
        .map(|s| span.slice(&s.document.text))
        .unwrap_or("")
}

/// A disputed value as people read it: a date value gets its label, a number stays as given.
fn version_label(kind: ConflictKind, value: &str) -> String {
    match (kind, TimeValue::parse(value)) {
        (ConflictKind::Date, Some(t)) => t.label(),
        _ => value.to_string(),
    }
}

/// Each conflict of an event in one line of plain text: "Sources disagree on the date:
/// Wednesday 18 July 2018 (A, B) / Tuesday 17 July 2018 (C)".
fn conflict_lines(analysis: &Analysis, event: &Event) -> Vec<String> {
    event
        .conflicts
        .iter()
        .map(|c| {
            let versions: Vec<String> = c
                .versions
                .iter()
                .map(|v| {
                    format!(
                        "{} ({})",
                        version_label(c.kind, &v.value),
                        source_labels(analysis, &v.sources)
                    )
                })
                .collect();
            let what = match c.kind {
                ConflictKind::Date => "the date",
                ConflictKind::Number => "a number",
                ConflictKind::Name => "who",
                ConflictKind::Place => "where",
            };
            format!("Sources disagree on {what}: {}", versions.join(" / "))
        })
        .collect()
}

/// How a source is dated, in one line of plain text: the publication date with its evidence,
/// else the estimate with its reasoning.
fn dating_line(source: &SourceAnalysis) -> String {
    match (&source.document.published, &source.estimate) {
        (Some(p), _) => format!(
            "Published {} (from the {}: \"{}\")",
            p.date.label(),
            p.evidence.source,
            p.evidence.raw.trim()
        ),
        (None, Some(e)) => format!("Estimated {}: {}", e.date.label(), e.reasoning),
        (None, None) => "No publication date".to_string(),
    }
}

/// The copy group a source belongs to, in one line of plain text, when it has one.
fn syndication_line(analysis: &Analysis, source: &SourceAnalysis) -> Option<String> {
    let (i, group) = analysis
        .syndication
        .iter()
        .enumerate()
        .find(|(_, g)| g.documents.contains(&source.id))?;
    let others: Vec<ArticleId> = group
        .documents
        .iter()
        .copied()
        .filter(|d| *d != source.id)
        .collect();
    Some(format!(
        "Copy group {} with {}: {}",
        i + 1,
        source_labels(analysis, &others),
        group.reason
    ))
}

/// Runs of consecutive events that share one date value, in timeline order, each with its date
/// (`None` for undated events), so that reports band entries at their real granularity.
fn date_bands(analysis: &Analysis) -> Vec<(Option<&TimeValue>, Vec<&Event>)> {
    let mut bands: Vec<(Option<&TimeValue>, Vec<&Event>)> = Vec::new();
    for e in &analysis.events {
        let date = event_date(e);
        match bands.last_mut() {
            Some((d, events)) if *d == date => events.push(e),
            _ => bands.push((date, vec![e])),
        }
    }
    bands
}

/// Collapses every run of white space (newlines included) into one space, so that a sentence
/// stays on one line of a report.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for HTML element content and double-quoted attribute values alike.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
