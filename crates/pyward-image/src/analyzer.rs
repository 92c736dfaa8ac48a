//! `pyward image IMAGE`: the whole run, from the image's files to one report.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pyward_core::{Analyzer, Location, Report, RuleMeta, RuleSelector, ScanError, Scope};
use pyward_deps::{DepsOptions, Observed};
use pyward_manifest::{Manifest, ManifestKind, Platform, Target};

use crate::config_checks;
use crate::layout::{self, PlatformSpec};
use crate::store::Store;
use crate::vfs::{Kind, Limits, Policy, Vfs, join_lexical};

/// Options of one image audit.
#[derive(Debug, Clone, Default)]
pub struct ImageOptions {
    /// The image: a `docker save` or `oci-archive` tarball, or an OCI layout directory.
    pub image: PathBuf,
    /// The advisory database (`--db`); `None`: `PYWARD_DB`, else the user cache dir.
    pub db: Option<PathBuf>,
    /// Also check the Python sources of the application directories (`--code`).
    pub code: bool,
    pub limits: Limits,
    /// The platforms of a multi-platform image to audit (`--platform`); empty: every one.
    pub platforms: Vec<PlatformSpec>,
    /// How the image is named in the report (default: `image` as given).
    pub display: Option<String>,
}

/// The image analyzer (`pyward image`).
#[derive(Debug, Clone, Default)]
pub struct ImageAnalyzer {
    pub options: ImageOptions,
}

impl Analyzer for ImageAnalyzer {
    fn name(&self) -> &'static str {
        "image"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules::RULES.to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        let selector = scope.selector(&[], &[]);
        audit(&self.options, &selector)
    }
}

/// The images of `pyward scan` (`--image`, the `images` config key): paths relative to the
/// scanned root (the first scanned path), each confined to it, audited one after the other
/// into one report.
#[derive(Debug, Clone, Default)]
pub struct ScanImagesAnalyzer {
    /// Images given on the command line (`--image`); the config's `images` are added (each
    /// image is audited once).
    pub images: Vec<PathBuf>,
    /// The advisory database (`--db`).
    pub db: Option<PathBuf>,
}

impl Analyzer for ScanImagesAnalyzer {
    fn name(&self) -> &'static str {
        "image"
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules::RULES.to_vec()
    }

    fn run(&self, scope: &Scope<'_>) -> Report {
        let selector = scope.selector(&[], &[]);
        let root_dir = scope
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        // The config's `images` too, each image once.
        let mut images: Vec<PathBuf> = Vec::new();
        for image in self
            .images
            .iter()
            .cloned()
            .chain(scope.config.images.iter().map(PathBuf::from))
        {
            if !images.contains(&image) {
                images.push(image);
            }
        }
        audit_in_root(&root_dir, &images, self.db.as_deref(), &selector)
    }
}

/// Audits each of `images` (relative to `root_dir`, never outside it) into one report; an image
/// outside the root, or missing, is an error and the others are still audited.
pub fn audit_in_root(
    root_dir: &Path,
    images: &[PathBuf],
    db: Option<&Path>,
    selector: &RuleSelector,
) -> Report {
    let mut report = Report::new("image");
    let root = match pyward_core::fs::Root::new(root_dir) {
        Ok(r) => r,
        Err(e) => {
            report.errors.push(ScanError {
                path: root_dir.to_string_lossy().into_owned(),
                message: e.to_string(),
            });
            return report;
        }
    };
    let mut stats = serde_json::Map::new();
    for image in images {
        let shown = image.to_string_lossy().replace('\\', "/");
        let canonical = match root.confine(image) {
            Ok(c) => c,
            Err(e) => {
                report.errors.push(ScanError {
                    path: shown,
                    message: format!("image not audited: {}", e.reason()),
                });
                continue;
            }
        };
        let one = audit(
            &ImageOptions {
                image: canonical,
                db: db.map(Path::to_path_buf),
                display: Some(shown.clone()),
                ..ImageOptions::default()
            },
            selector,
        );
        let Report {
            findings,
            errors,
            warnings,
            inputs,
            packages,
            stats: one_stats,
            ..
        } = one;
        report.findings.extend(findings);
        report.errors.extend(errors);
        report.warnings.extend(warnings);
        report.inputs.extend(inputs);
        report.packages.extend(packages);
        stats.insert(
            shown,
            serde_json::Value::Object(one_stats.into_iter().collect()),
        );
    }
    report.stats.insert("images".into(), stats.into());
    report.normalize();
    report
}

