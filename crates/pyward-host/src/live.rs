//! What is running: listening sockets tied to their processes, processes running as root, debug
//! switches in their environments, and a Redis that answers without a password.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use pyward_core::Location;

use crate::Host;
use crate::firewall::{Firewall, Reach};
use crate::procfs::{Listener, Process, Proto, Snapshot};
use crate::rules::*;

/// Databases and caches by program name, with the product shown in messages.
const DATA_PROGRAMS: &[(&str, &str)] = &[
    ("postgres", "PostgreSQL"),
    ("postmaster", "PostgreSQL"),
    ("mysqld", "MySQL"),
    ("mariadbd", "MariaDB"),
    ("redis-server", "Redis"),
    ("valkey-server", "Valkey"),
    ("mongod", "MongoDB"),
    ("memcached", "Memcached"),
    ("clickhouse-server", "ClickHouse"),
    ("rabbitmq-server", "RabbitMQ"),
    ("beam.smp", "RabbitMQ"),
];

/// Well-known database and cache ports, for listeners whose process is hidden.
const DATA_PORTS: &[(u16, &str)] = &[
    (5432, "PostgreSQL"),
    (3306, "MySQL"),
    (6379, "Redis"),
    (27017, "MongoDB"),
    (11211, "Memcached"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch"),
    (5984, "CouchDB"),
    (8086, "InfluxDB"),
    (9042, "Cassandra"),
    (5672, "RabbitMQ"),
];

/// Python app servers (by program, module or script name).
const APP_SERVERS: &[&str] = &[
    "gunicorn",
    "uvicorn",
    "daphne",
    "hypercorn",
    "granian",
    "uwsgi",
    "waitress-serve",
    "http.server",
    "SimpleHTTPServer",
];

/// Legacy clear-text remote services by port.
const LEGACY_PORTS: &[(u16, &str)] = &[
    (21, "FTP"),
    (23, "telnet"),
    (69, "TFTP"),
    (512, "rexec"),
    (513, "rlogin"),
    (514, "rsh"),
];

/// The database or cache a process is, if any.
pub fn data_store(p: &Process) -> Option<&'static str> {
    let program = p.program();
    // postgres children rename themselves (`postgres: checkpointer`); the name stays.
    DATA_PROGRAMS
        .iter()
        .find(|(name, _)| program == *name || p.name == *name)
        .map(|(_, product)| *product)
        .or_else(|| {
            (p.program() == "java" && p.cmdline.iter().any(|w| w.contains("elasticsearch")))
                .then_some("Elasticsearch")
        })
}

/// Whether a process is a Python app server or development server.
pub fn app_server(p: &Process) -> bool {
    let shown = p.display_name();
    if APP_SERVERS.contains(&shown.as_str()) || APP_SERVERS.contains(&p.program()) {
        return true;
    }
    let words: Vec<&str> = p.cmdline.iter().map(String::as_str).collect();
    // `flask run`, `python manage.py runserver`
    words.windows(2).any(|w| {
        (w[0].ends_with("flask") && w[1] == "run")
            || (w[0].ends_with("manage.py") && w[1] == "runserver")
    })
}

fn is_python(p: &Process) -> bool {
    p.program().starts_with("python") || app_server(p)
}

/// nginx worker processes (the master runs as root by design).
fn nginx_worker(p: &Process) -> bool {
    p.cmdline
        .first()
        .is_some_and(|w| w.starts_with("nginx: worker process"))
        || (p.name == "nginx" && p.cmdline.iter().any(|w| w == "worker"))
}

pub fn check(host: &mut Host, snap: &Snapshot, fw: &Firewall) {
    for (what, why) in &snap.unreadable {
        host.not_checked(what, why);
    }
    if snap.hidden_fds > 0 {
        host.not_checked(
            "processes",
            format!(
                "the open sockets of {} processes of other users (run as root to tie every \
                 listener to its process)",
                snap.hidden_fds
            ),
        );
    }
    if snap.truncated {
        host.not_checked(
            "processes",
            format!("more than {} processes", crate::procfs::MAX_PROCESSES),
        );
    }
    host.report
        .stats
        .insert("listeners".into(), serde_json::json!(snap.listeners.len()));
    host.report
        .stats
        .insert("processes".into(), serde_json::json!(snap.processes.len()));
    listeners(host, snap, fw);
    processes(host, snap);
    redis_auth(host, snap);
    // Only the environments of Python processes are checked: only those count as unchecked.
    let hidden = snap
        .processes
        .iter()
        .filter(|p| is_python(p) && snap.hidden_environ.contains(&p.pid))
        .count();
    if hidden > 0 {
        host.not_checked(
            "process environments",
            format!("the environments of {hidden} Python processes of other users (run as root)"),
        );
    }
}

