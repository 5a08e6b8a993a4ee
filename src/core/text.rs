//! Vietnamese text: normalisation, tone-mark-independent keys, diacritic folding, tokens.
//!
//! Display text is never rewritten here beyond NFC. Matching goes through two keys per syllable:
//! - the **toned key** keeps every diacritic but moves the tone mark to a fixed place, so the old
//!   and new tone placements ("hoà"/"hòa", "uỷ"/"ủy") and NFC/NFD input give the same key;
//! - the **folded key** drops every diacritic and maps "đ" to "d", so accent-free typing
//!   ("dan van kheo") finds accented text.
//!
//! Both keys are lower case. The compiler (topic tagging, dedup) and the app (search) use these
//! same functions, so the two ends always agree.

use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_canonical, is_combining_mark,
};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// The five Vietnamese tone marks as combining characters:
/// huyền (grave), sắc (acute), ngã (tilde), hỏi (hook above), nặng (dot below).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// NFC normalisation: the form every text in the bundle is stored in.
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_owned()
    } else {
        compose_canonical(&nfd_chars(s))
    }
}

// NFD and NFC are written here with the crate's per-char tables rather than its `nfd()`/`nfc()`
// iterators: those iterators choose between canonical and compatibility decomposition at run
// time, so using them links the compatibility tables (about 60 KB of the wasm) that nothing
// here needs. A test checks both forms against the crate's iterators.

/// The canonical decomposition (NFD) of `s`: every char decomposed with the canonical table,
/// then each run of combining marks put in canonical order.
fn nfd_chars(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_canonical(c, |d| out.push(d));
    }
    canonical_order(&mut out);
    out
}

