//! The page header: the app's name, a line about it, and the language switch.

use leptos::prelude::*;

use crate::app::context::{follow, href, use_lang, UrlState};
use crate::app::i18n::Msg;

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    view! {
        <a class="skip-link" href="#main">{move || lang.get().msg(Msg::SkipToContent)}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <div>
                    <h1 class="site-title">{move || lang.get().app_title()}</h1>
                    <p class="tagline">{move || lang.get().msg(Msg::AppTagline)}</p>
                </div>
                <LangSwitch/>
            </div>
        </header>
    }
}

/// A link to the same view in the other language. Following it is a state change like any
/// other (a history entry; search, filters and the open report are kept); its `href` is the
/// same state as a relative query, so it also works opened in a new tab.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let url = expect_context::<UrlState>();
    let lang = use_lang();
    let target = move || url.state.with(|s| s.with_lang(lang.get().other()));
    view! {
        <a
            class="lang-switch"
            data-testid="lang-switch"
            href=move || href(&target())
            hreflang=move || lang.get().other().as_str()
            lang=move || lang.get().other().as_str()
            on:click=move |ev| follow(&ev, target())
        >
            {move || lang.get().switch_label()}
        </a>
    }
}
