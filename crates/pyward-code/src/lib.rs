//! pyward's Python code analyzer (`pyward code`): a ruff-parser based, Bandit-compatible
//! security linter.
//!
//! - [`scan`] walks paths in parallel and checks every Python file.
//! - [`check_source`] checks one file's text (tests and fixtures).
//! - [`rules`](fn@rules) lists the rule registry entries; see [`rules`](mod@rules) for the code scheme.
//!
//! Each file is parsed once and walked once; rules are dispatched by node kind and only the
//! enabled ones run. Imports and aliases are resolved so rules match qualified names.
//!
//! Beyond the Bandit-compatible rules:
//! - [`django`]: static evaluation of Django settings modules (literals, concatenation,
//!   environment defaults, `from .base import *` chains) and every `manage.py check --deploy`
//!   security check (`DJ0xx`; each finding records its `django_check` ID);
//! - Flask (`FL0xx`), FastAPI/Starlette/Uvicorn (`FA0xx`) and cross-framework authentication
//!   rules (`AUTH0xx`: JWT verification and keys, password hashing, `==` on secrets, sensitive
//!   logging, weak randomness for tokens);
//! - [`secrets`]: hard-coded secrets (`SEC001` provider formats with checksums where the format
//!   has one, `SEC002` high-entropy values in secret-named variables), always redacted; with
//!   [`CodeOptions::scan_text_files`] also in `.env`, YAML, JSON, ini, TOML and Dockerfiles
//!   ([`scan_text`] checks one such text).

mod analyzer;
pub mod ast;
pub mod checker;
pub mod django;
mod engine;
mod fastapi_links;
pub mod rules;
pub mod secrets;
pub mod suppress;
mod walk;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Deserialize;

use pyward_core::{
    Finding, Inventory, InventoryOptions, Report, RuleMeta, RuleSelector, ScanError, TestPaths,
};

use crate::checker::RuleSet;
use crate::engine::FileSettings;

pub use crate::analyzer::CodeAnalyzer;
pub use crate::engine::{MAX_FILE_BYTES, MAX_NESTING};
pub use crate::secrets::scan_text;

/// Options of one `pyward code` run.
#[derive(Debug, Clone, Default)]
pub struct CodeOptions {
    /// Glob patterns of files or directories to skip (matched against the path relative to
    /// the scanned root and against each file or directory name).
    pub exclude: Vec<String>,
    /// Also scan virtual environments, `site-packages` and tool caches.
    pub include_venvs: bool,
    /// Report findings even on lines with `# nosec` (`# pyward: ignore[...]` still applies).
    pub ignore_nosec: bool,
    /// Report suppression comments that suppress nothing, as `PY001` findings.
    pub report_unused_suppressions: bool,
    /// `(glob, [codes, Bandit IDs, names or prefixes])`: rules ignored in matching files.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    pub selector: RuleSelector,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Also scan `.env`, YAML, JSON, ini/cfg, TOML and Dockerfiles for hard-coded secrets
    /// (`SEC001`/`SEC002` only).
    pub scan_text_files: bool,
    /// Which files are test code: there the rules in [`SKIPPED_IN_TESTS`] do not run and the
    /// other findings are marked [`Finding::in_test_code`] (the CLI hides them unless
    /// `--include-tests`). Matched against paths relative to the scanned directory.
    pub test_paths: TestPaths,
    pub profile: Profile,
}

/// How closely `pyward code` follows Bandit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Profile {
    /// pyward's defaults: the test-code policy, one `PY608` finding per expression.
    #[default]
    Pyward,
    /// Exactly Bandit's behaviour on Bandit's rules: no test-code policy, `B608` reported on
    /// every line of a concatenation that holds a string piece (Bandit reports each piece).
    Bandit,
}

