//! Checks of an installed environment (`pyward deps --env PATH`): file integrity against
//! `RECORD`, `Requires-Dist` consistency, and drift from a lockfile (rules `DEP201`–`DEP205`).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use pep440_rs::Version;
use pep508_rs::{Requirement, VersionOrUrl};
use pyward_core::{Finding, Location, Report, RuleMeta, ScanError};
use pyward_manifest::{DepSource, Dependency, Manifest, Target, read_record};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::policy::is_dev_name;
use crate::{DepsOptions, relative, rules};

/// Tools a virtualenv is seeded with: not expected in a lockfile.
const BOOTSTRAP: &[&str] = &["pip", "setuptools", "wheel", "distribute"];

/// What one RECORD check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integrity {
    Modified { expected: String, actual: String },
    SizeMismatch { expected: u64, actual: u64 },
    Missing,
    Unreadable(String),
}

/// What was observed of a file a RECORD entry lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    /// Nothing at that path.
    Missing,
    /// Its size only (enough for entries hashed with another algorithm than sha256).
    Size(u64),
    /// Its sha256 (URL-safe base64 without padding, as RECORD writes it) and size.
    Hashed { sha256: String, size: u64 },
}

/// Judges one RECORD entry against what was observed of its file: `None` when they agree.
/// Entries hashed with another algorithm than sha256 are judged by size.
pub fn judge(entry: &pyward_manifest::RecordEntry, observed: Observed) -> Option<Integrity> {
    let size_check = |actual: u64| match entry.size {
        Some(expected) if expected != actual => Some(Integrity::SizeMismatch { expected, actual }),
        _ => None,
    };
    match observed {
        Observed::Missing => Some(Integrity::Missing),
        Observed::Size(size) => size_check(size),
        Observed::Hashed { sha256, size } => {
            if entry.algorithm.as_deref() != Some("sha256") {
                return size_check(size);
            }
            let expected = entry.digest.clone().unwrap_or_default();
            if sha256 != expected {
                Some(Integrity::Modified {
                    expected,
                    actual: sha256,
                })
            } else {
                size_check(size)
            }
        }
    }
}

/// The finding for an integrity problem of the file shown as `shown` of `dep` whose RECORD is
/// shown as `record`, when its rule is enabled. `Unreadable` is an error, not a finding: `None`.
pub fn integrity_finding(
    problem: Integrity,
    dep: &Dependency,
    shown: &str,
    location: Location,
    record: &str,
    options: &DepsOptions,
) -> Option<Finding> {
    let on = |rule: &RuleMeta| options.selector.enabled(rule);
    let who = format!(
        "{} {}",
        dep.normalized,
        dep.version.as_deref().unwrap_or("")
    );
    let finding = match problem {
        Integrity::Modified { expected, actual } if on(&rules::MODIFIED_INSTALLED_FILE) => {
            Finding::new(
                &rules::MODIFIED_INSTALLED_FILE,
                format!(
                    "{shown} of {who} was modified after install: sha256 does not match RECORD"
                ),
                location,
            )
            .with_meta("expected_sha256", expected)
            .with_meta("actual_sha256", actual)
        }
        Integrity::SizeMismatch { expected, actual } if on(&rules::MODIFIED_INSTALLED_FILE) => {
            Finding::new(
                &rules::MODIFIED_INSTALLED_FILE,
                format!(
                    "{shown} of {who} was modified after install: {actual} bytes, RECORD says {expected}"
                ),
                location,
            )
            .with_meta("expected_size", expected)
            .with_meta("actual_size", actual)
        }
        Integrity::Missing if on(&rules::MISSING_INSTALLED_FILE) => Finding::new(
            &rules::MISSING_INSTALLED_FILE,
            format!("{shown} of {who} is listed in RECORD but missing"),
            location,
        ),
        _ => return None,
    };
    Some(
        finding
            .with_meta("package", &dep.normalized)
            .with_meta("version", &dep.version)
            .with_meta("record", record),
    )
}

