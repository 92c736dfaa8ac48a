//! The compact advisory pyward matches and reports, and the version algorithms over it.

use std::str::FromStr;

use pep440_rs::{Operator, Version, VersionSpecifiers};
use pyward_core::Severity;
use serde::{Deserialize, Serialize};

use crate::osv::{OsvRecord, OsvSeverity};
use crate::version::{Affected, Event, QueryVersion, Range, normalize_name, parse_version};

/// Per-package parts gathered from an OSV record: name, ranges, versions, severities.
type PackageParts<'a> = (String, Vec<Range>, Vec<String>, Vec<&'a OsvSeverity>);

/// A CVSS vector attached to an advisory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvssVector {
    /// OSV severity type, e.g. `CVSS_V3`.
    pub kind: String,
    /// The vector string, e.g. `CVSS:3.1/AV:N/...`.
    pub vector: String,
}

/// One advisory as it applies to one package: what matching and reporting need.
///
/// An OSV record that names several PyPI packages yields one `Advisory` per package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    // `affected` and `withdrawn` come first: the query path decodes only this prefix.
    /// Ranges and explicit versions (all `affected[]` entries of this package merged).
    pub affected: Affected,
    /// Withdrawal timestamp, if the advisory was withdrawn.
    pub withdrawn: Option<String>,
    pub id: String,
    /// The PEP 503-normalised package name.
    pub package: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub details: String,
    pub modified: String,
    pub published: Option<String>,
    pub cvss: Vec<CvssVector>,
    /// CVSS base score of the preferred vector (v4 over v3 over v2), if one parsed.
    pub cvss_score: Option<f64>,
    /// Severity from `cvss_score`; `Unknown` without a usable vector.
    pub severity: Severity,
    /// Reference URLs.
    pub references: Vec<String>,
    /// The id of the record the CVSS vectors (and so `severity`) came from: this advisory's own
    /// id, or the id of an alias's record when this one has no usable CVSS and an alias does
    /// (e.g. a PYSEC record scored through its GHSA alias). `None` when the severity is unknown.
    pub severity_source: Option<String>,
}

impl Advisory {
    /// The compact advisories of an OSV record: one per PyPI package it affects (only
    /// `ECOSYSTEM` ranges are kept). Also returns the event versions that are not PEP 440.
    pub fn from_osv(record: &OsvRecord) -> (Vec<Advisory>, Vec<String>) {
        let mut bad_events = Vec::new();
        let mut by_package: Vec<PackageParts<'_>> = Vec::new();
        for affected in &record.affected {
            let Some(package) = &affected.package else {
                continue;
            };
            if package.ecosystem != "PyPI" {
                continue;
            }
            let name = normalize_name(&package.name);
            let idx = match by_package.iter().position(|(n, ..)| *n == name) {
                Some(i) => i,
                None => {
                    by_package.push((name, Vec::new(), Vec::new(), Vec::new()));
                    by_package.len() - 1
                }
            };
            let entry = &mut by_package[idx];
            for range in affected.ranges.iter().filter(|r| r.kind == "ECOSYSTEM") {
                let mut events = Vec::new();
                for e in &range.events {
                    let event = if let Some(v) = &e.introduced {
                        Event::Introduced(v.clone())
                    } else if let Some(v) = &e.fixed {
                        Event::Fixed(v.clone())
                    } else if let Some(v) = &e.last_affected {
                        Event::LastAffected(v.clone())
                    } else if let Some(v) = &e.limit {
                        Event::Limit(v.clone())
                    } else {
                        continue;
                    };
                    let text = event.version();
                    if !(text == "0" || text == "*" || parse_version(text).is_some()) {
                        bad_events.push(text.to_owned());
                    }
                    events.push(event);
                }
                entry.1.push(Range::new(events));
            }
            entry.2.extend(affected.versions.iter().cloned());
            entry.3.extend(affected.severity.iter());
        }

        let advisories = by_package
            .into_iter()
            .map(|(package, ranges, versions, pkg_severity)| {
                let cvss: Vec<CvssVector> = record
                    .severity
                    .iter()
                    .chain(pkg_severity)
                    .filter(|s| s.kind.starts_with("CVSS"))
                    .map(|s| CvssVector {
                        kind: s.kind.clone(),
                        vector: s.score.clone(),
                    })
                    .collect();
                let cvss_score = preferred_score(&cvss);
                Advisory {
                    affected: Affected::new(ranges, versions),
                    withdrawn: record.withdrawn.clone(),
                    id: record.id.clone(),
                    package,
                    aliases: record.aliases.clone(),
                    summary: record.summary.clone(),
                    details: record.details.clone().unwrap_or_default(),
                    modified: record.modified.clone(),
                    published: record.published.clone(),
                    cvss,
                    cvss_score,
                    severity: cvss_score.map_or(Severity::Unknown, Severity::from_cvss_score),
                    references: record.references.iter().map(|r| r.url.clone()).collect(),
                    severity_source: cvss_score.map(|_| record.id.clone()),
                }
            })
            .collect();
        (advisories, bad_events)
    }

