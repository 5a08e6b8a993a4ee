//! The Unicode character data [`crate::core::text`] needs beyond its own Latin and Vietnamese
//! tables: canonical decomposition, NFD and NFC of whole strings, "is this a combining mark",
//! and lower case. Nothing else in the core reads Unicode normalisation or case data.
//!
//! There are two backends with the same functions:
//! - **native** (the compiler, the tests, the benchmarks): the `unicode-normalization` crate's
//!   tables, with NFD and NFC written on its per-char functions (see [`nfd`]);
//! - **wasm32** (the app): the browser's own Unicode data through js-sys
//!   (`String.prototype.normalize`, a `/\p{M}/u` RegExp, `toLowerCase`), so neither the crate's
//!   tables (about 38 KB of the gzipped wasm) nor the standard library's lower-case table
//!   (about 6 KB) are shipped. Cheap range checks in Rust come first, so the browser is
//!   asked only about chars outside ASCII and the Latin and Vietnamese blocks; a native test
//!   checks those ranges against the crate's tables.
//!
//! Both give the same answers for every char both Unicode versions know: normalisation is
//! frozen by Unicode's stability policy (a char's decomposition, combining class and
//! composition never change once it is assigned), and so are case pairs, so the compiler's
//! keys and the app's keys agree. Only a char newer than one side's Unicode version could be
//! treated differently.

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use wasm::*;

/// Chars that are certainly not combining marks (General_Category M), by block: Latin, Greek,
/// Cyrillic, Latin Extended Additional, Greek Extended, punctuation, symbols, CJK ideographs,
/// Hangul syllables, full-width forms, emoji. The wasm backend answers these without the
/// browser; a test checks every one of them against the tables.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn never_a_mark(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{2FF}'
            | '\u{370}'..='\u{482}'
            | '\u{1E00}'..='\u{20CF}'
            | '\u{2100}'..='\u{2CEE}'
            | '\u{3000}'..='\u{3029}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// The Combining Diacritical Marks block: every char of it is a combining mark (Mn), and the
/// Vietnamese marks are all here.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn always_a_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// The chars whose canonical decomposition and lower case the wasm backend keeps in tables
/// (each built with one call to the browser): Latin-1 to Latin Extended-B, and Latin Extended Additional (which
/// holds the precomposed Vietnamese letters).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const TABLE_LOW: std::ops::Range<u32> = 0x80..0x250;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const TABLE_HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn table_slot(c: char) -> Option<usize> {
    slot(c, &TABLE_LOW, &TABLE_HIGH)
}

