//! The list view: the search box, the facets, and the matching reports with their count,
//! keyword-in-context snippets and highlighted titles.
//!
//! Only the visible rows are built: the first [`PAGE`] and more on request. The count always
//! says the full number.

use leptos::prelude::*;

use crate::app::card::ReportCard;
use crate::app::components::{FacetPanel, SearchBox};
use crate::app::context::{effect, follow, href, use_explorer, use_lang};
use crate::app::i18n::Msg;
use crate::app::paging::{first_rows, more, next_rows, visible, PAGE};
use crate::app::schedule::{after_paint, background_task};
use crate::core::i18n::Lang;
use crate::core::i18n::{t, Ui};
use crate::core::model::ParagraphKind;
use crate::core::snippet::{pieces, snippet, Piece, Snippet};

/// Snippets shown per report, at most.
const SNIPPETS: usize = 2;
/// Chars of context either side of a hit in a snippet.
const SNIPPET_RADIUS: usize = 70;

/// One listed report, ready to render. Its own key in the list: a row is rebuilt only when
/// what it shows changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Entry {
    card: ReportCard,
    /// The heading with the search hits highlighted (a title with hits), else the plain heading.
    heading: Vec<Piece>,
    /// (paragraph index, snippet) for the first paragraphs with hits.
    snippets: Vec<(usize, Snippet)>,
}

/// The built rows of one answer, remembered so that growing the page builds only new rows.
#[derive(Debug, Clone, PartialEq)]
struct Rows {
    answer: u64,
    lang: Lang,
    has_text: bool,
    entries: Vec<Entry>,
}

/// The window's height in CSS pixels (0 without a window).
fn viewport_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
}

/// The list view: search, facets (collapsible on phones), then the results.
#[component]
pub fn ListView() -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    view! {
        <div class="list-view">
            <SearchBox/>
            <div class="list-layout">
                <button
                    type="button"
                    class="button facets-toggle"
                    aria-controls="facets"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || lang.get().msg(Msg::Filters)}
                </button>
                <aside
                    id="facets"
                    class="facets"
                    class:open=move || open.get()
                    aria-label=move || lang.get().msg(Msg::Filters)
                >
                    <FacetPanel/>
                </aside>
                <ReportList/>
            </div>
        </div>
    }
}

