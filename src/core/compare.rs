//! Comparing two sets of reports, typically Hà Nội against TP.HCM: what each side covers, how
//! much each topic weighs, which words set each side apart, and which figures can be put side
//! by side (and with what caveats).
//!
//! Every function takes the bundle and report indices (the reports the current filters keep,
//! split into sides by [`side_reports`]), so the comparison always follows the filters. Words
//! are compared by their toned key ([`crate::core::text`]), so "hoà" and "hòa" count as one.

use crate::core::figures::{self, most_frequent_form, period_key, unit_key};
use crate::core::fnv::{FnvMap, FnvSet};
use crate::core::model::{Bundle, City, Label, ParagraphKind, Qualifier};
use crate::core::sort;
use crate::core::sorted_map::SortedMap;
use crate::core::stats;
use crate::core::text;
use serde::Serialize;
use std::cmp::Ordering;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Sides
// ---------------------------------------------------------------------------------------------

/// The reports of `reports` about `city`, in the given order.
pub fn side_reports(bundle: &Bundle, reports: &[usize], city: City) -> Vec<usize> {
    reports
        .iter()
        .copied()
        .filter(|&i| bundle.reports.get(i).is_some_and(|r| r.city == city))
        .collect()
}

/// What one side of a comparison covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideSummary {
    pub city: City,
    /// The side's report indices (the filtered reports about `city`).
    pub reports: Vec<usize>,
    /// The distinct years of the dated reports, ascending.
    pub years: Vec<i32>,
    /// The first and last of `years`.
    pub year_range: Option<(i32, i32)>,
    /// Reports with no date.
    pub undated: usize,
    /// The distinct outlets, in Vietnamese order.
    pub outlets: Vec<String>,
    /// Reports whose outlet is not known.
    pub no_outlet: usize,
    /// Body paragraphs over all the side's reports.
    pub body_paragraphs: usize,
}

/// Summarises the filtered reports (`reports`) that are about `city`.
pub fn side_summary(bundle: &Bundle, reports: &[usize], city: City) -> SideSummary {
    let side = side_reports(bundle, reports, city);
    let mut years: Vec<i32> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    let (mut undated, mut no_outlet, mut body_paragraphs) = (0, 0, 0);
    for r in side.iter().filter_map(|&i| bundle.reports.get(i)) {
        match r.year() {
            Some(y) => years.push(y),
            None => undated += 1,
        }
        match r.outlet.as_deref().map(str::trim) {
            Some(o) if !o.is_empty() => {
                if !outlets.iter().any(|x| x == o) {
                    outlets.push(o.to_owned());
                }
            }
            _ => no_outlet += 1,
        }
        body_paragraphs += r
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body)
            .count();
    }
    sort::sort_by(&mut outlets, |a, b| text::collate(a, b));
    // Sorted and distinct, as a `BTreeSet` would give them, without one more set type in
    // the wasm.
    sort::sort(&mut years);
    years.dedup();
    let year_range = years.first().zip(years.last()).map(|(a, b)| (*a, *b));
    SideSummary {
        city,
        reports: side,
        years,
        year_range,
        undated,
        outlets,
        no_outlet,
        body_paragraphs,
    }
}

/// How many of a side's body paragraphs are tagged with one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicShare {
    pub topic: String,
    pub paragraphs: usize,
    /// `paragraphs` over all the side's body paragraphs (0 when it has none). A paragraph may
    /// carry several topics, so the shares of a side need not add up to 1.
    pub share: f64,
}

/// The share of body paragraphs per topic, for every topic of the taxonomy in its order
/// (zeros included, so two sides' lists line up).
pub fn topic_shares(bundle: &Bundle, side: &[usize]) -> Vec<TopicShare> {
    let mut counts = vec![0usize; bundle.topics.len()];
    let mut total = 0usize;
    for r in side.iter().filter_map(|&i| bundle.reports.get(i)) {
        for p in r
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body)
        {
            total += 1;
            for (k, topic) in bundle.topics.iter().enumerate() {
                if p.topics.contains(&topic.id) {
                    counts[k] += 1;
                }
            }
        }
    }
    bundle
        .topics
        .iter()
        .zip(counts)
        .map(|(t, n)| TopicShare {
            topic: t.id.clone(),
            paragraphs: n,
            share: if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            },
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Distinctive terms
// ---------------------------------------------------------------------------------------------

/// Syllables too common or too grammatical to tell two sides apart. Vietnamese writes one
/// syllable per word-piece, so the list holds syllables: conjunctions and prepositions (và, của,
/// với, trong, …), aspect and modal markers (đã, đang, sẽ, được, bị, …), determiners and
/// quantifiers (các, những, một, mỗi, nhiều, …), demonstratives (này, đó, …), pronouns and the
/// forms of address of interviews (ông, bà, tôi, …) and the calendar words that come with dates
/// (năm, tháng, ngày), which would otherwise track how often a side cites a year.
///
/// Deliberately kept out: "người" (it heads the key compounds "người dân", "người lao động",
/// "người có uy tín"), "chúng" and "ta" ("quần chúng", the masses), "số" ("chuyển đổi số"),
/// "gần" ("gần dân", close to the people), "mới", "việc" and "sự", which start content words.
/// A bigram is dropped when either syllable is on the list.
pub const STOP_SYLLABLES: &[&str] = &[
    "và", "của", "các", "có", "là", "được", "trong", "cho", "với", "đã", "những", "một", "này",
    "để", "không", "thì", "mà", "cũng", "sẽ", "đang", "từ", "theo", "tại", "về", "ra", "vào",
    "lại", "nên", "nhưng", "hay", "hoặc", "khi", "đó", "đây", "kia", "ấy", "như", "bị", "do", "vì",
    "nếu", "rất", "còn", "đến", "trên", "dưới", "ở", "qua", "sau", "trước", "bằng", "nhằm", "cùng",
    "nhau", "đều", "vẫn", "chỉ", "mỗi", "mọi", "tất", "cả", "nào", "gì", "ai", "nhiều", "hơn",
    "nhất", "khoảng", "rằng", "vậy", "thế", "rồi", "luôn", "bởi", "ông", "bà", "anh", "chị", "tôi",
    "họ", "mình", "năm", "tháng", "ngày",
];

/// Options of [`distinctive_terms`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermOptions {
    /// The prior's strength α0. `None`: the pooled number of counted terms of both sides, so each
    /// term's prior pseudo-count is its pooled count (see [`crate::core::stats`]).
    pub alpha0: Option<f64>,
    /// How many terms to return per side.
    pub top: usize,
    /// Terms counted fewer times than this over both sides are not scored.
    pub min_count: usize,
    /// At most this many reports per side are counted: a larger side is sampled evenly (every
    /// k-th report in bundle order), so the view stays quick at ten thousand reports. Each
    /// report has a thousand words or more, so a few hundred reports per side give stable
    /// log-odds for the top terms.
    pub max_reports: usize,
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions {
            alpha0: None,
            top: 15,
            min_count: 2,
            max_reports: 400,
        }
    }
}

