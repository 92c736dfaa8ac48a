//! Inputs the fuzz targets in `fuzz/` crashed on (`fuzz/regressions/<target>/`). Each must now
//! give a result or an error that names the problem, never a panic.

mod common;

use std::path::Path;

use common::linux;
use pyward_manifest::{ManifestKind, marker_applies, parse_str, read_environment};

fn outcome(kind: ManifestKind, name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let result = parse_str(kind, text, &dir.path().join(name), &linux("3.12"));
    format!("{result:?}")
}

/// `pep508_rs` 0.9 panics ("`PackageName` validation should match PEP 508 parsing") on a name
/// or extra that ends in `.`, `-` or `_` and is followed by more text.
#[test]
fn names_ending_in_punctuation() {
    // fuzz/regressions/requirements/crash-41554c23…: the input the fuzzer found.
    let found = outcome(
        ManifestKind::Requirements,
        "requirements.txt",
        "six.>1=0\n-r ../sub/base.txt\n",
    );
    assert!(
        found.contains("`six.` must end with a letter or digit"),
        "{found}"
    );

    for line in [
        "six.>1",
        "foo- ==1.0",
        "bar_ ; python_version > '3'",
        "a[x-]",
        "a [x_ , y]==1",
        // fuzz/regressions/requirements/crash-f3098a2e…: an unclosed extras list whose extra
        // ends in `-` before a space.
        "requests[security,s-- python_9\"",
    ] {
        let text = format!("{line}\n");
        let got = outcome(ManifestKind::Requirements, "requirements.txt", &text);
        assert!(
            got.contains("must end with a letter or digit"),
            "{line}: {got}"
        );

        let pyproject =
            format!("[project]\nname = 'p'\nversion = '1'\ndependencies = [{line:?}]\n");
        let got = outcome(ManifestKind::Pyproject, "pyproject.toml", &pyproject);
        assert!(
            got.contains("must end with a letter or digit"),
            "{line}: {got}"
        );

        let script = format!("# /// script\n# dependencies = [{line:?}]\n# ///\n");
        let got = outcome(ManifestKind::Pep723Script, "tool.py", &script);
        assert!(
            got.contains("must end with a letter or digit"),
            "{line}: {got}"
        );
    }
    // Valid names and extras with inner punctuation still parse.
    let got = outcome(
        ManifestKind::Requirements,
        "requirements.txt",
        "zope.interface[test-x]==5.0\n",
    );
    assert!(got.contains("zope-interface"), "{got}");
}

/// The same names in an installed distribution's `Requires-Dist` are skipped, not a crash.
#[test]
fn requires_dist_names_ending_in_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    let sp = dir.path().join("lib/python3.12/site-packages");
    let info = sp.join("demo-1.0.dist-info");
    std::fs::create_dir_all(&info).unwrap();
    std::fs::write(
        dir.path().join("pyvenv.cfg"),
        "home = /usr/bin\nversion = 3.12.1\n",
    )
    .unwrap();
    std::fs::write(
        info.join("METADATA"),
        "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: six.>1\nRequires-Dist: a[x-] ; extra == 'y'\nRequires-Dist: idna>=3\n",
    )
    .unwrap();
    let env = read_environment(Path::new(dir.path()), &linux("3.12")).unwrap();
    let demo = env.get("demo").expect("demo is read");
    assert_eq!(demo.requires_dist, ["idna>=3"]);
}

/// `pep508_rs` 0.9 slices marker text by a character count as if it were a byte count, and
/// panics ("byte index is not a char boundary") on a non-ASCII character after a marker
/// expression. fuzz/regressions/pep723/crash-6a739469….
#[test]
fn non_ascii_in_markers() {
    let found = "# /// script\n# dependencies = [\n#   \"pywin02; sys_platform == 'win31'ts<\u{fffd}\",\n#   \"rich==13.7.0\",\n# ]\n# ///\nimport rich\n";
    let got = outcome(ManifestKind::Pep723Script, "tool.py", found);
    assert!(
        got.contains("non-ASCII character '\u{fffd}' in an environment marker"),
        "{got}"
    );
    assert!(
        got.contains("\"rich\""),
        "the other dependency is still read: {got}"
    );

    let line = "idna==3.7 ; os_name == 'posix' and\u{e9} python_version > '3'";
    let got = outcome(
        ManifestKind::Requirements,
        "requirements.txt",
        &format!("{line}\n"),
    );
    assert!(got.contains("non-ASCII character"), "{got}");

    // Markers on their own (lockfiles) go through the same guard.
    // fuzz/regressions/pipfile_lock/crash-45de6064…, reduced.
    let lock = r#"{"_meta": {"sources": []}, "default": {"idna": {"version": "==3.7",
        "markers": "python_version >= '2.7' and python_version != '3.1'\ufffd and python_version != '3.2'"}}}"#;
    let got = outcome(ManifestKind::PipfileLock, "Pipfile.lock", lock);
    assert!(got.contains("non-ASCII character"), "{got}");
    let err = marker_applies("os_name == 'a' and\u{e9}", &linux("3.12")).unwrap_err();
    assert!(err.contains("non-ASCII"), "{err}");
    assert_eq!(
        marker_applies("os_name == 'posix'", &linux("3.12")),
        Ok(true)
    );
}
