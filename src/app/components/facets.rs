//! The facets: city, year range, topic, outlet and person, each with live counts from the core
//! ([`crate::core::query::Facets`]). A value with no matching report stays listed with 0.
//!
//! Each facet is a `<fieldset>` with a `<legend>`; each value is a labelled checkbox whose
//! change is a navigation (a history entry). Rows are keyed by value, so a count changing
//! does not rebuild the row and keyboard focus stays on the checkbox just toggled.

use leptos::prelude::*;

use crate::app::context::{navigate, use_explorer, Explorer};
use crate::app::i18n::Msg;
use crate::app::paging::facet_values;
use crate::core::fnv::FnvMap;
use crate::core::i18n::{t, Ui};
use crate::core::model::City;
use crate::core::url::ViewState;

/// One value of a checkbox facet as rendered.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    label: String,
    count: usize,
    selected: bool,
}

/// The facet panel: a heading, "clear all" while any filter is set, then every facet.
#[component]
pub fn FacetPanel() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let state = explorer.state;
    let has_filters = Memo::new(move |_| state.with(ViewState::has_filters));
    view! {
        <div class="facets-head">
            <h2 class="facets-title">{move || lang.get().msg(Msg::Filters)}</h2>
            <Show when=move || has_filters.get()>
                <button
                    type="button"
                    class="button clear-all"
                    data-testid="clear-filters"
                    on:click=move |_| navigate(state.with_untracked(ViewState::clear_filters))
                >
                    {move || t(lang.get(), Ui::ClearFilters)}
                </button>
            </Show>
        </div>
        <CheckFacet
            key="city"
            legend=Ui::FacetCity
            rows=Memo::new(move |_| {
                let lang = lang.get();
                explorer.results.with(|r| {
                    r.facets
                        .cities
                        .iter()
                        .map(|v| {
                            (
                                v.value.as_str().to_owned(),
                                Row {
                                    label: lang.label(&v.value.label()).to_owned(),
                                    count: v.count,
                                    selected: v.selected,
                                },
                            )
                        })
                        .collect()
                })
            })
            toggle=|s, v| City::parse(v).map_or_else(|| s.clone(), |c| s.toggle_city(c))
        />
        <YearFacet/>
        <CheckFacet
            key="topic"
            legend=Ui::FacetTopic
            rows=Memo::new(move |_| {
                let lang = lang.get();
                explorer.results.with(|r| {
                    explorer.prepared.with_value(|p| {
                        r.facets
                            .topics
                            .iter()
                            .map(|v| {
                                (
                                    v.value.clone(),
                                    Row {
                                        label: p.catalog.topic_label(&v.value, lang),
                                        count: v.count,
                                        selected: v.selected,
                                    },
                                )
                            })
                            .collect()
                    })
                })
            })
            toggle=|s, v| s.toggle_topic(v)
        />
        <CheckFacet
            key="outlet"
            legend=Ui::FacetOutlet
            rows=named(explorer, |f| &f.outlets)
            toggle=|s, v| s.toggle_outlet(v)
        />
        <CheckFacet
            key="person"
            legend=Ui::FacetPerson
            rows=named(explorer, |f| &f.persons)
            toggle=|s, v| s.toggle_person(v)
        />
    }
}

/// The rows of a facet whose values are names shown as written (outlets, persons).
fn named(
    explorer: Explorer,
    pick: fn(&crate::core::query::Facets) -> &Vec<crate::core::query::FacetValue<String>>,
) -> Memo<Vec<(String, Row)>> {
    Memo::new(move |_| {
        explorer.results.with(|r| {
            pick(&r.facets)
                .iter()
                .map(|v| {
                    (
                        v.value.clone(),
                        Row {
                            label: v.value.clone(),
                            count: v.count,
                            selected: v.selected,
                        },
                    )
                })
                .collect()
        })
    })
}

