//! The HTML format: snapshot of a small report, escaping of hostile content, the CSP hashes and
//! determinism. The browser tests live in `pyward-cli/tests/html_browser.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use pyward_core::{Confidence, Finding, Fix, Location, Registry, Report, RuleMeta, Severity, Span};
use pyward_report::{Format, RenderOptions, SourceLookup, render_to_string};
use serde_json::json;
use sha2::{Digest, Sha256};

static PY102: RuleMeta = RuleMeta {
    code: "PY102",
    name: "subprocess-shell-true",
    analyzer: "code",
    summary: "`subprocess` call with `shell=True`",
    severity: Severity::High,
    confidence: Confidence::High,
    cwe: Some(78),
    bandit_id: Some("B602"),
    docs: " ## What it does\n Checks for `subprocess` calls that run a shell.\n\n ## Example\n ```python\n subprocess.run(cmd, shell=True)\n ```\n\n ## References\n - [CWE-78](https://cwe.mitre.org/data/definitions/78.html)\n",
};

static PY105: RuleMeta = RuleMeta {
    code: "PY105",
    name: "hardcoded-password",
    analyzer: "code",
    summary: "Hard-coded password",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    cwe: Some(259),
    bandit_id: None,
    docs: "",
};

static NGX001: RuleMeta = RuleMeta {
    code: "NGX001",
    name: "server-tokens-on",
    analyzer: "config",
    summary: "nginx announces its version",
    severity: Severity::Low,
    confidence: Confidence::High,
    cwe: Some(200),
    bandit_id: None,
    docs: "",
};

fn registry() -> Registry {
    let mut r = Registry::new();
    r.extend([&PY102, &PY105, &NGX001]);
    r
}

struct Sources(HashMap<&'static str, Arc<str>>);

impl SourceLookup for Sources {
    fn source(&self, path: &str) -> Option<Arc<str>> {
        self.0.get(path).cloned()
    }
}

const XSS: &str = "<img src=x onerror=alert(1)>.py";

fn sources() -> Sources {
    Sources(HashMap::from([
        (
            "app/views.py",
            Arc::from(
                "import subprocess\n\ndef run(cmd):\n    subprocess.run(f\"ls {cmd}\", shell=True)\n",
            ),
        ),
        (
            "app/settings.py",
            Arc::from("DEBUG = False\nPASSWORD = \"correct-horse-battery-staple\"\n"),
        ),
        (XSS, Arc::from("x = '</code><script>alert(1)</script>'\n")),
    ]))
}

fn report() -> Report {
    let mut report = Report::new("scan");
    report.findings = vec![
        Finding::new(
            &PY102,
            "subprocess.run() with shell=True",
            Location::file("app/views.py", Some(Span::on_line(4, 5, 42))),
        )
        .with_fix(Fix {
            description: "pass the command as a list and drop shell=True".into(),
            edits: Vec::new(),
            command: None,
        })
        .with_meta("cwe", "CWE-78"),
        Finding::new(
            &PY105,
            "Possible hard-coded password",
            Location::file("app/settings.py", Some(Span::on_line(2, 12, 30))),
        ),
        Finding::new(
            &NGX001,
            "server_tokens is on",
            Location::file("deploy/nginx.conf", Some(Span::line(3))),
        ),
        Finding::new(
            &PY102,
            "shell <b>injection</b> in \"quotes\" & 'apostrophes'",
            Location::file(XSS, Some(Span::on_line(1, 5, 10))),
        ),
    ];
    report.inputs = vec![
        "app/settings.py".into(),
        "app/views.py".into(),
        "deploy/nginx.conf".into(),
        XSS.into(),
    ];
    report.warnings = vec!["warning about <script>".into()];
    report
        .stats
        .insert("code".into(), json!({"files": 3, "lines": 7}));
    report
        .stats
        .insert("timings_ms".into(), json!({"code": 12, "config": 3}));
    report.normalize();
    report
}

fn html(report: &Report) -> String {
    let reg = registry();
    let sources = sources();
    let mut opts = RenderOptions::new(&reg, "0.1.0");
    opts.sources = Some(&sources);
    render_to_string(report, Format::Html, &opts)
}

/// The page between `<body>` and the script, the part that depends on the report.
fn body(page: &str) -> &str {
    let start = page.find("<body>").unwrap();
    let end = page.rfind("<script>").unwrap();
    &page[start..end]
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!(body(&html(&report())));
}

#[test]
fn html_is_deterministic_and_self_contained() {
    let a = html(&report());
    assert_eq!(a, html(&report()));
    assert!(a.starts_with("<!DOCTYPE html>"));
    // Nothing that loads from elsewhere: no src/url()/imports, only http(s) links to click.
    for needle in [
        " src=\"",
        "url(",
        "@import",
        "<link",
        "<iframe",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(!a.contains(needle), "page contains {needle}");
    }
}

#[test]
fn html_csp_hashes_match_the_inline_style_and_script() {
    let page = html(&report());
    let hash = |open: &str, close: &str| {
        let start = page.find(open).unwrap() + open.len();
        let end = start + page[start..].find(close).unwrap();
        let digest = Sha256::digest(&page.as_bytes()[start..end]);
        format!("'sha256-{}'", b64(&digest))
    };
    let csp_start = page
        .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .unwrap();
    let csp = &page[csp_start..csp_start + page[csp_start..].find('>').unwrap()];
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("img-src data:"), "{csp}");
    assert!(
        csp.contains(&format!("script-src {}", hash("<script>", "</script>"))),
        "{csp}"
    );
    assert!(
        csp.contains(&format!("style-src {}", hash("<style>", "</style>"))),
        "{csp}"
    );
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("unsafe-eval") && !page.contains("unsafe-inline"));
}

