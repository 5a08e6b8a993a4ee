//! The list of reports: how many there are, and one entry per report.

use leptos::prelude::*;

use crate::app::card::{cards, ReportCard};
use crate::app::context::{use_bundle, use_lang};

/// Every report of the bundle, in bundle order, with their count above.
#[component]
pub fn ReportList() -> impl IntoView {
    let bundle = use_bundle();
    let lang = use_lang();
    let cards = Memo::new(move |_| cards(&bundle.reports, lang.get()));
    let count = Signal::derive(move || cards.with(Vec::len));

    view! {
        <section class="results" aria-labelledby="result-count">
            <ResultCount count/>
            <Show
                when=move || { count.get() > 0 }
                fallback=move || view! { <p class="empty">{move || lang.get().no_reports()}</p> }
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

/// One report in the list: heading, then date, city, outlet and authors.
#[component]
pub fn ReportItem(
    /// The report as the list shows it.
    card: ReportCard,
) -> impl IntoView {
    let lang = use_lang();
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
    let heading_hint = move || heading_from_body.then(|| lang.get().untitled_hint());
    view! {
        <li class="report" data-report-id=id data-city=city_key>
            <article>
                <h2 class="report-title" class:from-body=heading_from_body title=heading_hint>
                    {heading}
                </h2>
                <p class="report-meta">
                    <time class="report-date" datetime=date_iso>{date_text}</time>
                    <span class="report-city">{city}</span>
                    {outlet.map(|outlet| view! { <span class="report-outlet">{outlet}</span> })}
                    {(!authors.is_empty()).then(|| view! {
                        <span class="report-authors">
                            <span class="visually-hidden">{move || lang.get().by()} ": "</span>
                            {authors}
                        </span>
                    })}
                </p>
            </article>
        </li>
    }
}
