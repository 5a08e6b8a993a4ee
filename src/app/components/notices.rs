//! The notice about URL values that were ignored: unknown keys, malformed values, and values
//! this corpus does not have. Present only when there is something to say.

use leptos::prelude::*;

use crate::app::context::use_explorer;
use crate::app::i18n::Msg;

/// Lists the notices of the current URL in the UI language (`role="status"`, so screen readers
/// announce it without interrupting). Messages are text: a value like `<script>` shows as such.
#[component]
pub fn Notices() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let notices = explorer.notices;
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" data-testid="notices">
                <p class="notices-title">{move || lang.get().msg(Msg::NoticesTitle)}</p>
                <ul>
                    {move || {
                        let lang = lang.get();
                        notices
                            .get()
                            .iter()
                            .map(|n| view! { <li>{n.message(lang)}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
