//! Checking one file: decoding, guards against pathological input, parsing, the checker pass
//! and suppressions.

use pyward_core::finding::Suppressed;
use pyward_core::{Finding, Location, Position, Span};

use crate::ast::{self, Lines, TextRange};
use crate::checker::{Checker, Diagnostic, RuleSet};
use crate::rules::pyward::{py000_syntax_error, py001_unused_suppression};
use crate::suppress::{self, Kind, Suppression};

/// Files larger than this are reported as errors instead of being parsed.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Bracket nesting deeper than this is refused before parsing (CPython itself stops at 200).
pub const MAX_NESTING: usize = 1000;
/// Expression and statement depth deeper than this is refused before parsing: long chains
/// (`a.b.b.b…`, `-`×1M, `1+1+…`, `f()()…`, `not not …`, `lambda: lambda: …`) build ASTs as
/// deep as they are long, and the checker, the rules and dropping the tree recurse on them.
/// See [`syntax_depth`] for how it is measured; real code stays under a few hundred.
pub const MAX_DEPTH: usize = 20_000;
/// Stack size for threads that parse and check files: the checker, the rules and `Drop`
/// recurse on the tree. With [`MAX_DEPTH`] and [`MAX_NESTING`] the deepest accepted tree
/// needs a fraction of it (about 1 KiB per level in a debug build).
pub const STACK_SIZE: usize = 256 * 1024 * 1024;

/// Per-file settings derived from [`crate::CodeOptions`].
pub struct FileSettings<'o> {
    pub rules: &'o RuleSet,
    pub ignore_nosec: bool,
    pub report_unused: bool,
    /// Rules switched off for this file by per-file ignores.
    pub file_ignored: &'o dyn Fn(&pyward_core::RuleMeta) -> bool,
    pub unused_enabled: bool,
    /// Reads sibling modules for `from .base import *` chains in Django settings; `None`
    /// when checking text with no file system behind it.
    pub loader: Option<&'o dyn crate::django::ModuleLoader>,
    /// `Profile::Bandit`: rules follow Bandit's reporting exactly where pyward's differs.
    pub bandit: bool,
}

/// The outcome for one file.
#[derive(Default)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    pub error: Option<String>,
    pub lines: usize,
}

/// Turns raw bytes into source text, or explains why not.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes, over the {} byte limit; skipped",
            bytes.len(),
            MAX_FILE_BYTES
        ));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "file contains a NUL byte at offset {pos}; not Python source, skipped"
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            if declares_latin1(bytes) {
                Ok(bytes.iter().map(|&b| b as char).collect())
            } else {
                Err(format!(
                    "file is not valid UTF-8 (invalid byte at offset {}) and declares no single-byte encoding; skipped",
                    e.valid_up_to()
                ))
            }
        }
    }
}

/// Whether one of the first two lines has a PEP 263 cookie naming a Latin-1 style encoding.
fn declares_latin1(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .take(2)
        .filter_map(|l| std::str::from_utf8(l).ok())
        .any(|line| {
            let line = line.to_ascii_lowercase();
            line.trim_start().starts_with('#')
                && line.contains("coding")
                && [
                    "latin-1",
                    "latin1",
                    "iso-8859-1",
                    "iso8859-1",
                    "cp1252",
                    "windows-1252",
                    "iso-8859-15",
                ]
                .iter()
                .any(|enc| line.contains(enc))
        })
}

/// The deepest bracket nesting, skipping comments and string literals (roughly: enough to
/// refuse generated files that would exhaust the parser's stack).
pub fn max_nesting(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'\'' | b'"') => {
                let triple = bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q);
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == q {
                        if !triple {
                            break;
                        }
                        if bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q) {
                            i += 2;
                            break;
                        }
                    } else if bytes[i] == b'\n' && !triple {
                        break;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
}

