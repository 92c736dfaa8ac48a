//! What `/proc` says about sockets and processes: parsers over the text the kernel writes (pure,
//! fuzzable), and a bounded reader of the live `/proc`.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;

/// The most processes read (a host with more is reported as partly checked).
pub const MAX_PROCESSES: usize = 20_000;
/// The most bytes read from one `/proc` file.
const MAX_PROC_FILE: u64 = 4 << 20;

/// A socket's transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    pub fn as_str(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
        }
    }
}

/// A socket waiting for connections (TCP `LISTEN`) or datagrams (an unconnected UDP socket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    pub proto: Proto,
    pub addr: IpAddr,
    pub port: u16,
    pub inode: u64,
    pub uid: u32,
}

impl Listener {
    /// Bound to every interface (`0.0.0.0`, `::`).
    pub fn all_interfaces(&self) -> bool {
        self.addr.is_unspecified()
    }

    /// Reachable only from this host.
    pub fn loopback_only(&self) -> bool {
        match self.addr {
            IpAddr::V4(a) => a.is_loopback(),
            IpAddr::V6(a) => {
                a.is_loopback() || a.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
            }
        }
    }

    /// `addr:port` as people write it (`[::]:22`).
    pub fn endpoint(&self) -> String {
        match self.addr {
            IpAddr::V4(a) => format!("{a}:{}", self.port),
            IpAddr::V6(a) => format!("[{a}]:{}", self.port),
        }
    }
}

/// Parses one of `/proc/net/{tcp,tcp6,udp,udp6}`: the listening (TCP state `0A`) or unconnected
/// bound (UDP state `07`) sockets. Lines that do not parse are skipped.
pub fn parse_net(text: &str, proto: Proto) -> Vec<Listener> {
    let wanted = match proto {
        Proto::Tcp => "0A",
        Proto::Udp => "07",
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if cols.len() < 10 || cols[3] != wanted {
                return None;
            }
            let (addr, port) = cols[1].split_once(':')?;
            Some(Listener {
                proto,
                addr: parse_addr(addr)?,
                port: u16::from_str_radix(port, 16).ok()?,
                uid: cols[7].parse().ok()?,
                inode: cols[9].parse().ok()?,
            })
        })
        .collect()
}

/// An address as `/proc/net` prints it: 32-bit words printed in hex from host (here
/// little-endian) memory order.
fn parse_addr(hex: &str) -> Option<IpAddr> {
    let word = |s: &str| u32::from_str_radix(s, 16).ok().map(u32::to_le_bytes);
    match hex.len() {
        8 => Some(IpAddr::V4(Ipv4Addr::from(word(hex)?))),
        32 => {
            let mut bytes = [0u8; 16];
            for (i, chunk) in bytes.chunks_mut(4).enumerate() {
                chunk.copy_from_slice(&word(hex.get(i * 8..i * 8 + 8)?)?);
            }
            Some(IpAddr::V6(Ipv6Addr::from(bytes)))
        }
        _ => None,
    }
}

/// A process, from `/proc/PID`.
#[derive(Debug, Clone, Default)]
pub struct Process {
    pub pid: u32,
    pub ppid: u32,
    /// `Name:` in `status` (the kernel's 15-byte command name).
    pub name: String,
    /// Real and effective user ids.
    pub uid: u32,
    pub euid: u32,
    /// The command line, as words (empty for kernel threads).
    pub cmdline: Vec<String>,
    /// `KEY=value` pairs of the initial environment, when readable.
    pub environ: Option<Vec<(String, String)>>,
    /// Socket inodes among its open files, when readable.
    pub sockets: Option<Vec<u64>>,
    /// Its working directory, when readable.
    pub cwd: Option<std::path::PathBuf>,
}

impl Process {
    /// The program: the last path component of the first command-line word, or the name.
    pub fn program(&self) -> &str {
        self.cmdline
            .first()
            // Processes that retitle themselves write one word with spaces
            // (`redis-server 0.0.0.0:6379`, `nginx: worker process`).
            .map(|w| w.split(' ').next().unwrap_or(w).trim_end_matches(':'))
            .map(|w| w.rsplit('/').next().unwrap_or(w))
            .filter(|w| !w.is_empty())
            .unwrap_or(&self.name)
    }

    /// Shown in messages: `gunicorn (pid 812, user root)`.
    pub fn label(&self, users: &BTreeMap<u32, String>) -> String {
        format!(
            "{} (pid {}, user {})",
            self.display_name(),
            self.pid,
            user_name(users, self.euid)
        )
    }

