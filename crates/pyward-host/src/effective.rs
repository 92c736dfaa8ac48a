//! The configuration in effect: `/etc` audited as `pyward config --root` does, the files that
//! running daemons were started with (sshd's `-f`, nginx's `-c`) when they live elsewhere, and
//! the command lines of running app servers, all through `pyward-config`'s rules. On a live
//! host, `sshd -T` prints the settings the installed sshd actually applies to each of those
//! files; what it shows that the file audit missed is reported too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pyward_config::{ConfigKind, ConfigOptions};
use pyward_core::{Finding, Report};

use crate::command::run_bounded;
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
    let mut sshd_files: BTreeSet<PathBuf> = BTreeSet::new();
    for p in &snap.processes {
        let Some((kind, path)) = daemon_config(&p.cmdline) else {
            continue;
        };
        // A relative `-f` is relative to the daemon's working directory.
        let path = match (&p.cwd, path.is_absolute()) {
            (Some(cwd), false) => cwd.join(path),
            _ => path,
        };
        if kind == ConfigKind::Sshd {
            sshd_files.insert(path.clone());
        }
        if path.starts_with(&etc) || path.starts_with("/etc") || !seen.insert(path.clone()) {
            continue;
        }
        let parent = path
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        audit(host, &[path], Some(kind), &parent);
    }
    if host.live {
        // The installed sshd's own view of its default file, running or not.
        let default = PathBuf::from("/etc/ssh/sshd_config");
        if default.is_file() {
            sshd_files.insert(default);
        }
        for file in &sshd_files {
            sshd_in_effect(host, file);
        }
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

/// Runs the installed `sshd -T -f FILE` (live hosts only: never a binary from a mounted root)
/// and compares the settings it prints with pyward's own reading of the file
/// ([`pyward_config::sshd_effective`]). Where the two disagree (a default compiled into this
/// sshd, an include the file audit could not follow), the sshd rules' findings on what sshd
/// applies are reported on the file, marked as coming from `sshd -T`, unless the file audit
/// already reported that rule. Settings both read alike add nothing: the file audit has them,
/// with lines.
fn sshd_in_effect(host: &mut Host, file: &Path) {
    let Some(path) = file.to_str() else {
        return;
    };
    let shown = host.show(file);
    let command = format!("sshd -T -f {shown}");
    let text = match run_bounded("sshd", &["-T", "-f", path]) {
        Ok(text) => text,
        Err(e) => {
            // The file itself was audited; only the cross-check is missing.
            host.report.warnings.push(format!(
                "{command}: {e}; the file's own settings were audited"
            ));
            return;
        }
    };
    host.report.inputs.push(command.clone());
    let ours = match pyward_config::sshd_effective(file, Some(&host.root)) {
        Ok(map) => map,
        Err(e) => {
            host.report.warnings.push(format!(
                "{command}: the file could not be read to compare: {e}"
            ));
            return;
        }
    };
    let theirs = sshd_t_values(&text);
    let differ: BTreeSet<String> = ours
        .iter()
        .filter(|(k, v)| theirs.get(*k).is_some_and(|t| t != *v))
        .map(|(k, _)| k.clone())
        .collect();
    if differ.is_empty() {
        return;
    }
    let audit = pyward_config::audit_text(ConfigKind::Sshd, &command, &text, &host.selector);
    let found: BTreeSet<String> = host
        .report
        .findings
        .iter()
        .filter(|f| f.location.path.as_deref() == Some(shown.as_str()))
        .map(|f| f.code.clone())
        .collect();
    let missed = effective_only(audit.findings, &text, &differ, &found, &shown);
    host.report.findings.extend(missed);
}

/// `sshd -T`'s output as keyword → value (repeated keywords joined with commas, as
/// [`pyward_config::sshd_effective`] joins them).
fn sshd_t_values(text: &str) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::<String, String>::new();
    for line in text.lines() {
        let (k, v) = line.split_once(' ').unwrap_or((line, ""));
        map.entry(k.to_ascii_lowercase())
            .and_modify(|e| {
                e.push(',');
                e.push_str(v);
            })
            .or_insert_with(|| v.to_string());
    }
    map
}

/// The findings on `sshd -T`'s output (`text`) that sit on a keyword in `differ` and whose rule
/// the file audit did not report, moved onto the file (`shown`) without a line, since the
/// setting comes from a default or an include.
fn effective_only(
    findings: Vec<Finding>,
    text: &str,
    differ: &BTreeSet<String>,
    found: &BTreeSet<String>,
    shown: &str,
) -> Vec<Finding> {
    let lines: Vec<&str> = text.lines().collect();
    let keyword = |f: &Finding| {
        let line = f.location.span.as_ref()?.start.line as usize;
        let text = lines.get(line.checked_sub(1)?)?;
        Some(text.split(' ').next()?.to_ascii_lowercase())
    };
    let mut codes = BTreeSet::new();
    findings
        .into_iter()
        .filter(|f| keyword(f).is_some_and(|k| differ.contains(&k)))
        .filter(|f| !found.contains(&f.code) && codes.insert(f.code.clone()))
        .map(|mut f| {
            f.message = format!("{} (in effect, per `sshd -T`)", f.message);
            f.location.path = Some(shown.to_string());
            f.location.span = None;
            f
        })
        .collect()
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

    #[test]
    fn sshd_t_adds_only_what_the_file_audit_missed() {
        let text = "port 22\npermitrootlogin yes\npasswordauthentication yes\n\
                    permitemptypasswords no\nmacs hmac-sha1,umac-64@openssh.com\n";
        let audit = pyward_config::audit_text(
            ConfigKind::Sshd,
            "sshd -T -f /etc/ssh/sshd_config",
            text,
            &pyward_core::RuleSelector::default(),
        );
        let codes: BTreeSet<String> = audit.findings.iter().map(|f| f.code.clone()).collect();
        for code in ["SSH001", "SSH002", "SSH011"] {
            assert!(codes.contains(code), "{codes:?}");
        }
        // pyward read root login and passwords differently from sshd; the MACs are sshd's
        // compiled-in list, which the file audit leaves alone on purpose. The file audit
        // already reported root login.
        let differ = BTreeSet::from([
            "permitrootlogin".to_string(),
            "passwordauthentication".into(),
        ]);
        let found = BTreeSet::from(["SSH001".to_string()]);
        let added = effective_only(
            audit.findings,
            text,
            &differ,
            &found,
            "/etc/ssh/sshd_config",
        );
        let added_codes: Vec<&str> = added.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(added_codes, ["SSH002"]);
        let password = &added[0];
        assert_eq!(
            password.location.path.as_deref(),
            Some("/etc/ssh/sshd_config")
        );
        assert!(password.location.span.is_none());
        assert!(password.message.ends_with("(in effect, per `sshd -T`)"));
    }

    #[test]
    fn sshd_t_values_join_repeated_keywords() {
        let map = sshd_t_values("port 22\nport 2222\nPasswordAuthentication no\n");
        assert_eq!(map["port"], "22,2222");
        assert_eq!(map["passwordauthentication"], "no");
    }
}
