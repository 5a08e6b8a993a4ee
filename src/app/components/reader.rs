//! The reading view (`view=read&doc=<id>`): a report's clean text with its figures and the
//! search's hits marked, its metadata with provenance, its people and topics, and the page
//! clutter the compiler classified away behind a toggle.
//!
//! Every paragraph keeps its index from the bundle (`id="p-<n>"`, `data-paragraph`), so a
//! `p=<n>` link scrolls to it and marks it, whether or not clutter is shown.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::card::{format_date, ReportCard};
use crate::app::components::report_list::render_pieces;
use crate::app::context::{effect, follow, href, use_explorer, Explorer};
use crate::app::i18n::Msg;
use crate::app::reading::{figure_spans, figure_tip, hit_ranges, report_topics, runs, Run};
use crate::core::i18n::Lang;
use crate::core::meta::ReportMeta;
use crate::core::model::{Bundle, ParagraphKind, Provenance, Report};
use crate::core::search::ReportHit;
use crate::core::url::ViewState;

/// The reader for the URL's `doc`, or a message when there is none or it is unknown.
#[component]
pub fn ReadView() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let doc = Memo::new(move |_| explorer.state.with(|s| s.doc.clone()));
    // The report's number and text. Shown inside `WithText`, so the bundle is there; its
    // catalog was redone from it if a stale catalog file disagreed, so the numbers match.
    let index = Memo::new(move |_| {
        let i = doc
            .get()
            .and_then(|id| explorer.prepared.with_value(|p| p.catalog.find(&id)))?;
        explorer
            .bundle
            .with(|b| b.as_ref().is_some_and(|b| i < b.reports.len()))
            .then_some(i)
    });
    view! {
        <div class="read-view">
            <p class="back">
                <a
                    href=move || explorer.state.with(|s| href(&s.back_to_list()))
                    on:click=move |ev| follow(&ev, explorer.state.with_untracked(ViewState::back_to_list))
                >
                    {move || lang.get().msg(Msg::BackToList)}
                </a>
            </p>
            {move || match (doc.get(), index.get().zip(explorer.bundle.get_untracked())) {
                (_, Some((index, bundle))) => view! { <Reader doc=Doc { bundle, index }/> }.into_any(),
                (Some(_), None) => view! { <p class="empty" data-testid="doc-missing">{move || lang.get().msg(Msg::DocNotFound)}</p> }.into_any(),
                (None, None) => view! { <p class="empty">{move || lang.get().msg(Msg::NoDoc)}</p> }.into_any(),
            }}
        </div>
    }
}

/// The report being read: the loaded bundle and the report's number in it (the reader reads
/// the bundle's report in place, never a copy of it).
#[derive(Clone)]
struct Doc {
    bundle: Arc<Bundle>,
    index: usize,
}

/// Runs `f` on the report of `doc`.
fn read<R>(doc: StoredValue<Doc>, f: impl FnOnce(&Report) -> R) -> R {
    doc.with_value(|d| f(&d.bundle.reports[d.index]))
}

