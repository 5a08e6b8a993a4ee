//! The figures table: one row per stated figure, with the sentence it stands in, sortable by any
//! column, exportable as CSV or JSON, and summarised into the numbers a chart needs.
//!
//! Everything takes the bundle and the indices of the reports the current filters keep, so the
//! table always shows exactly the filtered reports. Units are compared by their toned phrase
//! ([`unit_key`]), so "Mô hình" and "mô hình", or "tổ dân vận" in either tone placement, are one
//! unit. Nothing here formats HTML: the app renders every string as text.

use crate::core::decimal;
use crate::core::fnv::FnvMap;
use crate::core::model::{Bundle, City, Figure, Qualifier, Report};
use crate::core::sort;
use crate::core::sorted_map::SortedMap;
use crate::core::text;
use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// The matching key of a unit: its toned phrase ("Mô hình" → "mô hình"). Units made only of
/// symbols ("%") have an empty toned phrase, so they keep their trimmed, lower-cased text.
pub fn unit_key(unit: &str) -> String {
    let key = text::toned_phrase(unit);
    if key.is_empty() {
        crate::core::unicode::to_lowercase(unit.trim())
    } else {
        key
    }
}

/// The comparison key of a period: the numbers it names ("năm 2023" and "trong năm 2023" both
/// give "2023", "quý 2/2024" gives "2 2024"), or its toned phrase when it names none.
pub fn period_key(period: &str) -> String {
    let numbers: Vec<String> = text::tokenize(period)
        .into_iter()
        .filter(|t| t.toned.chars().all(|c| c.is_ascii_digit()))
        .map(|t| t.toned)
        .collect();
    if numbers.is_empty() {
        text::toned_phrase(period)
    } else {
        numbers.join(" ")
    }
}

/// The first plausible year (1900–2100) a period names, for sorting periods in time order.
fn period_year(period: &str) -> Option<i32> {
    text::tokenize(period)
        .iter()
        .filter(|t| t.toned.len() == 4)
        .filter_map(|t| t.toned.parse::<i32>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// The most frequent of several surface forms; ties go to the form with fewer capitals ("Mô
/// hình" over "MÔ HÌNH"), then to the first in Vietnamese order, so the choice does not depend
/// on the order reports were read in.
pub(crate) fn most_frequent_form(forms: &SortedMap<String, usize>) -> String {
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    let better = |a: (&String, usize), b: (&String, usize)| {
        b.1.cmp(&a.1)
            .then_with(|| capitals(a.0).cmp(&capitals(b.0)))
            .then_with(|| text::collate(a.0, b.0))
    };
    forms
        .iter()
        .map(|(f, &c)| (f, c))
        .min_by(|a, b| better(*a, *b))
        .map(|(f, _)| f.clone())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

/// Characters that may close a sentence after its final punctuation mark.
const CLOSERS: [char; 7] = ['"', '”', '’', '\'', ')', ']', '»'];

/// Whether the char at `i` ends a sentence, and if so where the sentence stops (after closing
/// quotes or brackets): one of `. ! ? ; …` followed by white space or the end of the text.
/// A "." inside a number ("13.663") or a name ("TP.HCM") is followed by a letter or digit, so it
/// is no boundary. Neither is the "." of a short upper-case abbreviation followed by a name
/// ("TP. Hồ Chí Minh", "PGS. TS. Nguyễn …"): two capitalised words must follow it, which tells
/// it from "… hệ thống chính trị TP. Chỉ đạo hệ thống …", where "TP" ends a sentence.
fn ends_sentence(chars: &[char], i: usize) -> Option<usize> {
    let c = chars[i];
    if !matches!(c, '.' | '!' | '?' | ';' | '…') {
        return None;
    }
    let mut j = i + 1;
    while j < chars.len() && CLOSERS.contains(&chars[j]) {
        j += 1;
    }
    if j < chars.len() && !chars[j].is_whitespace() {
        return None;
    }
    if c == '.' && j == i + 1 && after_abbreviation(chars, i) && names_follow(chars, j) {
        return None;
    }
    Some(j)
}

/// Whether the "." at `i` closes a word of one to three capitals ("TP", "Q", "PGS").
fn after_abbreviation(chars: &[char], i: usize) -> bool {
    let mut k = i;
    while k > 0 && chars[k - 1].is_alphabetic() {
        k -= 1;
    }
    let word = &chars[k..i];
    let starts_word = k == 0 || !chars[k - 1].is_alphanumeric();
    starts_word && (1..=3).contains(&word.len()) && word.iter().all(|c| c.is_uppercase())
}

/// Whether the two words after position `j` both start with a capital letter.
fn names_follow(chars: &[char], mut j: usize) -> bool {
    for _ in 0..2 {
        while j < chars.len() && !chars[j].is_alphanumeric() {
            if !chars[j].is_whitespace() && chars[j] != '.' {
                return false;
            }
            j += 1;
        }
        if j >= chars.len() || !chars[j].is_uppercase() {
            return false;
        }
        while j < chars.len() && chars[j].is_alphanumeric() {
            j += 1;
        }
    }
    true
}

/// The sentence of `text` that contains the chars `start..end`, as a char range: from just after
/// the previous sentence end (leading white space skipped) to just after the next one (its
/// punctuation and closing quotes included). Out-of-range offsets are clamped, never a panic.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let start = start.min(n);
    let end = end.clamp(start, n);
    let mut s0 = 0;
    let mut s1 = n;
    for i in 0..n {
        if let Some(after) = ends_sentence(&chars, i) {
            if after <= start && i < start {
                s0 = after;
            } else if i >= end {
                s1 = after;
                break;
            }
        }
    }
    while s0 < start && chars[s0].is_whitespace() {
        s0 += 1;
    }
    while s1 > end && chars[s1 - 1].is_whitespace() {
        s1 -= 1;
    }
    (s0, s1)
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/// One line of the figures table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    /// Index of the report in `bundle.reports`.
    pub report: usize,
    /// Index of the figure in that report's `figures`.
    pub figure: usize,
    pub value: f64,
    /// The whole, for "42/120"-style figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<f64>,
    /// The unit as the report wrote it.
    pub unit: String,
    pub qualifier: Option<Qualifier>,
    pub period: Option<String>,
    pub city: City,
    pub report_id: String,
    /// The report's title, or its file name when it has none.
    pub title: String,
    pub date: Option<String>,
    /// The figure exactly as written ("13.663").
    pub text: String,
    /// The sentence containing the figure.
    pub sentence: String,
    /// The figure's char range inside `sentence` (end exclusive), for highlighting.
    pub highlight: (usize, usize),
}

/// The row of figure `figure` of report `report`, or `None` when either index is out of range.
pub fn row(bundle: &Bundle, report: usize, figure: usize) -> Option<FigureRow> {
    let r = bundle.reports.get(report)?;
    let f = r.figures.get(figure)?;
    let (sentence, highlight) = match sentence_in(r, f) {
        Some((sentence, s0)) => {
            let sentence = sentence.to_owned();
            let len = sentence.chars().count();
            let h0 = f.start.saturating_sub(s0).min(len);
            let h1 = f.end.saturating_sub(s0).clamp(h0, len);
            (sentence, (h0, h1))
        }
        // A figure always points into its report; if a hand-edited bundle breaks that, show
        // the figure's own text rather than nothing.
        None => (f.text.clone(), (0, f.text.chars().count())),
    };
    Some(FigureRow {
        report,
        figure,
        value: f.value,
        of: f.of,
        unit: f.unit.clone(),
        qualifier: f.qualifier,
        period: f.period.clone(),
        city: r.city,
        report_id: r.id.clone(),
        title: report_title(r).to_owned(),
        date: r.date.clone(),
        text: f.text.clone(),
        sentence,
        highlight,
    })
}

/// The sentence of its paragraph that figure `f` of `r` stands in, with the char offset where
/// it starts; `None` when the paragraph is missing.
fn sentence_in<'b>(r: &'b Report, f: &Figure) -> Option<(&'b str, usize)> {
    let p = r.paragraphs.get(f.paragraph)?;
    let (s0, s1) = sentence_around(&p.text, f.start, f.end);
    Some((text::char_slice(&p.text, s0, s1), s0))
}

/// The sentence a figure's row shows ([`row`]), without building the row.
pub fn figure_sentence(bundle: &Bundle, f: FigureRef) -> Option<&str> {
    let r = bundle.reports.get(f.report)?;
    let fig = r.figures.get(f.figure)?;
    Some(sentence_in(r, fig).map_or(fig.text.as_str(), |(s, _)| s))
}

fn report_title(r: &Report) -> &str {
    r.title.as_deref().unwrap_or(&r.file)
}

/// A figure of the bundle: `bundle.reports[report].figures[figure]`. The figures table is a
/// list of these (cheap to filter and sort at corpus scale); a [`FigureRow`], with its
/// sentence, is built only for the rows a view displays or exports ([`rows_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FigureRef {
    pub report: usize,
    pub figure: usize,
}

