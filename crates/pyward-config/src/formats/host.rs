//! Line-oriented host files: systemd units, PostgreSQL, Redis, MySQL, sudoers, fail2ban, ufw,
//! nftables, iptables-save and `.env`.

use std::collections::BTreeMap;

use pyward_core::Severity;

use crate::formats::app::{self, Where};
use crate::rules::*;
use crate::source::{Pos, Sink};
use crate::util::{
    SecretKind, all_interfaces, data_port, falsy, loopback, secret, shell_words, stand_in, truthy,
};

/// Strips a `#` (or `;` when `semicolon`) comment that starts a word.
fn strip_comment(line: &str, semicolon: bool) -> &str {
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        if (c == '#' || (semicolon && c == ';')) && prev_space {
            return &line[..i];
        }
        prev_space = c.is_whitespace();
    }
    line
}

/// `[section]` / `key = value` files (systemd, fail2ban, my.cnf). Keys keep their case.
#[derive(Debug, Clone)]
pub struct IniEntry {
    pub section: String,
    pub key: String,
    pub value: String,
    pub pos: Pos,
}

pub fn parse_ini(text: &str, file: &str, sink: &mut Sink, semicolon: bool) -> Vec<IniEntry> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((idx, raw)) = lines.next() {
        let line = strip_comment(raw, semicolon).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(s) = line.strip_prefix('[') {
            section = s.trim_end_matches(']').trim().to_string();
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let Some((k, v)) = line.split_once('=') else {
            // my.cnf allows bare flags (`skip-grant-tables`)
            if line
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                out.push(IniEntry {
                    section: section.clone(),
                    key: line.to_string(),
                    value: String::new(),
                    pos: Pos::new(idx + 1, indent + 1, line.len()),
                });
            } else {
                sink.warn(file, idx + 1, "not a `key = value` line (skipped)");
            }
            continue;
        };
        let mut value = v.trim().to_string();
        // systemd continuation lines
        while value.ends_with('\\') {
            value.pop();
            match lines.next() {
                Some((_, next)) => {
                    value.push(' ');
                    value.push_str(next.trim());
                }
                None => break,
            }
        }
        out.push(IniEntry {
            section: section.clone(),
            key: k.trim().to_string(),
            value,
            pos: Pos::new(idx + 1, indent + 1, k.trim().len()),
        });
    }
    out
}

// --- systemd ---------------------------------------------------------------------------------

pub fn audit_systemd(text: &str, file: &str, sink: &mut Sink) {
    audit_systemd_unit(&[(file.to_string(), text.to_string())], false, sink);
}

/// Audits a unit merged with its drop-ins (`foo.service.d/*.conf`, in order after the unit):
/// later settings override earlier ones, as systemd applies them. `user_unit` is a unit of a
/// user's service manager (`systemd/user/`), which never runs as root.
pub fn audit_systemd_unit(sources: &[(String, String)], user_unit: bool, sink: &mut Sink) {
    let mut entries: Vec<(&str, IniEntry)> = Vec::new();
    for (file, text) in sources {
        for e in parse_ini(text, file, sink, true) {
            entries.push((file.as_str(), e));
        }
    }
    let service: Vec<(&str, &IniEntry)> = entries
        .iter()
        .filter(|(_, e)| e.section == "Service")
        .map(|(f, e)| (*f, e))
        .collect();
    let get = |k: &str| service.iter().rev().find(|(_, e)| e.key == k).copied();
    // An empty `ExecStart=` in a drop-in resets the list.
    let starts: Vec<(&str, &IniEntry)> = {
        let mut v: Vec<(&str, &IniEntry)> = Vec::new();
        for (f, e) in &service {
            if e.key == "ExecStart" {
                if e.value.trim().is_empty() {
                    v.clear();
                } else {
                    v.push((f, e));
                }
            }
        }
        v
    };
    let Some((exec_file, exec)) = starts.first().copied() else {
        return;
    };
    for (f, e) in service
        .iter()
        .filter(|(_, e)| e.key == "ExecStart" || e.key == "ExecStartPre")
    {
        let cmd = e.value.trim_start_matches(['@', '-', ':', '+', '!']);
        app::check_command(sink, f, e.pos, &shell_words(cmd), Where::Host);
    }
    for (f, e) in service.iter().filter(|(_, e)| e.key == "Environment") {
        for pair in shell_words(&e.value) {
            if let Some((k, v)) = pair.split_once('=') {
                app::check_env(sink, f, e.pos, k, v);
            }
        }
    }
    let user = get("User");
    let dynamic = get("DynamicUser").is_some_and(|(_, e)| truthy(&e.value));
    match user {
        Some((f, u)) if u.value == "root" || u.value == "0" => {
            sink.hit(&SYS_ROOT, f, u.pos, "the service runs as root (User=root)");
        }
        None if !dynamic && !user_unit => {
            sink.hit(
                &SYS_ROOT,
                exec_file,
                exec.pos,
                "the service has no User= (or DynamicUser=yes): it runs as root",
            );
        }
        _ => {}
    }
    let mut missing = Vec::new();
    if !get("NoNewPrivileges").is_some_and(|(_, e)| truthy(&e.value)) {
        missing.push("NoNewPrivileges=yes");
    }
    if get("ProtectSystem").is_none_or(|(_, e)| falsy(&e.value)) {
        missing.push("ProtectSystem=strict");
    }
    if !get("PrivateTmp").is_some_and(|(_, e)| truthy(&e.value)) {
        missing.push("PrivateTmp=yes");
    }
    if !missing.is_empty() {
        sink.hit(
            &SYS_HARDENING,
            exec_file,
            exec.pos,
            format!("the service lacks sandboxing: {}", missing.join(", ")),
        );
    }
}

