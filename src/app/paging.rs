//! How much of a long list is rendered: the report list grows by pages ("show more"), and a
//! facet shows its first values until expanded. DOM-free, tested natively.
//!
//! The result count always says the full number; only the rendering is cut, so a corpus of
//! 10,000 reports never puts 10,000 entries in the page.

/// Reports rendered at first, and added by each "show more". Twenty fill a screen or two;
/// each row costs script, layout and text shaping on every keystroke (BENCHMARKS.md).
pub const PAGE: usize = 20;

/// The height of a short listed report, in CSS pixels (a heading, a line of metadata and a
/// little of a snippet; a row with snippets is about 180): how many rows fill the screen below
/// the list's top is that height over this, rounded up, so the first frame over-counts what
/// it shows rather than leaves a gap at the bottom.
pub const ROW_MIN_PX: f64 = 150.0;

/// Rows added per turn of the event loop once the first screenful of an answer is painted.
pub const ROWS_PER_TASK: usize = 4;

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

/// Rows built in the frame that answers a keystroke or a filter: enough to fill a window
/// `viewport_px` tall from the list's top down, the list starting `list_top_px` from the
/// window's top (negative when scrolled past it; `None` before the list was first painted and
/// measured: then the whole window). At least two, at most a page. The rest of the page follows
/// a few rows per task after that frame is painted ([`next_rows`]): the rows below the screen
/// cost script and layout that the answer's own frame cannot spare (BENCHMARKS.md, "Keystroke
/// to paint, fifth round": 4 rows instead of 6 at 900 px, p95 27.1 -> 24.5 ms).
pub fn first_rows(viewport_px: f64, list_top_px: Option<f64>) -> usize {
    let below = viewport_px - list_top_px.filter(|t| t.is_finite()).unwrap_or(0.0);
    let rows = (below / ROW_MIN_PX).ceil();
    // NaN and negative heights (no window, a list below the screen) give 0 here, so the least.
    (if rows.is_finite() && rows > 0.0 {
        rows as usize
    } else {
        0
    })
    .clamp(2, PAGE)
}

/// How many rows to have built after the next task, with `built` of `want` built now.
pub fn next_rows(built: usize, want: usize) -> usize {
    (built + ROWS_PER_TASK).min(want).max(built)
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
    fn an_answer_fills_the_screen_first_then_the_rest_of_its_page() {
        // A 720 px window before the list was measured: 5 rows.
        assert_eq!(first_rows(720.0, None), 5);
        assert_eq!(first_rows(1080.0, None), 8);
        // The list 332 px down a 900 px window (the search box and the count above it): the
        // 568 px below hold three rows with snippets and part of a fourth.
        assert_eq!(first_rows(900.0, Some(332.0)), 4);
        // Scrolled 500 px into the list: the rows down to the window's bottom.
        assert_eq!(first_rows(900.0, Some(-500.0)), 10);
        // The list below the screen (a phone with the filters open): the least.
        assert_eq!(first_rows(700.0, Some(900.0)), 2);
        assert_eq!(first_rows(700.0, Some(f64::NAN)), 5);
        assert_eq!(first_rows(100.0, None), 2);
        assert_eq!(first_rows(50_000.0, None), PAGE);
        assert_eq!(first_rows(f64::NAN, None), 2);
        assert_eq!(first_rows(-1.0, None), 2);
        assert_eq!(next_rows(5, 20), 9);
        assert_eq!(next_rows(18, 20), 20);
        assert_eq!(next_rows(20, 20), 20);
        // Never fewer than are built (the page shrank under a pending step).
        assert_eq!(next_rows(12, 5), 12);
        let mut built = first_rows(720.0, None);
        let mut steps = 0;
        while built < PAGE {
            built = next_rows(built, PAGE);
            steps += 1;
        }
        assert_eq!(steps, 4);
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
