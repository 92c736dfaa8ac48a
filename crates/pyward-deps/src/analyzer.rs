//! The whole dependency audit behind `pyward deps`: discovery, parsing for the target Python,
//! the advisory audit, the supply-chain policy, installed environments, `--online`, `--fix`,
//! redaction and the test-code policy. The CLI builds [`AuditOptions`] and renders the result.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pyward_core::fs::Root;
use pyward_core::{
    Analyzer, Inventory, Package, Report, RuleMeta, RuleSelector, ScanError, Scope, Severity,
    TestPaths,
};
use pyward_manifest::{Manifest, ManifestError, ManifestKind, Platform, Target};

use crate::fix::FixPlan;
use crate::online::{ProjectCache, check_online};
use crate::{AdvisoryCache, DepsError, DepsOptions, DepsSection, primary_index, relative};

/// What `--fix` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Compute the plan and show it; change nothing (`--dry-run`).
    Plan,
    /// Compute the plan and write it (`--fix`).
    Apply,
}

/// Everything one dependency audit needs. [`AuditOptions::from_section`] reads the
/// `[tool.pyward.deps]` section; command-line values are then set on the fields.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// Manifests, lockfiles, scripts or directories; none (and no `envs`): the current directory.
    pub paths: Vec<PathBuf>,
    /// Installed environments (a virtualenv or site-packages directory).
    pub envs: Vec<PathBuf>,
    /// Globs skipped by manifest discovery.
    pub exclude: Vec<String>,
    /// Python version markers are evaluated for; `None`: each project's `requires-python`
    /// floor, else 3.12.
    pub python_version: Option<String>,
    /// Platform markers are evaluated for.
    pub platform: Platform,
    /// The advisory database; `None`: `PYWARD_DB`, else the user cache dir.
    pub db: Option<PathBuf>,
    /// Warn when the newest advisory is older than this many days.
    pub db_max_age_days: u64,
    /// Ask the package index about yanked releases and project status.
    pub online: bool,
    /// `--fix` (apply) or `--dry-run` (plan only).
    pub fix: Option<FixMode>,
    /// `--index-url`: the index `--fix`/`--online` query first.
    pub index_url: Option<String>,
    /// Indexes the project uses besides those its pyproject.toml declares.
    pub indexes: Vec<String>,
    pub require_hashes: bool,
    pub ignore_until_fixed: bool,
    pub typosquat_allow: Vec<String>,
    /// Which rules run.
    pub selector: RuleSelector,
    /// Test-code paths: supply-chain findings there are test findings.
    pub test_paths: TestPaths,
    /// Keep test findings in the report (`--include-tests`).
    pub include_tests: bool,
    /// Nothing audited is an error rather than a warning.
    pub fail_on_empty: bool,
    /// How findings of unknown severity count against `fail-on`.
    pub unknown_severity: Severity,
    /// The shared walk of a single scanned directory, when the caller has one: discovery then
    /// reads it instead of walking again.
    pub inventory: Option<Inventory>,
}

impl Default for AuditOptions {
    fn default() -> AuditOptions {
        AuditOptions {
            paths: Vec::new(),
            envs: Vec::new(),
            exclude: Vec::new(),
            python_version: None,
            platform: Platform::Linux,
            db: None,
            db_max_age_days: pyward_advisory::DEFAULT_MAX_AGE_DAYS,
            online: false,
            fix: None,
            index_url: None,
            indexes: Vec::new(),
            require_hashes: false,
            ignore_until_fixed: false,
            typosquat_allow: Vec::new(),
            selector: RuleSelector::default(),
            test_paths: TestPaths::default(),
            include_tests: false,
            fail_on_empty: false,
            unknown_severity: Severity::High,
            inventory: None,
        }
    }
}

