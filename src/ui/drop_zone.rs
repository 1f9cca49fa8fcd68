//! Where files come in: drag and drop (files and folders), a file picker, pasted text and the
//! built-in sample.

use leptos::prelude::*;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};

use super::sample::SAMPLE_FILES;
use super::state::AppState;
use crate::web;

/// The drop zone with its picker, paste box and sample button.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<AppState>();
    let hovering = RwSignal::new(false);
    let pasted = RwSignal::new(0u32);
    let paste_ref = NodeRef::<leptos::html::Textarea>::new();

    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        hovering.set(false);
        let Some(transfer) = ev.data_transfer() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let files = web::files_from_drop(&transfer).await;
            state.add_dropped(files);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            state.add_dropped(web::files_from_list(&list));
        }
        // Clearing lets the same file be picked again.
        input.set_value("");
    };
    let on_paste = move |_| {
        let Some(area) = paste_ref.get() else { return };
        let area: &HtmlTextAreaElement = &area;
        let text = area.value();
        if text.trim().is_empty() {
            return;
        }
        let n = pasted.get_untracked() + 1;
        pasted.set(n);
        state.add_bytes(vec![(format!("pasted-{n}.txt"), text.into_bytes())]);
        area.set_value("");
    };
    let load_sample = move |_| {
        state.add_bytes(
            SAMPLE_FILES
                .iter()
                .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
                .collect(),
        );
    };

    view! {
        <div
            id="drop-zone"
            class="drop-zone"
            class:hovering=move || hovering.get()
            on:dragenter=move |ev: DragEvent| {
                ev.prevent_default();
                hovering.set(true);
            }
            on:dragover=move |ev: DragEvent| ev.prevent_default()
            on:dragleave=move |_| hovering.set(false)
            on:drop=on_drop
        >
            <p class="drop-title">"Drop news articles or a folder here"</p>
            <p class="drop-hint">"Text, saved web pages, feeds, e-mail, Markdown, JSON or zip archives. Nothing is uploaded."</p>
            <div class="drop-actions">
                <label class="button" for="file-input">"Choose files"</label>
                <input id="file-input" class="visually-hidden" type="file" multiple=true on:change=on_pick/>
                <button id="load-sample" class="button primary" type="button" on:click=load_sample>
                    "Try the sample"
                </button>
                <button
                    id="clear-all"
                    class="button quiet"
                    type="button"
                    on:click=move |_| state.clear()
                    disabled=move || state.files.with(Vec::is_empty)
                >
                    "Clear"
                </button>
            </div>
            <details class="paste">
                <summary>"Paste text"</summary>
                <textarea
                    id="paste-text"
                    node_ref=paste_ref
                    rows="5"
                    aria-label="Article text to add"
                    placeholder="Paste an article here"
                ></textarea>
                <button id="add-pasted" class="button" type="button" on:click=on_paste>
                    "Add text"
                </button>
            </details>
        </div>
    }
}
