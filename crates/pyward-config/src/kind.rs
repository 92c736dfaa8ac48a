//! Which format a file is: by name and location first, then by content for `.conf`/YAML files.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// A configuration format pyward audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfigKind {
    Sshd,
    Nginx,
    Dockerfile,
    Compose,
    Kubernetes,
    Systemd,
    Gunicorn,
    Procfile,
    Postgresql,
    PgHba,
    Redis,
    Mysql,
    Sudoers,
    Fail2ban,
    Ufw,
    UfwRules,
    Nftables,
    Iptables,
    Dotenv,
}

impl ConfigKind {
    pub const ALL: &'static [ConfigKind] = &[
        ConfigKind::Sshd,
        ConfigKind::Nginx,
        ConfigKind::Dockerfile,
        ConfigKind::Compose,
        ConfigKind::Kubernetes,
        ConfigKind::Systemd,
        ConfigKind::Gunicorn,
        ConfigKind::Procfile,
        ConfigKind::Postgresql,
        ConfigKind::PgHba,
        ConfigKind::Redis,
        ConfigKind::Mysql,
        ConfigKind::Sudoers,
        ConfigKind::Fail2ban,
        ConfigKind::Ufw,
        ConfigKind::UfwRules,
        ConfigKind::Nftables,
        ConfigKind::Iptables,
        ConfigKind::Dotenv,
    ];

    /// The name `--type` takes.
    pub fn name(self) -> &'static str {
        match self {
            ConfigKind::Sshd => "sshd",
            ConfigKind::Nginx => "nginx",
            ConfigKind::Dockerfile => "dockerfile",
            ConfigKind::Compose => "compose",
            ConfigKind::Kubernetes => "kubernetes",
            ConfigKind::Systemd => "systemd",
            ConfigKind::Gunicorn => "gunicorn",
            ConfigKind::Procfile => "procfile",
            ConfigKind::Postgresql => "postgresql",
            ConfigKind::PgHba => "pg-hba",
            ConfigKind::Redis => "redis",
            ConfigKind::Mysql => "mysql",
            ConfigKind::Sudoers => "sudoers",
            ConfigKind::Fail2ban => "fail2ban",
            ConfigKind::Ufw => "ufw",
            ConfigKind::UfwRules => "ufw-rules",
            ConfigKind::Nftables => "nftables",
            ConfigKind::Iptables => "iptables",
            ConfigKind::Dotenv => "dotenv",
        }
    }

    /// Formats whose files include others: audited first, so the files they pull in are not
    /// audited again on their own.
    pub fn includes_others(self) -> bool {
        matches!(
            self,
            ConfigKind::Sshd | ConfigKind::Nginx | ConfigKind::Compose | ConfigKind::Systemd
        )
    }
}

impl fmt::Display for ConfigKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown config type `{0}` (expected one of: {list})", list = ConfigKind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", "))]
pub struct UnknownKind(pub String);

impl FromStr for ConfigKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<ConfigKind, UnknownKind> {
        let s = s.to_ascii_lowercase();
        let alias = match s.as_str() {
            "ssh" | "sshd_config" => "sshd",
            "docker" | "containerfile" => "dockerfile",
            "docker-compose" => "compose",
            "k8s" | "kube" | "helm" => "kubernetes",
            "systemd-unit" | "service" => "systemd",
            "postgres" | "postgresql.conf" => "postgresql",
            "pg_hba" | "pghba" | "pg_hba.conf" => "pg-hba",
            "mariadb" | "my.cnf" => "mysql",
            "env" | ".env" => "dotenv",
            "iptables-save" => "iptables",
            "nft" => "nftables",
            other => other,
        };
        ConfigKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == alias)
            .ok_or(UnknownKind(s))
    }
}

fn under(path: &Path, dir: &str) -> bool {
    path.parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .any(|a| a.file_name().is_some_and(|n| n == dir))
}

fn parent_is(path: &Path, dir: &str) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == dir)
}

