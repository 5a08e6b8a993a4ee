//! Sorting through one shared instantiation of the standard library's sort.
//!
//! Every `slice::sort_by` call with its own element type and closure is a separate copy of the
//! standard sort (3 to 5 KB of wasm each, about 75 KB for the app's sorts). These helpers sort a
//! list of indices with a `dyn` comparator, so the sort itself is compiled once, then move the
//! elements into that order. They are for lists sorted once per load or per click; hot loops keep
//! `slice::sort_*`.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (equal elements keep their order), like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by a key, stably, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, stably, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instantiation of the standard (stable) sort.
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts `v` in the order `order` names (`order[i]` is the index of the element that goes to
/// place `i`), by following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        // Pairs sorted by their first half only: the second half shows the order kept.
        let mut seed = 7u64;
        for len in [0usize, 1, 2, 3, 5, 17, 64, 300] {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "len {len}");
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| std::cmp::Reverse(p.0));
            let mut std = v;
            std.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(ours, std, "len {len}");
        }
        let mut words = vec!["vận", "dân", "khéo", "dân"];
        sort(&mut words);
        assert_eq!(words, ["dân", "dân", "khéo", "vận"]);
    }
}
