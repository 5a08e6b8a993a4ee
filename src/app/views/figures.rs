//! The figures view (`view=figures`): every figure the filtered reports state, as a table sorted
//! by any column (`sort=`) and filtered by unit (`unit=`), two charts drawn by the app, and
//! exports of exactly what the table shows.

use leptos::prelude::*;

use crate::app::card::format_date;
use crate::app::context::{effect, navigate, use_explorer};
use crate::app::paging::visible;
use crate::app::views::chart::{unit_chart, ReportsChart};
use crate::app::views::compare::report_heading;
use crate::app::views::download::download_text;
use crate::app::views::{
    bundle_of, city_label, figure_paragraph, figure_text, marked, nav_link, qualifier_label,
    reader_state, timed, tr,
};
use crate::core::figures::{
    export_file_name, figure_refs, plain_number, refs_by_city_period, reports_to_csv, rows_of,
    sort_refs, to_csv, to_json, units, Column, ExportKind, FigureRef, SortKey,
};
use crate::core::i18n::Lang;
use crate::core::snippet::pieces;
use crate::core::url::ViewState;

/// A column's header text.
fn column_label(c: Column, lang: Lang) -> &'static str {
    match c {
        Column::Value => tr(lang, "Giá trị", "Value"),
        Column::Unit => tr(lang, "Đơn vị", "Unit"),
        Column::Qualifier => tr(lang, "Mức", "Qualifier"),
        Column::Period => tr(lang, "Thời kỳ", "Period"),
        Column::City => tr(lang, "Địa bàn", "Place"),
        Column::Report => tr(lang, "Báo cáo", "Report"),
        Column::Date => tr(lang, "Ngày", "Date"),
    }
}

/// The sort a header button sets: ascending first, a second press reverses.
fn next_sort(current: Option<SortKey>, column: Column) -> SortKey {
    match current {
        Some(k) if k.column == column => SortKey {
            column,
            descending: !k.descending,
        },
        _ => SortKey {
            column,
            descending: false,
        },
    }
}

/// The parts of a file name that describe the current search and filters.
fn filter_parts(state: &ViewState) -> Vec<String> {
    let f = &state.filters;
    let mut parts: Vec<String> = f.cities.iter().map(|c| c.as_str().to_owned()).collect();
    if let Some((a, b)) = f.years {
        parts.push(if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        });
    }
    parts.extend(f.topics.iter().cloned());
    parts.extend(f.outlets.iter().cloned());
    parts.extend(f.persons.iter().cloned());
    parts.extend(state.unit.iter().cloned());
    if !state.q.trim().is_empty() {
        parts.push(state.q.clone());
    }
    parts
}

/// "12 số liệu" / "1 figure" / "12 figures".
fn figure_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Vi, n) => format!("{n} số liệu"),
        (Lang::En, 1) => "1 figure".to_owned(),
        (Lang::En, n) => format!("{n} figures"),
    }
}

