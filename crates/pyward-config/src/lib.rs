//! The configuration analyzer behind `pyward config`.
//!
//! It discovers server and container configuration files by name and content (or takes them
//! with an explicit [`ConfigKind`]), parses each with a format-specific parser that keeps the
//! line and column of every directive and skips (with a warning) what it cannot read rather
//! than giving up on the file, and reports [`Finding`](pyward_core::Finding)s against the rules
//! in [`RULES`]. Nothing is ever executed: this is static analysis of files.
//!
//! When a scanned directory looks like a filesystem root (it holds `etc/`), or with
//! [`ConfigOptions::root`], absolute paths in sshd `Include` and nginx `include` resolve under
//! that root. Without a root, an absolute include is skipped with a warning: pyward never reads
//! the scanning machine's own `/etc` by accident.
//!
//! # Rule codes
//! | prefix | format |
//! |---|---|
//! | `SSH0xx` | `sshd_config` (+ `Include`, `Match`) |
//! | `NGX0xx` | nginx |
//! | `DKR0xx` | Dockerfile |
//! | `CMP0xx` | docker-compose |
//! | `K8S0xx` | Kubernetes manifests |
//! | `SYS0xx` | systemd units |
//! | `APP0xx` | gunicorn/uvicorn settings (command lines anywhere, `gunicorn.conf.py`, env) |
//! | `PG0xx` | PostgreSQL `postgresql.conf` and `pg_hba.conf` |
//! | `RDS0xx` | Redis |
//! | `MY0xx` | MySQL / MariaDB |
//! | `SUDO0xx` | sudoers |
//! | `F2B0xx` | fail2ban |
//! | `FW0xx` | ufw, nftables, iptables-save |
//! | `ENV0xx` | `.env` files |

mod analyzer;
pub mod formats;
mod kind;
pub mod rules;
pub mod source;
pub mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pyward_core::{
    Finding, Inventory, InventoryFile, InventoryOptions, Report, RuleSelector, ScanError,
    SkipReason, Skipped,
};
use serde::Deserialize;

pub use analyzer::ConfigAnalyzer;
pub use kind::{ConfigKind, UnknownKind, detect_by_content, detect_by_name};
pub use rules::RULES;
pub use source::{ConfigError, Roots};

use formats::{app, compose, docker, host, k8s, nginx, sshd, yaml};
use source::{Resolver, Sink, infer_root, relative};

/// The `[tool.pyward.config]` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ConfigSection {
    /// Glob patterns excluded from discovery.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Filesystem root that absolute include paths resolve under.
    pub root: Option<PathBuf>,
}

/// Options for one scan.
#[derive(Debug, Clone, Default)]
pub struct ConfigOptions {
    /// Treat explicit files as this format; for directories, only audit files of this format.
    pub kind: Option<ConfigKind>,
    /// The filesystem root absolute include paths resolve under.
    pub root: Option<PathBuf>,
    /// Glob patterns (relative to each scanned directory) to skip.
    pub exclude: Vec<String>,
    /// Which rules run.
    pub selector: RuleSelector,
}

struct Candidate {
    path: PathBuf,
    kind: ConfigKind,
    root: Option<PathBuf>,
    base: PathBuf,
    /// Where this file and what it pulls in may be read from.
    roots: Roots,
    text: Option<String>,
}

/// Scans `paths` (files or directories) and adds findings, inputs, warnings and errors to
/// `report`. Paths in the report are relative to the scanned directory (for a file, to the
/// current directory).
pub fn scan(paths: &[PathBuf], options: &ConfigOptions, report: &mut Report) {
    let inv = Inventory::walk(paths, &inventory_options(options));
    scan_inventory(&inv, options, report);
}

/// The walk `pyward config` needs on its own: its excludes and its per-file size limit.
pub fn inventory_options(options: &ConfigOptions) -> InventoryOptions {
    InventoryOptions {
        exclude: options.exclude.clone(),
        max_file_size: source::MAX_FILE_SIZE,
        ..InventoryOptions::default()
    }
}

