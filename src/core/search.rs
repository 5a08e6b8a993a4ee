//! Full-text search over the bundle: an inverted index built once at load, and queries
//! that treat Vietnamese the way a Vietnamese reader does.
//!
//! # What matches
//! - Tone-mark placement never matters ("hoà" finds "hòa", "uỷ" finds "ủy"), and NFD input equals
//!   NFC: every word is compared through [`crate::core::text`]'s keys.
//! - An accent-free query word matches on the folded key: "dan van kheo" finds "Dân vận khéo",
//!   "dang" finds "Đảng".
//! - A query word with diacritics matches text with the same accents *and* text with other
//!   accents (same folded key); the exact-accent matches rank first.
//! - `"quoted text"` must occur as a phrase (consecutive words within one paragraph).
//!   Straight and curly quotes both work; an unclosed quote runs to the end of the query.
//! - Unquoted multi-word text matches when every word occurs somewhere in the same report;
//!   reports where it also occurs as a phrase rank first.
//! - Alias groups from `bundle.aliases` (["TPHCM", "TP.HCM", "Thành phố Hồ Chí Minh"]): when the
//!   query contains a member (compared by folded words), any member of the group matches in its
//!   place. The members' words are precomputed when the index is built, and so are the places
//!   where each member of two or more words occurs (its "runs").
//! - Clutter paragraphs ([`ParagraphKind::is_clutter`]) are not searched; titles, kickers, bylines,
//!   body text, captions and the report's `title` field are.
//!
//! # Ranking
//! Results are ordered by [`Score`], highest first, and then by report order (bundle order), so
//! equal scores keep a stable order. `Score` compares lexicographically:
//! 1. `phrases`: how many unquoted multi-word parts of the query occur as a phrase in the report
//!    (phrase hits beat all-syllable hits);
//! 2. `exact`: how many query words (or alias units) occur in the report with exactly the typed
//!    accents (tone placement ignored): exact-accent beats folded; alias matches count as folded;
//! 3. `weight`: every occurrence of every query word (or alias unit) in the report, weighted by
//!    where it is: title 3, kicker and body 2, byline and caption 1 (more hits, and hits in title
//!    and body, beat captions).
//!
//! Highlights show what matched: a part of the query that occurs as a phrase is highlighted
//! where it occurs as a phrase; otherwise each of its words wherever it occurs.
//!
//! # Cost
//! Building is linear in the corpus's words. A search reads only the postings of its own words,
//! never the text, each list once, in report order, reusing its buffers from report to report;
//! reports where the rarest required word does not occur are skipped by galloping over the
//! postings. Ranking needs no paragraph lookup: each posting carries its paragraph's weight.
//! An alias unit reads one list per member (a word's, or the member's runs) rather than
//! intersecting its words' positions in every report: "TPHCM" stands for six members, four of
//! them several words long.
//! Highlights (char ranges) are built only on demand, per report ([`SearchIndex::highlight`]),
//! for the rows a view shows: a few binary searches per query word, and the paragraphs with
//! hits tokenised again to find their char ranges.
//! Memory: 6 bytes per indexed word (a `u32` posting and its `u16` spelling and weight) plus
//! one entry per report a word occurs in and per distinct word form; char spans are not kept.
//!
//! ```
//! use danvan::core::model::*;
//! use danvan::core::search::SearchIndex;
//! # fn report(text: &str) -> Report {
//! #     Report { id: "r-1".into(), file: "a.txt".into(), title: None, date: None, city: City::Hanoi,
//! #         outlet: None, authors: vec![], provenance: Default::default(), notes: vec![],
//! #         paragraphs: vec![Paragraph { kind: ParagraphKind::Body, text: text.into(), line: 1, topics: vec![] }],
//! #         figures: vec![], people: vec![] }
//! # }
//! let bundle = Bundle { schema_version: SCHEMA_VERSION, generator: "doc".into(), topics: vec![],
//!     aliases: vec![], reports: vec![report("Phong trào “Dân vận khéo” lan tỏa.")] };
//! let index = SearchIndex::new(&bundle);          // once, at load
//! let query = index.parse("dan van kheo");        // per keystroke
//! let hits = index.search(&query);                // ranked, no highlights yet
//! assert_eq!(hits[0].report, 0);
//! let r = hits[0].report;
//! let shown = index.highlight(&query, r, &bundle.reports[r]).unwrap(); // for the rows on screen
//! assert_eq!(shown.paragraphs[0].ranges, vec![(12, 24)]); // "Dân vận khéo" as one phrase
//! ```

use crate::core::fnv::FnvMap;
use crate::core::model::{Bundle, ParagraphKind, Report};
use crate::core::text::{
    char_slice, folded_key, for_each_word, has_diacritics, nfc, tokenize, toned_key,
};

/// The internal paragraph number standing for the report's `title` field.
const TITLE: u32 = u32::MAX;

/// The inverted index over every searchable word of a bundle. Build it once with
/// [`SearchIndex::new`]; it does not borrow the bundle.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Folded key → key id (index into `postings`).
    keys: FnvMap<Box<str>, u32>,
    /// Per folded key, where it occurs and in which spelling.
    postings: Vec<Postings>,
    /// The number of token numbers given out. Token numbers leave a gap of one after every
    /// paragraph, so "the next token" never crosses into another paragraph. A token's char
    /// span is not stored (two `u32`s per word, over 100 MB at ten thousand reports): the
    /// highlights of a shown report tokenise its paragraphs again ([`SearchIndex::highlight`]).
    tokens: u32,
    /// First token number of each indexed paragraph, ascending.
    para_first: Vec<u32>,
    /// Which report and paragraph each indexed paragraph is.
    paras: Vec<ParaRef>,
    /// Report `r` owns tokens `report_toks[r]..report_toks[r + 1]`.
    report_toks: Vec<u32>,
    aliases: Aliases,
    /// Every alias member of two or more words (its folded words joined by spaces, as
    /// "thanh pho ho chi minh") → where it occurs as a whole, found once when the index is
    /// finished ([`IndexBuilder::finish`]). A query naming an alias group then reads one list
    /// per member instead of intersecting each member's words in every report.
    runs: FnvMap<Box<str>, Postings>,
}

/// Where one folded key occurs: its global token numbers, ascending, and for each the spelling
/// (toned key) found there and the ranking weight of its paragraph, packed in a `u16`
/// (`spelling << WEIGHT_BITS | weight`, spelling an index into `spellings`). One sorted list
/// per key, rather than one per spelling, so that a query reads it in a single pass with no
/// merging, and ranks without looking up paragraphs.
///
/// The runs of an alias member ([`SearchIndex::runs`]) use the same shape: the token number
/// of each run's first word, spelling 0 (none kept), the paragraph's weight.
#[derive(Debug, Clone, Default)]
struct Postings {
    spellings: Vec<Box<str>>,
    toks: Vec<u32>,
    meta: Vec<u16>,
    /// One entry per report the key occurs in, ascending: what ranking needs without reading
    /// the positions.
    docs: Vec<Doc>,
}

/// A folded key's occurrences in one report, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Doc {
    report: u32,
    /// Sum of the occurrences' paragraph weights (saturating).
    weight: u16,
    /// Bit `i` (i < 15): spelling `i` occurs; bit 15: some spelling numbered 15 or more does.
    spellings: u16,
}

/// The spelling bit of a [`Doc`].
#[inline(always)]
fn spelling_bit(spelling: u16) -> u16 {
    1 << spelling.min(15)
}

/// Low bits of a posting's `meta` holding the paragraph weight (0–3).
const WEIGHT_BITS: u32 = 2;
const WEIGHT_MASK: u16 = (1 << WEIGHT_BITS) - 1;
/// The largest spelling number a posting can hold.
const MAX_SPELLING: usize = (u16::MAX >> WEIGHT_BITS) as usize;

#[derive(Debug, Clone, Copy)]
struct ParaRef {
    /// Paragraph index in the report, or [`TITLE`] for the report's title field.
    paragraph: u32,
}

/// Sizes of a built index, for measurements and the about page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Reports in the bundle.
    pub reports: usize,
    /// Indexed paragraphs (report titles included, clutter and empty paragraphs excluded).
    pub paragraphs: usize,
    /// Indexed words.
    pub tokens: usize,
    /// Distinct folded keys.
    pub keys: usize,
    /// Distinct spellings (toned keys).
    pub spellings: usize,
}

/// How much a hit in a paragraph of this kind counts for ranking.
fn kind_weight(kind: ParagraphKind) -> u8 {
    match kind {
        ParagraphKind::Title => 3,
        ParagraphKind::Kicker | ParagraphKind::Body => 2,
        ParagraphKind::Byline | ParagraphKind::Caption => 1,
        ParagraphKind::Boilerplate => 0,
    }
}

