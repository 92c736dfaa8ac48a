//! Property tests: PEP 440 ordering is a total order, and OSV range evaluation agrees with a
//! naive interval check.

use std::cmp::Ordering;

use pep440_rs::Version;
use proptest::prelude::*;
use pyward_advisory::QueryVersion;
use pyward_advisory::version::{Affected, Event, Range};

/// PEP 440 version strings with epochs, pre/post/dev releases and local labels.
fn version_text() -> impl Strategy<Value = String> {
    (
        prop::option::weighted(0.1, 1u8..3),
        prop::collection::vec(0u16..4, 1..4),
        prop::option::of((prop::sample::select(vec!["a", "b", "rc"]), 0u8..3)),
        prop::option::weighted(0.3, 0u8..3),
        prop::option::weighted(0.2, 0u8..3),
        prop::option::weighted(0.1, prop::sample::select(vec!["local", "ubuntu1", "7"])),
    )
        .prop_map(|(epoch, release, pre, post, dev, local)| {
            let mut s = String::new();
            if let Some(e) = epoch {
                s.push_str(&format!("{e}!"));
            }
            let rel: Vec<String> = release.iter().map(u16::to_string).collect();
            s.push_str(&rel.join("."));
            if let Some((kind, n)) = pre {
                s.push_str(&format!("{kind}{n}"));
            }
            if let Some(n) = post {
                s.push_str(&format!(".post{n}"));
            }
            if let Some(n) = dev {
                s.push_str(&format!(".dev{n}"));
            }
            if let Some(l) = local {
                s.push_str(&format!("+{l}"));
            }
            s
        })
}

fn public_version_text() -> impl Strategy<Value = String> {
    version_text().prop_map(|s| s.split('+').next().unwrap_or_default().to_owned())
}

fn v(s: &str) -> Version {
    s.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn ordering_is_antisymmetric_and_transitive(a in version_text(), b in version_text(), c in version_text()) {
        let (va, vb, vc) = (v(&a), v(&b), v(&c));
        prop_assert_eq!(va.cmp(&vb), vb.cmp(&va).reverse());
        prop_assert_eq!(va.cmp(&vb) == Ordering::Equal, va == vb);
        if va <= vb && vb <= vc {
            prop_assert!(va <= vc);
        }
        // Normalisation round-trips.
        prop_assert_eq!(v(&va.to_string()), va);
    }

    /// Builds disjoint half-open intervals from sorted distinct bounds, emits them as events in
    /// shuffled order (optionally the last one open-ended or closed with `last_affected`), and
    /// checks membership against the intervals directly.
    #[test]
    fn range_membership_matches_intervals(
        bounds in prop::collection::btree_set(public_version_text().prop_map(|s| v(&s)), 1..8),
        open_end in any::<bool>(),
        last_inclusive in any::<bool>(),
        probe in public_version_text(),
        shuffle_seed in any::<u64>(),
    ) {
        // Deduplicate by PEP 440 equality (BTreeSet already used Ord).
        let bounds: Vec<Version> = bounds.into_iter().collect();
        let mut events = Vec::new();
        let mut intervals: Vec<(Version, Option<Version>, bool)> = Vec::new();
        for pair in bounds.chunks(2) {
            let lo = pair[0].clone();
            match pair.get(1) {
                Some(hi) => {
                    let inclusive = last_inclusive && intervals.len() + 1 == bounds.len().div_ceil(2);
                    events.push(Event::Introduced(lo.to_string()));
                    events.push(if inclusive {
                        Event::LastAffected(hi.to_string())
                    } else {
                        Event::Fixed(hi.to_string())
                    });
                    intervals.push((lo, Some(hi.clone()), inclusive));
                }
                None if open_end => {
                    events.push(Event::Introduced(lo.to_string()));
                    intervals.push((lo, None, false));
                }
                None => {}
            }
        }
        // Deterministic shuffle: the evaluator must sort events itself.
        let n = events.len();
        let mut seed = shuffle_seed;
        for i in (1..n).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            events.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let affected = Affected::new(vec![Range::new(events)], vec![]);
        let pv = v(&probe);
        let naive = intervals.iter().any(|(lo, hi, inclusive)| {
            // OSV: `introduced: "0"` means "from the very first version", pre-releases included.
            (pv >= *lo || lo.to_string() == "0") && match hi {
                None => true,
                Some(hi) if *inclusive => pv <= *hi,
                Some(hi) => pv < *hi,
            }
        });
        prop_assert_eq!(affected.contains(&QueryVersion::parse(&probe)), naive);
    }

    /// A version always matches a `versions` list containing any PEP 440-equal spelling of it.
    #[test]
    fn version_list_uses_pep440_equality(text in public_version_text(), zeros in 0usize..3) {
        let padded = {
            let parsed = v(&text);
            let mut release = parsed.release().to_vec();
            release.extend(std::iter::repeat_n(0, zeros));
            parsed.with_release(release).to_string()
        };
        let affected = Affected::new(vec![], vec![padded]);
        prop_assert!(affected.contains(&QueryVersion::parse(&text)));
    }
}