/// The figures view.
#[component]
pub fn FiguresView() -> impl IntoView {
    let ex = use_explorer();
    let bundle = bundle_of(&ex);
    let (state, results, lang) = (ex.state, ex.results, ex.lang);

    // The sort is read from the state where it is used, not through a memo of its own: both
    // readers follow the whole state anyway (one memo type less in the wasm).
    let sort_of = |s: &ViewState| s.sort.as_deref().and_then(SortKey::parse);
    let table = {
        let bundle = bundle.clone();
        Memo::new(move |_| {
            let (unit, key) = state.with(|s| (s.unit.clone(), sort_of(s)));
            // The figures as references: a row with its sentence is built only for the page
            // shown and for the exports.
            timed("figures:table", || {
                let mut out = results.with(|r| figure_refs(&bundle, &r.rows, unit.as_deref()));
                if let Some(key) = key {
                    sort_refs(&bundle, &mut out, key);
                }
                out
            })
        })
    };
    let unit_list = {
        let bundle = bundle.clone();
        Memo::new(move |_| {
            timed("figures:units", || {
                results.with(|r| units(&bundle, &r.rows))
            })
        })
    };
    // The chart shows the chosen unit, or the most common one when none is chosen.
    let chart_unit = Memo::new(move |_| {
        state
            .with(|s| s.unit.clone())
            .or_else(|| unit_list.with(|u| u.first().map(|(name, _)| name.clone())))
    });
    let chart_groups = {
        let bundle = bundle.clone();
        Memo::new(move |_| match chart_unit.get() {
            Some(u) => timed("figures:chart-rows", || {
                let refs = results.with(|r| figure_refs(&bundle, &r.rows, Some(&u)));
                refs_by_city_period(&bundle, &refs)
            }),
            None => Vec::new(),
        })
    };
    // The unit chart draws a few bars per place at first (a unit can have thousands of
    // figures); more on request, and again a few when the unit or the filters change.
    let bars = RwSignal::new(CHART_BARS);
    effect(move || {
        chart_groups.track();
        bars.set(CHART_BARS);
    });
    let export_error = RwSignal::new(None::<String>);
    // The table shows a page of rows at a time (tens of thousands at corpus scale); a new
    // filter, unit or sort starts again from the first page. The exports hold every row.
    let requested = RwSignal::new(FIGURE_PAGE);
    effect(move || {
        table.track();
        requested.set(FIGURE_PAGE);
    });

    let export = {
        let bundle = bundle.clone();
        move |kind: ExportKind| {
            let s = state.get_untracked();
            let parts = filter_parts(&s);
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            let name = export_file_name(kind, &parts);
            let (text, mime) = match kind {
                ExportKind::FiguresCsv => (
                    table.with_untracked(|t| to_csv(&rows_of(&bundle, t))),
                    "text/csv;charset=utf-8",
                ),
                ExportKind::FiguresJson => (
                    table.with_untracked(|t| to_json(&rows_of(&bundle, t))),
                    "application/json;charset=utf-8",
                ),
                ExportKind::ReportsCsv => (
                    results.with_untracked(|r| reports_to_csv(&bundle, &r.rows)),
                    "text/csv;charset=utf-8",
                ),
            };
            export_error.set(download_text(&name, mime, &text).err());
        }
    };
    let (e1, e2, e3) = (export.clone(), export.clone(), export);

    let b_table = bundle.clone();
    let b_chart = bundle.clone();
    let b_years = bundle.clone();

    view! {
        <section class="figures-view" aria-labelledby="figures-title">
            <h2 id="figures-title">{move || tr(lang.get(), "Số liệu", "Figures")}</h2>
            <p class="figures-count" data-testid="figure-count" aria-live="polite">
                {move || {
                    let l = lang.get();
                    let n = table.with(Vec::len);
                    let reports = results.with(|r| r.rows.len());
                    match l {
                        Lang::Vi => format!("{} trong {reports} báo cáo đang lọc", figure_count(l, n)),
                        Lang::En => format!("{} in the {reports} filtered reports", figure_count(l, n)),
                    }
                }}
            </p>
            <div class="figures-tools">
                {move || timed("figures:render-picker", || unit_picker(&state.get(), &unit_list.get(), lang.get()))}
                <div class="exports" role="group" aria-labelledby="exports-label">
                    <span id="exports-label" class="exports-label">
                        {move || tr(lang.get(), "Tải về:", "Download:")}
                    </span>
                    <button type="button" data-export="figures-csv" on:click=move |_| e1(ExportKind::FiguresCsv)>
                        {move || tr(lang.get(), "Số liệu (CSV)", "Figures (CSV)")}
                    </button>
                    <button type="button" data-export="figures-json" on:click=move |_| e2(ExportKind::FiguresJson)>
                        {move || tr(lang.get(), "Số liệu (JSON)", "Figures (JSON)")}
                    </button>
                    <button type="button" data-export="reports-csv" on:click=move |_| e3(ExportKind::ReportsCsv)>
                        {move || tr(lang.get(), "Danh sách báo cáo (CSV)", "Report list (CSV)")}
                    </button>
                </div>
            </div>
            {move || {
                export_error
                    .get()
                    .map(|why| {
                        let l = lang.get();
                        view! {
                            <p class="alert" role="alert">
                                {tr(l, "Không tải về được: ", "The download failed: ")}
                                {why}
                            </p>
                        }
                    })
            }}
            <div class="charts">
                {move || {
                    let s = state.get();
                    let l = lang.get();
                    let per_place = bars.get();
                    timed("figures:render-unit-chart", || {
                        chart_groups.with(|g| {
                            unit_chart(
                                &b_chart,
                                &s,
                                &chart_unit.get().unwrap_or_default(),
                                g,
                                (per_place, bars),
                                l,
                            )
                        })
                    })
                }}
                {move || {
                    let s = state.get();
                    let l = lang.get();
                    timed("figures:render-years-chart", || results
                        .with(|r| {
                            view! { <ReportsChart bundle=b_years.clone() state=s reports=r.rows.clone() lang=l/> }
                        }))
                }}
            </div>
            {move || {
                let s = state.get();
                let l = lang.get();
                let key = sort_of(&s);
                let n = requested.get();
                timed("figures:render-table", || table.with(|t| figures_table(&b_table, &s, t, key, l, (n, requested))))
            }}
        </section>
    }
}

/// The unit filter: every unit of the filtered reports with its number of figures.
fn unit_picker(state: &ViewState, units: &[(String, usize)], lang: Lang) -> impl IntoView {
    let current = state.unit.clone();
    let st = state.clone();
    let current_known = current.as_deref().is_none_or(|c| {
        units
            .iter()
            .any(|(u, _)| crate::core::figures::unit_key(u) == crate::core::figures::unit_key(c))
    });
    let options = units
        .iter()
        .map(|(u, n)| {
            let selected = current.as_deref().is_some_and(|c| {
                crate::core::figures::unit_key(c) == crate::core::figures::unit_key(u)
            });
            view! { <option value=u.clone() selected=selected>{format!("{u} ({n})")}</option> }
        })
        .collect_view();
    // A unit from the URL that the filtered reports do not state stays selectable, so the
    // select shows what the table is filtered by.
    let stale = (!current_known).then(|| {
        let c = current.clone().unwrap_or_default();
        view! { <option value=c.clone() selected=true>{format!("{c} (0)")}</option> }
    });
    view! {
        <label class="unit-pick" for="unit-select">
            <span>{tr(lang, "Đơn vị", "Unit")}</span>
            <select
                id="unit-select"
                autocomplete="off"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let mut next = st.clone();
                    next.unit = (!value.is_empty()).then_some(value);
                    navigate(next);
                }
            >
                <option value="" selected=current.is_none()>
                    {tr(lang, "Mọi đơn vị", "All units")}
                </option>
                {stale}
                {options}
            </select>
        </label>
    }
}

