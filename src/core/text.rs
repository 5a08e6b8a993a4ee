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

use crate::core::unicode::{self, decompose_canonical, is_combining_mark};

/// The five Vietnamese tone marks as combining characters:
/// huyền (grave), sắc (acute), ngã (tilde), hỏi (hook above), nặng (dot below).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// NFC normalisation: the form every text in the bundle is stored in.
pub fn nfc(s: &str) -> String {
    if all_nfc_inert(s) {
        s.to_owned()
    } else {
        nfc_changed(s).unwrap_or_else(|| s.to_owned())
    }
}

/// [`nfc`] of an owned string, without a copy when it is already NFC (as nearly all text is).
pub fn nfc_owned(s: String) -> String {
    if all_nfc_inert(&s) {
        s
    } else {
        nfc_changed(&s).unwrap_or(s)
    }
}

/// The NFC of text that is not all [`nfc_inert`], or `None` when it is NFC already.
#[cfg(not(target_arch = "wasm32"))]
fn nfc_changed(s: &str) -> Option<String> {
    if let Some(composed) = compose_vietnamese(s) {
        // Tried before the quick check: it gives exactly the NFC whenever it answers, and it
        // answers for every decomposed Vietnamese text, which the quick check would only call
        // a "maybe" after reading all of it.
        Some(composed)
    } else if nfc_quick_yes(s) {
        None
    } else {
        // Normalising NFC text gives it back unchanged, so a "maybe" from the quick check is
        // answered by normalising once rather than by normalising to compare and then again.
        Some(unicode::nfc(s))
    }
}

/// The NFC of text that is not all [`nfc_inert`]: in the app that is what someone typed or
/// pasted (the bundle is NFC already), so one call to the browser's normaliser answers it.
#[cfg(target_arch = "wasm32")]
fn nfc_changed(s: &str) -> Option<String> {
    Some(unicode::nfc(s))
}

