//! Saving a text the app made (CSV, JSON) as a file, with no server: the text becomes a `Blob`,
//! the Blob an object URL, and a temporary `<a download>` pointing at it is clicked.
//!
//! A `blob:` URL has the page's origin, so a page under `default-src 'self'` may open it; and
//! a download is a navigation, which that policy does not restrict.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long the object URL outlives the click. The browser reads the Blob when the download
/// starts; revoking at once can cancel it in some browsers, so it is freed a little later.
const REVOKE_AFTER: Duration = Duration::from_secs(30);

/// Offers `text` for download as `file_name` with MIME type `mime`. The error, if any, is a
/// sentence for the reader.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    start(file_name, mime, text).map_err(|e| {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| format!("{e:?}"))
    })
}

fn start(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    // A JS string is encoded as UTF-8 in the Blob, so a leading U+FEFF becomes the byte-order
    // mark spreadsheets look for.
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;

    let document = window()
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();

    set_timeout(
        move || {
            // Nothing to do if revoking fails: the URL dies with the page anyway.
            let _ = Url::revoke_object_url(&url);
        },
        REVOKE_AFTER,
    );
    Ok(())
}