/// Rows of the figures table built at a time.
const FIGURE_PAGE: usize = 100;

/// Bars per place the unit chart draws at first, and adds on each request.
const CHART_BARS: usize = 25;

/// The table of figures with sortable headers: a page of rows, each built from its reference
/// when shown.
fn figures_table(
    bundle: &crate::core::model::Bundle,
    state: &ViewState,
    rows: &[FigureRef],
    key: Option<SortKey>,
    lang: Lang,
    (requested, more): (usize, RwSignal<usize>),
) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <p class="empty">
                {tr(
                    lang,
                    "Các báo cáo đang lọc không nêu số liệu nào (với đơn vị đã chọn).",
                    "The filtered reports state no figure (of the chosen unit).",
                )}
            </p>
        }
        .into_any();
    }
    let header = |c: Column| {
        let sorted = key.filter(|k| k.column == c);
        let aria = sorted.map(|k| {
            if k.descending {
                "descending"
            } else {
                "ascending"
            }
        });
        let arrow = match sorted {
            Some(k) if k.descending => "▼",
            Some(_) => "▲",
            None => "↕",
        };
        let mut next = state.clone();
        next.sort = Some(next_sort(key, c).to_string());
        let class = if c == Column::Value { "num" } else { "" };
        view! {
            <th scope="col" aria-sort=aria class=class data-column=c.as_str()>
                <button type="button" class="sort" on:click=move |_| navigate(next.clone())>
                    {column_label(c, lang)}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let heads = Column::ALL.into_iter().map(header).collect_view();
    let shown = visible(rows.len(), requested);
    let left = rows.len() - shown;
    let show_more = (left > 0).then(|| {
        view! {
            <p class="show-more">
                <span class="showing">{lang.showing(shown, rows.len())}</span>
                " "
                <button
                    type="button"
                    class="button"
                    data-testid="figures-show-more"
                    on:click=move |_| more.set(shown + FIGURE_PAGE)
                >
                    {lang.show_more(left.min(FIGURE_PAGE))}
                </button>
            </p>
        }
    });
    let body = rows_of(bundle, &rows[..shown])
        .into_iter()
        .map(|r| {
            let to = reader_state(state, &r.report_id, figure_paragraph(bundle, &r));
            let title = report_heading(&bundle.reports[r.report]);
            let date = r.date.as_deref().map(|d| format_date(d, lang)).unwrap_or_default();
            let sentence = marked(pieces(&r.sentence, &[r.highlight]));
            view! {
                <tr data-figure-value=plain_number(r.value) data-city=r.city.as_str() data-report-id=r.report_id.clone()>
                    <td class="num fig-value" data-label=column_label(Column::Value, lang)>{figure_text(r.value, r.of)}</td>
                    <td class="fig-unit" data-label=column_label(Column::Unit, lang)>{r.unit.clone()}</td>
                    <td class="fig-qualifier" data-label=column_label(Column::Qualifier, lang)>{qualifier_label(r.qualifier, lang)}</td>
                    <td class="fig-period" data-label=column_label(Column::Period, lang)>{r.period.clone().unwrap_or_default()}</td>
                    <td class=format!("city city-{}", r.city.as_str()) data-label=column_label(Column::City, lang)>{city_label(r.city, lang)}</td>
                    <td class="fig-report" data-label=column_label(Column::Report, lang)>
                        {nav_link(to, "figure-source", title)}
                    </td>
                    <td class="fig-date" data-label=column_label(Column::Date, lang)>{date}</td>
                    <td class="fig-sentence" data-label=tr(lang, "Câu nguồn", "Sentence")>
                        // One element, so that the phone layout's grid sees one cell.
                        <span class="sentence-text">{sentence}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-labelledby="figures-table-caption" tabindex="0">
            <table class="figures-table">
                <caption id="figures-table-caption">
                    {tr(
                        lang,
                        "Mọi số liệu của các báo cáo đang lọc. Bấm tiêu đề cột để sắp xếp; bấm tên báo cáo để đọc câu chứa số liệu.",
                        "Every figure of the filtered reports. Press a column heading to sort; press a report to read the sentence it comes from.",
                    )}
                </caption>
                <thead>
                    <tr>
                        {heads}
                        <th scope="col">{tr(lang, "Câu nguồn", "Sentence")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {show_more}
    }
    .into_any()
}
