//! Supply-chain policy over manifests: pinning and hashes, package sources, stale locks,
//! typosquats and debug tooling (rules `DEP101`–`DEP112`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use pep440_rs::{Version, VersionSpecifiers};
use pyward_core::{Finding, Location, Report, RuleMeta, Span};
use pyward_manifest::{DepSource, DepState, Dependency, Manifest, ManifestKind, Target};

use crate::redact::{redact, url_credentials};
use crate::{DepsOptions, location, relative, rules, typosquat};

/// Words that mark a requirements file, group or extra as not meant for production.
const DEV_WORDS: &[&str] = &[
    "dev",
    "develop",
    "development",
    "test",
    "tests",
    "testing",
    "lint",
    "linting",
    "docs",
    "doc",
    "typing",
    "types",
    "mypy",
    "ci",
    "local",
    "debug",
    "bench",
    "benchmark",
    "e2e",
    "qa",
];

/// True when a file stem, group or extra name is about development rather than deployment.
pub fn is_dev_name(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| DEV_WORDS.contains(&w))
}

/// Whether a requirements file is meant for deployment: `*.txt` (not a pip-compile `*.in`
/// input) whose name does not say dev/test/docs/lint.
fn is_deployment_requirements(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let in_dev_dir = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| is_dev_name(&d.to_string_lossy()) && d != "requirements");
    name.ends_with(".txt") && !is_dev_name(name.trim_end_matches(".txt")) && !in_dev_dir
}

/// Whether a dependency belongs to a production set.
fn is_production(dep: &Dependency, manifest: &Manifest) -> bool {
    match manifest.kind {
        ManifestKind::Requirements => is_deployment_requirements(&dep.origin),
        ManifestKind::InstalledEnv => false,
        _ => dep
            .group
            .as_deref()
            .is_none_or(|g| g == "main" || g == "default" || !is_dev_name(g)),
    }
}

fn is_loopback(url: &str) -> bool {
    let host = url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.split(']').next())
        .unwrap_or_else(|| host.split(':').next().unwrap_or(host));
    host == "localhost" || host.starts_with("127.") || host == "::1"
}

/// A URL the manifest points pip (or the lock tool) at.
struct SourceUrl {
    kind: &'static str,
    url: String,
    path: PathBuf,
    line: Option<u32>,
}

/// 1-based line of the first occurrence of `needle` in `path`, reading the file once per call.
fn find_line(path: &Path, needle: &str) -> Option<u32> {
    let text = pyward_core::fs::read_text(path, pyward_core::fs::MAX_FILE_SIZE).ok()?;
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32 + 1)
}

/// Index and find-links URLs of a manifest with the line that declares them.
fn source_urls(manifest: &Manifest) -> Vec<SourceUrl> {
    let mut out: Vec<SourceUrl> = Vec::new();
    for opt in &manifest.options {
        let kind = match opt.name.as_str() {
            "index-url" => "index",
            "extra-index-url" => "extra index",
            "find-links" => "find-links location",
            _ => continue,
        };
        if let Some(v) = &opt.value {
            out.push(SourceUrl {
                kind,
                url: v.clone(),
                path: opt.origin.clone(),
                line: Some(opt.line),
            });
        }
    }
    let listed: Vec<(&str, &String)> = manifest
        .index_urls
        .iter()
        .map(|u| ("index", u))
        .chain(
            manifest
                .find_links
                .iter()
                .map(|u| ("find-links location", u)),
        )
        .collect();
    for (kind, url) in listed {
        if out.iter().any(|s| &s.url == url) {
            continue;
        }
        out.push(SourceUrl {
            kind,
            url: url.clone(),
            path: manifest.path.clone(),
            line: find_line(&manifest.path, url),
        });
    }
    out
}

fn file_location(path: &Path, line: Option<u32>, root: &Path) -> Location {
    Location::file(relative(path, root), line.map(Span::line))
}

fn dep_source_url(dep: &Dependency) -> Option<&str> {
    match &dep.source {
        DepSource::Url(u) | DepSource::Vcs(u) | DepSource::Editable(u) => Some(u),
        _ => None,
    }
}

fn url_has_hash(url: &str) -> bool {
    url.split_once('#').is_some_and(|(_, frag)| {
        frag.split('&').any(|kv| {
            kv.split_once('=').is_some_and(|(k, v)| {
                matches!(
                    k,
                    "sha256" | "sha384" | "sha512" | "sha224" | "sha1" | "md5"
                ) && !v.is_empty()
            })
        })
    })
}

