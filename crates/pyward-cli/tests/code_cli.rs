//! End-to-end tests of `pyward code` through the binary: exit codes, filters, formats.

mod common;

use common::{pyward, repo_root, run};

fn code(args: &[&str]) -> common::Output {
    run(pyward().current_dir(repo_root()).arg("code").args(args))
}

#[test]
fn example_app_findings_and_exit_code() {
    let out = code(&["examples/flask-shop"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("high[PY602]"), "{}", out.stdout);
    assert!(
        out.stdout.contains("1 suppressed"),
        "the nosec'd md5 is suppressed"
    );
    insta::assert_snapshot!("code_example_text", out.stdout);
}

#[test]
fn thresholds_and_filters() {
    // Nothing critical in the example.
    assert_eq!(
        code(&["examples/flask-shop", "--fail-on", "critical"]).code,
        0
    );
    // One line per finding, to read the codes and severities.
    let code = |args: &[&str]| code(&[args, &["--format", "concise"]].concat());
    // Bandit-style filters drop lower findings from the report.
    let out = code(&["examples/flask-shop", "--severity-level", "high"]);
    assert!(!out.stdout.contains("[low]") && !out.stdout.contains("[medium]"));
    assert!(out.stdout.contains("[high]"));
    // Selection by Bandit ID and by name.
    let out = code(&["examples/flask-shop", "--select", "B602,yaml-load"]);
    let codes: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|c| c.starts_with("PY"))
        .collect();
    assert_eq!(codes, vec!["PY602", "PY506"], "{}", out.stdout);
    // --ignore-nosec brings the suppressed finding back.
    let out = code(&["examples/flask-shop", "--ignore-nosec", "--select", "B324"]);
    assert_eq!(out.stdout.matches("PY324").count(), 2, "{}", out.stdout);
}

#[test]
fn sarif_rules_carry_cwe_and_bandit_id() {
    let out = code(&["examples/flask-shop", "--format", "sarif"]);
    assert_eq!(out.code, 1);
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&out.stdout).unwrap();
    let rules = sarif.runs[0].tool.driver.rules.as_ref().unwrap();
    let b602 = rules.iter().find(|r| r.id == "PY602").expect("PY602 rule");
    let props = serde_json::to_value(b602.properties.as_ref().unwrap()).unwrap();
    assert_eq!(props["bandit_id"], "B602");
    assert_eq!(props["cwe"], "CWE-78");
}

#[test]
fn broken_files_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.py"),
        "import os\nos.system(input())\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.py"), "def f(:\n    pass\n").unwrap();
    std::fs::write(dir.path().join("bin.py"), b"x = 1\x00\xff\n").unwrap();
    let out = run(pyward().current_dir(dir.path()).args(["code", "."]));
    // The default text format frames the finding's line.
    assert!(out.stdout.contains("[PY605]: "), "{}", out.stdout);
    assert!(out.stdout.contains(" --> good.py:2:1\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("2 | os.system(input())\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("bad.py:1:"), "{}", out.stdout);
    assert!(out.stdout.contains("bin.py"), "{}", out.stdout);
    assert_eq!(out.code, 2, "an unreadable file makes the exit code 2");
}

#[test]
fn secrets_in_text_files_only_when_asked_and_always_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let key = "AKIAIOSFODNN7EXAMPLQ";
    std::fs::write(
        dir.path().join(".env"),
        format!("AWS_ACCESS_KEY_ID={key}\n"),
    )
    .unwrap();
    let out = run(pyward().current_dir(dir.path()).args(["code", "."]));
    assert!(!out.stdout.contains("SEC001"), "{}", out.stdout);
    let out = run(pyward().current_dir(dir.path()).args([
        "code",
        ".",
        "--scan-text-files",
        "--format",
        "json",
    ]));
    assert!(out.stdout.contains("SEC001"), "{}", out.stdout);
    assert!(
        !out.stdout.contains(key),
        "the key is printed unredacted: {}",
        out.stdout
    );
}