/// One report, read.
#[component]
fn Reader(
    /// The report, in the loaded bundle.
    doc: Doc,
) -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let state = explorer.state;
    let index = doc.index;
    let report = StoredValue::new(doc);
    let q = Memo::new(move |_| state.with(|s| s.q.clone()));
    // The search's hits in this report, whether or not the report passes the filters.
    let hit = Memo::new(move |_| {
        // The results change when the search index arrives after the first render.
        let _pending = explorer.results.with(|r| r.pending);
        q.with(|q| {
            explorer.prepared.with_value(|p| {
                let query = p.index.parse(q);
                (!query.is_empty())
                    .then(|| read(report, |r| p.index.highlight(&query, index, r)))
                    .flatten()
            })
        })
    });
    let marked = Memo::new(move |_| state.with(|s| s.p));
    let is_clutter = move |p: usize| {
        read(report, |r| {
            r.paragraphs.get(p).is_some_and(|p| p.kind.is_clutter())
        })
    };
    let clutter_count = read(report, |r| {
        r.paragraphs.iter().filter(|p| p.kind.is_clutter()).count()
    });
    let show_clutter = RwSignal::new(marked.get_untracked().is_some_and(is_clutter));
    // A link to a clutter paragraph shows the clutter, or there would be nothing to mark.
    effect(move || {
        if marked.get().is_some_and(is_clutter) {
            show_clutter.set(true);
        }
    });
    // Scroll to the marked paragraph once it is in the page (after this render).
    effect(move || {
        let Some(p) = marked.get() else {
            return;
        };
        show_clutter.track();
        request_animation_frame(move || {
            let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("p-{p}")))
            else {
                return;
            };
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&options);
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    });

    let card =
        Memo::new(move |_| read(report, |r| ReportCard::new(&ReportMeta::of(r), lang.get())));
    let title_paragraph = read(report, |r| {
        r.paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Title && r.title.is_some())
    });
    let paragraphs = move || {
        let lang = lang.get();
        let hit = hit.get();
        let show = show_clutter.get();
        read(report, |r| {
            r.paragraphs
                .iter()
                .enumerate()
                .filter(|(i, p)| Some(*i) != title_paragraph && (show || !p.kind.is_clutter()))
                .map(|(i, p)| {
                    let runs = runs(&p.text, hit_ranges(hit.as_ref(), i), &figure_spans(r, i));
                    paragraph_view(explorer, r, i, p.kind, runs, lang)
                })
                .collect_view()
        })
    };
    let heading = move || {
        let hit = hit.get();
        read(report, |r| match (title_paragraph, &r.title) {
            (Some(i), Some(_)) => {
                let text = &r.paragraphs[i].text;
                render_runs(
                    explorer,
                    r,
                    runs(text, hit_ranges(hit.as_ref(), i), &figure_spans(r, i)),
                    lang.get_untracked(),
                )
                .into_any()
            }
            _ => render_pieces(title_pieces(&card.get().heading, r, hit.as_ref())).into_any(),
        })
    };
    let heading_id = title_paragraph.map(|i| format!("p-{i}"));
    let heading_index = title_paragraph.map(|i| i.to_string());

    view! {
        <article class="reader" data-report-id=read(report, |r| r.id.clone())>
            <h2
                class="reader-title"
                id=heading_id
                data-paragraph=heading_index
                tabindex="-1"
                class:marked=move || title_paragraph.is_some() && marked.get() == title_paragraph
                aria-current=move || (title_paragraph.is_some() && marked.get() == title_paragraph).then_some("true")
            >
                {heading}
            </h2>
            <Metadata report card/>
            <div class="reader-layout">
                <div class="reader-body">
                    <p class="figures-hint">{move || lang.get().msg(Msg::FiguresInText)}</p>
                    <Show when=move || { clutter_count > 0 }>
                        <button
                            type="button"
                            class="button clutter-toggle"
                            data-testid="clutter-toggle"
                            aria-pressed=move || show_clutter.get().to_string()
                            on:click=move |_| show_clutter.update(|s| *s = !*s)
                        >
                            {move || lang.get().clutter_toggle(show_clutter.get(), clutter_count)}
                        </button>
                    </Show>
                    <div class="paragraphs">{paragraphs}</div>
                </div>
                <aside class="reader-side">
                    <People report/>
                    <Topics report/>
                </aside>
            </div>
        </article>
    }
}

/// The heading's pieces when the report has no title paragraph: the title field with its hits,
/// or the heading made from the body.
fn title_pieces(
    heading: &str,
    r: &Report,
    hit: Option<&ReportHit>,
) -> Vec<crate::core::snippet::Piece> {
    match (&r.title, hit) {
        (Some(title), Some(h)) => crate::core::snippet::pieces(title, &h.title),
        _ => crate::core::snippet::pieces(heading, &[]),
    }
}

/// One paragraph, kept at its bundle index, with its anchor link.
fn paragraph_view(
    explorer: Explorer,
    r: &Report,
    i: usize,
    kind: ParagraphKind,
    runs: Vec<Run>,
    lang: Lang,
) -> impl IntoView {
    let state = explorer.state;
    let id = r.id.clone();
    let marked = move || state.with(|s| s.p == Some(i));
    let target = move || state.with_untracked(|s| s.with_doc(&id, Some(i)));
    let target_href = target.clone();
    let label = match kind {
        ParagraphKind::Caption => Some(lang.msg(Msg::CaptionLabel)),
        ParagraphKind::Boilerplate => Some(lang.msg(Msg::ClutterLabel)),
        _ => None,
    };
    let class = match kind {
        ParagraphKind::Title => "para para-title",
        ParagraphKind::Kicker => "para para-kicker",
        ParagraphKind::Byline => "para para-byline",
        ParagraphKind::Body => "para para-body",
        ParagraphKind::Caption => "para para-caption",
        ParagraphKind::Boilerplate => "para para-clutter",
    };
    view! {
        <p
            id=format!("p-{i}")
            class=class
            data-paragraph=i.to_string()
            data-kind=kind.as_str()
            tabindex="-1"
            class:marked=marked
            aria-current=move || marked().then_some("true")
        >
            {label.map(|l| view! { <span class="para-label">{l}": "</span> })}
            {render_runs(explorer, r, runs, lang)}
            " "
            <a
                class="para-link"
                href=move || { state.track(); href(&target_href()) }
                aria-label=lang.msg(Msg::ParagraphLink)
                title=lang.msg(Msg::ParagraphLink)
                on:click=move |ev| follow(&ev, target())
            >
                "¶"
            </a>
        </p>
    }
}

