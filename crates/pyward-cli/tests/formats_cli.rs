//! End-to-end tests of the CI formats: JUnit XML (`-f junit`) and the CycloneDX 1.6 SBOM
//! (`-f cyclonedx`) of `pyward deps` and `pyward scan`, on lockfiles written by the real tools.
//! With `PYWARD_REAL_TOOLS=1`, the documents are read back by the libraries CI systems and SBOM
//! tools use: `junitparser`, and `cyclonedx-python-lib` (the official 1.6 JSON schema, strict).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

use common::{database, manifest_fixtures, pyward, real_tools, repo_root, run};
use serde_json::Value;

macro_rules! require_db {
    () => {
        match database() {
            Some(db) => db,
            None => return,
        }
    };
}

fn pyward_in(db: &Path, dir: &Path, command: &str, args: &[&str]) -> common::Output {
    run(pyward()
        .current_dir(dir)
        .env_remove("PYWARD_CONFIG")
        .arg(command)
        .arg("--db")
        .arg(db)
        .args(args))
}

fn json(out: &common::Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", out.stdout, out.stderr))
}

/// The document with what changes from build to build masked: pyward's version, and the serial
/// number derived from the content (which includes the version).
fn stable_bom(text: &str) -> String {
    let version = format!(
        "\"name\": \"pyward\",\n          \"version\": \"{}\"",
        env!("CARGO_PKG_VERSION")
    );
    assert!(text.contains(&version), "{text}");
    let serial = text
        .lines()
        .find(|l| l.trim_start().starts_with("\"serialNumber\": \"urn:uuid:"))
        .expect("a serial number");
    text.replacen(serial, "  \"serialNumber\": \"urn:uuid:[SERIAL]\",", 1)
        .replacen(
            &version,
            "\"name\": \"pyward\",\n          \"version\": \"[VERSION]\"",
            1,
        )
}

/// The advisory IDs pyward's JSON output reports.
fn advisory_ids(doc: &Value) -> BTreeSet<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["advisory"]["id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn cyclonedx_sbom_of_a_uv_project() {
    let db = require_db!();
    let out = pyward_in(
        &db,
        &manifest_fixtures(),
        "deps",
        &["uv", "-f", "cyclonedx"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["bomFormat"], "CycloneDX");
    assert_eq!(doc["specVersion"], "1.6");
    assert_eq!(doc["metadata"]["component"]["name"], "shop-api");
    let components = doc["components"].as_array().unwrap();
    let django: Vec<&Value> = components
        .iter()
        .filter(|c| c["name"] == "django")
        .collect();
    // The lock's `4.2` and the pyproject.toml's `==4.2.0` are one component.
    assert_eq!(django.len(), 1, "{django:?}");
    assert_eq!(django[0]["purl"], "pkg:pypi/django@4.2");
    assert!(!django[0]["hashes"].as_array().unwrap().is_empty());
    let graph = doc["dependencies"].as_array().unwrap();
    let flask = graph
        .iter()
        .find(|d| d["ref"] == "pkg:pypi/flask@3.1.3")
        .expect("flask's edges from uv.lock");
    assert!(
        flask["dependsOn"]
            .as_array()
            .unwrap()
            .contains(&Value::from("pkg:pypi/werkzeug@3.1.9"))
    );
    let vulns = doc["vulnerabilities"].as_array().unwrap();
    assert!(
        vulns
            .iter()
            .any(|v| v["affects"][0]["ref"] == "pkg:pypi/django@4.2")
    );
    insta::assert_snapshot!("cyclonedx_uv_project", stable_bom(&out.stdout));
}

#[test]
fn scan_sbom_is_the_deps_part() {
    let db = require_db!();
    let root = repo_root();
    let deps = pyward_in(
        &db,
        &root,
        "deps",
        &["examples/flask-shop", "-f", "cyclonedx"],
    );
    let scan = pyward_in(
        &db,
        &root,
        "scan",
        &["examples/flask-shop", "-f", "cyclonedx"],
    );
    assert_eq!(deps.code, 1, "{}", deps.stderr);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    let (deps, scan) = (json(&deps), json(&scan));
    assert_eq!(scan["components"], deps["components"]);
    assert_eq!(scan["dependencies"], deps["dependencies"]);
    assert_eq!(scan["vulnerabilities"], deps["vulnerabilities"]);
    assert_eq!(scan["metadata"]["component"]["name"], "flask-shop");
}

#[test]
fn junit_of_the_example_project() {
    let db = require_db!();
    let out = pyward_in(
        &db,
        &repo_root(),
        "deps",
        &["examples/flask-shop", "-f", "junit", "--fail-on", "high"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    );
    insta::assert_snapshot!("junit_flask_shop", out.stdout);
}

#[test]
fn junit_and_cyclonedx_exit_codes_follow_fail_on_and_errors() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("requirements.txt"), "requests==2.28.1\n").unwrap();
    for format in ["junit", "cyclonedx"] {
        let failing = pyward_in(&db, dir.path(), "deps", &[".", "-f", format]);
        assert_eq!(failing.code, 1, "{format}: {}", failing.stderr);
        let passing = pyward_in(
            &db,
            dir.path(),
            "deps",
            &[".", "-f", format, "--fail-on", "critical"],
        );
        assert_eq!(passing.code, 0, "{format}: {}", passing.stderr);
    }
    let passing = pyward_in(
        &db,
        dir.path(),
        "deps",
        &[".", "-f", "junit", "--fail-on", "critical"],
    );
    assert!(
        passing.stdout.contains("failures=\"0\""),
        "{}",
        passing.stdout
    );
    assert!(
        passing
            .stdout
            .contains("<system-out>below --fail-on critical:")
    );
    fs::write(dir.path().join("pyproject.toml"), "[project\nname = \n").unwrap();
    let broken = pyward_in(&db, dir.path(), "deps", &[".", "-f", "junit"]);
    assert_eq!(broken.code, 2, "{}", broken.stderr);
    assert!(
        broken.stdout.contains("<error message="),
        "{}",
        broken.stdout
    );
}

