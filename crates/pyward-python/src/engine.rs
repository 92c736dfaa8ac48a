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
/// Stack size for threads that parse and check files: the parser and the visitor recurse.
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

/// Checks one file's source text.
pub fn check_file(path: &str, source: &str, settings: &FileSettings<'_>) -> FileResult {
    let mut result = FileResult {
        lines: source.lines().count(),
        ..FileResult::default()
    };
    let lines = Lines::new(source);
    let depth = max_nesting(source);
    if depth > MAX_NESTING {
        result.error = Some(format!(
            "brackets nested {depth} deep (limit {MAX_NESTING}); skipped to protect the parser"
        ));
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
        .filter_map(|range| {
            let (line, column) = lines.position(range.start());
            suppress::parse_comment(
                &source[range.start().to_usize()..range.end().to_usize()],
                line,
                column,
            )
        })
        .filter(|s| !(settings.ignore_nosec && s.kind == Kind::Nosec))
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
    f
}

/// Runs `f` on a thread with a large stack (the parser and visitor recurse on deep input).
/// Runs it on the current thread if no thread can be spawned.
pub fn with_big_stack<T: Send, F: FnOnce() -> T + Send>(f: F) -> T {
    let cell = std::sync::Mutex::new(Some(f));
    let joined = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pyward-python".into())
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
                None => std::panic::panic_any("pyward-python: worker thread lost its job"),
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
