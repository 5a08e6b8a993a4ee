//! Stage 3, extract: classified paragraphs → a report's metadata, people, topics and figures.
//!
//! Everything here is inferred from the text alone, because new reports arrive without a
//! manifest entry; the manifest stage later overrides what a curator knows better. Each field
//! has its own small module or function so its rules can be read against the seed reports:
//! the title and bylines come from `clean`, the date from a `date` marker or the lead, the
//! outlet from the lead's "(VOH) -" credit, the city from weighted mentions ([`city`]), the
//! people from names with their positions ([`people`]).

pub mod city;
pub mod date;
pub mod people;

use super::clean;
use super::diag::Diagnostic;
use super::figures;
use super::read::Text;
use super::topics::{Tagger, TopicDef};
use crate::core::fnv::FnvMap;
use crate::core::model::{Figure, Paragraph, ParagraphKind, Provenance, ProvenanceMap, Report};
use crate::core::text::{for_each_word, toned_key, toned_phrase, toned_words, Word};

/// The fields whose provenance the bundle records.
pub const FIELDS: [&str; 5] = ["title", "date", "city", "outlet", "authors"];

/// Builds the report for one normalised text, every field marked as inferred.
pub fn build_report(id: String, text: &Text, topics: &[TopicDef]) -> (Report, Vec<Diagnostic>) {
    build_report_tagged(id, text, &Tagger::new(topics))
}

/// [`build_report`] with the taxonomy's [`Tagger`] built once for the whole corpus.
pub fn build_report_tagged(
    id: String,
    text: &Text,
    tagger: &Tagger<'_>,
) -> (Report, Vec<Diagnostic>) {
    build_report_in(id, text, &mut Vocabulary::new(tagger))
}

/// Bits of [`word_flags`]: the word is a surname ([`people`]).
pub const SURNAME: u8 = 1;
/// The word can start a number in words or a period ([`figures`]).
pub const NUMBER: u8 = 2;
/// The word starts a city or national pattern ([`city`]).
pub const PLACE: u8 = 8;
/// The word is all ASCII digits ([`figures`]).
pub const DIGITS: u8 = 16;

/// Which lexicons a word with this toned key can start, as bits. The stages used to look every
/// word up in each lexicon's hash set; the compiler now asks once per distinct word of the
/// corpus ([`Vocabulary`]) and the stages test a bit. (The taxonomy's terms are looked up the
/// same way, see [`Vocabulary::words`].)
pub fn word_flags(key: &str) -> u8 {
    let mut flags = 0;
    if people::is_surname(key) {
        flags |= SURNAME;
    }
    if figures::opens_number(key) {
        flags |= NUMBER;
    }
    if city::starts_pattern(key) {
        flags |= PLACE;
    }
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        flags |= DIGITS;
    }
    flags
}

/// Every distinct word (as written) seen so far in a compilation, with its toned key, its
/// [`word_flags`] and the taxonomy terms it starts ([`Tagger::terms_starting`]). A corpus repeats a small vocabulary: computing a word's key and flags once
/// and looking the word up afterwards (one hash per word) is cheaper than building its key
/// char by char and looking the key up in each lexicon every time.
pub struct Vocabulary<'a> {
    tagger: &'a Tagger<'a>,
    /// Word as written → index into `entries`.
    index: FnvMap<Box<str>, u32>,
    /// Per distinct word: its toned key (a range of `keys`), its flags and its terms.
    entries: Vec<(usize, usize, u8, Option<u32>)>,
    keys: String,
}