/// Whether a figure's unit matches `wanted` (a [`unit_key`]), remembering the answer per
/// written unit: a corpus writes a few dozen units over tens of thousands of figures.
struct UnitFilter<'b> {
    wanted: Option<String>,
    /// 1 for a unit that matches, 0 for one that does not (`u32`: a map type the wasm has).
    seen: FnvMap<&'b str, u32>,
}

impl<'b> UnitFilter<'b> {
    fn new(unit: Option<&str>) -> Self {
        UnitFilter {
            wanted: unit.map(unit_key),
            seen: FnvMap::default(),
        }
    }

    fn keeps(&mut self, unit: &'b str) -> bool {
        let Some(wanted) = self.wanted.as_deref() else {
            return true;
        };
        *self
            .seen
            .entry(unit)
            .or_insert_with(|| u32::from(unit_key(unit) == wanted))
            == 1
    }
}

/// Every figure of the given reports, in report then figure order, keeping only the figures of
/// `unit` (compared by [`unit_key`]) when one is given: the rows of [`rows`] without building
/// them.
pub fn figure_refs(bundle: &Bundle, reports: &[usize], unit: Option<&str>) -> Vec<FigureRef> {
    let mut filter = UnitFilter::new(unit);
    let mut out = Vec::new();
    for &ri in reports {
        let Some(r) = bundle.reports.get(ri) else {
            continue;
        };
        for (fi, f) in r.figures.iter().enumerate() {
            if filter.keeps(&f.unit) {
                out.push(FigureRef {
                    report: ri,
                    figure: fi,
                });
            }
        }
    }
    out
}

/// The rows of `refs`, in their order (refs out of range are skipped).
pub fn rows_of(bundle: &Bundle, refs: &[FigureRef]) -> Vec<FigureRow> {
    refs.iter()
        .filter_map(|f| row(bundle, f.report, f.figure))
        .collect()
}

/// The rows of every figure of the given reports, in report then figure order, keeping only the
/// figures of `unit` (compared by [`unit_key`]) when one is given.
pub fn rows(bundle: &Bundle, reports: &[usize], unit: Option<&str>) -> Vec<FigureRow> {
    rows_of(bundle, &figure_refs(bundle, reports, unit))
}

/// The units of the given reports' figures with how many figures each has: most figures first,
/// then in Vietnamese order. Each unit is shown in its most frequent written form.
pub fn units(bundle: &Bundle, reports: &[usize]) -> Vec<(String, usize)> {
    // Counted per written unit first (a few dozen), then grouped by key. (`u32` counts: the
    // map type the catalog and compare use already.)
    let mut written: FnvMap<&str, u32> = FnvMap::default();
    for &ri in reports {
        let Some(r) = bundle.reports.get(ri) else {
            continue;
        };
        for f in &r.figures {
            *written.entry(f.unit.as_str()).or_default() += 1;
        }
    }
    let mut groups: SortedMap<String, SortedMap<String, usize>> = SortedMap::new();
    for (unit, n) in written {
        *groups
            .entry(unit_key(unit))
            .or_default()
            .entry(unit.to_owned())
            .or_default() += n as usize;
    }
    let mut out: Vec<(String, usize)> = groups
        .values()
        .map(|forms| (most_frequent_form(forms), forms.values().sum()))
        .collect();
    sort::sort_by(&mut out, |a, b| {
        b.1.cmp(&a.1).then_with(|| text::collate(&a.0, &b.0))
    });
    out
}

// ---------------------------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------------------------

/// A column of the figures table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Value,
    Unit,
    Qualifier,
    Period,
    City,
    Report,
    Date,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Value,
        Column::Unit,
        Column::Qualifier,
        Column::Period,
        Column::City,
        Column::Report,
        Column::Date,
    ];

    /// The column's name in the URL's `sort=` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Value => "value",
            Column::Unit => "unit",
            Column::Qualifier => "qualifier",
            Column::Period => "period",
            Column::City => "city",
            Column::Report => "report",
            Column::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How the table is sorted: written `value` (ascending) or `-value` (descending) in the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SortKey {
    pub column: Column,
    pub descending: bool,
}

impl SortKey {
    /// Parses `value`, `-date`, …; anything else is `None` (the caller falls back to the default
    /// order and reports the bad value).
    pub fn parse(s: &str) -> Option<SortKey> {
        let s = s.trim();
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        Column::parse(name).map(|column| SortKey { column, descending })
    }
}

impl fmt::Display for SortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.descending {
            f.write_str("-")?;
        }
        f.write_str(self.column.as_str())
    }
}

fn qualifier_str(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Approx => "approx",
        Qualifier::Over => "over",
        Qualifier::Under => "under",
    }
}

/// The columns of one table row that sorting reads, borrowed from a [`FigureRow`] or straight
/// from the bundle.
struct Fields<'a> {
    value: f64,
    unit: &'a str,
    qualifier: Option<Qualifier>,
    period: Option<&'a str>,
    city: City,
    title: &'a str,
    report_id: &'a str,
    date: Option<&'a str>,
}

impl<'a> Fields<'a> {
    fn of_row(r: &'a FigureRow) -> Self {
        Fields {
            value: r.value,
            unit: &r.unit,
            qualifier: r.qualifier,
            period: r.period.as_deref(),
            city: r.city,
            title: &r.title,
            report_id: &r.report_id,
            date: r.date.as_deref(),
        }
    }

