//! The one interface every analyzer implements.
//!
//! An analyzer (`deps`, `code`, `config`, and later `probe`, `host`, `image`) is a value that
//! names itself, lists the rules it owns, and turns a [`Scope`] into a [`Report`]. The command
//! line builds the scope once; `pyward deps|code|config` run one analyzer over it and
//! `pyward scan` runs several in parallel over the same scope. Adding an analyzer means writing
//! one `impl Analyzer` in its own crate and listing it in `pyward-scan`; no other analyzer
//! changes.

use std::path::PathBuf;

use crate::finding::Report;
use crate::inventory::Inventory;
use crate::project_config::ProjectConfig;
use crate::rule::RuleMeta;
use crate::select::RuleSelector;
use crate::testpaths::TestPaths;

/// What an analyzer runs over, shared by every analyzer of a run.
pub struct Scope<'a> {
    /// The paths named on the command line (directories or files), as given.
    pub paths: &'a [PathBuf],
    /// Every file under `paths`, walked once with one ignore, exclude, symlink and size policy.
    pub inventory: &'a Inventory,
    /// The project configuration (`[tool.pyward]`); analyzers read their own section from it.
    pub config: &'a ProjectConfig,
    /// `--select` from the command line: replaces the configured selection when not empty.
    pub select: &'a [String],
    /// `--ignore` from the command line: added to the configured one.
    pub ignore: &'a [String],
    /// The test-code patterns (`test-paths`, `extend-test-paths`).
    pub test_paths: &'a TestPaths,
    /// `--include-tests`: report findings in test code instead of counting them.
    pub include_tests: bool,
    /// `--fail-on-empty`: an analyzer that finds nothing to audit reports an error.
    pub fail_on_empty: bool,
    /// Where analyzers report how far they got (a progress display, or nothing).
    pub progress: &'a dyn Progress,
}

impl Scope<'_> {
    /// The rule selection for an analyzer with its own `select`/`ignore` keys
    /// (`[tool.pyward.code]`): `--select` wins over the section's, which wins over the
    /// project-wide one; every `ignore` adds up.
    pub fn selector(&self, section_select: &[String], section_ignore: &[String]) -> RuleSelector {
        self.config
            .selector(self.select, self.ignore, section_select, section_ignore)
    }
}

/// An analyzer: the unit `pyward scan --only/--skip` chooses between.
pub trait Analyzer: Send + Sync {
    /// The name users type: `deps`, `code`, `config`.
    fn name(&self) -> &'static str;

    /// Every rule this analyzer can report.
    fn rules(&self) -> Vec<&'static RuleMeta>;

    /// Analyzes the scope. Paths in the report are relative to the current directory (or
    /// absolute), as they are shown. Anything the analyzer could not audit is a
    /// [`crate::ScanError`] in the report, next to the findings of everything else.
    fn run(&self, scope: &Scope<'_>) -> Report;
}

/// Progress of a run, for a display on a terminal. Every method may be called from several
/// threads; the default implementations do nothing.
pub trait Progress: Sync {
    /// `analyzer` starts, with `total` units of work (files) when known. An analyzer may call it
    /// again once it knows its total.
    fn start(&self, _analyzer: &str, _total: Option<u64>) {}
    /// `analyzer` finished `n` more units.
    fn advance(&self, _analyzer: &str, _n: u64) {}
    /// `analyzer` is done.
    fn finish(&self, _analyzer: &str) {}
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {}
