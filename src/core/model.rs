//! The bundle: the one JSON document the compiler writes and the app reads.
//!
//! These serde types are the only definition of the format; both sides use them, so the
//! writer and the reader cannot drift apart.
//!
//! # Wire format (schema_version 1)
//!
//! ```text
//! { "schema_version": 1,                      // the app refuses any other number, in plain words
//!   "generator": "danvan 0.1.0",
//!   "topics":  [ { "id": "dan-van-kheo", "label": { "vi": "Dân vận khéo", "en": "“Skilful mass mobilisation”" } } ],
//!   "aliases": [ ["TPHCM", "TP.HCM", "Thành phố Hồ Chí Minh"], ["MTTQ", "Mặt trận Tổ quốc"] ],
//!   "reports": [ {
//!       "id": "000-02f6dcf03165deaf",         // slug of the file path: stable, URL-safe [a-z0-9-]
//!       "file": "000_02f6dcf03165deaf.txt",    // the file's path under the compiled folder
//!       "title": "…" | null, "date": "2024-03-17" | "2024-01" | "2024" | null,
//!       "city": "hanoi" | "hcmc" | "national" | "other",
//!       "outlet": "VOH" | null, "authors": ["THU HƯỜNG"],
//!       "provenance": { "title": "inferred" | "curated", "date": …, "city": …, "outlet": …, "authors": … },
//!       "notes": ["why a curator changed a field"],
//!       "paragraphs": [ { "kind": "title"|"kicker"|"byline"|"body"|"caption"|"boilerplate",
//!                         "text": "…", "line": 12, "topics": ["covid-19"] } ],
//!       "figures": [ { "value": 13663.0, "unit": "mô hình", "qualifier": "approx"|"over"|"under"|null,
//!                      "period": "năm 2023" | null, "paragraph": 14, "start": 120, "end": 126,
//!                      "text": "13.663", "of": 120.0 | absent } ],
//!       "people": [ { "name": "Nguyễn Hữu Hiệp", "position": "Trưởng Ban Dân vận Thành ủy TPHCM" | null } ]
//!   } ] }
//! ```
//!
//! - Every text is NFC. Display text keeps the tone-mark placement the source used; matching
//!   goes through [`crate::core::text`].
//! - `paragraphs` holds every non-blank line of the source, in order: clutter is classified
//!   (`boilerplate`, `caption`, …), never deleted. `line` is the 1-based source line.
//! - `figures[].start`/`end` are offsets in Unicode scalar values (Rust `char`s, JS code points)
//!   into `paragraphs[paragraph].text`, end exclusive, and `text` is exactly that slice.
//! - `of` is present only for "42/120"-style figures: 42 out of 120.
//! - Reports are sorted by `file`; the same input gives byte-identical output.

use serde::{Deserialize, Serialize};

use crate::core::de::{deserialize_object, variant};
use crate::core::sorted_map::SortedMap;

/// The schema version this build writes and accepts.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole compiled corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bundle {
    pub schema_version: u32,
    pub generator: String,
    pub topics: Vec<Topic>,
    /// Groups of names that mean the same thing for search ("TPHCM" = "TP.HCM" = …).
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
    pub reports: Vec<Report>,
}

/// A topic of the curated taxonomy (`data/topics.toml`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub id: String,
    pub label: Label,
}

/// A UI string in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub vi: String,
    pub en: String,
}

/// What a report is about (not where its event was held).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum City {
    Hanoi,
    Hcmc,
    National,
    Other,
}

impl City {
    pub const ALL: [City; 4] = [City::Hanoi, City::Hcmc, City::National, City::Other];

    /// The value used in the bundle and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            City::Hanoi => "hanoi",
            City::Hcmc => "hcmc",
            City::National => "national",
            City::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<City> {
        City::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> Label {
        let (vi, en) = match self {
            City::Hanoi => ("Hà Nội", "Hà Nội"),
            City::Hcmc => ("TP. Hồ Chí Minh", "Ho Chi Minh City"),
            City::National => ("Toàn quốc", "National"),
            City::Other => ("Khác", "Other"),
        };
        Label {
            vi: vi.into(),
            en: en.into(),
        }
    }
}

/// Whether a metadata value was inferred by the compiler or set by a curator in the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    Inferred,
    Curated,
}

impl Provenance {
    /// The name as the bundle writes it ("inferred", "curated"): the reader's
    /// `data-provenance`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Inferred => "inferred",
            Provenance::Curated => "curated",
        }
    }
}

