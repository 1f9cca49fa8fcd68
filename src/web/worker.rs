//! Web Worker glue: the page side starts the worker and posts messages to it; the worker side
//! answers them. A message is a header value plus a list of byte buffers, which are transferred,
//! not copied. It knows nothing of what the messages mean.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::WebError;

/// The property that marks the worker's first message, sent once it can take requests.
const READY: &str = "crossreadWorkerReady";

/// The page's link to a running worker. Messages posted before the worker is ready wait here,
/// because a wasm worker drops whatever arrives before its handler is installed.
pub struct WorkerLink {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    pending: Rc<RefCell<Vec<(JsValue, js_sys::Array)>>>,
}

impl WorkerLink {
    /// Starts the worker script at `url` (relative to the page). `on_message` receives every
    /// header the worker posts with the byte buffers transferred beside it; `on_error` receives a
    /// plain-language reason when the worker fails to start or stops.
    pub fn spawn(
        url: &str,
        mut on_message: impl FnMut(JsValue, Vec<Vec<u8>>) + 'static,
        mut on_error: impl FnMut(String) + 'static,
    ) -> Result<WorkerLink, WebError> {
        let worker = web_sys::Worker::new(url).map_err(WebError::from_js)?;
        let ready = Rc::new(Cell::new(false));
        let pending: Rc<RefCell<Vec<(JsValue, js_sys::Array)>>> = Rc::default();
        let message = {
            let (worker, ready, pending) = (worker.clone(), ready.clone(), pending.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = ev.data();
                let is_ready = js_sys::Reflect::get(&data, &JsValue::from_str(READY))
                    .ok()
                    .is_some_and(|v| v.is_truthy());
                if is_ready {
                    ready.set(true);
                    for (message, transfer) in pending.borrow_mut().drain(..) {
                        let _ = worker.post_message_with_transfer(&message, &transfer);
                    }
                } else {
                    let (header, buffers) = open_envelope(&data);
                    on_message(header, buffers);
                }
            })
        };
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        message.forget();
        let error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let detail = ev
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "its script could not be loaded".to_string());
            on_error(detail);
        });
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        error.forget();
        Ok(WorkerLink {
            worker,
            ready,
            pending,
        })
    }

    /// Posts `header` with `buffers`, whose memory moves to the worker.
    pub fn post(&self, header: JsValue, buffers: Vec<Vec<u8>>) {
        let (message, transfer) = envelope(header, buffers);
        if self.ready.get() {
            let _ = self.worker.post_message_with_transfer(&message, &transfer);
        } else {
            self.pending.borrow_mut().push((message, transfer));
        }
    }
}

/// Inside the worker: hands every incoming message to `handler` with a function that posts a
/// header and byte buffers (transferred, not copied) back to the page, then tells the page the
/// worker is ready.
pub fn serve(
    mut handler: impl FnMut(JsValue, Vec<Vec<u8>>, &dyn Fn(JsValue, Vec<Vec<u8>>)) + 'static,
) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let (header, buffers) = open_envelope(&ev.data());
            let post = |reply: JsValue, buffers: Vec<Vec<u8>>| {
                let (message, transfer) = envelope(reply, buffers);
                let _ = reply_scope.post_message_with_transfer(&message, &transfer);
            };
            handler(header, buffers, &post);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &JsValue::from_str(READY), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Packs a header and byte buffers into one message, with the buffers on the transfer list.
fn envelope(header: JsValue, buffers: Vec<Vec<u8>>) -> (JsValue, js_sys::Array) {
    let arrays = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for bytes in buffers {
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        transfer.push(&array.buffer());
        arrays.push(&array);
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("header"), &header);
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("buffers"), &arrays);
    (message.into(), transfer)
}

/// The header and byte buffers of a message packed by [`envelope`]; a message of another shape
/// gives an undefined header and no buffers.
fn open_envelope(data: &JsValue) -> (JsValue, Vec<Vec<u8>>) {
    let header =
        js_sys::Reflect::get(data, &JsValue::from_str("header")).unwrap_or(JsValue::UNDEFINED);
    let buffers = js_sys::Reflect::get(data, &JsValue::from_str("buffers"))
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|b| {
            js_sys::Array::from(&b)
                .iter()
                .map(|v| js_sys::Uint8Array::new(&v).to_vec())
                .collect()
        })
        .unwrap_or_default();
    (header, buffers)
}
