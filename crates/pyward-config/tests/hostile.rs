//! Hostile input (issue 9): reads outside the scanned tree, symlinks out of it, pathological
//! nesting, include amplification, exponential globs, YAML bombs and YAML errors. Each case
//! observed on an earlier version is a regression test here.

use std::path::{Path, PathBuf};

use pyward_config::{ConfigKind, ConfigOptions, audit_text, scan};
use pyward_core::{Report, RuleSelector};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(paths: &[PathBuf], options: &ConfigOptions) -> Report {
    let mut report = Report::new("config");
    scan(paths, options, &mut report);
    report.normalize();
    report
}

/// Everything the report would print, in one string, to look for planted content.
fn everything(report: &Report) -> String {
    serde_json::to_string(report).unwrap()
}

const MARKER: &str = "PLANTED-OUTSIDE-7f3a";

/// A tree with a secret file beside (outside) the scanned directory.
fn tree_with_outside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "outside/etc/leak.conf",
        &format!("server_tokens on;\n{MARKER}:$6$hash:19000:0:99999:7:::\n"),
    );
    write(
        dir.path(),
        "outside/etc/passwd",
        &format!("root:x:0:0:{MARKER}:/root:/bin/bash\n"),
    );
    let scanned = dir.path().join("scan/a/b");
    std::fs::create_dir_all(&scanned).unwrap();
    (dir, scanned)
}

fn error_text(report: &Report) -> String {
    report
        .errors
        .iter()
        .map(|e| format!("{}: {}\n", e.path, e.message))
        .collect()
}

#[test]
fn nginx_relative_include_cannot_leave_the_tree() {
    let (_dir, scanned) = tree_with_outside();
    write(
        &scanned,
        "nginx.conf",
        "http {\n    include ../../../outside/etc/*.conf;\n    include ../../../../../../../../etc/*.conf;\n    server { listen 80; }\n}\n",
    );
    let report = run(std::slice::from_ref(&scanned), &ConfigOptions::default());
    let all = everything(&report);
    assert!(
        !all.contains(MARKER),
        "outside content reached the report: {all}"
    );
    assert!(!all.contains("leak.conf"), "{all}");
    assert_eq!(report.inputs, vec!["nginx.conf"]);
    let errors = error_text(&report);
    assert!(errors.contains("outside the scanned root"), "{errors}");
    // The host's /etc was not read either: no finding or input names a file there.
    assert!(!report.findings.iter().any(|f| {
        f.location
            .path
            .as_deref()
            .is_some_and(|p| p.contains("etc/"))
    }));
}

