//! `pyward host --db mysql://…` against real MariaDB servers on loopback, each made by the test
//! with Debian's `mariadb-install-db` in a temporary directory (its own datadir, socket and
//! port, run as the `mysql` user) and killed at the end: a weak one (no TLS, no connection
//! logging, an account with ALL PRIVILEGES ON *.*) and a hardened one (TLS with a certificate
//! made here, require_secure_transport, the server_audit plugin logging CONNECT events, an
//! account with data rights on its database only).
//! Needs root and `PYWARD_REAL_TOOLS=1` (CI).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{pyward, run};
use serde_json::Value;

fn tool(name: &str) -> PathBuf {
    ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("PYWARD_REAL_TOOLS=1 but MariaDB's `{name}` is not installed"))
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A MariaDB server in a temporary directory, on a loopback port, killed on drop.
struct Server {
    child: Child,
    port: u16,
    socket: PathBuf,
    dir: tempfile::TempDir,
}

impl Server {
    /// `args` are extra server options; `{dir}` in them is the server's temporary directory.
    fn start(args: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        // mariadbd runs as `mysql` and writes its socket, logs and pid file here.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let data = dir.path().join("data");
        ok(Command::new(tool("mariadb-install-db"))
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args([
                "--user=mysql",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ])
            .stdout(Stdio::null()));
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let socket = dir.path().join("sock");
        let log = std::fs::File::create(dir.path().join("out.log")).unwrap();
        let d = dir.path().display().to_string();
        let child = Command::new(tool("mariadbd"))
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--port={port}"))
            .arg(format!("--pid-file={d}/mariadbd.pid"))
            .arg(format!("--log-error={d}/error.log"))
            .args([
                "--bind-address=127.0.0.1",
                "--user=mysql",
                "--skip-name-resolve",
            ])
            .args(args.iter().map(|a| a.replace("{dir}", &d)))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Server {
            child,
            port,
            socket,
            dir,
        };
        for _ in 0..300 {
            let ready = Command::new(tool("mariadb"))
                .arg("--no-defaults")
                .arg(format!("--socket={}", server.socket.display()))
                .args(["-uroot", "-e", "SELECT 1"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ready && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "mariadbd did not start: {}",
            std::fs::read_to_string(server.dir.path().join("error.log")).unwrap_or_default()
        );
    }

    fn sql(&self, sql: &str) -> String {
        ok(Command::new(tool("mariadb"))
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .args(["-uroot", "-N", "-B", "-e", sql]))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Findings = Vec<(String, String, String)>;

fn host_db(url: &str) -> (Findings, Value, i32, String) {
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

/// The errors about the database (the rest of the host run may have its own).
fn errors(v: &Value) -> Vec<String> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}: {}", e["path"], e["message"]))
        .filter(|e| e.contains("mysql://"))
        .collect()
}

#[test]
fn weak_and_hardened_mariadb() {
    if !common::real_tools() {
        return;
    }
    assert!(
        common::is_root(),
        "PYWARD_REAL_TOOLS=1: the MariaDB test runs mariadbd as the mysql user"
    );

    // Weak: no TLS, no general log, no audit plugin, failed logins not logged either.
    let weak = Server::start(&[
        "--skip-ssl",
        "--general-log=0",
        "--log-warnings=1",
        "--plugin-load-add=auth_ed25519",
    ]);
    weak.sql(
        "CREATE DATABASE appdb;
         CREATE USER app@'%' IDENTIFIED BY 'app-secret-pw-1';
         GRANT ALL PRIVILEGES ON *.* TO app@'%';
         CREATE USER dev@'%' IDENTIFIED BY 'dev-secret-pw-2';
         GRANT FILE, PROCESS ON *.* TO dev@'%';
         GRANT SELECT, INSERT, CREATE, DROP, ALTER ON appdb.* TO dev@'%';
         CREATE USER ed@'%' IDENTIFIED VIA ed25519 USING PASSWORD('ed-secret-pw-3');",
    );
    let url = format!(
        "mysql+pymysql://app:app-secret-pw-1@127.0.0.1:{}/appdb",
        weak.port
    );
    let (f, v, code, stdout) = host_db(&url);
    let all = format!("{f:#?}\n{:#?}", errors(&v));
    let has = |code: &str, needle: &str| f.iter().any(|(c, _, m)| c == code && m.contains(needle));
    assert!(has("HST050", "`app`@`%`"), "{all}");
    assert!(has("HST050", "ALL PRIVILEGES ON *.*"), "{all}");
    assert!(
        !has("HST052", ""),
        "a superuser's DDL is not repeated: {all}"
    );
    assert!(
        has("HST053", "offers no TLS (have_ssl = DISABLED)"),
        "{all}"
    );
    assert!(has("HST054", "mysql_native_password"), "{all}");
    assert!(
        has("HST055", "general_log = OFF") && has("HST055", "log_warnings = 1"),
        "{all}"
    );
    let plain = f.iter().find(|(c, ..)| c == "HST056").expect(&all);
    assert_eq!(plain.1, "low", "loopback: {all}");
    assert!(plain.2.contains("the server offers none"), "{all}");
    let md = f.iter().find(|(c, ..)| c == "HST054").unwrap();
    assert_eq!(md.1, "low", "{all}");
    assert!(errors(&v).is_empty(), "everything was readable: {all}");
    assert!(
        !stdout.contains("app-secret-pw-1"),
        "the password is never shown"
    );
    assert!(!stdout.contains("*2B"), "nor the account's hash");
    assert!(code >= 1);

    // dev: no superuser, but FILE and PROCESS on the server and DDL on its database.
    let url = format!(
        "mysql://dev:dev-secret-pw-2@127.0.0.1:{}/appdb?ssl-mode=PREFERRED",
        weak.port
    );
    let (f, v, _, stdout) = host_db(&url);
    let all = format!("{f:#?}\n{:#?}", errors(&v));
    let has = |code: &str, needle: &str| f.iter().any(|(c, _, m)| c == code && m.contains(needle));
    assert!(!has("HST050", ""), "{all}");
    assert!(
        has("HST051", "PROCESS, FILE on *.*"),
        "in the server's order: {all}"
    );
    assert!(
        has(
            "HST052",
            "CREATE ON `appdb`.*, DROP ON `appdb`.*, ALTER ON `appdb`.*"
        ),
        "{all}"
    );
    assert!(!stdout.contains("dev-secret-pw-2"));

    // A wrong password is an error, not a pass.
    let url = format!("mysql://dev:wrong@127.0.0.1:{}/appdb", weak.port);
    let (f, v, code, _) = host_db(&url);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, 2);
    assert!(v["errors"].to_string().contains("Access denied"), "{v}");

    // An account with an authentication plugin not spoken here: said, never passed.
    let url = format!("mariadb://ed:ed-secret-pw-3@127.0.0.1:{}/", weak.port);
    let (f, v, code, _) = host_db(&url);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, 2);
    assert!(
        errors(&v)
            .iter()
            .any(|e| e.contains("not checked: auth plugin client_ed25519 unsupported")),
        "{v}"
    );

    // ssl-mode=REQUIRED against a server without TLS: reported, and nothing else is sent.
    let url = format!(
        "mysql://app:app-secret-pw-1@127.0.0.1:{}/appdb?ssl-mode=REQUIRED",
        weak.port
    );
    let (f, _, _, _) = host_db(&url);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].0 == "HST053" && f[0].2.contains("refused TLS"),
        "{f:#?}"
    );
    drop(weak);

    // Hardened: TLS required, connections audited, data rights on appdb only.
    let certs = tempfile::tempdir().unwrap();
    std::fs::set_permissions(certs.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let key = certs.path().join("server.key");
    let cert = certs.path().join("server.crt");
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
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let ssl_cert = format!("--ssl-cert={}", cert.display());
    let ssl_key = format!("--ssl-key={}", key.display());
    let hard = Server::start(&[
        &ssl_cert,
        &ssl_key,
        "--require-secure-transport=ON",
        "--general-log=0",
        "--log-warnings=1",
        "--plugin-load-add=server_audit",
        "--server-audit-logging=ON",
        "--server-audit-events=CONNECT",
        "--server-audit-file-path={dir}/audit.log",
    ]);
    hard.sql(
        "CREATE DATABASE appdb;
         CREATE USER ro@'%' IDENTIFIED BY 'ro-secret-pw-4';
         GRANT SELECT, INSERT, UPDATE, DELETE ON appdb.* TO ro@'%';",
    );
    assert_eq!(hard.sql("SELECT @@have_ssl").trim(), "YES");
    let url = format!(
        "mysql://ro:ro-secret-pw-4@127.0.0.1:{}/appdb?ssl-mode=REQUIRED",
        hard.port
    );
    let (f, v, _, stdout) = host_db(&url);
    let all = format!("{f:#?}\n{:#?}", errors(&v));
    // What is left: MariaDB's mysql_native_password, reported at low severity.
    assert_eq!(f.len(), 1, "{all}");
    assert!(
        f[0].0 == "HST054" && f[0].1 == "low" && f[0].2.contains("`ro`@`%`"),
        "{all}"
    );
    assert!(errors(&v).is_empty(), "{all}");
    assert!(!stdout.contains("ro-secret-pw-4"));
    // The connection was TLS: the server refuses any other, and audited it.
    let audit = std::fs::read_to_string(hard.dir.path().join("audit.log")).unwrap();
    assert!(
        audit.contains(",ro,") && audit.contains("CONNECT"),
        "{audit}"
    );
    let url = format!(
        "mysql://ro:ro-secret-pw-4@127.0.0.1:{}/appdb?ssl-mode=DISABLED",
        hard.port
    );
    let (f, v, code, _) = host_db(&url);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, 2);
    // MariaDB answers a plain login under require_secure_transport with "Access denied".
    assert!(
        errors(&v)
            .iter()
            .any(|e| e.contains("not checked: authentication: Access denied")),
        "{v}"
    );
}
