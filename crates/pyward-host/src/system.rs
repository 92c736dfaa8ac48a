//! The base system: protections that should run (fail2ban, auditd, AppArmor/SELinux, automatic
//! updates), legacy remote services installed, kernel settings, and versions of the kernel,
//! sudo and polkit with well-known local privilege escalations.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use pyward_core::Location;

use crate::Host;
use crate::procfs::Snapshot;
use crate::rules::*;

/// The (Package, Version, installed) of every stanza of a dpkg status file or an apt
/// `Packages` list (whose stanzas have no `Status`, so never "installed").
fn stanzas(text: &str) -> impl Iterator<Item = (&str, &str, bool)> {
    text.split("\n\n").filter_map(|stanza| {
        let mut name = None;
        let mut version = None;
        let mut installed = false;
        for line in stanza.lines() {
            if let Some(v) = line.strip_prefix("Package:") {
                name = Some(v.trim());
            } else if let Some(v) = line.strip_prefix("Version:") {
                version = Some(v.trim());
            } else if let Some(v) = line.strip_prefix("Status:") {
                installed = v.split_whitespace().last() == Some("installed");
            }
        }
        Some((name?, version?, installed))
    })
}

/// Parses `/var/lib/dpkg/status`: installed package → version.
pub fn parse_dpkg_status(text: &str) -> BTreeMap<String, String> {
    stanzas(text)
        .filter(|(_, _, installed)| *installed)
        .map(|(n, v, _)| (n.to_string(), v.to_string()))
        .collect()
}

/// The names in directory `dir` of the root that `keep` accepts, sorted (the order apt and
/// sysctl read such directories in); none when it cannot be listed.
fn sorted_names(host: &Host, dir: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(host.path(dir))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| keep(n))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Compares two Debian package versions (`[epoch:]upstream[-revision]`) as dpkg does.
pub fn debian_cmp(a: &str, b: &str) -> Ordering {
    fn split(v: &str) -> (u64, &str, &str) {
        let (epoch, rest) = match v.split_once(':') {
            Some((e, r)) if e.chars().all(|c| c.is_ascii_digit()) => (e.parse().unwrap_or(0), r),
            _ => (0, v),
        };
        let (up, rev) = rest.rsplit_once('-').unwrap_or((rest, "0"));
        (epoch, up, rev)
    }
    fn order(c: Option<char>) -> i32 {
        match c {
            Some('~') => -1,
            None => 0,
            Some(c) if c.is_ascii_alphabetic() => c as i32,
            Some(c) => c as i32 + 256,
        }
    }
    fn part(mut a: &str, mut b: &str) -> Ordering {
        while !a.is_empty() || !b.is_empty() {
            // Non-digit prefix, compared with dpkg's character order.
            let na = a.find(|c: char| c.is_ascii_digit()).unwrap_or(a.len());
            let nb = b.find(|c: char| c.is_ascii_digit()).unwrap_or(b.len());
            let (sa, sb) = (&a[..na], &b[..nb]);
            let mut ca = sa.chars();
            let mut cb = sb.chars();
            loop {
                let (x, y) = (ca.next(), cb.next());
                if x.is_none() && y.is_none() {
                    break;
                }
                let o = order(x).cmp(&order(y));
                if o != Ordering::Equal {
                    return o;
                }
            }
            a = &a[na..];
            b = &b[nb..];
            let da = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
            let db = b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len());
            let (ia, ib) = (
                a[..da].trim_start_matches('0'),
                b[..db].trim_start_matches('0'),
            );
            let o = ia.len().cmp(&ib.len()).then_with(|| ia.cmp(ib));
            if o != Ordering::Equal {
                return o;
            }
            a = &a[da..];
            b = &b[db..];
        }
        Ordering::Equal
    }
    let (ea, ua, ra) = split(a);
    let (eb, ub, rb) = split(b);
    ea.cmp(&eb)
        .then_with(|| part(ua, ub))
        .then_with(|| part(ra, rb))
}

pub fn check(host: &mut Host, snap: Option<&Snapshot>) {
    protections(host, snap);
    sysctls(host);
    privilege_escalations(host);
}

fn running(snap: &Snapshot, program: &str) -> bool {
    snap.processes
        .iter()
        .any(|p| p.program() == program || p.name == program)
}

