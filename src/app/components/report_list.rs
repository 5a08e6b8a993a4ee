//! The list of reports: how many match, and one entry per report.

use leptos::prelude::*;

use crate::app::card::ReportCard;
use crate::app::components::follow;
use crate::app::context::{href, use_explorer, use_lang};
use crate::app::i18n::Msg;

/// The reports matching the URL's search and filters, in the core's order, with their count.
#[component]
pub fn ReportList() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let results = explorer.results;
    let count = Signal::derive(move || results.with(|r| r.total));
    let cards = Memo::new(move |_| {
        let lang = lang.get();
        results.with(|r| {
            explorer.bundle.with_value(|b| {
                r.rows
                    .iter()
                    .filter_map(|&i| b.reports.get(i))
                    .map(|report| ReportCard::new(report, lang))
                    .collect::<Vec<_>>()
            })
        })
    });

    view! {
        <section class="results" aria-labelledby="result-count">
            <ResultCount count/>
            <Show
                when=move || { count.get() > 0 }
                fallback=move || view! { <p class="empty">{move || lang.get().msg(Msg::NoReports)}</p> }
            >
                <ol class="report-list">
                    {move || {
                        cards.get().into_iter().map(|card| view! { <ReportItem card/> }).collect_view()
                    }}
                </ol>
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
    view! {
        <p id="result-count" class="result-count" data-testid="result-count" aria-live="polite">
            {move || lang.get().report_count(count.get())}
        </p>
    }
}

/// One report in the list: heading (a link to read it), then date, city, outlet and authors.
#[component]
pub fn ReportItem(
    /// The report as the list shows it.
    card: ReportCard,
) -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let ReportCard {
        id,
        heading,
        heading_from_body,
        date_iso,
        date_text,
        city,
        city_key,
        outlet,
        authors,
    } = card;
    let heading_hint = move || heading_from_body.then(|| lang.get().msg(Msg::UntitledHint));
    let read = {
        let id = id.clone();
        move || explorer.state.with(|s| s.with_doc(&id, None))
    };
    let read_click = read.clone();
    view! {
        <li class="report" data-report-id=id data-city=city_key>
            <article>
                <h2 class="report-title" class:from-body=heading_from_body title=heading_hint>
                    <a href=move || href(&read()) on:click=move |ev| follow(&ev, read_click())>
                        {heading}
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
            </article>
        </li>
    }
}
