mod common;

use std::fs;

use common::linux;
use pyward_manifest::{ManifestError, ManifestKind, parse_file, parse_str};

fn tmp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn errors_name_the_file_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, &[u8])> = vec![
        ("uv.lock", b"version = 1\n[[package]\nname = 'x'\n"),
        ("poetry.lock", b"[[package]]\nname = \"a\"\nversion = \n"),
        ("pdm.lock", b"\xff\xfe not utf8"),
        ("pylock.toml", b"lock-version = \"1.0\"\n\0\0binary"),
        ("Pipfile.lock", b"{\"default\": {\"a\": }"),
        ("pyproject.toml", b"[project\ndependencies = []"),
        ("requirements.txt", b"django==1.0\n\0"),
    ];
    for (name, bytes) in cases {
        let p = tmp_file(&dir, name, bytes);
        let err = parse_file(&p, &linux("3.12")).unwrap_err();
        assert!(
            err.to_string().contains(&p.display().to_string()),
            "{name}: {err}"
        );
    }
    let err = parse_file(&dir.path().join("uv.lock"), &linux("3.12")).unwrap_err();
    assert!(
        matches!(err, ManifestError::Toml { line: 2, .. }),
        "{err:?}"
    );
}

#[test]
fn missing_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("requirements.txt");
    let err = parse_file(&missing, &linux("3.12")).unwrap_err();
    assert!(matches!(err, ManifestError::Io { .. }));
    assert!(err.to_string().contains("requirements.txt"));
    let err = parse_file(dir.path(), &linux("3.12")).unwrap_err();
    assert!(matches!(err, ManifestError::IsDirectory { .. }));
}

#[test]
fn huge_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("requirements.txt");
    let f = fs::File::create(&p).unwrap();
    f.set_len(pyward_manifest::MAX_FILE_SIZE + 1).unwrap();
    let err = parse_file(&p, &linux("3.12")).unwrap_err();
    assert!(matches!(err, ManifestError::TooLarge { .. }), "{err:?}");
}

#[test]
fn wrong_shapes_are_tolerated_or_reported() {
    let t = linux("3.12");
    let p = std::path::Path::new("x/pyproject.toml");
    // Values of the wrong type: warnings, not panics.
    let m = parse_str(
        ManifestKind::Pyproject,
        "[project]\ndependencies = [1, \"ok==1.0\"]\n[project.optional-dependencies]\nx = \"nope\"\n",
        p,
        &t,
    )
    .unwrap();
    assert_eq!(m.dependencies.len(), 1);
    assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
    // A lock without packages is empty, not an error.
    let m = parse_str(
        ManifestKind::UvLock,
        "version = 1\n",
        std::path::Path::new("uv.lock"),
        &t,
    )
    .unwrap();
    assert!(m.dependencies.is_empty());
    let m = parse_str(
        ManifestKind::PoetryLock,
        "[[package]]\nversion = \"1\"\n",
        std::path::Path::new("poetry.lock"),
        &t,
    )
    .unwrap();
    assert!(m.warnings[0].contains("poetry.lock:1:"), "{:?}", m.warnings);
    let err = parse_str(
        ManifestKind::PipfileLock,
        "[1, 2]",
        std::path::Path::new("Pipfile.lock"),
        &t,
    )
    .unwrap_err();
    assert!(err.to_string().contains("Pipfile.lock"));
    // An unclosed PEP 723 block is an error naming the file.
    let err = parse_str(
        ManifestKind::Pep723Script,
        "# /// script\n# dependencies = []\nimport x\n",
        std::path::Path::new("s.py"),
        &t,
    )
    .unwrap_err();
    assert!(err.to_string().contains("s.py"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_includes_and_discovery() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("loop.txt"), dir.path().join("loop.txt")).unwrap();
    fs::write(dir.path().join("requirements.txt"), "-r loop.txt\nflask\n").unwrap();
    let m = parse_file(&dir.path().join("requirements.txt"), &linux("3.12")).unwrap();
    assert_eq!(m.dependencies.len(), 1);
    // A symlink loop is not audited: an error naming the file, the rest still parsed.
    assert!(
        m.errors.iter().any(|e| e.to_string().contains("loop.txt")),
        "{:?}",
        m.errors
    );
    let err = parse_file(&dir.path().join("loop.txt"), &linux("3.12")).unwrap_err();
    assert!(err.to_string().contains("loop.txt"));
    std::os::unix::fs::symlink(dir.path(), dir.path().join("self")).unwrap();
    let found = pyward_manifest::discover(dir.path(), &[]);
    // `self` is not followed (no loop); loop.txt is not a manifest name.
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].is_ok(), "{found:?}");
    assert!(found[0].as_ref().unwrap().ends_with("requirements.txt"));
}