/// How deep a file's syntax tree can be, measured on tokens before parsing (the lexer loops,
/// it does not recurse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Depth {
    /// Brackets, f-string replacement fields and f-strings nested in each other.
    pub nesting: usize,
    /// An upper bound on the tree depth: block indentation plus, along any path of nested
    /// brackets, the operator, keyword and bracket tokens of one element (an element ends at a
    /// comma outside a `lambda` header, a `;` or the end of a logical line).
    pub tree: usize,
}

/// One open bracket while measuring [`Depth`].
#[derive(Default)]
struct Frame {
    /// Depth-carrying tokens of the current element at this level.
    count: usize,
    /// The deepest bracket group inside the current element.
    child: usize,
    /// The deepest element of this group so far.
    max: usize,
    /// `lambda` keywords whose `:` has not been seen yet (their commas separate parameters).
    lambdas: usize,
    /// Tokens of the current element that bind looser than `or`/`and` (`lambda`, its `:`,
    /// `if`/`else` of a conditional): their nodes enclose the operands that follow.
    loose: usize,
}

impl Frame {
    fn end_element(&mut self) {
        self.max = self.max.max(self.count + self.child);
        self.count = 0;
        self.child = 0;
        self.loose = 0;
    }

    /// `or`/`and` build one flat node over their operands: an operand's tokens do not add to
    /// the next one's depth, only the enclosing looser constructs and the node itself do.
    fn flat_operator(&mut self) {
        let loose = self.loose;
        self.end_element();
        self.loose = loose;
        self.count = loose + 1;
    }
}

/// Measures [`Depth`] with ruff's lexer. Every node on a root-to-leaf path of an expression's
/// tree owns a distinct token at its bracket level (an operator, a keyword, `.`, the brackets
/// of a call, subscript or display, an f-string start), so summing those tokens per element
/// and per level bounds the tree depth from above without parsing.
pub fn syntax_depth(source: &str) -> Depth {
    use ruff_python_ast::token::TokenKind as T;
    let mut lexer = ruff_python_parser::lexer::lex(source, ruff_python_parser::Mode::Module);
    let mut frames: Vec<Frame> = vec![Frame::default()];
    let (mut indent, mut depth) = (0usize, Depth::default());
    // Closes the innermost frame into its parent; `false` at the top level.
    fn close(frames: &mut Vec<Frame>) -> bool {
        if frames.len() < 2 {
            return false;
        }
        let Some(mut inner) = frames.pop() else {
            return false;
        };
        inner.end_element();
        if let Some(parent) = frames.last_mut() {
            parent.child = parent.child.max(inner.max + 1);
        }
        true
    }
    loop {
        let kind = lexer.next_token();
        let Some(frame) = frames.last_mut() else {
            break;
        };
        match kind {
            T::EndOfFile => break,
            T::Lpar | T::Lsqb | T::Lbrace | T::FStringStart | T::TStringStart => {
                frame.count += 1;
                frames.push(Frame::default());
                depth.nesting = depth.nesting.max(frames.len() - 1);
            }
            T::Rpar | T::Rsqb | T::Rbrace | T::FStringEnd | T::TStringEnd => {
                close(&mut frames);
            }
            T::Comma if frame.lambdas == 0 => frame.end_element(),
            T::Comma => {}
            T::Colon if frame.lambdas > 0 => {
                frame.lambdas -= 1;
                frame.count += 1;
                frame.loose += 1;
            }
            T::Lambda => {
                frame.lambdas += 1;
                frame.count += 1;
                frame.loose += 1;
            }
            T::If | T::Else => {
                frame.count += 1;
                frame.loose += 1;
            }
            T::Or | T::And => frame.flat_operator(),
            T::Newline | T::Semi => {
                // A logical line ends only outside brackets; unbalanced input is a syntax
                // error anyway, so fold whatever is still open.
                while close(&mut frames) {}
                if let Some(top) = frames.last_mut() {
                    top.end_element();
                    depth.tree = depth.tree.max(indent + top.max);
                    *top = Frame::default();
                }
            }
            T::Indent => indent += 1,
            T::Dedent => indent = indent.saturating_sub(1),
            T::Name
            | T::Int
            | T::Float
            | T::Complex
            | T::String
            | T::FStringMiddle
            | T::TStringMiddle
            | T::Comment
            | T::NonLogicalNewline => {}
            _ => frame.count += 1,
        }
    }
    while close(&mut frames) {}
    if let Some(top) = frames.last_mut() {
        top.end_element();
        depth.tree = depth.tree.max(indent + top.max);
    }
    depth
}