fn is_full_commit(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The reference a VCS URL names after `@` (`main`, `v1.2`, a hash), if any.
pub fn vcs_ref(url: &str) -> Option<&str> {
    let no_frag = url.split('#').next().unwrap_or(url);
    let no_query = no_frag.split('?').next().unwrap_or(no_frag);
    let after_scheme = no_query.find("://").map(|i| i + 3).unwrap_or(0);
    let rest = &no_query[after_scheme..];
    let path_start = rest.find('/')?;
    let path = &rest[path_start..];
    path.rfind('@')
        .map(|i| &path[i + 1..])
        .filter(|r| !r.is_empty())
}

/// Runs the supply-chain policy rules over `manifests`, adding findings to `report`.
pub fn check_policy(
    manifests: &[Manifest],
    options: &DepsOptions,
    target: &Target,
    root: &Path,
    report: &mut Report,
) {
    let on = |rule: &RuleMeta| options.selector.enabled(rule);
    let mut findings: Vec<Finding> = Vec::new();
    let mut seen_urls: BTreeSet<(String, String)> = BTreeSet::new();
    let inputs = compile_inputs(manifests);
    let mut debug_seen: BTreeSet<String> = BTreeSet::new();
    // Packages pinned exactly somewhere in the project (a lock, a compiled requirements file,
    // an `==` line): a range for them elsewhere is an input to that pin, not a deployment.
    let pinned: BTreeSet<&str> = manifests
        .iter()
        .flat_map(|m| &m.dependencies)
        .filter(|d| matches!(d.state, DepState::Locked | DepState::Pinned))
        .map(|d| d.normalized.as_str())
        .collect();
    let test_paths = options
        .test_paths
        .clone()
        .unwrap_or_else(pyward_core::TestPaths::default_set);
    for manifest in manifests {
        if on(&rules::UNPINNED_REQUIREMENT) {
            unpinned(manifest, &inputs, &pinned, &test_paths, root, &mut findings);
        }
        if on(&rules::MISSING_HASH) {
            missing_hashes(manifest, options.require_hashes, root, &mut findings);
        }
        for dep in &manifest.dependencies {
            let url = dep_source_url(dep);
            if on(&rules::VCS_NOT_PINNED)
                && let DepSource::Vcs(u) | DepSource::Editable(u) = &dep.source
                && is_vcs(u)
            {
                vcs_pin(dep, u, manifest, root, &mut findings);
            }
            if on(&rules::URL_WITHOUT_HASH)
                && let DepSource::Url(u) = &dep.source
                && !url_has_hash(u)
                && dep.hashes.is_empty()
            {
                findings.push(
                    Finding::new(
                        &rules::URL_WITHOUT_HASH,
                        format!(
                            "{} is downloaded from `{}` without a hash: whatever the server returns is installed",
                            dep.normalized,
                            redact(u)
                        ),
                        location(dep, root),
                    )
                    .with_meta("url", redact(u).as_ref()),
                );
            }
            if on(&rules::INDEX_CREDENTIALS)
                && let Some(u) = url
                && url_credentials(u).is_some()
                && seen_urls.insert((relative(&dep.origin, root), u.to_string()))
            {
                findings.push(credentials("requirement URL", u, location(dep, root)));
            }
        }
        for src in source_urls(manifest) {
            let loc = file_location(&src.path, src.line, root);
            let lower = src.url.to_ascii_lowercase();
            if on(&rules::INSECURE_INDEX) && lower.starts_with("http://") && !is_loopback(&lower) {
                findings.push(
                    Finding::new(
                        &rules::INSECURE_INDEX,
                        format!(
                            "{} `{}` uses plain HTTP: packages can be replaced in transit",
                            src.kind,
                            redact(&src.url)
                        ),
                        loc.clone(),
                    )
                    .with_meta("url", redact(&src.url).as_ref()),
                );
            }
            if on(&rules::INDEX_CREDENTIALS)
                && url_credentials(&src.url).is_some()
                && seen_urls.insert((relative(&src.path, root), src.url.clone()))
            {
                findings.push(credentials(src.kind, &src.url, loc));
            }
        }
        if on(&rules::TRUSTED_HOST) {
            for opt in manifest.options.iter().filter(|o| o.name == "trusted-host") {
                let host = opt.value.clone().unwrap_or_default();
                findings.push(
                    Finding::new(
                        &rules::TRUSTED_HOST,
                        format!(
                            "`--trusted-host {host}` turns off TLS verification for that host: anyone on the path can serve packages"
                        ),
                        file_location(&opt.origin, Some(opt.line), root),
                    )
                    .with_meta("host", &host),
                );
            }
        }
        if on(&rules::EXTRA_INDEX_URL) {
            extra_index(manifest, root, &mut findings);
        }
        if on(&rules::DEBUG_TOOLING) {
            for dep in &manifest.dependencies {
                // Once per package: a pyproject, its lock and an exported requirements file
                // name the same tool.
                if let Some(what) = debug_tool(dep)
                    && is_production(dep, manifest)
                    && debug_seen.insert(dep.normalized.clone())
                {
                    let set = match manifest.kind {
                        ManifestKind::Requirements => {
                            format!("deployment file {}", relative(&dep.origin, root))
                        }
                        _ => format!(
                            "production group `{}`",
                            dep.group.as_deref().unwrap_or("main")
                        ),
                    };
                    findings.push(
                        Finding::new(
                            &rules::DEBUG_TOOLING,
                            format!(
                                "{} ({what}) is in the {set}; move it to a development group",
                                dep.normalized
                            ),
                            location(dep, root),
                        )
                        .with_meta("tool", what),
                    );
                    // A toolbar renders only with DEBUG on (which DJ018/FL002 catch) and an
                    // interactive debugger only stops where code calls it: low weight. A remote
                    // debugger listens for connections and keeps the rule's severity.
                    if !what.contains("remote")
                        && !what.contains("Werkzeug")
                        && let Some(f) = findings.last_mut()
                    {
                        f.severity = pyward_core::Severity::Low;
                        f.confidence = pyward_core::Confidence::Low;
                    }
                }
            }
        }
    }
    if on(&rules::TYPOSQUAT) {
        let mut seen: BTreeSet<(String, PathBuf)> = BTreeSet::new();
        for manifest in manifests {
            for dep in &manifest.dependencies {
                // Only names the project itself chose: a transitive entry of a lockfile was
                // chosen by another package (and a popular package's dependency is no squat).
                if !dep.direct
                    || !dep.source.is_registry()
                    || !seen.insert((dep.normalized.clone(), dep.origin.clone()))
                {
                    continue;
                }
                if let Some(squat) = typosquat::check(&dep.normalized, &options.typosquat_allow) {
                    findings.push(
                        Finding::new(
                            &rules::TYPOSQUAT,
                            format!(
                                "{} looks like a typosquat of the popular package `{}` ({}); check the spelling",
                                dep.normalized, squat.target, squat.reason
                            ),
                            location(dep, root),
                        )
                        .with_meta("imitates", squat.target)
                        .with_meta("reason", &squat.reason),
                    );
                }
            }
        }
    }
    if on(&rules::UNDECLARED_LOCK_INDEX) || on(&rules::STALE_LOCKFILE) {
        lock_checks(manifests, options, target, root, &mut findings);
    }
    // A file included by several audited manifests (`-r base.txt`) is reported once per entry.
    let mut seen_at: BTreeSet<(String, Location)> = BTreeSet::new();
    findings.retain(|f| seen_at.insert((f.code.clone(), f.location.clone())));
    report.findings.extend(findings);
}

fn credentials(kind: &str, url: &str, loc: Location) -> Finding {
    let shown = redact(url).into_owned();
    Finding::new(
        &rules::INDEX_CREDENTIALS,
        format!(
            "{kind} `{shown}` embeds credentials (redacted here); they leak wherever this file goes"
        ),
        loc,
    )
    .with_meta("url", &shown)
}

fn is_vcs(url: &str) -> bool {
    let l = url.to_ascii_lowercase();
    ["git+", "hg+", "svn+", "bzr+"]
        .iter()
        .any(|p| l.starts_with(p))
}

/// Files that feed a lock or compile step rather than a deployment: pip-compile inputs named by
/// compiled files, and every file included with `-c` (constraints), canonicalised.
fn compile_inputs(manifests: &[Manifest]) -> BTreeSet<PathBuf> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    manifests
        .iter()
        .flat_map(|m| {
            m.compiled_from
                .iter()
                .map(|p| canonical(p))
                .chain(m.constraints.iter().map(|c| canonical(&c.origin)))
        })
        .collect()
}

