//! Python dependency manifests → a uniform list of dependencies with provenance.
//!
//! Reads requirements files (with `-r`/`-c` nesting), `pyproject.toml` (PEP 621, PEP 735,
//! Poetry), lockfiles (`poetry.lock`, `Pipfile.lock`, `uv.lock`, `pdm.lock`, PEP 751
//! `pylock.toml`), PEP 723 inline script metadata and installed environments. Every
//! [`Dependency`] records the file and line that brought it in, its parents where the lockfile
//! knows them, and why it cannot be audited when it is not a registry package.
//!
//! Nothing is ever executed (no `setup.py`), and bad input yields a [`ManifestError`] naming the
//! file, never a panic.

mod discover;
mod environment;
mod error;
mod lockfiles;
mod markers;
mod pep723;
mod pipfile;
mod pyproject;
mod record;
mod reqstr;
mod requirements;
mod setup;
mod text;
mod tomlutil;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use discover::{
    DiscoverOptions, discover, discover_in, discover_options, discover_with, is_manifest_name,
    manifests_in, scripts_in, skipped_manifests,
};
pub use environment::{dist_from_texts, link_parents, read_environment};
pub use error::ManifestError;
pub use markers::{Platform, Target, marker_applies};
pub use pyward_core::fs::Root;
pub use record::{RecordEntry, parse_record, read_record};
pub use text::{MAX_FILE_SIZE, safe_excerpt, safe_text};

/// What kind of file a [`Manifest`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManifestKind {
    Requirements,
    Pyproject,
    PoetryLock,
    PipfileLock,
    UvLock,
    PdmLock,
    Pylock,
    InstalledEnv,
    Pep723Script,
    /// setuptools' `setup.cfg` (`install_requires`, `extras_require`).
    SetupCfg,
    /// Literal `install_requires` / `extras_require` of `setup.py`, read statically.
    SetupPy,
}

impl ManifestKind {
    /// True for formats that pin every package to one version.
    pub fn is_lockfile(self) -> bool {
        matches!(
            self,
            ManifestKind::PoetryLock
                | ManifestKind::PipfileLock
                | ManifestKind::UvLock
                | ManifestKind::PdmLock
                | ManifestKind::Pylock
        )
    }

    /// Guesses the kind from a file name alone (no I/O).
    pub fn from_file_name(path: &Path) -> Option<ManifestKind> {
        // Lossy, so that a non-UTF-8 name is still recognised (and audited).
        let name = path.file_name()?.to_string_lossy();
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "pyproject.toml" => ManifestKind::Pyproject,
            "poetry.lock" => ManifestKind::PoetryLock,
            "pipfile.lock" => ManifestKind::PipfileLock,
            "uv.lock" => ManifestKind::UvLock,
            "pdm.lock" => ManifestKind::PdmLock,
            "pylock.toml" => ManifestKind::Pylock,
            "setup.cfg" => ManifestKind::SetupCfg,
            "setup.py" => ManifestKind::SetupPy,
            _ if lower.starts_with("pylock.") && lower.ends_with(".toml") => ManifestKind::Pylock,
            _ if lower.ends_with(".py") => ManifestKind::Pep723Script,
            _ if lower.ends_with(".txt") || lower.ends_with(".in") => ManifestKind::Requirements,
            _ => return None,
        })
    }
}

/// How precisely a dependency's version is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DepState {
    /// Pinned by a lockfile.
    Locked,
    /// Found installed in an environment.
    Installed,
    /// Declared with an exact `==`/`===` pin.
    Pinned,
    /// Declared with a range (or nothing): the version is not known.
    Declared,
}

/// Where a dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "value")]
pub enum DepSource {
    /// A package index (`None` = the default index).
    Registry { index: Option<String> },
    /// A direct URL to an archive.
    Url(String),
    /// A version-control URL (`git+https://...`).
    Vcs(String),
    /// A local file or directory.
    Path(String),
    /// An editable install of a local path or VCS checkout.
    Editable(String),
}

impl DepSource {
    pub fn is_registry(&self) -> bool {
        matches!(self, DepSource::Registry { .. })
    }
}

