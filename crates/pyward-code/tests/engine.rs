//! Engine behaviour: name resolution, suppressions, selection, walking and determinism.

use std::path::PathBuf;

use pyward_code::{CodeOptions, CodeSection, check_source, scan};
use pyward_core::{RuleSelector, Severity};

fn codes(path: &str, src: &str, opts: &CodeOptions) -> Vec<(u32, String)> {
    check_source(path, src, opts)
        .into_iter()
        .map(|f| (f.location.line().unwrap_or(0), f.code))
        .collect()
}

fn only(select: &[&str]) -> CodeOptions {
    CodeOptions {
        selector: RuleSelector::new(select.iter().map(|s| s.to_string()).collect(), Vec::new()),
        ..CodeOptions::default()
    }
}

#[test]
fn resolves_aliases_and_from_imports() {
    let src = "import subprocess as sp\nfrom os import system as run_it\nsp.Popen('ls', shell=True)\nrun_it(cmd)\nsystem(cmd)\n";
    let got = codes("a.py", src, &only(&["B602", "B605"]));
    // `system` alone was never imported under that name, so line 5 is not os.system.
    assert_eq!(got, vec![(3, "PY602".into()), (4, "PY605".into())]);
}

#[test]
fn sees_through_simple_assignments_for_severity() {
    let src = "import subprocess\ncmd = 'ls -l'\nsubprocess.run(cmd, shell=True)\ncmd = 'ls ' + user\nsubprocess.run(cmd, shell=True)\ndef f(cmd):\n    subprocess.run(cmd, shell=True)\n";
    let findings = check_source("a.py", src, &only(&["PY602"]));
    let sev: Vec<_> = findings
        .iter()
        .map(|f| (f.location.line().unwrap(), f.severity))
        .collect();
    assert_eq!(
        sev,
        vec![(3, Severity::Low), (5, Severity::High), (7, Severity::High)]
    );
    assert!(findings[1].message.contains("built at run time"));
}

#[test]
fn nosec_covers_the_whole_statement_and_respects_ids() {
    let src = "import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)  # nosec B602\nsubprocess.run('ls', shell=True)  # nosec B603\nsubprocess.run('ls', shell=True)  # nosec: subprocess_popen_with_shell_equals_true\nsubprocess.run('ls', shell=True)  # pyward: ignore[PY602]\n";
    let opts = only(&["PY602"]);
    assert_eq!(codes("a.py", src, &opts), vec![(6, "PY602".into())]);
    let report_opts = CodeOptions {
        ignore_nosec: true,
        ..only(&["PY602"])
    };
    // --ignore-nosec brings back the `# nosec` ones, not the `# pyward: ignore` one.
    let lines: Vec<u32> = codes("a.py", src, &report_opts)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, vec![4, 6, 7]);
}

#[test]
fn selection_accepts_bandit_ids_and_names() {
    let src = "assert x\neval(y)\n";
    assert_eq!(
        codes("a.py", src, &only(&["B101"])),
        vec![(1, "PY101".into())]
    );
    assert_eq!(
        codes("a.py", src, &only(&["eval"])),
        vec![(2, "PY307".into())]
    );
    let opts = CodeOptions {
        selector: RuleSelector::new(vec![], vec!["assert-used".into()]),
        ..CodeOptions::default()
    };
    assert_eq!(codes("a.py", src, &opts), vec![(2, "PY307".into())]);
}

#[test]
fn per_file_ignores_and_config_section() {
    let section: CodeSection = toml::from_str(
        "exclude = ['build/']\nreport-unused-suppressions = true\n[per-file-ignores]\n'tests/**' = ['B101']\n",
    )
    .unwrap();
    let opts = section.to_options();
    assert!(opts.report_unused_suppressions);
    assert!(codes("tests/test_x.py", "assert x\n", &opts).is_empty());
    assert_eq!(
        codes("app/x.py", "assert x\n", &opts),
        vec![(1, "PY101".into())]
    );
    assert!(toml::from_str::<CodeSection>("bogus = 1").is_err());
}

