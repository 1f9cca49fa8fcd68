//! The analysis worker: reads the page's requests, runs them through one
//! [`analysis::session::Session`](crate::analysis::session::Session), and posts its replies
//! back. It only translates between the session and the worker glue; it decides nothing.

use wasm_bindgen::JsValue;

use crate::analysis::session::{Reply, Request, Session, reply_into_parts};
use crate::web::worker::serve;

/// Runs inside the Web Worker: installs the panic hook and serves requests until the page closes.
pub fn run_worker() {
    console_error_panic_hook::set_once();
    let mut session = Session::new();
    serve(
        move |header: JsValue, bytes: Vec<Vec<u8>>, post: &dyn Fn(JsValue, Vec<Vec<u8>>)| {
            let mut send = |reply: Reply| {
                let (reply, buffers) = reply_into_parts(reply);
                if let Ok(value) = serde_wasm_bindgen::to_value(&reply) {
                    post(value, buffers);
                }
            };
            match serde_wasm_bindgen::from_value::<Request>(header) {
                Ok(request) => session.handle(request, bytes, &mut send),
                // A malformed request is answered, so the page never waits for a reply forever.
                Err(_) => send(Reply::Done {
                    files: Vec::new(),
                    analysis: None,
                }),
            }
        },
    );
}