/// Builds a [`SearchIndex`] a slice of reports at a time, so that a page can index ten
/// thousand reports between frames instead of freezing for seconds. The result is the same
/// index [`SearchIndex::new`] builds (it is built this way).
///
/// ```
/// # use danvan::core::model::*;
/// # use danvan::core::search::{IndexBuilder, SearchIndex};
/// # let bundle = Bundle { schema_version: SCHEMA_VERSION, generator: "doc".into(), topics: vec![],
/// #     aliases: vec![], reports: vec![] };
/// let mut builder = IndexBuilder::new(&bundle);
/// while !builder.add(&bundle, 200) {
///     // yield to the browser here
/// }
/// let index: SearchIndex = builder.finish();
/// ```
#[derive(Debug)]
pub struct IndexBuilder {
    index: SearchIndex,
    /// Each word as written → its (key id, spelling), so keys are computed once per spelling.
    seen: FnvMap<String, (u32, u16)>,
    /// The next report to index.
    next: usize,
}

impl IndexBuilder {
    /// A build of `bundle`'s index, with its alias groups; no report indexed yet.
    pub fn new(bundle: &Bundle) -> IndexBuilder {
        IndexBuilder {
            index: SearchIndex {
                report_toks: Vec::with_capacity(bundle.reports.len() + 1),
                aliases: Aliases::new(&bundle.aliases),
                ..SearchIndex::empty()
            },
            seen: FnvMap::default(),
            next: 0,
        }
    }

    /// Indexes up to `reports` more reports of `bundle` (the bundle given to
    /// [`IndexBuilder::new`]); true once every report is in.
    pub fn add(&mut self, bundle: &Bundle, reports: usize) -> bool {
        let end = self.next.saturating_add(reports).min(bundle.reports.len());
        let index = &mut self.index;
        for (r, report) in bundle.reports[self.next..end].iter().enumerate() {
            let r = (self.next + r) as u32;
            index.report_toks.push(index.next_token());
            if let Some(title) = &report.title {
                index.add_paragraph(&mut self.seen, r, TITLE, 3, title);
            }
            for (i, p) in report.paragraphs.iter().enumerate() {
                if !p.kind.is_clutter() {
                    index.add_paragraph(&mut self.seen, r, i as u32, kind_weight(p.kind), &p.text);
                }
            }
        }
        self.next = end;
        end == bundle.reports.len()
    }

    /// How many reports are indexed so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// The index of the reports added so far (call it once [`IndexBuilder::add`] said true).
    /// Finds where each alias member of two or more words occurs (a few milliseconds per
    /// member at ten thousand reports).
    pub fn finish(self) -> SearchIndex {
        let mut index = self.index;
        index.report_toks.push(index.next_token());
        index.shrink();
        let mut runs = FnvMap::default();
        for member in index.aliases.groups.iter().flatten() {
            if member.len() > 1 {
                let key = member.join(" ").into_boxed_str();
                runs.entry(key).or_insert_with(|| index.find_runs(member));
            }
        }
        index.runs = runs;
        index
    }
}

impl SearchIndex {
    /// Indexes every non-clutter paragraph and every report title of `bundle`, and precomputes
    /// the alias groups. Linear in the number of words.
    pub fn new(bundle: &Bundle) -> SearchIndex {
        let mut builder = IndexBuilder::new(bundle);
        while !builder.add(bundle, usize::MAX) {}
        builder.finish()
    }

    /// An index of nothing (no reports, no aliases): what the app searches before the
    /// bundle's text is there.
    pub fn empty() -> SearchIndex {
        SearchIndex {
            keys: FnvMap::default(),
            postings: Vec::new(),
            tokens: 0,
            para_first: Vec::new(),
            paras: Vec::new(),
            report_toks: vec![0],
            aliases: Aliases::new(&[]),
            runs: FnvMap::default(),
        }
    }

    fn next_token(&self) -> u32 {
        self.tokens
    }

    /// Indexes one paragraph. `seen` maps each word as written to its (key id, variant), so
    /// the keys of a word are computed once per distinct spelling, not once per occurrence.
    fn add_paragraph(
        &mut self,
        seen: &mut FnvMap<String, (u32, u16)>,
        report: u32,
        paragraph: u32,
        weight: u8,
        text: &str,
    ) {
        // Token numbers are u32; a corpus of four billion words is far beyond what a browser
        // holds, so the rest is left unindexed rather than wrapping around. (A text has no
        // more words than bytes.)
        if self.tokens as usize + text.len() + 1 >= u32::MAX as usize {
            return;
        }
        let first = self.next_token();
        for_each_word(text, |_, _, _, word| {
            let tok = self.next_token();
            let (id, spelling) = match seen.get(word) {
                Some(&found) => found,
                None => {
                    let found = self.intern(word);
                    seen.insert(word.to_owned(), found);
                    found
                }
            };
            let postings = &mut self.postings[id as usize];
            postings.toks.push(tok);
            postings
                .meta
                .push(spelling << WEIGHT_BITS | u16::from(weight));
            match postings.docs.last_mut() {
                Some(d) if d.report == report => {
                    d.weight = d.weight.saturating_add(u16::from(weight));
                    d.spellings |= spelling_bit(spelling);
                }
                _ => postings.docs.push(Doc {
                    report,
                    weight: u16::from(weight),
                    spellings: spelling_bit(spelling),
                }),
            }
            self.tokens += 1;
        });
        if self.tokens == first {
            return; // no words: not an indexed paragraph
        }
        self.para_first.push(first);
        self.paras.push(ParaRef { paragraph });
        // The gap token: never a posting, so phrases cannot run across paragraphs.
        self.tokens += 1;
    }

    /// The (key id, spelling) of a word, creating them when new.
    fn intern(&mut self, word: &str) -> (u32, u16) {
        let (folded, toned) = (folded_key(word), toned_key(word));
        let next_id = self.postings.len() as u32;
        let id = *self.keys.entry(folded.into_boxed_str()).or_insert(next_id);
        if id == next_id {
            self.postings.push(Postings::default());
        }
        let spellings = &mut self.postings[id as usize].spellings;
        let spelling = match spellings.iter().position(|v| **v == *toned) {
            Some(i) => i,
            None => {
                spellings.push(toned.into_boxed_str());
                spellings.len() - 1
            }
        };
        // More than 16,383 spellings of one folded key cannot come from real words; they
        // share the last number, which only blurs exact-accent ranking among them.
        (id, spelling.min(MAX_SPELLING) as u16)
    }

    /// Where the folded words `words` occur consecutively (within one paragraph), as
    /// postings: the run's first token, its paragraph's weight, and per report the sum of the
    /// weights. Anchored on the rarest word; the other lists are read forward once.
    fn find_runs(&self, words: &[String]) -> Postings {
        let mut out = Postings::default();
        let lists: Option<Vec<&Postings>> = words
            .iter()
            .map(|w| {
                self.keys
                    .get(w.as_str())
                    .map(|&id| &self.postings[id as usize])
            })
            .collect();
        let Some(lists) = lists else {
            return out;
        };
        let Some((anchor, first)) = lists.iter().enumerate().min_by_key(|(_, p)| p.toks.len())
        else {
            return out;
        };
        let mut cursors = vec![0; lists.len()];
        let mut report = 0;
        for (&t, &m) in first.toks.iter().zip(&first.meta) {
            let Some(start) = t.checked_sub(anchor as u32) else {
                continue;
            };
            let whole = lists
                .iter()
                .zip(&mut cursors)
                .enumerate()
                .all(|(k, (p, c))| {
                    let at = start + k as u32;
                    *c = gallop(&p.toks, *c, at);
                    p.toks.get(*c) == Some(&at)
                });
            if !whole {
                continue;
            }
            // Reports own ascending token ranges: the run's report is found by moving on.
            while self
                .report_toks
                .get(report + 1)
                .is_some_and(|&end| end <= start)
            {
                report += 1;
            }
            let weight = m & WEIGHT_MASK;
            out.toks.push(start);
            out.meta.push(weight);
            match out.docs.last_mut() {
                Some(d) if d.report == report as u32 => d.weight = d.weight.saturating_add(weight),
                _ => out.docs.push(Doc {
                    report: report as u32,
                    weight,
                    spellings: spelling_bit(0),
                }),
            }
        }
        out.toks.shrink_to_fit();
        out.meta.shrink_to_fit();
        out.docs.shrink_to_fit();
        out
    }

    fn shrink(&mut self) {
        for p in &mut self.postings {
            p.spellings.shrink_to_fit();
            p.toks.shrink_to_fit();
            p.meta.shrink_to_fit();
            p.docs.shrink_to_fit();
        }
        self.postings.shrink_to_fit();
        self.para_first.shrink_to_fit();
        self.paras.shrink_to_fit();
    }

