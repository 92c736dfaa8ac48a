//! End-to-end tests of `pyward scan`: every analyzer over one tree, one report, one exit code,
//! baselines, the progress display, and the boundaries of the scanned root.

mod common;
#[path = "../../pyward-image/tests/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::Path;

use common::{database, pyward, repo_root, run};
use serde_json::Value;

macro_rules! require_db {
    () => {
        match database() {
            Some(db) => db,
            None => return,
        }
    };
}

/// (code, path, line, column, message) of every finding of a JSON report, counted.
fn findings(json: &str) -> BTreeMap<(String, String, u64, u64, String), usize> {
    let report: Value = serde_json::from_str(json).expect("JSON report");
    let mut out = BTreeMap::new();
    for f in report["findings"].as_array().expect("findings") {
        let loc = &f["location"];
        let key = (
            f["code"].as_str().unwrap_or_default().to_string(),
            loc["path"].as_str().unwrap_or_default().to_string(),
            loc["span"]["start"]["line"].as_u64().unwrap_or(0),
            loc["span"]["start"]["column"].as_u64().unwrap_or(0),
            f["message"].as_str().unwrap_or_default().to_string(),
        );
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn scan_finds_what_the_three_commands_find_together_once_each() {
    let db = require_db!();
    let mut separate = BTreeMap::new();
    for command in ["deps", "code", "config"] {
        let mut cmd = pyward();
        cmd.current_dir(repo_root())
            .args([command, "examples", "-f", "json"]);
        if command == "deps" {
            cmd.arg("--db").arg(&db);
        }
        let out = run(&mut cmd);
        assert_eq!(out.code, 1, "{command}: {}", out.stderr);
        for (key, n) in findings(&out.stdout) {
            *separate.entry(key).or_insert(0) += n;
        }
    }
    let out = run(pyward()
        .current_dir(repo_root())
        .args(["scan", "examples", "-f", "json", "--db"])
        .arg(&db));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let together = findings(&out.stdout);
    assert!(
        separate.len() > 100,
        "the examples should have many findings"
    );
    assert!(
        together.values().all(|n| *n == 1),
        "a finding reported twice"
    );
    assert_eq!(together, separate);

    // The text report ends with a table by area and severity.
    let out = run(pyward()
        .current_dir(repo_root())
        .args(["scan", "examples", "--db"])
        .arg(&db));
    let table: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("area "))
        .collect();
    assert!(table.len() >= 5, "{}", out.stdout);
    for area in ["deps ", "code ", "config ", "total "] {
        assert!(
            table.iter().any(|l| l.starts_with(area)),
            "{area}: {table:?}"
        );
    }
}

/// The README's main command: the example service shows findings of every analyzer, and its
/// test code is hidden behind a count.
#[test]
fn the_readme_example_shows_every_analyzer() {
    let db = require_db!();
    let out = run(pyward()
        .current_dir(repo_root())
        .args(["scan", "examples/flask-shop", "-f", "json", "--db"])
        .arg(&db));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    for (area, prefix) in [("deps", "DEP0"), ("code", "PY"), ("config", "NGX")] {
        assert!(
            codes.iter().any(|c| c.starts_with(prefix)),
            "{area}: no {prefix} finding in {codes:?}"
        );
    }
    for expected in ["DKR001", "CMP002", "APP002", "SYS001", "FL001", "PY602"] {
        assert!(codes.contains(&expected), "{expected} missing: {codes:?}");
    }
    // tests/test_app.py has findings, shown only with --include-tests.
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["location"]["path"]
                .as_str()
                .unwrap_or("")
                .contains("/tests/")),
        "test-code findings are hidden by default"
    );
    let out = run(pyward()
        .current_dir(repo_root())
        .args([
            "scan",
            "examples/flask-shop",
            "--include-tests",
            "-f",
            "json",
            "--db",
        ])
        .arg(&db));
    assert!(out.stdout.contains("tests/test_app.py"), "{}", out.stdout);
}

#[test]
fn only_and_skip_choose_the_analyzers() {
    let db = require_db!();
    let out = run(pyward()
        .current_dir(repo_root())
        .args(["scan", "examples", "-f", "json", "--only", "code", "--db"])
        .arg(&db));
    let codes: Vec<String> = findings(&out.stdout).into_keys().map(|k| k.0).collect();
    assert!(!codes.is_empty());
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with("DEP") || c.starts_with("DOCK")),
        "{codes:?}"
    );
    let out = run(pyward()
        .current_dir(repo_root())
        .args([
            "scan",
            "examples",
            "-f",
            "json",
            "--skip",
            "code,config",
            "--db",
        ])
        .arg(&db));
    let codes: Vec<String> = findings(&out.stdout).into_keys().map(|k| k.0).collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c.starts_with("DEP")),
        "{codes:?}"
    );
    let out = run(pyward().args(["scan", "--only", "dependencies"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown analyzer"), "{}", out.stderr);
}

#[test]
fn unknown_config_keys_are_errors_naming_the_key_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("app.py"), "print('hi')\n");
    write(
        &dir.path().join("pyproject.toml"),
        "[tool.pyward]\nexlude = [\"build\"]\n\n[tool.pyward.code]\nscan-text-file = true\n",
    );
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["scan", "--only", "code,config"]));
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("pyproject.toml: unknown config key `exlude`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("scan-text-file") && out.stdout.contains("[code]"),
        "{}",
        out.stdout
    );
}

