//! What the report list knows of a report before its text is loaded, and the small file that
//! carries it ahead of the bundle.
//!
//! At ten thousand reports the bundle is over a hundred megabytes: downloading, parsing and
//! indexing it takes seconds. The list and the facets need far less: each report's title (or a
//! heading made from its first sentence), date, city, outlet, authors, topics and people. The
//! compiler writes that as a second file beside the bundle, the **catalog**
//! ([`CatalogFile`], `bundle.catalog.json` beside `bundle.json`, a few percent of its size),
//! and the app shows the list from it while the bundle is still on its way.
//!
//! The catalog is a cache of the bundle, never a second source of truth: [`ReportMeta::of`] is
//! the one definition of a report's entry, used by the compiler to write the file and by the
//! app to recompute the entries from the bundle once it is there. If the two disagree (a
//! catalog left over from another compilation), the bundle's entries win.
//!
//! # Wire format (catalog schema_version 1)
//!
//! ```text
//! { "schema_version": 1, "generator": "danvan 0.1.0",
//!   "topics": [ … as in the bundle … ],
//!   "reports": [ { "id", "file", "title": "…" | null, "heading": "…" (only without a title),
//!                  "date": "2024-03-17" | null, "city", "outlet": "VOH" | null, "authors": [],
//!                  "topics": ["dan-van-kheo"], "people": ["Nguyễn Hữu Hiệp"], "paragraphs": 23 } ] }
//! ```
//!
//! Reports are in bundle order; `topics` are a report's distinct paragraph topics in order of
//! first use; `people` are the names of its `people`, in bundle order; `paragraphs` counts every
//! paragraph (clutter included), so a URL's `p` can be checked before the text arrives.

use serde::Serialize;

use crate::core::de::deserialize_object;

use crate::core::model::{year_of, City, ParagraphKind, Report, Topic};

/// The schema version of the catalog this build writes and accepts.
pub const CATALOG_SCHEMA_VERSION: u32 = 1;

/// The longest heading made from body text, in chars, before it is cut at a word boundary.
pub const MAX_INFERRED_HEADING: usize = 110;

/// The catalog file: every report's list entry, without the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogFile {
    pub schema_version: u32,
    pub generator: String,
    pub topics: Vec<Topic>,
    pub reports: Vec<ReportMeta>,
}

/// One report as the list and the facets see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportMeta {
    pub id: String,
    pub file: String,
    pub title: Option<String>,
    /// For a report without a (non-blank) title: its first body sentence, shortened
    /// ([`inferred_heading`]). Absent when there is a title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub date: Option<String>,
    pub city: City,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    /// Distinct topic ids of the report's paragraphs, in order of first use.
    pub topics: Vec<String>,
    /// The names of the report's people, in bundle order.
    pub people: Vec<String>,
    /// The number of paragraphs, clutter included.
    pub paragraphs: usize,
}

// Read by the impls of `core::de`, like the bundle's types.
deserialize_object!(CatalogFile {
    schema_version,
    generator,
    topics,
    reports
});
deserialize_object!(ReportMeta {
    id, file, title, heading = default, date, city, outlet, authors, topics, people, paragraphs,
});

impl ReportMeta {
    /// The entry of `report`: the one definition, for the compiler and the app alike.
    pub fn of(report: &Report) -> ReportMeta {
        let mut topics: Vec<String> = Vec::new();
        for id in report.paragraphs.iter().flat_map(|p| p.topics.iter()) {
            if !topics.contains(id) {
                topics.push(id.clone());
            }
        }
        ReportMeta {
            id: report.id.clone(),
            file: report.file.clone(),
            title: report.title.clone(),
            heading: title_of(&report.title)
                .is_none()
                .then(|| inferred_heading(report)),
            date: report.date.clone(),
            city: report.city,
            outlet: report.outlet.clone(),
            authors: report.authors.clone(),
            topics,
            people: report.people.iter().map(|p| p.name.clone()).collect(),
            paragraphs: report.paragraphs.len(),
        }
    }

    /// The title (trimmed) when there is one, else the heading made from the text.
    pub fn heading(&self) -> &str {
        title_of(&self.title).unwrap_or_else(|| self.heading.as_deref().unwrap_or(&self.file))
    }