impl AuditOptions {
    /// The options a `[tool.pyward.deps]` section sets. `platform` (from the command line) wins
    /// over the section's, which is only parsed when it is `None`.
    pub fn from_section(
        section: &DepsSection,
        platform: Option<Platform>,
    ) -> Result<AuditOptions, DepsError> {
        let platform = match (platform, &section.platform) {
            (Some(p), _) => p,
            (None, Some(p)) => p
                .parse::<Platform>()
                .map_err(|e| DepsError::Platform(e.to_string()))?,
            (None, None) => Platform::Linux,
        };
        Ok(AuditOptions {
            exclude: section.exclude.clone(),
            python_version: section.python_version.clone(),
            platform,
            db: section.db.clone(),
            db_max_age_days: section
                .db_max_age_days
                .unwrap_or(pyward_advisory::DEFAULT_MAX_AGE_DAYS),
            indexes: section.indexes.clone(),
            require_hashes: section.require_hashes.unwrap_or(false),
            ignore_until_fixed: section.ignore_until_fixed.unwrap_or(false),
            typosquat_allow: section.typosquat_allow.clone(),
            fail_on_empty: section.fail_on_empty.unwrap_or(false),
            unknown_severity: section.unknown_severity.unwrap_or(Severity::High),
            ..AuditOptions::default()
        })
    }

    /// The paths audited: `paths`, or the current directory when neither paths nor
    /// environments are given.
    pub fn inputs(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() && self.envs.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            self.paths.clone()
        }
    }
}

/// The result of [`run`].
#[derive(Debug)]
pub struct AuditOutcome {
    /// Findings, warnings and errors; paths relative to `root`.
    pub report: Report,
    /// The scanned directory paths are relative to (the current directory for file arguments).
    pub root: PathBuf,
    /// What `--fix`/`--dry-run` changed or would change.
    pub fix: Option<FixPlan>,
    /// The fix plan's lines to show (diffs, skipped pins, lock commands), redacted.
    pub fix_lines: Vec<String>,
}

/// The dependency analyzer. The fields are command-line overrides; everything else comes from
/// the `[tool.pyward.deps]` section of the scope's configuration.
#[derive(Debug, Clone, Default)]
pub struct DepsAnalyzer {
    /// Installed environments to audit too (`--env`).
    pub envs: Vec<PathBuf>,
    /// Extra exclude globs (`--exclude`).
    pub exclude: Vec<String>,
    pub python_version: Option<String>,
    pub platform: Option<Platform>,
    pub db: Option<PathBuf>,
    pub online: bool,
    pub fix: Option<FixMode>,
    pub index_url: Option<String>,
    pub require_hashes: bool,
    pub ignore_until_fixed: bool,
    pub unknown_severity: Option<Severity>,
}

impl DepsAnalyzer {
    /// The audit's options: the `[tool.pyward.deps]` section (an invalid one is pushed on
    /// `errors` and its defaults used), then these overrides, then the scope.
    pub fn options(
        &self,
        scope: &Scope<'_>,
        errors: &mut Vec<ScanError>,
    ) -> Result<AuditOptions, DepsError> {
        let section: DepsSection = scope.config.section_or_error("deps", errors);
        let mut options = AuditOptions::from_section(&section, self.platform)?;
        options.paths = if scope.paths == [PathBuf::from(".")] && !self.envs.is_empty() {
            Vec::new()
        } else {
            scope.paths.to_vec()
        };
        options.envs = self.envs.clone();
        options
            .exclude
            .extend(scope.config.exclude.iter().chain(&self.exclude).cloned());
        if self.python_version.is_some() {
            options.python_version = self.python_version.clone();
        }
        if self.db.is_some() {
            options.db = self.db.clone();
        }
        options.online = self.online;
        options.fix = self.fix;
        options.index_url = self.index_url.clone();
        options.require_hashes |= self.require_hashes;
        options.ignore_until_fixed |= self.ignore_until_fixed;
        options.selector = scope.selector(&[], &[]);
        options.test_paths = scope.test_paths.clone();
        options.include_tests = scope.include_tests;
        options.fail_on_empty |= scope.fail_on_empty;
        options.unknown_severity = self.unknown_severity.unwrap_or(options.unknown_severity);
        if let [dir] = &options.paths[..]
            && scope.inventory.roots == [dir.clone()]
            && dir.is_dir()
        {
            let wanted = pyward_manifest::discover_options(&options.exclude);
            options.inventory = scope.inventory.narrowed(&wanted);
        }
        Ok(options)
    }

