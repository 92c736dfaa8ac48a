//! `pyward deps`: audit dependencies against the advisory database.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pyward_core::{Registry, Report, ScanError, Severity};
use pyward_deps::{DepsOptions, DepsSection, python_from_requires, relative};
use pyward_manifest::{Manifest, ManifestError, Platform, Target};

use crate::args::{DepsArgs, PlatformArg};
use crate::commands::db;
use crate::output::{Status, finish, load_config, selector};

pub fn run(args: &DepsArgs, registry: &Registry) -> Result<Status> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() && args.envs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let config = load_config(&args.common, &first)?;
    let section: DepsSection = config.section("deps")?;
    let root = scan_root(&first);

    let mut report = Report::new("deps");
    let target = target(args, &section, &root)?;
    report.stats.insert(
        "target".into(),
        serde_json::json!({
            "python_version": target.python_version,
            "platform": target.platform,
        }),
    );

    // Collect manifest files: explicit files as given, directories by discovery.
    let mut exclude = config.exclude.clone();
    exclude.extend(section.exclude.iter().cloned());
    exclude.extend(args.exclude.iter().cloned());
    let mut files: Vec<PathBuf> = Vec::new();
    for path in &paths {
        if path.is_dir() {
            for found in pyward_manifest::discover(path, &exclude) {
                match found {
                    Ok(file) => files.push(file),
                    Err(err) => report.errors.push(scan_error(&err, &root)),
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            report.errors.push(ScanError {
                path: relative(path, &root),
                message: "no such file or directory".into(),
            });
        }
    }
    files.sort();
    files.dedup();

    let mut manifests: Vec<Manifest> = Vec::new();
    for file in &files {
        match pyward_manifest::parse_file(file, &target) {
            Ok(manifest) => push_manifest(&mut report, &mut manifests, manifest, &root),
            Err(err) => report.errors.push(scan_error(&err, &root)),
        }
    }
    for env in &args.envs {
        match pyward_manifest::read_environment(env, &target) {
            Ok(manifest) => push_manifest(&mut report, &mut manifests, manifest, &root),
            Err(err) => report.errors.push(scan_error(&err, &root)),
        }
    }
    if manifests.is_empty() && report.errors.is_empty() {
        report.warnings.push(format!(
            "no dependency manifests found under {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    let db_path = db::db_path(args.db.as_deref().or(section.db.as_deref()));
    let database = db::open(&db_path)?;
    let max_age = section.db_max_age_days.unwrap_or(db::DEFAULT_MAX_AGE_DAYS);
    if let Some(warning) = db::stale_warning(database.meta(), max_age) {
        report.warnings.push(warning);
    }
    let options = DepsOptions {
        ignore_until_fixed: args.ignore_until_fixed || section.ignore_until_fixed.unwrap_or(false),
        selector: selector(&args.common, &config),
    };
    pyward_deps::audit(&manifests, &database, &options, &root, &mut report)
        .context("auditing dependencies")?;
    report.stats.insert(
        "database".into(),
        serde_json::json!({
            "path": db_path,
            "advisories": database.meta().advisory_count,
            "newest_modified": database.meta().newest_modified,
        }),
    );

    let unknown_as = args
        .unknown_severity
        .or(section.unknown_severity)
        .unwrap_or(Severity::High);
    finish(report, &args.common, &config, registry, unknown_as)
}

fn push_manifest(
    report: &mut Report,
    manifests: &mut Vec<Manifest>,
    manifest: Manifest,
    root: &Path,
) {
    report.inputs.push(relative(&manifest.path, root));
    report.warnings.extend(manifest.warnings.iter().cloned());
    manifests.push(manifest);
}

fn scan_error(err: &ManifestError, root: &Path) -> ScanError {
    ScanError {
        path: relative(err.path(), root),
        message: err.to_string(),
    }
}

/// Paths in the report are relative to the scanned directory (or the current directory when a
/// file was given).
fn scan_root(first: &Path) -> PathBuf {
    if first.is_dir() {
        first.to_path_buf()
    } else {
        PathBuf::from(".")
    }
}

/// The interpreter and platform markers are evaluated for: `--python-version`, the config,
/// then the floor of `requires-python` in the scanned project's pyproject.toml, then 3.12.
fn target(args: &DepsArgs, section: &DepsSection, root: &Path) -> Result<Target> {
    let platform = match args.platform {
        Some(PlatformArg::Linux) => Platform::Linux,
        Some(PlatformArg::Macos) => Platform::Macos,
        Some(PlatformArg::Windows) => Platform::Windows,
        None => match &section.platform {
            Some(p) => p
                .parse::<Platform>()
                .map_err(|e| anyhow::anyhow!("[tool.pyward.deps] platform: {e}"))?,
            None => Platform::Linux,
        },
    };
    let python = args
        .python_version
        .clone()
        .or_else(|| section.python_version.clone())
        .or_else(|| requires_python(root).and_then(|r| python_from_requires(&r)))
        .unwrap_or_else(|| "3.12".to_string());
    Ok(Target::new(&python, platform))
}

fn requires_python(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("pyproject.toml")).ok()?;
    let table: toml::Table = text.parse().ok()?;
    let project = table
        .get("project")
        .and_then(|p| p.get("requires-python"))
        .and_then(|v| v.as_str());
    let poetry = || {
        table
            .get("tool")?
            .get("poetry")?
            .get("dependencies")?
            .get("python")?
            .as_str()
    };
    project.or_else(poetry).map(str::to_string)
}
