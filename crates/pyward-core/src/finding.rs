//! Findings: what every analyzer reports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::identity::Identity;
use crate::rule::RuleMeta;
use crate::severity::{Confidence, Severity};

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A region of a text file, 1-based and inclusive of `start`, exclusive of `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    /// A span covering a whole line (column 1 to the start of the next line).
    pub fn line(line: u32) -> Span {
        Span {
            start: Position { line, column: 1 },
            end: Position {
                line: line + 1,
                column: 1,
            },
        }
    }

    /// A span on one line from `column` (1-based) for `len` characters.
    pub fn on_line(line: u32, column: u32, len: u32) -> Span {
        Span {
            start: Position { line, column },
            end: Position {
                line,
                column: column + len,
            },
        }
    }
}

/// Where a finding is.
///
/// A finding in a file carries `path` (relative to the scan root where possible, `/`-separated)
/// and usually a `span`. A dependency finding also names the `package` and `version` the manifest
/// line brought in. Live checks use `url` or `host` instead of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

impl Location {
    pub fn file(path: impl Into<String>, span: Option<Span>) -> Location {
        Location {
            path: Some(path.into()),
            span,
            ..Location::default()
        }
    }

    pub fn url(url: impl Into<String>) -> Location {
        Location {
            url: Some(url.into()),
            ..Location::default()
        }
    }

    pub fn host(host: impl Into<String>) -> Location {
        Location {
            host: Some(host.into()),
            ..Location::default()
        }
    }

    pub fn with_package(mut self, package: impl Into<String>, version: Option<String>) -> Self {
        self.package = Some(package.into());
        self.version = version;
        self
    }

    /// The 1-based start line, if any.
    pub fn line(&self) -> Option<u32> {
        self.span.map(|s| s.start.line)
    }

    /// A short human form: `path:line:col`, the URL or the host.
    pub fn display(&self) -> String {
        match (&self.path, &self.span, &self.url, &self.host) {
            (Some(p), Some(s), _, _) => format!("{p}:{}:{}", s.start.line, s.start.column),
            (Some(p), None, _, _) => p.clone(),
            (None, _, Some(u), _) => u.clone(),
            (None, _, None, Some(h)) => h.clone(),
            _ => String::from("<unknown>"),
        }
    }
}

/// One text replacement in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub path: String,
    pub span: Span,
    pub replacement: String,
}

/// How to resolve a finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What to do, for people: "upgrade django to 4.2.16".
    pub description: String,
    /// Text edits that apply the fix, when it can be applied mechanically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
    /// A command that applies the fix (e.g. `uv lock --upgrade-package django`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

/// One result of an analyzer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's stable code, e.g. `DEP001`.
    pub code: String,
    /// The rule's kebab-case name, e.g. `vulnerable-dependency`.
    pub name: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    pub location: Location,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The advisory a dependency finding reports (`DEP001`), typed. Serialized as the finding's
    /// top-level `advisory` object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisory: Option<Box<AdvisoryRef>>,
    /// Free, analyzer-specific data. Documented per analyzer in `docs/json-output.md`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// What identifies the finding across runs beyond its rule and place (the source snippet, a
    /// check key, the hash of a secret). Never serialized: it may be derived from secret-bearing
    /// source text; [`crate::fingerprint`] hashes it.
    #[serde(skip)]
    pub identity: Identity,
}

/// The advisory behind a dependency finding: what `pyward-deps` knows about it when it reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdvisoryRef {
    /// The advisory ID, e.g. `PYSEC-2024-1`.
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// Every version the advisory lists as fixed, in the advisory's order.
    #[serde(default)]
    pub fixed_versions: Vec<String>,
    /// Reference URLs.
    #[serde(default)]
    pub references: Vec<String>,
    /// The preferred CVSS vector and pyward's score for it.
    #[serde(default)]
    pub cvss: Option<CvssRef>,
    /// The ID of the record the CVSS (and so the finding's severity) came from.
    #[serde(default)]
    pub severity_source: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub modified: String,
}

impl AdvisoryRef {
    /// The advisory ID followed by its aliases.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A CVSS vector with its computed base score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CvssRef {
    /// OSV's severity type, e.g. `CVSS_V3`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The vector string, e.g. `CVSS:3.1/AV:N/...`.
    pub vector: String,
    /// The base score, when the vector parsed.
    #[serde(default)]
    pub score: Option<f64>,
}

impl Finding {
    /// A finding of `rule` with the rule's default severity and confidence.
    pub fn new(rule: &RuleMeta, message: impl Into<String>, location: Location) -> Finding {
        Finding {
            code: rule.code.to_string(),
            name: rule.name.to_string(),
            severity: rule.severity,
            confidence: rule.confidence,
            message: message.into(),
            location,
            fix: None,
            advisory: None,
            metadata: BTreeMap::new(),
            identity: Identity::default(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_advisory(mut self, advisory: AdvisoryRef) -> Self {
        self.advisory = Some(Box::new(advisory));
        self
    }

    /// Sets the stable key of a finding that has no source snippet (e.g. the header a live
    /// check inspected), see [`Identity::key`].
    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.identity.key = Some(key.into());
        self
    }

    pub fn with_meta(mut self, key: &str, value: impl Serialize) -> Self {
        // Serializing plain data into a `Value` cannot fail; fall back to null defensively.
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        self.metadata.insert(key.to_string(), value);
        self
    }

    /// Marks the finding as being in test code (`"test_code": true` in its metadata).
    pub fn in_test_code(self) -> Self {
        self.with_meta(TEST_CODE, true)
    }

    /// Whether the finding was marked as being in test code.
    pub fn is_test_code(&self) -> bool {
        self.metadata.get(TEST_CODE) == Some(&serde_json::Value::Bool(true))
    }

    /// The key findings are sorted by: location first, then rule code, then message.
    pub fn sort_key(&self) -> (&Location, &str, &str) {
        (&self.location, &self.code, &self.message)
    }
}

/// An input that could not be analyzed. The scan carries on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ScanError {
    /// The file (or URL) that failed.
    pub path: String,
    pub message: String,
}

/// A finding that was not reported because of a suppression, kept for `--show-suppressed` and
/// for counting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
    /// Where the suppression was written: a comment in the analysed file, or the configuration.
    #[serde(default)]
    pub kind: SuppressionKind,
}

/// Where a suppression comes from (SARIF's `suppression.kind`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// A comment in the analysed file (`# nosec`, `# pyward: ignore[…]`, `# noqa`).
    #[default]
    InSource,
    /// An `ignore` entry in the configuration.
    External,
}

