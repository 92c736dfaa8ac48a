//! End-to-end tests of every emitter over one hand-built report.

use std::collections::HashMap;
use std::sync::Arc;

use pyward_core::finding::{Edit, Suppressed, SuppressionKind};
use pyward_core::{
    AdvisoryRef, Confidence, CvssRef, Finding, Fix, Location, Package, Registry, Report, RuleMeta,
    ScanError, Severity, Span,
};
use pyward_report::json::{JsonOutput, SCHEMA_VERSION};
use pyward_report::{Format, RenderOptions, SourceLookup, render, render_to_string};
use serde_json::{Value, json};

static DEP001: RuleMeta = RuleMeta {
    code: "DEP001",
    name: "vulnerable-dependency",
    analyzer: "deps",
    summary: "A dependency has a known vulnerability",
    severity: Severity::High,
    confidence: Confidence::High,
    cwe: Some(1395),
    bandit_id: None,
    docs: "## What it does\nReports dependencies pinned to a version with a published advisory.\n\n\
           ## Why is this bad\nKnown vulnerabilities have public exploits.\n",
};

static PY102: RuleMeta = RuleMeta {
    code: "PY102",
    name: "subprocess-shell-true",
    analyzer: "code",
    summary: "`subprocess` call with `shell=True`",
    severity: Severity::High,
    confidence: Confidence::High,
    cwe: Some(78),
    bandit_id: Some("B602"),
    docs: "## What it does\n\nChecks for `subprocess` calls that run a shell.\n\n\
           ## Why is this bad\n\nUntrusted input in the command line becomes shell injection.\n",
};

static WEB003: RuleMeta = RuleMeta {
    code: "WEB003",
    name: "missing-hsts",
    analyzer: "probe",
    summary: "HTTPS response without Strict-Transport-Security",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    cwe: Some(319),
    bandit_id: None,
    docs: "",
};

fn registry() -> Registry {
    let mut r = Registry::new();
    r.extend([&DEP001, &PY102, &WEB003]);
    r
}

fn dependency_finding() -> Finding {
    Finding::new(
        &DEP001,
        "Django SQL injection in QuerySet.values() (PYSEC-2024-1)",
        Location::file("requirements.txt", Some(Span::line(3)))
            .with_package("django", Some("3.2.0".to_string())),
    )
    .with_severity(Severity::Critical)
    .with_fix(Fix {
        description: "upgrade django to 4.2.16".to_string(),
        edits: Vec::new(),
        command: Some("uv lock --upgrade-package django".to_string()),
    })
    .with_advisory(AdvisoryRef {
        id: "PYSEC-2024-1".into(),
        aliases: vec!["CVE-2024-42005".into(), "GHSA-pv4p-cwwg-4rph".into()],
        summary: Some("SQL injection in QuerySet.values() and values_list()".into()),
        fixed_versions: vec!["4.2.15".into(), "5.0.8".into()],
        references: vec![
            "https://www.djangoproject.com/weblog/2024/aug/06/security-releases/".into(),
        ],
        cvss: Some(CvssRef {
            kind: "CVSS_V3".into(),
            vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".into(),
            score: Some(9.8),
        }),
        severity_source: Some("PYSEC-2024-1".into()),
        published: Some("2024-08-07T15:15:00Z".into()),
        modified: "2024-08-12T00:00:00Z".into(),
    })
    .with_meta("package", "django")
    .with_meta("version", "3.2.0")
    .with_meta("fix_version", "4.2.16")
    .with_meta("parents", Vec::<String>::new())
    .with_meta("group", "main")
}

fn code_finding(path: &str, line: u32) -> Finding {
    Finding::new(
        &PY102,
        "subprocess.run() with shell=True and a formatted command | check input",
        Location::file(path, Some(Span::on_line(line, 5, 17))),
    )
    .with_fix(Fix {
        description: "pass the command as a list and drop shell=True".to_string(),
        edits: vec![Edit {
            path: path.to_string(),
            span: Span::on_line(line, 30, 10),
            replacement: "shell=False".to_string(),
        }],
        command: None,
    })
}

fn url_finding() -> Finding {
    Finding::new(
        &WEB003,
        "https://example.com/ sends no Strict-Transport-Security header",
        Location::url("https://example.com/"),
    )
}

fn sample_report() -> Report {
    let mut report = Report::new("scan");
    report.findings = vec![
        code_finding("app/my views.py", 42),
        url_finding(),
        dependency_finding(),
    ];
    report.errors = vec![ScanError {
        path: "poetry.lock".to_string(),
        message: "expected a `[[package]]` table at line 7".to_string(),
    }];
    report.warnings = vec!["the advisory database is 45 days old".to_string()];
    report.suppressed = vec![Suppressed {
        finding: code_finding("scripts/deploy.py", 7),
        reason: "ignored by pyproject.toml: reviewed, the input is constant".to_string(),
        kind: SuppressionKind::External,
    }];
    report.inputs = vec![
        "app/my views.py".to_string(),
        "https://example.com/".to_string(),
        "requirements.txt".to_string(),
        "scripts/deploy.py".to_string(),
    ];
    report.stats.insert("advisories".to_string(), json!(2661));
    report.stats.insert("packages".to_string(), json!(12));
    report
}

fn output(report: &Report, format: Format, opts: &RenderOptions) -> String {
    let mut buf = Vec::new();
    render(report, format, opts, &mut buf).expect("writing to a Vec cannot fail");
    String::from_utf8(buf).expect("emitters write UTF-8")
}

