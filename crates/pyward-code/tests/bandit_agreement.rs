//! Agreement with Bandit on a real corpus: the sdists of django, flask, requests, paramiko and
//! jinja2 plus our own fixtures. Compares findings per (file, line, Bandit ID) and reports
//! recall and precision of Bandit's findings. Figures and every disagreement are explained in
//! `docs/bandit-agreement.md`.
//!
//! Opt-in: needs `PYWARD_REAL_TOOLS=1`, Python 3 with `venv`, and access to PyPI. Set
//! `PYWARD_BANDIT=/path/to/bandit` to reuse an installed Bandit.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use pyward_code::{CodeOptions, Profile, scan};

const BANDIT: &str = "bandit==1.9.4";
const SDISTS: &[&str] = &[
    "django==5.2.19",
    "flask==3.1.3",
    "requests==2.34.2",
    "paramiko==5.1.0",
    "jinja2==3.1.6",
];
const MIN_RECALL: f64 = 0.995;
const MIN_PRECISION: f64 = 0.995;

type Key = (String, u32, String);

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn must(cmd: &mut Command) {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn bandit_and_pip(work: &Path) -> (PathBuf, PathBuf) {
    let venv = work.join("venv");
    must(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let pip = venv.join("bin/pip");
    if let Ok(b) = std::env::var("PYWARD_BANDIT") {
        return (PathBuf::from(b), pip);
    }
    must(Command::new(&pip).args(["install", "-q", BANDIT]));
    (venv.join("bin/bandit"), pip)
}

#[test]
fn agrees_with_bandit_on_real_code() {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() != Ok("1") {
        // Written to the stream directly so the test harness does not capture it.
        let _ = writeln!(
            std::io::stderr(),
            "SKIP: bandit agreement test (set PYWARD_REAL_TOOLS=1; installs Bandit and downloads sdists from PyPI)"
        );
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (bandit, pip) = bandit_and_pip(work.path());
    let dl = work.path().join("dl");
    must(
        Command::new(&pip)
            .args(["download", "-q", "--no-binary", ":all:", "--no-deps", "-d"])
            .arg(&dl)
            .args(SDISTS),
    );
    let corpus = work.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(&dl).unwrap() {
        must(
            Command::new("tar")
                .arg("xzf")
                .arg(entry.unwrap().path())
                .arg("-C")
                .arg(&corpus),
        );
    }
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("resources/test/fixtures");
    copy_dir(&fixtures, &corpus.join("pyward-fixtures"));

    let out_json = work.path().join("bandit.json");
    let out = run(Command::new(&bandit)
        .args(["-r", "-f", "json", "-q", "-o"])
        .arg(&out_json)
        .arg(&corpus));
    assert!(
        out_json.is_file(),
        "bandit wrote no report: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_json).unwrap()).unwrap();
    let prefix = format!("{}/", corpus.display());
    let rel = |p: &str| p.strip_prefix(&prefix).unwrap_or(p).to_string();
    let theirs: BTreeSet<Key> = data["results"]
        .as_array()
        .expect("bandit results")
        .iter()
        .map(|r| {
            (
                rel(r["filename"].as_str().unwrap()),
                r["line_number"].as_u64().unwrap() as u32,
                r["test_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();

    // `--profile bandit`: no test-code policy, B608 on every line as Bandit reports it.
    let options = CodeOptions {
        profile: Profile::Bandit,
        ..CodeOptions::default()
    };
    let report = scan(std::slice::from_ref(&corpus), &options);
    let ours: BTreeSet<Key> = report
        .findings
        .iter()
        .filter_map(|f| {
            let bid = f.metadata.get("bandit_id")?.as_str()?.to_string();
            Some((rel(f.location.path.as_deref()?), f.location.line()?, bid))
        })
        .collect();

    let mut per_id: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for k in &theirs {
        per_id.entry(&k.2).or_default().0 += 1;
    }
    for k in &ours {
        per_id.entry(&k.2).or_default().1 += 1;
        if theirs.contains(k) {
            per_id.entry(&k.2).or_default().2 += 1;
        }
    }
    println!(
        "{:<6} {:>7} {:>7} {:>7} {:>8} {:>9}",
        "id", "bandit", "pyward", "both", "recall", "precision"
    );
    for (id, (b, p, both)) in &per_id {
        let r = if *b == 0 {
            1.0
        } else {
            *both as f64 / *b as f64
        };
        let pr = if *p == 0 {
            1.0
        } else {
            *both as f64 / *p as f64
        };
        println!("{id:<6} {b:>7} {p:>7} {both:>7} {r:>8.4} {pr:>9.4}");
    }
    let both = theirs.intersection(&ours).count();
    let recall = both as f64 / theirs.len() as f64;
    let precision = both as f64 / ours.len() as f64;
    println!(
        "total: bandit={} pyward={} both={both} recall={recall:.4} precision={precision:.4}",
        theirs.len(),
        ours.len()
    );
    for k in theirs.difference(&ours) {
        println!("only bandit: {}:{} {}", k.0, k.1, k.2);
    }
    for k in ours.difference(&theirs) {
        println!("only pyward: {}:{} {}", k.0, k.1, k.2);
    }
    assert!(theirs.len() > 4000, "corpus too small: {}", theirs.len());
    assert!(recall >= MIN_RECALL, "recall {recall:.4} < {MIN_RECALL}");
    assert!(
        precision >= MIN_PRECISION,
        "precision {precision:.4} < {MIN_PRECISION}"
    );
}
