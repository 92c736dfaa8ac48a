//! pip requirements files: `-r`/`-c` nesting, continuations, comments, options, hashes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::markers::Evaluator;
use crate::reqstr::{self, egg_name, name_from_location};
use crate::text::{read_text, safe_excerpt, safe_text};
use crate::{
    DepSource, Dependency, Manifest, ManifestError, ManifestKind, PipOption, Root, Target,
};

/// Nesting deeper than this is reported and not followed.
const MAX_DEPTH: usize = 32;

/// One logical line: continuations joined, comments removed.
struct LogicalLine {
    text: String,
    line: u32,
    column: u32,
}

/// Joins `\` continuations and strips comments. Line numbers are those of the first physical
/// line of each logical line.
fn logical_lines(text: &str) -> Vec<LogicalLine> {
    let mut out = Vec::new();
    let mut current: Option<LogicalLine> = None;
    for (i, raw) in text.lines().enumerate() {
        let lineno = i as u32 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A comment ends the logical line even after a continuation.
        let is_comment = raw.trim_start().starts_with('#');
        let stripped = strip_comment(raw);
        let (content, continues) = match stripped.strip_suffix('\\') {
            Some(c) if !is_comment => (c.to_string(), true),
            _ => (stripped.to_string(), false),
        };
        let entry = current.get_or_insert_with(|| LogicalLine {
            text: String::new(),
            line: lineno,
            column: (raw.len() - raw.trim_start().len()) as u32 + 1,
        });
        if entry.text.trim().is_empty() {
            entry.line = lineno;
            entry.column = (raw.chars().count() - raw.trim_start().chars().count()) as u32 + 1;
        }
        if !entry.text.is_empty() && !content.trim().is_empty() {
            entry.text.push(' ');
        }
        entry.text.push_str(content.trim());
        if !continues
            && let Some(done) = current.take()
            && !done.text.trim().is_empty()
        {
            out.push(done);
        }
    }
    if let Some(done) = current.take()
        && !done.text.trim().is_empty()
    {
        out.push(done);
    }
    out
}

/// Removes a full-line comment or an inline ` #` comment (a `#` at line start or after
/// whitespace), keeping URL fragments such as `#egg=`.
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return line[..i].trim_end();
        }
    }
    line.trim_end()
}

struct Ctx<'a> {
    eval: Evaluator,
    manifest: &'a mut Manifest,
    /// Canonical paths of the files being read, outermost first.
    stack: Vec<PathBuf>,
    /// Files already read once (a diamond include is read only once).
    seen: Vec<(PathBuf, bool)>,
    /// Includes must resolve inside this directory.
    root: Option<&'a Root>,
}

pub(crate) fn parse_requirements_file(
    path: &Path,
    text: &str,
    target: &Target,
    root: Option<&Root>,
) -> Result<Manifest, ManifestError> {
    let mut manifest = Manifest::new(path, ManifestKind::Requirements);
    let mut ctx = Ctx {
        eval: Evaluator::new(target),
        manifest: &mut manifest,
        stack: Vec::new(),
        seen: Vec::new(),
        root,
    };
    let canon = canonical(path);
    ctx.seen.push((canon.clone(), false));
    ctx.stack.push(canon);
    parse_text(&mut ctx, path, text, false);
    Ok(manifest)
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Splits `-r file`, `-rfile`, `--requirement=file`, `--requirement file`.
fn option_value<'a>(line: &'a str, short: Option<&str>, long: &str) -> Option<&'a str> {
    if let Some(rest) = line.strip_prefix(long) {
        if let Some(v) = rest.strip_prefix('=') {
            return Some(v.trim());
        }
        if rest.starts_with(char::is_whitespace) {
            return Some(rest.trim());
        }
        if rest.is_empty() {
            return Some("");
        }
        return None;
    }
    let short = short?;
    let rest = line.strip_prefix(short)?;
    Some(rest.strip_prefix('=').unwrap_or(rest).trim())
}