/// The reports matching the URL's search and filters, in the core's order, with their count.
#[component]
pub fn ReportList() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let results = explorer.results;
    let count = Signal::derive(move || results.with(|r| r.total));
    let requested = RwSignal::new(PAGE);
    // A new search or filter starts again from the first page.
    effect(move || {
        results.track();
        requested.set(PAGE);
    });
    let shown = Memo::new(move |_| visible(count.get(), requested.get()));
    // Which answer the list shows: a new number each time the results change.
    let answer = Memo::new(move |n: Option<&u64>| {
        results.track();
        n.map_or(0, |n| n + 1)
    });
    // The rows of an answer built so far: (answer, rows). A new answer builds the first
    // screenful in its own frame; the effect below adds the rest of the page a few rows per
    // background task after that frame is painted, so a keystroke's frame holds only the rows
    // it shows.
    let built = RwSignal::new((0u64, 0usize));
    // Where the list starts in the window, measured after a page of rows was painted (layout
    // is clean then, so reading it costs nothing): the first frame of the next answer builds
    // the rows from there down to the window's bottom, not a whole window of them.
    let list = NodeRef::<leptos::html::Ol>::new();
    let list_top = StoredValue::new(None::<f64>);
    let limit = Memo::new(move |_| {
        let want = shown.get();
        let first = first_rows(viewport_height(), list_top.get_value());
        match built.get() {
            (a, n) if a == answer.get() => n.max(first).min(want),
            _ => first.min(want),
        }
    });
    let busy = move || limit.get() < shown.get();
    let turn = StoredValue::new(0u32);
    effect(move || {
        let a = answer.get();
        shown.track();
        if limit.get_untracked() >= shown.get_untracked() {
            return;
        }
        // One growing task at a time: a newer answer or a longer page takes over.
        let mine = turn.get_value().wrapping_add(1);
        turn.set_value(mine);
        // Background tasks: the next keystroke, and everything else the page does, go first.
        leptos::task::spawn_local(async move {
            after_paint().await;
            if let Some(ol) = list.get_untracked() {
                list_top.set_value(Some(ol.get_bounding_client_rect().top()));
            }
            loop {
                background_task().await;
                let (now, want) = (limit.get_untracked(), shown.get_untracked());
                if turn.get_value() != mine || answer.get_untracked() != a || now >= want {
                    break;
                }
                built.set((a, next_rows(now, want)));
            }
        });
    });
    // The entries of the rows built. Within one answer (and language, and text), the rows
    // already built are kept and only the new ones are made: highlighting re-reads the text.
    let entries = Memo::new(move |before: Option<&Rows>| {
        let lang = lang.get();
        let n = limit.get();
        let answer = answer.get();
        let prepared = explorer.prepared.get_value();
        results.with(|r| {
            explorer.bundle.with(|text| {
                let has_text = text.is_some();
                let mut entries = match before {
                    Some(b) if (b.answer, b.lang, b.has_text) == (answer, lang, has_text) => {
                        b.entries.iter().take(n).cloned().collect()
                    }
                    _ => Vec::with_capacity(n),
                };
                let from = entries.len();
                entries.extend(r.rows.iter().enumerate().take(n).skip(from).filter_map(
                    |(i, &ri)| {
                        let meta = prepared.catalog.meta(ri)?;
                        let card = ReportCard::new(meta, lang);
                        // Highlights only for the rows shown (a page at a time). A search has
                        // results only once the text is indexed, so `text` is there for them.
                        let hit = text.as_ref().and_then(|b| prepared.highlight(r, i, b));
                        let hit = hit.as_ref();
                        let heading = match (hit, card.heading_from_body, &meta.title) {
                            (Some(h), false, Some(title)) if !h.title.is_empty() => {
                                pieces(title, &h.title)
                            }
                            _ => vec![Piece {
                                text: card.heading.clone(),
                                highlight: false,
                            }],
                        };
                        let report = text.as_ref().and_then(|b| b.reports.get(ri));
                        let snippets = hit
                            .zip(report)
                            .map(|(h, report)| {
                                h.paragraphs
                                    .iter()
                                    .filter_map(|ph| {
                                        let p = report.paragraphs.get(ph.paragraph)?;
                                        (p.kind != ParagraphKind::Title).then(|| {
                                            (
                                                ph.paragraph,
                                                snippet(&p.text, &ph.ranges, SNIPPET_RADIUS),
                                            )
                                        })
                                    })
                                    .take(SNIPPETS)
                                    .collect()
                            })
                            .unwrap_or_default();
                        Some(Entry {
                            card,
                            heading,
                            snippets,
                        })
                    },
                ));
                Rows {
                    answer,
                    lang,
                    has_text,
                    entries,
                }
            })
        })
    });
    let q = Memo::new(move |_| explorer.state.with(|s| s.q.clone()));
    let left = move || more(count.get(), requested.get());
    let empty_text = move || {
        if explorer.prepared.with_value(|p| p.catalog.is_empty()) {
            lang.get().msg(Msg::NoReports)
        } else {
            t(lang.get(), Ui::NoResults)
        }
    };

    view! {
        // data-q: the search text these results answer (read through `results`, so it changes
        // once they are computed); the browser benchmark waits for it after each keystroke.
        <section class="results" aria-labelledby="result-count" data-q=move || results.with(|_| q.get())>
            <Show when=move || results.with(|r| r.pending)>
                // A search typed (or opened) before the text is loaded and indexed: say so
                // rather than "no results"; the results replace this once the index is there.
                <p class="status" role="status" data-testid="indexing">
                    {move || lang.get().msg(Msg::SearchWaiting)}
                </p>
            </Show>
            <Show when=move || results.with(|r| !r.pending)>
            <ResultCount count/>
            <Show when=move || { count.get() > 0 } fallback=move || view! { <p class="empty">{empty_text}</p> }>
                <ol class="report-list" aria-busy=move || busy().then_some("true") node_ref=list>
                    <For
                        each=move || entries.with(|rows| rows.entries.clone())
                        // Keyed by what a row shows (card, highlighted heading, snippets), so
                        // "show more" keeps the rows already there (and the focus in them), a
                        // keystroke rebuilds only the rows whose text changed, and the bundle
                        // correcting a stale catalog redraws the rows it corrects.
                        key=|e| e.clone()
                        children=move |entry| view! { <ReportItem entry/> }
                    />
                </ol>
                <Show when=move || { left() > 0 }>
                    <p class="show-more">
                        <span class="showing">{move || lang.get().showing(shown.get(), count.get())}</span>
                        " "
                        <button
                            type="button"
                            class="button"
                            data-testid="show-more"
                            on:click=move |_| requested.update(|r| *r = shown.get_untracked() + PAGE)
                        >
                            {move || lang.get().show_more(left())}
                        </button>
                    </p>
                </Show>
            </Show>
            </Show>
        </section>
    }
}

