//! Property test: rules that follow names back through their assignments (SQL building,
//! constant folding, shell-command resolution, request taint, secrets, Flask/FastAPI config)
//! terminate on any graph of assignments: self-reference, mutual reference, long and doubling
//! chains. Each generated module is checked with every rule enabled; a non-terminating walk or
//! a stack overflow would hang or abort the test.

use proptest::prelude::*;

use pyward_code::{CodeOptions, check_source};
use pyward_core::RuleSelector;

const NAMES: &[&str] = &["sql", "q", "cmd", "key", "password"];

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES).prop_map(str::to_string)
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        name(),
        Just("\"SELECT a FROM t WHERE x = \"".to_string()),
        Just("\"rm -rf \"".to_string()),
        Just("str(n)".to_string()),
        Just("request.args[\"x\"]".to_string()),
        Just("\"s3cr3t-Value-9f8e7d6c5b4a\"".to_string()),
    ]
}

/// A right-hand side built from names with `+`, f-strings, `%` and `.format`.
fn expr() -> impl Strategy<Value = String> {
    let leaf = piece();
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} + {b}")),
            (name(), name()).prop_map(|(a, b)| format!("f\"DELETE FROM {{{a}}} WHERE {{{b}}}\"")),
            inner
                .clone()
                .prop_map(|a| format!("\"UPDATE t SET x = %s\" % ({a})")),
            (inner.clone(), name()).prop_map(|(a, b)| format!(
                "\"INSERT INTO t VALUES ({{}}) {{}}\".format({a}, {b})"
            )),
            inner.prop_map(|a| format!("({a})")),
        ]
    })
}

fn statement() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (name(), expr()).prop_map(|(n, e)| format!("{n} = {e}")),
        2 => (name(), expr()).prop_map(|(n, e)| format!("{n} += {e}")),
        1 => (name(), name()).prop_map(|(a, b)| format!("{a} = {b}")),
        1 => name().prop_map(|n| format!("{n} = {n} + {n}")),
    ]
}

const SINKS: &str = "
cur.execute(sql)
cur.execute(q)
db.session.execute(text(q))
os.system(cmd)
subprocess.run(cmd, shell=True)
subprocess.Popen(cmd)
requests.get(q, verify=False)
render_template_string(q)
send_file(cmd)
jwt.encode(payload, key)
app.config['SECRET_KEY'] = key
app.secret_key = password
connect(password=password)
if password == key:
    pass
log.info('token %s', key)
";

fn module(stmts: &[String], in_function: bool) -> String {
    let mut src = String::from(
        "import os, subprocess, requests, jwt\nfrom flask import Flask, render_template_string, send_file, request\nfrom sqlalchemy import text\napp = Flask(__name__)\n",
    );
    let indent = if in_function { "    " } else { "" };
    if in_function {
        src.push_str("def view(n, request):\n");
    }
    for s in stmts {
        src.push_str(indent);
        src.push_str(s);
        src.push('\n');
    }
    for line in SINKS.lines().filter(|l| !l.is_empty()) {
        src.push_str(indent);
        src.push_str(line);
        src.push('\n');
    }
    src
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_rule_terminates_on_assignment_graphs(
        stmts in prop::collection::vec(statement(), 1..40),
        in_function in any::<bool>(),
    ) {
        let src = module(&stmts, in_function);
        let opts = CodeOptions {
            selector: RuleSelector::new(vec!["ALL".into()], vec![]),
            ..CodeOptions::default()
        };
        let findings = check_source("graph.py", &src, &opts);
        // The module is valid Python: every finding is a real rule's, never a syntax error.
        prop_assert!(findings.iter().all(|f| f.code != "PY000"), "{src}\n{findings:?}");
    }
}

#[test]
fn a_long_chain_of_names_is_followed_only_so_far() {
    // 5,000 names each defined from the previous one, and a doubling chain of 60.
    let mut src = String::from("s0 = \"SELECT a FROM t WHERE x = \" + n\n");
    for i in 1..5_000 {
        src.push_str(&format!("s{i} = s{} + \" AND y = 1\"\n", i - 1));
    }
    src.push_str("d0 = \"SELECT a FROM t WHERE \" + n\n");
    for i in 1..60 {
        src.push_str(&format!("d{i} = d{} + d{}\n", i - 1, i - 1));
    }
    src.push_str("cur.execute(s4999)\ncur.execute(d59)\nos.system(d59)\n");
    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["ALL".into()], vec![]),
        ..CodeOptions::default()
    };
    let findings = check_source("chain.py", &src, &opts);
    assert!(findings.iter().all(|f| f.code != "PY000"), "{findings:?}");
    // The direct `+` chains are still reported where they are written.
    assert!(findings.iter().any(|f| f.code == "PY608"), "{findings:?}");
}
