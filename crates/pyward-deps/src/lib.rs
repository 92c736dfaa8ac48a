//! The dependency analyzer behind `pyward deps`.
//!
//! It takes parsed [`Manifest`]s (from `pyward-manifest`) and an advisory [`Database`] (from
//! `pyward-advisory`) and produces findings: vulnerable locked/pinned/installed versions
//! ([`rules::VULNERABLE_DEPENDENCY`]), declared ranges that admit vulnerable versions
//! ([`rules::VULNERABLE_RANGE`]) and dependencies no advisory can be matched against
//! ([`rules::UNAUDITABLE_DEPENDENCY`]).
//!
//! [`run`] is the whole `pyward deps` audit (discovery, parsing, the database, policy,
//! environments, `--online`, `--fix` as a [`FixPlan`] then [`fix::apply`]); [`DepsAnalyzer`]
//! wraps it for the shared engine.

pub mod analyzer;
pub mod environment;
pub mod fix;
pub mod online;
pub mod policy;
pub mod redact;
pub mod rules;
pub mod typosquat;

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use pep440_rs::VersionSpecifiers;
use pyward_advisory::{Advisory, Database, smallest_fix, specifier_allows_affected};
use pyward_core::{
    AdvisoryRef, CvssRef, Finding, Fix, Location, Report, RuleMeta, RuleSelector, Span,
};
use pyward_manifest::{DepState, Dependency, Manifest, ManifestKind};
use serde::Deserialize;

pub use analyzer::{AuditOptions, AuditOutcome, DepsAnalyzer, FixMode, run};
pub use environment::{
    EnvStats, Integrity, Observed, UnrecordedPlace, check_drift, check_environment,
    check_requirements, integrity_finding, is_lock, judge, record_package_dir,
    unrecorded_file_finding, unrecorded_kind,
};
pub use fix::FixPlan;
pub use policy::check_policy;
pub use pyward_manifest::normalize_name as normalize;
pub use redact::{redact, redact_report};
pub use rules::RULES;

/// The `[tool.pyward.deps]` config section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DepsSection {
    /// Python version to evaluate markers for (`"3.12"`).
    pub python_version: Option<String>,
    /// `linux`, `macos` or `windows`.
    pub platform: Option<String>,
    /// How unknown severities count against `fail-on` (default `high`).
    pub unknown_severity: Option<pyward_core::Severity>,
    /// Skip advisories that have no fixed version yet.
    pub ignore_until_fixed: Option<bool>,
    /// Warn when the database's newest advisory is older than this many days (default 7).
    pub db_max_age_days: Option<u64>,
    /// Advisory database path.
    pub db: Option<std::path::PathBuf>,
    /// Glob patterns excluded from manifest discovery.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Require `--hash` on every requirements entry and a file hash on every lockfile entry
    /// (rule DEP102).
    pub require_hashes: Option<bool>,
    /// Names the typosquat rule (DEP111) accepts.
    #[serde(default)]
    pub typosquat_allow: Vec<String>,
    /// Package indexes the project uses besides those its pyproject.toml declares (DEP109), and
    /// the index `--fix`/`--online` query first.
    #[serde(default)]
    pub indexes: Vec<String>,
    /// Exit 2 when nothing was audited (no manifest, or no dependency in them).
    pub fail_on_empty: Option<bool>,
}

/// Options for one audit.
#[derive(Debug, Clone, Default)]
pub struct DepsOptions {
    /// Skip advisories that have no fixed version yet.
    pub ignore_until_fixed: bool,
    /// Which rules run.
    pub selector: RuleSelector,
    /// Hashes are required on every entry (DEP102).
    pub require_hashes: bool,
    /// Names the typosquat rule accepts.
    pub typosquat_allow: Vec<String>,
    /// Indexes the project declares outside its pyproject.toml (DEP109).
    pub declared_indexes: Vec<String>,
    /// Test-code paths (requirements files there are not deployments); `None`: the defaults.
    pub test_paths: Option<pyward_core::TestPaths>,
}