#[test]
fn html_script_never_builds_markup() {
    let page = html(&report());
    let start = page.rfind("<script>").unwrap();
    let script = &page[start..];
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        "setAttribute(\"on",
        "fetch(",
    ] {
        assert!(!script.contains(sink), "the page script uses {sink}");
    }
}

#[test]
fn html_escapes_scanned_content() {
    let page = html(&report());
    assert!(!page.contains("<img"), "raw <img in the page");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;.py"));
    assert!(!page.contains("<b>injection"));
    assert!(!page.contains("alert(1)</script>"));
    assert!(!page.contains("warning about <script>"));
    // The password in the frame is masked, as in every other format.
    assert!(
        !page.contains("correct-horse-battery-staple"),
        "secret in page"
    );
    // Trojan Source and control characters are shown, not obeyed.
    let mut r = report();
    r.findings[0].message = "a\u{202e}b\u{1b}[2J\u{2028}c".into();
    let page = html(&r);
    for c in ['\u{202e}', '\u{1b}', '\u{2028}'] {
        assert!(!page.contains(c), "{c:?} in page");
    }
}

#[test]
fn html_empty_report() {
    let page = html(&Report::new("code"));
    assert!(page.contains("<p id=\"none\" class=\"empty\">No findings.</p>"));
    assert!(page.contains("data-total=\"0\""));
}

#[test]
fn html_five_thousand_findings_stay_small() {
    let page = html(&big_report(5_000));
    assert_eq!(page.matches("<tbody class=\"f\"").count(), 5_000);
    assert!(page.len() < 5 * 1024 * 1024, "{} bytes", page.len());
}

/// A synthetic report of `n` findings over `n / 10` files.
pub fn big_report(n: usize) -> Report {
    let mut report = Report::new("scan");
    for i in 0..n {
        let rule = [&PY102, &PY105, &NGX001][i % 3];
        let path = format!("pkg{}/module_{}.py", i % 17, i / 10);
        report.findings.push(
            Finding::new(
                rule,
                format!("synthetic finding number {i}"),
                Location::file(path, Some(Span::on_line((i % 40) as u32 + 1, 5, 12))),
            )
            .with_severity(Severity::ALL[i % 6]),
        );
    }
    report.normalize();
    report
}

fn b64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
