//! The visual time axis above the list: how many events fall where in time, and a lane per
//! source with its mentions. Clicking a stretch narrows the filters to it; the axis then spans
//! that stretch, from decades down to hours.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{Analysed, AppState};
use crate::analysis::EventId;
use crate::analysis::views::{Axis, time_axis};

/// Width of the drawing in SVG units; it scales to the panel.
const WIDTH: f64 = 1000.0;
/// Height of the density strip.
const DENSITY: f64 = 44.0;
/// Height of one source lane.
const LANE: f64 = 12.0;
/// Sources drawn as lanes; the rest still count in the density strip.
const MAX_LANES: usize = 12;
/// Bars in the density strip.
const BINS: usize = 80;

/// The SVG axis for the events `ids`.
#[component]
pub fn TimeAxis(analysed: Arc<Analysed>, ids: Arc<Vec<EventId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let window = state.filter.with_untracked(|f| f.date_window());
    let axis: Axis = time_axis(&analysed.analysis, &ids, window, BINS);
    if axis.lanes.is_empty() && axis.density.iter().all(|&n| n == 0) {
        return ().into_any();
    }
    let lanes: Vec<_> = axis.lanes.iter().take(MAX_LANES).collect();
    let hidden_lanes = axis.lanes.len().saturating_sub(MAX_LANES);
    let top = DENSITY + 6.0;
    let height = top + LANE * lanes.len() as f64 + 18.0;
    let peak = axis.density.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bin_width = WIDTH / axis.density.len().max(1) as f64;
    let bars = axis
        .density
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, &n)| {
            let h = (n as f64 / peak) * (DENSITY - 4.0) + 2.0;
            view! {
                <rect class="axis-bar" x=fmt(i as f64 * bin_width + 0.5) y=fmt(DENSITY - h)
                    width=fmt((bin_width - 1.0).max(0.5)) height=fmt(h)></rect>
            }
        })
        .collect::<Vec<_>>();
    let lane_rows = lanes
        .iter()
        .enumerate()
        .map(|(row, lane)| {
            let y = top + row as f64 * LANE;
            let marks = lane
                .marks
                .iter()
                .map(|m| {
                    let x = m.from * WIDTH;
                    let w = ((m.to - m.from) * WIDTH).max(3.0);
                    view! {
                        <rect class=format!("axis-mark src-f{}", lane.document.0 % 10)
                            x=fmt(x) y=fmt(y + 2.0) width=fmt(w) height=fmt(LANE - 4.0) rx="2"></rect>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <g class="axis-lane">
                    <title>{lane.label.clone()}</title>
                    <line class="axis-lane-line" x1="0" x2=fmt(WIDTH) y1=fmt(y + LANE / 2.0) y2=fmt(y + LANE / 2.0)></line>
                    {marks}
                </g>
            }
        })
        .collect::<Vec<_>>();
    let ticks = axis
        .ticks
        .iter()
        .map(|t| {
            let x = t.at * WIDTH;
            let anchor = if t.at > 0.92 { "end" } else { "start" };
            view! {
                <g class="axis-tick" class:major=t.major>
                    <line x1=fmt(x) x2=fmt(x) y1="0" y2=fmt(height - 14.0)></line>
                    <text x=fmt(x + 3.0) y=fmt(height - 3.0) text-anchor=anchor>{t.label.clone()}</text>
                </g>
            }
        })
        .collect::<Vec<_>>();
    // The clickable stretches sit on top, one per tick interval, and work from the keyboard.
    let stretches = axis
        .stretches
        .iter()
        .map(|s| {
            let (from, to) = s.window;
            let label = format!("Show only {}", s.label);
            let title = label.clone();
            view! {
                <rect
                    class="axis-stretch"
                    role="button"
                    tabindex="0"
                    aria-label=label
                    x=fmt(s.from * WIDTH) y="0" width=fmt(((s.to - s.from) * WIDTH).max(1.0)) height=fmt(height - 14.0)
                    on:click=move |_| state.filter.update(|f| *f = f.clone().with_window((from, to)))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            state.filter.update(|f| *f = f.clone().with_window((from, to)));
                        }
                    }
                >
                    <title>{title}</title>
                </rect>
            }
        })
        .collect::<Vec<_>>();
    let zoomed = state
        .filter
        .with_untracked(|f| f.from.is_some() || f.to.is_some());
    let reset = zoomed.then(|| {
        view! {
            <button id="axis-reset" class="button quiet" type="button"
                on:click=move |_| state.filter.update(|f| { f.from = None; f.to = None; })>
                "All dates"
            </button>
        }
    });
    let caption = if hidden_lanes > 0 {
        format!(
            "Events over time, and a lane for each of the {} busiest sources ({hidden_lanes} more not drawn). Click a stretch to narrow the list to it.",
            lanes.len()
        )
    } else {
        "Events over time, with a lane for each source. Click a stretch to narrow the list to it."
            .to_string()
    };
    view! {
        <figure class="axis">
            <svg id="time-axis" class="axis-svg" viewBox=format!("0 0 {WIDTH} {}", fmt(height)) role="group" aria-label="Time axis">
                <g class="axis-density">{bars}</g>
                {lane_rows}
                {ticks}
                {stretches}
            </svg>
            <figcaption class="axis-caption">{caption}{reset}</figcaption>
        </figure>
    }
    .into_any()
}

/// SVG numbers with one decimal, so the markup stays small.
fn fmt(x: f64) -> String {
    format!("{x:.1}")
}
