//! The URL query string is the whole view state: [`ViewState`] parses it and writes it back.
//!
//! # Keys (canonical order; defaults are omitted)
//! | key | value | default |
//! |---|---|---|
//! | `view` | `list`, `read`, `compare`, `figures` | `list` |
//! | `q` | search text (kept as typed, NFC) | empty |
//! | `city` | comma list of `hanoi`, `hcmc`, `national`, `other` | none |
//! | `year` | `2022` or an inclusive range `2021-2024` | none |
//! | `topic` | comma list of topic ids | none |
//! | `outlet` | comma list of outlet names | none |
//! | `person` | comma list of person names | none |
//! | `doc` | report id (`[a-z0-9-]`) | none |
//! | `p` | paragraph index in `doc`, from 0 | none |
//! | `a`, `b` | cities compared | none |
//! | `doc_a`, `doc_b` | report ids compared | none |
//! | `unit` | a figure unit, e.g. `mô hình` | none |
//! | `sort` | a sort key `[a-z0-9_-]`, meaning defined by the view | none |
//! | `lang` | `vi` or `en` | none (the app picks from the browser) |
//!
//! # Encoding
//! Standard form encoding: everything but `A–Z a–z 0–9 - . _ ~` is percent-encoded as UTF-8,
//! and a space is written `+`. In lists, items are separated by a literal `,` and a comma
//! *inside* a value is written `%2C`, so parsing splits on literal commas before decoding.
//! A list key may also repeat (`topic=a&topic=b` equals `topic=a,b`). Parsing accepts `%20` and
//! `+` for a space, a leading `?`, and a lone `%` that starts no valid escape (kept as is).
//!
//! # Bad input
//! Parsing never fails and never panics: an unknown key, a malformed value, text that is not
//! UTF-8, a repeated single-valued key or an over-long value is ignored (or cut) and reported as
//! a [`Notice`], which the app shows in the reader's language with [`Notice::message`].
//! Values are data: the app renders them as text, never as HTML.
//!
//! ```
//! use danvan::core::model::City;
//! use danvan::core::url::{View, ViewState};
//! let (state, notices) = ViewState::parse("?q=d%C3%A2n+v%E1%BA%ADn&city=hcmc,hanoi&year=2021-2024&foo=1");
//! assert_eq!(state.q, "dân vận");
//! assert_eq!(state.filters.cities, [City::Hanoi, City::Hcmc]);
//! assert_eq!(notices.len(), 1); // foo=1 is unknown
//! let read = state.with_doc("000-02f6dcf03165deaf", Some(3));
//! assert_eq!(read.view, View::Read);
//! assert_eq!(read.to_query(), "view=read&q=d%C3%A2n+v%E1%BA%ADn&city=hanoi,hcmc&year=2021-2024&doc=000-02f6dcf03165deaf&p=3");
//! ```

use crate::core::i18n::Lang;
use crate::core::model::City;
use crate::core::query::Filters;
use crate::core::sort;
use crate::core::text::{nfc, toned_phrase};

/// The longest search text kept, in chars; longer text is cut (with a notice).
pub const MAX_QUERY_CHARS: usize = 1000;
/// The longest list item or other text value kept, in chars; longer ones are dropped.
pub const MAX_VALUE_CHARS: usize = 200;
/// The largest paragraph index accepted.
pub const MAX_PARAGRAPH: usize = 1_000_000;

/// Which page the app shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Search and filter the reports.
    #[default]
    List,
    /// Read one report (`doc`).
    Read,
    /// Compare two cities or two reports.
    Compare,
    /// Browse the figures.
    Figures,
}

impl View {
    /// Every view.
    pub const ALL: [View; 4] = [View::List, View::Read, View::Compare, View::Figures];

    /// The URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            View::List => "list",
            View::Read => "read",
            View::Compare => "compare",
            View::Figures => "figures",
        }
    }

    /// Reads a URL value (exact, lower case).
    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The whole state of a view, as held in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The page.
    pub view: View,
    /// The search text, as typed (NFC). Empty: no search.
    pub q: String,
    /// The facet filters (`city`, `year`, `topic`, `outlet`, `person`).
    pub filters: Filters,
    /// The report being read: its `id`.
    pub doc: Option<String>,
    /// The paragraph to scroll to in `doc`.
    pub p: Option<usize>,
    /// The UI language; `None` lets the app choose from the browser.
    pub lang: Option<Lang>,
    /// Compare view: the first city.
    pub a: Option<City>,
    /// Compare view: the second city.
    pub b: Option<City>,
    /// Compare view: the first report id.
    pub doc_a: Option<String>,
    /// Compare view: the second report id.
    pub doc_b: Option<String>,
    /// Figures view: the unit shown.
    pub unit: Option<String>,
    /// Sort key of the compare and figures views.
    pub sort: Option<String>,
}