/// Audits the configuration files of an inventory: files are classified by name, then by
/// content. Explicit file arguments (`inv.roots` that are not directories) are audited
/// whatever their name. `options.exclude` is not applied here: the inventory already did.
pub fn scan_inventory(inv: &Inventory, options: &ConfigOptions, report: &mut Report) {
    report.warnings.extend(inv.warnings.iter().cloned());
    // Explicit arguments are read (and refused with a reason) below.
    let explicit: BTreeSet<String> = inv
        .roots
        .iter()
        .filter(|p| !p.is_dir())
        .map(|p| pyward_core::inventory::display(p))
        .collect();
    report.errors.extend(
        inv.errors
            .iter()
            .filter(|e| !explicit.contains(&e.path))
            .cloned(),
    );
    let mut candidates: Vec<Candidate> = Vec::new();
    for (index, path) in inv.roots.iter().enumerate() {
        if path.is_dir() {
            discover(inv, index, path, options, report, &mut candidates);
        } else {
            let base = PathBuf::from(".");
            let display = relative(path, &base);
            let root = options.root.clone().or_else(|| infer_root(path));
            // An explicit file may be read from its own directory and from the filesystem root.
            let parent = abs_or(path)
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let roots = Roots::new([parent.as_path()].into_iter().chain(root.as_deref()));
            let by_name = options.kind.or_else(|| detect_by_name(path));
            match by_name {
                Some(kind) => candidates.push(Candidate {
                    path: path.clone(),
                    kind,
                    root,
                    base,
                    roots,
                    text: None,
                }),
                None => match roots.read(path) {
                    Ok((_, text)) => match detect_by_content(path, &text) {
                        Some(kind) => candidates.push(Candidate {
                            path: path.clone(),
                            kind,
                            root,
                            base,
                            roots,
                            text: Some(text),
                        }),
                        None => report.errors.push(ScanError {
                            path: display,
                            message: "cannot tell which configuration format this is; pass --type"
                                .into(),
                        }),
                    },
                    Err(err) => report.errors.push(ScanError {
                        path: display,
                        message: err.reason(),
                    }),
                },
            }
        }
    }

    // Files that include others go first, main files before fragments, so fragments already
    // pulled in by an include are not audited twice.
    candidates.sort_by_key(|c| {
        let main = c
            .path
            .file_name()
            .is_some_and(|n| n == "nginx.conf" || n == "sshd_config");
        (!c.kind.includes_others(), !main, c.path.clone())
    });

    let mut included: BTreeSet<PathBuf> = BTreeSet::new();
    let mut k8s_set = k8s::K8sSet::default();
    let mut fail2ban: BTreeMap<PathBuf, Vec<(String, String, PathBuf)>> = BTreeMap::new();
    let mut sink = Sink::new(&options.selector);
    let mut per_kind: BTreeMap<&'static str, usize> = BTreeMap::new();
    for c in candidates {
        let abs = std::path::absolute(&c.path).unwrap_or_else(|_| c.path.clone());
        // Compare real paths: `sites-enabled/x` is usually a symlink to `sites-available/x`.
        let canon = std::fs::canonicalize(&c.path).unwrap_or_else(|_| abs.clone());
        if included.contains(&canon) {
            continue;
        }
        let resolver = Resolver {
            root: c.root.clone(),
            display_base: abs_or(&c.base),
            roots: c.roots.clone(),
        };
        let display = relative(&c.path, &c.base);
        let text = match c.text {
            Some(t) => t,
            None => match c.roots.read(&c.path) {
                Ok((_, t)) => t,
                Err(err) => {
                    report.errors.push(ScanError {
                        path: display,
                        message: err.reason(),
                    });
                    continue;
                }
            },
        };
        if matches!(
            c.kind,
            ConfigKind::Dockerfile | ConfigKind::Compose | ConfigKind::Kubernetes
        ) && yaml::templated(&text)
        {
            // Not an input: nothing in it was audited.
            report.warnings.push(format!(
                "{display}: skipped: template (`{{{{ … }}}}` placeholders; audit the rendered output, e.g. `helm template`)"
            ));
            *per_kind.entry("skipped-template").or_default() += 1;
            continue;
        }
        report.inputs.push(display.clone());
        *per_kind.entry(c.kind.name()).or_default() += 1;
        if c.kind == ConfigKind::Fail2ban {
            let group = fail2ban_dir(&c.path);
            fail2ban
                .entry(group)
                .or_default()
                .push((display, text, c.path.clone()));
            continue;
        }
        // git keeps no file modes beyond the executable bit: in a checkout, the mode says
        // nothing about the deployed file.
        let mode = if in_git_checkout(&c.path) {
            None
        } else {
            file_mode(&c.path)
        };
        if c.kind == ConfigKind::Kubernetes {
            k8s_set.scope = k8s_scope(&c.path, &c.base);
        }
        let from = sink.findings.len();
        audit_kind(
            c.kind,
            Some(&abs_or(&c.path)),
            &text,
            &display,
            mode,
            &resolver,
            &mut sink,
            &mut k8s_set,
        );
        identify(&mut sink.findings[from..], &display, &text);
        for (inc, inc_display) in std::mem::take(&mut sink.included) {
            if inc != canon {
                report.inputs.push(inc_display);
            }
            included.insert(inc);
        }
    }
    for (_, mut files) in fail2ban {
        // fail2ban reads jail.conf, jail.d/*.conf, jail.local, jail.d/*.local
        files.sort_by_key(|(_, _, p)| {
            let local = p.extension().is_some_and(|e| e == "local");
            let in_d = p
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n == "jail.d");
            (local, in_d, p.clone())
        });
        let sources: Vec<(String, String)> = files.into_iter().map(|(d, t, _)| (d, t)).collect();
        host::audit_fail2ban(&sources, &mut sink);
    }
    k8s::network_policies(&k8s_set, &mut sink);

    report.findings.append(&mut sink.findings);
    report.warnings.append(&mut sink.warnings);
    for (path, message) in sink.errors {
        report.errors.push(ScanError { path, message });
    }
    report.stats.insert(
        "files".into(),
        serde_json::to_value(&per_kind).unwrap_or_default(),
    );
}