/// One dependency with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dependency {
    /// The name as written.
    pub name: String,
    /// The PEP 503 normalized name.
    pub normalized: String,
    /// The exact version: locked, installed, or an `==`/`===` pin.
    pub version: Option<String>,
    /// The declared specifier when not exact (`>=2,<3`).
    pub specifier: Option<String>,
    pub state: DepState,
    pub source: DepSource,
    /// Why this entry cannot be matched against advisories (editable, URL, VCS, local path).
    pub unauditable: Option<String>,
    pub extras: Vec<String>,
    pub marker: Option<String>,
    /// `algo:hex` strings.
    pub hashes: Vec<String>,
    /// `main`, `dev`, an optional-dependencies extra, a dependency-group name...
    pub group: Option<String>,
    /// 1-based line of the entry that brought it in.
    pub line: Option<u32>,
    /// 1-based column of that entry.
    pub column: Option<u32>,
    /// The file the entry is in (for `-r` includes: the included file).
    pub origin: PathBuf,
    /// Direct parents recorded by the lockfile or environment (normalized names).
    pub parents: Vec<String>,
    /// A direct dependency of the project.
    pub direct: bool,
    /// Installed environments: the `*.dist-info` / `*.egg-info` path.
    pub dist_info: Option<PathBuf>,
    /// Installed environments: the `Requires-Dist` lines of the package's metadata.
    pub requires_dist: Vec<String>,
}

impl Dependency {
    pub(crate) fn new(name: &str, origin: &Path) -> Dependency {
        Dependency {
            name: name.to_string(),
            normalized: normalize_name(name),
            version: None,
            specifier: None,
            state: DepState::Declared,
            source: DepSource::Registry { index: None },
            unauditable: None,
            extras: Vec::new(),
            marker: None,
            hashes: Vec::new(),
            group: None,
            line: None,
            column: None,
            origin: origin.to_path_buf(),
            parents: Vec::new(),
            direct: false,
            dist_info: None,
            requires_dist: Vec::new(),
        }
    }

    /// A registry package with a known exact version (the only thing advisories can match).
    pub fn is_auditable(&self) -> bool {
        self.unauditable.is_none() && self.version.is_some()
    }
}

/// A pip option line found in a requirements file (`--index-url`, `--pre`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipOption {
    /// The option's long name without dashes (`index-url`).
    pub name: String,
    pub value: Option<String>,
    pub origin: PathBuf,
    pub line: u32,
}

/// A parsed manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub path: PathBuf,
    pub kind: ManifestKind,
    /// Dependencies that apply to the target, in file order.
    pub dependencies: Vec<Dependency>,
    /// Dependencies left out because their environment marker is false for the target.
    pub skipped_by_marker: Vec<Dependency>,
    /// Entries of `-c` constraint files: they constrain, they are not dependencies.
    pub constraints: Vec<Dependency>,
    pub requires_python: Option<String>,
    /// The interpreter version of an installed environment (`pyvenv.cfg`).
    pub python_version: Option<String>,
    /// Index URLs (`--index-url` first when given, then extra ones; lockfile sources).
    pub index_urls: Vec<String>,
    pub find_links: Vec<String>,
    pub trusted_hosts: Vec<String>,
    /// Every option line of a requirements file, including the ones above.
    pub options: Vec<PipOption>,
    /// Lockfile format version (`version`, `lock-version`, `lock_version`, ...).
    pub lock_version: Option<String>,
    /// The tool that wrote the file when it says so (pylock `created-by`).
    pub created_by: Option<String>,
    /// Non-fatal problems, each naming `file:line` where known.
    pub warnings: Vec<String>,
    /// Parts of the manifest that could not be audited (an unparseable requirement line, a
    /// missing or refused `-r` file): the rest of the manifest is still returned, and callers
    /// report these as errors.
    pub errors: Vec<ManifestProblem>,
    /// Files a compile step read to write this one (pip-compile / `uv pip compile`: the
    /// `# via -r FILE` / `# via -c FILE` annotations and the command in the header), resolved
    /// against this file's directory. They are inputs, not deployments.
    pub compiled_from: Vec<PathBuf>,
    /// pyproject.toml: the project's own name (`[project]`, else `[tool.poetry]`).
    pub project_name: Option<String>,
    /// pyproject.toml: the project's own version when it is static.
    pub project_version: Option<String>,
}

