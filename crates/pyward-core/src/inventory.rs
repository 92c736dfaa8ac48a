//! One walk of the scanned tree that every analyzer reads from.
//!
//! [`Inventory::walk`] visits each path argument once, in parallel, and applies one policy:
//!
//! - **`.gitignore`** (and `.git/info/exclude`, and `.gitignore` files in parent directories up
//!   to the repository root) is honoured only inside a git work tree. `.ignore` files and the
//!   user's global git excludes are never honoured: a pull request must not be able to hide its
//!   own files from the audit, and the result must not depend on the machine.
//! - **Hidden files are walked** (`.env`, `.github/…`, `.pre-commit-config.yaml`), except the
//!   directories in [`NEVER_WALKED`].
//! - **Directories that are never project code** ([`NEVER_WALKED`], and any directory holding a
//!   `CACHEDIR.TAG`) are not descended into.
//! - **Environments** ([`ENVIRONMENT_DIRS`], or any directory holding a `pyvenv.cfg`) are skipped,
//!   or with [`InventoryOptions::include_venvs`] walked and their files marked
//!   [`InventoryFile::in_venv`].
//! - **Excludes** are gitignore-syntax patterns relative to each scanned directory (`build`,
//!   `docs/**`, `*.lock`, `/vendor/`, `!keep.py`). They do not apply to a file named as an
//!   argument.
//! - **Symbolic links** are never followed by the walk. A link to a file inside the root is
//!   listed (with [`InventoryFile::link_target`]); a link to a directory inside the root is not
//!   listed (its files are listed under their real path); a link leaving the root is in
//!   [`Inventory::skipped`] as [`SkipReason::OutsideRoot`], a dangling one as
//!   [`SkipReason::Unreadable`]. So a link loop cannot make the walk loop.
//! - **Size**: a file over [`InventoryOptions::max_file_size`] is not listed but skipped with
//!   [`SkipReason::TooLarge`]. FIFOs, sockets and devices are skipped as [`SkipReason::Special`]
//!   (never opened, so never hang).
//!
//! The inventory never reads file contents; the analyzers do, through [`crate::fs`].

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::{Deserialize, Serialize};

use crate::ScanError;
use crate::fs::{ReadError, Root};

/// Directories never walked: version-control metadata, bytecode, tool caches, build output
/// (`target`) and JavaScript packages. The union of what the three walkers of `deps`, `code` and `config` skipped.
pub const NEVER_WALKED: &[&str] = &[
    ".git",
    "target",
    ".hg",
    ".svn",
    "__pycache__",
    "node_modules",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
];

/// Directory names that hold installed environments (not the project's code). Any directory
/// holding a `pyvenv.cfg` counts too.
pub const ENVIRONMENT_DIRS: &[&str] = &[
    ".venv",
    "venv",
    ".env",
    ".tox",
    ".nox",
    "site-packages",
    "dist-packages",
    "__pypackages__",
    ".eggs",
];

/// How to walk.
#[derive(Debug, Clone)]
pub struct InventoryOptions {
    /// gitignore-syntax patterns, relative to each scanned directory, to leave out.
    pub exclude: Vec<String>,
    /// Files larger than this are not listed but skipped with [`SkipReason::TooLarge`].
    pub max_file_size: u64,
    /// Walk virtual environments, `site-packages` and `.tox`/`.nox` (files marked `in_venv`).
    pub include_venvs: bool,
    /// Walker threads; `None` picks from the number of cores.
    pub threads: Option<usize>,
}

impl Default for InventoryOptions {
    fn default() -> Self {
        InventoryOptions {
            exclude: Vec::new(),
            max_file_size: crate::fs::MAX_FILE_SIZE,
            include_venvs: false,
            threads: None,
        }
    }
}

/// Every file of a scan, once.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// The path arguments, as given (a directory or an explicit file).
    pub roots: Vec<PathBuf>,
    /// Regular files (and links to regular files inside their root), sorted by `(root, rel)`.
    pub files: Vec<InventoryFile>,
    /// Files not listed, with the reason, sorted by `(root, rel)`.
    pub skipped: Vec<Skipped>,
    /// What could not be walked (a missing argument, a directory that cannot be read).
    pub errors: Vec<ScanError>,
    /// Problems with the options (an invalid exclude pattern, which is then ignored).
    pub warnings: Vec<String>,
    /// The options the walk used.
    pub options: InventoryOptions,
}

/// One file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryFile {
    /// The path to open: its root joined with `rel` (for an explicit file, the argument).
    pub path: PathBuf,
    /// Relative to its root, `/`-separated; for an explicit file argument, its path as given.
    pub rel: String,
    /// Index in [`Inventory::roots`].
    pub root: usize,
    /// Size in bytes (of the target, for a link).
    pub size: u64,
    /// Named as an argument rather than found by the walk.
    pub explicit: bool,
    /// Inside a virtual environment (only with `include_venvs`).
    pub in_venv: bool,
    /// For a symbolic link to a file inside the root: the canonical path of its target.
    pub link_target: Option<PathBuf>,
}

