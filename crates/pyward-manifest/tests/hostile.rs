//! Hostile inputs from issue 9: every path read on behalf of a manifest stays inside the
//! scanned root, nothing unparsed is echoed, FIFOs and devices never hang, and nothing is
//! skipped silently.

mod common;

use std::fs;
use std::path::Path;

use common::linux;
use pyward_manifest::{ManifestError, Root, discover, parse_file, parse_file_in};

const TOKEN: &str = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let proj = outer.path().join("proj");
    fs::create_dir_all(&proj).unwrap();
    (outer, proj)
}

#[test]
fn includes_outside_the_root_are_refused_and_never_echoed() {
    let (outer, proj) = project();
    // `printf -- '-r ../home/.git-credentials\n' > requirements.txt`
    fs::create_dir_all(outer.path().join("home")).unwrap();
    fs::write(
        outer.path().join("home/.git-credentials"),
        format!("{TOKEN}\nhttps://user:{TOKEN}@github.com\n"),
    )
    .unwrap();
    fs::write(
        proj.join("requirements.txt"),
        "-r ../home/.git-credentials\n-c /etc/passwd\n--requirement=/../../etc/shadow\nflask==3.0.0\n",
    )
    .unwrap();
    let root = Root::new(&proj).unwrap();
    let m = parse_file_in(&proj.join("requirements.txt"), &linux("3.12"), &root).unwrap();
    let names: Vec<&str> = m
        .dependencies
        .iter()
        .map(|d| d.normalized.as_str())
        .collect();
    assert_eq!(names, ["flask"]);
    assert!(m.constraints.is_empty());
    assert_eq!(m.errors.len(), 3, "{:?}", m.errors);
    for e in &m.errors {
        let text = e.to_string();
        assert!(text.contains("outside the scanned root"), "{text}");
        assert!(!text.contains(TOKEN), "{text}");
    }
    assert!(m.errors[0].to_string().contains("../home/.git-credentials"));
    // A symlink in the tree that points out of it is refused the same way.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            outer.path().join("home/.git-credentials"),
            proj.join("base.txt"),
        )
        .unwrap();
        fs::write(proj.join("requirements.txt"), "-r base.txt\n").unwrap();
        let m = parse_file_in(&proj.join("requirements.txt"), &linux("3.12"), &root).unwrap();
        assert!(m.dependencies.is_empty());
        assert!(
            m.errors[0].to_string().contains("outside"),
            "{:?}",
            m.errors
        );
    }
}

#[test]
fn unparseable_lines_and_missing_includes_are_errors_with_redacted_excerpts() {
    let (_outer, proj) = project();
    fs::write(
        proj.join("requirements.txt"),
        format!(
            "flask==3.0.0\n{TOKEN} !! trailing garbage that goes on\n-r missing.txt\nrequests>=2\n"
        ),
    )
    .unwrap();
    let m = parse_file(&proj.join("requirements.txt"), &linux("3.12")).unwrap();
    // Everything else is still read.
    assert_eq!(m.dependencies.len(), 2);
    assert_eq!(m.errors.len(), 2, "{:?}", m.errors);
    let parse = m.errors[0].to_string();
    assert!(parse.contains("requirements.txt:2:"), "{parse}");
    assert!(parse.contains("cannot parse requirement"), "{parse}");
    assert!(!parse.contains(TOKEN), "{parse}");
    assert!(!parse.contains("0123456789"), "{parse}");
    assert!(parse.contains("ghp_****"), "{parse}");
    let missing = m.errors[1].to_string();
    assert!(
        missing.contains(":3:") && missing.contains("missing.txt"),
        "{missing}"
    );
    assert!(m.warnings.iter().all(|w| !w.contains(TOKEN)));
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_escaping_symlinks_are_refused_without_hanging() {
    let (_outer, proj) = project();
    let fifo = proj.join("pyproject.toml");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    let err = parse_file(&fifo, &linux("3.12")).unwrap_err();
    assert!(matches!(err, ManifestError::Refused { .. }), "{err:?}");
    assert!(err.to_string().contains("named pipe"), "{err}");
    fs::remove_file(&fifo).unwrap();

    // `pyproject.toml -> /dev/zero`: outside the root, never opened.
    std::os::unix::fs::symlink("/dev/zero", &fifo).unwrap();
    let root = Root::new(&proj).unwrap();
    let err = parse_file_in(&fifo, &linux("3.12"), &root).unwrap_err();
    assert!(
        err.to_string().contains("outside the scanned root"),
        "{err}"
    );
    // An explicit device argument is an error, not an empty manifest.
    let err = parse_file(Path::new("/dev/zero"), &linux("3.12")).unwrap_err();
    assert!(err.to_string().contains("device"), "{err}");
    // A FIFO as an include is an error too, and does not hang.
    fs::remove_file(&fifo).unwrap();
    let inc = proj.join("inc.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&inc)
            .status()
            .unwrap()
            .success()
    );
    fs::write(proj.join("requirements.txt"), "-r inc.txt\nflask\n").unwrap();
    let m = parse_file_in(&proj.join("requirements.txt"), &linux("3.12"), &root).unwrap();
    assert_eq!(m.dependencies.len(), 1);
    assert!(
        m.errors[0].to_string().contains("named pipe"),
        "{:?}",
        m.errors
    );
}

#[cfg(unix)]
#[test]
fn discovery_audits_symlinked_manifests_and_odd_names() {
    use std::os::unix::ffi::OsStrExt;
    let (outer, proj) = project();
    fs::create_dir_all(proj.join("app")).unwrap();
    fs::write(proj.join("app/requirements-base.txt"), "flask==3.0.0\n").unwrap();
    std::os::unix::fs::symlink("app/requirements-base.txt", proj.join("requirements.txt")).unwrap();
    fs::write(outer.path().join("secret.txt"), "x").unwrap();
    std::os::unix::fs::symlink(
        outer.path().join("secret.txt"),
        proj.join("requirements-out.txt"),
    )
    .unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"requirements-\xff.txt");
    fs::write(proj.join(odd), "django==4.0\n").unwrap();
    let found = discover(&proj, &[]);
    let paths: Vec<_> = found.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(paths.len(), 4, "{found:?}");
    let root = Root::new(&proj).unwrap();
    let mut parsed = 0;
    let mut refused = Vec::new();
    for p in paths {
        match parse_file_in(p, &linux("3.12"), &root) {
            Ok(m) => {
                assert_eq!(m.dependencies.len(), 1, "{p:?}");
                parsed += 1;
            }
            Err(e) => refused.push(e.to_string()),
        }
    }
    // The inside symlink, its target and the non-UTF-8 name are audited; the escaping link is
    // an error naming it.
    assert_eq!(parsed, 3);
    assert_eq!(refused.len(), 1);
    assert!(refused[0].contains("requirements-out.txt") && refused[0].contains("outside"));
}

#[test]
fn ignore_files_hide_nothing_outside_a_git_repository() {
    let (_outer, proj) = project();
    fs::write(proj.join("requirements.txt"), "flask==3.0.0\n").unwrap();
    fs::write(proj.join(".ignore"), "requirements.txt\n").unwrap();
    fs::write(proj.join(".gitignore"), "requirements.txt\n").unwrap();
    let found = discover(&proj, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    // Inside a git repository, .gitignore is honoured (and .ignore still is not).
    fs::create_dir_all(proj.join(".git")).unwrap();
    let found = discover(&proj, &[]);
    assert!(found.is_empty(), "{found:?}");
    fs::remove_file(proj.join(".gitignore")).unwrap();
    let found = discover(&proj, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
}
