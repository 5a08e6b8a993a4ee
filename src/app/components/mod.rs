//! The app's components. They render what the DOM-free modules compute; none of them
//! parses, filters or formats data itself.

mod header;
mod report_list;
mod status;

pub use header::{Header, LangSwitch};
pub use report_list::{ReportItem, ReportList, ResultCount};
pub use status::{LoadFailed, Loading};

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::context::{initial_lang, sync_document_language};
use crate::app::load::load_bundle;
use crate::app::BUNDLE_URL;
use crate::core::model::Bundle;

/// The whole page: header, then the loading state, the load error or the explorer.
/// It fetches the bundle once and provides the UI language by context.
#[component]
pub fn App() -> impl IntoView {
    let lang = Signal::stored(initial_lang());
    provide_context(lang);
    sync_document_language(lang);

    let bundle = LocalResource::new(|| load_bundle(BUNDLE_URL));

    view! {
        <Header/>
        <main id="main" class="wrap">
            {move || match bundle.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Ok(bundle)) => view! { <Explorer bundle/> }.into_any(),
                Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
            }}
        </main>
    }
}

/// Everything shown once the bundle is loaded. It provides the bundle by context to the views
/// below it (see [`crate::app::context::use_bundle`]).
#[component]
pub fn Explorer(
    /// The parsed bundle, shared, never copied.
    bundle: Arc<Bundle>,
) -> impl IntoView {
    provide_context(bundle);
    view! { <ReportList/> }
}