impl InventoryFile {
    /// The path as reports show it: `path`, `/`-separated, without a leading `./`.
    pub fn display(&self) -> String {
        display(&self.path)
    }

    /// The file name (last component of `rel`).
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

/// A file the walk did not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The path as reports show it (the root joined with `rel`, `/`-separated).
    pub path: String,
    pub reason: SkipReason,
    /// Relative to its root (for an explicit argument, its path as given).
    #[serde(skip)]
    pub rel: String,
    /// Index in [`Inventory::roots`].
    #[serde(skip)]
    pub root: usize,
}

impl Skipped {
    /// The file name (last component of `rel`).
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

/// Why a file was not listed (or not read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Over the size limit: not read.
    TooLarge { size: u64, limit: u64 },
    /// Holds NUL bytes (set by an analyzer that read it).
    Binary,
    /// Could not be read or resolved (a dangling symbolic link, a permission error).
    Unreadable(String),
    /// A symbolic link whose target leaves the scanned root: not followed.
    OutsideRoot,
    /// A FIFO, socket or device: never opened.
    Special,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::TooLarge { size, limit } => {
                write!(f, "too large ({} > {})", human(*size), human(*limit))
            }
            SkipReason::Binary => f.write_str("binary"),
            SkipReason::Unreadable(message) => write!(f, "unreadable ({message})"),
            SkipReason::OutsideRoot => {
                f.write_str("symbolic link outside the scanned root (not followed)")
            }
            SkipReason::Special => f.write_str("not a regular file (FIFO, socket or device)"),
        }
    }
}

/// `12 MiB`, `3.5 KiB`, `100 B`.
fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() < 0.05 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A path as reports show it: `/`-separated, no leading `./`.
pub fn display(path: &Path) -> String {
    let lossy = path.to_string_lossy();
    let mut s: &str = &lossy;
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

fn rel_of(path: &Path, root: &Path) -> String {
    display(path.strip_prefix(root).unwrap_or(path))
}

/// Whether a directory holds an installed environment: a name in [`ENVIRONMENT_DIRS`] or a
/// `pyvenv.cfg`.
pub fn is_environment_dir(dir: &Path) -> bool {
    dir.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| ENVIRONMENT_DIRS.contains(&n))
        || dir.join("pyvenv.cfg").is_file()
}

fn never_walked(dir: &Path) -> bool {
    dir.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| NEVER_WALKED.contains(&n))
        || dir.join("CACHEDIR.TAG").is_file()
}

#[derive(Default)]
struct Found {
    files: Vec<InventoryFile>,
    skipped: Vec<Skipped>,
    errors: Vec<ScanError>,
    venvs: HashSet<String>,
}

impl Inventory {
    /// Walks `paths` (directories or files). Never panics; what cannot be walked is in
    /// `errors`, what is left out on purpose (other than by ignore rules) in `skipped`.
    pub fn walk(paths: &[PathBuf], options: &InventoryOptions) -> Inventory {
        let mut inv = Inventory {
            roots: paths.to_vec(),
            options: options.clone(),
            ..Inventory::default()
        };
        let excludes = build_excludes(&options.exclude, &mut inv.warnings);
        let mut venvs = HashSet::new();
        for (index, arg) in paths.iter().enumerate() {
            let meta = match std::fs::metadata(arg) {
                Ok(m) => m,
                Err(e) => {
                    inv.errors.push(ScanError {
                        path: display(arg),
                        message: format!("cannot read {}: {e}", arg.display()),
                    });
                    continue;
                }
            };
            if meta.is_dir() {
                let found = walk_dir(index, arg, options, &excludes);
                inv.files.extend(found.files);
                inv.skipped.extend(found.skipped);
                inv.errors.extend(found.errors);
                venvs.extend(found.venvs.into_iter().map(|v| (index, v)));
            } else if meta.is_file() {
                let rel = display(arg);
                if meta.len() > options.max_file_size {
                    inv.skipped.push(Skipped {
                        path: rel.clone(),
                        rel,
                        root: index,
                        reason: SkipReason::TooLarge {
                            size: meta.len(),
                            limit: options.max_file_size,
                        },
                    });
                } else {
                    inv.files.push(InventoryFile {
                        path: arg.clone(),
                        rel,
                        root: index,
                        size: meta.len(),
                        explicit: true,
                        in_venv: false,
                        link_target: None,
                    });
                }
            } else {
                // A device, pipe or socket named on the command line is never opened.
                inv.errors.push(ScanError {
                    path: display(arg),
                    message: format!(
                        "not a regular file ({}), not read",
                        crate::fs::file_kind(&meta)
                    ),
                });
            }
        }
        if !venvs.is_empty() {
            for f in inv.files.iter_mut().filter(|f| !f.explicit) {
                let mut rel = f.rel.as_str();
                while let Some((parent, _)) = rel.rsplit_once('/') {
                    if venvs.contains(&(f.root, parent.to_string())) {
                        f.in_venv = true;
                        break;
                    }
                    rel = parent;
                }
            }
        }
        inv.files
            .sort_by(|a, b| (a.root, &a.rel).cmp(&(b.root, &b.rel)));
        inv.files
            .dedup_by(|a, b| a.root == b.root && a.rel == b.rel);
        inv.skipped
            .sort_by(|a, b| (a.root, &a.rel).cmp(&(b.root, &b.rel)));
        inv.errors
            .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        inv
    }

