//! The compare view (`view=compare`): two places side by side, each holding the reports the
//! current search and filters keep. It shows what each side covers, how much each topic weighs,
//! the figures of units both sides state (with the caveats of comparing them), the words that
//! set each side apart, the searched words in context on each side, and two chosen reports in
//! aligned columns, paragraphs grouped by topic.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;

use crate::app::context::{navigate, use_explorer};
use crate::app::views::{
    bundle_of, city_label, figure_text, marked, nav_link, qualifier_label, reader_state,
    search_state, timed, tr,
};
use crate::core::compare::{
    distinctive_terms_cached, matched_figures, side_summary, topic_shares, Caveat, Distinctive,
    FigureRef, SideSummary, Term, TermCache, TermOptions, UnitMatch,
};
use crate::core::decimal::{fixed, shortest};
use crate::core::figures::{format_vi, plain_number};
use crate::core::i18n::Lang;
use crate::core::meta::{first_sentence, shorten};
use crate::core::model::{Bundle, City, ParagraphKind, Report};
use crate::core::query::{Prepared, Results};
use crate::core::snippet::{pieces, snippet};
use crate::core::url::{View, ViewState};

/// Search lines shown per side before the rest is only counted.
const MAX_KWIC_LINES: usize = 12;
/// Chars of context either side of a searched word.
const KWIC_RADIUS: usize = 70;

/// "1 báo cáo" / "1 report" / "3 reports".
fn report_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Vi, n) => format!("{n} báo cáo"),
        (Lang::En, 1) => "1 report".to_owned(),
        (Lang::En, n) => format!("{n} reports"),
    }
}

/// A share as a percentage with at most one decimal, written the reader's way.
fn percent(share: f64, lang: Lang) -> String {
    let v = (share * 1000.0).round() / 10.0;
    match lang {
        Lang::Vi => format!("{}%", format_vi(v)),
        Lang::En => format!("{}%", shortest(v)),
    }
}

/// A z-score with two decimals, written the reader's way.
fn score(z: f64, lang: Lang) -> String {
    let v = (z * 100.0).round() / 100.0;
    match lang {
        Lang::Vi => format_vi(v),
        Lang::En => shortest(v),
    }
}

/// A heading for a report: its title, else its first body sentence, shortened.
pub(crate) fn report_heading(r: &Report) -> String {
    if let Some(t) = r.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return shorten(t, 90);
    }
    r.paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Body && !p.text.trim().is_empty())
        .map_or_else(
            || r.file.clone(),
            |p| shorten(first_sentence(p.text.trim()), 90),
        )
}

