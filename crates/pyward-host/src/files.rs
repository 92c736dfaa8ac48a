//! File permissions: world-writable files in app roots, secrets readable by other users,
//! set-uid programs no package ships, and SSH directories and keys.

use std::collections::BTreeSet;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyward_core::{Location, Severity};

use crate::live::app_server;
use crate::procfs::Snapshot;
use crate::rules::*;
use crate::{Host, show_in};
use rayon::prelude::*;

/// A mutex's contents, even after a panic elsewhere.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The most entries one walk visits.
const MAX_ENTRIES: usize = 400_000;
/// The deepest directory a walk enters.
const MAX_DEPTH: usize = 24;
/// Directories no walk enters: virtual filesystems and package caches.
const SKIP: &[&str] = &[
    "/proc",
    "/sys",
    "/dev",
    "/run",
    "/var/lib/docker",
    "/var/cache",
];

/// What a walk visits: called from several threads.
type Visit<'a> = dyn Fn(&Path, &std::fs::Metadata) + Sync + 'a;

/// Walks `dir` without following symlinks, calling `visit` on every entry (never the start
/// directory itself), subdirectories in parallel. Returns false when the walk hit its bounds.
fn walk(root: &Path, dir: &Path, budget: &AtomicUsize, visit: &Visit<'_>) -> bool {
    walk_dir(root, dir, 0, budget, visit);
    budget.load(Ordering::Relaxed) > 0
}

fn walk_dir(root: &Path, dir: &Path, depth: usize, budget: &AtomicUsize, visit: &Visit<'_>) {
    let here = show_in(root, dir);
    if SKIP.iter().any(|s| here == *s) {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs = Vec::new();
    for e in rd.flatten() {
        if budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(1))
            .is_err()
        {
            return;
        }
        let path = e.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        visit(&path, &meta);
        // Skip caches' and VCS insides: nothing of ours lives there.
        if meta.is_dir()
            && depth + 1 < MAX_DEPTH
            && !matches!(
                e.file_name().to_str(),
                Some("node_modules" | ".git" | "__pycache__" | ".cache")
            )
        {
            subdirs.push(path);
        }
    }
    subdirs
        .par_iter()
        .for_each(|d| walk_dir(root, d, depth + 1, budget, visit));
}

pub fn check(host: &mut Host, snap: Option<&Snapshot>) {
    app_roots(host, snap);
    suid(host);
    ssh_dirs(host);
}

/// The app roots: the working directories of running app servers, `/srv`, `/var/www`, and the
/// configured ones, inside the root.
fn roots_of(host: &Host, snap: Option<&Snapshot>) -> Vec<PathBuf> {
    let mut roots: BTreeSet<PathBuf> = BTreeSet::new();
    for d in ["/srv", "/var/www"] {
        roots.insert(host.path(d));
    }
    for d in &host.section.app_dirs {
        roots.insert(host.path(&d.to_string_lossy()));
    }
    if let Some(s) = snap {
        for p in s.processes.iter().filter(|p| app_server(p)) {
            if let Some(cwd) = &p.cwd
                && cwd != Path::new("/")
            {
                roots.insert(cwd.clone());
            }
        }
    }
    let roots: Vec<PathBuf> = roots.into_iter().filter(|r| r.is_dir()).collect();
    // Nested roots are walked once, through the outer one.
    roots
        .iter()
        .filter(|r| !roots.iter().any(|o| o != *r && r.starts_with(o)))
        .cloned()
        .collect()
}

