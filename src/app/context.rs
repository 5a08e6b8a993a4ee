//! What the app hands down by context, and the browser facts read once at start.
//!
//! Components ask for the loaded bundle and the UI language through [`use_bundle`] and
//! [`use_lang`] rather than through props, so a new view needs no plumbing through its parents.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::i18n::Lang;
use crate::core::model::Bundle;

/// The loaded bundle. Provided by [`crate::app::components::Explorer`] once loading succeeded,
/// so any component below it can rely on it.
pub fn use_bundle() -> Arc<Bundle> {
    expect_context::<Arc<Bundle>>()
}

/// The UI language. Provided by [`crate::app::components::App`].
pub fn use_lang() -> Signal<Lang> {
    expect_context::<Signal<Lang>>()
}

/// The language to start in: the URL's `lang` key, else the browser's preferred languages.
pub fn initial_lang() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::default();
    };
    let url_lang = window
        .location()
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"));
    let browser: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    Lang::choose(url_lang.as_deref(), browser.iter().map(String::as_str))
}

/// Keeps `<html lang>` and the document title in step with the UI language, so screen readers
/// pronounce the interface in the right language.
pub fn sync_document_language(lang: Signal<Lang>) {
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(lang.app_title());
            if let Some(root) = document.document_element() {
                // Setting an attribute on <html> cannot fail in practice; ignore the Result.
                let _ = root.set_attribute("lang", lang.as_str());
            }
        }
    });
}
