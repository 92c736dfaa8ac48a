//! `sshd_config`: a line parser with `Include` (globs, relative to `/etc/ssh`) and `Match`
//! blocks, where the first value of a keyword wins as in sshd.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pyward_core::Severity;

use crate::rules::*;
use crate::source::{
    ConfigError, IncludeBudget, MAX_INCLUDE_DEPTH, Pos, Resolver, Sink, expand_glob, quote_token,
};
use crate::util::shell_words;

/// One directive, with the file and position it came from.
#[derive(Debug, Clone)]
pub struct SshDirective {
    /// The keyword, lower-cased.
    pub key: String,
    pub args: Vec<String>,
    pub file: String,
    pub pos: Pos,
    /// The `Match` condition the directive sits under, if any.
    pub in_match: Option<String>,
}

/// A parsed sshd configuration (the main file plus everything it includes, in order).
#[derive(Debug, Clone, Default)]
pub struct SshConfig {
    pub main_file: String,
    pub directives: Vec<SshDirective>,
}

/// Keywords that accumulate rather than first-wins.
const MULTI: &[&str] = &[
    "port",
    "listenaddress",
    "hostkey",
    "allowusers",
    "allowgroups",
    "denyusers",
    "denygroups",
    "acceptenv",
    "subsystem",
];

impl SshConfig {
    /// The first global (outside `Match`) occurrence of `key`: the value sshd uses.
    pub fn global(&self, key: &str) -> Option<&SshDirective> {
        self.directives
            .iter()
            .find(|d| d.in_match.is_none() && d.key == key)
    }

    /// Effective global values as `sshd -T` prints them, for the keys pyward audits. Keys that
    /// are unset get sshd's defaults (OpenSSH 9.x).
    pub fn effective(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (key, default) in DEFAULTS {
            let value = if MULTI.contains(key) {
                let all: Vec<String> = self
                    .directives
                    .iter()
                    .filter(|d| d.in_match.is_none() && d.key == *key)
                    .map(|d| d.args.join(" "))
                    .collect();
                if all.is_empty() {
                    default.to_string()
                } else {
                    all.join(",")
                }
            } else {
                match self.global(key) {
                    Some(d) => normalize(key, &d.args),
                    None => default.to_string(),
                }
            };
            out.insert(key.to_string(), value);
        }
        out
    }
}

/// sshd's defaults for the audited keys, as `sshd -T` prints them.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("permitrootlogin", "without-password"),
    ("passwordauthentication", "yes"),
    ("kbdinteractiveauthentication", "yes"),
    ("permitemptypasswords", "no"),
    ("maxauthtries", "6"),
    ("x11forwarding", "no"),
    ("allowagentforwarding", "yes"),
    ("allowtcpforwarding", "yes"),
    ("logingracetime", "120"),
    ("clientaliveinterval", "0"),
    ("clientalivecountmax", "3"),
    ("port", "22"),
];

fn normalize(key: &str, args: &[String]) -> String {
    let first = args.first().map(String::as_str).unwrap_or("");
    match key {
        "logingracetime" | "clientaliveinterval" => {
            parse_time(first).map_or(first.to_string(), |s| s.to_string())
        }
        "permitrootlogin" if first.eq_ignore_ascii_case("prohibit-password") => {
            "without-password".to_string()
        }
        "allowtcpforwarding" if first.eq_ignore_ascii_case("all") => "yes".to_string(),
        _ => first.to_ascii_lowercase(),
    }
}

/// sshd time format: `90`, `2m`, `1h30m`, `45s`.
pub fn parse_time(v: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut num = String::new();
    for c in v.chars() {
        if c.is_ascii_digit() {
            num.push(c);
        } else {
            let n: u64 = num.parse().ok()?;
            num.clear();
            let unit = match c.to_ascii_lowercase() {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 604800,
                _ => return None,
            };
            // Saturating, so a huge value never wraps round to a small one (found by fuzzing).
            total = total.saturating_add(n.saturating_mul(unit));
        }
    }
    if !num.is_empty() {
        total = total.saturating_add(num.parse::<u64>().ok()?);
    }
    Some(total)
}

/// Loads `path` and its includes.
pub fn load(path: &Path, text: &str, resolver: &Resolver, sink: &mut Sink) -> SshConfig {
    let main_file = resolver.display(path);
    let mut config = SshConfig {
        main_file: main_file.clone(),
        directives: Vec::new(),
    };
    let base = resolver
        .root
        .as_ref()
        .map(|r| r.join("etc/ssh"))
        .unwrap_or_else(|| path.parent().unwrap_or(Path::new(".")).to_path_buf());
    let mut loader = Loader {
        base,
        resolver,
        stack: vec![std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())],
        budget: IncludeBudget::default(),
        loops: Default::default(),
    };
    loader.parse_into(&mut config, text, &main_file, None, sink);
    config
}

