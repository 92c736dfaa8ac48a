//! Lockfiles written by the real tools (see tests/fixtures/regen.sh).

mod common;

use common::{assert_dep, fixtures, line_of, linux, render};
use pyward_manifest::{DepSource, DepState, ManifestKind, Platform, Target, parse_file};

#[test]
fn uv_lock() {
    let path = fixtures().join("uv/uv.lock");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    assert_eq!(m.kind, ManifestKind::UvLock);
    // uv writes the normalized version `4.2` for `django==4.2.0`.
    let django = assert_dep(&m, "django", "4.2", line_of(&path, "name = \"django\""));
    assert!(django.direct);
    assert_eq!(django.group.as_deref(), Some("main"));
    assert_eq!(django.state, DepState::Locked);
    // The project itself (virtual source) is not a dependency.
    assert!(m.get("shop-api").is_none());
    // Forked resolution: only the asgiref for Python >= 3.11 applies to 3.11.
    let asgiref: Vec<_> = m
        .dependencies
        .iter()
        .filter(|d| d.normalized == "asgiref")
        .collect();
    assert_eq!(asgiref.len(), 1);
    assert_eq!(asgiref[0].version.as_deref(), Some("3.13.0"));
    assert_eq!(asgiref[0].parents, vec!["django"]);
    assert!(!asgiref[0].direct);
    // Marker-gated colorama is skipped on Linux, kept on Windows.
    assert!(m.get("colorama").is_none());
    assert!(
        m.skipped_by_marker
            .iter()
            .any(|d| d.normalized == "colorama")
    );
    let win = parse_file(&path, &Target::new("3.11", Platform::Windows)).unwrap();
    assert!(win.get("colorama").is_some_and(|d| d.direct));
    // Dependency groups and (by default) every extra are followed, as `uv audit` does.
    assert_eq!(m.get("iniconfig").unwrap().group.as_deref(), Some("dev"));
    assert_eq!(m.get("pyyaml").unwrap().group.as_deref(), Some("yaml"));
    // Without `all_extras`, an extra is followed only when requested.
    let mut only_requested = linux("3.11");
    only_requested.all_extras = false;
    let m1 = parse_file(&path, &only_requested).unwrap();
    assert!(m1.get("pyyaml").is_none());
    assert!(
        m1.skipped_by_marker
            .iter()
            .any(|d| d.normalized == "pyyaml")
    );
    only_requested.extras.push("yaml".into());
    let m2 = parse_file(&path, &only_requested).unwrap();
    assert_eq!(m2.get("pyyaml").unwrap().group.as_deref(), Some("yaml"));
    insta::assert_snapshot!(render(&m));
}

#[test]
fn uv_lock_python_310_takes_the_other_fork() {
    let path = fixtures().join("uv/uv.lock");
    let m = parse_file(&path, &linux("3.10")).unwrap();
    let asgiref: Vec<_> = m
        .dependencies
        .iter()
        .filter(|d| d.normalized == "asgiref")
        .collect();
    assert_eq!(asgiref.len(), 1);
    assert_eq!(asgiref[0].version.as_deref(), Some("3.12.1"));
    assert!(m.get("typing-extensions").is_some());
}

#[test]
fn pylock_from_uv_export() {
    let path = fixtures().join("uv/pylock.toml");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    assert_eq!(m.kind, ManifestKind::Pylock);
    assert_eq!(m.created_by.as_deref(), Some("uv"));
    let django = assert_dep(&m, "django", "4.2", line_of(&path, "name = \"django\""));
    // pylock has no graph; the sibling pyproject.toml says what is direct.
    assert!(django.direct);
    assert!(!m.get("sqlparse").unwrap().direct);
    assert!(django.hashes.iter().all(|h| h.starts_with("sha256:")));
    assert!(m.get("colorama").is_none());
    insta::assert_snapshot!(render(&m));
}

#[test]
fn poetry_lock_2x() {
    let path = fixtures().join("poetry/poetry.lock");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    assert_eq!(m.kind, ManifestKind::PoetryLock);
    let django = assert_dep(&m, "django", "4.2", line_of(&path, "name = \"django\""));
    assert!(django.direct);
    assert_eq!(django.group.as_deref(), Some("main"));
    assert!(
        matches!(&django.source, DepSource::Registry { index: Some(i) } if i.contains("pypi.org"))
    );
    assert_eq!(m.get("sqlparse").unwrap().parents, vec!["django"]);
    assert_eq!(m.get("iniconfig").unwrap().group.as_deref(), Some("dev"));
    insta::assert_snapshot!(render(&m));
}