    /// The alias groups, prepared for [`Query::parse`].
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// Parses a query with this index's aliases: `Query::parse(text, self.aliases())`.
    pub fn parse(&self, text: &str) -> Query {
        Query::parse(text, &self.aliases)
    }

    /// Sizes of the index.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            reports: self.report_toks.len().saturating_sub(1),
            paragraphs: self.paras.len(),
            tokens: self.postings.iter().map(|p| p.toks.len()).sum(),
            keys: self.postings.len(),
            spellings: self.postings.iter().map(|p| p.spellings.len()).sum(),
        }
    }

    /// The reports matching `query`, best first (see the module doc for the ranking), with
    /// their scores. An empty query (no words) returns every report in bundle order with a zero
    /// score; callers that want to treat "no query" differently check [`Query::is_empty`]
    /// first. Highlights are not built here: ask [`SearchIndex::highlight`] for the rows shown.
    pub fn search(&self, query: &Query) -> Vec<Ranked> {
        let reports = self.report_toks.len().saturating_sub(1);
        if query.is_empty() {
            return (0..reports)
                .map(|report| Ranked {
                    report,
                    score: Score::default(),
                })
                .collect();
        }
        let mut ranker = Ranker::new(self, query);
        let mut hits: Vec<Ranked> = Vec::new();
        let mut r = 0;
        while let Some(next) = ranker.next_candidate(r) {
            if let Some(score) = ranker.score(next as u32) {
                hits.push(Ranked {
                    report: next,
                    score,
                });
            }
            r = next + 1;
        }
        rank_order(&mut hits);
        hits
    }

    /// The highlights of `query` in one report, whether or not the report matches the whole
    /// query: for the rows on screen, and for the reading view, where the reader opened a
    /// report and still wants to see the words they searched for. `None` when no query word
    /// occurs in it (or the query is empty). Costs a few binary searches per query word plus
    /// the report's own hits.
    ///
    /// `text` is that report, as indexed: its title and paragraphs are tokenised again to turn
    /// token numbers into char ranges.
    pub fn highlight(&self, query: &Query, report: usize, text: &Report) -> Option<ReportHit> {
        if query.is_empty() || report + 1 >= self.report_toks.len() {
            return None;
        }
        let mut eval = Eval::new(self, query);
        eval.report(report as u32);
        if eval.shown.is_empty() {
            return None;
        }
        let score = Ranker::new(self, query)
            .score(report as u32)
            .unwrap_or_default();
        Some(self.hit_of(report, score, &mut eval.shown, text))
    }

    /// The postings of one query word, and which of its spellings count as exact.
    fn word(&self, q: &QTok, literal: bool) -> Word<'_> {
        let Some(&id) = self.keys.get(q.folded.as_str()) else {
            return Word::MISSING;
        };
        let p = &self.postings[id as usize];
        // Which spelling counts as exact: any, for an accent-free word; the typed one (if the
        // corpus has it) otherwise; none, for an alias member.
        let exact = match (literal, q.accented) {
            (false, _) => Exact::Never,
            (true, false) => Exact::Always,
            (true, true) => match p.spellings.iter().position(|v| **v == *q.toned) {
                Some(i) => Exact::Spelling(i as u16),
                None => Exact::Never,
            },
        };
        Word {
            toks: &p.toks,
            meta: &p.meta,
            docs: &p.docs,
            exact,
            cursor: 0,
            doc_cursor: 0,
            len: 1,
        }
    }

    /// The precomputed runs of an alias alternative of two or more words, as one "word" that
    /// many tokens long; `None` for a single word, or when the index has no runs for it (it
    /// was built with other aliases). Exact when typed without accents; when typed with them,
    /// the exact spellings are a matter of each word (see [`EvalAlt`]).
    fn run(&self, alt: &Alt) -> Option<Word<'_>> {
        if alt.toks.len() < 2 {
            return None;
        }
        let key: Vec<&str> = alt.toks.iter().map(|t| t.folded.as_str()).collect();
        let p = self.runs.get(key.join(" ").as_str())?;
        let accent_free = alt.literal && !alt.accented();
        Some(Word {
            toks: &p.toks,
            meta: &p.meta,
            docs: &p.docs,
            exact: if accent_free {
                Exact::Always
            } else {
                Exact::Never
            },
            cursor: 0,
            doc_cursor: 0,
            len: alt.toks.len() as u32,
        })
    }

    /// The report highlights of the occurrences in `occs` (any order), all in `report`, whose
    /// text is `text`.
    fn hit_of(&self, report: usize, score: Score, occs: &mut [Occ], text: &Report) -> ReportHit {
        occs.sort_unstable_by_key(|o| (o.start, o.end));
        let mut hit = ReportHit::plain(report);
        hit.score = score;
        let Some(first) = occs.first().map(|o| o.start) else {
            return hit;
        };
        // Walk the report's paragraphs alongside the sorted occurrences: one binary search,
        // then a linear merge. Each paragraph with a hit is tokenised once, as when indexed,
        // so token `t` of indexed paragraph `p` is word `t - para_first[p]` of its text.
        let mut p = self.para_first.partition_point(|&f| f <= first) - 1;
        // The char spans of the words of indexed paragraph `spans_of`.
        let (mut spans_of, mut spans) = (usize::MAX, Vec::new());
        for o in occs.iter() {
            while self.para_first.get(p + 1).is_some_and(|&f| f <= o.start) {
                p += 1;
            }
            let para = self.paras[p];
            if spans_of != p {
                let source = if para.paragraph == TITLE {
                    text.title.as_deref()
                } else {
                    text.paragraphs
                        .get(para.paragraph as usize)
                        .map(|x| x.text.as_str())
                };
                spans.clear();
                if let Some(t) = source {
                    for_each_word(t, |s, e, _, _| spans.push((s, e)));
                }
                spans_of = p;
            }
            let first_word = (o.start - self.para_first[p]) as usize;
            let last_word = (o.end - 1 - self.para_first[p]) as usize;
            // A text that is not the one indexed has no such word: nothing to mark.
            let (Some(&(start, _)), Some(&(_, end))): (Option<&(usize, usize)>, _) =
                (spans.get(first_word), spans.get(last_word))
            else {
                continue;
            };
            let ranges = if para.paragraph == TITLE {
                &mut hit.title
            } else {
                if hit.paragraphs.last().map(|h| h.paragraph) != Some(para.paragraph as usize) {
                    hit.paragraphs.push(ParagraphHit {
                        paragraph: para.paragraph as usize,
                        ranges: vec![],
                    });
                }
                &mut hit.paragraphs.last_mut().expect("pushed above").ranges
            };
            push_merged(ranges, (start, end));
        }
        hit
    }
}

/// One query word resolved against the index: its postings (all spellings of its folded key),
/// which spellings are exact, and how far a scan over ascending reports has read.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    toks: &'a [u32],
    meta: &'a [u16],
    docs: &'a [Doc],
    exact: Exact,
    /// Postings before this index lie in reports already evaluated.
    cursor: usize,
    /// Likewise for `docs`.
    doc_cursor: usize,
    /// Tokens per occurrence: 1 for a word, more for the precomputed runs of an alias member.
    len: u32,
}

impl Word<'_> {
    /// A word the corpus does not have.
    const MISSING: Word<'static> = Word {
        toks: &[],
        meta: &[],
        docs: &[],
        exact: Exact::Never,
        cursor: 0,
        doc_cursor: 0,
        len: 1,
    };

    /// The word's entry for report `r`, which must not lie before an earlier call's report.
    #[inline(always)]
    fn doc(&mut self, r: u32) -> Option<Doc> {
        let i = gallop_by(self.docs, self.doc_cursor, r, |d| d.report);
        self.doc_cursor = i;
        self.docs.get(i).filter(|d| d.report == r).copied()
    }

    /// Whether an occurrence in report `doc` (with postings `span`) has an exact spelling.
    fn any_exact(&self, doc: Doc, span: impl FnOnce(&Self) -> (usize, usize)) -> bool {
        match self.exact {
            Exact::Never => false,
            Exact::Always => true,
            Exact::Spelling(e) if e < 15 => doc.spellings & spelling_bit(e) != 0,
            Exact::Spelling(e) => {
                doc.spellings & spelling_bit(e) != 0 && {
                    let (s, t) = span(self);
                    self.meta[s..t].iter().any(|&m| self.exact.matches(m))
                }
            }
        }
    }

    /// The index range of the postings within tokens `lo..hi`; `lo` must not lie before an
    /// earlier call's. Moves the cursor to the range's start, so asking again for the same
    /// report gives the same range. Galloping: cheap when the word is dense (a few steps per
    /// report) and when it is rare (a logarithmic jump).
    #[inline(always)]
    fn within(&mut self, lo: u32, hi: u32) -> (usize, usize) {
        let s = gallop(self.toks, self.cursor, lo);
        self.cursor = s;
        (s, gallop(self.toks, s, hi))
    }

    /// Appends the occurrences at posting indices `s..e` to `out`.
    fn push_occ(&self, (s, e): (usize, usize), out: &mut Vec<Occ>) {
        out.extend(self.toks[s..e].iter().map(|&t| Occ {
            start: t,
            end: t + self.len,
        }));
    }
}