    /// The program, or for interpreters the script or module they run (`python3 -m http.server`
    /// is `http.server`, `python3 /srv/app/venv/bin/gunicorn` is `gunicorn`).
    pub fn display_name(&self) -> String {
        let program = self.program();
        if program.starts_with("python") {
            let mut words = self.cmdline.iter().skip(1);
            while let Some(w) = words.next() {
                if w == "-m" {
                    return words.next().cloned().unwrap_or_else(|| program.to_string());
                }
                if !w.starts_with('-') {
                    return w.rsplit('/').next().unwrap_or(w).to_string();
                }
            }
        }
        program.to_string()
    }
}

/// `uid` as a name from `/etc/passwd`, or the number.
pub fn user_name(users: &BTreeMap<u32, String>, uid: u32) -> String {
    users.get(&uid).cloned().unwrap_or_else(|| uid.to_string())
}

/// Parses `/proc/PID/status`: (name, ppid, real uid, effective uid).
pub fn parse_status(text: &str) -> Option<(String, u32, u32, u32)> {
    let mut name = None;
    let mut ppid = 0;
    let mut uids = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("Name:") {
            name = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("PPid:") {
            ppid = v.trim().parse().unwrap_or(0);
        } else if let Some(v) = line.strip_prefix("Uid:") {
            let mut ids = v.split_whitespace().filter_map(|w| w.parse::<u32>().ok());
            uids = Some((ids.next()?, ids.next()?));
        }
    }
    let (uid, euid) = uids?;
    Some((name?, ppid, uid, euid))
}

/// Splits NUL-separated words (`cmdline`, `environ`), dropping the empty tail.
pub fn split_nul(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect()
}

/// Parses `environ`: `KEY=value` pairs.
pub fn parse_environ(bytes: &[u8]) -> Vec<(String, String)> {
    split_nul(bytes)
        .into_iter()
        .filter_map(|w| {
            let (k, v) = w.split_once('=')?;
            Some((k.to_string(), v.to_string()))
        })
        .collect()
}

/// The inode of a `socket:[12345]` link target.
pub fn socket_inode(target: &str) -> Option<u64> {
    target
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// Parses `/etc/passwd`: uid → name.
pub fn parse_passwd(text: &str) -> BTreeMap<u32, String> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.split(':');
            let name = f.next()?;
            let uid = f.nth(1)?.parse().ok()?;
            Some((uid, name.to_string()))
        })
        .collect()
}

/// Reads a `/proc` file, bounded.
fn read_proc(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_PROC_FILE)
        .read_to_end(&mut out)?;
    Ok(out)
}

/// What the live `/proc` holds.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub listeners: Vec<Listener>,
    pub processes: Vec<Process>,
    /// Things that could not be read, with the reason.
    pub unreadable: Vec<(String, String)>,
    /// Processes whose open files could not be listed (another user's, without root).
    pub hidden_fds: usize,
    /// Processes whose environment could not be read (permission refused).
    pub hidden_environ: Vec<u32>,
    /// More processes than [`MAX_PROCESSES`] were running.
    pub truncated: bool,
}

impl Snapshot {
    /// The process with `pid` (processes are read in pid order).
    pub fn process(&self, pid: u32) -> Option<&Process> {
        self.processes
            .binary_search_by_key(&pid, |p| p.pid)
            .ok()
            .map(|i| &self.processes[i])
    }

    /// The processes holding the socket with `inode` open.
    pub fn owners(&self, inode: u64) -> Vec<&Process> {
        self.processes
            .iter()
            .filter(|p| p.sockets.as_ref().is_some_and(|s| s.contains(&inode)))
            .collect()
    }
}

