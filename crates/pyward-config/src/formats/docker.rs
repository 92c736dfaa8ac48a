//! Dockerfiles: logical instructions (continuation lines joined, comments dropped) with the line
//! each starts on, grouped into build stages.

use std::collections::BTreeMap;
use std::path::Path;

use crate::formats::app::{self, Where};
use crate::rules::*;
use crate::source::{Pos, Roots, Sink};
use crate::util::{image_parts, secret, shell_words};

#[derive(Debug, Clone)]
pub struct Instruction {
    /// Upper-cased keyword: `FROM`, `RUN`, …
    pub keyword: String,
    /// The rest of the instruction, continuation lines joined with a space.
    pub rest: String,
    pub pos: Pos,
}

/// Splits a Dockerfile into instructions. Heredoc bodies are skipped; lines that are not
/// instructions are reported as warnings and skipped.
pub fn parse(text: &str, file: &str, sink: &mut Sink) -> Vec<Instruction> {
    let mut out: Vec<Instruction> = Vec::new();
    let mut current: Option<Instruction> = None;
    let mut heredoc: Option<String> = None;
    for (idx, raw) in text.lines().enumerate() {
        if let Some(end) = &heredoc {
            if raw.trim() == end {
                heredoc = None;
            }
            continue;
        }
        let line = raw.trim();
        if line.starts_with('#') {
            continue;
        }
        let (body, continues) = match line.strip_suffix('\\') {
            Some(b) => (b.trim_end(), true),
            None => (line, false),
        };
        match &mut current {
            Some(ins) => {
                if !body.is_empty() {
                    ins.rest.push(' ');
                    ins.rest.push_str(body);
                }
            }
            None => {
                if body.is_empty() {
                    continue;
                }
                let indent = raw.len() - raw.trim_start().len();
                let (kw, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
                if !kw.chars().all(|c| c.is_ascii_alphabetic()) {
                    sink.warn(file, idx + 1, "not a Dockerfile instruction (line skipped)");
                    continue;
                }
                current = Some(Instruction {
                    keyword: kw.to_ascii_uppercase(),
                    rest: rest.trim().to_string(),
                    pos: Pos::new(idx + 1, indent + 1, kw.len()),
                });
            }
        }
        if let Some(pos) = body.find("<<") {
            let tag = body[pos + 2..]
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(['"', '\'']);
            if !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                heredoc = Some(tag.to_string());
            }
        }
        if !continues {
            out.extend(current.take());
        }
    }
    out.extend(current.take());
    out
}

/// The words of a shell- or exec-form instruction argument.
pub fn command_words(rest: &str) -> Vec<String> {
    let t = rest.trim();
    if t.starts_with('[')
        && let Ok(v) = serde_json::from_str::<Vec<String>>(t)
    {
        return v;
    }
    shell_words(t)
}

