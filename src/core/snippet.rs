//! Keyword-in-context snippets and highlighted pieces of text, in chars (never bytes).
//!
//! Search hits give char ranges ([`crate::core::search::ParagraphHit::ranges`]); these functions
//! turn a paragraph and its ranges into plain/highlighted pieces the app renders as text nodes
//! (never as HTML). A snippet cuts the paragraph around the first hit at word boundaries and
//! marks each cut with "…".
//!
//! ```
//! use danvan::core::snippet::{snippet, Piece};
//! let s = snippet("Năm 2023, phong trào Dân vận khéo lan tỏa khắp các phường.", &[(21, 33)], 12);
//! assert_eq!(s.text(), "…phong trào Dân vận khéo lan tỏa…");
//! assert_eq!(s.pieces[1], Piece { text: "Dân vận khéo".into(), highlight: true });
//! ```

/// A run of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Piece {
    /// The text, exactly as in the source (plus "…" where a snippet cut it).
    pub text: String,
    /// Whether this run is a search hit.
    pub highlight: bool,
}

/// A cut of a paragraph around its first hit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Snippet {
    /// Plain and highlighted pieces in order; adjacent pieces never share a `highlight` value.
    pub pieces: Vec<Piece>,
    /// Whether text was left out before the snippet (it then starts with "…").
    pub cut_before: bool,
    /// Whether text was left out after the snippet (it then ends with "…").
    pub cut_after: bool,
}

impl Snippet {
    /// The snippet as one plain string (for tooltips and tests).
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

const ELLIPSIS: &str = "…";

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || crate::core::unicode::is_combining_mark(c)
}

/// Sorts, clips to `0..len`, drops empty and merges overlapping ranges.
fn normalise(ranges: &[(usize, usize)], len: usize) -> Vec<(usize, usize)> {
    let mut rs: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&(s, e)| (s.min(len), e.min(len)))
        .filter(|(s, e)| s < e)
        .collect();
    crate::core::sort::sort(&mut rs);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(rs.len());
    for r in rs {
        match out.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => out.push(r),
        }
    }
    out
}

/// Splits the chars `from..to` of `chars` into pieces, highlighting `ranges` (normalised).
fn split(chars: &[char], from: usize, to: usize, ranges: &[(usize, usize)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut push = |s: usize, e: usize, highlight: bool| {
        if s < e {
            pieces.push(Piece {
                text: chars[s..e].iter().collect(),
                highlight,
            });
        }
    };
    let mut at = from;
    for &(s, e) in ranges {
        let (s, e) = (s.max(from), e.min(to));
        if s >= e {
            continue;
        }
        push(at, s, false);
        push(s, e, true);
        at = e;
    }
    push(at, to, false);
    pieces
}

/// The whole of `text` as pieces, with `ranges` (char offsets, end exclusive; any order,
/// overlaps and out-of-range ends tolerated) highlighted: for the reading view.
pub fn pieces(text: &str, ranges: &[(usize, usize)]) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    split(&chars, 0, chars.len(), &normalise(ranges, chars.len()))
}

/// A keyword-in-context snippet: about `radius` chars either side of the first range, cut at
/// word boundaries with "…" marking each cut; later ranges inside the window are highlighted
/// too. With no ranges, the start of the text (about `2 * radius` chars).
pub fn snippet(text: &str, ranges: &[(usize, usize)], radius: usize) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let ranges = normalise(ranges, n);
    let (hit_start, hit_end, mut start, mut end) = match ranges.first() {
        Some(&(s, e)) => (s, e, s.saturating_sub(radius), (e + radius).min(n)),
        None => (0, 0, 0, (2 * radius).min(n)),
    };
    // Never start or end inside a word: move the cut outwards from the hit's side, i.e. drop
    // the partial word, then drop the spaces and punctuation next to the cut.
    if start > 0 && is_word(chars[start - 1]) {
        while start < hit_start && is_word(chars[start]) {
            start += 1;
        }
    }
    while start < hit_start && !is_word(chars[start]) {
        start += 1;
    }
    if end < n && is_word(chars[end]) {
        while end > hit_end && is_word(chars[end - 1]) {
            end -= 1;
        }
    }
    while end > hit_end && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let cut_before = start > 0;
    let cut_after = end < n;
    let mut pieces = split(&chars, start, end, &ranges);
    if cut_before {
        match pieces.first_mut() {
            Some(p) if !p.highlight => p.text.insert_str(0, ELLIPSIS),
            _ => pieces.insert(
                0,
                Piece {
                    text: ELLIPSIS.into(),
                    highlight: false,
                },
            ),
        }
    }
    if cut_after {
        match pieces.last_mut() {
            Some(p) if !p.highlight => p.text.push_str(ELLIPSIS),
            _ => pieces.push(Piece {
                text: ELLIPSIS.into(),
                highlight: false,
            }),
        }
    }
    Snippet {
        pieces,
        cut_before,
        cut_after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::char_slice;

    fn marked(s: &Snippet) -> String {
        s.pieces
            .iter()
            .map(|p| {
                if p.highlight {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn cuts_on_chars_at_word_boundaries() {
        let text =
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường Bến Thành tổ chức hội nghị dân vận khéo.";
        let start = text.chars().position(|c| c == 'B').unwrap();
        assert_eq!(char_slice(text, start, start + 9), "Bến Thành");
        let s = snippet(text, &[(start, start + 9)], 10);
        // 10 chars back lands inside "Nam"-"phường": the partial word is dropped.
        assert_eq!(marked(&s), "…phường [Bến Thành] tổ chức…");
        assert!(s.cut_before && s.cut_after);
    }

    #[test]
    fn no_cut_when_the_text_is_short() {
        let s = snippet("Dân vận khéo", &[(4, 7)], 30);
        assert_eq!(marked(&s), "Dân [vận] khéo");
        assert!(!s.cut_before && !s.cut_after);
    }

    #[test]
    fn hit_at_the_edges() {
        let text = "Hòa bình là khát vọng của cả dân tộc Việt Nam";
        let s = snippet(text, &[(0, 3)], 8);
        assert_eq!(marked(&s), "[Hòa] bình là…");
        let n = text.chars().count();
        let s = snippet(text, &[(n - 3, n)], 8);
        assert_eq!(marked(&s), "…Việt [Nam]");
    }

    #[test]
    fn later_hits_in_the_window_are_highlighted_and_overlaps_merged() {
        let text = "dân vận, dân chủ, dân sinh";
        let s = snippet(text, &[(18, 21), (0, 3), (9, 12), (1, 3)], 40);
        assert_eq!(marked(&s), "[dân] vận, [dân] chủ, [dân] sinh");
    }

    #[test]
    fn no_ranges_gives_the_start() {
        let s = snippet("Phong trào thi đua yêu nước", &[], 6);
        assert_eq!(marked(&s), "Phong trào…");
        assert_eq!(snippet("", &[], 6), Snippet::default());
    }

    #[test]
    fn bad_ranges_are_tolerated() {
        let s = snippet("Hà Nội", &[(3, 99), (5, 2), (50, 60)], 3);
        assert_eq!(marked(&s), "Hà [Nội]");
        let p = pieces("Hà Nội", &[(0, 2)]);
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0],
            Piece {
                text: "Hà".into(),
                highlight: true
            }
        );
        assert_eq!(
            p[1],
            Piece {
                text: " Nội".into(),
                highlight: false
            }
        );
    }
}
