//! The query core on the real seed corpus: the searches a Vietnamese reader would try, checked
//! against what the five source files say (see /work/shared/corpus/README.md).

use std::collections::BTreeSet;
use std::path::Path;

use danvan::compiler::{compile_dir, Options};
use danvan::core::model::{Bundle, City};
use danvan::core::query::Prepared;
use danvan::core::snippet::snippet;
use danvan::core::text::{char_slice, folded_phrase};
use danvan::core::url::ViewState;

fn seed() -> Bundle {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = Options {
        dir: root.join("data/reports"),
        ..Options::default()
    };
    compile_dir(&opts).expect("the seed corpus compiles").bundle
}

/// The file-name prefixes ("000", …) of the reports a query finds, as a set.
fn found(b: &Bundle, p: &Prepared, q: &str) -> BTreeSet<String> {
    p.index
        .search(&p.index.parse(q))
        .iter()
        .map(|h| b.reports[h.report].file[..3].to_string())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn vietnamese_searches_on_the_seed_corpus() {
    let b = seed();
    let p = Prepared::new(&b);
    // "Dân vận khéo" is in four reports; typed without accents it finds the same four.
    assert_eq!(
        found(&b, &p, "dân vận khéo"),
        set(&["000", "001", "003", "004"])
    );
    assert_eq!(
        found(&b, &p, "dan van kheo"),
        set(&["000", "001", "003", "004"])
    );
    // Both tone placements occur in report 001 ("hài hòa", "tổng hoà"): either spelling finds both.
    let hits = p.index.search(&p.index.parse("\"tổng hòa\""));
    assert_eq!(b.reports[hits[0].report].file[..3], *"001");
    assert_eq!(hits[0].score.exact, 2);
    assert!(found(&b, &p, "hài hoà").contains("004"));
    // "Thành ủy" is in every report; the old placement finds them all.
    assert_eq!(found(&b, &p, "Thành uỷ").len(), 5);
    // TPHCM is written "TPHCM" in 000 and 001 and "Thành phố Hồ Chí Minh" in 004.
    let hcm = found(&b, &p, "TPHCM");
    assert!(hcm.is_superset(&set(&["000", "001", "004"])), "{hcm:?}");
    // MTTQ and "Mặt trận Tổ quốc" find each other.
    assert_eq!(found(&b, &p, "MTTQ"), found(&b, &p, "mặt trận tổ quốc"));
    assert!(found(&b, &p, "MTTQ").is_superset(&set(&["000", "001", "002", "003"])));
}

#[test]
fn highlights_point_at_the_words_searched() {
    let b = seed();
    let p = Prepared::new(&b);
    let query = p.index.parse("dan van kheo");
    let ranked = p.index.search(&query);
    assert!(!ranked.is_empty());
    for found in &ranked {
        // Highlights are built per row shown; they score the report as the search ranked it.
        let h = p
            .index
            .highlight(&query, found.report, &b.reports[found.report])
            .expect("a hit has highlights");
        assert_eq!(h.score, found.score);
        assert!(!h.paragraphs.is_empty() || !h.title.is_empty());
        let r = &b.reports[h.report];
        for ph in &h.paragraphs {
            let text = &r.paragraphs[ph.paragraph].text;
            assert!(!r.paragraphs[ph.paragraph].kind.is_clutter());
            for &(s, e) in &ph.ranges {
                let words = folded_phrase(char_slice(text, s, e));
                assert!(
                    ["dan van kheo", "dan", "van", "kheo"].contains(&words.as_str()),
                    "{words}"
                );
            }
            let snip = snippet(text, &ph.ranges, 40);
            assert!(snip.pieces.iter().any(|piece| piece.highlight));
        }
        for &(s, e) in &h.title {
            let title = r.title.as_deref().unwrap_or_default();
            assert_eq!(folded_phrase(char_slice(title, s, e)).split(' ').count(), 3);
        }
    }
}

#[test]
fn one_view_run_with_search_filters_and_facets() {
    let b = seed();
    let p = Prepared::new(&b);
    let (state, notices) = ViewState::parse("q=d%C3%A2n+v%E1%BA%ADn+kh%C3%A9o&city=hcmc");
    assert!(notices.is_empty());
    let r = p.run(&state);
    assert!(r.searched);
    assert!(!r.rows.is_empty());
    assert!(r.rows.iter().all(|&i| b.reports[i].city == City::Hcmc));
    let hcmc = r
        .facets
        .cities
        .iter()
        .find(|f| f.value == City::Hcmc)
        .unwrap();
    assert!(hcmc.selected);
    assert_eq!(hcmc.count, r.total);
    // The city counts ignore the city filter: they add up to every report the search found.
    assert_eq!(
        r.facets.cities.iter().map(|f| f.count).sum::<usize>(),
        r.matched
    );
    assert!(p.catalog.check(&state).is_empty());
}

/// The term counts of the compare view, recounted the slow, obvious way (every word's keys and
/// forms as strings), must equal `term_counts` on the seed corpus: both cities, all reports.
#[test]
fn term_counts_equal_a_plain_recount() {
    use danvan::core::compare::{term_counts, TermCounts, STOP_SYLLABLES};
    use danvan::core::model::ParagraphKind;
    use danvan::core::text::{char_slice, tokenize, toned_key, toned_phrase};

    fn recount(b: &Bundle, side: &[usize]) -> TermCounts {
        let stops: BTreeSet<String> = STOP_SYLLABLES.iter().map(|w| toned_key(w)).collect();
        let term = |k: &str| {
            k.chars().count() > 1 && !k.chars().all(char::is_numeric) && !stops.contains(k)
        };
        let mut out = TermCounts::default();
        let add = |out: &mut TermCounts, key: String, form: String| {
            *out.forms
                .entry(key.clone())
                .or_default()
                .entry(form)
                .or_default() += 1;
            *out.counts.entry(key).or_default() += 1;
            out.total += 1;
        };
        for &i in side {
            let mut seen = BTreeSet::new();
            for p in &b.reports[i].paragraphs {
                if !matches!(p.kind, ParagraphKind::Body | ParagraphKind::Caption)
                    || !seen.insert(toned_phrase(&p.text))
                {
                    continue;
                }
                let toks = tokenize(&p.text);
                let form = |t: &danvan::core::text::Token| {
                    char_slice(&p.text, t.start, t.end).to_lowercase()
                };
                for (k, t) in toks.iter().enumerate() {
                    if !term(&t.toned) {
                        continue;
                    }
                    add(&mut out, t.toned.clone(), form(t));
                    if let Some(n) = toks.get(k + 1) {
                        let gap = char_slice(&p.text, t.end, n.start);
                        if gap.chars().all(char::is_whitespace) && term(&n.toned) {
                            let key = format!("{} {}", t.toned, n.toned);
                            add(&mut out, key, format!("{} {}", form(t), form(n)));
                        }
                    }
                }
            }
        }
        out
    }

    let b = seed();
    let all: Vec<usize> = (0..b.reports.len()).collect();
    for side in [all.clone(), vec![0, 2], vec![4, 1, 1]] {
        let fast = term_counts(&b, &side);
        assert!(fast.total > 0);
        assert_eq!(fast, recount(&b, &side), "side {side:?}");
    }
}