/// URL-safe base64 without padding, as RECORD files write digests.
pub fn b64_urlsafe_nopad(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Resolves `.` and `..` without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Opens a file for hashing: without blocking (a FIFO never hangs), never through a final
/// symlink, and only when the opened handle is a regular file (a device is never read).
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "not a regular file ({}), not read",
            pyward_core::fs::file_kind(&meta)
        )));
    }
    Ok(file)
}

/// The directory every RECORD entry must stay in: the virtualenv (or installation prefix) a
/// site-packages directory belongs to (`<prefix>/lib/pythonX.Y/site-packages`,
/// `<prefix>/Lib/site-packages`), else the environment path itself.
pub fn environment_root(env_path: &Path, site: &Path) -> PathBuf {
    if env_path.join("pyvenv.cfg").is_file() || site.starts_with(env_path) && site != env_path {
        return env_path.to_path_buf();
    }
    let name_is = |p: Option<&Path>, f: &dyn Fn(&str) -> bool| {
        p.and_then(Path::file_name)
            .is_some_and(|n| f(&n.to_string_lossy().to_ascii_lowercase()))
    };
    let parent = site.parent();
    if name_is(parent, &|n| {
        n.starts_with("python") || n.starts_with("pypy")
    }) && name_is(parent.and_then(Path::parent), &|n| {
        n == "lib" || n == "lib64"
    }) && let Some(prefix) = parent.and_then(Path::parent).and_then(Path::parent)
    {
        return prefix.to_path_buf();
    }
    if name_is(parent, &|n| n == "lib")
        && let Some(prefix) = parent.and_then(Path::parent)
    {
        return prefix.to_path_buf();
    }
    site.to_path_buf()
}

fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = open_regular(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((b64_urlsafe_nopad(&hasher.finalize()), size))
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &std::fs::Metadata) -> bool {
    false
}

/// File names that run code when present in a package directory or site-packages.
fn is_code_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".py", ".pth", ".so", ".pyd", ".dll", ".dylib", ".sh", ".exe",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
        || lower.contains(".so.")
}

/// Where a file that no RECORD lists sits, for `DEP203`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnrecordedPlace {
    /// Inside a package directory some RECORD installed into (`site-packages/pkg/…`).
    PackageDir,
    /// Directly in a site directory.
    SiteTop,
    /// In a virtualenv's `bin` (or `Scripts`) directory.
    EnvBin,
}

/// Why a regular file that no RECORD lists is flagged by `DEP203` (its kind, in the finding),
/// or `None`. `name` is its file name; `executable` whether any execute bit is set.
pub fn unrecorded_kind(
    place: UnrecordedPlace,
    name: &str,
    executable: bool,
) -> Option<&'static str> {
    match place {
        UnrecordedPlace::PackageDir if executable => Some("executable file"),
        UnrecordedPlace::PackageDir => {
            is_code_file(name).then_some("code file in a package directory")
        }
        // virtualenv's own bootstrap hook is not installed by a distribution.
        UnrecordedPlace::SiteTop if name == "_virtualenv.pth" || name == "_virtualenv.py" => None,
        UnrecordedPlace::SiteTop if name.ends_with(".pth") => Some(".pth start-up hook"),
        UnrecordedPlace::SiteTop => is_code_file(name).then_some("top-level module"),
        UnrecordedPlace::EnvBin => {
            let lower = name.to_ascii_lowercase();
            let own = ["python", "pypy", "activate", "deactivate"]
                .iter()
                .any(|p| lower.starts_with(p));
            (!own && (executable || is_code_file(&lower)))
                .then_some("script in the environment's bin directory")
        }
    }
}

/// The package directory (relative to its site directory) a RECORD entry installs into: its
/// first component when it has more than one and is not metadata or `__pycache__`.
pub fn record_package_dir(entry_path: &str) -> Option<&str> {
    let mut comps = Path::new(entry_path).components();
    match (comps.next(), comps.next()) {
        (Some(Component::Normal(first)), Some(_)) => {
            let name = first.to_str()?;
            (!name.ends_with(".dist-info") && !name.ends_with(".data") && name != "__pycache__")
                .then_some(name)
        }
        _ => None,
    }
}

