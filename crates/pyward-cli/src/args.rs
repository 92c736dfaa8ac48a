//! Command-line arguments. Flags are data here; `pyward --help` and the README's usage section
//! come from these definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use pyward_core::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "pyward",
    version,
    about = "A fast security auditor for Python services: dependencies, code and configuration.",
    long_about = None,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every analyzer (dependencies, code, configuration) over a project: one walk of the
    /// tree, analyzers in parallel, one report and one exit code.
    Scan(ScanArgs),
    /// Audit dependencies (requirements, pyproject, lockfiles, environments) against the
    /// advisory database.
    Deps(DepsArgs),
    /// Audit Python source code (Bandit-compatible rules on a real AST).
    Code(CodeArgs),
    /// Audit server and container configuration (sshd, nginx, Dockerfile, compose,
    /// Kubernetes, systemd, databases, sudoers, firewalls, .env).
    Config(ConfigArgs),
    /// Probe live endpoints over HTTP: HTTPS redirect, HSTS, CSP and other security headers,
    /// version banners, TRACE, cookie flags, CORS, and credentials over plain HTTP.
    Probe(ProbeArgs),
    /// Check this host's posture (or a mounted root filesystem's with --root): listening
    /// sockets and their processes, services running as root, debug environments, the loaded
    /// firewall, fail2ban/auditd/AppArmor, file permissions, sysctls, known local privilege
    /// escalations, and the configuration running daemons use.
    Host(HostArgs),
    /// Audit a container image (docker save or OCI): its installed Python distributions,
    /// configuration files and image config, read from the layers without unpacking them.
    Image(ImageArgs),
    /// Manage the offline advisory database.
    #[command(subcommand)]
    Db(DbCommand),
    /// List the rules, or explain one.
    Rule(RuleArgs),
    /// Set up a project: a starter [tool.pyward] in pyproject.toml, pyward's pre-commit hooks
    /// and a GitHub Actions workflow. Existing parts are kept unless --force.
    Init(InitArgs),
    /// Print a shell completion script to standard output.
    Completions(CompletionsArgs),
    /// Print pyward's man page (roff), or write one page per command into a directory.
    Man(ManArgs),
}

