//! `pyward config`: audit server and container configuration files.

use anyhow::Result;
use pyward_config::ConfigAnalyzer;
use pyward_core::{Analyzer, NoProgress, Registry, Severity};

use crate::args::ConfigArgs;
use crate::output::{Prepared, Status, finish, load_config};

pub fn run(args: &ConfigArgs, registry: &Registry) -> Result<Status> {
    let first = args.paths.first().cloned().unwrap_or_else(|| ".".into());
    let config = load_config(&args.common, &first)?;
    let analyzer = ConfigAnalyzer {
        kind: args.kind,
        root: args.root.clone(),
        exclude: args.exclude.clone(),
    };
    let prepared = Prepared::new(&args.paths, &config, &args.exclude, false, &NoProgress)?;
    let mut report = analyzer.run(&prepared.scope(&args.common, &config, &NoProgress));
    if report.inputs.is_empty() && report.errors.is_empty() {
        // Alone, finding nothing to audit deserves a hint (in a scan, other areas ran).
        let hint = "no configuration files found (use --type to audit a file by format)";
        report.warnings.push(hint.into());
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