/// Options that apply to the whole file: (short, long, takes a value).
const GLOBAL_OPTIONS: &[(Option<&str>, &str, bool)] = &[
    (Some("-i"), "--index-url", true),
    (None, "--extra-index-url", true),
    (Some("-f"), "--find-links", true),
    (None, "--trusted-host", true),
    (None, "--no-index", false),
    (None, "--pre", false),
    (None, "--only-binary", true),
    (None, "--no-binary", true),
    (None, "--prefer-binary", false),
    (None, "--require-hashes", false),
    (None, "--use-feature", true),
    (None, "--config-settings", true),
    (None, "--global-option", true),
    (None, "--install-option", true),
    (None, "--hash", true),
];

/// pip-compile's `# via` annotations: entry start line → the names listed.
fn via_annotations(text: &str) -> HashMap<u32, Vec<String>> {
    let mut out: HashMap<u32, Vec<String>> = HashMap::new();
    let mut entry_start: Option<u32> = None;
    let mut continued = false;
    let mut in_via = false;
    for (i, raw) in text.lines().enumerate() {
        let lineno = i as u32 + 1;
        let trimmed = raw.trim();
        if let Some(comment) = trimmed.strip_prefix('#') {
            let body = comment.trim();
            if let Some(rest) = body.strip_prefix("via")
                && (rest.is_empty() || rest.starts_with(char::is_whitespace))
            {
                in_via = entry_start.is_some();
                if let (Some(start), false) = (entry_start, rest.trim().is_empty()) {
                    out.entry(start).or_default().push(rest.trim().to_string());
                }
                continue;
            }
            if in_via && comment.starts_with("   ") && !body.is_empty() {
                if let Some(start) = entry_start {
                    out.entry(start).or_default().push(body.to_string());
                }
                continue;
            }
            in_via = false;
            continue;
        }
        in_via = false;
        if trimmed.is_empty() {
            continued = false;
            continue;
        }
        if !continued {
            entry_start = Some(lineno);
        }
        continued = trimmed.ends_with('\\');
    }
    out
}

/// The input files a compiled requirements file names: `# via -r FILE` / `-c FILE`
/// annotations and the files on the `pip-compile` / `uv pip compile` command in its header.
fn compile_inputs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut header = true;
    for raw in text.lines() {
        let trimmed = raw.trim();
        let Some(comment) = trimmed.strip_prefix('#') else {
            if !trimmed.is_empty() {
                header = false;
            }
            continue;
        };
        let body = comment.trim();
        let body = body.strip_prefix("via").map(str::trim).unwrap_or(body);
        for flag in ["-r ", "-c "] {
            if let Some(file) = body.strip_prefix(flag) {
                out.push(file.trim().to_string());
            }
        }
        if header && (body.starts_with("pip-compile ") || body.starts_with("uv pip compile ")) {
            let mut skip_value = false;
            for word in body.split_whitespace().skip(1) {
                if skip_value {
                    skip_value = false;
                    continue;
                }
                if word.starts_with('-') {
                    // `--output-file X`, `-o X`, `-c X` take a value; `--x=y` carries it.
                    skip_value = !word.contains('=')
                        && matches!(
                            word,
                            "-o" | "--output-file"
                                | "-c"
                                | "--constraint"
                                | "--python-version"
                                | "--index-url"
                                | "-i"
                                | "--extra-index-url"
                                | "--find-links"
                                | "-f"
                                | "--extra"
                                | "--group"
                                | "-p"
                                | "--python"
                        );
                    continue;
                }
                if word.ends_with(".in")
                    || word.ends_with(".txt")
                    || word.ends_with(".toml")
                    || word.ends_with(".cfg")
                    || word.ends_with(".py")
                {
                    out.push(word.to_string());
                }
            }
        }
    }
    out.retain(|f| !f.is_empty() && !f.contains("://"));
    out.sort();
    out.dedup();
    out
}