fn span(lines: &Lines<'_>, range: TextRange) -> Span {
    let (sl, sc) = lines.position(range.start());
    let (el, ec) = lines.position(range.end());
    Span {
        start: Position {
            line: sl,
            column: sc,
        },
        end: Position {
            line: el,
            column: ec,
        },
    }
}

/// Bytes that can open a nesting level: brackets and quotes (every f-string starts with one).
fn nesting_bytes(source: &str) -> usize {
    source
        .bytes()
        .filter(|b| matches!(b, b'(' | b'[' | b'{' | b'"' | b'\''))
        .count()
}

/// Why a file is too deep to check, if it is. Cheap byte checks first; the token pass runs
/// only when the file is large enough to hide a tree deeper than the limits.
pub fn refuse_depth(source: &str) -> Option<String> {
    let nesting = max_nesting(source);
    if nesting > MAX_NESTING {
        return Some(format!(
            "brackets nested {nesting} deep (limit {MAX_NESTING}); skipped to protect the parser"
        ));
    }
    // Every depth-carrying token takes at least one byte, so a file no longer than
    // MAX_DEPTH cannot be deeper; every bracket level and every f-string level needs a bracket
    // or a quote byte, so a file with at most MAX_NESTING of those cannot nest deeper. Most
    // files pass both, and skip the token pass (a second lexing of the whole file).
    if source.len() <= MAX_DEPTH && nesting_bytes(source) <= MAX_NESTING {
        return None;
    }
    let depth = syntax_depth(source);
    if depth.nesting > MAX_NESTING {
        return Some(format!(
            "brackets and f-strings nested {} deep (limit {MAX_NESTING}); skipped to protect the parser",
            depth.nesting
        ));
    }
    if depth.tree > MAX_DEPTH {
        return Some(format!(
            "an expression or block is nested about {} levels deep (limit {MAX_DEPTH}); skipped: pyward does not check generated chains this deep",
            depth.tree
        ));
    }
    None
}

