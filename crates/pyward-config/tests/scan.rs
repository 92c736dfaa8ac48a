//! Whole-scan behaviour: the example twin trees, includes under a filesystem root, bad input,
//! parser recovery and secret redaction.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pyward_config::{ConfigKind, ConfigOptions, RULES, audit_text, scan};
use pyward_core::{Report, RuleSelector, Severity};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(paths: &[PathBuf], options: &ConfigOptions) -> Report {
    let mut report = Report::new("config");
    scan(paths, options, &mut report);
    report.normalize();
    report
}

fn codes(report: &Report) -> BTreeSet<String> {
    report.findings.iter().map(|f| f.code.clone()).collect()
}

#[test]
fn insecure_example_flags_every_planted_problem() {
    let report = run(
        &[repo().join("examples/server/insecure")],
        &ConfigOptions::default(),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let found = codes(&report);
    // One problem per rule is planted. ENV002 depends on the checkout's file modes and is
    // covered by its own test.
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| *c != "ENV002" && !found.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "not flagged in the insecure tree: {missing:?}"
    );
    // The fragment pulled in by `Include` reports against its own file.
    assert!(report.findings.iter().any(|f| f.code == "SSH002"
        && f.location.path.as_deref() == Some("etc/ssh/sshd_config.d/50-cloud-init.conf")));
}