    /// The whole audit over `scope`, with the fix plan when one was asked for. Report paths are
    /// relative to [`AuditOutcome::root`].
    pub fn audit(&self, scope: &Scope<'_>) -> Result<(AuditOutcome, AuditOptions), DepsError> {
        let mut errors = Vec::new();
        let options = self.options(scope, &mut errors)?;
        let mut outcome = run(&options)?;
        outcome.report.errors.extend(errors);
        Ok((outcome, options))
    }
}

impl Analyzer for DepsAnalyzer {
    fn name(&self) -> &'static str {
        "deps"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::RULES.to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        match self.audit(scope) {
            Ok((outcome, _)) => {
                let mut report = outcome.report;
                let cwd = std::env::current_dir().ok();
                pyward_core::names::rebase_report(&mut report, &[outcome.root], cwd.as_deref());
                report
            }
            // Nothing could be audited (no database, an invalid option): an error in the report,
            // so the other analyzers of a scan still report.
            Err(err) => {
                let mut report = Report::new("deps");
                // One line: "no advisory database at …; hint: … run `pyward db update` …".
                let text = err.to_string();
                let lines: Vec<&str> = text.lines().map(str::trim).collect();
                report.errors.push(ScanError {
                    path: String::new(),
                    message: lines.join("; "),
                });
                report
            }
        }
    }
}

/// Manifest files under `dir`, or the errors met finding them. The one discovery call, kept
/// apart so a shared inventory can replace it.
fn discover(
    dir: &Path,
    exclude: &[String],
    inventory: Option<&Inventory>,
) -> Vec<Result<PathBuf, ManifestError>> {
    match inventory {
        Some(inv) if inv.roots == [dir.to_path_buf()] => {
            pyward_manifest::discover_in(dir, inv, true)
        }
        _ => pyward_manifest::discover(dir, exclude),
    }
}

