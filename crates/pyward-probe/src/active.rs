//! The active limit checks (skipped with `--no-active`): a bounded burst to one path, and one
//! body over the size limit. Pure judgements of what the burst and the upload got back.

use pyward_core::Finding;

use crate::checks::finding;
use crate::http::Exchange;
use crate::rules::{PRB_NO_BODY_SIZE_LIMIT, PRB_NO_RATE_LIMIT};

/// The default burst size (`--burst`).
pub const DEFAULT_BURST: usize = 50;
/// The default body limit (`--max-body`): 10 MiB.
pub const DEFAULT_MAX_BODY: u64 = 10 * 1024 * 1024;
/// Requests of a burst in flight at once.
pub const BURST_PARALLEL: usize = 8;

/// What a burst got back: the statuses of the answered requests, and how many failed.
#[derive(Debug, Default, Clone)]
pub struct Burst {
    pub statuses: Vec<u16>,
    pub failed: usize,
}

impl Burst {
    /// Whether the server limited the rate: a 429, or nginx's default 503 after successes.
    pub fn limited(&self) -> bool {
        self.statuses.contains(&429)
            || (self.statuses.contains(&503) && self.statuses.iter().any(|s| *s < 400))
    }
}

/// The burst's finding, or `Err(why)` when it proves nothing (too few answers).
pub fn rate_limit(url: &str, burst: &Burst) -> Result<Option<Finding>, String> {
    if burst.limited() {
        return Ok(None);
    }
    let answered = burst.statuses.len();
    // A burst that mostly failed says nothing either way.
    if answered == 0 || burst.failed * 2 > answered + burst.failed {
        return Err(format!(
            "{} of {} requests of the burst failed",
            burst.failed,
            answered + burst.failed
        ));
    }
    let mut counts = std::collections::BTreeMap::new();
    for s in &burst.statuses {
        *counts.entry(*s).or_insert(0usize) += 1;
    }
    let tally: Vec<String> = counts.iter().map(|(s, n)| format!("{n}×{s}")).collect();
    Ok(Some(
        finding(
            &PRB_NO_RATE_LIMIT,
            format!(
                "a burst of {answered} requests was never limited (answers: {}; no 429)",
                tally.join(", ")
            ),
            url,
            5,
        )
        .with_key("burst"),
    ))
}

/// The answer to a body of `size` bytes (one over the limit).
pub fn body_limit(ex: &Exchange, size: u64) -> Option<Finding> {
    if ex.status == 413 {
        return None;
    }
    Some(
        finding(
            &PRB_NO_BODY_SIZE_LIMIT,
            format!(
                "a {} body was answered {} instead of 413",
                size_text(size),
                ex.status
            ),
            &ex.url,
            5,
        )
        .with_key("max-body"),
    )
}

/// `10 MiB + 1 byte`, `1048577 bytes`.
fn size_text(size: u64) -> String {
    let mib = 1024 * 1024;
    if size > mib && (size - 1).is_multiple_of(mib) {
        format!("{} MiB + 1 byte", (size - 1) / mib)
    } else {
        format!("{size}-byte")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_verdicts() {
        let b = |s: &[u16], failed| Burst {
            statuses: s.to_vec(),
            failed,
        };
        assert!(
            rate_limit("http://a/", &b(&[200, 200, 429], 0))
                .unwrap()
                .is_none()
        );
        assert!(
            rate_limit("http://a/", &b(&[200, 503, 503], 0))
                .unwrap()
                .is_none()
        );
        let f = rate_limit("http://a/", &b(&[200; 50], 0)).unwrap().unwrap();
        assert!(f.message.contains("50×200"), "{}", f.message);
        // 503 only is an overloaded or broken server, not a rate limit.
        assert!(
            rate_limit("http://a/", &b(&[503; 10], 0))
                .unwrap()
                .is_some()
        );
        assert!(rate_limit("http://a/", &b(&[200; 10], 40)).is_err());
        assert!(rate_limit("http://a/", &b(&[], 0)).is_err());
        assert_eq!(size_text(10 * 1024 * 1024 + 1), "10 MiB + 1 byte");
    }
}
