//! Names and paths as every analyzer displays and compares them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::fs::lexically_normal;

/// PEP 503 normalisation of a Python project name: lowercase, and every run of `-`, `_` and `.`
/// becomes one `-` (`Foo__Bar.baz` → `foo-bar-baz`). Surrounding whitespace is ignored.
pub fn normalize_package_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_separator {
                out.push('-');
            }
            in_separator = true;
        } else {
            out.extend(c.to_lowercase());
            in_separator = false;
        }
    }
    out
}

/// `path` relative to `root` for display, `/`-separated; as given when it is not under `root`.
pub fn relative_path(path: &Path, root: &Path) -> String {
    let rel = path
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    let text = rel.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}

/// `path` as shown to people: relative to `cwd` when it is inside it, else as it is; forward
/// slashes, no `./`.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let normal = lexically_normal(path);
    let shown = match cwd {
        Some(cwd) if normal.is_absolute() => match normal.strip_prefix(cwd) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
            _ => normal,
        },
        _ => normal,
    };
    if shown.as_os_str().is_empty() {
        return ".".into();
    }
    shown.to_string_lossy().replace('\\', "/")
}

/// Rebases every path in `report` (findings, fix edits, suppressed findings, errors, inputs)
/// from the directories the command made them relative to onto the current directory, the base
/// ruff and rustc use. A path relative to one of `bases` is joined to it; one that names a file
/// relative to the current directory already is kept; URLs are left alone.
pub fn rebase_report(report: &mut crate::Report, bases: &[PathBuf], cwd: Option<&Path>) {
    let mut cache: HashMap<String, String> = HashMap::new();
    let mut rebase = |path: &mut String| {
        if path.is_empty() || path.contains("://") {
            return;
        }
        if let Some(done) = cache.get(path.as_str()) {
            path.clone_from(done);
            return;
        }
        let p = Path::new(path.as_str());
        let joined = if p.is_absolute()
            || bases.is_empty()
            || (bases.len() == 1 && bases[0] == Path::new("."))
        {
            p.to_path_buf()
        } else {
            bases
                .iter()
                .map(|b| b.join(p))
                .find(|c| c.symlink_metadata().is_ok())
                .or_else(|| p.symlink_metadata().is_ok().then(|| p.to_path_buf()))
                .unwrap_or_else(|| bases[0].join(p))
        };
        let shown = display_path(&joined, cwd);
        cache.insert(std::mem::take(path), shown.clone());
        *path = shown;
    };
    let finding = |f: &mut crate::Finding, rebase: &mut dyn FnMut(&mut String)| {
        if let Some(path) = f.location.path.as_mut() {
            rebase(path);
        }
        if let Some(fix) = f.fix.as_mut() {
            for edit in &mut fix.edits {
                rebase(&mut edit.path);
            }
        }
    };
    for f in &mut report.findings {
        finding(f, &mut rebase);
    }
    for s in &mut report.suppressed {
        finding(&mut s.finding, &mut rebase);
    }
    for e in &mut report.errors {
        rebase(&mut e.path);
    }
    for input in &mut report.inputs {
        rebase(input);
    }
    for package in &mut report.packages {
        rebase(&mut package.manifest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep503_names() {
        assert_eq!(normalize_package_name("Django"), "django");
        assert_eq!(normalize_package_name("zope.interface"), "zope-interface");
        assert_eq!(normalize_package_name("Foo__Bar-.baz "), "foo-bar-baz");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path(Path::new("/a/b/req.txt"), Path::new("/a")),
            "b/req.txt"
        );
        assert_eq!(
            relative_path(Path::new("./req.txt"), Path::new(".")),
            "req.txt"
        );
        assert_eq!(relative_path(Path::new("/x/y"), Path::new("/a")), "/x/y");
    }
}
