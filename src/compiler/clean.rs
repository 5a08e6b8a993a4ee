//! Stage 2, clean: every non-blank source line → a classified paragraph.
//!
//! Scraped pages carry site navigation, share buttons, photo captions (often twice), image file
//! names and "related news" footers. Nothing is deleted: each line becomes a [`Paragraph`] whose
//! `kind` says what it is, so the app can show the raw page and the compiler can mine only the
//! report's own words. Two kinds of clutter sit *inside* a line (a `date 2024-01` marker before
//! the text, a table cell's trailing `|`); those lines are split into two paragraphs with the
//! same line number, so no character of the source is lost and the text starts where the report does.
//!
//! The rules are deliberately plain and local (a line, its neighbours, its place on the page):
//! they are easy to check against the seed reports and fail in predictable ways on new ones.

use std::sync::LazyLock;

use crate::core::model::{Paragraph, ParagraphKind};
use crate::core::text::toned_phrase;

/// Lines after which the page holds only other headlines and comments.
const FOOTER_MARKERS: &[&str] = &[
    "Tin liên quan",
    "Tin nổi bật",
    "Tin cùng chuyên mục",
    "Tin nóng",
    "Xem nhiều nhất",
    "Tin mới nhất",
    "Tin khác",
    "Bình luận",
];

/// Whole lines that are site furniture.
const FURNITURE: &[&str] = &[
    "Chờ",
    "Chia sẻ",
    "Chia sẻ Zalo",
    "Chia sẻ Facebook",
    "Zalo",
    "Facebook",
    "In bài viết",
];

/// Words a line starts with when it describes a photo ("Quang cảnh hội nghị").
const CAPTION_OPENERS: &[&str] = &["Quang cảnh", "Ảnh", "Toàn cảnh"];

/// Places that look like a two-word name on a line of their own but are not bylines.
const NOT_NAMES: &[&str] = &["Hà Nội", "Việt Nam", "Sài Gòn", "Thủ Đô", "Trung Ương"];

/// A long line with no final punctuation is a photo caption, not a paragraph of prose;
/// section headings are the short ones (002 has a 15-word heading, 001 captions run past 30 words).
const CAPTION_MIN_WORDS: usize = 20;

/// Longer lines are never a footer marker or a share button.
const SHORT_LINE_BYTES: usize = 80;

/// Titles are one line; anything longer than this is the first paragraph of a report without one.
const TITLE_MAX_CHARS: usize = 200;

/// The lists above as toned phrases, computed once rather than per line.
fn phrases(list: &[&str]) -> Vec<String> {
    list.iter().map(|m| toned_phrase(m)).collect()
}
static FOOTER_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| phrases(FOOTER_MARKERS));
static FURNITURE_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| phrases(FURNITURE));
static OPENER_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| phrases(CAPTION_OPENERS));
static NAV_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| phrases(&["Tiêu điểm"]));
static NOT_NAME_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| phrases(NOT_NAMES));

fn para(kind: ParagraphKind, text: &str, line: u32) -> Paragraph {
    Paragraph {
        kind,
        text: text.to_owned(),
        line,
        topics: Vec::new(),
    }
}