/// Counts of syllable unigrams and bigrams over a set of reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermCounts {
    /// Count per term key (toned keys, a bigram's two joined by a space).
    pub counts: SortedMap<String, usize>,
    /// The written forms (lower case) of each term, with their counts.
    pub forms: SortedMap<String, SortedMap<String, usize>>,
    /// The sum of `counts`: the n of the log-odds formula.
    pub total: usize,
}

/// Whether a paragraph's words are counted: body text and photo captions; titles, kickers,
/// bylines and page clutter are not.
fn counts_words(kind: ParagraphKind) -> bool {
    matches!(kind, ParagraphKind::Body | ParagraphKind::Caption)
}

fn stop_keys() -> Keys {
    Keys::of(STOP_SYLLABLES.iter().map(|w| text::toned_key(w)).collect())
}

/// A set of keys as a sorted, distinct list (through the shared sort, [`sort::sort`]): the
/// app has no `BTreeSet<String>` type to compile for the two sets compare needs (stop
/// syllables, a side's period keys).
#[derive(Debug, Default, PartialEq)]
struct Keys(Vec<String>);

impl Keys {
    fn of(mut keys: Vec<String>) -> Keys {
        sort::sort(&mut keys);
        keys.dedup();
        Keys(keys)
    }

    fn contains(&self, key: &str) -> bool {
        self.0.binary_search_by(|k| k.as_str().cmp(key)).is_ok()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether a syllable can be a term: not a stop syllable, not a number, not a single letter.
fn is_term_syllable(key: &str, stops: &Keys) -> bool {
    key.chars().count() > 1 && !key.chars().all(char::is_numeric) && !stops.contains(key)
}

/// Counts the unigrams and bigrams of the given reports' body and caption paragraphs.
///
/// A paragraph repeated within a report (the scraped pages repeat photo captions, and a caption
/// may repeat a body sentence) is counted once. A bigram is two adjacent syllables separated by
/// white space only, so it never crosses punctuation (sentence ends, commas, quotes, hyphens).
pub fn term_counts(bundle: &Bundle, side: &[usize]) -> TermCounts {
    let mut counter = Counter::default();
    let mut seen: FnvSet<Vec<u32>> = FnvSet::default();
    let mut words: Vec<(u32, usize, usize)> = Vec::new();
    for r in side.iter().filter_map(|&i| bundle.reports.get(i)) {
        seen.clear();
        for p in r.paragraphs.iter().filter(|p| counts_words(p.kind)) {
            counter.paragraph(&p.text, &mut words);
            // The paragraph's words as toned keys: equal for the same text in either tone
            // placement or case, as `toned_phrase` would compare it.
            let key: Vec<u32> = words
                .iter()
                .map(|&(w, ..)| counter.words[w as usize].toned)
                .collect();
            if seen.insert(key) {
                counter.count(&p.text, &words);
            }
        }
    }
    counter.finish()
}

/// Counts terms by number rather than by string: each distinct written word is looked up once
/// (its toned key, its lower-case form, whether it can be a term), and the counts are kept per
/// written word (unigrams, in a plain array) and per pair of written words (bigrams), so
/// counting a side allocates per distinct word, not per word. Words are grouped by toned key
/// and form only once, at the end.
#[derive(Default)]
struct Counter<'a> {
    stops: Keys,
    /// Written word → word number.
    by_written: FnvMap<&'a str, u32>,
    words: Vec<WordInfo>,
    /// Toned key → key number, and back.
    toned_ids: FnvMap<String, u32>,
    toned: Vec<String>,
    /// Lower-case form → form number, and back.
    form_ids: FnvMap<String, u32>,
    forms: Vec<String>,
    /// Per word number: its count as a unigram.
    unigrams: Vec<usize>,
    /// Per pair of word numbers: its count as a bigram.
    bigrams: FnvMap<(u32, u32), usize>,
    total: usize,
}

/// A term's count, and the count of each of its forms (by form number).
type Tally<F> = (usize, FnvMap<F, usize>);

#[derive(Clone, Copy)]
struct WordInfo {
    toned: u32,
    form: u32,
    term: bool,
}

impl<'a> Counter<'a> {
    /// The paragraph's words as (word number, byte start, byte end), into `out`.
    fn paragraph(&mut self, text: &'a str, out: &mut Vec<(u32, usize, usize)>) {
        if self.stops.is_empty() {
            self.stops = stop_keys();
        }
        out.clear();
        text::for_each_word(text, |_, _, start, word| {
            let id = match self.by_written.get(word) {
                Some(&id) => id,
                None => self.learn(word),
            };
            out.push((id, start, start + word.len()));
        });
    }

    fn learn(&mut self, word: &'a str) -> u32 {
        let toned_key = text::toned_key(word);
        let term = is_term_syllable(&toned_key, &self.stops);
        let toned = intern(&mut self.toned_ids, &mut self.toned, toned_key);
        let form = intern(
            &mut self.form_ids,
            &mut self.forms,
            crate::core::unicode::to_lowercase(word),
        );
        let id = self.words.len() as u32;
        self.words.push(WordInfo { toned, form, term });
        self.unigrams.push(0);
        self.by_written.insert(word, id);
        id
    }

    /// Counts the terms of one paragraph, given its words from [`Counter::paragraph`].
    fn count(&mut self, text: &str, words: &[(u32, usize, usize)]) {
        for (k, &(w, _, end)) in words.iter().enumerate() {
            if !self.words[w as usize].term {
                continue;
            }
            self.unigrams[w as usize] += 1;
            self.total += 1;
            let Some(&(next, start, _)) = words.get(k + 1) else {
                continue;
            };
            if self.words[next as usize].term && text[end..start].chars().all(char::is_whitespace) {
                *self.bigrams.entry((w, next)).or_default() += 1;
                self.total += 1;
            }
        }
    }

