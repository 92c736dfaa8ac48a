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

pub mod ast;
pub mod checker;
pub mod django;
mod engine;
pub mod rules;
pub mod secrets;
pub mod suppress;
mod walk;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Deserialize;

use pyward_core::{Finding, Report, RuleMeta, RuleSelector, ScanError};

use crate::checker::RuleSet;
use crate::engine::FileSettings;

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
    source: &str,
    opts: &CodeOptions,
    rule_set: &RuleSet,
    pfi: &PerFileIgnores,
    loader: Option<&dyn django::ModuleLoader>,
) -> engine::FileResult {
    let ignored = pfi.for_path(path);
    let file_ignored = |rule: &RuleMeta| ignored.iter().any(|e| matches_entry(e, rule));
    let settings = FileSettings {
        rules: rule_set,
        ignore_nosec: opts.ignore_nosec,
        report_unused: opts.report_unused_suppressions,
        file_ignored: &file_ignored,
        unused_enabled: rule_set.enabled(&rules::pyward::py001_unused_suppression::RULE),
        loader,
    };
    engine::check_file(path, source, &settings)
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
        engine::with_big_stack(|| check_text(path, source, opts, &set, &pfi, None).findings);
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
        .collect();
    result
}

/// Scans files and directories. Never panics: unreadable or undecodable files become
/// `Report.errors`, unparseable ones `PY000` findings; `Report.inputs` lists the files checked
/// and `Report.suppressed` the findings silenced by comments.
pub fn scan(paths: &[PathBuf], opts: &CodeOptions) -> Report {
    let mut report = Report::new("code");
    let set = rule_set(opts);
    let pfi = PerFileIgnores::new(opts, &mut report.warnings);
    let walked = walk::collect(paths, opts, &mut report.warnings);
    report.errors.extend(walked.errors);
    let projects: Vec<django::Project> = paths
        .iter()
        .filter_map(|p| django::Project::new(p, walked.files.iter().map(|f| f.path.as_path())))
        .collect();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .stack_size(engine::STACK_SIZE)
        .thread_name(|i| format!("pyward-code-{i}"))
        .build();
    let work = |file: &walk::File| -> (String, Result<engine::FileResult, String>) {
        let result = match fs_err::read(&file.path) {
            Err(e) => Err(e.to_string()),
            Ok(bytes) if file.text => Ok(check_text_file(&file.display, &bytes, opts, &pfi)),
            Ok(bytes) => match engine::decode(&bytes) {
                Err(msg) => Err(msg),
                Ok(text) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let loader = django::FsLoader::new(&file.path, &projects);
                    check_text(&file.display, &text, opts, &set, &pfi, Some(&loader))
                }))
                .map_err(|_| {
                    "internal error while checking this file (please report it)".to_string()
                }),
            },
        };
        (file.display.clone(), result)
    };
    let results: Vec<(String, Result<engine::FileResult, String>)> = match &pool {
        Ok(pool) => pool.install(|| walked.files.par_iter().map(work).collect()),
        Err(_) => engine::with_big_stack(|| walked.files.iter().map(work).collect()),
    };

    let mut lines = 0usize;
    let mut parse_errors = 0usize;
    for (display, result) in results {
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