/// Why a URL value was ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The key is not one this app knows.
    UnknownKey,
    /// The value is not in the form the key expects.
    Malformed,
    /// The percent-encoded bytes are not UTF-8 text.
    NotText,
    /// The value is longer than the app keeps (the search text is cut, other values dropped).
    TooLong,
    /// A single-valued key appeared again; the first value is kept.
    Repeated,
    /// The value is well formed but the corpus has no such topic, outlet, person or report
    /// (from [`crate::core::query::Catalog::check`]).
    NotInCorpus,
}

/// A URL value that was ignored or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The key as written (decoded).
    pub key: String,
    /// The value as written (decoded; not-UTF-8 bytes shown as �), at most
    /// [`MAX_VALUE_CHARS`] chars.
    pub value: String,
    /// Why.
    pub reason: Reason,
}

/// What a key expects, for notices: (English, Vietnamese).
fn expectation(key: &str) -> (&'static str, &'static str) {
    match key {
        "view" => (
            "one of list, read, compare, figures",
            "một trong list, read, compare, figures",
        ),
        "city" | "a" | "b" => (
            "hanoi, hcmc, national or other",
            "hanoi, hcmc, national hoặc other",
        ),
        "year" => (
            "a year like 2022 or a range like 2021-2024",
            "một năm như 2022 hoặc một khoảng như 2021-2024",
        ),
        "doc" | "doc_a" | "doc_b" => (
            "a report id made of a-z, 0-9 and -",
            "mã bài viết chỉ gồm a-z, 0-9 và -",
        ),
        "p" => (
            "a paragraph number: 0, 1, 2, …",
            "số thứ tự đoạn: 0, 1, 2, …",
        ),
        "lang" => ("vi or en", "vi hoặc en"),
        "sort" => (
            "a sort key made of a-z, 0-9, _ and -",
            "khóa sắp xếp chỉ gồm a-z, 0-9, _ và -",
        ),
        _ => ("a valid value", "một giá trị hợp lệ"),
    }
}

impl Notice {
    /// A notice; the value is cut to [`MAX_VALUE_CHARS`] chars.
    pub fn new(key: &str, value: &str, reason: Reason) -> Notice {
        Notice {
            key: key.to_owned(),
            value: cut_chars(value, MAX_VALUE_CHARS),
            reason,
        }
    }

    /// A sentence for the reader, in `lang`, quoting the key and value (cut to 60 chars).
    /// Plain text: render it as text, never as HTML.
    pub fn message(&self, lang: Lang) -> String {
        let value = cut_chars(&self.value, 60);
        let shown = if value.chars().count() < self.value.chars().count() {
            format!("{value}…")
        } else {
            value
        };
        let kv = format!("“{}={}”", self.key, shown);
        let (en, vi) = expectation(&self.key);
        match (lang, self.reason) {
            (Lang::En, Reason::UnknownKey) => {
                format!("Ignored {kv}: this address has no such setting.")
            }
            (Lang::Vi, Reason::UnknownKey) => {
                format!("Đã bỏ qua {kv}: địa chỉ không có tham số này.")
            }
            (Lang::En, Reason::Malformed) => format!("Ignored {kv}: expected {en}."),
            (Lang::Vi, Reason::Malformed) => format!("Đã bỏ qua {kv}: cần {vi}."),
            (Lang::En, Reason::NotText) => format!("Ignored {kv}: it is not valid text (UTF-8)."),
            (Lang::Vi, Reason::NotText) => {
                format!("Đã bỏ qua {kv}: giá trị không phải văn bản hợp lệ (UTF-8).")
            }
            (Lang::En, Reason::TooLong) => format!("Shortened or ignored {kv}: it is too long."),
            (Lang::Vi, Reason::TooLong) => format!("Đã cắt bớt hoặc bỏ qua {kv}: giá trị quá dài."),
            (Lang::En, Reason::Repeated) => {
                format!(
                    "Ignored {kv}: “{}” appears more than once; the first is used.",
                    self.key
                )
            }
            (Lang::Vi, Reason::Repeated) => {
                format!(
                    "Đã bỏ qua {kv}: “{}” xuất hiện nhiều lần; dùng giá trị đầu tiên.",
                    self.key
                )
            }
            (Lang::En, Reason::NotInCorpus) => {
                format!("{kv} matches nothing in this collection of reports.")
            }
            (Lang::Vi, Reason::NotInCorpus) => format!("{kv} không có trong bộ bài viết này."),
        }
    }
}

