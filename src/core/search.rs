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
//!   place. The members' words are precomputed when the index is built.
//! - Clutter paragraphs ([`ParagraphKind::is_clutter`]) are not searched; titles, kickers, bylines,
//!   body text, captions and the report's `title` field are.
//!
//! # Ranking
//! Results are ordered by [`Score`], highest first, and then by report order (bundle order), so
//! equal scores keep a stable order. `Score` compares lexicographically:
//! 1. `phrases`: how many unquoted multi-word parts of the query occur as a phrase in the report
//!    (phrase hits beat all-syllable hits);
//! 2. `exact`: how many query words are found with exactly the typed accents (tone placement
//!    ignored) among the highlighted hits (exact-accent beats folded; alias matches count as folded);
//! 3. `weight`: the highlighted hits, weighted by where they are: title 3, kicker and body 2,
//!    byline and caption 1 (more hits, and hits in title and body, beat captions).
//!
//! # Cost
//! Building is linear in the corpus's words. A query reads only the postings of its own words
//! (plus a binary search per hit), never the text; per-report work is proportional to the hits.
//! Memory: about 12 bytes per indexed word (a `u32` posting and its `u32` char span) plus one
//! entry per distinct word form.
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
//! let hits = index.search(&query);
//! assert_eq!(hits[0].report, 0);
//! assert_eq!(hits[0].paragraphs[0].ranges, vec![(12, 24)]); // "Dân vận khéo" as one phrase
//! ```

use crate::core::fnv::FnvMap;
use crate::core::model::{Bundle, ParagraphKind};
use crate::core::text::{
    char_slice, folded_key, has_diacritics, nfc, tokenize, toned_key, word_spans,
};
use std::collections::HashMap;

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
    /// Char span of each global token in its paragraph's text. Token numbers leave a gap of one
    /// after every paragraph, so "the next token" never crosses into another paragraph.
    tok_start: Vec<u32>,
    tok_end: Vec<u32>,
    /// First token number of each indexed paragraph, ascending.
    para_first: Vec<u32>,
    /// Which report and paragraph each indexed paragraph is.
    paras: Vec<ParaRef>,
    /// Report `r` owns tokens `report_toks[r]..report_toks[r + 1]`.
    report_toks: Vec<u32>,
    aliases: Aliases,
}

/// Where one folded key occurs: its global token numbers, ascending, and for each the spelling
/// (toned key) found there, as an index into `spellings`. One sorted list per key, rather than
/// one per spelling, so that a query reads it in a single pass with no merging.
#[derive(Debug, Clone, Default)]
struct Postings {
    spellings: Vec<Box<str>>,
    toks: Vec<u32>,
    spelling: Vec<u16>,
}

#[derive(Debug, Clone, Copy)]
struct ParaRef {
    /// Paragraph index in the report, or [`TITLE`] for the report's title field.
    paragraph: u32,
    weight: u8,
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

impl SearchIndex {
    /// Indexes every non-clutter paragraph and every report title of `bundle`, and precomputes
    /// the alias groups. Linear in the number of words.
    pub fn new(bundle: &Bundle) -> SearchIndex {
        let mut index = SearchIndex {
            keys: FnvMap::default(),
            postings: Vec::new(),
            tok_start: Vec::new(),
            tok_end: Vec::new(),
            para_first: Vec::new(),
            paras: Vec::new(),
            report_toks: Vec::with_capacity(bundle.reports.len() + 1),
            aliases: Aliases::new(&bundle.aliases),
        };
        let mut seen = FnvMap::default();
        for report in &bundle.reports {
            index.report_toks.push(index.next_token());
            if let Some(title) = &report.title {
                index.add_paragraph(&mut seen, TITLE, 3, title);
            }
            for (i, p) in report.paragraphs.iter().enumerate() {
                if !p.kind.is_clutter() {
                    index.add_paragraph(&mut seen, i as u32, kind_weight(p.kind), &p.text);
                }
            }
        }
        index.report_toks.push(index.next_token());
        index.shrink();
        index
    }

    fn next_token(&self) -> u32 {
        self.tok_start.len() as u32
    }

    /// Indexes one paragraph. `seen` maps each word as written to its (key id, variant), so
    /// the keys of a word are computed once per distinct spelling, not once per occurrence.
    fn add_paragraph(
        &mut self,
        seen: &mut FnvMap<String, (u32, u16)>,
        paragraph: u32,
        weight: u8,
        text: &str,
    ) {
        let words = word_spans(text);
        // Token numbers are u32; a corpus of four billion words is far beyond what a browser
        // holds, so the rest is left unindexed rather than wrapping around.
        if words.is_empty() || self.tok_start.len() + words.len() + 1 >= u32::MAX as usize {
            return;
        }
        self.para_first.push(self.next_token());
        self.paras.push(ParaRef { paragraph, weight });
        for (start, end, word) in words {
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
            postings.spelling.push(spelling);
            self.tok_start.push(start as u32);
            self.tok_end.push(end as u32);
        }
        // The gap token: never a posting, so phrases cannot run across paragraphs.
        self.tok_start.push(0);
        self.tok_end.push(0);
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
        // More than 65,535 spellings of one folded key cannot come from real words; they
        // share the last number, which only blurs exact-accent ranking among them.
        (id, spelling.min(usize::from(u16::MAX)) as u16)
    }

