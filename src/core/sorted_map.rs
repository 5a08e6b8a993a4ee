//! A map kept as a list sorted by key: what `compare` and `figures` need of a `BTreeMap`
//! (lookup, insertion, iteration in key order), without compiling the B-tree (insertion, node
//! splits, iterators, drop: a few KB of wasm per key and value type) into the app.
//!
//! Lookups are binary searches; an insertion moves the later entries, so a large map is built
//! from its pairs at once ([`SortedMap::from_pairs`]: one sort, through the shared
//! [`crate::core::sort`]), and one insertion at a time only for small maps (a term's written
//! forms, a side's units).

use std::borrow::Borrow;
use std::ops::Index;

use crate::core::sort;

/// A map from `K` to `V`, iterated in key order, like `BTreeMap<K, V>`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        SortedMap(Vec::new())
    }

    /// The map of `pairs`: the last value wins for a repeated key, as with collecting into a
    /// `BTreeMap`.
    pub fn from_pairs(mut pairs: Vec<(K, V)>) -> Self {
        // Stable: of equal keys, the last one given comes last, and is the one kept.
        sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        let mut out: Vec<(K, V)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match out.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => out.push(pair),
            }
        }
        SortedMap(out)
    }

    fn slot<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value of `key`, if it has one.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.slot(key).ok().map(|i| &self.0[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.slot(key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.slot(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The place of `key`, to read or fill, like `BTreeMap::entry`.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        Entry { map: self, key }
    }
}

impl<K, V> SortedMap<K, V> {
    /// The number of keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.0.iter().map(pair_ref)
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

/// A key's place in a [`SortedMap`], from [`SortedMap::entry`].
pub struct Entry<'m, K, V> {
    map: &'m mut SortedMap<K, V>,
    key: K,
}

impl<'m, K: Ord, V> Entry<'m, K, V> {
    /// The key's value, set to `value` first if it has none.
    pub fn or_insert(self, value: V) -> &'m mut V {
        let i = match self.map.slot(&self.key) {
            Ok(i) => i,
            Err(i) => {
                self.map.0.insert(i, (self.key, value));
                i
            }
        };
        &mut self.map.0[i].1
    }

    /// The key's value, set to `V::default()` first if it has none.
    pub fn or_default(self) -> &'m mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }

    /// The key's value, set to `make()` first if it has none.
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'m mut V {
        let i = match self.map.slot(&self.key) {
            Ok(i) => i,
            Err(i) => {
                self.map.0.insert(i, (self.key, make()));
                i
            }
        };
        &mut self.map.0[i].1
    }
}

/// The iterator of [`SortedMap::iter`].
pub type Iter<'m, K, V> = std::iter::Map<std::slice::Iter<'m, (K, V)>, fn(&(K, V)) -> (&K, &V)>;

fn pair_ref<K, V>((k, v): &(K, V)) -> (&K, &V) {
    (k, v)
}

impl<'m, K, V> IntoIterator for &'m SortedMap<K, V> {
    type Item = (&'m K, &'m V);
    type IntoIter = Iter<'m, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        SortedMap::from_pairs(pairs.into_iter().collect())
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> Index<&Q> for SortedMap<K, V> {
    type Output = V;

    /// The value of `key`; panics when it has none, like `BTreeMap`'s index.
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A few pseudo-random (key, value) lists with repeated keys.
    fn lists() -> Vec<Vec<(u8, usize)>> {
        let mut seed = 11u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        [0usize, 1, 2, 5, 40, 300]
            .into_iter()
            .map(|len| (0..len).map(|i| ((next() % 37) as u8, i)).collect())
            .collect()
    }

    fn same(map: &SortedMap<u8, usize>, tree: &BTreeMap<u8, usize>) {
        let a: Vec<(u8, usize)> = map.iter().map(|(k, v)| (*k, *v)).collect();
        let b: Vec<(u8, usize)> = tree.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(a, b);
        assert_eq!(map.len(), tree.len());
        for k in 0..40u8 {
            assert_eq!(map.get(&k), tree.get(&k));
            assert_eq!(map.contains_key(&k), tree.contains_key(&k));
        }
        assert!(map.keys().eq(tree.keys()));
        assert!(map.values().eq(tree.values()));
    }

    #[test]
    fn behaves_as_a_btree_map() {
        for pairs in lists() {
            // Built at once: the last value of a repeated key wins.
            let tree: BTreeMap<u8, usize> = pairs.iter().copied().collect();
            same(&SortedMap::from_pairs(pairs.clone()), &tree);
            same(&pairs.iter().copied().collect(), &tree);
            // Built one insertion at a time, with the replaced values returned.
            let (mut map, mut tree) = (SortedMap::new(), BTreeMap::new());
            for &(k, v) in &pairs {
                assert_eq!(map.insert(k, v), tree.insert(k, v));
            }
            same(&map, &tree);
            // Entries: counts and first values.
            let (mut map, mut tree) = (SortedMap::new(), BTreeMap::new());
            let (mut first, mut first_tree) = (SortedMap::new(), BTreeMap::new());
            for &(k, v) in &pairs {
                *map.entry(k).or_default() += v;
                *tree.entry(k).or_default() += v;
                first.entry(k).or_insert(v);
                first_tree.entry(k).or_insert(v);
            }
            same(&map, &tree);
            same(&first, &first_tree);
            let owned: Vec<(u8, usize)> = map.clone().into_iter().collect();
            assert_eq!(owned, tree.into_iter().collect::<Vec<_>>());
            assert!(map.is_empty() == pairs.is_empty());
        }
    }

    #[test]
    fn looks_up_strings_by_str() {
        let map = SortedMap::from_pairs(vec![("vận".to_string(), 2), ("dân".to_string(), 1)]);
        assert_eq!(map["dân"], 1);
        assert_eq!(map.get("vận"), Some(&2));
        assert!(!map.contains_key("khéo"));
        assert_eq!(map.keys().collect::<Vec<_>>(), ["dân", "vận"]);
    }
}
