//! Filters, live facet counts and the one entry point the app calls per view change.
//!
//! At load the app builds a [`Catalog`] (each report's facet values, precomputed) and a
//! [`SearchIndex`], or both at once as [`Prepared`]. Each time the URL changes it calls
//! [`Prepared::run`] (or [`run`]) with the parsed [`ViewState`] and renders the [`Results`]:
//! the report rows in display order, their search hits, and the facets.
//!
//! # Semantics
//! - Within a facet, selected values are OR-ed; across facets, AND-ed; the search is AND-ed too.
//! - City: the report's `city`. Year: [`Report::year`](crate::core::model::Report::year), inclusive range; a report without a date
//!   fails any year filter. Topic: any paragraph of the report carries the topic id. Outlet and
//!   person: compared by [`toned_phrase`] (case and tone placement ignored); persons are the
//!   report's `people`.
//! - A selected value the corpus does not have matches nothing (and [`Catalog::check`] says so).
//! - Facet counts are live, Pagefind/Datasette style: a value's count is the number of reports
//!   matching the search and every *other* facet's filters, as if that value were the only one
//!   selected in its own facet. Every value present in the corpus stays listed (with 0 when
//!   nothing matches), and selected values are always listed.
//! - Order of values: cities hanoi, hcmc, national, other; topics in taxonomy order (unknown
//!   topic ids after, by id); outlets and persons by Vietnamese collation ([`collate`]); years
//!   ascending.
//! - Rows: with a search, by relevance (see [`crate::core::search`]); without one, newest date
//!   first (undated last), ties in bundle order.
//!
//! # Cost
//! [`run`] searches once (postings of the query words only) and then makes one linear pass over
//! the reports' precomputed facet values; it never reads report text.
//!
//! ```
//! use danvan::core::model::*;
//! use danvan::core::query::Prepared;
//! use danvan::core::url::ViewState;
//! # let bundle = Bundle { schema_version: SCHEMA_VERSION, generator: "doc".into(), topics: vec![],
//! #     aliases: vec![], reports: vec![] };
//! let prepared = Prepared::new(&bundle);                       // once, at load
//! let (state, _notices) = ViewState::parse("q=dan+van&city=hcmc");
//! let results = prepared.run(&state);                          // per view change
//! assert_eq!(results.total, results.rows.len());
//! ```

use crate::core::fnv::FnvMap;
use crate::core::i18n::Lang;
use crate::core::meta::{CatalogFile, ReportMeta};
use crate::core::model::{Bundle, City, Label, Topic};
use crate::core::search::{Query, Ranked, ReportHit, SearchIndex};
use crate::core::sort;
use crate::core::text::{collate, toned_phrase};
use crate::core::url::{Notice, Reason, ViewState};
use std::sync::Arc;

/// The filters of a view. Empty lists and `None` mean "no filter on this facet".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Report cities (OR).
    pub cities: Vec<City>,
    /// Inclusive year range; `(2022, 2022)` is one year.
    pub years: Option<(i32, i32)>,
    /// Topic ids (OR).
    pub topics: Vec<String>,
    /// Outlet names (OR), compared by toned phrase.
    pub outlets: Vec<String>,
    /// Person names (OR), compared by toned phrase.
    pub persons: Vec<String>,
}

impl Filters {
    /// Whether no facet is filtered.
    pub fn is_empty(&self) -> bool {
        self.cities.is_empty()
            && self.years.is_none()
            && self.topics.is_empty()
            && self.outlets.is_empty()
            && self.persons.is_empty()
    }
}

/// A topic as the catalog knows it: from the taxonomy (with a label) or only seen in paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicInfo {
    /// The topic id, as in paragraphs and URLs.
    pub id: String,
    /// The taxonomy label; `None` for an id missing from `bundle.topics`.
    pub label: Option<Label>,
}

/// One report's facet values, as indices into the catalog's value lists.
#[derive(Debug, Clone)]
struct ReportFacets {
    city: City,
    year: Option<i32>,
    /// `year`'s index in the catalog's `years`, so counting needs no search per report.
    year_slot: Option<u32>,
    topics: Vec<u32>,
    outlet: Option<u32>,
    persons: Vec<u32>,
    paragraphs: usize,
}

/// Every report's facet values and every facet's value list, precomputed once at load.
#[derive(Debug, Clone)]
pub struct Catalog {
    topics: Vec<TopicInfo>,
    outlets: Vec<String>,
    persons: Vec<String>,
    years: Vec<i32>,
    /// Per city in [`City::ALL`] order, whether some report has it.
    cities: [bool; 4],
    reports: Vec<ReportFacets>,
    /// Each report's list entry (title, heading, date, …), for the list before the text loads.
    /// Shared: the app clones the catalog it starts from.
    metas: Arc<Vec<ReportMeta>>,
    /// Report indices, newest date first, undated last, ties in bundle order.
    by_date: Vec<usize>,
    topic_ids: FnvMap<String, u32>,
    outlet_keys: FnvMap<String, u32>,
    person_keys: FnvMap<String, u32>,
    /// Report numbers as `u32` (as the index keeps them): the map type of the facet keys, one
    /// map type less in the wasm.
    report_ids: FnvMap<String, u32>,
}