    fn shrink(&mut self) {
        for p in &mut self.postings {
            p.spellings.shrink_to_fit();
            p.toks.shrink_to_fit();
            p.spelling.shrink_to_fit();
        }
        self.postings.shrink_to_fit();
        self.tok_start.shrink_to_fit();
        self.tok_end.shrink_to_fit();
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

    /// The reports matching `query`, best first (see the module doc for the ranking), each with
    /// the char ranges to highlight. An empty query (no words) returns every report in bundle
    /// order with a zero score and no highlights; callers that want to treat "no query"
    /// differently check [`Query::is_empty`] first.
    pub fn search(&self, query: &Query) -> Vec<ReportHit> {
        let reports = self.report_toks.len().saturating_sub(1);
        if query.is_empty() {
            return (0..reports).map(ReportHit::plain).collect();
        }
        let plan = self.plan(query);
        let mut scratch = Vec::new();
        let mut hits: Vec<ReportHit> = plan
            .candidates(self)
            .into_iter()
            .filter_map(|r| self.report_hit(&plan, r, &mut scratch))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.report.cmp(&b.report)));
        hits
    }

    /// The highlights of `query` in one report, whether or not the report matches the whole
    /// query: for the reading view, where the reader opened a report and still wants to see the
    /// words they searched for. `None` when no query word occurs in it (or the query is empty).
    pub fn highlight(&self, query: &Query, report: usize) -> Option<ReportHit> {
        if query.is_empty() || report + 1 >= self.report_toks.len() {
            return None;
        }
        self.report_hit(&self.plan(query), report as u32, &mut Vec::new())
    }

    /// Every occurrence of every unit and phrase of the query, across the whole corpus.
    fn plan(&self, query: &Query) -> Plan {
        let segments = query
            .segments
            .iter()
            .map(|seg| {
                let units: Vec<Vec<Occ>> = seg.units.iter().map(|u| self.unit_occ(u)).collect();
                let phrase = if units.len() > 1 {
                    let mut it = units.iter();
                    let first = it.next().cloned().unwrap_or_default();
                    it.fold(first, |acc, next| chain(&acc, next))
                } else {
                    Vec::new()
                };
                SegmentPlan {
                    quoted: seg.quoted,
                    units,
                    phrase,
                }
            })
            .collect();
        Plan { segments }
    }