// --- PostgreSQL ------------------------------------------------------------------------------

fn kv_conf(text: &str, file: &str, sink: &mut Sink) -> BTreeMap<String, (String, Pos)> {
    let mut out = BTreeMap::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = strip_comment(raw, false).trim();
        if line.is_empty() {
            continue;
        }
        let (k, v) = match line.split_once('=') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => match line.split_once(char::is_whitespace) {
                Some((k, v)) => (k.trim(), v.trim()),
                None => {
                    sink.warn(file, idx + 1, "not a setting (line skipped)");
                    continue;
                }
            },
        };
        let indent = raw.len() - raw.trim_start().len();
        // the last setting wins in postgresql.conf
        out.insert(
            k.to_ascii_lowercase(),
            (
                v.trim_matches('\'').to_string(),
                Pos::new(idx + 1, indent + 1, k.len()),
            ),
        );
    }
    out
}

pub fn audit_postgresql_conf(text: &str, file: &str, sink: &mut Sink) {
    let conf = kv_conf(text, file, sink);
    let none = Pos::default();
    let listen = conf.get("listen_addresses");
    let remote = listen.is_some_and(|(v, _)| v.split(',').any(|a| !loopback(a.trim())));
    if let Some((v, pos)) = listen
        && v.split(',').any(|a| all_interfaces(a.trim()))
    {
        sink.hit(
            &PG_LISTEN_ALL,
            file,
            *pos,
            format!("listen_addresses = '{v}': PostgreSQL accepts connections on every interface"),
        );
    }
    match conf.get("ssl") {
        Some((v, pos)) if !truthy(v) && remote => {
            sink.hit(
                &PG_NO_SSL,
                file,
                *pos,
                "ssl = off while listening beyond localhost",
            );
        }
        None if remote => {
            sink.hit(
                &PG_NO_SSL,
                file,
                none,
                "ssl is not enabled (defaults to off) while listening beyond localhost",
            );
        }
        _ => {}
    }
    if let Some((v, pos)) = conf.get("password_encryption")
        && (v.eq_ignore_ascii_case("md5") || v.eq_ignore_ascii_case("on"))
    {
        sink.hit(
            &PG_MD5_ENCRYPTION,
            file,
            *pos,
            "password_encryption = md5: store passwords as scram-sha-256",
        );
    }
}

