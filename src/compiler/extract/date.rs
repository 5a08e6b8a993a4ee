//! The report's date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the text allows.
//!
//! In order of trust: a scraper's `date 2024-01` marker; a lead that opens with the event's day
//! ("Ngày 13/1, tại Hà Nội, …", the year taken from the "năm 2022" the same paragraph names);
//! a full date in the kicker, title or lead ("17/3/2024"; the latest one, since anniversaries
//! name the founding date first); a year in the title ("Năm 2022: …"). Dates deeper in the body
//! are the dates of documents and past events, not of the report, so they are not used.

use crate::compiler::clean::is_date_value;
use crate::core::model::{Paragraph, ParagraphKind};
use crate::core::text::{char_slice, toned_key, toned_words};

/// Years outside this range are not publication years of these reports.
const YEARS: std::ops::RangeInclusive<u32> = 1945..=2100;

/// Infers the date of a classified report.
pub fn infer(paragraphs: &[Paragraph]) -> Option<String> {
    marker(paragraphs)
        .or_else(|| lead_day(paragraphs))
        .or_else(|| head_full_date(paragraphs))
        .or_else(|| title_year(paragraphs))
}

fn marker(paragraphs: &[Paragraph]) -> Option<String> {
    paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Boilerplate)
        .filter_map(|p| p.text.strip_prefix("date "))
        .find(|v| is_date_value(v))
        .map(str::to_owned)
}

fn lead(paragraphs: &[Paragraph]) -> Option<&Paragraph> {
    paragraphs.iter().find(|p| p.kind == ParagraphKind::Body)
}

/// "Ngày 13/1, …" (or "Sáng 13/1", "Chiều ngày 13/1/2022") at the start of the lead.
fn lead_day(paragraphs: &[Paragraph]) -> Option<String> {
    let whole = lead(paragraphs)?.text.as_str();
    let text = super::credit(whole).map_or(whole, |(_, rest)| rest);
    let opening: String = text.chars().take(40).collect();
    let head = opening.split(',').next()?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let openers = ["ngày", "sáng", "chiều", "tối", "trưa"].map(toned_key);
    if words.len() > 3
        || !words
            .first()
            .is_some_and(|w| openers.contains(&toned_key(w)))
    {
        return None;
    }
    let (d, m, y) = parse_dmy(words.last()?)?;
    let year = y.or_else(|| latest_named_year(text))?;
    Some(format!("{year:04}-{m:02}-{d:02}"))
}

/// The latest "năm YYYY" a paragraph names: the year a "Ngày 13/1" lead belongs to.
fn latest_named_year(text: &str) -> Option<u32> {
    let mut keys = String::new();
    let toks = toned_words([Some(text)], &mut keys).swap_remove(0);
    let nam = toned_key("năm");
    toks.windows(2)
        .filter(|w| w[0].toned == nam)
        .filter_map(|w| char_slice(text, w[1].start, w[1].end).parse::<u32>().ok())
        .filter(|y| YEARS.contains(y))
        .max()
}

/// "13/1", "17/3/2024", with a plausible day and month.
fn parse_dmy(s: &str) -> Option<(u32, u32, Option<u32>)> {
    let s = s.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = s.split('/').collect();
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (d, m, y) = match parts.as_slice() {
        [d, m] => (num(d)?, num(m)?, None),
        [d, m, y] if y.len() == 4 => (num(d)?, num(m)?, Some(num(y)?)),
        _ => return None,
    };
    let ok = (1..=31).contains(&d) && (1..=12).contains(&m) && y.is_none_or(|y| YEARS.contains(&y));
    ok.then_some((d, m, y))
}

/// The latest "d/m/yyyy" in the kicker, the title or the lead.
fn head_full_date(paragraphs: &[Paragraph]) -> Option<String> {
    let lead_line = lead(paragraphs).map(|p| p.line);
    paragraphs
        .iter()
        .filter(|p| {
            matches!(p.kind, ParagraphKind::Kicker | ParagraphKind::Title)
                || Some(p.line) == lead_line && p.kind == ParagraphKind::Body
        })
        .flat_map(|p| {
            p.text
                .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':'))
        })
        .filter_map(parse_dmy)
        .filter_map(|(d, m, y)| y.map(|y| (y, m, d)))
        .max()
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// "Năm 2022: Công tác dân vận …": the latest year the title names.
fn title_year(paragraphs: &[Paragraph]) -> Option<String> {
    let title = paragraphs.iter().find(|p| p.kind == ParagraphKind::Title)?;
    let mut keys = String::new();
    toned_words([Some(title.text.as_str())], &mut keys)
        .swap_remove(0)
        .iter()
        .map(|t| char_slice(&title.text, t.start, t.end))
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .filter(|y| YEARS.contains(y))
        .max()
        .map(|y| y.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::clean::classify;

    fn date(text: &str) -> Option<String> {
        infer(&classify(text))
    }

    #[test]
    fn marker_wins() {
        assert_eq!(
            date(" date 2024-01 Tham dự hội nghị ngày 17/3/2023.").as_deref(),
            Some("2024-01")
        );
    }

    #[test]
    fn day_and_month_take_the_year_from_the_lead() {
        let text = "Hướng về cơ sở, bám sát dân\n\nNgày 13/1, tại Hà Nội, Ban Dân vận Trung ương tổng kết năm 2021, triển khai nhiệm vụ năm 2022, nhiệm kỳ 2021-2026.";
        assert_eq!(date(text).as_deref(), Some("2022-01-13"));
        // After an outlet's credit.
        let text = "(VOH) - Ngày 5/3, Thành uỷ TPHCM tổng kết phong trào năm 2023.";
        assert_eq!(date(text).as_deref(), Some("2023-03-05"));
        // Without a year to anchor it, a day and month are not a date.
        assert_eq!(date("Ngày 13/1, tại Hà Nội, hội nghị diễn ra."), None);
    }

    #[test]
    fn latest_full_date_in_the_head() {
        let text = "Kỷ niệm 94 năm Ngày thành lập Đảng bộ Hà Nội (17/3/1930 - 17/3/2024):\n\nPhát huy sức mạnh đại đoàn kết của Nhân dân\n\nKinhtedothi - Bài viết.\n\nChỉ thị ngày 1/10/2025 của Thành ủy.";
        assert_eq!(date(text).as_deref(), Some("2024-03-17"));
    }

    #[test]
    fn year_in_title() {
        let text = "Năm 2022: Công tác dân vận chú trọng cơ sở\n\n(VOH) - Năm 2021, công tác dân vận có nhiều dấu ấn.";
        assert_eq!(date(text).as_deref(), Some("2022"));
    }

    #[test]
    fn body_dates_are_not_the_report_date() {
        let text =
            "Phong trào thi đua được cụ thể hóa.\n\nĐề án số 04-ĐA/TU ngày 21/5/2021 về đào tạo.";
        assert_eq!(date(text), None);
    }

    #[test]
    fn bad_day_month_rejected() {
        assert_eq!(parse_dmy("42/120"), None);
        assert_eq!(parse_dmy("13/1"), Some((13, 1, None)));
        assert_eq!(parse_dmy("17/3/2024"), Some((17, 3, Some(2024))));
    }
}
