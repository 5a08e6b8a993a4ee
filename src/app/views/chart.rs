//! The figures view's two charts, drawn by the app as inline SVG (no chart service, no script
//! beyond the app): one unit's figures by place and period, and reports per place per year.
//!
//! Each chart is a `<figure>` with a `<figcaption>`, an `<svg role="img">` named by its
//! `<title>`, and the same numbers as an HTML table in a `<details>` for screen readers and for
//! anyone who wants the exact values. Every bar is a link: a figure's bar opens its paragraph
//! in the reader, a year's bar opens the list of that place's reports of that year. Colours
//! come from the stylesheet (one class per place), so the CSP needs no inline style.

use std::sync::Arc;

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::app::context::{follow, href};
use crate::app::views::compare::report_heading;
use crate::app::views::{
    city_label, figure_paragraph, figure_text, nav_link, qualifier_label, reader_state, tr,
};
use crate::core::decimal::{fixed, shortest};
use crate::core::figures::{
    format_vi, nice_count_scale, nice_scale, reports_per_city_year, rows_of, FigureRef, FigureRow,
};
use crate::core::i18n::Lang;
use crate::core::model::{Bundle, City};
use crate::core::url::{View, ViewState};

/// Widths of the unit chart (viewBox units): labels, plot, printed values.
const UNIT_W: f64 = 540.0;
const LABEL_W: f64 = 160.0;
const VALUE_W: f64 = 80.0;
const GROUP_H: f64 = 26.0;
const ROW_H: f64 = 26.0;
const BAR_H: f64 = 16.0;
const AXIS_H: f64 = 26.0;

/// The longest period label drawn in the chart, in chars (the full text is in the tooltip and
/// the table).
const MAX_LABEL: usize = 24;

fn fmt(v: f64) -> String {
    fixed(v, 1)
}

fn cut(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL {
        label.to_owned()
    } else {
        let head: String = label.chars().take(MAX_LABEL - 1).collect();
        format!("{}…", head.trim_end())
    }
}

/// A link inside an SVG: a real `href`; a plain click navigates in place. Kept out of the tab
/// order: the image is one stop for assistive technology, and the table below it holds the same
/// links for the keyboard.
fn svg_click(to: ViewState) -> impl Fn(MouseEvent) + 'static {
    move |ev: MouseEvent| follow(&ev, to.clone())
}

/// An SVG `<title>`: built directly, because the `view!` macro makes every `<title>` (and `<a>`)
/// an HTML element, which gives no tooltip and no accessible name inside an `<svg>`.
fn svg_title(text: String) -> impl IntoView {
    leptos::svg::title().child(text)
}

/// The chart's own `<title>`, named by the `<svg>`'s `aria-labelledby`.
fn svg_title_with_id(id: &'static str, text: String) -> impl IntoView {
    leptos::svg::title().attr("id", id).child(text)
}

/// An SVG link (`<a>` in the SVG namespace) around a bar, with its tooltip.
fn svg_link(to: ViewState, tooltip: String, bar: impl IntoView + 'static) -> impl IntoView {
    leptos::svg::a()
        .attr("href", href(&to))
        .attr("tabindex", "-1")
        .attr("class", "bar-link")
        .on(leptos::ev::click, svg_click(to))
        .child((svg_title(tooltip), bar))
}