/// Whether each metadata field of a report was inferred or curated, keyed by field name and
/// kept in name order: a JSON object with its keys sorted, as a `BTreeMap` would write it. A
/// report has five entries, so a sorted list serves ([`SortedMap`]), and the app does without
/// a tree map type of its own (BENCHMARKS.md, "wasm size").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProvenanceMap(SortedMap<String, Provenance>);

impl ProvenanceMap {
    /// The provenance of `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&Provenance> {
        self.0.get(field)
    }

    /// Sets the provenance of `field`, returning the one it replaces.
    pub fn insert(&mut self, field: String, provenance: Provenance) -> Option<Provenance> {
        self.0.insert(field, provenance)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The provenances, in field name order.
    pub fn values(&self) -> impl Iterator<Item = &Provenance> {
        self.0.values()
    }
}

impl std::ops::Index<&str> for ProvenanceMap {
    type Output = Provenance;

    fn index(&self, field: &str) -> &Provenance {
        self.get(field).expect("no provenance for this field")
    }
}

impl FromIterator<(String, Provenance)> for ProvenanceMap {
    fn from_iter<I: IntoIterator<Item = (String, Provenance)>>(iter: I) -> Self {
        let mut map = ProvenanceMap::default();
        for (field, provenance) in iter {
            map.insert(field, provenance);
        }
        map
    }
}

impl Serialize for ProvenanceMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
    }
}

impl<'de> Deserialize<'de> for ProvenanceMap {
    /// Any JSON object of field names to provenances, as a `BTreeMap` reads it: a repeated
    /// key keeps its last value.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ProvenanceMap;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ProvenanceMap, A::Error> {
                let mut out = ProvenanceMap::default();
                while let Some((field, provenance)) = map.next_entry::<String, Provenance>()? {
                    out.insert(field, provenance);
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// One source report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub id: String,
    pub file: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub city: City,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    /// Keyed by field name: title, date, city, outlet, authors.
    pub provenance: ProvenanceMap,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub figures: Vec<Figure>,
    pub people: Vec<Person>,
}

impl Report {
    /// The year of `date`, when there is one.
    pub fn year(&self) -> Option<i32> {
        year_of(self.date.as_deref())
    }
}

/// The year of a bundle date ("2024-03-17", "2024-01", "2024"): its first four chars as a
/// number. The one reading of a date's year, for reports and their list entries alike.
pub fn year_of(date: Option<&str>) -> Option<i32> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// What a source line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Title,
    Kicker,
    Byline,
    Body,
    Caption,
    Boilerplate,
}

impl ParagraphKind {
    /// Clutter is kept in the bundle but neither searched nor mined for figures.
    pub fn is_clutter(self) -> bool {
        matches!(self, ParagraphKind::Boilerplate)
    }

    /// The kind's name as the bundle writes it ("title", "body", …): the reader's
    /// `data-kind` (the lowercase variant name, without formatting it through `Debug`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Title => "title",
            ParagraphKind::Kicker => "kicker",
            ParagraphKind::Byline => "byline",
            ParagraphKind::Body => "body",
            ParagraphKind::Caption => "caption",
            ParagraphKind::Boilerplate => "boilerplate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
    /// 1-based line in the source file.
    pub line: u32,
    #[serde(default)]
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    Approx,
    Over,
    Under,
}

/// A statistic stated in a report, with its exact source span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub unit: String,
    pub qualifier: Option<Qualifier>,
    pub period: Option<String>,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The whole, for "42/120"-style figures (42 out of 120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub position: Option<String>,
}

// The bundle is read by impls written once for all its types (`core::de`), not derived:
// the same JSON objects and strings, one copy of the matching code in the wasm.
deserialize_object!(Bundle { schema_version, generator, topics, aliases = default, reports });
deserialize_object!(Topic { id, label });
deserialize_object!(Label { vi, en });
deserialize_object!(Report {
    id, file, title, date, city, outlet, authors, provenance, notes = default, paragraphs,
    figures, people,
});
deserialize_object!(Paragraph { kind, text, line, topics = default });
deserialize_object!(Figure { value, unit, qualifier, period, paragraph, start, end, text, of = default });
deserialize_object!(Person { name, position });