pub fn audit_pg_hba(text: &str, file: &str, sink: &mut Sink) {
    for (idx, raw) in text.lines().enumerate() {
        let line = strip_comment(raw, false).trim();
        if line.is_empty() || line.starts_with("include") {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let kind = f[0];
        let (addr, method) = match kind {
            "local" if f.len() >= 4 => (None, f[3]),
            "host" | "hostssl" | "hostnossl" | "hostgssenc" | "hostnogssenc" if f.len() >= 5 => {
                // `address mask` form has the mask as a separate field
                if f.len() >= 6 && f[4].contains('.') && !f[4].contains('/') {
                    (Some(format!("{}/{}", f[3], f[4])), f[5])
                } else {
                    (Some(f[3].to_string()), f[4])
                }
            }
            _ => {
                sink.warn(file, idx + 1, "not a pg_hba.conf record (line skipped)");
                continue;
            }
        };
        let pos = Pos::new(idx + 1, raw.len() - raw.trim_start().len() + 1, kind.len());
        let local_addr = addr.as_deref().is_none_or(|a| {
            a.starts_with("127.") || a.starts_with("::1") || a == "localhost" || a == "samehost"
        });
        let any = addr.as_deref().is_some_and(|a| {
            a == "0.0.0.0/0" || a == "::/0" || a == "all" || a == "0.0.0.0/0.0.0.0"
        });
        match method {
            "trust" => {
                if let Some(f) = sink.hit(
                    &PG_TRUST,
                    file,
                    pos,
                    format!(
                        "`trust` lets {} connect as any role without a password",
                        if kind == "local" {
                            "every local OS user"
                        } else {
                            "these hosts"
                        }
                    ),
                ) && local_addr
                {
                    f.severity = Severity::High;
                }
            }
            "md5" | "password" => {
                if let Some(f) = sink.hit(
                    &PG_WEAK_AUTH,
                    file,
                    pos,
                    format!("`{method}` authentication; use scram-sha-256"),
                ) && method == "password"
                    && !local_addr
                {
                    f.severity = Severity::High;
                }
            }
            _ => {}
        }
        if !local_addr && (kind == "host" || kind == "hostnossl") && method != "reject" {
            sink.hit(
                &PG_NO_HOSTSSL,
                file,
                pos,
                format!(
                    "`{kind}` allows unencrypted connections from {}; use hostssl",
                    addr.as_deref().unwrap_or("?")
                ),
            );
        }
        if any && method != "reject" {
            sink.hit(
                &PG_OPEN_ADDRESS,
                file,
                pos,
                format!(
                    "address {} accepts connections from anywhere",
                    addr.as_deref().unwrap_or("?")
                ),
            );
        }
    }
}

// --- Redis -----------------------------------------------------------------------------------

pub fn audit_redis(text: &str, file: &str, sink: &mut Sink) {
    let mut bind: Option<(Vec<String>, Pos)> = None;
    let mut protected: Option<(String, Pos)> = None;
    let mut auth = false;
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = shell_words(line);
        let key = words[0].to_ascii_lowercase();
        let pos = Pos::new(
            idx + 1,
            raw.len() - raw.trim_start().len() + 1,
            words[0].len(),
        );
        match key.as_str() {
            "bind" => bind = Some((words[1..].to_vec(), pos)),
            "protected-mode" => protected = Some((words.get(1).cloned().unwrap_or_default(), pos)),
            "requirepass" if words.len() > 1 && !words[1].is_empty() => auth = true,
            "aclfile" => auth = true,
            "user"
                if words
                    .iter()
                    .any(|w| w.starts_with('>') || w.starts_with('#'))
                    && words.iter().any(|w| w == "on") =>
            {
                auth = true
            }
            _ => {}
        }
    }
    let none = Pos::default();
    match &bind {
        None => {
            sink.hit(
                &RDS_BIND_ALL,
                file,
                none,
                "no bind directive: Redis listens on every interface",
            );
        }
        Some((addrs, pos)) => {
            if addrs
                .iter()
                .any(|a| all_interfaces(a.trim_start_matches('-')))
            {
                sink.hit(
                    &RDS_BIND_ALL,
                    file,
                    *pos,
                    format!("bind {}: Redis listens on every interface", addrs.join(" ")),
                );
            }
        }
    }
    if let Some((v, pos)) = &protected
        && falsy(v)
    {
        sink.hit(
            &RDS_PROTECTED_MODE,
            file,
            *pos,
            "protected-mode no: Redis answers unauthenticated remote clients",
        );
    }
    if !auth {
        sink.hit(
            &RDS_NO_AUTH,
            file,
            none,
            "no requirepass and no ACL user with a password: anyone who reaches Redis owns it",
        );
    }
}

// --- MySQL / MariaDB -------------------------------------------------------------------------

