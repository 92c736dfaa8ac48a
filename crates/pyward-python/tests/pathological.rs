//! Pathological inputs: each must finish with a clear message or result, never a panic.

use std::fmt::Write as _;

use pyward_core::RuleSelector;
use pyward_python::{CodeOptions, check_source, scan};

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
fn long_operator_chains_do_not_overflow_the_stack() {
    let src = format!(
        "x = {}\ny = {}\n",
        vec!["a"; 100_000].join(" + "),
        vec!["not b"; 20_000].join(" or ")
    );
    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["ALL".into()], vec![]),
        ..CodeOptions::default()
    };
    let report = scan_one("chain.py", src.as_bytes());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(check_source("chain.py", &src, &opts).is_empty());
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
