//! What the app hands down by context, and the one place the URL is read and written.
//!
//! The URL's query string is the only view state ([`ViewState`]). [`UrlState`] is created once
//! by [`crate::app::components::App`] from `location.search`; after that the state changes
//! only through [`navigate`] (a new history entry), [`replace`] (the same entry, for typing;
//! written after the next paint, [`flush_url`]) and
//! the browser's back and forward buttons (`popstate`). Once the bundle is loaded, every view
//! gets an [`Explorer`] by [`use_explorer`]: the bundle, the search index built once, the state
//! and the results of the current search and filters.
//!
//! Links are real `<a href="?…">` elements ([`href`]): relative query strings keep the page's
//! path, so the app works under any sub-path, and middle-click or "copy link" work as usual.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use leptos::prelude::*;

use crate::app::schedule::{after_paint, background_task};
use crate::core::i18n::Lang;
use crate::core::model::Bundle;
use crate::core::query::{Prepared, Results};
use crate::core::url::{Notice, ViewState};

/// Everything a view needs once the bundle is loaded; provided by context, `Copy`.
///
/// - `bundle` is the parsed bundle, `None` while only the catalog is loaded: the list and the
///   facets work from the catalog; the views that read the text render inside `WithText`
///   (src/app/components/mod.rs), which waits for it.
/// - `prepared` is an arena-stored `Arc`: the catalog first, then the catalog and the search
///   index (`prepared.with_value(|p| …)` reads without cloning).
/// - `state` is the current URL state; `results` is `prepared.run(&state)`, recomputed only
///   when the search text or the filters change (not on a view, doc or language change).
/// - `lang` is the UI language: the URL's `lang`, else the browser's choice.
#[derive(Clone, Copy)]
pub struct Explorer {
    /// The loaded bundle, once its text is in.
    pub bundle: RwSignal<Option<Arc<Bundle>>>,
    /// The catalog (facet values) and the search index, built once at load.
    pub prepared: StoredValue<Arc<Prepared>>,
    /// The current view state (the URL).
    pub state: Memo<ViewState>,
    /// The rows, hits and facets for the state's search and filters.
    pub results: Memo<Arc<Results>>,
    /// The UI language.
    pub lang: Memo<Lang>,
    /// What the URL asked for that was ignored: the parser's notices about the URL as opened
    /// (or as reached by back/forward), then values this corpus does not have
    /// ([`crate::core::query::Catalog::check`]).
    pub notices: Memo<Vec<Notice>>,
}

/// The [`Explorer`] of the loaded bundle. Call it in a component rendered below the explorer
/// (every view is); it panics elsewhere, which is a programming error.
pub fn use_explorer() -> Explorer {
    expect_context::<Explorer>()
}

/// The URL state before and after the bundle is loaded: the current [`ViewState`] and the
/// parser's notices for the URL the browser gave us. Created once by [`UrlState::install`].
#[derive(Clone, Copy)]
pub struct UrlState {
    /// The current state.
    pub state: RwSignal<ViewState>,
    /// Notices of the last URL parsed from the browser (empty after the app's own navigation,
    /// whose URLs are always clean).
    pub parse_notices: RwSignal<Vec<Notice>>,
    /// The language the browser prefers, used when the URL has no `lang`.
    pub browser_lang: Lang,
}

thread_local! {
    /// The one URL state of the page, so that [`navigate`] can be called from any event
    /// handler, where no reactive owner (and so no context) is guaranteed.
    static URL_STATE: Cell<Option<UrlState>> = const { Cell::new(None) };
}

impl UrlState {
    /// Reads `location.search` and the browser's languages, listens to `popstate`, and makes
    /// the result the page's URL state.
    pub fn install() -> UrlState {
        let (state, notices) = ViewState::parse(&current_search());
        let url = UrlState {
            state: RwSignal::new(state),
            parse_notices: RwSignal::new(notices),
            browser_lang: browser_lang(),
        };
        URL_STATE.with(|cell| cell.set(Some(url)));
        // Back and forward: the browser has already changed the URL; read it again.
        // The listener lives as long as the page: its handle is not kept, so it is never removed.
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            // The entry left behind keeps the URL it had; the one reached is the truth.
            PENDING_URL.with(|p| p.borrow_mut().take());
            let (state, notices) = ViewState::parse(&current_search());
            url.parse_notices.set(notices);
            url.state.set(state);
        });
        url
    }

    /// The UI language, as a memo: typing in the search box (a new state each keystroke) does
    /// not make every translated text on the page run again. (Handed around as the `Memo`
    /// itself, not wrapped in a `Signal`: one signal type less in the wasm.)
    pub fn lang(self) -> Memo<Lang> {
        let state = self.state;
        let fallback = self.browser_lang;
        Memo::new(move |_| state.with(|s| s.lang_or(fallback)))
    }
}

