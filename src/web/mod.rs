//! Browser glue: reading dropped and picked files (folders walked), downloads and timing.
//! This is the only home of web-sys; it holds no analysis and no rendering.

mod files;
#[cfg(test)]
mod harness;
pub mod worker;

pub use files::{DroppedFile, PendingRead, WebError, files_from_drop, files_from_list, start_read};

use wasm_bindgen::JsCast;

/// Milliseconds since the page loaded, for timing the analysis as the user sees it.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Offers `contents` to the user as a file download named `name`, without any network request.
pub fn download_text(name: &str, mime: &str, contents: &str) -> Result<(), WebError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(WebError::from_js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(WebError::from_js)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(WebError::NoDocument)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(WebError::from_js)?
        .dyn_into()
        .map_err(|_| WebError::NoDocument)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(WebError::from_js)?;
    Ok(())
}

/// Scrolls the container matching `container` so that the first element matching `target`
/// inside it sits in the middle of its visible height. Only the container scrolls, never the
/// page, so the rest of the layout stays where the reader left it.
pub fn scroll_within(container: &str, target: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(Some(outer)), Ok(Some(inner))) = (
        document.query_selector(container),
        document.query_selector(&format!("{container} {target}")),
    ) else {
        return;
    };
    let (o, i) = (
        outer.get_bounding_client_rect(),
        inner.get_bounding_client_rect(),
    );
    let offset = i.top() - o.top() - (f64::from(outer.client_height()) - i.height()) / 2.0;
    outer.set_scroll_top(outer.scroll_top() + offset as i32);
}

/// Moves keyboard focus `delta` steps through the elements matching `selector`, starting from
/// the focused one (or before the first), and scrolls the new one into view.
pub fn move_focus(selector: &str, delta: i32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(list) = document.query_selector_all(selector) else {
        return;
    };
    let count = list.length() as i32;
    if count == 0 {
        return;
    }
    let active = document.active_element();
    let current = (0..count).find(|&i| {
        let node = list.item(i as u32);
        matches!((&node, &active), (Some(n), Some(a)) if n.is_same_node(Some(a.as_ref())))
    });
    let next = match current {
        Some(i) => (i + delta).clamp(0, count - 1),
        None if delta >= 0 => 0,
        None => count - 1,
    };
    if let Some(el) = list
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Clicks the first element matching `inner` inside the focused element, if the focused
/// element matches `outer`. Returns whether it clicked.
pub fn activate_in_focused(outer: &str, inner: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(active) = document.active_element() else {
        return false;
    };
    if !active.matches(outer).unwrap_or(false) {
        return false;
    }
    match active
        .query_selector(inner)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(target) => {
            target.click();
            true
        }
        None => false,
    }
}

/// True when the keyboard event is typing into a text field, where shortcuts must not fire.
pub fn is_typing(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Focuses the first element matching `selector`.
pub fn focus(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        let _ = el.focus();
    }
}

/// The URL fragment without its `#`, or an empty string.
pub fn read_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the URL fragment (given with or without its `#`) without adding a history entry or
/// reloading; an empty fragment removes the `#` altogether.
pub fn write_fragment(fragment: &str) {
    let fragment = fragment.trim_start_matches('#');
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if fragment.is_empty() {
        base
    } else {
        format!("{base}#{fragment}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
