//! End-to-end tests of the supply-chain side of `pyward deps`: policy rules through every output
//! format (credentials redacted), `--fix`/`--dry-run` round trips, lockfile upgrade commands,
//! `--online` against a loopback index, and (with `PYWARD_REAL_TOOLS=1`) a real virtualenv and
//! a real pypiserver.

mod common;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{database, manifest_fixtures, pyward, real_tools, repo_root, run};
use sha2::{Digest, Sha256};

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
        .env_remove("PIP_INDEX_URL")
        .env_remove("UV_DEFAULT_INDEX")
        .env_remove("UV_INDEX_URL")
        .arg("deps")
        .arg("--db")
        .arg(db)
        .arg("--isolated")
        .args(args))
}

fn json(out: &common::Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}\n{}", out.stdout, out.stderr))
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn advisory_ids(v: &serde_json::Value, package: &str) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "DEP001" && f["metadata"]["package"] == package)
        .map(|f| f["advisory"]["id"].as_str().unwrap().to_string())
        .collect()
}

fn policy_fixtures() -> PathBuf {
    repo_root().join("crates/pyward-deps/tests/fixtures/policy")
}

#[test]
fn credentials_are_redacted_in_every_format() {
    let db = require_db!();
    let dir = policy_fixtures().join("DEP107");
    for format in ["text", "json", "sarif", "markdown", "html"] {
        let out = deps(&db, &dir, &["requirements.txt", "--format", format]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains("DEP107"), "{format}: {all}");
        assert!(
            !all.contains("s3cr3t") && !all.contains("ghp_abcdef"),
            "{format} leaks a credential:\n{all}"
        );
        let shown = if format == "markdown" {
            r"\*\*\*\*\@pypi\.internal\.example\.com"
        } else {
            "****@pypi.internal.example.com"
        };
        assert!(all.contains(shown), "{format}: {all}");
    }
}

#[test]
fn policy_rules_report_through_the_cli() {
    let db = require_db!();
    let dir = policy_fixtures();
    let out = deps(
        &db,
        &dir,
        &[
            "DEP108/requirements.txt",
            "DEP105/requirements.txt",
            "--format",
            "json",
        ],
    );
    let v = json(&out);
    let c = codes(&v);
    assert!(
        c.contains(&"DEP108".to_string()) && c.contains(&"DEP105".to_string()),
        "{c:?}"
    );
    // --require-hashes turns DEP102 on for files without any hash.
    let plain = deps(&db, &dir, &["DEP102/no-hashes.txt", "--select", "DEP102"]);
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    let strict = deps(
        &db,
        &dir,
        &[
            "DEP102/no-hashes.txt",
            "--select",
            "DEP102",
            "--require-hashes",
        ],
    );
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert!(strict.stdout.contains("DEP102"), "{}", strict.stdout);
    // `pyward rule` documents the new rules.
    let rule = run(pyward().args(["rule", "DEP111"]));
    assert_eq!(rule.code, 0);
    assert!(
        rule.stdout.contains("## Why is this bad?"),
        "{}",
        rule.stdout
    );
}

const REQUIREMENTS: &str = "\
# Production pins. Keep this comment.
--index-url https://pypi.org/simple

Django==3.2.0 ; python_version >= \"3.8\"  # the web framework
flask == 2.2.2 \\
    ; sys_platform == \"linux\"
requests>=2.31  # a range: left alone
idna==3.7
";