    fn finish(self) -> TermCounts {
        let mut out = TermCounts {
            total: self.total,
            ..TermCounts::default()
        };
        let (words, toned, forms) = (&self.words, &self.toned, &self.forms);
        // Written words → terms (toned keys) with their forms.
        let mut unigrams: FnvMap<u32, Tally<u32>> = FnvMap::default();
        for (w, &n) in self.unigrams.iter().enumerate().filter(|(_, n)| **n > 0) {
            let info = words[w];
            let entry = unigrams.entry(info.toned).or_default();
            entry.0 += n;
            *entry.1.entry(info.form).or_default() += n;
        }
        let mut bigrams: FnvMap<(u32, u32), Tally<(u32, u32)>> = FnvMap::default();
        for ((a, b), n) in self.bigrams {
            let (a, b) = (words[a as usize], words[b as usize]);
            let entry = bigrams.entry((a.toned, b.toned)).or_default();
            entry.0 += n;
            *entry.1.entry((a.form, b.form)).or_default() += n;
        }
        // Both maps built at once from their pairs (one sort each), not an insertion per
        // term: a side has tens of thousands of terms.
        let mut counts = Vec::with_capacity(unigrams.len() + bigrams.len());
        let mut term_forms = Vec::with_capacity(unigrams.len() + bigrams.len());
        for (key, (count, by_form)) in unigrams {
            let key = toned[key as usize].clone();
            term_forms.push((
                key.clone(),
                SortedMap::from_pairs(
                    by_form
                        .into_iter()
                        .map(|(f, n)| (forms[f as usize].clone(), n))
                        .collect(),
                ),
            ));
            counts.push((key, count));
        }
        for ((a, b), (count, by_form)) in bigrams {
            let key = format!("{} {}", toned[a as usize], toned[b as usize]);
            term_forms.push((
                key.clone(),
                SortedMap::from_pairs(
                    by_form
                        .into_iter()
                        .map(|((f, g), n)| {
                            (format!("{} {}", forms[f as usize], forms[g as usize]), n)
                        })
                        .collect(),
                ),
            ));
            counts.push((key, count));
        }
        out.counts = SortedMap::from_pairs(counts);
        out.forms = SortedMap::from_pairs(term_forms);
        out
    }
}

/// The number of `key` in `ids`/`names`, adding it when new.
fn intern(ids: &mut FnvMap<String, u32>, names: &mut Vec<String>, key: String) -> u32 {
    if let Some(&id) = ids.get(&key) {
        return id;
    }
    let id = names.len() as u32;
    names.push(key.clone());
    ids.insert(key, id);
    id
}

/// A term scored for one side against the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Toned key(s): the identity of the term.
    pub key: String,
    /// The most frequent written form, lower case.
    pub display: String,
    /// 1 for a syllable, 2 for a bigram.
    pub syllables: usize,
    /// The z-score from the point of view of the list the term is in: positive means typical of
    /// that list's side. In [`distinctive_scores`] it is side a's point of view.
    pub z: f64,
    /// The log-odds ratio δ, same point of view as `z`.
    pub delta: f64,
    /// The approximate variance of δ (the same from either point of view).
    pub variance: f64,
    pub count_a: usize,
    pub count_b: usize,
}

/// The most distinctive terms of each side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distinctive {
    /// Terms typical of side a, highest z first.
    pub a: Vec<Term>,
    /// Terms typical of side b, highest z (from b's point of view) first.
    pub b: Vec<Term>,
    /// The number of counted terms on each side (n_a, n_b).
    pub total_a: usize,
    pub total_b: usize,
    /// The reports whose words were counted on each side, and the side's size: fewer when the
    /// side is larger than [`TermOptions::max_reports`] (an even sample).
    pub counted: [(usize, usize); 2],
    /// The prior strength actually used.
    pub alpha0: f64,
}

/// At most `max` of `side`'s reports, evenly spread over them in bundle order (all of them when
/// there are no more than `max`): the same reports whatever order `side` lists them in.
pub fn even_sample(side: &[usize], max: usize) -> Vec<usize> {
    let mut sorted = side.to_vec();
    // The shared sort: stable, but equal indices are indistinguishable, so the result is that
    // of `sort_unstable`, without another copy of the standard sort in the wasm.
    sort::sort(&mut sorted);
    sorted.dedup();
    spread(&sorted, max)
}

/// At most `max` of `items`, evenly spread, in order.
fn spread<T: Copy>(items: &[T], max: usize) -> Vec<T> {
    if items.len() <= max {
        return items.to_vec();
    }
    (0..max).map(|i| items[i * items.len() / max]).collect()
}

/// How many of a unit's figures [`matched_figures`] reads to find the topics their sentences
/// name: an even spread, so that a unit with thousands of figures stays quick.
pub const MAX_CONTEXT_FIGURES: usize = 200;

/// Scores every term of either side (counted at least `opts.min_count` times in all) by the
/// log-odds ratio with the pooled informative Dirichlet prior, from side a's point of view,
/// in key order. Returns the scores and the α0 used.
pub fn distinctive_scores(a: &TermCounts, b: &TermCounts, opts: &TermOptions) -> (Vec<Term>, f64) {
    let (n_a, n_b) = (a.total as f64, b.total as f64);
    let alpha0 = opts.alpha0.unwrap_or(n_a + n_b);
    let mut out = Vec::new();
    for key in merged_keys(&a.counts, &b.counts) {
        let y_a = a.counts.get(key).copied().unwrap_or(0);
        let y_b = b.counts.get(key).copied().unwrap_or(0);
        if y_a + y_b < opts.min_count.max(1) {
            continue;
        }
        let (ya, yb) = (y_a as f64, y_b as f64);
        let alpha_w = stats::prior(alpha0, ya, yb, n_a, n_b);
        let lo = stats::log_odds(ya, n_a, yb, n_b, alpha_w, alpha0);
        let mut forms = a.forms.get(key).cloned().unwrap_or_default();
        for (f, c) in b.forms.get(key).into_iter().flatten() {
            *forms.entry(f.clone()).or_default() += c;
        }
        out.push(Term {
            key: key.clone(),
            display: most_frequent_form(&forms),
            syllables: key.split(' ').count(),
            z: lo.z,
            delta: lo.delta,
            variance: lo.variance,
            count_a: y_a,
            count_b: y_b,
        });
    }
    (out, alpha0)
}