/// A facet of checkboxes: its first values, every selected one, and "show all" for the rest.
#[component]
fn CheckFacet(
    /// The URL key, also `data-facet` on each value.
    key: &'static str,
    /// The legend.
    legend: Ui,
    /// The values in display order: (URL value, row).
    rows: Memo<Vec<(String, Row)>>,
    /// The state with `value` toggled.
    toggle: fn(&ViewState, &str) -> ViewState,
) -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let expanded = RwSignal::new(false);
    let by_value =
        Memo::new(move |_| rows.with(|rows| rows.iter().cloned().collect::<FnvMap<String, Row>>()));
    let shown = Memo::new(move |_| {
        rows.with(|rows| {
            let selected: Vec<bool> = rows.iter().map(|(_, r)| r.selected).collect();
            facet_values(&selected, expanded.get())
                .into_iter()
                .map(|i| rows[i].0.clone())
                .collect::<Vec<_>>()
        })
    });
    let hidden = move || rows.with(Vec::len) - shown.with(Vec::len);
    let total = move || rows.with(Vec::len);
    view! {
        <fieldset class="facet" data-facet=key>
            <legend>{move || t(lang.get(), legend)}</legend>
            <ul class="facet-values">
                <For
                    each=move || shown.get()
                    key=|value| value.clone()
                    children=move |value| {
                        let row = {
                            let value = value.clone();
                            Memo::new(move |_| by_value.with(|m| m.get(&value).cloned()))
                        };
                        let count = move || row.with(|r| r.as_ref().map_or(0, |r| r.count));
                        let checked = move || row.with(|r| r.as_ref().is_some_and(|r| r.selected));
                        let label = move || row.with(|r| r.as_ref().map(|r| r.label.clone()).unwrap_or_default());
                        let target = value.clone();
                        view! {
                            <li>
                                <label
                                    class="facet-value"
                                    class:zero=move || count() == 0
                                    data-facet=key
                                    data-value=value
                                >
                                    // autocomplete="off" on every control: the URL holds
                                    // the state, so the browser neither saves nor restores it,
                                    // and each history write skips serialising it.
                                    <input
                                        type="checkbox"
                                        autocomplete="off"
                                        prop:checked=checked
                                        on:change=move |_| {
                                            navigate(explorer.state.with_untracked(|s| toggle(s, &target)))
                                        }
                                    />
                                    <span class="facet-label">{label}</span>
                                    <span class="facet-count" data-testid="facet-count">{count}</span>
                                </label>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || { expanded.get() || hidden() > 0 }>
                <button
                    type="button"
                    class="link-button"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || if expanded.get() {
                        lang.get().msg(Msg::ShowFewerValues).to_owned()
                    } else {
                        lang.get().show_all_values(total())
                    }}
                </button>
            </Show>
        </fieldset>
    }
}

/// The year facet: a "from" and a "to" select over the corpus's years, each year with its
/// live count, and the number of undated reports (which a year filter leaves out).
#[component]
fn YearFacet() -> impl IntoView {
    let explorer = use_explorer();
    let lang = explorer.lang;
    let state = explorer.state;
    let facet = Memo::new(move |_| explorer.results.with(|r| r.facets.years.clone()));
    let selected = Memo::new(move |_| state.with(|s| s.filters.years));
    // A select's new value: the other end is kept, or the corpus's end when it was open.
    let set = move |from_side: bool, value: String| {
        let year: Option<i32> = value.parse().ok();
        let (min, max) = facet.with_untracked(|f| (f.min, f.max));
        let current = selected.get_untracked();
        let range = match (from_side, year) {
            (true, Some(y)) => Some((y, current.map(|c| c.1).or(max).unwrap_or(y))),
            (false, Some(y)) => Some((current.map(|c| c.0).or(min).unwrap_or(y), y)),
            (true, None) => current.and_then(|c| (Some(c.1) != max).then_some((min?, c.1))),
            (false, None) => current.and_then(|c| (Some(c.0) != min).then_some((c.0, max?))),
        };
        navigate(state.with_untracked(|s| s.with_years(range)));
    };
    let select = move |from_side: bool| {
        let id = if from_side { "year-from" } else { "year-to" };
        let msg = if from_side {
            Msg::YearFrom
        } else {
            Msg::YearTo
        };
        let is = move |y: Option<i32>| {
            let end = selected.get().map(|(a, b)| if from_side { a } else { b });
            end == y
        };
        view! {
            <div class="year-select">
                <label for=id>{move || lang.get().msg(msg)}</label>
                <select id=id data-testid=id autocomplete="off" on:change=move |ev| set(from_side, event_target_value(&ev))>
                    <option value="" prop:selected=move || is(None)>
                        {move || lang.get().msg(Msg::AnyYear)}
                    </option>
                    {move || {
                        facet
                            .get()
                            .years
                            .into_iter()
                            .map(|v| {
                                let y = v.value;
                                view! {
                                    <option value=y.to_string() prop:selected=move || is(Some(y))>
                                        {format!("{y} ({})", v.count)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };
    view! {
        <fieldset class="facet facet-year" data-facet="year">
            <legend>{move || t(lang.get(), Ui::FacetYear)}</legend>
            <div class="year-range">{select(true)} {select(false)}</div>
            <p class="facet-note" data-testid="undated-count">
                {move || lang.get().undated_count(facet.with(|f| f.undated))}
            </p>
        </fieldset>
    }
}