/// A small project with findings of every analyzer that needs no database.
fn project(dir: &Path) {
    write(
        &dir.join("app/views.py"),
        "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\n\
         def load(data):\n    import pickle\n    return pickle.loads(data)\n",
    );
    write(
        &dir.join("Dockerfile"),
        "FROM python:3.12\nCOPY . /app\nCMD [\"python\", \"app.py\"]\n",
    );
}

#[test]
fn baselines_report_only_new_findings_and_survive_moved_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A git work tree: baseline paths are recorded from its root.
    std::fs::create_dir(root.join(".git")).unwrap();
    project(root);
    let scan = |args: &[&str]| {
        run(pyward()
            .current_dir(root)
            .args(["scan", "--only", "code,config"])
            .args(args))
    };
    let first = scan(&["-f", "json"]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let before = findings(&first.stdout).len();
    assert!(before >= 3, "{}", first.stdout);

    let written = scan(&["--write-baseline", "pyward-baseline.json"]);
    assert_eq!(written.code, 0, "{}{}", written.stdout, written.stderr);
    let baseline = std::fs::read_to_string(root.join("pyward-baseline.json")).unwrap();
    assert!(baseline.contains("\"fingerprint\""), "{baseline}");

    // Move the code: 30 lines above, the two functions swapped, a function renamed (a name
    // elsewhere than on the flagged lines).
    write(
        &root.join("app/views.py"),
        &format!(
            "{}import subprocess\n\n\ndef load_blob(data):\n    import pickle\n    return pickle.loads(data)\n\n\n\
             def run(cmd):\n    return subprocess.call(cmd, shell=True)\n",
            "# moved\n".repeat(30)
        ),
    );
    let again = scan(&["--baseline", "pyward-baseline.json"]);
    assert_eq!(again.code, 0, "{}{}", again.stdout, again.stderr);
    assert!(again.stdout.contains("No findings"), "{}", again.stdout);
    assert!(
        again.stdout.contains("in the baseline not shown"),
        "{}",
        again.stdout
    );

    // From a subdirectory, the same baseline still matches.
    let sub = run(pyward().current_dir(root.join("app")).args([
        "scan",
        "--only",
        "code",
        "--baseline",
        "../pyward-baseline.json",
    ]));
    assert_eq!(sub.code, 0, "{}{}", sub.stdout, sub.stderr);

    // A new finding is reported; a fixed one drops out and `--verbose` lists its entry.
    std::fs::write(
        root.join("Dockerfile"),
        "FROM python:3.12\nCOPY . /app\nUSER app\nCMD [\"python\", \"app.py\"]\n",
    )
    .unwrap();
    write(&root.join("app/new.py"), "import os\nos.system(input())\n");
    let new = scan(&["--baseline", "pyward-baseline.json", "-v", "-f", "concise"]);
    assert_eq!(new.code, 1, "{}{}", new.stdout, new.stderr);
    assert!(new.stdout.contains("app/new.py:2:1: PY"), "{}", new.stdout);
    assert!(!new.stdout.contains("app/views.py"), "{}", new.stdout);
    assert!(
        new.stdout
            .contains("baseline entry no longer found: Dockerfile"),
        "{}",
        new.stdout
    );

    let missing = scan(&["--baseline", "nope.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stdout.contains("nope.json"), "{}", missing.stdout);
}

#[test]
fn symlinks_out_of_the_root_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(
        &outside.path().join("evil.py"),
        "import os\nos.system(input())  # OUTSIDE-MARKER\n",
    );
    write(
        &outside.path().join("conf/Dockerfile"),
        "FROM python\nUSER root\n",
    );
    write(
        &outside.path().join("conf/requirements.txt"),
        "django==1.0\n",
    );
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("app.py"), "print('ok')\n");
    std::os::unix::fs::symlink(outside.path().join("evil.py"), dir.path().join("evil.py")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("conf"), dir.path().join("conf")).unwrap();
    let out =
        run(pyward()
            .current_dir(dir.path())
            .args(["scan", "--only", "code,config", "-f", "json"]));
    let keys = findings(&out.stdout);
    assert!(
        keys.keys()
            .all(|k| !k.1.contains("evil") && !k.1.contains("conf/")),
        "{keys:?}"
    );
    assert!(!out.stdout.contains("OUTSIDE-MARKER"), "{}", out.stdout);
}

