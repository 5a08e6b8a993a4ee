//! The search box. The core does the searching; this only writes what is typed into the URL.

use leptos::prelude::*;

use crate::app::context::{effect, navigate, replace, use_explorer};
use crate::app::i18n::Msg;
use crate::core::i18n::{t, Ui};
use crate::core::text::nfc;

/// A labelled `<input type="search">` bound to the URL's `q`.
///
/// The first keystroke after the box gains focus makes a new history entry (so Back undoes the
/// search); the following ones replace it, so history holds one entry per search, not one per
/// keystroke. When the URL changes from elsewhere (Back, a link), the box shows its `q`.
#[component]
pub fn SearchBox() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let state = explorer.state;
    let input = NodeRef::<leptos::html::Input>::new();
    let typing = StoredValue::new(false);
    let q = Memo::new(move |_| state.with(|s| s.q.clone()));

    // Show the URL's text unless the box already holds it (in any normal form): rewriting the
    // value while typing would move the caret.
    effect(move || {
        let q = q.get();
        if let Some(el) = input.get() {
            if nfc(&el.value()) != q {
                el.set_value(&q);
            }
        }
    });

    let on_input = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        let next = state.with_untracked(|s| s.with_query(&text));
        if typing.get_value() {
            replace(next);
        } else {
            typing.set_value(true);
            navigate(next);
        }
    };

    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-q" class="search-label">{move || lang.get().msg(Msg::SearchLabel)}</label>
            <input
                id="search-q"
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                node_ref=input
                value=q.get_untracked()
                placeholder=move || t(lang.get(), Ui::SearchPlaceholder)
                on:input=on_input
                on:blur=move |_| typing.set_value(false)
            />
        </form>
    }
}
