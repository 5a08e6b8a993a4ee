//! Fetching and parsing the bundle in the browser.
//!
//! Every failure becomes a [`LoadError`] value for the page to show: nothing here panics or
//! throws, so a missing or broken bundle never leaves an uncaught error in the console.

use std::sync::Arc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::app::load_error::LoadError;
use crate::core::model::Bundle;

/// Fetches `url` (resolved against the document) and parses it as a bundle.
pub async fn load_bundle(url: &str) -> Result<Arc<Bundle>, LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError::Network("no window".into()))?;
    let answer = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| LoadError::Network(js_message(&e)))?;
    let response: Response = answer
        .dyn_into()
        .map_err(|e| LoadError::Network(js_message(&e)))?;
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let text_promise = response
        .text()
        .map_err(|e| LoadError::Body(js_message(&e)))?;
    let text = JsFuture::from(text_promise)
        .await
        .map_err(|e| LoadError::Body(js_message(&e)))?
        .as_string()
        .ok_or_else(|| LoadError::Body("the body is not text".into()))?;
    mark("danvan:parse:start");
    let bundle = Bundle::from_json(&text);
    measure("danvan:parse", "danvan:parse:start");
    Ok(Arc::new(bundle?))
}

/// A `performance.mark` (for the browser benchmark, tests/bench); silently nothing without
/// the Performance API.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A `performance.measure` named `name` from the mark `start` to now: how the benchmark reads
/// the parse (`danvan:parse`), index build (`danvan:index`) and query (`danvan:run`) times.
/// The start mark is cleared, so a mark per keystroke does not pile up in the timeline.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

/// The readable part of a JavaScript exception (fetch rejects with a `TypeError`).
fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        String::from(error.message())
    } else if let Some(text) = value.as_string() {
        text
    } else {
        format!("{value:?}")
    }
}
