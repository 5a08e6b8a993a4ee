//! The app's components. They render what the DOM-free modules and the core compute; none of
//! them parses, filters or formats data itself.
//!
//! [`App`] installs the URL state and loads the catalog and the bundle; [`Loaded`] shows the
//! list from the catalog, takes the bundle when it comes, builds the search index once,
//! provides the [`crate::app::context::Explorer`] and switches between the views named by the
//! URL's `view` key.

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

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use leptos::prelude::*;

use crate::app::context::{effect, sync_document_language, Explorer, UrlState};
use crate::app::i18n::Msg;
use crate::app::load::{load_bundle, load_catalog, mark, measure, warn};
use crate::app::load_error::LoadError;
use crate::app::schedule::{after_paint, background_task};
use crate::app::{BUNDLE_URL, CATALOG_URL};
use crate::core::i18n::Lang;
use crate::core::model::Bundle;
use crate::core::query::{Catalog, Prepared};
use crate::core::search::{IndexBuilder, SearchIndex};
use crate::core::url::{View, ViewState};

/// The whole page: header, then the loading state, the load error or the explorer.
/// It reads the URL state first (so the language is right while loading), fetches the catalog
/// and the bundle at once, and provides the UI language and the URL state by context. The
/// explorer shows as soon as the catalog is in (a few percent of the bundle's bytes); the
/// bundle follows. A failed bundle replaces everything with its error: the text is what the
/// explorer is for.
#[component]
pub fn App() -> impl IntoView {
    let url = UrlState::install();
    let lang = url.lang();
    provide_context(url);
    provide_context(lang);
    sync_document_language(lang);

    // Both files are fetched at once; each signal is `None` until its answer is in. (Plain
    // signals set by a task, not `LocalResource`s: the same values, without compiling Leptos's
    // async-derived machinery into the wasm.)
    let catalog = RwSignal::new(None::<Option<Arc<Catalog>>>);
    let bundle = RwSignal::new(None::<Result<Arc<Bundle>, LoadError>>);
    leptos::task::spawn_local(async move { catalog.set(Some(load_catalog(CATALOG_URL).await)) });
    leptos::task::spawn_local(async move { bundle.set(Some(load_bundle(BUNDLE_URL).await)) });
    // What the page can show: the bundle's load error, else the explorer (from the catalog or
    // the bundle, whichever came first), else the loading line. Two `bool` memos rather than
    // one of a three-state enum: the same re-renders (each flips once at most), one memo type
    // less in the wasm.
    let failed = Memo::new(move |_| bundle.with(|b| matches!(b, Some(Err(_)))));
    let ready = Memo::new(move |_| {
        bundle.with(|b| matches!(b, Some(Ok(_)))) || catalog.with(|c| matches!(c, Some(Some(_))))
    });

    view! {
        <Header/>
        <main id="main" class="wrap">
            {move || {
                let error = failed
                    .get()
                    .then(|| bundle.with_untracked(|b| b.as_ref()?.as_ref().err().cloned()))
                    .flatten();
                if let Some(error) = error {
                    view! { <LoadFailed error/> }.into_any()
                } else if !ready.get() {
                    view! { <Loading/> }.into_any()
                } else {
                    // Rendered once: `ready` stays true when the bundle follows the catalog.
                    let first = match (bundle.with_untracked(parsed), catalog.get_untracked().flatten()) {
                        (Some(bundle), _) => Arc::new(Catalog::new(&bundle)),
                        (None, Some(catalog)) => catalog,
                        // Ready means one of them is in; were it not, keep waiting.
                        (None, None) => return view! { <Loading/> }.into_any(),
                    };
                    view! { <Loaded first text=bundle/> }.into_any()
                }
            }}
        </main>
    }
}