/// Why a dependency audit could not run (or finish).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DepsError {
    /// The database failed while auditing one package.
    #[error("advisory database: {0}")]
    Advisory(#[from] pyward_advisory::AdvisoryError),
    /// There is no database at the configured path (the message says how to get one).
    #[error(transparent)]
    NoDatabase(pyward_advisory::AdvisoryError),
    /// The database exists but cannot be opened.
    #[error("opening advisory database {}: {source}", path.display())]
    OpenDatabase {
        path: std::path::PathBuf,
        #[source]
        source: pyward_advisory::AdvisoryError,
    },
    /// An invalid `platform` in `[tool.pyward.deps]`.
    #[error("[tool.pyward.deps] platform: {0}")]
    Platform(String),
    /// The current directory (the confinement root for file arguments) cannot be read.
    #[error("reading the current directory: {0}")]
    CurrentDir(#[source] pyward_core::fs::ReadError),
}

/// The advisories of each package and package version, read from the database once per run and
/// shared by the audit and `--fix` (withdrawn advisories are left out).
pub struct AdvisoryCache<'a> {
    db: &'a Database,
    by_version: BTreeMap<(String, String), Vec<Advisory>>,
    by_package: BTreeMap<String, Vec<Advisory>>,
    reads: usize,
}

impl<'a> AdvisoryCache<'a> {
    pub fn new(db: &'a Database) -> AdvisoryCache<'a> {
        AdvisoryCache {
            db,
            by_version: BTreeMap::new(),
            by_package: BTreeMap::new(),
            reads: 0,
        }
    }

    /// How many times the database was queried (each package, and each package version, once).
    pub fn reads(&self) -> usize {
        self.reads
    }

    /// The database this cache reads.
    pub fn database(&self) -> &'a Database {
        self.db
    }

    /// The advisories affecting `version` of `package` (normalised name).
    pub fn for_version(&mut self, package: &str, version: &str) -> Result<&[Advisory], DepsError> {
        let key = (package.to_string(), version.to_string());
        if !self.by_version.contains_key(&key) {
            self.reads += 1;
            let mut hits = self.db.query(package, version)?;
            hits.retain(|a| !a.is_withdrawn());
            self.by_version.insert(key.clone(), hits);
        }
        Ok(&self.by_version[&key])
    }

    /// Every advisory of `package` (normalised name).
    pub fn for_package(&mut self, package: &str) -> Result<&[Advisory], DepsError> {
        if !self.by_package.contains_key(package) {
            self.reads += 1;
            let mut all = self.db.advisories_for(package)?;
            all.retain(|a| !a.is_withdrawn());
            self.by_package.insert(package.to_string(), all);
        }
        Ok(&self.by_package[package])
    }
}

/// Audits `manifests` against `db`, adding findings to `report`. Paths in locations are made
/// relative to `root` where possible.
pub fn audit(
    manifests: &[Manifest],
    db: &Database,
    options: &DepsOptions,
    root: &Path,
    report: &mut Report,
) -> Result<(), DepsError> {
    audit_with(
        manifests,
        &mut AdvisoryCache::new(db),
        options,
        root,
        report,
    )
}