#[test]
fn absolute_include_stays_under_the_root() {
    let (_dir, scanned) = tree_with_outside();
    write(
        &scanned,
        "etc/nginx/nginx.conf",
        "http {\n    include /../../../outside/etc/passwd;\n    include /../../../../../../../../etc/passwd;\n    server { listen 80; }\n}\n",
    );
    write(
        &scanned,
        "etc/ssh/sshd_config",
        "Include /../../../outside/etc/*.conf\nInclude ../../../../outside/etc/passwd\nPermitRootLogin no\n",
    );
    let options = ConfigOptions {
        root: Some(scanned.clone()),
        ..ConfigOptions::default()
    };
    let report = run(std::slice::from_ref(&scanned), &options);
    let all = everything(&report);
    assert!(!all.contains(MARKER), "{all}");
    let errors = error_text(&report);
    assert!(
        errors.matches("outside the scanned root").count() >= 4,
        "{errors}"
    );
    assert!(
        report
            .inputs
            .iter()
            .all(|i| i.starts_with("etc/nginx") || i.starts_with("etc/ssh")),
        "{:?}",
        report.inputs
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_tree_are_not_followed() {
    use std::os::unix::fs::symlink;
    let (dir, scanned) = tree_with_outside();
    symlink(
        dir.path().join("outside/etc/passwd"),
        scanned.join("sshd_config"),
    )
    .unwrap();
    symlink(dir.path().join("outside/etc"), scanned.join("etc")).unwrap();
    // The reproducers from the issue, against the real host: never read.
    std::fs::create_dir_all(scanned.join("host")).unwrap();
    symlink("/etc/shadow", scanned.join("host/sshd_config")).unwrap();
    symlink("/etc", scanned.join("host/etc")).unwrap();
    // A link inside the tree is fine and read once.
    write(&scanned, "real/nginx.conf", "server_tokens on;\n");
    symlink(
        scanned.join("real/nginx.conf"),
        scanned.join("link-nginx.conf"),
    )
    .unwrap();

    let report = run(std::slice::from_ref(&scanned), &ConfigOptions::default());
    let all = everything(&report);
    assert!(!all.contains(MARKER), "{all}");
    assert!(!all.contains("root:"), "{all}");
    let errors = error_text(&report);
    assert!(
        errors.contains("sshd_config: symbolic link to a file outside the scanned root"),
        "{errors}"
    );
    assert!(
        errors.contains("host/sshd_config: symbolic link"),
        "{errors}"
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.starts_with("etc: symbolic link to a directory outside")),
        "{:?}",
        report.warnings
    );
    assert_eq!(report.inputs, vec!["real/nginx.conf"]);

    // An explicit file argument that is a link out of its directory is refused too.
    let report = run(&[scanned.join("sshd_config")], &ConfigOptions::default());
    assert!(report.inputs.is_empty());
    assert!(error_text(&report).contains("outside the scanned root"));
}

#[test]
fn unparsable_lines_are_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sshd_config",
        &format!("PermitRootLogin no\n{MARKER}:$6$salt$hash:19000:0:99999:7:::\n"),
    );
    write(
        dir.path(),
        "nginx.conf",
        &format!("{MARKER}:$6$salt$hash:19000\nserver {{ listen 80; }}\n"),
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    let all = everything(&report);
    assert!(!all.contains(MARKER), "{all}");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("not an sshd_config directive")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn deep_nginx_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 20_000;
    let text = format!(
        "{}autoindex on;{}\nserver {{ autoindex on; }}\n",
        "location / {".repeat(depth),
        "}".repeat(depth)
    );
    let all = RuleSelector::default();
    let out = audit_text(ConfigKind::Nginx, "deep.conf", &text, &all);
    assert!(
        out.errors.iter().any(|(_, e)| e.contains("nested over")),
        "{:?}",
        out.errors
    );
    // What follows the deep part is still audited.
    assert!(out.findings.iter().any(|f| f.code == "NGX011"));

    // The same through includes: depth carries over into included files.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "nginx.conf",
        &format!(
            "{}include deep.inc;{}\n",
            "http {".repeat(40),
            "}".repeat(40)
        ),
    );
    write(
        dir.path(),
        "deep.inc",
        &format!("{}x;{}\n", "if (a) {".repeat(40), "}".repeat(40)),
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    assert!(
        error_text(&report).contains("nested over"),
        "{:?}",
        report.errors
    );
}

#[test]
fn include_amplification_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        write(dir.path(), &format!("f{i:02}.conf"), "include f*.conf;\n");
    }
    write(
        dir.path(),
        "nginx.conf",
        "include f*.conf;\nserver_tokens on;\n",
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    let errors = error_text(&report);
    assert!(errors.contains("include expansion stopped"), "{errors}");
    // The main file itself is still audited.
    assert!(report.findings.iter().any(|f| f.code == "NGX009"));

    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        write(
            dir.path(),
            &format!("etc/ssh/f{i:02}.conf"),
            "Include /etc/ssh/f*.conf\n",
        );
    }
    write(
        dir.path(),
        "etc/ssh/sshd_config",
        "Include /etc/ssh/f*.conf\nPermitRootLogin yes\n",
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    assert!(
        error_text(&report).contains("include expansion stopped"),
        "{:?}",
        report.errors
    );
    assert!(report.findings.iter().any(|f| f.code == "SSH001"));
}

#[test]
fn include_glob_is_not_exponential() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &"a".repeat(200), "server_tokens on;\n");
    write(
        dir.path(),
        "nginx.conf",
        "include a*a*a*a*a*a*a*a*a*a*a*a*b;\ninclude a*a*a*a*a*a*a*a*a*a*a*a*a;\n",
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    // The second pattern matches the 200-`a` file and pulls it in.
    assert!(report.findings.iter().any(|f| f.code == "NGX009"));
}

#[test]
fn yaml_bombs_are_errors_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    bomb.push_str("services:\n  web:\n    image: x\n    volumes: *a9\n");
    assert!(bomb.len() < 1024);
    write(dir.path(), "docker-compose.yml", &bomb);
    let deep = format!(
        "apiVersion: v1\nkind: Pod\nspec: {}{}\n",
        "[".repeat(30_000),
        "]".repeat(30_000)
    );
    write(dir.path(), "k8s/deep.yaml", &deep);
    write(
        dir.path(),
        "k8s/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext: {privileged: true}\n",
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    let errors = error_text(&report);
    assert!(
        errors.contains("docker-compose.yml: line") && errors.contains("aliases expand"),
        "{errors}"
    );
    assert!(
        errors.contains("k8s/deep.yaml: line 3: YAML error"),
        "{errors}"
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code == "K8S001" && f.location.path.as_deref() == Some("k8s/pod.yaml"))
    );
}