/// The first index `i >= from` with `toks[i] >= bound` (or `toks.len()`), `toks` ascending.
#[inline(always)]
fn gallop(toks: &[u32], from: usize, bound: u32) -> usize {
    gallop_by(toks, from, bound, |&t| t)
}

/// The first index `i >= from` with `key(items[i]) >= bound` (or `items.len()`), keys
/// ascending. Galloping: a few steps when the answer is near, a logarithmic jump otherwise.
/// Always inlined, like the small steps of ranking around it: they run per report and word,
/// and the app is built for size (`opt-level = "z"`), which would make each a call.
#[inline(always)]
fn gallop_by<T>(items: &[T], from: usize, bound: u32, key: impl Fn(&T) -> u32) -> usize {
    let (mut lo, mut hi, mut step) = (from, from, 1);
    // Invariant: every item in `from..lo` is below `bound`.
    while hi < items.len() && key(&items[hi]) < bound {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(items.len());
    lo + items[lo..hi].partition_point(|t| key(t) < bound)
}

/// One alternative of a unit resolved: its words, or the precomputed runs standing for them.
struct EvalAlt<'a> {
    /// Each word's postings. Empty when `run` stands for the alternative, except for the typed
    /// text with accents: which of its occurrences are exact depends on each word's spelling.
    words: Vec<Word<'a>>,
    /// Where an alias member of two or more words occurs as a whole (precomputed).
    run: Option<Word<'a>>,
}

impl<'a> EvalAlt<'a> {
    fn new(index: &'a SearchIndex, alt: &Alt) -> EvalAlt<'a> {
        let run = index.run(alt);
        let words = if run.is_some() && !(alt.literal && alt.accented()) {
            Vec::new()
        } else {
            alt.toks
                .iter()
                .map(|t| index.word(t, alt.literal))
                .collect()
        };
        EvalAlt { words, run }
    }

    /// The postings that tell per report whether, and with what weight, the whole
    /// alternative occurs: its runs, or its only word. `None` for a run of words that must be
    /// found from their positions.
    fn whole(&self) -> Option<&Word<'a>> {
        match (&self.run, self.words.as_slice()) {
            (Some(run), _) => Some(run),
            (None, [word]) => Some(word),
            _ => None,
        }
    }
}

/// One unit of the query resolved: its alternatives (the typed text, then any alias members).
struct EvalUnit<'a> {
    alts: Vec<EvalAlt<'a>>,
    /// Occurrences in the report being evaluated, sorted by (start, end).
    occ: Vec<Occ>,
}

impl<'a> EvalUnit<'a> {
    fn new(index: &'a SearchIndex, unit: &Unit) -> EvalUnit<'a> {
        EvalUnit {
            alts: unit.alts.iter().map(|a| EvalAlt::new(index, a)).collect(),
            occ: Vec::new(),
        }
    }

    /// The unit's one word, when it has no alias alternatives and is a single word: such a
    /// unit is ranked from its per-report sums alone.
    fn simple(&self) -> bool {
        matches!(self.alts.as_slice(), [EvalAlt { words, run: None }] if words.len() == 1)
    }

    /// How many (report, alternative) entries the unit's per-report sums hold, when every
    /// alternative has them ([`EvalAlt::whole`]): how selective it is as a candidate filter.
    fn docs(&self) -> Option<usize> {
        self.alts
            .iter()
            .map(|a| a.whole().map(|w| w.docs.len()))
            .sum()
    }
}

struct EvalSegment<'a> {
    quoted: bool,
    units: Vec<EvalUnit<'a>>,
    /// Phrase occurrences in the report being evaluated (two or more units only).
    phrase: Vec<Occ>,
}

fn eval_segments<'a>(index: &'a SearchIndex, query: &Query) -> Vec<EvalSegment<'a>> {
    query
        .segments
        .iter()
        .map(|seg| EvalSegment {
            quoted: seg.quoted,
            units: seg.units.iter().map(|u| EvalUnit::new(index, u)).collect(),
            phrase: Vec::new(),
        })
        .collect()
}

/// A query resolved against an index for highlighting: every occurrence of its units and
/// phrases in one report, from the positions.
struct Eval<'a> {
    index: &'a SearchIndex,
    segments: Vec<EvalSegment<'a>>,
    /// The occurrences to highlight in the last report evaluated.
    shown: Vec<Occ>,
    scratch: (Vec<Occ>, Vec<Occ>, Vec<Occ>),
}

impl<'a> Eval<'a> {
    fn new(index: &'a SearchIndex, query: &Query) -> Eval<'a> {
        Eval {
            index,
            segments: eval_segments(index, query),
            shown: Vec::new(),
            scratch: Default::default(),
        }
    }

    /// Leaves in `self.shown` the occurrences to highlight in report `r`: a segment's phrase
    /// occurrences when it has any (or is quoted), else each of its units' occurrences.
    fn report(&mut self, r: u32) {
        let (lo, hi) = (
            self.index.report_toks[r as usize],
            self.index.report_toks[r as usize + 1],
        );
        let (a, b, c) = &mut self.scratch;
        self.shown.clear();
        for seg in &mut self.segments {
            for unit in &mut seg.units {
                unit_occ(unit, lo, hi, a, b, c);
            }
            seg.phrase.clear();
            if seg.units.len() > 1 {
                chain_units(&seg.units, a, b);
                seg.phrase.extend_from_slice(a);
            }
            let phrase_here = if seg.units.len() > 1 {
                &seg.phrase
            } else {
                &seg.units[0].occ
            };
            if !phrase_here.is_empty() || seg.quoted {
                self.shown.extend_from_slice(phrase_here);
            } else {
                for unit in &seg.units {
                    self.shown.extend_from_slice(&unit.occ);
                }
            }
        }
    }
}

/// The phrase occurrences of `units` (their `occ` filled), left in `a`; `b` is scratch.
fn chain_units(units: &[EvalUnit], a: &mut Vec<Occ>, b: &mut Vec<Occ>) {
    let mut it = units.iter();
    a.clear();
    if let Some(first) = it.next() {
        a.extend_from_slice(&first.occ);
    }
    for unit in it {
        chain_into(a, &unit.occ, b);
        std::mem::swap(a, b);
    }
}

/// A query resolved against an index for ranking, evaluated one report at a time in
/// ascending report order. A single-word unit (the common case) is ranked from its per-report
/// sums ([`Doc`]); positions are read only to decide whether a segment occurs as a phrase, and
/// that stops at the first occurrence found. An alias unit is ranked from the per-report sums
/// of each alternative (a word, or a member's precomputed runs); positions are read only for
/// the exact accents of the typed text, or for alternatives without runs. Buffers are reused
/// from report to report.
struct Ranker<'a> {
    index: &'a SearchIndex,
    segments: Vec<EvalSegment<'a>>,
    scratch: (Vec<Occ>, Vec<Occ>, Vec<Occ>),
    /// (segment, unit) of the unit occurring in the fewest reports, among those whose every
    /// alternative has per-report sums: every unit is required, so only its reports can match.
    rarest: Option<(usize, usize)>,
}

impl<'a> Ranker<'a> {
    fn new(index: &'a SearchIndex, query: &Query) -> Ranker<'a> {
        let segments = eval_segments(index, query);
        let rarest = segments
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.units.iter().enumerate().map(move |(j, u)| (i, j, u)))
            .filter_map(|(i, j, u)| Some((i, j, u.docs()?)))
            .min_by_key(|&(_, _, docs)| docs)
            .map(|(i, j, _)| (i, j));
        Ranker {
            index,
            segments,
            scratch: Default::default(),
            rarest,
        }
    }

    /// The first report at or after `from` that can match: where the rarest unit occurs next
    /// (any of its alternatives; every report, without such a unit). `None` past the last.
    fn next_candidate(&self, from: usize) -> Option<usize> {
        let reports = self.index.report_toks.len().saturating_sub(1);
        let Some((i, j)) = self.rarest else {
            return (from < reports).then_some(from);
        };
        self.segments[i].units[j]
            .alts
            .iter()
            .filter_map(|alt| {
                let word = alt.whole()?;
                let k = gallop_by(word.docs, word.doc_cursor, from as u32, |d| d.report);
                word.docs.get(k).map(|d| d.report as usize)
            })
            .min()
    }