/// The index of `c` in a table of the chars of `low` followed by those of `high`.
pub(crate) fn slot(
    c: char,
    low: &std::ops::Range<u32>,
    high: &std::ops::Range<u32>,
) -> Option<usize> {
    let cp = u32::from(c);
    let i = if low.contains(&cp) {
        cp - low.start
    } else if high.contains(&cp) {
        cp - high.start + (low.end - low.start)
    } else {
        return None;
    };
    usize::try_from(i).ok()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    pub use unicode_normalization::char::{
        canonical_combining_class, compose, decompose_canonical, is_combining_mark,
    };

    // NFD and NFC are written here with the crate's per-char tables rather than its
    // `nfd()`/`nfc()` iterators: those iterators choose between canonical and compatibility
    // decomposition at run time, so using them would link the compatibility tables that nothing
    // here needs. A test in `text` checks both forms against the crate's iterators.

    /// The canonical decomposition (NFD) of `s`: every char decomposed with the canonical
    /// table, then each run of combining marks put in canonical order.
    pub fn nfd(s: &str) -> Vec<char> {
        let mut out = Vec::with_capacity(s.len());
        for c in s.chars() {
            decompose_canonical(c, |d| out.push(d));
        }
        canonical_order(&mut out);
        out
    }

    /// NFC of `s` by the definition: [`nfd`], then canonical composition.
    pub fn nfc(s: &str) -> String {
        compose_canonical(&nfd(s))
    }

    /// Whether `s` is in NFC.
    pub fn is_nfc(s: &str) -> bool {
        unicode_normalization::is_nfc(s)
    }

    /// Appends the lower case of `c` (`char::to_lowercase`: "İ" gives "i̇").
    pub fn push_lowercase(out: &mut String, c: char) {
        out.extend(c.to_lowercase());
    }

    /// The first char of the lower case of `c`.
    pub fn lowercase_char(c: char) -> char {
        c.to_lowercase().next().unwrap_or(c)
    }

    /// The lower case of `s` (`str::to_lowercase`).
    pub fn to_lowercase(s: &str) -> String {
        s.to_lowercase()
    }

    /// Whether the NFC quick check says "yes" (certainly NFC) without normalising.
    pub fn nfc_quick_yes(s: &str) -> bool {
        unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    }

    /// The canonical ordering algorithm (Unicode 3.11, D109): within each run of non-starters,
    /// a stable sort by combining class. An insertion sort, because a run is a few marks long.
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
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::{always_a_mark, never_a_mark, table_slot, TABLE_HIGH, TABLE_LOW};
    use js_sys::{JsString, RegExp};

    thread_local! {
        /// One char that is a combining mark (General_Category M), by the browser's Unicode.
        static MARK: RegExp = RegExp::new(r"^\p{M}$", "u");
    }

    fn normalize(s: &str, form: &str) -> String {
        JsString::from(s).normalize(form).into()
    }

    fn lower(s: &str) -> String {
        JsString::from(s).to_lower_case().into()
    }

    /// Every char of the table ranges, each followed by a newline (a starter that never
    /// combines and has no case): `f` of it split at the newlines gives `f` of each char.
    fn per_char(f: impl Fn(&str) -> String) -> Vec<String> {
        let mut all = String::new();
        for c in TABLE_LOW.chain(TABLE_HIGH).filter_map(char::from_u32) {
            all.push(c);
            all.push('\n');
        }
        f(&all).split_terminator('\n').map(str::to_owned).collect()
    }

    /// Whether `c` is a combining mark; the browser is asked only outside the blocks
    /// [`never_a_mark`] and [`always_a_mark`] know.
    pub fn is_combining_mark(c: char) -> bool {
        if never_a_mark(c) {
            false
        } else if always_a_mark(c) {
            true
        } else {
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            MARK.with(|re| re.test(s))
        }
    }

    /// The canonical decompositions of the Latin and Vietnamese blocks, from one call to the
    /// browser.
    fn table() -> &'static [String] {
        static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| per_char(|all| normalize(all, "NFD")))
    }

    /// The lower case of each char of the Latin and Vietnamese blocks, from one call to the
    /// browser. (The only context-dependent lower case, a final capital sigma, is Greek: not
    /// in these blocks.)
    fn lower_table() -> &'static [String] {
        static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| per_char(lower))
    }

    /// Appends the lower case of `c` (`char::to_lowercase`: "İ" gives "i̇").
    pub fn push_lowercase(out: &mut String, c: char) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if always_a_mark(c) {
            // The combining diacritical marks are their own lower case.
            out.push(c);
        } else if let Some(l) = table_slot(c).and_then(|i| lower_table().get(i)) {
            out.push_str(l);
        } else {
            // One char alone has no final-sigma context: "Σ" gives "σ", as in Rust.
            let mut buf = [0u8; 4];
            out.push_str(&lower(c.encode_utf8(&mut buf)));
        }
    }

    /// The first char of the lower case of `c`.
    pub fn lowercase_char(c: char) -> char {
        if c.is_ascii() {
            return c.to_ascii_lowercase();
        }
        let mut s = String::new();
        push_lowercase(&mut s, c);
        s.chars().next().unwrap_or(c)
    }

    /// The lower case of `s` (`str::to_lowercase`): from the tables when every char is in
    /// them, else one call to the browser for the whole string (which, like Rust, lowers a
    /// word-final capital sigma to "ς").
    pub fn to_lowercase(s: &str) -> String {
        if s.is_ascii() {
            s.to_ascii_lowercase()
        } else if s.chars().all(|c| c.is_ascii() || table_slot(c).is_some()) {
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                push_lowercase(&mut out, c);
            }
            out
        } else {
            lower(s)
        }
    }

    /// Calls `f` with each char of the canonical decomposition of `c`.
    pub fn decompose_canonical(c: char, mut f: impl FnMut(char)) {
        if c.is_ascii() {
            f(c);
        } else if let Some(d) = table_slot(c).and_then(|i| table().get(i)) {
            d.chars().for_each(f);
        } else {
            let mut buf = [0u8; 4];
            normalize(c.encode_utf8(&mut buf), "NFD")
                .chars()
                .for_each(f);
        }
    }

    /// The canonical decomposition (NFD) of `s`, by the browser.
    pub fn nfd(s: &str) -> Vec<char> {
        normalize(s, "NFD").chars().collect()
    }

    /// NFC of `s`, by the browser.
    pub fn nfc(s: &str) -> String {
        normalize(s, "NFC")
    }

    /// Whether `s` is in NFC.
    pub fn is_nfc(s: &str) -> bool {
        nfc(s) == s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_shortcuts_agree_with_the_tables() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if never_a_mark(c) {
                assert!(!is_combining_mark(c), "{c:?}");
            }
            if always_a_mark(c) {
                assert!(is_combining_mark(c), "{c:?}");
                assert_eq!(c.to_lowercase().collect::<String>(), c.to_string());
            }
        }
        // The tables are one char per slot, split at newlines: no char of them may decompose
        // or lower-case into a newline, none lower-cases differently inside a word (all but
        // final sigma are context-free), and the slots cover the toned-key table of `text`.
        for c in TABLE_LOW.chain(TABLE_HIGH).filter_map(char::from_u32) {
            decompose_canonical(c, |d| assert_ne!(d, '\n'));
            let mut lower = String::new();
            push_lowercase(&mut lower, c);
            assert!(!lower.contains('\n'));
            assert_eq!(
                to_lowercase(&format!("a{c}b")),
                format!("a{lower}b"),
                "{c:?}"
            );
            assert!(table_slot(c).is_some());
        }
        assert_eq!(table_slot('a'), None);
        assert_eq!(table_slot('\u{1EF9}'), Some(0x1D0 + 0xF9));
    }
}