    /// This inventory as a walk with `wanted` would have produced it, without walking again:
    /// `wanted`'s extra exclude patterns applied, files over its size limit moved to `skipped`,
    /// virtualenv files dropped unless it includes them. `None` when this inventory cannot
    /// answer: `wanted` walks virtualenvs this walk did not enter, allows larger files, or
    /// lacks one of this walk's excludes. An analyzer then walks on its own.
    pub fn narrowed(&self, wanted: &InventoryOptions) -> Option<Inventory> {
        let have = &self.options;
        if (wanted.include_venvs && !have.include_venvs)
            || wanted.max_file_size > have.max_file_size
            || have.exclude.iter().any(|p| !wanted.exclude.contains(p))
        {
            return None;
        }
        let extra: Vec<String> = wanted
            .exclude
            .iter()
            .filter(|p| !have.exclude.contains(p))
            .cloned()
            .collect();
        let mut out = Inventory {
            roots: self.roots.clone(),
            files: Vec::with_capacity(self.files.len()),
            skipped: Vec::new(),
            errors: self.errors.clone(),
            warnings: self.warnings.clone(),
            options: wanted.clone(),
        };
        let excludes = build_excludes(&extra, &mut out.warnings);
        let excluded = |rel: &str, explicit: bool| {
            !explicit
                && !excludes.is_empty()
                && excludes
                    .matched_path_or_any_parents(Path::new(rel), false)
                    .is_ignore()
        };
        for f in &self.files {
            if excluded(&f.rel, f.explicit) || (f.in_venv && !wanted.include_venvs) {
                continue;
            }
            if f.size > wanted.max_file_size {
                out.skipped.push(Skipped {
                    path: f.display(),
                    rel: f.rel.clone(),
                    root: f.root,
                    reason: SkipReason::TooLarge {
                        size: f.size,
                        limit: wanted.max_file_size,
                    },
                });
            } else {
                out.files.push(f.clone());
            }
        }
        out.skipped.extend(
            self.skipped
                .iter()
                .filter(|s| !excluded(&s.rel, false))
                .cloned(),
        );
        out.skipped
            .sort_by(|a, b| (a.root, &a.rel).cmp(&(b.root, &b.rel)));
        Some(out)
    }

    /// The directory a file's reads are confined to: its scanned directory, or for an explicit
    /// file argument the directory holding it.
    pub fn root_of(&self, file: &InventoryFile) -> &Path {
        let Some(root) = self.roots.get(file.root) else {
            return Path::new(".");
        };
        if file.explicit {
            match root.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            }
        } else {
            root
        }
    }
}

fn build_excludes(patterns: &[String], warnings: &mut Vec<String>) -> Gitignore {
    let mut b = GitignoreBuilder::new("");
    for pattern in patterns {
        // Checked one by one, so one bad pattern does not drop the others.
        let mut one = GitignoreBuilder::new("");
        let checked = one
            .add_line(None, pattern)
            .map_err(|e| e.to_string())
            .and_then(|one| one.build().map(drop).map_err(|e| e.to_string()));
        match checked {
            Ok(()) => {
                let _ = b.add_line(None, pattern);
            }
            Err(e) => warnings.push(format!(
                "exclude: invalid pattern `{pattern}`: {e} (ignored)"
            )),
        }
    }
    b.build().unwrap_or_else(|_| Gitignore::empty())
}

