//! Installed environments: a virtualenv root or a site-packages directory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::markers::Evaluator;
use crate::reqstr::{classify_reference, is_vcs};
use crate::text::read_text;
use crate::{DepSource, DepState, Dependency, Manifest, ManifestError, ManifestKind, Target};

fn io(path: &Path, source: std::io::Error) -> ManifestError {
    ManifestError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn has_dist_info(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.ends_with(".dist-info") || n.ends_with(".egg-info")
        })
    })
}

/// Finds the site-packages directories of a venv root (POSIX and Windows layouts).
fn site_packages_of(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for lib in ["lib", "lib64"] {
        let Ok(rd) = std::fs::read_dir(root.join(lib)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = rd
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("python"))
            .map(|e| e.path().join("site-packages"))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let canon = std::fs::canonicalize(&d).unwrap_or(d.clone());
            if !out
                .iter()
                .any(|o: &PathBuf| std::fs::canonicalize(o).unwrap_or(o.clone()) == canon)
            {
                out.push(d);
            }
        }
    }
    let win = root.join("Lib").join("site-packages");
    if win.is_dir() && !out.contains(&win) {
        out.push(win);
    }
    out
}

/// Reads `pyvenv.cfg`'s `version` / `version_info`.
fn venv_python(root: &Path) -> Option<String> {
    let text = read_text(&root.join("pyvenv.cfg")).ok()?;
    text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        matches!(k.trim(), "version" | "version_info").then(|| v.trim().to_string())
    })
}

/// Parsed core-metadata headers: (name, value, line).
fn headers(text: &str) -> Vec<(String, String, u32)> {
    let mut out: Vec<(String, String, u32)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break; // the body (description) starts here
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string(), i as u32 + 1));
        }
    }
    out
}

/// Reads one `*.dist-info` or `*.egg-info` entry.
fn read_dist(entry: &Path, m: &mut Manifest) -> Option<Dependency> {
    let is_dir = entry.is_dir();
    let meta_file = if entry.extension().is_some_and(|e| e == "dist-info") {
        entry.join("METADATA")
    } else if is_dir {
        entry.join("PKG-INFO")
    } else {
        entry.to_path_buf()
    };
    let text = match read_text(&meta_file) {
        Ok(t) => t,
        Err(e) => {
            m.warnings.push(e.to_string());
            return None;
        }
    };
    let direct_url = if is_dir {
        let file = entry.join("direct_url.json");
        if file.is_file() {
            match read_text(&file) {
                Ok(t) => Some((file, t)),
                Err(e) => {
                    m.warnings.push(e.to_string());
                    None
                }
            }
        } else {
            None
        }
    } else {
        None
    };
    let direct_url = direct_url.as_ref().map(|(f, t)| (f.as_path(), t.as_str()));
    dist_from_texts(entry, &meta_file, &text, direct_url, m)
}

/// One installed distribution from texts already read: `entry` is its `*.dist-info` or
/// `*.egg-info` path (as it should be shown), `meta_file` the core-metadata file `text` was read
/// from, `direct_url` the PEP 610 `direct_url.json` (path and text) when there is one. Used for
/// environments on disk and for those read from elsewhere (a container image's layers).
pub fn dist_from_texts(
    entry: &Path,
    meta_file: &Path,
    text: &str,
    direct_url: Option<(&Path, &str)>,
    m: &mut Manifest,
) -> Option<Dependency> {
    let hs = headers(text);
    let get = |k: &str| hs.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(k));
    let Some((_, name, _)) = get("Name") else {
        m.warn(meta_file, Some(1), "metadata without a Name header");
        return None;
    };
    let mut dep = Dependency::new(name, meta_file);
    dep.state = DepState::Installed;
    match get("Version") {
        Some((_, v, line)) => {
            dep.version = Some(v.clone());
            dep.line = Some(*line);
        }
        None => {
            m.warn(meta_file, Some(1), "metadata without a Version header");
            dep.line = Some(1);
        }
    }
    dep.column = Some(1);
    dep.dist_info = Some(entry.to_path_buf());
    dep.requires_dist = hs
        .iter()
        .filter(|(n, _, _)| n.eq_ignore_ascii_case("Requires-Dist"))
        // Lines pep508_rs would panic on are unparseable: every consumer skips those.
        .filter(|(_, v, _)| crate::reqstr::pep508_name_error(v).is_none())
        .map(|(_, v, _)| v.clone())
        .collect();
    if let Some((file, text)) = direct_url {
        read_direct_url(file, text, &mut dep, m);
    }
    Some(dep)
}