/// Detects a file's format from its name and location. `None` means "look at the content"
/// (see [`detect_by_content`]) or "not a configuration file".
pub fn detect_by_name(path: &Path) -> Option<ConfigKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    let ext = Path::new(&lower)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    Some(match lower.as_str() {
        "sshd_config" => ConfigKind::Sshd,
        "nginx.conf" => ConfigKind::Nginx,
        "dockerfile" | "containerfile" => ConfigKind::Dockerfile,
        "docker-compose.yml" | "docker-compose.yaml" | "compose.yml" | "compose.yaml" => {
            ConfigKind::Compose
        }
        "gunicorn.conf.py" | "gunicorn_conf.py" | "gunicorn.py" => ConfigKind::Gunicorn,
        "procfile" => ConfigKind::Procfile,
        "postgresql.conf" | "postgresql.auto.conf" => ConfigKind::Postgresql,
        "pg_hba.conf" => ConfigKind::PgHba,
        "redis.conf" | "sentinel.conf" => ConfigKind::Redis,
        "my.cnf" | "mysqld.cnf" | "mariadb.cnf" | "50-server.cnf" | "server.cnf" => {
            ConfigKind::Mysql
        }
        "sudoers" => ConfigKind::Sudoers,
        "jail.conf" | "jail.local" => ConfigKind::Fail2ban,
        "ufw.conf" => ConfigKind::Ufw,
        "user.rules" | "user6.rules" if parent_is(path, "ufw") || under(path, "ufw") => {
            ConfigKind::UfwRules
        }
        "nftables.conf" => ConfigKind::Nftables,
        "rules.v4" | "rules.v6" | "iptables.rules" | "ip6tables.rules" | "iptables-save" => {
            ConfigKind::Iptables
        }
        ".env" => ConfigKind::Dotenv,
        _ => {
            if lower.starts_with("dockerfile.")
                || lower.starts_with("dockerfile-")
                || lower.starts_with("dockerfile_")
                || lower.starts_with("containerfile.")
                || lower.starts_with("containerfile-")
                || lower.ends_with(".dockerfile")
                || lower.ends_with(".containerfile")
            {
                ConfigKind::Dockerfile
            } else if (lower.starts_with("docker-compose.") || lower.starts_with("compose."))
                && (ext == "yml" || ext == "yaml")
            {
                ConfigKind::Compose
            } else if let Some(suffix) = lower.strip_prefix(".env.") {
                if matches!(
                    suffix,
                    "example" | "sample" | "template" | "dist" | "defaults" | "tpl" | "test"
                ) {
                    return None;
                }
                ConfigKind::Dotenv
            } else if parent_is(path, "sshd_config.d") && ext == "conf" {
                ConfigKind::Sshd
            } else if parent_is(path, "sudoers.d") && !lower.contains('.') && !lower.ends_with('~')
            {
                ConfigKind::Sudoers
            } else if parent_is(path, "jail.d") && (ext == "conf" || ext == "local") {
                ConfigKind::Fail2ban
            } else if ext == "service"
                || (ext == "conf"
                    && path
                        .parent()
                        .and_then(Path::file_name)
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(".service.d")))
            {
                ConfigKind::Systemd
            } else if ext == "nft" {
                ConfigKind::Nftables
            } else if under(path, "nginx")
                && (ext == "conf"
                    || parent_is(path, "sites-enabled")
                    || parent_is(path, "sites-available"))
            {
                ConfigKind::Nginx
            } else if (under(path, "mysql") || under(path, "mariadb")) && ext == "cnf" {
                ConfigKind::Mysql
            } else if under(path, "redis") && ext == "conf" {
                ConfigKind::Redis
            } else {
                return None;
            }
        }
    })
}

/// Whether a file is worth reading to detect its format by content.
pub fn sniffable(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "conf" | "yml" | "yaml" | "nginx")
}