fn parse_text(ctx: &mut Ctx<'_>, path: &Path, text: &str, constraint: bool) {
    // pip-compile writes the paths as given on its command line, relative to where it ran:
    // the file's directory or one of its parents.
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    for input in compile_inputs(text) {
        for dir in base.ancestors().take(4) {
            let p = dir.join(&input);
            if !ctx.manifest.compiled_from.contains(&p) {
                ctx.manifest.compiled_from.push(p);
            }
        }
    }
    let before = (
        ctx.manifest.dependencies.len(),
        ctx.manifest.skipped_by_marker.len(),
    );
    parse_lines(ctx, path, text, constraint);
    let via = via_annotations(text);
    if via.is_empty() {
        return;
    }
    let deps = ctx.manifest.dependencies[before.0..]
        .iter_mut()
        .chain(ctx.manifest.skipped_by_marker[before.1..].iter_mut());
    for d in deps.filter(|d| d.origin == path) {
        let Some(items) = d.line.and_then(|l| via.get(&l)) else {
            continue;
        };
        let mut parents: Vec<String> = items
            .iter()
            .filter(|x| !x.starts_with('-'))
            .map(|x| crate::normalize_name(x.split_whitespace().next().unwrap_or(x)))
            .collect();
        parents.sort();
        parents.dedup();
        d.direct = items.iter().any(|x| x.starts_with("-r "));
        d.parents = parents;
    }
}

fn parse_lines(ctx: &mut Ctx<'_>, path: &Path, text: &str, constraint: bool) {
    let base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    for ll in logical_lines(text) {
        let line = ll.text.trim();
        if let Some(v) = option_value(line, Some("-r"), "--requirement") {
            include(ctx, path, &base_dir, v, ll.line, constraint);
            continue;
        }
        if let Some(v) = option_value(line, Some("-c"), "--constraint") {
            include(ctx, path, &base_dir, v, ll.line, true);
            continue;
        }
        if let Some(v) = option_value(line, Some("-e"), "--editable") {
            editable(ctx, path, &base_dir, v, &ll, constraint);
            continue;
        }
        if line.starts_with('-') {
            global_option(ctx, path, line, ll.line);
            continue;
        }
        requirement(ctx, path, &base_dir, line, &ll, constraint);
    }
}

fn global_option(ctx: &mut Ctx<'_>, path: &Path, line: &str, lineno: u32) {
    for &(short, long, takes_value) in GLOBAL_OPTIONS {
        let value = if takes_value {
            option_value(line, short, long)
        } else if line == long || short == Some(line) {
            Some("")
        } else {
            None
        };
        let Some(value) = value else { continue };
        let value = value.trim().trim_matches(['"', '\'']);
        if takes_value && value.is_empty() {
            ctx.manifest
                .warn(path, Some(lineno), format!("option `{long}` needs a value"));
            return;
        }
        let name = long.trim_start_matches('-').to_string();
        match name.as_str() {
            "index-url" => {
                // The primary index goes first.
                ctx.manifest.index_urls.retain(|u| u != value);
                ctx.manifest.index_urls.insert(0, value.to_string());
            }
            "extra-index-url" => ctx.manifest.add_index(value),
            "find-links" => ctx.manifest.find_links.push(value.to_string()),
            "trusted-host" => ctx.manifest.trusted_hosts.push(value.to_string()),
            _ => {}
        }
        ctx.manifest.options.push(PipOption {
            name,
            value: takes_value.then(|| value.to_string()),
            origin: path.to_path_buf(),
            line: lineno,
        });
        return;
    }
    ctx.manifest.warn(
        path,
        Some(lineno),
        format!("unrecognised option line `{}`", safe_excerpt(line)),
    );
}