/// Classifies the lines of one normalised report text (`\n` line ends, NFC).
pub fn classify(text: &str) -> Vec<Paragraph> {
    let lines: Vec<(u32, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (u32::try_from(i + 1).unwrap_or(u32::MAX), l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();

    let mut out: Vec<Paragraph> = Vec::with_capacity(lines.len() + 2);
    let mut in_footer = false;
    let mut i = 0;
    while i < lines.len() {
        let (line, text) = lines[i];
        // Markers and furniture are short lines; long lines skip the costly matching key.
        let phrase = if text.len() <= SHORT_LINE_BYTES {
            toned_phrase(text)
        } else {
            String::new()
        };
        if in_footer || is_footer_marker(&phrase) {
            // Everything under "Tin liên quan" and the like is other articles' headlines.
            in_footer = true;
            out.push(para(ParagraphKind::Boilerplate, text, line));
        } else if is_furniture(text, &phrase) {
            out.push(para(ParagraphKind::Boilerplate, text, line));
        } else if let Some((marker, rest)) = split_date_marker(text) {
            out.push(para(ParagraphKind::Boilerplate, marker, line));
            if !rest.is_empty() {
                out.push(para(ParagraphKind::Body, rest, line));
            }
        } else if let Some(caption) = table_cell_caption(text) {
            let pipe = &text[caption.len()..];
            out.push(para(ParagraphKind::Caption, caption, line));
            out.push(para(ParagraphKind::Boilerplate, pipe.trim_start(), line));
        } else if lines.get(i + 1).is_some_and(|&(_, next)| next == text) {
            // Scraped photo captions come twice in a row: the first is the caption, the copy clutter.
            out.push(para(ParagraphKind::Caption, text, line));
            out.push(para(ParagraphKind::Boilerplate, text, lines[i + 1].0));
            i += 1;
        } else if is_caption(text) {
            out.push(para(ParagraphKind::Caption, text, line));
        } else {
            out.push(para(ParagraphKind::Body, text, line));
        }
        i += 1;
    }
    mark_head(&mut out);
    mark_closing_byline(&mut out);
    out
}

/// Kicker, title and byline at the top of the page, before the first paragraph of prose.
fn mark_head(paras: &mut [Paragraph]) {
    let body: Vec<usize> = (0..paras.len())
        .filter(|&i| paras[i].kind == ParagraphKind::Body)
        .collect();
    let mut title_seen = false;
    let mut kicker_seen = false;
    for (n, &i) in body.iter().enumerate() {
        let text = paras[i].text.as_str();
        let next_is_title = body
            .get(n + 1)
            .is_some_and(|&j| is_title_shaped(&paras[j].text));
        if !title_seen && !kicker_seen && text.ends_with(':') && next_is_title {
            paras[i].kind = ParagraphKind::Kicker;
            kicker_seen = true;
        } else if !title_seen && is_title_shaped(text) && !is_byline_shaped(text) {
            paras[i].kind = ParagraphKind::Title;
            title_seen = true;
        } else if title_seen && is_byline_shaped(text) {
            paras[i].kind = ParagraphKind::Byline;
        } else {
            break;
        }
    }
}

/// A name alone on the last line of the report is its author ("THU HƯỜNG").
fn mark_closing_byline(paras: &mut [Paragraph]) {
    if let Some(last) = paras
        .iter_mut()
        .rev()
        .find(|p| p.kind != ParagraphKind::Boilerplate)
    {
        if last.kind == ParagraphKind::Body && is_byline_shaped(&last.text) {
            last.kind = ParagraphKind::Byline;
        }
    }
}

fn is_footer_marker(phrase: &str) -> bool {
    FOOTER_KEYS.iter().any(|m| m == phrase)
}

fn is_furniture(text: &str, phrase: &str) -> bool {
    if FURNITURE_KEYS.iter().any(|m| m == phrase) {
        return true;
    }
    // "Tiêu điểm: …" is the site's trending bar.
    if text.contains(':') {
        let head: String = text.chars().take(12).collect();
        if starts_with_phrase(&toned_phrase(&head), &NAV_KEYS[0]) {
            return true;
        }
    }
    // Lines without a letter or digit, such as a lone table-cell pipe.
    if !text.chars().any(char::is_alphanumeric) {
        return true;
    }
    is_image_file_name(text)
}

/// "nam-2022-cong-tac-dan-van chu-trong-…-anh1": an image's file name left behind by the scraper.
fn is_image_file_name(text: &str) -> bool {
    // Every line of a report comes here: the suffix is compared in place rather than on a
    // lower-cased copy of the line, and the hyphens are counted only for a slug.
    let b = text.as_bytes();
    let image_ext = [".jpg", ".jpeg", ".png", ".webp", ".gif"]
        .iter()
        .any(|e| b.len() >= e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes()));
    let ascii_slug = || {
        text.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.' | ' ')
        })
    };
    (ascii_slug() && text.matches('-').count() >= 3) || (image_ext && !text.contains(". "))
}

