//! `pyward host` against real processes: redis, sshd and a Python server started by the test in
//! a network namespace of its own (so the sockets seen are only the test's), with a veth pair
//! giving the namespace an "external" address. Needs root and `PYWARD_REAL_TOOLS=1` (CI); no
//! traffic leaves the namespace pair.
//!
//! Also `pyward host --root` over a small root filesystem the test writes.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{pyward, run};
use serde_json::Value;

fn findings(out: &common::Output) -> Vec<(String, String, String, String)> {
    let v: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON: {e}\n{}\n{}", out.stdout, out.stderr));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let loc = &f["location"];
            let place = loc["path"]
                .as_str()
                .or(loc["host"].as_str())
                .unwrap_or("")
                .to_string();
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
                place,
            )
        })
        .collect()
}

fn show(f: &[(String, String, String, String)]) -> String {
    f.iter()
        .map(|(c, s, m, p)| format!("{c} [{s}] {p}: {m}\n"))
        .collect()
}

/// A network namespace with a veth pair (10.213.N.1 outside, 10.213.N.2 inside), deleted on
/// drop with everything started in it.
struct Netns {
    name: String,
    children: Vec<Child>,
}

fn sh(cmd: &str) {
    let out = Command::new("sh").arg("-c").arg(cmd).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Netns {
    fn new() -> Netns {
        let n = std::process::id() % 200 + 20;
        let name = format!("pyward-host-{}", std::process::id());
        let _ = Command::new("ip").args(["netns", "del", &name]).output();
        sh(&format!("ip netns add {name}"));
        let ns = Netns {
            name: name.clone(),
            children: Vec::new(),
        };
        let (a, b) = (format!("pwh{n}a"), format!("pwh{n}b"));
        sh(&format!(
            "ip link add {a} type veth peer name {b} && ip link set {b} netns {name} && \
             ip addr add 10.213.{n}.1/24 dev {a} && ip link set {a} up && \
             ip netns exec {name} ip addr add 10.213.{n}.2/24 dev {b} && \
             ip netns exec {name} ip link set {b} up && ip netns exec {name} ip link set lo up"
        ));
        ns
    }

    fn exec(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.name]).args(args);
        cmd
    }

    fn spawn(&mut self, args: &[&str], env: &[(&str, &str)], log: &Path) {
        let out = std::fs::File::create(log).unwrap();
        let mut cmd = self.exec(args);
        cmd.envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        self.children.push(cmd.spawn().unwrap());
    }

    /// Waits until `port` accepts connections inside the namespace.
    fn wait(&self, port: u16, log: &Path) {
        for _ in 0..300 {
            let ok = self
                .exec(&[
                    "python3",
                    "-c",
                    &format!("import socket; socket.create_connection(('127.0.0.1', {port}), 1)"),
                ])
                .output()
                .unwrap()
                .status
                .success();
            if ok {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "nothing listens on {port}: {}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        // Anything the children left behind in the namespace.
        let _ = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "for p in $(ip netns pids {0}); do kill -9 $p; done; ip netns del {0}",
                self.name
            ))
            .output();
    }
}

fn tool(name: &str) -> PathBuf {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("PYWARD_REAL_TOOLS=1 but `{name}` is not installed"))
}