/// Runs the whole audit. Problems with single inputs are errors in the report (the rest is still
/// audited); an `Err` means nothing could be audited (no database, an invalid option).
pub fn run(options: &AuditOptions) -> Result<AuditOutcome, DepsError> {
    let paths = options.inputs();
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = scan_root(&first);
    let mut report = Report::new("deps");
    let target = target(options, &root);
    report.stats.insert(
        "target".into(),
        serde_json::json!({
            "python_version": target.python_version,
            "platform": target.platform,
        }),
    );

    // Collect manifest files: explicit files as given, directories by discovery.
    let mut explicit = std::collections::BTreeSet::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for path in &paths {
        if path.is_dir() {
            for found in discover(path, &options.exclude, options.inventory.as_ref()) {
                match found {
                    Ok(file) => files.push(file),
                    Err(err) => report.errors.push(scan_error(&err, &root)),
                }
            }
        } else if path.exists() {
            files.push(path.clone());
            explicit.insert(path.clone());
        } else {
            report.errors.push(ScanError {
                path: relative(path, &root),
                message: "no such file or directory".into(),
            });
        }
    }
    files.sort();
    files.dedup();

    // Every file is read confined: to the scanned directory, or for a file argument to the
    // current directory (or the file's own directory when it lies elsewhere).
    let cwd_root = Root::new(Path::new(".")).map_err(DepsError::CurrentDir)?;
    let scan_root = Root::new(&root).unwrap_or_else(|_| cwd_root.clone());
    let mut manifests = parse_files(
        &files,
        &explicit,
        options,
        &target,
        &root,
        &scan_root,
        &mut report,
    );
    for env in &options.envs {
        match pyward_manifest::read_environment(env, &target) {
            Ok(manifest) => push_manifest(&mut report, &mut manifests, manifest, &root),
            Err(err) => report.errors.push(scan_error(&err, &root)),
        }
    }
    check_empty(&manifests, &paths, options, &first, &root, &mut report);
    report.packages = packages(&manifests, &root);

    let db_path = pyward_advisory::db_path(options.db.as_deref());
    let database = open_database(&db_path)?;
    if let Some(warning) = pyward_advisory::stale_warning(database.meta(), options.db_max_age_days)
    {
        report.warnings.push(warning);
    }
    let mut declared_indexes = options.indexes.clone();
    declared_indexes.extend(options.index_url.iter().cloned());
    let deps_options = DepsOptions {
        ignore_until_fixed: options.ignore_until_fixed,
        selector: options.selector.clone(),
        require_hashes: options.require_hashes,
        typosquat_allow: options.typosquat_allow.clone(),
        declared_indexes,
        test_paths: Some(options.test_paths.clone()),
    };
    let mut advisories = AdvisoryCache::new(&database);
    crate::audit_with(
        &manifests,
        &mut advisories,
        &deps_options,
        &root,
        &mut report,
    )?;
    crate::check_policy(&manifests, &deps_options, &target, &root, &mut report);
    check_environments(&manifests, &deps_options, &target, &root, &mut report);

    let explicit_index: Vec<String> = options
        .index_url
        .iter()
        .chain(options.indexes.iter())
        .cloned()
        .collect();
    let default_index = |m: &Manifest| -> String {
        let mut explicit = explicit_index.clone();
        explicit.extend(primary_index(m));
        pyward_index::resolve_index(&explicit, &|k| std::env::var(k).ok())
    };
    let mut cache = ProjectCache::new();
    if options.online {
        let (m, d) = (&manifests, &default_index);
        check_online(m, d, &deps_options, &mut cache, &root, &mut report);
    }
    let fix = match options.fix {
        Some(mode) => Some(crate::fix::fix_pins(
            &manifests,
            &mut advisories,
            &default_index,
            &mut cache,
            mode == FixMode::Plan,
            &root,
            &scan_root,
            &mut report,
        )?),
        None => None,
    };
    let fix_lines = fix
        .iter()
        .flat_map(FixPlan::lines)
        .map(|line| crate::redact(&line).into_owned())
        .collect();
    report.stats.insert(
        "database".into(),
        serde_json::json!({
            "path": db_path,
            "advisories": database.meta().advisory_count,
            "newest_modified": database.meta().newest_modified,
        }),
    );

    crate::redact_report(&mut report);
    // Supply-chain policy (DEP1xx) is about what gets deployed: in test, example and dev/CI
    // files it is hidden by default. Vulnerable versions (DEP0xx) are reported wherever they
    // are installed, as pip-audit and uv audit do.
    report.apply_test_policy(&options.test_paths, options.include_tests, |f| {
        f.code.starts_with("DEP1")
    });
    Ok(AuditOutcome {
        report,
        root,
        fix,
        fix_lines,
    })
}