/// [`audit`] reading the database through `advisories`, which keeps what it read for `--fix`.
pub fn audit_with(
    manifests: &[Manifest],
    advisories: &mut AdvisoryCache<'_>,
    options: &DepsOptions,
    root: &Path,
    report: &mut Report,
) -> Result<(), DepsError> {
    let enabled = |rule: &RuleMeta| options.selector.enabled(rule);
    let keep = |a: &Advisory| {
        !a.is_withdrawn()
            && (!options.ignore_until_fixed || a.affected.fixed_versions().next().is_some())
    };
    // Exact versions use the database's fast query (it decodes only matching advisories);
    // ranges need every advisory of the package.
    let mut by_version: BTreeMap<(String, String), Vec<Advisory>> = BTreeMap::new();
    let mut by_package: BTreeMap<String, Vec<Advisory>> = BTreeMap::new();
    let mut packages = 0usize;
    // Lockfiles by directory: a declared range beside a lock is resolved by it.
    let mut locks_by_dir: BTreeMap<&Path, Vec<&Manifest>> = BTreeMap::new();
    for m in manifests.iter().filter(|m| m.kind.is_lockfile()) {
        if let Some(dir) = m.path.parent() {
            locks_by_dir.entry(dir).or_default().push(m);
        }
    }
    // Exact pins anywhere in the project (a lock elsewhere, a compiled requirements file, an
    // `==` line): what is installed is that pin, which DEP001 audits.
    let mut pinned_anywhere: BTreeMap<&str, (&str, &Path)> = BTreeMap::new();
    for m in manifests {
        for d in &m.dependencies {
            if let (Some(v), DepState::Locked | DepState::Pinned) = (&d.version, d.state) {
                pinned_anywhere
                    .entry(d.normalized.as_str())
                    .or_insert((v.as_str(), d.origin.as_path()));
            }
        }
    }
    for manifest in manifests {
        for dep in &manifest.dependencies {
            packages += 1;
            if let Some(reason) = &dep.unauditable {
                if enabled(&rules::UNAUDITABLE_DEPENDENCY) {
                    report
                        .findings
                        .push(unauditable(dep, reason, manifest, root));
                }
                continue;
            }
            match (&dep.version, dep.state) {
                (Some(version), DepState::Locked | DepState::Installed | DepState::Pinned) => {
                    if !enabled(&rules::VULNERABLE_DEPENDENCY) {
                        continue;
                    }
                    let key = (dep.normalized.clone(), version.clone());
                    if !by_version.contains_key(&key) {
                        let mut hits = advisories.for_version(&dep.normalized, version)?.to_vec();
                        hits.retain(|a| keep(a));
                        by_version.insert(key.clone(), hits);
                    }
                    let hits = &by_version[&key];
                    let fix = smallest_fix(hits, version);
                    for advisory in distinct_advisories(hits) {
                        report.findings.push(vulnerable(
                            dep,
                            version,
                            advisory,
                            fix.as_deref(),
                            manifest,
                            root,
                        ));
                    }
                }
                _ => {
                    if !enabled(&rules::VULNERABLE_RANGE) {
                        continue;
                    }
                    if !by_package.contains_key(&dep.normalized) {
                        let mut all = advisories.for_package(&dep.normalized)?.to_vec();
                        all.retain(|a| keep(a));
                        by_package.insert(dep.normalized.clone(), all);
                    }
                    let known = &by_package[&dep.normalized];
                    if known.is_empty() {
                        continue;
                    }
                    let locked = dep
                        .origin
                        .parent()
                        .and_then(|dir| locks_by_dir.get(dir))
                        .into_iter()
                        .flatten()
                        .find_map(|lock| {
                            lock.get(&dep.normalized)
                                .and_then(|d| d.version.as_deref())
                                .map(|v| (v, lock.path.as_path()))
                        })
                        .or_else(|| pinned_anywhere.get(dep.normalized.as_str()).copied());
                    if let Some(f) = vulnerable_range(dep, known, locked, manifest, root) {
                        report.findings.push(f);
                    }
                }
            }
        }
    }
    let matched: usize = by_version.values().map(Vec::len).sum();
    report.stats.insert("packages".into(), packages.into());
    report
        .stats
        .insert("distinct_versions_checked".into(), by_version.len().into());
    report
        .stats
        .insert("advisories_matched".into(), matched.into());
    Ok(())
}

/// The location of a dependency: its own file and line, and the package it names.
pub(crate) fn location(dep: &Dependency, root: &Path) -> Location {
    let span = dep.line.map(|line| {
        Span::on_line(
            line,
            dep.column.unwrap_or(1),
            dep.name.chars().count() as u32,
        )
    });
    Location::file(relative(&dep.origin, root), span)
        .with_package(dep.normalized.clone(), dep.version.clone())
}

pub use pyward_core::relative_path as relative;

fn common_meta(finding: Finding, dep: &Dependency, manifest: &Manifest) -> Finding {
    finding
        .with_meta("package", &dep.normalized)
        .with_meta("version", &dep.version)
        .with_meta("manifest_kind", manifest.kind)
        .with_meta("state", dep.state)
        .with_meta("direct", dep.direct)
        .with_meta("parents", &dep.parents)
        .with_meta("group", &dep.group)
}