#[test]
fn hardened_example_has_nothing_high_or_critical() {
    let report = run(
        &[repo().join("examples/server/hardened")],
        &ConfigOptions::default(),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let serious: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    // Only the checkout-dependent file mode may show up.
    assert!(
        report.findings.iter().all(|f| f.code == "ENV002"),
        "{:#?}",
        report.findings
    );
    assert!(report.inputs.len() >= 20, "{:?}", report.inputs);
}

#[test]
fn secrets_are_never_printed() {
    let report = run(
        &[repo().join("examples/server/insecure")],
        &ConfigOptions::default(),
    );
    let json = serde_json::to_string(&report).unwrap();
    for secret in [
        "Tr0ub4dor-3",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "pypi-AgEIcHlwaS5vcmcCJDk3NmE",
        "k3J9xQ2mW8vN5pL7rT1yB4cF6hD0sG2a",
    ] {
        assert!(
            !json.contains(secret),
            "secret {secret} leaked into the report"
        );
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn absolute_includes_resolve_under_the_scanned_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n    server_tokens off;\n    include /etc/nginx/sites-enabled/*;\n}\n",
    );
    write(
        root,
        "etc/nginx/sites-enabled/shop",
        "server {\n    listen 80;\n    location / { autoindex on; }\n}\n",
    );
    write(
        root,
        "etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n",
    );
    write(
        root,
        "etc/ssh/sshd_config.d/10-first.conf",
        "PermitRootLogin yes\n",
    );
    let report = run(&[root.to_path_buf()], &ConfigOptions::default());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let at = |code: &str| {
        report
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.location.display())
            .collect::<Vec<_>>()
    };
    // The site is audited once, through the include, inside the http context.
    assert_eq!(at("NGX011"), vec!["etc/nginx/sites-enabled/shop:3:18"]);
    // sshd: the included file comes first, so its value wins.
    assert!(at("SSH001").contains(&"etc/ssh/sshd_config.d/10-first.conf:1:1".to_string()));
    let eff = pyward_config::sshd_effective(&root.join("etc/ssh/sshd_config"), Some(root)).unwrap();
    assert_eq!(eff["permitrootlogin"], "yes");
    assert!(
        report
            .inputs
            .contains(&"etc/nginx/sites-enabled/shop".to_string())
    );

    // Scanning the file alone still finds the root (its `etc` ancestor).
    let alone = run(
        &[root.join("etc/ssh/sshd_config")],
        &ConfigOptions::default(),
    );
    assert!(
        alone
            .findings
            .iter()
            .any(|f| f.code == "SSH001" && f.message.contains("yes"))
    );
}

#[test]
fn absolute_include_without_a_root_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "conf/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n",
    );
    let report = run(&[dir.path().join("conf")], &ConfigOptions::default());
    assert!(
        report.warnings.iter().any(|w| w.contains("pass --root")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn bad_input_is_an_error_naming_the_path_and_the_scan_continues() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Dockerfile"), b"FROM python\x00\x01\x02").unwrap();
    std::fs::write(root.join("redis.conf"), b"bind 0.0.0.0\n\xff\xfe\n").unwrap();
    let huge = std::fs::File::create(root.join("nginx.conf")).unwrap();
    huge.set_len(pyward_config::source::MAX_FILE_SIZE + 1)
        .unwrap();
    write(
        root,
        "ok/Dockerfile",
        "FROM python:3.12\nCMD [\"python\"]\n",
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("loop/a"), root.join("loop-b")).ok();
        std::fs::create_dir_all(root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root, root.join("loop/a")).unwrap();
    }
    let report = run(&[root.to_path_buf()], &ConfigOptions::default());
    let errors: Vec<String> = report
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect();
    let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
    assert!(has("Dockerfile: binary file"), "{errors:?}");
    assert!(has("redis.conf: not valid UTF-8"), "{errors:?}");
    assert!(has("nginx.conf: larger than"), "{errors:?}");
    // Symbolic links are not followed by the walk, so a link loop cannot trap it.
    #[cfg(unix)]
    assert!(!has("loop"), "{errors:?}");
    // The good file is still audited.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code == "DKR001" && f.location.path.as_deref() == Some("ok/Dockerfile"))
    );
}

#[test]
fn parsers_recover_from_bad_lines() {
    let all = RuleSelector::default();
    let nginx = audit_text(
        ConfigKind::Nginx,
        "site.conf",
        "server {\n    listen 80;\n    ;\n    location / {\n        autoindex on\n    }\n}\n}\nserver {\n    location /x { autoindex on; }\n",
        &all,
    );
    let autoindex: Vec<u32> = nginx
        .findings
        .iter()
        .filter(|f| f.code == "NGX011")
        .filter_map(|f| f.location.line())
        .collect();
    assert_eq!(autoindex, vec![5, 10], "{:#?}", nginx.findings);
    assert!(nginx.warnings.len() >= 3, "{:?}", nginx.warnings);

    let sshd = audit_text(
        ConfigKind::Sshd,
        "sshd_config",
        "PermitRootLogin yes\n!!! garbage line\nPermitEmptyPasswords\nPermitEmptyPasswords yes\n",
        &all,
    );
    let c = |code: &str| sshd.findings.iter().filter(|f| f.code == code).count();
    assert_eq!(c("SSH001"), 1);
    assert_eq!(c("SSH004"), 1);
    assert_eq!(sshd.warnings.len(), 2, "{:?}", sshd.warnings);

    let k8s = audit_text(
        ConfigKind::Kubernetes,
        "app.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: true\n  containers: []\n---\nkind: Pod\nspec: [unclosed\n",
        &all,
    );
    assert!(k8s.findings.iter().any(|f| f.code == "K8S006"));
    assert!(
        k8s.errors.iter().any(|(_, e)| e.contains("YAML error")),
        "{:?}",
        k8s.errors
    );
}

#[test]
fn explicit_type_and_type_filter() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deploy/server.txt", "PermitRootLogin yes\n");
    write(dir.path(), "Dockerfile", "FROM python\n");
    let file = dir.path().join("deploy/server.txt");
    let options = ConfigOptions {
        kind: Some(ConfigKind::Sshd),
        ..ConfigOptions::default()
    };
    let report = run(std::slice::from_ref(&file), &options);
    assert!(report.findings.iter().any(|f| f.code == "SSH001"));
    // Without --type the content still says sshd.
    let sniffed = run(&[file], &ConfigOptions::default());
    assert!(sniffed.findings.iter().any(|f| f.code == "SSH001"));
    // A file nothing recognises is an error, not a guess.
    write(dir.path(), "deploy/notes.txt", "hello\n");
    let unknown = run(
        &[dir.path().join("deploy/notes.txt")],
        &ConfigOptions::default(),
    );
    assert_eq!(unknown.errors.len(), 1, "{:?}", unknown.errors);
    assert!(unknown.errors[0].message.contains("--type"));
    // --type on a directory keeps only that format.
    let only = ConfigOptions {
        kind: Some(ConfigKind::Dockerfile),
        ..ConfigOptions::default()
    };
    let report = run(&[dir.path().to_path_buf()], &only);
    assert!(report.findings.iter().all(|f| f.code.starts_with("DKR")));
    assert!(!report.findings.is_empty());
}

#[test]
fn excludes_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/Dockerfile", "FROM python\n");
    write(dir.path(), "b/Dockerfile", "FROM python\n");
    let options = ConfigOptions {
        exclude: vec!["b/**".into()],
        ..ConfigOptions::default()
    };
    let report = run(&[dir.path().to_path_buf()], &options);
    assert_eq!(report.inputs, vec!["a/Dockerfile".to_string()]);
}

#[test]
fn network_policy_coverage_spans_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "k8s/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n    spec:\n      containers: []\n",
    );
    write(
        dir.path(),
        "k8s/policy.yaml",
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector:\n    matchExpressions:\n      - {key: tier, operator: In, values: [front, back]}\n",
    );
    let options = ConfigOptions {
        selector: RuleSelector::new(vec!["K8S012".into()], vec![]),
        ..ConfigOptions::default()
    };
    assert!(
        run(&[dir.path().to_path_buf()], &options)
            .findings
            .is_empty()
    );
    std::fs::remove_file(dir.path().join("k8s/policy.yaml")).unwrap();
    assert_eq!(run(&[dir.path().to_path_buf()], &options).findings.len(), 1);
}

/// A configuration finding keeps its fingerprint when lines are inserted above it.
#[test]
fn config_fingerprints_survive_inserted_lines() {
    use pyward_config::{ConfigKind, audit_text};
    let all = pyward_core::RuleSelector::default();
    let prints = |text: &str| -> Vec<(String, String)> {
        audit_text(ConfigKind::Sshd, "sshd_config", text, &all)
            .findings
            .iter()
            .map(|f| (f.code.clone(), pyward_core::fingerprint(f)))
            .collect()
    };
    let base = prints("PermitRootLogin yes\nPasswordAuthentication yes\n");
    assert!(!base.is_empty());
    let moved = prints("# managed by hand\n\n\nPermitRootLogin yes\nPasswordAuthentication yes\n");
    assert_eq!(moved, base);
}
