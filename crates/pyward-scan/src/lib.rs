//! The analyzers of pyward, together: the registry of every rule, and `pyward scan`, which runs
//! several analyzers over one scope in parallel and merges their reports into one.
//!
//! An analyzer is anything implementing [`pyward_core::Analyzer`]; [`analyzers`] lists them in
//! the order reports show them. Adding one is one line here and an `impl Analyzer` in its crate.

pub mod baseline;

use std::time::{Duration, Instant};

use pyward_core::finding::TEST_FINDINGS_HIDDEN;
use pyward_core::{Analyzer, Registry, Report, Scope};
use serde_json::Value;

pub use baseline::{Baseline, BaselineError, BaselineOutcome};

/// Every analyzer with its default options, in report order.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    configured(&ScanOptions::default())
}

/// Every analyzer with the scan-wide overrides of `options`, in report order: the one list of
/// analyzers.
fn configured(options: &ScanOptions) -> Vec<Box<dyn Analyzer>> {
    let offline: Vec<Box<dyn Analyzer>> = vec![
        Box::new(pyward_deps::DepsAnalyzer {
            envs: options.envs.clone(),
            exclude: options.exclude.clone(),
            db: options.db.clone(),
            ..Default::default()
        }),
        Box::new(pyward_code::CodeAnalyzer {
            exclude: options.exclude.clone(),
            ..Default::default()
        }),
        Box::new(pyward_config::ConfigAnalyzer {
            exclude: options.exclude.clone(),
            ..Default::default()
        }),
    ];
    offline
        .into_iter()
        .chain((!options.images.is_empty()).then(|| {
            // Only with images (`--image`, the `images` config key).
            Box::new(pyward_image::ScanImagesAnalyzer {
                images: options.images.clone(),
                db: options.db.clone(),
            }) as Box<dyn Analyzer>
        }))
        .chain((!options.urls.is_empty()).then(|| {
            // Only with `--url`: a scan without URLs stays a purely offline project scan.
            Box::new(pyward_probe::ProbeAnalyzer {
                urls: options.urls.clone(),
                options: options.probe.clone(),
            }) as Box<dyn Analyzer>
        }))
        .collect()
}

/// What `pyward scan` runs, beyond the shared scope.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Run only these analyzers (empty: all).
    pub only: Vec<String>,
    /// Do not run these analyzers.
    pub skip: Vec<String>,
    /// Extra exclude globs (`--exclude`), for every analyzer.
    pub exclude: Vec<String>,
    /// Installed environments the dependency analyzer also audits (`--env`).
    pub envs: Vec<std::path::PathBuf>,
    /// The advisory database (`--db`).
    pub db: Option<std::path::PathBuf>,
    /// Live URLs to probe (`--url`); the probe analyzer runs only when given.
    pub urls: Vec<String>,
    /// How the probe runs (`--no-active`, `--ca-file`).
    pub probe: pyward_probe::ProbeOptions,
    /// Container images to audit (`--image` and the `images` config key), relative to the
    /// scanned root; the image analyzer runs only when some are given.
    pub images: Vec<std::path::PathBuf>,
}

/// The `[tool.pyward.scan]` configuration section.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ScanSection {
    /// Analyzers `pyward scan` runs by default (empty: all).
    #[serde(default)]
    pub only: Vec<String>,
    /// Analyzers `pyward scan` never runs.
    #[serde(default)]
    pub skip: Vec<String>,
}

/// The analyzers a scan runs, configured from `options`, in report order. `--only`/`--skip`
/// win over the `[tool.pyward.scan]` section.
pub fn select(options: &ScanOptions, section: &ScanSection) -> Vec<Box<dyn Analyzer>> {
    let only = if options.only.is_empty() {
        &section.only
    } else {
        &options.only
    };
    configured(options)
        .into_iter()
        .filter(|a| only.is_empty() || only.iter().any(|n| n == a.name()))
        .filter(|a| {
            !options.skip.iter().any(|n| n == a.name())
                && !section.skip.iter().any(|n| n == a.name())
        })
        .collect()
}

