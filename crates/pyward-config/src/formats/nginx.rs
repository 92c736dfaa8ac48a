//! nginx: a tokenizer and block parser that keeps every directive's position, inlines
//! `include` (globs; relative to the configuration directory, absolute under the filesystem
//! root), and an auditor that follows http → server → location inheritance, including the
//! `add_header` rule that a level with its own `add_header` drops all inherited ones.

use std::path::{Path, PathBuf};

use pyward_core::Severity;

use crate::rules::*;
use crate::source::{
    ConfigError, IncludeBudget, MAX_INCLUDE_DEPTH, Pos, Resolver, Sink, expand_glob, quote_token,
};

/// One directive; `block` holds the children of `server { … }` and the like.
#[derive(Debug, Clone)]
pub struct Directive {
    pub name: String,
    pub args: Vec<String>,
    pub file: String,
    pub pos: Pos,
    pub block: Option<Vec<Directive>>,
}

impl Directive {
    fn arg(&self, i: usize) -> &str {
        self.args.get(i).map(String::as_str).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Semi,
    Open,
    Close,
}

fn tokenize(text: &str) -> Vec<(Tok, usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let bump = |c: char, line: &mut usize, col: &mut usize| {
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            bump(c, &mut line, &mut col);
            i += 1;
            continue;
        }
        let (l0, c0) = (line, col);
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    bump(chars[i], &mut line, &mut col);
                    i += 1;
                }
            }
            ';' | '{' | '}' => {
                out.push((
                    match c {
                        ';' => Tok::Semi,
                        '{' => Tok::Open,
                        _ => Tok::Close,
                    },
                    l0,
                    c0,
                ));
                bump(c, &mut line, &mut col);
                i += 1;
            }
            '"' | '\'' => {
                let quote = c;
                bump(c, &mut line, &mut col);
                i += 1;
                let mut word = String::new();
                while i < chars.len() && chars[i] != quote {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        bump(chars[i], &mut line, &mut col);
                        i += 1;
                    }
                    word.push(chars[i]);
                    bump(chars[i], &mut line, &mut col);
                    i += 1;
                }
                if i < chars.len() {
                    bump(chars[i], &mut line, &mut col);
                    i += 1;
                }
                out.push((Tok::Word(word), l0, c0));
            }
            _ => {
                let mut word = String::new();
                while i < chars.len() {
                    let ch = chars[i];
                    if ch.is_whitespace() || ch == ';' || ch == '}' {
                        break;
                    }
                    if ch == '{' {
                        if word.ends_with('$') {
                            // `${var}` inside a word
                            while i < chars.len() && chars[i] != '}' {
                                word.push(chars[i]);
                                bump(chars[i], &mut line, &mut col);
                                i += 1;
                            }
                            if i < chars.len() {
                                word.push('}');
                                bump('}', &mut line, &mut col);
                                i += 1;
                            }
                            continue;
                        }
                        break;
                    }
                    if ch == '\\' && i + 1 < chars.len() {
                        word.push(ch);
                        bump(ch, &mut line, &mut col);
                        i += 1;
                    }
                    word.push(chars[i]);
                    bump(chars[i], &mut line, &mut col);
                    i += 1;
                }
                out.push((Tok::Word(word), l0, c0));
            }
        }
    }
    out
}

/// Deepest block nesting parsed (`http { server { location { if { … } } } }` is 4 deep; real
/// configurations stay far below this). Deeper blocks are skipped with an error, so nothing
/// downstream recurses on input depth.
pub const MAX_DEPTH: usize = 64;

struct Loader<'a, 'b> {
    resolver: &'a Resolver,
    sink: &'a mut Sink<'b>,
    conf_dir: PathBuf,
    /// The include chain (canonical paths), to refuse loops.
    stack: Vec<PathBuf>,
    budget: IncludeBudget,
    /// Include directives whose loop was already reported.
    loops: std::collections::BTreeSet<(String, usize)>,
    /// The file whose depth error was already reported.
    too_deep: bool,
}

/// nginx's configuration prefix for a file: relative `include`s resolve against it, not
/// against the including file. `<root>/etc/nginx` when scanning a filesystem tree; else the
/// nearest directory (the file's own, or an ancestor inside the scan) holding `nginx.conf`;
/// else the file's directory.
fn conf_prefix(path: &Path, resolver: &Resolver) -> PathBuf {
    if let Some(d) = resolver
        .root
        .as_ref()
        .map(|r| r.join("etc/nginx"))
        .filter(|d| d.is_dir())
    {
        return d;
    }
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    dir.ancestors()
        .take_while(|a| resolver.roots.may_list(a))
        .find(|a| a.join("nginx.conf").is_file())
        .map(Path::to_path_buf)
        .unwrap_or(dir)
}