/// PEP 610 `direct_url.json` (`text`, read from `file`): editable, VCS, local or URL installs.
fn read_direct_url(file: &Path, text: &str, dep: &mut Dependency, m: &mut Manifest) {
    let parsed: Result<Value, String> =
        serde_json::from_str(text).map_err(|e| format!("{}: {e}", file.display()));
    let v = match parsed {
        Ok(v) => v,
        Err(e) => {
            m.warnings.push(e);
            return;
        }
    };
    let url = v
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if v.pointer("/dir_info/editable").and_then(Value::as_bool) == Some(true) {
        dep.source = DepSource::Editable(url);
        dep.unauditable = Some("editable install: not a released version on an index".into());
    } else if let Some(vcs) = v.pointer("/vcs_info/vcs").and_then(Value::as_str) {
        let commit = v
            .pointer("/vcs_info/commit_id")
            .and_then(Value::as_str)
            .map(|c| format!("@{c}"))
            .unwrap_or_default();
        let full = if is_vcs(&url) {
            format!("{url}{commit}")
        } else {
            format!("{vcs}+{url}{commit}")
        };
        dep.source = DepSource::Vcs(full);
        dep.unauditable = Some("VCS requirement: not a released version on an index".into());
    } else if !url.is_empty() {
        let (s, r) = classify_reference(&url);
        let (s, r) = if url.starts_with("file:") {
            (
                DepSource::Path(url.clone()),
                "installed from a local path: not a released version on an index".to_string(),
            )
        } else {
            (s, r)
        };
        dep.source = s;
        dep.unauditable = Some(r);
    }
}

/// Reads the packages installed in a virtualenv (its root) or a site-packages directory.
///
/// Parents are computed from each package's `Requires-Dist` (markers evaluated for the target;
/// extras are not followed); packages nothing depends on are marked `direct`.
pub fn read_environment(path: &Path, target: &Target) -> Result<Manifest, ManifestError> {
    let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
    if !meta.is_dir() {
        return Err(ManifestError::NotAnEnvironment {
            path: path.to_path_buf(),
        });
    }
    let mut m = Manifest::new(path, ManifestKind::InstalledEnv);
    let site_dirs = if path.join("pyvenv.cfg").is_file() {
        m.python_version = venv_python(path);
        site_packages_of(path)
    } else if has_dist_info(path) {
        vec![path.to_path_buf()]
    } else {
        let found = site_packages_of(path);
        if found.is_empty() {
            return Err(ManifestError::NotAnEnvironment {
                path: path.to_path_buf(),
            });
        }
        found
    };
    if site_dirs.is_empty() {
        return Err(ManifestError::NotAnEnvironment {
            path: path.to_path_buf(),
        });
    }
    let mut deps = Vec::new();
    for dir in &site_dirs {
        let rd = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
        let mut entries: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let n = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                n.ends_with(".dist-info") || n.ends_with(".egg-info")
            })
            .collect();
        entries.sort();
        for e in entries {
            if let Some(d) = read_dist(&e, &mut m) {
                deps.push(d);
            }
        }
    }
    link_parents(&mut m, deps, target);
    Ok(m)
}

/// Adds `deps` (installed distributions) to the environment `m`, sorted, with their parents
/// computed from each one's `Requires-Dist` (markers evaluated for `target`; extras are not
/// followed); packages nothing depends on are marked `direct`.
pub fn link_parents(m: &mut Manifest, mut deps: Vec<Dependency>, target: &Target) {
    let eval = Evaluator::new(target);
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in &deps {
        for req in &d.requires_dist {
            let Ok(r) = req.parse::<pep508_rs::Requirement>() else {
                continue;
            };
            if eval.tree(&r.marker) {
                parents
                    .entry(r.name.to_string())
                    .or_default()
                    .insert(d.normalized.clone());
            }
        }
    }
    deps.sort_by(|a, b| {
        a.normalized
            .cmp(&b.normalized)
            .then(a.version.cmp(&b.version))
    });
    for mut d in deps {
        d.parents = parents
            .get(&d.normalized)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default();
        d.direct = d.parents.is_empty();
        m.dependencies.push(d);
    }
}