/// Rules that make no sense in test code and never run there (outside `Profile::Bandit`):
/// asserts are how tests check things, and fixtures hold made-up passwords, keys and
/// temporary paths, compare tokens with `==` and seed `random`. Provider-format secrets
/// (`SEC001`) still run: a real key in a test is still leaked.
pub const SKIPPED_IN_TESTS: &[&str] = &[
    "PY101",   // assert
    "PY105",   // hard-coded password string
    "PY106",   // hard-coded password argument
    "PY107",   // hard-coded password default
    "PY108",   // hard-coded /tmp
    "PY311",   // random
    "AUTH002", // hard-coded JWT key
    "AUTH004", // == on secrets
    "AUTH006", // weak random token
    "FL001",   // hard-coded Flask SECRET_KEY
    "SEC002",  // high-entropy value in a secret-named variable
];

impl CodeOptions {
    /// Whether `rel_path` is test code under this run's policy.
    pub fn is_test(&self, rel_path: &str) -> bool {
        self.profile != Profile::Bandit && self.test_paths.is_test(rel_path)
    }
}

/// The `[tool.pyward.code]` configuration section.
///
/// ```toml
/// [tool.pyward.code]
/// exclude = ["migrations/", "docs/**"]
/// include-venvs = false
/// ignore-nosec = false
/// report-unused-suppressions = true
/// scan-text-files = true
/// include-tests = false
/// select = ["PY"]
/// ignore = ["B101"]
///
/// [tool.pyward.code.per-file-ignores]
/// "tests/**" = ["B101", "PY105"]
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CodeSection {
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub include_venvs: bool,
    #[serde(default)]
    pub ignore_nosec: bool,
    #[serde(default)]
    pub report_unused_suppressions: bool,
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub threads: Option<usize>,
    #[serde(default)]
    pub scan_text_files: bool,
    /// Show findings in test code (hidden and counted by default); read by the CLI.
    #[serde(default)]
    pub include_tests: bool,
}

impl CodeSection {
    /// Options from this section alone (the CLI layers its flags on top).
    pub fn to_options(&self) -> CodeOptions {
        CodeOptions {
            exclude: self.exclude.clone(),
            include_venvs: self.include_venvs,
            ignore_nosec: self.ignore_nosec,
            report_unused_suppressions: self.report_unused_suppressions,
            per_file_ignores: self
                .per_file_ignores
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            selector: RuleSelector::new(self.select.clone(), self.ignore.clone()),
            threads: self.threads,
            scan_text_files: self.scan_text_files,
            ..CodeOptions::default()
        }
    }
}

/// Every rule of the code analyzer, sorted by code.
pub fn rules() -> &'static [&'static RuleMeta] {
    static LIST: OnceLock<Vec<&'static RuleMeta>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<&'static RuleMeta> = rules::RULES.iter().map(|r| r.meta).collect();
        v.sort_by_key(|r| r.code);
        v
    })
}

/// Per-file ignores compiled once.
struct PerFileIgnores {
    entries: Vec<(globset::GlobMatcher, Vec<String>)>,
}

impl PerFileIgnores {
    fn new(opts: &CodeOptions, warnings: &mut Vec<String>) -> PerFileIgnores {
        let mut entries = Vec::new();
        for (pattern, codes) in &opts.per_file_ignores {
            match globset::Glob::new(pattern) {
                Ok(g) => entries.push((g.compile_matcher(), codes.clone())),
                Err(e) => warnings.push(format!("per-file-ignores: invalid glob `{pattern}`: {e}")),
            }
        }
        PerFileIgnores { entries }
    }

    /// The entries that apply to `path`.
    fn for_path(&self, path: &str) -> Vec<&str> {
        let name = path.rsplit('/').next().unwrap_or(path);
        self.entries
            .iter()
            .filter(|(m, _)| m.is_match(path) || m.is_match(name))
            .flat_map(|(_, codes)| codes.iter().map(String::as_str))
            .collect()
    }
}

fn matches_entry(entry: &str, rule: &RuleMeta) -> bool {
    RuleSelector::new(vec![entry.to_string()], Vec::new()).enabled(rule)
}