/// Detects a format from the text of a `.conf` or YAML file.
pub fn detect_by_content(path: &Path, text: &str) -> Option<ConfigKind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let head: String = text.chars().take(16 * 1024).collect();
    if ext == "yml" || ext == "yaml" {
        let has_top = |key: &str| head.lines().any(|l| l.starts_with(key));
        if has_top("apiVersion:") && head.lines().any(|l| l.trim_start().starts_with("kind:")) {
            return Some(ConfigKind::Kubernetes);
        }
        if has_top("services:") {
            return Some(ConfigKind::Compose);
        }
        return None;
    }
    let lines: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if lines.first().is_some_and(|l| l.starts_with('<')) {
        return None; // XML
    }
    if lines.iter().any(|l| {
        l.starts_with("server {")
            || l.starts_with("http {")
            || (l.starts_with("upstream ") && l.ends_with('{'))
            || (l.starts_with("location ") && l.ends_with('{'))
    }) {
        return Some(ConfigKind::Nginx);
    }
    const SSHD: &[&str] = &[
        "permitrootlogin",
        "passwordauthentication",
        "pubkeyauthentication",
        "kbdinteractiveauthentication",
        "challengeresponseauthentication",
        "authorizedkeysfile",
        "usepam",
    ];
    if lines.iter().any(|l| {
        let k = l
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        SSHD.contains(&k.as_str())
    }) {
        return Some(ConfigKind::Sshd);
    }
    if lines
        .iter()
        .any(|l| l.starts_with("table inet ") || l.starts_with("table ip "))
    {
        return Some(ConfigKind::Nftables);
    }
    if lines.first().is_some_and(|l| *l == "*filter") {
        return Some(ConfigKind::Iptables);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let k = |p: &str| detect_by_name(Path::new(p));
        assert_eq!(k("etc/ssh/sshd_config"), Some(ConfigKind::Sshd));
        assert_eq!(k("etc/ssh/sshd_config.d/50-x.conf"), Some(ConfigKind::Sshd));
        assert_eq!(k("etc/nginx/sites-enabled/app"), Some(ConfigKind::Nginx));
        assert_eq!(k("Dockerfile.prod"), Some(ConfigKind::Dockerfile));
        assert_eq!(k("deploy/app.service"), Some(ConfigKind::Systemd));
        assert_eq!(k("app.service.d/override.conf"), Some(ConfigKind::Systemd));
        assert_eq!(k("docker/Dockerfile-prod"), Some(ConfigKind::Dockerfile));
        assert_eq!(k("Dockerfile_dev"), Some(ConfigKind::Dockerfile));
        assert_eq!(k("api.Dockerfile"), Some(ConfigKind::Dockerfile));
        assert_eq!(k(".env.example"), None);
        assert_eq!(k(".env.production"), Some(ConfigKind::Dotenv));
        assert_eq!(k("etc/sudoers.d/README"), Some(ConfigKind::Sudoers));
        assert_eq!(k("etc/ufw/user.rules"), Some(ConfigKind::UfwRules));
        assert_eq!(k("src/main.rs"), None);
    }

    #[test]
    fn contents() {
        let k = |p: &str, t: &str| detect_by_content(Path::new(p), t);
        assert_eq!(
            k("a.yaml", "apiVersion: v1\nkind: Pod\n"),
            Some(ConfigKind::Kubernetes)
        );
        assert_eq!(
            k("x.yml", "services:\n  web: {}\n"),
            Some(ConfigKind::Compose)
        );
        assert_eq!(
            k("site.conf", "server {\n listen 80;\n}\n"),
            Some(ConfigKind::Nginx)
        );
        assert_eq!(k("x.conf", "PermitRootLogin no\n"), Some(ConfigKind::Sshd));
        assert_eq!(k("x.conf", "foo = bar\n"), None);
    }

    #[test]
    fn parse_names() {
        assert_eq!("k8s".parse::<ConfigKind>(), Ok(ConfigKind::Kubernetes));
        assert!("bogus".parse::<ConfigKind>().is_err());
        for k in ConfigKind::ALL {
            assert_eq!(k.name().parse::<ConfigKind>(), Ok(*k));
        }
    }
}
