//! Live-config parity: the configuration files of the fixtures and example trees must be
//! accepted by the real daemons (`sshd -T -f FILE`, `nginx -t -c FILE`), and pyward's parsed
//! effective sshd values must agree with `sshd -T` for every key pyward audits.
//!
//! These tests drive the real `sshd` and `nginx` binaries and run only with
//! `PYWARD_REAL_TOOLS=1` (CI installs `openssh-server` and `nginx` from Debian).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use pyward_config::formats::sshd::DEFAULTS;
use pyward_config::{ConfigKind, ConfigOptions};
use pyward_core::Report;

fn real_tools() -> bool {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("SKIP: set PYWARD_REAL_TOOLS=1 to run the sshd -T / nginx -t parity tests");
    false
}

fn tool(name: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin"] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return p;
        }
    }
    panic!("PYWARD_REAL_TOOLS=1 but `{name}` is not installed");
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every tree holding `etc/<sub>/<main>` among the fixtures and example trees.
fn trees(sub: &str, main: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        for case in ["fire", "silent"] {
            let t = entry.as_ref().unwrap().path().join(case);
            if t.join("etc").join(sub).join(main).is_file() {
                out.push(t);
            }
        }
    }
    for twin in ["insecure", "hardened"] {
        out.push(repo().join("examples/server").join(twin));
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Rewrites absolute `/etc/<sub>/` paths in every file of the copied tree to the copy, so the
/// daemon and pyward read exactly the same files.
fn relocate(dir: &Path, sub: &str, extra: &[(&str, String)]) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            relocate(&path, sub, extra);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let root = dir
            .ancestors()
            .find(|a| a.join("etc").join(sub).is_dir() && a.file_name().is_some_and(|n| n == "t"))
            .unwrap_or(dir)
            .to_path_buf();
        let mut new = text.replace(
            &format!("/etc/{sub}/"),
            &format!("{}/etc/{sub}/", root.display()),
        );
        for (from, to) in extra {
            new = new.replace(from, to);
        }
        if new != text {
            std::fs::write(&path, new).unwrap();
        }
    }
}

fn sshd_t(sshd: &Path, config: &Path) -> BTreeMap<String, String> {
    let out = Command::new(sshd)
        .arg("-T")
        .arg("-f")
        .arg(config)
        .output()
        .expect("run sshd -T");
    assert!(
        out.status.success(),
        "sshd -T -f {} failed: {}",
        config.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let (k, v) = line.split_once(' ').unwrap_or((line, ""));
        map.entry(k.to_string())
            .and_modify(|e| {
                e.push(',');
                e.push_str(v);
            })
            .or_insert_with(|| v.to_string());
    }
    map
}

#[test]
fn sshd_effective_values_match_sshd_t() {
    if !real_tools() {
        return;
    }
    let sshd = tool("sshd");
    // sshd -T refuses to run without its privilege-separation directory.
    let _ = std::fs::create_dir_all("/run/sshd");
    let tmp = tempfile::tempdir().unwrap();
    let hostkey = tmp.path().join("hostkey");
    let keygen = Command::new(tool("ssh-keygen"))
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&hostkey)
        .status()
        .unwrap();
    assert!(keygen.success());
    let cases = trees("ssh", "sshd_config");
    assert!(cases.len() >= 20, "{cases:?}");
    let mut compared = 0;
    for (i, tree) in cases.iter().enumerate() {
        let copy = tmp.path().join(format!("{i}")).join("t");
        copy_dir(&tree.join("etc/ssh"), &copy.join("etc/ssh"));
        relocate(&copy.join("etc/ssh"), "ssh", &[]);
        let main = copy.join("etc/ssh/sshd_config");
        let mut text = std::fs::read_to_string(&main).unwrap();
        text.push_str(&format!("\nHostKey {}\n", hostkey.display()));
        // A trailing Match block would swallow the HostKey line: put it first instead.
        let text = format!("HostKey {}\n{text}", hostkey.display());
        std::fs::write(&main, text).unwrap();

        let theirs = sshd_t(&sshd, &main);
        let ours = pyward_config::sshd_effective(&main, Some(Path::new("/"))).unwrap();
        for (key, _) in DEFAULTS {
            let t = theirs.get(*key).cloned().unwrap_or_default();
            let o = ours.get(*key).cloned().unwrap_or_default();
            assert_eq!(
                o,
                t,
                "{key} differs for {} (pyward vs sshd -T)",
                tree.display()
            );
            compared += 1;
        }
    }
    eprintln!(
        "compared {compared} values over {} configurations",
        cases.len()
    );
}

#[test]
fn nginx_accepts_the_nginx_fixtures_and_pyward_parses_them_cleanly() {
    if !real_tools() {
        return;
    }
    let nginx = tool("nginx");
    let tmp = tempfile::tempdir().unwrap();
    let cert = tmp.path().join("cert.pem");
    let key = tmp.path().join("key.pem");
    let openssl = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=shop.example.com",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(
        openssl.status.success(),
        "{}",
        String::from_utf8_lossy(&openssl.stderr)
    );
    let cases = trees("nginx", "nginx.conf");
    assert!(cases.len() >= 20, "{cases:?}");
    for (i, tree) in cases.iter().enumerate() {
        let copy = tmp.path().join(format!("{i}")).join("t");
        copy_dir(&tree.join("etc/nginx"), &copy.join("etc/nginx"));
        relocate(
            &copy.join("etc/nginx"),
            "nginx",
            &[
                ("/etc/ssl/certs/shop.pem", cert.display().to_string()),
                ("/etc/ssl/private/shop.key", key.display().to_string()),
            ],
        );
        let main = copy.join("etc/nginx/nginx.conf");
        let pid = tmp.path().join(format!("{i}.pid"));
        let out = Command::new(&nginx)
            .args(["-t", "-q", "-e", "stderr", "-c"])
            .arg(&main)
            .arg("-g")
            .arg(format!("pid {};", pid.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "nginx -t rejected {}: {}",
            tree.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        // pyward reads the same files (absolute includes resolve as-is under root `/`) without
        // a single parse warning or error.
        let options = ConfigOptions {
            kind: Some(ConfigKind::Nginx),
            root: Some(PathBuf::from("/")),
            ..ConfigOptions::default()
        };
        let mut report = Report::new("config");
        pyward_config::scan(std::slice::from_ref(&main), &options, &mut report);
        assert!(
            report.warnings.is_empty(),
            "{}: {:?}",
            tree.display(),
            report.warnings
        );
        assert!(
            report.errors.is_empty(),
            "{}: {:?}",
            tree.display(),
            report.errors
        );
        assert!(
            report.inputs.len() >= 2,
            "includes not followed: {:?}",
            report.inputs
        );
    }
}
