//! What the report list shows for one report, computed from its list entry.
//!
//! The list's components only render a [`ReportCard`]; formatting its date, naming its city
//! and joining its authors happen here, DOM-free and tested natively. The heading of a report
//! without a title is chosen by the core ([`ReportMeta::heading`]), so the compiler's catalog
//! file and the app agree on it.

use crate::app::i18n::Msg;
use crate::core::i18n::Lang;
use crate::core::meta::ReportMeta;

/// One entry of the report list, ready to render in one language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// The card of a report's list entry (from the catalog file or recomputed from the bundle).
    pub fn new(meta: &ReportMeta, lang: Lang) -> ReportCard {
        ReportCard {
            id: meta.id.clone(),
            heading: meta.heading().to_owned(),
            heading_from_body: meta.heading_from_body(),
            date_iso: meta.date.clone(),
            date_text: meta
                .date
                .as_deref()
                .map(|d| format_date(d, lang))
                .unwrap_or_else(|| lang.msg(Msg::Undated).to_owned()),
            city: lang.label(&meta.city.label()).to_owned(),
            city_key: meta.city.as_str(),
            outlet: meta.outlet.clone(),
            authors: meta.authors.join(", "),
        }
    }
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
    use crate::core::meta::tests::{paragraph, report};
    use crate::core::model::{ParagraphKind, Report};

    fn card(r: &Report, lang: Lang) -> ReportCard {
        ReportCard::new(&ReportMeta::of(r), lang)
    }

    #[test]
    fn a_title_is_used_as_is() {
        let mut r = report(Some("Dân vận khéo ở TP.HCM"), vec![]);
        r.authors.push("Vũ Mạnh".into());
        let card = card(&r, Lang::Vi);
        assert_eq!(card.heading, "Dân vận khéo ở TP.HCM");
        assert!(!card.heading_from_body);
        assert_eq!(card.city, "TP. Hồ Chí Minh");
        assert_eq!(card.authors, "THU HƯỜNG, Vũ Mạnh");
        assert_eq!(card.date_text, "tháng 1/2024");
        assert_eq!(card.outlet.as_deref(), Some("VOH"));
    }

    #[test]
    fn no_title_takes_the_heading_made_from_the_text() {
        let body = paragraph(
            ParagraphKind::Body,
            "Năm 2023, TP.HCM có 13.663 mô hình. Các mô hình được nhân rộng.",
            &[],
        );
        let card = card(&report(None, vec![body]), Lang::En);
        assert_eq!(card.heading, "Năm 2023, TP.HCM có 13.663 mô hình.");
        assert!(card.heading_from_body);
        assert_eq!(card.city, "Ho Chi Minh City");
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
        assert_eq!(card(&r, Lang::Vi).date_text, "Không rõ ngày");
        assert_eq!(card(&r, Lang::En).date_text, "Undated");
    }
}