/// `impl Deserialize` for a unit-only enum written as the lowercase names of `$all`, in order.
macro_rules! deserialize_names {
    ($ty:ident, $all:expr, [$($name:literal),*]) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok($all[variant(d, stringify!($ty), &[$($name),*])?])
            }
        }
    };
}
deserialize_names!(City, City::ALL, ["hanoi", "hcmc", "national", "other"]);
deserialize_names!(
    Provenance,
    [Provenance::Inferred, Provenance::Curated],
    ["inferred", "curated"]
);
deserialize_names!(
    ParagraphKind,
    [
        ParagraphKind::Title,
        ParagraphKind::Kicker,
        ParagraphKind::Byline,
        ParagraphKind::Body,
        ParagraphKind::Caption,
        ParagraphKind::Boilerplate
    ],
    [
        "title",
        "kicker",
        "byline",
        "body",
        "caption",
        "boilerplate"
    ]
);
deserialize_names!(
    Qualifier,
    [Qualifier::Approx, Qualifier::Over, Qualifier::Under],
    ["approx", "over", "under"]
);

/// Why a bundle could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum BundleError {
    /// Not JSON, or JSON of the wrong shape.
    Malformed(String),
    /// A schema version this build does not read.
    UnknownVersion(u64),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::Malformed(why) => write!(f, "the bundle is not valid: {why}"),
            BundleError::UnknownVersion(v) => write!(
                f,
                "the bundle has schema version {v}, but this explorer reads version {SCHEMA_VERSION}; rebuild it with the matching danvan compiler"
            ),
        }
    }
}

impl std::error::Error for BundleError {}

impl Bundle {
    /// Parses a bundle in one pass over the text. A bundle that does not fit the types is
    /// looked at again for its schema version only, so that a newer bundle gets the version
    /// message rather than a confusing field error.
    ///
    /// Not through `serde_json::Value` first: that built the whole document as a tree, then
    /// converted it, which doubled the parse time and the memory of a large bundle and put a
    /// second copy of every deserializer into the wasm.
    pub fn from_json(text: &str) -> Result<Bundle, BundleError> {
        Bundle::from_json_bytes(text.as_bytes())
    }

    /// [`Bundle::from_json`] on the bytes of the file, as they come off the network: UTF-8
    /// is checked while parsing, so the app never decodes the text into a second string.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Bundle, BundleError> {
        match serde_json::from_slice::<Bundle>(bytes) {
            Ok(bundle) if bundle.schema_version == SCHEMA_VERSION => Ok(bundle),
            Ok(bundle) => Err(BundleError::UnknownVersion(bundle.schema_version.into())),
            Err(shape) => Err(match version_of(bytes) {
                Some(Some(v)) if v != u64::from(SCHEMA_VERSION) => BundleError::UnknownVersion(v),
                Some(None) => BundleError::Malformed("it has no numeric \"schema_version\"".into()),
                _ => BundleError::Malformed(shape.to_string()),
            }),
        }
    }

    /// Serialises the bundle: compact, fields in declaration order, so output is deterministic.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a bundle always serialises")
    }
}

/// Only the schema version of a JSON object, whatever its other fields hold: `None` when the
/// text is not a JSON object, `Some(None)` when the object has no non-negative integer
/// `schema_version`.
fn version_of(bytes: &[u8]) -> Option<Option<u64>> {
    #[derive(Deserialize)]
    struct VersionOnly {
        #[serde(default)]
        schema_version: Option<AnyVersion>,
    }
    let probe: VersionOnly = serde_json::from_slice(bytes).ok()?;
    Some(probe.schema_version.and_then(|v| v.0))
}

/// Any JSON value, kept only as the non-negative integer it may be: what
/// `serde_json::Value::as_u64` would say of it, without building the value (the `Value` type
/// and its deserializer stay out of the wasm).
struct AnyVersion(Option<u64>);