/// The first `n` chars of `s`.
fn cut_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Value of a hex digit.
fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Form-decodes `raw`: `+` is a space, `%XX` a byte; a `%` without two hex digits stays as is.
/// `Err` carries the lossy text when the bytes are not UTF-8.
fn decode(raw: &str) -> Result<String, String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Form-encodes `s` (see the module doc): unreserved ASCII as is, space as `+`, the rest `%XX`.
fn encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
}

/// Whether `s` is a report id: 1 to 100 chars of `[a-z0-9-]`.
fn is_report_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `s` is a sort key: 1 to 32 chars of `[a-z0-9_-]`.
fn is_sort_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A four-digit year.
fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok().filter(|&y| y >= 1000)
    } else {
        None
    }
}

/// `2022` or `2021-2024`; a reversed range is put in order.
fn parse_years(s: &str) -> Option<(i32, i32)> {
    match s.split_once('-') {
        None => parse_year(s).map(|y| (y, y)),
        Some((a, b)) => {
            let (a, b) = (parse_year(a.trim())?, parse_year(b.trim())?);
            Some((a.min(b), a.max(b)))
        }
    }
}

fn parse_paragraph(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 7 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&p| p <= MAX_PARAGRAPH)
}

/// Collects notices while parsing.
struct Parser {
    state: ViewState,
    notices: Vec<Notice>,
    /// Single-valued keys already set, so a repeat is reported rather than overwriting.
    seen: Vec<&'static str>,
}

impl Parser {
    fn notice(&mut self, key: &str, value: &str, reason: Reason) {
        self.notices.push(Notice::new(key, value, reason));
    }

    /// Decodes and NFC-normalises one value, reporting bytes that are not text.
    fn text(&mut self, key: &str, raw: &str) -> Option<String> {
        match decode(raw) {
            Ok(s) => Some(nfc(&s)),
            Err(lossy) => {
                self.notice(key, &lossy, Reason::NotText);
                None
            }
        }
    }

    /// Whether a single-valued key may be set now; reports a repeat.
    fn first(&mut self, key: &'static str, value: &str) -> bool {
        if self.seen.contains(&key) {
            self.notice(key, value, Reason::Repeated);
            false
        } else {
            self.seen.push(key);
            true
        }
    }

    /// The items of a comma list, decoded, trimmed, NFC, empty ones dropped.
    fn items(&mut self, key: &str, raw: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in raw.split(',') {
            let Some(item) = self.text(key, part) else {
                continue;
            };
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            if item.chars().count() > MAX_VALUE_CHARS {
                self.notice(key, item, Reason::TooLong);
                continue;
            }
            out.push(item.to_owned());
        }
        out
    }

