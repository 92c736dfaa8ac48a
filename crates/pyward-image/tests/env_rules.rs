//! The `pyward deps --env` rules on images: unrecorded executables (DEP203), unsatisfied
//! requirements (DEP204) and drift from the application's lockfile (DEP205), each firing and
//! staying silent where a real image has files no RECORD lists (Debian's dist-packages, the
//! interpreter's own scripts, byte code).

mod support;

use pyward_core::{Report, RuleSelector};
use pyward_image::ImageOptions;
use support::*;

const SITE: &str = "usr/local/lib/python3.12/site-packages";
const DEBIAN: &str = "usr/lib/python3/dist-packages";
const DEBIAN_LOCAL: &str = "usr/local/lib/python3.11/dist-packages";
const VENV_SITE: &str = "opt/venv/lib/python3.12/site-packages";

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A distribution whose METADATA carries `requires` as `Requires-Dist` lines.
fn dist_requiring(
    site: &'static str,
    name: &str,
    version: &str,
    files: &[(&'static str, &str)],
    requires: &[&str],
) -> Vec<Entry> {
    let mut entries = distribution(site, name, version, files);
    let meta = leak(format!("{site}/{name}-{version}.dist-info/METADATA"));
    let mut text = format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
    for r in requires {
        text.push_str(&format!("Requires-Dist: {r}\n"));
    }
    text.push_str("\nA package.\n");
    for e in &mut entries {
        if let Entry::File(p, data) = e
            && *p == meta
        {
            *data = text.clone().into_bytes();
        }
    }
    entries
}

fn audit(entries: Vec<Entry>) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("oci");
    let config = config_json(serde_json::json!({"User": "app"}), &[]);
    write_oci(&image, &config, &[layer(&entries)]);
    pyward_image::audit(
        &ImageOptions {
            image,
            db: Some(dir.path().join("no-such.db")),
            ..ImageOptions::default()
        },
        &RuleSelector::default(),
    )
}

fn at(report: &Report, code: &str) -> Vec<String> {
    let mut out: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| {
            let p = f.location.path.clone().unwrap_or_default();
            p.split_once("!/").map_or(p.clone(), |(_, r)| r.to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn dep203_fires_on_unrecorded_code_and_executables() {
    let mut e = distribution(
        SITE,
        "demo",
        "1.0",
        &[("demo/__init__.py", "x = 1\n"), ("demo/mod.py", "y = 2\n")],
    );
    e.push(file(leak(format!("{SITE}/demo/dropped.py")), "import os\n"));
    e.push(Entry::Exec(
        leak(format!("{SITE}/demo/helper")),
        b"#!/bin/sh\n".to_vec(),
    ));
    e.push(file(leak(format!("{SITE}/zzz-hook.pth")), "import os\n"));
    e.push(file(leak(format!("{SITE}/loose.py")), "z = 3\n"));
    let report = audit(e);
    assert_eq!(
        at(&report, "DEP203"),
        [
            format!("{SITE}/demo/dropped.py"),
            format!("{SITE}/demo/helper"),
            format!("{SITE}/loose.py"),
            format!("{SITE}/zzz-hook.pth"),
        ],
        "{:#?}",
        report.findings
    );
}

#[test]
fn dep203_fires_on_a_venv_script_only() {
    let mut e = distribution(
        VENV_SITE,
        "tool",
        "2.0",
        &[
            ("tool/__init__.py", "x = 1\n"),
            ("../../../bin/tool", "#!/opt/venv/bin/python\n"),
        ],
    );
    e.push(file("opt/venv/pyvenv.cfg", "home = /usr/local/bin\n"));
    e.push(Entry::Exec("opt/venv/bin/python3.12", b"ELF".to_vec()));
    e.push(Entry::Exec("opt/venv/bin/activate", b"#".to_vec()));
    e.push(Entry::Exec(
        "opt/venv/bin/backdoor",
        b"#!/bin/sh\n".to_vec(),
    ));
    let report = audit(e);
    assert_eq!(
        at(&report, "DEP203"),
        ["opt/venv/bin/backdoor"],
        "{:#?}",
        report.findings
    );
}

#[test]
fn dep203_is_silent_on_what_real_images_hold() {
    // The interpreter's own scripts next to pip's recorded console scripts.
    let mut e = distribution(
        SITE,
        "pip",
        "24.0",
        &[
            ("pip/__init__.py", "v = 1\n"),
            ("../../../bin/pip", "#!/usr/local/bin/python\n"),
        ],
    );
    e.push(Entry::Exec(
        "usr/local/bin/idle3",
        b"#!/usr/bin/env python\n".to_vec(),
    ));
    e.push(Entry::Exec(
        "usr/local/bin/python3.12-config",
        b"#!/bin/sh\n".to_vec(),
    ));
    // Byte code written at run time.
    e.push(file(
        leak(format!("{SITE}/pip/__pycache__/__init__.cpython-312.pyc")),
        "pyc",
    ));
    // Debian's dist-packages: dpkg owns the files, distributions carry no RECORD.
    e.push(file(
        leak(format!("{DEBIAN}/six-1.16.0.egg-info")),
        "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n",
    ));
    e.push(file(leak(format!("{DEBIAN}/six.py")), "# six\n"));
    e.push(file(
        leak(format!("{DEBIAN}/distutils-precedence.pth")),
        "import os\n",
    ));
    e.extend(distribution(
        DEBIAN,
        "requests",
        "2.31.0",
        &[("requests/__init__.py", "r = 1\n")],
    ));
    e.push(file(
        leak(format!("{DEBIAN}/requests/extra.py")),
        "# dpkg's\n",
    ));
    // A RECORD Debian's package build left (no INSTALLER), of files the packaging changed and
    // scripts it moved: not the image's integrity.
    let mut built = distribution(
        DEBIAN,
        "distro",
        "1.8.0",
        &[
            ("distro/distro.py", "d = 1\n"),
            ("scripts-3.10/distro", "#!/usr/bin/python3\n"),
        ],
    );
    built.retain(|x| !matches!(x, Entry::File(p, _) if p.ends_with("INSTALLER") || p.ends_with("scripts-3.10/distro")));
    for x in &mut built {
        if let Entry::File(p, data) = x
            && p.ends_with("distro/distro.py")
        {
            *data = b"d = 2  # patched\n".to_vec();
        }
    }
    e.extend(built);
    let report = audit(e);
    assert_eq!(
        at(&report, "DEP203"),
        Vec::<String>::new(),
        "{:#?}",
        report.findings
    );
    assert_eq!(at(&report, "DEP201"), Vec::<String>::new());
    assert_eq!(at(&report, "DEP202"), Vec::<String>::new());
}

#[test]
fn dep204_fires_on_a_missing_or_wrong_requirement() {
    let mut e = dist_requiring(
        SITE,
        "web",
        "1.0",
        &[("web/__init__.py", "w = 1\n")],
        &[
            "absent>=1",
            "lib<2",
            "optional; extra == \"fast\"",
            "winonly; sys_platform == \"win32\"",
        ],
    );
    e.extend(distribution(
        SITE,
        "lib",
        "2.5",
        &[("lib/__init__.py", "l = 1\n")],
    ));
    let report = audit(e);
    let messages: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "DEP204")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("absent>=1, which is not installed"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("but lib 2.5 is installed"))
    );
}

#[test]
fn dep204_is_silent_when_satisfied_across_debian_dist_packages() {
    // Debian's python3 reads both dist-packages directories.
    let mut e = dist_requiring(
        DEBIAN_LOCAL,
        "app-lib",
        "1.0",
        &[("app_lib/__init__.py", "a = 1\n")],
        &["requests>=2"],
    );
    e.extend(dist_requiring(
        DEBIAN,
        "requests",
        "2.31.0",
        &[("requests/__init__.py", "r = 1\n")],
        &["idna>=2.5"],
    ));
    e.extend(distribution(
        DEBIAN,
        "idna",
        "3.6",
        &[("idna/__init__.py", "i = 1\n")],
    ));
    let report = audit(e);
    assert_eq!(
        at(&report, "DEP204"),
        Vec::<String>::new(),
        "{:#?}",
        report.findings
    );
}

fn app_with_lock(lock: &'static str) -> Vec<Entry> {
    let mut e = distribution(SITE, "flask", "2.0.0", &[("flask/__init__.py", "f = 1\n")]);
    e.extend(distribution(
        SITE,
        "pip",
        "24.0",
        &[("pip/__init__.py", "p = 1\n")],
    ));
    e.push(file("app/requirements.txt", lock));
    // Debian's packages are not compared with the application's lockfile.
    e.push(file(
        leak(format!("{DEBIAN}/six-1.16.0.egg-info")),
        "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n",
    ));
    e
}

#[test]
fn dep205_fires_on_drift_from_the_application_lockfile() {
    let report = audit(app_with_lock("flask==3.0.0\nclick==8.1.7\n"));
    let messages: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "DEP205")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("flask 2.0.0") && m.contains("locks 3.0.0"))
    );
    assert!(messages.iter().any(|m| m.contains("click 8.1.7 is locked")));
}

#[test]
fn dep205_is_silent_when_the_environment_matches() {
    let report = audit(app_with_lock("flask==2.0.0\n"));
    assert_eq!(
        at(&report, "DEP205"),
        Vec::<String>::new(),
        "{:#?}",
        report.findings
    );
    // An unpinned requirements file is no lock; one no site shares a name with is not compared.
    let report = audit(app_with_lock("flask>=2\n"));
    assert_eq!(at(&report, "DEP205"), Vec::<String>::new());
    let report = audit(app_with_lock("gunicorn==22.0.0\n"));
    assert_eq!(at(&report, "DEP205"), Vec::<String>::new());
}
