//! The merged timeline: one entry per event, in date order, with its date at its real
//! granularity, a representative sentence and one chip per source.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{AppState, ReaderTarget};
use crate::analysis::export::export_json;
use crate::analysis::timeline::ConflictKind;
use crate::analysis::{Analysis, TimeValue};
use crate::web;

/// The timeline list with its export button.
#[component]
pub fn TimelineView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        if let Some(analysis) = state.analysis.get_untracked() {
            let _ = web::download_text(
                "crossread.json",
                "application/json",
                &export_json(&analysis),
            );
        }
    };
    view! {
        <div class="panel timeline-panel">
            <div class="panel-head">
                <h2>"Timeline"</h2>
                <button
                    id="export-json"
                    class="button"
                    type="button"
                    on:click=export
                    disabled=move || state.analysis.with(Option::is_none)
                >
                    "Export JSON"
                </button>
            </div>
            {move || match state.analysis.get() {
                None => view! {
                    <p class="empty">"Drop articles about one story, or try the sample, to see what happened when and who says so."</p>
                }.into_any(),
                Some(analysis) if analysis.events.is_empty() => view! {
                    <p class="empty">"No events were found in these articles yet."</p>
                }.into_any(),
                Some(analysis) => view! { <EventList analysis=analysis/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn EventList(analysis: Arc<Analysis>) -> impl IntoView {
    let entries = (0..analysis.events.len())
        .map(|i| view! { <EventCard analysis=analysis.clone() index=i/> })
        .collect::<Vec<_>>();
    view! { <ol id="timeline" class="timeline">{entries}</ol> }
}

/// One timeline entry.
#[component]
fn EventCard(analysis: Arc<Analysis>, index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = &analysis.events[index];
    let event_id = event.id;
    let count = event.sources.len();
    let count_label = match (count, event.independent_sources) {
        (1, _) => "1 source".to_string(),
        (n, i) if i < n => format!("{n} sources, {i} independent"),
        (n, _) => format!("{n} sources"),
    };
    let conflicts = event
        .conflicts
        .iter()
        .map(|c| {
            let versions = c
                .versions
                .iter()
                .map(|v| {
                    let names: Vec<String> = v
                        .sources
                        .iter()
                        .map(|d| analysis.sources[d.index()].label())
                        .collect();
                    let value = match c.kind {
                        ConflictKind::Date => TimeValue::parse(&v.value)
                            .map(|t| t.label())
                            .unwrap_or_else(|| v.value.clone()),
                        ConflictKind::Number | ConflictKind::Name | ConflictKind::Place => {
                            v.value.clone()
                        }
                    };
                    view! { <li><strong>{value}</strong>" according to "{names.join(", ")}</li> }
                })
                .collect::<Vec<_>>();
            let what = match c.kind {
                ConflictKind::Date => "Sources disagree on the date",
                ConflictKind::Number => "Sources disagree on a number",
                ConflictKind::Name => "Sources disagree on who",
                ConflictKind::Place => "Sources disagree on where",
            };
            view! {
                <details class="conflict">
                    <summary class="badge conflict-badge">{what}</summary>
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
            let source = &analysis.sources[doc.index()];
            let span = mention.span;
            let label = source.label();
            let title = format!("Open {label} at the sentence: {}", span.slice(&source.document.text));
            Some(view! {
                <li>
                    <button
                        class=format!("chip src-c{}", doc.0 % 10)
                        type="button"
                        title=title
                        data-file=source.document.file.clone()
                        data-doc=doc.0
                        data-start=span.start
                        data-end=span.end
                        on:click=move |_| {
                            state.reader.set(Some(ReaderTarget { document: doc, event: Some(event_id), current: Some(span) }))
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
    // Every source's own sentence, for comparing wordings without opening each source.
    let wordings = event
        .mentions
        .iter()
        .map(|m| {
            let source = &analysis.sources[m.document.index()];
            let doc = m.document;
            let span = m.span;
            let sentence = span.slice(&source.document.text).to_string();
            view! {
                <li class="wording">
                    <button
                        class="wording-open"
                        type="button"
                        data-doc=doc.0
                        data-start=span.start
                        data-end=span.end
                        on:click=move |_| {
                            state.reader.set(Some(ReaderTarget { document: doc, event: Some(event_id), current: Some(span) }))
                        }
                    >
                        <span class=format!("swatch src-c{}", doc.0 % 10) aria-hidden="true"></span>
                        <span class="wording-source">{source.label()}</span>
                    </button>
                    <q class="wording-text">{sentence}</q>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let mention_count = event.mentions.len();
    // An undated claim has no machine-readable date: its label stands alone.
    let value = event.date_value().to_string();
    let granularity = event
        .date
        .as_ref()
        .map_or("undated", |d| d.granularity.name());
    let datetime = event.date.as_ref().map(|d| d.value.clone());
    view! {
        <li class="event" tabindex="0" data-date=value data-granularity=granularity>
            <div class="event-head">
                <time class="event-date" datetime=datetime>{event.date_label()}</time>
                <span class="event-count">{count_label}</span>
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
}
