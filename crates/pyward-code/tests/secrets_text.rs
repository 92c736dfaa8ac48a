//! Hard-coded secrets in non-Python text files (`scan_text` and `scan_text_files`).

use std::path::Path;

use pyward_code::{CodeOptions, scan, scan_text};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

const ENV: &str = "DEBUG=1\nSTRIPE_API_KEY=Qz7Lm2Xv9Pn4Kd8WtR3b\nDATABASE_URL=postgres://shop:Vx9q2LmR7t@db.internal/shop\nAPI_KEY=${API_KEY}\n";
const YAML: &str = "aws:\n  access_key_id: AKIAQ3EGRZ7XNMP4WJ2Y\n  region: eu-west-1\nsentry:\n  client_secret: \"Rk3Mn8Qz1Xw6Lp4Tv9Yb\"\n  secret_file: /run/secrets/sentry_client_secret\n";
const DOCKERFILE: &str =
    "FROM python:3.13-slim\nENV GITLAB_TOKEN=glpat-Xy7Pq2Lm9Rt4Vn8Kd3Wz\nENV PYTHONUNBUFFERED=1\n";
const JSON: &str = "{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\",\n  \"client_email\": \"app@project.iam.gserviceaccount.com\"\n}\n";

#[test]
fn scan_text_finds_provider_and_generic_secrets_redacted() {
    let findings = scan_text(".env", ENV, &CodeOptions::default());
    let got: Vec<(u32, &str)> = findings
        .iter()
        .map(|f| (f.location.line().unwrap_or(0), f.code.as_str()))
        .collect();
    assert_eq!(got, [(2, "SEC002"), (3, "SEC001")]);
    for f in &findings {
        assert!(!f.message.contains("Qz7Lm2Xv9Pn4Kd8WtR3b"), "{}", f.message);
        assert!(!f.message.contains("Vx9q2LmR7t"), "{}", f.message);
    }
    assert!(
        findings[0].message.contains("`Q…b (20 chars)`"),
        "{}",
        findings[0].message
    );
}

#[test]
fn text_files_are_scanned_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), ".env", ENV);
    write(dir.path(), "config.yaml", YAML);
    write(dir.path(), "Dockerfile", DOCKERFILE);
    write(dir.path(), "sa.json", JSON);
    write(dir.path(), "notes.txt", "token: AKIAQ3EGRZ7XNMP4WJ2Y\n");

    let off = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert!(off.findings.is_empty());
    assert!(off.inputs.is_empty());

    let opts = CodeOptions {
        scan_text_files: true,
        ..CodeOptions::default()
    };
    let report = scan(&[dir.path().to_path_buf()], &opts);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut got: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            let file = f
                .location
                .path
                .as_deref()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("");
            format!(
                "{file}:{} {} {}",
                f.location.line().unwrap_or(0),
                f.code,
                f.message
            )
        })
        .collect();
    got.sort();
    insta::assert_snapshot!(got.join("\n"));
    // notes.txt is not a covered type.
    assert_eq!(report.inputs.len(), 4, "{:?}", report.inputs);
}