    /// The score of report `r`, `None` when it does not match the whole query. Reports must
    /// be asked in ascending order.
    fn score(&mut self, r: u32) -> Option<Score> {
        let (lo, hi) = (
            self.index.report_toks[r as usize],
            self.index.report_toks[r as usize + 1],
        );
        let mut score = Score::default();
        let (a, b, c) = &mut self.scratch;
        // Every unit must occur: the single words first, from their per-report sums.
        let span = |w: &Word| {
            let s = gallop(w.toks, w.cursor, lo);
            (s, gallop(w.toks, s, hi))
        };
        for unit in self.segments.iter_mut().flat_map(|s| &mut s.units) {
            if unit.simple() {
                let word = &mut unit.alts[0].words[0];
                let doc = word.doc(r)?;
                score.weight += u32::from(doc.weight);
                if word.any_exact(doc, span) {
                    score.exact += 1;
                }
            }
        }
        // Then the alias units: any alternative may occur, each counted by its per-report sum
        // (a word, or a member's precomputed runs) or else found from its words' positions.
        let mut spans: Vec<(&[u32], &[u16], Exact)> = Vec::new();
        for unit in self.segments.iter_mut().flat_map(|s| &mut s.units) {
            if unit.simple() {
                continue;
            }
            let (mut found, mut exact) = (false, false);
            for alt in &mut unit.alts {
                let EvalAlt { words, run } = alt;
                if let Some(w) = run {
                    let Some(doc) = w.doc(r) else { continue };
                    found = true;
                    score.weight += u32::from(doc.weight);
                    exact |= w.any_exact(doc, span);
                    if !exact && !words.is_empty() {
                        // The typed text with accents: is some run of it spelled exactly?
                        word_runs(words, lo, hi, &mut spans, |_, is_exact| {
                            exact |= is_exact;
                            !is_exact
                        });
                    }
                } else if let [w] = words.as_mut_slice() {
                    let Some(doc) = w.doc(r) else { continue };
                    found = true;
                    score.weight += u32::from(doc.weight);
                    exact |= w.any_exact(doc, span);
                } else {
                    word_runs(words, lo, hi, &mut spans, |weight, is_exact| {
                        found = true;
                        exact |= is_exact;
                        score.weight += u32::from(weight);
                        true
                    });
                }
            }
            if !found {
                return None;
            }
            if exact {
                score.exact += 1;
            }
        }
        // Then the phrases: required when quoted, a better rank otherwise.
        for seg in &mut self.segments {
            if seg.units.len() < 2 {
                continue;
            }
            let found = if seg.units.iter().all(EvalUnit::simple) {
                spans.clear();
                for unit in &mut seg.units {
                    let w = &mut unit.alts[0].words[0];
                    let (s, e) = w.within(lo, hi);
                    spans.push((&w.toks[s..e], &w.meta[s..e], Exact::Never));
                }
                let mut found = false;
                runs(&spans, |_, _| {
                    found = true;
                    false
                });
                found
            } else {
                for unit in &mut seg.units {
                    unit_occ(unit, lo, hi, a, b, c);
                }
                chain_units(&seg.units, a, b);
                !a.is_empty()
            };
            match (found, seg.quoted) {
                (false, true) => return None,
                (true, false) => score.phrases += 1,
                _ => {}
            }
        }
        Some(score)
    }
}

/// [`runs`] of `words` within tokens `lo..hi`, their cursors moved on; `spans` is scratch.
fn word_runs<'a>(
    words: &mut [Word<'a>],
    lo: u32,
    hi: u32,
    spans: &mut Vec<(&'a [u32], &'a [u16], Exact)>,
    f: impl FnMut(u8, bool) -> bool,
) {
    spans.clear();
    for w in words {
        let (s, e) = w.within(lo, hi);
        let (toks, meta) = (w.toks, w.meta);
        spans.push((&toks[s..e], &meta[s..e], w.exact));
    }
    runs(spans, f);
}

/// Calls `f(weight, exact)` for each place where the words of `words` occur consecutively, in
/// order; each word is given by its positions (ascending), their `meta`, and which spellings
/// are exact. `weight` is the paragraph's; `exact` whether every word there has an exact
/// spelling. Anchored on the word with the fewest positions, each checked with a binary search
/// in the others, so a rare word makes it cheap; stops when `f` returns false.
fn runs(words: &[(&[u32], &[u16], Exact)], mut f: impl FnMut(u8, bool) -> bool) {
    let Some((anchor, &(positions, meta, _))) =
        words.iter().enumerate().min_by_key(|(_, w)| w.0.len())
    else {
        return;
    };
    for (&t, &m) in positions.iter().zip(meta) {
        let Some(start) = t.checked_sub(anchor as u32) else {
            continue;
        };
        let mut exact = true;
        let whole = words.iter().enumerate().all(|(k, &(toks, meta, ex))| {
            let Ok(i) = toks.binary_search(&(start + k as u32)) else {
                return false;
            };
            exact &= ex.matches(meta[i]);
            true
        });
        if whole && !f((m & WEIGHT_MASK) as u8, exact) {
            return;
        }
    }
}

/// Fills `unit.occ` with the unit's occurrences within tokens `lo..hi`: any alternative, each
/// a run of consecutive words (or a member's precomputed runs); one occurrence per span.
/// `a`, `b` and `c` are scratch buffers.
fn unit_occ(
    unit: &mut EvalUnit,
    lo: u32,
    hi: u32,
    a: &mut Vec<Occ>,
    b: &mut Vec<Occ>,
    c: &mut Vec<Occ>,
) {
    unit.occ.clear();
    for alt in &mut unit.alts {
        if let Some(run) = &mut alt.run {
            // The words, when kept beside the runs, are only for exact accents.
            a.clear();
            let span = run.within(lo, hi);
            run.push_occ(span, a);
        } else {
            chain_words(&mut alt.words, lo, hi, a, b, c);
        }
        if unit.occ.is_empty() {
            std::mem::swap(&mut unit.occ, a);
        } else if !a.is_empty() {
            merge_into(&unit.occ, a, c);
            std::mem::swap(&mut unit.occ, c);
        }
    }
    unit.occ
        .dedup_by(|b, a| a.start == b.start && a.end == b.end);
}

/// The places within tokens `lo..hi` where `words` occur consecutively, left in `a`; `b` and
/// `c` are scratch.
fn chain_words(
    words: &mut [Word],
    lo: u32,
    hi: u32,
    a: &mut Vec<Occ>,
    b: &mut Vec<Occ>,
    c: &mut Vec<Occ>,
) {
    a.clear();
    let mut it = words.iter_mut();
    let Some(first) = it.next() else { return };
    let span = first.within(lo, hi);
    first.push_occ(span, a);
    for w in it {
        // The cursor must move on even when nothing is left to chain, so that the next
        // report starts from the right place.
        let span = w.within(lo, hi);
        if a.is_empty() {
            continue;
        }
        b.clear();
        w.push_occ(span, b);
        chain_into(a, b, c);
        std::mem::swap(a, c);
    }
}

/// Adds a range to ranges sorted by start, merging it with the last one when they overlap.
fn push_merged(ranges: &mut Vec<(usize, usize)>, r: (usize, usize)) {
    match ranges.last_mut() {
        Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
        _ => ranges.push(r),
    }
}

/// Which occurrences of a query word count as exact-accent matches.
#[derive(Debug, Clone, Copy)]
enum Exact {
    Never,
    Always,
    Spelling(u16),
}

impl Exact {
    /// Whether a posting with this `meta` is an exact match.
    #[inline(always)]
    fn matches(self, meta: u16) -> bool {
        match self {
            Exact::Never => false,
            Exact::Always => true,
            Exact::Spelling(e) => meta >> WEIGHT_BITS == e,
        }
    }
}

/// A run of consecutive tokens `start..end` (global token numbers) that matches part of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occ {
    start: u32,
    end: u32,
}

/// The occurrences of `a` immediately followed by an occurrence of `b`, joined, into `out`
/// (cleared first). Both sorted by start; so is the result. Linear: one pass over each.
fn chain_into(a: &[Occ], b: &[Occ], out: &mut Vec<Occ>) {
    out.clear();
    let mut j = 0;
    for x in a {
        // `x.start` only grows, so `j` (the first `b` starting at or after it) only moves on;
        // the few `b` between `x.start` and `x.end` are within the span of `x` itself.
        while j < b.len() && b[j].start < x.start {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].start < x.end {
            k += 1;
        }
        while k < b.len() && b[k].start == x.end {
            let y = b[k];
            out.push(Occ {
                start: x.start,
                end: y.end,
            });
            k += 1;
        }
    }
}