/// The compare view. Side a is `a=` (Hà Nội by default), side b is `b=` (TP.HCM by default).
#[component]
pub fn CompareView() -> impl IntoView {
    let ex = use_explorer();
    let bundle = bundle_of(&ex);
    let (state, results, lang) = (ex.state, ex.results, ex.lang);

    let cities = Memo::new(move |_| {
        let s = state.get();
        (s.a.unwrap_or(City::Hanoi), s.b.unwrap_or(City::Hcmc))
    });
    let sides = {
        let bundle = bundle.clone();
        Memo::new(move |_| {
            let (a, b) = cities.get();
            timed("compare:sides", || {
                results.with(|r| {
                    (
                        side_summary(&bundle, &r.rows, a),
                        side_summary(&bundle, &r.rows, b),
                    )
                })
            })
        })
    };
    let terms = {
        let bundle = bundle.clone();
        // Each side's word counts are kept for the next comparisons: undoing a filter, or
        // changing one side, does not count a side again.
        let cache = Arc::new(Mutex::new(TermCache::default()));
        Memo::new(move |_| {
            timed("compare:terms", || {
                sides.with(|(a, b)| {
                    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
                    distinctive_terms_cached(
                        &mut cache,
                        &bundle,
                        &a.reports,
                        &b.reports,
                        &TermOptions::default(),
                    )
                })
            })
        })
    };
    let figures = {
        let bundle = bundle.clone();
        Memo::new(move |_| {
            timed("compare:figures", || {
                sides.with(|(a, b)| matched_figures(&bundle, &a.reports, &b.reports))
            })
        })
    };

    let b_topics = bundle.clone();
    let b_figures = bundle.clone();
    let b_kwic = bundle.clone();
    let b_pair = bundle.clone();
    // Read when rendering, not once here: the search index arrives after the first render.
    let prepared = ex.prepared;

    view! {
        <section class="compare-view" aria-labelledby="compare-title">
            <h2 id="compare-title">
                {move || tr(lang.get(), "So sánh hai địa bàn", "Compare two places")}
            </h2>
            {move || side_pickers(&state.get(), lang.get())}
            <div class="compare-sides">
                {move || {
                    let l = lang.get();
                    sides.with(|(a, b)| view! { {side_column("a", a, l)} {side_column("b", b, l)} })
                }}
            </div>
            {move || {
                let s = state.get();
                timed("compare:render-topics", || sides.with(|(a, b)| topics_section(&b_topics, &s, a, b, lang.get())))
            }}
            {move || {
                let s = state.get();
                let (ca, cb) = cities.get();
                timed("compare:render-figures", || figures.with(|m| figures_section(&b_figures, &s, m, (ca, cb), lang.get())))
            }}
            {move || {
                let s = state.get();
                let (ca, cb) = cities.get();
                timed("compare:render-terms", || terms.with(|d| terms_section(&s, d, (ca, cb), lang.get())))
            }}
            {move || {
                let s = state.get();
                let (ca, cb) = cities.get();
                let l = lang.get();
                let p = prepared.get_value();
                results.with(|r| sides.with(|sd| kwic_section(&b_kwic, &p, &s, r, sd, (ca, cb), l)))
            }}
            {move || {
                let s = state.get();
                let l = lang.get();
                // Follows the results, so the highlights come once the index is built.
                let _pending = results.with(|r| r.pending);
                let prepared = prepared.get_value();
                let query = prepared.index.parse(&s.q);
                let highlight = |report: usize, paragraph: usize| -> Vec<(usize, usize)> {
                    b_pair
                        .reports
                        .get(report)
                        .and_then(|text| prepared.index.highlight(&query, report, text))
                        .map(|h| h.ranges(paragraph).to_vec())
                        .unwrap_or_default()
                };
                timed("compare:render-pair", || sides.with(|sd| pair_section(&b_pair, &s, sd, l, &highlight)))
            }}
        </section>
    }
}