#[test]
fn fix_round_trip_keeps_layout_and_clears_the_advisories() {
    let db = require_db!();
    let tmp = tempfile::tempdir().unwrap();
    let req = tmp.path().join("requirements.txt");
    std::fs::write(&req, REQUIREMENTS).unwrap();

    let before = json(&deps(
        &db,
        tmp.path(),
        &["requirements.txt", "--select", "DEP001", "--format", "json"],
    ));
    let django_ids = advisory_ids(&before, "django");
    let flask_ids = advisory_ids(&before, "flask");
    assert!(!django_ids.is_empty() && !flask_ids.is_empty(), "{before}");

    // --dry-run prints the diff and changes nothing.
    let dry = deps(
        &db,
        tmp.path(),
        &["requirements.txt", "--select", "DEP001", "--dry-run"],
    );
    assert_eq!(dry.code, 1, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("--- a/requirements.txt"),
        "{}",
        dry.stdout
    );
    assert_eq!(std::fs::read_to_string(&req).unwrap(), REQUIREMENTS);
    let diff: String = dry
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("--- a/"))
        .take_while(|l| !l.is_empty() && !l.contains("DEP001"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("fix_diff", diff);

    // --fix writes it.
    let fixed = deps(
        &db,
        tmp.path(),
        &[
            "requirements.txt",
            "--select",
            "DEP001",
            "--fix",
            "--format",
            "json",
        ],
    );
    let stats = &json(&fixed)["stats"]["fix"];
    assert_eq!(stats["dry_run"], false);
    assert_eq!(stats["applied"].as_array().unwrap().len(), 2, "{stats}");
    let text = std::fs::read_to_string(&req).unwrap();
    assert!(
        text.starts_with("# Production pins. Keep this comment.\n--index-url"),
        "{text}"
    );
    assert!(
        text.contains("; python_version >= \"3.8\"  # the web framework\n"),
        "{text}"
    );
    assert!(
        text.contains(" \\\n    ; sys_platform == \"linux\"\n"),
        "{text}"
    );
    assert!(
        text.contains("requests>=2.31  # a range: left alone\nidna==3.7\n"),
        "{text}"
    );

    // The round trip: none of the fixed advisories is reported any more.
    let after = json(&deps(
        &db,
        tmp.path(),
        &["requirements.txt", "--select", "DEP001", "--format", "json"],
    ));
    for id in django_ids.iter().chain(&flask_ids) {
        let still = after.to_string().contains(&format!("\"id\":\"{id}\""));
        assert!(!still, "{id} still reported after --fix: {after}");
    }
    assert!(advisory_ids(&after, "django").is_empty() && advisory_ids(&after, "flask").is_empty());
}

#[test]
fn lockfiles_get_the_tools_upgrade_command() {
    let db = require_db!();
    let fixtures = manifest_fixtures();
    let before: Vec<u8> = std::fs::read(fixtures.join("uv/uv.lock")).unwrap();
    let out = deps(
        &db,
        &fixtures,
        &[
            "uv/uv.lock",
            "poetry/poetry.lock",
            "--select",
            "DEP001",
            "--fix",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("fix: uv/uv.lock is a lockfile; upgrade with: (cd uv && uv lock --upgrade-package django=="),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("(cd poetry && poetry update "),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read(fixtures.join("uv/uv.lock")).unwrap(),
        before,
        "a lockfile was edited"
    );
}

/// A loopback PEP 691 JSON index: `demo-pkg` 1.0 is yanked, `old-pkg` is archived and
/// `bad-pkg` quarantined. pypiserver cannot mark either, so this index is served by the test.
fn json_index() -> (String, std::thread::JoinHandle<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let handle = std::thread::spawn(move || {
        while let Ok(Some(req)) = server.recv_timeout(Duration::from_secs(20)) {
            let file = |name: &str, v: &str, yanked: &str| {
                format!(
                    r#"{{"filename":"{name}-{v}-py3-none-any.whl","url":"/f/{name}-{v}-py3-none-any.whl","hashes":{{"sha256":"{}"}},"yanked":{yanked}}}"#,
                    "ab".repeat(32)
                )
            };
            let page = |name: &str, status: &str, files: Vec<String>| {
                format!(
                    r#"{{"meta":{{"api-version":"1.4"}},"name":"{name}",{status}"files":[{}]}}"#,
                    files.join(",")
                )
            };
            let body = match req.url() {
                "/simple/demo-pkg/" => Some(page(
                    "demo-pkg",
                    "",
                    vec![
                        file("demo_pkg", "1.0", r#""data loss on upgrade""#),
                        file("demo_pkg", "1.1", "false"),
                    ],
                )),
                "/simple/old-pkg/" => Some(page(
                    "old-pkg",
                    r#""project-status":{"status":"archived","reason":"use new-pkg"},"#,
                    vec![file("old_pkg", "2.0", "false")],
                )),
                "/simple/bad-pkg/" => Some(page(
                    "bad-pkg",
                    r#""project-status":{"status":"quarantined"},"#,
                    vec![],
                )),
                "/simple/good-pkg/" => {
                    Some(page("good-pkg", "", vec![file("good_pkg", "1.0", "false")]))
                }
                _ => None,
            };
            let response = match body {
                Some(b) => tiny_http::Response::from_string(b).with_header(
                    tiny_http::Header::from_bytes(
                        &b"Content-Type"[..],
                        &b"application/vnd.pypi.simple.v1+json"[..],
                    )
                    .unwrap(),
                ),
                None => tiny_http::Response::from_string("not found").with_status_code(404),
            };
            let _ = req.respond(response);
        }
    });
    (format!("http://127.0.0.1:{port}/simple"), handle)
}

#[test]
fn online_reports_yanked_releases_and_project_status() {
    let db = require_db!();
    let (index, _server) = json_index();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("requirements.txt"),
        "demo-pkg==1.0\nold-pkg==2.0\nbad-pkg==0.1\ngood-pkg==1.0\nprivate-pkg==1.0\n",
    )
    .unwrap();
    let args = [
        "requirements.txt",
        "--online",
        "--select",
        "DEP113,DEP114",
        "--format",
        "json",
    ];
    // The index comes from PIP_INDEX_URL here; --index-url would win over it.
    let out = run(pyward()
        .current_dir(tmp.path())
        .env("PIP_INDEX_URL", &index)
        .args(["deps", "--isolated", "--db"])
        .arg(&db)
        .args(args));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let v = json(&out);
    let mut got: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["code"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    got.sort();
    insta::assert_snapshot!("online", got.join("\n"));
    // A project the index does not have is a warning, not an error.
    assert!(
        v["warnings"]
            .to_string()
            .contains("private-pkg is not on http://127.0.0.1"),
        "{}",
        v["warnings"]
    );
    assert!(
        v["errors"].as_array().is_none_or(|e| e.is_empty()),
        "{}",
        v["errors"]
    );

    // An unreachable index is an error (exit 2) naming the index, never a silent pass.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!(
        "http://user:pw@127.0.0.1:{}/simple",
        closed.local_addr().unwrap().port()
    );
    drop(closed);
    let out = deps(
        &db,
        tmp.path(),
        &["requirements.txt", "--online", "--index-url", &dead],
    );
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("http://****@127.0.0.1"), "{all}");
    assert!(!all.contains("user:pw"), "{all}");
}

// ---------------------------------------------------------------------------------------------
// Real tools: python3 -m venv, pip install from PyPI, pypiserver on loopback.

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "server on {port} never came up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn venv(dir: &Path, packages: &[&str]) -> PathBuf {
    let venv = dir.join("venv");
    let status = Command::new("python3")
        .arg("-m")
        .arg("venv")
        .arg(&venv)
        .status()
        .expect("python3");
    assert!(status.success(), "python3 -m venv failed");
    if !packages.is_empty() {
        let out = Command::new(venv.join("bin/python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-cache-dir",
            ])
            .args(packages)
            .output()
            .expect("pip install");
        assert!(
            out.status.success(),
            "pip install failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    venv
}

/// A minimal wheel with a module and dist-info, written by the test.
fn build_wheel(dir: &Path, name: &str, version: &str) -> (PathBuf, String) {
    let module = name.replace('-', "_");
    let file = dir.join(format!("{module}-{version}-py3-none-any.whl"));
    let f = std::fs::File::create(&file).unwrap();
    let mut zip = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default();
    let info = format!("{module}-{version}.dist-info");
    for (path, body) in [
        (format!("{module}/__init__.py"), format!("__version__ = '{version}'\n")),
        (format!("{info}/METADATA"), format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")),
        (format!("{info}/WHEEL"), "Wheel-Version: 1.0\nGenerator: pyward-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n".to_string()),
        (format!("{info}/RECORD"), String::new()),
    ] {
        zip.start_file(path, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let hash = format!("{:x}", Sha256::digest(std::fs::read(&file).unwrap()));
    (file, hash)
}

#[test]
fn fix_fetches_new_hashes_from_a_pypiserver_index() {
    let db = require_db!();
    if !real_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let tools = venv(tmp.path(), &["pypiserver==2.4.2"]);
    let packages = tmp.path().join("packages");
    std::fs::create_dir_all(&packages).unwrap();
    let (_, old_hash) = build_wheel(&packages, "django", "3.2.0");
    let req = tmp.path().join("requirements.txt");
    let original = format!(
        "# hashed deployment file\ndjango==3.2.0 \\\n    --hash=sha256:{old_hash}\n    # via app\n"
    );
    std::fs::write(&req, &original).unwrap();

    // Which version will --fix pick? Ask without an index: the hashed pin is skipped and says.
    let closed = format!("http://127.0.0.1:{}/simple", free_port());
    let dry = json(&deps(
        &db,
        tmp.path(),
        &[
            "requirements.txt",
            "--select",
            "DEP001",
            "--fix",
            "--index-url",
            &closed,
            "--format",
            "json",
        ],
    ));
    let skipped = &dry["stats"]["fix"]["skipped"][0];
    let to = skipped["to"]
        .as_str()
        .unwrap_or_else(|| panic!("{dry}"))
        .to_string();
    assert_eq!(
        std::fs::read_to_string(&req).unwrap(),
        original,
        "skipped pin was edited"
    );
    let (_, new_hash) = build_wheel(&packages, "django", &to);

    let port = free_port();
    let server = Server(
        Command::new(tools.join("bin/pypi-server"))
            .args(["run", "-i", "127.0.0.1", "-p", &port.to_string()])
            .arg(&packages)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pypiserver"),
    );
    wait_for_port(port);
    let index = format!("http://127.0.0.1:{port}/simple");
    let ids = advisory_ids(&dry, "django");
    assert!(!ids.is_empty());

    let out = deps(
        &db,
        tmp.path(),
        &[
            "requirements.txt",
            "--select",
            "DEP001",
            "--fix",
            "--index-url",
            &index,
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = std::fs::read_to_string(&req).unwrap();
    assert_eq!(
        text,
        format!(
            "# hashed deployment file\ndjango=={to} \\\n    --hash=sha256:{new_hash}\n    # via app\n"
        )
    );
    let after = json(&deps(
        &db,
        tmp.path(),
        &["requirements.txt", "--select", "DEP001", "--format", "json"],
    ));
    for id in &ids {
        assert!(
            !after.to_string().contains(&format!("\"id\":\"{id}\"")),
            "{id} still reported"
        );
    }
    // The same index answers --online through its HTML pages: no findings, no errors.
    let online = deps(
        &db,
        tmp.path(),
        &[
            "requirements.txt",
            "--online",
            "--select",
            "DEP113,DEP114",
            "--index-url",
            &index,
        ],
    );
    assert_eq!(online.code, 0, "{}\n{}", online.stdout, online.stderr);
    drop(server);
}

#[test]
fn env_integrity_on_a_real_venv() {
    let db = require_db!();
    if !real_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let venv = venv(
        tmp.path(),
        &["six==1.16.0", "idna==3.7", "requests==2.32.3"],
    );
    let env = venv.to_string_lossy().into_owned();
    let integrity = [
        "--select",
        "DEP201,DEP202,DEP203,DEP204",
        "--format",
        "json",
    ];
    // A freshly installed environment is clean: pip's own files, console scripts, caches.
    let clean = json(&deps(
        &db,
        tmp.path(),
        &[&["--env", &env][..], &integrity[..]].concat(),
    ));
    assert!(codes(&clean).is_empty(), "{}", clean["findings"]);
    assert!(
        clean["stats"]["environment"]["files_checked"]
            .as_u64()
            .unwrap()
            > 100
    );

    // Tamper: edit a module, delete one, drop a .pth hook. requests now lacks urllib3.
    let site = std::fs::read_dir(venv.join("lib"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("site-packages"))
        .find(|p| p.is_dir())
        .unwrap();
    let six = site.join("six.py");
    let mut body = std::fs::read_to_string(&six).unwrap();
    body.push_str("\nimport os  # injected\n");
    std::fs::write(&six, body).unwrap();
    std::fs::remove_file(site.join("idna/codec.py")).unwrap();
    std::fs::write(site.join("zz_hook.pth"), "import os\n").unwrap();
    let urllib3 = std::fs::read_dir(&site)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("urllib3-")
        })
        .unwrap();
    std::fs::remove_dir_all(urllib3).unwrap();

    let out = deps(
        &db,
        tmp.path(),
        &[&["--env", &env][..], &integrity[..]].concat(),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = json(&out);
    let findings = v["findings"].as_array().unwrap();
    let has = |code: &str, needle: &str| {
        findings
            .iter()
            .any(|f| f["code"] == code && f["message"].as_str().unwrap().contains(needle))
    };
    assert!(has("DEP201", "six.py"), "{findings:#?}");
    assert!(has("DEP202", "idna/codec.py"), "{findings:#?}");
    assert!(has("DEP203", "zz_hook.pth"), "{findings:#?}");
    assert!(has("DEP204", "requires urllib3"), "{findings:#?}");

    // Drift against a lockfile given alongside.
    std::fs::write(
        tmp.path().join("requirements.txt"),
        "six==1.16.0\nidna==3.8\nrequests==2.32.3\ncertifi==2024.8.30\n",
    )
    .unwrap();
    let drift = json(&deps(
        &db,
        tmp.path(),
        &[
            "requirements.txt",
            "--env",
            &env,
            "--select",
            "DEP205",
            "--format",
            "json",
        ],
    ));
    let text = drift["findings"].to_string();
    assert!(text.contains("idna 3.7 is installed"), "{text}");
    assert!(text.contains("charset-normalizer"), "{text}");
}

/// `-o /dev/null` (used by the benchmarks) writes to the device; it must never be replaced by a
/// regular file through the atomic rename used for ordinary output files.
#[cfg(unix)]
#[test]
fn output_to_dev_null_keeps_the_device() {
    use std::os::unix::fs::FileTypeExt;
    let db = require_db!();
    let dir = policy_fixtures().join("DEP106");
    let out = deps(&db, &dir, &["requirements.txt", "-o", "/dev/null"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
}