struct Dist<'a> {
    dep: &'a Dependency,
    site: PathBuf,
    record: Vec<pyward_manifest::RecordEntry>,
}

/// Statistics of one environment check, also written to the report's `stats.environment`.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct EnvStats {
    pub distributions: usize,
    pub without_record: usize,
    pub files_checked: usize,
    pub bytes_hashed: u64,
}

/// Whether `manifest` pins what an environment should hold (a lockfile, or a requirements
/// file whose every registry requirement is pinned): the baseline of `DEP205`.
pub fn is_lock(manifest: &Manifest) -> bool {
    manifest.kind.is_lockfile()
        || (manifest.kind == pyward_manifest::ManifestKind::Requirements
            && !manifest.dependencies.is_empty()
            && manifest
                .dependencies
                .iter()
                .all(|d| d.state == pyward_manifest::DepState::Pinned || !d.source.is_registry()))
}

/// Checks an installed environment. `locks` are the lockfiles (and pinned requirements files)
/// audited in the same run, for drift. `target` gives the platform; the environment's own
/// Python version (from `pyvenv.cfg`) is used for markers when known.
pub fn check_environment(
    env: &Manifest,
    locks: &[&Manifest],
    options: &DepsOptions,
    target: &Target,
    root: &Path,
    report: &mut Report,
) -> EnvStats {
    let on = |rule: &RuleMeta| options.selector.enabled(rule);
    let mut stats = EnvStats {
        distributions: env.dependencies.len(),
        ..EnvStats::default()
    };
    if on(&rules::MODIFIED_INSTALLED_FILE)
        || on(&rules::MISSING_INSTALLED_FILE)
        || on(&rules::UNRECORDED_EXECUTABLE)
    {
        integrity(env, options, root, report, &mut stats);
    }
    if on(&rules::UNSATISFIED_REQUIREMENT) {
        check_requirements(env, target, root, report);
    }
    if on(&rules::ENVIRONMENT_DRIFT) {
        for lock in locks {
            check_drift(env, lock, root, report);
        }
    }
    report.stats.insert(
        "environment".into(),
        serde_json::to_value(&stats).unwrap_or_default(),
    );
    stats
}

fn dist_location(dep: &Dependency, file: &Path, root: &Path) -> Location {
    Location::file(relative(file, root), None)
        .with_package(dep.normalized.clone(), dep.version.clone())
}

