//! `pyward deps`: audit dependencies against the advisory database.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pyward_core::{Registry, Report, ScanError, Severity};
use pyward_deps::online::{ProjectCache, check_online};
use pyward_deps::{DepsOptions, DepsSection, primary_index, redact, relative};
use pyward_manifest::{DepState, Manifest, ManifestError, ManifestKind, Platform, Root, Target};

use crate::args::{DepsArgs, FormatArg, PlatformArg};
use crate::commands::db;
use crate::output::{Status, apply_test_policy, finish_in, load_config, selector};

pub fn run(args: &DepsArgs, registry: &Registry) -> Result<Status> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() && args.envs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let mut config = load_config(&args.common, &first)?;
    let section: DepsSection = config.section_or_default("deps");
    let test_paths = config.test_paths()?;
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

    // Every file is read confined: to the scanned directory, or for a file argument to the
    // current directory (or the file's own directory when it lies elsewhere).
    let cwd_root = Root::new(Path::new(".")).context("reading the current directory")?;
    let scan_root = Root::new(&root).unwrap_or_else(|_| cwd_root.clone());
    let explicit_python = args.python_version.is_some() || section.python_version.is_some();
    let mut manifests: Vec<Manifest> = Vec::new();
    let mut own_python = std::collections::BTreeMap::new();
    for file in &files {
        let confine = confinement(file, &scan_root);
        let mut parsed = pyward_manifest::parse_file_in(file, &target, &confine);
        // Without an explicit --python-version, markers are evaluated for the floor of the
        // project's own `requires-python` (the lock's, or the pyproject.toml beside it).
        if !explicit_python
            && let Ok(m) = &parsed
            && let Some(python) = pyward_deps::project_python(m, &confine)
            && python != target.python_version
        {
            let mut own = target.clone();
            own.python_version = python.clone();
            parsed = pyward_manifest::parse_file_in(file, &own, &confine);
            own_python.insert(relative(file, &root), python);
        }
        match parsed {
            // A setup.cfg that only configures tools, or a setup.py shim, declares nothing.
            Ok(manifest)
                if matches!(
                    manifest.kind,
                    ManifestKind::SetupCfg | ManifestKind::SetupPy
                ) && manifest.dependencies.is_empty()
                    && manifest.skipped_by_marker.is_empty()
                    && manifest.errors.is_empty() => {}
            Ok(manifest) => push_manifest(&mut report, &mut manifests, manifest, &root),
            Err(err) => report.errors.push(scan_error(&err, &root)),
        }
    }
    if !own_python.is_empty() {
        // Files whose markers were evaluated for their own project's Python, not the default.
        report.stats.insert(
            "python_version_by_input".into(),
            serde_json::json!(own_python),
        );
    }
    for env in &args.envs {
        match pyward_manifest::read_environment(env, &target) {
            Ok(manifest) => push_manifest(&mut report, &mut manifests, manifest, &root),
            Err(err) => report.errors.push(scan_error(&err, &root)),
        }
    }
    // No manifest at all is reported by the common empty-run check (it sees no inputs); a
    // manifest without a single dependency is reported here.
    let audited: usize = manifests.iter().map(|m| m.dependencies.len()).sum();
    if audited == 0 && !manifests.is_empty() {
        let message = format!(
            "nothing audited: no dependencies found in the manifests under {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        if args.common.fail_on_empty
            || config.fail_on_empty == Some(true)
            || section.fail_on_empty.unwrap_or(false)
        {
            report.errors.push(ScanError {
                path: relative(&first, &root),
                message: format!("{message} (--fail-on-empty)"),
            });
        } else {
            report.warnings.push(message);
        }
    }

    let db_path = db::db_path(args.db.as_deref().or(section.db.as_deref()));
    let database = db::open(&db_path)?;
    let max_age = section.db_max_age_days.unwrap_or(db::DEFAULT_MAX_AGE_DAYS);
    if let Some(warning) = db::stale_warning(database.meta(), max_age) {
        report.warnings.push(warning);
    }
    let mut declared_indexes = section.indexes.clone();
    declared_indexes.extend(args.index_url.iter().cloned());
    let options = DepsOptions {
        ignore_until_fixed: args.ignore_until_fixed || section.ignore_until_fixed.unwrap_or(false),
        selector: selector(&args.common, &config),
        require_hashes: args.require_hashes || section.require_hashes.unwrap_or(false),
        typosquat_allow: section.typosquat_allow.clone(),
        declared_indexes,
        test_paths: Some(test_paths.clone()),
    };
    pyward_deps::audit(&manifests, &database, &options, &root, &mut report)
        .context("auditing dependencies")?;
    pyward_deps::check_policy(&manifests, &options, &target, &root, &mut report);

    // Installed environments: integrity, consistency, and drift from the lockfiles given too.
    let locks: Vec<&Manifest> = manifests
        .iter()
        .filter(|m| {
            m.kind.is_lockfile()
                || (m.kind == ManifestKind::Requirements
                    && !m.dependencies.is_empty()
                    && m.dependencies
                        .iter()
                        .all(|d| d.state == DepState::Pinned || !d.source.is_registry()))
        })
        .collect();
    for env in manifests
        .iter()
        .filter(|m| m.kind == ManifestKind::InstalledEnv)
    {
        pyward_deps::check_environment(env, &locks, &options, &target, &root, &mut report);
    }

    let explicit_index: Vec<String> = args
        .index_url
        .iter()
        .chain(section.indexes.iter())
        .cloned()
        .collect();
    let default_index = |m: &Manifest| -> String {
        let mut explicit = explicit_index.clone();
        explicit.extend(primary_index(m));
        pyward_index::resolve_index(&explicit, &|k| std::env::var(k).ok())
    };
    let mut cache = ProjectCache::new();
    if args.online {
        check_online(
            &manifests,
            &default_index,
            &options,
            &mut cache,
            &root,
            &mut report,
        );
    }
    if args.fix || args.dry_run {
        let lines = pyward_deps::fix::fix_pins(
            &manifests,
            &database,
            &default_index,
            &mut cache,
            args.dry_run,
            &root,
            &scan_root,
            &mut report,
        )?;
        let to_stdout = args.common.format == FormatArg::Text && args.common.output.is_none();
        for line in lines {
            let line = redact(&line).into_owned();
            if to_stdout {
                println!("{line}");
            } else {
                crate::output::eprint_line(&line);
            }
        }
    }
    report.stats.insert(
        "database".into(),
        serde_json::json!({
            "path": db_path,
            "advisories": database.meta().advisory_count,
            "newest_modified": database.meta().newest_modified,
        }),
    );

    pyward_deps::redact_report(&mut report);
    // Supply-chain policy (DEP1xx) is about what gets deployed: in test, example and dev/CI
    // files it is hidden by default. Vulnerable versions (DEP0xx) are reported wherever they
    // are installed, as pip-audit and uv audit do.
    apply_test_policy(&mut report, &test_paths, args.common.include_tests, |f| {
        f.code.starts_with("DEP1")
    });
    let unknown_as = args
        .unknown_severity
        .or(section.unknown_severity)
        .unwrap_or(Severity::High);
    // Paths are relative to the scan root; show them from the current directory.
    finish_in(report, &args.common, &config, registry, unknown_as, &[root])
}