/// Source files for code frames, by report path.
struct Sources(HashMap<&'static str, Arc<str>>);

impl SourceLookup for Sources {
    fn source(&self, path: &str) -> Option<Arc<str>> {
        self.0.get(path).cloned()
    }
}

fn sources(files: &[(&'static str, &str)]) -> Sources {
    Sources(
        files
            .iter()
            .map(|(path, text)| (*path, Arc::from(*text)))
            .collect(),
    )
}

/// The files of [`sample_report`]: `app/my views.py` (its line 42 holds the call) and
/// `requirements.txt`; `scripts/deploy.py` is not readable.
fn sample_sources() -> Sources {
    let mut views = String::from("import subprocess\n");
    views.push_str(&"\n".repeat(39));
    views.push_str("def archive(d):\n    subprocess.run(f\"ls {d}\", shell=True)\n");
    sources(&[
        ("app/my views.py", &views),
        (
            "requirements.txt",
            "flask==3.0.3\n# web\ndjango==3.2.0\nrequests\n",
        ),
    ])
}

/// [`sample_report`] with the call's full span (`subprocess.run(…)`, 37 characters).
fn framed_report() -> Report {
    let mut report = sample_report();
    report.findings[0].location.span = Some(Span::on_line(42, 5, 37));
    report
}

#[test]
fn text_plain() {
    let reg = registry();
    let src = sample_sources();
    let opts = RenderOptions {
        sources: Some(&src),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    insta::assert_snapshot!(output(&framed_report(), Format::Text, &opts));
}

#[test]
fn text_color() {
    let reg = registry();
    let src = sample_sources();
    let opts = RenderOptions {
        color: true,
        sources: Some(&src),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let out = output(&framed_report(), Format::Text, &opts);
    assert!(out.contains("\u{1b}["), "colour output has ANSI escapes");
    insta::assert_snapshot!(out);
}

#[test]
fn text_verbose_without_fixes() {
    let reg = registry();
    let src = sample_sources();
    let opts = RenderOptions {
        verbose: true,
        show_fixes: false,
        sources: Some(&src),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let out = output(&framed_report(), Format::Text, &opts);
    assert!(!out.contains("help:"));
    insta::assert_snapshot!(out);
}

#[test]
fn concise_plain() {
    let reg = registry();
    let src = sample_sources();
    let opts = RenderOptions {
        sources: Some(&src),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    insta::assert_snapshot!(output(&sample_report(), Format::Concise, &opts));
}

#[test]
fn concise_color() {
    let reg = registry();
    let opts = RenderOptions {
        color: true,
        ..RenderOptions::new(&reg, "0.1.0")
    };
    insta::assert_snapshot!(output(&sample_report(), Format::Concise, &opts));
}

#[test]
fn concise_verbose_without_fixes() {
    let reg = registry();
    let opts = RenderOptions {
        verbose: true,
        show_fixes: false,
        ..RenderOptions::new(&reg, "0.1.0")
    };
    insta::assert_snapshot!(output(&sample_report(), Format::Concise, &opts));
}

/// The text report of `findings` read against `files`, without the summary line.
fn text_of(findings: Vec<Finding>, files: &[(&'static str, &str)]) -> String {
    let reg = registry();
    let src = sources(files);
    let opts = RenderOptions {
        sources: Some(&src),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let mut report = Report::new("code");
    report.findings = findings;
    let out = output(&report, Format::Text, &opts);
    let cut = out.rfind("\nFound ").expect("summary line");
    out[..cut].to_string()
}

#[test]
fn text_caret_underlines_the_span_columns() {
    let f = Finding::new(
        &PY102,
        "shell=True",
        Location::file("a.py", Some(Span::on_line(2, 19, 10))),
    );
    let out = text_of(
        vec![f],
        &[("a.py", "import subprocess\nsubprocess.run(c, shell=True)\n")],
    );
    insta::assert_snapshot!(out, @r"
    a.py (1 finding)

    high[PY102]: shell=True
     --> a.py:2:19
      |
    2 | subprocess.run(c, shell=True)
      |                   ^^^^^^^^^^
      |
      = rule: subprocess-shell-true, https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md
    ");
    // The carets start under column 19 and cover ten columns.
    let lines: Vec<&str> = out.lines().collect();
    let code = lines.iter().position(|l| l.starts_with("2 | ")).unwrap();
    let carets = lines[code + 1];
    assert_eq!(carets.find('^'), Some("2 | ".len() + 18));
    assert_eq!(carets.matches('^').count(), 10);
}

#[test]
fn text_multi_line_span_frames_every_line() {
    let f = Finding::new(
        &PY102,
        "shell=True",
        Location::file(
            "a.py",
            Some(Span {
                start: pyward_core::Position { line: 2, column: 1 },
                end: pyward_core::Position { line: 5, column: 2 },
            }),
        ),
    );
    let src = "import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)\nprint()\n";
    insta::assert_snapshot!(text_of(vec![f], &[("a.py", src)]), @r"
    a.py (1 finding)

    high[PY102]: shell=True
     --> a.py:2:1
      |
    2 | / subprocess.run(
    3 | |     cmd,
    4 | |     shell=True,
    5 | | )
      | |_^
      |
      = rule: subprocess-shell-true, https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md
    ");
}

#[test]
fn text_without_a_readable_source_lists_the_finding_without_a_frame() {
    let out = text_of(vec![code_finding("gone.py", 3)], &[]);
    insta::assert_snapshot!(out, @r"
    gone.py (1 finding)

    high[PY102]: subprocess.run() with shell=True and a formatted command | check input
    --> gone.py:3:5
     = help: pass the command as a list and drop shell=True
     = rule: subprocess-shell-true, https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md
    ");
}

#[test]
fn text_url_and_host_findings_show_where_instead_of_a_frame() {
    let host = Finding::new(&WEB003, "no HSTS", Location::host("db.internal"));
    let out = text_of(vec![url_finding(), host], &[]);
    insta::assert_snapshot!(out, @r"
    https://example.com/ (1 finding)

    medium[WEB003]: https://example.com/ sends no Strict-Transport-Security header
    --> https://example.com/
     = rule: missing-hsts, https://github.com/pyward/pyward/blob/main/docs/rules/WEB003.md

    db.internal (1 finding)

    medium[WEB003]: no HSTS
    --> db.internal
     = rule: missing-hsts, https://github.com/pyward/pyward/blob/main/docs/rules/WEB003.md
    ");
}

static SEC001: RuleMeta = RuleMeta {
    code: "SEC001",
    name: "hardcoded-secret",
    analyzer: "code",
    summary: "A credential in source code",
    severity: Severity::High,
    confidence: Confidence::High,
    cwe: Some(798),
    bandit_id: None,
    docs: "",
};

#[test]
fn text_frames_of_secret_findings_show_no_secret() {
    let mut reg = registry();
    reg.extend([&SEC001]);
    let generic = "Zq8vP2mW7xK4nR9tY3bL6cF1";
    let aws = "AKIAIOSFODNN7EXAMPLE";
    let file = format!(
        "DB_PASSWORD = \"{generic}\"\nAWS_ACCESS_KEY_ID = {aws}\nsettings = {{'token': '{generic}'}}\n"
    );
    let src = sources(&[("settings.py", &file)]);
    let opts = RenderOptions {
        sources: Some(&src),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let mut report = Report::new("code");
    for (line, len) in [(1, 40), (2, 40), (3, 39)] {
        report.findings.push(Finding::new(
            &SEC001,
            "hard-coded credential",
            Location::file("settings.py", Some(Span::on_line(line, 1, len))),
        ));
    }
    for format in [Format::Text, Format::Concise] {
        let out = output(&report, format, &opts);
        for secret in [generic, aws, "Zq8vP2", "IOSFODNN7"] {
            assert!(!out.contains(secret), "{format} shows {secret}: {out}");
        }
    }
    let out = output(&report, Format::Text, &opts);
    assert!(out.contains("1 | DB_PASSWORD = \""), "{out}");
    assert_eq!(out.lines().filter(|l| l.contains('^')).count(), 3, "{out}");
}

#[test]
fn text_frames_escape_control_characters_in_source_lines() {
    let mut f = code_finding("evil.py", 1);
    f.location.span = Some(Span::on_line(1, 1, 40));
    let line = "x = '\u{1b}]0;pwned\u{7}\u{1b}[2J' # \u{202e}txt.yp\r\n::error::x\n";
    let out = text_of(vec![f], &[("evil.py", line)]);
    assert!(!out.contains(FORBIDDEN), "{out:?}");
    assert!(
        out.contains("1 | x = '\\x1b]0;pwned\\x07\\x1b[2J' # \\u{202e}txt.yp"),
        "{out}"
    );
    for line in out.lines() {
        assert!(!line.trim_start().starts_with("::"), "{line:?}\n{out}");
    }
}

#[test]
fn text_frames_empty_and_out_of_range_spans_without_panicking() {
    let spans = [
        Span::on_line(1, 5, 0),
        Span::on_line(1, 40, 3),
        Span {
            start: pyward_core::Position { line: 1, column: 3 },
            end: pyward_core::Position { line: 1, column: 1 },
        },
        Span::line(2),
    ];
    for span in spans {
        let mut f = code_finding("a.py", 1);
        f.location.span = Some(span);
        let out = text_of(vec![f], &[("a.py", "x = eval(q)\n\ty = 1\n")]);
        assert!(out.contains('^'), "{span:?}: {out}");
    }
}

#[test]
fn text_location_is_the_files_even_when_escapes_widen_the_line() {
    // `eval` is at column 11 of the file; the escaped line shows it at column 14.
    let mut f = code_finding("evil.py", 1);
    f.location.span = Some(Span::on_line(1, 11, 7));
    let out = text_of(vec![f], &[("evil.py", "s = '\u{1b}' + eval(x)\n")]);
    insta::assert_snapshot!(out, @r"
    evil.py (1 finding)

    high[PY102]: subprocess.run() with shell=True and a formatted command | check input
     --> evil.py:1:11
      |
    1 | s = '\x1b' + eval(x)
      |              ^^^^^^^
      |
      = help: pass the command as a list and drop shell=True
      = rule: subprocess-shell-true, https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md
    ");
}

#[test]
fn text_groups_findings_by_file() {
    let findings = vec![
        code_finding("a.py", 1),
        code_finding("a.py", 9),
        code_finding("b.py", 2),
    ];
    let out = text_of(findings, &[]);
    assert_eq!(out.matches("a.py (2 findings)").count(), 1, "{out}");
    assert_eq!(out.matches("b.py (1 finding)").count(), 1, "{out}");
    let a9 = out.find("--> a.py:9:5").unwrap();
    assert!(out.find("--> a.py:1:5").unwrap() < a9);
    assert!(a9 < out.find("b.py (1 finding)").unwrap());
}

#[test]
fn text_groups_the_advisories_of_one_package() {
    let mut second = dependency_finding();
    second.message = "django 3.2.0 is affected by GHSA-xxxx-yyyy-zzzz: denial of service".into();
    second.severity = Severity::Medium;
    if let Some(a) = second.advisory.as_mut() {
        a.id = "GHSA-xxxx-yyyy-zzzz".into();
    }
    let out = text_of(
        vec![dependency_finding(), second],
        &[("requirements.txt", "flask\n# web\ndjango==3.2.0\n")],
    );
    insta::assert_snapshot!(out, @r"
    requirements.txt (2 findings)

    critical[DEP001]: django==3.2.0: 2 advisories
     --> requirements.txt:3:1
      |
    3 | django==3.2.0
      | ^^^^^^^^^^^^^
      |
      = critical: Django SQL injection in QuerySet.values() (PYSEC-2024-1)
      = medium: GHSA-xxxx-yyyy-zzzz: denial of service
      = help: upgrade django to 4.2.16 (run `uv lock --upgrade-package django`)
      = rule: vulnerable-dependency, https://github.com/pyward/pyward/blob/main/docs/rules/DEP001.md
    ");
}

#[test]
fn text_without_colour_has_no_escapes() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    for format in Format::ALL {
        let out = output(&sample_report(), format, &opts);
        assert!(
            !out.contains('\u{1b}'),
            "{format} output contains ANSI escapes"
        );
    }
}

#[test]
fn text_empty_report() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("code");
    report.inputs = vec!["a.py".to_string(), "b.py".to_string()];
    assert_eq!(
        output(&report, Format::Text, &opts),
        "No findings in 2 inputs.\n"
    );
    report.inputs.truncate(1);
    report.errors.push(ScanError {
        path: "b.py".to_string(),
        message: "invalid syntax".to_string(),
    });
    assert_eq!(
        output(&report, Format::Text, &opts),
        "error: b.py: invalid syntax\n\nNo findings in 1 input; 1 error.\n"
    );
}

#[test]
fn text_escapes_terminal_control_sequences() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("code");
    report
        .findings
        .push(code_finding("evil\u{1b}]0;pwned\u{7}.py", 1));
    let out = output(&report, Format::Concise, &opts);
    assert!(!out.contains('\u{1b}'));
    assert!(
        out.starts_with("evil\\x1b]0;pwned\\x07.py:1:5: PY102 [high]"),
        "{out}"
    );
    let out = output(&report, Format::Text, &opts);
    assert!(!out.contains('\u{1b}'));
    assert!(
        out.starts_with("evil\\x1b]0;pwned\\x07.py (1 finding)\n"),
        "{out}"
    );
    assert!(out.contains("--> evil\\x1b]0;pwned\\x07.py:1:5\n"), "{out}");
}

#[test]
fn package_only_finding_is_labelled_by_package() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("deps");
    report.findings.push(
        Finding::new(
            &DEP001,
            "affected by PYSEC-2023-9",
            Location::default().with_package("jinja2", Some("2.10".to_string())),
        )
        .with_severity(Severity::Unknown),
    );
    let out = output(&report, Format::Concise, &opts);
    assert_eq!(
        out,
        "jinja2==2.10: DEP001 [unknown] affected by PYSEC-2023-9\n\n\
         Found 1 finding (1 unknown) in 0 inputs.\n"
    );
    insta::assert_snapshot!(output(&report, Format::Text, &opts), @r"
    dependencies (1 finding)

    unknown[DEP001]: jinja2==2.10: affected by PYSEC-2023-9
    --> jinja2==2.10
     = rule: vulnerable-dependency, https://github.com/pyward/pyward/blob/main/docs/rules/DEP001.md

    Found 1 finding (1 unknown) in 0 inputs.
    ");
}

#[test]
fn json_output() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    insta::assert_snapshot!(output(&sample_report(), Format::Json, &opts));
}

#[test]
fn json_round_trips_with_schema_version_2() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let report = sample_report();
    let out = output(&report, Format::Json, &opts);

    let raw: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(raw["schema_version"], json!(2));
    assert_eq!(raw["tool"], json!({"name": "pyward", "version": "0.1.0"}));
    assert_eq!(raw["summary"]["by_severity"]["critical"], json!(1));
    assert_eq!(raw["summary"]["max_severity"], json!("critical"));

    let doc: JsonOutput = serde_json::from_str(&out).expect("JSON reads back as JsonOutput");
    assert_eq!(doc.schema_version, SCHEMA_VERSION);
    assert_eq!(doc.schema_version, 2);
    assert_eq!(doc.command, "scan");
    assert_eq!(doc.summary.total, 3);
    assert_eq!(doc.summary.errors, 1);
    let findings: Vec<Finding> = doc.findings.iter().map(|f| f.finding.clone()).collect();
    assert_eq!(findings, report.findings);
    assert_eq!(doc.errors, report.errors);
    assert_eq!(doc.warnings, report.warnings);
    assert_eq!(doc.inputs, report.inputs);
    assert_eq!(doc.stats, report.stats);
    assert_eq!(
        doc.suppressed[0].finding.finding,
        report.suppressed[0].finding
    );
    assert!(doc.findings.iter().all(|f| f.fingerprint.len() == 32));
    // Re-serializing the parsed document gives the same bytes: nothing is lost or reordered.
    let again = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    assert_eq!(again, out);
}

#[test]
fn sarif_output() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    insta::assert_snapshot!(output(&sample_report(), Format::Sarif, &opts));
}

#[test]
fn sarif_reads_back_through_serde_sarif() {
    use serde_sarif::sarif::{ResultLevel, Sarif};

    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let report = sample_report();
    let out = output(&report, Format::Sarif, &opts);
    let log: Sarif = serde_json::from_str(&out).expect("output matches the SARIF 2.1.0 model");

    assert_eq!(log.version, json!("2.1.0"));
    assert_eq!(
        log.schema.as_deref(),
        Some("https://json.schemastore.org/sarif-2.1.0.json")
    );
    assert_eq!(log.runs.len(), 1);
    let run = &log.runs[0];
    let driver = &run.tool.driver;
    assert_eq!(driver.name, "pyward");
    assert_eq!(driver.version.as_deref(), Some("0.1.0"));
    assert!(driver.information_uri.is_some());

    let rules = driver.rules.as_ref().expect("driver lists rules");
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["DEP001", "PY102", "WEB003"]);
    for rule in rules {
        assert!(rule.name.as_deref().is_some_and(|n| !n.is_empty()));
        let short = rule.short_description.as_ref().expect("shortDescription");
        assert!(!short.text.is_empty());
        assert!(rule.help_uri.is_some() || rule.help.is_some());
        assert!(rule.help.as_ref().is_some_and(|h| !h.text.is_empty()));
        let props = rule.properties.as_ref().expect("rule properties");
        let score = props.additional_properties["security-severity"]
            .as_str()
            .expect("security-severity is a string");
        assert!(score.parse::<f64>().is_ok());
        assert!(props.additional_properties.contains_key("cwe"));
    }
    let py102 = &rules[1];
    assert_eq!(py102.help_uri.as_deref(), Some(PY102.help_uri().as_str()));
    let props = py102.properties.as_ref().unwrap();
    assert_eq!(props.additional_properties["cwe"], json!("CWE-78"));
    assert_eq!(props.additional_properties["bandit_id"], json!("B602"));
    assert_eq!(
        props.additional_properties["security-severity"],
        json!("8.0")
    );

    let results = run.results.as_ref().expect("results");
    // Three findings plus one suppressed finding.
    assert_eq!(results.len(), 4);
    for r in results {
        let rule_id = r.rule_id.as_deref().expect("ruleId");
        let index = r.rule_index.expect("ruleIndex") as usize;
        assert_eq!(rules[index].id, rule_id);
        assert!(r.level.is_some());
        assert!(r.message.text.as_deref().is_some_and(|t| !t.is_empty()));
        let loc = &r.locations.as_ref().expect("locations")[0];
        let phys = loc.physical_location.as_ref().expect("physicalLocation");
        let artifact = phys.artifact_location.as_ref().expect("artifactLocation");
        let uri = artifact.uri.as_deref().expect("uri");
        if uri.starts_with("https://") {
            // A URL finding: the URL is the artifact.
            assert!(artifact.uri_base_id.is_none());
        } else {
            assert_eq!(artifact.uri_base_id.as_deref(), Some("%SRCROOT%"));
            assert!(!uri.starts_with('/') && !uri.contains(' ') && !uri.contains('\\'));
            let region = phys.region.as_ref().expect("region");
            assert!(region.start_line.is_some_and(|l| l >= 1));
        }
        let fp = r
            .partial_fingerprints
            .as_ref()
            .expect("partialFingerprints");
        assert!(!fp.is_empty());
    }

    let levels: Vec<String> = results
        .iter()
        .map(|r| r.level.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(levels, ["error", "warning", "error", "error"]);
    assert!(matches!(results[1].level, Some(ResultLevel::Warning)));

    // The space in `app/my views.py` is percent-encoded.
    let code_uri = results[0].locations.as_ref().unwrap()[0]
        .physical_location
        .as_ref()
        .unwrap()
        .artifact_location
        .as_ref()
        .unwrap()
        .uri
        .clone();
    assert_eq!(code_uri.as_deref(), Some("app/my%20views.py"));
    assert!(results[0].fixes.as_ref().is_some_and(|f| f.len() == 1));
    assert!(
        results[3]
            .suppressions
            .as_ref()
            .is_some_and(|s| s.len() == 1)
    );

    let invocation = &run.invocations.as_ref().expect("invocations")[0];
    assert!(!invocation.execution_successful);
    let notes = invocation
        .tool_execution_notifications
        .as_ref()
        .expect("notifications");
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes[0].message.text.as_deref(),
        Some("expected a `[[package]]` table at line 7")
    );
}

#[test]
fn sarif_fingerprints_ignore_line_moves() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let fingerprint_of = |line| {
        let mut report = Report::new("code");
        report.findings.push(code_finding("app.py", line));
        let log: serde_json::Value =
            serde_json::from_str(&output(&report, Format::Sarif, &opts)).unwrap();
        log["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    assert_eq!(fingerprint_of(10), fingerprint_of(250));
}

#[test]
fn sarif_without_errors_is_successful_and_host_uses_logical_location() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("probe");
    report.findings.push(Finding::new(
        &WEB003,
        "no HSTS",
        Location::host("db.internal"),
    ));
    let log: serde_json::Value =
        serde_json::from_str(&output(&report, Format::Sarif, &opts)).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], json!(true));
    assert_eq!(
        run["results"][0]["locations"][0]["logicalLocations"][0]["name"],
        json!("db.internal")
    );
    assert_eq!(run["automationDetails"]["id"], json!("pyward/probe/"));
}

#[test]
fn markdown_output() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    insta::assert_snapshot!(output(&sample_report(), Format::Markdown, &opts));
}

#[test]
fn markdown_scan_has_one_table_and_a_section_per_area() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = sample_report();
    report.findings.push(code_finding("app/models.py", 7));
    for area in ["deps", "code", "config"] {
        report.stats.insert(area.to_string(), json!({}));
    }
    report.errors.clear();
    report.warnings.clear();
    report.suppressed.clear();
    insta::assert_snapshot!(output(&report, Format::Markdown, &opts), @r#"
    ## pyward scan report

    Found 4 findings (1 critical, 2 high, 1 medium) in 4 inputs.

    | Area | Critical | High | Medium | Total |
    | --- | ---: | ---: | ---: | ---: |
    | Dependencies | 1 | 0 | 0 | 1 |
    | Code | 0 | 2 | 0 | 2 |
    | Configuration | 0 | 0 | 0 | 0 |
    | Live probes | 0 | 0 | 1 | 1 |
    | **Total** | 1 | 2 | 1 | 4 |

    <details><summary><b>Dependencies</b>: 1 finding (1 critical)</summary>

    | Severity | Rule | Location | Message |
    | --- | --- | --- | --- |
    | **Critical** | [DEP001](https://github.com/pyward/pyward/blob/main/docs/rules/DEP001.md "vulnerable\-dependency") | `requirements.txt:3:1` | `django==3.2.0`: Django SQL injection in QuerySet\.values\(\) \(PYSEC\-2024\-1\) |

    </details>

    <details><summary><b>Code</b>: 2 findings (2 high)</summary>

    | Severity | Rule | Location | Message |
    | --- | --- | --- | --- |
    | **High** | [PY102](https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md "subprocess\-shell\-true") | `app/my views.py:42:5` | subprocess\.run\(\) with shell\=True and a formatted command \| check input |
    | **High** | [PY102](https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md "subprocess\-shell\-true") | `app/models.py:7:5` | subprocess\.run\(\) with shell\=True and a formatted command \| check input |

    </details>

    <details><summary><b>Live probes</b>: 1 finding (1 medium)</summary>

    | Severity | Rule | Location | Message |
    | --- | --- | --- | --- |
    | Medium | [WEB003](https://github.com/pyward/pyward/blob/main/docs/rules/WEB003.md "missing\-hsts") | `https://example.com/` | https\:\/\/example\.com\/ sends no Strict\-Transport\-Security header |

    </details>

    ### Fixes

    - `DEP001` at `requirements.txt:3:1`: upgrade django to 4\.2\.16 (run `uv lock --upgrade-package django`)
    - `PY102` at `app/my views.py:42:5`: pass the command as a list and drop shell\=True
    - `PY102` at `app/models.py:7:5`: pass the command as a list and drop shell\=True

    <sub>Generated by pyward 0.1.0</sub>
    "#);
}

#[test]
fn markdown_verbose_lists_suppressed_findings() {
    let reg = registry();
    let opts = RenderOptions {
        verbose: true,
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let out = output(&sample_report(), Format::Markdown, &opts);
    assert!(out.contains("<details><summary>1 suppressed finding</summary>"));
    assert!(out.contains("`scripts/deploy.py:7:5`"));
}

#[test]
fn markdown_empty_report() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("deps");
    report.inputs.push("uv.lock".to_string());
    insta::assert_snapshot!(output(&report, Format::Markdown, &opts), @r"
    ## pyward deps report

    No findings in 1 input.

    <sub>Generated by pyward 0.1.0</sub>
    ");
}

#[test]
fn render_to_string_matches_render() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let report = sample_report();
    for format in Format::ALL {
        assert_eq!(
            render_to_string(&report, format, &opts),
            output(&report, format, &opts)
        );
    }
}

#[test]
fn write_errors_are_returned_not_panicked() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "closed",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    for format in Format::ALL {
        let err = render(&sample_report(), format, &opts, &mut Broken).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{format}");
    }
}

#[test]
fn text_quiet_has_findings_and_errors_only() {
    let reg = registry();
    let opts = RenderOptions {
        quiet: true,
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let out = output(&sample_report(), Format::Text, &opts);
    assert!(out.contains("error:"), "{out}");
    assert!(!out.contains("warning:"), "{out}");
    assert!(!out.contains("Found "), "{out}");
}

/// A report whose every scanned string carries terminal escapes, bidi controls, line breaks that
/// would start a CI workflow command, and Markdown/HTML markup.
fn hostile_report() -> Report {
    let evil_path = "src/x\n::error file=a.py::pwned\u{1b}]0;title\u{7}\u{202e}yp.py";
    let mut report = Report::new("code");
    let mut f = code_finding(evil_path, 3);
    f.message = "bad \u{1b}[2J\u{9b}31m <img src=x onerror=alert(1)> [click](https://evil.example) | x\r\n##vso[task.setvariable]".into();
    f.location = f
        .location
        .with_package("pkg\n::warning::x", Some("1.0\u{2066}\u{1b}[0m".into()));
    report.findings.push(f);
    report.errors.push(ScanError {
        path: "cfg\n::error::e".into(),
        message: "cannot parse \u{200f}line\n::notice::n".into(),
    });
    report.warnings.push("warn\n::error::w <script>".into());
    report.inputs.push(evil_path.into());
    report
}

const FORBIDDEN: &[char] = &[
    '\u{1b}', '\u{7}', '\u{9b}', '\r', '\u{202e}', '\u{2066}', '\u{200f}',
];

#[test]
fn text_output_neutralises_hostile_content() {
    let reg = registry();
    for verbose in [false, true] {
        let opts = RenderOptions {
            verbose,
            ..RenderOptions::new(&reg, "0.1.0")
        };
        let out = output(&hostile_report(), Format::Text, &opts);
        assert!(!out.contains(FORBIDDEN), "{out:?}");
        for line in out.lines() {
            let t = line.trim_start();
            assert!(
                !t.starts_with("::") && !t.starts_with("##vso"),
                "a scanned string started a line: {line:?}\n{out}"
            );
        }
        assert!(
            out.contains("src/x\\n::error file=a.py::pwned\\x1b]0;title\\x07\\u{202e}yp.py"),
            "{out}"
        );
    }
}

#[test]
fn markdown_output_escapes_hostile_content() {
    let reg = registry();
    let opts = RenderOptions {
        verbose: true,
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let out = output(&hostile_report(), Format::Markdown, &opts);
    assert!(!out.contains(FORBIDDEN), "{out:?}");
    for tag in ["<img", "<script"] {
        for (i, _) in out.match_indices(tag) {
            assert_eq!(&out[i - 1..i], "\\", "raw {tag} in {out}");
        }
    }
    assert!(!out.contains("](https://evil"), "{out}");
    // Every table row has as many cells as its table's header: no unescaped pipe in a cell.
    let mut columns = None;
    for line in out.lines() {
        let t = line.trim_start();
        assert!(!t.starts_with("::") && !t.starts_with("##vso"), "{line:?}");
        if !t.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = t.replace("\\|", "").matches('|').count();
        assert_eq!(*columns.get_or_insert(cells), cells, "{line}\n{out}");
    }
}

#[test]
fn markdown_stays_under_the_comment_limit_with_a_note() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("code");
    for i in 0..5_000 {
        report
            .findings
            .push(code_finding(&format!("pkg/module_{i}.py"), i + 1));
    }
    report.errors.push(ScanError {
        path: "broken.py".into(),
        message: "syntax error".into(),
    });
    let out = output(&report, Format::Markdown, &opts);
    assert!(
        out.chars().count() <= pyward_report::MARKDOWN_LIMIT,
        "{}",
        out.len()
    );
    // Summary first, errors kept, findings cut with a count of what was left out.
    assert!(out.contains("Found 5000 findings"), "{}", &out[..300]);
    assert!(out.contains("`broken.py`"));
    let shown = out.lines().filter(|l| l.contains("PY102](")).count();
    assert!(shown > 100 && shown < 5_000, "{shown}");
    let note = out
        .lines()
        .find(|l| l.contains("**Truncated:**"))
        .expect("note");
    assert!(
        note.contains(&format!("{} findings, ", 5_000 - shown)),
        "{note}"
    );
    assert!(
        note.contains("fixes not shown") || note.contains("fix not shown"),
        "{note}"
    );
    assert!(out.ends_with("<sub>Generated by pyward 0.1.0</sub>\n"));
    // The section cut short is still closed.
    assert_eq!(
        out.matches("<details>").count(),
        out.matches("</details>").count()
    );

    // A small limit still gives a well-formed document; no limit gives everything.
    let small = RenderOptions {
        markdown_limit: Some(2_000),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    assert!(output(&report, Format::Markdown, &small).len() <= 2_000);
    let unlimited = RenderOptions {
        markdown_limit: None,
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let all = output(&report, Format::Markdown, &unlimited);
    assert_eq!(all.lines().filter(|l| l.contains("PY102](")).count(), 5_000);
    assert!(!all.contains("Truncated"));
}

#[test]
fn sarif_uris_resolve_from_the_repository_root() {
    let reg = registry();
    let root = std::path::Path::new("/work/repo");
    let cwd = std::path::Path::new("/work/repo/services/api");
    let opts = RenderOptions {
        base_dir: Some(cwd),
        source_root: Some(root),
        ..RenderOptions::new(&reg, "0.1.0")
    };
    let mut report = Report::new("code");
    report.findings.push(code_finding("app/my views.py", 3));
    report.findings.push(code_finding("../shared/util.py", 4));
    report.findings.push(code_finding("/etc/outside.py", 5));
    let log: serde_json::Value =
        serde_json::from_str(&output(&report, Format::Sarif, &opts)).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"],
        json!({"%SRCROOT%": {"uri": "file:///work/repo/"}})
    );
    let uris: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"])
        .collect();
    assert_eq!(
        uris,
        [
            &json!({"uri": "services/api/app/my%20views.py", "uriBaseId": "%SRCROOT%"}),
            &json!({"uri": "services/shared/util.py", "uriBaseId": "%SRCROOT%"}),
            &json!({"uri": "file:///etc/outside.py"}),
        ]
    );
}

#[test]
fn sarif_suppression_kinds_follow_their_origin() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("code");
    report.suppressed.push(Suppressed {
        finding: code_finding("a.py", 1),
        reason: "nosec".into(),
        kind: SuppressionKind::InSource,
    });
    report.suppressed.push(Suppressed {
        finding: code_finding("b.py", 1),
        reason: "accepted risk".into(),
        kind: SuppressionKind::External,
    });
    let log = pyward_report::sarif::to_value(&report, &opts);
    let kinds: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["suppressions"][0]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["inSource", "external"]);
}

#[test]
fn streamed_sarif_equals_the_value_form() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let report = sample_report();
    let streamed: serde_json::Value =
        serde_json::from_str(&output(&report, Format::Sarif, &opts)).unwrap();
    assert_eq!(streamed, pyward_report::sarif::to_value(&report, &opts));
    assert_eq!(
        output(&report, Format::Sarif, &opts),
        format!(
            "{}\n",
            serde_json::to_string_pretty(&pyward_report::sarif::to_value(&report, &opts)).unwrap()
        )
    );
}

#[test]
fn streamed_json_equals_the_owned_document() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = sample_report();
    report.config = Some(pyward_core::ConfigUsed {
        path: Some("pyproject.toml".into()),
        origin: pyward_core::ConfigOrigin::Discovered,
    });
    let owned = JsonOutput::from_report(&report, &opts);
    assert_eq!(
        output(&report, Format::Json, &opts),
        format!("{}\n", serde_json::to_string_pretty(&owned).unwrap())
    );
}

#[test]
fn sarif_fingerprints_do_not_depend_on_the_working_directory() {
    let reg = registry();
    let root = std::path::Path::new("/work/repo");
    let fingerprint_from = |cwd: &str, path: &str| {
        let opts = RenderOptions {
            base_dir: Some(std::path::Path::new(cwd)),
            source_root: Some(root),
            ..RenderOptions::new(&reg, "0.1.0")
        };
        let mut report = Report::new("code");
        report.findings.push(code_finding(path, 3));
        let log = pyward_report::sarif::to_value(&report, &opts);
        log["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    let a = fingerprint_from("/work/repo", "svc/app.py");
    assert_eq!(a, fingerprint_from("/work/repo/svc", "app.py"));
    assert_ne!(a, fingerprint_from("/work/repo", "other/app.py"));
}

/// The sample report with the packages a dependency audit would record for it.
fn sbom_report() -> Report {
    let mut report = sample_report();
    let package = |name: &str, version: Option<&str>, manifest: &str| Package {
        name: name.to_string(),
        version: version.map(str::to_string),
        registry: true,
        manifest: manifest.to_string(),
        ..Package::default()
    };
    report.packages = vec![
        Package {
            project: true,
            depends_on: vec!["django".into(), "requests".into()],
            ..package("shop", Some("1.0.0"), "pyproject.toml")
        },
        // A declared range that the lock pins: left out in favour of the pin.
        package("django", None, "pyproject.toml"),
        package("requests", Some("2.32.0"), "pyproject.toml"),
        Package {
            hashes: vec![format!("sha256:{}", "ab".repeat(32)), "md5:not-hex".into()],
            depends_on: vec!["asgiref".into(), "sqlparse".into()],
            direct: true,
            ..package("django", Some("3.2.0"), "requirements.txt")
        },
        package("asgiref", Some("3.8.1"), "requirements.txt"),
        package("sqlparse", Some("0.5.0"), "requirements.txt"),
        // `2.32` is `2.32.0`: one component.
        package("requests", Some("2.32"), "requirements.txt"),
        Package {
            registry: false,
            ..package("internal-auth", None, "requirements.txt")
        },
    ];
    report
}

#[test]
fn cyclonedx_output() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let text = output(&sbom_report(), Format::Cyclonedx, &opts);
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["specVersion"], "1.6");
    assert_eq!(doc["components"].as_array().unwrap().len(), 5, "{text}");
    // Deterministic: the same report gives the same document, serial number included.
    assert_eq!(text, output(&sbom_report(), Format::Cyclonedx, &opts));
    insta::assert_snapshot!(text);
}

#[test]
fn cyclonedx_of_a_report_without_packages_is_an_empty_bom() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let doc: Value =
        serde_json::from_str(&output(&Report::new("code"), Format::Cyclonedx, &opts)).unwrap();
    assert_eq!(doc["components"], json!([]));
    assert!(doc.get("vulnerabilities").is_none());
    assert!(
        doc["serialNumber"]
            .as_str()
            .unwrap()
            .starts_with("urn:uuid:")
    );
}

#[test]
fn junit_output() {
    let reg = registry();
    let mut opts = RenderOptions::new(&reg, "0.1.0");
    opts.fail_on = Severity::High;
    insta::assert_snapshot!(output(&sample_report(), Format::Junit, &opts));
}

#[test]
fn junit_counts_follow_fail_on() {
    let reg = registry();
    let mut report = sample_report();
    // A second advisory at the same place joins the first test case.
    let mut second = dependency_finding();
    second.message = "another advisory".into();
    second.severity = Severity::Low;
    report.findings.push(second);
    let counts = |fail_on: Severity| {
        let mut opts = RenderOptions::new(&reg, "0.1.0");
        opts.fail_on = fail_on;
        let xml = output(&report, Format::Junit, &opts);
        xml.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(
        counts(Severity::Low),
        "<testsuites name=\"pyward scan\" tests=\"4\" failures=\"3\" errors=\"1\" \
         skipped=\"0\" time=\"0\">"
    );
    assert_eq!(
        counts(Severity::Critical),
        "<testsuites name=\"pyward scan\" tests=\"4\" failures=\"1\" errors=\"1\" \
         skipped=\"0\" time=\"0\">"
    );
}

#[test]
fn junit_output_escapes_hostile_content() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let xml = output(&hostile_report(), Format::Junit, &opts);
    for c in ['\u{1b}', '\u{7}', '\r'] {
        assert!(!xml.contains(c), "{c:?} in {xml}");
    }
    assert!(!xml.contains("<img"), "{xml}");
    assert!(xml.contains("&lt;img src=x onerror=alert(1)&gt;"), "{xml}");
    // Every line break inside an attribute is a character reference.
    assert!(xml.contains("name=\"src/x&#10;::error"), "{xml}");
}

/// A probe report with a score per origin: every human format shows the score and its grade.
#[test]
fn probe_scores_show_in_text_markdown_and_html() {
    let reg = registry();
    let opts = RenderOptions::new(&reg, "0.1.0");
    let mut report = Report::new("probe");
    report.findings.push(url_finding());
    report.stats.insert(
        "scores".into(),
        json!({"http://127.0.0.1:8080": 72, "https://app.example": 100, "https://<b>x": 12}),
    );
    report.normalize();

    let text = output(&report, Format::Text, &opts);
    assert!(
        text.contains("score: http://127.0.0.1:8080 72/100 (grade B)"),
        "{text}"
    );
    assert!(
        text.contains("score: https://app.example 100/100 (grade A)"),
        "{text}"
    );
    let concise = output(&report, Format::Concise, &opts);
    assert!(
        concise.contains("score: https://<b>x 12/100 (grade F)"),
        "{concise}"
    );

    let md = output(&report, Format::Markdown, &opts);
    assert!(
        md.contains("| `http://127.0.0.1:8080` | 72/100 | B |"),
        "{md}"
    );

    let html = output(&report, Format::Html, &opts);
    let panel = &html[html.find("id=\"scores\"").expect("a scores panel")..];
    let panel = &panel[..panel.find("</div>").unwrap()];
    assert!(panel.contains(">B</span>http://127.0.0.1:8080<"), "{panel}");
    assert!(panel.contains("72/100"), "{panel}");
    assert!(panel.contains("https://&lt;b&gt;x"), "{panel}");
    assert!(!panel.contains("<b>x"), "{panel}");

    // A scan carries the probe's scores under stats.probe; without a probe, no panel.
    let mut scan = Report::new("scan");
    scan.stats
        .insert("probe".into(), json!({"scores": {"https://a.example": 95}}));
    assert!(output(&scan, Format::Text, &opts).contains("https://a.example 95/100 (grade A)"));
    assert!(!output(&sample_report(), Format::Html, &opts).contains("id=\"scores\""));
}
