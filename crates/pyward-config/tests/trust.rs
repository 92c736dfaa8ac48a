//! Trust on real repositories (issue 10 §2, configuration): include resolution as nginx does
//! it, servers that serve nothing, templates, discovery and noise. Each case was seen on public
//! repositories (h5bp/server-configs-nginx, Helm charts, docker-library images).

use std::path::{Path, PathBuf};

use pyward_config::{ConfigOptions, scan};
use pyward_core::{Report, RuleSelector};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(dir: &Path) -> Report {
    run_with(dir, RuleSelector::default())
}

fn run_with(dir: &Path, selector: RuleSelector) -> Report {
    let options = ConfigOptions {
        selector,
        ..ConfigOptions::default()
    };
    let mut report = Report::new("config");
    scan(&[PathBuf::from(dir)], &options, &mut report);
    report.normalize();
    report
}

fn codes_in(report: &Report, file: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.location.path.as_deref() == Some(file))
        .map(|f| f.code.clone())
        .collect()
}

const HEADERS: &str = "add_header X-Content-Type-Options nosniff always;\nadd_header X-Frame-Options DENY always;\nadd_header Referrer-Policy strict-origin always;\nadd_header Content-Security-Policy \"default-src 'self'\" always;\n";

/// h5bp layout: nginx.conf includes conf.d/*.conf, whose servers include `h5bp/basic.conf`
/// relative to the configuration prefix (the directory of nginx.conf), not to conf.d/.
#[test]
fn nginx_relative_includes_resolve_against_the_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "nginx.conf",
        "http {\n    server_tokens off;\n    include conf.d/*.conf;\n}\n",
    );
    write(
        d,
        "conf.d/site.conf",
        "server {\n    listen 80;\n    root /srv/www;\n    include h5bp/basic.conf;\n    include h5bp/not-in-this-snapshot.conf;\n}\n",
    );
    // A fragment not included by nginx.conf (a template to copy) resolves the same way.
    write(
        d,
        "conf.d/templates/example.conf",
        "server {\n    listen 80;\n    root /srv/www;\n    include h5bp/basic.conf;\n}\n",
    );
    write(
        d,
        "h5bp/basic.conf",
        &format!("{HEADERS}location ~ /\\.(?!well-known) {{ deny all; }}\n"),
    );
    let report = run(d);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(
        report.warnings.iter().any(|w| w
            .contains("conf.d/site.conf:5: include h5bp/not-in-this-snapshot.conf: no such file")),
        "{:?}",
        report.warnings
    );
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    // One base for every displayed path: the scanned directory.
    assert!(
        report.inputs.contains(&"h5bp/basic.conf".to_string()),
        "{:?}",
        report.inputs
    );
}

#[test]
fn servers_that_serve_nothing_are_not_held_to_header_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "nginx.conf",
        "http {\n    server_tokens off;\n\
         server { listen 80 default_server; server_name _; return 444; }\n\
         server { listen 443 ssl default_server; ssl_reject_handshake on; }\n\
         server { listen unix:/run/app.sock; location / { proxy_pass http://app; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto $scheme; } }\n\
         server { listen 127.0.0.1:8080; location /status { stub_status; allow 127.0.0.1; deny all; } }\n\
         server { listen 80; location / { return 421; } location /old { return 301 https://example.com/; } }\n\
         server { listen 80; location / { root /srv/www; } }\n\
         }\n",
    );
    let report = run(d);
    let lines: Vec<u32> = report
        .findings
        .iter()
        .filter(|f| matches!(f.code.as_str(), "NGX005" | "NGX006" | "NGX007" | "NGX008"))
        .filter_map(|f| f.location.line())
        .collect();
    // Only the last server serves pages.
    assert_eq!(lines, vec![8, 8, 8, 8], "{:#?}", report.findings);
}

#[test]
fn helm_templates_are_skipped_not_half_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "chart/Chart.yaml",
        "apiVersion: v2\nname: app\nversion: 1.0.0\n",
    );
    write(
        d,
        "chart/templates/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"app.fullname\" . }}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n        {{- with .Values.securityContext }}\n        securityContext:\n          {{- toYaml . | nindent 12 }}\n        {{- end }}\n",
    );
    let report = run(d);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.starts_with("chart/templates/deployment.yaml: skipped: template")),
        "{:?}",
        report.warnings
    );
    // Nothing in it was audited, so it is not an input.
    assert!(report.inputs.is_empty(), "{:?}", report.inputs);
}