/// The distinct names of a facet: display names in Vietnamese collation order, the toned
/// phrase of each → its index (for URL values), and each spelling met → its index (for the
/// reports, so a name repeated in ten thousand reports is keyed once, not ten thousand times).
struct Names<'a> {
    names: Vec<String>,
    keys: FnvMap<String, u32>,
    written: FnvMap<&'a str, u32>,
}

/// Collects distinct display names keyed by toned phrase (first spelling wins), then sorts them
/// by Vietnamese collation.
fn sorted_names<'a>(all: impl Iterator<Item = &'a str>) -> Names<'a> {
    // Each spelling once, in order of first use. (Both maps hold spelling numbers: the one
    // map type `written` needs anyway, rather than two more in the wasm.)
    let mut spellings: Vec<&'a str> = Vec::new();
    let mut met: FnvMap<&'a str, u32> = FnvMap::default();
    for n in all {
        if met.insert(n, spellings.len() as u32).is_none() {
            spellings.push(n);
        }
    }
    let toned: Vec<String> = spellings.iter().map(|n| toned_phrase(n)).collect();
    // Each toned phrase → its first spelling's number.
    let mut seen: FnvMap<&str, u32> = FnvMap::default();
    for (i, key) in toned.iter().enumerate() {
        if !key.is_empty() {
            seen.entry(key.as_str()).or_insert(i as u32);
        }
    }
    let mut pairs: Vec<(&str, &'a str)> = seen
        .into_iter()
        .map(|(key, i)| (key, spellings[i as usize]))
        .collect();
    sort::sort_by(&mut pairs, |a, b| {
        collate(a.1, b.1).then_with(|| a.0.cmp(b.0))
    });
    let keys: FnvMap<String, u32> = pairs
        .iter()
        .enumerate()
        .map(|(i, (k, _))| ((*k).to_owned(), i as u32))
        .collect();
    let written = spellings
        .iter()
        .zip(&toned)
        .filter_map(|(n, key)| Some((*n, *keys.get(key)?)))
        .collect();
    Names {
        names: pairs.into_iter().map(|(_, n)| n.to_owned()).collect(),
        keys,
        written,
    }
}

impl Catalog {
    /// Precomputes every report's facet values. Linear in reports and paragraphs.
    pub fn new(bundle: &Bundle) -> Catalog {
        Catalog::from_meta(
            &bundle.topics,
            bundle.reports.iter().map(ReportMeta::of).collect(),
        )
    }

    /// The catalog of a catalog file, before the bundle's text is loaded.
    pub fn from_file(file: CatalogFile) -> Catalog {
        Catalog::from_meta(&file.topics, file.reports)
    }

    /// The catalog of reports' list entries ([`ReportMeta::of`]), in bundle order.
    pub fn from_meta(taxonomy: &[Topic], metas: Vec<ReportMeta>) -> Catalog {
        let mut topics: Vec<TopicInfo> = taxonomy
            .iter()
            .map(|t| TopicInfo {
                id: t.id.clone(),
                label: Some(t.label.clone()),
            })
            .collect();
        let mut unknown: Vec<String> = metas
            .iter()
            .flat_map(|r| r.topics.iter())
            .filter(|id| !taxonomy.iter().any(|t| &t.id == *id))
            .cloned()
            .collect();
        sort::sort(&mut unknown);
        unknown.dedup();
        topics.extend(unknown.into_iter().map(|id| TopicInfo { id, label: None }));
        let mut topic_ids = FnvMap::default();
        for (i, t) in topics.iter().enumerate() {
            topic_ids.entry(t.id.clone()).or_insert(i as u32);
        }

        let outlets = sorted_names(metas.iter().filter_map(|r| r.outlet.as_deref()));
        let persons = sorted_names(
            metas
                .iter()
                .flat_map(|r| r.people.iter().map(String::as_str)),
        );

        let reports: Vec<ReportFacets> = metas
            .iter()
            .map(|r| {
                let mut topics: Vec<u32> = r
                    .topics
                    .iter()
                    .filter_map(|id| topic_ids.get(id).copied())
                    .collect();
                sort::sort(&mut topics);
                topics.dedup();
                let mut report_persons: Vec<u32> = r
                    .people
                    .iter()
                    .filter_map(|p| persons.written.get(p.as_str()).copied())
                    .collect();
                sort::sort(&mut report_persons);
                report_persons.dedup();
                ReportFacets {
                    city: r.city,
                    year: r.year(),
                    year_slot: None,
                    topics,
                    outlet: r
                        .outlet
                        .as_deref()
                        .and_then(|o| outlets.written.get(o).copied()),
                    persons: report_persons,
                    paragraphs: r.paragraphs,
                }
            })
            .collect();

        let mut years: Vec<i32> = reports.iter().filter_map(|r| r.year).collect();
        sort::sort(&mut years);
        years.dedup();
        let mut reports = reports;
        for r in &mut reports {
            r.year_slot = r
                .year
                .and_then(|y| years.binary_search(&y).ok())
                .map(|i| i as u32);
        }

        let mut by_date: Vec<usize> = (0..metas.len()).collect();
        sort::sort_by(&mut by_date, |&a, &b| {
            let (da, db) = (&metas[a].date, &metas[b].date);
            // Newest first; `None` sorts below every date, so it lands last.
            db.cmp(da).then(a.cmp(&b))
        });

        let mut report_ids = FnvMap::default();
        for (i, r) in metas.iter().enumerate() {
            report_ids.entry(r.id.clone()).or_insert(i as u32);
        }

        let cities = City::ALL.map(|c| reports.iter().any(|r| r.city == c));
        // The spellings borrow the entries; only the names and keys are kept.
        let Names {
            names: outlet_names,
            keys: outlet_keys,
            ..
        } = outlets;
        let Names {
            names: person_names,
            keys: person_keys,
            ..
        } = persons;
        Catalog {
            topics,
            outlets: outlet_names,
            persons: person_names,
            years,
            cities,
            reports,
            metas: Arc::new(metas),
            by_date,
            topic_ids,
            outlet_keys,
            person_keys,
            report_ids,
        }
    }

