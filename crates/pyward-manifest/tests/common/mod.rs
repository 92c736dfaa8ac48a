#![allow(dead_code)]

use std::fmt::Write;
use std::path::{Path, PathBuf};

use pyward_manifest::{DepSource, Dependency, Manifest, Platform, Target};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn linux(py: &str) -> Target {
    Target::new(py, Platform::Linux)
}

fn rel(p: &Path) -> String {
    let base = fixtures();
    p.strip_prefix(&base)
        .map(|r| r.display().to_string())
        .unwrap_or_else(|_| p.display().to_string())
}

fn dep_line(d: &Dependency) -> String {
    let mut s = d.name.clone();
    match (&d.version, &d.specifier) {
        (Some(v), _) => write!(s, "=={v}").unwrap(),
        (None, Some(spec)) => write!(s, " {spec}").unwrap(),
        (None, None) => {}
    }
    if !d.extras.is_empty() {
        write!(s, " extras={}", d.extras.join(",")).unwrap();
    }
    write!(
        s,
        " {}:{}:{}",
        rel(&d.origin),
        d.line.map_or("-".into(), |l| l.to_string()),
        d.column.map_or("-".into(), |c| c.to_string())
    )
    .unwrap();
    write!(s, " {:?}", d.state).unwrap();
    if let Some(g) = &d.group {
        write!(s, " group={g}").unwrap();
    }
    if d.direct {
        s.push_str(" direct");
    }
    if !d.parents.is_empty() {
        write!(s, " parents=[{}]", d.parents.join(",")).unwrap();
    }
    match &d.source {
        DepSource::Registry { index: None } => {}
        DepSource::Registry { index: Some(i) } => write!(s, " index={i}").unwrap(),
        other => write!(s, " source={other:?}").unwrap(),
    }
    if let Some(m) = &d.marker {
        write!(s, " marker=({m})").unwrap();
    }
    if !d.hashes.is_empty() {
        write!(s, " hashes={}", d.hashes.len()).unwrap();
    }
    if let Some(u) = &d.unauditable {
        write!(s, " UNAUDITABLE({u})").unwrap();
    }
    s
}

/// A compact, stable rendering of a manifest for snapshots.
pub fn render(m: &Manifest) -> String {
    let mut out = String::new();
    writeln!(out, "kind: {:?}  file: {}", m.kind, rel(&m.path)).unwrap();
    for (k, v) in [
        ("requires-python", &m.requires_python),
        ("python", &m.python_version),
        ("lock-version", &m.lock_version),
        ("created-by", &m.created_by),
    ] {
        if let Some(v) = v {
            writeln!(out, "{k}: {v}").unwrap();
        }
    }
    for (k, v) in [
        ("index", &m.index_urls),
        ("find-links", &m.find_links),
        ("trusted-host", &m.trusted_hosts),
    ] {
        for x in v {
            writeln!(out, "{k}: {x}").unwrap();
        }
    }
    for o in &m.options {
        writeln!(
            out,
            "option: {}{} ({}:{})",
            o.name,
            o.value
                .as_ref()
                .map(|v| format!("={v}"))
                .unwrap_or_default(),
            rel(&o.origin),
            o.line
        )
        .unwrap();
    }
    writeln!(out, "dependencies ({}):", m.dependencies.len()).unwrap();
    for d in &m.dependencies {
        writeln!(out, "  {}", dep_line(d)).unwrap();
    }
    if !m.skipped_by_marker.is_empty() {
        writeln!(out, "skipped by marker ({}):", m.skipped_by_marker.len()).unwrap();
        for d in &m.skipped_by_marker {
            writeln!(out, "  {}", dep_line(d)).unwrap();
        }
    }
    if !m.constraints.is_empty() {
        writeln!(out, "constraints ({}):", m.constraints.len()).unwrap();
        for d in &m.constraints {
            writeln!(out, "  {}", dep_line(d)).unwrap();
        }
    }
    if !m.warnings.is_empty() {
        let base = format!("{}/", fixtures().display());
        let canon = std::fs::canonicalize(fixtures())
            .map(|p| format!("{}/", p.display()))
            .unwrap_or_default();
        writeln!(out, "warnings:").unwrap();
        for w in &m.warnings {
            writeln!(out, "  {}", w.replace(&canon, "").replace(&base, "")).unwrap();
        }
    }
    if !m.errors.is_empty() {
        let base = format!("{}/", fixtures().display());
        writeln!(out, "errors:").unwrap();
        for e in &m.errors {
            writeln!(out, "  {}", e.to_string().replace(&base, "")).unwrap();
        }
    }
    out
}

/// Asserts a dependency is present with this version, line and (where given) group.
pub fn assert_dep(m: &Manifest, name: &str, version: &str, line: u32) -> Dependency {
    let d = m
        .get(name)
        .unwrap_or_else(|| panic!("{name} not found in {}:\n{}", m.path.display(), render(m)));
    assert_eq!(d.version.as_deref(), Some(version), "{name} version");
    assert_eq!(d.line, Some(line), "{name} line");
    d.clone()
}

/// The line (1-based) of the first line in `file` containing `needle`.
pub fn line_of(file: &Path, needle: &str) -> u32 {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {}", file.display())) as u32
        + 1
}
