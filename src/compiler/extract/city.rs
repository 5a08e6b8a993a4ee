//! What city a report is about: Hà Nội, TP. Hồ Chí Minh, the whole country, or elsewhere.
//!
//! The place an event was held is not what a report is about: a national conference in Hà Nội
//! is `national`. So a national event named in the head (title, kicker, lead) decides first;
//! otherwise each city's mentions are counted, weighted by where they occur (the title counts
//! most). Matching goes through toned keys, so "Thành uỷ"/"Thành ủy" and NFD input do not
//! matter, and the many spellings of Hồ Chí Minh City are one city. "Hồ Chí Minh" alone is not
//! counted: in these reports it is the person ("tư tưởng, đạo đức, phong cách Hồ Chí Minh").

use crate::core::model::{City, Paragraph, ParagraphKind};
use std::sync::LazyLock;

use super::PLACE;
use crate::core::text::{toned_key, Word};

/// (words, weight) for each city. "TP.HCM" and "TP. HCM" tokenize to "tp hcm", so "hcm" covers them.
const HCMC: &[(&str, u32)] = &[
    ("tphcm", 2),
    ("hcm", 2),
    ("tp hồ chí minh", 2),
    ("thành phố hồ chí minh", 2),
    ("sài gòn", 2),
    ("thủ đức", 1),
];
const HANOI: &[(&str, u32)] = &[("hà nội", 2), ("thủ đô", 1)];

/// Phrases in the head that make a report national whatever city hosted it.
const NATIONAL: &[&str] = &[
    "hội nghị toàn quốc",
    "ban dân vận trung ương tổ chức",
    "ban dân vận trung ương đã tổ chức",
    "trên phạm vi cả nước",
];

fn pattern(words: &str) -> Vec<String> {
    words.split(' ').map(toned_key).collect()
}

/// A paragraph's words and the positions of those that start a pattern ([`starts_pattern`]):
/// a pattern can only occur at those.
struct Para<'p, 'k> {
    words: &'p [Word<'k>],
    starts: Vec<usize>,
}