/// The names of the analyzers `scan` can run (`--only`, `--skip`).
pub fn names() -> Vec<&'static str> {
    analyzers()
        .iter()
        .map(|a| a.name())
        .chain(["probe", "image"])
        .collect()
}

/// Every rule of every analyzer, in one registry: the source of `pyward rule`, the generated
/// `docs/rules/` pages and SARIF rule metadata.
pub fn registry() -> Registry {
    let mut registry = Registry::new();
    for analyzer in analyzers() {
        registry.extend(analyzer.rules());
    }
    registry.extend(pyward_probe::ProbeAnalyzer::default().rules());
    // `pyward host` is not part of a project scan; its rules are in the one registry.
    registry.extend(pyward_host::HostAnalyzer::default().rules());
    // `pyward image` is not part of a project scan either.
    registry.extend(pyward_image::ImageAnalyzer::default().rules());
    registry
}

/// How long one analyzer took.
#[derive(Debug, Clone)]
pub struct Timing {
    pub analyzer: &'static str,
    pub elapsed: Duration,
}

/// Runs `analyzers` over `scope` in parallel and merges their reports into one `scan` report:
/// findings, errors, warnings, inputs and suppressions of all of them, each analyzer's figures
/// under its name in `stats`, and test-code counts added up.
pub fn run(analyzers: &[Box<dyn Analyzer>], scope: &Scope<'_>) -> (Report, Vec<Timing>) {
    let outcomes: Vec<(Report, Timing)> = std::thread::scope(|s| {
        let handles: Vec<_> = analyzers
            .iter()
            .map(|analyzer| {
                let name = analyzer.name();
                let handle = s.spawn(move || {
                    let start = Instant::now();
                    scope.progress.start(name, None);
                    let report = analyzer.run(scope);
                    scope.progress.finish(name);
                    (report, start.elapsed())
                });
                (name, handle)
            })
            .collect();
        handles
            .into_iter()
            .map(|(name, handle)| {
                let (report, elapsed) = handle.join().unwrap_or_else(|_| {
                    // An analyzer that panicked audited nothing: say so, keep the others.
                    let mut report = Report::new(name);
                    report.errors.push(pyward_core::ScanError {
                        path: String::new(),
                        message: format!("the {name} analyzer stopped on an internal error"),
                    });
                    (report, Duration::ZERO)
                });
                let timing = Timing {
                    analyzer: name,
                    elapsed,
                };
                (report, timing)
            })
            .collect()
    });

    let mut merged = Report::new("scan");
    let mut timings = Vec::new();
    let mut hidden = 0u64;
    let mut in_tests = 0u64;
    for (mut report, timing) in outcomes {
        hidden += report.test_findings_hidden();
        in_tests += report
            .stats
            .remove("test_findings")
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        report.stats.remove(TEST_FINDINGS_HIDDEN);
        merged.findings.append(&mut report.findings);
        merged.errors.append(&mut report.errors);
        merged.warnings.append(&mut report.warnings);
        merged.suppressed.append(&mut report.suppressed);
        merged.inputs.append(&mut report.inputs);
        merged.skipped.append(&mut report.skipped);
        merged.packages.append(&mut report.packages);
        // One entry per analyzer that ran, even without figures: the summary table lists them.
        let stats: serde_json::Map<String, Value> = report.stats.into_iter().collect();
        merged
            .stats
            .insert(timing.analyzer.into(), Value::Object(stats));
        timings.push(timing);
    }
    merged.stats.insert("test_findings".into(), in_tests.into());
    merged
        .stats
        .insert(TEST_FINDINGS_HIDDEN.into(), hidden.into());
    // Two analyzers may see the same secret at the same place (a `.env` file is configuration
    // and, with `scan-text-files`, text the code analyzer searches): report it once.
    pyward_core::dedupe(&mut merged.findings);
    merged.warnings.dedup();
    (merged, timings)
}