// Real tools: junitparser and cyclonedx-python-lib (.ci/requirements.txt).

/// Runs `script` with python3 on `args`; its standard output parsed as JSON.
fn python(script: &str, args: &[&Path]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check.py");
    fs::write(&path, script).unwrap();
    let out = Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
        .expect("python3 (PYWARD_REAL_TOOLS=1 needs it)");
    assert!(
        out.status.success(),
        "{script} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Validates a BOM against the official CycloneDX 1.6 JSON schema (strict) and loads it into
/// cyclonedx-python-lib's model; prints what the model holds.
const CYCLONEDX_CHECK: &str = r#"
import json, sys
from cyclonedx.model.bom import Bom
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

text = open(sys.argv[1], encoding="utf-8").read()
error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
if error is not None:
    sys.exit(f"not valid CycloneDX 1.6: {error}")
bom = Bom.from_json(json.loads(text))
bom.validate()
print(json.dumps({
    "components": len(bom.components),
    "vulnerabilities": len(bom.vulnerabilities),
    # Components with recorded edges (the library adds an empty entry for every component).
    "dependencies": sum(1 for d in bom.dependencies if len(d.dependencies) > 0),
    "purls": sorted(str(c.purl) for c in bom.components if c.purl is not None),
    "hashes": sum(len(c.hashes) for c in bom.components),
    "project": bom.metadata.component.name if bom.metadata.component else None,
}))
"#;

#[test]
fn cyclonedx_validates_against_the_official_schema_for_every_lockfile_format() {
    if !real_tools() {
        return;
    }
    let db = require_db!();
    let fixtures = manifest_fixtures();
    let out_dir = tempfile::tempdir().unwrap();
    // (input, whether the lock records who depends on whom)
    let cases = [
        ("uv/uv.lock", true),
        ("uv/pylock.toml", false),
        ("poetry/poetry.lock", true),
        ("poetry1/poetry.lock", true),
        ("pipenv/Pipfile.lock", false),
        ("pdm/pdm.lock", true),
        ("pip-tools/requirements.txt", true),
    ];
    for (input, graph) in cases {
        let out = pyward_in(&db, &fixtures, "deps", &[input, "-f", "cyclonedx"]);
        assert_eq!(out.code, 1, "{input}: {}", out.stderr);
        let file = out_dir.path().join("bom.json");
        fs::write(&file, &out.stdout).unwrap();
        let seen = python(CYCLONEDX_CHECK, &[&file]);
        let reference = json(&pyward_in(&db, &fixtures, "deps", &[input, "-f", "json"]));
        // One file, one component per package it lists; one vulnerability per advisory.
        assert_eq!(
            seen["components"], reference["stats"]["packages"],
            "{input}: {seen}"
        );
        assert_eq!(
            seen["vulnerabilities"].as_u64().unwrap() as usize,
            advisory_ids(&reference).len(),
            "{input}: {seen}"
        );
        assert_eq!(
            seen["dependencies"].as_u64().unwrap() > 0,
            graph,
            "{input}: {seen}"
        );
        assert!(seen["hashes"].as_u64().unwrap() > 0, "{input}: {seen}");
        assert!(
            seen["purls"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p.as_str().unwrap().starts_with("pkg:pypi/django@")),
            "{input}: {seen}"
        );
    }
    // A project directory (pyproject.toml, uv.lock, pylock.toml) and a whole scan.
    let root = repo_root();
    for (dir, command, project) in [
        (fixtures.as_path(), "deps", "shop-api"),
        (root.as_path(), "scan", "flask-shop"),
    ] {
        let target = if command == "deps" {
            "uv"
        } else {
            "examples/flask-shop"
        };
        let out = pyward_in(&db, dir, command, &[target, "-f", "cyclonedx"]);
        assert_eq!(out.code, 1, "{command}: {}", out.stderr);
        let file = out_dir.path().join("bom.json");
        fs::write(&file, &out.stdout).unwrap();
        let seen = python(CYCLONEDX_CHECK, &[&file]);
        assert_eq!(seen["project"], project, "{seen}");
        let reference = json(&pyward_in(&db, dir, command, &[target, "-f", "json"]));
        assert_eq!(
            seen["vulnerabilities"].as_u64().unwrap() as usize,
            advisory_ids(&reference).len(),
            "{command}: {seen}"
        );
    }
}

/// Reads a JUnit file with junitparser; prints the counts of its `<testsuites>` attributes and
/// of the test cases it holds.
const JUNIT_CHECK: &str = r#"
import json, sys
from junitparser import JUnitXml, Failure, Error

xml = JUnitXml.fromfile(sys.argv[1])
cases = [case for suite in xml for case in suite]
print(json.dumps({
    "tests": xml.tests,
    "failures": xml.failures,
    "errors": xml.errors,
    "cases": len(cases),
    "failed_cases": sum(any(isinstance(r, Failure) for r in c.result) for c in cases),
    "error_cases": sum(any(isinstance(r, Error) for r in c.result) for c in cases),
    "names": sorted(c.name for c in cases),
}))
"#;

#[test]
fn junit_reads_back_through_junitparser() {
    if !real_tools() {
        return;
    }
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("requirements.txt"),
        "flask==2.2.2\nwerkzeug==2.2.2\nrequests==2.28.1\n# <&> \"quoted\"\nurllib3==1.26.4\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("broken")).unwrap();
    fs::write(dir.path().join("broken/pyproject.toml"), "[project\n").unwrap();
    let args = [".", "--fail-on", "high"];
    let xml = pyward_in(
        &db,
        dir.path(),
        "deps",
        &[&args[..], &["-f", "junit"]].concat(),
    );
    assert_eq!(xml.code, 2, "{}", xml.stderr);
    let file = dir.path().join("report.xml");
    fs::write(&file, &xml.stdout).unwrap();
    let seen = python(JUNIT_CHECK, &[&file]);

    // What the JSON output says the JUnit file must hold: one test case per rule and place,
    // failed when a finding there is at or above `high` (`unknown` counts as `high`).
    let doc = json(&pyward_in(
        &db,
        dir.path(),
        "deps",
        &[&args[..], &["-f", "json"]].concat(),
    ));
    let mut cases: BTreeMap<String, bool> = BTreeMap::new();
    for f in doc["findings"].as_array().unwrap() {
        let key = format!(
            "{}|{}|{}",
            f["code"], f["location"], f["location"]["package"]
        );
        let severity = f["severity"].as_str().unwrap();
        let failing = matches!(severity, "high" | "critical" | "unknown");
        *cases.entry(key).or_default() |= failing;
    }
    let errors = doc["errors"].as_array().unwrap().len();
    let failures = cases.values().filter(|f| **f).count();
    assert!(errors > 0 && failures > 0, "{doc}");
    assert_eq!(seen["tests"], cases.len() + errors, "{seen}");
    assert_eq!(seen["cases"], cases.len() + errors, "{seen}");
    assert_eq!(seen["failures"], failures, "{seen}");
    assert_eq!(seen["failed_cases"], failures, "{seen}");
    assert_eq!(seen["errors"], errors, "{seen}");
    assert_eq!(seen["error_cases"], errors, "{seen}");
}