fn integrity(
    env: &Manifest,
    options: &DepsOptions,
    root: &Path,
    report: &mut Report,
    stats: &mut EnvStats,
) {
    let on = |rule: &RuleMeta| options.selector.enabled(rule);
    let mut dists: Vec<Dist<'_>> = Vec::new();
    for dep in &env.dependencies {
        let Some(info) = &dep.dist_info else { continue };
        let is_dist_info = info.extension().is_some_and(|e| e == "dist-info");
        if !is_dist_info || !info.join("RECORD").is_file() {
            stats.without_record += 1;
            continue;
        }
        match read_record(info) {
            Ok(record) => dists.push(Dist {
                dep,
                site: info.parent().map(Path::to_path_buf).unwrap_or_default(),
                record,
            }),
            Err(e) => report.errors.push(ScanError {
                path: relative(e.path(), root),
                message: e.to_string(),
            }),
        }
    }
    // Every file some RECORD owns, resolved lexically.
    let mut owned: HashSet<PathBuf> = HashSet::new();
    let mut package_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let mut sites: BTreeSet<PathBuf> = BTreeSet::new();
    let mut jobs: Vec<(usize, PathBuf, &pyward_manifest::RecordEntry)> = Vec::new();
    for (i, d) in dists.iter().enumerate() {
        sites.insert(d.site.clone());
        for entry in &d.record {
            let path = lexical(&d.site.join(&entry.path));
            owned.insert(path.clone());
            if let Some(dir) = record_package_dir(&entry.path) {
                package_dirs.insert(d.site.join(dir));
            }
            if entry.digest.is_some() {
                jobs.push((i, path, entry));
            }
        }
    }
    // RECORD is scanned content: an entry such as `../../../../etc/shadow` or one naming a
    // device must not be read. Entries resolve inside the environment's root or are refused.
    let env_roots: BTreeMap<PathBuf, Option<pyward_core::fs::Root>> = sites
        .iter()
        .map(|s| {
            let r = environment_root(&env.path, s);
            (s.clone(), pyward_core::fs::Root::new(&r).ok())
        })
        .collect();
    let mut confined_jobs: Vec<(usize, PathBuf, &pyward_manifest::RecordEntry, PathBuf)> =
        Vec::new();
    for (i, path, entry) in jobs {
        // Absolute first: `..` in a relative path must not fold away the root's own parts.
        let joined = dists[i].site.join(&entry.path);
        let absolute = std::path::absolute(&joined)
            .map(|a| pyward_core::fs::lexically_normal(&a))
            .unwrap_or(joined);
        let confined = env_roots
            .get(&dists[i].site)
            .and_then(Option::as_ref)
            .map(|r| r.confine(&absolute));
        match confined {
            Some(Err(pyward_core::fs::ReadError::OutsideRoot { root: r, .. })) => {
                report.errors.push(ScanError {
                    path: relative(
                        &dists[i]
                            .dep
                            .dist_info
                            .clone()
                            .unwrap_or_default()
                            .join("RECORD"),
                        root,
                    ),
                    message: format!(
                        "line {}: entry `{}` resolves outside the environment {}, not read",
                        entry.line,
                        pyward_manifest::safe_text(&entry.path, 120),
                        r.display()
                    ),
                });
            }
            // Inside: the canonical path is opened (no symlink left in it).
            Some(Ok(canonical)) => confined_jobs.push((i, path, entry, canonical)),
            // Missing (reported as such), or no root could be made: open as written.
            _ => confined_jobs.push((i, path, entry, absolute)),
        }
    }
    let jobs = confined_jobs;
    stats.files_checked = jobs.len();
    let results: Vec<(usize, PathBuf, u64, Option<Integrity>)> = jobs
        .par_iter()
        .map(|(i, path, entry, open_path)| {
            if entry.algorithm.as_deref() != Some("sha256") {
                // Other algorithms are rare; size still tells a changed file apart.
                let observed = match std::fs::symlink_metadata(open_path) {
                    Err(_) => Observed::Missing,
                    Ok(m) => Observed::Size(m.len()),
                };
                return (*i, path.clone(), 0, judge(entry, observed));
            }
            match sha256_file(open_path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    (*i, path.clone(), 0, judge(entry, Observed::Missing))
                }
                Err(e) => (
                    *i,
                    path.clone(),
                    0,
                    Some(Integrity::Unreadable(e.to_string())),
                ),
                Ok((sha256, size)) => (
                    *i,
                    path.clone(),
                    size,
                    judge(entry, Observed::Hashed { sha256, size }),
                ),
            }
        })
        .collect();
    for (i, path, size, problem) in results {
        stats.bytes_hashed += size;
        let Some(problem) = problem else { continue };
        let dep = dists[i].dep;
        let shown = relative(&path, root);
        if let Integrity::Unreadable(e) = problem {
            report.errors.push(ScanError {
                path: shown,
                message: format!("cannot read installed file: {e}"),
            });
            continue;
        }
        let loc = dist_location(dep, &path, root);
        let record = relative(
            &dep.dist_info.clone().unwrap_or_default().join("RECORD"),
            root,
        );
        if let Some(finding) = integrity_finding(problem, dep, &shown, loc, &record, options) {
            report.findings.push(finding);
        }
    }
    if on(&rules::UNRECORDED_EXECUTABLE) {
        unrecorded(env, &owned, &package_dirs, &sites, root, report);
    }
}

fn unrecorded_finding(path: &Path, why: &str, root: &Path) -> Finding {
    unrecorded_file_finding(&relative(path, root), why)
}

/// The `DEP203` finding for the file shown as `shown`, of the kind `why`
/// ([`unrecorded_kind`]).
pub fn unrecorded_file_finding(shown: &str, why: &str) -> Finding {
    let shown = shown.to_string();
    Finding::new(
        &rules::UNRECORDED_EXECUTABLE,
        format!("{shown} ({why}) belongs to no installed distribution's RECORD"),
        Location::file(shown.clone(), None),
    )
    .with_meta("kind", why)
}