/// The page's URL state. Panics before [`UrlState::install`], which the app calls first.
pub fn url_state() -> UrlState {
    URL_STATE
        .with(Cell::get)
        .expect("UrlState::install runs before any navigation")
}

/// Goes to a new view state: pushes a history entry (so Back returns here) and updates the
/// state signal.
pub fn navigate(state: ViewState) {
    go(state, true);
}

/// Like [`navigate`], but replaces the current history entry (for typing in the search box,
/// so that history is not flooded with one entry per keystroke).
pub fn replace(state: ViewState) {
    go(state, false);
}

fn go(state: ViewState, push: bool) {
    let url = url_state();
    if url.state.with_untracked(|s| *s == state) {
        return;
    }
    let target = href(&state);
    if push {
        // A new entry comes after the current one is up to date.
        flush_url();
        write_url(&target, true);
    } else {
        defer_url(target);
    }
    // The app's own URLs are canonical: nothing in them is ignored.
    url.parse_notices.set(Vec::new());
    url.state.set(state);
}

thread_local! {
    /// The URL a keystroke asked for, not yet written to the current history entry.
    static PENDING_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the current entry's URL with `target` once the frame that shows the new state is
/// painted, in a task of background priority. Writing history costs a few milliseconds in Chromium (BENCHMARKS.md), which a
/// keystroke's frame cannot spare; fast typing writes only its last URL.
fn defer_url(target: String) {
    let scheduled = PENDING_URL.with(|p| p.borrow_mut().replace(target).is_some());
    if !scheduled {
        leptos::task::spawn_local(async {
            after_paint().await;
            background_task().await;
            flush_url();
        });
    }
}

/// Writes the URL a keystroke asked for now, if it is not written yet: before a new history
/// entry, and before anything reads `location` (copying the link).
pub fn flush_url() {
    if let Some(target) = PENDING_URL.with(|p| p.borrow_mut().take()) {
        write_url(&target, false);
    }
}

fn write_url(target: &str, push: bool) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // Only the query changes, so the path (and any sub-path) is kept. Failing to write
        // history (a sandboxed frame) still leaves a working page.
        let _ = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(target))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(target))
        };
    }
}

/// Handles a click on a link to `to`: a plain left click navigates in the page (pushState);
/// a click with a modifier (new tab, new window, download) or another button is left to the
/// browser, which follows the link's real `href`.
pub fn follow(ev: &web_sys::MouseEvent, to: ViewState) {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    ev.prevent_default();
    navigate(to);
}

/// A relative href for a state (`"?view=read&doc=…"`), for real `<a>` links.
pub fn href(state: &ViewState) -> String {
    state.to_href()
}

/// The page's current query string (`"?…"`, or empty).
pub fn current_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The language the browser prefers: the first of its languages that is Vietnamese or
/// English, else Vietnamese.
fn browser_lang() -> Lang {
    let tags: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::choose(tags.iter().map(String::as_str))
}

/// The UI language. Provided by [`crate::app::components::App`], before the bundle loads.
pub fn use_lang() -> Memo<Lang> {
    expect_context::<Memo<Lang>>()
}

/// Keeps `<html lang>` and the document title in step with the UI language, so screen readers
/// pronounce the interface in the right language.
pub fn sync_document_language(lang: Memo<Lang>) {
    effect(move || {
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

/// An effect that runs `f` now and again whenever a signal it read changes, as
/// `Effect::new(move |_| f())` does. Every such effect of the app goes through one boxed
/// closure type, so Leptos's effect machinery is compiled once for all of them rather than
/// once per effect (about 0.7 KB of wasm each).
pub fn effect(f: impl Fn() + 'static) {
    effect_boxed(Box::new(f));
}

#[inline(never)]
fn effect_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}
