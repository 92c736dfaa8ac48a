//! `pyward code` on Django settings through the binary: a settings module Django cannot load
//! (an unguarded star import of a missing module) is an error, exit code 2, with the rest
//! still reported; a guarded one is not.

mod common;

use common::{pyward, run};

fn tree(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let proj = dir.path().join("proj");
    std::fs::create_dir_all(&proj).expect("mkdir");
    std::fs::write(proj.join("__init__.py"), "").expect("write");
    std::fs::write(proj.join("settings.py"), settings).expect("write");
    dir
}

const BODY: &str =
    "DEBUG = True\nINSTALLED_APPS = []\nMIDDLEWARE = []\nROOT_URLCONF = 'proj.urls'\n";

#[test]
fn an_unguarded_missing_star_import_is_an_error() {
    let dir = tree(&format!("{BODY}from .local_settings import *\n"));
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["code", ".", "--select", "DJ"]));
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains(".local_settings"), "{all}");
    assert!(all.contains("proj/settings.py"), "{all}");
}

#[test]
fn a_guarded_missing_star_import_is_skipped() {
    let dir = tree(&format!(
        "{BODY}try:\n    from .local_settings import *\nexcept ImportError:\n    pass\n"
    ));
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["code", ".", "--select", "DJ"]));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("DJ018"), "{}", out.stdout);
    assert!(!out.stdout.contains("local_settings"), "{}", out.stdout);
}