/// How many times `needle` occurs among the paragraph's words.
fn count(para: &Para<'_, '_>, needle: &[String]) -> u32 {
    if needle.is_empty() {
        return 0;
    }
    let n = para
        .starts
        .iter()
        .filter(|&&i| {
            para.words
                .get(i..i + needle.len())
                .is_some_and(|w| w.iter().zip(needle).all(|(t, n)| t.toned == *n))
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The tables as toned keys, computed once rather than per report.
type Patterns = Vec<(Vec<String>, u32)>;
fn patterns(table: &[(&str, u32)]) -> Patterns {
    table.iter().map(|(w, s)| (pattern(w), *s)).collect()
}
static HCMC_KEYS: LazyLock<Patterns> = LazyLock::new(|| patterns(HCMC));
static HANOI_KEYS: LazyLock<Patterns> = LazyLock::new(|| patterns(HANOI));
static NATIONAL_KEYS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| NATIONAL.iter().map(|n| pattern(n)).collect());

fn score(paras: &[(Para<'_, '_>, u32)], patterns: &Patterns) -> u32 {
    paras
        .iter()
        .map(|(keys, weight)| {
            patterns
                .iter()
                .map(|(p, s)| count(keys, p).saturating_mul(*s))
                .sum::<u32>()
                .saturating_mul(*weight)
        })
        .sum()
}

/// Whether a toned key is the first word of a city or national pattern: only words with it
/// are compared with the patterns (the compiler answers this once per distinct word of the
/// corpus, see `extract::Vocabulary`).
pub fn starts_pattern(key: &str) -> bool {
    let first = |p: &Vec<String>| p.first().is_some_and(|w| w == key);
    HCMC_KEYS.iter().any(|(p, _)| first(p))
        || HANOI_KEYS.iter().any(|(p, _)| first(p))
        || NATIONAL_KEYS.iter().any(first)
}

/// Infers the city of a classified report.
pub fn infer(paragraphs: &[Paragraph]) -> City {
    let mut keys = String::new();
    let tokens = super::tokens_of(paragraphs, &mut keys);
    let flags = super::flags_of(&tokens);
    infer_with(paragraphs, &tokens, &flags)
}

/// [`infer`] with the paragraphs' tokens and their flags already computed (`tokens[i]` for
/// `paragraphs[i]`, `flags[i][k]` is [`word_flags`] of `tokens[i][k]`).
pub fn infer_with(paragraphs: &[Paragraph], tokens: &[Vec<Word<'_>>], flags: &[Vec<u8>]) -> City {
    let lead_index = paragraphs
        .iter()
        .position(|p| p.kind == ParagraphKind::Body);
    let mut weighted: Vec<(Para<'_, '_>, u32)> = Vec::new();
    // Indices into `weighted` of the head's paragraphs.
    let mut head: Vec<usize> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let weight = match p.kind {
            ParagraphKind::Title | ParagraphKind::Kicker => 3,
            ParagraphKind::Body if Some(i) == lead_index => 2,
            ParagraphKind::Body | ParagraphKind::Caption => 1,
            ParagraphKind::Byline | ParagraphKind::Boilerplate => continue,
        };
        let words = tokens.get(i).map_or(&[][..], Vec::as_slice);
        let starts = flags.get(i).map_or(&[][..], Vec::as_slice);
        let starts = (0..words.len())
            .filter(|&k| starts.get(k).is_some_and(|f| f & PLACE != 0))
            .collect();
        if weight > 1 {
            head.push(weighted.len());
        }
        weighted.push((Para { words, starts }, weight));
    }
    if NATIONAL_KEYS
        .iter()
        .any(|n| head.iter().any(|&h| count(&weighted[h].0, n) > 0))
    {
        return City::National;
    }
    let hcmc = score(&weighted, &HCMC_KEYS);
    let hanoi = score(&weighted, &HANOI_KEYS);
    match hcmc.cmp(&hanoi) {
        std::cmp::Ordering::Greater => City::Hcmc,
        std::cmp::Ordering::Less => City::Hanoi,
        std::cmp::Ordering::Equal => City::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::clean::classify;
    use unicode_normalization::UnicodeNormalization;

    fn city(text: &str) -> City {
        infer(&classify(text))
    }

    #[test]
    fn spellings_of_hcmc_are_one_city() {
        assert_eq!(
            city("Công tác dân vận ở TP.HCM có nhiều đổi mới."),
            City::Hcmc
        );
        assert_eq!(city("Thành uỷ TPHCM chỉ đạo công tác dân vận."), City::Hcmc);
        assert_eq!(
            city("Ủy ban nhân dân Thành phố Hồ Chí Minh bồi dưỡng cán bộ."),
            City::Hcmc
        );
        assert_eq!(
            city("Ban Dân vận TP. Hồ Chí Minh và Sài Gòn xưa."),
            City::Hcmc
        );
    }

    #[test]
    fn the_person_is_not_the_city() {
        let text = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ở Hà Nội.";
        assert_eq!(city(text), City::Hanoi);
        assert_eq!(
            city("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
            City::Other
        );
    }

    #[test]
    fn tone_placement_and_nfd_do_not_matter() {
        let nfd: String = "Thành ủy HÀ NỘI và Thủ đô phát triển.".nfd().collect();
        assert_eq!(city(&nfd), City::Hanoi);
    }

    #[test]
    fn national_conference_held_in_hanoi_is_national() {
        let text = "Hướng về cơ sở, bám sát dân\n\nNgày 13/1, tại Hà Nội, Ban Dân vận Trung ương tổ chức Hội nghị toàn quốc tổng kết công tác dân vận.\n\nHà Nội, Hà Nội.";
        assert_eq!(city(text), City::National);
        // Deep in the body, a national congress is only mentioned.
        let text = "Công tác dân vận ở TPHCM có nhiều dấu ấn.\n\nSau Đại hội Đảng toàn quốc, hội nghị toàn quốc đã bàn.";
        assert_eq!(city(text), City::Hcmc);
    }

    #[test]
    fn the_title_weighs_more() {
        let text = "Phát huy sức mạnh Nhân dân Hà Nội\n\nCông tác dân vận phát triển.\n\nĐoàn công tác thăm TPHCM.";
        assert_eq!(city(text), City::Hanoi);
    }
}
