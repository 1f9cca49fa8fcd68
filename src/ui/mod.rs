//! The leptos app: state, and components that render what the analysis computed. Components
//! never re-derive analysis results, and never insert article content as HTML.

mod drop_zone;
mod reader;
mod sample;
mod sources;
mod state;
mod timeline;

use leptos::prelude::*;

use drop_zone::DropZone;
use reader::ReaderPane;
use sources::SourceList;
use state::AppState;
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
    // Keyboard: j and k move between timeline entries, Enter opens the focused entry's first
    // source, Escape closes the reader.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if crate::web::is_typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "j" => crate::web::move_focus("#timeline li.event", 1),
            "k" => crate::web::move_focus("#timeline li.event", -1),
            "Enter" if crate::web::activate_in_focused("#timeline li.event", "button.chip") => {
                ev.prevent_default()
            }
            "Escape" => state.reader.set(None),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <header class="app-header">
            <h1>"Crossread"</h1>
            <p class="tagline">"One story, many sources: a merged timeline where every line opens the sentence behind it."</p>
            <p class="shortcuts">"Keys: j / k move between entries, Enter opens the first source, Esc closes the reader."</p>
        </header>
        <main class="layout">
            <section class="column intake" aria-label="Sources">
                <DropZone/>
                <SourceList/>
            </section>
            <section class="column timeline-column" aria-label="Timeline">
                <TimelineView/>
            </section>
            <ReaderPane/>
        </main>
        <footer class="app-footer">
            <p>"Everything runs in this tab: no file leaves your device."</p>
        </footer>
    }
}