/// Which configuration a run used, reported so CI logs show whether a pull request's own
/// `[tool.pyward]` was in effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigUsed {
    /// The file, relative to the current directory where possible; `None` for the defaults.
    pub path: Option<String>,
    /// How it was chosen.
    pub origin: ConfigOrigin,
}

/// How the configuration of a run was chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfigOrigin {
    /// No file found: built-in defaults.
    #[default]
    Default,
    /// Found by walking up from the scanned path.
    Discovered,
    /// `--config FILE`.
    Flag,
    /// The `PYWARD_CONFIG` environment variable.
    Env,
    /// `--isolated`: every configuration file ignored.
    Isolated,
}

impl ConfigOrigin {
    /// How the origin reads in text output.
    pub fn describe(self) -> &'static str {
        match self {
            ConfigOrigin::Default => "defaults, no config file found",
            ConfigOrigin::Discovered => "discovered",
            ConfigOrigin::Flag => "--config",
            ConfigOrigin::Env => "PYWARD_CONFIG",
            ConfigOrigin::Isolated => "--isolated, config files ignored",
        }
    }
}

/// Finding metadata key marking test code.
pub const TEST_CODE: &str = "test_code";
/// Report stats key counting findings hidden in test code.
pub const TEST_FINDINGS_HIDDEN: &str = "test_findings_hidden";