#[test]
fn discovery_finds_named_dockerfiles_and_systemd_dropins() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "docker/Dockerfile-prod",
        "FROM python:3.12\nUSER app\nADD http://example.com/x.tgz /x\n",
    );
    write(
        d,
        "docker/Dockerfile_dev",
        "FROM python:3.12\nUSER app\nADD http://example.com/x.tgz /x\n",
    );
    write(
        d,
        "api.Dockerfile",
        "FROM python:3.12\nUSER app\nADD http://example.com/x.tgz /x\n",
    );
    // The unit alone runs as root; its drop-in sets the user.
    write(
        d,
        "units/app.service",
        "[Service]\nExecStart=/usr/bin/app\nNoNewPrivileges=yes\nProtectSystem=strict\nPrivateTmp=yes\n",
    );
    write(
        d,
        "units/app.service.d/override.conf",
        "[Service]\nUser=app\n",
    );
    write(
        d,
        "units/web.service",
        "[Service]\nExecStart=/usr/bin/web\nNoNewPrivileges=yes\nProtectSystem=strict\nPrivateTmp=yes\n",
    );
    write(
        d,
        "units/web.service.d/10-root.conf",
        "[Service]\nUser=root\n",
    );
    // A user unit runs as its user, never as root.
    write(
        d,
        "home/.config/systemd/user/sync.service",
        "[Service]\nExecStart=/usr/bin/sync\nNoNewPrivileges=yes\nProtectSystem=strict\nPrivateTmp=yes\n",
    );
    let report = run(d);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    for file in [
        "docker/Dockerfile-prod",
        "docker/Dockerfile_dev",
        "api.Dockerfile",
    ] {
        assert!(
            codes_in(&report, file).contains(&"DKR005".to_string()),
            "{file}"
        );
    }
    assert!(codes_in(&report, "units/app.service").is_empty());
    assert_eq!(
        codes_in(&report, "units/web.service.d/10-root.conf"),
        vec!["SYS001"]
    );
    assert!(codes_in(&report, "home/.config/systemd/user/sync.service").is_empty());
    assert!(
        report
            .inputs
            .contains(&"units/app.service.d/override.conf".to_string())
    );
}

#[test]
fn noise_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // git keeps no modes: a .env in a checkout gets no mode finding.
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write(
        d,
        ".env",
        "LOG_LEVEL=info\nPOSTGRES_PASSWORD=/run/secrets/postgres\nDB_PASSWORD_FILE=/run/secrets/db\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join(".env"), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    // sshd without UsePAM: keyboard-interactive has nothing to prompt with.
    write(
        d,
        "etc/ssh/sshd_config",
        "PermitRootLogin no\nPasswordAuthentication no\n",
    );
    // A gunicorn config run by the project's own image must bind every interface.
    write(d, "app/gunicorn.conf.py", "bind = \"0.0.0.0:8000\"\n");
    write(
        d,
        "app/Dockerfile",
        "FROM python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000\nUSER app\nCMD [\"gunicorn\", \"-c\", \"gunicorn.conf.py\", \"app:app\"]\n",
    );
    // Digest advice: once per file, with a count.
    write(
        d,
        "multi/Dockerfile",
        "FROM node:20 AS assets\nRUN true\nFROM golang:1.22 AS build\nRUN true\nFROM python:3.12\nUSER app\n",
    );
    write(
        d,
        "bad/Dockerfile",
        "FROM python:sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nUSER app\n",
    );
    let report = run(d);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    for quiet in ["ENV001", "ENV002", "SSH003", "APP001"] {
        assert!(!codes.contains(&quiet), "{quiet}: {:#?}", report.findings);
    }
    let dkr003: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "DKR003")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(dkr003.len(), 2, "{dkr003:?}");
    assert!(
        dkr003
            .iter()
            .any(|m| m.contains("node:20") && m.contains("and 2 more")),
        "{dkr003:?}"
    );
    assert!(
        dkr003
            .iter()
            .any(|m| m.contains("write it as python@sha256:") && !m.contains("python:sha256@")),
        "{dkr003:?}"
    );
}

#[test]
fn ssh003_still_fires_with_pam() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "etc/ssh/sshd_config",
        "UsePAM yes\nPasswordAuthentication no\n",
    );
    let report = run_with(dir.path(), RuleSelector::new(vec!["SSH003".into()], vec![]));
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
}

/// One deny-all policy in one project hid the findings of every other project in the scan.
#[test]
fn network_policy_coverage_is_per_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let deploy = |name: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers:\n        - name: c\n          image: registry.example.com/{name}:1.0.0\n"
        )
    };
    let deny_all = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n";
    write(
        d,
        "shop/kustomization.yaml",
        "resources: [deploy.yaml, netpol.yaml]\n",
    );
    write(d, "shop/deploy.yaml", &deploy("shop"));
    write(d, "shop/netpol.yaml", deny_all);
    write(d, "blog/kustomization.yaml", "resources: [deploy.yaml]\n");
    write(d, "blog/deploy.yaml", &deploy("blog"));
    write(d, "blog/base/deploy.yaml", &deploy("blog-worker"));
    let report = run_with(d, RuleSelector::new(vec!["K8S012".into()], vec![]));
    let files: Vec<&str> = report
        .findings
        .iter()
        .filter_map(|f| f.location.path.as_deref())
        .collect();
    assert_eq!(
        files,
        vec!["blog/base/deploy.yaml", "blog/deploy.yaml"],
        "{:#?}",
        report.findings
    );
}

/// Compose `env_file` targets have free names (`web.env`): they were never audited.
#[test]
fn compose_env_files_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "app/docker-compose.yml",
        "services:\n  web:\n    image: registry.example.com/web:1.0.0\n    env_file:\n      - config/web.env\n      - path: ./optional.env\n        required: false\n  worker:\n    image: registry.example.com/web:1.0.0\n    env_file: config/web.env\n",
    );
    write(
        d,
        "app/config/web.env",
        "SECRET_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0\nDB_PASSWORD_FILE=/run/secrets/db\n",
    );
    let report = run_with(d, RuleSelector::new(vec!["ENV001".into()], vec![]));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(codes_in(&report, "app/config/web.env"), vec!["ENV001"]);
    assert!(report.inputs.contains(&"app/config/web.env".to_string()));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("env_file ./optional.env: no such file")),
        "{:?}",
        report.warnings
    );
    assert!(!format!("{report:?}").contains("9f8e7d6c5b4a"));
}
