//! The list of every file given, with its status: parsed (with its articles' dates) or the
//! plain-language reason it could not be used; then the parsed sources with their dates.

use leptos::prelude::*;

use super::state::{AppState, FileState, ReaderTarget, Tab};
use crate::analysis::session::FileStatus;

/// Every file with its status, then the parsed sources with their dates.
#[component]
pub fn SourceList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = move || {
        state
            .timing
            .get()
            .map(|t| format!("Analysed {} articles in {:.0} ms.", t.articles, t.millis))
    };
    let counts = move || {
        state.files.with(|files| {
            if files.is_empty() {
                return None;
            }
            let failed = files
                .iter()
                .filter(|f| matches!(f.state, FileState::Done(FileStatus::Failed(_))))
                .count();
            let note = match failed {
                0 => format!("{} files", files.len()),
                n => format!("{} files, {n} not usable", files.len()),
            };
            Some(note)
        })
    };
    view! {
        <div class="panel sources-panel">
            <div class="panel-head">
                <h2>"Sources"</h2>
                <span class="muted">{counts}</span>
            </div>
            <p class="timing" id="timing">{summary}</p>
            {move || state.analysed.with(Option::is_some).then(|| view! {
                <button id="open-coverage" class="button quiet wrap" type="button"
                    on:click=move |_| state.tab.set(Tab::Coverage)>
                    "Coverage: what each source reports and misses"
                </button>
            })}
            <ul id="sources" class="source-list" aria-label="Files given">
                <For
                    each=move || state.files.get()
                    key=|f| (f.key, format!("{:?}", f.state))
                    children=move |f| {
                        let (status, body) = match &f.state {
                            FileState::Reading => ("reading", view! { <span class="source-note">"Reading…"</span> }.into_any()),
                            FileState::Done(FileStatus::Parsed { documents, warnings }) => {
                                let note = if *documents == 1 { String::new() } else { format!("{documents} articles") };
                                let warn = warnings.join(" ");
                                ("parsed", view! {
                                    <span class="source-note">{note}</span>
                                    <span class="source-warning">{warn}</span>
                                }.into_any())
                            }
                            FileState::Done(FileStatus::Failed(reason)) => {
                                let reason = reason.clone();
                                ("error", view! { <span class="source-reason">{reason}</span> }.into_any())
                            }
                        };
                        view! {
                            <li class="source" data-file=f.name.clone() data-status=status>
                                <span class="source-name">{f.name.clone()}</span>
                                {body}
                            </li>
                        }
                    }
                />
            </ul>
            <DocumentList/>
        </div>
    }
}

/// The parsed articles, each with its colour, title and date evidence; clicking one opens it.
#[component]
fn DocumentList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        let Some(analysed) = state.analysed.get() else {
            return Vec::new();
        };
        analysed
            .analysis
            .sources
            .iter()
            .map(|s| {
                let id = s.id;
                let colour = format!("swatch src-c{}", id.0 % 10);
                let date = match (&s.document.published, &s.estimate) {
                    (Some(p), _) => format!("{} (from the {} “{}”)", p.date.label(), p.evidence.source, p.evidence.raw),
                    (None, Some(e)) => format!("about {}: {}", e.date.label(), e.reasoning),
                    (None, None) => "undated".to_string(),
                };
                let title = s.document.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
                view! {
                    <li class="doc">
                        <button
                            class="doc-open"
                            type="button"
                            data-doc=id.0
                            on:click=move |_| state.reader.set(Some(ReaderTarget { document: id, event: None, current: None }))
                        >
                            <span class=colour aria-hidden="true"></span>
                            <span class="doc-label">{s.label()}</span>
                        </button>
                        <span class="doc-title">{title}</span>
                        <span class="doc-date">{date}</span>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! { <ul id="documents" class="doc-list" aria-label="Articles">{rows}</ul> }
}