    /// The list entry of report `i` (bundle order).
    pub fn meta(&self, i: usize) -> Option<&ReportMeta> {
        self.metas.get(i)
    }

    /// Every report's list entry, in bundle order.
    pub fn metas(&self) -> &[ReportMeta] {
        &self.metas
    }

    /// Number of reports.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    /// Whether the bundle has no reports.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// The report with id `id`, as an index into `bundle.reports`.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.report_ids.get(id).map(|&i| i as usize)
    }

    /// Every topic: taxonomy order, then ids only seen in paragraphs.
    pub fn topics(&self) -> &[TopicInfo] {
        &self.topics
    }

    /// A topic's label in `lang`, or its id when it has none (or is unknown).
    pub fn topic_label(&self, id: &str, lang: Lang) -> String {
        self.topic_ids
            .get(id)
            .and_then(|&i| self.topics[i as usize].label.as_ref())
            .map_or_else(|| id.to_owned(), |l| l.get(lang).to_owned())
    }

    /// Every outlet name, in Vietnamese collation order.
    pub fn outlets(&self) -> &[String] {
        &self.outlets
    }

    /// Every person name (from reports' `people`), in Vietnamese collation order.
    pub fn persons(&self) -> &[String] {
        &self.persons
    }

    /// Every year some report has, ascending.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// Notices for values of `state` that the corpus does not have: unknown topics, outlets,
    /// persons or report ids, and a paragraph number past the end of its report. The URL parser
    /// cannot know these; the app shows them next to the parser's notices.
    pub fn check(&self, state: &ViewState) -> Vec<Notice> {
        let mut out = Vec::new();
        let mut absent =
            |key: &str, value: &str| out.push(Notice::new(key, value, Reason::NotInCorpus));
        for t in &state.filters.topics {
            if !self.topic_ids.contains_key(t) {
                absent("topic", t);
            }
        }
        for o in &state.filters.outlets {
            if !self.outlet_keys.contains_key(&toned_phrase(o)) {
                absent("outlet", o);
            }
        }
        for p in &state.filters.persons {
            if !self.person_keys.contains_key(&toned_phrase(p)) {
                absent("person", p);
            }
        }
        for (key, id) in [
            ("doc", &state.doc),
            ("doc_a", &state.doc_a),
            ("doc_b", &state.doc_b),
        ] {
            if let Some(id) = id {
                if self.find(id).is_none() {
                    absent(key, id);
                }
            }
        }
        if let (Some(p), Some(r)) = (state.p, state.doc.as_deref().and_then(|d| self.find(d))) {
            if p >= self.reports[r].paragraphs {
                absent("p", &p.to_string());
            }
        }
        out
    }

    fn resolve(&self, f: &Filters) -> Resolved {
        Resolved {
            cities: (!f.cities.is_empty()).then(|| f.cities.iter().map(|&c| city_bit(c)).sum()),
            years: f.years,
            topics: Selection::new(&f.topics, &self.topic_ids, self.topics.len(), |v| v.clone()),
            outlets: Selection::new(&f.outlets, &self.outlet_keys, self.outlets.len(), |v| {
                toned_phrase(v)
            }),
            persons: Selection::new(&f.persons, &self.person_keys, self.persons.len(), |v| {
                toned_phrase(v)
            }),
        }
    }
}