/// What a file holds, judged by name and (for keys) its first bytes.
fn secret_kind(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    if name == ".env"
        || (name.starts_with(".env.")
            && !name.ends_with(".example")
            && !name.ends_with(".sample")
            && !name.ends_with(".template"))
    {
        return Some("an .env file");
    }
    if matches!(
        name,
        "settings.py" | "local_settings.py" | "production.py" | "prod.py"
    ) && (name != "production.py" && name != "prod.py"
        || path.parent().is_some_and(|p| p.ends_with("settings")))
    {
        return Some("a Django settings module");
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if matches!(ext, "pem" | "key") || name.starts_with("id_") && !name.ends_with(".pub") {
        // Only a file that really holds a private key.
        let mut head = [0u8; 4096];
        let n = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        if String::from_utf8_lossy(&head[..n]).contains("PRIVATE KEY-----") {
            return Some("a private key");
        }
    }
    None
}

fn app_roots(host: &mut Host, snap: Option<&Snapshot>) {
    let roots = roots_of(host, snap);
    type Hit = (
        &'static pyward_core::RuleMeta,
        String,
        String,
        Option<Severity>,
    );
    let hits: Mutex<Vec<Hit>> = Mutex::new(Vec::new());
    let budget = AtomicUsize::new(MAX_ENTRIES);
    let host_root = host.root.clone();
    for root in &roots {
        let complete = walk(&host_root, root, &budget, &|path, meta| {
            let mode = meta.permissions().mode();
            let shown = show_in(&host_root, path);
            if meta.file_type().is_symlink() {
                return;
            }
            let sticky_dir = meta.is_dir() && mode & 0o1000 != 0;
            if mode & 0o002 != 0 && !sticky_dir {
                lock(&hits).push((
                    &HST_WORLD_WRITABLE,
                    format!(
                        "{} {shown} is writable by every user (mode {:o})",
                        if meta.is_dir() { "directory" } else { "file" },
                        mode & 0o7777
                    ),
                    shown.clone(),
                    None,
                ));
            }
            if meta.is_file()
                && mode & 0o004 != 0
                && let Some(kind) = secret_kind(path)
            {
                lock(&hits).push((
                    &HST_SECRET_READABLE,
                    format!(
                        "{shown} is {kind} readable by every user (mode {:o})",
                        mode & 0o7777
                    ),
                    shown,
                    (kind == "a Django settings module").then_some(Severity::Medium),
                ));
            }
        });
        if !complete {
            host.not_checked(
                &host.show(root),
                format!("file permissions beyond the first {MAX_ENTRIES} entries"),
            );
            break;
        }
    }
    let mut hits = hits.into_inner().unwrap_or_else(|e| e.into_inner());
    // TLS keys in /etc/ssl/private.
    let private = host.path("/etc/ssl/private");
    if let Ok(rd) = std::fs::read_dir(&private) {
        for e in rd.flatten() {
            let path = e.path();
            if let Ok(meta) = std::fs::symlink_metadata(&path)
                && meta.is_file()
                && meta.permissions().mode() & 0o004 != 0
            {
                let shown = host.show(&path);
                hits.push((
                    &HST_SECRET_READABLE,
                    format!(
                        "{shown} (a TLS private key) is readable by every user (mode {:o})",
                        meta.permissions().mode() & 0o7777
                    ),
                    shown,
                    None,
                ));
            }
        }
    }
    host.report.stats.insert(
        "app_roots".into(),
        serde_json::json!(roots.iter().map(|r| host.show(r)).collect::<Vec<_>>()),
    );
    for (rule, message, file, severity) in hits {
        if host.enabled(rule) {
            let mut f = pyward_core::Finding::new(rule, message, Location::file(file, None));
            if let Some(s) = severity {
                f = f.with_severity(s);
            }
            host.report.findings.push(f);
        }
    }
}

/// The files every installed package ships, from `/var/lib/dpkg/info/*.list`.
fn packaged_files(host: &Host) -> Option<BTreeSet<String>> {
    let dir = host.path("/var/lib/dpkg/info");
    let rd = std::fs::read_dir(&dir).ok()?;
    let mut out = BTreeSet::new();
    for e in rd.flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().ends_with(".list") {
            continue;
        }
        if let Ok(text) = host.read(&format!("/var/lib/dpkg/info/{}", name.to_string_lossy())) {
            out.extend(text.lines().map(str::to_string));
        }
    }
    Some(out)
}

