//! Counting helpers shared by the emitters.

use pyward_core::{ConfigOrigin, Finding, Report, Severity};
use serde::{Deserialize, Serialize};

/// Findings per severity. Serialized with the most severe level first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
    pub unknown: usize,
}

impl SeverityCounts {
    /// Counts the severities of `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> SeverityCounts {
        let mut counts = SeverityCounts::default();
        for f in findings {
            *counts.slot(f.severity) += 1;
        }
        counts
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &SeverityCounts) {
        for s in DESCENDING {
            *self.slot(s) += other.get(s);
        }
    }

    fn slot(&mut self, severity: Severity) -> &mut usize {
        match severity {
            Severity::Critical => &mut self.critical,
            Severity::High => &mut self.high,
            Severity::Medium => &mut self.medium,
            Severity::Low => &mut self.low,
            Severity::Info => &mut self.info,
            Severity::Unknown => &mut self.unknown,
        }
    }

    /// The count for one severity.
    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
            Severity::Unknown => self.unknown,
        }
    }

    pub fn total(&self) -> usize {
        self.critical + self.high + self.medium + self.low + self.info + self.unknown
    }

    /// Non-zero counts, most severe first.
    pub fn non_zero(&self) -> impl Iterator<Item = (Severity, usize)> + '_ {
        DESCENDING
            .into_iter()
            .map(|s| (s, self.get(s)))
            .filter(|(_, n)| *n > 0)
    }
}

/// Severities from most to least severe, the order every emitter lists them in.
pub(crate) const DESCENDING: [Severity; 6] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
    Severity::Unknown,
];

/// `1 finding`, `2 findings`.
pub(crate) fn plural(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// The one-line summary: `Found 3 findings (1 critical, 2 high) in 4 inputs; 1 error.` or
/// `No findings in 4 inputs.`
pub(crate) fn summary_line(report: &Report) -> String {
    let counts = SeverityCounts::of(&report.findings);
    let inputs = plural(report.inputs.len(), "input", "inputs");
    let mut line = if counts.total() == 0 {
        format!("No findings in {inputs}")
    } else {
        let by: Vec<String> = counts
            .non_zero()
            .map(|(s, n)| format!("{n} {}", s.as_str()))
            .collect();
        format!(
            "Found {} ({}) in {inputs}",
            plural(counts.total(), "finding", "findings"),
            by.join(", ")
        )
    };
    let mut extra = Vec::new();
    if !report.errors.is_empty() {
        extra.push(plural(report.errors.len(), "error", "errors"));
    }
    if !report.warnings.is_empty() {
        extra.push(plural(report.warnings.len(), "warning", "warnings"));
    }
    if !report.suppressed.is_empty() {
        extra.push(format!("{} suppressed", report.suppressed.len()));
    }
    let baselined = crate::areas::baselined(report);
    if baselined > 0 {
        extra.push(format!("{baselined} in the baseline not shown"));
    }
    let hidden = report.test_findings_hidden();
    if hidden > 0 {
        let what = plural(hidden as usize, "finding", "findings");
        extra.push(format!(
            "{what} in tests, examples and dev/CI files not shown (--include-tests)"
        ));
    }
    if !extra.is_empty() {
        line.push_str("; ");
        line.push_str(&extra.join(", "));
    }
    line.push('.');
    line
}

/// `Config: pyproject.toml (discovered)`, above the summary, when the run read a config file or
/// was told to ignore them; nothing for a run on defaults with no file around.
pub(crate) fn config_line(report: &Report) -> Option<String> {
    let config = report.config.as_ref()?;
    match (&config.path, config.origin) {
        (Some(path), origin) => Some(format!("Config: {path} ({})", origin.describe())),
        (None, ConfigOrigin::Default) => None,
        (None, origin) => Some(format!("Config: none ({})", origin.describe())),
    }
}

/// `django==3.2.0` for a dependency finding, `django` without a version, `None` otherwise.
pub(crate) fn package_label(finding: &Finding) -> Option<String> {
    let package = finding.location.package.as_deref()?;
    Some(match finding.location.version.as_deref() {
        Some(v) => format!("{package}=={v}"),
        None => package.to_string(),
    })
}

/// Whether the finding's message starts with its package's name (most dependency messages do),
/// so a `package==version` prefix would say it twice.
pub(crate) fn message_names_package(finding: &Finding) -> bool {
    finding
        .location
        .package
        .as_deref()
        .is_some_and(|name| finding.message.starts_with(name))
}

/// Where a finding is, for people: `path:line:col`, the URL or the host; `package==version`
/// for a dependency finding with no file. The flag says whether the label is the package.
pub(crate) fn location_label(finding: &Finding) -> (String, bool) {
    let loc = &finding.location;
    if loc.path.is_none()
        && loc.url.is_none()
        && loc.host.is_none()
        && let Some(pkg) = package_label(finding)
    {
        return (pkg, true);
    }
    (loc.display(), false)
}

/// The advisory ID of a dependency finding, if any.
pub(crate) fn advisory_id(finding: &Finding) -> Option<&str> {
    finding.advisory.as_deref().map(|a| a.id.as_str())
}

/// The advisory aliases of a dependency finding.
pub(crate) fn advisory_aliases(finding: &Finding) -> Vec<&str> {
    finding
        .advisory
        .as_deref()
        .map(|a| a.aliases.iter().map(String::as_str).collect())
        .unwrap_or_default()
}
