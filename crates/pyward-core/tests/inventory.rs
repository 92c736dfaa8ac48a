//! The shared inventory walk: one ignore, skip-list, exclude, symlink and size policy.

use std::path::{Path, PathBuf};

use pyward_core::{Inventory, InventoryOptions, SkipReason};

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn walk(root: &Path, options: &InventoryOptions) -> Inventory {
    Inventory::walk(&[root.to_path_buf()], options)
}

fn rels(inv: &Inventory) -> Vec<&str> {
    inv.files.iter().map(|f| f.rel.as_str()).collect()
}

fn skipped(inv: &Inventory) -> Vec<(&str, &SkipReason)> {
    inv.skipped
        .iter()
        .map(|s| (s.rel.as_str(), &s.reason))
        .collect()
}

#[test]
fn lists_files_sorted_with_hidden_ones_but_not_the_skip_list() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for f in [
        "b.py",
        "a/z.py",
        "a/b/c.txt",
        ".env",
        ".github/workflows/ci.yml",
        ".git/config",
        "node_modules/pkg/x.py",
        "pkg/__pycache__/m.cpython-312.pyc",
        ".mypy_cache/x.json",
        ".ruff_cache/x",
        ".pytest_cache/v",
        "target/debug/x.py",
        "cache/sub/y.py",
    ] {
        write(r, f, "x");
    }
    write(
        r,
        "cache/CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n",
    );
    let inv = walk(r, &InventoryOptions::default());
    assert_eq!(
        rels(&inv),
        vec![
            ".env",
            ".github/workflows/ci.yml",
            "a/b/c.txt",
            "a/z.py",
            "b.py"
        ]
    );
    assert!(inv.skipped.is_empty() && inv.errors.is_empty(), "{inv:?}");
    let f = &inv.files[3];
    assert_eq!(f.path, r.join("a/z.py"));
    assert_eq!(
        (f.root, f.size, f.explicit, f.in_venv),
        (0, 1, false, false)
    );
    assert_eq!(inv.root_of(f), r);
}

#[test]
fn order_is_deterministic_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        write(dir.path(), &format!("d{}/m{i}.py", i % 7), "x");
    }
    let run = |threads| {
        let inv = walk(
            dir.path(),
            &InventoryOptions {
                threads: Some(threads),
                ..InventoryOptions::default()
            },
        );
        rels(&inv).into_iter().map(String::from).collect::<Vec<_>>()
    };
    let one = run(1);
    assert_eq!(one.len(), 30);
    let mut sorted = one.clone();
    sorted.sort();
    assert_eq!(one, sorted);
    assert_eq!(one, run(4));
    assert_eq!(one, run(8));
}

#[test]
fn several_roots_keep_their_index_and_explicit_files_their_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "one/a.py", "x");
    write(r, "two/b.py", "x");
    write(r, "lone.cfg", "x");
    let lone = r.join("lone.cfg");
    let inv = Inventory::walk(
        &[
            r.join("two"),
            r.join("one"),
            lone.clone(),
            PathBuf::from("/definitely/not/here"),
        ],
        &InventoryOptions::default(),
    );
    let got: Vec<(usize, &str, bool)> = inv
        .files
        .iter()
        .map(|f| (f.root, f.rel.as_str(), f.explicit))
        .collect();
    let lone_rel = lone.to_string_lossy().into_owned();
    assert_eq!(
        got,
        vec![
            (0, "b.py", false),
            (1, "a.py", false),
            (2, lone_rel.as_str(), true)
        ]
    );
    assert_eq!(inv.root_of(&inv.files[2]), r);
    assert_eq!(inv.errors.len(), 1);
    assert!(inv.errors[0].message.contains("/definitely/not/here"));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_root_is_not_followed_but_reported() {
    use std::os::unix::fs::symlink;
    let outer = tempfile::tempdir().unwrap();
    write(outer.path(), "secret.py", "TOKEN = 'x'");
    write(outer.path(), "elsewhere/x.py", "x");
    let root = outer.path().join("proj");
    write(&root, "real.py", "x");
    symlink(outer.path().join("secret.py"), root.join("leak.py")).unwrap();
    symlink(outer.path().join("elsewhere"), root.join("dirleak")).unwrap();
    symlink("../secret.py", root.join("relative-leak.py")).unwrap();
    symlink("real.py", root.join("alias.py")).unwrap();
    symlink("missing.py", root.join("dangling.py")).unwrap();
    let inv = walk(&root, &InventoryOptions::default());
    assert_eq!(rels(&inv), vec!["alias.py", "real.py"]);
    let alias = &inv.files[0];
    assert_eq!(
        alias.link_target.as_deref(),
        Some(
            std::fs::canonicalize(root.join("real.py"))
                .unwrap()
                .as_path()
        )
    );
    let s = skipped(&inv);
    assert_eq!(s.len(), 4, "{s:?}");
    assert!(
        matches!(s[0], ("dangling.py", SkipReason::Unreadable(_))),
        "{s:?}"
    );
    assert_eq!(s[1], ("dirleak", &SkipReason::OutsideRoot));
    assert_eq!(s[2], ("leak.py", &SkipReason::OutsideRoot));
    assert_eq!(s[3], ("relative-leak.py", &SkipReason::OutsideRoot));
    assert!(inv.skipped[2].path.ends_with("proj/leak.py"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_directory_loop_ends_and_lists_each_file_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "pkg/mod.py", "x");
    symlink(r, r.join("pkg/up")).unwrap();
    symlink("..", r.join("pkg/parent")).unwrap();
    symlink(r.join("pkg"), r.join("alias")).unwrap();
    let inv = walk(r, &InventoryOptions::default());
    assert_eq!(rels(&inv), vec!["pkg/mod.py"]);
    assert!(inv.skipped.is_empty() && inv.errors.is_empty(), "{inv:?}");
}

#[test]
fn a_file_over_the_size_limit_is_skipped_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "small.py", "x = 1\n");
    let big = std::fs::File::create(r.join("big.py")).unwrap();
    big.set_len(12 * 1024 * 1024).unwrap();
    let inv = walk(
        r,
        &InventoryOptions {
            max_file_size: 8 * 1024 * 1024,
            ..InventoryOptions::default()
        },
    );
    assert_eq!(rels(&inv), vec!["small.py"]);
    let reason = SkipReason::TooLarge {
        size: 12 * 1024 * 1024,
        limit: 8 * 1024 * 1024,
    };
    assert_eq!(skipped(&inv), vec![("big.py", &reason)]);
    assert_eq!(reason.to_string(), "too large (12 MiB > 8 MiB)");
    // The default limit is the core one.
    assert_eq!(walk(r, &InventoryOptions::default()).files.len(), 2);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "a.py", "x");
    let status = std::process::Command::new("mkfifo")
        .arg(r.join("pipe.py"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    // No writer ever opens the FIFO: a walk that opened it would block here.
    let inv = walk(r, &InventoryOptions::default());
    assert_eq!(rels(&inv), vec!["a.py"]);
    assert_eq!(skipped(&inv), vec![("pipe.py", &SkipReason::Special)]);
    // Named as an argument, it is an error, not a hang.
    let inv = Inventory::walk(&[r.join("pipe.py")], &InventoryOptions::default());
    assert!(inv.files.is_empty());
    assert!(
        inv.errors[0].message.contains("not a regular file"),
        "{inv:?}"
    );
}

#[test]
fn gitignore_is_honoured_only_in_a_git_work_tree_and_dot_ignore_never() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "kept.py", "x");
    write(r, "build/gen.py", "x");
    write(r, "hidden_by_ignore.py", "x");
    write(r, ".gitignore", "build/\n");
    write(r, ".ignore", "hidden_by_ignore.py\n");
    let all = vec![
        ".gitignore",
        ".ignore",
        "build/gen.py",
        "hidden_by_ignore.py",
        "kept.py",
    ];
    assert_eq!(rels(&walk(r, &InventoryOptions::default())), all);
    let status = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(r)
        .status()
        .expect("git runs");
    assert!(status.success());
    let inv = walk(r, &InventoryOptions::default());
    assert_eq!(
        rels(&inv),
        vec![".gitignore", ".ignore", "hidden_by_ignore.py", "kept.py"]
    );
    // A .gitignore above a scanned subdirectory of the work tree applies too.
    write(r, "sub/build/x.py", "x");
    write(r, "sub/y.py", "x");
    assert_eq!(
        rels(&walk(&r.join("sub"), &InventoryOptions::default())),
        vec!["y.py"]
    );
}