/// One unit's figures as horizontal bars, grouped by place, each place's bars in period order:
/// the first `per_place.0` figures of each place (a unit can have thousands), with a button that
/// asks for more through `per_place.1`. The scale fits every figure of the unit, so bars keep
/// their length when more are shown.
pub fn unit_chart(
    bundle: &Arc<Bundle>,
    state: &ViewState,
    unit: &str,
    groups: &[(City, Vec<FigureRef>)],
    per_place: (usize, RwSignal<usize>),
    lang: Lang,
) -> AnyView {
    let title = match lang {
        Lang::Vi => format!("Số liệu “{unit}” theo địa bàn và thời kỳ"),
        Lang::En => format!("Figures in “{unit}” by place and period"),
    };
    if groups.is_empty() {
        return view! {
            <figure class="chart chart-unit">
                <figcaption>{tr(lang, "Số liệu theo địa bàn và thời kỳ", "Figures by place and period")}</figcaption>
                <p class="empty">{tr(lang, "Không có số liệu để vẽ.", "No figure to draw.")}</p>
            </figure>
        }
        .into_any();
    }
    let value = |f: &FigureRef| bundle.reports[f.report].figures[f.figure].value;
    let max = groups
        .iter()
        .flat_map(|(_, g)| g.iter().map(value))
        .fold(0.0, f64::max);
    let total: usize = groups.iter().map(|(_, g)| g.len()).sum();
    let (per_place, more) = per_place;
    // Rows (with their sentences) only for the bars drawn.
    let groups: Vec<(City, Vec<FigureRow>)> = groups
        .iter()
        .map(|(city, g)| (*city, rows_of(bundle, &g[..g.len().min(per_place)])))
        .collect();
    let (top, step) = nice_scale(max);
    let plot_w = UNIT_W - LABEL_W - VALUE_W;
    let x = |v: f64| LABEL_W + (v.max(0.0) / top) * plot_w;
    let bars_n: usize = groups.iter().map(|(_, g)| g.len()).sum();
    let plot_h = groups.len() as f64 * GROUP_H + bars_n as f64 * ROW_H;
    let height = plot_h + AXIS_H + 4.0;
    let show_more = (bars_n < total).then(|| {
        let next = per_place + CHART_MORE;
        view! {
            <p class="show-more">
                <span class="showing">{lang.showing(bars_n, total)}</span>
                " "
                <button
                    type="button"
                    class="button"
                    data-testid="chart-show-more"
                    on:click=move |_| more.set(next)
                >
                    {tr(lang, "Vẽ thêm số liệu", "Draw more figures")}
                </button>
            </p>
        }
    });
    let no_period = tr(lang, "không rõ thời kỳ", "no period");

    let mut y = 0.0;
    let mut marks = Vec::new();
    for (city, group) in &groups {
        let place = city_label(*city, lang);
        marks.push(
            view! {
                <g class="chart-group-label">
                    <text x="0" y=fmt(y + GROUP_H - 8.0) class=format!("group-name city-{}", city.as_str())>
                        {place.clone()}
                    </text>
                </g>
            }
            .into_any(),
        );
        y += GROUP_H;
        for r in group {
            let cy = y + ROW_H / 2.0;
            let period = r.period.clone().unwrap_or_else(|| no_period.to_owned());
            let value = figure_text(r.value, r.of);
            let qualifier = qualifier_label(r.qualifier, lang);
            let full = format!(
                "{place}, {period}: {}{value} {} ({})",
                if qualifier.is_empty() {
                    String::new()
                } else {
                    format!("{qualifier} ")
                },
                r.unit,
                report_heading(&bundle.reports[r.report])
            );
            let to = reader_state(state, &r.report_id, figure_paragraph(bundle, r));
            let w = (x(r.value) - LABEL_W).max(1.0);
            marks.push(
                view! {
                    <g class=format!("bar-row city-{}", r.city.as_str())>
                        <text class="bar-label" x=fmt(LABEL_W - 8.0) y=fmt(cy) text-anchor="end" dominant-baseline="middle">
                            {cut(&period)}
                        </text>
                        {svg_link(to, full, view! {
                            <rect class="bar" x=fmt(LABEL_W) y=fmt(cy - BAR_H / 2.0) width=fmt(w) height=fmt(BAR_H)></rect>
                        })}
                        <text class="bar-value" x=fmt(LABEL_W + w + 6.0) y=fmt(cy) dominant-baseline="middle">
                            {value}
                        </text>
                    </g>
                }
                .into_any(),
            );
            y += ROW_H;
        }
    }
    let ticks_n = (top / step).round() as usize;
    let ticks = (0..=ticks_n)
        .map(|i| {
            let v = step * i as f64;
            let tx = fmt(x(v));
            view! {
                <g class="tick">
                    <line x1=tx.clone() x2=tx.clone() y1="0" y2=fmt(plot_h) class="grid"></line>
                    <text x=tx y=fmt(plot_h + 16.0) text-anchor="middle">{format_vi(v)}</text>
                </g>
            }
        })
        .collect_view();

    let table_rows = groups
        .iter()
        .flat_map(|(_, g)| g.iter())
        .map(|r| {
            let to = reader_state(state, &r.report_id, figure_paragraph(bundle, r));
            let title = report_heading(&bundle.reports[r.report]);
            view! {
                <tr>
                    <td>{city_label(r.city, lang)}</td>
                    <td>{r.period.clone().unwrap_or_else(|| no_period.to_owned())}</td>
                    <td class="num">
                        {format!("{} {}", qualifier_label(r.qualifier, lang), figure_text(r.value, r.of)).trim().to_owned()}
                    </td>
                    <td>{nav_link(to, "", title)}</td>
                </tr>
            }
        })
        .collect_view();
    let note = tr(
        lang,
        "Mỗi thanh là một số liệu như bài viết nêu (không cộng dồn); bấm thanh để đọc câu nguồn.",
        "Each bar is one figure as a report states it (never summed); press a bar to read its sentence.",
    );
    view! {
        <figure class="chart chart-unit">
            <figcaption>
                <strong>{title.clone()}</strong>
                " "
                <span class="note">{note}</span>
            </figcaption>
            <div class="chart-scroll">
                <svg
                    role="img"
                    aria-labelledby="chart-unit-title"
                    viewBox=format!("0 0 {} {}", shortest(UNIT_W), fmt(height))
                    width=fmt(UNIT_W)
                    height=fmt(height)
                    class="chart-svg"
                >
                    {svg_title_with_id("chart-unit-title", title)}
                    <g class="axis">{ticks}</g>
                    {marks}
                </svg>
            </div>
            <details class="chart-data">
                <summary>{tr(lang, "Bảng số liệu của biểu đồ", "The chart's data as a table")}</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{tr(lang, "Địa bàn", "Place")}</th>
                            <th scope="col">{tr(lang, "Thời kỳ", "Period")}</th>
                            <th scope="col" class="num">{tr(lang, "Giá trị", "Value")}</th>
                            <th scope="col">{tr(lang, "Nguồn", "Source")}</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
            {show_more}
        </figure>
    }
    .into_any()
}