pub fn audit_mysql(text: &str, file: &str, sink: &mut Sink) {
    let entries = parse_ini(text, file, sink, true);
    let server = |s: &str| {
        matches!(
            s,
            "mysqld" | "mariadb" | "server" | "mariadbd" | "mysqld_safe"
        )
    };
    let mut has_server = None;
    let mut bind = None;
    for e in &entries {
        if !server(&e.section) {
            continue;
        }
        has_server.get_or_insert(e.pos);
        let key = e.key.replace('_', "-").to_ascii_lowercase();
        if key == "bind-address" {
            bind = Some(e);
        }
        if key == "skip-grant-tables" && (e.value.is_empty() || truthy(&e.value)) {
            sink.hit(
                &MY_SKIP_GRANT_TABLES,
                file,
                e.pos,
                "skip-grant-tables: every client logs in as any user without a password",
            );
        }
    }
    match bind {
        Some(e) if e.value.split(',').any(|a| all_interfaces(a.trim())) => {
            sink.hit(
                &MY_BIND_ALL,
                file,
                e.pos,
                format!(
                    "bind-address = {}: MySQL listens on every interface",
                    e.value
                ),
            );
        }
        None if has_server.is_some() => {
            if let Some(pos) = has_server
                && let Some(f) = sink.hit(
                    &MY_BIND_ALL,
                    file,
                    pos,
                    "no bind-address in the server section: MySQL listens on every interface by default",
                ) {
                    f.confidence = pyward_core::Confidence::Medium;
                }
        }
        _ => {}
    }
}

// --- sudoers ---------------------------------------------------------------------------------

const SERVICE_ACCOUNTS: &[&str] = &[
    "www-data",
    "nginx",
    "apache",
    "http",
    "app",
    "deploy",
    "deployer",
    "gunicorn",
    "uwsgi",
    "uvicorn",
    "celery",
    "django",
    "flask",
    "fastapi",
    "api",
    "web",
    "worker",
    "postgres",
    "mysql",
    "redis",
    "nobody",
    "jenkins",
    "gitlab-runner",
    "ci",
    "service",
    "svc",
    "daemon",
];

fn service_account(user: &str) -> bool {
    let u = user.to_ascii_lowercase();
    SERVICE_ACCOUNTS.contains(&u.as_str())
        || u.starts_with("svc")
        || u.ends_with("-svc")
        || u.ends_with("_svc")
        || u.starts_with("app")
        || u.ends_with("bot")
}

pub fn audit_sudoers(text: &str, file: &str, sink: &mut Sink) {
    let mut logical = String::new();
    let mut start = 0;
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if logical.is_empty() {
            start = idx;
        }
        if line.starts_with('#') && !line.starts_with("#include") && logical.is_empty() {
            continue;
        }
        if let Some(l) = line.strip_suffix('\\') {
            logical.push_str(l);
            logical.push(' ');
            continue;
        }
        logical.push_str(line);
        let spec = std::mem::take(&mut logical);
        let spec = spec.trim();
        if spec.is_empty()
            || spec.starts_with("Defaults")
            || spec.starts_with('@')
            || spec.starts_with("#include")
            || spec.contains("_Alias")
        {
            continue;
        }
        let Some((who, rest)) = spec.split_once(char::is_whitespace) else {
            sink.warn(file, start + 1, "not a sudoers rule (line skipped)");
            continue;
        };
        let pos = Pos::new(start + 1, 1, who.len());
        let Some((_, cmds)) = rest.split_once('=') else {
            sink.warn(file, start + 1, "not a sudoers rule (line skipped)");
            continue;
        };
        // Commands after the optional `(runas)` and tags.
        let cmds = cmds.trim();
        let cmds = match cmds.strip_prefix('(') {
            Some(r) => r.split_once(')').map_or("", |(_, c)| c),
            None => cmds,
        };
        let nopasswd = cmds.contains("NOPASSWD:");
        let commands = cmds
            .split(':')
            .next_back()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect::<Vec<_>>();
        let all = commands.contains(&"ALL");
        if nopasswd && all {
            sink.hit(
                &SUDO_NOPASSWD_ALL,
                file,
                pos,
                format!("`{who}` may run any command as root without a password (NOPASSWD: ALL)"),
            );
        }
        if all && !who.starts_with('%') && who != "root" && service_account(who) {
            sink.hit(
                &SUDO_SERVICE_ALL,
                file,
                pos,
                format!("service account `{who}` may run any command as root"),
            );
        }
    }
}

