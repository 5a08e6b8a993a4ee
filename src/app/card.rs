//! What the report list shows for one report, computed from the bundle.
//!
//! The list's components only render a [`ReportCard`]; choosing the heading when a report has
//! no title, formatting its date and joining its authors happen here, DOM-free and tested
//! natively.

use crate::app::i18n::Msg;
use crate::core::i18n::Lang;
use crate::core::model::{ParagraphKind, Report};

/// The longest heading made from body text, in chars, before it is cut at a word boundary.
pub const MAX_INFERRED_HEADING: usize = 110;

/// One entry of the report list, ready to render in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportCard {
    /// The report's stable id (`data-report-id`).
    pub id: String,
    /// The title, or the first body sentence (shortened) when the report has no title.
    pub heading: String,
    /// True when `heading` was made from the body rather than being a title.
    pub heading_from_body: bool,
    /// The machine-readable date for `<time datetime>`, when there is one.
    pub date_iso: Option<String>,
    /// The date as a reader writes it in this language, or "undated".
    pub date_text: String,
    /// The city's label in this language.
    pub city: String,
    /// The bundle's city value (`hanoi`, `hcmc`, …), for styling.
    pub city_key: &'static str,
    pub outlet: Option<String>,
    /// Authors joined with commas; empty when none is known.
    pub authors: String,
}

impl ReportCard {
    pub fn new(report: &Report, lang: Lang) -> ReportCard {
        let (heading, heading_from_body) = match report.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => (title.to_owned(), false),
            _ => (inferred_heading(report), true),
        };
        ReportCard {
            id: report.id.clone(),
            heading,
            heading_from_body,
            date_iso: report.date.clone(),
            date_text: report
                .date
                .as_deref()
                .map(|d| format_date(d, lang))
                .unwrap_or_else(|| lang.msg(Msg::Undated).to_owned()),
            city: lang.label(&report.city.label()).to_owned(),
            city_key: report.city.as_str(),
            outlet: report.outlet.clone(),
            authors: report.authors.join(", "),
        }
    }
}

/// All cards of a bundle's reports, in bundle order.
pub fn cards(reports: &[Report], lang: Lang) -> Vec<ReportCard> {
    reports.iter().map(|r| ReportCard::new(r, lang)).collect()
}

/// A heading for a report without a title: its first body sentence, shortened.
/// Falls back to any non-clutter paragraph, then to the file name, so it is never empty.
fn inferred_heading(report: &Report) -> String {
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

/// Formats a bundle date ("2024-03-17", "2024-01" or "2024") for reading.
/// Anything else is shown as written: it is data, and hiding it would lose information.
pub fn format_date(date: &str, lang: Lang) -> String {
    const MONTHS_EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let year = parts.first().and_then(|y| number(y, 4));
    let month = parts
        .get(1)
        .and_then(|m| number(m, 2))
        .filter(|m| (1..=12).contains(m));
    let day = parts
        .get(2)
        .and_then(|d| number(d, 2))
        .filter(|d| (1..=31).contains(d));
    match (parts.len(), year, month, day) {
        (1, Some(y), _, _) => y.to_string(),
        (2, Some(y), Some(m), _) => match lang {
            Lang::Vi => format!("tháng {m}/{y}"),
            Lang::En => format!("{} {y}", MONTHS_EN[m as usize - 1]),
        },
        (3, Some(y), Some(m), Some(d)) => match lang {
            Lang::Vi => format!("{d:02}/{m:02}/{y}"),
            Lang::En => format!("{d} {} {y}", MONTHS_EN[m as usize - 1]),
        },
        _ => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{City, Paragraph};
    use std::collections::BTreeMap;

    fn paragraph(kind: ParagraphKind, text: &str) -> Paragraph {
        Paragraph {
            kind,
            text: text.into(),
            line: 1,
            topics: vec![],
        }
    }

    fn report(title: Option<&str>, paragraphs: Vec<Paragraph>) -> Report {
        Report {
            id: "r-1".into(),
            file: "001_x.txt".into(),
            title: title.map(Into::into),
            date: Some("2024-01".into()),
            city: City::Hcmc,
            outlet: None,
            authors: vec!["THU HƯỜNG".into(), "Vũ Mạnh".into()],
            provenance: BTreeMap::new(),
            notes: vec![],
            paragraphs,
            figures: vec![],
            people: vec![],
        }
    }

    #[test]
    fn a_title_is_used_as_is() {
        let r = report(Some("Dân vận khéo ở TP.HCM"), vec![]);
        let card = ReportCard::new(&r, Lang::Vi);
        assert_eq!(card.heading, "Dân vận khéo ở TP.HCM");
        assert!(!card.heading_from_body);
        assert_eq!(card.city, "TP. Hồ Chí Minh");
        assert_eq!(card.authors, "THU HƯỜNG, Vũ Mạnh");
        assert_eq!(card.date_text, "tháng 1/2024");
    }

    #[test]
    fn no_title_takes_the_first_body_sentence_skipping_clutter() {
        let r = report(
            None,
            vec![
                paragraph(ParagraphKind::Boilerplate, "Trang chủ | Thời sự"),
                paragraph(ParagraphKind::Caption, "Ảnh: hội nghị."),
                paragraph(
                    ParagraphKind::Body,
                    "Năm 2023, TP.HCM có 13.663 mô hình dân vận khéo. Các mô hình được nhân rộng.",
                ),
            ],
        );
        let card = ReportCard::new(&r, Lang::En);
        assert_eq!(
            card.heading,
            "Năm 2023, TP.HCM có 13.663 mô hình dân vận khéo."
        );
        assert!(card.heading_from_body);
        assert_eq!(card.city, "Ho Chi Minh City");
    }

    #[test]
    fn an_empty_title_counts_as_none() {
        let r = report(
            Some("  "),
            vec![paragraph(ParagraphKind::Body, "Thành uỷ họp.")],
        );
        assert_eq!(ReportCard::new(&r, Lang::Vi).heading, "Thành uỷ họp.");
    }

    #[test]
    fn a_report_with_only_clutter_falls_back_to_its_file() {
        let r = report(
            None,
            vec![paragraph(ParagraphKind::Boilerplate, "Bình luận")],
        );
        assert_eq!(ReportCard::new(&r, Lang::Vi).heading, "001_x.txt");
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
    fn dates_read_naturally_in_each_language() {
        assert_eq!(format_date("2024-03-17", Lang::Vi), "17/03/2024");
        assert_eq!(format_date("2024-03-07", Lang::En), "7 March 2024");
        assert_eq!(format_date("2022-01", Lang::En), "January 2022");
        assert_eq!(format_date("2024", Lang::Vi), "2024");
        assert_eq!(format_date("quý 2/2024", Lang::Vi), "quý 2/2024");
        assert_eq!(format_date("2024-13", Lang::En), "2024-13");
    }

    #[test]
    fn a_missing_date_is_said() {
        let mut r = report(Some("Tiêu đề"), vec![]);
        r.date = None;
        assert_eq!(ReportCard::new(&r, Lang::Vi).date_text, "Không rõ ngày");
        assert_eq!(ReportCard::new(&r, Lang::En).date_text, "Undated");
    }
}
