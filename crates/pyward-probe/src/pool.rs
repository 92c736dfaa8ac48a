//! A small scoped thread pool: the probe's requests run a few at a time on blocking sockets,
//! never on an async runtime.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` over every item, at most `threads` at a time, results in the items' order; `None` for
/// an item whose call panicked (the others still run).
pub fn map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = threads.clamp(1, items.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if let Ok(r) = catch_unwind(AssertUnwindSafe(|| f(item))) {
                        *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_and_survives_a_panic() {
        let items: Vec<u32> = (0..20).collect();
        let out = super::map(&items, 3, |&i| {
            assert!(i != 7, "boom");
            i * 2
        });
        assert_eq!(out.len(), 20);
        assert_eq!(out[7], None);
        assert_eq!(out[19], Some(38));
        assert!(super::map(&[] as &[u8], 4, |_| ()).is_empty());
    }
}
