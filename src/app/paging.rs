//! How much of a long list is rendered: the report list grows by pages ("show more"), and a
//! facet shows its first values until expanded. DOM-free, tested natively.
//!
//! The result count always says the full number; only the rendering is cut, so a corpus of
//! 10,000 reports never puts 10,000 entries in the page.

/// Reports rendered at first, and added by each "show more". Twenty fill a screen or two;
/// each row costs script, layout and text shaping on every keystroke (BENCHMARKS.md).
pub const PAGE: usize = 20;

/// Facet values shown before "show all".
pub const FACET_LIMIT: usize = 12;

/// How many of `total` rows to render when the reader asked for `requested` (at least one
/// page, never more than there are).
pub fn visible(total: usize, requested: usize) -> usize {
    requested.max(PAGE).min(total)
}

/// The rows "show more" would add (at most a page; zero when all are shown).
pub fn more(total: usize, requested: usize) -> usize {
    (total - visible(total, requested)).min(PAGE)
}

/// The indices of facet values to show: all when `expanded`, else the first
/// [`FACET_LIMIT`] plus any selected value after them (a selection never hides).
pub fn facet_values(selected: &[bool], expanded: bool) -> Vec<usize> {
    (0..selected.len())
        .filter(|&i| expanded || i < FACET_LIMIT || selected[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_list_is_shown_whole() {
        assert_eq!(visible(5, 0), 5);
        assert_eq!(more(5, 0), 0);
        assert_eq!(visible(0, 0), 0);
    }

    #[test]
    fn a_long_list_grows_by_pages() {
        assert_eq!(visible(10_000, 0), PAGE);
        assert_eq!(more(10_000, 0), PAGE);
        assert_eq!(visible(50, 2 * PAGE), 40);
        assert_eq!(more(50, 2 * PAGE), 10);
        assert_eq!(visible(50, 3 * PAGE), 50);
        assert_eq!(more(50, 3 * PAGE), 0);
    }

    #[test]
    fn facets_show_their_first_values_and_every_selected_one() {
        let mut selected = vec![false; 20];
        selected[15] = true;
        let shown = facet_values(&selected, false);
        assert_eq!(shown.len(), FACET_LIMIT + 1);
        assert_eq!(shown.last(), Some(&15));
        assert_eq!(facet_values(&selected, true).len(), 20);
        assert_eq!(facet_values(&[false; 3], false), [0, 1, 2]);
    }
}
