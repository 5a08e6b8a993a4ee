//! The page header: the app's name, a line about it, and the language switch.

use leptos::prelude::*;

use crate::app::context::use_lang;

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <div>
                    <h1 class="site-title">{move || lang.get().app_title()}</h1>
                    <p class="tagline">{move || lang.get().app_tagline()}</p>
                </div>
                <LangSwitch/>
            </div>
        </header>
    }
}

/// A link to the same page in the other language. A plain link with a relative query keeps the
/// state in the URL and works under any sub-path.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <a
            class="lang-switch"
            href=move || lang.get().switch_query()
            hreflang=move || lang.get().other().as_str()
            lang=move || lang.get().other().as_str()
        >
            {move || lang.get().switch_label()}
        </a>
    }
}