    /// Takes the CVSS vectors, score and severity of `other` (an alias's advisory), recording
    /// where they came from.
    pub(crate) fn borrow_severity(&mut self, other: &Advisory) {
        self.cvss = other.cvss.clone();
        self.cvss_score = other.cvss_score;
        self.severity = other.severity;
        self.severity_source = Some(other.id.clone());
    }

    /// Whether `version` is affected (in the `versions` list or any range). This ignores
    /// withdrawal; [`crate::Database::query`] is what excludes withdrawn advisories.
    pub fn affected(&self, version: &str) -> bool {
        self.affected.contains(&QueryVersion::parse(version))
    }

    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn.is_some()
    }

    /// Versions of the `fixed` events.
    pub fn fixed_versions(&self) -> Vec<&str> {
        self.affected.fixed_versions().collect()
    }

    /// A one-line title: the summary, else the first sentence of the details (at most 120
    /// characters).
    pub fn title(&self) -> String {
        if let Some(s) = self.summary.as_deref().filter(|s| !s.trim().is_empty()) {
            return s.trim().to_owned();
        }
        let text = self
            .details
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let sentence = match text.find(". ") {
            Some(i) => &text[..=i],
            None => text.as_str(),
        };
        if sentence.chars().count() > 120 {
            let cut: String = sentence.chars().take(119).collect();
            format!("{}…", cut.trim_end())
        } else {
            sentence.to_owned()
        }
    }
}

/// CVSS base score of a vector string (`CVSS:3.x/...`, `CVSS:4.0/...`, or a bare v2 vector).
pub fn cvss_score(vector: &str) -> Option<f64> {
    let vector = vector.trim();
    let score = if vector.starts_with("CVSS:4") {
        cvss::v4::Vector::from_str(vector).ok()?.score().value()
    } else if vector.starts_with("CVSS:3") {
        cvss::v3::Vector::from_str(vector).ok()?.score().value()
    } else {
        let bare = vector.strip_prefix("CVSS:2.0/").unwrap_or(vector);
        cvss::v2::Vector::from_str(bare).ok()?.score().value()
    };
    score.is_finite().then_some(score)
}

/// Severity of a CVSS vector; `Unknown` when it does not parse.
pub fn cvss_severity(vector: &str) -> Severity {
    cvss_score(vector).map_or(Severity::Unknown, Severity::from_cvss_score)
}

fn preferred_score(vectors: &[CvssVector]) -> Option<f64> {
    ["CVSS_V4", "CVSS_V3", "CVSS_V2"].iter().find_map(|kind| {
        vectors
            .iter()
            .filter(|v| v.kind == *kind)
            .filter_map(|v| cvss_score(&v.vector))
            .reduce(f64::max)
    })
}

/// The smallest version above `current` that none of `advisories` affects, chosen among their
/// `fixed` events; `None` when no fixed version clears them all (or `current` is not PEP 440).
pub fn smallest_fix(advisories: &[Advisory], current: &str) -> Option<String> {
    let current = parse_version(current)?.without_local();
    let mut candidates: Vec<(Version, &str)> = advisories
        .iter()
        .flat_map(|a| a.affected.fixed_versions())
        .filter_map(|f| parse_version(f).map(|v| (v, f)))
        .filter(|(v, _)| *v > current)
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    candidates.dedup_by(|a, b| a.0 == b.0);
    candidates.into_iter().find_map(|(_, text)| {
        let q = QueryVersion::parse(text);
        (!advisories.iter().any(|a| a.affected.contains(&q))).then(|| text.to_owned())
    })
}

