//! The app's components. They render what the DOM-free modules and the core compute; none of
//! them parses, filters or formats data itself.
//!
//! [`App`] installs the URL state and loads the bundle; [`Loaded`] builds the search index
//! once, provides the [`crate::app::context::Explorer`] and switches between the views named by
//! the URL's `view` key.

mod facets;
mod header;
mod nav;
mod notices;
mod reader;
mod report_list;
mod search;
mod status;

pub use facets::FacetPanel;
pub use header::{Header, LangSwitch};
pub use nav::{CopyLink, NavBar};
pub use notices::Notices;
pub use reader::ReadView;
pub use report_list::{render_pieces, ListView, ReportList, ResultCount};
pub use search::SearchBox;
pub use status::{LoadFailed, Loading};

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::context::{sync_document_language, Explorer, UrlState};
use crate::app::load::{load_bundle, mark, measure};
use crate::app::BUNDLE_URL;
use crate::core::model::Bundle;
use crate::core::query::Prepared;
use crate::core::url::{View, ViewState};

/// The whole page: header, then the loading state, the load error or the explorer.
/// It reads the URL state first (so the language is right while loading), fetches the bundle
/// once, and provides the UI language and the URL state by context.
#[component]
pub fn App() -> impl IntoView {
    let url = UrlState::install();
    let lang = url.lang();
    provide_context(url);
    provide_context(lang);
    sync_document_language(lang);

    let bundle = LocalResource::new(|| load_bundle(BUNDLE_URL));

    view! {
        <Header/>
        <main id="main" class="wrap">
            {move || match bundle.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Ok(bundle)) => view! { <Loaded bundle/> }.into_any(),
                Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
            }}
        </main>
    }
}

/// Everything shown once the bundle is loaded: the navigation, then the view the URL names.
/// It builds the catalog and search index once and provides them, with the state and the
/// results, as an [`Explorer`] by context.
#[component]
pub fn Loaded(
    /// The parsed bundle, shared, never copied.
    bundle: Arc<Bundle>,
) -> impl IntoView {
    let url = expect_context::<UrlState>();
    let lang = url.lang();
    // The catalog first, so the list shows at once; the search index (seconds at ten thousand
    // reports) is built after the browser has painted. Until then a search shows that it is
    // waiting. The index build and each query are timed for the browser benchmark (tests/bench).
    let prepared = StoredValue::new(Arc::new(Prepared::catalog_first(&bundle)));
    let indexed = RwSignal::new(false);
    {
        let bundle = bundle.clone();
        leptos::task::spawn_local(async move {
            after_paint().await;
            mark("danvan:index:start");
            let full = prepared.with_value(|p| p.with_index(&bundle));
            measure("danvan:index", "danvan:index:start");
            prepared.set_value(Arc::new(full));
            indexed.set(true);
        });
    }
    let bundle = StoredValue::new(bundle);
    let state = Memo::new(move |_| url.state.get());
    // Only the search text and the filters decide the results: opening a report, switching
    // the language or the view must not search again.
    let search = Memo::new(move |_| {
        state.with(|s| ViewState {
            q: s.q.clone(),
            filters: s.filters.clone(),
            ..ViewState::default()
        })
    });
    let results = Memo::new(move |_| {
        indexed.track();
        search.with(|s| {
            mark("danvan:run:start");
            let results = prepared.with_value(|p| p.run(s));
            measure("danvan:run", "danvan:run:start");
            Arc::new(results)
        })
    });
    let notices = Memo::new(move |_| {
        let mut notices = url.parse_notices.get();
        notices.extend(state.with(|s| prepared.with_value(|p| p.catalog.check(s))));
        notices
    });
    provide_context(Explorer {
        bundle,
        prepared,
        state,
        results,
        lang,
        notices,
    });

    let view = Memo::new(move |_| state.with(|s| s.view));
    let page = Memo::new(move |_| state.with(|s| (s.view, s.doc.clone())));
    // A new page starts at its top, unless a paragraph is asked for (the reader scrolls there).
    Effect::new(move |previous: Option<(View, Option<String>)>| {
        let now = page.get();
        if previous.is_some_and(|p| p != now) && state.with_untracked(|s| s.p.is_none()) {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        now
    });
    view! {
        <NavBar/>
        <Notices/>
        {move || match view.get() {
            View::List => view! { <ListView/> }.into_any(),
            View::Read => view! { <ReadView/> }.into_any(),
            View::Compare => view! { <crate::app::views::CompareView/> }.into_any(),
            View::Figures => view! { <crate::app::views::FiguresView/> }.into_any(),
        }}
    }
}

/// Resolves once the browser has painted what is on the page: a timer set from an animation
/// frame callback runs after that frame is painted.
async fn after_paint() {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        // Without a window nothing is painted and the index is never needed.
        let Some(window) = web_sys::window() else {
            return;
        };
        let timer = window.clone();
        let next = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = timer.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = window.request_animation_frame(next.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