/// The packages the manifests list (for SBOM output): every applicable dependency with its
/// exact version, hashes and the edges its file records, and each pyproject.toml's own project
/// with its declared dependencies.
fn packages(manifests: &[Manifest], root: &Path) -> Vec<Package> {
    let mut out = Vec::new();
    for m in manifests {
        let manifest = relative(&m.path, root);
        // The file's graph, from the parents it records: child -> parents becomes
        // parent -> children.
        let mut children: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for d in &m.dependencies {
            for parent in &d.parents {
                children
                    .entry(parent.as_str())
                    .or_default()
                    .insert(d.normalized.clone());
            }
        }
        if m.kind == ManifestKind::Pyproject
            && let Some(name) = &m.project_name
        {
            let declared: BTreeSet<String> = m
                .dependencies
                .iter()
                .map(|d| d.normalized.clone())
                .collect();
            out.push(Package {
                name: pyward_core::normalize_package_name(name),
                version: m.project_version.clone(),
                registry: true,
                project: true,
                direct: false,
                manifest: manifest.clone(),
                hashes: Vec::new(),
                depends_on: declared.into_iter().collect(),
            });
        }
        for d in &m.dependencies {
            out.push(Package {
                name: d.normalized.clone(),
                version: d.version.clone(),
                registry: d.source.is_registry(),
                project: false,
                direct: d.direct,
                // The file the entry is in (an included `-r` file for its own lines).
                manifest: relative(&d.origin, root),
                hashes: d.hashes.clone(),
                depends_on: children
                    .get(d.normalized.as_str())
                    .map(|c| c.iter().cloned().collect())
                    .unwrap_or_default(),
            });
        }
    }
    out
}