    /// Whether [`ReportMeta::heading`] was made from the text rather than being a title.
    pub fn heading_from_body(&self) -> bool {
        title_of(&self.title).is_none()
    }

    /// The year of `date`, when there is one.
    pub fn year(&self) -> Option<i32> {
        year_of(self.date.as_deref())
    }
}

/// Why a catalog could not be used. The app then waits for the bundle instead: the catalog
/// only makes the first list faster.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogError {
    /// Not JSON, or JSON of the wrong shape.
    Malformed(String),
    /// A schema version this build does not read.
    UnknownVersion(u32),
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogError::Malformed(why) => write!(f, "the catalog is not valid: {why}"),
            CatalogError::UnknownVersion(v) => write!(
                f,
                "the catalog has schema version {v}, but this explorer reads version {CATALOG_SCHEMA_VERSION}"
            ),
        }
    }
}

impl CatalogFile {
    /// The catalog of a bundle's reports, in bundle order.
    pub fn of(generator: &str, topics: &[Topic], reports: &[Report]) -> CatalogFile {
        CatalogFile {
            schema_version: CATALOG_SCHEMA_VERSION,
            generator: generator.to_owned(),
            topics: topics.to_vec(),
            reports: reports.iter().map(ReportMeta::of).collect(),
        }
    }

    /// Parses a catalog from JSON bytes.
    pub fn from_json(bytes: &[u8]) -> Result<CatalogFile, CatalogError> {
        let catalog: CatalogFile =
            serde_json::from_slice(bytes).map_err(|e| CatalogError::Malformed(e.to_string()))?;
        if catalog.schema_version != CATALOG_SCHEMA_VERSION {
            return Err(CatalogError::UnknownVersion(catalog.schema_version));
        }
        Ok(catalog)
    }

    /// Serialises the catalog: compact and deterministic, like the bundle.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a catalog always serialises")
    }
}

/// A title worth showing: trimmed, and `None` when missing or blank.
fn title_of(title: &Option<String>) -> Option<&str> {
    title.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// A heading for a report without a title: its first body sentence, shortened.
/// Falls back to any non-clutter paragraph, then to the file name, so it is never empty.
pub fn inferred_heading(report: &Report) -> String {
    let paragraph = report
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Body && !p.text.trim().is_empty())
        .or_else(|| {
            report
                .paragraphs
                .iter()
                .find(|p| !p.kind.is_clutter() && !p.text.trim().is_empty())
        });
    match paragraph {
        Some(p) => shorten(first_sentence(p.text.trim()), MAX_INFERRED_HEADING),
        None => report.file.clone(),
    }
}

/// The text up to and including the first sentence end (". ", "! ", "? " or "…").
/// A full stop inside a number or an abbreviation ("13.663", "TP.HCM") is not followed by a
/// space, so it does not end the sentence.
pub fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…') {
            match chars.peek() {
                None => return text,
                Some((_, next)) if next.is_whitespace() => return &text[..i + c.len_utf8()],
                _ => {}
            }
        }
    }
    text
}