impl<'a> Vocabulary<'a> {
    pub fn new(tagger: &'a Tagger<'a>) -> Vocabulary<'a> {
        Vocabulary {
            tagger,
            index: FnvMap::default(),
            entries: Vec::new(),
            keys: String::new(),
        }
    }

    /// The entry of a word, added on first sight.
    fn entry(&mut self, word: &str) -> u32 {
        if let Some(&i) = self.index.get(word) {
            return i;
        }
        let key = toned_key(word);
        let flags = word_flags(&key);
        let terms = self.tagger.terms_starting(&key);
        let from = self.keys.len();
        self.keys.push_str(&key);
        let i = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.entries.push((from, self.keys.len(), flags, terms));
        self.index.insert(word.into(), i);
        i
    }

    /// The words of the report's own text as [`tokens_of`] gives them (their keys borrowed from
    /// the vocabulary), their flags (`flags[i][k]` for `tokens[i][k]`), and per paragraph the
    /// words that start a taxonomy term, for [`Tagger::tag_listed`].
    pub fn words(&mut self, paragraphs: &[Paragraph]) -> Tokens<'_> {
        // First every word's entry (which may add keys), then the borrows of the keys.
        let bytes: usize = paragraphs.iter().map(|p| p.text.len()).sum();
        let mut flat: Vec<(usize, usize, usize, usize, u32)> = Vec::with_capacity(bytes / 4);
        let mut counts: Vec<usize> = Vec::with_capacity(paragraphs.len());
        for p in paragraphs {
            let before = flat.len();
            if !matches!(p.kind, ParagraphKind::Boilerplate | ParagraphKind::Byline) {
                for_each_word(&p.text, |s, e, b, word| {
                    let i = self.entry(word);
                    flat.push((s, e, b, b + word.len(), i));
                });
            }
            counts.push(flat.len() - before);
        }
        let (keys, entries) = (self.keys.as_str(), &self.entries);
        let mut tokens = Vec::with_capacity(counts.len());
        let mut flags = Vec::with_capacity(counts.len());
        let mut terms = Vec::with_capacity(counts.len());
        let mut rest = flat.as_slice();
        for n in counts {
            let (mine, after) = rest.split_at(n);
            rest = after;
            let mut words = Vec::with_capacity(n);
            let mut marks = Vec::with_capacity(n);
            let mut starts = Vec::new();
            for &(start, end, byte_start, byte_end, i) in mine {
                let (a, b, f, t) = entries[i as usize];
                if let Some(t) = t {
                    starts.push((words.len(), t));
                }
                words.push(Word {
                    start,
                    end,
                    byte_start,
                    byte_end,
                    toned: &keys[a..b],
                });
                marks.push(f);
            }
            tokens.push(words);
            flags.push(marks);
            terms.push(starts);
        }
        Tokens {
            words: tokens,
            flags,
            terms,
        }
    }
}

/// What [`Vocabulary::words`] gives for a report: per paragraph, its words, their flags, and
/// the words that start a taxonomy term (word index, [`Tagger::terms_starting`]).
pub struct Tokens<'v> {
    pub words: Vec<Vec<Word<'v>>>,
    pub flags: Vec<Vec<u8>>,
    pub terms: Vec<Vec<(usize, u32)>>,
}

/// [`build_report_tagged`] with the corpus's [`Vocabulary`], so each distinct word's flags
/// are computed once for the whole compilation.
pub fn build_report_in(
    id: String,
    text: &Text,
    vocabulary: &mut Vocabulary<'_>,
) -> (Report, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut paragraphs = clean::classify(&text.text);
    // Tokenised once here, shared by topic tagging, city, people and figures.
    let tagger = vocabulary.tagger;
    let Tokens {
        words: tokens,
        flags,
        terms,
    } = vocabulary.words(&paragraphs);
    for ((p, toks), starts) in paragraphs.iter_mut().zip(&tokens).zip(&terms) {
        if matches!(p.kind, ParagraphKind::Body | ParagraphKind::Title) {
            p.topics = tagger.tag_listed(toks, starts);
        }
    }
    if !paragraphs.iter().any(|p| p.kind == ParagraphKind::Body) {
        warnings.push(Diagnostic::new(
            &text.display,
            paragraphs.first().map_or(1, |p| p.line),
            "no body text found",
            "every line looks like a title, caption or page clutter",
        ));
    }
    let title = paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Title)
        .map(|p| p.text.clone());
    let authors = authors(&paragraphs);
    let people = people::find_with(&paragraphs, &tokens, &flags, &authors);
    let report = Report {
        id,
        file: text.file.clone(),
        title,
        date: date::infer(&paragraphs),
        city: city::infer_with(&paragraphs, &tokens, &flags),
        outlet: outlet(&paragraphs),
        authors,
        provenance: FIELDS
            .iter()
            .map(|f| ((*f).to_owned(), Provenance::Inferred))
            .collect::<ProvenanceMap>(),
        notes: Vec::new(),
        figures: figures_of(&paragraphs, &tokens, &flags),
        paragraphs,
        people,
    };
    (report, warnings)
}