/// Parses `text` (the file at `path`) and inlines its includes.
pub fn load(path: &Path, text: &str, resolver: &Resolver, sink: &mut Sink) -> Vec<Directive> {
    let conf_dir = conf_prefix(path, resolver);
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut loader = Loader {
        resolver,
        sink,
        conf_dir,
        stack: vec![canonical],
        budget: IncludeBudget::default(),
        loops: Default::default(),
        too_deep: false,
    };
    let display = resolver.display(path);
    loader.parse_file(text, &display, 0)
}

impl Loader<'_, '_> {
    fn parse_file(&mut self, text: &str, file: &str, depth: usize) -> Vec<Directive> {
        let toks = tokenize(text);
        let mut i = 0;
        let mut out = self.parse_block(&toks, &mut i, file, depth, depth);
        while i < toks.len() {
            // A stray `}` at the top level: report it and carry on with the rest.
            self.sink.warn(file, toks[i].1, "unexpected `}` (ignored)");
            i += 1;
            out.extend(self.parse_block(&toks, &mut i, file, depth, depth));
        }
        out
    }

    /// Skips a block whose `{` was just consumed, without recursion, leaving `i` after its `}`.
    fn skip_block(toks: &[(Tok, usize, usize)], i: &mut usize) {
        let mut open = 1usize;
        while *i < toks.len() && open > 0 {
            match toks[*i].0 {
                Tok::Open => open += 1,
                Tok::Close => open -= 1,
                _ => {}
            }
            *i += 1;
        }
    }

    /// Parses a block's contents; `depth` is the nesting (includes count), `file_depth` the
    /// depth at which this file's text starts (a `}` there ends the file's top level).
    fn parse_block(
        &mut self,
        toks: &[(Tok, usize, usize)],
        i: &mut usize,
        file: &str,
        depth: usize,
        file_depth: usize,
    ) -> Vec<Directive> {
        let mut out = Vec::new();
        while *i < toks.len() {
            let (tok, line, col) = &toks[*i];
            match tok {
                Tok::Close => {
                    if depth > file_depth {
                        *i += 1;
                    }
                    return out;
                }
                Tok::Semi | Tok::Open => {
                    self.sink.warn(
                        file,
                        *line,
                        "unexpected `;` or `{` without a directive (skipped)",
                    );
                    *i += 1;
                    if matches!(tok, Tok::Open) {
                        Self::skip_block(toks, i);
                    }
                }
                Tok::Word(name) => {
                    let pos = Pos::new(*line, *col, name.chars().count());
                    let shown = quote_token(name).unwrap_or("directive");
                    let mut args = Vec::new();
                    *i += 1;
                    let mut block = None;
                    loop {
                        match toks.get(*i) {
                            Some((Tok::Word(w), _, _)) => {
                                args.push(w.clone());
                                *i += 1;
                            }
                            Some((Tok::Semi, _, _)) => {
                                *i += 1;
                                break;
                            }
                            Some((Tok::Open, _, _)) => {
                                *i += 1;
                                if depth + 1 > MAX_DEPTH {
                                    if !self.too_deep {
                                        self.too_deep = true;
                                        self.sink.errors.push((
                                            file.to_string(),
                                            format!(
                                                "line {line}: blocks nested over {MAX_DEPTH} deep; the deeper blocks are not audited"
                                            ),
                                        ));
                                    }
                                    Self::skip_block(toks, i);
                                    block = Some(Vec::new());
                                    break;
                                }
                                block =
                                    Some(self.parse_block(toks, i, file, depth + 1, file_depth));
                                if *i > toks.len()
                                    || toks.get(*i - 1).is_none_or(|t| t.0 != Tok::Close)
                                {
                                    self.sink.warn(
                                        file,
                                        *line,
                                        format!(
                                            "`{shown}` block is not closed before the end of the file"
                                        ),
                                    );
                                }
                                break;
                            }
                            Some((Tok::Close, _, _)) | None => {
                                self.sink.warn(
                                    file,
                                    *line,
                                    format!("`{shown}` is missing its terminating `;`"),
                                );
                                break;
                            }
                        }
                    }
                    if name == "include" && block.is_none() {
                        if let Some(arg) = args.first() {
                            let included = self.include(arg, file, *line, depth);
                            out.extend(included);
                        }
                        continue;
                    }
                    out.push(Directive {
                        name: name.clone(),
                        args,
                        file: file.to_string(),
                        pos,
                        block,
                    });
                }
            }
        }
        out
    }

