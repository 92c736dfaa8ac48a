//! `pyward probe URL…`: the live endpoint probe.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use pyward_core::{Analyzer, NoProgress, Registry, Severity};
use pyward_probe::{ProbeAnalyzer, ProbeOptions};

use crate::args::ProbeArgs;
use crate::output::{Prepared, Status, finish, load_config};

pub fn run(args: &ProbeArgs, registry: &Registry) -> Result<Status> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 600.0) {
        bail!("--timeout must be between 0 and 600 seconds");
    }
    let extra_roots_pem = read_ca_file(args.ca_file.as_deref())?;
    let openapi_document = match &args.openapi {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read --openapi {}", path.display()))?,
        ),
        None => None,
    };
    let config = load_config(&args.common, std::path::Path::new("."))?;
    let analyzer = ProbeAnalyzer {
        urls: args.urls.clone(),
        options: ProbeOptions {
            timeout: Duration::from_secs_f64(args.timeout),
            concurrency: usize::from(args.concurrency),
            headers: args.headers.clone(),
            active: !args.no_active,
            follow_external: args.follow_external,
            extra_roots_pem,
            openapi_document,
            burst: usize::from(args.burst),
            max_body: args.max_body,
            ..ProbeOptions::default()
        },
    };
    let prepared = Prepared::without_walk(&config)?;
    let report = analyzer.run(&prepared.scope(&args.common, &config, &NoProgress));
    finish(
        report,
        &args.common,
        &config,
        registry,
        Severity::High,
        &prepared.paths,
    )
}

/// The PEM text of `--ca-file`, checked to hold a certificate; empty without the option.
pub(crate) fn read_ca_file(path: Option<&std::path::Path>) -> Result<Vec<String>> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let pem = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read --ca-file {}", path.display()))?;
    if !pem.contains("-----BEGIN CERTIFICATE-----") {
        bail!("--ca-file {} holds no PEM certificate", path.display());
    }
    Ok(vec![pem])
}