fn suid(host: &mut Host) {
    if !host.enabled(&HST_UNEXPECTED_SUID) {
        return;
    }
    let Some(packaged) = packaged_files(host) else {
        host.not_checked(
            "set-uid programs",
            "no dpkg database to tell the distribution's set-uid programs from others",
        );
        return;
    };
    // Debian merges /bin into /usr/bin: a packaged /bin/su is /usr/bin/su on disk.
    let is_packaged = |shown: &str| {
        packaged.contains(shown)
            || shown
                .strip_prefix("/usr")
                .is_some_and(|rest| packaged.contains(rest))
            || packaged.contains(&format!("/usr{shown}"))
    };
    let found: Mutex<Vec<(String, u32, u32)>> = Mutex::new(Vec::new());
    let budget = AtomicUsize::new(MAX_ENTRIES);
    let mut complete = true;
    let host_root = host.root.clone();
    for dir in [
        "/usr", "/bin", "/sbin", "/opt", "/srv", "/home", "/root", "/tmp", "/var/tmp", "/var/www",
    ] {
        let path = host.path(dir);
        // `/bin` is a symlink into /usr on merged systems: walked through /usr.
        if std::fs::symlink_metadata(&path).map_or(true, |m| !m.is_dir()) {
            continue;
        }
        complete &= walk(&host_root, &path, &budget, &|p, meta| {
            let mode = meta.permissions().mode();
            if meta.is_file() && mode & 0o6000 != 0 {
                lock(&found).push((show_in(&host_root, p), mode & 0o7777, meta.uid()));
            }
        });
    }
    if !complete {
        host.not_checked(
            "set-uid programs",
            format!("the walk stopped after {MAX_ENTRIES} entries"),
        );
    }
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort();
    host.report
        .stats
        .insert("setuid_programs".into(), serde_json::json!(found.len()));
    for (shown, mode, uid) in found {
        if !is_packaged(&shown) {
            let owner = crate::procfs::user_name(&host.users, uid);
            host.hit(
                &HST_UNEXPECTED_SUID,
                format!(
                    "{shown} is set-{} (mode {mode:o}, owner {owner}) and no installed package \
                     ships it",
                    if mode & 0o4000 != 0 { "uid" } else { "gid" }
                ),
                Location::file(shown.clone(), None),
            );
        }
    }
}

fn ssh_dirs(host: &mut Host) {
    let Ok(passwd) = host.read("/etc/passwd") else {
        host.not_checked("/etc/passwd", "not readable: SSH directories not checked");
        return;
    };
    let mut homes: BTreeSet<String> = BTreeSet::new();
    for line in passwd.lines() {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() >= 7 && f[5].starts_with('/') && f[5] != "/" && f[5] != "/nonexistent" {
            homes.insert(f[5].to_string());
        }
    }
    for home in homes {
        let ssh = host.path(&format!("{home}/.ssh"));
        let Ok(meta) = std::fs::symlink_metadata(&ssh) else {
            continue;
        };
        if !meta.is_dir() {
            continue;
        }
        let shown = host.show(&ssh);
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o022 != 0 {
            host.hit(
                &HST_SSH_PERMISSIONS,
                format!("{shown} is writable by group or others (mode {mode:o})"),
                Location::file(shown.clone(), None),
            );
        }
        let Ok(rd) = std::fs::read_dir(&ssh) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(m) = std::fs::symlink_metadata(e.path()) else {
                continue;
            };
            if !m.is_file() {
                continue;
            }
            let mode = m.permissions().mode() & 0o7777;
            let path = host.show(&e.path());
            if name.starts_with("authorized_keys") && mode & 0o022 != 0 {
                host.hit(
                    &HST_SSH_PERMISSIONS,
                    format!("{path} is writable by group or others (mode {mode:o})"),
                    Location::file(path.clone(), None),
                );
            } else if name.starts_with("id_") && !name.ends_with(".pub") && mode & 0o044 != 0 {
                host.hit(
                    &HST_SSH_PERMISSIONS,
                    format!(
                        "{path}, a private key, is readable by group or others (mode {mode:o})"
                    ),
                    Location::file(path.clone(), None),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_files_by_name_and_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = dir.path().join("server.key");
        std::fs::write(&key, "-----BEGIN PRIVATE KEY-----\nAAAA\n").expect("write");
        let cert = dir.path().join("server.pem");
        std::fs::write(&cert, "-----BEGIN CERTIFICATE-----\nAAAA\n").expect("write");
        assert_eq!(secret_kind(&key), Some("a private key"));
        assert_eq!(secret_kind(&cert), None, "a certificate is public");
        assert_eq!(
            secret_kind(Path::new("/srv/app/.env")),
            Some("an .env file")
        );
        assert_eq!(secret_kind(Path::new("/srv/app/.env.example")), None);
        assert_eq!(
            secret_kind(Path::new("/srv/app/proj/settings.py")),
            Some("a Django settings module")
        );
        assert_eq!(
            secret_kind(Path::new("/srv/app/proj/settings/production.py")),
            Some("a Django settings module")
        );
        assert_eq!(
            secret_kind(Path::new("/srv/app/config/production.py")),
            None
        );
    }
}