/// Reads sockets and processes from `proc` (normally `/proc`).
pub fn snapshot(proc: &Path) -> Snapshot {
    let mut snap = Snapshot::default();
    for (file, proto) in [
        ("tcp", Proto::Tcp),
        ("tcp6", Proto::Tcp),
        ("udp", Proto::Udp),
        ("udp6", Proto::Udp),
    ] {
        let path = proc.join("net").join(file);
        match read_proc(&path) {
            Ok(bytes) => snap
                .listeners
                .extend(parse_net(&String::from_utf8_lossy(&bytes), proto)),
            // No IPv6 in this kernel: nothing listens there.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && file.ends_with('6') => {}
            Err(e) => snap
                .unreadable
                .push((path.display().to_string(), e.to_string())),
        }
    }
    let entries = match std::fs::read_dir(proc) {
        Ok(rd) => rd,
        Err(e) => {
            snap.unreadable
                .push((proc.display().to_string(), e.to_string()));
            return snap;
        }
    };
    let mut pids: Vec<u32> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    pids.sort_unstable();
    if pids.len() > MAX_PROCESSES {
        pids.truncate(MAX_PROCESSES);
        snap.truncated = true;
    }
    for pid in pids {
        let dir = proc.join(pid.to_string());
        // A process may exit while it is read: whatever vanished is simply not there.
        let Ok(status) = read_proc(&dir.join("status")) else {
            continue;
        };
        let Some((name, ppid, uid, euid)) = parse_status(&String::from_utf8_lossy(&status)) else {
            continue;
        };
        let cmdline = read_proc(&dir.join("cmdline"))
            .map(|b| split_nul(&b))
            .unwrap_or_default();
        if cmdline.is_empty() {
            continue; // a kernel thread or a zombie
        }
        let environ = match read_proc(&dir.join("environ")) {
            Ok(b) => Some(parse_environ(&b)),
            Err(e) => {
                // Only a refusal hides anything; a process that exited meanwhile does not.
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    snap.hidden_environ.push(pid);
                }
                None
            }
        };
        let sockets = match std::fs::read_dir(dir.join("fd")) {
            Ok(rd) => Some(
                rd.flatten()
                    .filter_map(|e| socket_inode(std::fs::read_link(e.path()).ok()?.to_str()?))
                    .collect(),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                snap.hidden_fds += 1;
                None
            }
            Err(_) => None,
        };
        let cwd = std::fs::read_link(dir.join("cwd")).ok();
        snap.processes.push(Process {
            pid,
            ppid,
            name,
            uid,
            euid,
            cmdline,
            environ,
            sockets,
            cwd,
        });
    }
    snap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_listeners_with_addresses_in_host_order() {
        let text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 4242 1 0000 100 0 0 10 0\n\
   1: 00000000:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0000 100 0 0 10 0\n\
   2: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 0 1 0000 100 0 0 10 0\n";
        let l = parse_net(text, Proto::Tcp);
        assert_eq!(l.len(), 2, "the established socket is not a listener");
        assert_eq!(l[0].endpoint(), "127.0.0.1:8080");
        assert!(l[0].loopback_only());
        assert_eq!((l[0].uid, l[0].inode), (101, 4242));
        assert_eq!(l[1].endpoint(), "0.0.0.0:6379");
        assert!(l[1].all_interfaces() && !l[1].loopback_only());
    }

    #[test]
    fn tcp6_addresses() {
        let text = "header\n\
   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n\
   1: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1\n\
   2: 0000000000000000FFFF00000100007F:0051 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1\n\
   3: B80D0120000000000000000001000000:0052 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1\n";
        let l = parse_net(text, Proto::Tcp);
        assert_eq!(l[0].endpoint(), "[::]:22");
        assert_eq!(l[1].endpoint(), "[::1]:80");
        assert!(l[1].loopback_only());
        assert_eq!(l[2].endpoint(), "[::ffff:127.0.0.1]:81");
        assert!(l[2].loopback_only());
        assert_eq!(l[3].endpoint(), "[2001:db8::1]:82");
        assert!(!l[3].loopback_only());
    }

    #[test]
    fn hostile_lines_are_skipped() {
        for text in [
            "h\n0: ZZ:1 0:0 0A a b c d e f",
            "h\n0: 0100007F:FFFFF 0:0 0A a b c 0 e 1",
            "h\n0: 01:1F90 0:0 0A a b c 0 e 1",
            "h\n",
            "",
        ] {
            assert!(parse_net(text, Proto::Tcp).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn status_cmdline_environ_and_links() {
        let status = "Name:\tgunicorn\nUmask:\t0022\nState:\tS\nPPid:\t1\nUid:\t0\t33\t0\t0\n";
        assert_eq!(
            parse_status(status),
            Some(("gunicorn".to_string(), 1, 0, 33))
        );
        assert_eq!(parse_status("Name: x\n"), None);
        assert_eq!(
            split_nul(b"python3\0-m\0http.server\0"),
            ["python3", "-m", "http.server"]
        );
        assert_eq!(
            parse_environ(b"A=1\0B=x=y\0junk\0"),
            [
                ("A".to_string(), "1".to_string()),
                ("B".to_string(), "x=y".to_string())
            ]
        );
        assert_eq!(socket_inode("socket:[991]"), Some(991));
        assert_eq!(socket_inode("pipe:[991]"), None);
        let p = Process {
            cmdline: split_nul(b"/usr/bin/python3\0-u\0-m\0http.server\08000\0"),
            name: "python3".into(),
            ..Process::default()
        };
        assert_eq!(p.display_name(), "http.server");
        let users = parse_passwd(
            "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n",
        );
        assert_eq!(user_name(&users, 33), "www-data");
        assert_eq!(user_name(&users, 1234), "1234");
    }
}