/// Checks one file's source text.
pub fn check_file(path: &str, source: &str, settings: &FileSettings<'_>) -> FileResult {
    // `source.lines().count()`, without a char search per line.
    let newlines = source.bytes().filter(|&b| b == b'\n').count();
    let mut result = FileResult {
        lines: newlines + usize::from(!source.is_empty() && !source.ends_with('\n')),
        ..FileResult::default()
    };
    let lines = Lines::new(source);
    if let Some(refusal) = refuse_depth(source) {
        result.error = Some(refusal);
        return result;
    }
    let parsed = match ast::parse_module(source) {
        Ok(p) => p,
        Err(e) => {
            let rule = &py000_syntax_error::RULE;
            if settings.rules.enabled(rule) && !(settings.file_ignored)(rule) {
                let sp = span(&lines, e.range);
                result.findings.push(Finding::new(
                    rule,
                    format!("syntax error, file not checked: {}", e.message),
                    Location::file(path, Some(sp)),
                ));
            }
            return result;
        }
    };
    let mut checker = Checker::new(source, path, settings.rules);
    checker.bandit = settings.bandit;
    checker.check_module(&parsed.body);
    let mut diagnostics = std::mem::take(&mut checker.diagnostics);
    drop(checker);
    let django =
        crate::django::check_module(path, source, &parsed.body, settings.rules, settings.loader);
    diagnostics.extend(django.diagnostics);
    result.error = django.error;

    let mut suppressions: Vec<Suppression> = parsed
        .comments
        .iter()
        .flat_map(|range| {
            let (line, column) = lines.position(range.start());
            suppress::parse_all(
                &source[range.start().to_usize()..range.end().to_usize()],
                line,
                column,
            )
        })
        .filter(|s| !(settings.ignore_nosec && s.kind.is_foreign()))
        .filter(|s| !(settings.bandit && s.kind == Kind::Noqa))
        .collect();

    for d in diagnostics {
        if (settings.file_ignored)(d.rule) {
            continue;
        }
        let finding = to_finding(path, &lines, &d);
        let first = lines.line(d.stmt_range.start());
        let last = lines.line(d.stmt_range.end().max(d.stmt_range.start()));
        let (flo, fhi) = (finding_line(&finding), finding_line(&finding));
        let (lo, hi) = (first.min(flo), last.max(fhi));
        let mut reason = None;
        for s in suppressions
            .iter_mut()
            .filter(|s| s.line >= lo && s.line <= hi)
        {
            if s.covers(d.rule) {
                reason = Some(s.kind.label());
            }
        }
        match reason {
            Some(reason) => result.suppressed.push(Suppressed {
                finding,
                reason: reason.to_string(),
                kind: pyward_core::SuppressionKind::InSource,
            }),
            None => result.findings.push(finding),
        }
    }

    if settings.report_unused && settings.unused_enabled {
        let rule = &py001_unused_suppression::RULE;
        for s in &suppressions {
            let at = Location::file(path, Some(Span::on_line(s.line, s.column, 1)));
            if s.rules.is_empty() && s.used.first() == Some(&false) {
                result.findings.push(Finding::new(
                    rule,
                    format!(
                        "unused suppression `{}`: nothing on this statement was reported",
                        s.kind.label()
                    ),
                    at.clone(),
                ));
            }
            for (r, used) in s.rules.iter().zip(&s.used) {
                if !used && settings.rules.enabled(r) && !(settings.file_ignored)(r) {
                    result.findings.push(Finding::new(
                        rule,
                        format!(
                            "unused `{}` in `{}`: no {} finding here",
                            r.code,
                            s.kind.label(),
                            r.code
                        ),
                        at.clone(),
                    ));
                }
            }
            for code in &s.unknown {
                result.findings.push(Finding::new(
                    rule,
                    format!("unknown rule `{code}` in `{}`", s.kind.label()),
                    at.clone(),
                ));
            }
        }
    }
    result
}

fn finding_line(f: &Finding) -> u32 {
    f.location.line().unwrap_or(1)
}

fn to_finding(path: &str, lines: &Lines<'_>, d: &Diagnostic) -> Finding {
    let mut f = Finding::new(
        d.rule,
        d.message.clone(),
        Location::file(path, Some(span(lines, d.range))),
    );
    f.severity = d.severity;
    f.confidence = d.confidence;
    if let Some(b) = d.rule.bandit_id {
        f = f.with_meta("bandit_id", b);
    }
    if let Some(cwe) = d.rule.cwe {
        f = f.with_meta("cwe", format!("CWE-{cwe}"));
    }
    for (k, v) in &d.meta {
        f = f.with_meta(k, v);
    }
    if let Some((secret, specific)) = &d.secret {
        f = f.with_secret(pyward_secrets::secret_identity(secret), *specific);
    }
    f
}

