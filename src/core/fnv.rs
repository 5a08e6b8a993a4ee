//! FNV-1a, a fast hash for the short word keys of the search index and the compiler's lexicons.
//!
//! Both hash only the corpus's own words and the project's word lists, so the flooding
//! resistance of the standard library's SipHash buys nothing there, and FNV is several times
//! faster on keys of a few bytes.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The FNV-1a 64-bit hasher.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    // Always inlined: at `opt-level = "z"` (the app) a call per hashed word costs more than
    // the hashing of its few bytes.
    #[inline(always)]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A `BuildHasher` for [`Fnv`].
pub type FnvBuild = BuildHasherDefault<Fnv>;
/// A `HashMap` keyed with [`Fnv`].
pub type FnvMap<K, V> = HashMap<K, V, FnvBuild>;
/// A `HashSet` keyed with [`Fnv`].
pub type FnvSet<K> = HashSet<K, FnvBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(s: &str) -> u64 {
        let mut h = Fnv::default();
        s.as_bytes().hash(&mut h);
        h.finish()
    }

    #[test]
    fn known_vector_and_spread() {
        // FNV-1a of "a" alone is 0xaf63dc4c8601ec8c (the reference test vector).
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(hash("hoà"), hash("hòa"));
        let mut m: FnvMap<&str, u32> = FnvMap::default();
        m.insert("dân", 1);
        assert_eq!(m.get("dân"), Some(&1));
    }
}
