//! `pyward code`: Bandit-class rules on Python source.

use std::path::PathBuf;

use anyhow::Result;
use pyward_code::CodeSection;
use pyward_core::{Registry, Severity};

use crate::args::{CodeArgs, ProfileArg};
use crate::output::{Status, apply_test_policy, finish, load_config, section_selector};

pub fn run(args: &CodeArgs, registry: &Registry) -> Result<Status> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut config = load_config(&args.common, &paths[0])?;
    let section: CodeSection = config.section_or_default("code");
    let mut options = section.to_options();
    options.exclude.extend(config.exclude.iter().cloned());
    options.exclude.extend(args.exclude.iter().cloned());
    options.include_venvs |= args.include_venvs;
    options.ignore_nosec |= args.ignore_nosec;
    options.report_unused_suppressions |= args.report_unused_suppressions;
    options.scan_text_files |= args.scan_text_files;
    if args.threads.is_some() {
        options.threads = args.threads;
    }
    options.selector = section_selector(&args.common, &config, &section.select, &section.ignore);
    options.profile = match args.profile {
        ProfileArg::Pyward => pyward_code::Profile::Pyward,
        ProfileArg::Bandit => pyward_code::Profile::Bandit,
    };
    options.test_paths = config.test_paths()?;

    let mut report = pyward_code::scan(&paths, &options);
    if options.profile == pyward_code::Profile::Pyward {
        // The engine marks findings in test files itself (it also skips rules there).
        let include = args.common.include_tests || section.include_tests;
        apply_test_policy(&mut report, &options.test_paths, include, |_| false);
    }
    if let Some(level) = args.severity_level {
        report.findings.retain(|f| f.severity >= level);
    }
    if let Some(level) = args.confidence_level {
        report.findings.retain(|f| f.confidence >= level);
    }
    finish(report, &args.common, &config, registry, Severity::High)
}
