mod common;

use std::fs;
use std::path::Path;

use common::linux;
use pyward_manifest::{DepSource, DepState, ManifestError, ManifestKind, read_environment};

fn write(p: &Path, text: &str) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A fake POSIX virtualenv with dist-info, egg-info (dir and file) and an editable install.
fn fake_venv(root: &Path) -> std::path::PathBuf {
    write(
        &root.join("pyvenv.cfg"),
        "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n",
    );
    let sp = root.join("lib/python3.11/site-packages");
    write(
        &sp.join("Django-4.2.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: Django\nVersion: 4.2.0\nSummary: A web framework\nRequires-Dist: asgiref (<4,>=3.6.0)\nRequires-Dist: sqlparse >=0.3.1\nRequires-Dist: tzdata ; sys_platform == \"win32\"\nRequires-Dist: argon2-cffi >=19.1.0 ; extra == 'argon2'\n\nLong description\nName: not-a-header\n",
    );
    write(
        &sp.join("asgiref-3.7.2.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: asgiref\nVersion: 3.7.2\n",
    );
    write(
        &sp.join("sqlparse-0.4.4.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: sqlparse\nVersion: 0.4.4\n",
    );
    write(
        &sp.join("six-1.16.0.egg-info/PKG-INFO"),
        "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n",
    );
    write(
        &sp.join("legacy_pkg-0.1-py3.11.egg-info"),
        "Metadata-Version: 1.0\nName: legacy-pkg\nVersion: 0.1\n",
    );
    write(
        &sp.join("myapp-0.0.1.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: myapp\nVersion: 0.0.1\n",
    );
    write(
        &sp.join("myapp-0.0.1.dist-info/direct_url.json"),
        r#"{"url": "file:///home/me/myapp", "dir_info": {"editable": true}}"#,
    );
    write(
        &sp.join("broken-1.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nSummary: no name\n",
    );
    sp
}

#[test]
fn reads_a_virtualenv() {
    let dir = tempfile::tempdir().unwrap();
    let sp = fake_venv(dir.path());
    let m = read_environment(dir.path(), &linux("3.11")).unwrap();
    assert_eq!(m.kind, ManifestKind::InstalledEnv);
    assert_eq!(m.python_version.as_deref(), Some("3.11.7"));
    let names: Vec<(&str, &str)> = m
        .dependencies
        .iter()
        .map(|d| (d.normalized.as_str(), d.version.as_deref().unwrap()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("asgiref", "3.7.2"),
            ("django", "4.2.0"),
            ("legacy-pkg", "0.1"),
            ("myapp", "0.0.1"),
            ("six", "1.16.0"),
            ("sqlparse", "0.4.4"),
        ]
    );
    let django = m.get("django").unwrap();
    assert_eq!(django.state, DepState::Installed);
    assert_eq!(django.origin, sp.join("Django-4.2.0.dist-info/METADATA"));
    assert_eq!(django.line, Some(3), "points at the Version line");
    assert_eq!(
        django.dist_info.as_deref(),
        Some(sp.join("Django-4.2.0.dist-info").as_path())
    );
    assert_eq!(django.requires_dist.len(), 4);
    assert!(django.direct);
    let asgiref = m.get("asgiref").unwrap();
    assert_eq!(asgiref.parents, vec!["django"]);
    assert!(!asgiref.direct);
    let myapp = m.get("myapp").unwrap();
    assert!(matches!(&myapp.source, DepSource::Editable(u) if u == "file:///home/me/myapp"));
    assert!(myapp.unauditable.is_some());
    assert!(
        m.warnings
            .iter()
            .any(|w| w.contains("broken-1.0.dist-info") && w.contains("Name"))
    );
}

#[test]
fn reads_a_site_packages_dir_directly() {
    let dir = tempfile::tempdir().unwrap();
    let sp = fake_venv(dir.path());
    let m = read_environment(&sp, &linux("3.11")).unwrap();
    assert_eq!(m.dependencies.len(), 6);
    assert_eq!(m.python_version, None);
}

#[test]
fn windows_layout() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("pyvenv.cfg"),
        "version_info = 3.12.1.final.0\n",
    );
    write(
        &dir.path()
            .join("Lib/site-packages/requests-2.28.0.dist-info/METADATA"),
        "Name: requests\nVersion: 2.28.0\n",
    );
    let m = read_environment(dir.path(), &linux("3.12")).unwrap();
    assert_eq!(
        m.get("requests").unwrap().version.as_deref(),
        Some("2.28.0")
    );
}

#[test]
fn not_an_environment() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_environment(dir.path(), &linux("3.12")).unwrap_err();
    assert!(matches!(err, ManifestError::NotAnEnvironment { .. }));
    assert!(err.to_string().contains(&dir.path().display().to_string()));
    let missing = dir.path().join("nope");
    let err = read_environment(&missing, &linux("3.12")).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
}
