//! `pyward deps`: audit dependencies against the advisory database (the audit is
//! `pyward_deps::DepsAnalyzer`; this sets its overrides and renders the result).

use anyhow::Result;
use pyward_core::{NoProgress, Registry};
use pyward_deps::{DepsAnalyzer, FixMode};
use pyward_manifest::Platform;

use crate::args::{DepsArgs, FormatArg, PlatformArg};
use crate::output::{Prepared, Status, eprint_line, finish_in, load_config};

pub fn run(args: &DepsArgs, registry: &Registry) -> Result<Status> {
    let first = args.paths.first().cloned().unwrap_or_else(|| ".".into());
    let config = load_config(&args.common, &first)?;
    let analyzer = DepsAnalyzer {
        envs: args.envs.clone(),
        exclude: args.exclude.clone(),
        python_version: args.python_version.clone(),
        platform: args.platform.map(|p| match p {
            PlatformArg::Linux => Platform::Linux,
            PlatformArg::Macos => Platform::Macos,
            PlatformArg::Windows => Platform::Windows,
        }),
        db: args.db.clone(),
        online: args.online,
        fix: match (args.dry_run, args.fix) {
            (true, _) => Some(FixMode::Plan),
            (false, true) => Some(FixMode::Apply),
            (false, false) => None,
        },
        index_url: args.index_url.clone(),
        require_hashes: args.require_hashes,
        ignore_until_fixed: args.ignore_until_fixed,
        unknown_severity: args.unknown_severity,
    };
    let prepared = Prepared::new(&args.paths, &config, &args.exclude, false, &NoProgress)?;
    let (outcome, options) = analyzer.audit(&prepared.scope(&args.common, &config, &NoProgress))?;
    // The fix plan goes to stdout when the report does not.
    let to_stdout = matches!(args.common.format, FormatArg::Text | FormatArg::Concise)
        && args.common.output.is_none();
    for line in &outcome.fix_lines {
        if to_stdout {
            println!("{line}");
        } else {
            eprint_line(line);
        }
    }
    if to_stdout && !outcome.fix_lines.is_empty() {
        // A blank line between the fix plan and the report under it.
        println!();
    }
    // Paths are relative to the scan root; show them from the current directory.
    let (report, roots) = (outcome.report, [outcome.root]);
    finish_in(
        report,
        &args.common,
        &config,
        registry,
        options.unknown_severity,
        &roots,
        &roots,
    )
}