/// Merges two lists sorted by (start, end) into `out` (cleared first).
fn merge_into(a: &[Occ], b: &[Occ], out: &mut Vec<Occ>) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if (a[i].start, a[i].end) <= (b[j].start, b[j].end) {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// Sorts hits best first, equal scores in report order. Each hit is packed into one integer
/// whose order is that order (score fields high, the report number inverted low), and the
/// integers are sorted: at `opt-level = "z"` (the app) a comparison of integers is inline code
/// where a comparison closure over `Score` would be two calls per step. Reports and score
/// fields fit in 32 bits (a report is a `usize` index into at most `u32::MAX` reports, as
/// token numbers are `u32`).
fn rank_order(hits: &mut Vec<Ranked>) {
    let pack = |h: &Ranked| {
        u128::from(h.score.phrases) << 96
            | u128::from(h.score.exact) << 64
            | u128::from(h.score.weight) << 32
            | u128::from(u32::MAX - h.report as u32)
    };
    let mut keys: Vec<u128> = hits.iter().map(pack).collect();
    keys.sort_unstable();
    hits.clear();
    hits.extend(keys.iter().rev().map(|&k| Ranked {
        report: (u32::MAX - k as u32) as usize,
        score: Score {
            phrases: (k >> 96) as u32,
            exact: (k >> 64) as u32,
            weight: (k >> 32) as u32,
        },
    }));
}

/// A report that matches a query, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Index into `bundle.reports`.
    pub report: usize,
    /// The ranking score (see the module doc).
    pub score: Score,
}

/// Why a report matched and what to highlight in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportHit {
    /// Index into `bundle.reports`.
    pub report: usize,
    /// The ranking score (see the module doc).
    pub score: Score,
    /// Char ranges to highlight in the report's `title` field, sorted, not overlapping.
    pub title: Vec<(usize, usize)>,
    /// The paragraphs with hits, in document order.
    pub paragraphs: Vec<ParagraphHit>,
}

impl ReportHit {
    fn plain(report: usize) -> ReportHit {
        ReportHit {
            report,
            score: Score::default(),
            title: vec![],
            paragraphs: vec![],
        }
    }

    /// The highlight ranges of paragraph `paragraph`, empty when it has no hit.
    pub fn ranges(&self, paragraph: usize) -> &[(usize, usize)] {
        self.paragraphs
            .binary_search_by_key(&paragraph, |h| h.paragraph)
            .map(|i| self.paragraphs[i].ranges.as_slice())
            .unwrap_or(&[])
    }
}

/// The hits in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphHit {
    /// Index into the report's `paragraphs`.
    pub paragraph: usize,
    /// Char ranges (end exclusive) to highlight, sorted and not overlapping. A phrase hit is one
    /// range from its first word to its last.
    pub ranges: Vec<(usize, usize)>,
}

/// How well a report matches; compares lexicographically in field order (see the module doc).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score {
    /// Unquoted multi-word parts of the query found as a phrase.
    pub phrases: u32,
    /// Query words (or alias units) found in the report with exactly the typed accents.
    pub exact: u32,
    /// Occurrences of the query words (or alias units) in the report, weighted by paragraph
    /// kind (title 3, kicker/body 2, byline/caption 1).
    pub weight: u32,
}

/// One query word: its keys and whether the user typed any diacritic.
#[derive(Debug, Clone, PartialEq, Eq)]
struct QTok {
    folded: String,
    toned: String,
    accented: bool,
}

/// One way to match a unit: a run of words. The typed text is `literal`; alias members are not.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Alt {
    toks: Vec<QTok>,
    literal: bool,
}

impl Alt {
    /// Whether any of its words was typed with a diacritic.
    fn accented(&self) -> bool {
        self.toks.iter().any(|t| t.accented)
    }
}

/// One position of a query: a word, or an alias phrase with all its alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    alts: Vec<Alt>,
}

/// A quoted phrase, or a run of unquoted text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    quoted: bool,
    units: Vec<Unit>,
}

/// A parsed search query. Cheap to build; build one per keystroke with [`Query::parse`] or
/// [`SearchIndex::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    segments: Vec<Segment>,
}

/// Characters that open or close a quoted phrase: straight and curly double quotes.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

impl Query {
    /// Parses `text`: NFC first; `"..."` parts are phrases; the rest are words that must all
    /// occur in a report (and rank higher as a phrase). Alias members in either are expanded to
    /// their whole group. Text with no words gives an empty query.
    pub fn parse(text: &str, aliases: &Aliases) -> Query {
        let text = nfc(text);
        let mut segments = Vec::new();
        let mut part = String::new();
        let mut quoted = false;
        for c in text.chars() {
            if is_quote(c) {
                push_segment(&mut segments, &part, quoted, aliases);
                part.clear();
                quoted = !quoted;
            } else {
                part.push(c);
            }
        }
        push_segment(&mut segments, &part, quoted, aliases);
        Query { segments }
    }

    /// Whether the query has no words at all (empty, spaces or punctuation only).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

fn push_segment(segments: &mut Vec<Segment>, part: &str, quoted: bool, aliases: &Aliases) {
    let toks: Vec<QTok> = tokenize(part)
        .into_iter()
        .map(|t| QTok {
            accented: has_diacritics(char_slice(part, t.start, t.end)),
            folded: t.folded,
            toned: t.toned,
        })
        .collect();
    if toks.is_empty() {
        return;
    }
    let mut units = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let literal_len = aliases.longest_at(&toks[i..]).map_or(1, |(len, _)| len);
        let mut alts = vec![Alt {
            toks: toks[i..i + literal_len].to_vec(),
            literal: true,
        }];
        if let Some((len, members)) = aliases.longest_at(&toks[i..]) {
            let typed: Vec<&str> = toks[i..i + len].iter().map(|t| t.folded.as_str()).collect();
            for m in members {
                if m.iter().map(String::as_str).ne(typed.iter().copied())
                    && !alts
                        .iter()
                        .any(|a| a.toks.iter().map(|t| &t.folded).eq(m.iter()))
                {
                    let toks = m
                        .iter()
                        .map(|f| QTok {
                            folded: f.clone(),
                            toned: f.clone(),
                            accented: false,
                        })
                        .collect();
                    alts.push(Alt {
                        toks,
                        literal: false,
                    });
                }
            }
        }
        units.push(Unit { alts });
        i += literal_len;
    }
    segments.push(Segment { quoted, units });
}

/// Alias groups prepared for matching: each member as its folded words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    /// Each group's members, each as folded words.
    groups: Vec<Vec<Vec<String>>>,
    /// First folded word of a member → (group, member) pairs.
    by_first: FnvMap<String, Vec<(u32, u32)>>,
}

impl Aliases {
    /// Prepares the groups of `bundle.aliases`. Members with no words are dropped.
    pub fn new(groups: &[Vec<String>]) -> Aliases {
        let mut out = Aliases::default();
        for (g, group) in groups.iter().enumerate() {
            let members: Vec<Vec<String>> = group
                .iter()
                .map(|m| {
                    tokenize(&nfc(m))
                        .into_iter()
                        .map(|t| t.folded)
                        .collect::<Vec<_>>()
                })
                .filter(|m| !m.is_empty())
                .collect();
            for (i, m) in members.iter().enumerate() {
                out.by_first
                    .entry(m[0].clone())
                    .or_default()
                    .push((g as u32, i as u32));
            }
            out.groups.push(members);
        }
        out
    }