/// Output and filtering options shared by every analysis command.
#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity [default: low, or `fail-on` in
    /// the config].
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Only run these rules (codes, prefixes or names; comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not run these rules (codes, prefixes or names; comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Read configuration from FILE (a pyward.toml, or a pyproject.toml's [tool.pyward]; it may
    /// live outside the scanned tree) instead of discovering one [env: PYWARD_CONFIG].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file (and PYWARD_CONFIG).
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Exit with 2 when nothing was audited (no Python files, manifests or configuration files
    /// found, or all excluded) [config: fail-on-empty].
    #[arg(long)]
    pub fail_on_empty: bool,
    /// Show findings in tests, examples, development/CI files and migrations (hidden and
    /// counted by default; see `test-paths`).
    #[arg(long)]
    pub include_tests: bool,
    /// When to use colour in text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print only findings and errors, no summary or warnings.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (confidence, aliases, suppressed findings, baseline entries that no
    /// longer match, the slowest analyzer).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Report only findings that are not in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every reported finding in FILE as the baseline, and exit 0 unless there are
    /// errors.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Project directories or files to scan [default: .].
    pub paths: Vec<PathBuf>,
    /// Run only these analyzers (comma-separated: deps, code, config, probe).
    #[arg(long, value_delimiter = ',', value_name = "ANALYZERS", value_parser = parse_analyzer)]
    pub only: Vec<String>,
    /// Do not run these analyzers (comma-separated: deps, code, config, probe).
    #[arg(long, value_delimiter = ',', value_name = "ANALYZERS", value_parser = parse_analyzer)]
    pub skip: Vec<String>,
    /// Also audit an installed environment (a virtualenv or site-packages directory).
    #[arg(long = "env", value_name = "PATH")]
    pub envs: Vec<PathBuf>,
    /// Skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Advisory database file [env: PYWARD_DB; default: the user cache dir].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Also probe this live URL (adds the probe analyzer; repeatable).
    #[arg(long = "url", value_name = "URL")]
    pub urls: Vec<String>,
    /// Also audit a container image (docker-save or oci-archive tarball, OCI layout directory)
    /// inside the scanned root, as `pyward image` does; repeatable. Config: `images = [...]`.
    #[arg(long = "image", value_name = "PATH")]
    pub images: Vec<PathBuf>,
    /// With --url: do not send the probe's active checks (TRACE, the upload, the burst).
    #[arg(long, requires = "urls")]
    pub no_active: bool,
    /// With --url: also trust the CA certificates in this PEM file for the TLS checks.
    #[arg(long, value_name = "PEM", requires = "urls")]
    pub ca_file: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The URLs to probe (http:// or https://).
    #[arg(required = true, value_name = "URL")]
    pub urls: Vec<String>,
    /// Timeout of one request, in seconds.
    #[arg(long, value_name = "S", default_value_t = 10.0)]
    pub timeout: f64,
    /// URLs probed at the same time.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Send this header with every request (`Name: value`; repeatable). Values are never shown.
    #[arg(long = "header", value_name = "K:V", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// Do not send the active checks (TRACE, the body over --max-body, the --burst).
    #[arg(long)]
    pub no_active: bool,
    /// Check the operations of this OpenAPI document (JSON or YAML) that declare security:
    /// each secured GET is called once without credentials. Without it, a schema the origin
    /// serves (/openapi.json, or the one its docs page loads) is used.
    #[arg(long, value_name = "FILE")]
    pub openapi: Option<PathBuf>,
    /// Requests of the rate-limit burst sent to the probed page (active).
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub burst: u16,
    /// The body limit the server should enforce: one byte more is offered once, and anything
    /// but 413 is reported (active). Bytes, or with K, M or G (KiB, MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = parse_size)]
    pub max_body: u64,
    /// Follow redirects to other origins.
    #[arg(long)]
    pub follow_external: bool,
    /// Also trust the CA certificates in this PEM file (besides the system roots) when checking
    /// TLS certificate chains, e.g. a private CA.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `pyward host`.
#[derive(Debug, Args)]
pub struct HostArgs {
    /// Audit a mounted root filesystem (files only: no sockets, processes or loaded firewall).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Also check file permissions in this application directory (repeatable; a path on the
    /// host, inside --root when given).
    #[arg(long = "app-dir", value_name = "DIR")]
    pub app_dirs: Vec<PathBuf>,
    /// Do not audit /etc and the running daemons' configuration files with the config rules.
    #[arg(long)]
    pub no_config: bool,
    /// Check a PostgreSQL, MySQL or MariaDB database as the application connects to it
    /// (`postgres://user:password@host:port/db?sslmode=…`, `mysql://…?ssl-mode=…`, SQLAlchemy's
    /// `+driver` allowed): its role's rights and the server's
    /// TLS, password and logging settings, with read-only queries. Prefer --db-env: a password
    /// on the command line is visible to other users.
    #[arg(long, value_name = "URL", conflicts_with = "db_env")]
    pub db: Option<String>,
    /// Read the database URL from this environment variable (e.g. DATABASE_URL).
    #[arg(long, value_name = "NAME")]
    pub db_env: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    /// The image: a `docker save` tarball, an OCI image layout directory, or an `oci-archive`
    /// tarball.
    #[arg(value_name = "IMAGE")]
    pub image: PathBuf,
    /// Advisory database file [env: PYWARD_DB; default: the user cache dir].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Also check the Python sources of the application directories (the config's WorkingDir,
    /// /app, /srv, /opt, /home…) with the code rules.
    #[arg(long)]
    pub code: bool,
    /// The platforms of a multi-platform image to audit, OS/ARCH[/VARIANT] (repeatable), or
    /// `all` [default: every platform the index lists; attestations are skipped].
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", value_parser = parse_platform)]
    pub platform: Vec<Option<pyward_image::PlatformSpec>>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `all` (`None`) or `OS/ARCH[/VARIANT]`.
fn parse_platform(s: &str) -> Result<Option<pyward_image::PlatformSpec>, String> {
    if s == "all" {
        return Ok(None);
    }
    s.parse().map(Some)
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once(':')
        .ok_or_else(|| "expected `Name: value`".to_string())?;
    let k = k.trim();
    if k.is_empty()
        || !k
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
    {
        return Err("invalid header name".into());
    }
    Ok((k.to_string(), v.trim().to_string()))
}

/// `1048576`, `512K`, `10M`, `1G` (binary units; `KiB`/`MiB`/`GiB` and `KB`/`MB`/`GB` too).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let n: u64 = n.parse().map_err(|_| format!("`{s}` is not a size"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("`{s}`: unknown unit (use K, M or G)")),
    };
    let size = n
        .checked_mul(1 << shift)
        .filter(|v| (1..=(4u64 << 30)).contains(v))
        .ok_or_else(|| format!("`{s}`: sizes go from 1 byte to 4G"))?;
    Ok(size)
}

fn parse_analyzer(s: &str) -> Result<String, String> {
    let names = pyward_scan::names();
    let name = s.trim().to_ascii_lowercase();
    if names.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(format!(
            "unknown analyzer `{s}` (expected one of: {})",
            names.join(", ")
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Concise,
    Json,
    Sarif,
    Markdown,
    /// JUnit XML for CI test reports: a failure per rule and place at or above --fail-on.
    Junit,
    /// A CycloneDX 1.6 JSON SBOM of the audited dependencies, with their vulnerabilities.
    Cyclonedx,
    /// A self-contained HTML page: summary charts and a filterable findings table.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    Linux,
    Macos,
    Windows,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse::<Severity>().map_err(|e| e.to_string())
}

#[derive(Debug, Args)]
pub struct DepsArgs {
    /// Manifests, lockfiles, scripts or directories to audit [default: .].
    pub paths: Vec<PathBuf>,
    /// Also audit an installed environment: a virtualenv or a site-packages directory.
    #[arg(long = "env", value_name = "PATH")]
    pub envs: Vec<PathBuf>,
    /// Skip paths matching this glob when discovering manifests (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Python version to evaluate environment markers for [default: from requires-python, or
    /// 3.12].
    #[arg(long, value_name = "X.Y")]
    pub python_version: Option<String>,
    /// Platform to evaluate environment markers for.
    #[arg(long, value_enum)]
    pub platform: Option<PlatformArg>,
    /// Advisory database file [env: PYWARD_DB; default: the user cache dir].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Do not report advisories that have no fixed version yet.
    #[arg(long)]
    pub ignore_until_fixed: bool,
    /// How findings of unknown severity count against --fail-on [default: high].
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub unknown_severity: Option<Severity>,
    /// Require `--hash` on every requirements entry and file hashes on every locked package
    /// (rule DEP102) [config: require-hashes].
    #[arg(long)]
    pub require_hashes: bool,
    /// Rewrite vulnerable exact pins in requirements files to the smallest version that clears
    /// every advisory, and print the diff; for lockfiles, print the lock tool's upgrade command.
    #[arg(long)]
    pub fix: bool,
    /// Show what --fix would change as a diff, and change nothing (implies --fix).
    #[arg(long)]
    pub dry_run: bool,
    /// Ask the package index about yanked releases and project status (rules DEP113, DEP114).
    #[arg(long)]
    pub online: bool,
    /// The package index for --fix hashes and --online [default: the project's declared index,
    /// then UV_DEFAULT_INDEX, PIP_INDEX_URL, pip.conf, PyPI].
    #[arg(long, value_name = "URL")]
    pub index_url: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Python files or directories to scan [default: .].
    pub paths: Vec<PathBuf>,
    /// Skip paths matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also scan virtualenvs and site-packages directories (skipped by default).
    #[arg(long)]
    pub include_venvs: bool,
    /// Ignore `# nosec` and `# pyward: ignore[...]` comments.
    #[arg(long)]
    pub ignore_nosec: bool,
    /// Report suppression comments that suppress nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Also search .env, YAML, JSON, ini/cfg, TOML and Dockerfiles for hard-coded secrets.
    #[arg(long)]
    pub scan_text_files: bool,
    /// Only report findings of at least this severity (like Bandit's --severity-level).
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub severity_level: Option<Severity>,
    /// Only report findings of at least this confidence (like Bandit's --confidence-level).
    #[arg(long, value_name = "CONFIDENCE", value_parser = parse_confidence)]
    pub confidence_level: Option<pyward_core::Confidence>,
    /// Worker threads [default: the number of cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// `bandit`: behave exactly as Bandit on its rules (no test-code policy, B608 on every
    /// line of a concatenation).
    #[arg(long, value_enum, default_value_t = ProfileArg::Pyward)]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Pyward,
    Bandit,
}

fn parse_confidence(s: &str) -> Result<pyward_core::Confidence, String> {
    s.parse::<pyward_core::Confidence>()
        .map_err(|e| e.to_string())
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Configuration files or directories to audit [default: .].
    pub paths: Vec<PathBuf>,
    /// Treat the given files as this format (for directories: only audit this format).
    /// One of: sshd, nginx, dockerfile, compose, kubernetes, systemd, gunicorn, procfile,
    /// postgresql, pg-hba, redis, mysql, sudoers, fail2ban, ufw, ufw-rules, nftables, iptables,
    /// dotenv.
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_config_kind)]
    pub kind: Option<pyward_config::ConfigKind>,
    /// Filesystem root that absolute Include/include paths resolve under [default: a scanned
    /// directory holding etc/].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Skip paths matching this glob when discovering files (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

fn parse_config_kind(s: &str) -> Result<pyward_config::ConfigKind, String> {
    s.parse::<pyward_config::ConfigKind>()
        .map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Download or import advisories and build the local database.
    Update(DbUpdateArgs),
    /// Show the database's source, age and size.
    Info(DbInfoArgs),
    /// Serve the database over an OSV-compatible HTTP API (for uv, pip-audit and others).
    Serve(DbServeArgs),
}

#[derive(Debug, Args)]
pub struct DbUpdateArgs {
    /// An OSV `all.zip` (file or http(s) URL) or a directory of OSV JSON/YAML files
    /// [default: OSV's public PyPI export].
    #[arg(long, value_name = "URL|FILE|DIR")]
    pub from: Option<String>,
    /// Database file to write [env: PYWARD_DB; default: the user cache dir].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DbInfoArgs {
    /// Database file [env: PYWARD_DB; default: the user cache dir].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = InfoFormat::Text)]
    pub format: InfoFormat,
    /// Warn when the newest data is older than this many days [default: 7].
    #[arg(long, value_name = "DAYS")]
    pub max_age_days: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InfoFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DbServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8765", value_name = "ADDR")]
    pub listen: String,
    /// Database file [env: PYWARD_DB; default: the user cache dir].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code, name or Bandit ID. Without it, list every rule.
    pub code: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = InfoFormat::Text)]
    pub format: InfoFormat,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The project directory.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Replace an existing [tool.pyward] section, pyward pre-commit entry and workflow.
    #[arg(long)]
    pub force: bool,
    /// Do not add pyward's hooks to .pre-commit-config.yaml.
    #[arg(long)]
    pub no_pre_commit: bool,
    /// Do not write the GitHub Actions workflow (.github/workflows/pyward.yml).
    #[arg(long)]
    pub no_ci: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write pyward.1 and one page per subcommand (pyward-scan.1, pyward-db-update.1, …) into
    /// DIR instead of printing the top page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
