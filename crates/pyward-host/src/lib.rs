//! `pyward host`: the posture of the host pyward runs on (or of a mounted root filesystem with
//! `--root`), tied back to the files that configure it.
//!
//! On a live host it reads what is running: the listening sockets and the processes behind them
//! (`/proc`), their users, command lines and environments, the firewall rules the kernel has
//! loaded, the protections that run (fail2ban, auditd, AppArmor/SELinux), kernel settings, and
//! the configuration files the running daemons really use, which go through the configuration
//! rules of `pyward-config` rather than rules of their own. On a mounted root it reads only
//! files. Anything it cannot read is "not checked: why" (an error in the report), never a pass.

pub mod db;
pub mod files;
pub mod firewall;
pub mod live;
pub mod procfs;
pub mod rules;
pub mod system;

mod command;
mod effective;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use pyward_core::{Analyzer, Finding, Location, Report, RuleMeta, RuleSelector, ScanError, Scope};
use serde::Deserialize;

pub use rules::RULES;

/// Ports a service may listen on every interface without [`rules::HST_UNLISTED_LISTENER`].
pub const DEFAULT_ALLOW_PORTS: &[u16] = &[22, 80, 443];

/// The `[tool.pyward.host]` configuration section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct HostSection {
    /// Ports allowed on every interface (default 22, 80, 443).
    pub allow_ports: Option<Vec<u16>>,
    /// Application directories checked for file permissions, besides the working directories
    /// of running app servers, `/srv` and `/var/www`.
    #[serde(default)]
    pub app_dirs: Vec<PathBuf>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// How `pyward host` runs.
#[derive(Debug, Clone, Default)]
pub struct HostOptions {
    /// A mounted root filesystem (`--root`); `None` is the live host.
    pub root: Option<PathBuf>,
    /// Extra application directories (`--app-dir`), inside the root.
    pub app_dirs: Vec<PathBuf>,
    /// Skip the configuration audit of `/etc` (`--no-config`).
    pub no_config: bool,
    /// A database URL to check the application's role and the server's settings with
    /// (`--db`, `--db-env`); never shown with its password.
    pub db: Option<String>,
}

/// The host posture analyzer.
#[derive(Debug, Clone, Default)]
pub struct HostAnalyzer {
    pub options: HostOptions,
}

/// What every check of one run shares.
pub struct Host {
    /// The filesystem root: `/` on a live host.
    pub root: PathBuf,
    /// The root, opened once: every read is confined to it.
    confined: pyward_core::fs::Root,
    /// Reading a live host (`/proc`, `/sys`, running commands) rather than a mounted root.
    pub live: bool,
    /// uid → account name, from `/etc/passwd`.
    pub users: BTreeMap<u32, String>,
    /// Installed packages from the dpkg database (name → version), when there is one.
    pub packages: Option<BTreeMap<String, String>>,
    pub section: HostSection,
    pub selector: RuleSelector,
    pub report: Report,
}

impl Host {
    /// `path` (absolute, as on the host) under the root.
    pub fn path(&self, path: &str) -> PathBuf {
        self.root.join(path.trim_start_matches('/'))
    }

    /// How a host path is shown: as on the host, whatever the root.
    pub fn show(&self, path: &Path) -> String {
        show_in(&self.root, path)
    }

    /// Reads a text file under the root, bounded, never following a symlink out of the root.
    pub fn read(&self, path: &str) -> Result<String, String> {
        self.confined
            .read_text(&self.path(path), 16 << 20)
            .map_err(|e| e.reason())
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.selector.enabled(rule)
    }

    /// Reports `rule` at `location` when selected.
    pub fn hit(&mut self, rule: &'static RuleMeta, message: String, location: Location) {
        if self.enabled(rule) {
            self.report
                .findings
                .push(Finding::new(rule, message, location));
        }
    }

    /// Something that could not be checked: an error, never a pass.
    pub fn not_checked(&mut self, what: &str, why: impl std::fmt::Display) {
        self.report.errors.push(ScanError {
            path: what.to_string(),
            message: format!("not checked: {why}"),
        });
    }
}

/// How `path` under `root` is shown: as it is on that host (`/etc/…`), whatever the root.
pub(crate) fn show_in(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => format!("/{}", rel.display()),
        Err(_) => path.display().to_string(),
    }
}

impl Analyzer for HostAnalyzer {
    fn name(&self) -> &'static str {
        "host"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        RULES.to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        let started = Instant::now();
        let mut errors = Vec::new();
        let section: HostSection = scope.config.section_or_error("host", &mut errors);
        let selector = scope.selector(&section.select, &section.ignore);
        let mut host = match Host::new(&self.options, section, selector) {
            Ok(h) => h,
            Err(e) => {
                let mut report = Report::new("host");
                report.errors.push(e);
                return report;
            }
        };
        host.report.errors.extend(errors);
        host.section.app_dirs.extend(self.options.app_dirs.clone());
        scope.progress.start("host", None);
        run_checks(&mut host, &self.options);
        scope.progress.finish("host");
        let mut report = host.report;
        report.stats.insert(
            "host_ms".into(),
            serde_json::json!(started.elapsed().as_millis() as u64),
        );
        report.normalize();
        report
    }
}

impl Host {
    fn new(
        options: &HostOptions,
        section: HostSection,
        selector: RuleSelector,
    ) -> Result<Host, ScanError> {
        let root = options.root.clone().unwrap_or_else(|| PathBuf::from("/"));
        let root = std::fs::canonicalize(&root).map_err(|e| ScanError {
            path: root.display().to_string(),
            message: format!("cannot open the root filesystem: {e}"),
        })?;
        if !root.is_dir() {
            return Err(ScanError {
                path: root.display().to_string(),
                message: "the root filesystem is not a directory".into(),
            });
        }
        let live = options.root.is_none() || root == Path::new("/");
        let confined = pyward_core::fs::Root::new(&root).map_err(|e| ScanError {
            path: root.display().to_string(),
            message: format!("cannot open the root filesystem: {}", e.reason()),
        })?;
        let mut host = Host {
            confined,
            root,
            live,
            users: BTreeMap::new(),
            packages: None,
            section,
            selector,
            report: Report::new("host"),
        };
        host.users = host
            .read("/etc/passwd")
            .map(|t| procfs::parse_passwd(&t))
            .unwrap_or_default();
        host.packages = host
            .read("/var/lib/dpkg/status")
            .ok()
            .map(|t| system::parse_dpkg_status(&t));
        host.report.inputs.push(if live {
            "this host".to_string()
        } else {
            host.root.display().to_string()
        });
        Ok(host)
    }
}

fn run_checks(host: &mut Host, options: &HostOptions) {
    let snapshot = if host.live {
        let snap = procfs::snapshot(Path::new("/proc"));
        Some(snap)
    } else {
        host.report.warnings.push(
            "a mounted root: sockets, processes, the loaded firewall and kernel settings in \
             effect are not read (only the files)"
                .to_string(),
        );
        None
    };
    let fw = firewall::read(host);
    if let Some(snap) = &snapshot {
        live::check(host, snap, &fw);
    }
    system::check(host, snapshot.as_ref());
    files::check(host, snapshot.as_ref());
    if !options.no_config {
        effective::check(host, snapshot.as_ref());
    }
    if let Some(url) = &options.db {
        db::check(host, url);
    }
}