/// Bars per place a press of the chart's "draw more" adds.
const CHART_MORE: usize = 25;

/// Heights of the reports chart (viewBox units).
const YEARS_H: f64 = 200.0;
const YEARS_LEFT: f64 = 34.0;
const YEARS_BOTTOM: f64 = 24.0;
const YEARS_TOP: f64 = 14.0;
const YEAR_BAR_W: f64 = 22.0;
const YEAR_GAP: f64 = 22.0;

/// Reports per year, one bar per place, for the filtered reports.
#[component]
pub fn ReportsChart(
    bundle: Arc<Bundle>,
    /// The current state, kept in the links.
    state: ViewState,
    /// The filtered reports.
    reports: Vec<usize>,
    lang: Lang,
) -> impl IntoView {
    let title = tr(
        lang,
        "Số báo cáo theo năm và địa bàn",
        "Reports per year and place",
    );
    let data = reports_per_city_year(&bundle, &reports);
    let dated: usize = data.iter().map(|(_, c)| c.iter().sum::<usize>()).sum();
    let undated = reports.len().saturating_sub(dated);
    let undated_note = (undated > 0).then(|| {
        let text = match lang {
            Lang::Vi => format!("{undated} báo cáo không rõ năm không có trong biểu đồ."),
            Lang::En => format!("{undated} undated report(s) are not in the chart."),
        };
        view! { <span class="note">{text}</span> }
    });
    if data.is_empty() {
        return view! {
            <figure class="chart chart-years">
                <figcaption><strong>{title}</strong>" "{undated_note}</figcaption>
                <p class="empty">{tr(lang, "Không có báo cáo có ngày để vẽ.", "No dated report to draw.")}</p>
            </figure>
        }
        .into_any();
    }
    // Only the places that have a report get a bar and a legend entry.
    let cities: Vec<(usize, City)> = City::ALL
        .into_iter()
        .enumerate()
        .filter(|(k, _)| data.iter().any(|(_, c)| c[*k] > 0))
        .collect();
    let max = data
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(0);
    let (top, step) = nice_count_scale(max);
    let group_w = cities.len() as f64 * YEAR_BAR_W + YEAR_GAP;
    let width = (YEARS_LEFT + data.len() as f64 * group_w + 8.0).max(320.0);
    let plot_h = YEARS_H - YEARS_TOP - YEARS_BOTTOM;
    let y = |n: usize| YEARS_TOP + plot_h - (n as f64 / top as f64) * plot_h;

    let ticks = (0..=top)
        .step_by(step)
        .map(|n| {
            let ty = fmt(y(n));
            view! {
                <g class="tick">
                    <line x1=fmt(YEARS_LEFT) x2=fmt(width) y1=ty.clone() y2=ty.clone() class="grid"></line>
                    <text x=fmt(YEARS_LEFT - 6.0) y=ty text-anchor="end" dominant-baseline="middle">{n.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let groups = data
        .iter()
        .enumerate()
        .map(|(gi, (year, counts))| {
            let gx = YEARS_LEFT + gi as f64 * group_w + YEAR_GAP / 2.0;
            let bars = cities
                .iter()
                .enumerate()
                .map(|(bi, (k, city))| {
                    let n = counts[*k];
                    let bx = gx + bi as f64 * YEAR_BAR_W;
                    let mut to = state.clone();
                    to.view = View::List;
                    to.filters.cities = vec![*city];
                    to.filters.years = Some((*year, *year));
                    let label = format!(
                        "{}, {year}: {}",
                        city_label(*city, lang),
                        match (lang, n) {
                            (Lang::Vi, n) => format!("{n} báo cáo"),
                            (Lang::En, 1) => "1 report".to_owned(),
                            (Lang::En, n) => format!("{n} reports"),
                        }
                    );
                    let h = (y(0) - y(n)).max(0.0);
                    view! {
                        <g class=format!("bar-row city-{}", city.as_str())>
                            {svg_link(to, label, view! {
                                <rect class="bar" x=fmt(bx + 2.0) y=fmt(y(n)) width=fmt(YEAR_BAR_W - 4.0) height=fmt(h)></rect>
                            })}
                            {(n > 0).then(|| view! {
                                <text class="bar-value" x=fmt(bx + YEAR_BAR_W / 2.0) y=fmt(y(n) - 4.0) text-anchor="middle">{n.to_string()}</text>
                            })}
                        </g>
                    }
                })
                .collect_view();
            let label_x = gx + cities.len() as f64 * YEAR_BAR_W / 2.0;
            view! {
                <g class="year-group">
                    {bars}
                    <text class="year-label" x=fmt(label_x) y=fmt(YEARS_H - 6.0) text-anchor="middle">{year.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let legend = cities
        .iter()
        .map(|(_, c)| {
            view! {
                <span class=format!("legend-item city-{}", c.as_str())>{city_label(*c, lang)}</span>
            }
        })
        .collect_view();
    let heads = cities
        .iter()
        .map(|(_, c)| view! { <th scope="col" class="num">{city_label(*c, lang)}</th> })
        .collect_view();
    let table_rows = data
        .iter()
        .map(|(year, counts)| {
            let cells = cities
                .iter()
                .map(|(k, _)| view! { <td class="num">{counts[*k]}</td> })
                .collect_view();
            view! { <tr><th scope="row">{year.to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart chart-years">
            <figcaption>
                <strong>{title}</strong>
                " "
                <span class="legend">{legend}</span>
                " "
                {undated_note}
            </figcaption>
            <div class="chart-scroll">
                <svg
                    role="img"
                    aria-labelledby="chart-years-title"
                    viewBox=format!("0 0 {} {}", fmt(width), shortest(YEARS_H))
                    width=fmt(width)
                    height=fmt(YEARS_H)
                    class="chart-svg"
                >
                    {svg_title_with_id("chart-years-title", title.to_owned())}
                    <g class="axis">{ticks}</g>
                    {groups}
                </svg>
            </div>
            <details class="chart-data">
                <summary>{tr(lang, "Bảng số liệu của biểu đồ", "The chart's data as a table")}</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{tr(lang, "Năm", "Year")}</th>
                            {heads}
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}