/// The result of one run of one command.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// The command that produced this report (`deps`, `code`, …).
    pub command: String,
    pub findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ScanError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Suppressed>,
    /// Files of this analyzer's kind that the walk left out, with the reason (too large,
    /// outside the root, not a regular file…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<crate::inventory::Skipped>,
    /// Inputs analyzed (files, environments, URLs), relative to the scan root where possible.
    #[serde(default)]
    pub inputs: Vec<String>,
    /// Command-specific summary figures (e.g. `packages`, `advisories`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stats: BTreeMap<String, serde_json::Value>,
    /// The configuration the run used (set by the command line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ConfigUsed>,
    /// The packages a dependency audit read (for SBOM output). Not part of the JSON format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
}

/// A package a dependency audit read from a manifest, lockfile or environment: what an SBOM
/// lists as a component.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Package {
    /// The PEP 503 normalized name.
    pub name: String,
    /// The exact version (locked, installed or pinned); `None` for a declared range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where it comes from: a package index (the only packages with a `pkg:pypi` purl), or a
    /// VCS, URL or local path.
    #[serde(default)]
    pub registry: bool,
    /// The project's own package (a `pyproject.toml` `[project]`), not a dependency.
    #[serde(default)]
    pub project: bool,
    /// A direct dependency of its project.
    #[serde(default)]
    pub direct: bool,
    /// The file it was read from, like finding paths.
    pub manifest: String,
    /// `algo:hex` hashes the file records for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hashes: Vec<String>,
    /// The normalized names of the packages of the same file it depends on, as the file records
    /// them (lockfiles, compiled requirements, environments); empty when the file records no
    /// graph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

impl Report {
    pub fn new(command: impl Into<String>) -> Report {
        Report {
            command: command.into(),
            ..Report::default()
        }
    }

    /// Sorts findings, errors and inputs so output is deterministic whatever the thread order.
    pub fn normalize(&mut self) {
        self.findings.sort_by(|a, b| {
            a.sort_key()
                .partial_cmp(&b.sort_key())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        self.findings.dedup();
        self.errors.sort();
        self.errors.dedup();
        self.inputs.sort();
        self.inputs.dedup();
        self.packages.sort();
        self.packages.dedup();
    }

    /// The test-code policy of one analyzer: marks the findings `applies` selects whose path is
    /// test code per `test_paths` (findings already marked stay marked), counts every marked
    /// finding in `stats["test_findings"]`, then hides them unless `include` (`--include-tests`).
    pub fn apply_test_policy(
        &mut self,
        test_paths: &crate::TestPaths,
        include: bool,
        applies: impl Fn(&Finding) -> bool,
    ) {
        let mut marked = 0usize;
        for f in &mut self.findings {
            if f.is_test_code() {
                marked += 1;
            } else if applies(f)
                && f.location
                    .path
                    .as_deref()
                    .is_some_and(|p| test_paths.is_test(p))
            {
                f.metadata.insert(TEST_CODE.to_string(), true.into());
                marked += 1;
            }
        }
        self.stats.insert("test_findings".into(), marked.into());
        if !include {
            self.hide_test_findings();
        }
    }

    /// Hides findings in test code (those marked with [`Finding::in_test_code`]) and counts
    /// them in `stats["test_findings_hidden"]`: the default test-code policy, shown again with
    /// `--include-tests`. Returns how many were hidden by this call.
    pub fn hide_test_findings(&mut self) -> usize {
        let before = self.findings.len();
        self.findings.retain(|f| !f.is_test_code());
        let hidden = before - self.findings.len();
        let total = self
            .stats
            .get(TEST_FINDINGS_HIDDEN)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
            + hidden as u64;
        self.stats
            .insert(TEST_FINDINGS_HIDDEN.to_string(), total.into());
        hidden
    }

    /// How many findings [`Report::hide_test_findings`] hid.
    pub fn test_findings_hidden(&self) -> u64 {
        self.stats
            .get(TEST_FINDINGS_HIDDEN)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
    }

    /// The highest severity among findings, with unknown mapped to `unknown_as`.
    pub fn max_severity(&self, unknown_as: Severity) -> Option<Severity> {
        self.findings
            .iter()
            .map(|f| f.severity.effective(unknown_as))
            .max()
    }
}
