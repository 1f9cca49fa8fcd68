//! The quotes view: each quote with its speaker, the sources that carry it, and their wordings
//! side by side, each opening the source at the quote.

use leptos::prelude::*;

use super::state::{AppState, ReaderTarget};

/// Every quote carried by two or more sources, then the rest, as the analysis ordered them.
#[component]
pub fn QuotesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let quotes = move || {
        let analysis = state.analysis.get()?;
        if analysis.quotes.is_empty() {
            return None;
        }
        let mut order: Vec<usize> = (0..analysis.quotes.len()).collect();
        // Shared quotes first: they are where wordings can be compared.
        order.sort_by_key(|&i| std::cmp::Reverse(analysis.quotes[i].sources.len().min(2)));
        let items = order
            .into_iter()
            .map(|i| {
                let quote = &analysis.quotes[i];
                let speaker = quote.speaker_name.clone().unwrap_or_else(|| "Unattributed".to_string());
                let count = quote.sources.len();
                let carried = if count == 1 { "1 source".to_string() } else { format!("{count} sources") };
                let wordings = quote
                    .mentions
                    .iter()
                    .map(|m| {
                        let source = &analysis.sources[m.document.index()];
                        let doc = m.document;
                        let span = m.span;
                        let words = span.slice(&source.document.text).to_string();
                        view! {
                            <li class="wording">
                                <button
                                    class="wording-open"
                                    type="button"
                                    on:click=move |_| state.reader.set(Some(ReaderTarget { document: doc, event: None, current: Some(span) }))
                                >
                                    <span class=format!("swatch src-c{}", doc.0 % 10) aria-hidden="true"></span>
                                    <span class="wording-source">{source.label()}</span>
                                </button>
                                <q class="wording-text">{words}</q>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>();
                view! {
                    <li class="quote">
                        <p class="quote-head"><strong>{speaker}</strong>" · "{carried}</p>
                        <blockquote class="quote-text">{quote.text.clone()}</blockquote>
                        <details class="wordings">
                            <summary>"Wordings by source"</summary>
                            <ul>{wordings}</ul>
                        </details>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        Some(view! {
            <div class="panel quotes-panel">
                <h2>"Quotes"</h2>
                <ul id="quotes" class="quote-list">{items}</ul>
            </div>
        })
    };
    view! { {quotes} }
}