#[test]
fn live_host_in_a_network_namespace() {
    if !common::real_tools() {
        return;
    }
    assert!(
        common::is_root(),
        "PYWARD_REAL_TOOLS=1: the host test needs root (network namespaces)"
    );
    let (redis, sshd, keygen) = (tool("redis-server"), tool("sshd"), tool("ssh-keygen"));
    let _ = (tool("nft"), tool("ip"));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all("/run/sshd").unwrap();
    let key = d.join("host_ed25519");
    sh(&format!(
        "{} -q -t ed25519 -N '' -f {}",
        keygen.display(),
        key.display()
    ));
    let sshd_config = d.join("sshd_config");
    std::fs::write(
        &sshd_config,
        format!(
            "Port 2222\nListenAddress 0.0.0.0\nHostKey {}\nPasswordAuthentication yes\n\
             PermitRootLogin yes\nPidFile none\nUsePAM no\n",
            key.display()
        ),
    )
    .unwrap();
    let mut ns = Netns::new();
    let log = |n: &str| d.join(format!("{n}.log"));
    // Weak: redis on every interface without a password.
    ns.spawn(
        &[
            redis.to_str().unwrap(),
            "--port",
            "6379",
            "--bind",
            "0.0.0.0",
            "--protected-mode",
            "no",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            d.to_str().unwrap(),
        ],
        &[],
        &log("redis"),
    );
    // Hardened: redis on loopback with a password.
    ns.spawn(
        &[
            redis.to_str().unwrap(),
            "--port",
            "6380",
            "--bind",
            "127.0.0.1",
            "--requirepass",
            "a-long-test-password",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            d.to_str().unwrap(),
        ],
        &[],
        &log("redis2"),
    );
    // Weak: sshd with password authentication on a high port.
    ns.spawn(
        &[
            sshd.to_str().unwrap(),
            "-D",
            "-e",
            "-f",
            sshd_config.to_str().unwrap(),
        ],
        &[],
        &log("sshd"),
    );
    // Weak: a Python server on every interface, as root, with a debug switch.
    let app = d.join("app");
    std::fs::create_dir(&app).unwrap();
    let env_file = app.join(".env");
    std::fs::write(&env_file, "SECRET_KEY=not-a-real-secret-value-xyz\n").unwrap();
    std::fs::set_permissions(&env_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let writable = app.join("views.py");
    std::fs::write(&writable, "x = 1\n").unwrap();
    std::fs::set_permissions(&writable, std::fs::Permissions::from_mode(0o666)).unwrap();
    ns.spawn(
        &[
            "sh",
            "-c",
            &format!(
                "cd {} && exec python3 -m http.server 8000 --bind 0.0.0.0",
                app.display()
            ),
        ],
        &[("FLASK_DEBUG", "1")],
        &log("http"),
    );
    for (port, name) in [
        (6379, "redis"),
        (6380, "redis2"),
        (2222, "sshd"),
        (8000, "http"),
    ] {
        ns.wait(port, &log(name));
    }

    let host = |extra: &[&str]| {
        let mut cmd = ns.exec(&[common::bin().to_str().unwrap(), "host", "-f", "json"]);
        cmd.args(extra)
            .env("NO_COLOR", "1")
            .env("XDG_CACHE_HOME", d.join("cache"));
        run(&mut cmd)
    };

    // No firewall loaded in the namespace.
    let out = host(&[]);
    let f = findings(&out);
    let all = show(&f);
    let has = |code: &str, needles: &[&str]| {
        f.iter()
            .any(|(c, _, m, p)| c == code && needles.iter().all(|n| m.contains(n) || p.contains(n)))
    };
    assert!(
        has(
            "HST001",
            &["Redis", "0.0.0.0:6379", "no firewall rules are loaded"]
        ),
        "{all}"
    );
    assert!(
        !has("HST001", &["6380"]),
        "loopback redis is not exposed:\n{all}"
    );
    assert!(
        has("HST006", &["0.0.0.0:6379", "without a password"]),
        "{all}"
    );
    assert!(
        !has("HST006", &["6380"]),
        "the password-protected redis:\n{all}"
    );
    assert!(has("HST002", &["http.server", "0.0.0.0:8000"]), "{all}");
    assert!(has("HST004", &["http.server", "user root"]), "{all}");
    assert!(has("HST005", &["http.server", "FLASK_DEBUG"]), "{all}");
    assert!(has("HST010", &["no firewall rules"]), "{all}");
    assert!(has("HST020", &["sshd"]), "{all}");
    assert!(has("HST030", &["views.py", "666"]), "{all}");
    assert!(has("HST031", &[".env", "644"]), "{all}");
    // The file sshd was started with, through the sshd rules.
    let cfg = sshd_config.display().to_string();
    assert!(
        f.iter().any(|(c, _, _, p)| c == "SSH002" && p == &cfg),
        "the running sshd's -f file is audited:\n{all}"
    );
    // The installed sshd's own view of that file was read, and agreed: SSH002 once, not twice.
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let inputs: Vec<&str> = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        inputs.contains(&format!("sshd -T -f {cfg}").as_str()),
        "{inputs:?}"
    );
    assert_eq!(
        f.iter()
            .filter(|(c, _, _, p)| c == "SSH002" && p == &cfg)
            .count(),
        1,
        "{all}"
    );
    assert!(
        !out.stdout.contains("not-a-real-secret-value-xyz"),
        "a secret value is never printed"
    );
    // Findings at or over the threshold: 1, or 2 when something else could not be checked.
    assert!(matches!(out.code, 1 | 2), "{all}");

    // A firewall that drops everything but SSH: the data store is filtered, no HST010.
    let rules = d.join("rules.nft");
    std::fs::write(
        &rules,
        "table inet filter {\n chain input {\n  type filter hook input priority 0; policy drop;\n\
         \x20 ct state established,related accept\n  iif lo accept\n  tcp dport 2222 accept\n }\n}\n",
    )
    .unwrap();
    let st = ns
        .exec(&["nft", "-f", rules.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(st.success(), "nft -f");
    let f = findings(&host(&[]));
    let all = show(&f);
    let exposed = f
        .iter()
        .find(|(c, _, m, _)| c == "HST001" && m.contains("0.0.0.0:6379"))
        .unwrap_or_else(|| panic!("{all}"));
    assert!(exposed.2.contains("rules drop it"), "{all}");
    assert_eq!(exposed.1, "low", "filtered by the firewall: {all}");
    assert!(!f.iter().any(|(c, ..)| c == "HST010"), "{all}");
    assert!(
        !f.iter()
            .any(|(c, _, m, _)| c == "HST002" && m.contains("accept it")),
        "{all}"
    );
}

#[test]
fn mounted_root_filesystem() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    let w = |p: &str, text: &str, mode: u32| {
        let path = r.join(p.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    w(
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/bash\n",
        0o644,
    );
    w(
        "/var/lib/dpkg/status",
        "Package: sudo\nStatus: install ok installed\nVersion: 1.8.27-1+deb10u2\n\n\
         Package: openssh-server\nStatus: install ok installed\nVersion: 1:7.9p1-10+deb10u2\n\n\
         Package: telnetd\nStatus: install ok installed\nVersion: 0.17-41.2\n",
        0o644,
    );
    w("/var/lib/dpkg/info/sudo.list", "/usr/bin/sudo\n", 0o644);
    w("/usr/bin/sudo", "binary", 0o4755);
    w("/usr/local/bin/backdoor", "binary", 0o4755);
    w(
        "/etc/ssh/sshd_config",
        "PermitRootLogin yes\nPasswordAuthentication yes\n",
        0o644,
    );
    w(
        "/etc/sysctl.d/10-weak.conf",
        "net.ipv4.tcp_syncookies = 0\nkernel.kptr_restrict=2\n",
        0o644,
    );
    w(
        "/srv/app/.env",
        "DATABASE_URL=postgres://app:pw@db/app\n",
        0o644,
    );
    w(
        "/home/app/.ssh/authorized_keys",
        "ssh-ed25519 AAAA test\n",
        0o666,
    );
    let out = run(pyward()
        .args(["host", "--root"])
        .arg(r)
        .args(["-f", "json"]));
    let f = findings(&out);
    let all = show(&f);
    let has = |code: &str, needle: &str| {
        f.iter()
            .any(|(c, _, m, p)| c == code && (m.contains(needle) || p.contains(needle)))
    };
    assert!(has("HST041", "CVE-2021-3156"), "{all}");
    assert!(has("HST032", "/usr/local/bin/backdoor"), "{all}");
    assert!(!has("HST032", "/usr/bin/sudo"), "packaged set-uid: {all}");
    assert!(has("HST024", "telnetd"), "{all}");
    assert!(has("HST040", "net.ipv4.tcp_syncookies = 0"), "{all}");
    assert!(!has("HST040", "kptr_restrict"), "{all}");
    assert!(has("HST031", "/srv/app/.env"), "{all}");
    assert!(has("HST033", "/home/app/.ssh/authorized_keys"), "{all}");
    assert!(has("HST020", "openssh-server"), "{all}");
    assert!(has("HST023", "unattended-upgrades"), "{all}");
    assert!(
        f.iter()
            .any(|(c, _, _, p)| c == "SSH001" && p == "/etc/ssh/sshd_config"),
        "/etc is audited with the config rules, paths as on the host:\n{all}"
    );
    // Nothing of the machine running the test leaks in: no live checks on a mounted root.
    assert!(
        !f.iter().any(|(c, ..)| c == "HST001" || c == "HST004"),
        "{all}"
    );
    assert_eq!(out.code, 1, "{all}");
}

#[test]
fn a_root_that_is_not_a_directory_is_an_error() {
    let out = run(pyward().args(["host", "--root", "/nonexistent/pyward-root"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not a directory"), "{}", out.stderr);
}

/// A real Debian root filesystem (`debootstrap --variant=minbase bookworm`, made by `.ci/run`
/// and named by `PYWARD_TEST_ROOTFS`), copied, then given planted problems.
#[test]
fn debootstrap_root_with_planted_problems() {
    if !common::real_tools() {
        return;
    }
    let source = std::env::var("PYWARD_TEST_ROOTFS").unwrap_or_else(|_| {
        panic!(
            "PYWARD_REAL_TOOLS=1 needs PYWARD_TEST_ROOTFS, a debootstrap root (.ci/run makes one)"
        )
    });
    assert!(
        Path::new(&source).join("var/lib/dpkg/status").is_file(),
        "{source}"
    );
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("root");
    sh(&format!("cp -a {source} {}", r.display()));

    // The pristine system: every set-uid program is packaged, nothing could not be read.
    let out = run(pyward()
        .args(["host", "--root"])
        .arg(&r)
        .args(["-f", "json"]));
    let f = findings(&out);
    let all = show(&f);
    assert!(!f.iter().any(|(c, ..)| c == "HST032"), "{all}");
    assert!(
        !f.iter()
            .any(|(c, ..)| c == "HST030" || c == "HST031" || c == "HST033"),
        "{all}"
    );
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0), "{v}");
    assert!(
        v["stats"]["setuid_programs"].as_u64().unwrap() >= 3,
        "su, mount, passwd…: {v}"
    );

    // Planted problems.
    let plant = |p: &str, text: &str, mode: u32| {
        let path = r.join(p.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    plant("/usr/local/sbin/rootshell", "#!/bin/sh\n", 0o4755);
    plant("/srv/shop/app.py", "x = 1\n", 0o666);
    plant(
        "/srv/shop/.env",
        "SECRET_KEY=planted-secret-value-1234\n",
        0o644,
    );
    plant(
        "/etc/ssh/sshd_config",
        "PermitRootLogin yes\nPasswordAuthentication yes\n",
        0o644,
    );
    plant(
        "/etc/sysctl.d/99-weak.conf",
        "kernel.randomize_va_space = 0\n",
        0o644,
    );
    plant(
        "/root/.ssh/authorized_keys",
        "ssh-ed25519 AAAA planted\n",
        0o666,
    );
    let status = r.join("var/lib/dpkg/status");
    let mut text = std::fs::read_to_string(&status).unwrap();
    text.push_str(
        "\nPackage: sudo\nStatus: install ok installed\nVersion: 1.9.5p2-3\n\n\
         Package: telnetd\nStatus: install ok installed\nVersion: 0.17-44\n",
    );
    std::fs::write(&status, text).unwrap();
    let out = run(pyward()
        .args(["host", "--root"])
        .arg(&r)
        .args(["-f", "json"]));
    let f = findings(&out);
    let all = show(&f);
    let has = |code: &str, needle: &str| {
        f.iter()
            .any(|(c, _, m, p)| c == code && (m.contains(needle) || p.contains(needle)))
    };
    assert!(has("HST032", "/usr/local/sbin/rootshell"), "{all}");
    assert_eq!(f.iter().filter(|(c, ..)| c == "HST032").count(), 1, "{all}");
    assert!(has("HST030", "/srv/shop/app.py"), "{all}");
    assert!(has("HST031", "/srv/shop/.env"), "{all}");
    assert!(has("HST033", "/root/.ssh/authorized_keys"), "{all}");
    assert!(has("HST040", "kernel.randomize_va_space = 0"), "{all}");
    assert!(has("HST041", "CVE-2023-22809"), "{all}");
    assert!(has("HST024", "telnetd"), "{all}");
    assert!(
        f.iter()
            .any(|(c, _, _, p)| c == "SSH002" && p == "/etc/ssh/sshd_config"),
        "{all}"
    );
    assert!(!out.stdout.contains("planted-secret-value-1234"));
    assert_eq!(out.code, 1, "{all}");
}