#[test]
fn modern_syntax_parses() {
    let src = r#"
type Point = tuple[float, float]
def f[T](x: T) -> T:
    match x:
        case {"k": v}:
            return eval(v)
    name = "w"
    s = f"{name!r:>{10}} {'nested' + f'{name}'}"
    t = t"hello {name}"
    return x
"#;
    assert_eq!(
        codes("a.py", src, &only(&["PY000", "PY307"])),
        vec![(6, "PY307".into())]
    );
}

#[test]
fn syntax_errors_are_findings_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.py"), "print 'python 2'\n").unwrap();
    std::fs::write(dir.path().join("good.py"), "eval(x)\n").unwrap();
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    let got: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.location.path.clone().unwrap(), f.code.clone()))
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].0.ends_with("bad.py") && got[0].1 == "PY000");
    assert!(got[1].0.ends_with("good.py") && got[1].1 == "PY307");
    assert_eq!(report.inputs.len(), 2);
}

#[test]
fn walk_skips_venvs_excludes_and_gitignored_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("app/main.py", "eval(a)\n"),
        (".venv/lib/x.py", "eval(b)\n"),
        ("env2/pyvenv.cfg", "home = /usr\n"),
        ("env2/lib/y.py", "eval(c)\n"),
        ("build/gen.py", "eval(d)\n"),
        ("ignored/z.py", "eval(e)\n"),
        ("notes.txt", "eval(f)\n"),
    ] {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    let opts = CodeOptions {
        exclude: vec!["build".into()],
        ..CodeOptions::default()
    };
    let report = scan(&[root.to_path_buf()], &opts);
    assert_eq!(report.inputs.len(), 1, "{:?}", report.inputs);
    assert!(report.inputs[0].ends_with("app/main.py"));
    let with_venvs = CodeOptions {
        include_venvs: true,
        ..opts
    };
    assert_eq!(scan(&[root.to_path_buf()], &with_venvs).inputs.len(), 3);
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::write(
            dir.path().join(format!("m{i}.py")),
            format!("import pickle\npassword = 'p{i}'\nassert x\npickle.loads(d)  # nosec\n"),
        )
        .unwrap();
    }
    let run = |threads| {
        let opts = CodeOptions {
            threads: Some(threads),
            ..CodeOptions::default()
        };
        serde_json::to_string(&scan(&[dir.path().to_path_buf()], &opts)).unwrap()
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert_eq!(report.findings.len(), 120);
    assert_eq!(report.suppressed.len(), 40);
    assert_eq!(report.suppressed[0].reason, "# nosec");
}

#[test]
fn missing_paths_are_errors_not_panics() {
    let report = scan(
        &[PathBuf::from("/definitely/not/here")],
        &CodeOptions::default(),
    );
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].message.contains("/definitely/not/here"));
}

#[test]
fn test_code_policy_skips_test_rules_and_marks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let src = "import jwt\npassword = 'hunter2-hunter2'\nassert x == token\nif token == expected_token:\n    pass\neval(x)\n";
    for p in ["app/tests/test_views.py", "conftest.py", "app/views.py"] {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, src).unwrap();
    }
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    let in_file = |name: &str| -> Vec<(String, bool)> {
        report
            .findings
            .iter()
            .filter(|f| {
                f.location
                    .path
                    .as_deref()
                    .is_some_and(|p| p.ends_with(name))
            })
            .map(|f| (f.code.clone(), f.is_test_code()))
            .collect()
    };
    // Tests: asserts, fixture passwords and `==` on tokens are skipped; eval is kept, marked.
    assert_eq!(in_file("test_views.py"), vec![("PY307".to_string(), true)]);
    assert_eq!(in_file("conftest.py"), vec![("PY307".to_string(), true)]);
    let app: Vec<String> = in_file("app/views.py")
        .into_iter()
        .map(|(c, t)| {
            assert!(!t);
            c
        })
        .collect();
    assert!(
        app.contains(&"PY101".to_string()) && app.contains(&"PY105".to_string()),
        "{app:?}"
    );
    // The Bandit profile has no test policy.
    let bandit = scan(
        &[dir.path().to_path_buf()],
        &CodeOptions {
            profile: pyward_code::Profile::Bandit,
            ..CodeOptions::default()
        },
    );
    assert!(bandit.findings.iter().all(|f| !f.is_test_code()));
    assert_eq!(
        bandit.findings.iter().filter(|f| f.code == "PY101").count(),
        3
    );
    // Configured patterns are relative to the scanned directory.
    let custom = scan(
        &[dir.path().to_path_buf()],
        &CodeOptions {
            test_paths: pyward_core::TestPaths::new(&["/app/"]).unwrap(),
            ..CodeOptions::default()
        },
    );
    let mut hidden = custom.clone();
    assert_eq!(hidden.hide_test_findings(), 2, "{:?}", custom.findings);
    assert_eq!(hidden.test_findings_hidden(), 2);
    assert!(hidden.findings.iter().all(|f| {
        f.location
            .path
            .as_deref()
            .is_some_and(|p| p.ends_with("conftest.py"))
    }));
}