/// Runs as text: figures in a focusable `<mark class="figure">` whose tooltip (and accessible
/// description) gives value, unit and period; search hits in plain `<mark>`.
fn render_runs(_explorer: Explorer, r: &Report, runs: Vec<Run>, lang: Lang) -> impl IntoView {
    runs.into_iter()
        .map(|run| {
            match run
                .figure
                .and_then(|f| r.figures.get(f).map(|fig| (f, fig)))
            {
                Some((f, fig)) => {
                    let tip = figure_tip(fig, lang);
                    view! {
                        <mark
                            class="figure"
                            tabindex="0"
                            data-figure=f.to_string()
                            data-tip=tip.clone()
                            title=tip.clone()
                        >
                            {render_pieces(run.pieces)}
                            <span class="visually-hidden">{format!(" ({tip})")}</span>
                        </mark>
                    }
                    .into_any()
                }
                None => render_pieces(run.pieces).into_any(),
            }
        })
        .collect_view()
}

/// The metadata: each field with whether it was inferred or curated, and curator notes.
#[component]
fn Metadata(report: StoredValue<Doc>, card: Memo<ReportCard>) -> impl IntoView {
    let lang = use_explorer().lang;
    let row = move |field: &'static str, msg: Msg, value: Box<dyn Fn() -> String + Send + Sync>| {
        let provenance = read(report, |r| r.provenance.get(field).copied());
        view! {
            <div class="meta-row" data-field=field>
                <dt>{move || lang.get().msg(msg)}</dt>
                <dd>
                    {value}
                    {provenance.map(|p| view! {
                        <span class="provenance" class:curated=p == Provenance::Curated data-provenance=p.as_str()>
                            {move || lang.get().provenance(p)}
                        </span>
                    })}
                </dd>
            </div>
        }
    };
    let unknown = move || lang.get().msg(Msg::Unknown).to_owned();
    let notes = read(report, |r| r.notes.clone());
    view! {
        <section class="metadata" aria-labelledby="meta-title">
            <h3 id="meta-title" class="visually-hidden">{move || lang.get().msg(Msg::Metadata)}</h3>
            <dl>
                {row("date", Msg::FieldDate, Box::new(move || {
                    read(report, |r| r.date.as_deref().map(|d| format_date(d, lang.get())))
                        .unwrap_or_else(|| lang.get().msg(Msg::Undated).to_owned())
                }))}
                {row("city", Msg::FieldCity, Box::new(move || card.get().city))}
                {row("outlet", Msg::FieldOutlet, Box::new(move || card.get().outlet.unwrap_or_else(unknown)))}
                {row("authors", Msg::FieldAuthors, Box::new(move || {
                    let a = card.get().authors;
                    if a.is_empty() { unknown() } else { a }
                }))}
                {row("title", Msg::FieldTitle, Box::new(move || {
                    read(report, |r| r.title.clone()).unwrap_or_else(unknown)
                }))}
            </dl>
            {(!notes.is_empty()).then(|| view! {
                <div class="notes" data-testid="curator-notes">
                    <h3>{move || lang.get().msg(Msg::Notes)}</h3>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}

/// The report's people, each a link to the list filtered by that person.
#[component]
fn People(report: StoredValue<Doc>) -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let people = read(report, |r| r.people.clone());
    (!people.is_empty()).then(|| {
        let items = people
            .into_iter()
            .map(|person| {
                let name = person.name.clone();
                let target = move || {
                    explorer.state.with(|s| ViewState {
                        lang: s.lang,
                        ..ViewState::default().toggle_person(&name)
                    })
                };
                let click = target.clone();
                view! {
                    <li>
                        <a href=move || href(&target()) on:click=move |ev| follow(&ev, click())>{person.name}</a>
                        {person.position.map(|p| view! { <span class="position">{p}</span> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="side-block" data-testid="people">
                <h3>{move || lang.get().msg(Msg::People)}</h3>
                <ul>{items}</ul>
            </section>
        }
    })
}

/// The report's topics, each a link to the list filtered by that topic.
#[component]
fn Topics(report: StoredValue<Doc>) -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let topics = read(report, report_topics);
    (!topics.is_empty()).then(|| {
        let items = topics
            .into_iter()
            .map(|id| {
                let label_id = id.clone();
                let label = move || {
                    explorer
                        .prepared
                        .with_value(|p| p.catalog.topic_label(&label_id, lang.get()))
                };
                let target = move || {
                    explorer.state.with(|s| ViewState {
                        lang: s.lang,
                        ..ViewState::default().toggle_topic(&id)
                    })
                };
                let click = target.clone();
                view! {
                    <li><a href=move || href(&target()) on:click=move |ev| follow(&ev, click())>{label}</a></li>
                }
            })
            .collect_view();
        view! {
            <section class="side-block" data-testid="topics">
                <h3>{move || lang.get().msg(Msg::Topics)}</h3>
                <ul>{items}</ul>
            </section>
        }
    })
}
