//! The compare and figures views: Hà Nội beside TP.HCM (topics, figures, distinctive words,
//! search lines and two reports side by side), and every stated figure as a sortable table with
//! charts and exports.
//!
//! Both views read the explorer's state and filtered results from context
//! ([`crate::app::context::use_explorer`]) and only render what the pure core computes
//! ([`crate::core::compare`], [`crate::core::figures`]). Every link is a real `href` built from a
//! [`ViewState`], so it works when opened in a new tab; a plain click navigates inside the app.
//! Report text and URL values are rendered as text nodes, never as HTML.

mod chart;
pub(crate) mod compare;
mod download;
mod figures;

pub use compare::CompareView;
pub use figures::FiguresView;

use std::sync::Arc;

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::app::context::{follow, href, Explorer};
use crate::core::figures::{format_vi, FigureRow};
use crate::core::i18n::Lang;
use crate::core::model::{Bundle, City, Qualifier};
use crate::core::url::{View, ViewState};

/// This language's side of a pair of UI strings. The views keep their wording here, beside the
/// markup, rather than in a shared table another helper is reworking.
pub(crate) fn tr(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The loaded bundle, shared (cloning the `Arc`, not the bundle). The views render inside
/// `WithText`, which shows them only once the bundle is there; before that this is an empty
/// bundle, so a view rendered too early would show nothing rather than fail.
pub(crate) fn bundle_of(ex: &Explorer) -> Arc<Bundle> {
    ex.bundle.get_untracked().unwrap_or_else(|| {
        Arc::new(Bundle {
            schema_version: crate::core::model::SCHEMA_VERSION,
            generator: String::new(),
            topics: Vec::new(),
            aliases: Vec::new(),
            reports: Vec::new(),
        })
    })
}

/// A city's label in the UI language.
pub(crate) fn city_label(city: City, lang: Lang) -> String {
    city.label().get(lang).to_owned()
}

/// The reader at paragraph `p` of report `id`. Search, filters and language are kept (the
/// reader highlights the searched words too); the compare and figures keys are dropped.
pub(crate) fn reader_state(state: &ViewState, id: &str, p: usize) -> ViewState {
    ViewState {
        view: View::Read,
        q: state.q.clone(),
        filters: state.filters.clone(),
        lang: state.lang,
        doc: Some(id.to_owned()),
        p: Some(p),
        ..ViewState::default()
    }
}

/// The report list searching for `q`, with the current filters and language.
pub(crate) fn search_state(state: &ViewState, q: &str) -> ViewState {
    ViewState {
        view: View::List,
        filters: state.filters.clone(),
        lang: state.lang,
        ..ViewState::default()
    }
    .with_query(q)
}

/// The paragraph a figure stands in (0 if a hand-edited bundle lost it).
pub(crate) fn figure_paragraph(bundle: &Bundle, row: &FigureRow) -> usize {
    bundle
        .reports
        .get(row.report)
        .and_then(|r| r.figures.get(row.figure))
        .map_or(0, |f| f.paragraph)
}

/// A figure's value as a reader writes it: "13.663", "42/120".
pub(crate) fn figure_text(value: f64, of: Option<f64>) -> String {
    match of {
        Some(whole) => format!("{}/{}", format_vi(value), format_vi(whole)),
        None => format_vi(value),
    }
}

/// A qualifier in plain words; empty for an exact figure.
pub(crate) fn qualifier_label(q: Option<Qualifier>, lang: Lang) -> &'static str {
    match q {
        None => "",
        Some(Qualifier::Approx) => tr(lang, "khoảng", "about"),
        Some(Qualifier::Over) => tr(lang, "hơn", "over"),
        Some(Qualifier::Under) => tr(lang, "chưa đến", "under"),
    }
}

/// Text pieces with the highlighted ones in `<mark>`: the list's renderer, shared.
pub(crate) use crate::app::components::render_pieces as marked;

/// Runs `f` between a `performance.mark` and a `performance.measure` named `danvan:<name>`,
/// so a trace or the benchmark can tell which part of a view's update took the time.
pub(crate) fn timed<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let start = timing_start(name);
    let out = f();
    timing_end(name, &start);
    out
}

/// The start mark of [`timed`]. Not generic and never inlined: one copy of the formatting and
/// the Performance calls, not one per timed section.
#[inline(never)]
fn timing_start(name: &str) -> String {
    let start = format!("danvan:{name}:start");
    crate::app::load::mark(&start);
    start
}

/// The measure of [`timed`], from its start mark.
#[inline(never)]
fn timing_end(name: &str, start: &str) {
    crate::app::load::measure(&format!("danvan:{name}"), start);
}

/// A link to another view state: a real `href`, and a plain click navigates in place. A plain
/// function rather than a component with boxed children: one `<a>` for every link of the views,
/// compiled once per label type (a text, or the pair view's ¶ with its hidden label).
pub(crate) fn nav_link(to: ViewState, class: &'static str, label: impl IntoView) -> impl IntoView {
    let link = href(&to);
    view! {
        <a
            href=link
            class=class
            on:click=move |ev: MouseEvent| follow(&ev, to.clone())
        >
            {label}
        </a>
    }
}
