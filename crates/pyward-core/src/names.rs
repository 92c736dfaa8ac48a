//! Names and paths as every analyzer displays and compares them.

use std::path::Path;

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
