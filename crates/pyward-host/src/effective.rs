//! The configuration in effect: `/etc` audited as `pyward config --root` does, the files that
//! running daemons were started with (sshd's `-f`, nginx's `-c`) when they live elsewhere, and
//! the command lines of running app servers, all through `pyward-config`'s rules.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pyward_config::{ConfigKind, ConfigOptions};
use pyward_core::{Finding, Report};

use crate::live::app_server;
use crate::procfs::Snapshot;
use crate::{Host, show_in};

/// The configuration file a running daemon reads, from its command line: (kind, path).
fn daemon_config(cmdline: &[String]) -> Option<(ConfigKind, PathBuf)> {
    // Daemons retitle themselves into one word: `sshd: /usr/sbin/sshd -D -f … [listener]`,
    // `nginx: master process /usr/sbin/nginx -c …`.
    let words: Vec<String> = cmdline
        .iter()
        .flat_map(|w| pyward_config::util::shell_words(w))
        .collect();
    let base = words.first()?.trim_end_matches(':').rsplit('/').next()?;
    let value = |flag: &str| {
        words.iter().enumerate().find_map(|(i, w)| {
            if w == flag {
                words.get(i + 1).cloned()
            } else {
                w.strip_prefix(flag)
                    .filter(|v| !v.is_empty() && !v.starts_with('-'))
                    .map(str::to_string)
            }
        })
    };
    let (kind, default, flag) = match base {
        "sshd" => (ConfigKind::Sshd, "/etc/ssh/sshd_config", "-f"),
        "nginx" if !words.iter().any(|w| w == "worker") => {
            (ConfigKind::Nginx, "/etc/nginx/nginx.conf", "-c")
        }
        _ => return None,
    };
    Some((
        kind,
        PathBuf::from(value(flag).unwrap_or_else(|| default.into())),
    ))
}

/// Runs the config auditors over `paths` and moves their findings, errors and warnings into the
/// host report, with paths shown as on the host.
fn audit(host: &mut Host, paths: &[PathBuf], kind: Option<ConfigKind>, base: &Path) {
    let options = ConfigOptions {
        kind,
        root: Some(host.root.clone()),
        exclude: Vec::new(),
        selector: host.selector.clone(),
    };
    let mut report = Report::new("config");
    pyward_config::scan(paths, &options, &mut report);
    // The config analyzer reports paths under a scanned directory relative to it, and an
    // explicit file relative to the current directory (or absolute).
    let base = match kind {
        Some(_) => std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
        None => base.to_path_buf(),
    };
    let root = host.root.clone();
    let place = |p: &str| show_in(&root, &base.join(p));
    let findings: Vec<Finding> = report
        .findings
        .into_iter()
        .map(|mut f| {
            if let Some(file) = f.location.path.clone() {
                f.location.path = Some(place(&file));
            }
            f
        })
        .collect();
    let errors: Vec<_> = report
        .errors
        .into_iter()
        .map(|mut e| {
            e.path = place(&e.path);
            e
        })
        .collect();
    let inputs: Vec<String> = report.inputs.iter().map(|i| place(i)).collect();
    host.report.findings.extend(findings);
    host.report.errors.extend(errors);
    host.report.inputs.extend(inputs);
    host.report.warnings.extend(
        report
            .warnings
            .into_iter()
            .filter(|w| !w.contains("no configuration files found")),
    );
}

pub fn check(host: &mut Host, snap: Option<&Snapshot>) {
    let etc = host.path("/etc");
    if etc.is_dir() {
        audit(host, std::slice::from_ref(&etc), None, &etc);
    }
    let Some(snap) = snap else {
        return;
    };
    // Files running daemons were started with, outside /etc (which was audited above).
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for p in &snap.processes {
        let Some((kind, path)) = daemon_config(&p.cmdline) else {
            continue;
        };
        // A relative `-f` is relative to the daemon's working directory.
        let path = match (&p.cwd, path.is_absolute()) {
            (Some(cwd), false) => cwd.join(path),
            _ => path,
        };
        if path.starts_with(&etc) || path.starts_with("/etc") || !seen.insert(path.clone()) {
            continue;
        }
        let parent = path
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        audit(host, &[path], Some(kind), &parent);
    }
    // Command lines of running app servers (a master and its workers are one).
    let mut lines: BTreeSet<Vec<String>> = BTreeSet::new();
    for p in snap.processes.iter().filter(|p| app_server(p)) {
        if !lines.insert(p.cmdline.clone()) {
            continue;
        }
        let name = format!("/proc/{}/cmdline", p.pid);
        let audit = pyward_config::audit_command_line(&p.cmdline, &name, &host.selector);
        host.report.findings.extend(audit.findings);
        host.report.warnings.extend(audit.warnings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn daemon_configuration_files() {
        assert_eq!(
            daemon_config(&words(&[
                "/usr/sbin/sshd",
                "-D",
                "-f",
                "/tmp/t/sshd_config"
            ])),
            Some((ConfigKind::Sshd, PathBuf::from("/tmp/t/sshd_config")))
        );
        assert_eq!(
            daemon_config(&words(&[
                "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"
            ])),
            Some((ConfigKind::Sshd, PathBuf::from("/etc/ssh/sshd_config")))
        );
        assert_eq!(
            daemon_config(&words(&[
                "nginx: master process /usr/sbin/nginx -c /srv/n.conf"
            ])),
            Some((ConfigKind::Nginx, PathBuf::from("/srv/n.conf")))
        );
        assert_eq!(daemon_config(&words(&["nginx: worker process"])), None);
        assert_eq!(daemon_config(&words(&["/usr/bin/python3", "app.py"])), None);
    }
}