// --- fail2ban --------------------------------------------------------------------------------

/// fail2ban files, in the order fail2ban reads them (jail.conf, jail.d/*.conf, jail.local,
/// jail.d/*.local). `sources` are (display path, text).
pub fn audit_fail2ban(sources: &[(String, String)], sink: &mut Sink) {
    let mut default_enabled: Option<bool> = None;
    let mut sshd: Option<(bool, String, Pos)> = None;
    let mut first: Option<String> = None;
    for (file, text) in sources {
        first.get_or_insert_with(|| file.clone());
        for e in parse_ini(text, file, sink, true) {
            if e.key != "enabled" {
                continue;
            }
            let on = truthy(&e.value);
            match e.section.as_str() {
                "DEFAULT" => default_enabled = Some(on),
                "sshd" | "ssh" | "sshd-ddos" => sshd = Some((on, file.clone(), e.pos)),
                _ => {}
            }
        }
        // A `[sshd]` section without `enabled` inherits DEFAULT.
        if sshd.is_none()
            && text.lines().any(|l| l.trim() == "[sshd]")
            && let Some(on) = default_enabled
        {
            sshd = Some((on, file.clone(), Pos::default()));
        }
    }
    match sshd {
        Some((true, _, _)) => {}
        Some((false, file, pos)) => {
            sink.hit(&F2B_NO_SSHD_JAIL, &file, pos, "the sshd jail is disabled");
        }
        None => {
            if let Some(file) = first {
                sink.hit(
                    &F2B_NO_SSHD_JAIL,
                    &file,
                    Pos::default(),
                    "no enabled [sshd] jail: SSH brute force is never banned",
                );
            }
        }
    }
}

// --- firewalls -------------------------------------------------------------------------------

pub fn audit_ufw_conf(text: &str, file: &str, sink: &mut Sink) {
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(v) = line.strip_prefix("ENABLED=")
            && !truthy(v)
        {
            sink.hit(
                &FW_DISABLED,
                file,
                Pos::new(idx + 1, 1, 7),
                "ufw is disabled (ENABLED=no)",
            );
        }
    }
}

/// iptables-save dumps and ufw's `user.rules` (iptables-restore format).
pub fn audit_iptables(text: &str, file: &str, sink: &mut Sink, ufw: bool) {
    let mut input_policy: Option<(String, Pos)> = None;
    let mut input_drops = false;
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let pos = Pos::new(
            idx + 1,
            1,
            line.split_whitespace().next().unwrap_or("").len(),
        );
        if let Some(rest) = line.strip_prefix(":INPUT ") {
            input_policy = Some((
                rest.split_whitespace().next().unwrap_or("").to_string(),
                pos,
            ));
            continue;
        }
        if !line.starts_with("-A ") {
            continue;
        }
        let w = shell_words(line);
        let chain = w.get(1).map(String::as_str).unwrap_or("");
        let input = chain == "INPUT"
            || chain.starts_with("ufw-user-input")
            || chain.starts_with("ufw6-user-input");
        if !input {
            continue;
        }
        let target = w
            .windows(2)
            .find(|p| p[0] == "-j")
            .map(|p| p[1].as_str())
            .unwrap_or("");
        if matches!(target, "DROP" | "REJECT") {
            input_drops = true;
        }
        let source = w
            .windows(2)
            .find(|p| p[0] == "-s" || p[0] == "--source")
            .map(|p| p[1].clone());
        let open_source = source
            .as_deref()
            .is_none_or(|s| s == "0.0.0.0/0" || s == "::/0");
        if target == "ACCEPT" && open_source {
            for port in ports_of(&w) {
                if let Some(what) = data_port(port) {
                    sink.hit(
                        &FW_DATA_PORT_OPEN,
                        file,
                        pos,
                        format!("{what} port {port} is open to any source address"),
                    );
                }
            }
        }
    }
    if !ufw
        && let Some((policy, pos)) = input_policy
        && policy == "ACCEPT"
        && !input_drops
    {
        sink.hit(
            &FW_DISABLED,
            file,
            pos,
            "the INPUT chain accepts everything (policy ACCEPT and no DROP/REJECT rule)",
        );
    }
}

