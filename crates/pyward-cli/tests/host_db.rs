//! `pyward host --db URL` against real PostgreSQL servers on loopback, made by the test with
//! Debian's `initdb` (as the `postgres` user, in a temporary directory) and stopped at the end:
//! a weak one (no TLS, MD5 in pg_hba, a superuser app role, a role that owns its database) and a
//! hardened one (TLS only, SCRAM, connection logging, a role with data rights only).
//! Needs root and `PYWARD_REAL_TOOLS=1` (CI).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{pyward, run};
use serde_json::Value;

fn pg_bin(name: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.into_iter()
        .rev()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("PYWARD_REAL_TOOLS=1 but PostgreSQL's `{name}` is not installed"))
}

fn as_postgres(program: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("runuser");
    cmd.args(["-u", "postgres", "--"]).arg(program).args(args);
    cmd
}

fn ok(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A PostgreSQL server in a temporary directory, on a loopback port, killed on drop.
struct Server {
    child: Child,
    port: u16,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(conf: &str, hba: &str, files: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let data = dir.path().join("data");
        let socket = dir.path().join("sock");
        std::fs::create_dir(&socket).unwrap();
        std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o777)).unwrap();
        ok(as_postgres(
            &pg_bin("initdb"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
            ],
        )
        .stdout(Stdio::null()));
        for (name, text) in files {
            let p = data.join(name);
            std::fs::write(&p, text).unwrap();
            ok(Command::new("chown").args(["postgres:postgres"]).arg(&p));
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let conf_path = data.join("postgresql.auto.conf");
        std::fs::write(
            &conf_path,
            format!(
                "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\n{conf}",
                socket.display()
            ),
        )
        .unwrap();
        std::fs::write(
            data.join("pg_hba.conf"),
            format!("local all all trust\n{hba}"),
        )
        .unwrap();
        let log = std::fs::File::create(dir.path().join("log")).unwrap();
        let child = as_postgres(&pg_bin("postgres"), &["-D", data.to_str().unwrap()])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Server {
            child,
            port,
            socket,
            _dir: dir,
        };
        for _ in 0..300 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "postgres did not start: {}",
            std::fs::read_to_string(server._dir.path().join("log")).unwrap_or_default()
        );
    }

    fn sql(&self, sql: &str) {
        ok(&mut as_postgres(
            Path::new("/usr/bin/psql"),
            &[
                "-h",
                self.socket.to_str().unwrap(),
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
        ));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn host_db(url: &str) -> (Vec<(String, String, String)>, Value, i32, String) {
    let out = run(pyward()
        .args([
            "host",
            "--no-config",
            "-f",
            "json",
            "--db-env",
            "PYWARD_TEST_DB",
        ])
        .env("PYWARD_TEST_DB", url));
    let v: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("HST05"))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (f, v, out.code, out.stdout)
}

#[test]
fn weak_and_hardened_postgres() {
    if !common::real_tools() {
        return;
    }
    assert!(
        common::is_root(),
        "PYWARD_REAL_TOOLS=1: the database test runs initdb as postgres"
    );

    // Weak: no TLS, MD5 for remote clients, no connection logs.
    let weak = Server::start(
        "ssl = off\nlog_connections = off\n",
        "host all all 127.0.0.1/32 scram-sha-256\nhost all all 0.0.0.0/0 md5\n",
        &[],
    );
    weak.sql("CREATE ROLE appsuper LOGIN SUPERUSER PASSWORD 'super-secret-pw-1'");
    weak.sql("CREATE ROLE app LOGIN CREATEDB PASSWORD 'app-secret-pw-2'");
    weak.sql("CREATE DATABASE shop OWNER app");
    let url = format!(
        "postgres://appsuper:super-secret-pw-1@127.0.0.1:{}/postgres",
        weak.port
    );
    let (f, _, code, stdout) = host_db(&url);
    let all = format!("{f:#?}");
    let has = |code: &str, needle: &str| f.iter().any(|(c, _, m)| c == code && m.contains(needle));
    assert!(has("HST050", "`appsuper`"), "{all}");
    assert!(has("HST053", "ssl = off"), "{all}");
    assert!(
        has("HST053", "0.0.0.0/0"),
        "pg_hba read as superuser: {all}"
    );
    assert!(has("HST054", "md5"), "{all}");
    assert!(has("HST055", "log_connections = off"), "{all}");
    let plain = f.iter().find(|(c, ..)| c == "HST056").expect(&all);
    assert_eq!(plain.1, "low", "loopback: {all}");
    assert!(
        !stdout.contains("super-secret-pw-1"),
        "the password is never shown"
    );
    assert!(code >= 1);

    // The app role: not a superuser, but CREATEDB and owner of its database; pg_hba is not
    // readable to it, which is said, never passed.
    let url = format!(
        "postgres://app:app-secret-pw-2@127.0.0.1:{}/shop",
        weak.port
    );
    let (f, v, code, stdout) = host_db(&url);
    let all = format!("{f:#?}");
    let has = |code: &str, needle: &str| f.iter().any(|(c, _, m)| c == code && m.contains(needle));
    assert!(!has("HST050", ""), "{all}");
    assert!(has("HST051", "CREATEDB"), "{all}");
    assert!(has("HST052", "owns the database"), "{all}");
    assert!(
        v["errors"].as_array().unwrap().iter().any(|e| e["path"]
            .as_str()
            .unwrap()
            .contains("pg_hba rules in effect")
            && e["message"].as_str().unwrap().contains("not checked")),
        "{v}"
    );
    assert_eq!(code, 2, "something could not be checked");
    assert!(!stdout.contains("app-secret-pw-2"));

    // A wrong password is an error, not a pass.
    let url = format!("postgres://app:wrong@127.0.0.1:{}/shop", weak.port);
    let (f, v, code, _) = host_db(&url);
    assert!(f.is_empty());
    assert_eq!(code, 2);
    assert!(v["errors"].to_string().contains("authentication"), "{v}");

    // sslmode=require against a server without TLS: reported, and nothing else is asked.
    let url = format!(
        "postgres://app:app-secret-pw-2@127.0.0.1:{}/shop?sslmode=require",
        weak.port
    );
    let (f, _, _, _) = host_db(&url);
    assert!(
        f.iter()
            .any(|(c, _, m)| c == "HST053" && m.contains("refused TLS")),
        "{f:#?}"
    );

    // Hardened: TLS only, SCRAM, logging, a role with data rights only.
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("server.key");
    let cert = dir.path().join("server.crt");
    ok(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null()));
    let (key_text, cert_text) = (
        std::fs::read_to_string(&key).unwrap(),
        std::fs::read_to_string(&cert).unwrap(),
    );
    let hard = Server::start(
        "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n\
         log_connections = on\npassword_encryption = 'scram-sha-256'\n",
        "hostssl all all 127.0.0.1/32 scram-sha-256\nhostssl all all 0.0.0.0/0 scram-sha-256\n",
        &[("server.key", &key_text), ("server.crt", &cert_text)],
    );
    hard.sql("CREATE ROLE owner NOLOGIN");
    hard.sql("CREATE DATABASE shop OWNER owner");
    hard.sql("CREATE ROLE ro LOGIN PASSWORD 'ro-secret-pw-3'");
    let url = format!(
        "postgres://ro:ro-secret-pw-3@127.0.0.1:{}/shop?sslmode=require",
        hard.port
    );
    let (f, v, code, stdout) = host_db(&url);
    assert!(f.is_empty(), "{f:#?}");
    assert!(!stdout.contains("ro-secret-pw-3"));
    // The one thing a non-superuser cannot see: the pg_hba rules in effect.
    assert_eq!(code, 2, "{v}");
}