/// The canonical ordering algorithm (Unicode 3.11, D109): within each run of non-starters, a
/// stable sort by combining class. An insertion sort, because a run is a few marks long.
fn canonical_order(chars: &mut [char]) {
    for i in 1..chars.len() {
        let class = canonical_combining_class(chars[i]);
        if class == 0 {
            continue;
        }
        let mut j = i;
        // A starter (class 0) before the mark stops the walk: it is never passed.
        while j > 0 && canonical_combining_class(chars[j - 1]) > class {
            chars.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The canonical composition algorithm (Unicode 3.11, D117) over NFD chars: each char joins
/// the last starter when they have a primary composite and no char between them blocks it
/// (a char blocks when its combining class is 0 or not below the char's own).
fn compose_canonical(chars: &[char]) -> String {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    // The class of the last char kept after the starter; `None` when the starter is last.
    let mut last_class: Option<u8> = None;
    for &c in chars {
        let class = canonical_combining_class(c);
        if let Some(at) = starter {
            let blocked = last_class.is_some_and(|last| last == 0 || last >= class);
            if !blocked {
                if let Some(composite) = compose(out[at], c) {
                    out[at] = composite;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// Whether `c` is one of the five tone marks (as a combining character).
pub fn is_tone_mark(c: char) -> bool {
    TONE_MARKS.contains(&c)
}

/// The toned key of a word: lower case, decomposed, with its tone mark (if any) moved to the end.
/// `toned_key("Hoà") == toned_key("hòa")`, `toned_key("uỷ") == toned_key("ủy")`.
pub fn toned_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    push_toned(word, &mut out);
    out
}

/// The folded key of a word: lower case, no diacritics at all, "đ" as "d".
/// `folded_key("Dân vận Khéo") == "dan van kheo"`.
pub fn folded_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_folded(word, &mut out);
    out
}

/// Whether every char of `word` is a starter (no combining mark), so that decomposing it char
/// by char gives its NFD without the canonical reordering of marks. NFC text, which is all the
/// compiler and the bundle hold, passes; NFD input takes the general path.
fn precomposed(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii() || !is_combining_mark(c))
}

/// Calls `f` with each char of the canonical decomposition of `word`. The fast path decomposes
/// char by char with the lookup table (no buffering iterator, no allocation); it is taken only
/// when it gives exactly what the full NFD gives.
fn for_each_nfd(word: &str, mut f: impl FnMut(char)) {
    if precomposed(word) {
        for c in word.chars() {
            if c.is_ascii() {
                f(c);
            } else {
                unicode_normalization::char::decompose_canonical(c, &mut f);
            }
        }
    } else {
        nfd_chars(word).into_iter().for_each(f);
    }
}

fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

fn push_toned(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    let mut tone = None;
    for_each_nfd(word, |c| {
        if is_tone_mark(c) {
            tone = Some(c);
        } else {
            push_lower(out, c);
        }
    });
    if let Some(t) = tone {
        out.push(t);
    }
}

fn push_folded(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for_each_nfd(word, |c| {
        if is_combining_mark(c) {
            return;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => push_lower(out, c),
        }
    });
}

/// Whether a word carries any diacritic (tone or vowel mark, or "đ").
pub fn has_diacritics(word: &str) -> bool {
    word.chars().any(|c| {
        let mut marked = false;
        decompose_canonical(c, |d| {
            marked |= is_combining_mark(d) || d == 'đ' || d == 'Đ'
        });
        marked
    })
}

/// One word of a text: its place (in chars, end exclusive) and its two keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub toned: String,
    pub folded: String,
}

/// Whether `c` belongs inside a word. Digits count, so "Covid-19" gives "covid" and "19".
fn is_word_char(c: char) -> bool {
    match c {
        // Fast paths for the blocks Vietnamese is written in (every char in them is a letter),
        // before the general Unicode tables; a test checks they agree with those tables.
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        '\u{1EA0}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The words of `text` as (char start, char end exclusive, the word as written): the one
/// definition of a word, which [`tokenize`] builds on. Callers that see the same words many
/// times (the search index) use it to compute each distinct word's keys only once.
pub fn word_spans(text: &str) -> Vec<(usize, usize, &str)> {
    let mut spans = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (char, byte)
    let mut pos = 0;
    for (byte, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some((pos, byte));
            }
        } else if let Some((s, b)) = start.take() {
            spans.push((s, pos, &text[b..byte]));
        }
        pos += 1;
    }
    if let Some((s, b)) = start {
        spans.push((s, pos, &text[b..]));
    }
    spans
}

/// Splits NFC text into word tokens with char offsets into `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    word_spans(text)
        .into_iter()
        .map(|(s, e, word)| make_token(word, s, e))
        .collect()
}

fn make_token(word: &str, start: usize, end: usize) -> Token {
    if word.is_ascii() {
        // Both keys of an ASCII word are the word in lower case: build it once.
        let lower = word.to_ascii_lowercase();
        return Token {
            start,
            end,
            toned: lower.clone(),
            folded: lower,
        };
    }
    Token {
        start,
        end,
        toned: toned_key(word),
        folded: folded_key(word),
    }
}

/// The toned keys of a text's words joined by single spaces: a canonical phrase for matching
/// ("Thành uỷ TPHCM" and "thành ủy tphcm" give the same string).
pub fn toned_phrase(text: &str) -> String {
    join_keys(tokenize(text).iter().map(|t| t.toned.as_str()))
}

/// The folded keys of a text's words joined by single spaces.
pub fn folded_phrase(text: &str) -> String {
    join_keys(tokenize(text).iter().map(|t| t.folded.as_str()))
}

fn join_keys<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for k in keys {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(k);
    }
    out
}

/// The chars `start..end` of `text` (char offsets, as in the bundle).
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let mut it = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let b0 = it.by_ref().nth(start).unwrap_or(text.len());
    let b1 = if end > start {
        it.nth(end - start - 1).unwrap_or(text.len())
    } else {
        b0
    };
    &text[b0..b1]
}

/// Compares two strings the way a Vietnamese dictionary orders them: by folded letters first
/// (a < ă < â is approximated by base letter, then diacritics), then by the exact text.
pub fn collate(a: &str, b: &str) -> std::cmp::Ordering {
    vi_sort_key(a).cmp(&vi_sort_key(b)).then_with(|| a.cmp(b))
}

/// A sort key following the Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// then tone (none, huyền, sắc, hỏi, ngã, nặng) as a tie-breaker after the letters.
pub fn vi_sort_key(s: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters = Vec::with_capacity(s.len());
    let mut tones = Vec::new();
    let decomposed = nfd_chars(s);
    let mut i = 0;
    while i < decomposed.len() {
        let c = decomposed[i];
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut rank = u32::from(lower) * 4;
        let mut tone = 0u8;
        let mut j = i + 1;
        while j < decomposed.len() && is_combining_mark(decomposed[j]) {
            match decomposed[j] {
                '\u{306}' => rank += 1, // ă
                '\u{302}' => rank += 2, // â ê ô
                '\u{31b}' => rank += 3, // ơ ư
                '\u{300}' => tone = 1,
                '\u{301}' => tone = 2,
                '\u{309}' => tone = 3,
                '\u{303}' => tone = 4,
                '\u{323}' => tone = 5,
                _ => {}
            }
            j += 1;
        }
        if lower == 'đ' {
            rank = u32::from('d') * 4 + 1;
        }
        letters.push(rank);
        tones.push(tone);
        i = j;
    }
    (letters, tones)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Our NFC and NFD against the crate's iterators (the reference implementation).
    fn assert_forms(s: &str) {
        let nfd: String = nfd_chars(s).into_iter().collect();
        assert_eq!(nfd, s.nfd().collect::<String>(), "NFD of {s:?}");
        assert_eq!(nfc(s), s.nfc().collect::<String>(), "NFC of {s:?}");
        assert_eq!(
            has_diacritics(s),
            s.nfd()
                .any(|c| is_combining_mark(c) || c == 'đ' || c == 'Đ'),
            "{s:?}"
        );
    }

    #[test]
    fn normal_forms_agree_with_the_reference_for_every_char() {
        for cp in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(cp) {
                assert_forms(&c.to_string());
            }
        }
    }

    #[test]
    fn normal_forms_agree_with_the_reference_for_mark_sequences() {
        // Starters, Vietnamese letters, marks of several classes (230 above, 220 below, 216
        // horn, 202 attached below, 1 overlay), Hangul jamo and a composition exclusion.
        let alphabet = [
            'a', 'e', 'o', 'u', 'y', 'A', 'Đ', 'ơ', 'ư', 'ệ', 'ỷ', '\u{300}', '\u{301}', '\u{302}',
            '\u{303}', '\u{306}', '\u{309}', '\u{31b}', '\u{323}', '\u{327}', '\u{334}', '\u{345}',
            '\u{1100}', '\u{1161}', '\u{11a8}', '\u{ac00}', '\u{958}', '\u{93c}', ' ',
        ];
        // Every string of up to four chars from the alphabet.
        let n = alphabet.len();
        for len in 1..=4u32 {
            for mut k in 0..n.pow(len) {
                let mut s = String::new();
                for _ in 0..len {
                    s.push(alphabet[k % n]);
                    k /= n;
                }
                assert_forms(&s);
            }
        }
        assert_forms("Thuỷ ĐOÀN Kết ệ\u{323} hoà hòa Dân vận khéo");
    }

    #[test]
    fn tone_placement_does_not_matter() {
        assert_eq!(toned_key("hoà"), toned_key("hòa"));
        assert_eq!(toned_key("uỷ"), toned_key("ủy"));
        assert_eq!(toned_key("Thuỷ"), toned_key("thủy"));
        assert_eq!(
            toned_phrase("Thành uỷ TPHCM"),
            toned_phrase("thành ủy tphcm")
        );
        assert_ne!(toned_key("hòa"), toned_key("hóa"));
        assert_ne!(toned_key("hoa"), toned_key("hòa"));
    }

    #[test]
    fn nfd_equals_nfc() {
        let nfd: String = "Dân vận khéo".nfd().collect();
        assert_ne!(nfd, "Dân vận khéo");
        assert_eq!(nfc(&nfd), "Dân vận khéo");
        assert_eq!(toned_phrase(&nfd), toned_phrase("Dân vận khéo"));
        assert_eq!(folded_phrase(&nfd), "dan van kheo");
    }

    #[test]
    fn folding_drops_every_mark_and_d_bar() {
        assert_eq!(folded_key("Đảng"), "dang");
        assert_eq!(folded_key("Thường"), "thuong");
        assert_eq!(
            folded_phrase("Ủy ban MTTQ Việt Nam"),
            "uy ban mttq viet nam"
        );
        assert!(has_diacritics("đi"));
        assert!(!has_diacritics("dan van"));
    }

    #[test]
    fn tokens_carry_char_offsets() {
        let text = "“Dân vận khéo” năm 2023: 13.663 mô hình";
        let toks = tokenize(text);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| char_slice(text, t.start, t.end))
            .collect();
        assert_eq!(
            words,
            ["Dân", "vận", "khéo", "năm", "2023", "13", "663", "mô", "hình"]
        );
        assert_eq!(toks[0].start, 1);
        let spans = word_spans("Hà Nội, 2024");
        assert_eq!(spans, [(0, 2, "Hà"), (3, 6, "Nội"), (8, 12, "2024")]);
    }

    /// The slow definitions the fast paths must agree with.
    fn toned_key_slow(word: &str) -> String {
        let mut out = String::new();
        let mut tone = None;
        for c in word.nfd() {
            if is_tone_mark(c) {
                tone = Some(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        out.extend(tone);
        out
    }

    fn folded_key_slow(word: &str) -> String {
        word.nfd()
            .filter(|&c| !is_combining_mark(c))
            .flat_map(|c| match c {
                'đ' | 'Đ' => "d".chars().collect::<Vec<_>>(),
                _ => c.to_lowercase().collect(),
            })
            .collect()
    }

    #[test]
    fn fast_paths_agree_with_the_definitions() {
        for cp in 0..0x3000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
            let s = c.to_string();
            assert_eq!(toned_key(&s), toned_key_slow(&s), "{c:?}");
            assert_eq!(folded_key(&s), folded_key_slow(&s), "{c:?}");
        }
        let nfd: String = "Thuỷ ĐOÀN Kết ệ\u{323}".nfd().collect();
        for w in [
            "Thuỷ",
            "ĐOÀN",
            "Kết",
            "hoạ",
            &nfd,
            "e\u{302}\u{323}",
            "e\u{323}\u{302}",
            "ê\u{323}",
            "İstanbul",
            "ǅ",
        ] {
            assert_eq!(toned_key(w), toned_key_slow(w), "{w:?}");
            assert_eq!(folded_key(w), folded_key_slow(w), "{w:?}");
        }
    }

    #[test]
    fn char_slice_counts_chars_not_bytes() {
        assert_eq!(char_slice("Hà Nội", 3, 6), "Nội");
        assert_eq!(char_slice("Hà Nội", 0, 0), "");
        assert_eq!(char_slice("Hà", 1, 9), "à");
    }

    #[test]
    fn collation_follows_the_vietnamese_alphabet() {
        let mut v = vec!["Đỗ", "Dương", "Ân", "An", "Ăn", "Bùi"];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(v, ["An", "Ăn", "Ân", "Bùi", "Dương", "Đỗ"]);
    }
}