/// `KEY=value KEY2=value` or the legacy `KEY value` form.
fn env_pairs(rest: &str) -> Vec<(String, String)> {
    let words = shell_words(rest);
    if words.first().is_some_and(|w| !w.contains('=')) {
        let key = words[0].clone();
        return vec![(key, words[1..].join(" "))];
    }
    words
        .into_iter()
        .filter_map(|w| {
            w.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

/// A build stage: its name, its last `USER` (and where), and its base image.
type Stage = (Option<String>, Option<(String, Pos)>, String);

pub fn audit(path: Option<&Path>, roots: &Roots, text: &str, file: &str, sink: &mut Sink) {
    let instructions = parse(text, file, sink);
    let mut args: BTreeMap<String, String> = BTreeMap::new();
    let mut stage_names: Vec<String> = Vec::new();
    // (stage name, user of the stage, base)
    let mut stages: Vec<Stage> = Vec::new();
    let mut last_from: Option<Pos> = None;
    // Tagged base images without a digest: reported once per file (this is a recommendation,
    // and one finding per `FROM` drowned the rest of the output).
    let mut unpinned: Vec<(String, String, Pos)> = Vec::new();

    for ins in &instructions {
        let pos = ins.pos;
        match ins.keyword.as_str() {
            "ARG" => {
                for (k, v) in env_pairs(&ins.rest) {
                    if let Some(kind) = secret(&k, &v) {
                        sink.hit(
                            &DKR_SECRET,
                            file,
                            pos,
                            format!(
                                "ARG {k} holds {}: build args are kept in the image history",
                                kind.describe()
                            ),
                        );
                    }
                    if stages.is_empty() {
                        args.insert(k, v);
                    }
                }
                if !ins.rest.contains('=') {
                    // `ARG NAME` without a default
                }
            }
            "FROM" => {
                last_from = Some(pos);
                let words: Vec<String> = shell_words(&ins.rest)
                    .into_iter()
                    .filter(|w| !w.starts_with("--"))
                    .collect();
                let image = substitute(words.first().map(String::as_str).unwrap_or(""), &args);
                let name = match (words.get(1), words.get(2)) {
                    (Some(a), Some(n)) if a.eq_ignore_ascii_case("as") => Some(n.to_string()),
                    _ => None,
                };
                let is_stage = stage_names.iter().any(|s| s.eq_ignore_ascii_case(&image));
                if !is_stage && image != "scratch" && !image.contains('$') {
                    let (repo, tag, digest) = image_parts(&image);
                    if digest.is_none() {
                        match tag {
                            None | Some("latest") => {
                                sink.hit(
                                    &DKR_LATEST_IMAGE,
                                    file,
                                    pos,
                                    format!(
                                        "base image `{image}` is {}: builds are not reproducible",
                                        if tag.is_none() {
                                            "untagged (latest)"
                                        } else {
                                            "`:latest`"
                                        }
                                    ),
                                );
                            }
                            Some(tag) => {
                                let hex =
                                    tag.len() == 64 && tag.chars().all(|c| c.is_ascii_hexdigit());
                                if let Some(base) = repo.strip_suffix(":sha256").filter(|_| hex) {
                                    // `name:sha256:<hex>`: a digest written with `:` instead
                                    // of `@`, which Docker refuses as a reference.
                                    sink.hit(
                                        &DKR_UNPINNED_DIGEST,
                                        file,
                                        pos,
                                        format!("base image `{base}:sha256:…` is not a valid digest reference: write it as {base}@sha256:…"),
                                    );
                                } else {
                                    unpinned.push((image.clone(), repo.to_string(), pos));
                                }
                            }
                        }
                    }
                }
                // A stage built on an earlier stage inherits its USER.
                let inherited = stages
                    .iter()
                    .rev()
                    .find(|(n, _, _)| n.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(&image)))
                    .and_then(|(_, u, _)| u.clone());
                if let Some(n) = &name {
                    stage_names.push(n.clone());
                }
                stages.push((name, inherited, image));
            }
            "USER" => {
                let user = ins.rest.split_whitespace().next().unwrap_or("").to_string();
                if let Some(stage) = stages.last_mut() {
                    stage.1 = Some((user, pos));
                }
            }
            "ENV" => {
                for (k, v) in env_pairs(&ins.rest) {
                    if let Some(kind) = secret(&k, &v) {
                        sink.hit(
                            &DKR_SECRET,
                            file,
                            pos,
                            format!(
                                "ENV {k} holds {}: it is baked into every layer",
                                kind.describe()
                            ),
                        );
                    }
                    app::check_env(sink, file, pos, &k, &v);
                }
            }
            "ADD" => {
                let words = command_words(&ins.rest);
                if words
                    .iter()
                    .filter(|w| !w.starts_with("--"))
                    .any(|w| w.starts_with("http://") || w.starts_with("https://"))
                {
                    sink.hit(
                        &DKR_ADD_URL,
                        file,
                        pos,
                        "ADD fetches a remote URL without checksum verification",
                    );
                }
            }
            "EXPOSE"
                if ins
                    .rest
                    .split_whitespace()
                    .any(|p| p.split('/').next() == Some("22")) =>
            {
                sink.hit(
                    &DKR_EXPOSE_SSH,
                    file,
                    pos,
                    "EXPOSE 22: an SSH server in a container",
                );
            }
            "RUN" => run_rules(path, roots, &ins.rest, file, pos, sink),
            "CMD" | "ENTRYPOINT" => {
                app::check_command(sink, file, pos, &command_words(&ins.rest), Where::Container);
            }
            _ => {}
        }
    }

    if let Some((image, repo, pos)) = unpinned.first() {
        let more = match unpinned.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more base image in this file)".to_string(),
            n => format!(" (and {n} more base images in this file)"),
        };
        sink.hit(
            &DKR_UNPINNED_DIGEST,
            file,
            *pos,
            format!("base image `{image}` is not pinned by digest ({repo}@sha256:…){more}"),
        );
    }
    if let Some(from) = last_from {
        let (_, user, _) = stages
            .last()
            .cloned()
            .unwrap_or((None, None, String::new()));
        match user {
            None => {
                sink.hit(
                    &DKR_ROOT_USER,
                    file,
                    from,
                    "the final stage has no USER instruction: the container runs as root",
                );
            }
            Some((u, pos)) => {
                let name = u.split(':').next().unwrap_or("");
                if name == "root" || name == "0" {
                    sink.hit(
                        &DKR_ROOT_USER,
                        file,
                        pos,
                        format!("the last USER is `{u}`: the container runs as root"),
                    );
                }
            }
        }
    }
}

fn substitute(word: &str, args: &BTreeMap<String, String>) -> String {
    let mut out = word.to_string();
    for (k, v) in args {
        if v.is_empty() {
            continue;
        }
        out = out
            .replace(&format!("${{{k}}}"), v)
            .replace(&format!("${k}"), v);
    }
    out
}

