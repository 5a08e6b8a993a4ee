//! Fetching and parsing the catalog and the bundle in the browser.
//!
//! Every failure becomes a [`LoadError`] value for the page to show: nothing here panics or
//! throws, so a missing or broken bundle never leaves an uncaught error in the console.

use std::sync::Arc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::app::load_error::LoadError;
use crate::core::meta::CatalogFile;
use crate::core::model::Bundle;
use crate::core::query::Catalog;

/// Fetches `url` (resolved against the document) and parses it as a bundle.
///
/// The body is read as bytes and parsed from them (`Bundle::from_json_bytes`): reading it as a
/// JavaScript string would decode a hundred megabytes to UTF-16 only to encode them back
/// into the wasm memory.
pub async fn load_bundle(url: &str) -> Result<Arc<Bundle>, LoadError> {
    let bytes = fetch_bytes(url).await?;
    mark("danvan:parse:start");
    let bundle = Bundle::from_json_bytes(&bytes);
    measure("danvan:parse", "danvan:parse:start");
    Ok(Arc::new(bundle?))
}

/// Fetches the catalog file (`bundle.catalog.json`) and builds the list's catalog from it:
/// `None` when there is none or it cannot be used, with the reason in the console. The catalog
/// only lets the list show before the bundle is in, so without it the page waits for the
/// bundle; the bundle's own errors are the ones the page shows. Parsing and building are timed
/// together as `danvan:catalog`.
pub async fn load_catalog(url: &str) -> Option<Arc<Catalog>> {
    let catalog = match fetch_bytes(url).await {
        // An old deployment has no catalog: not worth a warning.
        Err(LoadError::Http { status: 404, .. }) => return None,
        Err(e) => Err(e.reason()),
        Ok(bytes) => {
            mark("danvan:catalog:start");
            let catalog = CatalogFile::from_json(&bytes).map(Catalog::from_file);
            measure("danvan:catalog", "danvan:catalog:start");
            catalog.map_err(|e| e.to_string())
        }
    };
    match catalog {
        Ok(c) => Some(Arc::new(c)),
        Err(why) => {
            warn(&format!(
                "danvan: {url} not used, waiting for the bundle: {why}"
            ));
            None
        }
    }
}

/// The body of `url`, as bytes copied into the wasm memory.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
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
    let buffer = response
        .array_buffer()
        .map_err(|e| LoadError::Body(js_message(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| LoadError::Body(js_message(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A console warning: for what the page works around without troubling the reader.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
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