    fn pair(&mut self, raw_key: &str, raw_value: &str) {
        let key = match decode(raw_key) {
            Ok(k) => k,
            Err(lossy) => {
                self.notice(&lossy, raw_value, Reason::NotText);
                return;
            }
        };
        // A known key with an empty value means "not set": forms and hand-edited URLs leave
        // such pairs behind, and they carry no intent worth a notice.
        if raw_value.is_empty() && is_known_key(&key) {
            return;
        }
        match key.as_str() {
            "view" => self.single("view", raw_value, |s, v| {
                View::parse(v).map(|view| s.view = view).is_some()
            }),
            "q" => {
                let Some(q) = self.text("q", raw_value) else {
                    return;
                };
                if !self.first("q", &q) {
                    return;
                }
                if q.chars().count() > MAX_QUERY_CHARS {
                    self.notice("q", &q, Reason::TooLong);
                    self.state.q = cut_chars(&q, MAX_QUERY_CHARS);
                } else {
                    self.state.q = q;
                }
            }
            "city" => {
                for item in self.items("city", raw_value) {
                    match City::parse(&item.to_ascii_lowercase()) {
                        Some(c) if !self.state.filters.cities.contains(&c) => {
                            self.state.filters.cities.push(c)
                        }
                        Some(_) => {}
                        None => self.notice("city", &item, Reason::Malformed),
                    }
                }
                sort::sort(&mut self.state.filters.cities);
            }
            "year" => self.single("year", raw_value, |s, v| {
                parse_years(v).map(|y| s.filters.years = Some(y)).is_some()
            }),
            "topic" => {
                let items = self.items("topic", raw_value);
                push_unique(&mut self.state.filters.topics, items, |a, b| a == b);
            }
            "outlet" => {
                let items = self.items("outlet", raw_value);
                push_unique(&mut self.state.filters.outlets, items, same_name);
            }
            "person" => {
                let items = self.items("person", raw_value);
                push_unique(&mut self.state.filters.persons, items, same_name);
            }
            "doc" => self.single("doc", raw_value, |s, v| {
                is_report_id(v)
                    .then(|| s.doc = Some(v.to_owned()))
                    .is_some()
            }),
            "doc_a" => self.single("doc_a", raw_value, |s, v| {
                is_report_id(v)
                    .then(|| s.doc_a = Some(v.to_owned()))
                    .is_some()
            }),
            "doc_b" => self.single("doc_b", raw_value, |s, v| {
                is_report_id(v)
                    .then(|| s.doc_b = Some(v.to_owned()))
                    .is_some()
            }),
            "p" => self.single("p", raw_value, |s, v| {
                parse_paragraph(v).map(|p| s.p = Some(p)).is_some()
            }),
            "lang" => self.single("lang", raw_value, |s, v| {
                Lang::parse(v).map(|l| s.lang = Some(l)).is_some()
            }),
            "a" => self.single("a", raw_value, |s, v| {
                City::parse(&v.to_ascii_lowercase())
                    .map(|c| s.a = Some(c))
                    .is_some()
            }),
            "b" => self.single("b", raw_value, |s, v| {
                City::parse(&v.to_ascii_lowercase())
                    .map(|c| s.b = Some(c))
                    .is_some()
            }),
            "sort" => self.single("sort", raw_value, |s, v| {
                is_sort_key(v)
                    .then(|| s.sort = Some(v.to_owned()))
                    .is_some()
            }),
            "unit" => {
                let Some(v) = self.text("unit", raw_value) else {
                    return;
                };
                let v = v.trim();
                if v.is_empty() || !self.first("unit", v) {
                    return;
                }
                if v.chars().count() > MAX_VALUE_CHARS {
                    self.notice("unit", v, Reason::TooLong);
                } else {
                    self.state.unit = Some(v.to_owned());
                }
            }
            "" if raw_value.is_empty() => {}
            _ => {
                let value = decode(raw_value).unwrap_or_else(|lossy| lossy);
                self.notice(&key, &value, Reason::UnknownKey);
            }
        }
    }

    /// A single-valued key whose decoded, trimmed value `set` accepts (returning true) or
    /// rejects (a Malformed notice).
    fn single(
        &mut self,
        key: &'static str,
        raw: &str,
        set: impl FnOnce(&mut ViewState, &str) -> bool,
    ) {
        let Some(v) = self.text(key, raw) else { return };
        let v = v.trim();
        if v.is_empty() || !self.first(key, v) {
            return;
        }
        if !set(&mut self.state, v) {
            self.notice(key, v, Reason::Malformed);
            // A rejected value does not block a later valid one.
            self.seen.retain(|k| *k != key);
        }
    }
}

/// Every key [`ViewState`] reads, in canonical order.
pub const KEYS: [&str; 16] = [
    "view", "q", "city", "year", "topic", "outlet", "person", "doc", "p", "a", "b", "doc_a",
    "doc_b", "unit", "sort", "lang",
];

fn is_known_key(key: &str) -> bool {
    KEYS.contains(&key)
}

/// Whether two names are the same name: equal, or equal toned phrases (case and tone placement
/// ignored). Names without any word are only equal to themselves.
fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let ka = toned_phrase(a);
    !ka.is_empty() && ka == toned_phrase(b)
}

/// Appends the items not already present (by `same`).
fn push_unique(list: &mut Vec<String>, items: Vec<String>, same: impl Fn(&str, &str) -> bool) {
    for item in items {
        if !list.iter().any(|x| same(x, &item)) {
            list.push(item);
        }
    }
}

/// Removes every item equal to `value` (by `same`), or appends `value` when none was there.
fn toggle(list: &mut Vec<String>, value: &str, same: impl Fn(&str, &str) -> bool) {
    let before = list.len();
    list.retain(|x| !same(x, value));
    if list.len() == before {
        list.push(value.to_owned());
    }
}