/// Directories an application's own files live in (besides the config's `WorkingDir`).
const APP_DIRS: &[&str] = &[
    "app", "srv", "opt", "home", "code", "usr/src", "var/www", "root",
];

/// Files kept from each distribution's metadata directory.
const DIST_FILES: &[&str] = &["METADATA", "RECORD", "INSTALLER", "direct_url.json"];

/// Splits `path` at its first `site-packages` or `dist-packages` component: (the site
/// directory, the rest).
fn split_site(path: &str) -> Option<(&str, &str)> {
    let mut start = 0;
    for part in path.split('/') {
        let end = start + part.len();
        if part == "site-packages" || part == "dist-packages" {
            let rest = path.get(end + 1..).unwrap_or("");
            return Some((&path[..end], rest));
        }
        start = end + 1;
    }
    None
}

fn under(path: &str, dir: &str) -> bool {
    !dir.is_empty() && path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

/// What the audits need of each path.
struct Wanted {
    app_dirs: Vec<String>,
    code: bool,
}

impl Wanted {
    fn in_app_dir(&self, path: &str) -> bool {
        self.app_dirs.iter().any(|d| under(path, d))
    }

    /// Not the system's Python libraries or documentation, where configuration-like files are
    /// examples and tests of other projects.
    fn library(path: &str) -> bool {
        split_site(path).is_some()
            || [
                "usr/share",
                "usr/lib/python",
                "usr/local/lib/python",
                "proc",
                "sys",
            ]
            .iter()
            .any(|d| path.starts_with(d))
            || path
                .split('/')
                .any(|p| p == "node_modules" || p == ".venv" || p == "venv")
    }

    fn config_kind_by_name(path: &str) -> Option<pyward_config::ConfigKind> {
        pyward_config::detect_by_name(Path::new(&format!("/{path}")))
    }

    fn is_config(&self, path: &str) -> bool {
        if Self::library(path) {
            return false;
        }
        let name = path.rsplit('/').next().unwrap_or("");
        if name == ".env" || name.starts_with(".env.") {
            return Self::config_kind_by_name(path).is_some();
        }
        if !(under(path, "etc") || self.in_app_dir(path)) {
            return false;
        }
        if Self::config_kind_by_name(path).is_some() {
            return true;
        }
        let lower = name.to_ascii_lowercase();
        [".conf", ".yml", ".yaml", ".nginx"]
            .iter()
            .any(|e| lower.ends_with(e))
    }

    /// A lockfile or requirements file of the application: the baseline of `DEP205`.
    fn is_lock_candidate(&self, path: &str) -> bool {
        let p = Path::new(path);
        !Self::library(path)
            && self.in_app_dir(path)
            && pyward_manifest::is_manifest_name(p)
            && ManifestKind::from_file_name(p)
                .is_some_and(|k| k.is_lockfile() || k == ManifestKind::Requirements)
    }

    fn is_code(&self, path: &str) -> bool {
        self.code && path.ends_with(".py") && !Self::library(path) && self.in_app_dir(path)
    }
}

impl Policy for Wanted {
    fn keep(&self, path: &str) -> bool {
        if let Some((_, rest)) = split_site(path) {
            let mut parts = rest.split('/');
            let (first, second, third) = (parts.next(), parts.next(), parts.next());
            return match (first, second, third) {
                (Some(d), Some(f), None) if d.ends_with(".dist-info") => DIST_FILES.contains(&f),
                (Some(d), Some("PKG-INFO"), None) => d.ends_with(".egg-info"),
                (Some(d), None, None) => d.ends_with(".egg-info"),
                _ => false,
            };
        }
        self.is_config(path) || self.is_code(path) || self.is_lock_candidate(path)
    }

    fn hash(&self, path: &str) -> bool {
        split_site(path).is_some()
            || path
                .rsplit_once('/')
                .is_some_and(|(dir, _)| dir == "bin" || dir.ends_with("/bin"))
    }
}

/// The Python version of a site directory (`lib/python3.12/site-packages`), else the newest
/// `python3.N` library directory of the image, else 3.12.
fn python_version(site: &str, vfs: &Vfs) -> String {
    let from_name = |name: &str| {
        name.strip_prefix("python")
            .filter(|v| v.split('.').count() == 2 && v.split('.').all(|p| p.parse::<u32>().is_ok()))
            .map(str::to_string)
    };
    if let Some(v) = site.rsplit('/').nth(1).and_then(from_name) {
        return v;
    }
    let mut best: Option<(u32, String)> = None;
    for prefix in ["usr/lib/", "usr/local/lib/"] {
        for (path, node) in vfs.iter() {
            let Some(rest) = path.strip_prefix(prefix) else {
                continue;
            };
            if node.kind != Kind::Dir || rest.contains('/') {
                continue;
            }
            if let Some(v) = from_name(rest) {
                let minor = v
                    .split('.')
                    .nth(1)
                    .and_then(|m| m.parse().ok())
                    .unwrap_or(0);
                if best.as_ref().is_none_or(|(m, _)| minor > *m) {
                    best = Some((minor, v));
                }
            }
        }
    }
    best.map_or_else(|| "3.12".to_string(), |(_, v)| v)
}

fn text_of(vfs: &Vfs, path: &str) -> Option<String> {
    let content = vfs.get(path)?.content.as_ref()?;
    if content.contains(&0) {
        return None;
    }
    Some(String::from_utf8_lossy(content).into_owned())
}

/// Audits the image of `options`; everything that could not be read is an error in the report
/// next to the findings of the rest.
pub fn audit(options: &ImageOptions, selector: &RuleSelector) -> Report {
    let mut report = Report::new("image");
    let shown_image = options
        .display
        .clone()
        .unwrap_or_else(|| options.image.to_string_lossy().replace('\\', "/"));
    report.inputs.push(shown_image.clone());
    let store = match Store::open(&options.image) {
        Ok(s) => s,
        Err(e) => {
            report.errors.push(ScanError {
                path: shown_image,
                message: e.to_string(),
            });
            return report;
        }
    };
    let found = match layout::plans(&store, &options.platforms) {
        Ok(p) => p,
        Err(e) => {
            report.errors.push(ScanError {
                path: shown_image,
                message: e.to_string(),
            });
            return report;
        }
    };
    // More than one image: each is named by its platform, in every location.
    let many = found.len() > 1;
    let mut stats = serde_json::Map::new();
    for (n, (platform, plan)) in found.into_iter().enumerate() {
        let label = match (&platform, many) {
            (_, false) => shown_image.clone(),
            (Some(p), true) => format!("{shown_image}@{p}"),
            (None, true) => format!("{shown_image}@#{}", n + 1),
        };
        match plan {
            Err(e) => report.errors.push(ScanError {
                path: label,
                message: e.to_string(),
            }),
            Ok(plan) => {
                let s = audit_plan(&store, &plan, &label, options, selector, &mut report);
                stats.insert(platform.map_or_else(|| label.clone(), |p| p.to_string()), s);
            }
        }
    }
    let image_stats = if many {
        serde_json::json!({ "platforms": stats })
    } else {
        stats.into_iter().next().map(|(_, v)| v).unwrap_or_default()
    };
    report.stats.insert("image".into(), image_stats);
    // Credentials in index or direct_url URLs never reach the report.
    pyward_deps::redact_report(&mut report);
    report.normalize();
    report
}

/// Audits one image (one platform) of the store into `report`, its locations under
/// `shown_image`; returns its statistics.
fn audit_plan(
    store: &Store,
    plan: &layout::Plan,
    shown_image: &str,
    options: &ImageOptions,
    selector: &RuleSelector,
    report: &mut Report,
) -> serde_json::Value {
    let at = |path: &str| format!("{shown_image}!/{path}");

    // The image config.
    report.findings.extend(config_checks::check(
        &plan.config,
        &plan.annotations,
        &format!("{shown_image}!config"),
        selector,
    ));

    // The layers, lowest first.
    let mut app_dirs: Vec<String> = APP_DIRS.iter().map(|d| d.to_string()).collect();
    if let Some(wd) = plan
        .config
        .pointer("/config/WorkingDir")
        .and_then(serde_json::Value::as_str)
        .and_then(crate::vfs::normalize)
        .filter(|w| !w.is_empty())
    {
        app_dirs.push(wd);
    }
    let wanted = Wanted {
        app_dirs,
        code: options.code,
    };
    let limits = &options.limits;
    let mut vfs = Vfs::new();
    let layers = plan.layers.len();
    for (i, blob) in plan.layers.iter().enumerate() {
        let layer_shown = format!("{shown_image}!layer {} ({})", i + 1, blob.name);
        if i >= limits.max_layers {
            report.errors.push(ScanError {
                path: shown_image.to_string(),
                message: format!(
                    "{layers} layers, over the limit of {}; the rest are not read",
                    limits.max_layers
                ),
            });
            break;
        }
        let reader = store
            .open_member(&blob.name)
            .and_then(|(r, _)| layout::Verifier::new(r, &blob.name, blob.expected.clone()));
        let mut reader = match reader {
            Ok(r) => r,
            Err(e) => {
                report.errors.push(ScanError {
                    path: layer_shown,
                    message: e.to_string(),
                });
                continue;
            }
        };
        for err in vfs.apply_layer(i, &mut reader, &wanted, limits) {
            report.errors.push(ScanError {
                path: layer_shown.clone(),
                message: err.message,
            });
        }
        // The whole blob is read and checked, whatever the layer's reader left of it.
        if let Err(e) = reader.finish() {
            report.errors.push(ScanError {
                path: layer_shown,
                message: e.to_string(),
            });
        }
    }
    for (path, why) in &vfs.not_kept {
        report
            .warnings
            .push(format!("{}: not audited: {why}", at(path)));
    }

    let deps_options = DepsOptions {
        selector: selector.clone(),
        ..DepsOptions::default()
    };
    let distributions = audit_distributions(&vfs, &at, &wanted, options, &deps_options, report);

    // Configuration files.
    let mut config_files = 0usize;
    let mut python_files = 0usize;
    let code_options = pyward_code::CodeOptions {
        selector: selector.clone(),
        ..pyward_code::CodeOptions::default()
    };
    for (path, node) in vfs.iter() {
        if node.kind != Kind::File || node.content.is_none() || split_site(path).is_some() {
            continue;
        }
        let Some(text) = text_of(&vfs, path) else {
            continue;
        };
        if wanted.is_lock_candidate(path) {
            continue;
        }
        let shown = at(path);
        if wanted.is_code(path) {
            python_files += 1;
            report
                .findings
                .extend(pyward_code::check_source(&shown, &text, &code_options));
            continue;
        }
        let kind = Wanted::config_kind_by_name(path)
            .or_else(|| pyward_config::detect_by_content(Path::new(path.as_str()), &text));
        let Some(kind) = kind else { continue };
        config_files += 1;
        let audit = pyward_config::audit_text(kind, &shown, &text, selector);
        report.findings.extend(audit.findings);
        report.warnings.extend(audit.warnings);
        report.errors.extend(
            audit
                .errors
                .into_iter()
                .map(|(path, message)| ScanError { path, message }),
        );
    }

    serde_json::json!({
        "format": plan.format,
        "platform": plan.platform.as_ref().map(ToString::to_string),
        "config": plan.config_name,
        "layers": layers,
        "entries": vfs.entries(),
        "paths": vfs.len(),
        "distributions": distributions,
        "files_hashed": vfs.files_hashed,
        "bytes_hashed": vfs.bytes_hashed,
        "kept_bytes": vfs.kept_bytes(),
        "config_files": config_files,
        "python_files": python_files,
    })
}

/// Every installed distribution of every site directory: advisories (DEP0xx), RECORD
/// integrity (DEP201–DEP203), unsatisfied requirements (DEP204) and drift from the
/// application's lockfiles (DEP205). Returns how many distributions were read.
fn audit_distributions(
    vfs: &Vfs,
    at: &dyn Fn(&str) -> String,
    wanted: &Wanted,
    options: &ImageOptions,
    deps_options: &DepsOptions,
    report: &mut Report,
) -> usize {
    // The metadata directories, by site directory.
    let mut by_site: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (path, node) in vfs.iter() {
        if node.kind != Kind::File {
            continue;
        }
        let Some((site, rest)) = split_site(path) else {
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let meta = match parts.as_slice() {
            [d, "METADATA"] if d.ends_with(".dist-info") => true,
            [d, "PKG-INFO"] if d.ends_with(".egg-info") => true,
            [d] if d.ends_with(".egg-info") => true,
            _ => false,
        };
        if meta {
            let entry = format!("{site}/{}", parts[0]);
            by_site
                .entry(site.to_string())
                .or_default()
                .push((entry, path.clone()));
        }
    }
    let mut manifests: Vec<Manifest> = Vec::new();
    // Shown metadata directory → (site directory, metadata directory) in the image.
    let mut places: HashMap<PathBuf, (String, String)> = HashMap::new();
    let mut count = 0usize;
    for (site, entries) in &by_site {
        let target = Target {
            python_version: python_version(site, vfs),
            platform: Platform::Linux,
            ..Target::default()
        };
        let mut m = Manifest::new(Path::new(&at(site)), ManifestKind::InstalledEnv);
        m.python_version = Some(target.python_version.clone());
        let mut deps = Vec::new();
        for (entry, meta_path) in entries {
            let Some(text) = text_of(vfs, meta_path) else {
                report
                    .warnings
                    .push(format!("{}: metadata not read, not audited", at(meta_path)));
                continue;
            };
            let direct_path = format!("{entry}/direct_url.json");
            let direct = text_of(vfs, &direct_path);
            let direct_shown = PathBuf::from(at(&direct_path));
            let entry_shown = PathBuf::from(at(entry));
            if let Some(dep) = pyward_manifest::dist_from_texts(
                &entry_shown,
                Path::new(&at(meta_path)),
                &text,
                direct.as_deref().map(|t| (direct_shown.as_path(), t)),
                &mut m,
            ) {
                places.insert(entry_shown, (site.clone(), entry.clone()));
                deps.push(dep);
            }
        }
        count += deps.len();
        pyward_manifest::link_parents(&mut m, deps, &target);
        report.warnings.append(&mut m.warnings);
        manifests.push(m);
    }
    if count == 0 {
        return 0;
    }
    let db_path = pyward_advisory::db_path(options.db.as_deref());
    match pyward_advisory::open_db(&db_path) {
        Ok(db) => {
            if let Some(warning) =
                pyward_advisory::stale_warning(db.meta(), pyward_advisory::DEFAULT_MAX_AGE_DAYS)
            {
                report.warnings.push(warning);
            }
            report.stats.insert(
                "database".into(),
                serde_json::json!({
                    "path": db_path,
                    "advisories": db.meta().advisory_count,
                    "newest_modified": db.meta().newest_modified,
                }),
            );
            if let Err(e) = pyward_deps::audit(&manifests, &db, deps_options, Path::new(""), report)
            {
                report.errors.push(ScanError {
                    path: db_path.to_string_lossy().into_owned(),
                    message: e.to_string(),
                });
            }
        }
        Err(e) => report.errors.push(ScanError {
            path: db_path.to_string_lossy().into_owned(),
            message: format!(
                "advisory database: {e}; distributions were not checked for advisories"
            ),
        }),
    }
    let mut files_checked = 0usize;
    // Per site directory: every path some RECORD owns, the package directories RECORDs
    // install into, and how many distributions have no RECORD.
    let mut sites: BTreeMap<String, SiteFiles> = BTreeMap::new();
    for m in &manifests {
        for dep in &m.dependencies {
            let Some((site, entry)) = dep.dist_info.as_ref().and_then(|d| places.get(d)) else {
                continue;
            };
            let record_path = format!("{entry}/RECORD");
            // An installer (pip, uv, poetry…) writes INSTALLER next to RECORD. A RECORD without
            // it comes from a distribution's package build (Debian ships some), and the
            // packaging changes files after it was written (stripped `.so`, patched sources,
            // moved scripts): it says nothing about the files in the image.
            let installed = vfs.get(&format!("{entry}/INSTALLER")).is_some();
            let text = if entry.ends_with(".dist-info") && installed {
                text_of(vfs, &record_path)
            } else {
                None
            };
            let site_files = sites.entry(site.clone()).or_default();
            let Some(text) = text else {
                site_files.without_record += 1;
                continue;
            };
            let record_shown = at(&record_path);
            let record = match pyward_manifest::parse_record(&text, Path::new(&record_shown)) {
                Ok(r) => r,
                Err(e) => {
                    site_files.without_record += 1;
                    report.errors.push(ScanError {
                        path: record_shown,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            for row in &record {
                site_files.owned.insert(join_lexical(site, &row.path));
                if let Some(dir) = pyward_deps::record_package_dir(&row.path) {
                    site_files.package_dirs.insert(join_lexical(site, dir));
                }
            }
            for row in record.iter().filter(|r| r.digest.is_some()) {
                files_checked += 1;
                let file = join_lexical(site, &row.path);
                let observed = match vfs.resolve(&file) {
                    None => Observed::Missing,
                    Some((_, node)) => match (&node.kind, &node.sha256) {
                        (Kind::File, Some(sha)) => Observed::Hashed {
                            sha256: sha.clone(),
                            size: node.size,
                        },
                        _ => Observed::Size(node.size),
                    },
                };
                let Some(problem) = pyward_deps::judge(row, observed) else {
                    continue;
                };
                let shown = at(&file);
                let location = Location::file(shown.clone(), None)
                    .with_package(dep.normalized.clone(), dep.version.clone());
                if let Some(f) = pyward_deps::integrity_finding(
                    problem,
                    dep,
                    &shown,
                    location,
                    &record_shown,
                    deps_options,
                ) {
                    report.findings.push(f);
                }
            }
        }
    }
    let on = |rule: &RuleMeta| deps_options.selector.enabled(rule);
    if on(&pyward_deps::rules::UNRECORDED_EXECUTABLE) {
        for (site, files) in &sites {
            report.findings.extend(unrecorded(vfs, site, files, at));
        }
    }
    let environments = environments(&manifests);
    if on(&pyward_deps::rules::UNSATISFIED_REQUIREMENT) {
        let target = Target {
            platform: Platform::Linux,
            ..Target::default()
        };
        for env in &environments {
            pyward_deps::check_requirements(env, &target, Path::new(""), report);
        }
    }
    if on(&pyward_deps::rules::ENVIRONMENT_DRIFT) {
        drift(vfs, at, wanted, &manifests, &sites, report);
    }
    // Added up over the platforms of a multi-platform image.
    let before = report
        .stats
        .get("record_files_checked")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    report.stats.insert(
        "record_files_checked".into(),
        (before + files_checked as u64).into(),
    );
    report.packages.extend(packages(&manifests));
    count
}

/// What the RECORDs of one site directory own.
#[derive(Debug, Default)]
struct SiteFiles {
    owned: HashSet<String>,
    package_dirs: BTreeSet<String>,
    without_record: usize,
}

/// The prefix a site directory belongs to (`opt/venv` of `opt/venv/lib/python3.12/site-packages`).
fn site_prefix(site: &str) -> Option<&str> {
    let (lib_py, _) = site.rsplit_once('/')?;
    let (lib, py) = lib_py.rsplit_once('/').unwrap_or(("", lib_py));
    if !(py.starts_with("python") || py.starts_with("pypy")) {
        return None;
    }
    let (prefix, lib_name) = lib.rsplit_once('/').unwrap_or(("", lib));
    (lib_name == "lib" || lib_name == "lib64").then_some(prefix)
}

/// DEP203 over one site directory of the image, through `pyward deps --env`'s judgement
/// ([`pyward_deps::unrecorded_kind`]). A site where some distribution has no RECORD (Debian's
/// `dist-packages`, where dpkg owns the files) is skipped: its files cannot be told apart.
fn unrecorded(
    vfs: &Vfs,
    site: &str,
    files: &SiteFiles,
    at: &dyn Fn(&str) -> String,
) -> Vec<pyward_core::Finding> {
    use pyward_deps::UnrecordedPlace;
    let mut found = Vec::new();
    if files.without_record > 0 {
        return found;
    }
    let venv_bin = site_prefix(site)
        .filter(|p| vfs.get(&join_lexical(p, "pyvenv.cfg")).is_some())
        .map(|p| join_lexical(p, "bin"));
    for (path, node) in vfs.iter() {
        if node.kind != Kind::File || files.owned.contains(path) {
            continue;
        }
        let Some((dir, name)) = path.rsplit_once('/') else {
            continue;
        };
        let place = if dir == site {
            UnrecordedPlace::SiteTop
        } else if venv_bin.as_deref() == Some(dir) {
            UnrecordedPlace::EnvBin
        } else if under(path, site)
            && !path.split('/').any(|p| p == "__pycache__")
            && files.package_dirs.iter().any(|d| under(path, d))
        {
            UnrecordedPlace::PackageDir
        } else {
            continue;
        };
        if let Some(why) = pyward_deps::unrecorded_kind(place, name, node.mode & 0o111 != 0) {
            found.push(pyward_deps::unrecorded_file_finding(&at(path), why));
        }
    }
    found
}

/// Whether a site directory is Debian's: `dist-packages`, which one interpreter reads together.
fn is_dist_packages(site: &str) -> bool {
    site.ends_with("/dist-packages")
}

/// The environments an interpreter sees, for DEP204: each `site-packages` on its own, and all
/// `dist-packages` directories together (Debian's `python3` reads `/usr/local/lib/python3.N/
/// dist-packages` and `/usr/lib/python3/dist-packages`, so one may satisfy the other).
fn environments(manifests: &[Manifest]) -> Vec<Manifest> {
    let mut out: Vec<Manifest> = Vec::new();
    let mut debian: Option<Manifest> = None;
    for m in manifests {
        let site = m.path.to_string_lossy();
        if is_dist_packages(&site) {
            match &mut debian {
                None => debian = Some(m.clone()),
                Some(d) => d.dependencies.extend(m.dependencies.iter().cloned()),
            }
        } else {
            out.push(m.clone());
        }
    }
    out.extend(debian);
    out
}

/// DEP205: each lockfile (or pinned requirements file) of the application against the
/// environment it was installed into: the site directory holding most of what it pins, among
/// those whose every distribution has a RECORD (installed by an installer, not dpkg). A
/// lockfile no site shares a name with is not compared.
fn drift(
    vfs: &Vfs,
    at: &dyn Fn(&str) -> String,
    wanted: &Wanted,
    manifests: &[Manifest],
    sites: &BTreeMap<String, SiteFiles>,
    report: &mut Report,
) {
    let target = Target {
        platform: Platform::Linux,
        ..Target::default()
    };
    for (path, node) in vfs.iter() {
        if node.kind != Kind::File || !wanted.is_lock_candidate(path) {
            continue;
        }
        let Some(kind) = ManifestKind::from_file_name(Path::new(path)) else {
            continue;
        };
        let Some(text) = text_of(vfs, path) else {
            continue;
        };
        let shown = at(path);
        let lock = match pyward_manifest::parse_text(kind, &text, Path::new(&shown), &target) {
            Ok(m) => m,
            Err(e) => {
                report
                    .warnings
                    .push(format!("{shown}: not compared with the environments: {e}"));
                continue;
            }
        };
        if !pyward_deps::is_lock(&lock) {
            continue;
        }
        let locked: HashSet<&str> = lock
            .dependencies
            .iter()
            .map(|d| d.normalized.as_str())
            .collect();
        let best = manifests
            .iter()
            .filter(|m| {
                sites.iter().any(|(site, f)| {
                    f.without_record == 0 && Path::new(&at(site)) == m.path.as_path()
                })
            })
            .map(|m| {
                let shared = m
                    .dependencies
                    .iter()
                    .filter(|d| locked.contains(d.normalized.as_str()))
                    .count();
                (shared, m)
            })
            .filter(|(shared, _)| *shared > 0)
            .max_by_key(|(shared, _)| *shared);
        if let Some((_, env)) = best {
            pyward_deps::check_drift(env, &lock, Path::new(""), report);
        }
    }
}

/// The distributions as SBOM packages.
fn packages(manifests: &[Manifest]) -> Vec<pyward_core::Package> {
    manifests
        .iter()
        .flat_map(|m| {
            m.dependencies.iter().map(move |d| pyward_core::Package {
                name: d.normalized.clone(),
                version: d.version.clone(),
                registry: d.source.is_registry(),
                direct: d.direct,
                manifest: m.path.to_string_lossy().into_owned(),
                depends_on: Vec::new(),
                ..pyward_core::Package::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_split() {
        assert_eq!(
            split_site("usr/lib/python3/dist-packages/foo-1.dist-info/RECORD"),
            Some(("usr/lib/python3/dist-packages", "foo-1.dist-info/RECORD"))
        );
        assert_eq!(split_site("etc/nginx/nginx.conf"), None);
    }

    #[test]
    fn policy() {
        let w = Wanted {
            app_dirs: vec!["app".into()],
            code: true,
        };
        assert!(w.keep("usr/local/lib/python3.12/site-packages/a-1.dist-info/METADATA"));
        assert!(!w.keep("usr/local/lib/python3.12/site-packages/a/__init__.py"));
        assert!(w.hash("usr/local/lib/python3.12/site-packages/a/__init__.py"));
        assert!(w.keep("etc/nginx/conf.d/default.conf"));
        assert!(w.keep("app/.env"));
        assert!(w.keep("app/main.py"));
        assert!(!w.keep("usr/share/doc/x/nginx.conf"));
    }
}