/// Splits " date 2024-01 Tham dự…" into the marker and the report text after it.
fn split_date_marker(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("date ")?;
    let value_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    if !is_date_value(&rest[..value_len]) {
        return None;
    }
    let marker = &text[.."date ".len() + value_len];
    Some((marker, rest[value_len..].trim_start()))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
pub fn is_date_value(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, max: u32| p.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

/// "Kết quả … cấp Thành phố. |": a table cell used as a photo caption. Returns the caption part.
fn table_cell_caption(text: &str) -> Option<&str> {
    let caption = text.strip_suffix('|')?.trim_end();
    caption
        .chars()
        .any(char::is_alphanumeric)
        .then_some(caption)
}

fn is_caption(text: &str) -> bool {
    if photo_credit(text) || text.ends_with("(Ảnh minh họa)") {
        return true;
    }
    // Only "at most 12" and "at least CAPTION_MIN_WORDS" matter: stop counting there, and at
    // 13 when the line ends like prose (the long-caption test below needs a final letter).
    let ends_alnum = text.chars().last().is_some_and(char::is_alphanumeric);
    let most = if ends_alnum { CAPTION_MIN_WORDS } else { 13 };
    let words = text.split_whitespace().take(most).count();
    if words <= 12 {
        let phrase = toned_phrase(text);
        if OPENER_KEYS.iter().any(|o| starts_with_phrase(&phrase, o)) {
            return true;
        }
    }
    words >= CAPTION_MIN_WORDS && ends_alnum
}

/// Whether the text holds "(Ảnh" or "(ảnh": one pass over its "(" rather than two searches.
fn photo_credit(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('(') {
        rest = &rest[i + 1..];
        if rest.starts_with("Ảnh") || rest.starts_with("ảnh") {
            return true;
        }
    }
    false
}

fn starts_with_phrase(phrase: &str, prefix: &str) -> bool {
    phrase
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// A one-line headline: short, at least three words, not ending like a sentence or a list item.
pub fn is_title_shaped(text: &str) -> bool {
    let last = text.chars().last().unwrap_or('.');
    let first = text.chars().next().unwrap_or('(');
    // The cheap tests first; the counts stop as soon as they know.
    !matches!(last, '.' | ',' | ';' | ':' | '…' | '|')
        && !matches!(first, '(' | '-' | '*' | '|' | '–')
        && text.chars().nth(TITLE_MAX_CHARS).is_none()
        && text.split_whitespace().nth(2).is_some()
}

/// "Nguyên Bảo", "THU HƯỜNG", "Vũ Mạnh - Tiến Đạt": one to three names of 2–4 capitalised syllables.
pub fn is_byline_shaped(text: &str) -> bool {
    if text.chars().nth(60).is_some() {
        // More than 60 chars.
        return false;
    }
    let names = split_byline(text);
    !names.is_empty() && names.len() <= 3 && names.iter().all(|n| is_name_shaped(n))
}

/// The names of a byline: "Vũ Mạnh - Tiến Đạt" → ["Vũ Mạnh", "Tiến Đạt"].
pub fn split_byline(text: &str) -> Vec<&str> {
    text.split([',', '-', '–', '&'])
        .flat_map(|part| part.split(" và "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn is_name_shaped(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let key = toned_phrase(name);
    if NOT_NAME_KEYS.contains(&key) {
        return false;
    }
    let all_caps = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_alphabetic() && !c.is_lowercase()));
    let capitalised = words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_alphabetic() && c.is_lowercase())
    });
    all_caps || capitalised
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParagraphKind::*;

    fn kinds(text: &str) -> Vec<(ParagraphKind, String, u32)> {
        classify(text)
            .into_iter()
            .map(|p| (p.kind, p.text, p.line))
            .collect()
    }

    fn k(kind: ParagraphKind, text: &str, line: u32) -> (ParagraphKind, String, u32) {
        (kind, text.to_owned(), line)
    }

    const BODY: &str = "Công tác dân vận năm 2023 tiếp tục có nhiều chuyển biến tích cực.";

    #[test]
    fn navigation_and_title() {
        let text = format!("Tiêu điểm: Nhân Humanity\nChờ...\n\nNăm 2022: Công tác dân vận chú trọng cơ sở\n\n{BODY}\n\nBình luận");
        assert_eq!(
            kinds(&text),
            [
                k(Boilerplate, "Tiêu điểm: Nhân Humanity", 1),
                k(Boilerplate, "Chờ...", 2),
                k(Title, "Năm 2022: Công tác dân vận chú trọng cơ sở", 4),
                k(Body, BODY, 6),
                k(Boilerplate, "Bình luận", 8),
            ]
        );
    }

    #[test]
    fn footer_swallows_unrelated_headlines() {
        let text = format!("{BODY}\nTin liên quan\nTin nổi bật\nKhát vọng cống hiến vì Việt Nam hùng cường\nNội dung dài của tin khác.\nXem nhiều nhất");
        let ks = kinds(&text);
        assert_eq!(ks[0].0, Body);
        assert!(ks[1..].iter().all(|p| p.0 == Boilerplate), "{ks:?}");
    }

    #[test]
    fn date_marker_is_split_off() {
        let ks = kinds(" date 2024-01 Tham dự hội nghị có các đồng chí lãnh đạo.");
        assert_eq!(
            ks,
            [
                k(Boilerplate, "date 2024-01", 1),
                k(Body, "Tham dự hội nghị có các đồng chí lãnh đạo.", 1)
            ]
        );
        // Not a marker: a sentence that happens to start with the word.
        assert_eq!(kinds("date of the event was unclear.")[0].0, Body);
    }

    #[test]
    fn repeated_caption_is_kept_once() {
        let cap = "Quang cảnh Hội nghị";
        let ks = kinds(&format!("{BODY}\n\n{cap}\n{cap}\n\n{BODY} Thêm."));
        assert_eq!(ks[1], k(Caption, cap, 3));
        assert_eq!(ks[2], k(Boilerplate, cap, 4));
        assert_eq!(ks[3].0, Body);
    }

    #[test]
    fn table_cells_and_pipes() {
        let ks = kinds("|\n|\nPhong trào \"Dân vận khéo\" góp phần xây dựng TP vững mạnh. |\nTừ năm 2018, phong trào thi đua được cụ thể hóa…");
        assert_eq!(
            ks,
            [
                k(Boilerplate, "|", 1),
                k(Boilerplate, "|", 2),
                k(
                    Caption,
                    "Phong trào \"Dân vận khéo\" góp phần xây dựng TP vững mạnh.",
                    3
                ),
                k(Boilerplate, "|", 3),
                k(Body, "Từ năm 2018, phong trào thi đua được cụ thể hóa…", 4),
            ]
        );
    }

    #[test]
    fn image_names_share_buttons_and_photo_credits() {
        let ks = kinds("Phát huy sức mạnh đại đoàn kết của Nhân dân\nNguyên Bảo\nChia sẻ Zalo\nnam-2022-cong-tac-dan-van chu-trong-xay-dung-voh.com.vn-anh1\nÔng Nguyễn Hữu Hiệp, Trưởng Ban Dân vận Thành ủy TPHCM. (Ảnh: TNO)\nKinhtedothi - Phát huy truyền thống vẻ vang.");
        let got: Vec<ParagraphKind> = ks.iter().map(|p| p.0).collect();
        assert_eq!(
            got,
            [Title, Byline, Boilerplate, Boilerplate, Caption, Body]
        );
    }

    #[test]
    fn kicker_above_title() {
        let ks = kinds("Kỷ niệm 94 năm Ngày thành lập Đảng bộ Thành phố Hà Nội (17/3/1930 - 17/3/2024):\n\nPhát huy sức mạnh đại đoàn kết của Nhân dân trong xây dựng Thủ đô\n\nNguyên Bảo\n\nKinhtedothi - Phát huy truyền thống.");
        let got: Vec<ParagraphKind> = ks.iter().map(|p| p.0).collect();
        assert_eq!(got, [Kicker, Title, Byline, Body]);
    }

    #[test]
    fn no_title_when_the_page_starts_with_prose_and_closing_byline() {
        let ks = kinds(&format!(
            "{BODY}\n\nNhiều chuyển biến tích cực\n\n{BODY}\n\nTHU HƯỜNG"
        ));
        let got: Vec<ParagraphKind> = ks.iter().map(|p| p.0).collect();
        // The short heading in the middle stays body.
        assert_eq!(got, [Body, Body, Body, Byline]);
    }

    #[test]
    fn long_unpunctuated_line_is_a_caption_but_heading_is_not() {
        let cap = "Đồng chí Đỗ Văn Phớn tặng Bằng khen của Ban Thường vụ Thành ủy TPHCM cho các tập thể có thành tích xuất sắc trong công tác dân vận năm 2023";
        let heading =
            "Phát huy vai trò “nòng cốt” chính trị, trách nhiệm của Mặt trận Tổ quốc Việt Nam";
        let ks = kinds(&format!("{BODY}\n{cap}\n{heading}\n{BODY} Hai."));
        let got: Vec<ParagraphKind> = ks.iter().map(|p| p.0).collect();
        assert_eq!(got, [Body, Caption, Body, Body]);
    }

    #[test]
    fn bylines() {
        assert!(is_byline_shaped("Vũ Mạnh - Tiến Đạt"));
        assert!(is_byline_shaped("THU HƯỜNG"));
        assert!(is_byline_shaped("Nguyên Bảo"));
        assert!(!is_byline_shaped("Quang cảnh hội nghị"));
        assert!(!is_byline_shaped("Hà Nội"));
        assert!(!is_byline_shaped("Bình"));
        assert_eq!(split_byline("Vũ Mạnh - Tiến Đạt"), ["Vũ Mạnh", "Tiến Đạt"]);
    }

    #[test]
    fn line_numbers_are_source_lines() {
        let ks = kinds("\n\nMột câu đủ dài để làm thân bài.\n\n\nHai câu cũng đủ dài.");
        assert_eq!(ks.iter().map(|p| p.2).collect::<Vec<_>>(), [3, 6]);
    }
}