fn check_text(
    path: &str,
    rel: &str,
    source: &str,
    opts: &CodeOptions,
    rule_set: &RuleSet,
    pfi: &PerFileIgnores,
    loader: Option<&dyn django::ModuleLoader>,
) -> engine::FileResult {
    let ignored = pfi.for_path(path);
    let is_test = opts.is_test(rel);
    let file_ignored = |rule: &RuleMeta| {
        (is_test && SKIPPED_IN_TESTS.contains(&rule.code))
            || ignored.iter().any(|e| matches_entry(e, rule))
    };
    let settings = FileSettings {
        rules: rule_set,
        ignore_nosec: opts.ignore_nosec,
        report_unused: opts.report_unused_suppressions,
        file_ignored: &file_ignored,
        unused_enabled: rule_set.enabled(&rules::pyward::py001_unused_suppression::RULE),
        loader,
        bandit: opts.profile == Profile::Bandit,
    };
    let mut result = engine::check_file(path, source, &settings);
    identify(&mut result, source);
    if is_test {
        mark_test_code(&mut result);
    }
    result
}

/// Fills the fingerprint identity (source snippet, occurrence) of one file's findings, reported
/// and suppressed together.
fn identify(result: &mut engine::FileResult, source: &str) {
    pyward_core::identify_in_source(
        result
            .findings
            .iter_mut()
            .chain(result.suppressed.iter_mut().map(|s| &mut s.finding)),
        source,
    );
}

fn mark_test_code(result: &mut engine::FileResult) {
    let findings = result
        .findings
        .iter_mut()
        .chain(result.suppressed.iter_mut().map(|s| &mut s.finding));
    for f in findings {
        f.metadata
            .insert(pyward_core::finding::TEST_CODE.to_string(), true.into());
    }
}

fn rule_set(opts: &CodeOptions) -> RuleSet {
    RuleSet::new(|r| opts.selector.enabled(r))
}