/// The selected values of one named facet, resolved once per call to catalog indices.
struct Selection {
    /// Per catalog value, whether it is selected; `None` when the facet is not filtered.
    selected: Option<Vec<bool>>,
    /// Selected values the catalog does not have, as written.
    missing: Vec<String>,
}

impl Selection {
    fn new(
        values: &[String],
        map: &FnvMap<String, u32>,
        len: usize,
        key: impl Fn(&String) -> String,
    ) -> Selection {
        if values.is_empty() {
            return Selection {
                selected: None,
                missing: Vec::new(),
            };
        }
        let mut selected = vec![false; len];
        let mut missing = Vec::new();
        for v in values {
            match map.get(&key(v)) {
                Some(&i) => selected[i as usize] = true,
                None => missing.push(v.clone()),
            }
        }
        Selection {
            selected: Some(selected),
            missing,
        }
    }

    /// Whether a report with these values passes.
    fn passes(&self, values: &[u32]) -> bool {
        match &self.selected {
            None => true,
            Some(sel) => values.iter().any(|&v| sel[v as usize]),
        }
    }

    fn is_selected(&self, i: usize) -> bool {
        self.selected.as_ref().is_some_and(|s| s[i])
    }
}

fn city_bit(c: City) -> u8 {
    1 << (c as u8)
}

/// Filters resolved to value indices. `None`: the facet is not filtered.
struct Resolved {
    cities: Option<u8>,
    years: Option<(i32, i32)>,
    topics: Selection,
    outlets: Selection,
    persons: Selection,
}

const CITY: u8 = 1;
const YEAR: u8 = 2;
const TOPIC: u8 = 4;
const OUTLET: u8 = 8;
const PERSON: u8 = 16;

impl Resolved {
    /// The facets whose filter `r` fails, as a bit set.
    fn failures(&self, r: &ReportFacets) -> u8 {
        let mut fail = 0;
        if self.cities.is_some_and(|m| m & city_bit(r.city) == 0) {
            fail |= CITY;
        }
        if let Some((a, b)) = self.years {
            if !r.year.is_some_and(|y| a <= y && y <= b) {
                fail |= YEAR;
            }
        }
        if !self.topics.passes(&r.topics) {
            fail |= TOPIC;
        }
        if !self.outlets.passes(r.outlet.as_slice()) {
            fail |= OUTLET;
        }
        if !self.persons.passes(&r.persons) {
            fail |= PERSON;
        }
        fail
    }
}

/// One value of a facet with its live count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue<T> {
    /// The value as it goes into the URL (city, year, topic id, outlet or person name).
    pub value: T,
    /// Reports matching the search and every other facet's filters that have this value.
    pub count: usize,
    /// Whether the current filters select this value.
    pub selected: bool,
}

/// The year facet: a count per year, the corpus's year span, and the undated reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearFacet {
    /// Every year of the corpus, ascending, with its live count; `selected` when inside the
    /// selected range.
    pub years: Vec<FacetValue<i32>>,
    /// The earliest year in the corpus.
    pub min: Option<i32>,
    /// The latest year in the corpus.
    pub max: Option<i32>,
    /// Reports without a date matching the search and the other facets (a year filter
    /// excludes them).
    pub undated: usize,
    /// The selected range, echoed.
    pub selected: Option<(i32, i32)>,
}

/// Every facet with live counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// Cities present in the corpus or selected, in fixed order (hanoi, hcmc, national, other).
    pub cities: Vec<FacetValue<City>>,
    /// Years.
    pub years: YearFacet,
    /// Topic ids in taxonomy order; label them with [`Catalog::topic_label`].
    pub topics: Vec<FacetValue<String>>,
    /// Outlet names in Vietnamese collation order.
    pub outlets: Vec<FacetValue<String>>,
    /// Person names in Vietnamese collation order.
    pub persons: Vec<FacetValue<String>>,
}

/// What a view shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// Report indices (into `bundle.reports`) in display order.
    pub rows: Vec<usize>,
    /// With a search: one ranked hit per row, same order (`hits[i].report == rows[i]`).
    /// Without a search: empty. Highlights are built only for the rows shown, by
    /// [`Prepared::highlight`].
    pub hits: Vec<Ranked>,
    /// The parsed search (empty without one), for [`Prepared::highlight`].
    pub query: Query,
    /// A search was asked for before the index was built ([`Prepared::catalog_first`]): it
    /// has not run, and the rows are empty for now, not "nothing found".
    pub pending: bool,
    /// Every facet with live counts.
    pub facets: Facets,
    /// `rows.len()`.
    pub total: usize,
    /// Whether the query had words (a search ran).
    pub searched: bool,
    /// Reports matching the search alone, before filters (all reports without a search).
    pub matched: usize,
}

