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

/// A build stage: its name, its last `USER` (and where), and what tells whether a root image
/// drops privileges at run time. A stage built `FROM` an earlier stage starts as a copy of it.
#[derive(Debug, Clone, Default)]
struct Stage {
    name: Option<String>,
    user: Option<(String, Pos)>,
    /// Current `WORKDIR` (absolute, `/` when unset).
    workdir: String,
    /// `COPY`/`ADD` from the build context: (sources, absolute destination).
    copies: Vec<(Vec<String>, String)>,
    /// A `RUN`, `ENTRYPOINT` or `CMD` runs a command through a privilege-dropping tool.
    drops: bool,
    /// Words of the last `ENTRYPOINT` and `CMD`.
    entrypoint: Vec<String>,
    cmd: Vec<String>,
}

pub fn audit(path: Option<&Path>, roots: &Roots, text: &str, file: &str, sink: &mut Sink) {
    let instructions = parse(text, file, sink);
    let mut args: BTreeMap<String, String> = BTreeMap::new();
    // ARG and ENV values of every stage, to resolve paths in COPY/WORKDIR/ENTRYPOINT.
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
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
                        crate::util::mark_secret(
                            sink.hit(
                                &DKR_SECRET,
                                file,
                                pos,
                                format!(
                                    "ARG {k} holds {}: build args are kept in the image history",
                                    kind.describe()
                                ),
                            ),
                            &v,
                            kind,
                        );
                    }
                    if !v.is_empty() {
                        vars.insert(k.clone(), v.clone());
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
                let mut stage = stages
                    .iter()
                    .rev()
                    .find(|s| {
                        s.name
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(&image))
                    })
                    .cloned()
                    .unwrap_or_else(|| Stage {
                        workdir: "/".into(),
                        ..Stage::default()
                    });
                if let Some(n) = &name {
                    stage_names.push(n.clone());
                }
                stage.name = name;
                stages.push(stage);
            }
            "USER" => {
                let user = ins.rest.split_whitespace().next().unwrap_or("").to_string();
                if let Some(stage) = stages.last_mut() {
                    stage.user = Some((user, pos));
                }
            }
            "WORKDIR" => {
                if let Some(stage) = stages.last_mut() {
                    let dir = substitute(ins.rest.trim().trim_matches('"'), &vars);
                    stage.workdir = in_dir(&stage.workdir, &dir);
                }
            }
            "COPY" | "ADD" => {
                let words = command_words(&ins.rest);
                if ins.keyword == "ADD"
                    && words
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
                let from_stage = words.iter().any(|w| w.starts_with("--from"));
                let words: Vec<String> = words
                    .into_iter()
                    .filter(|w| !w.starts_with("--"))
                    .map(|w| substitute(&w, &vars))
                    .collect();
                if let (Some(stage), false, Some((dest, sources))) =
                    (stages.last_mut(), from_stage, words.split_last())
                    && !sources.is_empty()
                {
                    let mut dest = in_dir(&stage.workdir, dest);
                    if words.len() > 2 || words.last().is_some_and(|d| d.ends_with('/')) {
                        dest.push('/');
                    }
                    stage.copies.push((sources.to_vec(), dest));
                }
            }
            "ENV" => {
                for (k, v) in env_pairs(&ins.rest) {
                    if !v.is_empty() {
                        vars.insert(k.clone(), v.clone());
                    }
                    if let Some(kind) = secret(&k, &v) {
                        crate::util::mark_secret(
                            sink.hit(
                                &DKR_SECRET,
                                file,
                                pos,
                                format!(
                                    "ENV {k} holds {}: it is baked into every layer",
                                    kind.describe()
                                ),
                            ),
                            &v,
                            kind,
                        );
                    }
                    app::check_env(sink, file, pos, &k, &v);
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
            "RUN" => {
                if let Some(stage) = stages.last_mut()
                    && drops_privileges(&ins.rest)
                {
                    stage.drops = true;
                }
                run_rules(path, roots, &ins.rest, file, pos, sink)
            }
            "CMD" | "ENTRYPOINT" => {
                let words = command_words(&ins.rest);
                if let Some(stage) = stages.last_mut() {
                    if drops_privileges(&words.join(" ")) {
                        stage.drops = true;
                    }
                    if ins.keyword == "CMD" {
                        stage.cmd = words.clone();
                    } else {
                        stage.entrypoint = words.clone();
                    }
                }
                app::check_command(sink, file, pos, &words, Where::Container);
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
        let last = stages.last().cloned().unwrap_or_default();
        // Images that start as root and drop to another user in their entrypoint (gosu,
        // su-exec, s6-setuidgid…), as the official database images do, do not run as root.
        let dropped = || last.drops || entrypoint_drops(path, roots, &last, &vars);
        match last.user {
            None if dropped() => {}
            Some((ref u, _)) if matches!(u.split(':').next(), Some("root" | "0")) && dropped() => {}
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

/// A chmod mode that sets the sticky bit (`1777`, `+t`, `a+rwxt`): the `/tmp` pattern, where
/// every user may create files but only remove their own. Images meant to run under arbitrary
/// UIDs need it on their runtime and cache directories.
fn sticky(mode: &str) -> bool {
    if mode.len() == 4 && mode.chars().all(|c| c.is_ascii_digit() && c < '8') {
        return mode.as_bytes()[0].wrapping_sub(b'0') & 1 == 1;
    }
    mode.split(',').any(|clause| {
        clause
            .split_once(['+', '='])
            .is_some_and(|(_, p)| p.contains('t'))
    })
}

/// `dir` resolved against the working directory `cwd`, lexically normalised.
fn in_dir(cwd: &str, dir: &str) -> String {
    let joined = if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("{}/{dir}", cwd.trim_end_matches('/'))
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Tools that run a command as another user, and the options that name the user when it is not
/// the first operand.
const DROP_TOOLS: &[&str] = &[
    "gosu",
    "su-exec",
    "s6-setuidgid",
    "setuidgid",
    "setpriv",
    "chroot",
    "runuser",
];

/// Whether shell text runs a command through a tool that drops root privileges to a user other
/// than root (`exec gosu app "$@"`, `su-exec app …`, `setpriv --reuid=1000 …`,
/// `chroot --userspec=app / …`, `runuser -u app -- …`). Mentions in package lists
/// (`apt-get install gosu`) are not runs.
pub fn drops_privileges(text: &str) -> bool {
    text.lines()
        .map(|l| l.split(" #").next().unwrap_or(l).trim())
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| {
            l.split("&&")
                .flat_map(|p| p.split(';'))
                .flat_map(|p| p.split('|'))
                .map(shell_words)
                .collect::<Vec<_>>()
        })
        .any(|words| runs_as_other_user(&words))
}

fn runs_as_other_user(words: &[String]) -> bool {
    // Skip what may precede a command: `exec`, `then`, variable assignments…
    let mut i = 0;
    while let Some(w) = words.get(i) {
        let assignment = w.split_once('=').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if assignment
            || matches!(
                w.as_str(),
                "exec" | "then" | "do" | "else" | "command" | "nohup" | "!" | "{" | "(" | "env"
            )
        {
            i += 1;
        } else {
            break;
        }
    }
    let Some(tool) = words.get(i).map(|w| w.rsplit('/').next().unwrap_or(w)) else {
        return false;
    };
    if !DROP_TOOLS.contains(&tool) {
        return false;
    }
    let args = &words[i + 1..];
    let option = |names: &[&str]| -> Option<String> {
        args.iter().enumerate().find_map(|(j, a)| {
            names.iter().find_map(|n| {
                if a == n {
                    args.get(j + 1).cloned()
                } else {
                    a.strip_prefix(&format!("{n}=")).map(str::to_string)
                }
            })
        })
    };
    let user = match tool {
        "setpriv" => option(&["--reuid"]),
        "chroot" => option(&["--userspec"]),
        "runuser" => option(&["-u", "--user", "-l", "--login"])
            .or_else(|| args.iter().find(|a| !a.starts_with('-')).cloned()),
        _ => args.iter().find(|a| !a.starts_with('-')).cloned(),
    };
    user.is_some_and(|u| !matches!(u.split(':').next(), Some("root" | "0" | "")))
}

/// Whether the script the final stage's `ENTRYPOINT`/`CMD` runs drops privileges: the script
/// must be copied in from the build context and lie inside the scanned tree (the context is
/// looked for in the Dockerfile's directory and up to three parents).
fn entrypoint_drops(
    dockerfile: Option<&Path>,
    roots: &Roots,
    stage: &Stage,
    vars: &BTreeMap<String, String>,
) -> bool {
    let Some(dir) = dockerfile.and_then(Path::parent) else {
        return false;
    };
    let scripts = stage
        .entrypoint
        .iter()
        .chain(&stage.cmd)
        .filter(|w| !w.starts_with('-') && (w.contains('/') || w.ends_with(".sh")))
        .flat_map(|w| {
            let w = substitute(w, vars);
            // A bare name is looked up on PATH (`ENTRYPOINT ["docker-entrypoint.sh"]`).
            let mut paths = vec![in_dir(&stage.workdir, &w)];
            if !w.contains('/') {
                paths.extend(
                    ["/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/bin"]
                        .map(|d| format!("{d}/{w}")),
                );
            }
            paths
        })
        .take(16);
    for script in scripts {
        for (sources, dest) in stage.copies.iter().rev() {
            for src in sources {
                let src = src.trim_start_matches("./").trim_end_matches('/');
                let name = src.rsplit('/').next().unwrap_or(src);
                let mut rels: Vec<String> = Vec::new();
                if !dest.ends_with('/') && script == *dest {
                    rels.push(src.to_string());
                }
                if let Some(rem) = script.strip_prefix(dest.trim_end_matches('/')) {
                    let rem = rem.trim_start_matches('/');
                    if rem == name {
                        rels.push(src.to_string());
                    }
                    if !rem.is_empty() {
                        rels.push(format!("{src}/{rem}"));
                    }
                }
                for rel in rels {
                    if rel.contains("..") || rel.contains('*') || rel.starts_with('/') {
                        continue;
                    }
                    let found = dir
                        .ancestors()
                        .take(4)
                        .filter_map(|ctx| roots.read(&ctx.join(&rel)).ok())
                        .any(|(_, text)| drops_privileges(&text));
                    if found {
                        return true;
                    }
                }
            }
        }
    }
    false
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
                && !sticky(mode)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privilege_drops() {
        for text in [
            "exec gosu app \"$@\"",
            "set -e\nif [ \"$1\" = web ]; then exec su-exec app:app gunicorn x; fi",
            "PAPERLESS_SECRET_KEY=x s6-setuidgid paperless python3 manage.py collectstatic",
            "exec setpriv --reuid=1000 --regid=1000 --init-groups \"$@\"",
            "exec chroot --userspec=app:app / \"$@\"",
            "exec runuser -u app -- \"$@\"",
            "gosu --version && gosu nobody true",
            "exec /usr/local/bin/gosu $PUID \"$BASH_SOURCE\" \"$@\"",
        ] {
            assert!(drops_privileges(text), "{text}");
        }
        for text in [
            "apt-get install -y gosu su-exec",
            "# exec gosu app \"$@\"",
            "exec gosu root \"$@\"",
            "exec su-exec 0 \"$@\"",
            "exec setpriv --no-new-privs \"$@\"",
            "exec chroot /jail /bin/sh",
            "echo gosu app",
            "",
        ] {
            assert!(!drops_privileges(text), "{text}");
        }
    }

    #[test]
    fn sticky_modes() {
        assert!(sticky("1777") && sticky("+t") && sticky("a+rwxt") && sticky("o+w,+t"));
        assert!(!sticky("0777") && !sticky("777") && !sticky("o+w") && !sticky("2777"));
    }

    #[test]
    fn paths_in_workdir() {
        assert_eq!(in_dir("/app", "run.sh"), "/app/run.sh");
        assert_eq!(in_dir("/app", "./docker/../entry.sh"), "/app/entry.sh");
        assert_eq!(in_dir("/app", "/x/y/"), "/x/y");
        assert_eq!(in_dir("/", "../../etc"), "/etc");
    }
}