/// A requirements file that is an input, a constraints file, or test tooling: DEP101 does not
/// apply.
fn is_input_file(
    path: &Path,
    inputs: &BTreeSet<PathBuf>,
    test_paths: &pyward_core::TestPaths,
    root: &Path,
) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".in")
        || name.starts_with("constraint")
        || name.contains("-constraints")
        || name.contains("_constraints")
        || test_paths.is_test(&relative(path, root))
        || (!inputs.is_empty()
            && inputs.contains(&std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())))
}

fn unpinned(
    manifest: &Manifest,
    inputs: &BTreeSet<PathBuf>,
    pinned: &BTreeSet<&str>,
    test_paths: &pyward_core::TestPaths,
    root: &Path,
    findings: &mut Vec<Finding>,
) {
    if manifest.kind != ManifestKind::Requirements {
        return;
    }
    let constrained: BTreeSet<&str> = manifest
        .constraints
        .iter()
        .filter(|c| c.version.is_some())
        .map(|c| c.normalized.as_str())
        .collect();
    for dep in &manifest.dependencies {
        if dep.state != DepState::Declared
            || !dep.source.is_registry()
            || !is_deployment_requirements(&dep.origin)
            || constrained.contains(dep.normalized.as_str())
            || pinned.contains(dep.normalized.as_str())
            || is_input_file(&dep.origin, inputs, test_paths, root)
        {
            continue;
        }
        let spec = dep.specifier.as_deref().unwrap_or("");
        let shown = if spec.is_empty() {
            "has no version constraint".to_string()
        } else {
            format!("allows `{spec}`")
        };
        findings.push(
            Finding::new(
                &rules::UNPINNED_REQUIREMENT,
                format!(
                    "{} {shown} in a deployment file: pin one version with `==`",
                    dep.normalized
                ),
                location(dep, root),
            )
            .with_meta("specifier", spec),
        );
    }
}

