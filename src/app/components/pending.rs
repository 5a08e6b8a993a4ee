//! A placeholder for a view that lives on another branch until it is merged
//! (the compare and figures views: `src/app/views/`). Remove it when both have landed.

use leptos::prelude::*;

use crate::app::context::use_lang;
use crate::app::i18n::Msg;
use crate::core::url::View;

/// Says that `view` is not built yet, in the UI language.
#[component]
pub fn Pending(
    /// The view that is not here yet.
    view: View,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="pending" data-view=view.as_str()>
            <h2>{move || lang.get().view_name(view)}</h2>
            <p>{move || lang.get().msg(Msg::ComingSoon)}</p>
        </section>
    }
}