#[test]
fn excludes_use_gitignore_syntax_relative_to_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for f in [
        "app/main.py",
        "app/migrations/0001.py",
        "docs/conf.py",
        "docs/api/x.py",
        "poetry.lock",
        "sub/poetry.lock",
        "vendor/v.py",
        "app/vendor/w.py",
    ] {
        write(r, f, "x");
    }
    let inv = walk(
        r,
        &InventoryOptions {
            exclude: vec![
                "migrations".into(),
                "docs/**".into(),
                "*.lock".into(),
                "/vendor/".into(),
                "[z-a]".into(),
            ],
            ..InventoryOptions::default()
        },
    );
    assert_eq!(rels(&inv), vec!["app/main.py", "app/vendor/w.py"]);
    assert_eq!(inv.warnings.len(), 1, "{:?}", inv.warnings);
    assert!(inv.warnings[0].contains("[z-a]"));
    // An explicitly named file is listed even when a pattern matches it.
    let inv = Inventory::walk(
        &[r.join("poetry.lock")],
        &InventoryOptions {
            exclude: vec!["*.lock".into()],
            ..InventoryOptions::default()
        },
    );
    assert_eq!(inv.files.len(), 1);
}

#[test]
fn virtualenvs_are_skipped_or_marked() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for f in [
        "app.py",
        ".venv/lib/site.py",
        "myenv/pyvenv.cfg",
        "myenv/lib/x.py",
        "lib/python3.12/site-packages/pkg/y.py",
        ".tox/py312/z.py",
        "venvironment/w.py",
    ] {
        write(r, f, "x");
    }
    let inv = walk(r, &InventoryOptions::default());
    assert_eq!(rels(&inv), vec!["app.py", "venvironment/w.py"]);
    let inv = walk(
        r,
        &InventoryOptions {
            include_venvs: true,
            ..InventoryOptions::default()
        },
    );
    let marked: Vec<(&str, bool)> = inv
        .files
        .iter()
        .map(|f| (f.rel.as_str(), f.in_venv))
        .collect();
    assert_eq!(
        marked,
        vec![
            (".tox/py312/z.py", true),
            (".venv/lib/site.py", true),
            ("app.py", false),
            ("lib/python3.12/site-packages/pkg/y.py", true),
            ("myenv/lib/x.py", true),
            ("myenv/pyvenv.cfg", true),
            ("venvironment/w.py", false),
        ]
    );
}

#[test]
fn skip_reasons_read_well() {
    assert_eq!(
        SkipReason::TooLarge {
            size: 3 * 1024 + 512,
            limit: 1024
        }
        .to_string(),
        "too large (3.5 KiB > 1 KiB)"
    );
    assert_eq!(
        SkipReason::OutsideRoot.to_string(),
        "symbolic link outside the scanned root (not followed)"
    );
    assert_eq!(SkipReason::Binary.to_string(), "binary");
}
