//! One sort for the whole core: every place that orders items computes a key of two numbers per
//! item and gets back the order, ties kept in input order (a stable sort's result). The WASM
//! then carries one sorting routine instead of one per element type and comparison (each
//! `sort_by_key` is compiled anew for its closure); see bench/REPORT.md for the bytes.

/// The indices of `keys` in ascending key order; equal keys keep their input order.
pub fn stable_order(keys: impl Iterator<Item = (u64, u64)>) -> Vec<usize> {
    let mut tagged: Vec<(u64, u64, usize)> =
        keys.enumerate().map(|(i, (a, b))| (a, b, i)).collect();
    sort(&mut tagged);
    tagged.into_iter().map(|(_, _, i)| i).collect()
}

/// Kept out of line, so that every caller shares this one instance.
#[inline(never)]
fn sort(items: &mut [(u64, u64, usize)]) {
    // the index makes every key distinct, so an unstable sort gives the stable order
    items.sort_unstable();
}

/// `items` reordered by `order` (a permutation of their indices).
pub fn apply<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_what_a_stable_sort_gives() {
        let mut seed = 7u64;
        for n in [0, 1, 2, 5, 20, 200] {
            let keys: Vec<(u64, u64)> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) % 4, (seed >> 40) % 3)
                })
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(stable_order(keys.iter().copied()), expected);
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let sorted = apply(items, &expected);
            assert_eq!(
                sorted,
                expected.iter().map(|i| i.to_string()).collect::<Vec<_>>()
            );
        }
    }
}
