//! Shared by the probe's integration tests: running the analyzer over URLs, and the real servers
//! of the live tests (nginx and Python app servers on loopback, killed on drop; a test CA and
//! its certificates made with the `openssl` CLI).

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use pyward_core::testpaths::TestPaths;
use pyward_core::{Analyzer, Inventory, NoProgress, ProjectConfig, Report, Scope, Severity};
use pyward_probe::{ProbeAnalyzer, ProbeOptions};

pub fn probe(urls: &[String], timeout: Duration) -> Report {
    probe_with(
        urls,
        ProbeOptions {
            timeout,
            ..ProbeOptions::default()
        },
    )
}

/// The probe over `urls` with `options`, every rule selected.
pub fn probe_with(urls: &[String], options: ProbeOptions) -> Report {
    let analyzer = ProbeAnalyzer {
        urls: urls.to_vec(),
        options,
    };
    let inventory = Inventory::default();
    let config = ProjectConfig::default();
    let test_paths = TestPaths::default();
    let scope = Scope {
        paths: &[],
        inventory: &inventory,
        config: &config,
        select: &[],
        ignore: &[],
        test_paths: &test_paths,
        include_tests: false,
        fail_on_empty: false,
        progress: &NoProgress,
    };
    analyzer.run(&scope)
}

/// `CODE [severity] message` lines, for assertions with a readable failure.
pub fn lines(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| format!("{} [{:?}] {}", f.code, f.severity, f.message))
        .collect()
}

pub fn has(report: &Report, code: &str, needle: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.code == code && f.message.contains(needle))
}

pub fn high_or_above(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .map(|f| format!("{} {}", f.code, f.message))
        .collect()
}

// ---- Real tools -----------------------------------------------------------------------------

/// Whether the live tests run (`PYWARD_REAL_TOOLS=1`); prints SKIP for `test` when not.
pub fn real_tools(test: &str, what: &str) -> bool {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() == Ok("1") {
        return true;
    }
    println!("SKIP: {test}: set PYWARD_REAL_TOOLS=1 to run {what}");
    false
}

/// A program of the system directories (nginx lives in `/usr/sbin`, often off `PATH`).
pub fn system_tool(name: &str) -> Option<PathBuf> {
    [
        "/usr/sbin",
        "/usr/bin",
        "/sbin",
        "/usr/local/sbin",
        "/usr/local/bin",
    ]
    .iter()
    .map(|d| Path::new(d).join(name))
    .find(|p| p.is_file())
}

/// The system programs `names`, or `None` after printing SKIP when PYWARD_REAL_TOOLS is not 1;
/// panics when it is and one is missing.
pub fn real_system_tools<const N: usize>(test: &str, names: [&str; N]) -> Option<[PathBuf; N]> {
    if !real_tools(
        test,
        &format!("the probe against a real {}", names.join(" and ")),
    ) {
        return None;
    }
    Some(names.map(required_system_tool))
}