/// The two selects choosing which places are compared.
fn side_pickers(state: &ViewState, lang: Lang) -> impl IntoView {
    let picker = |key: &'static str, current: City| {
        let id = format!("compare-pick-{key}");
        let for_id = id.clone();
        let label = match key {
            "a" => tr(lang, "Bên trái", "Left side"),
            _ => tr(lang, "Bên phải", "Right side"),
        };
        let st = state.clone();
        let options = City::ALL
            .into_iter()
            .map(|c| {
                view! {
                    <option value=c.as_str() selected=c == current>
                        {city_label(c, lang)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <label class="compare-pick" for=for_id>
                <span>{label}</span>
                <select
                    id=id
                    autocomplete="off"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let mut next = st.clone();
                        let city = City::parse(&value);
                        match key {
                            "a" => next.a = city,
                            _ => next.b = city,
                        }
                        // The chosen reports belonged to the old places.
                        if key == "a" {
                            next.doc_a = None;
                        } else {
                            next.doc_b = None;
                        }
                        navigate(next);
                    }
                >
                    {options}
                </select>
            </label>
        }
    };
    view! {
        <div class="compare-pickers">
            {picker("a", state.a.unwrap_or(City::Hanoi))}
            {picker("b", state.b.unwrap_or(City::Hcmc))}
        </div>
    }
}

/// One side's column: its place, how many reports, which years and outlets.
fn side_column(key: &'static str, s: &SideSummary, lang: Lang) -> impl IntoView {
    let heading_id = format!("compare-side-{key}-title");
    let labelled_by = heading_id.clone();
    let place = city_label(s.city, lang);
    let n = s.reports.len();
    let body = if n == 0 {
        let text = match lang {
            Lang::Vi => format!("Không có báo cáo nào về {place} với tìm kiếm và bộ lọc hiện tại."),
            Lang::En => format!("No report about {place} matches the current search and filters."),
        };
        view! { <p class="empty">{text}</p> }.into_any()
    } else {
        let mut years = match s.year_range {
            Some((a, b)) if a == b => a.to_string(),
            Some((a, b)) => format!("{a}–{b}"),
            None => "—".to_owned(),
        };
        if s.undated > 0 {
            years.push_str(&match lang {
                Lang::Vi => format!(" (và {} bài không rõ ngày)", s.undated),
                Lang::En => format!(" (and {} undated)", s.undated),
            });
        }
        let mut outlets = s.outlets.join(", ");
        if s.no_outlet > 0 {
            let unknown = match lang {
                Lang::Vi => format!("{} bài không rõ nguồn", s.no_outlet),
                Lang::En => format!("{} without a known outlet", s.no_outlet),
            };
            outlets = if outlets.is_empty() {
                unknown
            } else {
                format!("{outlets}; {unknown}")
            };
        }
        view! {
            <dl class="side-facts">
                <dt>{tr(lang, "Báo cáo", "Reports")}</dt>
                <dd class="side-count">{report_count(lang, n)}</dd>
                <dt>{tr(lang, "Năm", "Years")}</dt>
                <dd class="side-years">{years}</dd>
                <dt>{tr(lang, "Nguồn tin", "Outlets")}</dt>
                <dd class="side-outlets">{outlets}</dd>
            </dl>
        }
        .into_any()
    };
    view! {
        <section
            class=format!("compare-side side-{key}")
            data-compare-side=key
            data-city=s.city.as_str()
            data-report-count=n.to_string()
            aria-labelledby=labelled_by
        >
            <h3 id=heading_id>{place}</h3>
            {body}
        </section>
    }
}

/// A side's place name, for labels inside paired rows.
fn side_names(cities: (City, City), lang: Lang) -> (String, String) {
    (city_label(cities.0, lang), city_label(cities.1, lang))
}

/// Topic shares as paired bars; a topic's name toggles the topic filter.
fn topics_section(
    bundle: &Bundle,
    state: &ViewState,
    a: &SideSummary,
    b: &SideSummary,
    lang: Lang,
) -> impl IntoView {
    let (name_a, name_b) = side_names((a.city, b.city), lang);
    let shares_a = topic_shares(bundle, &a.reports);
    let shares_b = topic_shares(bundle, &b.reports);
    let rows: Vec<_> = bundle
        .topics
        .iter()
        .zip(shares_a.iter().zip(&shares_b))
        .filter(|(t, (sa, sb))| {
            sa.paragraphs + sb.paragraphs > 0 || state.filters.topics.contains(&t.id)
        })
        .map(|(t, (sa, sb))| {
            let selected = state.filters.topics.contains(&t.id);
            let next = state.toggle_topic(&t.id);
            let bar = |side: &'static str, city: City, name: &str, share: f64, n: usize| {
                let count = match lang {
                    Lang::Vi => format!("{} ({n} đoạn)", percent(share, lang)),
                    Lang::En => format!(
                        "{} ({n} paragraph{})",
                        percent(share, lang),
                        if n == 1 { "" } else { "s" }
                    ),
                };
                view! {
                    <div class=format!("bar-line side-{side} city-{}", city.as_str())>
                        <span class="visually-hidden">{format!("{name}: ")}</span>
                        <span class="bar-track" aria-hidden="true">
                            <span class="bar-fill" style:width=format!("{}%", fixed(share * 100.0, 2))></span>
                        </span>
                        <span class="bar-num">{count}</span>
                    </div>
                }
            };
            view! {
                <li class="topic-pair" data-topic=t.id.clone()>
                    <button
                        type="button"
                        class="topic-toggle"
                        aria-pressed=if selected { "true" } else { "false" }
                        on:click=move |_| navigate(next.clone())
                    >
                        {t.label.get(lang).to_owned()}
                    </button>
                    <div class="topic-bars">
                        {bar("a", a.city, &name_a, sa.share, sa.paragraphs)}
                        {bar("b", b.city, &name_b, sb.share, sb.paragraphs)}
                    </div>
                </li>
            }
        })
        .collect();
    let body = if rows.is_empty() {
        view! {
            <p class="empty">
                {tr(lang, "Chưa có đoạn nào được gắn chủ đề.", "No paragraph is tagged with a topic.")}
            </p>
        }
        .into_any()
    } else {
        view! {
            <div class="legend" aria-hidden="true">
                <span class=format!("legend-item city-{}", a.city.as_str())>{name_a.clone()}</span>
                <span class=format!("legend-item city-{}", b.city.as_str())>{name_b.clone()}</span>
            </div>
            <ul class="topic-pairs">{rows}</ul>
        }
        .into_any()
    };
    view! {
        <section class="compare-topics" aria-labelledby="compare-topics-title">
            <h3 id="compare-topics-title">{tr(lang, "Chủ đề", "Topics")}</h3>
            <p class="note">
                {tr(
                    lang,
                    "Tỉ lệ đoạn văn của mỗi bên được gắn từng chủ đề (một đoạn có thể thuộc nhiều chủ đề). Bấm tên chủ đề để lọc theo chủ đề đó.",
                    "The share of each side's paragraphs tagged with each topic (a paragraph may carry several). Press a topic to filter by it.",
                )}
            </p>
            {body}
        </section>
    }
}

