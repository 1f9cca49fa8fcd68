//! The merged timeline: events in date bands at their real granularity, each with its
//! representative sentence, one chip per source, its corroboration and its conflicts, and every
//! source's own wording with the words that differ marked. Long timelines are paged.

use std::sync::Arc;

use leptos::prelude::*;

use super::axis::TimeAxis;
use super::state::{Analysed, AppState, ReaderTarget};
use crate::analysis::timeline::ConflictKind;
use crate::analysis::views::{date_bands, mention_diffs};
use crate::analysis::{Event, EventId, TimeValue};

/// How many entries are rendered at first, and added by each "Show more".
const PAGE: usize = 60;

/// The date of an event, when it has one.
pub fn event_date(event: &Event) -> Option<&TimeValue> {
    event.date.as_ref()
}

/// The timeline with its axis, or a hint when there is nothing to show yet.
#[component]
pub fn TimelineView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    // A new filter or a new analysis starts again from the first page.
    Effect::new(move |_| {
        state.filter.track();
        state.analysed.track();
        shown.set(PAGE);
    });
    let matching = move || {
        let analysed = state.analysed.get()?;
        let ids = state
            .filter
            .with(|spec| analysed.index.filter_events(&analysed.analysis, spec));
        Some((analysed, Arc::new(ids)))
    };
    view! {
        <div class="panel timeline-panel" role="tabpanel" aria-labelledby="tab-timeline">
            {move || match matching() {
                None => view! {
                    <p class="empty">"Drop articles about one story, or try the sample, to see what happened when and who says so."</p>
                }.into_any(),
                Some((analysed, _)) if analysed.analysis.events.is_empty() => view! {
                    <p class="empty">"No event was found in these articles yet."</p>
                }.into_any(),
                Some((analysed, ids)) => {
                    let total = analysed.analysis.events.len();
                    let count = ids.len();
                    let summary = if count == total {
                        format!("{total} events")
                    } else {
                        format!("{count} of {total} events match the filters")
                    };
                    view! {
                        <TimeAxis analysed=analysed.clone() ids=ids.clone()/>
                        <p id="timeline-count" class="timeline-count" aria-live="polite">{summary}</p>
                        <EventBands analysed=analysed ids=ids shown=shown/>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// The matching events in date bands, paged.
#[component]
fn EventBands(
    analysed: Arc<Analysed>,
    ids: Arc<Vec<EventId>>,
    shown: RwSignal<usize>,
) -> impl IntoView {
    let total = ids.len();
    let list = move || {
        let limit = shown.get().min(total);
        let bands = date_bands(&analysed.analysis, &ids[..limit]);
        bands
            .into_iter()
            .map(|band| {
                let undated = band.value.is_none();
                let granularity = band.granularity.map(|g| g.name()).unwrap_or("undated");
                let heading = band.label.clone();
                let cards = band
                    .events
                    .iter()
                    .map(|&id| view! { <EventCard analysed=analysed.clone() id=id band=band.label.clone()/> })
                    .collect::<Vec<_>>();
                view! {
                    <li class="band" class:undated=undated data-granularity=granularity>
                        <h3 class="band-head">
                            <span class="band-label">{heading}</span>
                            <span class="band-kind">{granularity_note(band.granularity.map(|g| g.name()))}</span>
                        </h3>
                        <ol class="band-events">{cards}</ol>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let more = move || {
        let limit = shown.get();
        (limit < total).then(|| {
            let next = (total - limit).min(PAGE);
            view! {
                <button id="show-more" class="button more" type="button" on:click=move |_| shown.update(|s| *s += PAGE)>
                    {format!("Show {next} more ({} not shown)", total - limit)}
                </button>
            }
        })
    };
    view! {
        <ol id="timeline" class="timeline" aria-label="Events in date order">{list}</ol>
        {more}
    }
}

/// A short note on a band's precision, for the bands that are not single days.
fn granularity_note(granularity: Option<&'static str>) -> &'static str {
    match granularity {
        None => "no date in the text",
        Some("day") | Some("time") => "",
        Some("week") => "a week",
        Some("month") => "a month",
        Some("season") => "a season",
        Some("quarter") => "a quarter",
        Some("half") => "half a year",
        Some("year") => "a year",
        Some("decade") => "a decade",
        Some("century") => "a century",
        Some(_) => "",
    }
}

/// What the count under an entry says: sources, and independent ones when copies are among them.
fn count_label(sources: usize, independent: usize) -> String {
    match (sources, independent) {
        (1, _) => "1 source".to_string(),
        (n, i) if i < n => format!("{n} sources, {i} independent"),
        (n, _) => format!("{n} sources"),
    }
}

/// One timeline entry.
#[component]
fn EventCard(analysed: Arc<Analysed>, id: EventId, band: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let analysis = &analysed.analysis;
    let Some(event) = analysis.events.get(id.0 as usize) else {
        return ().into_any();
    };
    let label_of = |d: crate::analysis::ArticleId| {
        analysis
            .sources
            .get(d.index())
            .map(|s| s.label())
            .unwrap_or_default()
    };
    let conflicts = event
        .conflicts
        .iter()
        .map(|c| {
            let versions = c
                .versions
                .iter()
                .map(|v| {
                    let names: Vec<String> = v.sources.iter().map(|&d| label_of(d)).collect();
                    let value = match c.kind {
                        ConflictKind::Date => TimeValue::parse(&v.value)
                            .map(|t| t.label())
                            .unwrap_or_else(|| v.value.clone()),
                        _ => v.value.clone(),
                    };
                    view! { <li><strong>{value}</strong>" according to "{names.join(", ")}</li> }
                })
                .collect::<Vec<_>>();
            view! {
                <details class="conflict">
                    <summary class="badge conflict-badge">{conflict_title(c.kind)}</summary>
                    <ul>{versions}</ul>
                </details>
            }
        })
        .collect::<Vec<_>>();
    // One chip per source, opening that source's first supporting sentence.
    let chips = event
        .sources
        .iter()
        .filter_map(|&doc| {
            let mention = event.mentions.iter().find(|m| m.document == doc)?;
            let source = analysis.sources.get(doc.index())?;
            let span = mention.span;
            let label = source.label();
            let title = format!("Open {label} at the sentence: {}", span.slice(&source.document.text));
            Some(view! {
                <li>
                    <button
                        class=format!("chip src-c{}", doc.0 % 10)
                        class:active=move || state.reader.with(|r| {
                            r.as_ref().is_some_and(|t| t.document == doc && t.current == Some(span))
                        })
                        aria-pressed=move || state.reader.with(|r| {
                            r.as_ref().is_some_and(|t| t.document == doc && t.current == Some(span)).to_string()
                        })
                        type="button"
                        title=title
                        data-file=source.document.file.clone()
                        data-doc=doc.0
                        data-start=span.start
                        data-end=span.end
                        on:click=move |_| {
                            state.reader.set(Some(ReaderTarget { document: doc, event: Some(id), current: Some(span) }))
                        }
                    >
                        {label}
                    </button>
                </li>
            })
        })
        .collect::<Vec<_>>();
    let single = event
        .single_source
        .then(|| view! { <span class="badge single">"single source"</span> });
    let copies = (event.independent_sources < event.sources.len()).then(|| {
        view! {
            <span class="badge copies" title="Wire copies of one story count once">
                {format!("{} wire cop{}", event.sources.len() - event.independent_sources, if event.sources.len() - event.independent_sources == 1 { "y" } else { "ies" })}
            </span>
        }
    });
    // Every source's own sentence, with the words that differ from the representative marked.
    let diffs = mention_diffs(analysis, id);
    let wordings = event
        .mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let source = analysis.sources.get(m.document.index())?;
            let doc = m.document;
            let span = m.span;
            let sentence = span.slice(&source.document.text);
            let runs = diffs
                .get(i)
                .map(|runs| {
                    runs.iter()
                        .map(|run| {
                            let words = run.span.slice(sentence).to_string();
                            if run.changed {
                                view! { <ins class="diff">{words}</ins> }.into_any()
                            } else {
                                view! { <span>{words}</span> }.into_any()
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            Some(view! {
                <li class="wording">
                    <button
                        class="wording-open"
                        type="button"
                        data-doc=doc.0
                        data-start=span.start
                        data-end=span.end
                        on:click=move |_| {
                            state.reader.set(Some(ReaderTarget { document: doc, event: Some(id), current: Some(span) }))
                        }
                    >
                        <span class=format!("swatch src-c{}", doc.0 % 10) aria-hidden="true"></span>
                        <span class="wording-source">{source.label()}</span>
                    </button>
                    <q class="wording-text">{runs}</q>
                </li>
            })
        })
        .collect::<Vec<_>>();
    let mention_count = event.mentions.len();
    let (date_value, date_label, granularity) = match event_date(event) {
        Some(d) => (d.value.clone(), d.label(), d.granularity.name()),
        None => (String::new(), "Undated".to_string(), "undated"),
    };
    let count = count_label(event.sources.len(), event.independent_sources);
    let heading = format!("{date_label}: {}", event.text);
    let datetime = date_value.clone();
    // Under its own band the date would only repeat the heading; it stays for screen readers.
    let same_as_band = date_label == band;
    view! {
        <li class="event" tabindex="0" data-date=date_value data-granularity=granularity aria-label=heading>
            <div class="event-head">
                <time class="event-date" class:same-as-band=same_as_band datetime=datetime>{date_label}</time>
                <span class="event-count">{count}</span>
                {copies}
                {single}
            </div>
            <p class="event-text">{event.text.clone()}</p>
            {conflicts}
            <ul class="chips" aria-label="Sources reporting this">{chips}</ul>
            <details class="wordings">
                <summary>{format!("Every source's sentence ({mention_count})")}</summary>
                <ul>{wordings}</ul>
            </details>
        </li>
    }
    .into_any()
}

/// The badge of a conflict, by what is disputed.
fn conflict_title(kind: ConflictKind) -> &'static str {
    match kind {
        ConflictKind::Date => "Sources disagree on the date",
        ConflictKind::Number => "Sources disagree on a number",
        #[allow(
            unreachable_patterns,
            reason = "newer conflict kinds share the general wording"
        )]
        _ => "Sources disagree",
    }
}
