//! The walk of `pyward code` on hostile trees (issue 9): symbolic links inside and outside the
//! scanned directory, `.ignore` files, a `.gitignore` outside a git repository, devices named on
//! the command line, and file names that are not UTF-8.

use std::path::Path;

use pyward_code::{CodeOptions, scan};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn codes(report: &pyward_core::Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| format!("{}:{}", f.location.path.as_deref().unwrap_or(""), f.code))
        .collect()
}

#[test]
fn symlinks_inside_are_checked_and_links_outside_are_errors() {
    let outer = tempfile::tempdir().unwrap();
    let proj = outer.path().join("proj");
    write(&proj.join("real/app.py"), "eval(input())\n");
    write(&outer.path().join("secret.py"), "eval(input())\n");
    std::os::unix::fs::symlink(proj.join("real/app.py"), proj.join("linked.py")).unwrap();
    std::os::unix::fs::symlink(outer.path().join("secret.py"), proj.join("escape.py")).unwrap();
    std::os::unix::fs::symlink(outer.path(), proj.join("up")).unwrap();
    let report = scan(std::slice::from_ref(&proj), &CodeOptions::default());
    let found = codes(&report);
    let linked = found
        .iter()
        .filter(|c| c.ends_with("linked.py:PY307"))
        .count();
    assert_eq!(linked, 1, "{found:?}");
    assert!(
        found.iter().any(|c| c.ends_with("real/app.py:PY307")),
        "{found:?}"
    );
    assert!(!found.iter().any(|c| c.contains("escape")), "{found:?}");
    assert!(!found.iter().any(|c| c.contains("secret")), "{found:?}");
    let error = report
        .errors
        .iter()
        .find(|e| e.path.ends_with("escape.py"))
        .unwrap_or_else(|| panic!("{:?}", report.errors));
    assert!(
        error.message.contains("outside the scanned root"),
        "{error:?}"
    );
    assert!(
        report.warnings.iter().any(|w| w.contains("up: skipped")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn ignore_files_and_gitignore_without_git_hide_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("app.py"), "eval(input())\n");
    write(&dir.path().join(".ignore"), "app.py\n");
    write(&dir.path().join(".gitignore"), "app.py\n");
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert_eq!(report.inputs.len(), 1, "{:?}", report.inputs);
    assert_eq!(codes(&report).len(), 1, "{:?}", codes(&report));
    // Inside a git work tree, .gitignore applies (and .ignore still does not).
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert!(report.inputs.is_empty(), "{:?}", report.inputs);
}

#[test]
fn a_device_named_on_the_command_line_is_an_error_and_never_read() {
    let report = scan(
        &[Path::new("/dev/zero").to_path_buf()],
        &CodeOptions::default(),
    );
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].message.contains("device"),
        "{:?}",
        report.errors
    );
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.py");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let report = scan(&[fifo], &CodeOptions::default());
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.message.contains("named pipe")),
        "{:?}",
        report.errors
    );
}

#[test]
fn file_names_that_are_not_utf8_are_checked() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.py");
    std::fs::write(dir.path().join(name), "eval(input())\n").unwrap();
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert_eq!(report.inputs.len(), 1, "{:?}", report.inputs);
    assert_eq!(codes(&report).len(), 1, "{:?}", codes(&report));
}