/// Something in a manifest that was not audited, with the file (and line) it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestProblem {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl Manifest {
    pub fn new(path: &Path, kind: ManifestKind) -> Manifest {
        Manifest {
            path: path.to_path_buf(),
            kind,
            dependencies: Vec::new(),
            skipped_by_marker: Vec::new(),
            constraints: Vec::new(),
            requires_python: None,
            python_version: None,
            index_urls: Vec::new(),
            find_links: Vec::new(),
            trusted_hosts: Vec::new(),
            options: Vec::new(),
            lock_version: None,
            created_by: None,
            warnings: Vec::new(),
            errors: Vec::new(),
            compiled_from: Vec::new(),
            project_name: None,
            project_version: None,
        }
    }

    /// Finds the first applicable dependency with this (any-form) name.
    pub fn get(&self, name: &str) -> Option<&Dependency> {
        let n = normalize_name(name);
        self.dependencies.iter().find(|d| d.normalized == n)
    }

    pub(crate) fn warn(&mut self, path: &Path, line: Option<u32>, msg: impl std::fmt::Display) {
        match line {
            Some(l) => self.warnings.push(format!("{}:{l}: {msg}", path.display())),
            None => self.warnings.push(format!("{}: {msg}", path.display())),
        }
    }

    pub(crate) fn error(&mut self, path: &Path, line: Option<u32>, msg: impl std::fmt::Display) {
        self.errors.push(ManifestProblem {
            path: path.to_path_buf(),
            line,
            message: msg.to_string(),
        });
    }

    pub(crate) fn add_index(&mut self, url: &str) {
        if !self.index_urls.iter().any(|u| u == url) {
            self.index_urls.push(url.to_string());
        }
    }
}

pub use pyward_core::normalize_package_name as normalize_name;

/// Reads and parses a manifest file, detecting its kind by name (then by content). Files it
/// pulls in (`-r`/`-c` includes, a `pyproject.toml` beside a lockfile) are confined to the
/// file's own directory; use [`parse_file_in`] to confine to the scanned root instead.
///
/// For lockfiles without their own record of direct dependencies (`poetry.lock`, `pdm.lock`,
/// `Pipfile.lock`, `pylock.toml`), a `pyproject.toml` or `Pipfile` next to the lockfile is read
/// to mark direct dependencies.
pub fn parse_file(path: &Path, target: &Target) -> Result<Manifest, ManifestError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let root = Root::new(dir)?;
    parse_file_in(path, target, &root)
}

/// [`parse_file`] confined to `root`: the file itself and everything read on its behalf must
/// resolve inside `root` and be regular files, or they are refused ([`ManifestError::Refused`]
/// for the file, a [`ManifestProblem`] for an include).
pub fn parse_file_in(path: &Path, target: &Target, root: &Root) -> Result<Manifest, ManifestError> {
    let text = text::read_confined(root, path)?;
    let kind = match ManifestKind::from_file_name(path) {
        Some(kind) => kind,
        None => sniff_kind(&text),
    };
    // poetry.lock and pdm.lock: the roots of the lock graph are the dependencies, groups and
    // extras the project beside it declares.
    let sibling = if matches!(kind, ManifestKind::PoetryLock | ManifestKind::PdmLock) {
        lockfiles::sibling_pyproject(path, target, root)
    } else {
        None
    };
    let declares = sibling
        .as_ref()
        .filter(|pm| !pm.dependencies.is_empty() || !pm.skipped_by_marker.is_empty());
    let mut manifest = match (kind, declares) {
        (ManifestKind::PoetryLock, Some(pm)) => {
            let declared = lockfiles::declared_roots(pm);
            lockfiles::parse_poetry_lock(strip_bom(&text), path, target, Some(&declared))?
        }
        (ManifestKind::PdmLock, Some(pm)) => {
            let declared = lockfiles::declared_roots(pm);
            lockfiles::parse_pdm_lock(strip_bom(&text), path, target, Some(&declared))?
        }
        _ => parse_kind(kind, &text, path, target, Some(root))?,
    };
    if manifest.requires_python.is_none()
        && let Some(pm) = &sibling
    {
        manifest.requires_python = pm.requires_python.clone();
    }
    if matches!(
        kind,
        ManifestKind::PoetryLock
            | ManifestKind::PdmLock
            | ManifestKind::PipfileLock
            | ManifestKind::Pylock
    ) {
        lockfiles::refine_direct_from_sibling(&mut manifest, target, root);
    }
    Ok(manifest)
}