#[test]
fn yaml_error_is_an_error_and_other_documents_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "deploy.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext:\n      privileged: true\n",
    );
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    assert!(
        error_text(&report).contains("deploy.yaml: line"),
        "{:?}",
        report.errors
    );
    let privileged: Vec<u32> = report
        .findings
        .iter()
        .filter(|f| f.code == "K8S001")
        .filter_map(|f| f.location.line())
        .collect();
    assert_eq!(privileged, vec![15]);
    // Nothing "missing" is reported for the broken first document (pod `a`).
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.message.contains("pod/a") || f.message.contains("Pod a")),
        "{:#?}",
        report.findings
    );
}

/// Confinement must not break scans given as relative paths (the usual `pyward config .`).
#[test]
fn relative_scan_paths_still_read_their_files() {
    let rel = PathBuf::from("tests/fixtures/NGX012/fire");
    let report = run(&[rel], &ConfigOptions::default());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.findings.iter().any(|f| f.code == "NGX012"));
}

/// Debian makes `sites-enabled/x -> /etc/nginx/sites-available/x` (absolute). In a scanned
/// tree that target is the tree's own file, never the scanning machine's.
#[cfg(unix)]
#[test]
fn absolute_symlinks_in_a_tree_resolve_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "etc/nginx/nginx.conf",
        "http {\n    server_tokens off;\n    include /etc/nginx/sites-enabled/*;\n}\n",
    );
    write(
        d,
        "etc/nginx/sites-available/shop",
        "server {\n    listen 80;\n    location /files/ { autoindex on; }\n}\n",
    );
    std::fs::create_dir_all(d.join("etc/nginx/sites-enabled")).unwrap();
    std::os::unix::fs::symlink(
        "/etc/nginx/sites-available/shop",
        d.join("etc/nginx/sites-enabled/shop"),
    )
    .unwrap();
    // A link that climbs out of the tree stays refused.
    std::os::unix::fs::symlink(
        "/../../../../etc/passwd",
        d.join("etc/nginx/sites-enabled/escape"),
    )
    .unwrap();
    let report = run(&[d.to_path_buf()], &ConfigOptions::default());
    let autoindex: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "NGX011")
        .filter_map(|f| f.location.path.as_deref())
        .collect();
    assert_eq!(
        autoindex,
        vec!["etc/nginx/sites-enabled/shop"],
        "{:#?}",
        report
    );
    let errors = error_text(&report);
    assert!(errors.contains("escape"), "{errors}");
    assert!(!errors.contains("sites-enabled/shop"), "{errors}");
    assert!(!everything(&report).contains("root:x"));
}

/// The amplification tree once printed ~11k identical loop warnings.
#[test]
fn include_loop_warnings_are_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        write(dir.path(), &format!("f{i:02}.conf"), "include f*.conf;\n");
    }
    write(dir.path(), "nginx.conf", "include f*.conf;\n");
    let report = run(&[dir.path().to_path_buf()], &ConfigOptions::default());
    // At most one warning per include directive (13 files, one directive each).
    assert!(report.warnings.len() <= 13, "{}", report.warnings.len());
}

/// DKR001 reads the entrypoint script a Dockerfile copies in, but only inside the scanned tree:
/// a script outside it (through `..` in COPY or a symlink) that drops privileges is not read,
/// and the image is still reported as running as root.
#[cfg(unix)]
#[test]
fn dockerfile_entrypoint_script_is_read_only_inside_the_tree() {
    let (dir, scanned) = tree_with_outside();
    write(
        dir.path(),
        "outside/entry.sh",
        "#!/bin/sh\nexec gosu app \"$@\"\n",
    );
    std::os::unix::fs::symlink(
        dir.path().join("outside/entry.sh"),
        scanned.join("entry.sh"),
    )
    .unwrap();
    write(
        &scanned,
        "Dockerfile",
        "FROM python:3.12-slim\nCOPY entry.sh /entry.sh\nCOPY ../../../outside/entry.sh /entry2.sh\nENTRYPOINT [\"/entry.sh\"]\nCMD [\"/entry2.sh\"]\n",
    );
    let report = run(std::slice::from_ref(&scanned), &ConfigOptions::default());
    assert!(
        report.findings.iter().any(|f| f.code == "DKR001"),
        "{:#?}",
        report.findings
    );
}