fn walk_files(dir: &Path, out: &mut Vec<(PathBuf, std::fs::Metadata)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() {
            if e.file_name() != "__pycache__" {
                walk_files(&path, out);
            }
        } else if ft.is_file()
            && let Ok(meta) = e.metadata()
        {
            out.push((path, meta));
        }
    }
}

fn unrecorded(
    env: &Manifest,
    owned: &HashSet<PathBuf>,
    package_dirs: &BTreeSet<PathBuf>,
    sites: &BTreeSet<PathBuf>,
    root: &Path,
    report: &mut Report,
) {
    let mut found: Vec<Finding> = Vec::new();
    for dir in package_dirs {
        let mut files = Vec::new();
        walk_files(dir, &mut files);
        for (path, meta) in files {
            if owned.contains(&lexical(&path)) {
                continue;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(why) =
                unrecorded_kind(UnrecordedPlace::PackageDir, &name, is_executable(&meta))
            {
                found.push(unrecorded_finding(&path, why, root));
            }
        }
    }
    for site in sites {
        let Ok(rd) = std::fs::read_dir(site) else {
            continue;
        };
        for e in rd.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if !path.is_file() || owned.contains(&lexical(&path)) {
                continue;
            }
            if let Some(why) = unrecorded_kind(UnrecordedPlace::SiteTop, &name, false) {
                found.push(unrecorded_finding(&path, why, root));
            }
        }
    }
    // Scripts in the venv's bin directory.
    if env.path.join("pyvenv.cfg").is_file() {
        for bin in [env.path.join("bin"), env.path.join("Scripts")] {
            let Ok(rd) = std::fs::read_dir(&bin) else {
                continue;
            };
            for e in rd.flatten() {
                let path = e.path();
                let name = e.file_name().to_string_lossy().into_owned();
                let Ok(meta) = std::fs::symlink_metadata(&path) else {
                    continue;
                };
                if meta.file_type().is_symlink()
                    || !meta.is_file()
                    || owned.contains(&lexical(&path))
                {
                    continue;
                }
                if let Some(why) =
                    unrecorded_kind(UnrecordedPlace::EnvBin, &name, is_executable(&meta))
                {
                    found.push(unrecorded_finding(&path, why, root));
                }
            }
        }
    }
    report.findings.extend(found);
}

/// `DEP204`: every `Requires-Dist` of `env`'s distributions (whose markers hold for its Python
/// and `target`'s platform) is installed in `env` at a version it accepts. Locations are shown
/// relative to `root`.
pub fn check_requirements(env: &Manifest, target: &Target, root: &Path, report: &mut Report) {
    let python = env
        .python_version
        .clone()
        .unwrap_or_else(|| target.python_version.clone());
    let env_target = Target::new(&python, target.platform);
    let marker_env = env_target.marker_environment();
    let installed: BTreeMap<&str, &Dependency> = env
        .dependencies
        .iter()
        .map(|d| (d.normalized.as_str(), d))
        .collect();
    for dep in &env.dependencies {
        for line in &dep.requires_dist {
            let Ok(req) = Requirement::<pep508_rs::VerbatimUrl>::from_str(line) else {
                continue;
            };
            if !req.marker.evaluate(&marker_env, &[]) {
                continue;
            }
            let name = pyward_manifest::normalize_name(req.name.as_ref());
            let specs = match &req.version_or_url {
                Some(VersionOrUrl::VersionSpecifier(s)) => Some(s),
                _ => None,
            };
            let shown_req = match specs {
                Some(s) if !s.is_empty() => format!("{name}{s}"),
                _ => name.clone(),
            };
            let who = format!(
                "{} {}",
                dep.normalized,
                dep.version.as_deref().unwrap_or("")
            );
            let problem = match installed.get(name.as_str()) {
                None => Some(format!(
                    "{who} requires {shown_req}, which is not installed"
                )),
                Some(other) => {
                    let v = other.version.as_deref().unwrap_or("");
                    match (specs, Version::from_str(v)) {
                        (Some(s), Ok(version)) if !s.contains(&version) => Some(format!(
                            "{who} requires {shown_req}, but {name} {v} is installed"
                        )),
                        _ => None,
                    }
                }
            };
            if let Some(message) = problem {
                let file = dep.dist_info.clone().unwrap_or_else(|| dep.origin.clone());
                report.findings.push(
                    Finding::new(
                        &rules::UNSATISFIED_REQUIREMENT,
                        message,
                        dist_location(dep, &file, root),
                    )
                    .with_meta("requirement", line)
                    .with_meta("python_version", &python),
                );
            }
        }
    }
}