/// The number of listed reports ("5 báo cáo"), announced politely when it changes.
#[component]
pub fn ResultCount(
    /// How many reports are listed.
    #[prop(into)]
    count: Signal<usize>,
) -> impl IntoView {
    let lang = use_lang();
    // `elementtiming` (not an attribute the view macro knows): the browser benchmark reads when
    // the first results were painted from the browser's Element Timing entry. Set on mount,
    // before the first paint.
    let node = NodeRef::<leptos::html::P>::new();
    effect(move || {
        if let Some(p) = node.get() {
            let _ = p.set_attribute("elementtiming", "result-count");
        }
    });
    view! {
        <p id="result-count" class="result-count" data-testid="result-count" aria-live="polite" node_ref=node>
            {move || lang.get().report_count(count.get())}
        </p>
    }
}

/// Pieces as text nodes, the highlighted ones in `<mark>`.
pub fn render_pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| {
            if p.highlight {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                p.text.into_any()
            }
        })
        .collect_view()
}

/// One report in the list: heading (a link to read it), date, city, outlet, authors, and the
/// search's snippets (each a link to its paragraph).
#[component]
fn ReportItem(
    /// The report as the list shows it.
    entry: Entry,
) -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let Entry {
        card,
        heading,
        snippets,
    } = entry;
    let ReportCard {
        id,
        heading_from_body,
        date_iso,
        date_text,
        city,
        city_key,
        outlet,
        authors,
        ..
    } = card;
    let heading_hint = move || heading_from_body.then(|| lang.get().msg(Msg::UntitledHint));
    let read = {
        let id = id.clone();
        move |p: Option<usize>| explorer.state.with_untracked(|s| s.with_doc(&id, p))
    };
    let (read_href, read_click) = (read.clone(), read.clone());
    let snippet_views = snippets
        .into_iter()
        .map(|(p, s)| {
            let (to_href, to_click) = (read.clone(), read.clone());
            view! {
                <li>
                    <a
                        class="snippet"
                        href=move || { explorer.state.track(); href(&to_href(Some(p))) }
                        on:click=move |ev| follow(&ev, to_click(Some(p)))
                    >
                        {render_pieces(s.pieces)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="report" data-report-id=id data-city=city_key>
            <article>
                <h2 class="report-title" class:from-body=heading_from_body title=heading_hint>
                    <a
                        href=move || { explorer.state.track(); href(&read_href(None)) }
                        on:click=move |ev| follow(&ev, read_click(None))
                    >
                        {render_pieces(heading)}
                    </a>
                </h2>
                <p class="report-meta">
                    <time class="report-date" datetime=date_iso>{date_text}</time>
                    <span class="report-city">{city}</span>
                    {outlet.map(|outlet| view! { <span class="report-outlet">{outlet}</span> })}
                    {(!authors.is_empty()).then(|| view! {
                        <span class="report-authors">
                            <span class="visually-hidden">{move || lang.get().msg(Msg::By)} ": "</span>
                            {authors}
                        </span>
                    })}
                </p>
                <ul class="snippets">{snippet_views}</ul>
            </article>
        </li>
    }
}