fn abs_or(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn fail2ban_dir(path: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new("."));
    let dir = if parent.file_name().is_some_and(|n| n == "jail.d") {
        parent.parent().unwrap_or(parent)
    } else {
        parent
    };
    abs_or(dir)
}

/// Whether `path` lies in a git work tree (an ancestor holds `.git`).
fn in_git_checkout(path: &Path) -> bool {
    abs_or(path)
        .ancestors()
        .skip(1)
        .any(|a| a.join(".git").exists())
}

#[cfg(unix)]
fn file_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode())
}

#[cfg(not(unix))]
fn file_mode(_path: &Path) -> Option<u32> {
    None
}

/// One entry of a scanned directory, in inventory order.
enum Entry<'a> {
    File(&'a InventoryFile),
    Skipped(&'a Skipped),
}

fn discover(
    inv: &Inventory,
    index: usize,
    dir: &Path,
    options: &ConfigOptions,
    report: &mut Report,
    out: &mut Vec<Candidate>,
) {
    let root = options
        .root
        .clone()
        .or_else(|| dir.join("etc").is_dir().then(|| dir.to_path_buf()));
    // Reads stay inside the scanned directory (and the `--root` tree, if given).
    let roots = Roots::new([dir].into_iter().chain(options.root.as_deref()));
    let mut entries: Vec<(&str, Entry)> = inv
        .files
        .iter()
        .filter(|f| f.root == index && !f.in_venv)
        .map(|f| (f.rel.as_str(), Entry::File(f)))
        .chain(
            inv.skipped
                .iter()
                .filter(|s| s.root == index)
                .map(|s| (s.rel.as_str(), Entry::Skipped(s))),
        )
        .collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut seen = BTreeSet::new();
    for (rel, entry) in entries {
        let path = dir.join(rel);
        let could_be_config = || detect_by_name(&path).is_some() || kind::sniffable(&path);
        let symlink = match entry {
            Entry::File(f) => f.link_target.is_some(),
            Entry::Skipped(s) => matches!(
                s.reason,
                SkipReason::OutsideRoot | SkipReason::Unreadable(_)
            ),
        };
        if symlink {
            // An absolute link inside a filesystem tree (`sites-enabled/x ->
            // /etc/nginx/sites-available/x`) points into the tree: its target is walked on its
            // own.
            let in_tree = root
                .clone()
                .or_else(|| infer_root(&path))
                .and_then(|r| source::chroot_target(&path, &r))
                .is_some_and(|t| roots.confine(&t).is_ok());
            if in_tree {
                continue;
            }
            match roots.confine(&path) {
                // A link inside the tree: its target is walked under its real path.
                Ok(_) => continue,
                Err(ConfigError::OutsideRoot { .. }) => {
                    let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
                    if is_dir {
                        report.warnings.push(format!(
                            "{}: symbolic link to a directory outside the scanned root, skipped (not followed)",
                            relative(&path, dir)
                        ));
                    } else if could_be_config() {
                        if let Entry::Skipped(s) = entry {
                            report.skipped.push(s.clone());
                        }
                        report.errors.push(ScanError {
                            path: relative(&path, dir),
                            message: "symbolic link to a file outside the scanned root, skipped (not followed)".into(),
                        });
                    }
                    continue;
                }
                Err(err) => {
                    // A dangling symlink only matters if it names a configuration file.
                    if detect_by_name(&path).is_some() {
                        if let Entry::Skipped(s) = entry {
                            report.skipped.push(s.clone());
                        }
                        report.errors.push(ScanError {
                            path: relative(&path, dir),
                            message: format!("symbolic link: {}", err.reason()),
                        });
                    }
                    continue;
                }
            }
        }
        if let Entry::Skipped(s) = entry {
            match s.reason {
                // Over the size limit: the read below refuses it with the reason.
                SkipReason::TooLarge { .. } if could_be_config() => {
                    report.skipped.push(s.clone());
                }
                // A FIFO, socket or device is never opened.
                _ => {
                    if could_be_config() {
                        report.skipped.push(s.clone());
                    }
                    continue;
                }
            }
        }
        if let Ok(canon) = std::fs::canonicalize(&path)
            && !seen.insert(canon)
        {
            continue; // the same file through a symlink
        }
        let mut text = None;
        let kind = match detect_by_name(&path) {
            Some(k) => Some(k),
            None if kind::sniffable(&path) => match roots.read(&path) {
                Ok((_, t)) => {
                    let k = detect_by_content(&path, &t);
                    text = Some(t);
                    k
                }
                Err(_) => None,
            },
            None => None,
        };
        let Some(kind) = kind else { continue };
        if options.kind.is_some_and(|k| k != kind) {
            continue;
        }
        // A host tree inside the scanned directory (`hosts/web1/etc/…`) is its own root, and
        // scanning `/etc` itself makes `/` the root.
        let file_root = root.clone().or_else(|| {
            infer_root(&path).filter(|r| abs_or(&r.join("etc")).starts_with(abs_or(dir)))
        });
        out.push(Candidate {
            path,
            kind,
            root: file_root,
            base: dir.to_path_buf(),
            roots: roots.clone(),
            text,
        });
    }
}

/// Audits one file's text as `kind`. `path` (when the text came from disk) locates includes and
/// sibling files (a Dockerfile's requirements); `mode` is the file's Unix mode, if known.
#[allow(clippy::too_many_arguments)]
fn audit_kind(
    kind: ConfigKind,
    path: Option<&Path>,
    text: &str,
    display: &str,
    mode: Option<u32>,
    resolver: &Resolver,
    sink: &mut Sink,
    k8s_set: &mut k8s::K8sSet,
) {
    let here = PathBuf::from(display);
    let path_or = path.unwrap_or(&here);
    match kind {
        ConfigKind::Sshd => {
            let config = sshd::load(path_or, text, resolver, sink);
            sshd::audit(&config, sink);
        }
        ConfigKind::Nginx => {
            let dirs = nginx::load(path_or, text, resolver, sink);
            nginx::audit(&dirs, sink);
        }
        ConfigKind::Dockerfile => {
            if yaml::templated(text) {
                sink.warnings.push(format!(
                    "{display}: skipped: template (`{{{{ … }}}}` placeholders; audit the generated Dockerfiles)"
                ));
                return;
            }
            docker::audit(path, &resolver.roots, text, display, sink)
        }
        ConfigKind::Compose | ConfigKind::Kubernetes => {
            if yaml::templated(text) {
                sink.warnings.push(format!(
                    "{display}: skipped: template (Helm/Go template syntax `{{{{ … }}}}`; audit the rendered output, e.g. `helm template`)"
                ));
                return;
            }
            let parsed = yaml::parse_stream(text);
            for (line, message) in &parsed.errors {
                sink.errors.push((
                    display.to_string(),
                    format!("line {line}: YAML error: {message} (the rest of that document is not audited)"),
                ));
            }
            let (whole, truncated): (Vec<_>, Vec<_>) =
                parsed.docs.into_iter().partition(|d| !d.truncated);
            let whole: Vec<yaml::Node> = whole.into_iter().map(|d| d.node).collect();
            let truncated: Vec<yaml::Node> = truncated.into_iter().map(|d| d.node).collect();
            let run = |docs: &[yaml::Node], sink: &mut Sink, set: &mut k8s::K8sSet| {
                if kind == ConfigKind::Compose {
                    compose::audit(docs, display, sink);
                } else {
                    k8s::audit(docs, display, sink, set);
                }
            };
            run(&whole, sink, k8s_set);
            if kind == ConfigKind::Compose
                && let Some(p) = path
            {
                let mut targets = compose::env_files(&whole);
                targets.extend(compose::env_files(&truncated));
                compose_env_files(p, display, &targets, resolver, sink);
            }
            if !truncated.is_empty() {
                // What follows an error was never seen: keep only findings about something
                // present in the part that was read, never "X is missing".
                let mut part = sink.fork();
                run(&truncated, &mut part, &mut k8s::K8sSet::default());
                sink.findings.extend(
                    part.findings
                        .into_iter()
                        .filter(|f| rules::reports_presence(&f.code)),
                );
                sink.warnings.extend(part.warnings);
            }
        }
        ConfigKind::Systemd => {
            let mut sources = vec![(display.to_string(), text.to_string())];
            if let Some(p) = path {
                sources.extend(systemd_dropins(p, resolver, sink));
            }
            let user_unit = path
                .unwrap_or(&here)
                .components()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[0].as_os_str() == "systemd" && w[1].as_os_str() == "user");
            host::audit_systemd_unit(&sources, user_unit, sink);
        }
        ConfigKind::Gunicorn => {
            let in_container = path.is_some_and(|p| container_project(p, &resolver.roots));
            app::audit_gunicorn_conf(sink, display, text, in_container)
        }
        ConfigKind::Procfile => app::audit_procfile(sink, display, text),
        ConfigKind::Postgresql => host::audit_postgresql_conf(text, display, sink),
        ConfigKind::PgHba => host::audit_pg_hba(text, display, sink),
        ConfigKind::Redis => host::audit_redis(text, display, sink),
        ConfigKind::Mysql => host::audit_mysql(text, display, sink),
        ConfigKind::Sudoers => host::audit_sudoers(text, display, sink),
        ConfigKind::Fail2ban => {
            host::audit_fail2ban(&[(display.to_string(), text.to_string())], sink)
        }
        ConfigKind::Ufw => host::audit_ufw_conf(text, display, sink),
        ConfigKind::UfwRules => host::audit_iptables(text, display, sink, true),
        ConfigKind::Iptables => host::audit_iptables(text, display, sink, false),
        ConfigKind::Nftables => host::audit_nftables(text, display, sink),
        ConfigKind::Dotenv => host::audit_dotenv(text, display, mode, sink),
    }
}