/// `DEP205`: what `env` has installed against what `lock` (a lockfile or pinned requirements
/// file, [`is_lock`]) pins.
pub fn check_drift(env: &Manifest, lock: &Manifest, root: &Path, report: &mut Report) {
    let lock_name = relative(&lock.path, root);
    let env_name = relative(&env.path, root);
    let locked: BTreeMap<&str, &Dependency> = lock
        .dependencies
        .iter()
        .map(|d| (d.normalized.as_str(), d))
        .collect();
    let installed: BTreeMap<&str, &Dependency> = env
        .dependencies
        .iter()
        .map(|d| (d.normalized.as_str(), d))
        .collect();
    let same = |a: &str, b: &str| match (Version::from_str(a), Version::from_str(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    for (name, dep) in &installed {
        let file = dep.dist_info.clone().unwrap_or_else(|| dep.origin.clone());
        let iv = dep.version.as_deref().unwrap_or("?");
        match locked.get(name) {
            None if BOOTSTRAP.contains(name) => {}
            None => report.findings.push(
                Finding::new(
                    &rules::ENVIRONMENT_DRIFT,
                    format!("{name} {iv} is installed in {env_name} but not locked in {lock_name}"),
                    dist_location(dep, &file, root),
                )
                .with_meta("drift", "not-locked")
                .with_meta("lockfile", &lock_name),
            ),
            Some(l) => {
                if let (Some(lv), Some(iv)) = (&l.version, &dep.version)
                    && !same(lv, iv)
                    && l.source.is_registry()
                {
                    report.findings.push(
                        Finding::new(
                            &rules::ENVIRONMENT_DRIFT,
                            format!(
                                "{name} {iv} is installed in {env_name} but {lock_name} locks {lv}"
                            ),
                            dist_location(dep, &file, root),
                        )
                        .with_meta("drift", "version")
                        .with_meta("locked_version", lv)
                        .with_meta("lockfile", &lock_name),
                    );
                }
            }
        }
    }
    for (name, l) in &locked {
        let dev = l
            .group
            .as_deref()
            .is_some_and(|g| g != "main" && is_dev_name(g));
        let local = matches!(l.source, DepSource::Editable(_) | DepSource::Path(_));
        if installed.contains_key(name) || dev || local {
            continue;
        }
        let loc = crate::location(l, root);
        report.findings.push(
            Finding::new(
                &rules::ENVIRONMENT_DRIFT,
                format!(
                    "{name} {} is locked in {lock_name} but not installed in {env_name}",
                    l.version.as_deref().unwrap_or("")
                ),
                loc,
            )
            .with_meta("drift", "not-installed")
            .with_meta("environment", &env_name),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_record_encoding() {
        // sha256("") in RECORD form.
        let digest = Sha256::digest(b"");
        assert_eq!(
            b64_urlsafe_nopad(&digest),
            "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"
        );
        assert_eq!(b64_urlsafe_nopad(b"f"), "Zg");
        assert_eq!(b64_urlsafe_nopad(b"fo"), "Zm8");
        assert_eq!(b64_urlsafe_nopad(b"foo"), "Zm9v");
    }

    #[test]
    fn lexical_paths() {
        assert_eq!(
            lexical(Path::new("/v/lib/python3/site-packages/../../../bin/x")),
            PathBuf::from("/v/bin/x")
        );
    }
}