struct Loader<'a> {
    base: PathBuf,
    resolver: &'a Resolver,
    /// The include chain (canonical paths), to refuse loops.
    stack: Vec<PathBuf>,
    budget: IncludeBudget,
    /// Include directives whose loop was already reported.
    loops: std::collections::BTreeSet<(String, usize)>,
}

impl Loader<'_> {
    fn parse_into(
        &mut self,
        config: &mut SshConfig,
        text: &str,
        file: &str,
        outer_match: Option<String>,
        sink: &mut Sink,
    ) {
        let mut in_match = outer_match.clone();
        for (idx, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let indent = raw.len() - raw.trim_start().len();
            let key_end = line
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(line.len());
            let key = &line[..key_end];
            let rest = line[key_end..].trim_start();
            let rest = rest.strip_prefix('=').unwrap_or(rest);
            let args = shell_words(rest);
            if !key.chars().all(|c| c.is_ascii_alphanumeric()) {
                // Never echo the line: it may be anything (a line of /etc/shadow, a secret).
                sink.warn(file, idx + 1, "not an sshd_config directive (line skipped)");
                continue;
            }
            let mut lkey = key.to_ascii_lowercase();
            if lkey == "challengeresponseauthentication" {
                // the deprecated name of the same setting, as sshd -T reports it
                lkey = "kbdinteractiveauthentication".to_string();
            }
            let pos = Pos::new(idx + 1, indent + 1, key.len());
            if lkey == "match" {
                in_match = Some(args.join(" "));
                if args.iter().any(|a| a.eq_ignore_ascii_case("all")) && args.len() == 1 {
                    in_match = outer_match.clone();
                }
                continue;
            }
            if lkey == "include" {
                for arg in &args {
                    self.include(config, arg, file, idx + 1, in_match.clone(), sink);
                }
                continue;
            }
            if args.is_empty() {
                let shown = quote_token(key).unwrap_or("directive");
                sink.warn(file, idx + 1, format!("`{shown}` has no value (skipped)"));
                continue;
            }
            config.directives.push(SshDirective {
                key: lkey,
                args,
                file: file.to_string(),
                pos,
                in_match: in_match.clone(),
            });
        }
    }

    fn include(
        &mut self,
        config: &mut SshConfig,
        arg: &str,
        file: &str,
        line: usize,
        in_match: Option<String>,
        sink: &mut Sink,
    ) {
        let Some(pattern) = self.resolver.map(arg, &self.base) else {
            sink.warn(
                file,
                line,
                format!(
                    "Include {arg}: absolute path outside a filesystem root (pass --root to resolve it)"
                ),
            );
            return;
        };
        if self.resolver.roots.is_empty() {
            sink.warn(
                file,
                line,
                format!("Include {arg}: not followed (text audit)"),
            );
            return;
        }
        let paths = match expand_glob(&pattern, &self.resolver.roots) {
            Ok(p) => p,
            Err(_) => {
                sink.errors.push((
                    file.to_string(),
                    format!("line {line}: Include {arg}: outside the scanned root, not read"),
                ));
                return;
            }
        };
        for path in paths {
            let display = self.resolver.display(&path);
            match self.resolver.read(&path) {
                Ok((canonical, text)) => {
                    if self.stack.len() > MAX_INCLUDE_DEPTH || self.stack.contains(&canonical) {
                        if self.loops.insert((file.to_string(), line)) {
                            sink.warn(file, line, format!("Include {arg}: include loop (skipped)"));
                        }
                        continue;
                    }
                    match self.budget.charge(text.len()) {
                        Ok(true) => {}
                        Ok(false) => return,
                        Err(reason) => {
                            sink.errors.push((file.to_string(), reason));
                            return;
                        }
                    }
                    sink.included.push((canonical.clone(), display.clone()));
                    self.stack.push(canonical);
                    self.parse_into(config, &text, &display, in_match.clone(), sink);
                    self.stack.pop();
                }
                Err(ConfigError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    // sshd itself ignores a missing include; the rest is still audited.
                    sink.warn(
                        file,
                        line,
                        format!("Include {arg}: no such file (not audited)"),
                    );
                }
                Err(err) => sink.errors.push((display, err.reason())),
            }
        }
    }
}