/// Fills the fingerprint identity (source snippet, occurrence) of the findings one file's
/// audit added about that file; findings about an included file keep the fallback identity.
fn identify(findings: &mut [Finding], display: &str, text: &str) {
    pyward_core::identify_in_source(
        findings
            .iter_mut()
            .filter(|f| f.location.path.as_deref() == Some(display)),
        text,
    );
}

/// The project a manifest belongs to, for NetworkPolicy coverage: the nearest directory (up to
/// the scanned one) holding a kustomization, a Helm `Chart.yaml` or a `.git`; else the scanned
/// directory. Returned relative to the scanned directory.
fn k8s_scope(path: &Path, base: &Path) -> String {
    let base = abs_or(base);
    let abs = abs_or(path);
    let markers = [
        "kustomization.yaml",
        "kustomization.yml",
        "Kustomization",
        "Chart.yaml",
        ".git",
    ];
    abs.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(&base) && *a != base)
        .find(|a| markers.iter().any(|m| a.join(m).exists()))
        .map(|a| relative(a, &base))
        .unwrap_or_default()
}

/// Whether a Dockerfile or compose file sits in the file's directory or an ancestor inside the
/// scanned tree: the file then configures a container image.
fn container_project(path: &Path, roots: &Roots) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    dir.ancestors()
        .take(8)
        .take_while(|a| roots.may_list(a))
        .any(|a| {
            std::fs::read_dir(a).is_ok_and(|entries| {
                entries.filter_map(Result::ok).any(|e| {
                    let name = PathBuf::from(e.file_name());
                    matches!(
                        detect_by_name(&name),
                        Some(ConfigKind::Dockerfile | ConfigKind::Compose)
                    )
                })
            })
        })
}