/// A system program the live tests cannot run without (PYWARD_REAL_TOOLS=1): panics if missing.
pub fn required_system_tool(name: &str) -> PathBuf {
    system_tool(name).unwrap_or_else(|| panic!("PYWARD_REAL_TOOLS=1 but `{name}` is not installed"))
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server started by a test in a process group of its own (so that a forking server's
/// workers go with it), its output in a log file; the whole group is killed on drop, and its
/// logs are shown when the test fails.
pub struct Daemon {
    name: String,
    child: Child,
    logs: Vec<PathBuf>,
}

impl Daemon {
    /// Spawns `cmd` with its stdout and stderr in `log`, and waits until every port in `ports`
    /// accepts connections; `more_logs` are shown too when something fails.
    pub fn spawn(
        name: &str,
        cmd: &mut Command,
        log: &Path,
        more_logs: &[PathBuf],
        ports: &[u16],
    ) -> Daemon {
        use std::os::unix::process::CommandExt;
        let out = std::fs::File::create(log).unwrap();
        cmd.stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .process_group(0);
        let child = cmd.spawn().unwrap_or_else(|e| panic!("start {name}: {e}"));
        let mut logs = vec![log.to_path_buf()];
        logs.extend_from_slice(more_logs);
        let mut daemon = Daemon {
            name: name.to_string(),
            child,
            logs,
        };
        for &port in ports {
            daemon.wait_for(port);
        }
        daemon
    }

    fn wait_for(&mut self, port: u16) {
        // Python servers import their app first: allow a loaded machine half a minute.
        for _ in 0..1500 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("{} exited ({status}):\n{}", self.name, self.log_text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{} did not listen on {port}:\n{}",
            self.name,
            self.log_text()
        );
    }

    pub fn log_text(&self) -> String {
        self.logs
            .iter()
            .map(|p| {
                format!(
                    "--- {}\n{}",
                    p.display(),
                    std::fs::read_to_string(p).unwrap_or_default()
                )
            })
            .collect()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        // The group the child leads (process_group(0)): only what this test started.
        let group = rustix::process::Pid::from_child(&self.child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("{} logs:\n{}", self.name, self.log_text());
        }
    }
}

/// nginx in the foreground, one process (`master_process off`, so killing it leaves no
/// orphaned worker), with its config, logs and temporary files in one directory.
pub struct Nginx {
    daemon: Daemon,
    dir: PathBuf,
    _own_dir: Option<tempfile::TempDir>,
}

impl Nginx {
    /// Starts nginx in a tempdir of its own; see [`Nginx::start_in`].
    pub fn start(bin: &Path, http: &str, ports: &[u16]) -> Nginx {
        let dir = tempfile::tempdir().unwrap();
        let mut nginx = Nginx::start_in(bin, dir.path(), http, ports);
        nginx._own_dir = Some(dir);
        nginx
    }

    /// Starts nginx with `http` (the `http {}` block's content: `server {}` blocks and
    /// http-level directives; `{dir}` is replaced by `dir`) and waits until every port in
    /// `ports` accepts connections.
    pub fn start_in(bin: &Path, dir: &Path, http: &str, ports: &[u16]) -> Nginx {
        let d = dir.display().to_string();
        let http = http.replace("{dir}", &d);
        let conf = format!(
            "daemon off;\n\
             master_process off;\n\
             worker_processes 1;\n\
             pid {d}/nginx.pid;\n\
             error_log {d}/error.log info;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n\
               access_log off;\n\
               client_body_temp_path {d}/body;\n\
               proxy_temp_path {d}/proxy;\n\
               fastcgi_temp_path {d}/fastcgi;\n\
               uwsgi_temp_path {d}/uwsgi;\n\
               scgi_temp_path {d}/scgi;\n\
               {http}\n\
             }}\n"
        );
        std::fs::write(dir.join("nginx.conf"), conf).unwrap();
        let mut cmd = Command::new(bin);
        cmd.arg("-p")
            .arg(dir)
            .arg("-e")
            .arg(dir.join("error.log"))
            .arg("-c")
            .arg(dir.join("nginx.conf"));
        let daemon = Daemon::spawn(
            "nginx",
            &mut cmd,
            &dir.join("nginx.out"),
            &[dir.join("error.log")],
            ports,
        );
        Nginx {
            daemon,
            dir: dir.to_path_buf(),
            _own_dir: None,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// TLS 1.2 and 1.3 with AEAD suites and forward secrecy only.
pub const TLS_HARDENED: &str = "ssl_protocols TLSv1.2 TLSv1.3;\n\
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:\
    ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384;\n\
    ssl_prefer_server_ciphers on;";

/// TLS 1.0 to 1.2 with every suite OpenSSL has: OpenSSL 3 offers TLS 1.0/1.1 only at
/// `@SECLEVEL=0`.
pub const TLS_LEGACY: &str = "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n\
    ssl_ciphers ALL:COMPLEMENTOFALL:@SECLEVEL=0;\nssl_prefer_server_ciphers off;";

// ---- A test CA ------------------------------------------------------------------------------

pub fn openssl(bin: &Path, dir: &Path, args: &[&str]) {
    let out = Command::new(bin)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A test CA in `dir` (`ca.crt`, `ca.key`, and `pki.cnf` with the leaf extensions `local`
/// for localhost and 127.0.0.1, and `other` for other.example only); returns the CA's PEM.
pub fn make_ca(bin: &Path, dir: &Path) -> String {
    std::fs::write(
        dir.join("pki.cnf"),
        "[req]\ndistinguished_name = dn\n[dn]\n\
         [ca_ext]\nbasicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\n\
         [ca]\ndefault_ca = test\n\
         [test]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\n\
         policy = any\nunique_subject = no\n\
         [any]\ncommonName = supplied\n\
         [local]\nbasicConstraints = CA:false\nextendedKeyUsage = serverAuth\n\
         subjectAltName = DNS:localhost,IP:127.0.0.1\n\
         [other]\nbasicConstraints = CA:false\nextendedKeyUsage = serverAuth\n\
         subjectAltName = DNS:other.example\n",
    )
    .unwrap();
    std::fs::write(dir.join("index.txt"), "").unwrap();
    std::fs::write(dir.join("serial"), "2000\n").unwrap();
    openssl(
        bin,
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "120",
            "-subj",
            "/CN=pyward probe test CA",
            "-config",
            "pki.cnf",
            "-extensions",
            "ca_ext",
        ],
    );
    std::fs::read_to_string(dir.join("ca.crt")).unwrap()
}

/// A leaf `{name}.crt`/`{name}.key` signed by the CA of [`make_ca`], with the extensions
/// section `ext` and `validity` (`["-days", "90"]`, or `-startdate`/`-enddate`).
pub fn make_leaf(bin: &Path, dir: &Path, name: &str, ext: &str, validity: &[&str]) {
    let (key, csr, crt) = (
        format!("{name}.key"),
        format!("{name}.csr"),
        format!("{name}.crt"),
    );
    openssl(
        bin,
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &key,
            "-out",
            &csr,
            "-subj",
            &format!("/CN={name}"),
            "-config",
            "pki.cnf",
        ],
    );
    let mut args = vec![
        "ca",
        "-batch",
        "-notext",
        "-config",
        "pki.cnf",
        "-cert",
        "ca.crt",
        "-keyfile",
        "ca.key",
        "-in",
        &csr,
        "-out",
        &crt,
        "-extensions",
        ext,
    ];
    args.extend(validity);
    openssl(bin, dir, &args);
}
