//! `pyward deps`: audit dependencies against the advisory database (the audit is
//! `pyward_deps::run`; this builds its options and renders the result).

use std::path::PathBuf;

use anyhow::Result;
use pyward_core::Registry;
use pyward_deps::{AuditOptions, DepsSection, FixMode};
use pyward_manifest::Platform;

use crate::args::{DepsArgs, FormatArg, PlatformArg};
use crate::output::{Status, eprint_line, finish_in, load_config, selector};

pub fn run(args: &DepsArgs, registry: &Registry) -> Result<Status> {
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut config = load_config(&args.common, &first)?;
    let section: DepsSection = config.section_or_default("deps");
    let platform = args.platform.map(|p| match p {
        PlatformArg::Linux => Platform::Linux,
        PlatformArg::Macos => Platform::Macos,
        PlatformArg::Windows => Platform::Windows,
    });
    let mut options = AuditOptions::from_section(&section, platform)?;
    options.paths = args.paths.clone();
    options.envs = args.envs.clone();
    options
        .exclude
        .extend(config.exclude.iter().chain(&args.exclude).cloned());
    if args.python_version.is_some() {
        options.python_version = args.python_version.clone();
    }
    if args.db.is_some() {
        options.db = args.db.clone();
    }
    options.online = args.online;
    options.fix = match (args.dry_run, args.fix) {
        (true, _) => Some(FixMode::Plan),
        (false, true) => Some(FixMode::Apply),
        (false, false) => None,
    };
    options.index_url = args.index_url.clone();
    options.require_hashes |= args.require_hashes;
    options.ignore_until_fixed |= args.ignore_until_fixed;
    options.selector = selector(&args.common, &config);
    options.test_paths = config.test_paths()?;
    options.include_tests = args.common.include_tests;
    options.fail_on_empty |= args.common.fail_on_empty || config.fail_on_empty == Some(true);
    options.unknown_severity = args.unknown_severity.unwrap_or(options.unknown_severity);

    let outcome = pyward_deps::run(&options)?;
    // The fix plan goes to stdout when the report does not.
    let to_stdout = args.common.format == FormatArg::Text && args.common.output.is_none();
    for line in &outcome.fix_lines {
        if to_stdout {
            println!("{line}");
        } else {
            eprint_line(line);
        }
    }
    // Paths are relative to the scan root; show them from the current directory.
    let unknown_as = options.unknown_severity;
    finish_in(
        outcome.report,
        &args.common,
        &config,
        registry,
        unknown_as,
        &[outcome.root],
    )
}
