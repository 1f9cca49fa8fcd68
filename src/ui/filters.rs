//! The filters above the timeline (free text, entities, sources, date range), which combine and
//! live in the URL fragment, and the key dates: the dates the most independent sources report.

use leptos::prelude::*;
use web_sys::HtmlSelectElement;

use super::state::AppState;
use crate::analysis::EntityKind;
use crate::analysis::views::key_dates;

/// How many key dates the summary shows.
const KEY_DATES: usize = 6;

/// The key dates, ranked by independent corroboration; clicking one narrows the list to it.
#[component]
pub fn KeyDates() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let analysed = state.analysed.get()?;
        let dates = key_dates(&analysed.analysis, KEY_DATES);
        if dates.is_empty() {
            return None;
        }
        let items = dates
            .into_iter()
            .map(|k| {
                let value = k.date.value.clone();
                let corroboration = match (k.sources.len(), k.independent_sources) {
                    (1, _) => "1 source".to_string(),
                    (n, i) if i < n => format!("{n} sources, {i} independent"),
                    (n, _) => format!("{n} sources"),
                };
                let events = match k.events.len() {
                    1 => "1 event".to_string(),
                    n => format!("{n} events"),
                };
                let date = k.date.clone();
                view! {
                    <li>
                        <button
                            class="key-date"
                            type="button"
                            data-date=value
                            on:click=move |_| {
                                if let Some(window) = date.time_range() {
                                    state.filter.update(|f| *f = f.clone().with_window(window));
                                }
                            }
                        >
                            <span class="key-date-label">{k.label.clone()}</span>
                            <span class="key-date-count">{corroboration}" · "{events}</span>
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        Some(view! {
            <section class="panel key-dates" aria-labelledby="key-dates-head">
                <h2 id="key-dates-head" class="small-head">"Key dates"</h2>
                <ol id="key-dates" class="key-date-list">{items}</ol>
            </section>
        })
    }
}

/// The filter bar.
#[component]
pub fn FilterBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_analysis = move || state.analysed.with(Option::is_some);
    let text = move || state.filter.with(|f| f.text.clone());
    let on_text = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.filter.update(|f| f.text = value);
    };
    let entity_options = move || {
        let analysed = state.analysed.get()?;
        let facets = analysed.index.entity_facets(&analysed.analysis);
        let group = |kind: EntityKind, label: &'static str| {
            let options = facets
                .iter()
                .filter(|f| f.kind == kind && f.events > 0)
                .map(|f| {
                    let aliases = match f.aliases {
                        0 => String::new(),
                        1 => ", 1 alias".to_string(),
                        n => format!(", {n} aliases"),
                    };
                    let text = format!("{} ({} events{aliases})", f.name, f.events);
                    view! { <option value=f.name.clone()>{text}</option> }
                })
                .collect::<Vec<_>>();
            (!options.is_empty()).then(|| view! { <optgroup label=label>{options}</optgroup> })
        };
        Some(view! {
            {group(EntityKind::Person, "People")}
            {group(EntityKind::Organisation, "Organisations")}
            {group(EntityKind::Place, "Places")}
            {group(EntityKind::Other, "Other names")}
        })
    };
    let source_options = move || {
        let analysed = state.analysed.get()?;
        let options = analysed
            .index
            .source_facets(&analysed.analysis)
            .into_iter()
            .map(|s| {
                let text = format!("{} ({} events)", s.label, s.events);
                view! { <option value=s.key>{text}</option> }
            })
            .collect::<Vec<_>>();
        Some(options)
    };
    let pick = |add: fn(&mut crate::analysis::views::FilterSpec, String)| {
        move |ev: leptos::ev::Event| {
            let select: HtmlSelectElement = event_target(&ev);
            let value = select.value();
            if !value.is_empty() {
                state.filter.update(|f| add(f, value));
            }
            select.set_value("");
        }
    };
    let date_input =
        |id: &'static str,
         label: &'static str,
         get: fn(&crate::analysis::views::FilterSpec) -> Option<String>,
         set: fn(&mut crate::analysis::views::FilterSpec, Option<String>)| {
            view! {
                <label class="filter-date" for=id>
                    <span>{label}</span>
                    <input
                        id=id
                        type="date"
                        prop:value=move || state.filter.with(|f| get(f).map(|d| day_of(&d)).unwrap_or_default())
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            state.filter.update(|f| set(f, (!value.is_empty()).then_some(value)));
                        }
                    />
                </label>
            }
        };
    let active = move || {
        let spec = state.filter.get();
        let mut chips = Vec::new();
        for name in spec.entities.clone() {
            let label = format!("Remove the filter on {name}");
            let shown = name.clone();
            chips.push(view! {
                <li><button class="filter-chip" type="button" aria-label=label
                    on:click=move |_| state.filter.update(|f| f.entities.retain(|e| e != &name))>
                    {shown}" ×"
                </button></li>
            }.into_any());
        }
        for key in spec.sources.clone() {
            let label = format!("Remove the filter on the source {key}");
            let shown = key.clone();
            chips.push(
                view! {
                    <li><button class="filter-chip source" type="button" aria-label=label
                        on:click=move |_| state.filter.update(|f| f.sources.retain(|s| s != &key))>
                        {shown}" ×"
                    </button></li>
                }
                .into_any(),
            );
        }
        let any = !spec.is_empty();
        view! {
            <ul id="active-filters" class="filter-chips" aria-label="Active filters">{chips}</ul>
            {any.then(|| view! {
                <button id="clear-filters" class="button quiet" type="button"
                    on:click=move |_| state.filter.set(Default::default())>
                    "Clear filters"
                </button>
            })}
        }
    };
    view! {
        <form class="panel filters" role="search" aria-label="Filter the timeline" class:hidden=move || !has_analysis()
            on:submit=|ev| ev.prevent_default()>
            <label class="filter-text" for="filter-text">
                <span class="visually-hidden">"Search the events"</span>
                <input id="filter-text" type="search" placeholder="Search events (press /)" prop:value=text on:input=on_text/>
            </label>
            <label class="filter-select" for="filter-entity">
                <span class="visually-hidden">"Filter by person, organisation or place"</span>
                <select id="filter-entity" on:change=pick(|f, v| if !f.entities.contains(&v) { f.entities.push(v) })>
                    <option value="">"People and places…"</option>
                    {entity_options}
                </select>
            </label>
            <label class="filter-select" for="filter-source">
                <span class="visually-hidden">"Filter by source"</span>
                <select id="filter-source" on:change=pick(|f, v| if !f.sources.contains(&v) { f.sources.push(v) })>
                    <option value="">"Sources…"</option>
                    {source_options}
                </select>
            </label>
            <div class="filter-dates">
                {date_input("filter-from", "From", |f| f.from.clone(), |f, v| f.from = v)}
                {date_input("filter-to", "To", |f| f.to.clone(), |f, v| f.to = v)}
            </div>
            <div class="filter-active">{active}</div>
        </form>
    }
}

/// A date filter bound as the `YYYY-MM-DD` a date input shows: a bare year or month opens at
/// its first day.
fn day_of(value: &str) -> String {
    match value.len() {
        4 => format!("{value}-01-01"),
        7 => format!("{value}-01"),
        _ => value.chars().take(10).collect(),
    }
}