/// One figure of a side, with its source.
fn figure_item(bundle: &Bundle, state: &ViewState, f: FigureRef, lang: Lang) -> impl IntoView {
    let report = &bundle.reports[f.report];
    let fig = &report.figures[f.figure];
    let qualifier = qualifier_label(fig.qualifier, lang);
    let period = fig
        .period
        .clone()
        .unwrap_or_else(|| tr(lang, "không rõ thời kỳ", "period not stated").to_owned());
    let to = reader_state(state, &report.id, fig.paragraph);
    let heading = report_heading(report);
    let (value, unit, city) = (
        figure_text(fig.value, fig.of),
        fig.unit.clone(),
        report.city.as_str(),
    );
    view! {
        <li class="side-figure" data-figure-value=plain_number(fig.value) data-city=city>
            <span class="fig-line">
                {(!qualifier.is_empty()).then(|| view! { <span class="fig-qualifier">{qualifier}" "</span> })}
                <strong class="fig-value">{value}</strong>
                " "
                <span class="fig-unit">{unit}</span>
            </span>
            <span class="fig-period">{period}</span>
            <span class="fig-source">
                {tr(lang, "Nguồn: ", "Source: ")}
                {nav_link(to, "", heading)}
            </span>
        </li>
    }
}

/// A caveat in plain words, with the periods each side names when they differ.
fn caveat_text(c: &Caveat, names: &(String, String), lang: Lang) -> String {
    let mut text = c.label().get(lang).to_owned();
    if let Caveat::PeriodsDiffer { a, b } = c {
        text.push_str(&format!(
            " {}: {}; {}: {}.",
            names.0,
            a.join(", "),
            names.1,
            b.join(", ")
        ));
    }
    text
}

