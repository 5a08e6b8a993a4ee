//! People a report names, with their positions as the report gives them.
//!
//! A name is a run of 2–4 capitalised syllables starting with a Vietnamese surname
//! ("Nguyễn Hữu Hiệp", "Bùi Thị Minh Hoài"). Its position comes either after it
//! ("Đỗ Văn Phớn, Phó Trưởng Ban Dân vận Trung ương;") or before it
//! ("Phó Bí thư Thành ủy TPHCM Nguyễn Phước Lộc"); both must open with a title word
//! ("Trưởng", "Phó", "Chủ tịch", …), which keeps ordinary clauses out. A person named several
//! times keeps the fullest position. Authors are not people of the report, and "Hồ Chí Minh"
//! (the city or the president) never is; neither is a place such as "quận Hoàng Mai".

use crate::core::fnv::FnvSet;
use crate::core::model::{Paragraph, ParagraphKind, Person};
use std::sync::LazyLock;

use super::{word_flags, SURNAME};
use crate::core::text::{toned_key, toned_phrase, toned_words, Word};

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Đinh", "Lâm", "Mai",
    "Tô", "Hà", "Tạ", "Lưu", "Cao", "Châu", "Quách", "Thái", "Tăng", "Lương", "Kiều", "Triệu",
    "La", "Từ", "Hứa", "Nông", "Lò", "Khổng", "Thân", "Mạc", "Chu", "Diệp", "Phùng", "Tống", "Lại",
];

/// Places whose first word is also a surname ("Hà Nội"), and the name no report's person has.
const NOT_PEOPLE: &[&str] = &[
    "Hồ Chí Minh",
    "Hà Nội",
    "Hà Nam",
    "Hà Tĩnh",
    "Hà Giang",
    "Hà Đông",
    "Lâm Đồng",
    "Cao Bằng",
    "Thái Bình",
    "Thái Nguyên",
    "Thái Lan",
    "Hoàng Mai",
    "Hoàng Sa",
    "Hồ Gươm",
    "Hồ Tây",
    "Tô Lịch",
];

/// Words that open a position: "Trưởng Ban…", "Phó Bí thư…", "Chủ tịch…", "Vụ trưởng…".
const TITLE_WORDS: &[&str] = &[
    "trưởng",
    "phó",
    "chủ tịch",
    "chủ nhiệm",
    "bí thư",
    "ủy viên",
    "thường trực",
    "vụ trưởng",
    "giám đốc",
    "tổng bí thư",
    "tổng giám đốc",
    "bộ trưởng",
    "thứ trưởng",
    "thủ tướng",
    "chánh",
    "cục trưởng",
    "viện trưởng",
    "hiệu trưởng",
    "đại biểu",
    "nguyên",
    "thành ủy viên",
    "tỉnh ủy viên",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tướng",
    "trung tướng",
    "thượng tướng",
    "đại tướng",
    "chủ tịch nước",
    "tổng thư ký",
    "trưởng ban",
];

/// Words that may stand between a clause start and a position before a name ("có Ủy viên …").
const CONNECTORS: &[&str] = &["có", "là", "gồm", "ông", "bà", "đồng chí", "và", "cùng"];

/// A word before a capitalised run that makes it a place, not a person.
const PLACE_WORDS: &[&str] = &[
    "quận",
    "huyện",
    "phường",
    "xã",
    "tỉnh",
    "thành phố",
    "tp",
    "đường",
    "phố",
    "thị xã",
    "thị trấn",
    "sông",
    "cầu",
    "làng",
    "thôn",
    "ấp",
    "trường",
    "bệnh viện",
    "cảng",
    "chợ",
    "bác",
];

/// Words that end a position given after a name ("…, Chủ tịch UBND xã, cho biết").
const POSITION_ENDERS: &[&str] = &[
    "cùng",
    "cho biết",
    "phát biểu",
    "khẳng định",
    "nhấn mạnh",
    "cho rằng",
    "chia sẻ",
    "nói",
    "đã",
    "tặng",
    "trao",
    "dự",
    "thăm",
    "yêu cầu",
    "đề nghị",
    "lưu ý",
    "nhận xét",
    "báo cáo",
];