/// The words of the report's own text (not clutter or bylines), one list per paragraph, their
/// toned keys stored in `keys`.
pub fn tokens_of<'k>(paragraphs: &[Paragraph], keys: &'k mut String) -> Vec<Vec<Word<'k>>> {
    let texts = paragraphs.iter().map(|p| match p.kind {
        ParagraphKind::Boilerplate | ParagraphKind::Byline => None,
        _ => Some(p.text.as_str()),
    });
    toned_words(texts, keys)
}

/// The lexicon flags ([`word_flags`]) of each word of `tokens`, computed word by word: for the
/// stages' stand-alone entry points, which run without a [`Vocabulary`].
pub fn flags_of(tokens: &[Vec<Word<'_>>]) -> Vec<Vec<u8>> {
    tokens
        .iter()
        .map(|toks| toks.iter().map(|t| word_flags(t.toned)).collect())
        .collect()
}

/// Authors are the names on byline lines, in order, without repeats.
fn authors(paragraphs: &[Paragraph]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Byline)
    {
        for name in clean::split_byline(&p.text) {
            if !out.iter().any(|n| toned_phrase(n) == toned_phrase(name)) {
                out.push(name.to_owned());
            }
        }
    }
    out
}

/// Places that open a lead as a dateline ("TP.HCM - …"); they are not outlets.
const DATELINES: &[&str] = &["TPHCM", "TP.HCM", "HCM", "Hà Nội", "Sài Gòn", "HN"];

/// The outlet named by the lead's credit: "(VOH) - Năm 2021…", "Kinhtedothi - Phát huy…".
fn outlet(paragraphs: &[Paragraph]) -> Option<String> {
    let lead = paragraphs.iter().find(|p| p.kind == ParagraphKind::Body)?;
    credit(&lead.text).map(|(name, _)| name.to_owned())
}

/// Splits a lead's outlet credit from its text: "(VOH) - Năm 2021…" → ("VOH", "Năm 2021…").
pub fn credit(text: &str) -> Option<(&str, &str)> {
    let (name, rest) = if let Some(inner) = text.strip_prefix('(') {
        let close = inner.find(')')?;
        (&inner[..close], &inner[close + 1..])
    } else {
        let space = text.find(' ')?;
        (&text[..space], &text[space..])
    };
    let rest = rest.trim_start();
    let after = ["- ", "– ", "— "]
        .iter()
        .find_map(|d| rest.strip_prefix(d))?;
    let plausible = (2..=30).contains(&name.chars().count())
        && name.chars().next().is_some_and(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ' ' | '&'))
        && name.split_whitespace().count() <= 3
        && !DATELINES
            .iter()
            .any(|d| toned_phrase(d) == toned_phrase(name));
    plausible.then_some((name, after.trim_start()))
}

