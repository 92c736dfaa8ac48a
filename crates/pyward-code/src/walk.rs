//! Finding the Python files to check.

use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use pyward_core::ScanError;

use crate::CodeOptions;

/// Directories never worth scanning.
const ALWAYS_SKIP: &[&str] = &[".git", ".hg", ".svn", "__pycache__"];
/// Directories skipped unless `include_venvs`: environments, installed packages and caches.
const ENV_SKIP: &[&str] = &[
    ".venv",
    "venv",
    ".env",
    "site-packages",
    "dist-packages",
    "node_modules",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".eggs",
    "__pypackages__",
];

pub struct File {
    pub path: PathBuf,
    /// The path as reported: as walked from the argument, `/`-separated, no leading `./`.
    pub display: String,
    /// A non-Python text file scanned for secrets only (see [`is_secret_text`]).
    pub text: bool,
    /// The path relative to the scanned directory (`/`-separated), for test-path patterns;
    /// the displayed path for a file named on the command line.
    pub rel: String,
}

pub struct Walked {
    pub files: Vec<File>,
    pub errors: Vec<ScanError>,
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

fn is_python(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("py" | "pyi" | "pyw")
    )
}

/// Non-Python files scanned for hard-coded secrets when `scan_text_files` is on: `.env`
/// files, Dockerfiles, YAML, JSON, ini/cfg, TOML and `.conf`/`.properties` files.
pub fn is_secret_text(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name == ".env"
        || name.starts_with(".env.")
        || name.ends_with(".env")
        || name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name.ends_with(".dockerfile")
        || matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json" | "ini" | "cfg" | "toml" | "conf" | "properties")
        )
}

fn excludes(opts: &CodeOptions, warnings: &mut Vec<String>) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for pattern in &opts.exclude {
        let p = pattern.trim_end_matches('/');
        for candidate in [p.to_string(), format!("**/{p}")] {
            match globset::Glob::new(&candidate) {
                Ok(g) => {
                    b.add(g);
                }
                Err(e) => {
                    warnings.push(format!("exclude: invalid glob `{pattern}`: {e}"));
                    break;
                }
            }
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

pub fn collect(paths: &[PathBuf], opts: &CodeOptions, warnings: &mut Vec<String>) -> Walked {
    let mut out = Walked {
        files: Vec::new(),
        errors: Vec::new(),
    };
    let exclude = excludes(opts, warnings);
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push(ScanError {
                    path: display(root),
                    message: format!("cannot read {}: {e}", root.display()),
                });
                continue;
            }
        };
        if !meta.is_file() && !meta.is_dir() {
            // A device, pipe or socket named on the command line is never opened.
            out.errors.push(ScanError {
                path: display(root),
                message: format!(
                    "not a regular file ({}), not read",
                    pyward_core::fs::file_kind(&meta)
                ),
            });
            continue;
        }
        if meta.is_file() {
            // An explicitly named file is checked whatever its extension.
            out.files.push(File {
                path: root.clone(),
                display: display(root),
                rel: display(root),
                text: opts.scan_text_files && !is_python(root) && is_secret_text(root),
            });
            continue;
        }
        // Symbolic links are not followed by the walk; a link to a file inside the scanned
        // directory is checked through its real path, one leading outside is an error.
        let confined = pyward_core::fs::Root::new(root).ok();
        let root_owned = root.clone();
        let include_venvs = opts.include_venvs;
        let exclude = exclude.clone();
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .parents(true)
            .git_ignore(true)
            .git_exclude(true)
            // `.gitignore` only inside a git work tree, and never `.ignore` files: a pull
            // request must not hide its own files from the audit.
            .require_git(true)
            .ignore(false)
            .follow_links(false)
            .filter_entry(move |entry| {
                let name = entry.file_name().to_string_lossy();
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if entry.depth() > 0 && is_dir {
                    if ALWAYS_SKIP.contains(&name.as_ref()) {
                        return false;
                    }
                    if !include_venvs
                        && (ENV_SKIP.contains(&name.as_ref())
                            || entry.path().join("pyvenv.cfg").is_file())
                    {
                        return false;
                    }
                }
                if entry.depth() > 0 && !exclude.is_empty() {
                    let rel = entry
                        .path()
                        .strip_prefix(&root_owned)
                        .unwrap_or(entry.path());
                    if exclude.is_match(rel) || exclude.is_match(name.as_ref()) {
                        return false;
                    }
                }
                true
            })
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let mut real = e.path().to_path_buf();
                    if e.file_type().is_some_and(|t| t.is_symlink()) {
                        let wanted = is_python(e.path())
                            || (opts.scan_text_files && is_secret_text(e.path()));
                        match confined.as_ref().map(|r| r.confine(e.path())) {
                            Some(Ok(target)) if target.is_file() && wanted => real = target,
                            // Links to directories inside the tree: their files are walked
                            // through their real paths.
                            Some(Ok(_)) => continue,
                            Some(Err(err)) if wanted => {
                                out.errors.push(ScanError {
                                    path: display(e.path()),
                                    message: err.reason(),
                                });
                                continue;
                            }
                            Some(Err(err)) => {
                                warnings.push(format!(
                                    "{}: skipped: {}",
                                    display(e.path()),
                                    err.reason()
                                ));
                                continue;
                            }
                            None => continue,
                        }
                    } else if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let text = opts.scan_text_files && is_secret_text(e.path());
                    if is_python(e.path()) || text {
                        out.files.push(File {
                            path: real,
                            display: display(e.path()),
                            rel: display(e.path().strip_prefix(root).unwrap_or(e.path())),
                            text: text && !is_python(e.path()),
                        });
                    }
                }
                Err(err) => out.errors.push(ScanError {
                    path: display(root),
                    message: format!("walking {}: {err}", root.display()),
                }),
            }
        }
    }
    out.files.sort_by(|a, b| a.display.cmp(&b.display));
    out.files.dedup_by(|a, b| a.display == b.display);
    out
}
