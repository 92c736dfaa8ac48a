//! Pathological inputs: each must finish with a clear message or result, never a panic.

use std::fmt::Write as _;

use pyward_code::{CodeOptions, check_source, scan};
use pyward_core::RuleSelector;

fn scan_one(name: &str, bytes: &[u8]) -> pyward_core::Report {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    scan(&[dir.path().to_path_buf()], &CodeOptions::default())
}

#[test]
fn huge_set_literal_with_nosec() {
    let mut src = String::from("PATHS = {");
    for i in 0..10_000 {
        write!(src, "'/tmp/f{i}', ").unwrap();
    }
    src.push_str("}  # nosec B108\nOTHER = {");
    for i in 0..10_000 {
        write!(src, "'/tmp/g{i}', ").unwrap();
    }
    src.push_str("}\n");
    let report = scan_one("big.py", src.as_bytes());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.suppressed.len(), 10_000);
    assert_eq!(
        report.findings.iter().filter(|f| f.code == "PY108").count(),
        10_000
    );
}

#[test]
fn deep_bracket_nesting_is_refused_with_a_message() {
    let src = format!("x = {}1{}\n", "(".repeat(50_000), ")".repeat(50_000));
    let report = scan_one("deep.py", src.as_bytes());
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].path.ends_with("deep.py"));
    assert!(
        report.errors[0].message.contains("nested"),
        "{}",
        report.errors[0].message
    );
    // Moderate nesting (as much as CPython accepts) is checked normally.
    let ok = format!("x = {}eval(y){}\n", "[".repeat(150), "]".repeat(150));
    assert_eq!(check_source("ok.py", &ok, &CodeOptions::default()).len(), 1);
}

#[test]
fn long_operator_chains_within_the_limit_are_checked() {
    // Flat operators (`or`) and chains under the depth limit are parsed and checked.
    let src = format!(
        "x = {}\ny = {}\nz = {}\n",
        vec!["a"; 15_000].join(" + "),
        vec!["not b"; 20_000].join(" or "),
        vec!["-1"; 100_000].join(", "),
    );
    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["ALL".into()], vec![]),
        ..CodeOptions::default()
    };
    let report = scan_one("chain.py", src.as_bytes());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(check_source("chain.py", &src, &opts).is_empty());
}

/// Each reproducer of the stack-overflow class, in a tree beside a file with a finding: the
/// deep file is an error naming it and the limit, the other file is still checked.
fn assert_refused_and_run_goes_on(name: &str, src: String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), src).unwrap();
    std::fs::write(dir.path().join("ok.py"), "eval(x)\n").unwrap();
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert_eq!(report.errors.len(), 1, "{name}: {:?}", report.errors);
    assert!(report.errors[0].path.ends_with(name));
    assert!(
        report.errors[0].message.contains("limit"),
        "{name}: {}",
        report.errors[0].message
    );
    assert_eq!(report.findings.len(), 1, "{name}: {:?}", report.findings);
    assert_eq!(report.findings[0].code, "PY307");
}

#[test]
fn attribute_chain_of_800k() {
    assert_refused_and_run_goes_on("attr.py", format!("x = a{}\n", ".b".repeat(800_000)));
}

#[test]
fn a_million_unary_minus() {
    assert_refused_and_run_goes_on("neg.py", format!("x = {}1\n", "-".repeat(1_000_000)));
}

#[test]
fn two_million_plus_one() {
    assert_refused_and_run_goes_on("plus.py", format!("x = 0{}\n", "+1".repeat(2_000_000)));
}

#[test]
fn call_chain() {
    assert_refused_and_run_goes_on("calls.py", format!("x = f{}\n", "()".repeat(500_000)));
    assert_refused_and_run_goes_on("subs.py", format!("x = a{}\n", "[0]".repeat(300_000)));
}

#[test]
fn right_recursive_chains() {
    let cases = [
        ("not.py", format!("x = {}a\n", "not ".repeat(300_000))),
        ("pow.py", format!("x = a{}\n", "**a".repeat(300_000))),
        (
            "lambda.py",
            format!("x = {}a\n", "lambda: ".repeat(300_000)),
        ),
        (
            "lambda_params.py",
            format!("x = {}a\n", "lambda a, : ".repeat(300_000)),
        ),
        (
            "ifexp.py",
            format!("x = {}c\n", "a if b else ".repeat(300_000)),
        ),
        (
            "lambda_or.py",
            format!("x = {}a\n", "lambda: a or ".repeat(300_000)),
        ),
        (
            "await.py",
            format!("async def f():\n    x = {}a\n", "await ".repeat(300_000)),
        ),
    ];
    for (name, src) in cases {
        assert_refused_and_run_goes_on(name, src);
    }
}

