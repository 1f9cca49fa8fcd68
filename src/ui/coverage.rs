//! The coverage view: a matrix of sources by events (SVG), and for each source what only it
//! reports and which corroborated events it leaves out (its blind spot).

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{Analysed, AppState, ReaderTarget};
use super::timeline::event_date;
use crate::analysis::EventId;
use crate::analysis::views::source_coverage;

/// Columns drawn in the matrix; the most corroborated events come first.
const MAX_COLUMNS: usize = 48;
/// Rows drawn in the matrix.
const MAX_ROWS: usize = 40;
const CELL: f64 = 18.0;
const LABEL: f64 = 190.0;
/// Room above the cells for the columns' dates, written at a slant.
const HEAD: f64 = 104.0;

/// The coverage matrix and the per-source lists.
#[component]
pub fn CoverageView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="panel coverage-panel" role="tabpanel" aria-labelledby="tab-coverage">
            {move || match state.analysed.get() {
                None => view! { <p class="empty">"Coverage appears once articles are analysed."</p> }.into_any(),
                Some(analysed) => view! { <CoverageBody analysed=analysed/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn CoverageBody(analysed: Arc<Analysed>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let analysis = &analysed.analysis;
    let coverage = source_coverage(analysis);
    let columns: Vec<EventId> = coverage.events.iter().copied().take(MAX_COLUMNS).collect();
    let rows: Vec<_> = coverage.rows.iter().take(MAX_ROWS).collect();
    let width = LABEL + CELL * columns.len() as f64 + 4.0;
    let height = HEAD + CELL * rows.len() as f64 + 4.0;
    let heads = columns
        .iter()
        .enumerate()
        .map(|(c, &id)| {
            let label: String = analysis
                .events
                .get(id.0 as usize)
                .map(|e| {
                    event_date(e)
                        .map(|d| d.short_label())
                        .unwrap_or_else(|| "Undated".into())
                })
                .unwrap_or_default()
                .chars()
                .take(16)
                .collect();
            let (x, y) = (LABEL + c as f64 * CELL + CELL / 2.0 + 4.0, HEAD - 4.0);
            view! {
                <text class="cov-head" x=format!("{x:.1}") y=format!("{y:.1}")
                    transform=format!("rotate(-65 {x:.1} {y:.1})")>{label}</text>
            }
        })
        .collect::<Vec<_>>();
    let event_title = |id: EventId| {
        analysis
            .events
            .get(id.0 as usize)
            .map(|e| {
                let date = event_date(e)
                    .map(|d| d.label())
                    .unwrap_or_else(|| "Undated".into());
                format!("{date}: {}", e.text)
            })
            .unwrap_or_default()
    };
    let cells = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let y = HEAD + r as f64 * CELL + 2.0;
            let marks = columns
                .iter()
                .enumerate()
                .filter(|(c, _)| row.reports.get(*c).copied().unwrap_or(false))
                .map(|(c, &id)| {
                    let title = event_title(id);
                    view! {
                        <rect class=format!("cov-cell src-f{}", row.document.0 % 10)
                            x=format!("{:.1}", LABEL + c as f64 * CELL + 1.0) y=format!("{:.1}", y + 1.0)
                            width=format!("{:.1}", CELL - 2.0) height=format!("{:.1}", CELL - 2.0) rx="2">
                            <title>{format!("{}: {title}", row.label)}</title>
                        </rect>
                    }
                })
                .collect::<Vec<_>>();
            let label: String = row.label.chars().take(26).collect();
            view! {
                <g class="cov-row">
                    <text class="cov-label" x="0" y=format!("{:.1}", y + CELL - 3.0)>{label}</text>
                    <line class="cov-grid" x1=format!("{LABEL:.1}") x2=format!("{width:.1}")
                        y1=format!("{:.1}", y + CELL / 2.0) y2=format!("{:.1}", y + CELL / 2.0)></line>
                    {marks}
                </g>
            }
        })
        .collect::<Vec<_>>();
    let more = (coverage.events.len() > MAX_COLUMNS || coverage.rows.len() > MAX_ROWS).then(|| {
        format!(
            "Showing {} of {} events (most corroborated first) and {} of {} sources.",
            columns.len(),
            coverage.events.len(),
            rows.len(),
            coverage.rows.len()
        )
    });
    let open = move |id: EventId| {
        let analysed = state.analysed.get_untracked()?;
        let event = analysed.analysis.events.get(id.0 as usize)?;
        let m = event.mentions.first()?;
        state.reader.set(Some(ReaderTarget {
            document: m.document,
            event: Some(id),
            current: Some(m.span),
        }));
        Some(())
    };
    let event_list = move |ids: &[EventId], doc: crate::analysis::ArticleId| {
        ids.iter()
            .map(|&id| {
                let title = event_title(id);
                let mention = analysis
                    .events
                    .get(id.0 as usize)
                    .and_then(|e| e.mentions.iter().find(|m| m.document == doc).or(e.mentions.first()))
                    .map(|m| (m.document, m.span));
                view! {
                    <li>
                        <button class="link" type="button" on:click=move |_| {
                            match mention {
                                Some((document, span)) => state.reader.set(Some(ReaderTarget { document, event: Some(id), current: Some(span) })),
                                None => { open(id); }
                            }
                        }>{title}</button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let per_source = coverage
        .rows
        .iter()
        .map(|row| {
            let only = (!row.only_here.is_empty()).then(|| view! {
                <h4>{format!("Only here ({})", row.only_here.len())}</h4>
                <ul class="cov-events">{event_list(&row.only_here, row.document)}</ul>
            });
            let blind = (!row.blindspot.is_empty()).then(|| view! {
                <h4>{format!("Corroborated elsewhere, missing here ({})", row.blindspot.len())}</h4>
                <ul class="cov-events">{event_list(&row.blindspot, row.document)}</ul>
            });
            let summary = format!(
                "{}: reports {} events, {} only here, misses {} corroborated",
                row.label,
                row.reports.iter().filter(|r| **r).count(),
                row.only_here.len(),
                row.blindspot.len()
            );
            view! {
                <li class="cov-source" data-doc=row.document.0>
                    <details>
                        <summary>
                            <span class=format!("swatch src-c{}", row.document.0 % 10) aria-hidden="true"></span>
                            {summary}
                        </summary>
                        {only}
                        {blind}
                    </details>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2>"Coverage"</h2>
        <p class="muted">"Which source reports which event. A filled cell means the source reports it; columns run from the most to the least corroborated event."</p>
        <div class="cov-scroll">
            <svg id="coverage-matrix" class="cov-svg" width=format!("{width:.0}") height=format!("{height:.0}")
                viewBox=format!("0 0 {width:.1} {height:.1}") role="img" aria-label="Coverage of events by source">
                <g class="cov-heads">{heads}</g>
                {cells}
            </svg>
        </div>
        <p class="muted">{more}</p>
        <ul id="coverage-sources" class="cov-sources">{per_source}</ul>
    }
}