#[test]
fn the_progress_display_shows_on_a_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    for i in 0..200 {
        write(
            &dir.path().join(format!("pkg/m{i}.py")),
            "import subprocess\nsubprocess.call('ls', shell=True)\n",
        );
    }
    // Under a pseudo-terminal (`script` gives pyward one): progress lines on stderr.
    let command = format!(
        "{} scan {} --only code,config",
        common::bin().display(),
        dir.path().display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .env("TERM", "xterm")
        .output()
        .expect("run script(1)");
    let transcript = String::from_utf8_lossy(&out.stdout);
    assert!(
        transcript.contains("inventory")
            && transcript.contains("files found")
            && transcript.contains("/201"),
        "{transcript}"
    );
    // Piped: nothing but the report.
    let piped = run(pyward()
        .env_remove("CI")
        .args(["scan", "--only", "code,config"])
        .arg(dir.path()));
    assert!(!piped.stderr.contains("files found"), "{}", piped.stderr);
    assert!(!piped.stdout.contains("files found"), "{}", piped.stdout);
    // In CI, even on a terminal: nothing.
    let ci = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("CI", "true")
        .env("TERM", "xterm")
        .output()
        .expect("run script(1)");
    assert!(!String::from_utf8_lossy(&ci.stdout).contains("files found"));
}

#[test]
fn a_secret_seen_by_two_analyzers_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    // A GitHub token with a valid checksum, built at run time so no token sits in this file.
    let token = pyward_secrets::github_token_with_checksum("ghp_", &"a1B2c3D4e5".repeat(3));
    write(
        &dir.path().join("app/settings.py"),
        &format!("GITHUB_TOKEN = \"{token}\"\n"),
    );
    write(&dir.path().join(".env"), &format!("GITHUB_TOKEN={token}\n"));
    // The code analyzer also searches text files: the `.env` is then seen by both analyzers.
    write(
        &dir.path().join("pyproject.toml"),
        "[tool.pyward.code]\nscan-text-files = true\n",
    );
    let out =
        run(pyward()
            .current_dir(dir.path())
            .args(["scan", "--only", "code,config", "-f", "json"]));
    let keys = findings(&out.stdout);
    let at = |path: &str| keys.keys().filter(|k| k.1 == path && k.2 == 1).count();
    assert_eq!(at("app/settings.py"), 1, "{keys:?}");
    assert_eq!(at(".env"), 1, "{keys:?}");
    // Each analyzer alone does report it.
    for command in ["code", "config"] {
        let alone = run(pyward()
            .current_dir(dir.path())
            .args([command, ".", "-f", "json"]));
        assert!(
            findings(&alone.stdout).keys().any(|k| k.1 == ".env"),
            "{command}: {}",
            alone.stdout
        );
    }
    assert!(!out.stdout.contains(&token), "a secret was printed");
}

/// A project whose `[tool.pyward]` lists an image that runs as root (IMG001), next to an
/// image outside it.
fn project_with_image(dir: &Path) {
    write(&dir.join("app.py"), "print('hi')\n");
    let config = support::config_json(
        serde_json::json!({"Healthcheck": {"Test": ["CMD", "true"]}}),
        &[],
    );
    let layer = support::layer(&[support::file("app/readme.txt", "hello\n")]);
    std::fs::create_dir_all(dir.join("proj/img")).unwrap();
    support::write_docker(
        &dir.join("proj/img/app.tar"),
        &config,
        std::slice::from_ref(&layer),
    );
    support::write_docker(&dir.join("outside.tar"), &config, &[layer]);
    write(
        &dir.join("proj/pyproject.toml"),
        "[tool.pyward]\nimages = [\"img/app.tar\"]\n",
    );
}

#[test]
fn images_from_the_config_and_the_command_line_are_audited_inside_the_root() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    project_with_image(dir.path());
    let proj = dir.path().join("proj");
    let scan = |args: &[&str]| {
        run(pyward()
            .current_dir(&proj)
            .args(["scan", "."])
            .args(args)
            .arg("--db")
            .arg(&db))
    };
    let out = scan(&["--only", "image", "-f", "json"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let codes: Vec<(String, String)> = findings(&out.stdout)
        .into_keys()
        .map(|k| (k.0, k.1))
        .collect();
    assert_eq!(
        codes,
        [("IMG001".to_string(), "img/app.tar!config".to_string())]
    );
    // The area table lists the image analyzer.
    let out = scan(&["--only", "image,code"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("image")),
        "{}",
        out.stdout
    );
    let out = scan(&["--skip", "image", "-f", "json"]);
    assert!(
        !findings(&out.stdout)
            .into_keys()
            .any(|k| k.0.starts_with("IMG")),
        "{}",
        out.stdout
    );
    // The same image twice (config and --image) is audited once.
    let out = scan(&["--only", "image", "--image", "img/app.tar", "-f", "json"]);
    assert_eq!(
        findings(&out.stdout).values().sum::<usize>(),
        1,
        "{}",
        out.stdout
    );
    // Outside the scanned root: an error (exit 2), never read; the rest is still audited.
    let out = scan(&["--only", "image", "--image", "../outside.tar", "-f", "json"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"] == "../outside.tar"
            && e["message"]
                .as_str()
                .unwrap()
                .contains("outside the scanned root")),
        "{errors:?}"
    );
    assert!(!json["findings"].as_array().unwrap().is_empty());
}