    /// Occurrences of one query word: every spelling with the same folded key.
    fn token_occ(&self, q: &QTok, literal: bool) -> Vec<Occ> {
        let Some(&id) = self.keys.get(q.folded.as_str()) else {
            return Vec::new();
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
        p.toks
            .iter()
            .zip(&p.spelling)
            .map(|(&t, &v)| Occ {
                start: t,
                end: t + 1,
                exact: match exact {
                    Exact::Never => false,
                    Exact::Always => true,
                    Exact::Spelling(e) => v == e,
                },
            })
            .collect()
    }

    /// Occurrences of one unit: any of its alternatives, each a run of consecutive words.
    fn unit_occ(&self, unit: &Unit) -> Vec<Occ> {
        let mut out = Vec::new();
        for alt in &unit.alts {
            let mut toks = alt.toks.iter();
            let Some(first) = toks.next() else { continue };
            let mut occ = self.token_occ(first, alt.literal);
            for t in toks {
                if occ.is_empty() {
                    break;
                }
                occ = chain(&occ, &self.token_occ(t, alt.literal));
            }
            out = merge(out, occ);
        }
        // Keep one occurrence per span, exact if either was.
        out.dedup_by(|b, a| {
            let same = a.start == b.start && a.end == b.end;
            a.exact |= same && b.exact;
            same
        });
        out
    }

    fn report_of_token(&self, tok: u32) -> u32 {
        (self.report_toks.partition_point(|&f| f <= tok) - 1) as u32
    }

    /// The sorted, distinct reports in which `occ` (sorted by start) occur.
    fn reports_of(&self, occ: &[Occ]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut end = 0; // first token after the last report pushed
        for o in occ {
            if !out.is_empty() && o.start < end {
                continue;
            }
            let r = self.report_of_token(o.start);
            end = self.report_toks[r as usize + 1];
            out.push(r);
        }
        out
    }

    /// The occurrences of `occ` that lie in report `r`.
    fn in_report<'a>(&self, occ: &'a [Occ], r: u32) -> &'a [Occ] {
        let (a, b) = (
            self.report_toks[r as usize],
            self.report_toks[r as usize + 1],
        );
        let lo = occ.partition_point(|o| o.start < a);
        let hi = occ.partition_point(|o| o.start < b);
        &occ[lo..hi]
    }

    /// Score and highlights of report `r`; `None` when nothing of the query occurs in it.
    /// `occs` is scratch space, reused across reports to save allocations.
    fn report_hit(&self, plan: &Plan, r: u32, occs: &mut Vec<Occ>) -> Option<ReportHit> {
        let mut score = Score::default();
        occs.clear(); // the occurrences to highlight
        for seg in &plan.segments {
            let phrase_here = if seg.units.len() > 1 {
                self.in_report(&seg.phrase, r)
            } else {
                self.in_report(&seg.units[0], r)
            };
            if !phrase_here.is_empty() || seg.quoted {
                if seg.units.len() > 1 && !seg.quoted && !phrase_here.is_empty() {
                    score.phrases += 1;
                }
                if phrase_here.iter().any(|o| o.exact) {
                    score.exact += seg.units.len() as u32;
                }
                occs.extend_from_slice(phrase_here);
            } else {
                for unit in &seg.units {
                    let here = self.in_report(unit, r);
                    if here.iter().any(|o| o.exact) {
                        score.exact += 1;
                    }
                    occs.extend_from_slice(here);
                }
            }
        }
        let first = occs.iter().map(|o| o.start).min()?;
        occs.sort_unstable_by_key(|o| (o.start, o.end));
        let mut hit = ReportHit::plain(r as usize);
        // Walk the report's paragraphs alongside the sorted occurrences: one binary search per
        // report, then a linear merge.
        let mut p = self.para_first.partition_point(|&f| f <= first) - 1;
        for o in occs.iter() {
            while self.para_first.get(p + 1).is_some_and(|&f| f <= o.start) {
                p += 1;
            }
            let para = self.paras[p];
            score.weight += u32::from(para.weight);
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
            let (start, end) = (
                self.tok_start[o.start as usize],
                self.tok_end[o.end as usize - 1],
            );
            push_merged(ranges, (start as usize, end as usize));
        }
        hit.score = score;
        Some(hit)
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

/// A run of consecutive tokens `start..end` (global token numbers) that matches part of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occ {
    start: u32,
    end: u32,
    /// Every accented word in it was found with exactly the typed accents, and it is the typed
    /// text rather than an alias.
    exact: bool,
}

/// The occurrences of `a` immediately followed by an occurrence of `b`, joined.
/// Both sorted by start; so is the result. Linear: one pass over each.
fn chain(a: &[Occ], b: &[Occ]) -> Vec<Occ> {
    let mut out = Vec::new();
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
                exact: x.exact && y.exact,
            });
            k += 1;
        }
    }
    out
}

/// Merges two lists sorted by (start, end) into one.
fn merge(a: Vec<Occ>, b: Vec<Occ>) -> Vec<Occ> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
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
    out
}

struct Plan {
    segments: Vec<SegmentPlan>,
}

struct SegmentPlan {
    quoted: bool,
    /// Occurrences of each unit, sorted by start.
    units: Vec<Vec<Occ>>,
    /// Occurrences of the units as a phrase (only when there are two or more units).
    phrase: Vec<Occ>,
}

impl Plan {
    /// The reports that satisfy every required part: quoted phrases as phrases, unquoted words
    /// each somewhere in the report.
    fn candidates(&self, index: &SearchIndex) -> Vec<u32> {
        let mut sets: Vec<Vec<u32>> = Vec::new();
        for seg in &self.segments {
            if seg.quoted && seg.units.len() > 1 {
                sets.push(index.reports_of(&seg.phrase));
            } else {
                sets.extend(seg.units.iter().map(|u| index.reports_of(u)));
            }
        }
        sets.sort_by_key(Vec::len);
        let mut it = sets.into_iter();
        let mut acc = it.next().unwrap_or_default();
        for set in it {
            acc.retain(|r| set.binary_search(r).is_ok());
        }
        acc
    }
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
    /// Query words found with exactly the typed accents among the highlighted hits.
    pub exact: u32,
    /// Highlighted hits weighted by paragraph kind (title 3, kicker/body 2, byline/caption 1).
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
    by_first: HashMap<String, Vec<(u32, u32)>>,
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

    fn found(b: &Bundle, q: &str) -> Vec<usize> {
        let index = SearchIndex::new(b);
        index
            .search(&index.parse(q))
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
        let hits = index.search(&index.parse("dân vận"));
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
        let hit = &index.search(&index.parse("TPHCM"))[0];
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
        let hits = index.search(&index.parse("dân vận khéo"));
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
        assert!(hits
            .iter()
            .all(|h| h.paragraphs.is_empty() && h.score == Score::default()));
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
        let h = index.highlight(&q, 1).unwrap();
        assert_eq!(h.ranges(0), &[(0, 3)]);
        assert!(index.highlight(&q, 7).is_none());
        assert!(index.highlight(&index.parse("zzz"), 0).is_none());
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
}