fn ports_of(w: &[String]) -> Vec<u16> {
    let mut out = Vec::new();
    for p in w.windows(2) {
        if p[0] == "--dport" || p[0] == "--dports" || p[0] == "--destination-port" {
            for part in p[1].split(',') {
                match part.split_once(':') {
                    Some((a, b)) => {
                        if let (Ok(a), Ok(b)) = (a.parse::<u16>(), b.parse::<u16>()) {
                            out.extend(
                                crate::util::DATA_PORTS
                                    .iter()
                                    .map(|(p, _)| *p)
                                    .filter(|p| *p >= a && *p <= b),
                            );
                        }
                    }
                    None => out.extend(part.parse::<u16>().ok()),
                }
            }
        }
    }
    out
}

pub fn audit_nftables(text: &str, file: &str, sink: &mut Sink) {
    // Track the chain we are in and whether it is an input-hook chain.
    let mut in_input = false;
    let mut input_chain: Option<(Pos, bool)> = None; // (pos, policy accept)
    let mut input_drops = false;
    for (idx, raw) in text.lines().enumerate() {
        let line = strip_comment(raw, false).trim();
        let pos = Pos::new(
            idx + 1,
            raw.len() - raw.trim_start().len() + 1,
            line.len().min(40),
        );
        if line.starts_with("chain ") {
            in_input = false;
            continue;
        }
        if line.contains("hook input") {
            in_input = true;
            let accept = !line.contains("policy drop");
            input_chain = Some((pos, accept));
            continue;
        }
        if !in_input || line.is_empty() {
            continue;
        }
        if line.ends_with("drop") || line.ends_with("reject") || line.contains(" reject with") {
            input_drops = true;
        }
        if line.contains("policy drop")
            && let Some(c) = input_chain.as_mut()
        {
            c.1 = false;
        }
        if line.ends_with("accept")
            && line.contains("dport")
            && !line.contains("saddr")
            && !line.contains("iifname \"lo\"")
            && !line.contains("iif lo")
        {
            let after = line.split("dport").nth(1).unwrap_or("");
            let ports: Vec<u16> = after
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|p| p.parse().ok())
                .collect();
            for port in ports {
                if let Some(what) = data_port(port) {
                    sink.hit(
                        &FW_DATA_PORT_OPEN,
                        file,
                        pos,
                        format!("{what} port {port} is accepted from any source address"),
                    );
                }
            }
        }
    }
    if let Some((pos, true)) = input_chain
        && !input_drops
    {
        sink.hit(
            &FW_DISABLED,
            file,
            pos,
            "the input chain accepts everything (policy accept and no drop/reject rule)",
        );
    }
}

// --- .env ------------------------------------------------------------------------------------

pub fn audit_dotenv(text: &str, file: &str, mode: Option<u32>, sink: &mut Sink) {
    let mut any_secret = false;
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            sink.warn(file, idx + 1, "not a KEY=value line (skipped)");
            continue;
        };
        let k = k.trim();
        let v = v.trim();
        let v = if v.starts_with('"') || v.starts_with('\'') {
            v
        } else {
            strip_comment(v, false).trim()
        };
        let pos = Pos::new(idx + 1, raw.len() - raw.trim_start().len() + 1, k.len());
        if let Some(kind) = secret(k, v) {
            if kind == SecretKind::Name && stand_in(v) {
                // `SECRET_KEY=changethis`: a template value, not a leaked secret.
                if let Some(f) = sink.hit(
                    &ENV_SECRET,
                    file,
                    pos,
                    format!("{k} holds a placeholder that must be replaced before deploying"),
                ) {
                    f.severity = Severity::Low;
                }
            } else {
                any_secret = true;
                crate::util::mark_secret(
                    sink.hit(
                        &ENV_SECRET,
                        file,
                        pos,
                        format!("{k} holds {} (value redacted)", kind.describe()),
                    ),
                    v,
                    kind,
                );
            }
        }
        app::check_env(sink, file, pos, k, v);
    }
    if let Some(mode) = mode
        && mode & 0o004 != 0
        && let Some(f) = sink.hit(
            &ENV_WORLD_READABLE,
            file,
            Pos::default(),
            format!(
                "the file is world-readable (mode {:o}){}",
                mode & 0o777,
                if any_secret { " and holds secrets" } else { "" }
            ),
        )
        && !any_secret
    {
        f.severity = Severity::Low;
    }
}