fn push_manifest(
    report: &mut Report,
    manifests: &mut Vec<Manifest>,
    manifest: Manifest,
    root: &Path,
) {
    report.inputs.push(relative(&manifest.path, root));
    report.warnings.extend(manifest.warnings.iter().cloned());
    report
        .errors
        .extend(manifest.errors.iter().map(|problem| ScanError {
            path: relative(&problem.path, root),
            message: match problem.line {
                Some(line) => format!("line {line}: {}", problem.message),
                None => problem.message.clone(),
            },
        }));
    manifests.push(manifest);
}

fn scan_error(err: &ManifestError, root: &Path) -> ScanError {
    ScanError {
        path: relative(err.path(), root),
        message: err.to_string(),
    }
}

/// The root a file is confined to: the scanned root when the file lies inside it, else the
/// file's own directory (an explicit argument elsewhere).
fn confinement(file: &Path, scan_root: &Root) -> Root {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let dir = absolute.parent().unwrap_or(Path::new("."));
    let inside = std::fs::canonicalize(dir).is_ok_and(|d| scan_root.contains_canonical(&d));
    if inside {
        scan_root.clone()
    } else {
        Root::new(dir).unwrap_or_else(|_| scan_root.clone())
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
        .or_else(|| pyward_deps::root_python(root))
        .unwrap_or_else(|| "3.12".to_string());
    Ok(Target::new(&python, platform))
}