/// A systemd service enabled in a mounted root (a `*.wants` link to it).
fn enabled_unit(host: &Host, unit: &str) -> bool {
    let etc = host.path("/etc/systemd/system");
    std::fs::read_dir(&etc).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.file_name().to_string_lossy().ends_with(".wants")
                && e.path().join(unit).symlink_metadata().is_ok()
        })
    })
}

fn protections(host: &mut Host, snap: Option<&Snapshot>) {
    let installed =
        |host: &Host, pkg: &str| host.packages.as_ref().is_some_and(|p| p.contains_key(pkg));
    // fail2ban, where SSH is reachable (or installed, on a mounted root).
    let ssh_exposed = match snap {
        Some(s) => s.listeners.iter().any(|l| {
            !l.loopback_only() && s.owners(l.inode).iter().any(|p| p.program() == "sshd")
                || (!l.loopback_only() && l.port == 22 && s.owners(l.inode).is_empty())
        }),
        None => installed(host, "openssh-server"),
    };
    if ssh_exposed {
        let f2b = match snap {
            Some(s) => running(s, "fail2ban-server") || running(s, "fail2ban-serve"),
            None => installed(host, "fail2ban") && enabled_unit(host, "fail2ban.service"),
        };
        if !f2b {
            host.hit(
                &HST_NO_FAIL2BAN,
                if snap.is_some() {
                    "sshd listens beyond loopback and no fail2ban-server is running".to_string()
                } else {
                    "openssh-server is installed and fail2ban is not installed and enabled"
                        .to_string()
                },
                Location::host("fail2ban"),
            );
        }
    }
    let auditd = match snap {
        Some(s) => running(s, "auditd"),
        None => installed(host, "auditd") && enabled_unit(host, "auditd.service"),
    };
    if !auditd {
        host.hit(
            &HST_NO_AUDITD,
            if snap.is_some() {
                "auditd is not running: no record of privileged actions is kept".to_string()
            } else {
                "auditd is not installed and enabled: no record of privileged actions is kept"
                    .to_string()
            },
            Location::host("auditd"),
        );
    }
    if host.live {
        mac(host);
    }
    if let Some(packages) = host.packages.clone() {
        updates(host, &packages);
        pending_security_updates(host, &packages);
        for pkg in [
            "telnetd",
            "inetutils-telnetd",
            "telnetd-ssl",
            "rsh-server",
            "rsh-redone-server",
            "vsftpd",
            "proftpd-basic",
            "proftpd-core",
            "pure-ftpd",
            "inetutils-ftpd",
            "ftpd",
            "tftpd",
            "tftpd-hpa",
            "atftpd",
        ] {
            if let Some(v) = packages.get(pkg) {
                host.hit(
                    &HST_LEGACY_SERVICE,
                    format!("the clear-text remote service package {pkg} {v} is installed"),
                    Location::host(format!("package {pkg}")),
                );
            }
        }
    }
}

/// AppArmor or SELinux enforcing, from `/sys`.
fn mac(host: &mut Host) {
    let read = |p: &str| std::fs::read_to_string(p).map(|s| s.trim().to_string());
    if read("/sys/fs/selinux/enforce").is_ok_and(|v| v == "1") {
        return;
    }
    match read("/sys/module/apparmor/parameters/enabled") {
        Ok(v) if v == "Y" => {
            match std::fs::read_to_string("/sys/kernel/security/apparmor/profiles") {
                Ok(profiles) => {
                    let enforcing = profiles
                        .lines()
                        .filter(|l| l.ends_with("(enforce)"))
                        .count();
                    if enforcing == 0 {
                        host.hit(
                            &HST_NO_MAC,
                            "AppArmor is enabled but no profile is in enforce mode".to_string(),
                            Location::host("apparmor"),
                        );
                    }
                }
                Err(e) => host.not_checked(
                    "apparmor",
                    format!("/sys/kernel/security/apparmor/profiles: {e}"),
                ),
            }
        }
        Ok(_) => host.hit(
            &HST_NO_MAC,
            "neither AppArmor nor SELinux is enforcing a policy".to_string(),
            Location::host("apparmor"),
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => host.hit(
            &HST_NO_MAC,
            "the kernel has neither AppArmor nor SELinux enforcing".to_string(),
            Location::host("apparmor"),
        ),
        Err(e) => host.not_checked("apparmor", e),
    }
}

/// `unattended-upgrades` installed and switched on in `/etc/apt/apt.conf.d`.
fn updates(host: &mut Host, packages: &BTreeMap<String, String>) {
    if !packages.contains_key("unattended-upgrades") {
        host.hit(
            &HST_NO_AUTO_UPDATES,
            "the unattended-upgrades package is not installed: security updates wait for \
             someone to apply them"
                .to_string(),
            Location::host("package unattended-upgrades"),
        );
        return;
    }
    let names = sorted_names(host, "/etc/apt/apt.conf.d", |_| true);
    // Later files win, as apt reads them in order.
    let mut on: Option<(bool, String)> = None;
    for name in names {
        let file = format!("/etc/apt/apt.conf.d/{name}");
        let Ok(text) = host.read(&file) else {
            continue;
        };
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with("//") || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("APT::Periodic::Unattended-Upgrade") {
                let value = rest.trim().trim_end_matches(';').trim().trim_matches('"');
                on = Some((!matches!(value, "0" | "" | "false" | "no"), file.clone()));
            }
        }
    }
    match on {
        Some((true, _)) => {}
        Some((false, file)) => host.hit(
            &HST_NO_AUTO_UPDATES,
            "APT::Periodic::Unattended-Upgrade is switched off".to_string(),
            Location::file(file, None),
        ),
        None => host.hit(
            &HST_NO_AUTO_UPDATES,
            "unattended-upgrades is installed but APT::Periodic::Unattended-Upgrade is not set \
             in /etc/apt/apt.conf.d, so it never runs"
                .to_string(),
            Location::host("/etc/apt/apt.conf.d"),
        ),
    }
}

