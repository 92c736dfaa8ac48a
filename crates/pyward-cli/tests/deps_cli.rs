//! End-to-end tests of `pyward deps` and `pyward db`: the real binary, the real advisory data,
//! lockfiles written by the real tools. They assert exit codes and output.

mod common;

use std::path::Path;

use common::{database, manifest_fixtures, pyward, repo_root, run, stable};

macro_rules! require_db {
    () => {
        match database() {
            Some(db) => db,
            None => return,
        }
    };
}

fn deps(db: &Path, dir: &Path, args: &[&str]) -> common::Output {
    run(pyward()
        .current_dir(dir)
        .arg("deps")
        .arg("--db")
        .arg(db)
        .args(args))
}

#[test]
fn example_project_text_output_and_exit_code() {
    let db = require_db!();
    let out = deps(&db, &repo_root(), &["examples/flask-shop"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = stable(&out.stdout);
    assert!(
        text.contains("requirements/base.txt:2:1: DEP001 [high]"),
        "{text}"
    );
    assert!(text.contains("DEP003 [info]"), "{text}");
    insta::assert_snapshot!("example_text", text);
}

/// One snapshot per lockfile format, each written by the real tool (see the fixtures' regen.sh).
#[test]
fn every_lockfile_format() {
    let db = require_db!();
    let fixtures = manifest_fixtures();
    let cases = [
        ("uv", "uv/uv.lock"),
        ("pylock", "uv/pylock.toml"),
        ("poetry2", "poetry/poetry.lock"),
        ("poetry1", "poetry1/poetry.lock"),
        ("pipenv", "pipenv/Pipfile.lock"),
        ("pdm", "pdm/pdm.lock"),
        ("pip_compile", "pip-tools/requirements.txt"),
    ];
    for (name, file) in cases {
        assert!(fixtures.join(file).is_file(), "missing fixture {file}");
        let out = deps(&db, &fixtures, &[file, "--select", "DEP001"]);
        assert_eq!(out.code, 1, "{file}: {}", out.stderr);
        assert!(out.stdout.contains("django"), "{file}: {}", out.stdout);
        insta::assert_snapshot!(format!("lockfile_{name}"), stable(&out.stdout));
    }
}

#[test]
fn json_carries_the_documented_fields() {
    let db = require_db!();
    let fixtures = manifest_fixtures();
    let out = deps(&db, &fixtures, &["uv/uv.lock", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["command"], "deps");
    let findings = v["findings"].as_array().unwrap();
    let django = findings
        .iter()
        .find(|f| f["code"] == "DEP001" && f["metadata"]["advisory"]["id"] == "PYSEC-2023-100")
        .expect("django PYSEC-2023-100");
    assert_eq!(django["location"]["path"], "uv/uv.lock");
    assert!(
        django["location"]["span"]["start"]["line"]
            .as_u64()
            .unwrap()
            > 1
    );
    assert_eq!(django["location"]["package"], "django");
    assert_eq!(django["metadata"]["package"], "django");
    assert_eq!(
        django["metadata"]["advisory"]["aliases"][0],
        "CVE-2023-36053"
    );
    assert!(
        django["metadata"]["advisory"]["fixed_versions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "4.2.3")
    );
    assert!(django["metadata"]["fix_version"].is_string());
    assert!(
        django["fix"]["command"]
            .as_str()
            .unwrap()
            .starts_with("uv lock --upgrade-package django")
    );
    // A transitive dependency names its parent.
    let transitive = findings
        .iter()
        .find(|f| f["location"]["package"] == "pyyaml" || f["location"]["package"] == "requests");
    assert!(transitive.is_some());
}

#[test]
fn sarif_reads_back_through_serde_sarif() {
    let db = require_db!();
    let out = deps(
        &db,
        &repo_root(),
        &["examples/flask-shop", "--format", "sarif"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&out.stdout).expect("SARIF");
    assert_eq!(sarif.version.to_string().trim_matches('"'), "2.1.0");
    let run = &sarif.runs[0];
    let rules = run.tool.driver.rules.as_ref().expect("rules");
    for rule in rules {
        assert!(rule.name.is_some(), "rule {} has a name", rule.id);
        assert!(rule.short_description.is_some());
        assert!(rule.help_uri.is_some() || rule.help.is_some());
    }
    let results = run.results.as_ref().expect("results");
    assert!(!results.is_empty());
    for result in results {
        let rule_id = result.rule_id.as_ref().expect("ruleId");
        assert!(rules.iter().any(|r| &r.id == rule_id));
        assert!(result.level.is_some());
        assert!(result.message.text.is_some());
        let loc = &result.locations.as_ref().expect("locations")[0];
        let phys = loc.physical_location.as_ref().expect("physicalLocation");
        let uri = phys
            .artifact_location
            .as_ref()
            .unwrap()
            .uri
            .as_ref()
            .unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "relative uri {uri}"
        );
        assert!(phys.region.as_ref().unwrap().start_line.unwrap() >= 1);
    }
}

#[test]
fn markdown_output() {
    let db = require_db!();
    let out = deps(
        &db,
        &repo_root(),
        &["examples/flask-shop", "--format", "markdown"],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("| Severity |"), "{}", out.stdout);
    assert!(out.stdout.contains("DEP001"));
}

#[test]
fn fail_on_threshold_and_selection() {
    let db = require_db!();
    let root = repo_root();
    // The example has high findings but nothing critical.
    let out = deps(
        &db,
        &root,
        &["examples/flask-shop", "--fail-on", "critical"],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    // Unknown severities count as high by default, and as low when asked.
    let out = deps(
        &db,
        &root,
        &[
            "examples/flask-shop/requirements/base.txt",
            "--select",
            "DEP001",
            "--ignore-until-fixed",
            "--fail-on",
            "high",
            "--unknown-severity",
            "low",
            "--ignore",
            "PYSEC-2023-221",
        ],
    );
    assert_eq!(out.code, 1, "werkzeug's CVSS-rated advisory still counts");
    // Only informational findings: below the default threshold.
    let out = deps(&db, &root, &["examples/flask-shop", "--select", "DEP003"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("DEP003"));
    assert!(!out.stdout.contains("DEP001"));
}

#[test]
fn config_ignores_apply_and_expire() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("requirements.txt"),
        "requests==2.28.1\nflask==2.2.2\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pyward.toml"),
        r#"
[[ignore]]
id = "CVE-2023-32681"
reason = "we never follow redirects to untrusted hosts"
until = 2099-01-01

[[ignore]]
id = "PYSEC-2023-62"
reason = "was accepted last year"
until = 2020-01-01
"#,
    )
    .unwrap();
    let out = deps(&db, dir.path(), &["."]);
    assert_eq!(out.code, 1);
    assert!(!out.stdout.contains("PYSEC-2023-74"), "{}", out.stdout);
    assert!(
        out.stdout.contains("PYSEC-2023-62"),
        "expired ignore no longer applies"
    );
    assert!(
        out.stdout.contains("expired on 2020-01-01"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("1 suppressed"), "{}", out.stdout);
    // --isolated ignores the config.
    let out = deps(&db, dir.path(), &[".", "--isolated"]);
    assert!(out.stdout.contains("PYSEC-2023-74"));
}

#[test]
fn broken_manifest_is_reported_and_the_rest_still_audited() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("requirements.txt"), "requests==2.28.1\n").unwrap();
    std::fs::create_dir(dir.path().join("svc")).unwrap();
    std::fs::write(dir.path().join("svc/pyproject.toml"), "[project\nname = 1").unwrap();
    std::fs::write(dir.path().join("svc/uv.lock"), b"\x00\x01binary\xff").unwrap();
    let out = deps(&db, dir.path(), &["."]);
    assert_eq!(out.code, 2, "errors make the exit code 2");
    assert!(out.stdout.contains("svc/pyproject.toml"), "{}", out.stdout);
    assert!(out.stdout.contains("svc/uv.lock"), "{}", out.stdout);
    assert!(
        out.stdout.contains("PYSEC-2023-74"),
        "the good file is still audited"
    );
}

#[test]
fn missing_inputs_and_database_are_errors() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    let out = deps(&db, dir.path(), &["nope.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("nope.txt"), "{}", out.stdout);

    let out = run(pyward()
        .current_dir(dir.path())
        .args(["deps", "--db", "missing.db"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.db"), "{}", out.stderr);
    assert!(out.stderr.contains("pyward db update"), "{}", out.stderr);

    let corrupt = dir.path().join("corrupt.db");
    std::fs::write(&corrupt, b"definitely not a database").unwrap();
    let out = run(pyward().args(["db", "info", "--db"]).arg(&corrupt));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("corrupt.db"), "{}", out.stderr);
}

#[test]
fn db_update_from_yaml_tree_matches_zip_and_info_reports() {
    let db = require_db!();
    let Some(shared) = common::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let yaml_db = dir.path().join("yaml.db");
    let out = run(pyward()
        .args(["db", "update", "--from"])
        .arg(shared.join("advisory-db/vulns"))
        .arg("--db")
        .arg(&yaml_db));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let info = |path: &Path| -> serde_json::Value {
        let out = run(pyward()
            .args(["db", "info", "--format", "json", "--db"])
            .arg(path));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("days old"), "a 2024 snapshot is stale");
        serde_json::from_str(&out.stdout).unwrap()
    };
    let (a, b) = (info(&db), info(&yaml_db));
    assert_eq!(a["advisories"], 2661);
    assert_eq!(b["advisories"], 2661);
    assert_eq!(a["packages"], b["packages"]);
    assert_eq!(a["withdrawn"], 10);
    assert_eq!(a["newest_modified"], b["newest_modified"]);
    assert_eq!(a["stale"], true);

    // Both databases give the same audit.
    let fixtures = manifest_fixtures();
    let json = |db: &Path| {
        let out = deps(db, &fixtures, &["uv/uv.lock", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        v["findings"].clone()
    };
    assert_eq!(json(&db), json(&yaml_db));

    // A corrupt zip is an error naming it, and the old database is kept.
    let bad_zip = dir.path().join("bad.zip");
    std::fs::write(&bad_zip, b"PK\x03\x04 truncated").unwrap();
    let out = run(pyward()
        .args(["db", "update", "--from"])
        .arg(&bad_zip)
        .arg("--db")
        .arg(&yaml_db));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("bad.zip"), "{}", out.stderr);
    assert_eq!(info(&yaml_db)["advisories"], 2661);
}

#[test]
fn installed_environment() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("lib/python3.11/site-packages");
    let dist = site.join("Django-4.2.0.dist-info");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("METADATA"),
        "Metadata-Version: 2.1\nName: Django\nVersion: 4.2.0\nRequires-Dist: asgiref (<4,>=3.6.0)\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("pyvenv.cfg"), "version = 3.11.7\n").unwrap();
    let out = deps(&db, dir.path(), &["--env", ".", "--select", "DEP001"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("PYSEC-2023-100"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Django-4.2.0.dist-info/METADATA"),
        "{}",
        out.stdout
    );
}

#[test]
fn pep723_script() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tool.py"),
        "# /// script\n# requires-python = \">=3.11\"\n# dependencies = [\n#   \"requests==2.28.1\",\n# ]\n# ///\nimport requests\n",
    )
    .unwrap();
    let out = deps(&db, dir.path(), &["tool.py"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("tool.py:4:"), "{}", out.stdout);
}

#[test]
fn markers_follow_python_version_and_platform() {
    let db = require_db!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("requirements.txt"),
        "pywin32==227 ; sys_platform == \"win32\"\n\
         requests==2.28.1 ; python_version < \"3.10\"\n\
         flask==2.2.2\n",
    )
    .unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec![".", "--format", "json"];
        all.extend_from_slice(args);
        let out = deps(&db, dir.path(), &all);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let mut pkgs: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["metadata"]["package"].as_str().unwrap().to_string())
            .collect();
        pkgs.sort();
        pkgs.dedup();
        pkgs
    };
    assert_eq!(ids(&[]), vec!["flask"]);
    assert_eq!(ids(&["--python-version", "3.9"]), vec!["flask", "requests"]);
    assert_eq!(ids(&["--platform", "windows"]), vec!["flask", "pywin32"]);
}

#[test]
fn db_update_from_a_url() {
    let db = require_db!();
    let Some(shared) = common::shared() else {
        return;
    };
    // A plain static file server on loopback stands in for OSV's bucket.
    let mut server = std::process::Command::new("python3")
        .args([
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(shared.join("advisory-db"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 -m http.server");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let port = line
        .split("port ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("http.server prints its port");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("fetched.db");
    let url = format!("http://127.0.0.1:{port}/osv-pypi-all.zip");
    let out = run(pyward()
        .args(["db", "update", "--from", &url, "--db"])
        .arg(&target));
    let missing = run(pyward()
        .args(["db", "update", "--db"])
        .arg(dir.path().join("other.db"))
        .args(["--from", &format!("http://127.0.0.1:{port}/nope.zip")]));
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let info = run(pyward()
        .args(["db", "info", "--format", "json", "--db"])
        .arg(&target));
    let v: serde_json::Value = serde_json::from_str(&info.stdout).unwrap();
    assert_eq!(v["advisories"], 2661);
    assert_eq!(v["source"], url.as_str());
    let _ = db;
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.zip"), "{}", missing.stderr);
}

/// Writes an OSV-style `all.zip` with `(name, text)` entries, deflated.
fn write_export(path: &Path, entries: &[(&str, String)]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn osv_record(id: &str, package: &str, aliases: &[&str], cvss: Option<&str>) -> String {
    let severity = cvss
        .map(|v| format!(r#","severity":[{{"type":"CVSS_V3","score":"{v}"}}]"#))
        .unwrap_or_default();
    format!(
        r#"{{"id":"{id}","modified":"2024-01-01T00:00:00Z","summary":"demo issue","aliases":{}{severity},"affected":[{{"package":{{"ecosystem":"PyPI","name":"{package}"}},"ranges":[{{"type":"ECOSYSTEM","events":[{{"introduced":"0"}},{{"fixed":"1.0"}}]}}]}}]}}"#,
        serde_json::to_string(aliases).unwrap()
    )
}

#[test]
fn db_update_refuses_hostile_sources_and_keeps_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("advisory.db");
    let good = dir.path().join("good.zip");
    write_export(&good, &[("A-1.json", osv_record("A-1", "demo", &[], None))]);
    let update = |from: &Path| {
        run(pyward()
            .args(["db", "update", "--from"])
            .arg(from)
            .arg("--db")
            .arg(&db))
    };
    assert_eq!(update(&good).code, 0);
    // A zip bomb: 3 MiB of whitespace deflates about 1000:1.
    let bomb = dir.path().join("bomb.zip");
    write_export(
        &bomb,
        &[(
            "B-1.json",
            format!(
                "{}{}",
                " ".repeat(3 << 20),
                osv_record("B-1", "demo", &[], None)
            ),
        )],
    );
    let out = update(&bomb);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("bomb.zip"), "{}", out.stderr);
    assert!(out.stderr.contains("zip bomb"), "{}", out.stderr);
    // A path-traversal entry name.
    let traversal = dir.path().join("traversal.zip");
    write_export(
        &traversal,
        &[("../../x.json", osv_record("C-1", "demo", &[], None))],
    );
    let out = update(&traversal);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("traversal.zip"), "{}", out.stderr);
    assert!(out.stderr.contains("path traversal"), "{}", out.stderr);
    // The database built from the good source is still there, untouched.
    let info = run(pyward()
        .args(["db", "info", "--format", "json", "--db"])
        .arg(&db));
    let v: serde_json::Value = serde_json::from_str(&info.stdout).unwrap();
    assert_eq!(v["advisories"], 1);
    // No temp file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[cfg(unix)]
#[test]
fn db_update_from_a_dir_never_reads_devices_or_outside_links() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("vulns");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(tree.join("A-1.json"), osv_record("A-1", "demo", &[], None)).unwrap();
    std::os::unix::fs::symlink("/dev/zero", tree.join("zero.json")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", tree.join("host.json")).unwrap();
    let db = dir.path().join("advisory.db");
    let out = run(pyward()
        .args(["db", "update", "--from"])
        .arg(&tree)
        .arg("--db")
        .arg(&db));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for name in ["zero.json", "host.json"] {
        let line = out
            .stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no warning for {name}: {}", out.stderr));
        assert!(line.contains("outside"), "{line}");
    }
    assert!(out.stderr.contains("with 1 advisories"), "{}", out.stderr);
}

#[test]
fn severity_comes_from_an_alias_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("all.zip");
    // OSV's export carries GHSA records beside PYSEC ones; here the PYSEC record has no CVSS.
    write_export(
        &export,
        &[
            (
                "PYSEC-9999-1.json",
                osv_record(
                    "PYSEC-9999-1",
                    "sevdemo",
                    &["GHSA-abcd-efgh-ijkl", "CVE-9999-1"],
                    None,
                ),
            ),
            (
                "GHSA-abcd-efgh-ijkl.json",
                osv_record(
                    "GHSA-abcd-efgh-ijkl",
                    "othername",
                    &["CVE-9999-1"],
                    Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                ),
            ),
            (
                "PYSEC-9999-2.json",
                osv_record("PYSEC-9999-2", "sevdemo2", &["GHSA-mnop-qrst-uvwx"], None),
            ),
            (
                "GHSA-mnop-qrst-uvwx.json",
                osv_record(
                    "GHSA-mnop-qrst-uvwx",
                    "sevdemo2",
                    &[],
                    Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                ),
            ),
        ],
    );
    let db = dir.path().join("advisory.db");
    let out = run(pyward()
        .args(["db", "update", "--from"])
        .arg(&export)
        .arg("--db")
        .arg(&db));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let project = dir.path().join("p");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("requirements.txt"),
        "sevdemo==0.5\nsevdemo2==0.5\n",
    )
    .unwrap();
    let out = deps(
        &db,
        &project,
        &[".", "--format", "json", "--select", "DEP001"],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut seen: Vec<(String, String, serde_json::Value)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let adv = &f["metadata"]["advisory"];
            (
                adv["id"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                adv["severity_source"].clone(),
            )
        })
        .collect();
    // (The GHSA record is itself an advisory in the database; whether it is reported beside
    // its PYSEC alias is the deduplication's business, not this test's.)
    seen.retain(|s| s.0.starts_with("PYSEC"));
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        seen,
        [
            // The GHSA record is for another package: nothing to borrow.
            (
                "PYSEC-9999-1".into(),
                "unknown".into(),
                serde_json::Value::Null
            ),
            (
                "PYSEC-9999-2".into(),
                "critical".into(),
                serde_json::json!("GHSA-mnop-qrst-uvwx")
            ),
        ]
    );
}