fn missing_hashes(manifest: &Manifest, required: bool, root: &Path, findings: &mut Vec<Finding>) {
    if manifest.kind == ManifestKind::Requirements {
        let hashed = manifest
            .dependencies
            .iter()
            .filter(|d| !d.hashes.is_empty())
            .count();
        let option = manifest.options.iter().any(|o| o.name == "require-hashes");
        let why = if option {
            "`--require-hashes` is set"
        } else if required {
            "hashes are required by the configuration"
        } else if hashed > 0 {
            "other entries installed with this file have hashes (pip then rejects the whole install)"
        } else {
            return;
        };
        let why = if hashed > 0 && !option && !required {
            format!(
                "other entries installed with {} have hashes (pip then rejects the whole install)",
                relative(&manifest.path, root)
            )
        } else {
            why.to_string()
        };
        for dep in &manifest.dependencies {
            let hashable = match &dep.source {
                DepSource::Registry { .. } => true,
                DepSource::Url(u) => !url_has_hash(u),
                _ => false,
            };
            if hashable && dep.hashes.is_empty() {
                findings.push(
                    Finding::new(
                        &rules::MISSING_HASH,
                        format!("{} has no `--hash`, but {why}", dep.normalized),
                        location(dep, root),
                    )
                    .with_meta("hashed_entries", hashed),
                );
            }
        }
    } else if required && manifest.kind.is_lockfile() {
        for dep in &manifest.dependencies {
            if dep.source.is_registry() && dep.hashes.is_empty() {
                findings.push(Finding::new(
                    &rules::MISSING_HASH,
                    format!(
                        "{} is locked without any file hash, but hashes are required by the configuration",
                        dep.normalized
                    ),
                    location(dep, root),
                ));
            }
        }
    }
}

fn vcs_pin(dep: &Dependency, url: &str, manifest: &Manifest, root: &Path, out: &mut Vec<Finding>) {
    let reference = vcs_ref(url);
    if reference.is_some_and(is_full_commit) {
        return;
    }
    // Lockfiles record the resolved commit in a fragment or query (`#<sha>`, `?rev=...#<sha>`).
    if manifest.kind.is_lockfile() && url.split(['#', '?', '&', '=', '@']).any(is_full_commit) {
        return;
    }
    let what = match reference {
        Some(r) => format!("`@{r}`, which can move"),
        None => "no reference (the default branch)".to_string(),
    };
    out.push(
        Finding::new(
            &rules::VCS_NOT_PINNED,
            format!(
                "{} is installed from `{}` at {what}; pin a full commit hash",
                dep.normalized,
                redact(url)
            ),
            location(dep, root),
        )
        .with_meta("reference", reference),
    );
}