    fn of_ref(bundle: &'a Bundle, f: FigureRef) -> Option<Self> {
        let r = bundle.reports.get(f.report)?;
        let fig = r.figures.get(f.figure)?;
        Some(Fields {
            value: fig.value,
            unit: &fig.unit,
            qualifier: fig.qualifier,
            period: fig.period.as_deref(),
            city: r.city,
            title: report_title(r),
            report_id: &r.id,
            date: r.date.as_deref(),
        })
    }

    /// The sort key of `column`, `None` when the row has no value there. Text is keyed once
    /// per row ([`text::vi_sort_key`]), not once per comparison as [`text::collate`] would.
    fn key(&self, column: Column) -> Option<Cell<'a>> {
        let text = |rank, s: &'a str, tie| Cell::Text(rank, text::vi_sort_key(s), s, tie);
        match column {
            Column::Value => self.value.is_finite().then_some(Cell::Num(self.value)),
            Column::Unit => {
                if self.unit.trim().is_empty() {
                    return None;
                }
                // One unit in several spellings ("Ấp", "ấp") is one value: ties keep their order.
                let key = unit_key(self.unit);
                Some(Cell::Owned(text::vi_sort_key(&key), key))
            }
            Column::Qualifier => self.qualifier.map(|q| Cell::Plain(qualifier_str(q))),
            // Periods naming a year come first, in time order; then the rest alphabetically.
            Column::Period => match self.period {
                Some(p) if !p.trim().is_empty() => {
                    let year = period_year(p);
                    Some(text((year.is_none(), year), p, ""))
                }
                _ => None,
            },
            Column::City => Some(Cell::City(self.city)),
            Column::Report => Some(text((false, None), self.title, self.report_id)),
            // ISO dates of different precision ("2024", "2024-01", "2024-01-13") sort
            // correctly as plain strings.
            Column::Date => match self.date {
                Some(d) if !d.trim().is_empty() => Some(Cell::Plain(d)),
                _ => None,
            },
        }
    }
}

/// A sort key of one cell.
#[derive(Clone)]
enum Cell<'a> {
    Num(f64),
    Plain(&'a str),
    City(City),
    /// (a rank before the text: periods with a year first, by year), the text's Vietnamese
    /// key, the text itself, a tie-breaker.
    Text((bool, Option<i32>), Collation, &'a str, &'a str),
    Owned(Collation, String),
}

type Collation = (Vec<u32>, Vec<u8>);

impl Cell<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Cell::Num(a), Cell::Num(b)) => a.total_cmp(b),
            (Cell::Plain(a), Cell::Plain(b)) => a.cmp(b),
            (Cell::City(a), Cell::City(b)) => a.cmp(b),
            (Cell::Text(ra, ka, a, ta), Cell::Text(rb, kb, b, tb)) => ra
                .cmp(rb)
                .then_with(|| ka.cmp(kb))
                .then_with(|| a.cmp(b))
                .then_with(|| ta.cmp(tb)),
            (Cell::Owned(ka, a), Cell::Owned(kb, b)) => ka.cmp(kb).then_with(|| a.cmp(b)),
            _ => Ordering::Equal,
        }
    }
}

/// The order that sorts `items` by the column `key` names (`order[k]` is the place of the k-th
/// item), each item's cell keyed once: stable, and items missing the value come last in both
/// directions.
fn sorted_order<'a, T>(
    items: &'a [T],
    key: SortKey,
    fields: impl Fn(&'a T) -> Option<Fields<'a>>,
) -> Vec<usize> {
    // A unit's or a period's key depends on its text alone, and a table of thousands of
    // figures names a few dozen of each: each is keyed once.
    // (Text → number of its cell in `cells`: a map type the wasm has, not one of its own.)
    let mut known: FnvMap<&'a str, u32> = FnvMap::default();
    let mut cells: Vec<Option<Cell<'a>>> = Vec::new();
    let mut keyed: Vec<(Option<Cell<'a>>, usize)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let cell = match fields(item) {
            Some(f) if matches!(key.column, Column::Unit | Column::Period) => {
                let text = match key.column {
                    Column::Unit => f.unit,
                    _ => f.period.unwrap_or(""),
                };
                let at = *known.entry(text).or_insert_with(|| {
                    cells.push(f.key(key.column));
                    (cells.len() - 1) as u32
                });
                cells[at as usize].clone()
            }
            f => f.and_then(|f| f.key(key.column)),
        };
        keyed.push((cell, i));
    }
    sort::sort_by(&mut keyed, |(a, _), (b, _)| match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let o = a.cmp(b);
            if key.descending {
                o.reverse()
            } else {
                o
            }
        }
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Puts `items` in the order `order` gives (`order[k]` is the old place of the new k-th item),
/// by following the permutation's cycles with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// Sorts rows by one column: numbers numerically, text in Vietnamese order, dates in time
/// order. The sort is stable, and rows missing the value come last in both directions.
pub fn sort_rows(rows: &mut [FigureRow], key: SortKey) {
    let order = sorted_order(rows, key, |r| Some(Fields::of_row(r)));
    permute(rows, order);
}

/// Sorts figures exactly as [`sort_rows`] sorts their rows, without building the rows.
/// Refs out of range count as missing the value.
pub fn sort_refs(bundle: &Bundle, refs: &mut [FigureRef], key: SortKey) {
    let order = sorted_order(refs, key, |f| Fields::of_ref(bundle, *f));
    permute(refs, order);
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// Formats a number the Vietnamese way: "." groups thousands, "," marks decimals
/// (13663 → "13.663", 2.5 → "2,5"). At most six decimals are shown and trailing zeros dropped,
/// so arithmetic noise never shows ("0,1", not "0,1000000001").
pub fn format_vi(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let fixed = decimal::fixed(v.abs(), 6);
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 3 + 1);
    // A value that rounds to zero has no sign: "-0" would be noise too.
    if v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty()) {
        out.push('-');
    }
    let digits = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A number for machine-readable output: "." as the decimal mark, no grouping, no exponent,
