//! `pyward image IMAGE`: the whole run, from the image's files to one report.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use pyward_core::{Analyzer, Location, Report, RuleMeta, RuleSelector, ScanError, Scope};
use pyward_deps::{DepsOptions, Observed};
use pyward_manifest::{Manifest, ManifestKind, Platform, Target};

use crate::config_checks;
use crate::layout;
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
        self.is_config(path) || self.is_code(path)
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
    let shown_image = options.image.to_string_lossy().replace('\\', "/");
    report.inputs.push(shown_image.clone());
    let at = |path: &str| format!("{shown_image}!/{path}");
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
    let plan = match layout::plan(&store) {
        Ok(p) => p,
        Err(e) => {
            report.errors.push(ScanError {
                path: shown_image,
                message: e.to_string(),
            });
            return report;
        }
    };

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
    for (i, name) in plan.layers.iter().enumerate() {
        let layer_shown = format!("{shown_image}!layer {} ({name})", i + 1);
        if i >= limits.max_layers {
            report.errors.push(ScanError {
                path: shown_image.clone(),
                message: format!(
                    "{layers} layers, over the limit of {}; the rest are not read",
                    limits.max_layers
                ),
            });
            break;
        }
        let reader = match store.open_member(name) {
            Ok((r, _)) => r,
            Err(e) => {
                report.errors.push(ScanError {
                    path: layer_shown,
                    message: e.to_string(),
                });
                continue;
            }
        };
        for err in vfs.apply_layer(i, reader, &wanted, limits) {
            report.errors.push(ScanError {
                path: layer_shown.clone(),
                message: err.message,
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
    let distributions = audit_distributions(&vfs, &at, options, &deps_options, &mut report);

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

    report.stats.insert(
        "image".into(),
        serde_json::json!({
            "format": plan.format,
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
        }),
    );
    // Credentials in index or direct_url URLs never reach the report.
    pyward_deps::redact_report(&mut report);
    report.normalize();
    report
}

/// Every installed distribution of every site directory: advisories (DEP0xx) and RECORD
/// integrity (DEP201, DEP202). Returns how many distributions were read.
fn audit_distributions(
    vfs: &Vfs,
    at: &dyn Fn(&str) -> String,
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
    for m in &manifests {
        for dep in &m.dependencies {
            let Some((site, entry)) = dep.dist_info.as_ref().and_then(|d| places.get(d)) else {
                continue;
            };
            if !entry.ends_with(".dist-info") {
                continue;
            }
            let record_path = format!("{entry}/RECORD");
            let Some(text) = text_of(vfs, &record_path) else {
                continue;
            };
            let record_shown = at(&record_path);
            let record = match pyward_manifest::parse_record(&text, Path::new(&record_shown)) {
                Ok(r) => r,
                Err(e) => {
                    report.errors.push(ScanError {
                        path: record_shown,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
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
    report
        .stats
        .insert("record_files_checked".into(), files_checked.into());
    report.packages.extend(packages(&manifests));
    count
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
