//! `pyward deps`: audit dependencies against the advisory database.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pyward_advisory::{Database, smallest_fix};
use pyward_core::{Registry, Report, ScanError, Severity};
use pyward_deps::fix::{Upgrade, rewrite_requirements, unified_diff};
use pyward_deps::online::{ProjectCache, check_online, index_for};
use pyward_deps::{DepsOptions, DepsSection, python_from_requires, redact, relative};
use pyward_manifest::{DepState, Manifest, ManifestError, ManifestKind, Platform, Target};

use crate::args::{DepsArgs, FormatArg, PlatformArg};
use crate::commands::db;
use crate::output::{Status, finish_in, load_config, selector};

pub fn run(args: &DepsArgs, registry: &Registry) -> Result<Status> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() && args.envs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let mut config = load_config(&args.common, &first)?;
    let section: DepsSection = config.section_or_default("deps");
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
    let mut declared_indexes = section.indexes.clone();
    declared_indexes.extend(args.index_url.iter().cloned());
    let options = DepsOptions {
        ignore_until_fixed: args.ignore_until_fixed || section.ignore_until_fixed.unwrap_or(false),
        selector: selector(&args.common, &config),
        require_hashes: args.require_hashes || section.require_hashes.unwrap_or(false),
        typosquat_allow: section.typosquat_allow.clone(),
        declared_indexes,
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
        let lines = fix_pins(
            &manifests,
            &database,
            &default_index,
            &mut cache,
            args.dry_run,
            &root,
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

/// The index a manifest itself names first: a requirements file's `--index-url`, or the first
/// index a pyproject.toml or lockfile declares.
fn primary_index(manifest: &Manifest) -> Option<String> {
    match manifest.kind {
        ManifestKind::Requirements => manifest
            .options
            .iter()
            .find(|o| o.name == "index-url")
            .and_then(|o| o.value.clone()),
        ManifestKind::InstalledEnv => None,
        _ => manifest.index_urls.first().cloned(),
    }
}

/// `--fix`: rewrites vulnerable exact pins in requirements files (unless `dry_run`) and returns
/// the lines to print: a diff per file, skipped pins, and upgrade commands for lockfiles.
fn fix_pins(
    manifests: &[Manifest],
    database: &Database,
    default_index: &dyn Fn(&Manifest) -> String,
    cache: &mut ProjectCache,
    dry_run: bool,
    root: &Path,
    report: &mut Report,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    let mut per_file: BTreeMap<PathBuf, BTreeMap<String, Upgrade>> = BTreeMap::new();
    let mut lock_upgrades: BTreeMap<(PathBuf, ManifestKind), BTreeMap<String, String>> =
        BTreeMap::new();
    let mut applied_meta = Vec::new();
    let mut skipped_meta = Vec::new();
    for manifest in manifests {
        let lockish = manifest.kind.is_lockfile();
        if manifest.kind != ManifestKind::Requirements && !lockish {
            continue;
        }
        let index = default_index(manifest);
        for dep in &manifest.dependencies {
            let Some(version) = &dep.version else {
                continue;
            };
            if !dep.source.is_registry()
                || !matches!(dep.state, DepState::Pinned | DepState::Locked)
            {
                continue;
            }
            let mut hits = database.query(&dep.normalized, version)?;
            hits.retain(|a| !a.is_withdrawn());
            if hits.is_empty() {
                continue;
            }
            let mut all = database.advisories_for(&dep.normalized)?;
            all.retain(|a| !a.is_withdrawn());
            let Some(to) = smallest_fix(&all, version).or_else(|| smallest_fix(&hits, version))
            else {
                let ids: Vec<&str> = hits.iter().map(|a| a.id.as_str()).collect();
                lines.push(format!(
                    "fix: {} {version}: no released version clears {}",
                    dep.normalized,
                    ids.join(", ")
                ));
                skipped_meta.push(serde_json::json!({
                    "package": dep.normalized, "reason": "no fixed version",
                }));
                continue;
            };
            if lockish {
                lock_upgrades
                    .entry((manifest.path.clone(), manifest.kind))
                    .or_default()
                    .insert(dep.normalized.clone(), to);
                continue;
            }
            let hashes = if dep.hashes.is_empty() {
                None
            } else {
                let idx = index_for(dep, &index).to_string();
                match cache.get(&idx, &dep.normalized) {
                    Ok(project) => Some(project.sha256_hashes(&to)).filter(|h| !h.is_empty()),
                    Err(e) => {
                        report.warnings.push(format!("--fix: {e}"));
                        None
                    }
                }
            };
            per_file
                .entry(dep.origin.clone())
                .or_default()
                .insert(dep.normalized.clone(), Upgrade { to, hashes });
        }
    }
    for (path, upgrades) in &per_file {
        let shown = relative(path, root);
        let text = fs_err::read_to_string(path)?;
        let rewrite = rewrite_requirements(&text, upgrades);
        for s in &rewrite.skipped {
            lines.push(format!(
                "fix: {shown}:{}: {} not changed: {}",
                s.line, s.package, s.reason
            ));
            skipped_meta.push(serde_json::json!({
                "path": shown, "line": s.line, "package": s.package, "to": s.to, "reason": s.reason,
            }));
        }
        for a in &rewrite.applied {
            applied_meta.push(serde_json::json!({
                "path": shown, "line": a.line, "package": a.package, "from": a.from, "to": a.to,
                "hashes_replaced": a.hashes_replaced,
            }));
        }
        let diff = unified_diff(&shown, &text, &rewrite.text);
        if diff.is_empty() {
            continue;
        }
        lines.push(diff.trim_end().to_string());
        if !dry_run {
            fs_err::write(path, rewrite.text.as_bytes())?;
        }
    }
    let mut commands = Vec::new();
    for ((path, kind), ups) in &lock_upgrades {
        let shown = relative(path, root);
        let dir = path
            .parent()
            .map(|p| relative(p, root))
            .filter(|d| !d.is_empty() && d != ".");
        let names: Vec<&str> = ups.keys().map(String::as_str).collect();
        let cmd = match kind {
            ManifestKind::UvLock => format!(
                "uv lock{}",
                ups.iter()
                    .map(|(n, v)| format!(" --upgrade-package {n}=={v}"))
                    .collect::<String>()
            ),
            ManifestKind::PoetryLock => format!("poetry update {}", names.join(" ")),
            ManifestKind::PdmLock => format!("pdm update {}", names.join(" ")),
            ManifestKind::PipfileLock => format!("pipenv update {}", names.join(" ")),
            _ => {
                // pylock.toml is exported, not resolved: regenerate it with the tool that wrote it.
                format!(
                    "# upgrade {} in the project, then re-export {shown}",
                    ups.iter()
                        .map(|(n, v)| format!("{n}>={v}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            }
        };
        let cmd = match dir {
            Some(d) => format!("(cd {d} && {cmd})"),
            None => cmd,
        };
        lines.push(format!("fix: {shown} is a lockfile; upgrade with: {cmd}"));
        commands.push(serde_json::json!({"lockfile": shown, "command": cmd}));
    }
    let dedup: BTreeSet<String> = applied_meta.iter().map(|v| v.to_string()).collect();
    report.stats.insert(
        "fix".into(),
        serde_json::json!({
            "dry_run": dry_run,
            "applied": applied_meta,
            "skipped": skipped_meta,
            "commands": commands,
            "changed_entries": dedup.len(),
        }),
    );
    Ok(lines)
}
