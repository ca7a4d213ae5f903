//! Stable sorting through one copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparison, and each of its
//! instantiations carries the whole driftsort: about 6 KB of WebAssembly, and two dozen
//! of them were a tenth of the full WASM module. Here a short list gets an insertion
//! sort; a longer one has its positions ordered by the standard sort through a `dyn`
//! comparison, one instantiation for the crate, and is then permuted in place by
//! swaps. The order is `sort_by`'s: stable. Sets and maps are filled by insertion for
//! the same reason (their `from_iter` sorts first).
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;
use core::cmp::Ordering;

/// Up to this many items, an insertion sort in place: no allocation and no indirect
/// call (most lists sorted are a map's few keys; in WebAssembly both cost), in a few
/// hundred bytes of code for each caller.
const SHORT: usize = 16;

/// Sorts `items` by `cmp`, equal items in their given order (`slice::sort_by`).
pub(crate) fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && cmp(&items[j - 1], &items[j]) == Ordering::Greater {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let order = positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by the key `key` gives each (`slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their `Ord` order (`slice::sort`).
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// A set of `items`, inserted one at a time: `BTreeSet::from_iter` sorts them first,
/// with a copy of the sort of its own.
pub(crate) fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// A map of `pairs`, inserted one at a time (the last of equal keys wins, as with
/// `BTreeMap::from_iter`, which would sort them first with a copy of the sort).
pub(crate) fn map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// `0..len` sorted by `cmp` over positions, equal ones in their given order.
#[inline(never)]
pub(crate) fn positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `items[order[i]]` to position `i`, one cycle of the permutation at a time;
/// a position done is marked `usize::MAX` in `order`.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = core::mem::replace(&mut order[at], usize::MAX);
            if from == start || from == usize::MAX {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    /// Against the standard library's stable sort on every permutation-rich input a
    /// small generator gives: same elements, same order, ties included.
    #[test]
    fn matches_slice_sort_by_with_ties() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..200 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 7) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items;
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, expected, "len {len}");
        }
    }

    #[test]
    fn sort_by_key_reverses_and_keeps_ties() {
        let mut items = vec![(1, 'a'), (3, 'b'), (2, 'c'), (3, 'd'), (1, 'e')];
        sort_by_key(&mut items, |p| core::cmp::Reverse(p.0));
        assert_eq!(items, vec![(3, 'b'), (3, 'd'), (2, 'c'), (1, 'a'), (1, 'e')]);
    }

    #[test]
    fn positions_are_a_stable_order() {
        let keys = ["b", "a", "b", "a"];
        assert_eq!(positions(keys.len(), &mut |a, b| keys[a].cmp(keys[b])), vec![1, 3, 0, 2]);
    }
}