fn listeners(host: &mut Host, snap: &Snapshot, fw: &Firewall) {
    let allow: BTreeSet<u16> = host
        .section
        .allow_ports
        .clone()
        .unwrap_or_else(|| crate::DEFAULT_ALLOW_PORTS.to_vec())
        .into_iter()
        .collect();
    // One finding per (process, port): IPv4 and IPv6 sockets of one service are one exposure.
    let mut seen: BTreeSet<(String, Proto, u16)> = BTreeSet::new();
    let mut public: Vec<&Listener> = snap
        .listeners
        .iter()
        .filter(|l| !l.loopback_only())
        .collect();
    public.sort_by_key(|l| (l.port, l.proto, l.addr.is_ipv6()));
    let mut any_public_tcp = false;
    for l in public {
        let owners = snap.owners(l.inode);
        let owner = owners.iter().min_by_key(|p| p.pid).copied();
        let who = match owner {
            Some(p) => p.label(&host.users),
            None => format!(
                "a process of user {} (not visible)",
                crate::procfs::user_name(&host.users, l.uid)
            ),
        };
        let key = (
            owner.map_or_else(|| format!("uid{}", l.uid), |p| p.program().to_string()),
            l.proto,
            l.port,
        );
        if !seen.insert(key) {
            continue;
        }
        let reach = fw.reach(l.proto, l.port);
        let location = Location::host(format!("{}/{}", l.endpoint(), l.proto.as_str()));
        let store = owner.and_then(data_store).or_else(|| {
            DATA_PORTS
                .iter()
                .find(|(p, _)| *p == l.port)
                .map(|(_, n)| *n)
        });
        if l.proto == Proto::Tcp {
            any_public_tcp = true;
        }
        if let Some(product) = store {
            let message = format!(
                "{product} ({who}) listens on {}: beyond loopback; {}",
                l.endpoint(),
                reach.describe(fw)
            );
            if host.enabled(&HST_DATA_STORE_EXPOSED) {
                let mut f = pyward_core::Finding::new(&HST_DATA_STORE_EXPOSED, message, location);
                if reach == Reach::Filtered {
                    f = f.with_severity(pyward_core::Severity::Low);
                }
                host.report.findings.push(f);
            }
        } else if owner.is_some_and(app_server) {
            host.hit(
                &HST_APP_SERVER_EXPOSED,
                format!(
                    "{who} listens on {}: clients can reach the app server without the \
                     reverse proxy; {}",
                    l.endpoint(),
                    reach.describe(fw)
                ),
                location,
            );
        } else if let Some((_, proto_name)) = LEGACY_PORTS.iter().find(|(p, _)| *p == l.port) {
            host.hit(
                &HST_LEGACY_SERVICE,
                format!(
                    "{who} listens on {} ({proto_name}, a clear-text remote service); {}",
                    l.endpoint(),
                    reach.describe(fw)
                ),
                location,
            );
        } else if l.proto == Proto::Tcp && !allow.contains(&l.port) && reach != Reach::Filtered {
            host.hit(
                &HST_UNLISTED_LISTENER,
                format!(
                    "{who} listens on {}, a port not in `allow-ports`; {}",
                    l.endpoint(),
                    reach.describe(fw)
                ),
                location,
            );
        }
    }
    if any_public_tcp && fw.error.is_none() && !fw.loaded() {
        host.hit(
            &HST_NO_FIREWALL,
            "services listen beyond loopback and no firewall rules filter incoming \
             connections (nftables and iptables hold no input filtering)"
                .to_string(),
            Location::host("firewall"),
        );
    }
}

fn processes(host: &mut Host, snap: &Snapshot) {
    for p in &snap.processes {
        let parent_same = snap
            .process(p.ppid)
            .is_some_and(|q| q.program() == p.program() && q.euid == p.euid);
        let kind = if app_server(p) {
            Some("the Python app server")
        } else if nginx_worker(p) {
            Some("the nginx worker")
        } else {
            data_store(p).map(|_| "the database")
        };
        // Workers of a master with the same user are one finding (the master's).
        if let Some(kind) = kind
            && p.euid == 0
            && !parent_same
        {
            host.hit(
                &HST_SERVICE_AS_ROOT,
                format!(
                    "{} runs as root: {kind} handles network input with every privilege",
                    p.label(&host.users)
                ),
                Location::host(format!("pid {}", p.pid)),
            );
        }
        if is_python(p)
            && !parent_same
            && let Some(env) = &p.environ
        {
            debug_env(host, p, env);
        }
    }
}