/// The keys of two maps in order, each once: a merge of the two sorted key sequences (the
/// same as collecting both into a `BTreeSet`, without building one).
fn merged_keys<'m, V>(a: &'m SortedMap<String, V>, b: &'m SortedMap<String, V>) -> Vec<&'m String> {
    let (mut a, mut b) = (a.keys().peekable(), b.keys().peekable());
    let mut out = Vec::new();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.cmp(y) {
                Ordering::Less => a.next(),
                Ordering::Greater => b.next(),
                Ordering::Equal => {
                    b.next();
                    a.next()
                }
            },
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(key) => out.push(key),
            None => return out,
        }
    }
}

/// Whether a syllable only ever occurs inside one of the listed bigrams (same counts on both
/// sides), so listing it too would say the same thing twice ("củng" beside "củng cố").
fn subsumed(term: &Term, bigram_parts: &FnvSet<(&str, usize, usize)>) -> bool {
    term.syllables == 1 && bigram_parts.contains(&(term.key.as_str(), term.count_a, term.count_b))
}

/// Each syllable of each bigram of `list` with the bigram's counts: what [`subsumed`] looks up.
/// A set rather than a scan of the list per syllable, which was quadratic in the vocabulary
/// (about 100 s per comparison at 10,000 reports).
fn bigram_parts(list: &[Term]) -> FnvSet<(&str, usize, usize)> {
    list.iter()
        .filter(|b| b.syllables == 2)
        .flat_map(|b| b.key.split(' ').map(|s| (s, b.count_a, b.count_b)))
        .collect()
}

/// The `opts.top` most distinctive terms of each side (Monroe, Colaresi & Quinn 2008): syllables
/// and syllable bigrams of body and caption paragraphs, ranked by z-score. A term is listed for
/// the side it is typical of (z > 0 from that side's point of view), so no term is in both lists.
/// A syllable that occurs only inside a listed bigram is left out in favour of the bigram.
pub fn distinctive_terms(
    bundle: &Bundle,
    side_a: &[usize],
    side_b: &[usize],
    opts: &TermOptions,
) -> Distinctive {
    distinctive_terms_cached(&mut TermCache::default(), bundle, side_a, side_b, opts)
}

/// The term counts of the sides counted last, so that a filter undone, or a change of one side
/// only, does not count a side again: counting is nearly all the cost of
/// [`distinctive_terms`] (hundreds of reports tokenised per side). Keyed by the exact reports
/// counted, so a hit gives what [`term_counts`] would; one cache serves one bundle.
#[derive(Debug, Default)]
pub struct TermCache {
    /// Most recently used last.
    recent: Vec<(Vec<usize>, Arc<TermCounts>)>,
}

/// How many sides a [`TermCache`] remembers: the two of the current comparison and the two of
/// the one before.
pub const CACHED_SIDES: usize = 4;

impl TermCache {
    /// [`term_counts`] of `reports`, counted only when the cache does not hold them.
    pub fn term_counts(&mut self, bundle: &Bundle, reports: &[usize]) -> Arc<TermCounts> {
        if let Some(k) = self.recent.iter().position(|(r, _)| r == reports) {
            let hit = self.recent.remove(k);
            let counts = hit.1.clone();
            self.recent.push(hit);
            return counts;
        }
        let counts = Arc::new(term_counts(bundle, reports));
        if self.recent.len() >= CACHED_SIDES {
            self.recent.remove(0);
        }
        self.recent.push((reports.to_vec(), counts.clone()));
        counts
    }

    /// How many sides it holds.
    pub fn len(&self) -> usize {
        self.recent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recent.is_empty()
    }
}

/// [`distinctive_terms`], reading each side's counts through `cache`.
pub fn distinctive_terms_cached(
    cache: &mut TermCache,
    bundle: &Bundle,
    side_a: &[usize],
    side_b: &[usize],
    opts: &TermOptions,
) -> Distinctive {
    let (sample_a, sample_b) = (
        even_sample(side_a, opts.max_reports),
        even_sample(side_b, opts.max_reports),
    );
    let a = cache.term_counts(bundle, &sample_a);
    let b = cache.term_counts(bundle, &sample_b);
    let (scores, alpha0) = distinctive_scores(&a, &b, opts);
    let by_z = |x: &Term, y: &Term| {
        y.z.total_cmp(&x.z)
            .then_with(|| text::collate(&x.display, &y.display))
    };
    let mut for_a: Vec<Term> = scores.iter().filter(|t| t.z > 0.0).cloned().collect();
    let mut for_b: Vec<Term> = scores
        .into_iter()
        .filter(|t| t.z < 0.0)
        .map(|t| Term {
            z: -t.z,
            delta: -t.delta,
            ..t
        })
        .collect();
    let parts_a = bigram_parts(&for_a);
    let keep_a: Vec<bool> = for_a.iter().map(|t| !subsumed(t, &parts_a)).collect();
    drop(parts_a);
    let parts_b = bigram_parts(&for_b);
    let keep_b: Vec<bool> = for_b.iter().map(|t| !subsumed(t, &parts_b)).collect();
    drop(parts_b);
    let mut keep = keep_a.into_iter();
    for_a.retain(|_| keep.next().unwrap_or(true));
    let mut keep = keep_b.into_iter();
    for_b.retain(|_| keep.next().unwrap_or(true));
    sort::sort_by(&mut for_a, by_z);
    sort::sort_by(&mut for_b, by_z);
    for_a.truncate(opts.top);
    for_b.truncate(opts.top);
    Distinctive {
        a: for_a,
        b: for_b,
        total_a: a.total,
        total_b: b.total,
        counted: [
            (sample_a.len(), side_a.len()),
            (sample_b.len(), side_b.len()),
        ],
        alpha0,
    }
}

// ---------------------------------------------------------------------------------------------
// Figures side by side
// ---------------------------------------------------------------------------------------------

pub use crate::core::figures::FigureRef;

