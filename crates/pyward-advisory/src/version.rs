//! PEP 440 / PEP 503 matching of versions against OSV `ECOSYSTEM` ranges and `versions` lists.

use std::cmp::Ordering;
use std::str::FromStr;

use pep440_rs::Version;
use serde::{Deserialize, Serialize};

pub use pyward_core::normalize_package_name as normalize_name;

/// Parses a PEP 440 version (normalising spelling such as `1.0-alpha2` → `1.0a2`).
pub fn parse_version(text: &str) -> Option<Version> {
    Version::from_str(text.trim()).ok()
}

/// A version as queried: PEP 440 when it parses, else the raw string (matched only by exact
/// string against explicit `versions` lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryVersion {
    Pep440 {
        raw: String,
        /// The version without its local label (`+cu118`): range comparisons use this, so a
        /// local build is treated like the upstream release it was built from.
        public: Version,
        /// Canonical keys the version matches in a `versions` list.
        keys: Vec<String>,
    },
    Other(String),
}

impl QueryVersion {
    pub fn parse(text: &str) -> QueryVersion {
        match parse_version(text) {
            Some(v) => {
                let mut keys = vec![version_key(&v)];
                if v.is_local() {
                    keys.push(version_key(&v.clone().without_local()));
                }
                keys.push(raw_key(text.trim()));
                QueryVersion::Pep440 {
                    raw: text.trim().to_owned(),
                    public: v.without_local(),
                    keys,
                }
            }
            None => QueryVersion::Other(text.trim().to_owned()),
        }
    }

    /// The PEP 440 version (without local label), if any.
    pub fn pep440(&self) -> Option<&Version> {
        match self {
            QueryVersion::Pep440 { public, .. } => Some(public),
            QueryVersion::Other(_) => None,
        }
    }
}

/// Canonical key for a PEP 440 version: normalised text with trailing zero release segments
/// removed, so `1.0`, `1.0.0` and `1` share a key (they are equal under PEP 440).
fn version_key(v: &Version) -> String {
    let release = v.release();
    let keep = release.iter().rposition(|&n| n != 0).map_or(1, |i| i + 1);
    if keep >= release.len() {
        format!("p{v}")
    } else {
        let trimmed: Vec<u64> = release[..keep].to_vec();
        format!("p{}", v.clone().with_release(trimmed))
    }
}

/// Key of a version string that is not PEP 440: compared verbatim.
fn raw_key(text: &str) -> String {
    format!("s{text}")
}

/// One OSV range event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event<S = String> {
    Introduced(S),
    Fixed(S),
    LastAffected(S),
    Limit(S),
}

impl<S: AsRef<str>> Event<S> {
    /// The event's version text.
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => {
                v.as_ref()
            }
        }
    }
}

/// An OSV `ECOSYSTEM` range: its events, sorted by version (stable for equal versions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range<S = String> {
    pub events: Vec<Event<S>>,
}

impl Range<String> {
    /// A range from events in any order; sorts them by version as OSV prescribes. `introduced: 0`
    /// sorts first; events whose version is not PEP 440 go last and are ignored when matching.
    pub fn new(mut events: Vec<Event<String>>) -> Range<String> {
        events.sort_by(|a, b| cmp_event_versions(a.version(), b.version()));
        Range { events }
    }
}