/// DKR010: a password set from a literal (`echo "root:pw" | chpasswd`, `passwd --stdin`,
/// `usermod -p`). Returns the account, never the password.
fn literal_password(rest: &str) -> Option<String> {
    for segment in rest
        .split("&&")
        .flat_map(|s| s.split(';'))
        .flat_map(|s| s.split("||"))
    {
        let stages: Vec<&str> = segment.split('|').collect();
        for pair in stages.windows(2) {
            let left = shell_words(pair[0]);
            let right = shell_words(pair[1]);
            let Some(cmd) = right.first().map(|w| w.rsplit('/').next().unwrap_or(w)) else {
                continue;
            };
            let feeder = left.first().is_some_and(|w| w == "echo" || w == "printf");
            let literal: Vec<&String> = left
                .iter()
                .skip(1)
                .filter(|w| !w.starts_with('-'))
                .collect();
            if !feeder || literal.is_empty() || literal.iter().any(|w| w.contains('$')) {
                continue;
            }
            match cmd {
                "chpasswd" => {
                    let user = literal[0].split(':').next().unwrap_or("").to_string();
                    if literal[0].contains(':') {
                        return Some(user);
                    }
                }
                "passwd" => {
                    let user = right
                        .iter()
                        .skip(1)
                        .rfind(|w| !w.starts_with('-'))
                        .cloned()
                        .unwrap_or_else(|| "root".into());
                    return Some(user);
                }
                _ => {}
            }
        }
        let words = shell_words(segment);
        if let Some(cmd) = words.first().map(|w| w.rsplit('/').next().unwrap_or(w))
            && (cmd == "usermod" || cmd == "useradd")
            && let Some(i) = words.iter().position(|w| w == "-p" || w == "--password")
            && words.get(i + 1).is_some_and(|p| {
                !p.contains('$')
                    || p.starts_with("$6$")
                    || p.starts_with("$1$")
                    || p.starts_with("$5$")
                    || p.starts_with("$y$")
            })
        {
            return Some(words.last().cloned().unwrap_or_default());
        }
    }
    None
}

fn run_rules(
    path: Option<&Path>,
    roots: &Roots,
    rest: &str,
    file: &str,
    pos: Pos,
    sink: &mut Sink,
) {
    if let Some(user) = literal_password(rest) {
        let user = crate::source::quote_token(&user).unwrap_or("an account");
        sink.hit(
            &DKR_LITERAL_PASSWORD,
            file,
            pos,
            format!("this RUN line sets the password of `{user}` from a literal in the Dockerfile"),
        );
    }
    let cmd = rest.to_string();
    // Split into simple commands on `&&`, `;` and `||` to look at pipes.
    for part in cmd
        .split("&&")
        .flat_map(|p| p.split(';'))
        .flat_map(|p| p.split("||"))
    {
        let stages: Vec<&str> = part.split('|').collect();
        if stages.len() >= 2 {
            let fetch = stages[..stages.len() - 1]
                .iter()
                .any(|s| s.contains("curl ") || s.contains("wget "));
            let shell = stages[1..].iter().any(|s| {
                let w = shell_words(s);
                w.first().is_some_and(|c| {
                    let c = c.rsplit('/').next().unwrap_or(c);
                    matches!(
                        c,
                        "sh" | "bash" | "zsh" | "dash" | "ksh" | "python" | "python3"
                    ) || (c == "sudo" && w.len() > 1)
                })
            });
            if fetch && shell {
                sink.hit(
                    &DKR_CURL_PIPE_SH,
                    file,
                    pos,
                    "a downloaded script is piped straight into a shell",
                );
            }
        }
        let words = shell_words(part);
        if words.first().is_some_and(|w| w == "chmod") {
            let modes: Vec<&String> = words[1..].iter().filter(|w| !w.starts_with('-')).collect();
            if let Some(mode) = modes.first()
                && (mode.ends_with("777")
                    || mode.ends_with("666")
                    || mode.contains("o+w")
                    || mode.contains("a+w")
                    || *mode == "+w")
            {
                sink.hit(
                    &DKR_CHMOD_777,
                    file,
                    pos,
                    format!("chmod {mode} makes files writable by every user"),
                );
            }
        }
        // pip install -r FILE without --require-hashes, when FILE carries hashes
        if let Some(at) = words
            .iter()
            .position(|w| w == "pip" || w == "pip3" || w.ends_with("/pip"))
        {
            let args = &words[at + 1..];
            let is_install = args.first().is_some_and(|a| a == "install");
            let hashed = args.iter().any(|a| a == "--require-hashes");
            if is_install && !hashed {
                let reqs: Vec<&String> = args
                    .windows(2)
                    .filter(|w| w[0] == "-r" || w[0] == "--requirement")
                    .map(|w| &w[1])
                    .collect();
                for req in reqs {
                    let base = req.rsplit('/').next().unwrap_or(req);
                    let has_hashes = path.and_then(|p| p.parent()).is_some_and(|dir| {
                        [dir.join(req.trim_start_matches("./")), dir.join(base)]
                            .iter()
                            .filter_map(|p| roots.read(p).ok())
                            .map(|(_, t)| t)
                            .any(|t| t.contains("--hash="))
                    });
                    if has_hashes {
                        sink.hit(
                            &DKR_PIP_NO_HASHES,
                            file,
                            pos,
                            format!("pip install -r {req} without --require-hashes, though {req} carries hashes"),
                        );
                    }
                }
            }
        }
        app::check_command(sink, file, pos, &words, Where::Container);
    }
}