#[test]
fn one_finding_per_import_statement_and_per_sql_expression() {
    let src = "from xml.etree.ElementTree import parse, fromstring, tostring\nimport pickle, cPickle\nq = ('SELECT * FROM t '\n     + 'WHERE a = ' + a\n     + ' AND b = ' + b)\n";
    let got = codes("a.py", src, &only(&["PY405", "PY403", "PY608"]));
    assert_eq!(
        got,
        vec![
            (1, "PY405".into()),
            (2, "PY403".into()),
            (3, "PY608".into())
        ]
    );
    let findings = check_source("a.py", src, &only(&["PY405"]));
    assert!(
        findings[0].message.contains("parse, fromstring, tostring"),
        "{}",
        findings[0].message
    );
    // Bandit reports B608 on each line holding a string piece.
    let bandit = CodeOptions {
        profile: pyward_code::Profile::Bandit,
        ..only(&["PY608"])
    };
    let lines: Vec<u32> = codes("a.py", src, &bandit)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, vec![3, 4, 5]);
}

#[test]
fn ruff_noqa_s_codes_suppress_the_matching_bandit_rules() {
    let dir = tempfile::tempdir().unwrap();
    let src = "import subprocess\nsubprocess.call(cmd, shell=True)  # noqa: S602\neval(x)  # noqa: S602, E501\nq = 'SELECT * FROM t WHERE a = ' + a  # noqa: E501,S608\neval(y)  # noqa\nexec(z)  # noqa: S102  # nosec B307\n";
    std::fs::write(dir.path().join("m.py"), src).unwrap();
    let run = |opts: &CodeOptions| {
        let r = scan(&[dir.path().to_path_buf()], opts);
        let mut shown: Vec<(u32, String)> = r
            .findings
            .iter()
            .map(|f| (f.location.line().unwrap_or(0), f.code.clone()))
            .collect();
        shown.retain(|(_, c)| c != "PY404");
        let reasons: Vec<String> = r.suppressed.iter().map(|s| s.reason.clone()).collect();
        (shown, reasons)
    };
    let (shown, reasons) = run(&CodeOptions::default());
    // Line 3: S602 does not cover eval; line 5: a bare noqa is not honoured.
    assert_eq!(shown, vec![(3, "PY307".into()), (5, "PY307".into())]);
    assert_eq!(reasons, vec!["# noqa", "# noqa", "# noqa"]);
    // --ignore-nosec and the Bandit profile leave ruff's comments out.
    let (shown, _) = run(&CodeOptions {
        ignore_nosec: true,
        ..CodeOptions::default()
    });
    assert_eq!(shown.len(), 5, "{shown:?}");
    let (shown, _) = run(&CodeOptions {
        profile: pyward_code::Profile::Bandit,
        ..CodeOptions::default()
    });
    assert_eq!(shown.len(), 5, "{shown:?}");
}