/// Why two sides' figures of one unit may not be comparable as they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Caveat {
    /// The two sides state figures for different periods (the periods each side names, as
    /// written, in order of first appearance).
    PeriodsDiffer { a: Vec<String>, b: Vec<String> },
    /// At least one of the figures states no period at all.
    PeriodMissing,
    /// Approximate figures ("khoảng", "hơn", "gần") stand beside exact ones, or different
    /// approximations beside each other.
    QualifiersDiffer,
    /// A fraction ("42/120": 42 out of 120) stands beside a plain count.
    FractionVsCount,
}

impl Caveat {
    /// The caveat in plain words, in both UI languages.
    pub fn label(&self) -> Label {
        let (vi, en) = match self {
            Caveat::PeriodsDiffer { .. } => (
                "Hai bên nêu số liệu của những thời kỳ khác nhau.",
                "The two sides give figures for different periods.",
            ),
            Caveat::PeriodMissing => (
                "Có số liệu không nêu rõ thời kỳ.",
                "Some figures do not say which period they cover.",
            ),
            Caveat::QualifiersDiffer => (
                "Có số liệu ước chừng (khoảng, hơn, gần) đặt cạnh số liệu chính xác.",
                "Approximate figures (about, over, nearly) stand beside exact ones.",
            ),
            Caveat::FractionVsCount => (
                "Có số liệu dạng tỉ lệ (x/y) đặt cạnh số đếm.",
                "A fraction (x out of y) stands beside a plain count.",
            ),
        };
        Label {
            vi: vi.into(),
            en: en.into(),
        }
    }
}

/// The figures of one unit found on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitMatch {
    /// The unit in its most frequent written form.
    pub unit: String,
    /// The unit's matching key ([`unit_key`]), e.g. for the figures view's `unit=` filter.
    pub key: String,
    pub a: Vec<FigureRef>,
    pub b: Vec<FigureRef>,
    pub caveats: Vec<Caveat>,
    /// Topics (ids, taxonomy order) whose Vietnamese label is named in the sentence of one of
    /// the figures (either side; sentence level, so a label next to another figure counts), e.g.
    /// "dan-van-kheo" for "mô hình" figures of sentences about "Dân vận khéo" models. Read
    /// from at most [`MAX_CONTEXT_FIGURES`] figures, evenly spread.
    pub context: Vec<String>,
}

/// A side's figures grouped by unit key: key → group number (in key order), and per group the
/// figures and the count of each written form of the unit. A `SortedMap<String, usize>` of
/// group numbers rather than a map of the groups themselves, because the wasm already holds
/// that map type (term counts) and a new one costs code.
type ByUnit = (
    SortedMap<String, usize>,
    Vec<(Vec<FigureRef>, SortedMap<String, usize>)>,
);

fn figures_by_unit(bundle: &Bundle, side: &[usize]) -> ByUnit {
    let (mut keys, mut groups): ByUnit = Default::default();
    // The group of each written unit, found once: a side states a few dozen units over
    // thousands of figures. `NO_GROUP`: a unit without a key, left out. (`u32` group numbers:
    // a map type the wasm has.)
    const NO_GROUP: u32 = u32::MAX;
    let mut slots: FnvMap<&str, u32> = FnvMap::default();
    for &ri in side {
        let Some(r) = bundle.reports.get(ri) else {
            continue;
        };
        for (fi, f) in r.figures.iter().enumerate() {
            let slot = *slots.entry(f.unit.as_str()).or_insert_with(|| {
                let key = unit_key(&f.unit);
                if key.is_empty() {
                    NO_GROUP
                } else {
                    *keys.entry(key).or_insert(groups.len()) as u32
                }
            });
            if slot == NO_GROUP {
                continue;
            }
            let slot = slot as usize;
            if slot == groups.len() {
                groups.push(Default::default());
            }
            let entry = &mut groups[slot];
            entry.0.push(FigureRef {
                report: ri,
                figure: fi,
            });
            *entry.1.entry(f.unit.clone()).or_default() += 1;
        }
    }
    (keys, groups)
}

fn figure(bundle: &Bundle, f: FigureRef) -> Option<&crate::core::model::Figure> {
    bundle.reports.get(f.report)?.figures.get(f.figure)
}

/// The caveats of putting figures `a` beside figures `b`.
fn caveats(bundle: &Bundle, a: &[FigureRef], b: &[FigureRef]) -> Vec<Caveat> {
    let figs = |side: &[FigureRef]| -> Vec<&crate::core::model::Figure> {
        side.iter().filter_map(|&f| figure(bundle, f)).collect()
    };
    let (fa, fb) = (figs(a), figs(b));
    let all = || fa.iter().chain(fb.iter());
    let mut out = Vec::new();

    // Periods are compared by the numbers they name, so "năm 2023" matches "trong năm 2023".
    // Each written period is keyed once (a unit can have thousands of figures, a few periods).
    let periods = |side: &[&crate::core::model::Figure]| {
        let mut keys: Vec<String> = Vec::new();
        let mut shown = Vec::new();
        // A map to nothing of a type the wasm has, rather than a set type of its own.
        let mut written: FnvMap<&str, u32> = FnvMap::default();
        for p in side.iter().filter_map(|f| f.period.as_deref()) {
            if written.insert(p, 0).is_none() {
                let key = period_key(p);
                if !keys.contains(&key) {
                    keys.push(key);
                    shown.push(p.to_owned());
                }
            }
        }
        (Keys::of(keys), shown)
    };
    let ((keys_a, shown_a), (keys_b, shown_b)) = (periods(&fa), periods(&fb));
    if !keys_a.is_empty() && !keys_b.is_empty() && keys_a != keys_b {
        out.push(Caveat::PeriodsDiffer {
            a: shown_a,
            b: shown_b,
        });
    }
    if all().any(|f| f.period.as_deref().is_none_or(|p| p.trim().is_empty())) {
        out.push(Caveat::PeriodMissing);
    }
    // More than one distinct qualifier (none counts as one) among all the figures.
    let qualifier = |f: &&crate::core::model::Figure| f.qualifier.map(|q: Qualifier| q as u8);
    let first = all().next().map(qualifier);
    if all().any(|f| Some(qualifier(f)) != first) {
        out.push(Caveat::QualifiersDiffer);
    }
    if all().any(|f| f.of.is_some()) && all().any(|f| f.of.is_none()) {
        out.push(Caveat::FractionVsCount);
    }
    out
}