/// The catalog and the search index of one bundle, built at load.
///
/// The catalog is cheap and is all a view without a search needs; the index costs seconds at
/// ten thousand reports. So the app can build the catalog first ([`Prepared::catalog_first`]),
/// show the list, and add the index afterwards ([`Prepared::with_index`]); until then a search
/// answers [`Results::pending`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Facet values and list entries per report (shared: the app keeps it across the index
    /// build).
    pub catalog: Arc<Catalog>,
    /// The full-text index (empty until [`Prepared::indexed`]).
    pub index: SearchIndex,
    /// Whether `index` holds the bundle's reports.
    pub indexed: bool,
}

impl Prepared {
    /// Builds the catalog and the index. Call once per loaded bundle.
    pub fn new(bundle: &Bundle) -> Prepared {
        Prepared {
            catalog: Arc::new(Catalog::new(bundle)),
            index: SearchIndex::new(bundle),
            indexed: true,
        }
    }

    /// The catalog alone, with an empty index: for showing the first results before the
    /// bundle's text is loaded and indexed (from [`Catalog::from_file`], or [`Catalog::new`]).
    pub fn from_catalog(catalog: impl Into<Arc<Catalog>>) -> Prepared {
        Prepared {
            catalog: catalog.into(),
            index: SearchIndex::empty(),
            indexed: false,
        }
    }

    /// A catalog and the full index of the same bundle, the index built a slice at a time
    /// ([`crate::core::search::IndexBuilder`]). Give the catalog made from the bundle
    /// ([`Catalog::new`]): the bundle is the truth, a catalog file only its cache.
    pub fn from_index(catalog: impl Into<Arc<Catalog>>, index: SearchIndex) -> Prepared {
        Prepared {
            catalog: catalog.into(),
            index,
            indexed: true,
        }
    }

    /// [`run`] on this bundle. Before the index is built, a state with a search gives no rows
    /// and `pending` set (the filters' facets are still counted, over no report).
    pub fn run(&self, state: &ViewState) -> Results {
        if !self.indexed {
            let query = self.index.parse(&state.q);
            if !query.is_empty() {
                return Results {
                    query,
                    pending: true,
                    ..apply(&self.catalog, Some(Vec::new()), &state.filters)
                };
            }
        }
        run(&self.catalog, &self.index, state)
    }

    /// The highlights of the search in the `i`-th row of `results` (computed by [`run`] on
    /// this bundle, whose reports are `bundle`'s): `None` without a search or past the last
    /// row. Cheap (the postings of the query words within one report, and its paragraphs with
    /// hits tokenised again), so views build them only for the rows they show.
    pub fn highlight(&self, results: &Results, i: usize, bundle: &Bundle) -> Option<ReportHit> {
        if !results.searched {
            return None;
        }
        let r = *results.rows.get(i)?;
        self.index
            .highlight(&results.query, r, bundle.reports.get(r)?)
    }
}

/// Computes the view for `state`: searches `state.q` (if it has words), applies
/// `state.filters`, and counts the facets. Only the search and filters are read from `state`.
pub fn run(catalog: &Catalog, index: &SearchIndex, state: &ViewState) -> Results {
    let query = index.parse(&state.q);
    let hits = (!query.is_empty()).then(|| index.search(&query));
    Results {
        query,
        ..apply(catalog, hits, &state.filters)
    }
}

/// The filtering and counting half of [`run`], for callers that cache the search: `hits` is the
/// result of [`SearchIndex::search`] for a non-empty query, or `None` for no query. The
/// result's `query` is left empty.
pub fn apply(catalog: &Catalog, hits: Option<Vec<Ranked>>, filters: &Filters) -> Results {
    let resolved = catalog.resolve(filters);
    let searched = hits.is_some();
    let candidates: Vec<usize> = match &hits {
        Some(h) => h.iter().map(|h| h.report).collect(),
        None => catalog.by_date.clone(),
    };

    let mut city_counts = [0usize; 4];
    let mut year_counts = vec![0usize; catalog.years.len()];
    let mut undated = 0;
    let mut topic_counts = vec![0usize; catalog.topics.len()];
    let mut outlet_counts = vec![0usize; catalog.outlets.len()];
    let mut person_counts = vec![0usize; catalog.persons.len()];
    let mut keep = Vec::with_capacity(candidates.len());
    for &r in &candidates {
        let Some(rf) = catalog.reports.get(r) else {
            keep.push(false);
            continue;
        };
        let fail = resolved.failures(rf);
        keep.push(fail == 0);
        // A report counts for facet F when it passes every facet but possibly F.
        let counts_for = |facet: u8| fail & !facet == 0;
        if counts_for(CITY) {
            city_counts[rf.city as usize] += 1;
        }
        if counts_for(YEAR) {
            match rf.year_slot {
                Some(i) => year_counts[i as usize] += 1,
                None => undated += 1,
            }
        }
        if counts_for(TOPIC) {
            rf.topics
                .iter()
                .for_each(|&t| topic_counts[t as usize] += 1);
        }
        if counts_for(OUTLET) {
            rf.outlet
                .iter()
                .for_each(|&o| outlet_counts[o as usize] += 1);
        }
        if counts_for(PERSON) {
            rf.persons
                .iter()
                .for_each(|&p| person_counts[p as usize] += 1);
        }
    }

    let matched = candidates.len();
    let rows: Vec<usize> = candidates
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(&r, _)| r)
        .collect();
    let hits: Vec<Ranked> = match hits {
        Some(h) => h
            .into_iter()
            .zip(&keep)
            .filter(|(_, &k)| k)
            .map(|(h, _)| h)
            .collect(),
        None => Vec::new(),
    };

    let cities = City::ALL
        .iter()
        .enumerate()
        .filter(|&(i, c)| catalog.cities[i] || filters.cities.contains(c))
        .map(|(i, &c)| FacetValue {
            value: c,
            count: city_counts[i],
            selected: filters.cities.contains(&c),
        })
        .collect();
    let years = YearFacet {
        years: catalog
            .years
            .iter()
            .zip(&year_counts)
            .map(|(&y, &count)| FacetValue {
                value: y,
                count,
                selected: filters.years.is_some_and(|(a, b)| a <= y && y <= b),
            })
            .collect(),
        min: catalog.years.first().copied(),
        max: catalog.years.last().copied(),
        undated,
        selected: filters.years,
    };
    let topics = named_facet(
        catalog.topics.iter().map(|t| t.id.as_str()),
        &topic_counts,
        &resolved.topics,
    );
    let outlets = named_facet(
        catalog.outlets.iter().map(String::as_str),
        &outlet_counts,
        &resolved.outlets,
    );
    let persons = named_facet(
        catalog.persons.iter().map(String::as_str),
        &person_counts,
        &resolved.persons,
    );

    Results {
        total: rows.len(),
        rows,
        hits,
        facets: Facets {
            cities,
            years,
            topics,
            outlets,
            persons,
        },
        searched,
        matched,
        query: Query::default(),
        pending: false,
    }
}