fn advisory_ref(advisory: &Advisory) -> AdvisoryRef {
    AdvisoryRef {
        id: advisory.id.clone(),
        aliases: advisory.aliases.clone(),
        summary: advisory.summary.clone(),
        fixed_versions: advisory
            .fixed_versions()
            .into_iter()
            .map(str::to_string)
            .collect(),
        references: advisory.references.clone(),
        cvss: advisory.cvss.first().map(|c| CvssRef {
            kind: c.kind.clone(),
            vector: c.vector.clone(),
            score: advisory.cvss_score,
        }),
        severity_source: advisory.severity_source.clone(),
        published: advisory.published.clone(),
        modified: advisory.modified.clone(),
    }
}

fn vulnerable(
    dep: &Dependency,
    version: &str,
    advisory: &Advisory,
    fix: Option<&str>,
    manifest: &Manifest,
    root: &Path,
) -> Finding {
    let aliases = if advisory.aliases.is_empty() {
        String::new()
    } else {
        format!(" ({})", advisory.aliases.join(", "))
    };
    let fixed = advisory.fixed_versions();
    let fixed_text = if fixed.is_empty() {
        "no fixed version yet".to_string()
    } else {
        format!("fixed in {}", fixed.join(", "))
    };
    let via = match dep.parents.as_slice() {
        [] => String::new(),
        parents => format!(" [required by {}]", parents.join(", ")),
    };
    let message = format!(
        "{} {version} is affected by {}{aliases}: {}; {fixed_text}{via}",
        dep.normalized,
        advisory.id,
        headline(advisory),
    );
    let mut finding = Finding::new(&rules::VULNERABLE_DEPENDENCY, message, location(dep, root))
        .with_severity(advisory.severity)
        .with_advisory(advisory_ref(advisory))
        .with_meta("fix_version", fix);
    if let Some(fix) = fix {
        finding = finding.with_fix(upgrade_fix(dep, fix, manifest));
    }
    common_meta(finding, dep, manifest)
}

/// How to apply an upgrade: an edited pin for requirements files, the lock tool's command for
/// lockfiles.
fn upgrade_fix(dep: &Dependency, fix: &str, manifest: &Manifest) -> Fix {
    let name = &dep.normalized;
    let single = || BTreeMap::from([(name.clone(), fix.to_string())]);
    let command = match manifest.kind {
        ManifestKind::UvLock
        | ManifestKind::PoetryLock
        | ManifestKind::PdmLock
        | ManifestKind::PipfileLock => Some(fix::lock_upgrade_command(
            manifest.kind,
            None,
            "",
            &single(),
        )),
        ManifestKind::InstalledEnv => Some(format!(
            "python -m pip install {}",
            fix::shell_quote(&format!("{name}>={fix}"))
        )),
        _ => None,
    };
    Fix {
        description: format!("upgrade {name} to {fix}"),
        edits: Vec::new(),
        command,
    }
}

/// The advisories of one package version, one per issue: OSV's export carries the same
/// vulnerability under several ids (a PYSEC record and its GHSA twin) that alias each other.
/// The PyPA record (`PYSEC-…`, the one pip-audit names) is kept, else the first id in sort
/// order; the others are its aliases.
fn distinct_advisories(hits: &[Advisory]) -> Vec<&Advisory> {
    let mut sorted: Vec<&Advisory> = hits.iter().collect();
    sorted.sort_by_key(|a| (!a.id.starts_with("PYSEC-"), a.id.clone()));
    let mut kept: Vec<&Advisory> = Vec::new();
    for a in sorted {
        let twin = kept
            .iter()
            .any(|k| k.aliases.contains(&a.id) || a.aliases.contains(&k.id));
        if !twin {
            kept.push(a);
        }
    }
    kept
}