/// Known secret values planted in Python and text files never reach any output format, in
/// findings, suppressed findings (`-v`) or snippets.
#[test]
fn planted_secrets_never_appear_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = [
        "hunter2-dev-password",
        "Pa55w0rd-In-A-Call",
        "default-pw-in-signature",
        "flask-secret-key-change-me",
        "jwt-signing-key-9f8e7d6c",
        "Zq8vN2xL0pR7tY4wK6mB1cD9",
        "AKIAZ3MHSNVXBEXK4QTR",
        "nosecced-password-value",
        "django-insecure-0123456789abcdefghij",
    ];
    std::fs::write(
        dir.path().join("app.py"),
        format!(
            r#"import jwt
from flask import Flask
app = Flask(__name__)
password = "{}"
db.connect(user="u", password="{}")
def login(user, password="{}"):
    pass
app.config["SECRET_KEY"] = "{}"
token = jwt.encode(payload, "{}", algorithm="HS256")
API_SECRET = "{}"
AWS_KEY = "{}"
admin_password = "{}"  # nosec
"#,
            secrets[0],
            secrets[1],
            secrets[2],
            secrets[3],
            secrets[4],
            secrets[5],
            secrets[6],
            secrets[7]
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("proj")).unwrap();
    std::fs::write(
        dir.path().join("proj/settings.py"),
        format!(
            "DEBUG = False\nSECRET_KEY = \"{}\"\nALLOWED_HOSTS = ['x']\n",
            secrets[8]
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "AWS_ACCESS_KEY_ID={}\nDB_PASSWORD={}\n",
            secrets[6], secrets[5]
        ),
    )
    .unwrap();
    for format in ["text", "concise", "json", "sarif", "markdown", "html"] {
        let out = run(pyward().current_dir(dir.path()).args([
            "code",
            ".",
            "--scan-text-files",
            "--include-tests",
            "-v",
            "--format",
            format,
        ]));
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        for codes in ["PY105", "PY106", "PY107", "FL001", "AUTH002", "SEC"] {
            assert!(
                out.stdout.contains(codes),
                "{format}: no {codes}\n{}",
                out.stdout
            );
        }
        for secret in secrets {
            assert!(
                !out.stdout.contains(secret) && !out.stderr.contains(secret),
                "{format} prints `{secret}`:\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn comment_suppressions_are_in_source_in_sarif() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.py"),
        "eval(a)  # nosec\neval(b)  # noqa: S307\neval(c)  # pyward: ignore[PY307]\n",
    )
    .unwrap();
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["code", ".", "-f", "sarif"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for r in results {
        assert_eq!(r["suppressions"][0]["kind"], "inSource", "{r}");
    }
}

#[test]
fn test_code_is_hidden_and_counted_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::write(dir.path().join("tests/test_a.py"), "assert x\neval(a)\n").unwrap();
    std::fs::write(dir.path().join("app.py"), "eval(b)\n").unwrap();
    let out = run(pyward().current_dir(dir.path()).args(["code", "."]));
    assert_eq!(out.code, 1);
    assert!(!out.stdout.contains("test_a.py"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("1 finding in tests, examples and dev/CI files not shown (--include-tests)"),
        "{}",
        out.stdout
    );
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["code", ".", "-f", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["stats"]["test_findings_hidden"], 1);
    let out = run(pyward().current_dir(dir.path()).args([
        "code",
        ".",
        "--include-tests",
        "-f",
        "concise",
    ]));
    assert!(
        out.stdout.contains("tests/test_a.py:2:1: PY307"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("PY101"), "{}", out.stdout);
    // Bandit's behaviour: asserts in tests too, nothing hidden.
    let out = run(pyward().current_dir(dir.path()).args([
        "code",
        ".",
        "--profile",
        "bandit",
        "-f",
        "concise",
    ]));
    assert!(
        out.stdout.contains("tests/test_a.py:1:1: PY101"),
        "{}",
        out.stdout
    );
    // Configured test paths.
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[tool.pyward]\ntest-paths = [\"app.py\"]\n",
    )
    .unwrap();
    let out = run(pyward()
        .current_dir(dir.path())
        .args(["code", ".", "-f", "concise"]));
    assert!(
        out.stdout.contains("tests/test_a.py:2:1: PY307"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("app.py:"), "{}", out.stdout);
}

#[test]
fn deep_and_self_referential_files_never_take_the_run_down() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("chain.py"),
        format!("x = a{}\n", ".b".repeat(800_000)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sql.py"),
        "sql = \"SELECT a FROM t\"\nsql = sql + \" WHERE x > \" + str(n)\ncur.execute(sql)\neval(y)\n",
    )
    .unwrap();
    let out = run(pyward().current_dir(dir.path()).args(["code", "."]));
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("error: chain.py"), "{}", out.stdout);
    assert!(out.stdout.contains("limit 20000"), "{}", out.stdout);
    assert!(out.stdout.contains("[PY307]: "), "{}", out.stdout);
    assert!(out.stdout.contains(" --> sql.py:4:1\n"), "{}", out.stdout);
}
