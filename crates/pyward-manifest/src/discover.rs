//! Finding manifest files under a directory.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::ManifestError;

/// Directory names never descended into.
const SKIP_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "site-packages",
    "__pycache__",
    ".tox",
    ".nox",
    "target",
    ".venv",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
];

/// Options for [`discover_with`].
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// gitignore-syntax patterns, relative to the root, to leave out.
    pub exclude: Vec<String>,
    /// Also return `.py` files that contain a PEP 723 `# /// script` block.
    pub scripts: bool,
}

/// Finds manifest files under `root` (including PEP 723 scripts), sorted by path.
pub fn discover(root: &Path, exclude: &[String]) -> Vec<Result<PathBuf, ManifestError>> {
    discover_with(
        root,
        &DiscoverOptions {
            exclude: exclude.to_vec(),
            scripts: true,
        },
    )
}

/// True when a file name is one of the manifest names discovery looks for.
pub fn is_manifest_name(path: &Path) -> bool {
    // Lossy: a name that is not UTF-8 is still recognised, and audited.
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let parent_is_requirements = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("requirements"));
    matches!(
        lower.as_str(),
        "pyproject.toml"
            | "poetry.lock"
            | "pipfile.lock"
            | "uv.lock"
            | "pdm.lock"
            | "pylock.toml"
            | "setup.cfg"
            | "setup.py"
    ) || (lower.starts_with("pylock.") && lower.ends_with(".toml"))
        || (lower.ends_with(".txt")
            && (lower.contains("requirements") || lower.starts_with("constraints")))
        || (parent_is_requirements && (lower.ends_with(".txt") || lower.ends_with(".in")))
        || (lower.starts_with("requirements") && lower.ends_with(".in"))
}

fn build_excludes(root: &Path, exclude: &[String]) -> Result<Gitignore, ManifestError> {
    let mut b = GitignoreBuilder::new(root);
    for pat in exclude {
        b.add_line(None, pat).map_err(|e| ManifestError::Walk {
            path: root.to_path_buf(),
            message: format!("invalid exclude pattern `{pat}`: {e}"),
        })?;
    }
    b.build().map_err(|e| ManifestError::Walk {
        path: root.to_path_buf(),
        message: format!("invalid exclude patterns: {e}"),
    })
}

/// Finds manifest files under `root`, honouring `.gitignore` (only inside a git repository;
/// `.ignore` files are not honoured, so a stray file cannot hide manifests) and skipping
/// virtualenvs, `node_modules`, `site-packages`, caches and build directories.
///
/// A manifest-named entry that is not a regular file (a symlink, a FIFO, a device) is returned
/// too: parsing it through [`crate::parse_file_in`] audits a symlink whose target stays inside
/// the root and refuses everything else with a reason, so nothing is skipped silently.
pub fn discover_with(root: &Path, opts: &DiscoverOptions) -> Vec<Result<PathBuf, ManifestError>> {
    let mut out = Vec::new();
    if let Err(e) = std::fs::metadata(root) {
        out.push(Err(ManifestError::Io {
            path: root.to_path_buf(),
            source: e,
        }));
        return out;
    }
    let excludes = match build_excludes(root, &opts.exclude) {
        Ok(g) => g,
        Err(e) => {
            out.push(Err(e));
            return out;
        }
    };
    let root_buf = root.to_path_buf();
    let filter_excludes = excludes.clone();
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(true)
        .ignore(false)
        .parents(false)
        .follow_links(false)
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            if e.depth() > 0 {
                let rel = e.path().strip_prefix(&root_buf).unwrap_or(e.path());
                if filter_excludes
                    .matched_path_or_any_parents(rel, is_dir)
                    .is_ignore()
                {
                    return false;
                }
            }
            if !is_dir || e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            !(SKIP_DIRS.contains(&name.as_ref()) || e.path().join("pyvenv.cfg").is_file())
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let Some(ft) = e.file_type() else { continue };
                if ft.is_dir() {
                    continue;
                }
                let p = e.path();
                let wanted = is_manifest_name(p)
                    || (opts.scripts
                        && ft.is_file()
                        && p.extension().is_some_and(|x| x == "py")
                        && script_candidate(p));
                if wanted {
                    out.push(Ok(p.to_path_buf()));
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_path_buf(),
                };
                out.push(Err(ManifestError::Walk {
                    path,
                    message: err.to_string(),
                }));
            }
        }
    }
    out.sort_by(|a, b| match (a, b) {
        (Ok(a), Ok(b)) => a.cmp(b),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(a), Err(b)) => a.path().cmp(b.path()),
    });
    out
}

/// Looks for a `# /// script` line in a regular `.py` file (read non-blocking and bounded).
fn script_candidate(path: &Path) -> bool {
    let Ok(buf) = pyward_core::fs::read_bytes(path, crate::MAX_FILE_SIZE) else {
        return false;
    };
    if memchr::memmem::find(&buf, b"# /// script").is_none() {
        return false;
    }
    let text = String::from_utf8_lossy(&buf);
    crate::pep723::has_script_block(&text)
}