#[test]
fn poetry_lock_1x() {
    // Written by Poetry 1.4.2 (lock-version 2.0 with `category`).
    let path = fixtures().join("poetry1/poetry.lock");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    assert_eq!(m.lock_version.as_deref(), Some("2.0"));
    let django = assert_dep(&m, "django", "4.2", line_of(&path, "name = \"django\""));
    assert_eq!(django.group.as_deref(), Some("main"));
    assert_eq!(m.get("iniconfig").unwrap().group.as_deref(), Some("dev"));
    insta::assert_snapshot!(render(&m));
}

#[test]
fn poetry_lock_1_1_metadata_files() {
    // Hand-written in the older lock-version 1.1 layout ([metadata.files]).
    let path = fixtures().join("hand/poetry11/poetry.lock");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    let django = assert_dep(&m, "django", "3.2.10", 2);
    assert_eq!(django.hashes, vec!["sha256:1111", "sha256:2222"]);
    assert_eq!(m.get("pytz").unwrap().parents, vec!["django"]);
    assert_eq!(m.get("pytest").unwrap().group.as_deref(), Some("dev"));
    let mylib = m.get("mylib").unwrap();
    assert!(
        matches!(&mylib.source, DepSource::Vcs(u) if u.ends_with("@0123456789abcdef0123456789abcdef01234567"))
    );
    assert!(mylib.unauditable.is_some());
}

#[test]
fn pipfile_lock() {
    let path = fixtures().join("pipenv/Pipfile.lock");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    assert_eq!(m.kind, ManifestKind::PipfileLock);
    let django = assert_dep(&m, "django", "4.2", line_of(&path, "\"django\": {"));
    assert!(django.direct);
    assert_eq!(django.state, DepState::Locked);
    assert!(!m.get("sqlparse").unwrap().direct);
    assert_eq!(m.get("iniconfig").unwrap().group.as_deref(), Some("dev"));
    assert!(m.get("colorama").is_none());
    insta::assert_snapshot!(render(&m));
}

#[test]
fn pdm_lock() {
    let path = fixtures().join("pdm/pdm.lock");
    if !path.exists() {
        panic!("pdm fixture missing: run tests/fixtures/regen.sh");
    }
    let m = parse_file(&path, &linux("3.11")).unwrap();
    assert_eq!(m.kind, ManifestKind::PdmLock);
    let django = assert_dep(&m, "django", "4.2", line_of(&path, "name = \"django\""));
    assert!(django.direct);
    assert_eq!(m.get("sqlparse").unwrap().parents, vec!["django"]);
    assert_eq!(m.get("iniconfig").unwrap().group.as_deref(), Some("dev"));
    insta::assert_snapshot!(render(&m));
}

/// Regenerates a uv.lock with the real `uv lock` and parses it. Runs only with
/// `PYWARD_REAL_TOOLS=1` (needs uv and network access to PyPI).
#[test]
fn real_uv_lock_roundtrip() {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() != Ok("1") {
        eprintln!("SKIP: set PYWARD_REAL_TOOLS=1 to run `uv lock` for real");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("uv/pyproject.toml"),
        dir.path().join("pyproject.toml"),
    )
    .unwrap();
    let status = std::process::Command::new("uv")
        .args(["lock", "--python", "3.11"])
        .current_dir(dir.path())
        .status()
        .expect("run uv");
    assert!(status.success());
    let lock = dir.path().join("uv.lock");
    let m = parse_file(&lock, &linux("3.11")).unwrap();
    assert_dep(&m, "django", "4.2", line_of(&lock, "name = \"django\""));
    assert!(
        m.get("requests")
            .unwrap()
            .version
            .as_deref()
            .unwrap()
            .starts_with("2.2")
    );
}

/// What `uv pip compile pyproject.toml --python-version 3.9 --python-platform linux` installs
/// for the extras fixtures (`uvicorn[standard]`, `passlib[bcrypt]`, `requests`), recorded on
/// 2026-12-01; `pdm export` of pdm-extras/pdm.lock lists the same names plus Windows-only
/// colorama.
const EXTRAS_PACKAGES: &[&str] = &[
    "anyio",
    "bcrypt",
    "certifi",
    "chardet",
    "click",
    "exceptiongroup",
    "h11",
    "httptools",
    "idna",
    "passlib",
    "python-dotenv",
    "pyyaml",
    "requests",
    "typing-extensions",
    "urllib3",
    "uvicorn",
    "uvloop",
    "watchfiles",
    "websockets",
];