/// Runs `f` on a thread with a large stack (the parser and visitor recurse on deep input).
/// Runs it on the current thread if no thread can be spawned.
pub fn with_big_stack<T: Send, F: FnOnce() -> T + Send>(f: F) -> T {
    let cell = std::sync::Mutex::new(Some(f));
    let joined = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pyward-code".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                let f = cell.lock().ok().and_then(|mut g| g.take());
                f.map(|f| f())
            })
            .ok()
            .map(|handle| handle.join())
    });
    match joined {
        Some(Ok(Some(value))) => value,
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        _ => {
            let f = match cell.into_inner() {
                Ok(f) => f,
                Err(poisoned) => poisoned.into_inner(),
            };
            match f {
                Some(f) => f(),
                None => std::panic::panic_any("pyward-code: worker thread lost its job"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_ignores_brackets_in_strings_and_comments() {
        assert_eq!(max_nesting("x = [(1, {2: 3})]\n"), 3);
        assert_eq!(max_nesting("x = '((((' + \"[[[[\"  # ((((\n"), 0);
        assert_eq!(max_nesting("s = '''\n(((\n''' + f(g(1))\n"), 2);
        assert_eq!(max_nesting("s = 'it\\'s (' + (a)\n"), 1);
    }

    #[test]
    fn syntax_depth_bounds_chains_but_not_flat_lists() {
        let d = |s: &str| syntax_depth(s).tree;
        assert!(d("x = 1\n") <= 2);
        assert!(d(&format!("x = a{}\n", ".b".repeat(500))) >= 500);
        assert!(d(&format!("x = {}1\n", "-".repeat(500))) >= 500);
        assert!(d(&format!("x = f{}\n", "()".repeat(500))) >= 500);
        assert!(d(&format!("x = {}a\n", "lambda a, b: ".repeat(500))) >= 500);
        assert!(d(&format!("x = {}a\n", "lambda: a or ".repeat(500))) >= 500);
        assert!(d(&format!("x = f'{{{}1}}'\n", "-".repeat(500))) >= 500);
        // Commas, `or` and new statements start over.
        assert!(d(&format!("x = [{}]\n", vec!["-1"; 5000].join(", "))) < 10);
        assert!(d(&format!("x = {}\n", vec!["not a"; 5000].join(" or "))) < 10);
        assert!(d(&"x = -a.b(c)[d]\n".repeat(5000)) < 20);
        // Blocks add their indentation.
        let mut src = String::new();
        for i in 0..50 {
            src.push_str(&" ".repeat(i));
            src.push_str("if a:\n");
        }
        src.push_str(&" ".repeat(50));
        src.push_str("pass\n");
        assert!(d(&src) >= 50);
        assert_eq!(syntax_depth("x = [[(1, {2})]]\n").nesting, 4);
        assert_eq!(syntax_depth("x = f'{f\"{a}\"}'\n").nesting, 4);
    }

    #[test]
    fn short_files_still_get_the_token_pass_when_they_could_nest_too_deep() {
        // Nested f-strings hide their braces from `max_nesting` (they sit in strings); the
        // byte pre-check must still send such a file to the token pass.
        let n = MAX_NESTING + 100;
        let src = format!("x = {}1{}\n", "f'{".repeat(n), "}'".repeat(n));
        assert!(src.len() <= MAX_DEPTH);
        assert!(max_nesting(&src) <= MAX_NESTING);
        assert!(refuse_depth(&src).is_some_and(|r| r.contains("f-strings nested")));
        // Ordinary code of the same size is not measured at all.
        let plain = "x = [f(a), g(b)]\n".repeat(200);
        assert!(nesting_bytes(&plain) <= MAX_NESTING && refuse_depth(&plain).is_none());
    }

    #[test]
    fn decode_explains_refusals() {
        assert_eq!(decode(b"\xef\xbb\xbfx = 1\n").unwrap(), "x = 1\n");
        assert!(
            decode(b"a\0b")
                .unwrap_err()
                .contains("NUL byte at offset 1")
        );
        assert!(decode(b"x = '\xff'\n").unwrap_err().contains("offset 5"));
        assert_eq!(
            decode(b"# coding: cp1252\nx = '\xe9'\n").unwrap(),
            "# coding: cp1252\nx = '\u{e9}'\n"
        );
    }
}