/// Parses manifest text of a known kind. `path` is used for provenance and relative includes
/// (`-r` files in requirements are read from disk relative to `path`).
pub fn parse_str(
    kind: ManifestKind,
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let root = Root::new(dir).ok();
    parse_kind(kind, text, path, target, root.as_ref())
}

/// Parses manifest text of a known kind that is not on this machine's disk (a file read from a
/// container image): nothing it names (`-r`/`-c` includes) is read.
pub fn parse_text(
    kind: ManifestKind,
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    parse_kind(kind, text, path, target, None)
}

fn parse_kind(
    kind: ManifestKind,
    text: &str,
    path: &Path,
    target: &Target,
    root: Option<&Root>,
) -> Result<Manifest, ManifestError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(ManifestError::Binary {
            path: path.to_path_buf(),
        });
    }
    match kind {
        ManifestKind::Requirements => {
            requirements::parse_requirements_file(path, text, target, root)
        }
        ManifestKind::Pyproject => pyproject::parse_pyproject(text, path, target),
        ManifestKind::PoetryLock => lockfiles::parse_poetry_lock(text, path, target, None),
        ManifestKind::UvLock => lockfiles::parse_uv_lock(text, path, target),
        ManifestKind::PdmLock => lockfiles::parse_pdm_lock(text, path, target, None),
        ManifestKind::Pylock => lockfiles::parse_pylock(text, path, target),
        ManifestKind::PipfileLock => pipfile::parse_pipfile_lock(text, path, target),
        ManifestKind::Pep723Script => pep723::parse_script(text, path, target),
        ManifestKind::SetupCfg => setup::parse_setup_cfg(text, path, target),
        ManifestKind::SetupPy => setup::parse_setup_py(text, path, target),
        ManifestKind::InstalledEnv => Err(ManifestError::Invalid {
            path: path.to_path_buf(),
            message: "an installed environment is a directory: use read_environment".into(),
        }),
    }
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Guesses a kind from content, for files with unusual names.
fn sniff_kind(text: &str) -> ManifestKind {
    let head: String = text.chars().take(4096).collect();
    let trimmed = head.trim_start();
    if trimmed.starts_with('{') && head.contains("\"_meta\"") {
        return ManifestKind::PipfileLock;
    }
    if head.contains("[[packages]]") && head.contains("lock-version") {
        return ManifestKind::Pylock;
    }
    if head.contains("[[package]]") || head.contains("[metadata]") {
        if head.contains("revision =") || head.starts_with("version = 1") {
            return ManifestKind::UvLock;
        }
        if text.contains("lock_version") {
            return ManifestKind::PdmLock;
        }
        return ManifestKind::PoetryLock;
    }
    if head.contains("[project]") || head.contains("[tool.") || head.contains("[build-system]") {
        return ManifestKind::Pyproject;
    }
    if head.contains("# /// script") {
        return ManifestKind::Pep723Script;
    }
    ManifestKind::Requirements
}

/// Splits dependencies by marker applicability and appends them to the manifest.
pub(crate) fn push_dep(manifest: &mut Manifest, dep: Dependency, applies: bool) {
    if applies {
        manifest.dependencies.push(dep);
    } else {
        manifest.skipped_by_marker.push(dep);
    }
}