/// and the shortest digits that read back as the same `f64` (13663 → "13663", 2.5 → "2.5").
/// Not-a-number and infinities, which a figure never holds, are written as an empty field.
pub fn plain_number(v: f64) -> String {
    if !v.is_finite() {
        String::new()
    } else if v == 0.0 {
        "0".into()
    } else {
        decimal::shortest(v)
    }
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/// Appends one CSV field (RFC 4180). Text fields that a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'`, the usual
/// defence against CSV formula injection; numbers we write ourselves are never prefixed.
fn push_field(out: &mut String, field: &str, is_text: bool) {
    let neutralise = is_text && field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote =
        field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
    if quote {
        out.push('"');
    }
    if neutralise {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// Appends one CSV record: `fields` as (text, is_text), then CRLF.
fn push_record(out: &mut String, fields: &[(&str, bool)]) {
    for (i, (field, is_text)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field, *is_text);
    }
    out.push_str("\r\n");
}

/// Starts a CSV document: the UTF-8 byte-order mark (so Excel reads Vietnamese correctly) and
/// the header record.
fn csv_start(header: &[&str]) -> String {
    let mut out = String::from("\u{feff}");
    let fields: Vec<(&str, bool)> = header.iter().map(|h| (*h, true)).collect();
    push_record(&mut out, &fields);
    out
}

/// The figures table as CSV: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting.
///
/// Columns: `value, of, unit, qualifier, period, city, report_id, title, date, sentence`.
/// `value` and `of` are machine-readable numbers ("13663", "2.5": "." decimal mark, no
/// grouping), not the Vietnamese display form, so spreadsheets and scripts read them as numbers
/// in any locale; `of` is empty unless the figure is "x out of y". `qualifier` is `approx`,
/// `over`, `under` or empty (exact); `city` is the bundle's city value (`hanoi`, `hcmc`, …).
pub fn to_csv(rows: &[FigureRow]) -> String {
    let mut out = csv_start(&[
        "value",
        "of",
        "unit",
        "qualifier",
        "period",
        "city",
        "report_id",
        "title",
        "date",
        "sentence",
    ]);
    for r in rows {
        let value = plain_number(r.value);
        let of = r.of.map(plain_number).unwrap_or_default();
        push_record(
            &mut out,
            &[
                (&value, false),
                (&of, false),
                (&r.unit, true),
                (r.qualifier.map(qualifier_str).unwrap_or(""), true),
                (r.period.as_deref().unwrap_or(""), true),
                (r.city.as_str(), true),
                (&r.report_id, true),
                (&r.title, true),
                (r.date.as_deref().unwrap_or(""), true),
                (&r.sentence, true),
            ],
        );
    }
    out
}

/// The figures table as a JSON array of [`FigureRow`] objects (numbers as JSON numbers;
/// `report`/`figure` are indices into the bundle the rows came from; `highlight` is `[start, end]`
/// in chars of `sentence`; `of` only for "x out of y" figures).
pub fn to_json(rows: &[FigureRow]) -> String {
    serde_json::to_string(rows).unwrap_or_else(|_| "[]".into())
}

/// The report list as CSV (same conventions as [`to_csv`]). Columns:
/// `id, file, title, date, city, outlet, authors, figures`; `title` is empty when the report has
/// none, `authors` are joined by "; ", `figures` is the number of figures found in the report.
pub fn reports_to_csv(bundle: &Bundle, reports: &[usize]) -> String {
    let mut out = csv_start(&[
        "id", "file", "title", "date", "city", "outlet", "authors", "figures",
    ]);
    for &ri in reports {
        let Some(r) = bundle.reports.get(ri) else {
            continue;
        };
        let authors = r.authors.join("; ");
        let figures = r.figures.len().to_string();
        push_record(
            &mut out,
            &[
                (&r.id, true),
                (&r.file, true),
                (r.title.as_deref().unwrap_or(""), true),
                (r.date.as_deref().unwrap_or(""), true),
                (r.city.as_str(), true),
                (r.outlet.as_deref().unwrap_or(""), true),
                (&authors, true),
                (&figures, false),
            ],
        );
    }
    out
}

/// What an export file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    FiguresCsv,
    FiguresJson,
    ReportsCsv,
}

/// An ASCII slug: diacritics folded ("Mô hình" → "mo-hinh"), anything but letters and digits
/// turned into single hyphens.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in text::folded_key(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The longest slug a file name carries, so file systems never reject it.
const MAX_SLUG: usize = 80;

/// The download name of an export, describing the filter it was made with:
/// `export_file_name(ExportKind::FiguresCsv, &["hanoi", "2021-2024", "Mô hình"])` is
/// `danvan-figures-hanoi-2021-2024-mo-hinh.csv`. Empty parts are skipped; the description is
/// cut at a hyphen when it grows too long.
pub fn export_file_name(kind: ExportKind, filter: &[&str]) -> String {
    let (what, ext) = match kind {
        ExportKind::FiguresCsv => ("figures", "csv"),
        ExportKind::FiguresJson => ("figures", "json"),
        ExportKind::ReportsCsv => ("reports", "csv"),
    };
    let mut desc = String::new();
    for part in filter {
        let s = slug(part);
        if s.is_empty() {
            continue;
        }
        if !desc.is_empty() {
            desc.push('-');
        }
        desc.push_str(&s);
    }
    if desc.len() > MAX_SLUG {
        let cut = desc[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        desc.truncate(cut);
    }
    if desc.is_empty() {
        format!("danvan-{what}.{ext}")
    } else {
        format!("danvan-{what}-{desc}.{ext}")
    }
}

// ---------------------------------------------------------------------------------------------
// Chart data
// ---------------------------------------------------------------------------------------------

/// The bars of a chart of figures (meant to be of one unit): one group per city that has
/// figures, in the bundle's city order, each city's figures by period (periods with a year
/// first, in time order; no period last), then by value. Figures are never summed, since two
/// reports' figures for one period may count the same things. Refs, not rows: a chart of
/// thousands of figures builds rows only for the bars it draws, and each bar links to its
/// source paragraph through its row.
pub fn refs_by_city_period(bundle: &Bundle, refs: &[FigureRef]) -> Vec<(City, Vec<FigureRef>)> {
    let mut out = Vec::new();
    for city in City::ALL {
        let mut of_city: Vec<FigureRef> = refs
            .iter()
            .filter(|f| bundle.reports.get(f.report).is_some_and(|r| r.city == city))
            .copied()
            .collect();
        if of_city.is_empty() {
            continue;
        }
        for column in [Column::Value, Column::Period] {
            sort_refs(
                bundle,
                &mut of_city,
                SortKey {
                    column,
                    descending: false,
                },
            );
        }
        out.push((city, of_city));
    }
    out
}

/// Reports per year and city (counts in [`City::ALL`] order), for every year from the earliest
/// to the latest dated report, gaps included as zeros so the time axis is continuous.
/// Undated reports are left out.
pub fn reports_per_city_year(bundle: &Bundle, reports: &[usize]) -> Vec<(i32, [usize; 4])> {
    // (year, city column) per dated report; the counts then go straight into the continuous
    // year list (a `BTreeMap` by year would add a map type to the wasm for nothing).
    let dated: Vec<(i32, usize)> = reports
        .iter()
        .filter_map(|&ri| bundle.reports.get(ri))
        .filter_map(|r| {
            let col = City::ALL.iter().position(|c| *c == r.city).unwrap_or(3);
            Some((r.year()?, col))
        })
        .collect();
    let years = dated.iter().map(|&(y, _)| y);
    let (Some(first), Some(last)) = (years.clone().min(), years.max()) else {
        return Vec::new();
    };
    let mut out: Vec<(i32, [usize; 4])> = (first..=last).map(|y| (y, [0; 4])).collect();
    for (year, col) in dated {
        out[year.abs_diff(first) as usize].1[col] += 1;
    }
    out
}

/// A value axis from 0 for data up to `max`: the top tick and the step between ticks, both
/// "nice" (1, 2 or 5 times a power of ten, chosen by rounding as in Heckbert's "Nice numbers
/// for graph labels"), giving 3 to 8 intervals. 13 663 → (14 000, 2 000); 98,5 → (100, 20).
/// A non-positive or non-finite `max` gives the axis of 1. For counts, see [`nice_count_scale`].
pub fn nice_scale(max: f64) -> (f64, f64) {
    if !(max.is_finite() && max > 0.0) {
        return nice_scale(1.0);
    }
    let raw = max / 5.0;
    let exp = raw.log10().floor() as i32;
    let normalised = raw / 10f64.powi(exp);
    let (nice, exp) = if normalised < 1.5 {
        (1.0, exp)
    } else if normalised < 3.0 {
        (2.0, exp)
    } else if normalised < 7.0 {
        (5.0, exp)
    } else {
        (1.0, exp + 1)
    };
    // Scaling by a power of ten last (dividing for negative powers) keeps 0.2 from becoming
    // 0.20000000000000001.
    let scale = |x: f64| {
        if exp >= 0 {
            x * 10f64.powi(exp)
        } else {
            x / 10f64.powi(-exp)
        }
    };
    let step = scale(nice);
    let ticks = (max / step - 1e-9).ceil().max(1.0);
    (scale(ticks * nice), step)
}

/// [`nice_scale`] for whole counts (reports per year): the step is at least 1, so no tick
/// falls between two whole numbers. 0 gives (1, 1).
pub fn nice_count_scale(max: usize) -> (usize, usize) {
    let (_, step) = nice_scale(max.max(1) as f64);
    let step = (step.round() as usize).max(1);
    let top = max.max(1).div_ceil(step) * step;
    (top, step)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::model::{Figure, Label, Paragraph, ParagraphKind, Topic, SCHEMA_VERSION};

    /// Builds a report for tests: paragraphs by kind and text, figures located by their text.
    pub(crate) struct R(pub Report);

    impl R {
        pub fn new(id: &str, city: City, date: Option<&str>) -> R {
            R(Report {
                id: id.into(),
                file: format!("{id}.txt"),
                title: None,
                date: date.map(Into::into),
                city,
                outlet: None,
                authors: vec![],
                provenance: Default::default(),
                notes: vec![],
                paragraphs: vec![],
                figures: vec![],
                people: vec![],
            })
        }
        pub fn title(mut self, t: &str) -> R {
            self.0.title = Some(t.into());
            self
        }
        pub fn outlet(mut self, o: &str) -> R {
            self.0.outlet = Some(o.into());
            self
        }
        pub fn p(mut self, kind: ParagraphKind, text: &str) -> R {
            let line = self.0.paragraphs.len() as u32 + 1;
            self.0.paragraphs.push(Paragraph {
                kind,
                text: text.into(),
                line,
                topics: vec![],
            });
            self
        }
        pub fn topics(mut self, ids: &[&str]) -> R {
            let p = self.0.paragraphs.last_mut().expect("a paragraph first");
            p.topics = ids.iter().map(|s| s.to_string()).collect();
            self
        }
        /// A figure of the last paragraph, at the first occurrence of `written`.
        pub fn f(
            mut self,
            written: &str,
            value: f64,
            unit: &str,
            qualifier: Option<Qualifier>,
            period: Option<&str>,
        ) -> R {
            let paragraph = self.0.paragraphs.len() - 1;
            let text = &self.0.paragraphs[paragraph].text;
            let byte = text.find(written).expect("figure text in paragraph");
            let start = text[..byte].chars().count();
            let end = start + written.chars().count();
            self.0.figures.push(Figure {
                value,
                unit: unit.into(),
                qualifier,
                period: period.map(Into::into),
                paragraph,
                start,
                end,
                text: written.into(),
                of: None,
            });
            self
        }
        pub fn of(mut self, whole: f64) -> R {
            self.0.figures.last_mut().expect("a figure first").of = Some(whole);
            self
        }
    }

    pub(crate) fn bundle(reports: Vec<R>) -> Bundle {
        let topic = |id: &str, vi: &str| Topic {
            id: id.into(),
            label: Label {
                vi: vi.into(),
                en: id.into(),
            },
        };
        Bundle {
            schema_version: SCHEMA_VERSION,
            generator: "danvan test".into(),
            topics: vec![
                topic("dan-van-kheo", "Dân vận khéo"),
                topic("covid-19", "Phòng, chống dịch Covid-19"),
            ],
            aliases: vec![],
            reports: reports.into_iter().map(|r| r.0).collect(),
        }
    }

    use ParagraphKind::Body;

    fn sample() -> Bundle {
        bundle(vec![
            sample_r(),
            R::new("r-hcm", City::Hcmc, None)
                .p(
                    Body,
                    "TP. Hồ Chí Minh có 13.663 mô hình. Có 42/120 phường đạt chuẩn!",
                )
                .f("13.663", 13663.0, "mô hình", None, Some("năm 2023"))
                .f("42/120", 42.0, "phường", None, None)
                .of(120.0),
        ])
    }

    #[test]
    fn sentences_cut_at_punctuation_not_inside_numbers_or_abbreviations() {
        let t = "Năm 2023, toàn thành phố có 13.663 mô hình “Dân vận khéo.” Trong đó, TP. Hồ Chí Minh có hơn 2.500 mô hình! Còn lại; chưa rõ?";
        let find = |s: &str| {
            let b = t.find(s).unwrap();
            let start = t[..b].chars().count();
            (start, start + s.chars().count())
        };
        let (a, b) = find("13.663");
        let (s0, s1) = sentence_around(t, a, b);
        assert_eq!(
            text::char_slice(t, s0, s1),
            "Năm 2023, toàn thành phố có 13.663 mô hình “Dân vận khéo.”"
        );
        let (a, b) = find("2.500");
        let (s0, s1) = sentence_around(t, a, b);
        assert_eq!(
            text::char_slice(t, s0, s1),
            "Trong đó, TP. Hồ Chí Minh có hơn 2.500 mô hình!"
        );
        let (a, b) = find("chưa");
        let (s0, s1) = sentence_around(t, a, b);
        assert_eq!(text::char_slice(t, s0, s1), "chưa rõ?");
        // "TP" ends a sentence when no name follows it.
        let t2 = "Chỉ đạo toàn hệ thống chính trị TP. Có gần 5.000 tổ dân vận.";
        let (s0, s1) = sentence_around(t2, 43, 48);
        assert_eq!(text::char_slice(t2, 43, 48), "5.000");
        assert_eq!(text::char_slice(t2, s0, s1), "Có gần 5.000 tổ dân vận.");
        // Out-of-range offsets are clamped rather than panicking.
        assert_eq!(sentence_around("Một câu.", 50, 60), (8, 8));
        assert_eq!(sentence_around("", 0, 0), (0, 0));
    }

    #[test]
    fn rows_carry_the_sentence_and_the_highlight_inside_it() {
        let b = sample();
        let all = rows(&b, &[0, 1], None);
        assert_eq!(all.len(), 5);
        for r in &all {
            assert_eq!(
                text::char_slice(&r.sentence, r.highlight.0, r.highlight.1),
                r.text
            );
        }
        let mh = &all[1];
        assert_eq!(
            mh.sentence,
            "Năm 2023, Hà Nội có 1.250 mô hình “Dân vận khéo”;"
        );
        assert_eq!(mh.highlight, (20, 25));
        assert_eq!(mh.title, "Phát huy sức mạnh đại đoàn kết");
        let pct = &all[2];
        assert_eq!(pct.sentence, "đạt 98,5% kế hoạch.");
        // No title: the file name stands in.
        assert_eq!(all[3].title, "r-hcm.txt");
        assert_eq!(all[4].sentence, "Có 42/120 phường đạt chuẩn!");
        assert_eq!(all[4].of, Some(120.0));
        assert!(row(&b, 0, 9).is_none());
        assert!(row(&b, 9, 0).is_none());
    }

    #[test]
    fn units_match_across_case_and_tone_placement() {
        let b = bundle(vec![
            sample_r(),
            R::new("r-2", City::Hcmc, None)
                .p(Body, "Có 12 Tổ hoà giải và 3 tổ hòa giải mới, 7 MÔ HÌNH.")
                .f("12", 12.0, "Tổ hoà giải", None, None)
                .f("3", 3.0, "tổ hòa giải", None, None)
                .f("7", 7.0, "MÔ HÌNH", None, None),
        ]);
        assert_eq!(rows(&b, &[0, 1], Some("tổ hoà giải")).len(), 2);
        assert_eq!(rows(&b, &[0, 1], Some("TỔ HÒA GIẢI")).len(), 2);
        let mh = rows(&b, &[0, 1], Some("mô hình"));
        assert_eq!(
            mh.iter().map(|r| r.value).collect::<Vec<_>>(),
            [1250.0, 7.0]
        );
        // The filter follows the report list it is given.
        assert_eq!(rows(&b, &[1], Some("mô hình")).len(), 1);
        assert_eq!(rows(&b, &[0, 1], Some("hộ")).len(), 0);
        let u = units(&b, &[0, 1]);
        assert_eq!(
            u,
            [
                ("Mô hình".to_string(), 2),
                // One each: the form with fewer capitals is shown.
                ("tổ hòa giải".to_string(), 2),
                ("%".to_string(), 1),
                ("tổ dân vận".to_string(), 1),
            ]
        );
        assert_eq!(unit_key("Tổ hoà giải"), unit_key("tổ hòa giải"));
        assert_eq!(unit_key(" % "), "%");
    }

    fn sample_r() -> R {
        R::new("r-hn", City::Hanoi, Some("2024-03"))
            .title("Phát huy sức mạnh đại đoàn kết")
            .p(
                Body,
                "Chỉ đạo hệ thống phát huy vai trò của gần 5.000 tổ dân vận ở thôn.",
            )
            .f(
                "gần 5.000",
                5000.0,
                "tổ dân vận",
                Some(Qualifier::Approx),
                None,
            )
            .p(
                Body,
                "Năm 2023, Hà Nội có 1.250 mô hình “Dân vận khéo”; đạt 98,5% kế hoạch.",
            )
            .f("1.250", 1250.0, "Mô hình", None, Some("năm 2023"))
            .f("98,5%", 98.5, "%", None, Some("năm 2023"))
    }

    /// Rows with every column varied, some values missing, for the sorting tests.
    fn table() -> Vec<FigureRow> {
        let mk = |n: usize,
                  value: f64,
                  unit: &str,
                  q: Option<Qualifier>,
                  period: Option<&str>,
                  city: City,
                  title: &str,
                  date: Option<&str>| FigureRow {
            report: n,
            figure: 0,
            value,
            of: None,
            unit: unit.into(),
            qualifier: q,
            period: period.map(Into::into),
            city,
            report_id: format!("r-{n}"),
            title: title.into(),
            date: date.map(Into::into),
            text: String::new(),
            sentence: String::new(),
            highlight: (0, 0),
        };
        vec![
            mk(
                0,
                13663.0,
                "mô hình",
                None,
                Some("năm 2023"),
                City::Hcmc,
                "Đổi mới",
                Some("2024"),
            ),
            mk(
                1,
                2.5,
                "Ấp",
                Some(Qualifier::Over),
                None,
                City::Hanoi,
                "An sinh",
                Some("2022-01-13"),
            ),
            mk(
                2,
                98.5,
                "",
                Some(Qualifier::Approx),
                Some("quý 2/2024"),
                City::National,
                "Bám dân",
                None,
            ),
            mk(
                3,
                200.0,
                "đảng viên",
                None,
                Some("giai đoạn 2020-2025"),
                City::Hanoi,
                "Dân vận",
                Some("2024-01"),
            ),
            mk(
                4,
                f64::NAN,
                "ấp",
                Some(Qualifier::Under),
                Some("nhiệm kỳ này"),
                City::Other,
                "Ăn ở",
                Some("2022"),
            ),
        ]
    }

    fn order(column: Column, descending: bool) -> Vec<usize> {
        let mut t = table();
        sort_rows(&mut t, SortKey { column, descending });
        t.iter().map(|r| r.report).collect()
    }

    #[test]
    fn sorting_by_each_column_puts_missing_values_last() {
        use Column::*;
        // Numbers numerically (2.5 < 98.5 < 200 < 13663), NaN counts as missing.
        assert_eq!(order(Value, false), [1, 2, 3, 0, 4]);
        assert_eq!(order(Value, true), [0, 3, 2, 1, 4]);
        // Vietnamese order: a < ă < â < … < đ; "Ấp" and "ấp" are one unit, kept in input order.
        assert_eq!(order(Unit, false), [1, 4, 3, 0, 2]);
        assert_eq!(order(Unit, true), [0, 3, 1, 4, 2]);
        assert_eq!(order(Qualifier, false), [2, 1, 4, 0, 3]);
        assert_eq!(order(Qualifier, true), [4, 1, 2, 0, 3]);
        // Periods in time order of their first year; no year after; none last.
        assert_eq!(order(Period, false), [3, 0, 2, 4, 1]);
        assert_eq!(order(Period, true), [4, 2, 0, 3, 1]);
        assert_eq!(order(City, false), [1, 3, 0, 2, 4]);
        assert_eq!(order(City, true), [4, 2, 0, 1, 3]);
        assert_eq!(order(Report, false), [1, 4, 2, 3, 0]);
        assert_eq!(order(Report, true), [0, 3, 2, 4, 1]);
        // A year alone sorts before the dates within it.
        assert_eq!(order(Date, false), [4, 1, 0, 3, 2]);
        assert_eq!(order(Date, true), [3, 0, 1, 4, 2]);
    }

    /// A bundle whose figures vary in every sorted column, with values missing, ties and
    /// equal titles, for checking that refs sort exactly as their rows.
    fn varied() -> Bundle {
        let p = "Năm 2023 có 5 ấp, 7 Ấp và 9 hộ; quý 2/2024 có 3 mô hình.";
        let figs = |r: R, k: usize| {
            let periods = [
                Some("năm 2023"),
                None,
                Some("quý 2/2024"),
                Some("nhiệm kỳ này"),
            ];
            let units = ["ấp", "Ấp", "hộ", "mô hình", ""];
            let qs = [None, Some(Qualifier::Over), Some(Qualifier::Approx), None];
            let mut r = r.p(Body, p);
            for (j, w) in ["5", "7", "9", "3"].into_iter().enumerate() {
                let value = if (k + j) % 7 == 6 {
                    f64::NAN
                } else {
                    ((k * 13 + j * 29) % 17) as f64
                };
                r = r.f(
                    w,
                    value,
                    units[(k + j) % units.len()],
                    qs[(k * 3 + j) % qs.len()],
                    periods[(k + 2 * j) % periods.len()],
                );
            }
            r
        };
        let titles = ["Đổi mới", "An sinh", "Ăn ở", "Đổi mới", "Bám dân"];
        let dates = [
            Some("2024"),
            Some("2022-01-13"),
            None,
            Some("2024-01"),
            Some("2022"),
        ];
        bundle(
            (0..10)
                .map(|k| {
                    let r = R::new(&format!("r-{}", 9 - k), City::ALL[k % 4], dates[k % 5]);
                    let r = if k % 3 == 2 {
                        r
                    } else {
                        r.title(titles[k % 5])
                    };
                    figs(r, k)
                })
                .collect(),
        )
    }

    /// Where each row comes from (rows holding NaN never compare equal).
    fn places(rows: &[FigureRow]) -> Vec<FigureRef> {
        rows.iter()
            .map(|r| FigureRef {
                report: r.report,
                figure: r.figure,
            })
            .collect()
    }

    #[test]
    fn refs_are_the_rows_and_sort_exactly_as_the_rows_do() {
        let b = varied();
        let all: Vec<usize> = (0..b.reports.len()).rev().collect();
        let refs = figure_refs(&b, &all, None);
        assert_eq!(refs.len(), 40);
        assert_eq!(places(&rows(&b, &all, None)), refs);
        assert_eq!(
            format!("{:?}", rows_of(&b, &refs)),
            format!("{:?}", rows(&b, &all, None))
        );
        let ap = figure_refs(&b, &all, Some("ẤP"));
        assert!(ap.len() > 4 && ap.len() < 40);
        assert_eq!(places(&rows(&b, &all, Some("ấp"))), ap);
        let key = unit_key("ấp");
        assert!(ap
            .iter()
            .all(|f| unit_key(&b.reports[f.report].figures[f.figure].unit) == key));
        for column in Column::ALL {
            for descending in [false, true] {
                let key = SortKey { column, descending };
                let mut by_rows = rows(&b, &all, None);
                sort_rows(&mut by_rows, key);
                let mut by_refs = refs.clone();
                sort_refs(&b, &mut by_refs, key);
                assert_eq!(by_refs, places(&by_rows), "{key}");
            }
        }
        // A reference out of range sorts last, like a missing value.
        let mut odd = vec![
            FigureRef {
                report: 99,
                figure: 0,
            },
            refs[0],
        ];
        sort_refs(&b, &mut odd, SortKey::parse("value").unwrap());
        assert_eq!(odd[1].report, 99);
        assert_eq!(rows_of(&b, &odd).len(), 1);
    }

    #[test]
    fn chart_groups_are_each_citys_rows_by_value_then_period() {
        let b = varied();
        let all: Vec<usize> = (0..b.reports.len()).collect();
        let groups = refs_by_city_period(&b, &figure_refs(&b, &all, None));
        // The same grouping by rows: each city's rows, two stable sorts.
        let rows = rows(&b, &all, None);
        let mut expected = Vec::new();
        for city in City::ALL {
            let mut of_city: Vec<FigureRow> =
                rows.iter().filter(|r| r.city == city).cloned().collect();
            if of_city.is_empty() {
                continue;
            }
            for column in [Column::Value, Column::Period] {
                let descending = false;
                sort_rows(&mut of_city, SortKey { column, descending });
            }
            expected.push((city, places(&of_city)));
        }
        assert_eq!(groups, expected);
    }

    #[test]
    fn permute_puts_items_where_the_order_says() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut v, vec![2, 0, 1, 4, 3]);
        assert_eq!(v, ['c', 'a', 'b', 'e', 'd']);
        let mut w: Vec<usize> = (0..9).collect();
        let order = vec![8, 3, 5, 0, 1, 7, 2, 6, 4];
        permute(&mut w, order.clone());
        assert_eq!(w, order);
    }

    #[test]
    fn sort_keys_round_trip_through_the_url_form() {
        for column in Column::ALL {
            for descending in [false, true] {
                let key = SortKey { column, descending };
                assert_eq!(SortKey::parse(&key.to_string()), Some(key));
            }
        }
        assert_eq!(
            SortKey::parse("-value").map(|k| k.to_string()),
            Some("-value".into())
        );
        assert_eq!(
            SortKey::parse("date"),
            Some(SortKey {
                column: Column::Date,
                descending: false
            })
        );
        assert_eq!(SortKey::parse("--value"), None);
        assert_eq!(SortKey::parse("Value"), None);
        assert_eq!(SortKey::parse(""), None);
    }

    #[test]
    fn numbers_are_formatted_the_vietnamese_way() {
        assert_eq!(format_vi(13663.0), "13.663");
        assert_eq!(format_vi(2.5), "2,5");
        assert_eq!(format_vi(98.5), "98,5");
        assert_eq!(format_vi(1_200_000.0), "1.200.000");
        assert_eq!(format_vi(0.0), "0");
        assert_eq!(format_vi(-0.0), "0");
        assert_eq!(format_vi(999.0), "999");
        assert_eq!(format_vi(1000.0), "1.000");
        assert_eq!(format_vi(-1234.5), "-1.234,5");
        assert_eq!(format_vi(-0.0000001), "0");
        assert_eq!(format_vi(0.1 + 0.2), "0,3");
        assert_eq!(format_vi(0.1000000001), "0,1");
        assert_eq!(format_vi(1.0 / 3.0), "0,333333");
        assert_eq!(format_vi(2.0e15), "2.000.000.000.000.000");
        assert_eq!(format_vi(f64::INFINITY), "∞");
        assert_eq!(plain_number(13663.0), "13663");
        assert_eq!(plain_number(2.5), "2.5");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(1e21), "1000000000000000000000");
        assert_eq!(plain_number(f64::NAN), "");
    }

    /// A small RFC 4180 reader, to check that what we write reads back field for field.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        let mut at_field_start = true;
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                '"' if at_field_start => {
                    quoted = true;
                    at_field_start = false;
                }
                '"' => panic!("stray quote in an unquoted field"),
                ',' => {
                    record.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                    at_field_start = true;
                }
                '\n' => panic!("bare LF outside quotes"),
                _ => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        assert!(!quoted, "unterminated quoted field");
        assert!(
            field.is_empty() && record.is_empty(),
            "last record lacks CRLF"
        );
        records
    }

    #[test]
    fn csv_has_bom_crlf_quoting_and_neutralised_formulas() {
        let b = bundle(vec![R::new("r-1", City::Hanoi, Some("2021"))
            .title("=HYPERLINK(\"http://x\"), “trích dẫn”")
            .p(
                Body,
                "- Ông Hiệp: có 1.200 hộ, \"tổ tự quản\"\nvà +5 điểm @ phường.",
            )
            .f(
                "1.200",
                1200.0,
                "hộ",
                Some(Qualifier::Over),
                Some("năm 2021"),
            )
            .p(Body, "Giảm -3,5% so với cùng kỳ.")
            .f("-3,5%", -3.5, "%", None, None)]);
        let rows = rows(&b, &[0], None);
        let csv = to_csv(&rows);
        assert!(csv.starts_with(
            "\u{feff}value,of,unit,qualifier,period,city,report_id,title,date,sentence\r\n"
        ));
        assert!(!csv.replace("\r\n", "").contains('\r'));
        let parsed = parse_csv(csv.trim_start_matches('\u{feff}'));
        assert_eq!(parsed.len(), 3);
        assert!(parsed.iter().all(|r| r.len() == 10));
        let r1 = &parsed[1];
        assert_eq!(r1[0], "1200");
        assert_eq!(r1[1], "");
        assert_eq!(r1[2], "hộ");
        assert_eq!(r1[3], "over");
        assert_eq!(r1[4], "năm 2021");
        assert_eq!(r1[5], "hanoi");
        assert_eq!(r1[7], "'=HYPERLINK(\"http://x\"), “trích dẫn”");
        assert_eq!(r1[8], "2021");
        assert_eq!(
            r1[9],
            "'- Ông Hiệp: có 1.200 hộ, \"tổ tự quản\"\nvà +5 điểm @ phường."
        );
        // Numbers stay plain numbers, even negative ones: no "'" in the value column.
        assert_eq!(parsed[2][0], "-3.5");
        assert_eq!(parsed[2][9], "Giảm -3,5% so với cùng kỳ.");
        assert_eq!(
            to_csv(&[]),
            "\u{feff}value,of,unit,qualifier,period,city,report_id,title,date,sentence\r\n"
        );
    }

    #[test]
    fn reports_csv_and_json_read_back() {
        let mut b = sample();
        b.reports[0].authors = vec!["Vũ Mạnh".into(), "Tiến Đạt".into()];
        b.reports[0].outlet = Some("Kinhtedothi".into());
        let csv = reports_to_csv(&b, &[1, 0]);
        let parsed = parse_csv(csv.strip_prefix('\u{feff}').unwrap());
        assert_eq!(
            parsed[0],
            ["id", "file", "title", "date", "city", "outlet", "authors", "figures"]
        );
        assert_eq!(
            parsed[1],
            ["r-hcm", "r-hcm.txt", "", "", "hcmc", "", "", "2"]
        );
        assert_eq!(
            parsed[2],
            [
                "r-hn",
                "r-hn.txt",
                "Phát huy sức mạnh đại đoàn kết",
                "2024-03",
                "hanoi",
                "Kinhtedothi",
                "Vũ Mạnh; Tiến Đạt",
                "3"
            ]
        );
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&rows(&b, &[0, 1], None))).unwrap();
        let arr = json.as_array().unwrap();
        assert_eq!(arr.len(), 5);
        assert_eq!(arr[1]["value"], 1250.0);
        assert_eq!(arr[1]["unit"], "Mô hình");
        assert_eq!(arr[0]["qualifier"], "approx");
        assert_eq!(arr[4]["of"], 120.0);
        assert!(arr[0].get("of").is_none());
        assert_eq!(arr[3]["city"], "hcmc");
    }

    #[test]
    fn export_file_names_are_ascii_slugs_of_the_filter() {
        assert_eq!(
            export_file_name(ExportKind::FiguresCsv, &["hanoi", "2021-2024", "Mô hình"]),
            "danvan-figures-hanoi-2021-2024-mo-hinh.csv"
        );
        assert_eq!(
            export_file_name(
                ExportKind::FiguresJson,
                &["Đảng viên", "", "  “Dân vận khéo”!  "]
            ),
            "danvan-figures-dang-vien-dan-van-kheo.json"
        );
        assert_eq!(
            export_file_name(ExportKind::ReportsCsv, &[]),
            "danvan-reports.csv"
        );
        assert_eq!(
            export_file_name(ExportKind::ReportsCsv, &["%", "—"]),
            "danvan-reports.csv"
        );
        let long = "thành phố ".repeat(30);
        let name = export_file_name(ExportKind::ReportsCsv, &[&long]);
        assert!(name.is_ascii());
        assert!(
            name.len() <= "danvan-reports-.csv".len() + MAX_SLUG,
            "{name}"
        );
        assert!(
            name.ends_with("-pho.csv") || name.ends_with("-thanh.csv"),
            "{name}"
        );
    }

    #[test]
    fn nice_scale_gives_round_ticks_above_the_maximum() {
        assert_eq!(nice_scale(13663.0), (14000.0, 2000.0));
        assert_eq!(nice_scale(7.0), (7.0, 1.0));
        assert_eq!(nice_scale(10.0), (10.0, 2.0));
        assert_eq!(nice_scale(3.0), (3.0, 0.5));
        assert_eq!(nice_scale(98.5), (100.0, 20.0));
        assert_eq!(nice_scale(0.3), (0.3, 0.05));
        assert_eq!(nice_scale(0.7), (0.7, 0.1));
        assert_eq!(nice_scale(1_200_000.0), (1_200_000.0, 200_000.0));
        assert_eq!(nice_scale(1_300_000.0), (1_400_000.0, 200_000.0));
        assert_eq!(nice_count_scale(0), (1, 1));
        assert_eq!(nice_count_scale(1), (1, 1));
        assert_eq!(nice_count_scale(3), (3, 1));
        assert_eq!(nice_count_scale(7), (7, 1));
        assert_eq!(nice_count_scale(12), (12, 2));
        assert_eq!(nice_count_scale(13), (14, 2));
        assert_eq!(nice_scale(0.0), (1.0, 0.2));
        assert_eq!(nice_scale(f64::NAN), (1.0, 0.2));
        for max in [0.7, 1.0, 1.4, 2.9, 4.2, 6.9, 26000.0, 579.0, 5000.0, 9.99] {
            let (top, step) = nice_scale(max);
            assert!(top >= max && top - step < max, "{max}: {top} {step}");
            assert!(
                (3.0 - 1e-9..=8.0 + 1e-9).contains(&(top / step)),
                "{max}: {top} {step}"
            );
        }
    }

    #[test]
    fn chart_data_groups_by_city_and_year() {
        let b = bundle(vec![
            sample_r(),
            R::new("r-2", City::Hcmc, Some("2022"))
                .p(Body, "Năm 2021 có 900 mô hình, quý 1/2022 có 300 mô hình.")
                .f("900", 900.0, "mô hình", None, Some("năm 2021"))
                .f("300", 300.0, "mô hình", None, Some("quý 1/2022")),
            R::new("r-3", City::Hcmc, Some("2022-05")).p(Body, "Không có số liệu."),
            R::new("r-4", City::National, None).p(Body, "Không có ngày."),
        ]);
        let mh = figure_refs(&b, &[0, 1, 2, 3], Some("mô hình"));
        let grouped = refs_by_city_period(&b, &mh);
        let series: Vec<(City, Vec<_>)> = grouped
            .iter()
            .map(|(c, refs)| {
                let bars = rows_of(&b, refs).into_iter().map(|r| (r.period, r.value));
                (*c, bars.collect())
            })
            .collect();
        assert_eq!(
            series,
            [
                (City::Hanoi, vec![(Some("năm 2023".into()), 1250.0)]),
                (
                    City::Hcmc,
                    vec![
                        (Some("năm 2021".into()), 900.0),
                        (Some("quý 1/2022".into()), 300.0)
                    ]
                ),
            ]
        );
        assert_eq!(
            reports_per_city_year(&b, &[0, 1, 2, 3]),
            [
                (2022, [0, 2, 0, 0]),
                (2023, [0, 0, 0, 0]),
                (2024, [1, 0, 0, 0])
            ]
        );
        assert!(reports_per_city_year(&b, &[3]).is_empty());

        // Each bar keeps where it came from.
        assert_eq!(
            grouped[1]
                .1
                .iter()
                .map(|f| (f.report, f.figure))
                .collect::<Vec<_>>(),
            [(1, 0), (1, 1)]
        );
    }
}