/// Cuts `text` to at most `max` chars at a word boundary, adding "…" when it cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    // Leave room for the ellipsis, then back off to the last space so no word is split.
    let limit = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..limit];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    format!("{head}…")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::model::{Paragraph, Person};

    pub(crate) fn paragraph(kind: ParagraphKind, text: &str, topics: &[&str]) -> Paragraph {
        Paragraph {
            kind,
            text: text.into(),
            line: 1,
            topics: topics.iter().map(|t| t.to_string()).collect(),
        }
    }

    /// A report of TP.HCM from VOH, January 2024, by THU HƯỜNG, naming two people.
    pub(crate) fn report(title: Option<&str>, paragraphs: Vec<Paragraph>) -> Report {
        Report {
            id: "r-1".into(),
            file: "001_x.txt".into(),
            title: title.map(Into::into),
            date: Some("2024-01".into()),
            city: City::Hcmc,
            outlet: Some("VOH".into()),
            authors: vec!["THU HƯỜNG".into()],
            provenance: Default::default(),
            notes: vec![],
            paragraphs,
            figures: vec![],
            people: vec![
                Person {
                    name: "Nguyễn Hữu Hiệp".into(),
                    position: Some("Trưởng Ban Dân vận".into()),
                },
                Person {
                    name: "Lê Văn A".into(),
                    position: None,
                },
            ],
        }
    }

    #[test]
    fn an_entry_holds_what_the_list_and_the_facets_need() {
        let r = report(
            Some("Dân vận khéo ở TP.HCM"),
            vec![
                paragraph(ParagraphKind::Body, "Một.", &["dan-van-kheo", "covid-19"]),
                paragraph(ParagraphKind::Boilerplate, "Trang chủ", &[]),
                paragraph(ParagraphKind::Body, "Hai.", &["covid-19", "ton-giao"]),
            ],
        );
        let m = ReportMeta::of(&r);
        assert_eq!(m.topics, ["dan-van-kheo", "covid-19", "ton-giao"]);
        assert_eq!(m.people, ["Nguyễn Hữu Hiệp", "Lê Văn A"]);
        assert_eq!(m.paragraphs, 3);
        assert_eq!(m.heading(), "Dân vận khéo ở TP.HCM");
        assert_eq!(m.heading, None, "no heading is stored beside a title");
        assert!(!m.heading_from_body());
        assert_eq!(m.year(), Some(2024));
    }

    #[test]
    fn no_title_takes_the_first_body_sentence_skipping_clutter() {
        let r = report(
            None,
            vec![
                paragraph(ParagraphKind::Boilerplate, "Trang chủ | Thời sự", &[]),
                paragraph(ParagraphKind::Caption, "Ảnh: hội nghị.", &[]),
                paragraph(
                    ParagraphKind::Body,
                    "Năm 2023, TP.HCM có 13.663 mô hình dân vận khéo. Các mô hình được nhân rộng.",
                    &[],
                ),
            ],
        );
        let m = ReportMeta::of(&r);
        assert_eq!(
            m.heading(),
            "Năm 2023, TP.HCM có 13.663 mô hình dân vận khéo."
        );
        assert!(m.heading_from_body());
    }

    #[test]
    fn an_empty_title_counts_as_none() {
        let r = report(
            Some("  "),
            vec![paragraph(ParagraphKind::Body, "Thành uỷ họp.", &[])],
        );
        let m = ReportMeta::of(&r);
        assert_eq!(m.heading(), "Thành uỷ họp.");
        assert!(m.heading_from_body());
    }

    #[test]
    fn a_report_with_only_clutter_falls_back_to_its_file() {
        let r = report(
            None,
            vec![paragraph(ParagraphKind::Boilerplate, "Bình luận", &[])],
        );
        assert_eq!(ReportMeta::of(&r).heading(), "001_x.txt");
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let long = "Công tác dân vận của hệ thống chính trị ".repeat(6);
        let short = shorten(long.trim(), 40);
        assert!(short.chars().count() <= 40, "{short}");
        assert!(short.ends_with('…'));
        assert!(long.starts_with(short.trim_end_matches('…')));
        assert!(!short.trim_end_matches('…').ends_with(' '));
        assert_eq!(shorten("Ngắn gọn.", 40), "Ngắn gọn.");
    }

    #[test]
    fn sentence_ends_need_a_following_space() {
        assert_eq!(
            first_sentence("Có 13.663 mô hình. Sau đó"),
            "Có 13.663 mô hình."
        );
        assert_eq!(first_sentence("Chỉ một câu"), "Chỉ một câu");
        assert_eq!(first_sentence("Vì sao? Vì dân."), "Vì sao?");
    }

    #[test]
    fn the_file_round_trips_and_refuses_other_versions() {
        let r = report(None, vec![paragraph(ParagraphKind::Body, "Câu một.", &[])]);
        let c = CatalogFile::of("danvan test", &[], std::slice::from_ref(&r));
        let json = c.to_json();
        assert!(json.contains("\"heading\":\"Câu một.\""), "{json}");
        assert_eq!(CatalogFile::from_json(json.as_bytes()).unwrap(), c);
        let newer = json.replacen("\"schema_version\":1", "\"schema_version\":7", 1);
        assert_eq!(
            CatalogFile::from_json(newer.as_bytes()),
            Err(CatalogError::UnknownVersion(7))
        );
        let Err(CatalogError::Malformed(why)) = CatalogFile::from_json(b"{\"reports\": 3}") else {
            panic!("a misshapen catalog must be refused");
        };
        assert!(!why.is_empty());
    }
}
