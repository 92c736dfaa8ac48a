//! `pyward config` end to end: exit codes, formats, `--type`, `--root`, and the rule registry.

mod common;

use common::{pyward, repo_root, run};

fn example(twin: &str) -> std::path::PathBuf {
    repo_root().join("examples/server").join(twin)
}

#[test]
fn insecure_tree_fails_and_hardened_tree_passes_at_high() {
    let out = run(pyward().arg("config").arg(example("insecure")).args([
        "--isolated",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["command"], "config");
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in [
        "SSH001", "NGX012", "DKR001", "CMP002", "K8S012", "PG004", "FW002", "ENV001",
    ] {
        assert!(codes.contains(&code), "{code} missing");
    }
    assert!(
        !out.stdout.contains("Tr0ub4dor"),
        "a secret value was printed"
    );

    let out = run(pyward().arg("config").arg(example("hardened")).args([
        "--isolated",
        "--fail-on",
        "high",
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

#[test]
fn text_output_for_one_fixture() {
    let dir = repo_root().join("crates/pyward-config/tests/fixtures/NGX012/fire");
    let out =
        run(pyward()
            .current_dir(&dir)
            .args(["config", ".", "--isolated", "--select", "NGX"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn explicit_type_and_root() {
    let tmp = tempfile::tempdir().unwrap();
    let conf = tmp.path().join("server.txt");
    std::fs::write(&conf, "Include /etc/ssh/sshd_config.d/*.conf\n").unwrap();
    let frag = tmp.path().join("fs/etc/ssh/sshd_config.d");
    std::fs::create_dir_all(&frag).unwrap();
    std::fs::write(frag.join("10.conf"), "PermitEmptyPasswords yes\n").unwrap();
    let out = run(pyward()
        .arg("config")
        .arg(&conf)
        .args([
            "--isolated",
            "--type",
            "sshd",
            "--select",
            "SSH004",
            "--format",
            "concise",
            "--root",
        ])
        .arg(tmp.path().join("fs")));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("10.conf:1:1: SSH004"), "{}", out.stdout);

    let out = run(pyward().args(["config", "--type", "bogus", "."]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown config type"), "{}", out.stderr);
}

#[test]
fn unreadable_input_is_exit_2_and_names_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("Dockerfile"), b"FROM x\x00").unwrap();
    let out = run(pyward().arg("config").arg(tmp.path()).args(["--isolated"]));
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("Dockerfile") && all.contains("binary"),
        "{all}"
    );
}

#[test]
fn config_rules_are_registered() {
    let out = run(pyward().args(["rule", "SSH002"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("ssh-password-authentication"));
    assert!(out.stdout.contains("## Why is this bad?"));
    let registry = pyward_cli::registry();
    let config_rules = registry.iter().filter(|r| r.analyzer == "config").count();
    assert_eq!(config_rules, pyward_config::RULES.len());
}

/// A YAML syntax error used to skip the rest of the file with exit 0, missing a later
/// `privileged: true`. Now it is an error (exit 2) and the other documents are still audited.
#[test]
fn yaml_error_is_exit_2_and_later_documents_are_audited() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("pods.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext: {privileged: true}\n",
    )
    .unwrap();
    let out = run(pyward().arg("config").arg(tmp.path()).args([
        "--isolated",
        "--format",
        "json",
        "--select",
        "K8S001",
    ]));
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["findings"][0]["code"], "K8S001", "{}", out.stdout);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("YAML error"),
        "{}",
        out.stdout
    );
}

/// `ln -s /etc/shadow sshd_config` and `ln -s /etc etc` once printed host files.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_tree_are_skipped_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("shadow"),
        "root:$6$PLANTEDHASH$abc:19000:0:99999:7:::\n",
    )
    .unwrap();
    let tree = tmp.path().join("tree");
    std::fs::create_dir_all(&tree).unwrap();
    std::os::unix::fs::symlink(outside.join("shadow"), tree.join("sshd_config")).unwrap();
    std::os::unix::fs::symlink("/etc", tree.join("etc")).unwrap();
    for format in ["text", "json", "sarif"] {
        let out = run(pyward()
            .arg("config")
            .arg(&tree)
            .args(["--isolated", "--format", format]));
        assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(!all.contains("PLANTEDHASH"), "{all}");
        assert!(!all.contains("root:"), "{all}");
        assert!(all.contains("outside the scanned root"), "{all}");
    }
}