/// `locked`: the version a lockfile beside the manifest resolves the range to (else an exact pin
/// of the package anywhere in the audited project), and that file.
/// When that version is affected by none of the admitted advisories, the range is only
/// informational (severity info): what is installed is the lock's safe version, and DEP001
/// reports the lock if it ever pins an affected one.
fn vulnerable_range(
    dep: &Dependency,
    advisories: &[Advisory],
    locked: Option<(&str, &Path)>,
    manifest: &Manifest,
    root: &Path,
) -> Option<Finding> {
    let spec_text = dep.specifier.clone().unwrap_or_default();
    let specifiers = VersionSpecifiers::from_str(&spec_text).ok()?;
    let mut admitted: Vec<(&Advisory, String)> = advisories
        .iter()
        .filter_map(|a| specifier_allows_affected(a, &specifiers).map(|v| (a, v)))
        .collect();
    if admitted.is_empty() {
        return None;
    }
    admitted.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let highest = admitted
        .iter()
        .filter_map(|(_, v)| pyward_advisory::version::parse_version(v).map(|p| (p, v.clone())))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, v)| v);
    let hit_advisories: Vec<Advisory> = admitted.iter().map(|(a, _)| (*a).clone()).collect();
    let bound = highest
        .as_deref()
        .and_then(|h| smallest_fix(&hit_advisories, h));
    let ids: Vec<&str> = admitted.iter().map(|(a, _)| a.id.as_str()).collect();
    let shown = if spec_text.is_empty() {
        "any version".to_string()
    } else {
        format!("`{spec_text}`")
    };
    let example = highest.unwrap_or_default();
    let mut message = format!(
        "{} {shown} admits vulnerable versions (e.g. {example}) of {} advisor{}: {}",
        dep.normalized,
        ids.len(),
        if ids.len() == 1 { "y" } else { "ies" },
        ids.join(", ")
    );
    let mut finding_fix = None;
    if let Some(bound) = &bound {
        message.push_str(&format!("; require >={bound}"));
        finding_fix = Some(Fix {
            description: format!("raise the lower bound: {}>={bound}", dep.normalized),
            edits: Vec::new(),
            command: None,
        });
    }
    let safe_lock = locked.filter(|(version, _)| {
        pyward_advisory::version::parse_version(version).is_some()
            && !admitted.iter().any(|(a, _)| a.affected(version))
    });
    if let Some((version, lock)) = safe_lock {
        message.push_str(&format!(
            " (informational: {} pins {version}, which none of them affects)",
            relative(lock, root)
        ));
    }
    let mut finding = Finding::new(&rules::VULNERABLE_RANGE, message, location(dep, root))
        .with_meta("specifier", &spec_text)
        .with_meta("advisory_ids", &ids)
        .with_meta("example_vulnerable_version", &example)
        .with_meta("fix_version", &bound);
    if let Some(fix) = finding_fix {
        finding = finding.with_fix(fix);
    }
    if let Some((version, lock)) = safe_lock {
        finding = finding
            .with_severity(pyward_core::Severity::Info)
            .with_meta("locked_version", version)
            .with_meta("lockfile", relative(lock, root));
    }
    Some(common_meta(finding, dep, manifest))
}

fn unauditable(dep: &Dependency, reason: &str, manifest: &Manifest, root: &Path) -> Finding {
    let message = format!("{} cannot be audited: {reason}", dep.name);
    let finding = Finding::new(&rules::UNAUDITABLE_DEPENDENCY, message, location(dep, root))
        .with_meta("reason", reason)
        .with_meta("source", &dep.source);
    common_meta(finding, dep, manifest)
}

/// A one-line description of an advisory for messages: its summary, else the first sentence of
/// its details that says something about the flaw. PyPA records often open with a boilerplate
/// product description ("Flask is a lightweight WSGI web application framework."), which is
/// skipped.
pub fn headline(advisory: &Advisory) -> String {
    headline_text(advisory.summary.as_deref(), &advisory.details)
}

fn headline_text(summary: Option<&str>, details: &str) -> String {
    if let Some(summary) = summary.map(str::trim)
        && !summary.is_empty()
    {
        return truncate(summary, 140);
    }
    let text = details.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut rest = text.as_str();
    let mut sentence = rest;
    while !rest.is_empty() {
        let (first, tail) = match rest.find(". ") {
            Some(i) => (&rest[..=i], rest[i + 2..].trim_start()),
            None => (rest, ""),
        };
        sentence = first;
        rest = tail;
        if !is_product_blurb(first) || rest.is_empty() {
            break;
        }
    }
    truncate(sentence.trim_end_matches('.'), 140)
}