/// Figures of body and caption paragraphs; a figure a caption repeats from the body is one figure.
fn figures_of(
    paragraphs: &[Paragraph],
    tokens: &[Vec<Word<'_>>],
    flags: &[Vec<u8>],
) -> Vec<Figure> {
    let mut body = Vec::new();
    let mut captions = Vec::new();
    // Body and caption paragraphs are tokenised by `tokens_of`; the figures reuse those tokens.
    for (i, ((p, toks), flags)) in paragraphs.iter().zip(tokens).zip(flags).enumerate() {
        let found = || figures::extract_tokenized(i, &p.text, toks, flags);
        match p.kind {
            ParagraphKind::Body => body.extend(found()),
            ParagraphKind::Caption => captions.extend(found()),
            _ => {}
        }
    }
    let same = |a: &Figure, b: &Figure| {
        a.value == b.value && toned_phrase(&a.unit) == toned_phrase(&b.unit)
    };
    captions.retain(|c| !body.iter().any(|b| same(b, c)));
    let mut all = body;
    all.extend(captions);
    all.sort_by_key(|f| (f.paragraph, f.start, f.end));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> Report {
        let t = Text {
            file: "a.txt".into(),
            display: "a.txt".into(),
            text: text.into(),
        };
        build_report("a".into(), &t, &[]).0
    }

    #[test]
    fn outlet_from_the_lead_credit() {
        let r = report("Tiêu đề bài viết khá ngắn\n\n(VOH) - Năm 2021, công tác dân vận trên địa bàn TPHCM tạo dấu ấn.");
        assert_eq!(r.outlet.as_deref(), Some("VOH"));
        let r = report("Kinhtedothi - Phát huy truyền thống vẻ vang của Đảng bộ TP Hà Nội.");
        assert_eq!(r.outlet.as_deref(), Some("Kinhtedothi"));
        // A dateline is a place, and an ordinary lead names no outlet.
        assert_eq!(report("TP.HCM - Sáng 13/1, hội nghị diễn ra.").outlet, None);
        assert_eq!(
            report("Ngày 13/1, tại Hà Nội, Ban Dân vận Trung ương tổ chức hội nghị.").outlet,
            None
        );
    }

    #[test]
    fn authors_from_bylines() {
        let r = report("Hướng về cơ sở, bám sát dân\n\nVũ Mạnh - Tiến Đạt\n\nNgày 13/1, tại Hà Nội, hội nghị diễn ra năm 2022.");
        assert_eq!(r.authors, ["Vũ Mạnh", "Tiến Đạt"]);
        assert_eq!(r.title.as_deref(), Some("Hướng về cơ sở, bám sát dân"));
        let r = report("Công tác dân vận có nhiều chuyển biến.\n\nTHU HƯỜNG");
        assert_eq!(r.authors, ["THU HƯỜNG"]);
        assert_eq!(r.title, None);
    }

    #[test]
    fn everything_is_inferred_before_the_manifest() {
        let r = report("Công tác dân vận có nhiều chuyển biến.");
        assert_eq!(r.provenance.len(), 5);
        assert!(r.provenance.values().all(|p| *p == Provenance::Inferred));
    }

    #[test]
    fn body_and_title_are_tagged_with_topics() {
        let topics = super::super::topics::parse(
            "t.toml",
            "[[topic]]\nid = \"dan-van-kheo\"\nvi = \"Dân vận khéo\"\nen = \"Skilful\"\nterms = [\"dân vận khéo\"]\n",
        )
        .unwrap();
        let t = Text {
            file: "a.txt".into(),
            display: "a.txt".into(),
            text: "Phong trào Dân vận khéo ở cơ sở\n\nPhong trào thi đua “Dân vận khéo” lan tỏa.\n\nQuang cảnh dân vận khéo".into(),
        };
        let (r, _) = build_report("a".into(), &t, &topics);
        let tagged: Vec<bool> = r.paragraphs.iter().map(|p| !p.topics.is_empty()).collect();
        assert_eq!(tagged, [true, true, false]);
    }

    #[test]
    fn warns_when_no_body() {
        let t = Text {
            file: "a.txt".into(),
            display: "a.txt".into(),
            text: "Tin liên quan\nX".into(),
        };
        let (_, w) = build_report("a".into(), &t, &[]);
        assert_eq!(w.len(), 1);
    }
}