impl<'de> Deserialize<'de> for AnyVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnyVersion;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<AnyVersion, E> {
                Ok(AnyVersion(Some(v)))
            }
            // serde_json gives a negative integer as i64 (a non-negative one as u64).
            fn visit_i64<E>(self, _: i64) -> Result<AnyVersion, E> {
                Ok(AnyVersion(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<AnyVersion, E> {
                Ok(AnyVersion(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<AnyVersion, E> {
                Ok(AnyVersion(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<AnyVersion, E> {
                Ok(AnyVersion(None))
            }
            fn visit_unit<E>(self) -> Result<AnyVersion, E> {
                Ok(AnyVersion(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AnyVersion, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(AnyVersion(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyVersion, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(AnyVersion(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Bundle {
        Bundle {
            schema_version: SCHEMA_VERSION,
            generator: "danvan test".into(),
            topics: vec![],
            aliases: vec![],
            reports: vec![],
        }
    }

    #[test]
    fn round_trips() {
        let b = tiny();
        assert_eq!(Bundle::from_json(&b.to_json()).unwrap(), b);
    }

    #[test]
    fn rejects_other_versions_in_words() {
        let err = Bundle::from_json(r#"{"schema_version": 99, "reports": 3}"#).unwrap_err();
        assert_eq!(err, BundleError::UnknownVersion(99));
        assert!(err.to_string().contains("99"));
    }

    #[test]
    fn checks_the_version_of_well_formed_and_of_misshapen_bundles() {
        let mut newer = tiny();
        newer.schema_version = 2;
        assert_eq!(
            Bundle::from_json(&newer.to_json()),
            Err(BundleError::UnknownVersion(2))
        );
        // Too big for the u32 field, yet still named as a version.
        assert_eq!(
            Bundle::from_json(r#"{"schema_version": 5000000000}"#),
            Err(BundleError::UnknownVersion(5_000_000_000))
        );
        assert_eq!(
            Bundle::from_json(r#"{"schema_version": "1", "reports": []}"#),
            Err(BundleError::Malformed(
                "it has no numeric \"schema_version\"".into()
            ))
        );
        // The right version with a wrong shape: the parser's reason, with its position.
        let Err(BundleError::Malformed(why)) =
            Bundle::from_json(r#"{"schema_version": 1, "generator": "x", "topics": 3}"#)
        else {
            panic!("a misshapen bundle must be refused as malformed");
        };
        assert!(
            why.contains("invalid type") && why.contains("column"),
            "{why}"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_malformed_not_a_panic() {
        // A valid bundle but for one byte inside the generator string.
        let json = tiny().to_json();
        let at = json.find("danvan test").unwrap();
        let mut bytes = json.into_bytes();
        bytes[at] = 0xff;
        let Err(BundleError::Malformed(why)) = Bundle::from_json_bytes(&bytes) else {
            panic!("invalid UTF-8 must be refused as malformed");
        };
        assert!(why.contains("invalid unicode"), "{why}");
        assert_eq!(
            Bundle::from_json_bytes(tiny().to_json().as_bytes()),
            Ok(tiny())
        );
    }

    #[test]
    fn version_probe_reads_what_a_json_value_would() {
        let values = [
            "1",
            "0",
            "2",
            "5000000000",
            "18446744073709551615",
            "18446744073709551616",
            "-1",
            "-0",
            "1.0",
            "1e3",
            "true",
            "null",
            "\"1\"",
            "[]",
            "[1, [2]]",
            "{}",
            r#"{"a": [1, {"b": null}]}"#,
        ];
        for v in values {
            let text = format!(r#"{{"x": [1, 2], "schema_version": {v}, "y": {{}}}}"#);
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                version_of(text.as_bytes()),
                Some(value["schema_version"].as_u64()),
                "{v}"
            );
        }
        assert_eq!(version_of(br#"{"reports": []}"#), Some(None));
        assert_eq!(version_of(b"<html>"), None);
        assert_eq!(version_of(br#"{"schema_version": [1,}"#), None);
        assert_eq!(
            version_of(br#"{"schema_version": 1, "schema_version": 1}"#),
            None
        );
    }

    /// The impls of `core::de` answer as serde's derive did (these messages are the derived
    /// impls' own): missing, duplicate and unknown fields, defaults, variants.
    #[test]
    fn reads_objects_as_the_derived_impls_did() {
        let report = |fields: &str| {
            format!(
                r#"{{"schema_version":1,"generator":"g","topics":[],"reports":[{{{fields}}}]}}"#
            )
        };
        let ok = r#""id":"a","file":"a.txt","title":null,"date":"2024","city":"hanoi","outlet":null,"authors":["X"],"provenance":{"title":"inferred","city":"curated"},"paragraphs":[{"kind":"body","text":"t","line":1}],"figures":[{"value":1.5,"unit":"u","qualifier":"over","period":null,"paragraph":0,"start":0,"end":1,"text":"t"}],"people":[{"name":"N","position":null}],"extra":{"deep":[1,{}]}"#;
        let b = Bundle::from_json(&report(ok)).unwrap();
        let r = &b.reports[0];
        assert_eq!(
            (r.city, r.title.as_deref(), r.notes.len()),
            (City::Hanoi, None, 0)
        );
        assert_eq!(r.provenance["city"], Provenance::Curated);
        assert_eq!(
            (r.paragraphs[0].kind, r.paragraphs[0].topics.len()),
            (ParagraphKind::Body, 0)
        );
        assert_eq!(
            (r.figures[0].qualifier, r.figures[0].of),
            (Some(Qualifier::Over), None)
        );
        // A missing `Option` field is `None`, as with the derive.
        let b = Bundle::from_json(&report(&ok.replace(r#""title":null,"#, ""))).unwrap();
        assert_eq!(b.reports[0].title, None);
        let why = |text: String| match Bundle::from_json(&text) {
            Err(BundleError::Malformed(why)) => why,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            why(report(&ok.replace(r#""id":"a","#, ""))),
            "missing field `id` at line 1 column 426"
        );
        assert_eq!(
            why(report(&ok.replace(
                r#""text":"t","line""#,
                r#""text":"t","text":"u","line""#
            ))),
            "duplicate field `text` at line 1 column 253"
        );
        assert_eq!(
            why(report(&ok.replace(r#""city":"hanoi""#, r#""city":"paris""#))),
            "unknown variant `paris`, expected one of `hanoi`, `hcmc`, `national`, `other` at line 1 column 125"
        );
        assert_eq!(
            why(report(&ok.replace(r#""city":"hanoi""#, r#""city":3"#))),
            "expected value at line 1 column 119"
        );
        assert_eq!(
            why(report(
                &ok.replace(r#""paragraphs":["#, r#""paragraphs":[3,"#)
            )),
            "invalid type: integer `3`, expected struct Paragraph at line 1 column 222"
        );
        assert_eq!(
            why(report(
                &ok.replace(r#""title":"inferred""#, r#""title":"guessed""#)
            )),
            "unknown variant `guessed`, expected `inferred` or `curated` at line 1 column 187"
        );
    }

    #[test]
    fn provenance_map_reads_and_writes_as_a_btree_map() {
        use std::collections::BTreeMap;
        let pairs = [
            ("title", Provenance::Inferred),
            ("authors", Provenance::Curated),
            ("date", Provenance::Inferred),
            ("city", Provenance::Curated),
            ("date", Provenance::Curated),
        ];
        let ours: ProvenanceMap = pairs.iter().map(|(f, p)| ((*f).to_owned(), *p)).collect();
        let tree: BTreeMap<String, Provenance> =
            pairs.iter().map(|(f, p)| ((*f).to_owned(), *p)).collect();
        let json = serde_json::to_string(&tree).unwrap();
        assert_eq!(serde_json::to_string(&ours).unwrap(), json);
        assert_eq!(ours.len(), 4);
        assert_eq!(ours["date"], Provenance::Curated);
        assert_eq!(ours.get("outlet"), None);
        // Unsorted keys and a repeated key (the last one wins), as a BTreeMap reads them.
        let text = r#"{"title":"curated","city":"inferred","title":"inferred"}"#;
        let ours: ProvenanceMap = serde_json::from_str(text).unwrap();
        let tree: BTreeMap<String, Provenance> = serde_json::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&tree).unwrap()
        );
        let err = |t: &str| {
            serde_json::from_str::<ProvenanceMap>(t)
                .unwrap_err()
                .to_string()
        };
        let tree_err = |t: &str| {
            serde_json::from_str::<BTreeMap<String, Provenance>>(t)
                .unwrap_err()
                .to_string()
        };
        for bad in [r#"[]"#, r#"{"title":"x"}"#, r#"{"title":1}"#, r#"3"#] {
            assert_eq!(err(bad), tree_err(bad), "{bad}");
        }
    }

    #[test]
    fn enum_names_are_the_wire_names_and_the_lowercase_variant_names() {
        use ParagraphKind::*;
        for kind in [Title, Kicker, Byline, Body, Caption, Boilerplate] {
            assert_eq!(kind.as_str(), format!("{kind:?}").to_ascii_lowercase());
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        for p in [Provenance::Inferred, Provenance::Curated] {
            assert_eq!(p.as_str(), format!("{p:?}").to_ascii_lowercase());
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
    }

    #[test]
    fn rejects_garbage() {
        assert!(matches!(
            Bundle::from_json("<html>"),
            Err(BundleError::Malformed(_))
        ));
        assert!(matches!(
            Bundle::from_json("{}"),
            Err(BundleError::Malformed(_))
        ));
    }
}