fn walk_dir(index: usize, dir: &Path, options: &InventoryOptions, excludes: &Gitignore) -> Found {
    let confined = match Root::new(dir) {
        Ok(r) => r,
        Err(e) => {
            return Found {
                errors: vec![ScanError {
                    path: display(dir),
                    message: format!("cannot read {}: {}", dir.display(), e.reason()),
                }],
                ..Found::default()
            };
        }
    };
    let found = Arc::new(Mutex::new(Found::default()));
    let include_venvs = options.include_venvs;
    let root_owned = dir.to_path_buf();
    let filter_excludes = excludes.clone();
    let filter_found = Arc::clone(&found);
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .hidden(false)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        // `.gitignore` only inside a git work tree, and never `.ignore` files.
        .require_git(true)
        .ignore(false)
        .follow_links(false)
        .threads(options.threads.unwrap_or(0))
        .filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !filter_excludes.is_empty() {
                let rel = entry
                    .path()
                    .strip_prefix(&root_owned)
                    .unwrap_or(entry.path());
                if filter_excludes.matched(rel, is_dir).is_ignore() {
                    return false;
                }
            }
            if !is_dir {
                return true;
            }
            if never_walked(entry.path()) {
                return false;
            }
            if is_environment_dir(entry.path()) {
                if !include_venvs {
                    return false;
                }
                if let Ok(mut f) = filter_found.lock() {
                    f.venvs.insert(rel_of(entry.path(), &root_owned));
                }
            }
            true
        });
    let max = options.max_file_size;
    let root_dir = dir.to_path_buf();
    builder.build_parallel().run(|| {
        let found = Arc::clone(&found);
        let confined = confined.clone();
        let root_dir = root_dir.clone();
        let mut local = Found::default();
        // Flushed when the worker drops its closure.
        struct Flush {
            local: Found,
            into: Arc<Mutex<Found>>,
        }
        impl Drop for Flush {
            fn drop(&mut self) {
                if let Ok(mut f) = self.into.lock() {
                    let local = std::mem::take(&mut self.local);
                    f.files.extend(local.files);
                    f.skipped.extend(local.skipped);
                    f.errors.extend(local.errors);
                }
            }
        }
        local.files.reserve(64);
        let mut flush = Flush { local, into: found };
        Box::new(move |entry| {
            visit(index, &root_dir, &confined, max, entry, &mut flush.local);
            ignore::WalkState::Continue
        })
    });
    match Arc::try_unwrap(found) {
        Ok(m) => m.into_inner().unwrap_or_default(),
        Err(arc) => arc
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default(),
    }
}

fn visit(
    index: usize,
    dir: &Path,
    confined: &Root,
    max: u64,
    entry: Result<ignore::DirEntry, ignore::Error>,
    out: &mut Found,
) {
    let entry = match entry {
        Ok(e) => e,
        Err(err) => {
            let (path, message) = walk_error(&err, dir);
            out.errors.push(ScanError {
                path: display(&path),
                message,
            });
            return;
        }
    };
    if entry.depth() == 0 {
        return;
    }
    let Some(ft) = entry.file_type() else { return };
    if ft.is_dir() {
        return;
    }
    let path = entry.path();
    let rel = rel_of(path, dir);
    let skip = |reason| Skipped {
        path: display(path),
        rel: rel.clone(),
        root: index,
        reason,
    };
    let (size, link_target) = if ft.is_symlink() {
        match confined.confine(path) {
            Ok(target) => match std::fs::metadata(&target) {
                // A link to a directory inside the root: its files are listed under their
                // real path.
                Ok(m) if m.is_dir() => return,
                Ok(m) if m.is_file() => (m.len(), Some(target)),
                Ok(_) => {
                    out.skipped.push(skip(SkipReason::Special));
                    return;
                }
                Err(e) => {
                    out.skipped
                        .push(skip(SkipReason::Unreadable(e.to_string())));
                    return;
                }
            },
            Err(ReadError::OutsideRoot { .. }) => {
                out.skipped.push(skip(SkipReason::OutsideRoot));
                return;
            }
            Err(e) => {
                out.skipped.push(skip(SkipReason::Unreadable(e.reason())));
                return;
            }
        }
    } else if ft.is_file() {
        match entry.metadata() {
            Ok(m) => (m.len(), None),
            Err(e) => {
                out.errors.push(ScanError {
                    path: display(path),
                    message: e.to_string(),
                });
                return;
            }
        }
    } else {
        out.skipped.push(skip(SkipReason::Special));
        return;
    };
    if size > max {
        out.skipped
            .push(skip(SkipReason::TooLarge { size, limit: max }));
        return;
    }
    out.files.push(InventoryFile {
        path: path.to_path_buf(),
        rel,
        root: index,
        size,
        explicit: false,
        in_venv: false,
        link_target,
    });
}

fn walk_error(err: &ignore::Error, dir: &Path) -> (PathBuf, String) {
    match err {
        ignore::Error::WithPath { path, err } => (path.clone(), err.to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, dir)
        }
        ignore::Error::Loop { child, ancestor } => (
            child.clone(),
            format!("symbolic link loop (points back to {})", ancestor.display()),
        ),
        other => (dir.to_path_buf(), other.to_string()),
    }
}