    fn include(&mut self, arg: &str, file: &str, line: usize, depth: usize) -> Vec<Directive> {
        let Some(pattern) = self.resolver.map(arg, &self.conf_dir) else {
            self.sink.warn(
                file,
                line,
                format!("include {arg}: absolute path outside a filesystem root (pass --root to resolve it)"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        if self.resolver.roots.is_empty() {
            self.sink.warn(
                file,
                line,
                format!("include {arg}: not followed (text audit)"),
            );
            return out;
        }
        let paths = match expand_glob(&pattern, &self.resolver.roots) {
            Ok(p) => p,
            Err(_) => {
                self.sink.errors.push((
                    file.to_string(),
                    format!("line {line}: include {arg}: outside the scanned root, not read"),
                ));
                return out;
            }
        };
        for path in paths {
            let display = self.resolver.display(&path);
            match self.resolver.read(&path) {
                Ok((canonical, text)) => {
                    if self.stack.len() > MAX_INCLUDE_DEPTH || self.stack.contains(&canonical) {
                        // Once per directive: a hostile tree repeats the same loop thousands
                        // of times.
                        if self.loops.insert((file.to_string(), line)) {
                            self.sink.warn(
                                file,
                                line,
                                format!("include {arg}: include loop (skipped)"),
                            );
                        }
                        continue;
                    }
                    match self.budget.charge(text.len()) {
                        Ok(true) => {}
                        Ok(false) => return out,
                        Err(reason) => {
                            self.sink.errors.push((file.to_string(), reason));
                            return out;
                        }
                    }
                    self.sink
                        .included
                        .push((canonical.clone(), display.clone()));
                    self.stack.push(canonical);
                    out.extend(self.parse_file(&text, &display, depth));
                    self.stack.pop();
                }
                Err(ConfigError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    // Snapshots of a configuration often leave out what the host provides
                    // (mime.types, snippets): a missing include is a warning, the rest is
                    // still audited.
                    if !arg.contains(['*', '?', '[']) && !arg.ends_with("mime.types") {
                        self.sink.warn(
                            file,
                            line,
                            format!("include {arg}: no such file (not audited)"),
                        );
                    }
                }
                Err(err) => {
                    self.sink.errors.push((display, err.reason()));
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Audit

type Levels<'a> = Vec<&'a [Directive]>;

fn find<'a>(levels: &Levels<'a>, name: &str) -> Option<&'a Directive> {
    levels
        .iter()
        .rev()
        .find_map(|l| l.iter().find(|d| d.name == name))
}

/// The `add_header`-style directives in effect: those of the innermost level that has any.
fn inherited<'a>(levels: &Levels<'a>, name: &str) -> Vec<&'a Directive> {
    for level in levels.iter().rev() {
        let own: Vec<&Directive> = level.iter().filter(|d| d.name == name).collect();
        if !own.is_empty() {
            return own;
        }
    }
    Vec::new()
}

fn header<'a>(set: &[&'a Directive], name: &str) -> Option<&'a Directive> {
    set.iter()
        .copied()
        .find(|d| d.arg(0).eq_ignore_ascii_case(name))
}

fn walk<'a>(dirs: &'a [Directive], f: &mut dyn FnMut(&'a Directive)) {
    for d in dirs {
        f(d);
        if let Some(b) = &d.block {
            walk(b, f);
        }
    }
}

/// Runs the nginx rules over a parsed configuration (a whole `nginx.conf`, or a standalone
/// `server` snippet from `sites-enabled`).
pub fn audit(dirs: &[Directive], sink: &mut Sink) {
    // Directive-level rules, wherever they appear.
    walk(dirs, &mut |d| directive_rules(d, sink));
    crlf(dirs, &[], sink);

    let http = dirs.iter().find(|d| d.name == "http");
    let (http_level, servers): (&[Directive], Vec<&Directive>) = match http {
        Some(h) => {
            let b = h.block.as_deref().unwrap_or(&[]);
            (b, b.iter().filter(|d| d.name == "server").collect())
        }
        None => (dirs, dirs.iter().filter(|d| d.name == "server").collect()),
    };
    if let Some(h) = http
        && !http_level.iter().any(|d| d.name == "server_tokens")
    {
        sink.hit(
            &NGX_SERVER_TOKENS,
            &h.file,
            h.pos,
            "server_tokens is not set in http and defaults to on (version disclosed)",
        );
    }
    for server in servers {
        audit_server(http_level, server, sink);
    }
}

/// The capture groups of a PCRE pattern, in order: (name, body). Non-capturing and lookaround
/// groups are skipped.
fn captures(regex: &str) -> Vec<(Option<String>, String)> {
    let chars: Vec<char> = regex.chars().collect();
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    let mut open: Vec<Option<usize>> = Vec::new(); // index into out, None for other groups
    let mut starts: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if in_class {
            if c == ']' {
                in_class = false;
            }
            i += 1;
            continue;
        }
        match c {
            '[' => in_class = true,
            '(' => {
                let rest: String = chars[i + 1..].iter().take(3).collect();
                if rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!")
                    || rest.starts_with("?P<")
                {
                    let from = i + 1 + if rest.starts_with("?P<") { 3 } else { 2 };
                    let end = chars[from..]
                        .iter()
                        .position(|&c| c == '>')
                        .map_or(from, |p| from + p);
                    out.push((Some(chars[from..end].iter().collect()), String::new()));
                    open.push(Some(out.len() - 1));
                    starts.push(end + 1);
                } else if rest.starts_with('?') {
                    open.push(None);
                    starts.push(i + 1);
                } else {
                    out.push((None, String::new()));
                    open.push(Some(out.len() - 1));
                    starts.push(i + 1);
                }
            }
            ')' => {
                if let (Some(slot), Some(start)) = (open.pop(), starts.pop())
                    && let Some(idx) = slot
                {
                    out[idx].1 = chars[start.min(i)..i].iter().collect();
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Can this capture body match a carriage return or line feed?
fn loose(body: &str) -> bool {
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                // `\s` and `\R` match line breaks; `\S`, `\w`, `\d` do not.
                if matches!(chars.get(i + 1), Some('s' | 'R' | 'v' | 'n' | 'r')) {
                    return true;
                }
                i += 2;
                continue;
            }
            '.' => return true,
            '[' => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == ']')
                    .map_or(chars.len(), |p| i + p);
                let class: String = chars[i..end].iter().collect();
                if class.starts_with("[^")
                    && !class.contains("\\r")
                    && !class.contains("\\n")
                    && !class.contains("\\s")
                {
                    return true;
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// The decoded-URI variables a value uses, given the loose captures in scope.
fn decoded_vars(value: &str, loose_caps: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let bytes: Vec<char> = value.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '$' {
            let braced = bytes.get(i + 1) == Some(&'{');
            let start = if braced { i + 2 } else { i + 1 };
            let mut end = start;
            while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == '_') {
                end += 1;
            }
            let name: String = bytes[start..end].iter().collect();
            if name == "uri" || name == "document_uri" || loose_caps.contains(&name) {
                found.push(format!("${name}"));
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// NGX017: header values and redirects built from the URL-decoded path.
fn crlf(dirs: &[Directive], caps: &[String], sink: &mut Sink) {
    for d in dirs {
        let (value, what): (Option<&str>, &str) = match d.name.as_str() {
            "return"
                if d.args.len() >= 2
                    && matches!(d.arg(0), "301" | "302" | "303" | "307" | "308") =>
            {
                (Some(d.arg(1)), "redirect")
            }
            "return"
                if d.args.len() == 1
                    && (d.arg(0).starts_with("http://")
                        || d.arg(0).starts_with("https://")
                        || d.arg(0).starts_with("$scheme")) =>
            {
                (Some(d.arg(0)), "redirect")
            }
            "add_header" => (d.args.get(1).map(String::as_str), "response header"),
            "proxy_set_header" => (d.args.get(1).map(String::as_str), "header to the upstream"),
            "rewrite" => {
                let redirect = matches!(d.arg(2), "redirect" | "permanent")
                    || d.arg(1).starts_with("http://")
                    || d.arg(1).starts_with("https://")
                    || d.arg(1).starts_with("$scheme");
                if redirect {
                    let own: Vec<String> = captures(d.arg(0))
                        .into_iter()
                        .enumerate()
                        .filter(|(_, (_, body))| loose(body))
                        .flat_map(|(n, (name, _))| {
                            let mut v = vec![(n + 1).to_string()];
                            v.extend(name);
                            v
                        })
                        .collect();
                    let vars = decoded_vars(d.arg(1), &own);
                    if !vars.is_empty() {
                        sink.hit(
                            &NGX_CRLF_INJECTION,
                            &d.file,
                            d.pos,
                            format!(
                                "rewrite redirect built from {}, which is URL-decoded: %0d%0a in the request splits the Location header",
                                vars.join(", ")
                            ),
                        );
                    }
                }
                (None, "")
            }
            _ => (None, ""),
        };
        if let Some(v) = value {
            let vars = decoded_vars(v, caps);
            if !vars.is_empty() {
                sink.hit(
                    &NGX_CRLF_INJECTION,
                    &d.file,
                    d.pos,
                    format!(
                        "{} {what} built from {}, which is URL-decoded: %0d%0a in the request splits the header (use $request_uri or a capture that excludes \\r\\n)",
                        d.name,
                        vars.join(", ")
                    ),
                );
            }
        }
        if let Some(block) = &d.block {
            let inner: Vec<String> = if d.name == "location" && matches!(d.arg(0), "~" | "~*") {
                captures(d.arg(1))
                    .into_iter()
                    .enumerate()
                    .filter(|(_, (_, body))| loose(body))
                    .flat_map(|(n, (name, _))| {
                        let mut v = vec![(n + 1).to_string()];
                        v.extend(name);
                        v
                    })
                    .collect()
            } else if d.name == "location" {
                Vec::new()
            } else {
                caps.to_vec()
            };
            crlf(block, &inner, sink);
        }
    }
}

fn directive_rules(d: &Directive, sink: &mut Sink) {
    match d.name.as_str() {
        "ssl_protocols" => {
            let old: Vec<&str> = d
                .args
                .iter()
                .map(String::as_str)
                .filter(|p| matches!(*p, "SSLv2" | "SSLv3" | "TLSv1" | "TLSv1.1"))
                .collect();
            if !old.is_empty() {
                sink.hit(
                    &NGX_OLD_TLS,
                    &d.file,
                    d.pos,
                    format!(
                        "ssl_protocols enables {} (OpenSSL 3 refuses them unless ssl_ciphers lowers @SECLEVEL, but the intent is wrong)",
                        old.join(" ")
                    ),
                );
            }
        }
        "ssl_ciphers" => {
            let list = d.arg(0);
            let weak: Vec<&str> = list
                .split(':')
                .filter(|c| {
                    let u = c.to_ascii_uppercase();
                    !c.starts_with('!')
                        && !c.starts_with('-')
                        && ([
                            "RC4",
                            "DES",
                            "MD5",
                            "NULL",
                            "EXPORT",
                            "ANULL",
                            "ENULL",
                            "ADH",
                            "SECLEVEL=0",
                            "SECLEVEL=1",
                        ]
                        .iter()
                        .any(|w| u.contains(w))
                            || u == "ALL"
                            || u == "LOW"
                            || u == "MEDIUM")
                })
                .collect();
            if !weak.is_empty() {
                sink.hit(
                    &NGX_WEAK_CIPHERS,
                    &d.file,
                    d.pos,
                    format!("ssl_ciphers allows weak suites: {}", weak.join(":")),
                );
            }
        }
        "server_tokens" if d.arg(0) == "on" || d.arg(0) == "build" => {
            sink.hit(
                &NGX_SERVER_TOKENS,
                &d.file,
                d.pos,
                format!("server_tokens {} discloses the nginx version", d.arg(0)),
            );
        }
        "client_max_body_size" => match parse_size(d.arg(0)) {
            Some(0) => {
                sink.hit(
                    &NGX_BODY_SIZE,
                    &d.file,
                    d.pos,
                    "client_max_body_size 0 disables the request body limit",
                );
            }
            Some(n) if n > 100 * 1024 * 1024 => {
                if let Some(f) = sink.hit(
                    &NGX_BODY_SIZE,
                    &d.file,
                    d.pos,
                    format!("client_max_body_size {} is over 100m", d.arg(0)),
                ) {
                    f.severity = Severity::Low;
                }
            }
            _ => {}
        },
        "autoindex" if d.arg(0) == "on" => {
            sink.hit(
                &NGX_AUTOINDEX,
                &d.file,
                d.pos,
                "autoindex on lists directory contents",
            );
        }
        "proxy_set_header"
            if d.arg(0).eq_ignore_ascii_case("host")
                && (d.arg(1) == "$http_host" || d.arg(1).starts_with("$http_x_forwarded")) =>
        {
            sink.hit(
                &NGX_HOST_SPOOFING,
                &d.file,
                d.pos,
                format!(
                    "proxy_set_header Host {} forwards the client's Host header unchecked; use $host",
                    d.arg(1)
                ),
            );
        }
        _ => {}
    }
}

fn parse_size(v: &str) -> Option<u64> {
    let v = v.trim();
    let (num, mult) = match v.chars().last()? {
        'k' | 'K' => (&v[..v.len() - 1], 1024),
        'm' | 'M' => (&v[..v.len() - 1], 1024 * 1024),
        'g' | 'G' => (&v[..v.len() - 1], 1024 * 1024 * 1024),
        _ => (v, 1),
    };
    // Saturating: `99999999999999g` is absurdly large, not small after wrapping (found by fuzzing).
    num.parse::<u64>().ok().map(|n| n.saturating_mul(mult))
}

fn listen_port(arg: &str) -> Option<u16> {
    let a = arg.rsplit(']').next().unwrap_or(arg);
    let p = a.rsplit(':').next().unwrap_or(a);
    p.parse().ok().or_else(|| {
        // `listen 127.0.0.1;` means port 80
        (arg.contains('.') || arg.starts_with('[') || arg == "localhost").then_some(80)
    })
}

fn audit_server(http_level: &[Directive], server: &Directive, sink: &mut Sink) {
    let body = server.block.as_deref().unwrap_or(&[]);
    let levels: Levels = vec![http_level, body];
    let listens: Vec<&Directive> = body.iter().filter(|d| d.name == "listen").collect();
    let ssl = listens.iter().any(|l| l.args.iter().any(|a| a == "ssl"))
        || body.iter().any(|d| d.name == "ssl" && d.arg(0) == "on");
    let plain80 = listens.is_empty()
        || listens
            .iter()
            .any(|l| !l.args.iter().any(|a| a == "ssl") && listen_port(l.arg(0)) == Some(80));
    let mut proxies = false;
    walk(body, &mut |d| {
        if matches!(
            d.name.as_str(),
            "proxy_pass" | "uwsgi_pass" | "fastcgi_pass" | "grpc_pass" | "scgi_pass"
        ) {
            proxies = true;
        }
    });
    let redirects_https = body.iter().any(|d| {
        (d.name == "return" && d.args.iter().any(|a| a.starts_with("https://")))
            || (d.name == "rewrite" && d.arg(1).starts_with("https://"))
    }) || body.iter().any(|d| {
        d.name == "location"
            && d.arg(0) == "/"
            && d.block
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .any(|x| x.name == "return" && x.args.iter().any(|a| a.starts_with("https://")))
    });
    let redirect_only = redirects_https
        || body
            .iter()
            .any(|d| d.name == "return" && d.arg(0).starts_with('3') && d.args.len() > 1);
    if serves_nothing(body) {
        // A catch-all that drops connections (`return 444`), rejects the TLS handshake, or
        // only redirects: no page is ever served, so there are no headers to add.
        return;
    }
    // Listening only on a Unix socket or loopback: not exposed, the front proxy faces clients.
    let internal = !listens.is_empty() && listens.iter().all(|l| internal_listen(l.arg(0)));

    // NGX004: plain HTTP reaches the app.
    if plain80 && proxies && !redirects_https && !internal {
        sink.hit(
            &NGX_NO_HTTPS_REDIRECT,
            &server.file,
            server.pos,
            "this server listens for plain HTTP on port 80 and proxies the app without redirecting to HTTPS",
        );
    }
    if redirect_only || internal {
        return;
    }

    let server_headers = inherited(&levels, "add_header");
    check_headers(&server_headers, None, ssl, server, sink);
    // A server-level `root` is served for every URI no location claims.
    let mut has_root = find(&levels, "root").is_some_and(|r| !static_dir(r.arg(0)));
    let mut dot_denied = false;
    audit_locations(
        body,
        &levels,
        &server_headers,
        ssl,
        sink,
        &mut has_root,
        &mut dot_denied,
    );
    if has_root && !dot_denied {
        sink.hit(
            &NGX_HIDDEN_FILES,
            &server.file,
            server.pos,
            "this server serves files from disk but has no location denying dotfiles (.git, .env)",
        );
    }
}

/// A directory that holds only published static or uploaded files (`/opt/app/static/`,
/// `…/staticfiles`, `…/media/`, `…/uploads`, `…/assets`, `…/dist`): never a project or
/// repository root. Paths with variables are not known, so they are not static.
fn static_dir(dir: &str) -> bool {
    let last = dir
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    !dir.contains('$')
        && (last.contains("static")
            || matches!(
                last.as_str(),
                "media" | "mediafiles" | "uploads" | "assets" | "dist"
            ))
}

/// `listen unix:/run/app.sock`, `listen 127.0.0.1:8080`, `listen [::1]:80`, `listen localhost`.
fn internal_listen(arg: &str) -> bool {
    if arg.starts_with("unix:") {
        return true;
    }
    let host = if let Some(rest) = arg.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match arg.rsplit_once(':') {
            Some((h, _)) => h,
            None if arg.parse::<u16>().is_ok() => return false,
            None => arg,
        }
    };
    crate::util::loopback(host)
}

/// A server that never serves content: a server-level `return` (or `ssl_reject_handshake on`)
/// answers every request before any location, or every location ends in `return`.
fn serves_nothing(body: &[Directive]) -> bool {
    if body
        .iter()
        .any(|d| d.name == "ssl_reject_handshake" && d.arg(0) == "on")
    {
        return true;
    }
    let returns = |b: &[Directive]| {
        b.iter()
            .any(|d| d.name == "return" && !d.arg(0).starts_with('2'))
    };
    if returns(body) {
        return true;
    }
    let locations: Vec<&Directive> = body.iter().filter(|d| d.name == "location").collect();
    let content = |b: &[Directive]| {
        b.iter().any(|d| {
            matches!(
                d.name.as_str(),
                "root"
                    | "alias"
                    | "proxy_pass"
                    | "fastcgi_pass"
                    | "uwsgi_pass"
                    | "scgi_pass"
                    | "grpc_pass"
                    | "try_files"
            )
        })
    };
    !locations.is_empty()
        && !content(body)
        && locations
            .iter()
            .all(|l| returns(l.block.as_deref().unwrap_or(&[])))
}

#[allow(clippy::too_many_arguments)]
fn audit_locations<'a>(
    dirs: &'a [Directive],
    levels: &Levels<'a>,
    parent_headers: &[&'a Directive],
    ssl: bool,
    sink: &mut Sink,
    has_root: &mut bool,
    dot_denied: &mut bool,
) {
    for loc in dirs.iter().filter(|d| d.name == "location") {
        let body = loc.block.as_deref().unwrap_or(&[]);
        let mut lv = levels.clone();
        lv.push(body);
        let (modifier, path) = if loc.args.len() >= 2 {
            (loc.arg(0), loc.arg(1))
        } else {
            ("", loc.arg(0))
        };
        // The directory a location serves: its alias, or its root plus a prefix location's
        // path (`location /media/ { root /srv/app; }` serves /srv/app/media/). Only a
        // directory that could be a project or repository root can expose its `.git`/`.env`;
        // a collectstatic output or upload directory cannot.
        for d in body
            .iter()
            .filter(|d| d.name == "root" || d.name == "alias")
        {
            let prefix = modifier.is_empty() || modifier == "^~";
            let served = if d.name == "root" && prefix {
                format!(
                    "{}/{}",
                    d.arg(0).trim_end_matches('/'),
                    path.trim_start_matches('/')
                )
            } else {
                d.arg(0).to_string()
            };
            if !static_dir(&served) {
                *has_root = true;
            }
        }
        let denies = body.iter().any(|d| {
            (d.name == "deny" && d.arg(0) == "all")
                || (d.name == "return" && matches!(d.arg(0), "403" | "404" | "444"))
        });
        if denies
            && (path.contains("/\\.")
                || path.contains("\\.git")
                || path.contains("/.git")
                || path.contains("\\.env")
                || path.contains("/.env")
                || path.contains("/\\.(?!"))
        {
            *dot_denied = true;
        }

        // NGX012 alias traversal
        if let Some(alias) = body.iter().find(|d| d.name == "alias")
            && (modifier.is_empty() || modifier == "^~")
            && !path.ends_with('/')
            && alias.arg(0).ends_with('/')
        {
            sink.hit(
                    &NGX_ALIAS_TRAVERSAL,
                    &alias.file,
                    alias.pos,
                    format!(
                        "location {path} has no trailing slash but its alias {} does: `{path}../` escapes the directory",
                        alias.arg(0)
                    ),
                );
        }

        // NGX015 stub_status
        if let Some(stub) = body.iter().find(|d| d.name == "stub_status") {
            let restricted = lv.iter().any(|l| {
                l.iter().any(|d| {
                    (d.name == "deny" && d.arg(0) == "all")
                        || d.name == "internal"
                        || (d.name == "auth_basic" && d.arg(0) != "off")
                })
            });
            if !restricted {
                sink.hit(
                    &NGX_STUB_STATUS,
                    &stub.file,
                    stub.pos,
                    format!(
                        "stub_status at location {path} is reachable by anyone (no allow/deny)"
                    ),
                );
            }
        }

        // NGX014 forwarded headers toward the app
        if let Some(pp) = body.iter().find(|d| d.name == "proxy_pass") {
            let set = inherited(&lv, "proxy_set_header");
            // Either header of a group passes that half; `Forwarded` (RFC 7239) passes both.
            let groups: [(&str, &[&str]); 2] = [
                (
                    "X-Forwarded-For or X-Real-IP (client address)",
                    &["X-Forwarded-For", "X-Real-IP", "Forwarded"],
                ),
                (
                    "X-Forwarded-Proto (scheme)",
                    &[
                        "X-Forwarded-Proto",
                        "X-Forwarded-Scheme",
                        "X-Scheme",
                        "X-Forwarded-Ssl",
                        "Forwarded",
                    ],
                ),
            ];
            let missing: Vec<&str> = groups
                .iter()
                .filter(|(_, names)| names.iter().all(|h| header(&set, h).is_none()))
                .map(|(what, _)| *what)
                .collect();
            if !missing.is_empty() {
                sink.hit(
                    &NGX_FORWARDED_HEADERS,
                    &pp.file,
                    pp.pos,
                    format!(
                        "proxy_pass without proxy_set_header {}: the app cannot tell the client's {}",
                        missing.join(" / "),
                        if missing.len() == 2 { "address or scheme" } else if missing[0].contains("scheme") { "scheme" } else { "address" }
                    ),
                );
            }
        }

        // add_header inheritance: a location with its own add_header drops the parent's.
        let own: Vec<&Directive> = body.iter().filter(|d| d.name == "add_header").collect();
        let effective = if own.is_empty() {
            parent_headers.to_vec()
        } else {
            check_headers(&own, Some(parent_headers), ssl, loc, sink);
            own
        };
        audit_locations(body, &lv, &effective, ssl, sink, has_root, dot_denied);
    }
}

/// Checks the security headers in `set`. With `parent`, only reports headers the parent level
/// had and this level drops (the add_header inheritance trap); without, reports every missing
/// header.
fn check_headers(
    set: &[&Directive],
    parent: Option<&[&Directive]>,
    ssl: bool,
    at: &Directive,
    sink: &mut Sink,
) {
    let dropped = |name: &str| -> Option<String> {
        match parent {
            None => Some(String::new()),
            Some(p) => header(p, name)
                .map(|_| " (add_header in this location drops the server's headers)".to_string()),
        }
    };
    let what = if parent.is_some() {
        "location"
    } else {
        "server"
    };
    if ssl {
        match header(set, "Strict-Transport-Security") {
            None => {
                if let Some(why) = dropped("Strict-Transport-Security") {
                    sink.hit(
                        &NGX_HSTS,
                        &at.file,
                        at.pos,
                        format!("this TLS {what} sends no Strict-Transport-Security header{why}"),
                    );
                }
            }
            Some(h) => {
                let v = h.arg(1).to_ascii_lowercase();
                let max_age = v
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("max-age="))
                    .and_then(|n| n.trim_matches('"').parse::<u64>().ok())
                    .unwrap_or(0);
                let mut problems = Vec::new();
                if max_age < 15_552_000 {
                    problems.push(format!("max-age={max_age} is under 180 days"));
                }
                if !v.contains("includesubdomains") {
                    problems.push("no includeSubDomains".to_string());
                }
                if !problems.is_empty()
                    && let Some(f) = sink.hit(
                        &NGX_HSTS,
                        &h.file,
                        h.pos,
                        format!("weak Strict-Transport-Security: {}", problems.join(", ")),
                    )
                {
                    f.severity = Severity::Low;
                }
            }
        }
    }
    let csp = header(set, "Content-Security-Policy");
    let checks: [(&'static pyward_core::RuleMeta, &str, bool); 4] = [
        (&NGX_NO_CSP, "Content-Security-Policy", csp.is_some()),
        (
            &NGX_NO_NOSNIFF,
            "X-Content-Type-Options",
            header(set, "X-Content-Type-Options").is_some_and(|h| h.arg(1).contains("nosniff")),
        ),
        (
            &NGX_NO_FRAME_OPTIONS,
            "X-Frame-Options",
            header(set, "X-Frame-Options").is_some()
                || csp.is_some_and(|h| h.arg(1).contains("frame-ancestors")),
        ),
        (
            &NGX_NO_REFERRER_POLICY,
            "Referrer-Policy",
            header(set, "Referrer-Policy").is_some(),
        ),
    ];
    for (rule, name, present) in checks {
        if !present && let Some(why) = dropped(name) {
            sink.hit(
                rule,
                &at.file,
                at.pos,
                format!("this {what} sends no {name} header{why}"),
            );
        }
    }
}