/// Units stated on both sides, their figures side by side with caveats.
fn figures_section(
    bundle: &Bundle,
    state: &ViewState,
    matches: &[UnitMatch],
    cities: (City, City),
    lang: Lang,
) -> impl IntoView {
    let names = side_names(cities, lang);
    let body = if matches.is_empty() {
        view! {
            <p class="empty">
                {tr(
                    lang,
                    "Không có đơn vị số liệu nào mà cả hai bên cùng nêu.",
                    "No unit of figures is stated on both sides.",
                )}
            </p>
        }
        .into_any()
    } else {
        matches
            .iter()
            .map(|m| {
                let list = |side: &'static str, city: City, refs: &[FigureRef], name: &str| {
                    // A unit can have thousands of figures at corpus scale: the first few
                    // here, all of them (paged) in the figures view of that unit.
                    let items = refs
                        .iter()
                        .take(MAX_UNIT_FIGURES)
                        .map(|&f| figure_item(bundle, state, f, lang))
                        .collect_view();
                    let rest = refs.len().saturating_sub(MAX_UNIT_FIGURES);
                    let more = (rest > 0).then(|| {
                        let mut to = state.clone();
                        to.view = View::Figures;
                        to.unit = Some(m.unit.clone());
                        to.sort = None;
                        let text = match lang {
                            Lang::Vi => format!("và {rest} số liệu nữa, trong trang Số liệu"),
                            Lang::En => format!("and {rest} more figures, in the Figures view"),
                        };
                        view! { <p class="note">{nav_link(to, "", text)}</p> }
                    });
                    view! {
                        <div class=format!("side-figures side-{side} city-{}", city.as_str())>
                            <p class="col-label">{name.to_owned()}</p>
                            <ul>{items}</ul>
                            {more}
                        </div>
                    }
                };
                let caveats = (!m.caveats.is_empty()).then(|| {
                    let items = m
                        .caveats
                        .iter()
                        .map(|c| view! { <li>{caveat_text(c, &names, lang)}</li> })
                        .collect_view();
                    view! {
                        <div class="caveats">
                            <p class="caveats-title">{tr(lang, "Lưu ý khi so sánh", "Before comparing")}</p>
                            <ul>{items}</ul>
                        </div>
                    }
                });
                view! {
                    <article class="unit-match" data-unit=m.unit.clone()>
                        <h4>{m.unit.clone()}</h4>
                        <div class="pair-cols">
                            {list("a", cities.0, &m.a, &names.0)}
                            {list("b", cities.1, &m.b, &names.1)}
                        </div>
                        {caveats}
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="compare-figures" aria-labelledby="compare-figures-title">
            <h3 id="compare-figures-title">{tr(lang, "Số liệu hai bên", "Figures side by side")}</h3>
            <p class="note">
                {tr(
                    lang,
                    "Số liệu cùng đơn vị mà cả hai bên nêu; mỗi số dẫn tới đoạn văn nguồn.",
                    "Figures of the same unit stated on both sides; each links to its source paragraph.",
                )}
            </p>
            {body}
        </section>
    }
}

/// One side's distinctive terms as a small table.
fn terms_table(
    state: &ViewState,
    side: &'static str,
    city: City,
    terms: &[Term],
    names: &(String, String),
    lang: Lang,
) -> impl IntoView {
    let own = if side == "a" { &names.0 } else { &names.1 };
    let class = format!("terms side-{side} city-{}", city.as_str());
    if terms.is_empty() {
        let text = match lang {
            Lang::Vi => format!("Không có từ ngữ nào đặc trưng cho {own}."),
            Lang::En => format!("No term is typical of {own}."),
        };
        return view! {
            <div class=class data-terms-side=side>
                <p class="col-label">{own.clone()}</p>
                <p class="empty">{text}</p>
            </div>
        }
        .into_any();
    }
    let rows = terms
        .iter()
        .map(|t| {
            let to = search_state(state, &t.display);
            let display = t.display.clone();
            let (count_a, count_b) = (t.count_a, t.count_b);
            view! {
                <tr>
                    <th scope="row">
                        {nav_link(to, "term-link", display)}
                    </th>
                    <td class="num">{score(t.z, lang)}</td>
                    <td class="num">{count_a}</td>
                    <td class="num">{count_b}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = match lang {
        Lang::Vi => format!("Đặc trưng cho {own}"),
        Lang::En => format!("Typical of {own}"),
    };
    view! {
        <div class=class data-terms-side=side>
            <table class="terms-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "Từ ngữ", "Term")}</th>
                        <th scope="col" class="num">
                            <abbr title=tr(lang, "điểm z (log-odds)", "z-score (log-odds)")>"z"</abbr>
                        </th>
                        <th scope="col" class="num">{names.0.clone()}</th>
                        <th scope="col" class="num">{names.1.clone()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The words that set each side apart (log-odds with an informative prior).
fn terms_section(
    state: &ViewState,
    d: &Distinctive,
    cities: (City, City),
    lang: Lang,
) -> impl IntoView {
    let names = side_names(cities, lang);
    view! {
        <section class="compare-terms" aria-labelledby="compare-terms-title">
            <h3 id="compare-terms-title">{tr(lang, "Từ ngữ đặc trưng", "Distinctive terms")}</h3>
            <p class="note">
                {tr(
                    lang,
                    "Từ và cụm hai âm tiết mà một bên dùng nhiều hơn hẳn bên kia (log-odds với tiên nghiệm Dirichlet, Monroe và cộng sự 2008); z càng lớn càng đặc trưng. Bấm một từ để tìm nó.",
                    "Words and two-syllable phrases one side uses far more than the other (log-odds with a Dirichlet prior, Monroe et al. 2008); the larger z, the more typical. Press a term to search for it.",
                )}
            </p>
            {sample_note(d, &names, lang)}
            <div class="pair-cols">
                {terms_table(state, "a", cities.0, &d.a, &names, lang)}
                {terms_table(state, "b", cities.1, &d.b, &names, lang)}
            </div>
        </section>
    }
}

/// Says which sides' words were counted on an even sample of their reports (large sides).
fn sample_note(d: &Distinctive, names: &(String, String), lang: Lang) -> Option<impl IntoView> {
    let parts: Vec<String> = d
        .counted
        .iter()
        .zip([&names.0, &names.1])
        .filter(|((n, of), _)| n < of)
        .map(|(&(n, of), name)| match lang {
            Lang::Vi => format!("{name}: mẫu đều {n} trên {of} báo cáo"),
            Lang::En => format!("{name}: an even sample of {n} of {of} reports"),
        })
        .collect();
    (!parts.is_empty()).then(|| {
        let lead = tr(lang, "Đếm trên mẫu", "Counted on a sample");
        view! { <p class="note" data-terms-sample="">{format!("{lead}: {}.", parts.join("; "))}</p> }
    })
}

/// How many figures of a matched unit each side lists in the compare view.
const MAX_UNIT_FIGURES: usize = 12;

/// With a search: the searched words in context on each side.
fn kwic_section(
    bundle: &Bundle,
    prepared: &Prepared,
    state: &ViewState,
    results: &Results,
    sides: &(SideSummary, SideSummary),
    cities: (City, City),
    lang: Lang,
) -> impl IntoView {
    if !results.searched {
        return None;
    }
    let names = side_names(cities, lang);
    let column = |side: &'static str, summary: &SideSummary, name: &str| {
        // Highlights are built report by report, best first, only until the lines to show are
        // found: with thousands of matching reports, the rest are only counted.
        // The side's reports as a flag per report (no hash set type of its own in the wasm).
        let mut in_side = vec![false; bundle.reports.len()];
        for &r in &summary.reports {
            if let Some(flag) = in_side.get_mut(r) {
                *flag = true;
            }
        }
        let matching: Vec<usize> = (0..results.rows.len())
            .filter(|&i| in_side.get(results.rows[i]).copied().unwrap_or(false))
            .collect();
        let mut lines = Vec::new();
        let mut used = 0;
        for &i in &matching {
            if lines.len() >= MAX_KWIC_LINES {
                break;
            }
            used += 1;
            let Some(hit) = prepared.highlight(results, i, bundle) else {
                continue;
            };
            let report = &bundle.reports[hit.report];
            for ph in &hit.paragraphs {
                let Some(p) = report.paragraphs.get(ph.paragraph) else {
                    continue;
                };
                lines.push((
                    report,
                    ph.paragraph,
                    snippet(&p.text, &ph.ranges, KWIC_RADIUS),
                ));
            }
        }
        let total = lines.len();
        let rest = matching.len() - used;
        let items = lines
            .into_iter()
            .take(MAX_KWIC_LINES)
            .map(|(report, paragraph, s)| {
                let to = reader_state(state, &report.id, paragraph);
                let heading = report_heading(report);
                view! {
                    <li>
                        <span class="kwic-text">{marked(s.pieces)}</span>
                        " "
                        {nav_link(to, "kwic-source", heading)}
                    </li>
                }
            })
            .collect_view();
        let more = (total > MAX_KWIC_LINES || rest > 0).then(|| {
            let text = match (lang, rest) {
                (Lang::Vi, 0) => format!("và {} dòng nữa", total - MAX_KWIC_LINES),
                (Lang::En, 0) => format!("and {} more lines", total - MAX_KWIC_LINES),
                (Lang::Vi, _) => format!("và các dòng của {rest} báo cáo khác"),
                (Lang::En, _) => format!("and the lines of {rest} more reports"),
            };
            view! { <p class="note">{text}</p> }
        });
        let empty = (total == 0).then(|| {
            view! { <p class="empty">{tr(lang, "Không có dòng nào.", "No line.")}</p> }
        });
        view! {
            <div class=format!("kwic side-{side} city-{}", summary.city.as_str()) data-kwic-side=side>
                <p class="col-label">{name.to_owned()}</p>
                {empty}
                <ul class="kwic-lines">{items}</ul>
                {more}
            </div>
        }
    };
    let title = match lang {
        Lang::Vi => format!("“{}” ở hai bên", state.q),
        Lang::En => format!("“{}” on both sides", state.q),
    };
    Some(view! {
        <section class="compare-kwic" aria-labelledby="compare-kwic-title">
            <h3 id="compare-kwic-title">{title}</h3>
            <div class="pair-cols">
                {column("a", &sides.0, &names.0)}
                {column("b", &sides.1, &names.1)}
            </div>
        </section>
    })
}

/// The index of report `id` when it exists.
fn report_index(bundle: &Bundle, id: Option<&str>) -> Option<usize> {
    let id = id?;
    bundle.reports.iter().position(|r| r.id == id)
}

/// Two reports in aligned columns, body paragraphs grouped by their first topic.
fn pair_section(
    bundle: &Arc<Bundle>,
    state: &ViewState,
    sides: &(SideSummary, SideSummary),
    lang: Lang,
    highlight: &dyn Fn(usize, usize) -> Vec<(usize, usize)>,
) -> impl IntoView {
    let chosen_a = report_index(bundle, state.doc_a.as_deref());
    let chosen_b = report_index(bundle, state.doc_b.as_deref());
    let picker = |side: &'static str, summary: &SideSummary, chosen: Option<usize>| {
        let id = format!("compare-doc-{side}");
        let for_id = id.clone();
        let mut options: Vec<usize> = summary.reports.clone();
        if let Some(c) = chosen.filter(|c| !options.contains(c)) {
            options.insert(0, c);
        }
        let st = state.clone();
        // A side has thousands of reports at corpus scale, and building their options took
        // about 0.1 s of every filter change. Until the picker is focused or pressed it holds
        // only the chosen report; the whole list is built then, before the browser opens it.
        let listed = RwSignal::new(false);
        let list = move || {
            if !listed.get_untracked() {
                listed.set(true);
            }
        };
        let (list_focus, list_press) = (list, list);
        let bundle = bundle.clone();
        let opts = move || {
            let shown = if listed.get() {
                options.as_slice()
            } else {
                chosen.as_slice()
            };
            shown
                .iter()
                .map(|&ri| {
                    let r = &bundle.reports[ri];
                    let label = match r.date.as_deref() {
                        Some(d) => format!("{} ({d})", report_heading(r)),
                        None => report_heading(r),
                    };
                    view! { <option value=r.id.clone() selected=Some(ri) == chosen>{label}</option> }
                })
                .collect_view()
        };
        let label = match lang {
            Lang::Vi => format!("Báo cáo về {}", city_label(summary.city, lang)),
            Lang::En => format!("Report about {}", city_label(summary.city, lang)),
        };
        view! {
            <label class="compare-pick" for=for_id>
                <span>{label}</span>
                <select
                    id=id
                    autocomplete="off"
                    on:focus=move |_| list_focus()
                    on:pointerdown=move |_| list_press()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let doc = (!value.is_empty()).then_some(value);
                        let mut next = st.clone();
                        if side == "a" {
                            next.doc_a = doc;
                        } else {
                            next.doc_b = doc;
                        }
                        navigate(next);
                    }
                >
                    <option value="" selected=chosen.is_none()>
                        {tr(lang, "— chọn một báo cáo —", "— choose a report —")}
                    </option>
                    {opts}
                </select>
            </label>
        }
    };
    let pickers = view! {
        <div class="compare-pickers">
            {picker("a", &sides.0, chosen_a)}
            {picker("b", &sides.1, chosen_b)}
        </div>
    };
    let body = if chosen_a.is_none() && chosen_b.is_none() {
        view! {
            <p class="note">
                {tr(
                    lang,
                    "Chọn một báo cáo mỗi bên để đọc song song, các đoạn xếp theo chủ đề.",
                    "Choose a report on each side to read them side by side, paragraphs grouped by topic.",
                )}
            </p>
        }
        .into_any()
    } else {
        aligned_reports(bundle, state, (chosen_a, chosen_b), lang, highlight).into_any()
    };
    view! {
        <section class="compare-pair" aria-labelledby="compare-pair-title">
            <h3 id="compare-pair-title">{tr(lang, "Hai báo cáo song song", "Two reports side by side")}</h3>
            {pickers}
            {body}
        </section>
    }
}

/// The group key of a paragraph: its first topic, or `None` for untagged paragraphs.
fn group_of(topics: &[String], ids: &[&str]) -> Option<usize> {
    topics
        .first()
        .and_then(|t| ids.iter().position(|id| id == t))
}

fn aligned_reports(
    bundle: &Bundle,
    state: &ViewState,
    chosen: (Option<usize>, Option<usize>),
    lang: Lang,
    highlight: &dyn Fn(usize, usize) -> Vec<(usize, usize)>,
) -> impl IntoView {
    let ids: Vec<&str> = bundle.topics.iter().map(|t| t.id.as_str()).collect();
    // Groups in taxonomy order, then the untagged paragraphs.
    let groups: Vec<Option<usize>> = (0..ids.len()).map(Some).chain([None]).collect();
    let paragraphs_of = |ri: Option<usize>, group: Option<usize>| -> Vec<(usize, usize)> {
        let Some(ri) = ri else { return vec![] };
        bundle.reports[ri]
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == ParagraphKind::Body && group_of(&p.topics, &ids) == group)
            .map(|(pi, _)| (ri, pi))
            .collect()
    };
    let column = |side: &'static str, ri: Option<usize>, items: Vec<(usize, usize)>| {
        let city = ri.map_or("none", |ri| bundle.reports[ri].city.as_str());
        let label = ri.map(|ri| city_label(bundle.reports[ri].city, lang));
        let paragraphs = items
            .into_iter()
            .map(|(ri, pi)| {
                let r = &bundle.reports[ri];
                let text = &r.paragraphs[pi].text;
                let to = reader_state(state, &r.id, pi);
                let read_label = tr(
                    lang,
                    "Đọc đoạn này trong bài",
                    "Read this paragraph in the report",
                );
                view! {
                    <p class="pair-paragraph">
                        {marked(pieces(text, &highlight(ri, pi)))}
                        " "
                        {nav_link(to, "para-link", view! {
                            <span aria-hidden="true">"¶"</span>
                            <span class="visually-hidden">{read_label}</span>
                        })}
                    </p>
                }
            })
            .collect_view();
        view! {
            <div class=format!("pair-col side-{side} city-{city}") data-pair-side=side>
                {label.map(|l| view! { <p class="col-label">{l}</p> })}
                {paragraphs}
            </div>
        }
    };
    let heads = [("a", chosen.0), ("b", chosen.1)].map(|(side, ri)| {
        let inner = match ri {
            Some(ri) => {
                let r = &bundle.reports[ri];
                let to = reader_state(state, &r.id, 0);
                let heading = report_heading(r);
                let meta = format!(
                    "{} · {}",
                    city_label(r.city, lang),
                    r.date
                        .clone()
                        .unwrap_or_else(|| tr(lang, "không rõ ngày", "undated").to_owned())
                );
                view! {
                    <h4>{nav_link(to, "", heading)}</h4>
                    <p class="pair-meta">{meta}</p>
                }
                .into_any()
            }
            None => view! {
                <p class="empty">{tr(lang, "Chưa chọn báo cáo.", "No report chosen.")}</p>
            }
            .into_any(),
        };
        view! { <div class=format!("pair-head side-{side}")>{inner}</div> }
    });
    let [head_a, head_b] = heads;
    let sections = groups
        .into_iter()
        .filter_map(|g| {
            let a = paragraphs_of(chosen.0, g);
            let b = paragraphs_of(chosen.1, g);
            if a.is_empty() && b.is_empty() {
                return None;
            }
            let title = match g {
                Some(k) => bundle.topics[k].label.get(lang).to_owned(),
                None => tr(lang, "Không gắn chủ đề", "No topic").to_owned(),
            };
            Some(view! {
                <section class="pair-group">
                    <h5>{title}</h5>
                    <div class="pair-cols">
                        {column("a", chosen.0, a)}
                        {column("b", chosen.1, b)}
                    </div>
                </section>
            })
        })
        .collect_view();
    view! {
        <div class="pair-reports">
            <div class="pair-cols pair-heads">{head_a}{head_b}</div>
            {sections}
        </div>
    }
}
