use std::fs;
use std::path::Path;

use pyward_manifest::{DiscoverOptions, discover, discover_with};

fn touch(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

#[test]
fn finds_manifests_and_skips_noise() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for f in [
        "requirements.txt",
        "requirements-dev.txt",
        "requirements/base.txt",
        "requirements/prod.in",
        "dev-requirements.txt",
        "constraints.txt",
        "pyproject.toml",
        "poetry.lock",
        "Pipfile.lock",
        "uv.lock",
        "pdm.lock",
        "pylock.toml",
        "pylock.dev.toml",
        "services/api/pyproject.toml",
        "services/api/uv.lock",
        // noise
        "README.md",
        "notes.txt",
        "node_modules/pkg/requirements.txt",
        ".venv/lib/python3.12/site-packages/x/requirements.txt",
        "env2/requirements.txt",
        ".tox/py312/requirements.txt",
        "build/__pycache__/requirements.txt",
        "target/requirements.txt",
        "ignored/requirements.txt",
        "excluded/sub/requirements.txt",
    ] {
        touch(r, f, "");
    }
    touch(r, "env2/pyvenv.cfg", "version = 3.12.0\n");
    touch(r, ".gitignore", "ignored/\n");
    // .gitignore is honoured inside a git repository only.
    std::fs::create_dir_all(r.join(".git")).unwrap();
    touch(
        r,
        "scripts/tool.py",
        "# /// script\n# dependencies = []\n# ///\n",
    );
    touch(r, "scripts/plain.py", "print('hi')\n");

    let found: Vec<String> = discover(r, &["excluded/".to_string()])
        .into_iter()
        .map(|x| x.unwrap().strip_prefix(r).unwrap().display().to_string())
        .collect();
    assert_eq!(
        found,
        vec![
            "Pipfile.lock",
            "constraints.txt",
            "dev-requirements.txt",
            "pdm.lock",
            "poetry.lock",
            "pylock.dev.toml",
            "pylock.toml",
            "pyproject.toml",
            "requirements/base.txt",
            "requirements/prod.in",
            "requirements-dev.txt",
            "requirements.txt",
            "scripts/tool.py",
            "services/api/pyproject.toml",
            "services/api/uv.lock",
            "uv.lock",
        ]
    );
    let no_scripts = discover_with(
        r,
        &DiscoverOptions {
            exclude: vec!["*.lock".into()],
            scripts: false,
        },
    );
    let names: Vec<String> = no_scripts
        .into_iter()
        .map(|x| {
            x.unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with(".py") || n.ends_with(".lock")),
        "{names:?}"
    );
}

#[test]
fn missing_root_is_an_error() {
    let found = discover(Path::new("/nonexistent/pyward/root"), &[]);
    assert_eq!(found.len(), 1);
    let err = found.into_iter().next().unwrap().unwrap_err();
    assert!(err.to_string().contains("/nonexistent/pyward/root"));
}