/// The most bytes read from one (decompressed) apt package list.
const MAX_LIST: u64 = 256 << 20;

/// Reads an apt list, plain, gzip or lz4 (as Debian's container images keep them), bounded.
fn read_list(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let name = path.to_string_lossy();
    let mut reader: Box<dyn Read> = if name.ends_with(".lz4") {
        Box::new(lz4_flex::frame::FrameDecoder::new(file))
    } else if name.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut out = Vec::new();
    (&mut reader)
        .take(MAX_LIST + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() as u64 > MAX_LIST {
        return Err(format!("larger than {} MiB", MAX_LIST >> 20));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Packages whose installed version is older than the security archive's, from the lists apt
/// last downloaded.
fn pending_security_updates(host: &mut Host, packages: &BTreeMap<String, String>) {
    let lists: Vec<std::path::PathBuf> = sorted_names(host, "/var/lib/apt/lists", |n| {
        n.contains("security")
            && (n.ends_with("_Packages")
                || n.ends_with("_Packages.lz4")
                || n.ends_with("_Packages.gz"))
    })
    .into_iter()
    .map(|n| host.path(&format!("/var/lib/apt/lists/{n}")))
    .collect();
    if lists.is_empty() {
        host.report.warnings.push(
            "pending security updates not checked: apt has no security package lists in              /var/lib/apt/lists (run `apt update`)"
                .to_string(),
        );
        return;
    }
    // The newest version of each package the security archive has.
    let mut newest: BTreeMap<String, String> = BTreeMap::new();
    for list in &lists {
        let text = match read_list(list) {
            Ok(t) => t,
            Err(e) => {
                host.not_checked(&host.show(list), format!("pending security updates: {e}"));
                continue;
            }
        };
        for (name, version, _) in stanzas(&text) {
            if packages.contains_key(name) {
                let entry = newest
                    .entry(name.to_string())
                    .or_insert_with(|| version.to_string());
                if debian_cmp(entry, version) == Ordering::Less {
                    *entry = version.to_string();
                }
            }
        }
    }
    let pending: Vec<String> = newest
        .iter()
        .filter_map(|(name, fixed)| {
            let installed = packages.get(name)?;
            (debian_cmp(installed, fixed) == Ordering::Less)
                .then(|| format!("{name} {installed} → {fixed}"))
        })
        .collect();
    host.report.stats.insert(
        "pending_security_updates".into(),
        serde_json::json!(pending.len()),
    );
    if !pending.is_empty() {
        let shown: Vec<&str> = pending.iter().take(10).map(String::as_str).collect();
        host.hit(
            &HST_PENDING_SECURITY_UPDATES,
            format!(
                "{} installed {} security updates waiting: {}{}",
                pending.len(),
                if pending.len() == 1 {
                    "package has"
                } else {
                    "packages have"
                },
                shown.join(", "),
                if pending.len() > shown.len() {
                    format!(" (+{} more)", pending.len() - shown.len())
                } else {
                    String::new()
                }
            ),
            Location::host("apt security updates"),
        );
    }
}

/// A kernel setting and the values that are weak.
struct Sysctl {
    key: &'static str,
    weak: fn(i64) -> bool,
    want: &'static str,
    why: &'static str,
}

const SYSCTLS: &[Sysctl] = &[
    Sysctl {
        key: "kernel.unprivileged_userns_clone",
        weak: |v| v == 1,
        want: "0",
        why: "unprivileged users can create user namespaces, exposing kernel code many exploits \
              need",
    },
    Sysctl {
        key: "kernel.kptr_restrict",
        weak: |v| v == 0,
        want: "1 or 2",
        why: "kernel addresses are shown to every user, which defeats KASLR",
    },
    Sysctl {
        key: "kernel.dmesg_restrict",
        weak: |v| v == 0,
        want: "1",
        why: "every user can read the kernel log and the addresses in it",
    },
    Sysctl {
        key: "kernel.randomize_va_space",
        weak: |v| v < 2,
        want: "2",
        why: "address space layout randomisation is off or partial",
    },
    Sysctl {
        key: "kernel.yama.ptrace_scope",
        weak: |v| v == 0,
        want: "1 or more",
        why: "any process can attach to and read another process of the same user",
    },
    Sysctl {
        key: "fs.protected_symlinks",
        weak: |v| v == 0,
        want: "1",
        why: "symlinks in world-writable directories can redirect privileged writes",
    },
    Sysctl {
        key: "fs.protected_hardlinks",
        weak: |v| v == 0,
        want: "1",
        why: "users can hard-link files they do not own, a step in many privilege escalations",
    },
    Sysctl {
        key: "fs.suid_dumpable",
        weak: |v| v != 0,
        want: "0",
        why: "set-uid programs leave core dumps that may hold secrets",
    },
    Sysctl {
        key: "net.ipv4.tcp_syncookies",
        weak: |v| v == 0,
        want: "1",
        why: "a SYN flood fills the connection backlog",
    },
    Sysctl {
        key: "net.ipv4.conf.all.accept_redirects",
        weak: |v| v == 1,
        want: "0",
        why: "ICMP redirects from the network can reroute this host's traffic",
    },
    Sysctl {
        key: "net.ipv4.conf.all.send_redirects",
        weak: |v| v == 1,
        want: "0",
        why: "the host sends ICMP redirects, which only routers should",
    },
];

fn sysctls(host: &mut Host) {
    // A mounted root: only what its sysctl files set (later files win, as sysctl --system).
    let mut configured: BTreeMap<String, (String, String)> = BTreeMap::new();
    if !host.live {
        let mut files = vec!["/etc/sysctl.conf".to_string()];
        for dir in ["/usr/lib/sysctl.d", "/run/sysctl.d", "/etc/sysctl.d"] {
            let names = sorted_names(host, dir, |n| n.ends_with(".conf"));
            files.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
        }
        for file in files {
            let Ok(text) = host.read(&file) else {
                continue;
            };
            for line in text.lines() {
                let line = line.trim();
                if line.starts_with('#') || line.starts_with(';') {
                    continue;
                }
                if let Some((k, v)) = line.split_once('=') {
                    let key = k.trim().trim_start_matches('-').replace('/', ".");
                    configured.insert(key, (v.trim().to_string(), file.clone()));
                }
            }
        }
    }
    for s in SYSCTLS {
        let (value, location) = if host.live {
            let path = format!("/proc/sys/{}", s.key.replace('.', "/"));
            match std::fs::read_to_string(&path) {
                Ok(v) => (v.trim().to_string(), Location::host(s.key)),
                // The setting does not exist in this kernel (no Yama, no Debian patch).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    host.not_checked(s.key, e);
                    continue;
                }
            }
        } else {
            match configured.get(s.key) {
                Some((v, file)) => (v.clone(), Location::file(file.clone(), None)),
                None => continue,
            }
        };
        let Ok(n) = value.parse::<i64>() else {
            continue;
        };
        if (s.weak)(n) {
            host.hit(
                &HST_WEAK_SYSCTL,
                format!("{} = {n} (want {}): {}", s.key, s.want, s.why),
                location,
            );
        }
    }
}

/// A well-known local privilege escalation: the package, the CVE, and the Debian versions that
/// fixed it per upstream line (a version below the fix of its line, or below every fixed line,
/// is vulnerable).
struct Lpe {
    package: &'static str,
    cve: &'static str,
    name: &'static str,
    /// (upstream prefix the fix applies to, fixed version); the last entry is the upstream fix.
    fixed: &'static [(&'static str, &'static str)],
}

/// Versions from the Debian security tracker and DSAs cited in the rule's documentation.
const PACKAGE_LPES: &[Lpe] = &[
    Lpe {
        package: "sudo",
        cve: "CVE-2021-3156",
        name: "Baron Samedit",
        fixed: &[
            ("1.8.27", "1.8.27-1+deb10u3"),
            ("1.8.31", "1.8.31-1ubuntu1.2"),
            ("", "1.9.5p2-1"),
        ],
    },
    Lpe {
        package: "sudo",
        cve: "CVE-2023-22809",
        name: "sudoedit arbitrary file write",
        fixed: &[
            ("1.8.27", "1.8.27-1+deb10u5"),
            ("1.9.5p2", "1.9.5p2-3+deb11u1"),
            ("", "1.9.12p2-1"),
        ],
    },
    Lpe {
        package: "policykit-1",
        cve: "CVE-2021-4034",
        name: "PwnKit",
        fixed: &[
            ("0.105", "0.105-26+deb10u1"),
            ("0.105-31", "0.105-31+deb11u1"),
            ("", "0.105-33"),
        ],
    },
    Lpe {
        package: "pkexec",
        cve: "CVE-2021-4034",
        name: "PwnKit",
        fixed: &[("", "0.105-33")],
    },
];

/// The vulnerable fix line for `version`, if any.
fn lpe_fixed_in(lpe: &Lpe, version: &str) -> Option<&'static str> {
    let upstream = version.split_once(':').map_or(version, |(_, v)| v);
    // The most specific line whose prefix the version starts with.
    let line = lpe
        .fixed
        .iter()
        .filter(|(prefix, _)| !prefix.is_empty() && upstream.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .or_else(|| lpe.fixed.last())?;
    (debian_cmp(version, line.1) == Ordering::Less).then_some(line.1)
}

/// The upstream version of a kernel as three numbers, from `/proc/version`: Debian prints it
/// there (`Debian 5.10.162-1`); a plain release (`6.18.3`) is upstream. Other distribution
/// kernels (`5.15.0-91-generic`) backport fixes without changing the numbers, so their upstream
/// version is unknown.
pub fn kernel_version(proc_version: &str) -> Result<(u32, u32, u32), &'static str> {
    let debian = proc_version
        .split_once("Debian ")
        .map(|(_, rest)| rest.split(['-', ' ', ')', '+']).next().unwrap_or(""))
        .filter(|v| v.split('.').count() >= 3);
    let release = match debian {
        Some(v) => v,
        None => {
            let release = proc_version
                .split_whitespace()
                .nth(2)
                .ok_or("the kernel version could not be read")?;
            if release.contains('-') {
                return Err("a distribution kernel whose upstream version is not shown");
            }
            release
        }
    };
    let mut nums = release
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u32>().ok());
    let (Some(Some(a)), Some(Some(b))) = (nums.next(), nums.next()) else {
        return Err("the kernel version could not be read");
    };
    Ok((a, b, nums.next().flatten().unwrap_or(0)))
}

