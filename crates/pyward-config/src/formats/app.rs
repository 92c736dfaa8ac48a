//! gunicorn / uvicorn settings wherever they appear: command lines (systemd `ExecStart`,
//! Dockerfile `CMD`, compose `command`, Kubernetes `args`, Procfiles), `gunicorn.conf.py`, and
//! environment variables they read.

use crate::rules::{APP_BIND_ALL, APP_FORWARDED_ALL, APP_RELOAD_DEBUG};
use crate::source::{Pos, Sink};
use crate::util::{all_interfaces, shell_words, truthy};

/// Where a command runs. In a container (and on a PaaS routing `$PORT`), binding every
/// interface is how traffic reaches the app, so [`APP_BIND_ALL`] only applies on a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Host,
    Container,
}

const SERVERS: &[&str] = &["gunicorn", "uvicorn", "hypercorn", "daphne", "granian"];

/// Checks one command line, given as words.
pub fn check_command(sink: &mut Sink, file: &str, pos: Pos, words: &[String], place: Where) {
    // `sh -c "gunicorn …"` and friends: split words that hold a whole command.
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| {
            if w.contains(' ') {
                shell_words(w)
            } else {
                vec![w.clone()]
            }
        })
        .collect();
    let base = |w: &str| w.rsplit('/').next().unwrap_or(w).to_string();
    let Some(start) = words.iter().position(|w| {
        let b = base(w);
        SERVERS.contains(&b.as_str()) || b == "flask" || b == "manage.py"
    }) else {
        return;
    };
    let server = base(&words[start]);
    let args = &words[start + 1..];
    if server == "manage.py" {
        if args.first().is_some_and(|a| a == "runserver") {
            sink.hit(
                &APP_RELOAD_DEBUG,
                file,
                pos,
                "Django's development server (`manage.py runserver`) serves production traffic",
            );
        }
        return;
    }
    if server == "flask" {
        if args.iter().any(|a| a == "run") {
            let debug = args.iter().any(|a| a == "--debug" || a == "--reload");
            sink.hit(
                &APP_RELOAD_DEBUG,
                file,
                pos,
                if debug {
                    "`flask run --debug` runs the debugger and reloader in production"
                } else {
                    "`flask run` serves production traffic with the development server"
                },
            );
        }
        return;
    }
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        let value = || inline.clone().or_else(|| args.get(i + 1).cloned());
        match flag {
            "-b" | "--bind" | "--host" | "--bind-address" => {
                if let Some(v) = value() {
                    let host = bind_host(&v);
                    if place == Where::Host && all_interfaces(&host) && !v.starts_with("unix:") {
                        sink.hit(
                            &APP_BIND_ALL,
                            file,
                            pos,
                            format!("{server} binds `{v}`: every interface, not just the proxy's"),
                        );
                    }
                }
            }
            "--forwarded-allow-ips"
                if value().is_some_and(|v| v.split(',').any(|p| p.trim() == "*")) =>
            {
                sink.hit(
                    &APP_FORWARDED_ALL,
                    file,
                    pos,
                    format!(
                        "{server} --forwarded-allow-ips '*' trusts X-Forwarded-* from any client"
                    ),
                );
            }
            "--reload" | "--debug" => {
                sink.hit(
                    &APP_RELOAD_DEBUG,
                    file,
                    pos,
                    format!("{server} {flag} in a production command line"),
                );
            }
            _ => {}
        }
        i += 1;
    }
}

/// The host part of a bind address: `0.0.0.0:8000` → `0.0.0.0`, `[::]:80` → `::`, `8000` → ``.
fn bind_host(bind: &str) -> String {
    let b = bind.trim().trim_matches(['"', '\'']);
    if let Some(rest) = b.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("").to_string();
    }
    if b.chars().all(|c| c.is_ascii_digit()) {
        return "127.0.0.1".to_string(); // a bare port: gunicorn/uvicorn bind localhost
    }
    match b.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) || p.starts_with('$') => {
            h.to_string()
        }
        _ => b.to_string(),
    }
}

/// Checks an environment variable the app servers or frameworks read.
pub fn check_env(sink: &mut Sink, file: &str, pos: Pos, name: &str, value: &str) {
    let upper = name.to_ascii_uppercase();
    let v = value.trim().trim_matches(['"', '\'']);
    if upper == "FORWARDED_ALLOW_IPS" && v.split(',').any(|p| p.trim() == "*") {
        sink.hit(
            &APP_FORWARDED_ALL,
            file,
            pos,
            "FORWARDED_ALLOW_IPS=* makes gunicorn/uvicorn trust X-Forwarded-* from any client",
        );
    }
    if matches!(upper.as_str(), "DEBUG" | "FLASK_DEBUG" | "DJANGO_DEBUG") && truthy(v) {
        sink.hit(
            &APP_RELOAD_DEBUG,
            file,
            pos,
            format!("{name} turns debug mode on"),
        );
    }
}

/// Audits a `gunicorn.conf.py`: simple top-level assignments. `in_container`: a Dockerfile or
/// compose file of the same project runs it, where binding every interface is how the
/// container's published port reaches the app (not a finding).
pub fn audit_gunicorn_conf(sink: &mut Sink, file: &str, text: &str, in_container: bool) {
    for (idx, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if line.len() != trimmed.len() || trimmed.starts_with('#') {
            continue; // only module-level assignments
        }
        let Some((name, value)) = trimmed.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let value = value.split('#').next().unwrap_or("").trim();
        let pos = Pos::new(idx + 1, 1, name.len());
        match name {
            "bind" => {
                for s in quoted_strings(value) {
                    if !in_container && all_interfaces(&bind_host(&s)) && !s.starts_with("unix:") {
                        sink.hit(
                            &APP_BIND_ALL,
                            file,
                            pos,
                            format!("gunicorn binds `{s}`: every interface, not just the proxy's"),
                        );
                    }
                }
            }
            "forwarded_allow_ips"
                if quoted_strings(value)
                    .iter()
                    .any(|s| s.split(',').any(|p| p.trim() == "*")) =>
            {
                sink.hit(
                    &APP_FORWARDED_ALL,
                    file,
                    pos,
                    "forwarded_allow_ips = \"*\" trusts X-Forwarded-* from any client",
                );
            }
            "reload" if (value == "True" || value == "1") => {
                sink.hit(
                    &APP_RELOAD_DEBUG,
                    file,
                    pos,
                    "gunicorn reload = True in a production configuration",
                );
            }
            _ => {}
        }
    }
}

fn quoted_strings(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let s: String = chars.by_ref().take_while(|&x| x != c).collect();
            out.push(s);
        }
    }
    out
}

/// Audits a Procfile: `process: command` lines. A PaaS routes `$PORT` to the dyno, so binding
/// every interface is expected there.
pub fn audit_procfile(sink: &mut Sink, file: &str, text: &str) {
    for (idx, line) in text.lines().enumerate() {
        let Some((name, cmd)) = line.split_once(':') else {
            continue;
        };
        if name.trim().is_empty() || name.trim().starts_with('#') {
            continue;
        }
        let col = name.len() + 2;
        check_command(
            sink,
            file,
            Pos::new(idx + 1, col, cmd.trim().len()),
            &shell_words(cmd),
            Where::Container,
        );
    }
}
