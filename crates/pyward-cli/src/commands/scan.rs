//! `pyward scan`: every analyzer over one project, in parallel, into one report.

use anyhow::Result;
use pyward_core::{NoProgress, Progress, Registry, Severity};
use pyward_scan::{ScanOptions, ScanSection};

use crate::args::ScanArgs;
use crate::output::{Prepared, Status, finish, load_config};
use crate::progress::TerminalProgress;

pub fn run(args: &ScanArgs, registry: &Registry) -> Result<Status> {
    let first = args.paths.first().cloned().unwrap_or_else(|| ".".into());
    let config = load_config(&args.common, &first)?;
    let mut errors = Vec::new();
    let section: ScanSection = config.section_or_error("scan", &mut errors);
    let options = ScanOptions {
        only: args.only.clone(),
        skip: args.skip.clone(),
        exclude: args.exclude.clone(),
        envs: args.envs.clone(),
        db: args.db.clone(),
        urls: args.urls.clone(),
        probe: pyward_probe::ProbeOptions {
            active: !args.no_active,
            extra_roots_pem: super::probe::read_ca_file(args.ca_file.as_deref())?,
            ..Default::default()
        },
        // The command line's, then the config's (both relative to the scanned root).
        images: args
            .images
            .iter()
            .cloned()
            .chain(config.images.iter().map(std::path::PathBuf::from))
            .collect(),
    };
    let analyzers = pyward_scan::select(&options, &section);

    let terminal = TerminalProgress::for_terminal(args.common.quiet);
    let progress: &dyn Progress = match &terminal {
        Some(t) => t,
        None => &NoProgress,
    };
    let prepared = Prepared::new(&args.paths, &config, &args.exclude, false, progress)?;
    let scope = prepared.scope(&args.common, &config, progress);
    let (mut report, timings) = pyward_scan::run(&analyzers, &scope);
    if let Some(t) = &terminal {
        t.clear();
    }
    report.errors.extend(errors);
    if args.common.verbose {
        // Only on request: timings would make the same scan render to different bytes.
        let timings: serde_json::Map<String, serde_json::Value> = timings
            .iter()
            .map(|t| {
                (
                    t.analyzer.to_string(),
                    (t.elapsed.as_millis() as u64).into(),
                )
            })
            .collect();
        report.stats.insert("timings_ms".into(), timings.into());
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
