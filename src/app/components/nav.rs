//! The navigation between views and the copy-link button.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::app::context::{effect, flush_url, follow, href, use_explorer};
use crate::app::i18n::Msg;
use crate::core::url::View;

/// The tabs of the four views (Read only while a report is open), and the copy-link button.
/// The current view's tab carries `aria-current="page"`.
#[component]
pub fn NavBar() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let state = explorer.state;
    let has_doc = Memo::new(move |_| state.with(|s| s.doc.is_some()));
    let tab = move |view: View| {
        let target = move || state.with(|s| s.with_view(view));
        let current = move || state.with(|s| s.view == view);
        view! {
            <li>
                <a
                    class="tab"
                    data-view=view.as_str()
                    href=move || href(&target())
                    aria-current=move || current().then_some("page")
                    on:click=move |ev| follow(&ev, target())
                >
                    {move || lang.get().view_name(view)}
                </a>
            </li>
        }
    };
    view! {
        <div class="toolbar">
            <nav class="tabs" aria-label=move || lang.get().msg(Msg::NavLabel)>
                <ul>
                    {tab(View::List)}
                    <Show when=move || has_doc.get()>{tab(View::Read)}</Show>
                    {tab(View::Compare)}
                    {tab(View::Figures)}
                </ul>
            </nav>
            <CopyLink/>
        </div>
    }
}

/// What the copy-link button last did, as the signal holds it: `None` nothing (or made stale
/// by a navigation), `Some("")` copied, `Some(link)` the clipboard is missing or refused and
/// the link is shown for copying by hand. (An `Option<String>`, a signal type the wasm has,
/// rather than an enum signal of its own; a page's link is never empty.)
const COPIED: &str = "";

/// Copies `location.href` to the clipboard and says so; when the clipboard is unavailable or
/// refuses, shows the link selected in a field instead.
#[component]
pub fn CopyLink() -> impl IntoView {
    let lang = use_explorer().lang;
    let copied = RwSignal::new(None::<String>);
    // Any navigation makes an earlier "copied" stale.
    let state = use_explorer().state;
    effect(move || {
        state.track();
        copied.set(None);
    });
    let field = NodeRef::<leptos::html::Input>::new();
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        // The URL of the last keystroke may still be waiting for its frame.
        flush_url();
        let Ok(link) = window.location().href() else {
            return;
        };
        let navigator = window.navigator();
        // `navigator.clipboard` is undefined outside secure contexts; calling it then would throw.
        let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
            .is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has_clipboard {
            copied.set(Some(link));
            return;
        }
        let promise = navigator.clipboard().write_text(&link);
        leptos::task::spawn_local(async move {
            match JsFuture::from(promise).await {
                Ok(_) => copied.set(Some(COPIED.to_owned())),
                Err(_) => copied.set(Some(link)),
            }
        });
    };
    // Select the fallback field's text as soon as it appears, ready for Ctrl+C.
    effect(move || {
        let fallback = copied.with(|c| c.as_deref().is_some_and(|c| c != COPIED));
        if let (true, Some(input)) = (fallback, field.get()) {
            // After this render, when the field holds its value.
            request_animation_frame(move || {
                let _ = input.unchecked_ref::<web_sys::HtmlElement>().focus();
                input.select();
            });
        }
    });
    view! {
        <div class="copy-link">
            <button type="button" class="button" data-testid="copy-link" on:click=copy>
                {move || lang.get().msg(Msg::CopyLink)}
            </button>
            <span class="copy-status" data-testid="copy-status" aria-live="polite">
                {move || match copied.get() {
                    None => None,
                    Some(link) if link == COPIED => Some(lang.get().msg(Msg::LinkCopied).into_any()),
                    Some(link) => Some(view! {
                        <label>
                            {move || lang.get().msg(Msg::CopyFallback)} " "
                            <input type="text" readonly autocomplete="off" node_ref=field prop:value=link/>
                        </label>
                    }.into_any()),
                }}
            </span>
        </div>
    }
}
