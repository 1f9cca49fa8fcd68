//! The leptos app: state, and components that render what the analysis computed. Components
//! never re-derive analysis results, and never insert article content as HTML.

mod axis;
mod coverage;
mod drop_zone;
mod export;
mod filters;
mod progress;
mod quotes;
mod reader;
mod sample;
mod sources;
mod state;
mod timeline;

use leptos::prelude::*;

use crate::analysis::views::FilterSpec;
use coverage::CoverageView;
use drop_zone::DropZone;
use export::ExportMenu;
use filters::{FilterBar, KeyDates};
use progress::ProgressBar;
use quotes::QuotesView;
use reader::ReaderPane;
use sources::SourceList;
use state::{AppState, Tab};
use timeline::TimelineView;

/// Installs the panic hook and mounts the app on the page body.
pub fn mount_app() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole page.
#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    keep_filter_in_fragment(state);
    // Keyboard: j and k move between timeline entries, Enter opens the focused entry's first
    // source, Escape closes the reader, and / jumps to the search box.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if crate::web::is_typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            if ev.key() == "Escape" {
                state.reader.set(None);
            }
            return;
        }
        match ev.key().as_str() {
            "j" => crate::web::move_focus("#timeline li.event", 1),
            "k" => crate::web::move_focus("#timeline li.event", -1),
            "Enter" if crate::web::activate_in_focused("#timeline li.event", "button.chip") => {
                ev.prevent_default()
            }
            "Escape" => state.reader.set(None),
            "/" => {
                ev.prevent_default();
                crate::web::focus("#filter-text");
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let reader_open = move || state.reader.with(Option::is_some);
    view! {
        <a class="skip-link" href="#main-view">"Skip to the timeline"</a>
        <header class="app-header">
            <div class="brand">
                <h1>"Crossread"</h1>
                <p class="tagline">"One story, many sources: a merged timeline where every line opens the sentence behind it."</p>
            </div>
            <ExportMenu/>
        </header>
        <main class="layout" class:with-reader=reader_open>
            <section class="column intake" aria-label="Sources">
                <DropZone/>
                <ProgressBar/>
                <SourceList/>
            </section>
            <section id="main-view" class="column main-column" aria-label="Analysis" tabindex="-1">
                <KeyDates/>
                <FilterBar/>
                <TabBar/>
                {move || match state.tab.get() {
                    Tab::Timeline => view! { <TimelineView/> }.into_any(),
                    Tab::Quotes => view! { <QuotesView/> }.into_any(),
                    Tab::Coverage => view! { <CoverageView/> }.into_any(),
                }}
            </section>
            <ReaderPane/>
        </main>
        <footer class="app-footer">
            <p>"Everything runs in this tab: no file leaves your device. Keys: j / k move between entries, Enter opens the first source, Esc closes the reader, / searches."</p>
        </footer>
    }
}

/// The tabs above the main column.
#[component]
fn TabBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tab = move |which: Tab, id: &'static str, label: &'static str| {
        view! {
            <button
                id=id
                class="tab"
                type="button"
                role="tab"
                aria-selected=move || (state.tab.get() == which).to_string()
                aria-controls="main-view"
                on:click=move |_| state.tab.set(which)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Views">
            {tab(Tab::Timeline, "tab-timeline", "Timeline")}
            {tab(Tab::Quotes, "tab-quotes", "Quotes")}
            {tab(Tab::Coverage, "tab-coverage", "Coverage")}
        </div>
    }
}

/// Keeps the filters and the URL fragment in step: the fragment sets the filters on load and
/// when the user edits it or goes back; every filter change rewrites the fragment (replacing the
/// history entry, so filtering does not flood the back button). Only filter state goes there.
fn keep_filter_in_fragment(state: AppState) {
    state
        .filter
        .set(FilterSpec::from_fragment(&crate::web::read_fragment()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let spec = FilterSpec::from_fragment(&crate::web::read_fragment());
        if state.filter.with_untracked(|f| f != &spec) {
            state.filter.set(spec);
        }
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        let fragment = state.filter.with(FilterSpec::to_fragment);
        if FilterSpec::from_fragment(&crate::web::read_fragment()).to_fragment() != fragment {
            crate::web::write_fragment(&fragment);
        }
    });
}