const WEAK_CIPHERS: &[&str] = &["cbc", "arcfour", "3des", "blowfish", "cast128", "rc4"];
const WEAK_MACS: &[&str] = &["md5", "sha1", "umac-64", "ripemd", "-96"];
const WEAK_KEX: &[&str] = &[
    "group1-sha1",
    "group14-sha1",
    "group-exchange-sha1",
    "gss-gex-sha1",
];

/// Runs the sshd rules over a loaded configuration.
pub fn audit(config: &SshConfig, sink: &mut Sink) {
    let main = config.main_file.clone();
    let none = Pos::default();
    // Directives in Match blocks can loosen the global policy for some users or addresses:
    // check them too, with the block named in the message.
    let at = |d: &SshDirective| match &d.in_match {
        Some(m) => format!(" (in `Match {m}`)"),
        None => String::new(),
    };
    let value = |d: &SshDirective| d.args[0].to_ascii_lowercase();
    let scoped = |key: &str| -> Vec<&SshDirective> {
        let mut v: Vec<&SshDirective> = config.global(key).into_iter().collect();
        v.extend(
            config
                .directives
                .iter()
                .filter(|d| d.in_match.is_some() && d.key == key),
        );
        v
    };

    // SSH001 root login
    if config.global("permitrootlogin").is_none()
        && let Some(f) = sink.hit(
            &SSH_ROOT_LOGIN,
            &main,
            none,
            "PermitRootLogin is not set: root may log in with a key (prohibit-password)",
        )
    {
        f.severity = Severity::Low;
    }
    for d in scoped("permitrootlogin") {
        let v = value(d);
        if v == "yes" {
            sink.hit(
                &SSH_ROOT_LOGIN,
                &d.file,
                d.pos,
                format!(
                    "PermitRootLogin yes: root may log in with a password{}",
                    at(d)
                ),
            );
        } else if (v == "prohibit-password"
            || v == "without-password"
            || v == "forced-commands-only")
            && let Some(f) = sink.hit(
                &SSH_ROOT_LOGIN,
                &d.file,
                d.pos,
                format!(
                    "PermitRootLogin {v}: root may still log in with a key{}",
                    at(d)
                ),
            )
        {
            f.severity = Severity::Low;
        }
    }

    // SSH002 passwords
    if config.global("passwordauthentication").is_none() {
        sink.hit(
            &SSH_PASSWORD_AUTH,
            &main,
            none,
            "PasswordAuthentication is not set and defaults to yes",
        );
    }
    for d in scoped("passwordauthentication") {
        if value(d) == "yes" {
            sink.hit(
                &SSH_PASSWORD_AUTH,
                &d.file,
                d.pos,
                format!("PasswordAuthentication yes{}", at(d)),
            );
        }
    }

    // SSH003 keyboard-interactive (ChallengeResponseAuthentication is its old name)
    // Keyboard-interactive prompts for passwords through PAM; with `UsePAM no` (OpenSSH's own
    // default) there is no PAM conversation on Linux, so the setting has no effect.
    let kbd = config.global("kbdinteractiveauthentication").cloned();
    let use_pam = config.global("usepam").is_some_and(|d| value(d) == "yes");
    match kbd {
        _ if !use_pam => {}
        None => {
            sink.hit(
                &SSH_KBD_INTERACTIVE,
                &main,
                none,
                "KbdInteractiveAuthentication is not set and defaults to yes (PAM passwords)",
            );
        }
        Some(d) if value(&d) == "yes" => {
            sink.hit(
                &SSH_KBD_INTERACTIVE,
                &d.file,
                d.pos,
                "KbdInteractiveAuthentication (ChallengeResponseAuthentication) yes allows password prompts through PAM",
            );
        }
        _ => {}
    }

    // SSH004 empty passwords
    for d in scoped("permitemptypasswords") {
        if value(d) == "yes" {
            sink.hit(
                &SSH_EMPTY_PASSWORDS,
                &d.file,
                d.pos,
                format!("PermitEmptyPasswords yes{}", at(d)),
            );
        }
    }

    // SSH005 MaxAuthTries
    match config.global("maxauthtries") {
        None => {
            sink.hit(
                &SSH_MAX_AUTH_TRIES,
                &main,
                none,
                "MaxAuthTries is not set and defaults to 6",
            );
        }
        Some(d) => {
            if d.args[0].parse::<u32>().is_ok_and(|n| n > 4) {
                sink.hit(
                    &SSH_MAX_AUTH_TRIES,
                    &d.file,
                    d.pos,
                    format!("MaxAuthTries {} (keep it at 4 or fewer)", d.args[0]),
                );
            }
        }
    }

    // SSH006 forwarding
    for key in [
        "x11forwarding",
        "allowagentforwarding",
        "allowtcpforwarding",
    ] {
        let global = config.global(key);
        if global.is_none() && key != "x11forwarding" {
            sink.hit(
                &SSH_FORWARDING,
                &main,
                none,
                format!(
                    "{} is not set and defaults to yes",
                    if key == "allowagentforwarding" {
                        "AllowAgentForwarding"
                    } else {
                        "AllowTcpForwarding"
                    }
                ),
            );
        }
        for d in scoped(key) {
            let v = value(d);
            if v == "yes" || v == "all" || v == "local" || v == "remote" {
                sink.hit(
                    &SSH_FORWARDING,
                    &d.file,
                    d.pos,
                    format!("{} {}{}", d.key, d.args[0], at(d)),
                );
            }
        }
    }

    // SSH007 LoginGraceTime
    match config.global("logingracetime") {
        None => {
            sink.hit(
                &SSH_LOGIN_GRACE_TIME,
                &main,
                none,
                "LoginGraceTime is not set and defaults to 120 seconds",
            );
        }
        Some(d) => match parse_time(&d.args[0]) {
            Some(0) => {
                sink.hit(
                    &SSH_LOGIN_GRACE_TIME,
                    &d.file,
                    d.pos,
                    "LoginGraceTime 0: unauthenticated connections are never dropped",
                );
            }
            Some(n) if n > 60 => {
                sink.hit(
                    &SSH_LOGIN_GRACE_TIME,
                    &d.file,
                    d.pos,
                    format!(
                        "LoginGraceTime {} ({n} s; keep it at 60 s or less)",
                        d.args[0]
                    ),
                );
            }
            _ => {}
        },
    }

    // SSH008 ClientAlive*
    match config.global("clientaliveinterval") {
        None => {
            sink.hit(
                &SSH_CLIENT_ALIVE,
                &main,
                none,
                "ClientAliveInterval is not set: idle sessions never time out",
            );
        }
        Some(d) => {
            let interval = parse_time(&d.args[0]).unwrap_or(0);
            let count = config
                .global("clientalivecountmax")
                .and_then(|c| c.args[0].parse::<u64>().ok())
                .unwrap_or(3);
            if interval == 0 || count == 0 {
                sink.hit(
                    &SSH_CLIENT_ALIVE,
                    &d.file,
                    d.pos,
                    "ClientAliveInterval 0 / ClientAliveCountMax 0: idle sessions never time out",
                );
            } else if interval.saturating_mul(count) > 1800 {
                sink.hit(
                    &SSH_CLIENT_ALIVE,
                    &d.file,
                    d.pos,
                    format!(
                        "idle sessions last {} s (ClientAliveInterval × ClientAliveCountMax); keep it under 30 minutes",
                        interval.saturating_mul(count)
                    ),
                );
            }
        }
    }

    // SSH009 AllowUsers / AllowGroups
    if config.global("allowusers").is_none() && config.global("allowgroups").is_none() {
        sink.hit(
            &SSH_NO_ALLOW_LIST,
            &main,
            none,
            "neither AllowUsers nor AllowGroups is set: every account with a shell may log in",
        );
    }

    // SSH010 default port
    let ports: Vec<&SshDirective> = config
        .directives
        .iter()
        .filter(|d| d.in_match.is_none() && d.key == "port")
        .collect();
    if ports.is_empty() {
        sink.hit(
            &SSH_DEFAULT_PORT,
            &main,
            none,
            "Port is not set: sshd listens on port 22",
        );
    }
    for d in ports {
        if d.args[0] == "22" {
            sink.hit(&SSH_DEFAULT_PORT, &d.file, d.pos, "Port 22 (the default)");
        }
    }

    // SSH011 weak algorithms
    for (key, weak) in [
        ("ciphers", WEAK_CIPHERS),
        ("macs", WEAK_MACS),
        ("kexalgorithms", WEAK_KEX),
    ] {
        for d in scoped(key) {
            let list = d.args.join(",");
            let list = list.trim_start_matches(['+', '^']);
            if d.args[0].starts_with('-') {
                continue; // removing algorithms only makes the set stronger
            }
            let bad: Vec<&str> = list
                .split(',')
                .filter(|a| {
                    let a = a.to_ascii_lowercase();
                    weak.iter().any(|w| a.contains(w))
                })
                .collect();
            if !bad.is_empty() {
                sink.hit(
                    &SSH_WEAK_CRYPTO,
                    &d.file,
                    d.pos,
                    format!(
                        "{} enables weak algorithms: {}{}",
                        d.key,
                        bad.join(", "),
                        at(d)
                    ),
                );
            }
        }
    }
}
