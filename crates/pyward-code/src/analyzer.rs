//! `pyward code` as an [`Analyzer`]: the `[tool.pyward.code]` section, command-line overrides
//! and the test-code policy around [`crate::scan`].

use pyward_core::{Analyzer, Report, RuleMeta, Scope};

use crate::{CodeSection, Profile};

/// The code analyzer. The fields are command-line overrides; everything else comes from the
/// `[tool.pyward.code]` section of the scope's configuration.
#[derive(Debug, Clone, Default)]
pub struct CodeAnalyzer {
    /// Extra exclude globs (`--exclude`).
    pub exclude: Vec<String>,
    pub include_venvs: bool,
    pub ignore_nosec: bool,
    pub report_unused_suppressions: bool,
    pub scan_text_files: bool,
    pub threads: Option<usize>,
    pub profile: Profile,
}

impl Analyzer for CodeAnalyzer {
    fn name(&self) -> &'static str {
        "code"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules().to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        let mut errors = Vec::new();
        let section: CodeSection = scope.config.section_or_error("code", &mut errors);
        let mut options = section.to_options();
        options.exclude.extend(scope.config.exclude.iter().cloned());
        options.exclude.extend(self.exclude.iter().cloned());
        options.include_venvs |= self.include_venvs;
        options.ignore_nosec |= self.ignore_nosec;
        options.report_unused_suppressions |= self.report_unused_suppressions;
        options.scan_text_files |= self.scan_text_files;
        options.threads = self.threads.or(options.threads);
        options.selector = scope.selector(&section.select, &section.ignore);
        options.profile = self.profile;
        options.test_paths = scope.test_paths.clone();

        // The shared walk, narrowed to this analyzer's excludes and limits (a walk of its own
        // only when the shared one cannot answer, e.g. `include-venvs` in the section).
        let wanted = crate::inventory_options(&options);
        let mut report = match scope.inventory.narrowed(&wanted) {
            Some(inventory) => crate::scan_inventory_with(&inventory, &options, scope.progress),
            None => crate::scan(scope.paths, &options),
        };
        report.errors.extend(errors);
        if options.profile == Profile::Pyward {
            // One secret at one place is one finding (a GitHub token under `PASSWORD = …` is
            // not also a hard-coded password); Bandit's profile keeps Bandit's duplicates.
            report.normalize();
            pyward_core::dedupe(&mut report.findings);
            // The engine marks findings in test files itself (it also skips rules there).
            let include = scope.include_tests || section.include_tests;
            report.apply_test_policy(scope.test_paths, include, |_| false);
        }
        report
    }
}