fn debug_env(host: &mut Host, p: &Process, env: &[(String, String)]) {
    use pyward_config::util::truthy;
    for (k, v) in env {
        let on = match k.as_str() {
            "FLASK_DEBUG" | "DJANGO_DEBUG" | "DEBUG" => truthy(v),
            "FLASK_ENV" => v.trim() == "development",
            _ => false,
        };
        if on {
            host.hit(
                &HST_DEBUG_ENVIRONMENT,
                format!(
                    "{} runs with {k} switched on in its environment",
                    p.label(&host.users)
                ),
                Location::host(format!("pid {}", p.pid)),
            );
        }
    }
}

/// Sends one `PING` to every Redis listener, through loopback when it listens there.
fn redis_auth(host: &mut Host, snap: &Snapshot) {
    if !host.enabled(&HST_REDIS_NO_AUTH) {
        return;
    }
    let mut done: BTreeSet<u16> = BTreeSet::new();
    for l in &snap.listeners {
        if l.proto != Proto::Tcp || done.contains(&l.port) {
            continue;
        }
        let owners = snap.owners(l.inode);
        let is_redis = owners
            .iter()
            .any(|p| matches!(data_store(p), Some("Redis" | "Valkey")))
            || (owners.is_empty() && l.port == 6379);
        if !is_redis {
            continue;
        }
        done.insert(l.port);
        let addr = if l.addr.is_unspecified() {
            match l.addr {
                IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            }
        } else {
            l.addr
        };
        let target = SocketAddr::new(addr, l.port);
        match ping(target) {
            Ok(answer) if answer.starts_with("+PONG") => host.hit(
                &HST_REDIS_NO_AUTH,
                format!(
                    "Redis on {} answered PING without a password{}",
                    l.endpoint(),
                    if l.loopback_only() {
                        " (it listens on loopback only: every local user and process can use it)"
                    } else {
                        ""
                    }
                ),
                Location::host(format!("{}/tcp", l.endpoint())),
            ),
            Ok(_) => {}
            Err(e) => host.not_checked(
                &format!("{}/tcp", l.endpoint()),
                format!("Redis authentication: {e}"),
            ),
        }
    }
}

fn ping(target: SocketAddr) -> std::io::Result<String> {
    let timeout = Duration::from_secs(2);
    let mut stream = TcpStream::connect_timeout(&target, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(b"PING\r\n")?;
    let mut buf = [0u8; 256];
    let n = stream.read(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proc_of(cmd: &[&str], name: &str) -> Process {
        Process {
            name: name.into(),
            cmdline: cmd.iter().map(|s| s.to_string()).collect(),
            ..Process::default()
        }
    }

    #[test]
    fn kinds_of_processes() {
        assert!(app_server(&proc_of(
            &[
                "/srv/app/venv/bin/python3",
                "/srv/app/venv/bin/gunicorn",
                "app:app"
            ],
            "gunicorn"
        )));
        assert!(app_server(&proc_of(
            &["python3", "-m", "http.server", "8000"],
            "python3"
        )));
        assert!(app_server(&proc_of(
            &["/usr/bin/flask", "run", "--host=0.0.0.0"],
            "flask"
        )));
        assert!(app_server(&proc_of(
            &["python", "manage.py", "runserver"],
            "python"
        )));
        assert!(!app_server(&proc_of(
            &["python3", "-m", "pip", "install"],
            "python3"
        )));
        assert_eq!(
            data_store(&proc_of(&["postgres: 15/main: checkpointer"], "postgres")),
            Some("PostgreSQL")
        );
        assert_eq!(
            data_store(&proc_of(
                &["/usr/bin/redis-server 0.0.0.0:6379"],
                "redis-server"
            )),
            Some("Redis")
        );
        assert_eq!(
            data_store(&proc_of(&["/usr/sbin/sshd", "-D"], "sshd")),
            None
        );
        assert!(nginx_worker(&proc_of(&["nginx: worker process"], "nginx")));
        assert!(!nginx_worker(&proc_of(
            &["nginx: master process /usr/sbin/nginx"],
            "nginx"
        )));
    }
}