/// Everything shown once the list can be: the navigation, then the view the URL names.
/// It starts from a catalog (the list and facets work at once), takes the bundle when it
/// arrives, builds the search index from it a slice at a time between frames, and provides
/// all of it, with the state and the results, as an [`Explorer`] by context.
#[component]
pub fn Loaded(
    /// The list's entries: from the catalog file, or from the bundle when it came first.
    first: Arc<Catalog>,
    /// The bundle's load: `None` until it is in, then the parsed bundle or its error (which
    /// `App` shows instead of this).
    text: RwSignal<Option<Result<Arc<Bundle>, LoadError>>>,
) -> impl IntoView {
    let url = expect_context::<UrlState>();
    let lang = expect_context::<Memo<Lang>>();
    let prepared = StoredValue::new(Arc::new(Prepared::from_catalog(first)));
    let indexed = RwSignal::new(false);
    let bundle = RwSignal::new(None::<Arc<Bundle>>);
    // Whether `first` was made from the bundle itself (it came before the catalog).
    let first_is_truth = text.with_untracked(|t| parsed(t).is_some());
    // The bundle arrives once: hand it to the views, then index it. (What the effect has done
    // is kept in a `Cell` rather than returned as its value, so that it goes through the
    // app's one `effect` helper.)
    let taken = Cell::new(false);
    effect(move || {
        if taken.get() {
            return;
        }
        let Some(loaded) = text.with(parsed) else {
            return;
        };
        // The bundle is the truth and the catalog file only its cache: if they disagree (a
        // catalog left from another compilation) the list is redone from the bundle before
        // any view reads the bundle through the catalog's report numbers.
        let truth = if first_is_truth {
            prepared.with_value(|p| p.catalog.clone())
        } else {
            Arc::new(Catalog::new(&loaded))
        };
        if prepared.with_value(|p| p.catalog.metas() != truth.metas()) {
            warn("danvan: bundle.catalog.json does not match bundle.json; the list follows bundle.json (recompile to update the catalog)");
            prepared.set_value(Arc::new(Prepared::from_catalog(truth.clone())));
            // The results memo reads `prepared` untracked: make it run again.
            indexed.set(false);
        }
        bundle.set(Some(loaded.clone()));
        leptos::task::spawn_local(async move {
            let index = build_index(&loaded).await;
            prepared.set_value(Arc::new(Prepared::from_index(truth, index)));
            indexed.set(true);
        });
        taken.set(true);
    });
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
        indexed.track();
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
    // A new page starts at its top, unless a paragraph is asked for (the reader scrolls there).
    // (The effect compares the page itself rather than through a memo of it: one memo type
    // less in the wasm; it only acts on a change of the page, as with the memo.)
    // The page of the last run is kept in a `RefCell` (not returned): the app's one `effect`.
    let previous = RefCell::new(None::<(View, Option<String>)>);
    effect(move || {
        let now = state.with(|s| (s.view, s.doc.clone()));
        let before = previous.replace(Some(now.clone()));
        if before.is_some_and(|p| p != now) && state.with_untracked(|s| s.p.is_none()) {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    view! {
        <NavBar/>
        <Notices/>
        {move || match view.get() {
            View::List => view! { <ListView/> }.into_any(),
            View::Read => view! { <WithText><ReadView/></WithText> }.into_any(),
            View::Compare => view! { <WithText><crate::app::views::CompareView/></WithText> }.into_any(),
            View::Figures => view! { <WithText><crate::app::views::FiguresView/></WithText> }.into_any(),
        }}
    }
}

/// The bundle once it is parsed; `None` before (and after a failure, which `App` shows).
fn parsed(load: &Option<Result<Arc<Bundle>, LoadError>>) -> Option<Arc<Bundle>> {
    load.as_ref()?.as_ref().ok().cloned()
}

/// How long one slice of the index build may hold the main thread, in milliseconds: under the
/// 50 ms at which browsers call a task long, so typing and scrolling stay answered meanwhile.
const INDEX_SLICE_MS: f64 = 40.0;

/// Builds the search index of `bundle` a slice of reports at a time, giving the browser a turn
/// (painting, input) between slices; the first slice waits for the page to be painted. The
/// slices are background tasks: input, painting and ordinary tasks go first, and the other
/// background work (the rest of a page of rows, the URL a keystroke wrote) takes its turn
/// between them; unlike chained timers they are not clamped to 4 ms apart. Timed as
/// `danvan:index` (first slice to last, turns included) for the browser benchmark.
async fn build_index(bundle: &Bundle) -> SearchIndex {
    after_paint().await;
    mark("danvan:index:start");
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = move || clock.as_ref().map_or(0.0, |p| p.now());
    let mut builder = IndexBuilder::new(bundle);
    loop {
        let start = now();
        // Small steps, so one slice ends soon after its time is up.
        while now() - start < INDEX_SLICE_MS {
            if builder.add(bundle, 16) {
                // Finishing finds the alias members' runs (tens of milliseconds at ten
                // thousand reports): a task of its own, so no task grows long.
                background_task().await;
                let index = builder.finish();
                measure("danvan:index", "danvan:index:start");
                return index;
            }
        }
        background_task().await;
    }
}

/// Shows its children once the bundle's text is loaded, and a status line until then: the
/// reader, compare and figures views read the text, which follows the catalog by seconds at
/// ten thousand reports.
#[component]
fn WithText(children: ChildrenFn) -> impl IntoView {
    let explorer = crate::app::context::use_explorer();
    let lang = explorer.lang;
    let ready = Memo::new(move |_| explorer.bundle.with(Option::is_some));
    move || {
        if ready.get() {
            children().into_any()
        } else {
            view! {
                <p class="status" role="status" aria-live="polite" data-testid="text-loading">
                    <span class="spinner" aria-hidden="true"></span>
                    {move || lang.get().msg(Msg::TextLoading)}
                </p>
            }
            .into_any()
        }
    }
}