fn names(m: &pyward_manifest::Manifest) -> Vec<String> {
    let mut names: Vec<String> = m
        .dependencies
        .iter()
        .map(|d| d.normalized.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Roots come from the pyproject.toml beside the lock, with the extras it requests: the
/// packages only an extra brings in (`uvloop`, `httptools`, `watchfiles`, `bcrypt`...) are
/// audited, and a package behind a false marker is not.
#[test]
fn poetry_and_pdm_locks_follow_requested_extras() {
    for lock in ["poetry-extras/poetry.lock", "pdm-extras/pdm.lock"] {
        let path = fixtures().join(lock);
        let m = parse_file(&path, &linux("3.9")).unwrap();
        assert_eq!(names(&m), EXTRAS_PACKAGES, "{lock}");
        assert!(m.errors.is_empty(), "{lock}: {:?}", m.errors);
        // Direct: what the project declares; the rest has parents.
        assert!(m.get("uvicorn").unwrap().direct, "{lock}");
        assert!(m.get("passlib").unwrap().direct, "{lock}");
        assert!(!m.get("uvloop").unwrap().direct, "{lock}");
        assert_eq!(m.requires_python.as_deref(), Some(">=3.9"), "{lock}");
        // Windows: colorama (click's marker) comes in, uvloop (not on win32) goes.
        let win = parse_file(&path, &Target::new("3.9", Platform::Windows)).unwrap();
        assert!(win.get("colorama").is_some(), "{lock}");
        assert!(win.get("uvloop").is_none(), "{lock}");
        // Python 3.11: the exceptiongroup backport is not installed.
        let py311 = parse_file(&path, &linux("3.11")).unwrap();
        assert!(py311.get("exceptiongroup").is_none(), "{lock}");
    }
}

/// Locks the extras fixture with the real Poetry and compares pyward's package set with what
/// `uv pip compile` resolves for the same pyproject.toml. `PYWARD_REAL_TOOLS=1` only (needs
/// poetry, uv and PyPI).
#[test]
fn real_poetry_lock_with_extras_matches_an_export() {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() != Ok("1") {
        eprintln!("SKIP: set PYWARD_REAL_TOOLS=1 to run `poetry lock` for real");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("poetry-extras/pyproject.toml"),
        dir.path().join("pyproject.toml"),
    )
    .unwrap();
    let run = |cmd: &str, args: &[&str]| {
        let out = std::process::Command::new(cmd)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect(cmd);
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run("poetry", &["lock"]);
    let exported = run(
        "uv",
        &[
            "pip",
            "compile",
            "pyproject.toml",
            "--python-version",
            "3.9",
            "--python-platform",
            "linux",
            "--no-header",
            "--no-annotate",
            "-q",
        ],
    );
    let mut expected: Vec<String> = exported
        .lines()
        .filter_map(|l| l.split("==").next())
        .map(|n| pyward_manifest::normalize_name(n.split('[').next().unwrap_or(n).trim()))
        .filter(|n| !n.is_empty())
        .collect();
    expected.sort();
    let m = parse_file(&dir.path().join("poetry.lock"), &linux("3.9")).unwrap();
    assert_eq!(names(&m), expected);
}

/// A virtual workspace root keeps its dependency groups in `[manifest.dependency-groups]` of
/// uv.lock (fastapi/full-stack-fastapi-template@68adb40 has `prek`, `zizmor` and `smokeshow`
/// there): they are installed by default, so they are audited.
#[test]
fn uv_workspace_root_dependency_groups_are_roots() {
    let lock = r#"version = 1
revision = 3
requires-python = ">=3.12"

[manifest]
members = ["app"]

[manifest.dependency-groups]
dev = [{ name = "zizmor", specifier = ">=1" }]

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "backend" }
dependencies = [{ name = "fastapi" }]

[[package]]
name = "fastapi"
version = "0.115.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "zizmor"
version = "1.28.0"
source = { registry = "https://pypi.org/simple" }
"#;
    let m = pyward_manifest::parse_str(
        ManifestKind::UvLock,
        lock,
        std::path::Path::new("uv.lock"),
        &linux("3.12"),
    )
    .unwrap();
    let zizmor = m.get("zizmor").expect("workspace dev group audited");
    assert_eq!(zizmor.group.as_deref(), Some("dev"));
    assert!(m.get("fastapi").unwrap().direct);
}
