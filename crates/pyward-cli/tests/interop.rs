//! `pyward db serve` is an OSV API that the tools teams already run can use offline. The real
//! `uv audit` and `pip-audit` are pointed at it and must report exactly the advisories that
//! `pyward deps` reports on the same inputs.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{database, manifest_fixtures, pyward, real_tools, run};

/// A running `pyward db serve`, stopped on drop.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(db: &Path) -> Server {
        let mut child = pyward()
            .args(["db", "serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start pyward db serve");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let start = line.find("http://").expect("server prints its address");
        let base = line[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .trim_end_matches('/')
            .trim_end_matches("/v1")
            .to_string();
        Server { child, base }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Hits = BTreeSet<(String, String)>;

fn pyward_hits(db: &Path, dir: &Path, file: &str) -> Hits {
    let out = run(pyward()
        .current_dir(dir)
        .args([
            "deps", file, "--select", "DEP001", "--format", "json", "--db",
        ])
        .arg(db));
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["metadata"]["package"].as_str().unwrap().to_string(),
                f["advisory"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn normalize(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

#[test]
fn uv_audit_against_pyward_db_serve() {
    let Some(db) = database() else { return };
    if !real_tools() {
        return;
    }
    let server = Server::start(&db);
    let work = tempfile::tempdir().unwrap();
    for file in ["pyproject.toml", "uv.lock"] {
        std::fs::copy(
            manifest_fixtures().join("uv").join(file),
            work.path().join(file),
        )
        .unwrap();
    }
    let out = Command::new("uv")
        .current_dir(work.path())
        .args(["audit", "--frozen", "--no-index", "--output-format", "json"])
        .args(["--service-url", &server.base])
        .env("UV_CACHE_DIR", work.path().join("cache"))
        .output()
        .expect("run uv audit");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "uv audit JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let uv: Hits = v["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                normalize(x["dependency"]["name"].as_str().unwrap()),
                x["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let ours = pyward_hits(&db, work.path(), "uv.lock");
    assert!(
        ours.len() >= 10,
        "the fixture pins vulnerable django: {ours:?}"
    );
    assert_eq!(uv, ours, "uv audit and pyward disagree");
}

#[test]
fn pip_audit_against_pyward_db_serve() {
    let Some(db) = database() else { return };
    if !real_tools() {
        return;
    }
    let server = Server::start(&db);
    let work = tempfile::tempdir().unwrap();
    // Old releases of popular packages: many advisories, several with version lists and
    // multiple ranges.
    std::fs::write(
        work.path().join("requirements.txt"),
        "django==4.2.0\nrequests==2.28.1\npyyaml==5.3.1\nflask==2.2.2\nwerkzeug==2.2.2\n\
         jinja2==2.10\nurllib3==1.26.5\ncryptography==3.2\npillow==8.0.0\nparamiko==2.4.0\n",
    )
    .unwrap();
    let report = work.path().join("pip-audit.json");
    let out = Command::new("pip-audit")
        .current_dir(work.path())
        .args(["--disable-pip", "--no-deps", "-r", "requirements.txt"])
        .args([
            "-s",
            "osv",
            "--osv-url",
            &format!("{}/v1/query", server.base),
        ])
        .args(["-f", "json", "-o"])
        .arg(&report)
        .env("PIP_AUDIT_CACHE_DIR", work.path().join("cache"))
        .output()
        .expect("run pip-audit");
    let text = std::fs::read_to_string(&report).unwrap_or_else(|_| {
        panic!(
            "pip-audit wrote no report: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let theirs: Hits = v["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let name = normalize(d["name"].as_str().unwrap());
            d["vulns"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |x| (name.clone(), x["id"].as_str().unwrap().to_string()))
        })
        .collect();
    let ours = pyward_hits(&db, work.path(), "requirements.txt");
    assert!(ours.len() >= 40, "{ours:?}");
    assert_eq!(theirs, ours, "pip-audit and pyward disagree");
}
