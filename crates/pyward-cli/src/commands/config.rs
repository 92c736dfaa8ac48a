//! `pyward config`: audit server and container configuration files.

use std::path::PathBuf;

use anyhow::Result;
use pyward_config::{ConfigOptions, ConfigSection};
use pyward_core::{Registry, Report, Severity};

use crate::args::ConfigArgs;
use crate::output::{Status, apply_test_policy, finish_in, load_config, selector};

pub fn run(args: &ConfigArgs, registry: &Registry) -> Result<Status> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let mut config = load_config(&args.common, &first)?;
    let section: ConfigSection = config.section_or_default("config");

    let mut exclude = config.exclude.clone();
    exclude.extend(section.exclude.iter().cloned());
    exclude.extend(args.exclude.iter().cloned());
    let options = ConfigOptions {
        kind: args.kind,
        root: args.root.clone().or(section.root),
        exclude,
        selector: selector(&args.common, &config),
    };
    let mut report = Report::new("config");
    for path in &paths {
        if !path.exists() {
            report.errors.push(pyward_core::ScanError {
                path: path.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    let existing: Vec<PathBuf> = paths.into_iter().filter(|p| p.exists()).collect();
    pyward_config::scan(&existing, &options, &mut report);
    // Paths here are relative to the scanned directory, as `test-paths` patterns are.
    apply_test_policy(
        &mut report,
        &config.test_paths()?,
        args.common.include_tests,
        |_| true,
    );
    // Paths of discovered files are relative to their directory; show them from here.
    let mut bases: Vec<PathBuf> = existing.iter().filter(|p| p.is_dir()).cloned().collect();
    bases.push(PathBuf::from("."));
    if report.inputs.is_empty() && report.errors.is_empty() {
        report
            .warnings
            .push("no configuration files found (use --type to audit a file by format)".into());
    }
    finish_in(
        report,
        &args.common,
        &config,
        registry,
        Severity::High,
        &bases,
    )
}
