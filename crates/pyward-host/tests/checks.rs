//! The host checks over root filesystems written by the tests (`pyward host --root`): each rule
//! that reads files fires on one root and stays silent on its fixed twin. Live checks (sockets,
//! processes, the loaded firewall) run against real servers in `pyward-cli/tests/host_cli.rs`.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use pyward_core::testpaths::TestPaths;
use pyward_core::{Analyzer, Inventory, NoProgress, ProjectConfig, Report, Scope};
use pyward_host::{HostAnalyzer, HostOptions};

/// A root filesystem in a temporary directory.
struct Root {
    dir: tempfile::TempDir,
}

impl Root {
    fn new() -> Root {
        let root = Root {
            dir: tempfile::tempdir().unwrap(),
        };
        root.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", 0o644)
    }

    fn file(self, path: &str, text: &str, mode: u32) -> Root {
        let full = self.dir.path().join(path.trim_start_matches('/'));
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, text).unwrap();
        std::fs::set_permissions(&full, std::fs::Permissions::from_mode(mode)).unwrap();
        self
    }

    fn packages(self, pkgs: &[(&str, &str)]) -> Root {
        let status: String = pkgs
            .iter()
            .map(|(n, v)| format!("Package: {n}\nStatus: install ok installed\nVersion: {v}\n\n"))
            .collect();
        self.file("/var/lib/dpkg/status", &status, 0o644)
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn run(&self) -> Report {
        let analyzer = HostAnalyzer {
            options: HostOptions {
                root: Some(self.path()),
                ..HostOptions::default()
            },
        };
        let (inventory, config, test_paths) = (
            Inventory::default(),
            ProjectConfig::default(),
            TestPaths::default(),
        );
        analyzer.run(&Scope {
            paths: &[],
            inventory: &inventory,
            config: &config,
            select: &[],
            ignore: &[],
            test_paths: &test_paths,
            include_tests: false,
            fail_on_empty: false,
            progress: &NoProgress,
        })
    }
}

fn codes(report: &Report, code: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| format!("{} @ {}", f.message, f.location.display()))
        .collect()
}

#[test]
fn hst023_automatic_updates() {
    let off = Root::new()
        .packages(&[("unattended-upgrades", "2.9.1+nmu3")])
        .file(
            "/etc/apt/apt.conf.d/20auto-upgrades",
            "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"0\";\n",
            0o644,
        );
    let hits = codes(&off.run(), "HST023");
    assert!(hits.iter().any(|h| h.contains("switched off")), "{hits:?}");
    let on = Root::new()
        .packages(&[("unattended-upgrades", "2.9.1+nmu3")])
        .file(
            "/etc/apt/apt.conf.d/20auto-upgrades",
            "// comment\nAPT::Periodic::Unattended-Upgrade \"1\";\n",
            0o644,
        );
    assert!(codes(&on.run(), "HST023").is_empty());
    let missing = Root::new().packages(&[("bash", "5.2.15-2")]);
    assert!(!codes(&missing.run(), "HST023").is_empty());
}

#[test]
fn hst024_legacy_packages() {
    let r = Root::new().packages(&[("vsftpd", "3.0.3-13"), ("openssh-server", "1:9.2p1-2")]);
    let hits = codes(&r.run(), "HST024");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].contains("vsftpd"));
}

#[test]
fn hst030_hst031_app_roots() {
    let r = Root::new()
        .file("/srv/app/app.py", "x = 1\n", 0o666)
        .file("/srv/app/ok.py", "x = 1\n", 0o644)
        .file("/srv/app/.env", "A=1\n", 0o640)
        .file("/srv/app/.env.example", "A=\n", 0o644)
        .file("/var/www/site/proj/settings.py", "DEBUG = False\n", 0o644)
        .file("/srv/app/cert.pem", "-----BEGIN CERTIFICATE-----\n", 0o644)
        .file(
            "/srv/app/key.pem",
            "-----BEGIN EC PRIVATE KEY-----\n",
            0o644,
        );
    let report = r.run();
    let ww = codes(&report, "HST030");
    assert_eq!(ww.len(), 1, "{ww:?}");
    assert!(ww[0].contains("/srv/app/app.py"));
    let secrets = codes(&report, "HST031");
    assert!(
        secrets.iter().any(|s| s.contains("/srv/app/key.pem")),
        "{secrets:?}"
    );
    assert!(
        secrets.iter().any(|s| s.contains("settings.py")),
        "{secrets:?}"
    );
    assert!(
        !secrets.iter().any(|s| s.contains(".env")),
        "0640 and examples: {secrets:?}"
    );
    assert!(
        !secrets.iter().any(|s| s.contains("cert.pem")),
        "{secrets:?}"
    );
}