#[cfg(not(target_arch = "wasm32"))]
/// The Vietnamese combining marks: the five tones, circumflex, breve and horn.
fn vietnamese_mark_class(c: char) -> Option<u8> {
    match c {
        '\u{300}' | '\u{301}' | '\u{302}' | '\u{303}' | '\u{306}' | '\u{309}' => Some(230),
        '\u{31B}' => Some(216),
        '\u{323}' => Some(220),
        _ => None,
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The most marks one cluster may carry on the Vietnamese path (a letter has at most two, a
/// vowel mark and a tone); more send the text to the general path.
const MAX_MARKS: usize = 8;

#[cfg(not(target_arch = "wasm32"))]
/// The combining marks after one starter, with their combining classes, without allocating.
struct Marks {
    list: [(u8, char); MAX_MARKS],
    len: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl Marks {
    fn new() -> Marks {
        Marks {
            list: [(0, '\0'); MAX_MARKS],
            len: 0,
        }
    }

    /// Adds a mark; `None` when there is no room.
    fn push(&mut self, class: u8, c: char) -> Option<()> {
        *self.list.get_mut(self.len)? = (class, c);
        self.len += 1;
        Some(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// NFC of decomposed (or partly decomposed) Vietnamese text without the general normaliser's
/// buffering: each starter with the marks after it is decomposed, its marks put in canonical
/// order and composed one by one. `None` when the text holds anything else (another mark, a
/// char outside the Latin and Vietnamese blocks, a mark that does not compose): the caller then
/// takes the general path, so the result is always exactly `s.nfc()`.
fn compose_vietnamese(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut base: Option<char> = None;
    let mut marks = Marks::new();
    for c in s.chars() {
        if nfc_inert(c) {
            if let Some(b) = base.take() {
                out.push(compose_cluster(b, &mut marks)?);
            }
            base = Some(c);
        } else {
            let class = vietnamese_mark_class(c)?;
            base?;
            marks.push(class, c)?;
        }
    }
    if let Some(b) = base {
        out.push(compose_cluster(b, &mut marks)?);
    }
    Some(out)
}

#[cfg(not(target_arch = "wasm32"))]
/// One starter and the marks that followed it (emptied) as one composed char, or `None` when
/// they do not compose into one char.
fn compose_cluster(base: char, marks: &mut Marks) -> Option<char> {
    if marks.len == 0 {
        return Some(base);
    }
    let mut all = Marks::new();
    let mut starter = None;
    let mut ok = true;
    if base.is_ascii() {
        // ASCII letters have no decomposition: the common case of decomposed text.
        starter = Some(base);
    } else {
        decompose_canonical(base, |d| {
            if starter.is_none() {
                starter = Some(d);
            } else if let Some(class) = vietnamese_mark_class(d) {
                ok &= all.push(class, d).is_some();
            } else {
                ok = false;
            }
        });
    }
    for &(class, m) in &marks.list[..marks.len] {
        ok &= all.push(class, m).is_some();
    }
    marks.len = 0;
    if !ok {
        return None;
    }
    // Canonical order: marks sorted by combining class, stable. An insertion sort, because a
    // cluster holds a few marks and `sort_by_key` would add a copy of the standard sort to the
    // wasm.
    let all = &mut all.list[..all.len];
    for i in 1..all.len() {
        let mut j = i;
        while j > 0 && all[j - 1].0 > all[j].0 {
            all.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut acc = starter?;
    for &(_, m) in all.iter() {
        acc = unicode::compose(acc, m)?;
    }
    Some(acc)
}

#[cfg(not(target_arch = "wasm32"))]
/// Whether `s` is certainly NFC without normalising it.
fn nfc_quick_yes(s: &str) -> bool {
    all_nfc_inert(s) || unicode::nfc_quick_yes(s)
}

/// Whether `s` is in NFC. Text made only of chars that are NFC on their own and never combine
/// with a neighbour (ASCII, Latin letters, precomposed Vietnamese, common punctuation) is
/// answered without the Unicode tables; anything else goes through the full check.
pub fn is_nfc(s: &str) -> bool {
    all_nfc_inert(s) || unicode::is_nfc(s)
}

/// `s.chars().all(nfc_inert)`, read from the UTF-8 bytes without decoding each char.
fn all_nfc_inert(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // Most bytes of Vietnamese text are ASCII: one comparison for them.
        if x < 0x80 {
            i += 1;
            continue;
        }
        i += match (x, at(i + 1), at(i + 2)) {
            (0..=0x7F, _, _) => 1,
            // Two-byte sequences with lead bytes 0xC2–0xCB: U+0080–U+02FF.
            (0xC2..=0xCB, _, _) => 2,
            // U+1EA0–U+1EFF.
            (0xE1, 0xBA, 0xA0..=0xBF) | (0xE1, 0xBB, _) => 3,
            // U+2010–U+2027, U+2030–U+203F, U+2040–U+205E.
            (0xE2, 0x80, 0x90..=0xA7 | 0xB0..=0xBF) | (0xE2, 0x81, 0x80..=0x9E) => 3,
            _ => return false,
        };
    }
    true
}

/// Whether `c` is a starter that NFC leaves alone whatever surrounds it: quick-check "yes"
/// and combining class 0 (a test checks every char of these ranges against the tables).
/// [`all_nfc_inert`] reads the same ranges from UTF-8 bytes. (The app composes with the
/// browser and needs only the byte form.)
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn nfc_inert(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{2FF}' | '\u{1EA0}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
    )
}

/// The canonical decomposition (NFD) of `s` (by the crate's tables natively, by the browser in
/// the app: [`crate::core::unicode`]).
fn nfd_chars(s: &str) -> Vec<char> {
    unicode::nfd(s)
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
                decompose_canonical(c, &mut f);
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
        unicode::push_lowercase(out, c);
    }
}

fn push_toned(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
        return;
    }
    // Char by char, as `for_each_nfd` does for precomposed words, but Latin and Vietnamese
    // letters take their piece of the key from a table instead of the decomposition and case
    // tables. A combining mark means the word is not precomposed: it starts over on the
    // general path.
    let from = out.len();
    let mut tone = None;
    let table = toned_table();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(piece) = toned_slot(c).and_then(|i| table.get(i)?.as_ref()) {
            // Pushed char by char: a call to copy a one- or two-char piece costs more.
            for &p in &piece.chars[..usize::from(piece.len)] {
                out.push(p);
            }
            if piece.tone != 0 {
                tone = Some(TONE_MARKS[usize::from(piece.tone - 1)]);
            }
        } else if is_combining_mark(c) {
            out.truncate(from);
            push_toned_general(word, out);
            return;
        } else {
            decompose_canonical(c, |d| {
                if is_tone_mark(d) {
                    tone = Some(d);
                } else {
                    push_lower(out, d);
                }
            });
        }
    }
    if let Some(t) = tone {
        out.push(t);
    }
}

/// The toned key by its definition: the canonical decomposition, lower-cased, the (last) tone
/// mark moved to the end.
fn push_toned_general(word: &str, out: &mut String) {
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

/// One precomposed char's share of a toned key: its lower-case decomposition without the tone
/// mark, and its tone mark (index into [`TONE_MARKS`] plus one, 0 for none).
struct TonedPiece {
    chars: [char; 3],
    len: u8,
    tone: u8,
}

/// Latin-1 to Latin Extended-B, and the Vietnamese block (U+1EA0–U+1EFF).
const TABLE_LOW: std::ops::Range<u32> = 0x80..0x250;
const TABLE_VI: std::ops::Range<u32> = 0x1EA0..0x1F00;

fn toned_slot(c: char) -> Option<usize> {
    crate::core::unicode::slot(c, &TABLE_LOW, &TABLE_VI)
}

/// The pieces of every char [`toned_slot`] covers, built once from the general path itself,
/// so the table cannot disagree with it. A char whose piece would be longer than three chars
/// has no entry and takes the general path.
fn toned_table() -> &'static [Option<TonedPiece>] {
    static TABLE: std::sync::OnceLock<Vec<Option<TonedPiece>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        TABLE_LOW
            .chain(TABLE_VI)
            .map(|cp| {
                // Both ranges hold no surrogates: every code point is a char.
                let c = char::from_u32(cp).unwrap_or('\0');
                let mut s = String::new();
                let mut tone = 0u8;
                decompose_canonical(c, |d| match TONE_MARKS.iter().position(|&t| t == d) {
                    Some(i) => tone = u8::try_from(i + 1).unwrap_or(0),
                    None => push_lower(&mut s, d),
                });
                let mut chars = ['\0'; 3];
                let mut len = 0u8;
                for c in s.chars() {
                    *chars.get_mut(usize::from(len))? = c;
                    len += 1;
                }
                Some(TonedPiece { chars, len, tone })
            })
            .collect()
    })
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
/// Always inlined, like [`decode`]: it runs once per char of every text indexed.
#[inline(always)]
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
    for_each_word(text, |s, e, _, w| spans.push((s, e, w)));
    spans
}

/// Calls `f` with each word of `text` as [`word_spans`] lists them, without the list: the char
/// start and end, the byte start, and the word as written.
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(usize, usize, usize, &'t str)) {
    let bytes = text.as_bytes();
    let mut start: Option<(usize, usize)> = None; // (char, byte)
    let (mut pos, mut byte) = (0, 0);
    while byte < bytes.len() {
        let (c, len) = decode(bytes, byte);
        if is_word_char(c) {
            if start.is_none() {
                start = Some((pos, byte));
            }
        } else if let Some((s, b)) = start.take() {
            f(s, pos, b, &text[b..byte]);
        }
        pos += 1;
        byte += len;
    }
    if let Some((s, b)) = start {
        f(s, pos, b, &text[b..]);
    }
}

/// The char that starts at byte `i` of `bytes` (valid UTF-8, `i` on a char boundary) and its
/// length in bytes: what `str::char_indices` yields, written out and always inlined because
/// the app is built for size (`opt-level = "z"`), where the standard iterator costs two calls
/// per char; the search index walks every char of the corpus through here.
#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = bytes[i];
    if b0 < 0x80 {
        return (char::from(b0), 1);
    }
    // The continuation bytes' payloads, written out (a closure would be a call at "z").
    let b1 = u32::from(bytes.get(i + 1).copied().unwrap_or(0) & 0x3F);
    let b2 = u32::from(bytes.get(i + 2).copied().unwrap_or(0) & 0x3F);
    let (code, len) = if b0 < 0xE0 {
        (u32::from(b0 & 0x1F) << 6 | b1, 2)
    } else if b0 < 0xF0 {
        (u32::from(b0 & 0x0F) << 12 | b1 << 6 | b2, 3)
    } else {
        let b3 = u32::from(bytes.get(i + 3).copied().unwrap_or(0) & 0x3F);
        (u32::from(b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
    };
    (
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    )
}

/// A word with its toned key only, the key borrowed from a buffer shared by many words
/// (see [`toned_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'k> {
    /// Char offsets into the text, end exclusive, as in [`Token`].
    pub start: usize,
    pub end: usize,
    /// The same place as byte offsets, so a caller can slice the text (`&text[byte_start..byte_end]`
    /// is the word as written) without walking it from the start.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The same key as [`Token::toned`].
    pub toned: &'k str,
}

/// The words of several texts with their toned keys: what [`tokenize`] gives, without the
/// folded keys and without two allocations per word. All keys are written into `keys` (cleared
/// first), one list per text comes back; a `None` text gets an empty list. The compiler, which
/// tokenises every paragraph of a corpus and never needs folded keys, uses this.
pub fn toned_words<'k, 't>(
    texts: impl IntoIterator<Item = Option<&'t str>>,
    keys: &'k mut String,
) -> Vec<Vec<Word<'k>>> {
    keys.clear();
    let texts: Vec<Option<&str>> = texts.into_iter().collect();
    // A key is about as long as its word (a precomposed letter becomes its base and marks), so
    // one reservation of the texts' length plus a margin avoids most regrowth of the buffer.
    let total: usize = texts.iter().flatten().map(|t| t.len()).sum();
    keys.reserve(total + total / 4);
    // First every key into the buffer (which may move while it grows), then the borrows: one
    // flat list of (char start, char end, byte start, byte end, key start, key end), and how
    // many of them each text has.
    let mut flat: Vec<[usize; 6]> = Vec::with_capacity(total / 4);
    let mut counts: Vec<usize> = Vec::with_capacity(texts.len());
    for text in &texts {
        let before = flat.len();
        if let Some(text) = text {
            for_each_word(text, |s, e, b, word| {
                let from = keys.len();
                push_toned(word, keys);
                flat.push([s, e, b, b + word.len(), from, keys.len()]);
            });
        }
        counts.push(flat.len() - before);
    }
    let keys: &'k str = keys.as_str();
    let mut rest = flat.as_slice();
    counts
        .into_iter()
        .map(|n| {
            let (mine, after) = rest.split_at(n);
            rest = after;
            mine.iter()
                .map(|&[start, end, byte_start, byte_end, a, b]| Word {
                    start,
                    end,
                    byte_start,
                    byte_end,
                    toned: &keys[a..b],
                })
                .collect()
        })
        .collect()
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
    // The keys written straight into the phrase: no token list, no folded keys.
    let mut out = String::with_capacity(text.len() + 4);
    for_each_word(text, |_, _, _, word| {
        if !out.is_empty() {
            out.push(' ');
        }
        push_toned(word, &mut out);
    });
    out
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
    // Char by char where the text has no combining marks (as NFC text nearly never has), so
    // sorting a list asks the browser nothing in the app.
    let mut decomposed = Vec::with_capacity(s.len());
    for_each_nfd(s, |c| decomposed.push(c));
    let mut i = 0;
    while i < decomposed.len() {
        let c = decomposed[i];
        let lower = unicode::lowercase_char(c);
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
    fn toned_words_match_tokenize() {
        let texts = [
            Some("“Dân vận khéo” năm 2023: 13.663 mô hình, Thuỷ ĐOÀN"),
            None,
            Some(""),
            Some("Hoà thuận İstanbul ǅ"),
        ];
        let nfd: String = "Thành uỷ Hà Nội".nfd().collect();
        let mut keys = String::from("old");
        let mut all: Vec<Option<&str>> = texts.to_vec();
        all.push(Some(&nfd));
        let words = toned_words(all.iter().copied(), &mut keys);
        assert_eq!(words.len(), all.len());
        for (text, ws) in all.iter().zip(&words) {
            let toks = text.map(tokenize).unwrap_or_default();
            let got: Vec<(usize, usize, &str)> =
                ws.iter().map(|w| (w.start, w.end, w.toned)).collect();
            for w in ws {
                let text = text.unwrap_or_default();
                assert_eq!(
                    &text[w.byte_start..w.byte_end],
                    char_slice(text, w.start, w.end)
                );
            }
            let want: Vec<(usize, usize, &str)> = toks
                .iter()
                .map(|t| (t.start, t.end, t.toned.as_str()))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn nfc_shortcut_agrees_with_the_tables() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for cp in 0..0x3000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            assert_eq!(
                all_nfc_inert(c.encode_utf8(&mut buf)),
                nfc_inert(c),
                "{c:?}"
            );
            if nfc_inert(c) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            }
        }
        let nfd: String = "Thành uỷ".nfd().collect();
        assert!(!is_nfc(&nfd));
        assert!(is_nfc("Thành uỷ “Hà Nội” – 2024…"));
        assert_eq!(nfc_owned(nfd), "Thành uỷ");
    }

    #[test]
    fn vietnamese_composition_agrees_with_the_normaliser() {
        let marks = [
            '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{306}', '\u{309}', '\u{31B}', '\u{323}',
        ];
        let mut sequences: Vec<Vec<char>> = vec![vec![]];
        for a in marks {
            sequences.push(vec![a]);
            for b in marks {
                sequences.push(vec![a, b]);
            }
        }
        let mut composed = 0;
        for cp in (0x20..0x250u32).chain(0x1EA0..0x1F00) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for seq in &sequences {
                let s: String = std::iter::once(c).chain(seq.iter().copied()).collect();
                let want: String = s.nfc().collect();
                if let Some(got) = compose_vietnamese(&s) {
                    assert_eq!(got, want, "{s:?}");
                    composed += 1;
                }
                assert_eq!(nfc(&s), want, "{s:?}");
            }
        }
        assert!(composed > 900, "{composed}");
        let nfd: String = "Thành uỷ TP.HCM: “Dân vận khéo” – 13.663 mô hình…\nNgười dân"
            .nfd()
            .collect();
        assert_eq!(
            compose_vietnamese(&nfd).as_deref(),
            Some("Thành uỷ TP.HCM: “Dân vận khéo” – 13.663 mô hình…\nNgười dân")
        );
        // A mark with no starter before it, and a mark from another script, take the general path.
        assert_eq!(compose_vietnamese("\u{301}a"), None);
        assert_eq!(compose_vietnamese("a\u{30A}"), None);
        assert_eq!(nfc("\u{301}a"), "\u{301}a");
        assert_eq!(nfc("a\u{30A}"), "å");
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

    #[test]
    fn decode_reads_every_char_as_the_standard_library_does() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(decode(bytes, 0), (c, c.len_utf8()), "{:X}", u32::from(c));
        }
    }

    /// [`for_each_word`] as it was written over `char_indices`: the reference.
    fn words_by_char_indices(text: &str) -> Vec<(usize, usize, usize, &str)> {
        let mut out = Vec::new();
        let mut start: Option<(usize, usize)> = None;
        let mut pos = 0;
        for (byte, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert((pos, byte));
            } else if let Some((s, b)) = start.take() {
                out.push((s, pos, b, &text[b..byte]));
            }
            pos += 1;
        }
        if let Some((s, b)) = start {
            out.push((s, pos, b, &text[b..]));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_are_the_same_as_by_char_indices(
            text in "[a-zA-Z0-9 .,:;–—“”()'àáạảãăắằẳẵặâấầẩẫậđĐèéẹẻẽêếềểễệìíịỉĩòóọỏõôốồổỗộơớờởỡợùúụủũưứừửữựỳýỵỷỹ\u{300}-\u{36F}×÷αβγЖж中文😀\u{10FFFF}]{0,60}",
        ) {
            let mut got = Vec::new();
            for_each_word(&text, |s, e, b, w| got.push((s, e, b, w)));
            proptest::prop_assert_eq!(got, words_by_char_indices(&text));
        }
    }
}