fn include(
    ctx: &mut Ctx<'_>,
    path: &Path,
    base_dir: &Path,
    value: &str,
    lineno: u32,
    constraint: bool,
) {
    let value = value.trim().trim_matches(['"', '\'']);
    let flag = if constraint { "-c" } else { "-r" };
    if value.is_empty() {
        ctx.manifest
            .error(path, Some(lineno), format!("`{flag}` without a file name"));
        return;
    }
    let shown = safe_text(value, 120);
    if value.contains("://") {
        ctx.manifest.error(
            path,
            Some(lineno),
            format!("remote requirements file `{shown}` is not fetched, not audited"),
        );
        return;
    }
    let target = base_dir.join(value);
    let Some(root) = ctx.root else {
        ctx.manifest.error(
            path,
            Some(lineno),
            format!("`{flag} {shown}`: no scanned root to resolve it in, not read"),
        );
        return;
    };
    // Canonicalised and confined: `-r ../../home/.git-credentials` or `-r /etc/passwd` is
    // refused before anything is opened.
    let absolute = std::path::absolute(&target).unwrap_or_else(|_| target.clone());
    let canon = match root.confine(&absolute) {
        Ok(c) => c,
        Err(e) => {
            ctx.manifest.error(
                path,
                Some(lineno),
                format!("`{flag} {shown}`: {}", e.reason()),
            );
            return;
        }
    };
    if let Some(pos) = ctx.stack.iter().position(|p| *p == canon) {
        let cycle: Vec<String> = ctx.stack[pos..]
            .iter()
            .chain(std::iter::once(&canon))
            .map(|p| p.display().to_string())
            .collect();
        ctx.manifest.warn(
            path,
            Some(lineno),
            format!("requirements include cycle: {}", cycle.join(" -> ")),
        );
        return;
    }
    if ctx
        .seen
        .iter()
        .any(|(p, c)| *p == canon && *c == constraint)
    {
        return;
    }
    if ctx.stack.len() >= MAX_DEPTH {
        ctx.manifest.error(
            path,
            Some(lineno),
            format!("requirements nesting deeper than {MAX_DEPTH}: `{shown}` not read"),
        );
        return;
    }
    // The canonical path is opened: no symlink in it, a FIFO or device is refused.
    let text = match read_text(&canon) {
        Ok(t) => t,
        Err(e) => {
            let reason = match &e {
                ManifestError::Io { source, .. } => source.to_string(),
                ManifestError::Refused { reason, .. } => reason.clone(),
                other => other.to_string(),
            };
            ctx.manifest.error(
                path,
                Some(lineno),
                format!("`{flag} {shown}`: {reason}, not read"),
            );
            return;
        }
    };
    ctx.seen.push((canon.clone(), constraint));
    ctx.stack.push(canon);
    parse_text(ctx, &target, &text, constraint);
    ctx.stack.pop();
}

/// Splits per-requirement options (`--hash=...`, `--config-settings ...`) off a line.
fn split_requirement_options(line: &str) -> (&str, Vec<(String, String)>) {
    let mut cut = line.len();
    let bytes = line.as_bytes();
    for i in 1..bytes.len().saturating_sub(1) {
        if bytes[i - 1].is_ascii_whitespace() && bytes[i] == b'-' && bytes[i + 1] == b'-' {
            cut = i;
            break;
        }
    }
    let (req, rest) = line.split_at(cut);
    let mut opts = Vec::new();
    let mut tokens = rest.split_whitespace().peekable();
    while let Some(tok) = tokens.next() {
        let Some(opt) = tok.strip_prefix("--") else {
            continue;
        };
        let (name, value) = match opt.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => {
                let v = match tokens.peek() {
                    Some(next) if !next.starts_with("--") => tokens.next().unwrap_or_default(),
                    _ => "",
                };
                (opt.to_string(), v.to_string())
            }
        };
        opts.push((name, value));
    }
    (req.trim(), opts)
}

fn finish(
    ctx: &mut Ctx<'_>,
    mut dep: Dependency,
    applies: bool,
    ll: &LogicalLine,
    path: &Path,
    constraint: bool,
) {
    dep.line = Some(ll.line);
    dep.column = Some(ll.column);
    dep.origin = path.to_path_buf();
    dep.direct = !constraint;
    if constraint {
        ctx.manifest.constraints.push(dep);
    } else {
        crate::push_dep(ctx.manifest, dep, applies);
    }
}