/// Opens the database, or explains how to get one.
fn open_database(path: &Path) -> Result<pyward_advisory::Database, DepsError> {
    pyward_advisory::open_db(path).map_err(|e| match e {
        pyward_advisory::AdvisoryError::NoDatabase { .. } => DepsError::NoDatabase(e),
        source => DepsError::OpenDatabase {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// Parses every file for `target`. Without an explicit Python version, a file's markers are
/// evaluated for the floor of its own project's `requires-python` (the lock's, or the
/// pyproject.toml beside it).
fn parse_files(
    files: &[PathBuf],
    explicit: &std::collections::BTreeSet<PathBuf>,
    options: &AuditOptions,
    target: &Target,
    root: &Path,
    scan_root: &Root,
    report: &mut Report,
) -> Vec<Manifest> {
    let mut manifests: Vec<Manifest> = Vec::new();
    let mut own_python = BTreeMap::new();
    for file in files {
        let confine = confinement(file, scan_root);
        let mut parsed = pyward_manifest::parse_file_in(file, target, &confine);
        if options.python_version.is_none()
            && let Ok(m) = &parsed
            && let Some(python) = crate::project_python(m, &confine)
            && python != target.python_version
        {
            let mut own = target.clone();
            own.python_version = python.clone();
            parsed = pyward_manifest::parse_file_in(file, &own, &confine);
            own_python.insert(relative(file, root), python);
        }
        match parsed {
            // A setup.cfg that only configures tools, or a setup.py shim, declares nothing.
            Ok(manifest)
                if matches!(
                    manifest.kind,
                    ManifestKind::SetupCfg | ManifestKind::SetupPy
                ) && manifest.dependencies.is_empty()
                    && manifest.skipped_by_marker.is_empty()
                    && manifest.errors.is_empty() => {}
            // A file found by its name (`docs/…/constraints.txt`) whose lines are mostly not
            // requirements is probably not a requirements file: one error that says so instead
            // of an error per line. It stays an error (garbage lines must not hide a
            // requirements file); named on the command line, each line is reported.
            Ok(manifest)
                if manifest.kind == ManifestKind::Requirements
                    && !explicit.contains(file)
                    && unparsable(&manifest) >= MOSTLY_NOT_REQUIREMENTS
                    && unparsable(&manifest) > manifest.dependencies.len() =>
            {
                let first = manifest.errors.iter().find_map(|p| p.line).unwrap_or(1);
                report.errors.push(ScanError {
                    path: relative(file, root),
                    message: format!(
                        "{} lines are not requirements (the first at line {first}): not a \
                         requirements file? Exclude it (`exclude` or --exclude) or fix it",
                        unparsable(&manifest)
                    ),
                });
            }
            Ok(manifest) => push_manifest(report, &mut manifests, manifest, root),
            Err(err) => report.errors.push(scan_error(&err, root)),
        }
    }
    if !own_python.is_empty() {
        // Files whose markers were evaluated for their own project's Python, not the default.
        report.stats.insert(
            "python_version_by_input".into(),
            serde_json::json!(own_python),
        );
    }
    manifests
}

/// Fewer unparsable lines than this are reported one by one (a typo in a real file).
const MOSTLY_NOT_REQUIREMENTS: usize = 5;

/// How many lines of a requirements file could not be parsed as requirements.
fn unparsable(manifest: &Manifest) -> usize {
    manifest
        .errors
        .iter()
        .filter(|p| p.message.starts_with("cannot parse requirement"))
        .count()
}

/// No manifest at all is reported by the common empty-run check (it sees no inputs); manifests
/// without a single dependency are reported here.
fn check_empty(
    manifests: &[Manifest],
    paths: &[PathBuf],
    options: &AuditOptions,
    first: &Path,
    root: &Path,
    report: &mut Report,
) {
    let audited: usize = manifests.iter().map(|m| m.dependencies.len()).sum();
    if audited > 0 || manifests.is_empty() {
        return;
    }
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let message = format!(
        "nothing audited: no dependencies found in the manifests under {}",
        shown.join(", ")
    );
    if options.fail_on_empty {
        report.errors.push(ScanError {
            path: relative(first, root),
            message: format!("{message} (--fail-on-empty)"),
        });
    } else {
        report.warnings.push(message);
    }
}

/// Installed environments: integrity, consistency, and drift from the lockfiles given too.
fn check_environments(
    manifests: &[Manifest],
    options: &DepsOptions,
    target: &Target,
    root: &Path,
    report: &mut Report,
) {
    let locks: Vec<&Manifest> = manifests
        .iter()
        .filter(|m| crate::environment::is_lock(m))
        .collect();
    for env in manifests
        .iter()
        .filter(|m| m.kind == ManifestKind::InstalledEnv)
    {
        crate::check_environment(env, &locks, options, target, root, report);
    }
}

fn push_manifest(
    report: &mut Report,
    manifests: &mut Vec<Manifest>,
    manifest: Manifest,
    root: &Path,
) {
    report.inputs.push(relative(&manifest.path, root));
    report.warnings.extend(manifest.warnings.iter().cloned());
    report
        .errors
        .extend(manifest.errors.iter().map(|problem| ScanError {
            path: relative(&problem.path, root),
            message: match problem.line {
                Some(line) => format!("line {line}: {}", problem.message),
                None => problem.message.clone(),
            },
        }));
    manifests.push(manifest);
}

fn scan_error(err: &ManifestError, root: &Path) -> ScanError {
    ScanError {
        path: relative(err.path(), root),
        message: err.to_string(),
    }
}

/// The root a file is confined to: the scanned root when the file lies inside it, else the
/// file's own directory (an explicit argument elsewhere).
fn confinement(file: &Path, scan_root: &Root) -> Root {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let dir = absolute.parent().unwrap_or(Path::new("."));
    let inside = std::fs::canonicalize(dir).is_ok_and(|d| scan_root.contains_canonical(&d));
    if inside {
        scan_root.clone()
    } else {
        Root::new(dir).unwrap_or_else(|_| scan_root.clone())
    }
}

/// Paths in the report are relative to the scanned directory (or the current directory when a
/// file was given).
fn scan_root(first: &Path) -> PathBuf {
    if first.is_dir() {
        first.to_path_buf()
    } else {
        PathBuf::from(".")
    }
}

/// The interpreter and platform markers are evaluated for: the configured Python version, else
/// the floor of `requires-python` in the scanned project's pyproject.toml, else 3.12.
fn target(options: &AuditOptions, root: &Path) -> Target {
    let python = options
        .python_version
        .clone()
        .or_else(|| crate::root_python(root))
        .unwrap_or_else(|| "3.12".to_string());
    Target::new(&python, options.platform)
}
