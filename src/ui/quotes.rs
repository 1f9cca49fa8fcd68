//! The quotes view: each quote with its speaker, the sources that carry it, and their wordings
//! side by side with the words that differ marked, each opening the source at the quote.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{Analysed, AppState, ReaderTarget};
use crate::analysis::views::word_diff;

/// Quotes rendered at first; the rest follow on request.
const PAGE: usize = 40;

/// Every quote, those carried by several sources first.
#[component]
pub fn QuotesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="panel quotes-panel" role="tabpanel" aria-labelledby="tab-quotes">
            <h2>"Quotes"</h2>
            {move || match state.analysed.get() {
                None => view! { <p class="empty">"Quotes appear once articles are analysed."</p> }.into_any(),
                Some(a) if a.analysis.quotes.is_empty() => view! { <p class="empty">"No direct quotation was found in these articles."</p> }.into_any(),
                Some(a) => view! { <QuoteList analysed=a/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn QuoteList(analysed: Arc<Analysed>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    let mut order: Vec<usize> = (0..analysed.analysis.quotes.len()).collect();
    // Shared quotes first: they are where wordings can be compared.
    order.sort_by_key(|&i| std::cmp::Reverse(analysed.analysis.quotes[i].sources.len().min(2)));
    let total = order.len();
    let items = move || {
        let analysis = &analysed.analysis;
        order
            .iter()
            .take(shown.get())
            .filter_map(|&i| analysis.quotes.get(i))
            .map(|quote| {
                let speaker = quote.speaker_name.clone().unwrap_or_else(|| "Unattributed".to_string());
                let count = quote.sources.len();
                let carried = if count == 1 { "1 source".to_string() } else { format!("{count} sources") };
                let variants = quote
                    .variants
                    .iter()
                    .map(|v| {
                        let names: Vec<String> = v
                            .documents
                            .iter()
                            .filter_map(|d| analysis.sources.get(d.index()).map(|s| s.label()))
                            .collect();
                        let runs = word_diff(&quote.text, &v.text)
                            .into_iter()
                            .map(|run| {
                                let words = run.span.slice(&v.text).to_string();
                                if run.changed {
                                    view! { <ins class="diff">{words}</ins> }.into_any()
                                } else {
                                    view! { <span>{words}</span> }.into_any()
                                }
                            })
                            .collect::<Vec<_>>();
                        view! {
                            <li class="variant">
                                <q class="variant-text">{runs}</q>
                                <p class="variant-sources">{names.join(", ")}</p>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>();
                let opens = quote
                    .mentions
                    .iter()
                    .filter_map(|m| {
                        let source = analysis.sources.get(m.document.index())?;
                        let (doc, span) = (m.document, m.span);
                        Some(view! {
                            <li>
                                <button class="wording-open" type="button" data-doc=doc.0 data-start=span.start data-end=span.end
                                    on:click=move |_| state.reader.set(Some(ReaderTarget { document: doc, event: None, current: Some(span) }))>
                                    <span class=format!("swatch src-c{}", doc.0 % 10) aria-hidden="true"></span>
                                    <span class="wording-source">{source.label()}</span>
                                </button>
                            </li>
                        })
                    })
                    .collect::<Vec<_>>();
                view! {
                    <li class="quote">
                        <p class="quote-head"><strong class="quote-speaker">{speaker}</strong>" · "{carried}</p>
                        <blockquote class="quote-text">{quote.text.clone()}</blockquote>
                        {(quote.variants.len() > 1).then(|| view! {
                            <ul class="variants" aria-label="Wordings by source">{variants}</ul>
                        })}
                        <ul class="quote-sources chips" aria-label="Open the quote in a source">{opens}</ul>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let more = move || {
        (shown.get() < total).then(|| view! {
            <button class="button more" type="button" on:click=move |_| shown.update(|s| *s += PAGE)>
                {format!("Show more quotes ({} not shown)", total - shown.get())}
            </button>
        })
    };
    view! {
        <ul id="quotes" class="quote-list">{items}</ul>
        {more}
    }
}