#[test]
fn hst032_setuid_against_the_package_lists() {
    let r = Root::new()
        .packages(&[("mount", "2.38.1-5")])
        .file(
            "/var/lib/dpkg/info/mount.list",
            "/bin/mount\n/usr/bin/umount\n",
            0o644,
        )
        .file("/usr/bin/mount", "x", 0o4755)
        .file("/usr/bin/umount", "x", 0o4755)
        .file("/opt/tool/helper", "x", 0o2755)
        .file("/usr/local/bin/plain", "x", 0o755);
    let hits = codes(&r.run(), "HST032");
    assert_eq!(
        hits.len(),
        1,
        "/bin/mount is /usr/bin/mount on a merged /usr: {hits:?}"
    );
    assert!(hits[0].contains("/opt/tool/helper") && hits[0].contains("set-gid"));
    let no_dpkg = Root::new().file("/usr/bin/x", "x", 0o4755).run();
    assert!(
        no_dpkg
            .errors
            .iter()
            .any(|e| e.message.contains("not checked") && e.path == "set-uid programs"),
        "without a package database: not checked, never a pass"
    );
}

#[test]
fn hst033_ssh_permissions() {
    let r = Root::new()
        .file(
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/bash\na:x:1000:1000::/home/a:/bin/sh\nb:x:1001:1001::/home/b:/bin/sh\n",
            0o644,
        )
        .file("/home/a/.ssh/authorized_keys", "k\n", 0o664)
        .file("/home/a/.ssh/id_ed25519", "k\n", 0o644)
        .file("/home/a/.ssh/id_ed25519.pub", "k\n", 0o644)
        .file("/home/b/.ssh/authorized_keys", "k\n", 0o600)
        .file("/home/b/.ssh/id_rsa", "k\n", 0o600);
    let hits = codes(&r.run(), "HST033");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|h| h.contains("/home/a/")), "{hits:?}");
}

#[test]
fn hst040_configured_sysctls() {
    let r = Root::new()
        .file(
            "/etc/sysctl.conf",
            "kernel.randomize_va_space = 1\nfs.suid_dumpable=0\n",
            0o644,
        )
        .file(
            "/etc/sysctl.d/99-late.conf",
            "kernel.randomize_va_space = 2\nkernel/dmesg_restrict = 0\n",
            0o644,
        );
    let hits = codes(&r.run(), "HST040");
    assert_eq!(hits.len(), 1, "later files win: {hits:?}");
    assert!(hits[0].contains("kernel.dmesg_restrict = 0"));
}

#[test]
fn hst041_package_escalations() {
    let vulnerable = Root::new().packages(&[("sudo", "1.9.5p2-3"), ("policykit-1", "0.105-31")]);
    let hits = codes(&vulnerable.run(), "HST041");
    assert!(
        hits.iter().any(|h| h.contains("CVE-2023-22809")),
        "{hits:?}"
    );
    assert!(hits.iter().any(|h| h.contains("CVE-2021-4034")), "{hits:?}");
    assert!(
        !hits.iter().any(|h| h.contains("CVE-2021-3156")),
        "{hits:?}"
    );
    let fixed = Root::new().packages(&[
        ("sudo", "1.9.13p3-1+deb12u1"),
        ("policykit-1", "0.105-31+deb11u1"),
    ]);
    assert!(codes(&fixed.run(), "HST041").is_empty());
}

#[test]
fn a_symlink_out_of_the_root_is_not_followed() {
    let r = Root::new();
    let etc = r.path().join("etc");
    std::fs::remove_file(etc.join("passwd")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", etc.join("passwd")).unwrap();
    let report = r.run();
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.path == "/etc/passwd" && e.message.contains("not checked")),
        "{:?}",
        report.errors
    );
}
