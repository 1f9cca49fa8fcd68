//! The reader pane: one source's stored text, with the opened sentence highlighted, the event's
//! other mentions marked and boilerplate greyed, a card with the source's metadata and its
//! evidence, and buttons that walk the event's mentions. Text is rendered as text nodes only.

use leptos::prelude::*;

use super::state::{AppState, ReaderTarget};
use crate::analysis::Span;
use crate::analysis::highlight::{RunKind, highlight_runs};
use crate::web;

/// The reader pane; hidden until a source is opened.
#[component]
pub fn ReaderPane() -> impl IntoView {
    let state = expect_context::<AppState>();
    let content = move || {
        let target = state.reader.get()?;
        let analysed = state.analysed.get()?;
        let analysis = &analysed.analysis;
        let source = analysis.sources.get(target.document.index())?;
        let doc = &source.document;
        let boilerplate: Vec<Span> = doc.boilerplate.iter().map(|b| b.span).collect();
        let mentions: Vec<Span> = target
            .event
            .and_then(|e| analysis.events.get(e.0 as usize))
            .map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.document == target.document)
                    .map(|m| m.span)
                    .collect()
            })
            .unwrap_or_default();
        let runs = highlight_runs(&doc.text, &boilerplate, &mentions, target.current);
        let pieces = runs
            .into_iter()
            .map(|run| {
                let text = run.span.slice(&doc.text).to_string();
                match run.kind {
                    RunKind::Plain => view! { <span>{text}</span> }.into_any(),
                    RunKind::Boilerplate => {
                        let flagged = doc
                            .boilerplate
                            .iter()
                            .find(|b| b.span.contains(run.span))
                            .cloned();
                        let reason = flagged
                            .as_ref()
                            .map(|b| format!("Flagged as boilerplate: {}", b.reason))
                            .unwrap_or_default();
                        let restore = flagged.map(|b| {
                            let label = format!("Restore as body text ({})", b.reason);
                            let document = target.document;
                            view! {
                                <button
                                    class="restore"
                                    type="button"
                                    title=label.clone()
                                    aria-label=label
                                    on:click=move |_| state.restore_boilerplate(document, b.span)
                                ></button>
                            }
                        });
                        view! { <span class="boilerplate" title=reason>{text}</span>{restore} }
                            .into_any()
                    }
                    RunKind::Mention => view! { <mark class="hl-mention">{text}</mark> }.into_any(),
                    RunKind::Current => view! { <mark class="hl-current">{text}</mark> }.into_any(),
                }
            })
            .collect::<Vec<_>>();
        let published = match (&doc.published, &source.estimate) {
            (Some(p), _) => {
                let rejected = p
                    .rejected
                    .iter()
                    .filter(|r| r.date != p.date)
                    .map(|r| {
                        format!(
                            "Rejected {} (“{}”): {}.",
                            r.date.label(),
                            r.evidence.raw,
                            r.reason
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                format!(
                    "Published {}, from the {} “{}”. {rejected}",
                    p.date.label(),
                    p.evidence.source,
                    p.evidence.raw
                )
            }
            (None, Some(e)) => format!("Undated; estimated {}: {}.", e.date.label(), e.reasoning),
            (None, None) => "Undated: no publication date was found.".to_string(),
        };
        let title = doc.title.as_ref().map(|t| t.value.clone());
        let label = source.label();
        let byline = (!doc.authors.is_empty()).then(|| {
            let names: Vec<String> = doc.authors.iter().map(|a| a.value.clone()).collect();
            view! { <p class="reader-byline">"By "{names.join(", ")}</p> }
        });
        let copies = analysis
            .syndication
            .iter()
            .filter(|g| g.documents.contains(&target.document))
            .map(|g| {
                let others: Vec<String> = g
                    .documents
                    .iter()
                    .filter(|d| **d != target.document)
                    .filter_map(|d| analysis.sources.get(d.index()).map(|s| s.label()))
                    .collect();
                view! { <p class="reader-copies">"Wire copy, counted once with "{others.join(", ")}": "{g.reason.clone()}</p> }
            })
            .collect::<Vec<_>>();
        // Previous and next walk every mention of the opened event, across sources.
        let walk = target.event.and_then(|e| analysis.events.get(e.0 as usize)).and_then(|event| {
            let at = event
                .mentions
                .iter()
                .position(|m| m.document == target.document && Some(m.span) == target.current)?;
            let step = |delta: isize| {
                let i = at as isize + delta;
                let m = event.mentions.get(usize::try_from(i).ok()?)?;
                Some(ReaderTarget { document: m.document, event: target.event, current: Some(m.span) })
            };
            let (prev, next) = (step(-1), step(1));
            let position = format!("Mention {} of {}", at + 1, event.mentions.len());
            Some(view! {
                <div class="reader-walk">
                    <button id="reader-prev" class="button" type="button" disabled=prev.is_none()
                        on:click=move |_| if let Some(t) = prev.clone() { state.reader.set(Some(t)) }>
                        "‹ Previous"
                    </button>
                    <span class="reader-position" aria-live="polite">{position}</span>
                    <button id="reader-next" class="button" type="button" disabled=next.is_none()
                        on:click=move |_| if let Some(t) = next.clone() { state.reader.set(Some(t)) }>
                        "Next ›"
                    </button>
                </div>
            })
        });
        Some(view! {
            <div class="reader-card">
                <p class=format!("reader-source src-c{}", target.document.0 % 10)>{label}</p>
                {title.map(|t| view! { <h2 class="reader-title">{t}</h2> })}
                {byline}
                <p class="reader-date">{published}</p>
                {copies}
                <p class="reader-file">{doc.file.clone()}</p>
            </div>
            {walk}
            <div id="reader-text" class="reader-text">{pieces}</div>
        })
    };
    Effect::new(move |_| {
        if state
            .reader
            .with(|r| r.as_ref().is_some_and(|t| t.current.is_some()))
        {
            // Runs after the view above has been patched into the page.
            web::scroll_within("#reader", "mark.hl-current");
        }
    });
    view! {
        <aside id="reader" class="reader" class:open=move || state.reader.with(Option::is_some) aria-label="Reader">
            <div class="reader-bar">
                {move || {
                    let target = state.reader.get()?;
                    let label = state.analysed.with(|a| {
                        a.as_ref()?.analysis.sources.get(target.document.index()).map(|s| s.label())
                    })?;
                    Some(view! {
                        <span class=format!("reader-bar-source src-c{}", target.document.0 % 10)>{label}</span>
                    })
                }}
                <button class="button quiet" type="button" aria-label="Close the reader" on:click=move |_| state.reader.set(None)>
                    "Close"
                </button>
            </div>
            {content}
        </aside>
    }
}