fn cmp_event_versions(a: &str, b: &str) -> Ordering {
    match (parse_version(a), parse_version(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl<S: AsRef<str>> Range<S> {
    /// Whether `v` lies in the range, per the OSV evaluation algorithm: walking the sorted
    /// events, `introduced <= v` turns affected on, `fixed <= v` and `last_affected < v` turn it
    /// off; if there are `limit` events, `v` must also be below one of them.
    pub fn contains(&self, v: &Version) -> bool {
        self.contains_by(v, &mut |text| parse_version(text))
    }

    /// [`Range::contains`] with event versions parsed by `parse` (e.g. through a cache shared
    /// by many queries).
    pub fn contains_by(
        &self,
        v: &Version,
        parse: &mut impl FnMut(&str) -> Option<Version>,
    ) -> bool {
        let mut parse_version = |text: &str| parse(text);
        let mut affected = false;
        let mut has_limit = false;
        let mut below_limit = false;
        for event in &self.events {
            let text = event.version();
            match event {
                Event::Introduced(_) => {
                    if text == "0" || parse_version(text).is_some_and(|e| *v >= e) {
                        affected = true;
                    }
                }
                Event::Fixed(_) => {
                    if parse_version(text).is_some_and(|e| *v >= e) {
                        affected = false;
                    }
                }
                Event::LastAffected(_) => {
                    if parse_version(text).is_some_and(|e| *v > e) {
                        affected = false;
                    }
                }
                Event::Limit(_) => {
                    has_limit = true;
                    if text == "*" || parse_version(text).is_some_and(|e| *v < e) {
                        below_limit = true;
                    }
                }
            }
        }
        affected && (!has_limit || below_limit)
    }
}

/// What one advisory says is affected for one package: ranges and an explicit version list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affected<S = String> {
    ranges: Vec<Range<S>>,
    versions: Vec<S>,
    /// Sorted, deduplicated canonical keys of `versions`, for fast membership tests.
    version_keys: Vec<S>,
}

impl Affected<String> {
    /// Builds the matcher data (sorts range events, indexes the version list).
    pub fn new(ranges: Vec<Range<String>>, versions: Vec<String>) -> Affected<String> {
        let mut version_keys: Vec<String> = versions
            .iter()
            .map(|v| match parse_version(v) {
                Some(parsed) => version_key(&parsed),
                None => raw_key(v.trim()),
            })
            .collect();
        version_keys.sort();
        version_keys.dedup();
        let ranges = ranges.into_iter().map(|r| Range::new(r.events)).collect();
        Affected {
            ranges,
            versions,
            version_keys,
        }
    }
}

impl<S: AsRef<str>> Affected<S> {
    pub fn ranges(&self) -> &[Range<S>] {
        &self.ranges
    }

    /// The explicit `versions` list, as written in the advisory.
    pub fn versions(&self) -> &[S] {
        &self.versions
    }

    /// Whether the version is affected: listed in `versions`, or inside any range. A version
    /// that is not PEP 440 only matches the list, by exact string.
    pub fn contains(&self, version: &QueryVersion) -> bool {
        self.contains_by(version, &mut |text| parse_version(text))
    }

    /// [`Affected::contains`] with event versions parsed by `parse`.
    pub fn contains_by(
        &self,
        version: &QueryVersion,
        parse: &mut impl FnMut(&str) -> Option<Version>,
    ) -> bool {
        match version {
            QueryVersion::Pep440 { public, keys, .. } => {
                keys.iter().any(|k| self.has_key(k))
                    || self.ranges.iter().any(|r| r.contains_by(public, parse))
            }
            QueryVersion::Other(raw) => self.has_key(&raw_key(raw)),
        }
    }

    fn has_key(&self, key: &str) -> bool {
        self.version_keys
            .binary_search_by(|k| k.as_ref().cmp(key))
            .is_ok()
    }

    /// Versions of the `fixed` events, in range order.
    pub fn fixed_versions(&self) -> impl Iterator<Item = &str> {
        self.ranges.iter().flat_map(|r| {
            r.events.iter().filter_map(|e| match e {
                Event::Fixed(v) => Some(v.as_ref()),
                _ => None,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: &str) -> QueryVersion {
        QueryVersion::parse(v)
    }

    fn s(v: &str) -> String {
        v.to_owned()
    }

    #[test]
    fn pep503_names() {
        assert_eq!(normalize_name("Django"), "django");
        assert_eq!(normalize_name("zope.interface"), "zope-interface");
        assert_eq!(normalize_name("Foo__Bar-._baz"), "foo-bar-baz");
        assert_eq!(normalize_name(" Pillow "), "pillow");
    }

    #[test]
    fn ranges_with_several_intervals() {
        let a = Affected::new(
            vec![Range::new(vec![
                Event::Fixed(s("2.2.5")),
                Event::Introduced(s("0")),
                Event::Introduced(s("3.0")),
                Event::Fixed(s("3.0.4")),
                Event::Introduced(s("4.0a1")),
                Event::LastAffected(s("4.1")),
            ])],
            vec![],
        );
        for (v, want) in [
            ("0.1", true),
            ("2.2.4", true),
            ("2.2.5", false),
            ("2.9", false),
            ("3.0.0", true),
            ("3.0.4", false),
            ("4.0a1", true),
            ("4.0.dev1", false),
            ("4.1", true),
            ("4.1.0+local", true),
            ("4.1.post1", false),
            ("1!0.1", false),
        ] {
            assert_eq!(a.contains(&q(v)), want, "{v}");
        }
        assert_eq!(a.fixed_versions().collect::<Vec<_>>(), ["2.2.5", "3.0.4"]);
    }

    #[test]
    fn limit_events_bound_the_range() {
        let a = Affected::new(
            vec![Range::new(vec![
                Event::Introduced(s("1.0")),
                Event::Limit(s("2.0")),
            ])],
            vec![],
        );
        assert!(!a.contains(&q("0.9")));
        assert!(a.contains(&q("1.5")));
        assert!(!a.contains(&q("2.0")));
    }

    #[test]
    fn version_list_matches_pep440_equality_and_raw_strings() {
        let a = Affected::new(
            vec![],
            vec![s("1.0"), s("0.7.10p1"), s("2.0.0-final"), s("1.4.0-alpha2")],
        );
        assert!(a.contains(&q("1.0.0")));
        assert!(a.contains(&q("1")));
        assert!(a.contains(&q("1.0+ubuntu1")));
        assert!(a.contains(&q("1.4.0a2")));
        assert!(a.contains(&q("0.7.10p1")));
        assert!(a.contains(&q("2.0.0-final")));
        assert!(matches!(q("2.0.0-final"), QueryVersion::Other(_)));
        assert!(!a.contains(&q("2.0.0")));
        assert!(!a.contains(&q("0.7.10")));
        assert!(!a.contains(&q("1.0.1")));
    }

    #[test]
    fn non_pep440_query_never_matches_ranges() {
        let a = Affected::new(vec![Range::new(vec![Event::Introduced(s("0"))])], vec![]);
        assert!(a.contains(&q("5.0")));
        assert!(!a.contains(&q("not-a-version")));
    }
}
