//! `pyward config` as an [`Analyzer`]: the `[tool.pyward.config]` section and command-line
//! overrides around [`crate::scan`].

use std::path::PathBuf;

use pyward_core::{Analyzer, Report, RuleMeta, ScanError, Scope};

use crate::{ConfigKind, ConfigOptions, ConfigSection};

/// The configuration-file analyzer. The fields are command-line overrides; the rest comes from
/// `[tool.pyward.config]`.
#[derive(Debug, Clone, Default)]
pub struct ConfigAnalyzer {
    /// Audit explicit files as this format (`--type`); for directories, only this format.
    pub kind: Option<ConfigKind>,
    /// The filesystem root absolute include paths resolve under (`--root`).
    pub root: Option<PathBuf>,
    /// Extra exclude globs (`--exclude`).
    pub exclude: Vec<String>,
}

impl Analyzer for ConfigAnalyzer {
    fn name(&self) -> &'static str {
        "config"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::RULES.to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        let mut report = Report::new("config");
        let section: ConfigSection = scope.config.section_or_error("config", &mut report.errors);
        let mut exclude = scope.config.exclude.clone();
        exclude.extend(section.exclude.iter().cloned());
        exclude.extend(self.exclude.iter().cloned());
        let options = ConfigOptions {
            kind: self.kind,
            root: self.root.clone().or(section.root),
            exclude,
            selector: scope.selector(&[], &[]),
        };
        for path in scope.paths {
            if !path.exists() {
                report.errors.push(ScanError {
                    path: path.display().to_string(),
                    message: "no such file or directory".into(),
                });
            }
        }
        let existing: Vec<PathBuf> = scope.paths.iter().filter(|p| p.exists()).cloned().collect();
        // The shared walk, narrowed to this analyzer's excludes and size limit.
        match scope
            .inventory
            .narrowed(&crate::inventory_options(&options))
        {
            Some(inventory) if existing.len() == scope.paths.len() => {
                crate::scan_inventory(&inventory, &options, &mut report)
            }
            _ => crate::scan(&existing, &options, &mut report),
        }
        report.normalize();
        pyward_core::dedupe(&mut report.findings);
        // Paths here are relative to the scanned directory, as `test-paths` patterns are.
        report.apply_test_policy(scope.test_paths, scope.include_tests, |_| true);
        // Paths of discovered files are relative to their directory; show them from here.
        let mut bases: Vec<PathBuf> = existing.iter().filter(|p| p.is_dir()).cloned().collect();
        bases.push(PathBuf::from("."));
        let cwd = std::env::current_dir().ok();
        pyward_core::names::rebase_report(&mut report, &bases, cwd.as_deref());
        report
    }
}