fn extra_index(manifest: &Manifest, root: &Path, out: &mut Vec<Finding>) {
    if manifest.kind != ManifestKind::Requirements
        || manifest.options.iter().any(|o| o.name == "no-index")
    {
        return;
    }
    let primary = manifest
        .options
        .iter()
        .find(|o| o.name == "index-url")
        .and_then(|o| o.value.clone())
        .unwrap_or_else(|| "https://pypi.org/simple".to_string());
    let packages: Vec<&str> = {
        let mut v: Vec<&str> = manifest
            .dependencies
            .iter()
            .filter(|d| d.source.is_registry())
            .map(|d| d.normalized.as_str())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    for opt in manifest
        .options
        .iter()
        .filter(|o| o.name == "extra-index-url")
    {
        let extra = opt.value.clone().unwrap_or_default();
        let shown: Vec<&str> = packages.iter().take(10).copied().collect();
        let more = packages.len().saturating_sub(shown.len());
        let list = if packages.is_empty() {
            "every package installed with this file".to_string()
        } else if more > 0 {
            format!("{} (+{more} more)", shown.join(", "))
        } else {
            shown.join(", ")
        };
        out.push(
            Finding::new(
                &rules::EXTRA_INDEX_URL,
                format!(
                    "`--extra-index-url {}` beside `{}`: pip takes the highest version from either index, so these can be substituted: {list}",
                    redact(&extra),
                    redact(&primary)
                ),
                file_location(&opt.origin, Some(opt.line), root),
            )
            .with_meta("extra_index", redact(&extra).as_ref())
            .with_meta("primary_index", redact(&primary).as_ref())
            .with_meta("packages", &packages),
        );
    }
}

const DEBUG_TOOLS: &[(&str, &str)] = &[
    ("django-debug-toolbar", "Django debug toolbar"),
    ("django-debug-panel", "Django debug panel"),
    ("django-silk", "request/SQL inspector"),
    ("flask-debugtoolbar", "Flask debug toolbar"),
    ("fastapi-debug-toolbar", "FastAPI debug toolbar"),
    ("ipdb", "interactive debugger"),
    ("pdbpp", "interactive debugger"),
    ("pudb", "interactive debugger"),
    ("wdb", "web debugger"),
    ("web-pdb", "web debugger"),
    ("remote-pdb", "remote debugger"),
    ("rpdb", "remote debugger"),
    ("debugpy", "remote debug adapter"),
    ("ptvsd", "remote debug adapter"),
    ("werkzeug-debugger-appengine", "Werkzeug debugger"),
];

fn debug_tool(dep: &Dependency) -> Option<&'static str> {
    if let Some((_, what)) = DEBUG_TOOLS.iter().find(|(n, _)| *n == dep.normalized) {
        return Some(what);
    }
    // django-extensions' `runserver_plus` is the Werkzeug debugger; its extra pulls it in.
    if dep.normalized == "django-extensions" && dep.extras.iter().any(|e| e == "werkzeug") {
        return Some("Werkzeug debugger via runserver_plus");
    }
    None
}

/// Index URLs compared without case, credentials or trailing slashes.
fn index_key(url: &str) -> String {
    let r = redact(url).to_ascii_lowercase();
    let r = r.replace("****@", "");
    r.trim_end_matches('/').to_string()
}

fn is_pypi(url: &str) -> bool {
    let k = index_key(url);
    [
        "https://pypi.org/simple",
        "https://pypi.python.org/simple",
        "https://files.pythonhosted.org",
        "https://pypi.org",
    ]
    .iter()
    .any(|p| k == *p)
}

/// The pyproject.toml beside a lockfile: from the audited manifests, else read from disk.
fn sibling_pyproject(lock: &Manifest, manifests: &[Manifest], target: &Target) -> Option<Manifest> {
    let dir = lock.path.parent()?;
    let path = dir.join("pyproject.toml");
    if let Some(m) = manifests
        .iter()
        .find(|m| m.kind == ManifestKind::Pyproject && m.path.parent() == Some(dir))
    {
        return Some(m.clone());
    }
    if !path.is_file() {
        return None;
    }
    pyward_manifest::parse_file(&path, target).ok()
}