/// A facet of named values: every corpus value with its count, then selected values the corpus
/// does not have (count 0), in the order they were selected.
fn named_facet<'a>(
    values: impl Iterator<Item = &'a str>,
    counts: &[usize],
    selection: &Selection,
) -> Vec<FacetValue<String>> {
    let mut out: Vec<FacetValue<String>> = values
        .zip(counts)
        .enumerate()
        .map(|(i, (v, &count))| FacetValue {
            value: v.to_owned(),
            count,
            selected: selection.is_selected(i),
        })
        .collect();
    out.extend(selection.missing.iter().map(|s| FacetValue {
        value: s.clone(),
        count: 0,
        selected: true,
    }));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalog_comes_first_and_a_search_waits_for_the_index() {
        let b = corpus();
        let first = Prepared::from_catalog(Catalog::new(&b));
        let all = first.run(&ViewState::default());
        assert!(!all.pending);
        assert_eq!(all.rows, Prepared::new(&b).run(&ViewState::default()).rows);
        let (state, _) = ViewState::parse("q=dân+vận&city=hanoi");
        let waiting = first.run(&state);
        assert!(waiting.pending && waiting.searched && waiting.rows.is_empty());
        let mut builder = IndexBuilder::new(&b);
        let mut slices = 0;
        while !builder.add(&b, 1) {
            slices += 1;
        }
        assert!(
            slices >= 2,
            "the test corpus is indexed over several slices"
        );
        let full = Prepared::from_index(Catalog::new(&b), builder.finish());
        let found = full.run(&state);
        assert!(!found.pending);
        assert_eq!(found, Prepared::new(&b).run(&state));
        assert!(found.total > 0);
    }

    use super::*;
    use crate::core::meta::CatalogFile;
    use crate::core::model::*;
    use crate::core::search::tests::{bundle, para, report};
    use crate::core::search::IndexBuilder;

    #[test]
    fn a_catalog_file_gives_the_list_and_facets_the_bundle_gives() {
        let b = corpus();
        let file = CatalogFile::from_json(
            CatalogFile::of(&b.generator, &b.topics, &b.reports)
                .to_json()
                .as_bytes(),
        )
        .unwrap();
        let early = Prepared::from_catalog(Catalog::from_file(file));
        let full = Prepared::new(&b);
        assert_eq!(early.catalog.metas(), full.catalog.metas());
        for q in [
            "",
            "city=hanoi",
            "topic=covid-19&year=2021-2023",
            "person=x",
        ] {
            let (state, _) = ViewState::parse(q);
            assert_eq!(early.run(&state), full.run(&state), "{q}");
            assert_eq!(
                early.catalog.check(&state),
                full.catalog.check(&state),
                "{q}"
            );
        }
    }

    /// Five reports: two Hà Nội, two TP.HCM, one national; topics, outlets, people and dates vary.
    fn corpus() -> Bundle {
        let mut b = bundle(vec![]);
        b.topics = vec![
            Topic {
                id: "dan-van-kheo".into(),
                label: Label {
                    vi: "Dân vận khéo".into(),
                    en: "Skilful mobilisation".into(),
                },
            },
            Topic {
                id: "covid-19".into(),
                label: Label {
                    vi: "Covid-19".into(),
                    en: "Covid-19".into(),
                },
            },
            Topic {
                id: "chuyen-doi-so".into(),
                label: Label {
                    vi: "Chuyển đổi số".into(),
                    en: "Digital transformation".into(),
                },
            },
        ];
        let mk = |id: &str,
                  city: City,
                  date: Option<&str>,
                  outlet: Option<&str>,
                  topics: &[&str],
                  people: &[&str],
                  text: &str| {
            let mut r = report(id, vec![para(ParagraphKind::Body, text)]);
            r.city = city;
            r.date = date.map(Into::into);
            r.outlet = outlet.map(Into::into);
            r.paragraphs[0].topics = topics.iter().map(|t| t.to_string()).collect();
            r.people = people
                .iter()
                .map(|n| Person {
                    name: n.to_string(),
                    position: None,
                })
                .collect();
            r
        };
        b.reports = vec![
            mk(
                "r-0",
                City::Hanoi,
                Some("2022-01-13"),
                Some("Kinhtedothi"),
                &["dan-van-kheo"],
                &["Nguyễn Văn A"],
                "Hà Nội triển khai phong trào dân vận khéo.",
            ),
            mk(
                "r-1",
                City::Hcmc,
                Some("2024-01"),
                Some("VOH"),
                &["dan-van-kheo", "covid-19"],
                &["Nguyễn Hữu Hiệp"],
                "TP.HCM có nhiều mô hình dân vận khéo trong phòng chống dịch.",
            ),
            mk(
                "r-2",
                City::Hcmc,
                Some("2024"),
                None,
                &["chuyen-doi-so"],
                &["Nguyễn Hữu Hiệp", "Đỗ Văn B"],
                "Chuyển đổi số trong công tác dân vận ở TP.HCM.",
            ),
            mk(
                "r-3",
                City::National,
                Some("2022-01-13"),
                Some("voh"),
                &["covid-19"],
                &[],
                "Hội nghị toàn quốc về công tác dân vận.",
            ),
            mk(
                "r-4",
                City::Hanoi,
                None,
                None,
                &[],
                &["Ân Thị C"],
                "Một bài không có ngày.",
            ),
        ];
        b
    }

    fn state(q: &str) -> ViewState {
        let (s, notices) = ViewState::parse(q);
        assert!(notices.is_empty(), "{notices:?}");
        s
    }

    fn count<T: PartialEq>(values: &[FacetValue<T>], v: T) -> Option<(usize, bool)> {
        values
            .iter()
            .find(|f| f.value == v)
            .map(|f| (f.count, f.selected))
    }

    #[test]
    fn no_query_lists_everything_newest_first() {
        let p = Prepared::new(&corpus());
        let r = p.run(&ViewState::default());
        assert!(!r.searched);
        assert!(r.hits.is_empty());
        // 2024-01 > 2024 > 2022-01-13 (two, bundle order) > undated.
        assert_eq!(r.rows, [1, 2, 0, 3, 4]);
        assert_eq!(r.total, 5);
        assert_eq!(r.matched, 5);
    }

    #[test]
    fn city_filter_and_counts_ignore_their_own_facet() {
        let p = Prepared::new(&corpus());
        let r = p.run(&state("city=hcmc"));
        assert_eq!(r.rows, [1, 2]);
        let c = &r.facets.cities;
        assert_eq!(
            c.iter().map(|f| f.value).collect::<Vec<_>>(),
            City::ALL[..3]
        );
        assert_eq!(count(c, City::Hanoi), Some((2, false)));
        assert_eq!(count(c, City::Hcmc), Some((2, true)));
        assert_eq!(count(c, City::National), Some((1, false)));
        // Other facets count within the city filter.
        assert_eq!(
            count(&r.facets.topics, "covid-19".to_string()),
            Some((1, false))
        );
        assert_eq!(
            count(&r.facets.topics, "dan-van-kheo".to_string()),
            Some((1, false))
        );
        // Several cities: OR.
        assert_eq!(p.run(&state("city=hanoi,national")).rows, [0, 3, 4]);
    }

    #[test]
    fn zero_values_stay_listed_and_selected_values_always_listed() {
        let p = Prepared::new(&corpus());
        let r = p.run(&state("topic=chuyen-doi-so"));
        assert_eq!(r.rows, [2]);
        assert_eq!(count(&r.facets.cities, City::Hanoi), Some((0, false)));
        assert_eq!(
            count(&r.facets.outlets, "VOH".to_string()),
            Some((0, false))
        );
        assert_eq!(r.facets.topics.len(), 3);
        // A selected value the corpus lacks: listed, selected, 0; and it matches nothing.
        let r = p.run(&state("person=Không+Có"));
        assert!(r.rows.is_empty());
        assert_eq!(
            count(&r.facets.persons, "Không Có".to_string()),
            Some((0, true))
        );
        // The city facet lists a selected city absent from the corpus.
        let r = p.run(&state("city=other"));
        assert_eq!(count(&r.facets.cities, City::Other), Some((0, true)));
    }

    #[test]
    fn year_filter_range_and_undated() {
        let p = Prepared::new(&corpus());
        let r = p.run(&state("year=2024"));
        assert_eq!(r.rows, [1, 2]);
        assert_eq!(r.facets.years.min, Some(2022));
        assert_eq!(r.facets.years.max, Some(2024));
        let ys: Vec<(i32, usize, bool)> = r
            .facets
            .years
            .years
            .iter()
            .map(|f| (f.value, f.count, f.selected))
            .collect();
        assert_eq!(ys, [(2022, 2, false), (2024, 2, true)]);
        assert_eq!(r.facets.years.undated, 1);
        // Undated reports fail any year filter, and a range is inclusive.
        assert_eq!(p.run(&state("year=2021-2024")).rows, [1, 2, 0, 3]);
        assert!(p.run(&state("year=2023")).rows.is_empty());
    }

    #[test]
    fn topic_outlet_person_filters() {
        let p = Prepared::new(&corpus());
        assert_eq!(p.run(&state("topic=covid-19")).rows, [1, 3]);
        assert_eq!(
            p.run(&state("topic=covid-19,chuyen-doi-so")).rows,
            [1, 2, 3]
        );
        // Outlets compare case-insensitively: "VOH" and "voh" are one outlet.
        let r = p.run(&state("outlet=voh"));
        assert_eq!(r.rows, [1, 3]);
        assert_eq!(count(&r.facets.outlets, "VOH".to_string()), Some((2, true)));
        // Persons compare by toned phrase: tone placement and case do not matter.
        let r = p.run(&state("person=nguyễn+hữu+hiệp"));
        assert_eq!(r.rows, [1, 2]);
        assert_eq!(
            count(&r.facets.persons, "Nguyễn Hữu Hiệp".to_string()),
            Some((2, true))
        );
        // AND across facets.
        assert_eq!(
            p.run(&state("person=Nguyễn+Hữu+Hiệp&topic=covid-19")).rows,
            [1]
        );
    }

    #[test]
    fn facet_orders() {
        let p = Prepared::new(&corpus());
        let r = p.run(&ViewState::default());
        let topics: Vec<&str> = r.facets.topics.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(topics, ["dan-van-kheo", "covid-19", "chuyen-doi-so"]);
        let persons: Vec<&str> = r.facets.persons.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(
            persons,
            ["Ân Thị C", "Đỗ Văn B", "Nguyễn Hữu Hiệp", "Nguyễn Văn A"]
        );
        let outlets: Vec<&str> = r.facets.outlets.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(outlets, ["Kinhtedothi", "VOH"]);
        assert_eq!(p.catalog.topic_label("covid-19", Lang::En), "Covid-19");
        assert_eq!(p.catalog.topic_label("nope", Lang::Vi), "nope");
    }

    #[test]
    fn search_and_filters_combine_and_counts_follow_the_search() {
        let p = Prepared::new(&corpus());
        let r = p.run(&state("q=dan+van+kheo"));
        assert!(r.searched);
        assert_eq!(r.rows, [0, 1]);
        assert_eq!(r.hits.iter().map(|h| h.report).collect::<Vec<_>>(), r.rows);
        assert_eq!(count(&r.facets.cities, City::Hcmc), Some((1, false)));
        assert_eq!(count(&r.facets.cities, City::National), Some((0, false)));
        let r = p.run(&state("q=tphcm&city=hcmc&year=2024"));
        assert_eq!(r.rows, [1, 2]);
        assert_eq!(r.matched, 2);
        let r = p.run(&state("q=công+tác&city=national"));
        assert_eq!(r.rows, [3]);
        assert_eq!(r.matched, 2);
        assert_eq!(count(&r.facets.cities, City::Hcmc), Some((1, false)));
    }

    #[test]
    fn check_names_values_missing_from_the_corpus() {
        let p = Prepared::new(&corpus());
        let s = state("topic=dan-van-kheo,xyz&outlet=VTV&person=Đỗ+Văn+B&doc=r-9&doc_a=r-1");
        let n = p.catalog.check(&s);
        let keys: Vec<(&str, &str)> = n
            .iter()
            .map(|n| (n.key.as_str(), n.value.as_str()))
            .collect();
        assert_eq!(keys, [("topic", "xyz"), ("outlet", "VTV"), ("doc", "r-9")]);
        assert!(n.iter().all(|n| n.reason == Reason::NotInCorpus));
        let n = p.catalog.check(&state("view=read&doc=r-4&p=1"));
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].key, "p");
        assert!(p.catalog.check(&state("view=read&doc=r-4&p=0")).is_empty());
        assert_eq!(p.catalog.find("r-3"), Some(3));
    }
}
