//! Query latency of the shared core (what the app runs on every keystroke or click) on the
//! compiled synthetic corpus of 10,000 reports: index build, search, facet counts, the compare
//! and figures views' core work (what a filter change recomputes).

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use danvan::core::compare::{
    distinctive_terms, matched_figures, side_reports, topic_shares, TermOptions,
};
use danvan::core::figures::{
    figure_refs, refs_by_city_period, rows_of, sort_refs, units, Column, SortKey,
};
use danvan::core::model::City;
use danvan::core::query::Prepared;
use danvan::core::url::ViewState;

/// The typed queries: accent-free words, a quoted phrase, an alias of Hồ Chí Minh City (six
/// members), an alias typed with accents (its exact spelling read from the positions).
pub const QUERIES: [(&str, &str); 4] = [
    ("accent_free", "dan van kheo"),
    ("phrase", "\"công tác dân vận\""),
    ("alias", "TPHCM"),
    ("alias_accented", "Hà Nội"),
];

fn queries(c: &mut Criterion) {
    let n = support::size(10_000);
    let bundle = support::bundle(n);
    let mut group = c.benchmark_group(format!("query_{n}"));
    group.sample_size(10);
    group.bench_function("prepare_index", |b| b.iter(|| Prepared::new(&bundle)));
    let prepared = Prepared::new(&bundle);

    for (name, q) in QUERIES {
        let state = ViewState {
            q: q.to_owned(),
            ..ViewState::default()
        };
        assert!(prepared.run(&state).total > 0, "{q} finds reports");
        group.bench_function(format!("search_{name}"), |b| {
            b.iter(|| prepared.run(&state).total)
        });
    }

    let mut facets = ViewState::default();
    facets.filters.cities = vec![City::Hanoi];
    facets.filters.years = Some((2020, 2023));
    group.bench_function("facet_counts", |b| b.iter(|| prepared.run(&facets).total));

    let all: Vec<usize> = (0..bundle.reports.len()).collect();
    let a = side_reports(&bundle, &all, City::Hanoi);
    let b_side = side_reports(&bundle, &all, City::Hcmc);
    let opts = TermOptions::default();
    group.bench_function("compare_distinctive_terms", |b| {
        b.iter(|| distinctive_terms(&bundle, &a, &b_side, &opts).a.len())
    });
    group.bench_function("compare_matched_figures", |b| {
        b.iter(|| matched_figures(&bundle, &a, &b_side).len())
    });
    group.bench_function("compare_topic_shares", |b| {
        b.iter(|| topic_shares(&bundle, &a).len())
    });

    // The figures view: the table (every figure, sorted), its first page of rows, the unit
    // list and the unit chart's groups.
    let by_value = SortKey {
        column: Column::Value,
        descending: true,
    };
    group.bench_function("figures_table_sorted", |b| {
        b.iter(|| {
            let mut refs = figure_refs(&bundle, &all, None);
            sort_refs(&bundle, &mut refs, by_value);
            rows_of(&bundle, &refs[..refs.len().min(100)]).len()
        })
    });
    group.bench_function("figures_units", |b| b.iter(|| units(&bundle, &all).len()));
    let unit = units(&bundle, &all)
        .first()
        .map(|(u, _)| u.clone())
        .unwrap_or_default();
    group.bench_function("figures_chart_groups", |b| {
        b.iter(|| refs_by_city_period(&bundle, &figure_refs(&bundle, &all, Some(&unit))).len())
    });
    group.finish();
}

criterion_group!(benches, queries);
criterion_main!(benches);