/// An affected version that `specifiers` admits, for "the declared range allows a vulnerable
/// version" findings. Candidates are the advisory's explicit `versions`, its `introduced`
/// (other than `0`) and `last_affected` events, and the versions the specifiers themselves name
/// with an inclusive operator (`>=1.2` → `1.2`). Returns the highest admitted affected final
/// release, else the highest admitted affected pre-release.
pub fn specifier_allows_affected(
    advisory: &Advisory,
    specifiers: &VersionSpecifiers,
) -> Option<String> {
    let mut candidates: Vec<(Version, String)> = Vec::new();
    let mut push = |text: &str| {
        if let Some(v) = parse_version(text) {
            candidates.push((v, text.to_owned()));
        }
    };
    for v in advisory.affected.versions() {
        push(v);
    }
    for range in advisory.affected.ranges() {
        for e in &range.events {
            match e {
                Event::Introduced(v) if v != "0" => push(v),
                Event::LastAffected(v) => push(v),
                _ => {}
            }
        }
    }
    for spec in specifiers.iter() {
        if matches!(
            spec.operator(),
            Operator::Equal
                | Operator::ExactEqual
                | Operator::GreaterThanEqual
                | Operator::LessThanEqual
                | Operator::TildeEqual
        ) {
            candidates.push((spec.version().clone(), spec.version().to_string()));
        }
    }
    let admitted = |(v, _): &&(Version, String)| {
        specifiers.contains(v)
            && advisory
                .affected
                .contains(&QueryVersion::parse(&v.to_string()))
    };
    let best = |pre: bool| {
        candidates
            .iter()
            .filter(|(v, _)| (v.any_prerelease()) == pre)
            .filter(admitted)
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, text)| text.clone())
    };
    best(false).or_else(|| best(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adv(ranges: Vec<Range>, versions: &[&str]) -> Advisory {
        Advisory {
            affected: Affected::new(ranges, versions.iter().map(|s| s.to_string()).collect()),
            withdrawn: None,
            id: "TEST-1".into(),
            package: "demo".into(),
            aliases: vec![],
            summary: None,
            details: "Something bad. More text.".into(),
            modified: "2024-01-01T00:00:00Z".into(),
            published: None,
            cvss: vec![],
            cvss_score: None,
            severity: Severity::Unknown,
            references: vec![],
            severity_source: None,
        }
    }

    fn range(events: &[(&str, &str)]) -> Range {
        Range::new(
            events
                .iter()
                .map(|(k, v)| match *k {
                    "i" => Event::Introduced(v.to_string()),
                    "f" => Event::Fixed(v.to_string()),
                    "l" => Event::LastAffected(v.to_string()),
                    _ => Event::Limit(v.to_string()),
                })
                .collect(),
        )
    }

    #[test]
    fn cvss_scores() {
        let v3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        assert_eq!(cvss_score(v3), Some(9.8));
        assert_eq!(cvss_severity(v3), Severity::Critical);
        assert_eq!(
            cvss_severity("CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N"),
            Severity::Low
        );
        let v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        assert_eq!(cvss_score(v4), Some(9.3));
        assert_eq!(cvss_severity("AV:N/AC:L/Au:N/C:P/I:P/A:P"), Severity::High);
        assert_eq!(cvss_severity("CVSS:3.1/garbage"), Severity::Unknown);
        assert_eq!(cvss_severity(""), Severity::Unknown);
    }

    #[test]
    fn smallest_fix_clears_all_advisories() {
        let a = adv(vec![range(&[("i", "0"), ("f", "1.2")])], &[]);
        let b = adv(
            vec![range(&[
                ("i", "1.0"),
                ("f", "1.3"),
                ("i", "2.0"),
                ("f", "2.1"),
            ])],
            &[],
        );
        let c = adv(vec![range(&[("i", "0"), ("l", "3.0")])], &[]);
        assert_eq!(
            smallest_fix(&[a.clone(), b.clone()], "1.1"),
            Some("1.3".into())
        );
        assert_eq!(
            smallest_fix(std::slice::from_ref(&a), "1.1"),
            Some("1.2".into())
        );
        assert_eq!(
            smallest_fix(std::slice::from_ref(&b), "2.0.5"),
            Some("2.1".into())
        );
        assert_eq!(smallest_fix(&[a, b, c], "1.1"), None);
        assert_eq!(smallest_fix(&[], "1.1"), None);
    }

    #[test]
    fn specifier_admitting_affected_versions() {
        let a = adv(
            vec![range(&[
                ("i", "0"),
                ("f", "2.2.5"),
                ("i", "3.0"),
                ("f", "3.0.4"),
            ])],
            &["2.2.3", "2.2.4", "3.0", "3.0.1", "3.0.2", "3.0.3"],
        );
        let spec = |s: &str| VersionSpecifiers::from_str(s).unwrap();
        assert_eq!(
            specifier_allows_affected(&a, &spec(">=2.2")),
            Some("3.0.3".into())
        );
        assert_eq!(
            specifier_allows_affected(&a, &spec(">=2.2,<3")),
            Some("2.2.4".into())
        );
        assert_eq!(specifier_allows_affected(&a, &spec(">=3.0.4")), None);
        assert_eq!(specifier_allows_affected(&a, &spec("~=2.2.5")), None);
        // No versions list: the specifier's own bound is a candidate.
        let b = adv(vec![range(&[("i", "0"), ("f", "1.5")])], &[]);
        assert_eq!(
            specifier_allows_affected(&b, &spec(">=1.1")),
            Some("1.1".into())
        );
        assert_eq!(specifier_allows_affected(&b, &spec(">=1.5")), None);
    }

    #[test]
    fn titles() {
        let mut a = adv(vec![], &[]);
        assert_eq!(a.title(), "Something bad.");
        a.summary = Some("Short summary".into());
        assert_eq!(a.title(), "Short summary");
    }
}
