//! Applying configured ignores (with reasons and expiry dates) to a report.

use jiff::civil::Date;

use crate::finding::{Finding, Report, Suppressed, SuppressionKind};
use crate::names::normalize_package_name;
use crate::project_config::IgnoreEntry;

impl Finding {
    /// The identifiers an ignore entry can name for this finding: the rule code and name, and for
    /// advisory findings the advisory id and its aliases.
    pub fn suppression_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.code.as_str(), self.name.as_str()];
        if let Some(advisory) = &self.advisory {
            ids.extend(advisory.ids());
        }
        ids
    }

    fn matches_ignore(&self, entry: &IgnoreEntry) -> bool {
        let id_matches = self
            .suppression_ids()
            .iter()
            .any(|id| id.eq_ignore_ascii_case(&entry.id));
        let package_matches = entry.package.as_deref().is_none_or(|p| {
            self.location
                .package
                .as_deref()
                .is_some_and(|q| normalize_package_name(q) == normalize_package_name(p))
        });
        id_matches && package_matches
    }
}

impl Report {
    /// Moves findings matched by an active ignore entry into `suppressed`, and adds a warning for
    /// every expired entry (which no longer applies) and every entry that matched nothing.
    pub fn apply_ignores(&mut self, entries: &[IgnoreEntry], today: Date) {
        let mut used = vec![false; entries.len()];
        let findings = std::mem::take(&mut self.findings);
        for finding in findings {
            let hit = entries
                .iter()
                .enumerate()
                .find(|(_, e)| e.is_active(today) && finding.matches_ignore(e));
            match hit {
                Some((i, entry)) => {
                    used[i] = true;
                    let reason = match entry.until {
                        Some(until) => format!("{} (until {until})", entry.reason),
                        None => entry.reason.clone(),
                    };
                    self.suppressed.push(Suppressed {
                        finding,
                        reason,
                        kind: SuppressionKind::External,
                    });
                }
                None => self.findings.push(finding),
            }
        }
        for (entry, used) in entries.iter().zip(used) {
            if !entry.is_active(today) {
                let until = entry.until.map(|d| d.to_string()).unwrap_or_default();
                self.warnings.push(format!(
                    "ignore `{}` expired on {until} and no longer applies (reason was: {})",
                    entry.id, entry.reason
                ));
            } else if !used && self.command == "deps" && looks_like_advisory(&entry.id) {
                self.warnings.push(format!(
                    "ignore `{}` matched no finding; remove it if the advisory no longer applies",
                    entry.id
                ));
            }
        }
    }
}

fn looks_like_advisory(id: &str) -> bool {
    let upper = id.to_ascii_uppercase();
    ["PYSEC-", "CVE-", "GHSA-", "OSV-", "GSD-", "MAL-"]
        .iter()
        .any(|p| upper.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Location, RuleMeta, Severity};

    static RULE: RuleMeta = RuleMeta {
        code: "DEP001",
        name: "vulnerable-dependency",
        analyzer: "deps",
        summary: "",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: None,
        bandit_id: None,
        docs: "",
    };

    fn finding(pkg: &str, id: &str, alias: &str) -> Finding {
        Finding::new(
            &RULE,
            "vulnerable",
            Location::file("requirements.txt", None).with_package(pkg, Some("1.0".into())),
        )
        .with_advisory(crate::AdvisoryRef {
            id: id.into(),
            aliases: vec![alias.into()],
            ..crate::AdvisoryRef::default()
        })
    }

    #[test]
    fn ignores_by_alias_and_package_with_expiry() {
        let mut report = Report::new("deps");
        report.findings = vec![
            finding("Django", "PYSEC-1", "CVE-1"),
            finding("flask", "PYSEC-2", "GHSA-2"),
            finding("jinja2", "PYSEC-3", "CVE-3"),
        ];
        let entries = vec![
            IgnoreEntry {
                id: "cve-1".into(),
                reason: "not reachable".into(),
                until: None,
                package: Some("django".into()),
            },
            IgnoreEntry {
                id: "GHSA-2".into(),
                reason: "old".into(),
                until: Some("2020-01-01".parse().unwrap()),
                package: None,
            },
            IgnoreEntry {
                id: "PYSEC-3".into(),
                reason: "wrong package".into(),
                until: None,
                package: Some("flask".into()),
            },
        ];
        report.apply_ignores(&entries, "2026-01-01".parse().unwrap());
        assert_eq!(report.findings.len(), 2);
        assert_eq!(report.suppressed.len(), 1);
        assert_eq!(report.suppressed[0].reason, "not reachable");
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.contains("expired on 2020-01-01"))
        );
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.contains("`PYSEC-3` matched no finding"))
        );
    }
}