/// Audits the files a compose file loads with `env_file` (relative to the compose file), as
/// `.env` files: their names are free (`web.env`, `config/db.env`), so discovery alone misses
/// them. They are recorded as included so they are not audited twice.
fn compose_env_files(
    compose: &Path,
    display: &str,
    targets: &[(String, source::Pos)],
    resolver: &Resolver,
    sink: &mut Sink,
) {
    let dir = compose.parent().unwrap_or(Path::new("."));
    let mut seen = BTreeSet::new();
    for (target, pos) in targets {
        let path = dir.join(target);
        let shown = resolver.display(&path);
        match resolver.read(&path) {
            Ok((canonical, text)) => {
                if !seen.insert(canonical.clone()) {
                    continue;
                }
                let mode = if in_git_checkout(&canonical) {
                    None
                } else {
                    file_mode(&canonical)
                };
                sink.included.push((canonical, shown.clone()));
                host::audit_dotenv(&text, &shown, mode, sink);
            }
            Err(ConfigError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                sink.warn(
                    display,
                    pos.line as usize,
                    format!(
                        "env_file {}: no such file (not audited)",
                        source::quote_path(target)
                    ),
                );
            }
            Err(err) => sink.errors.push((shown, err.reason())),
        }
    }
}

/// The drop-ins of a unit (`foo.service.d/*.conf`), sorted as systemd applies them, read
/// inside the scan's roots; they are recorded as included so they are not audited alone.
fn systemd_dropins(unit: &Path, resolver: &Resolver, sink: &mut Sink) -> Vec<(String, String)> {
    let Some(name) = unit.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    if !name.ends_with(".service") {
        return Vec::new();
    }
    let dir = unit.with_file_name(format!("{name}.d"));
    let Ok(files) = source::expand_glob(&dir.join("*.conf"), &resolver.roots) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in files {
        let display = resolver.display(&f);
        match resolver.read(&f) {
            Ok((canonical, text)) => {
                sink.included.push((canonical, display.clone()));
                out.push((display, text));
            }
            Err(e) => sink.errors.push((display, e.reason())),
        }
    }
    out
}