const MAX_POSITION_WORDS: usize = 25;

/// Finds people in the report's own text (title, kicker, body, captions).
pub fn find(paragraphs: &[Paragraph], authors: &[String]) -> Vec<Person> {
    let mut keys = String::new();
    let tokens = super::tokens_of(paragraphs, &mut keys);
    let flags = super::flags_of(&tokens);
    find_with(paragraphs, &tokens, &flags, authors)
}

/// Whether a toned key is a surname's: the one lookup every word of the report's own text
/// gets here (the compiler answers it once per distinct word, see `extract::Vocabulary`).
pub fn is_surname(key: &str) -> bool {
    SURNAME_KEYS.contains(key)
}

/// [`find`] with the paragraphs' tokens already computed (`tokens[i]` for `paragraphs[i]`),
/// and their flags (`flags[i][k]` is [`word_flags`] of `tokens[i][k]`).
pub fn find_with(
    paragraphs: &[Paragraph],
    tokens: &[Vec<Word<'_>>],
    flags: &[Vec<u8>],
    authors: &[String],
) -> Vec<Person> {
    let authors: Vec<String> = authors.iter().map(|a| toned_phrase(a)).collect();
    let mut people: Vec<Person> = Vec::new();
    // The toned phrase of each person's name, computed once (`keys[i]` for `people[i]`).
    let mut keys: Vec<String> = Vec::new();
    for ((p, toks), flags) in paragraphs
        .iter()
        .zip(tokens)
        .zip(flags)
        .filter(|((p, _), _)| {
            matches!(
                p.kind,
                ParagraphKind::Title
                    | ParagraphKind::Kicker
                    | ParagraphKind::Body
                    | ParagraphKind::Caption
            )
        })
    {
        for person in in_tokens(&p.text, toks, flags) {
            let key = toned_phrase(&person.name);
            if authors.contains(&key) {
                continue;
            }
            match keys.iter().position(|k| *k == key) {
                Some(at) => {
                    let q = &mut people[at];
                    let longer = |a: &Option<String>, b: &Option<String>| {
                        a.as_deref().map_or(0, |s| s.chars().count())
                            > b.as_deref().map_or(0, |s| s.chars().count())
                    };
                    if longer(&person.position, &q.position) {
                        q.position = person.position;
                    }
                }
                None => {
                    people.push(person);
                    keys.push(key);
                }
            }
        }
    }
    people
}

fn is_capitalised(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
}

/// A word list as toned keys, computed once: matching runs for every token of every paragraph.
struct Words(Vec<Vec<String>>);

impl Words {
    fn new(list: &[&str]) -> Words {
        Words(
            list.iter()
                .map(|p| p.split(' ').map(toned_key).collect())
                .collect(),
        )
    }

    /// The number of tokens of the first phrase that starts at token `i`, if any.
    fn at(&self, toks: &[Word<'_>], i: usize) -> Option<usize> {
        self.0.iter().find(|w| matches_at(toks, i, w)).map(Vec::len)
    }

    /// Whether a phrase ends right before token `i`.
    fn before(&self, toks: &[Word<'_>], i: usize) -> bool {
        self.0
            .iter()
            .any(|w| i >= w.len() && matches_at(toks, i - w.len(), w))
    }
}

fn matches_at(toks: &[Word<'_>], i: usize, words: &[String]) -> bool {
    toks.len() >= i + words.len()
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| toks[i + k].toned == *w)
}

static TITLES: LazyLock<Words> = LazyLock::new(|| Words::new(TITLE_WORDS));
static LEAD_INS: LazyLock<Words> = LazyLock::new(|| Words::new(CONNECTORS));
static PLACES: LazyLock<Words> = LazyLock::new(|| Words::new(PLACE_WORDS));
static ENDERS: LazyLock<Words> = LazyLock::new(|| Words::new(POSITION_ENDERS));
static NON_PERSONS: LazyLock<Words> = LazyLock::new(|| Words::new(NOT_PEOPLE));
static SURNAME_KEYS: LazyLock<FnvSet<String>> =
    LazyLock::new(|| SURNAMES.iter().map(|s| toned_key(s)).collect());

/// The people named in one paragraph, in order.
pub fn in_text(raw: &str) -> Vec<Person> {
    let mut keys = String::new();
    let words = toned_words([Some(raw)], &mut keys);
    let flags: Vec<u8> = words[0].iter().map(|t| word_flags(t.toned)).collect();
    in_tokens(raw, &words[0], &flags)
}

fn in_tokens(raw: &str, toks: &[Word<'_>], flags: &[u8]) -> Vec<Person> {
    let surname = |i: usize| flags.get(i).is_some_and(|f| f & SURNAME != 0);
    // Every name starts with a surname: most paragraphs are left after this one pass.
    if !(0..toks.len()).any(surname) {
        return Vec::new();
    }
    // Everything below works on byte offsets (the words carry theirs), so nothing walks the
    // paragraph from its start to find a char.
    let word = |t: &Word<'_>| &raw[t.byte_start..t.byte_end];
    let mut out = Vec::new();
    let mut prev_end = 0usize;
    let mut i = 0;
    while i < toks.len() {
        if !(surname(i) && is_capitalised(word(&toks[i]))) {
            i += 1;
            continue;
        }
        // Extend over capitalised syllables separated by single spaces, stopping at a title word.
        let mut j = i + 1;
        while j < toks.len()
            && j - i < 4
            && toks[j].start == toks[j - 1].end + 1
            && matches!(char_at(raw, toks[j - 1].byte_end), Some(' ' | '\u{a0}'))
            && is_capitalised(word(&toks[j]))
            && TITLES.at(toks, j).is_none()
        {
            j += 1;
        }
        let name_start = toks[i].byte_start;
        let name_end = toks[j - 1].byte_end;
        let name = &raw[name_start..name_end];
        let is_place = PLACES.before(toks, i);
        // "Hà Nội Trần Thị Hoa": skip just the place, then read the name after it.
        if let Some(len) = NON_PERSONS.at(toks, i) {
            i += len;
            continue;
        }
        if j - i < 2 || is_place {
            i = j;
            continue;
        }
        let position = position_after(raw, toks, j, name_end)
            .or_else(|| position_before(raw, toks, prev_end, name_start));
        out.push(Person {
            name: name.to_owned(),
            position,
        });
        prev_end = name_end;
        i = j;
    }
    out
}

/// The char that starts at byte `k` of `text`.
fn char_at(text: &str, k: usize) -> Option<char> {
    text.get(k..)?.chars().next()
}

/// Whether char `c`, at byte `k` of `text`, ends a clause.
fn is_clause_break(text: &str, k: usize, c: char) -> bool {
    match c {
        ';' | ':' | '(' | ')' | '“' | '”' | '"' | '\n' | '?' | '!' => true,
        // "TP. Hồ Chí Minh" keeps its dot; a sentence's full stop ends the position. The two
        // chars before are ASCII exactly when their two bytes are.
        '.' => !matches!(
            text.as_bytes().get(k.wrapping_sub(2)..k),
            Some(b"TP" | b"Tp")
        ),
        _ => false,
    }
}

/// "Nguyễn Hữu Hiệp, Trưởng Ban Dân vận Thành ủy TPHCM." → the text after the comma.
fn position_after(raw: &str, toks: &[Word<'_>], next: usize, name_end: usize) -> Option<String> {
    if raw.as_bytes().get(name_end) != Some(&b',') || next >= toks.len() {
        return None;
    }
    let first = &toks[next];
    if !is_capitalised(&raw[first.byte_start..first.byte_end]) || TITLES.at(toks, next).is_none() {
        return None;
    }
    let from = first.byte_start;
    let mut end = raw[from..]
        .char_indices()
        .find(|&(k, c)| is_clause_break(raw, from + k, c))
        .map_or(raw.len(), |(k, _)| from + k);
    for (t, tok) in toks.iter().enumerate().skip(next + 1) {
        if tok.byte_start >= end {
            break;
        }
        if ENDERS.at(toks, t).is_some() {
            end = tok.byte_start;
            break;
        }
    }
    clean_position(&raw[from..end])
}

/// "Phó Bí thư Thành ủy TPHCM Nguyễn Phước Lộc" → the title words before the name, within its clause.
///
/// The comma-separated part right before the name must hold the position (a lead-in such as
/// "Dự hội nghị có" may precede it); earlier parts extend the position while they are wholly
/// positions ("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Võ Văn Thưởng").
fn position_before(
    raw: &str,
    toks: &[Word<'_>],
    floor: usize,
    name_start: usize,
) -> Option<String> {
    let mut from: Option<usize> = None;
    let mut part_end = name_start;
    loop {
        // Back from the part's end to a comma or a clause break (or the floor), char by char.
        let mut part_start = part_end;
        while part_start > floor {
            let Some(c) = raw[..part_start].chars().next_back() else {
                break;
            };
            let k = part_start - c.len_utf8();
            if c == ',' || is_clause_break(raw, k, c) {
                break;
            }
            part_start = k;
        }
        let inside: Vec<usize> = (0..toks.len())
            .filter(|&t| toks[t].byte_start >= part_start && toks[t].byte_end <= part_end)
            .collect();
        let Some(&first) = inside.first() else { break };
        let candidate = inside.iter().copied().find(|&t| {
            is_capitalised(&raw[toks[t].byte_start..toks[t].byte_end])
                && TITLES.at(toks, t).is_some()
                && (t == first
                    || LEAD_INS.before(toks, t) && all_lower_between(raw, toks, first, t))
        });
        let Some(t) = candidate else { break };
        from = Some(toks[t].byte_start);
        let more = t == first
            && part_start > floor
            && part_start > 0
            && raw.as_bytes()[part_start - 1] == b',';
        if !more {
            break;
        }
        part_end = part_start - 1;
    }
    clean_position(&raw[from?..name_start])
}

/// Before a title word that is not at its clause's start, only a lead-in such as "Dự hội nghị có".
fn all_lower_between(raw: &str, toks: &[Word<'_>], f: usize, t: usize) -> bool {
    (f + 1..t).all(|k| !is_capitalised(&raw[toks[k].byte_start..toks[k].byte_end]))
}

fn clean_position(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches([',', ' ', '-', '–']).trim();
    let words = s.split_whitespace().count();
    (words > 0 && words <= MAX_POSITION_WORDS).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, Option<String>)> {
        in_text(text)
            .into_iter()
            .map(|p| (p.name, p.position))
            .collect()
    }

    fn p(name: &str, pos: Option<&str>) -> (String, Option<String>) {
        (name.to_owned(), pos.map(str::to_owned))
    }

    #[test]
    fn position_after_the_name() {
        assert_eq!(
            people("VOH có cuộc phỏng vấn ông Nguyễn Hữu Hiệp, Trưởng Ban Dân vận Thành ủy TPHCM."),
            [p(
                "Nguyễn Hữu Hiệp",
                Some("Trưởng Ban Dân vận Thành ủy TPHCM")
            )]
        );
    }

    #[test]
    fn lists_of_comrades() {
        let text = "Tham dự hội nghị có các đồng chí: Đỗ Văn Phớn, Phó Trưởng Ban Dân vận Trung ương; Vũ Anh Tuấn, Vụ trưởng, Trưởng Cơ quan Thường trực Ban Dân vận Trung ương tại TPHCM.";
        assert_eq!(
            people(text),
            [
                p("Đỗ Văn Phớn", Some("Phó Trưởng Ban Dân vận Trung ương")),
                p(
                    "Vũ Anh Tuấn",
                    Some("Vụ trưởng, Trưởng Cơ quan Thường trực Ban Dân vận Trung ương tại TPHCM")
                ),
            ]
        );
        let text = "Trần Kim Yến, Ủy viên Ban Thường vụ Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam TPHCM cùng các đồng chí Trưởng ban.";
        assert_eq!(
            people(text),
            [p(
                "Trần Kim Yến",
                Some("Ủy viên Ban Thường vụ Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam TPHCM")
            )]
        );
    }

    #[test]
    fn position_before_the_name() {
        assert_eq!(
            people(
                "Phát biểu tại hội nghị, Phó Bí thư Thành ủy TPHCM Nguyễn Phước Lộc đánh giá cao."
            ),
            [p("Nguyễn Phước Lộc", Some("Phó Bí thư Thành ủy TPHCM"))]
        );
        assert_eq!(
            people("Dự hội nghị có Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Võ Văn Thưởng; các Bí thư Trung ương Đảng: Chủ tịch UBTƯ MTTQ Việt Nam Đỗ Văn Chiến; Trưởng ban Dân vận Trung ương Bùi Thị Minh Hoài."),
            [
                p("Võ Văn Thưởng", Some("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư")),
                p("Đỗ Văn Chiến", Some("Chủ tịch UBTƯ MTTQ Việt Nam")),
                p("Bùi Thị Minh Hoài", Some("Trưởng ban Dân vận Trung ương")),
            ]
        );
        // A clause that is not a position stops the search.
        assert_eq!(
            people("Phát biểu tại Hội nghị, thay mặt Bộ Chính trị, Ban Bí thư, Thường trực Ban Bí thư Võ Văn Thưởng biểu dương."),
            [p("Võ Văn Thưởng", Some("Thường trực Ban Bí thư"))]
        );
    }

    #[test]
    fn names_without_positions() {
        assert_eq!(
            people("Đồng chí Đỗ Văn Phớn và đồng chí Nguyễn Phước Lộc tặng Bằng khen."),
            [p("Đỗ Văn Phớn", None), p("Nguyễn Phước Lộc", None)]
        );
        assert_eq!(
            people("- Ông Nguyễn Hữu Hiệp: Công tác dân vận."),
            [p("Nguyễn Hữu Hiệp", None)]
        );
    }

    #[test]
    fn places_and_the_president_are_not_people() {
        assert_eq!(
            people("Phó Bí thư Thành ủy Hà Nội Trần Thị Hoa kiểm tra."),
            [p("Trần Thị Hoa", Some("Phó Bí thư Thành ủy Hà Nội"))]
        );
        assert!(people("Hội thi “Dân vận khéo” quận Hoàng Mai được tổ chức.").is_empty());
        assert!(
            people("Làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của từng cá nhân.")
                .is_empty()
        );
        assert!(people("Ủy ban nhân dân Thành phố Hồ Chí Minh bồi dưỡng.").is_empty());
        assert!(people("như Bác Hồ thường hay nói").is_empty());
    }

    #[test]
    fn dedupe_keeps_the_fullest_position_and_skips_authors() {
        let paras: Vec<Paragraph> = [
            "Phó Bí thư Thành ủy TPHCM Nguyễn Phước Lộc phát biểu.",
            "Nguyễn Phước Lộc, Phó Bí thư Thành ủy, Trưởng Ban Tổ chức Thành ủy TPHCM; Vũ Mạnh viết.",
            "Đồng chí Nguyễn Phước Lộc lưu ý.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph { kind: ParagraphKind::Body, text: (*t).into(), line: i as u32 + 1, topics: vec![] })
        .collect();
        let found = find(&paras, &["Vũ Mạnh".to_owned()]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].position.as_deref(),
            Some("Phó Bí thư Thành ủy, Trưởng Ban Tổ chức Thành ủy TPHCM")
        );
    }
}