/// The topics whose Vietnamese label the sentences of these figures name.
fn context(bundle: &Bundle, refs: &[FigureRef]) -> Vec<String> {
    let labels: Vec<String> = bundle
        .topics
        .iter()
        .map(|t| format!(" {} ", text::toned_phrase(&t.label.vi)))
        .collect();
    let mut named = vec![false; labels.len()];
    for &f in refs {
        let Some(sentence) = figures::figure_sentence(bundle, f) else {
            continue;
        };
        let sentence = format!(" {} ", text::toned_phrase(sentence));
        for (k, label) in labels.iter().enumerate() {
            if !label.trim().is_empty() && sentence.contains(label.as_str()) {
                named[k] = true;
            }
        }
    }
    bundle
        .topics
        .iter()
        .zip(named)
        .filter(|(_, n)| *n)
        .map(|(t, _)| t.id.clone())
        .collect()
}

/// The units that have figures on both sides, in Vietnamese order, each with both sides'
/// figures (report then figure order) and the caveats of comparing them. The topics of the
/// context are those named by the sentences of up to [`MAX_CONTEXT_FIGURES`] of the figures,
/// evenly spread.
pub fn matched_figures(bundle: &Bundle, side_a: &[usize], side_b: &[usize]) -> Vec<UnitMatch> {
    let (keys_a, mut groups_a) = figures_by_unit(bundle, side_a);
    let (keys_b, mut groups_b) = figures_by_unit(bundle, side_b);
    let mut out = Vec::new();
    for (key, slot_b) in keys_b {
        let Some(&slot_a) = keys_a.get(&key) else {
            continue;
        };
        let (a, mut forms) = std::mem::take(&mut groups_a[slot_a]);
        let (b, forms_b) = std::mem::take(&mut groups_b[slot_b]);
        for (f, c) in forms_b {
            *forms.entry(f).or_default() += c;
        }
        let caveats = caveats(bundle, &a, &b);
        let both: Vec<FigureRef> = a.iter().chain(b.iter()).copied().collect();
        out.push(UnitMatch {
            unit: most_frequent_form(&forms),
            key,
            context: context(bundle, &spread(&both, MAX_CONTEXT_FIGURES)),
            a,
            b,
            caveats,
        });
    }
    sort::sort_by(&mut out, |x, y| match text::collate(&x.unit, &y.unit) {
        Ordering::Equal => x.key.cmp(&y.key),
        o => o,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::tests::{bundle, R};
    use std::collections::BTreeSet;
    use ParagraphKind::{Body, Boilerplate, Byline, Caption, Title};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn merged_keys_are_the_ordered_union() {
        let map = |keys: &[&str]| -> SortedMap<String, usize> {
            keys.iter().map(|k| (k.to_string(), 1)).collect()
        };
        let cases: [(&[&str], &[&str]); 5] = [
            (&[], &[]),
            (&["dân"], &[]),
            (&[], &["vận"]),
            (&["cán bộ", "dân", "vận"], &["dân", "khéo", "xã"]),
            (&["a", "b"], &["a", "b"]),
        ];
        for (x, y) in cases {
            let (a, b) = (map(x), map(y));
            let want: Vec<&String> = a
                .keys()
                .chain(b.keys())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            assert_eq!(merged_keys(&a, &b), want, "{x:?} {y:?}");
        }
    }

    #[test]
    fn side_years_are_sorted_and_distinct_whatever_the_report_order() {
        let b = two_sides();
        // Reports 1 and 2 (TP.HCM) are from 2022 and 2024; listed backwards and twice.
        let s = side_summary(&b, &[2, 1, 2, 1], City::Hcmc);
        assert_eq!(s.years, [2022, 2024]);
        assert_eq!(s.year_range, Some((2022, 2024)));
    }

    #[test]
    fn log_odds_match_a_hand_computed_example() {
        let b = bundle(vec![
            R::new("a", City::Hanoi, None).p(Body, "Tổ hoà giải hay."),
            R::new("b", City::Hcmc, None).p(Body, "Tổ hòa giải, dân vận."),
        ]);
        let opts = TermOptions {
            min_count: 1,
            top: 10,
            ..TermOptions::default()
        };
        let d = distinctive_terms(&b, &[0], &[1], &opts);
        assert_eq!((d.total_a, d.total_b), (5, 8));
        assert_eq!(d.alpha0, 13.0);
        let keys_a: Vec<&str> = d.a.iter().map(|t| t.display.as_str()).collect();
        assert_eq!(keys_a, ["hoà giải", "tổ hoà"]);
        let hg = &d.a[0];
        assert_eq!(hg.key, text::toned_phrase("hòa giải"));
        assert_eq!((hg.count_a, hg.count_b, hg.syllables), (1, 1, 2));
        assert!(close(hg.delta, 0.18232155679395468), "{}", hg.delta);
        assert!(close(hg.variance, 0.6666666666666666), "{}", hg.variance);
        assert!(close(hg.z, 0.22329739162752632), "{}", hg.z);
        let keys_b: Vec<&str> = d.b.iter().map(|t| t.display.as_str()).collect();
        assert_eq!(keys_b, ["dân vận"]);
        let dv = &d.b[0];
        assert_eq!((dv.count_a, dv.count_b), (0, 1));
        assert!(close(dv.delta, 0.5819215454497209), "{}", dv.delta);
        assert!(close(dv.variance, 1.5), "{}", dv.variance);
        assert!(close(dv.z, 0.47513695222787544), "{}", dv.z);
    }

    fn two_sides() -> crate::core::model::Bundle {
        bundle(vec![
            R::new("hn", City::Hanoi, Some("2024-03"))
                .outlet("Kinhtedothi")
                .p(Title, "Phát huy sức mạnh đại đoàn kết")
                .p(
                    Body,
                    "Thủ đô phát huy vai trò tổ dân vận, giải phóng mặt bằng Vành đai 4.",
                )
                .topics(&["dan-van-kheo"])
                .p(
                    Body,
                    "Thủ đô củng cố khối đại đoàn kết, giải phóng mặt bằng đúng hạn.",
                )
                .p(Caption, "Quang cảnh hội nghị.")
                .p(Caption, "Quang cảnh hội nghị."),
            R::new("hcm1", City::Hcmc, Some("2022"))
                .outlet("VOH")
                .p(
                    Body,
                    "Thành phố Hồ Chí Minh thực hiện dân chủ ở cơ sở, chăm lo người lao động.",
                )
                .topics(&["dan-van-kheo", "covid-19"])
                .p(
                    Body,
                    "Thành phố hỗ trợ người lao động và doanh nghiệp sau dịch Covid-19.",
                )
                .topics(&["covid-19"])
                .p(Boilerplate, "Bình luận Chia sẻ Zalo"),
            R::new("hcm2", City::Hcmc, Some("2024-01")).p(
                Body,
                "Thành phố có nhiều mô hình dân vận khéo, phát huy dân chủ.",
            ),
            R::new("nat", City::National, None).p(Body, "Toàn quốc."),
        ])
    }

    #[test]
    fn large_sides_are_sampled_evenly_and_say_so() {
        assert_eq!(even_sample(&[5, 1, 3], 10), [1, 3, 5]);
        let side: Vec<usize> = (0..1000).rev().collect();
        let sample = even_sample(&side, 4);
        assert_eq!(sample, [0, 250, 500, 750]);
        let b = two_sides();
        let opts = TermOptions {
            min_count: 1,
            max_reports: 1,
            ..TermOptions::default()
        };
        let d = distinctive_terms(&b, &[0], &[2, 1], &opts);
        assert_eq!(d.counted, [(1, 1), (1, 2)]);
        assert_eq!(d.total_b, term_counts(&b, &[1]).total);
    }

    #[test]
    fn cached_term_counts_give_the_same_terms_and_count_each_side_once() {
        let b = two_sides();
        let all: Vec<usize> = (0..b.reports.len()).collect();
        let hn = side_reports(&b, &all, City::Hanoi);
        let hcm = side_reports(&b, &all, City::Hcmc);
        let opts = TermOptions::default();
        let mut cache = TermCache::default();
        let plain = distinctive_terms(&b, &hn, &hcm, &opts);
        assert_eq!(
            distinctive_terms_cached(&mut cache, &b, &hn, &hcm, &opts),
            plain
        );
        assert_eq!(cache.len(), 2);
        // Again: both sides come from the cache, the same counts.
        let before = cache.term_counts(&b, &hn);
        assert_eq!(
            distinctive_terms_cached(&mut cache, &b, &hn, &hcm, &opts),
            plain
        );
        assert!(Arc::ptr_eq(&before, &cache.term_counts(&b, &hn)));
        assert_eq!(*before, term_counts(&b, &hn));
        // Swapped sides reuse both counts.
        let swapped = distinctive_terms_cached(&mut cache, &b, &hcm, &hn, &opts);
        assert_eq!(swapped, distinctive_terms(&b, &hcm, &hn, &opts));
        assert_eq!(cache.len(), 2);
        // Other sides push the oldest out, never more than CACHED_SIDES.
        for k in 0..all.len() {
            let one = [all[k]];
            let rest: Vec<usize> = all.iter().copied().filter(|&i| i != all[k]).collect();
            assert_eq!(
                distinctive_terms_cached(&mut cache, &b, &one, &rest, &opts),
                distinctive_terms(&b, &one, &rest, &opts)
            );
            assert!(cache.len() <= CACHED_SIDES);
        }
        assert_eq!(cache.len(), CACHED_SIDES);
    }

    #[test]
    fn swapping_sides_negates_every_score() {
        let b = two_sides();
        let opts = TermOptions {
            min_count: 1,
            ..TermOptions::default()
        };
        let (ta, tb) = (term_counts(&b, &[0]), term_counts(&b, &[1, 2]));
        let (ab, alpha_ab) = distinctive_scores(&ta, &tb, &opts);
        let (ba, alpha_ba) = distinctive_scores(&tb, &ta, &opts);
        assert_eq!(alpha_ab, alpha_ba);
        assert_eq!(ab.len(), ba.len());
        assert!(
            ab.iter().any(|t| t.z.abs() > 0.5),
            "the example must have distinctive terms"
        );
        for (x, y) in ab.iter().zip(&ba) {
            assert_eq!(x.key, y.key);
            assert!(close(x.z, -y.z) && close(x.delta, -y.delta), "{}", x.key);
            assert!(close(x.variance, y.variance));
            assert_eq!((x.count_a, x.count_b), (y.count_b, y.count_a));
        }
        let d1 = distinctive_terms(&b, &[0], &[1, 2], &opts);
        let d2 = distinctive_terms(&b, &[1, 2], &[0], &opts);
        assert_eq!(
            d1.a.iter().map(|t| &t.key).collect::<Vec<_>>(),
            d2.b.iter().map(|t| &t.key).collect::<Vec<_>>()
        );
        assert_eq!(
            d1.b.iter().map(|t| &t.key).collect::<Vec<_>>(),
            d2.a.iter().map(|t| &t.key).collect::<Vec<_>>()
        );
        assert!(d1.a.iter().any(|t| t.display == "thủ đô"));
        assert!(d1.b.iter().any(|t| t.display == "thành phố"));
        assert!(d1.a.windows(2).all(|w| w[0].z >= w[1].z));
    }

    #[test]
    fn stop_syllables_numbers_clutter_and_punctuation_are_not_counted() {
        let b = bundle(vec![R::new("r", City::Hanoi, None)
            .p(Title, "Tiêu đề riêng")
            .p(Byline, "Phóng viên Nguyên Bảo")
            .p(Boilerplate, "Chia sẻ Zalo")
            .p(
                Body,
                "Các đồng chí và nhân dân của 579 xã đã tham gia; a) dân vận. Khéo léo, “Hoà giải”",
            )
            .p(Caption, "Quang cảnh hội nghị.")
            .p(Caption, "Quang cảnh hội nghị.")]);
        let c = term_counts(&b, &[0]);
        let stops = stop_keys();
        for key in c.counts.keys() {
            for syllable in key.split(' ') {
                assert!(!stops.contains(syllable), "stop syllable counted: {key}");
                assert!(
                    !syllable.chars().all(char::is_numeric),
                    "number counted: {key}"
                );
                assert!(syllable.chars().count() > 1, "single letter counted: {key}");
            }
        }
        let has = |t: &str| c.counts.contains_key(&text::toned_phrase(t));
        assert!(has("nhân dân") && has("đồng chí") && has("tham gia") && has("dân vận"));
        assert!(has("khéo léo") && has("hoà giải") && has("hòa giải"));
        assert!(!has("vận khéo"), "a bigram crossed a full stop");
        assert!(!has("léo hoà"), "a bigram crossed a comma and a quote");
        assert!(
            !has("tiêu đề") && !has("phóng viên") && !has("zalo"),
            "clutter counted"
        );
        assert!(!has("và") && !has("của") && !has("các") && !has("đã"));
        assert!(!has("579") && !has("a"));
        // The repeated caption counts once.
        assert_eq!(c.counts[&text::toned_phrase("quang cảnh")], 1);
        assert_eq!(
            c.forms[&text::toned_phrase("hoà giải")]
                .keys()
                .collect::<Vec<_>>(),
            ["hoà giải"]
        );
        assert_eq!(c.total, c.counts.values().sum::<usize>());
    }

    #[test]
    fn sides_summarise_years_outlets_and_topics() {
        let b = two_sides();
        let all = [0, 1, 2, 3];
        let hcm = side_summary(&b, &all, City::Hcmc);
        assert_eq!(hcm.reports, [1, 2]);
        assert_eq!(hcm.years, [2022, 2024]);
        assert_eq!(hcm.year_range, Some((2022, 2024)));
        assert_eq!((hcm.undated, hcm.no_outlet, hcm.body_paragraphs), (0, 1, 3));
        assert_eq!(hcm.outlets, ["VOH"]);
        // The filter decides what a side holds.
        assert_eq!(side_summary(&b, &[0, 2], City::Hcmc).reports, [2]);
        let nat = side_summary(&b, &all, City::National);
        assert_eq!((nat.undated, nat.year_range), (1, None));
        let empty = side_summary(&b, &[], City::Hanoi);
        assert_eq!((empty.reports.len(), empty.body_paragraphs), (0, 0));

        let shares = topic_shares(&b, &hcm.reports);
        assert_eq!(
            shares.iter().map(|s| s.topic.as_str()).collect::<Vec<_>>(),
            ["dan-van-kheo", "covid-19"]
        );
        assert_eq!(
            shares.iter().map(|s| s.paragraphs).collect::<Vec<_>>(),
            [1, 2]
        );
        assert!(close(shares[0].share, 1.0 / 3.0) && close(shares[1].share, 2.0 / 3.0));
        let none = topic_shares(&b, &[]);
        assert!(none.iter().all(|s| s.paragraphs == 0 && s.share == 0.0) && none.len() == 2);
    }

    fn figures_bundle() -> crate::core::model::Bundle {
        use Qualifier::*;
        bundle(vec![
            R::new("hn", City::Hanoi, Some("2024"))
                .p(Body, "Năm 2023, Hà Nội có 1.250 mô hình “Dân vận khéo”. Có gần 5.000 tổ dân vận.")
                .f("1.250", 1250.0, "Mô hình", None, Some("năm 2023"))
                .f("gần 5.000", 5000.0, "tổ dân vận", Some(Approx), Some("năm 2023"))
                .p(Body, "Có 12 tổ hoà giải; 30 hộ dân; 40 đảng viên.")
                .f("12", 12.0, "tổ hoà giải", None, Some("năm 2023"))
                .f("30", 30.0, "hộ dân", None, None)
                .f("40", 40.0, "đảng viên", None, Some("năm 2023")),
            R::new("hcm", City::Hcmc, Some("2024"))
                .p(Body, "Trong năm 2023 có 13.663 mô hình; 6.000 tổ dân vận; 9 Tổ hòa giải; 42/120 hộ dân.")
                .f("13.663", 13663.0, "mô hình", None, Some("trong năm 2023"))
                .f("6.000", 6000.0, "Tổ dân vận", None, Some("năm 2023"))
                .f("9", 9.0, "Tổ hòa giải", None, Some("quý 2/2024"))
                .f("42/120", 42.0, "hộ dân", None, None)
                .of(120.0)
                .p(Body, "Có 7 phường đạt chuẩn.")
                .f("7", 7.0, "phường", None, None),
        ])
    }

    #[test]
    fn figures_match_by_unit_across_case_and_tone_placement_with_caveats() {
        let b = figures_bundle();
        let m = matched_figures(&b, &[0], &[1]);
        let units: Vec<&str> = m.iter().map(|u| u.unit.as_str()).collect();
        // "đảng viên" and "phường" are on one side only; "Mô hình"/"mô hình" and
        // "tổ hoà giải"/"Tổ hòa giải" are one unit each.
        assert_eq!(units, ["hộ dân", "mô hình", "tổ dân vận", "tổ hoà giải"]);
        let get = |u: &str| m.iter().find(|x| x.unit == u).unwrap();

        let mh = get("mô hình");
        assert_eq!(
            mh.a,
            [FigureRef {
                report: 0,
                figure: 0
            }]
        );
        assert_eq!(
            mh.b,
            [FigureRef {
                report: 1,
                figure: 0
            }]
        );
        // "năm 2023" and "trong năm 2023" are the same period: nothing to warn about.
        assert_eq!(mh.caveats, []);
        // The Hà Nội sentence names the "Dân vận khéo" campaign.
        assert_eq!(mh.context, ["dan-van-kheo"]);
        assert_eq!(mh.key, unit_key("MÔ HÌNH"));

        assert_eq!(get("tổ dân vận").caveats, [Caveat::QualifiersDiffer]);
        assert_eq!(get("tổ dân vận").context, Vec::<String>::new());
        assert_eq!(
            get("tổ hoà giải").caveats,
            [Caveat::PeriodsDiffer {
                a: vec!["năm 2023".into()],
                b: vec!["quý 2/2024".into()]
            }]
        );
        assert_eq!(
            get("hộ dân").caveats,
            [Caveat::PeriodMissing, Caveat::FractionVsCount]
        );
        for c in get("hộ dân").caveats.iter() {
            let l = c.label();
            assert!(!l.vi.is_empty() && !l.en.is_empty());
        }
        // The sides are symmetric: swapping them swaps a and b.
        let swapped = matched_figures(&b, &[1], &[0]);
        assert_eq!(swapped.len(), m.len());
        assert_eq!(swapped[1].a, mh.b);
        // Filters apply: no reports on one side, nothing to match.
        assert!(matched_figures(&b, &[], &[1]).is_empty());
    }
}