/// Checks one file's source text and returns the unsuppressed findings, sorted. A syntax
/// error gives one `PY000` finding; input refused by the guards (NUL byte, absurd nesting)
/// gives none.
pub fn check_source(path: &str, source: &str, opts: &CodeOptions) -> Vec<Finding> {
    let set = rule_set(opts);
    let pfi = PerFileIgnores::new(opts, &mut Vec::new());
    let mut findings =
        engine::with_big_stack(|| check_text(path, path, source, opts, &set, &pfi, None).findings);
    findings.sort_by(|a, b| {
        a.sort_key()
            .partial_cmp(&b.sort_key())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    findings
}

/// Secrets in a non-Python text file; binary or non-UTF-8 files are skipped silently.
fn check_text_file(
    path: &str,
    rel: &str,
    bytes: &[u8],
    opts: &CodeOptions,
    pfi: &PerFileIgnores,
) -> engine::FileResult {
    let mut result = engine::FileResult::default();
    if bytes.len() > MAX_FILE_BYTES || bytes.contains(&0) {
        return result;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return result;
    };
    result.lines = text.lines().count();
    let ignored = pfi.for_path(path);
    result.findings = secrets::scan_text(path, text, opts)
        .into_iter()
        .filter(|f| {
            rules()
                .iter()
                .find(|r| r.code == f.code)
                .is_none_or(|r| !ignored.iter().any(|e| matches_entry(e, r)))
        })
        .filter(|f| !(opts.is_test(rel) && SKIPPED_IN_TESTS.contains(&f.code.as_str())))
        .collect();
    identify(&mut result, text);
    if opts.is_test(rel) {
        mark_test_code(&mut result);
    }
    result
}

/// Scans files and directories. Never panics: unreadable or undecodable files become
/// `Report.errors`, unparseable ones `PY000` findings; `Report.inputs` lists the files checked
/// and `Report.suppressed` the findings silenced by comments.
pub fn scan(paths: &[PathBuf], opts: &CodeOptions) -> Report {
    let inv = Inventory::walk(paths, &inventory_options(opts));
    scan_inventory(&inv, opts)
}

/// The walk `pyward code` needs on its own: its excludes, venv choice and threads, and its
/// per-file size limit ([`MAX_FILE_BYTES`]).
pub fn inventory_options(opts: &CodeOptions) -> InventoryOptions {
    InventoryOptions {
        exclude: opts.exclude.clone(),
        max_file_size: MAX_FILE_BYTES as u64,
        include_venvs: opts.include_venvs,
        threads: opts.threads,
    }
}

/// Checks the Python files of an inventory (and its text files with `scan_text_files`).
/// `opts.exclude` is not applied here: the inventory already did.
pub fn scan_inventory(inv: &Inventory, opts: &CodeOptions) -> Report {
    scan_inventory_with(inv, opts, &pyward_core::NoProgress)
}

/// [`scan_inventory`], telling `progress` how many files there are and as each is checked.
pub fn scan_inventory_with(
    inv: &Inventory,
    opts: &CodeOptions,
    progress: &dyn pyward_core::Progress,
) -> Report {
    let mut report = Report::new("code");
    let set = rule_set(opts);
    let pfi = PerFileIgnores::new(opts, &mut report.warnings);
    let files = walk::select(inv, opts, &mut report);
    progress.start("code", Some(files.len() as u64));
    let projects: Vec<django::Project> = inv
        .roots
        .iter()
        .filter_map(|p| django::Project::new(p, files.iter().map(|f| f.path.as_path())))
        .collect();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .stack_size(engine::STACK_SIZE)
        .thread_name(|i| format!("pyward-code-{i}"))
        .build();
    type Outcome = (
        String,
        Result<engine::FileResult, String>,
        Option<fastapi_links::ModuleLinks>,
    );
    let fastapi_enabled = set.enabled(&rules::fastapi::fa002_unauthenticated_state_change::RULE);
    let work = |file: &walk::File| -> Outcome {
        // A panic in a rule (or anywhere in checking one file) becomes an error for that file;
        // the run goes on. Stack overflows cannot be caught: the depth limits rule them out.
        let mut links = None;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // Regular files only (a FIFO or device never blocks the run), at most the size
            // limit, never through a symlink in the last component.
            match pyward_core::fs::read_bytes(&file.path, MAX_FILE_BYTES as u64) {
                Err(e) => Err(e.reason()),
                Ok(bytes) if file.text => Ok(check_text_file(
                    &file.display,
                    &file.rel,
                    &bytes,
                    opts,
                    &pfi,
                )),
                Ok(bytes) => engine::decode(&bytes).map(|text| {
                    if fastapi_enabled {
                        links = Some(fastapi_links::module_links(&file.display, &text));
                    }
                    let loader = django::FsLoader::new(&file.path, &projects);
                    check_text(
                        &file.display,
                        &file.rel,
                        &text,
                        opts,
                        &set,
                        &pfi,
                        Some(&loader),
                    )
                }),
            }
        }))
        .unwrap_or_else(|_| {
            Err("internal error while checking this file (please report it); the rest of the run went on".to_string())
        });
        progress.advance("code", 1);
        (file.display.clone(), result, links)
    };
    let results: Vec<Outcome> = match &pool {
        Ok(pool) => pool.install(|| files.par_iter().map(work).collect()),
        Err(_) => engine::with_big_stack(|| files.iter().map(work).collect()),
    };

    let mut lines = 0usize;
    let mut parse_errors = 0usize;
    let mut links = Vec::new();
    for (display, result, file_links) in results {
        links.extend(file_links);
        match result {
            Err(message) => report.errors.push(ScanError {
                path: display,
                message,
            }),
            Ok(r) => {
                lines += r.lines;
                if let Some(message) = r.error {
                    report.errors.push(ScanError {
                        path: display.clone(),
                        message,
                    });
                }
                parse_errors += r.findings.iter().filter(|f| f.code == "PY000").count();
                report.findings.extend(r.findings);
                report.suppressed.extend(r.suppressed);
                report.inputs.push(display);
            }
        }
    }
    fastapi_links::drop_authenticated_routes(&links, &mut report.findings);
    report.suppressed.sort_by(|a, b| {
        a.finding
            .sort_key()
            .partial_cmp(&b.finding.sort_key())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    report.normalize();
    report
        .stats
        .insert("files".into(), report.inputs.len().into());
    report.stats.insert("lines".into(), lines.into());
    report
        .stats
        .insert("parse_errors".into(), parse_errors.into());
    report
        .stats
        .insert("suppressed".into(), report.suppressed.len().into());
    report.stats.insert("rules".into(), set_len(&set).into());
    report
}

fn set_len(set: &RuleSet) -> usize {
    rules().iter().filter(|r| set.enabled(r)).count()
}