#[test]
fn chains_hidden_in_f_strings_and_tuples() {
    // Inside an f-string replacement field, and past commas of nested tuples.
    assert_refused_and_run_goes_on(
        "fstring.py",
        format!("x = f\"{{{}1}}\"\n", "-".repeat(1_000_000)),
    );
    assert_refused_and_run_goes_on(
        "fquote.py",
        format!("x = f\"{{\"\"{}1}}\"\n", "-".repeat(1_000_000)),
    );
    assert_refused_and_run_goes_on(
        "nested_f.py",
        format!("x = {}1{}\n", "f'{".repeat(5_000), "}'".repeat(5_000)),
    );
    assert_refused_and_run_goes_on(
        "deep_parens.py",
        format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
    );
}

#[test]
fn self_referential_assignments_terminate() {
    let src = "sql = \"SELECT a FROM t\"\nsql = sql + \" WHERE x > \" + str(n)\ncur.execute(sql)\n";
    let findings = check_source("q.py", src, &CodeOptions::default());
    assert!(findings.iter().all(|f| f.code != "PY000"), "{findings:?}");
    // Mutual reference and a doubling chain (2^40 leaves if followed naively).
    let mut src =
        String::from("a = b + \" WHERE x = \" + y\nb = \"SELECT * FROM t\" + a\ncur.execute(b)\n");
    src.push_str("s0 = \"SELECT * FROM t WHERE \" + x\n");
    for i in 1..40 {
        writeln!(src, "s{i} = s{} + s{}", i - 1, i - 1).unwrap();
    }
    src.push_str("cur.execute(s39)\nos.system(s39)\nsubprocess.run(s39, shell=True)\n");
    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["ALL".into()], vec![]),
        ..CodeOptions::default()
    };
    let findings = check_source("q.py", &src, &opts);
    assert!(findings.iter().any(|f| f.code == "PY901"), "{findings:?}");
}

#[test]
fn five_megabyte_generated_file() {
    let mut src = String::new();
    let mut i = 0;
    while src.len() < 5 * 1024 * 1024 {
        writeln!(src, "def handler_{i}(request, password='p{i}'):\n    data = request.get('x{i}')\n    return eval(data)\n").unwrap();
        i += 1;
    }
    let report = scan_one("gen.py", src.as_bytes());
    assert!(report.errors.is_empty());
    assert_eq!(
        report.findings.iter().filter(|f| f.code == "PY307").count(),
        i
    );
    assert_eq!(
        report.findings.iter().filter(|f| f.code == "PY107").count(),
        i
    );
}

#[test]
fn non_utf8_bytes_are_a_clear_error() {
    let report = scan_one("latin.py", b"name = '\xff\xfe caf\xe9'\neval(x)\n");
    assert_eq!(report.errors.len(), 1);
    let e = &report.errors[0];
    assert!(e.path.ends_with("latin.py"));
    assert!(e.message.contains("not valid UTF-8"), "{}", e.message);
    assert!(report.findings.is_empty());
    // With a PEP 263 cookie for Latin-1 the file is decoded and checked.
    let report = scan_one(
        "cookie.py",
        b"# -*- coding: latin-1 -*-\nname = 'caf\xe9'\neval(x)\n",
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].location.line(), Some(3));
}

#[test]
fn nul_byte_is_a_clear_error() {
    let report = scan_one("nul.py", b"x = 1\n\0\neval(y)\n");
    assert_eq!(report.errors.len(), 1);
    assert!(
        report.errors[0].message.contains("NUL byte"),
        "{}",
        report.errors[0].message
    );
    assert!(report.inputs.is_empty());
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("pkg");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("m.py"), "eval(x)\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(sub.join("self"), sub.join("self")).unwrap();
    let report = scan(&[dir.path().to_path_buf()], &CodeOptions::default());
    assert_eq!(report.inputs.len(), 1, "{:?}", report.inputs);
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn unreadable_and_odd_sources_never_panic() {
    for src in ["", "\n\n", "\u{feff}x = 1\n"] {
        assert!(
            check_source("odd.py", src, &CodeOptions::default()).is_empty(),
            "{src:?}"
        );
    }
    for src in [
        "def",
        "'''unterminated",
        "x = (",
        "\\\n",
        "@\n",
        "f'{'",
        "t'{x!z}'",
    ] {
        let findings = check_source("odd.py", src, &CodeOptions::default());
        assert_eq!(findings.len(), 1, "{src:?}: {findings:?}");
        assert_eq!(findings[0].code, "PY000");
    }
}
