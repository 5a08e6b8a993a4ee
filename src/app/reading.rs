//! What the reader shows of one report, computed from the bundle: each paragraph cut into runs
//! of text, figure runs (with their tooltip) holding plain and search-hit pieces; the report's
//! topics; and the sentence that explains a figure. DOM-free, tested natively.
//!
//! Search hits and figures are char ranges into a paragraph (see the bundle's wire format).
//! They may overlap (a hit "13.663 mô hình" over the figure "13.663"): the text is cut at every
//! boundary of either, so a figure becomes one `<mark class="figure">` with the hit's `<mark>`
//! pieces inside it. All text stays text; the components render pieces as text nodes.

use crate::core::figures::format_vi;
use crate::core::i18n::Lang;
use crate::core::model::{Figure, Qualifier, Report};
use crate::core::search::ReportHit;
use crate::core::snippet::Piece;

/// A run of a paragraph: inside one figure (its index in `report.figures`) or outside any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The figure this run is, when it is one.
    pub figure: Option<usize>,
    /// Plain and highlighted pieces, in order.
    pub pieces: Vec<Piece>,
}

/// Cuts `text` into runs: each figure span (`(start, end, figure index)`, chars, end
/// exclusive) is one run, and the search `hits` are highlighted pieces inside any run.
/// Out-of-range or overlapping figure spans are tolerated: a figure overlapping an earlier one
/// is left unmarked, and ends past the text are cut.
pub fn runs(text: &str, hits: &[(usize, usize)], figures: &[(usize, usize, usize)]) -> Vec<Run> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut spans: Vec<(usize, usize, usize)> = figures
        .iter()
        .map(|&(s, e, f)| (s.min(n), e.min(n), f))
        .filter(|(s, e, _)| s < e)
        .collect();
    crate::core::sort::sort(&mut spans);
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(spans.len());
    for span in spans {
        if kept.last().is_none_or(|last| span.0 >= last.1) {
            kept.push(span);
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    let mut push = |from: usize, to: usize, figure: Option<usize>| {
        if from < to {
            let slice: String = chars[from..to].iter().collect();
            let shifted: Vec<(usize, usize)> = hits
                .iter()
                .filter(|&&(s, e)| s < to && e > from)
                .map(|&(s, e)| (s.max(from) - from, e.min(to) - from))
                .collect();
            out.push(Run {
                figure,
                pieces: crate::core::snippet::pieces(&slice, &shifted),
            });
        }
    };
    for (s, e, f) in kept {
        push(at, s, None);
        push(s, e, Some(f));
        at = e;
    }
    push(at, n, None);
    out
}

/// The figures of paragraph `paragraph` as spans for [`runs`].
pub fn figure_spans(report: &Report, paragraph: usize) -> Vec<(usize, usize, usize)> {
    report
        .figures
        .iter()
        .enumerate()
        .filter(|(_, f)| f.paragraph == paragraph)
        .map(|(i, f)| (f.start, f.end, i))
        .collect()
}

/// The search-hit ranges of `paragraph`, or none without a search.
pub fn hit_ranges(hit: Option<&ReportHit>, paragraph: usize) -> &[(usize, usize)] {
    hit.map_or(&[], |h| h.ranges(paragraph))
}

/// A number in the reader's language: "13.663" and "2,5" in Vietnamese, "13,663" and "2.5" in
/// English.
pub fn format_number(v: f64, lang: Lang) -> String {
    let vi = format_vi(v);
    match lang {
        Lang::Vi => vi,
        Lang::En => vi
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect(),
    }
}

/// What a figure's tooltip says: qualifier, value (with its whole for "42/120"), unit, period.
/// E.g. "hơn 13.663 mô hình · năm 2023" or "over 13,663 mô hình · năm 2023". The unit and the
/// period are quoted from the report, so they stay in Vietnamese.
pub fn figure_tip(f: &Figure, lang: Lang) -> String {
    let mut value = format_number(f.value, lang);
    if let Some(of) = f.of {
        value = format!("{value}/{}", format_number(of, lang));
    }
    let qualifier = f.qualifier.map(|q| match q {
        Qualifier::Approx => lang.pick("khoảng", "about"),
        Qualifier::Over => lang.pick("hơn", "over"),
        Qualifier::Under => lang.pick("dưới", "under"),
    });
    let mut tip = match qualifier {
        Some(q) => format!("{q} {value}"),
        None => value,
    };
    if !f.unit.trim().is_empty() {
        tip.push(' ');
        tip.push_str(f.unit.trim());
    }
    let period = f.period.as_deref().map(str::trim).filter(|p| !p.is_empty());
    tip.push_str(" · ");
    tip.push_str(period.unwrap_or(lang.pick("không rõ thời gian", "no period stated")));
    tip
}

/// The topic ids of a report's non-clutter paragraphs, in order of first appearance.
pub fn report_topics(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in report.paragraphs.iter().filter(|p| !p.kind.is_clutter()) {
        for t in &p.topics {
            if !out.contains(t) {
                out.push(t.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, highlight: bool) -> Piece {
        Piece {
            text: text.into(),
            highlight,
        }
    }

    fn figure(value: f64, unit: &str, period: Option<&str>) -> Figure {
        Figure {
            value,
            unit: unit.into(),
            qualifier: None,
            period: period.map(Into::into),
            paragraph: 0,
            start: 0,
            end: 1,
            text: "x".into(),
            of: None,
        }
    }

    #[test]
    fn a_paragraph_without_marks_is_one_plain_run() {
        let r = runs("Dân vận khéo", &[], &[]);
        assert_eq!(
            r,
            [Run {
                figure: None,
                pieces: vec![piece("Dân vận khéo", false)]
            }]
        );
    }

    #[test]
    fn a_hit_over_a_figure_is_cut_at_the_figure_edges() {
        // "Có 13.663 mô hình": figure "13.663" (3..9), hit "13.663 mô hình" (3..17).
        let r = runs("Có 13.663 mô hình", &[(3, 17)], &[(3, 9, 0)]);
        assert_eq!(
            r,
            [
                Run {
                    figure: None,
                    pieces: vec![piece("Có ", false)]
                },
                Run {
                    figure: Some(0),
                    pieces: vec![piece("13.663", true)]
                },
                Run {
                    figure: None,
                    pieces: vec![piece(" mô hình", true)]
                },
            ]
        );
    }

    #[test]
    fn a_hit_inside_a_figure_is_a_piece_of_it() {
        let r = runs("đạt 42/120 xã", &[(4, 6)], &[(4, 10, 3)]);
        assert_eq!(r[1].figure, Some(3));
        assert_eq!(r[1].pieces, [piece("42", true), piece("/120", false)]);
    }

    #[test]
    fn overlapping_or_out_of_range_figures_do_not_break_the_text() {
        let text = "Tăng 15% so với 2022";
        let r = runs(text, &[], &[(5, 8, 0), (6, 9, 1), (16, 99, 2), (30, 40, 3)]);
        let joined: String = r
            .iter()
            .flat_map(|run| run.pieces.iter().map(|p| p.text.as_str()))
            .collect();
        assert_eq!(joined, text);
        let figures: Vec<usize> = r.iter().filter_map(|run| run.figure).collect();
        assert_eq!(figures, [0, 2]);
    }

    #[test]
    fn tips_say_value_unit_and_period_in_the_readers_numbers() {
        let mut f = figure(13663.0, "mô hình", Some("năm 2023"));
        assert_eq!(figure_tip(&f, Lang::Vi), "13.663 mô hình · năm 2023");
        assert_eq!(figure_tip(&f, Lang::En), "13,663 mô hình · năm 2023");
        f.qualifier = Some(Qualifier::Over);
        f.period = None;
        assert_eq!(
            figure_tip(&f, Lang::Vi),
            "hơn 13.663 mô hình · không rõ thời gian"
        );
        let mut part = figure(42.0, "xã", Some("2024"));
        part.of = Some(120.0);
        assert_eq!(figure_tip(&part, Lang::En), "42/120 xã · 2024");
        assert_eq!(format_number(2.5, Lang::Vi), "2,5");
        assert_eq!(format_number(1234.5, Lang::En), "1,234.5");
    }
}
