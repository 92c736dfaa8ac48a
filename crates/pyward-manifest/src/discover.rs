//! Finding manifest files: the files of the shared [`Inventory`] whose name is a manifest or
//! lockfile. The walk, its ignore rules, skip list, excludes and symlink policy are
//! [`pyward_core::inventory`]'s.

use std::path::{Path, PathBuf};

use pyward_core::{Inventory, InventoryOptions, Skipped};

use crate::ManifestError;

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

/// The files of `inv` whose name is a manifest or lockfile (see [`is_manifest_name`]), outside
/// virtual environments, in inventory order. A symlink inside its root is included (parse it
/// with [`crate::parse_file_in`], which reads it through its confined target).
pub fn manifests_in(inv: &Inventory) -> Vec<PathBuf> {
    inv.files
        .iter()
        .filter(|f| !f.in_venv && is_manifest_name(&f.path))
        .map(|f| f.path.clone())
        .collect()
}

/// The `.py` files of `inv` that hold a PEP 723 `# /// script` block (read bounded).
pub fn scripts_in(inv: &Inventory) -> Vec<PathBuf> {
    inv.files
        .iter()
        .filter(|f| {
            !f.in_venv
                && f.link_target.is_none()
                && f.path.extension().is_some_and(|x| x == "py")
                && script_candidate(&f.path)
        })
        .map(|f| f.path.clone())
        .collect()
}

/// The manifest-named files the walk left out (a symlink out of the root, a FIFO, a file over
/// the size limit), for `Report::skipped`.
pub fn skipped_manifests(inv: &Inventory) -> Vec<&Skipped> {
    inv.skipped
        .iter()
        .filter(|s| is_manifest_name(&skipped_path(inv, s)))
        .collect()
}

fn skipped_path(inv: &Inventory, s: &Skipped) -> PathBuf {
    match inv.roots.get(s.root) {
        Some(root) if !root.is_file() => root.join(&s.rel),
        _ => PathBuf::from(&s.rel),
    }
}

/// Finds manifest files under `root` through [`Inventory::walk`]: `.gitignore` only inside a
/// git work tree, never `.ignore`, virtualenvs, `node_modules`, `site-packages`, caches and
/// build directories skipped.
///
/// A manifest-named entry the walk skipped (a symlink out of the root, a FIFO, a device, a file
/// over the size limit) is returned too: parsing it through [`crate::parse_file_in`] refuses it
/// with a reason, so nothing is skipped silently.
pub fn discover_with(root: &Path, opts: &DiscoverOptions) -> Vec<Result<PathBuf, ManifestError>> {
    if let Err(e) = std::fs::metadata(root) {
        return vec![Err(ManifestError::Io {
            path: root.to_path_buf(),
            source: e,
        })];
    }
    let inv = Inventory::walk(&[root.to_path_buf()], &discover_options(&opts.exclude));
    discover_in(root, &inv, opts.scripts)
}

/// The walk discovery needs: `exclude` and the manifest size limit.
pub fn discover_options(exclude: &[String]) -> InventoryOptions {
    InventoryOptions {
        exclude: exclude.to_vec(),
        max_file_size: crate::MAX_FILE_SIZE,
        ..InventoryOptions::default()
    }
}

/// [`discover_with`] on an inventory already walked from `root` alone (its only root).
pub fn discover_in(
    root: &Path,
    inv: &Inventory,
    scripts: bool,
) -> Vec<Result<PathBuf, ManifestError>> {
    let mut out: Vec<Result<PathBuf, ManifestError>> =
        manifests_in(inv).into_iter().map(Ok).collect();
    if scripts {
        out.extend(scripts_in(inv).into_iter().map(Ok));
    }
    out.extend(
        skipped_manifests(inv)
            .into_iter()
            .map(|s| Ok(skipped_path(inv, s))),
    );
    out.extend(inv.warnings.iter().map(|w| {
        Err(ManifestError::Walk {
            path: root.to_path_buf(),
            message: w.clone(),
        })
    }));
    out.extend(inv.errors.iter().map(|e| {
        Err(ManifestError::Walk {
            path: PathBuf::from(&e.path),
            message: e.message.clone(),
        })
    }));
    out.sort_by(|a, b| match (a, b) {
        (Ok(a), Ok(b)) => a.cmp(b),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(a), Err(b)) => a.path().cmp(b.path()),
    });
    out.dedup_by(|a, b| matches!((a, b), (Ok(a), Ok(b)) if a == b));
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
