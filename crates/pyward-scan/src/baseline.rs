//! Baselines: today's findings recorded by fingerprint, so a project adopting pyward sees only
//! what is new.
//!
//! `--write-baseline FILE` records every reported finding; `--baseline FILE` drops the findings
//! whose fingerprint the file holds and counts them. A fingerprint never depends on the line
//! number or the message (see [`pyward_report::fingerprint`]), so moving code, or a later
//! pyward rewording a message, does not bring a baselined finding back. Paths are recorded
//! relative to the repository root, so the file works whichever directory pyward runs from.
//! Fingerprints are compared as a multiset: two identical findings in the baseline cover two,
//! not three.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pyward_core::{Finding, Report};
use serde::{Deserialize, Serialize};

/// The baseline file format version this build writes and reads.
pub const BASELINE_VERSION: u32 = 1;

/// Largest baseline file read (a baseline of a large legacy project is a few MiB).
const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// An error reading a baseline.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid baseline {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The finding's fingerprint: what matching uses.
    pub fingerprint: String,
    /// For people reading the file and for `--verbose`: the rule, where, and what it said.
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default)]
    pub message: String,
}

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    /// The pyward version that wrote it.
    #[serde(default)]
    pub pyward: String,
    pub findings: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaselineOutcome {
    /// Findings dropped because the baseline holds them.
    pub matched: usize,
    /// Baseline entries no finding matched any more (fixed, or their code changed).
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// Records every finding of `report`. `base` is the directory paths are resolved from (the
    /// current directory) and `root` the repository root they are recorded relative to.
    pub fn from_report(report: &Report, version: &str, base: &Path, root: &Path) -> Baseline {
        let mut findings: Vec<Entry> = report
            .findings
            .iter()
            .map(|f| {
                let keyed = rooted(f, base, root);
                Entry {
                    fingerprint: pyward_report::fingerprint(&keyed),
                    code: f.code.clone(),
                    location: Some(keyed.location.display()),
                    message: f.message.clone(),
                }
            })
            .collect();
        findings.sort_by(|a, b| {
            (&a.location, &a.code, &a.fingerprint).cmp(&(&b.location, &b.code, &b.fingerprint))
        });
        Baseline {
            version: BASELINE_VERSION,
            pyward: version.to_string(),
            findings,
        }
    }

    /// Reads a baseline file written by [`Baseline::to_json`].
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let io = |source| BaselineError::Io {
            path: path.to_path_buf(),
            source,
        };
        let bytes = pyward_core::fs::read_bytes(path, MAX_BASELINE_BYTES)
            .map_err(|e| io(std::io::Error::other(e.to_string())))?;
        let invalid = |message: String| BaselineError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let baseline: Baseline = serde_json::from_slice(&bytes).map_err(|e| {
            // serde_json's message names a line and column; it never quotes the input.
            invalid(e.to_string())
        })?;
        if baseline.version != BASELINE_VERSION {
            return Err(invalid(format!(
                "version {} is not supported (this pyward reads version {BASELINE_VERSION})",
                baseline.version
            )));
        }
        Ok(baseline)
    }

    /// The file's contents: pretty JSON, one entry per finding, sorted, so a baseline diffs
    /// well in review.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Drops from `report` every finding the baseline holds (matching fingerprints as a
    /// multiset) and returns how many, with the entries nothing matched.
    pub fn apply(&self, report: &mut Report, base: &Path, root: &Path) -> BaselineOutcome {
        let mut remaining: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for entry in &self.findings {
            remaining
                .entry(entry.fingerprint.as_str())
                .or_default()
                .push(entry);
        }
        let before = report.findings.len();
        report.findings.retain(|f| {
            let print = pyward_report::fingerprint(&rooted(f, base, root));
            match remaining.get_mut(print.as_str()) {
                Some(entries) if !entries.is_empty() => {
                    entries.pop();
                    false
                }
                _ => true,
            }
        });
        let mut stale: Vec<Entry> = remaining
            .into_values()
            .flatten()
            .map(|e| (*e).clone())
            .collect();
        stale.sort_by(|a, b| (&a.location, &a.code).cmp(&(&b.location, &b.code)));
        BaselineOutcome {
            matched: before - report.findings.len(),
            stale,
        }
    }
}