/// The result of auditing text in memory.
#[derive(Debug, Clone, Default)]
pub struct TextAudit {
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
    /// What could not be audited: (file, message).
    pub errors: Vec<(String, String)>,
}

/// Audits `text` as a file of `kind` named `name`, with no filesystem access (includes are not
/// followed). Cross-file checks (NetworkPolicy coverage) see only this text.
pub fn audit_text(kind: ConfigKind, name: &str, text: &str, selector: &RuleSelector) -> TextAudit {
    let mut sink = Sink::new(selector);
    let mut set = k8s::K8sSet::default();
    let resolver = Resolver {
        root: None,
        display_base: PathBuf::from("."),
        roots: Roots::default(),
    };
    audit_kind(kind, None, text, name, None, &resolver, &mut sink, &mut set);
    identify(&mut sink.findings, name, text);
    k8s::network_policies(&set, &mut sink);
    TextAudit {
        findings: sink.findings,
        warnings: sink.warnings,
        errors: sink.errors,
    }
}

/// Audits the command line of a running process (its words, as in `/proc/PID/cmdline`) with
/// the app server rules, as a command started on a host (`APP001`–`APP003`). `name` is where the
/// findings are located.
pub fn audit_command_line(words: &[String], name: &str, selector: &RuleSelector) -> TextAudit {
    let mut sink = Sink::new(selector);
    let len = words
        .iter()
        .map(|w| w.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    app::check_command(
        &mut sink,
        name,
        source::Pos::new(1, 1, len),
        words,
        app::Where::Host,
    );
    TextAudit {
        findings: sink.findings,
        warnings: sink.warnings,
        errors: sink.errors,
    }
}

/// The effective global sshd settings pyward audits, as `sshd -T` would print them, for the
/// file at `path` (following its includes under `root`).
pub fn sshd_effective(
    path: &Path,
    root: Option<&Path>,
) -> Result<BTreeMap<String, String>, ConfigError> {
    let parent = abs_or(path)
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let roots = Roots::new([parent.as_path()].into_iter().chain(root));
    let (_, text) = roots.read(path)?;
    let selector = RuleSelector::default();
    let mut sink = Sink::new(&selector);
    let resolver = Resolver {
        root: root.map(Path::to_path_buf),
        display_base: PathBuf::from("."),
        roots,
    };
    Ok(sshd::load(path, &text, &resolver, &mut sink).effective())
}