impl ViewState {
    /// Parses a query string (with or without the leading `?`). Never fails: what cannot be
    /// used is left at its default and reported in the notices, in the order met.
    pub fn parse(query_string: &str) -> (ViewState, Vec<Notice>) {
        let qs = query_string.strip_prefix('?').unwrap_or(query_string);
        let mut parser = Parser {
            state: ViewState::default(),
            notices: Vec::new(),
            seen: Vec::new(),
        };
        for pair in qs.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            parser.pair(k, v);
        }
        (parser.state, parser.notices)
    }

    /// The canonical query string (no leading `?`): keys in [`KEYS`] order, defaults omitted,
    /// values form-encoded. Empty for the default state.
    pub fn to_query(&self) -> String {
        let mut out = String::new();
        let key = |out: &mut String, k: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
        };
        let list = |out: &mut String, items: &mut dyn Iterator<Item = &str>| {
            for (i, item) in items.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode(item, out);
            }
        };
        if self.view != View::List {
            key(&mut out, "view");
            out.push_str(self.view.as_str());
        }
        if !self.q.is_empty() {
            key(&mut out, "q");
            encode(&self.q, &mut out);
        }
        let f = &self.filters;
        if !f.cities.is_empty() {
            key(&mut out, "city");
            list(&mut out, &mut f.cities.iter().map(|c| c.as_str()));
        }
        if let Some((a, b)) = f.years {
            key(&mut out, "year");
            if a == b {
                out.push_str(&a.to_string());
            } else {
                out.push_str(&format!("{a}-{b}"));
            }
        }
        for (k, items) in [
            ("topic", &f.topics),
            ("outlet", &f.outlets),
            ("person", &f.persons),
        ] {
            if !items.is_empty() {
                key(&mut out, k);
                list(&mut out, &mut items.iter().map(String::as_str));
            }
        }
        let text = |out: &mut String, k: &str, v: &Option<String>| {
            if let Some(v) = v {
                key(out, k);
                encode(v, out);
            }
        };
        text(&mut out, "doc", &self.doc);
        if let Some(p) = self.p {
            key(&mut out, "p");
            out.push_str(&p.to_string());
        }
        for (k, c) in [("a", self.a), ("b", self.b)] {
            if let Some(c) = c {
                key(&mut out, k);
                out.push_str(c.as_str());
            }
        }
        text(&mut out, "doc_a", &self.doc_a);
        text(&mut out, "doc_b", &self.doc_b);
        text(&mut out, "unit", &self.unit);
        text(&mut out, "sort", &self.sort);
        if let Some(l) = self.lang {
            key(&mut out, "lang");
            out.push_str(l.as_str());
        }
        out
    }

    /// `"?"` followed by [`ViewState::to_query`], or `"?"` alone for the default state: a
    /// relative link that keeps the page's path (so the app works under any sub-path).
    pub fn to_href(&self) -> String {
        format!("?{}", self.to_query())
    }

    /// The language to show: the URL's, or `fallback` (e.g. from the browser).
    pub fn lang_or(&self, fallback: Lang) -> Lang {
        self.lang.unwrap_or(fallback)
    }

    /// This state with another view.
    pub fn with_view(&self, view: View) -> ViewState {
        ViewState {
            view,
            ..self.clone()
        }
    }

    /// This state with another search text (NFC applied).
    pub fn with_query(&self, q: &str) -> ViewState {
        ViewState {
            q: cut_chars(&nfc(q), MAX_QUERY_CHARS),
            ..self.clone()
        }
    }

    /// The reading view of report `id`, optionally at paragraph `p`; search and filters are
    /// kept so the way back to the list restores them.
    pub fn with_doc(&self, id: &str, p: Option<usize>) -> ViewState {
        ViewState {
            view: View::Read,
            doc: Some(id.to_owned()),
            p,
            ..self.clone()
        }
    }

    /// The list view with the same search and filters (leaving the report being read).
    pub fn back_to_list(&self) -> ViewState {
        ViewState {
            view: View::List,
            doc: None,
            p: None,
            ..self.clone()
        }
    }

    /// This state with another language.
    pub fn with_lang(&self, lang: Lang) -> ViewState {
        ViewState {
            lang: Some(lang),
            ..self.clone()
        }
    }

    /// Selects `city` if it was not selected, else unselects it (cities stay in fixed order).
    pub fn toggle_city(&self, city: City) -> ViewState {
        let mut s = self.clone();
        let cities = &mut s.filters.cities;
        match cities.iter().position(|&c| c == city) {
            Some(i) => {
                cities.remove(i);
            }
            None => {
                cities.push(city);
                sort::sort(cities);
            }
        }
        s
    }

    /// This state with another year range (`None`: no year filter); a reversed range is
    /// put in order.
    pub fn with_years(&self, years: Option<(i32, i32)>) -> ViewState {
        let mut s = self.clone();
        s.filters.years = years.map(|(a, b)| (a.min(b), a.max(b)));
        s
    }

    /// Selects or unselects a topic id.
    pub fn toggle_topic(&self, id: &str) -> ViewState {
        let mut s = self.clone();
        toggle(&mut s.filters.topics, id, |a, b| a == b);
        s
    }

    /// Selects or unselects an outlet (compared by toned phrase, so any spelling unselects).
    pub fn toggle_outlet(&self, name: &str) -> ViewState {
        let mut s = self.clone();
        toggle(&mut s.filters.outlets, &nfc(name), same_name);
        s
    }

    /// Selects or unselects a person (compared by toned phrase, so any spelling unselects).
    pub fn toggle_person(&self, name: &str) -> ViewState {
        let mut s = self.clone();
        toggle(&mut s.filters.persons, &nfc(name), same_name);
        s
    }

    /// This state without any filter (the search text is kept).
    pub fn clear_filters(&self) -> ViewState {
        ViewState {
            filters: Filters::default(),
            ..self.clone()
        }
    }

    /// Whether any facet is filtered.
    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse_clean(q: &str) -> ViewState {
        let (s, n) = ViewState::parse(q);
        assert!(n.is_empty(), "{q}: {n:?}");
        s
    }

    fn full() -> ViewState {
        ViewState {
            view: View::Compare,
            q: "\"Dân vận khéo\" <script>alert('x&y=1#z')</script>, 50% + TP.HCM".into(),
            filters: Filters {
                cities: vec![City::Hanoi, City::Other],
                years: Some((2021, 2024)),
                topics: vec!["dan-van-kheo".into(), "covid-19".into()],
                outlets: vec!["Báo Người Lao Động".into(), "A, B & C".into()],
                persons: vec!["Nguyễn Hữu Hiệp".into(), "Lê, Văn=Tám#1".into()],
            },
            doc: Some("000-02f6dcf03165deaf".into()),
            p: Some(12),
            lang: Some(Lang::En),
            a: Some(City::Hanoi),
            b: Some(City::Hcmc),
            doc_a: Some("r-1".into()),
            doc_b: Some("r-2".into()),
            unit: Some("mô hình".into()),
            sort: Some("value_desc".into()),
        }
    }

    #[test]
    fn default_state_is_the_empty_string() {
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(ViewState::default().to_href(), "?");
        assert_eq!(parse_clean(""), ViewState::default());
        assert_eq!(parse_clean("?"), ViewState::default());
    }

    #[test]
    fn full_state_round_trips() {
        let s = full();
        let q = s.to_query();
        assert_eq!(parse_clean(&q), s);
        assert!(q.starts_with("view=compare&q="));
        assert!(q.ends_with("&unit=m%C3%B4+h%C3%ACnh&sort=value_desc&lang=en"));
        // Commas inside values are escaped; list separators are literal.
        assert!(
            q.contains("&outlet=B%C3%A1o+Ng%C6%B0%E1%BB%9Di+Lao+%C4%90%E1%BB%99ng,A%2C+B+%26+C&")
        );
    }

    #[test]
    fn script_in_q_survives_as_text() {
        let s = ViewState::default().with_query("<script>alert(1)</script>&x=1#top");
        let q = s.to_query();
        assert!(!q.contains('<') && !q.contains('&') && !q.contains('#'));
        assert_eq!(parse_clean(&q).q, "<script>alert(1)</script>&x=1#top");
    }

    #[test]
    fn decoding_variants() {
        let s = parse_clean("q=d%C3%A2n%20v%E1%BA%ADn+kh%C3%A9o");
        assert_eq!(s.q, "dân vận khéo");
        // Unencoded Vietnamese (as some browsers show it) and NFD input become NFC.
        assert_eq!(parse_clean("q=dân vận").q, "dân vận");
        assert_eq!(parse_clean("q=da%CC%82n").q, "dân");
        // A lone % stays.
        assert_eq!(parse_clean("q=50%+off%2").q, "50% off%2");
        // Repeated list keys add up; duplicates go.
        let s = parse_clean("topic=a&topic=b,a&city=hcmc&city=hanoi,hcmc");
        assert_eq!(s.filters.topics, ["a", "b"]);
        assert_eq!(s.filters.cities, [City::Hanoi, City::Hcmc]);
        // Empty items and empty values are simply absent.
        let s = parse_clean("city=,hanoi,&q=&year=&&person=");
        assert_eq!(s.filters.cities, [City::Hanoi]);
        assert_eq!(s.q, "");
        assert_eq!(s.filters.years, None);
        // The same person twice with another tone placement is one.
        let s = parse_clean("person=Thu%E1%BB%B7,th%E1%BB%A7y");
        assert_eq!(s.filters.persons, ["Thuỷ"]);
    }

    #[test]
    fn year_values() {
        assert_eq!(parse_clean("year=2022").filters.years, Some((2022, 2022)));
        assert_eq!(
            parse_clean("year=2021-2024").filters.years,
            Some((2021, 2024))
        );
        assert_eq!(
            parse_clean("year=2024-2021").filters.years,
            Some((2021, 2024))
        );
        assert_eq!(
            parse_clean("year=2021+-+2024").filters.years,
            Some((2021, 2024))
        );
        for bad in [
            "abc",
            "22",
            "2022-",
            "-2022",
            "2021-2022-2023",
            "0999",
            "+2022x",
            "２０２２",
        ] {
            let (s, n) = ViewState::parse(&format!("year={bad}"));
            assert_eq!(s.filters.years, None, "{bad}");
            assert_eq!(n.len(), 1, "{bad}");
            assert_eq!(n[0].key, "year");
            assert_eq!(n[0].reason, Reason::Malformed);
        }
        let s = ViewState::default().with_years(Some((2024, 2022)));
        assert_eq!(s.to_query(), "year=2022-2024");
    }

    #[test]
    fn malformed_values_give_notices_and_defaults() {
        let (s, n) = ViewState::parse(
            "year=abc&city=paris,hanoi&p=-1&foo=1&view=map&lang=fr&doc=R_1&sort=a b&a=x&q=ok",
        );
        assert_eq!(s.filters.cities, [City::Hanoi]);
        assert_eq!(s.q, "ok");
        assert_eq!(
            (s.filters.years, s.p, s.lang, s.doc.clone(), s.view),
            (None, None, None, None, View::List)
        );
        let got: Vec<(&str, &str, Reason)> = n
            .iter()
            .map(|n| (n.key.as_str(), n.value.as_str(), n.reason))
            .collect();
        assert_eq!(
            got,
            [
                ("year", "abc", Reason::Malformed),
                ("city", "paris", Reason::Malformed),
                ("p", "-1", Reason::Malformed),
                ("foo", "1", Reason::UnknownKey),
                ("view", "map", Reason::Malformed),
                ("lang", "fr", Reason::Malformed),
                ("doc", "R_1", Reason::Malformed),
                ("sort", "a b", Reason::Malformed),
                ("a", "x", Reason::Malformed),
            ]
        );
        let en = n[0].message(Lang::En);
        assert!(en.contains("year=abc") && en.contains("2021-2024"), "{en}");
        let vi = n[1].message(Lang::Vi);
        assert!(
            vi.contains("city=paris") && vi.contains("Đã bỏ qua"),
            "{vi}"
        );
        assert_ne!(n[3].message(Lang::En), n[3].message(Lang::Vi));
    }

    #[test]
    fn repeats_bad_utf8_and_long_values() {
        let (s, n) = ViewState::parse("q=a&q=b&view=read&view=list");
        assert_eq!((s.q.as_str(), s.view), ("a", View::Read));
        assert_eq!(
            n.iter().map(|n| n.reason).collect::<Vec<_>>(),
            [Reason::Repeated; 2]
        );
        // A bad first value does not block a good later one.
        let (s, n) = ViewState::parse("p=x&p=3");
        assert_eq!((s.p, n.len()), (Some(3), 1));
        let (s, n) = ViewState::parse("q=%FF%FE&person=%C3");
        assert_eq!(s, ViewState::default());
        assert_eq!(
            n.iter().map(|n| n.reason).collect::<Vec<_>>(),
            [Reason::NotText; 2]
        );
        let long = "ơ".repeat(MAX_QUERY_CHARS + 5);
        let (s, n) = ViewState::parse(&format!("q={long}"));
        assert_eq!(s.q.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(n[0].reason, Reason::TooLong);
        assert!(n[0].message(Lang::Vi).contains('…'));
        let (s, n) = ViewState::parse(&format!("topic={},ok", "x".repeat(MAX_VALUE_CHARS + 1)));
        assert_eq!(
            (s.filters.topics, n[0].reason),
            (vec!["ok".to_string()], Reason::TooLong)
        );
    }

    #[test]
    fn helpers() {
        let s = ViewState::default()
            .toggle_city(City::Hcmc)
            .toggle_city(City::Hanoi);
        assert_eq!(s.filters.cities, [City::Hanoi, City::Hcmc]);
        assert_eq!(s.toggle_city(City::Hanoi).filters.cities, [City::Hcmc]);
        let s = s
            .toggle_person("Nguyễn Hữu Hiệp")
            .toggle_topic("covid-19")
            .toggle_outlet("VOH");
        assert!(s.has_filters());
        // Another spelling of a selected name unselects it.
        assert!(s
            .toggle_person("nguyễn hữu hiệp")
            .filters
            .persons
            .is_empty());
        assert!(s.toggle_outlet("voh").filters.outlets.is_empty());
        assert!(s.toggle_topic("covid-19").filters.topics.is_empty());
        let r = s.with_query("dân vận").with_doc("r-1", Some(2));
        assert_eq!(
            (r.view, r.doc.as_deref(), r.p),
            (View::Read, Some("r-1"), Some(2))
        );
        let l = r.back_to_list();
        assert_eq!(
            (l.view, l.doc.clone(), l.p, l.q.as_str()),
            (View::List, None, None, "dân vận")
        );
        let c = l.clear_filters();
        assert!(!c.has_filters());
        assert_eq!(c.q, "dân vận");
        assert_eq!(c.with_lang(Lang::Vi).lang_or(Lang::En), Lang::Vi);
        assert_eq!(c.lang_or(Lang::En), Lang::En);
        assert_eq!(
            c.with_view(View::Figures).to_query(),
            "view=figures&q=d%C3%A2n+v%E1%BA%ADn"
        );
    }

    /// Text values as the parser keeps them: NFC, for lists also trimmed and non-empty.
    fn text(max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just(' '),
                Just(','),
                Just('&'),
                Just('='),
                Just('#'),
                Just('+'),
                Just('%'),
                Just('<'),
                Just('"'),
                Just('ư'),
                Just('ộ'),
                Just('\u{301}'),
                any::<char>(),
            ],
            0..max,
        )
        .prop_map(|cs| nfc(&cs.into_iter().collect::<String>()))
    }

    fn item() -> impl Strategy<Value = String> {
        text(20)
            .prop_map(|s| s.trim().to_owned())
            .prop_filter("non-empty", |s| !s.is_empty())
    }

    fn items() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(item(), 0..4).prop_map(|v| {
            let mut out: Vec<String> = Vec::new();
            push_unique(&mut out, v, same_name);
            out
        })
    }

    fn city() -> impl Strategy<Value = City> {
        proptest::sample::select(City::ALL.to_vec())
    }

    fn id() -> impl Strategy<Value = String> {
        "[a-z0-9-]{1,20}"
    }

    prop_compose! {
        fn state()(
            view in proptest::sample::select(View::ALL.to_vec()),
            q in text(40),
            cities in proptest::collection::btree_set(city(), 0..4),
            years in proptest::option::of((1000i32..=9999, 0i32..50)),
            topics in items(),
            outlets in items(),
            persons in items(),
            doc in proptest::option::of(id()),
            p in proptest::option::of(0usize..=MAX_PARAGRAPH),
            lang in proptest::option::of(proptest::sample::select(Lang::ALL.to_vec())),
            a in proptest::option::of(city()),
            b in proptest::option::of(city()),
            doc_a in proptest::option::of(id()),
            doc_b in proptest::option::of(id()),
            unit in proptest::option::of(item()),
            sort in proptest::option::of("[a-z0-9_-]{1,32}"),
        ) -> ViewState {
            ViewState {
                view, q,
                filters: Filters {
                    cities: cities.into_iter().collect(),
                    years: years.map(|(y, d)| (y, (y + d).min(9999))),
                    topics, outlets, persons,
                },
                doc, p, lang, a, b, doc_a, doc_b, unit, sort,
            }
        }
    }

    proptest! {
        #[test]
        fn round_trip(s in state()) {
            let q = s.to_query();
            let (back, notices) = ViewState::parse(&q);
            prop_assert!(notices.is_empty(), "{:?}", notices);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn parse_never_panics_and_its_result_round_trips(input in ".{0,200}") {
            let (s, _) = ViewState::parse(&input);
            let (back, notices) = ViewState::parse(&s.to_query());
            prop_assert!(notices.is_empty(), "{:?}", notices);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn parse_never_panics_on_url_like_input(
            parts in proptest::collection::vec(
                (prop_oneof![proptest::sample::select(KEYS.to_vec()).prop_map(String::from), ".{0,5}"],
                 "[a-z0-9%+,=&#?.\\-]{0,12}|.{0,12}"),
                0..8,
            )
        ) {
            let input: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let (s, notices) = ViewState::parse(&input.join("&"));
            for n in &notices {
                prop_assert!(!n.message(Lang::Vi).is_empty());
                prop_assert!(!n.message(Lang::En).is_empty());
            }
            let (back, _) = ViewState::parse(&s.to_query());
            prop_assert_eq!(back, s);
        }
    }
}