    /// The longest member that starts `toks`, as (its length in words, every member of every
    /// group holding a member of that length and words).
    fn longest_at(&self, toks: &[QTok]) -> Option<(usize, Vec<&Vec<String>>)> {
        let first = toks.first()?;
        let entries = self.by_first.get(&first.folded)?;
        let matches = |m: &Vec<String>| {
            m.len() <= toks.len() && m.iter().zip(toks).all(|(a, b)| *a == b.folded)
        };
        let best = entries
            .iter()
            .map(|&(g, i)| &self.groups[g as usize][i as usize])
            .filter(|m| matches(m))
            .map(Vec::len)
            .max()?;
        let mut members = Vec::new();
        for &(g, i) in entries {
            let m = &self.groups[g as usize][i as usize];
            if m.len() == best && matches(m) {
                members.extend(self.groups[g as usize].iter());
            }
        }
        Some((best, members))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::model::*;
    use unicode_normalization::UnicodeNormalization;

    pub(crate) fn para(kind: ParagraphKind, text: &str) -> Paragraph {
        Paragraph {
            kind,
            text: text.into(),
            line: 1,
            topics: vec![],
        }
    }

    pub(crate) fn report(id: &str, paragraphs: Vec<Paragraph>) -> Report {
        Report {
            id: id.into(),
            file: format!("{id}.txt"),
            title: None,
            date: None,
            city: City::Hanoi,
            outlet: None,
            authors: vec![],
            provenance: Default::default(),
            notes: vec![],
            paragraphs,
            figures: vec![],
            people: vec![],
        }
    }

    fn body(id: &str, text: &str) -> Report {
        report(id, vec![para(ParagraphKind::Body, text)])
    }

    pub(crate) fn bundle(reports: Vec<Report>) -> Bundle {
        Bundle {
            schema_version: SCHEMA_VERSION,
            generator: "test".into(),
            topics: vec![],
            aliases: vec![
                vec![
                    "TPHCM".into(),
                    "TP.HCM".into(),
                    "TP. Hồ Chí Minh".into(),
                    "Thành phố Hồ Chí Minh".into(),
                ],
                vec!["MTTQ".into(), "Mặt trận Tổ quốc".into()],
                vec!["UBND".into(), "Ủy ban nhân dân".into()],
            ],
            reports,
        }
    }

    /// The search's hits with their highlights, as the rows shown get them; checks that the
    /// highlight of each hit scores it as the search did.
    fn shown(b: &Bundle, index: &SearchIndex, query: &Query) -> Vec<ReportHit> {
        index
            .search(query)
            .iter()
            .map(|h| {
                let hit = index
                    .highlight(query, h.report, &b.reports[h.report])
                    .expect("a hit has highlights");
                assert_eq!(hit.score, h.score, "report {}", h.report);
                hit
            })
            .collect()
    }

    fn found(b: &Bundle, q: &str) -> Vec<usize> {
        let index = SearchIndex::new(b);
        shown(b, &index, &index.parse(q))
            .iter()
            .map(|h| h.report)
            .collect()
    }

    #[test]
    fn accent_free_query_finds_accented_text() {
        let b = bundle(vec![
            body("a", "Phong trào thi đua “Dân vận khéo” năm 2023."),
            body("b", "Hội nghị tổng kết công tác năm."),
        ]);
        assert_eq!(found(&b, "dan van kheo"), [0]);
        assert_eq!(found(&b, "DAN VAN"), [0]);
        assert_eq!(found(&b, "hoi nghi"), [1]);
    }

    #[test]
    fn d_bar_folds_to_d() {
        let b = bundle(vec![body("a", "Đảng bộ Thành phố"), body("b", "Dân vận")]);
        assert_eq!(found(&b, "dang bo"), [0]);
        assert_eq!(found(&b, "đảng"), [0]);
    }

    #[test]
    fn tone_placement_does_not_matter_both_ways() {
        let b = bundle(vec![
            body("a", "Xây dựng khối đại đoàn kết hài hòa."),
            body("b", "Ban Thường vụ Thành uỷ họp."),
        ]);
        assert_eq!(found(&b, "hài hoà"), [0]);
        assert_eq!(found(&b, "hài hòa"), [0]);
        assert_eq!(found(&b, "Thành ủy"), [1]);
        assert_eq!(found(&b, "thành uỷ"), [1]);
        let index = SearchIndex::new(&b);
        let hit = &index.search(&index.parse("hoà"))[0];
        // The old placement in the query is an exact match for the new placement in the text.
        assert_eq!(hit.score.exact, 1);
    }

    #[test]
    fn nfd_query_equals_nfc() {
        let b = bundle(vec![body("a", "Dân vận khéo"), body("b", "Dân chủ")]);
        let nfd: String = "dân vận khéo".nfd().collect();
        assert_ne!(nfd, "dân vận khéo");
        assert_eq!(found(&b, &nfd), [0]);
        let index = SearchIndex::new(&b);
        assert_eq!(index.parse(&nfd), index.parse("dân vận khéo"));
    }

    #[test]
    fn accented_query_ranks_exact_accents_first() {
        let b = bundle(vec![
            body("a", "Bông hoa đẹp."),
            body("b", "Hòa bình và phát triển."),
            body("c", "Cây hóa đá."),
        ]);
        // "hoà" finds every "hoa" spelling, but the one written "hòa" first.
        assert_eq!(found(&b, "hoà"), [1, 0, 2]);
        // Accent-free: all equal, report order.
        assert_eq!(found(&b, "hoa"), [0, 1, 2]);
    }

    #[test]
    fn phrase_hits_rank_before_scattered_syllables() {
        let b = bundle(vec![
            body("a", "Công tác vận động nhân dân trong khu dân cư."),
            body("b", "Làm tốt công tác dân vận."),
            body("c", "Dân chủ ở cơ sở."),
        ]);
        let index = SearchIndex::new(&b);
        let query = index.parse("dân vận");
        let hits = shown(&b, &index, &query);
        let order: Vec<usize> = hits.iter().map(|h| h.report).collect();
        assert_eq!(order, [1, 0]);
        assert_eq!(hits[0].score.phrases, 1);
        assert_eq!(hits[1].score.phrases, 0);
        // The phrase is highlighted as one range; scattered syllables each on their own.
        assert_eq!(hits[0].paragraphs[0].ranges, vec![(17, 24)]);
        let text = &b.reports[0].paragraphs[0].text;
        let words: Vec<&str> = hits[1].paragraphs[0]
            .ranges
            .iter()
            .map(|&(s, e)| char_slice(text, s, e))
            .collect();
        assert_eq!(words, ["vận", "dân", "dân"]);
    }

    #[test]
    fn quoted_text_must_be_a_phrase() {
        let b = bundle(vec![
            body("a", "Công tác vận động nhân dân."),
            body("b", "Công tác dân vận."),
        ]);
        assert_eq!(found(&b, "vận dân"), [0, 1]);
        assert_eq!(found(&b, "\"dân vận\""), [1]);
        assert_eq!(found(&b, "“dân vận”"), [1]);
        assert_eq!(found(&b, "\"vận dân\""), Vec::<usize>::new());
        // A quoted phrase plus a free word: both required.
        assert_eq!(found(&b, "\"công tác\" động"), [0]);
        // An unclosed quote runs to the end.
        assert_eq!(found(&b, "\"dân vận"), [1]);
    }

    #[test]
    fn phrases_do_not_cross_paragraphs() {
        let b = bundle(vec![report(
            "a",
            vec![
                para(ParagraphKind::Body, "Công tác dân"),
                para(ParagraphKind::Body, "vận động"),
            ],
        )]);
        assert!(found(&b, "\"dân vận\"").is_empty());
        assert_eq!(found(&b, "dân vận"), [0]);
    }

    #[test]
    fn aliases_expand_both_ways() {
        let b = bundle(vec![
            body("a", "Thành phố Hồ Chí Minh triển khai mô hình mới."),
            body("b", "Ủy ban MTTQ Việt Nam phường."),
            body("c", "Mặt trận Tổ quốc các cấp."),
            body("d", "TP.HCM có 13.663 mô hình."),
            body("e", "Hồ Chí Minh là lãnh tụ."),
        ]);
        assert_eq!(found(&b, "TPHCM"), [0, 3]);
        assert_eq!(found(&b, "tp hcm"), [3, 0]); // the typed spelling ranks first
        assert_eq!(found(&b, "MTTQ"), [1, 2]);
        assert_eq!(found(&b, "mat tran to quoc"), [2, 1]);
        assert_eq!(found(&b, "\"mặt trận tổ quốc các\""), [2]);
        assert_eq!(found(&b, "tphcm mô hình"), [0, 3]);
        let index = SearchIndex::new(&b);
        let hit = &shown(&b, &index, &index.parse("TPHCM"))[0];
        // The whole alias member is highlighted as one range.
        assert_eq!(hit.paragraphs[0].ranges, vec![(0, 21)]);
    }

    #[test]
    fn clutter_is_not_searched() {
        let b = bundle(vec![
            report(
                "a",
                vec![
                    para(ParagraphKind::Boilerplate, "Chia sẻ Zalo Bình luận"),
                    para(ParagraphKind::Body, "Dân vận khéo"),
                ],
            ),
            report(
                "b",
                vec![para(ParagraphKind::Caption, "Ảnh: bình luận viên")],
            ),
        ]);
        assert_eq!(found(&b, "zalo"), Vec::<usize>::new());
        assert_eq!(found(&b, "bình luận"), [1]);
    }

    #[test]
    fn titles_and_body_rank_above_captions() {
        let mut with_title = body("c", "Một đoạn khác.");
        with_title.title = Some("Dân vận khéo ở phường".into());
        let b = bundle(vec![
            report(
                "a",
                vec![para(ParagraphKind::Caption, "Dân vận khéo (ảnh)")],
            ),
            body("b", "Dân vận khéo ở cơ sở."),
            with_title,
        ]);
        let index = SearchIndex::new(&b);
        let hits = shown(&b, &index, &index.parse("dân vận khéo"));
        assert_eq!(hits.iter().map(|h| h.report).collect::<Vec<_>>(), [2, 1, 0]);
        assert_eq!(hits[0].title, vec![(0, 12)]);
        assert!(hits[0].paragraphs.is_empty());
    }

    #[test]
    fn more_hits_rank_higher_and_ties_keep_report_order() {
        let b = bundle(vec![
            body("a", "Dân vận."),
            body("b", "Dân vận. Dân vận."),
            body("c", "Dân vận."),
        ]);
        assert_eq!(found(&b, "dân vận"), [1, 0, 2]);
    }

    #[test]
    fn empty_query_returns_every_report_unscored() {
        let b = bundle(vec![body("a", "x"), body("b", "y")]);
        let index = SearchIndex::new(&b);
        let q = index.parse("  \"\" ,. ");
        assert!(q.is_empty());
        let hits = index.search(&q);
        assert_eq!(hits.len(), 2);
        assert!(hits.iter().all(|h| h.score == Score::default()));
        assert_eq!(index.highlight(&q, 0, &b.reports[0]), None);
    }

    #[test]
    fn unknown_words_find_nothing() {
        let b = bundle(vec![body("a", "Dân vận khéo")]);
        assert!(found(&b, "dân xyz").is_empty());
    }

    #[test]
    fn highlight_shows_words_in_a_report_that_does_not_match_all() {
        let b = bundle(vec![body("a", "Dân vận khéo"), body("b", "Dân chủ")]);
        let index = SearchIndex::new(&b);
        let q = index.parse("dân vận");
        let h = index.highlight(&q, 1, &b.reports[1]).unwrap();
        assert_eq!(h.ranges(0), &[(0, 3)]);
        assert!(index.highlight(&q, 7, &b.reports[1]).is_none());
        assert!(index
            .highlight(&index.parse("zzz"), 0, &b.reports[0])
            .is_none());
    }

    #[test]
    fn stats_count_words() {
        let b = bundle(vec![body("a", "Dân vận dân"), body("b", "")]);
        let s = SearchIndex::new(&b).stats();
        assert_eq!(
            s,
            IndexStats {
                reports: 2,
                paragraphs: 1,
                tokens: 3,
                keys: 2,
                spellings: 2
            }
        );
    }

    #[test]
    fn alias_runs_are_found_within_paragraphs_and_summed_per_report() {
        let mut b = bundle(vec![
            report(
                "a",
                vec![
                    para(ParagraphKind::Title, "Mặt trận Tổ quốc"),
                    para(ParagraphKind::Caption, "Ảnh: Mặt trận tổ quốc"),
                    para(ParagraphKind::Boilerplate, "Mặt trận Tổ quốc"),
                ],
            ),
            // "Mặt trận" ends one paragraph and "Tổ quốc" starts the next: no run.
            report(
                "b",
                vec![
                    para(ParagraphKind::Body, "Ban Mặt trận"),
                    para(ParagraphKind::Body, "Tổ quốc"),
                ],
            ),
            body("c", "mat tran to quoc, MẶT TRẬN TỔ QUỐC"),
        ]);
        b.reports[1].title = Some("Mặt trận".into());
        let index = SearchIndex::new(&b);
        let runs = &index.runs["mat tran to quoc"];
        let first = |r: usize| index.report_toks[r];
        assert_eq!(
            runs.docs,
            [
                Doc {
                    report: 0,
                    weight: 3 + 1,
                    spellings: 1
                },
                Doc {
                    report: 2,
                    weight: 2 + 2,
                    spellings: 1
                }
            ]
        );
        // The title, the caption after "Ảnh:" (clutter is not indexed); both runs of "c".
        assert_eq!(runs.toks, [first(0), first(0) + 6, first(2), first(2) + 4]);
        assert_eq!(runs.meta, [3, 1, 2, 2]);
        // Members of one word are words of the index already; no runs are kept for them.
        assert!(!index.runs.contains_key("mttq"));
        assert_eq!(found(&b, "MTTQ"), [0, 2]);
    }

    proptest::proptest! {
        /// The packed-integer sort orders hits as comparing their scores would.
        #[test]
        fn rank_order_sorts_best_first_ties_by_report(
            hits in proptest::collection::vec((0u32..3, 0u32..3, proptest::prelude::any::<u32>()), 0..200),
        ) {
            let mut hits: Vec<Ranked> = hits
                .into_iter()
                .enumerate()
                .map(|(report, (phrases, exact, weight))| Ranked {
                    report: report * 7 % 211,
                    score: Score { phrases, exact, weight: weight >> (weight % 32) },
                })
                .collect();
            let mut want = hits.clone();
            want.sort_by(|a, b| b.score.cmp(&a.score).then(a.report.cmp(&b.report)));
            rank_order(&mut hits);
            proptest::prop_assert_eq!(hits, want);
        }
    }

    mod runs_equal_positions {
        use super::*;
        use proptest::prelude::*;

        /// Words of the alias members and their neighbours, whole members in several spellings
        /// (typed accents, other accents, none, both tone placements), and punctuation that
        /// splits or joins words.
        const PIECES: &[&str] = &[
            "thành",
            "phố",
            "Hồ",
            "Chí",
            "Minh",
            "TP",
            "HCM",
            "TP.HCM",
            "TPHCM",
            "tp.",
            "mặt",
            "trận",
            "tổ",
            "quốc",
            "MTTQ",
            "ủy",
            "uỷ",
            "ban",
            "nhân",
            "dân",
            "UBND",
            "hà",
            "nội",
            "ha",
            "noi",
            "thủ",
            "đô",
            "quận",
            "mới",
            ",",
            ".",
            "Thành phố Hồ Chí Minh",
            "TP. Hồ Chí Minh",
            "thanh pho ho chi minh",
            "Mặt trận Tổ quốc",
            "mặt trận tổ quốc",
            "Mặt trân Tô quốc",
            "Ủy ban nhân dân",
            "Uỷ ban nhân dân",
            "uy ban nhan dan",
            "Hà Nội",
            "ha noi",
            "Hà Nôi",
            "Thủ đô",
            "thành phố",
            "Thanh Pho",
        ];

        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(PIECES), 0..10)
                .prop_map(|w| w.join(" "))
        }