/// Kernel escalations by upstream version: (CVE, name, vulnerable ranges as half-open
/// [from, to) triples).
type Range = ((u32, u32, u32), (u32, u32, u32));
const KERNEL_LPES: &[(&str, &str, &[Range])] = &[
    (
        "CVE-2016-5195",
        "Dirty COW",
        &[
            ((2, 6, 22), (4, 4, 26)),
            ((4, 5, 0), (4, 7, 9)),
            ((4, 8, 0), (4, 8, 3)),
        ],
    ),
    (
        "CVE-2022-0847",
        "Dirty Pipe",
        &[
            ((5, 8, 0), (5, 10, 102)),
            ((5, 11, 0), (5, 15, 25)),
            ((5, 16, 0), (5, 16, 11)),
        ],
    ),
];

fn privilege_escalations(host: &mut Host) {
    if let Some(packages) = host.packages.clone() {
        for lpe in PACKAGE_LPES {
            if let Some(version) = packages.get(lpe.package)
                && let Some(fixed) = lpe_fixed_in(lpe, version)
            {
                host.hit(
                    &HST_KNOWN_LPE,
                    format!(
                        "{} {version} is older than {fixed}, which fixed {} ({}), a local \
                         privilege escalation to root",
                        lpe.package, lpe.cve, lpe.name
                    ),
                    Location::host(format!("package {}", lpe.package)),
                );
            }
        }
    }
    if !host.live {
        return;
    }
    let Ok(text) = std::fs::read_to_string("/proc/version") else {
        host.not_checked("kernel", "/proc/version is not readable");
        return;
    };
    let v = match kernel_version(&text) {
        Ok(v) => v,
        Err(why) => {
            host.report
                .warnings
                .push(format!("kernel escalations not checked: {why}"));
            return;
        }
    };
    for (cve, name, ranges) in KERNEL_LPES {
        if ranges.iter().any(|(from, to)| *from <= v && v < *to) {
            host.hit(
                &HST_KNOWN_LPE,
                format!(
                    "the running kernel {}.{}.{} is affected by {cve} ({name}), a local \
                     privilege escalation to root",
                    v.0, v.1, v.2
                ),
                Location::host("kernel"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian_versions_order_like_dpkg() {
        use Ordering::*;
        for (a, b, o) in [
            ("1.8.27-1+deb10u2", "1.8.27-1+deb10u3", Less),
            ("1.8.27-1+deb10u3", "1.8.27-1+deb10u3", Equal),
            ("1.9.5p2-3+deb11u1", "1.9.5p2-1", Greater),
            ("1.9.5p1-1", "1.9.5p2-1", Less),
            ("1.9.13p3-1+deb12u1", "1.9.12p2-1", Greater),
            ("1.0~rc1-1", "1.0-1", Less),
            ("1:0.9", "2.0", Greater),
            ("0.105-31+deb11u1", "0.105-31", Greater),
            ("0.105-26", "0.105-26+deb10u1", Less),
            ("122-3", "0.105-33", Greater),
            ("1.2.10", "1.2.9", Greater),
        ] {
            assert_eq!(debian_cmp(a, b), o, "{a} vs {b}");
        }
    }

    #[test]
    fn lpe_lines() {
        let baron = &PACKAGE_LPES[0];
        assert_eq!(
            lpe_fixed_in(baron, "1.8.27-1+deb10u2"),
            Some("1.8.27-1+deb10u3")
        );
        assert_eq!(lpe_fixed_in(baron, "1.8.27-1+deb10u3"), None);
        assert_eq!(lpe_fixed_in(baron, "1.9.5p2-3+deb11u1"), None);
        assert_eq!(lpe_fixed_in(baron, "1.8.23-10"), Some("1.9.5p2-1"));
        assert_eq!(lpe_fixed_in(baron, "1.9.13p3-1+deb12u1"), None);
        let pwnkit = &PACKAGE_LPES[2];
        assert_eq!(lpe_fixed_in(pwnkit, "0.105-31"), Some("0.105-31+deb11u1"));
        assert_eq!(lpe_fixed_in(pwnkit, "0.105-31+deb11u1"), None);
        assert_eq!(lpe_fixed_in(pwnkit, "0.105-25"), Some("0.105-26+deb10u1"));
    }

    #[test]
    fn kernel_versions() {
        assert_eq!(
            kernel_version(
                "Linux version 5.10.0-21-amd64 (debian-kernel@lists.debian.org) (gcc-10) #1 \
                 SMP Debian 5.10.162-1 (2023-01-21)"
            ),
            Ok((5, 10, 162))
        );
        assert_eq!(
            kernel_version("Linux version 6.18.3 (root@build) (gcc) #1 SMP"),
            Ok((6, 18, 3))
        );
        assert!(
            kernel_version("Linux version 5.15.0-91-generic (buildd@lcy02) #101-Ubuntu SMP")
                .is_err(),
            "Ubuntu backports fixes: its numbers say nothing"
        );
        assert!(kernel_version("garbage").is_err());
    }

    #[test]
    fn dpkg_status_installed_only() {
        let text = "Package: sudo\nStatus: install ok installed\nVersion: 1.9.13p3-1+deb12u1\n\n\
Package: telnetd\nStatus: deinstall ok config-files\nVersion: 0.17-44\n\n\
Package: fail2ban\nStatus: install ok installed\nVersion: 1.0.2-2\n";
        let p = parse_dpkg_status(text);
        assert_eq!(
            p.get("sudo").map(String::as_str),
            Some("1.9.13p3-1+deb12u1")
        );
        assert!(
            !p.contains_key("telnetd"),
            "removed packages are not installed"
        );
        assert!(p.contains_key("fail2ban"));
    }
}