fn lock_checks(
    manifests: &[Manifest],
    options: &DepsOptions,
    target: &Target,
    root: &Path,
    out: &mut Vec<Finding>,
) {
    for lock in manifests.iter().filter(|m| {
        matches!(
            m.kind,
            ManifestKind::UvLock
                | ManifestKind::PoetryLock
                | ManifestKind::PdmLock
                | ManifestKind::Pylock
        )
    }) {
        let pyproject = sibling_pyproject(lock, manifests, target);
        if options.selector.enabled(&rules::UNDECLARED_LOCK_INDEX) {
            let mut declared: Vec<String> = options
                .declared_indexes
                .iter()
                .map(|u| index_key(u))
                .collect();
            if let Some(p) = &pyproject {
                declared.extend(p.index_urls.iter().map(|u| index_key(u)));
            }
            for dep in &lock.dependencies {
                let DepSource::Registry { index: Some(index) } = &dep.source else {
                    continue;
                };
                if is_pypi(index) || declared.contains(&index_key(index)) {
                    continue;
                }
                out.push(
                    Finding::new(
                        &rules::UNDECLARED_LOCK_INDEX,
                        format!(
                            "{} {} was locked from `{}`, which the project does not declare",
                            dep.normalized,
                            dep.version.as_deref().unwrap_or("?"),
                            redact(index)
                        ),
                        location(dep, root),
                    )
                    .with_meta("index", redact(index).as_ref()),
                );
            }
        }
        if options.selector.enabled(&rules::STALE_LOCKFILE)
            && lock.kind != ManifestKind::Pylock
            && let Some(p) = &pyproject
        {
            stale(lock, p, root, out);
        }
    }
}

fn stale(lock: &Manifest, pyproject: &Manifest, root: &Path, out: &mut Vec<Finding>) {
    let mut locked: BTreeMap<&str, Vec<&Dependency>> = BTreeMap::new();
    for d in lock.dependencies.iter().chain(&lock.skipped_by_marker) {
        locked.entry(d.normalized.as_str()).or_default().push(d);
    }
    let lock_name = relative(&lock.path, root);
    for dep in &pyproject.dependencies {
        if !dep.source.is_registry() {
            continue;
        }
        let spec_text = match (&dep.specifier, &dep.version) {
            (Some(s), _) => s.clone(),
            (None, Some(v)) => format!("=={v}"),
            (None, None) => String::new(),
        };
        let problem = match locked.get(dep.normalized.as_str()) {
            None => Some(format!(
                "{lock_name} does not lock {}, which pyproject.toml requires",
                dep.normalized
            )),
            Some(entries) => {
                let Ok(spec) = VersionSpecifiers::from_str(&spec_text) else {
                    continue;
                };
                let versions: Vec<&str> = entries
                    .iter()
                    .filter_map(|d| d.version.as_deref())
                    .collect();
                let ok = versions.is_empty()
                    || versions
                        .iter()
                        .any(|v| Version::from_str(v).is_ok_and(|v| spec.contains(&v)));
                (!ok).then(|| {
                    format!(
                        "{lock_name} locks {} {} but pyproject.toml requires `{spec_text}`",
                        dep.normalized,
                        versions.join(", ")
                    )
                })
            }
        };
        if let Some(message) = problem {
            out.push(
                Finding::new(
                    &rules::STALE_LOCKFILE,
                    format!("{message}: the lock is stale, re-lock"),
                    location(dep, root),
                )
                .with_meta("lockfile", &lock_name)
                .with_meta("specifier", &spec_text),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcs_refs() {
        assert_eq!(vcs_ref("git+https://h/o/r.git@main#egg=r"), Some("main"));
        assert_eq!(vcs_ref("git+ssh://git@h/o/r.git"), None);
        assert_eq!(vcs_ref("git+ssh://git@h/o/r.git@v1.2"), Some("v1.2"));
        assert_eq!(vcs_ref("git+https://u:p@h/o/r"), None);
    }

    #[test]
    fn dev_names_and_loopback() {
        assert!(is_dev_name("requirements-dev"));
        assert!(is_dev_name("test"));
        assert!(!is_dev_name("requirements"));
        assert!(!is_dev_name("prod"));
        assert!(is_loopback("http://127.0.0.1:8080/simple"));
        assert!(is_loopback("http://u:p@localhost/simple"));
        assert!(!is_loopback("http://pypi.internal/simple"));
        assert!(is_deployment_requirements(Path::new("a/requirements.txt")));
        assert!(!is_deployment_requirements(Path::new(
            "a/requirements-dev.txt"
        )));
        assert!(!is_deployment_requirements(Path::new("a/requirements.in")));
        assert!(!is_deployment_requirements(Path::new(
            "requirements/test.txt"
        )));
    }

    #[test]
    fn url_hash_fragments() {
        assert!(url_has_hash("https://x/y.whl#sha256=abc"));
        assert!(!url_has_hash("https://x/y.whl#egg=y"));
        assert!(!url_has_hash("https://x/y.whl"));
    }
}