fn requirement(
    ctx: &mut Ctx<'_>,
    path: &Path,
    base_dir: &Path,
    line: &str,
    ll: &LogicalLine,
    constraint: bool,
) {
    let (req, opts) = split_requirement_options(line);
    match reqstr::parse_requirement(req, base_dir, path, &ctx.eval) {
        Ok(parsed) => {
            let mut dep = parsed.dep;
            for (name, value) in opts {
                match name.as_str() {
                    "hash" if !value.is_empty() => dep.hashes.push(value),
                    "hash" | "config-settings" | "global-option" | "install-option" => {}
                    other => ctx.manifest.warn(
                        path,
                        Some(ll.line),
                        format!("unknown per-requirement option `--{other}`"),
                    ),
                }
            }
            finish(ctx, dep, parsed.applies, ll, path, constraint);
        }
        // Never echo the raw line: it may be anything, a token included.
        Err(msg) => ctx.manifest.error(
            path,
            Some(ll.line),
            format!(
                "cannot parse requirement `{}`: {}; not audited",
                safe_excerpt(req),
                safe_text(&msg, 100)
            ),
        ),
    }
}

fn editable(
    ctx: &mut Ctx<'_>,
    path: &Path,
    base_dir: &Path,
    value: &str,
    ll: &LogicalLine,
    constraint: bool,
) {
    let (value, _opts) = split_requirement_options(value);
    let value = value.trim().trim_matches(['"', '\'']);
    if value.is_empty() {
        ctx.manifest
            .warn(path, Some(ll.line), "`-e` without a path or URL");
        return;
    }
    let (loc, marker) = match value.find("; ").or_else(|| value.find(" ;")) {
        Some(i) => (
            value[..i].trim(),
            Some(value[i..].trim_start().trim_start_matches(';').trim()),
        ),
        None => (value, None),
    };
    let name = egg_name(loc)
        .or_else(|| {
            if loc == "." || loc == "./" {
                canonical(base_dir)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            } else {
                name_from_location(loc)
            }
        })
        .unwrap_or_else(|| loc.to_string());
    let mut dep = Dependency::new(&name, path);
    dep.source = DepSource::Editable(loc.to_string());
    dep.unauditable = Some("editable install: not a released version on an index".into());
    let mut applies = true;
    if let Some(m) = marker {
        dep.marker = Some(m.to_string());
        match ctx.eval.eval_str(m) {
            Ok(a) => applies = a,
            Err(e) => ctx
                .manifest
                .warn(path, Some(ll.line), format!("invalid marker `{m}`: {e}")),
        }
    }
    finish(ctx, dep, applies, ll, path, constraint);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_continuations() {
        let lines = logical_lines(
            "# top\nfoo==1 # pinned\nbar \\\n  >=2 \\\n  --hash=sha256:ab\n\nbaz @ https://x/y.whl#sha256=1\n",
        );
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.line, l.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (2, "foo==1"),
                (3, "bar >=2 --hash=sha256:ab"),
                (7, "baz @ https://x/y.whl#sha256=1")
            ]
        );
    }

    #[test]
    fn compile_inputs_from_annotations_and_header() {
        let text = "#\n# This file is autogenerated by pip-compile with Python 3.11\n#\n#    pip-compile --generate-hashes --output-file=requirements.txt requirements/base.in constraints.txt\n#\nflask==3.0.0\n    # via -r requirements/base.in\nrequests==2.32.0\n    # via\n    #   -r requirements/extra.txt\n    #   -c constraints.txt\n";
        assert_eq!(
            compile_inputs(text),
            [
                "constraints.txt",
                "requirements/base.in",
                "requirements/extra.txt"
            ]
        );
        assert!(compile_inputs("flask==3\n# pip-compile later.in\n").is_empty());
    }

    #[test]
    fn option_values() {
        assert_eq!(
            option_value("-r base.txt", Some("-r"), "--requirement"),
            Some("base.txt")
        );
        assert_eq!(
            option_value("-rbase.txt", Some("-r"), "--requirement"),
            Some("base.txt")
        );
        assert_eq!(
            option_value("--requirement=base.txt", Some("-r"), "--requirement"),
            Some("base.txt")
        );
        assert_eq!(
            option_value("--requirements x", Some("-r"), "--requirement"),
            None
        );
    }
}