/// `finding` with its path made relative to `root` (resolved from `base`), so its fingerprint
/// is the same from any working directory.
fn rooted(finding: &Finding, base: &Path, root: &Path) -> Finding {
    let mut f = finding.clone();
    if let Some(path) = f.location.path.as_mut() {
        let absolute = pyward_core::fs::lexically_normal(&base.join(&*path));
        if let Ok(rel) = absolute.strip_prefix(root) {
            *path = rel.to_string_lossy().replace('\\', "/");
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyward_core::{Confidence, Location, RuleMeta, Severity, Span};

    static RULE: RuleMeta = RuleMeta {
        code: "PY999",
        name: "test-rule",
        analyzer: "code",
        summary: "A test rule",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: None,
        bandit_id: None,
        docs: "",
    };

    fn report(lines: &[(u32, &str)]) -> Report {
        let mut r = Report::new("code");
        for (line, path) in lines {
            r.findings.push(Finding::new(
                &RULE,
                "bad call",
                Location::file(*path, Some(Span::line(*line))),
            ));
        }
        r
    }

    #[test]
    fn round_trip_keeps_only_new_findings_and_lists_stale_entries() {
        let root = Path::new("/repo");
        let base = Path::new("/repo");
        let old = report(&[(3, "a.py"), (9, "b.py")]);
        let baseline = Baseline::from_report(&old, "0.1.0", base, root);
        let text = baseline.to_json();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        std::fs::write(&file, &text).unwrap();
        let loaded = Baseline::load(&file).unwrap();
        assert_eq!(loaded, baseline);

        // a.py's finding moved down 40 lines; b.py's was fixed; c.py's is new.
        let mut now = report(&[(43, "a.py"), (1, "c.py")]);
        let outcome = loaded.apply(&mut now, base, root);
        assert_eq!(outcome.matched, 1);
        assert_eq!(now.findings.len(), 1);
        assert_eq!(now.findings[0].location.path.as_deref(), Some("c.py"));
        assert_eq!(outcome.stale.len(), 1);
        assert_eq!(outcome.stale[0].location.as_deref(), Some("b.py:9:1"));
    }

    #[test]
    fn paths_are_recorded_from_the_repository_root() {
        let root = Path::new("/repo");
        let written = Baseline::from_report(&report(&[(3, "src/a.py")]), "0", root, root);
        // The same file seen from /repo/src.
        let mut now = report(&[(3, "a.py")]);
        let outcome = written.apply(&mut now, Path::new("/repo/src"), root);
        assert_eq!((outcome.matched, now.findings.len()), (1, 0));
    }

    #[test]
    fn matching_is_a_multiset() {
        let root = Path::new("/r");
        let written = Baseline::from_report(&report(&[(1, "a.py")]), "0", root, root);
        let mut now = report(&[(1, "a.py"), (1, "a.py")]);
        let outcome = written.apply(&mut now, root, root);
        assert_eq!((outcome.matched, now.findings.len()), (1, 1));
    }

    #[test]
    fn bad_files_are_errors_that_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.json");
        std::fs::write(&file, "{\"version\": 99, \"findings\": []}").unwrap();
        let err = Baseline::load(&file).unwrap_err().to_string();
        assert!(
            err.contains("b.json") && err.contains("version 99"),
            "{err}"
        );
        std::fs::write(&file, "not json").unwrap();
        assert!(Baseline::load(&file).is_err());
        assert!(Baseline::load(&dir.path().join("missing.json")).is_err());
    }
}