        fn kind() -> impl Strategy<Value = ParagraphKind> {
            proptest::sample::select(vec![
                ParagraphKind::Title,
                ParagraphKind::Body,
                ParagraphKind::Caption,
                ParagraphKind::Boilerplate,
            ])
        }

        fn reports() -> impl Strategy<Value = Vec<Report>> {
            let one = (
                proptest::option::of(text()),
                proptest::collection::vec((kind(), text()), 0..4),
            );
            proptest::collection::vec(one, 1..7).prop_map(|rs| {
                rs.into_iter()
                    .enumerate()
                    .map(|(i, (title, paras))| Report {
                        title,
                        ..report(
                            &format!("r{i}"),
                            paras.iter().map(|(k, t)| para(*k, t)).collect(),
                        )
                    })
                    .collect()
            })
        }

        fn query() -> impl Strategy<Value = String> {
            (
                proptest::collection::vec(proptest::sample::select(PIECES), 1..4),
                any::<bool>(),
            )
                .prop_map(|(w, quoted)| {
                    let q = w.join(" ");
                    if quoted {
                        format!("\"{q}\"")
                    } else {
                        q
                    }
                })
        }

        proptest! {
            /// The precomputed runs of alias members rank and highlight exactly as finding
            /// each member from its words' positions does.
            #[test]
            fn search_and_highlights(reports in reports(), queries in proptest::collection::vec(query(), 1..6)) {
                let mut b = bundle(reports);
                b.aliases.push(vec!["Thủ đô".into(), "Hà Nội".into()]);
                b.aliases.push(vec!["TP".into(), "Thành phố".into()]);
                let with_runs = SearchIndex::new(&b);
                let mut positions = with_runs.clone();
                positions.runs.clear();
                for q in &queries {
                    let query = with_runs.parse(q);
                    prop_assert_eq!(with_runs.search(&query), positions.search(&query), "{}", q);
                    for (r, report) in b.reports.iter().enumerate() {
                        prop_assert_eq!(
                            with_runs.highlight(&query, r, report),
                            positions.highlight(&query, r, report),
                            "{} in report {}", q, r
                        );
                    }
                }
            }
        }
    }
}
