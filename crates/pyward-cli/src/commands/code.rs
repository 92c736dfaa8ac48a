//! `pyward code`: Bandit-class rules on Python source.

use anyhow::Result;
use pyward_code::{CodeAnalyzer, Profile};
use pyward_core::{Analyzer, NoProgress, Registry, Severity};

use crate::args::{CodeArgs, ProfileArg};
use crate::output::{Prepared, Status, finish, load_config};

pub fn run(args: &CodeArgs, registry: &Registry) -> Result<Status> {
    let first = args.paths.first().cloned().unwrap_or_else(|| ".".into());
    let config = load_config(&args.common, &first)?;
    let analyzer = CodeAnalyzer {
        exclude: args.exclude.clone(),
        include_venvs: args.include_venvs,
        ignore_nosec: args.ignore_nosec,
        report_unused_suppressions: args.report_unused_suppressions,
        scan_text_files: args.scan_text_files,
        threads: args.threads,
        profile: match args.profile {
            ProfileArg::Pyward => Profile::Pyward,
            ProfileArg::Bandit => Profile::Bandit,
        },
    };
    let prepared = Prepared::new(
        &args.paths,
        &config,
        &args.exclude,
        args.include_venvs,
        &NoProgress,
    )?;
    let mut report = analyzer.run(&prepared.scope(&args.common, &config, &NoProgress));
    if let Some(level) = args.severity_level {
        report.findings.retain(|f| f.severity >= level);
    }
    if let Some(level) = args.confidence_level {
        report.findings.retain(|f| f.confidence >= level);
    }
    finish(
        report,
        &args.common,
        &config,
        registry,
        Severity::High,
        &prepared.paths,
    )
}