/// "X is a …" / "X is an …" / "X are …" opening sentences describe the product, not the bug.
fn is_product_blurb(sentence: &str) -> bool {
    let words: Vec<&str> = sentence.split_whitespace().take(6).collect();
    words
        .iter()
        .position(|w| matches!(*w, "is" | "are" | "provides"))
        .is_some_and(|i| {
            i <= 3
                && words
                    .get(i + 1)
                    .is_some_and(|n| matches!(*n, "a" | "an" | "the" | "tools" | "library"))
        })
        && !sentence.contains("vulnerab")
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The index a manifest itself names first: a requirements file's `--index-url`, or the first
/// index a pyproject.toml or lockfile declares.
pub fn primary_index(manifest: &Manifest) -> Option<String> {
    match manifest.kind {
        ManifestKind::Requirements => manifest
            .options
            .iter()
            .find(|o| o.name == "index-url")
            .and_then(|o| o.value.clone()),
        ManifestKind::InstalledEnv => None,
        _ => manifest.index_urls.first().cloned(),
    }
}

/// The floor of the `requires-python` (PEP 621, or Poetry's `python` dependency) of the
/// `pyproject.toml` in `root`, read confined to `root`.
pub fn root_python(root: &Path) -> Option<String> {
    let confine = pyward_core::fs::Root::new(root).ok()?;
    let pyproject = confine.path().join("pyproject.toml");
    let text = confine
        .read_text(&pyproject, pyward_core::fs::MAX_FILE_SIZE)
        .ok()?;
    let m = pyward_manifest::parse_str(
        ManifestKind::Pyproject,
        &text,
        &pyproject,
        &pyward_manifest::Target::default(),
    )
    .ok()?;
    python_from_requires(m.requires_python.as_deref()?)
}

/// The Python version a manifest's own project targets: the floor of the lock's
/// `requires-python` (uv.lock `requires-python`, poetry.lock `python-versions`, pdm.lock
/// `requires_python`, which also fall back to the pyproject.toml beside them), else of the
/// `pyproject.toml` beside the manifest.
pub fn project_python(manifest: &Manifest, root: &pyward_core::fs::Root) -> Option<String> {
    if let Some(rp) = &manifest.requires_python {
        return python_from_requires(rp);
    }
    if manifest.kind == ManifestKind::InstalledEnv {
        return None;
    }
    let dir = manifest.path.parent()?;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let canonical = std::fs::canonicalize(dir).ok()?;
    if !root.contains_canonical(&canonical) {
        return None;
    }
    root_python(&canonical)
}

/// The Python version markers are evaluated for when only `requires-python` is known: the
/// lowest CPython minor release (3.8–3.14) it admits, so that dependencies gated on older
/// interpreters are audited too.
pub fn python_from_requires(requires_python: &str) -> Option<String> {
    let specifiers = VersionSpecifiers::from_str(requires_python).ok()?;
    (0..=14).map(|minor| format!("3.{minor}")).find(|v| {
        pep440_rs::Version::from_str(v).is_ok_and(|version| specifiers.contains(&version))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_floor_from_requires_python() {
        assert_eq!(python_from_requires(">=3.10").as_deref(), Some("3.10"));
        assert_eq!(python_from_requires(">=3.9,<4").as_deref(), Some("3.9"));
        assert_eq!(python_from_requires("~=3.11").as_deref(), Some("3.11"));
        assert_eq!(python_from_requires(">=4"), None);
        // Poetry's `^3.6` (converted to PEP 440) keeps its floor.
        assert_eq!(python_from_requires(">=3.6,<4.0").as_deref(), Some("3.6"));
        assert_eq!(python_from_requires("garbage"), None);
    }

    #[test]
    fn headlines_skip_product_blurbs() {
        let flask = "Flask is a lightweight WSGI web application framework. When all of the following conditions are met, a response may be cached.";
        assert!(headline_text(None, flask).starts_with("When all of the following"));
        assert_eq!(
            headline_text(None, "Requests is a HTTP library."),
            "Requests is a HTTP library"
        );
        assert_eq!(
            headline_text(
                None,
                "In Django 3.2 before 3.2.20, EmailValidator is subject to ReDoS. More."
            ),
            "In Django 3.2 before 3.2.20, EmailValidator is subject to ReDoS"
        );
        assert_eq!(headline_text(Some(" Short "), flask), "Short");
        assert!(headline_text(None, &"x".repeat(500)).ends_with('…'));
    }
}
