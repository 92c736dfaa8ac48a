//! Source text for code frames: the lines around a finding, read through a [`SourceLookup`]
//! the caller provides (the CLI reads only files under the scanned roots), and never shown
//! with a secret in them.

use std::sync::Arc;

use pyward_core::{Finding, Registry, Span};

/// Gives the text of a file named by a report path. Implementations decide which files may be
/// read (the CLI: regular files under the scanned roots, size-limited) and may cache.
pub trait SourceLookup: Sync {
    /// The whole text of `path` (as written in the report), or `None` when it may not or
    /// cannot be read.
    fn source(&self, path: &str) -> Option<Arc<str>>;
}

/// The most lines a frame shows; a longer span is cut after this many.
pub const MAX_FRAME_LINES: usize = 8;
/// The most characters of one line a frame shows.
pub const MAX_LINE_CHARS: usize = 240;

/// The lines of a finding's span, ready to print: redacted, cut to [`MAX_FRAME_LINES`] lines of
/// at most [`MAX_LINE_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The 1-based number of `lines[0]`.
    pub first_line: u32,
    pub lines: Vec<String>,
    /// The highlighted region (1-based lines and columns, end exclusive), clamped to `lines`.
    pub span: Span,
}

/// The frame of `finding`, or `None` when it has no file span or its file cannot be read.
///
/// Every line goes through [`pyward_secrets::redact_text`]. A finding that reports a secret
/// (its identity carries a secret mark, or its rule's CWE is a credential weakness) also has
/// every quoted string and every `key = value` / `key: value` value on its lines redacted, so a
/// frame never shows more of a secret than the message does.
pub fn frame(finding: &Finding, registry: &Registry, sources: &dyn SourceLookup) -> Option<Frame> {
    let path = finding.location.path.as_deref()?;
    let span = finding.location.span?;
    if span.start.line == 0 {
        return None;
    }
    let text = sources.source(path)?;
    let first = span.start.line as usize;
    // A span ending at column 1 of the next line covers whole lines up to the previous one.
    let mut last = span.end.line.max(span.start.line) as usize;
    if span.end.column <= 1 && last > first {
        last -= 1;
    }
    let last = last.min(first + MAX_FRAME_LINES - 1);
    let secret = carries_secret(finding, registry);
    let lines: Vec<String> = text
        .lines()
        .skip(first - 1)
        .take(last - first + 1)
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line: String = if line.chars().count() > MAX_LINE_CHARS {
                line.chars()
                    .take(MAX_LINE_CHARS)
                    .chain("…".chars())
                    .collect()
            } else {
                line.to_string()
            };
            let line = if secret { mask_values(&line) } else { line };
            pyward_secrets::redact_text(&line).into_owned()
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let end_line = first as u32 + lines.len() as u32 - 1;
    let mut end = span.end;
    if end.line > end_line || (end.line == end_line + 1 && end.column <= 1) {
        end.line = end_line;
        end.column = lines.last().map_or(1, |l| l.chars().count() as u32 + 1);
    }
    Some(Frame {
        first_line: first as u32,
        lines,
        span: Span {
            start: span.start,
            end,
        },
    })
}

/// CWEs of hard-coded or exposed credentials: frames of their findings mask every value.
const CREDENTIAL_CWES: [u32; 6] = [259, 321, 522, 798, 200, 312];

fn carries_secret(finding: &Finding, registry: &Registry) -> bool {
    finding.identity.secret.is_some()
        || registry
            .get(&finding.code)
            .and_then(|r| r.cwe)
            .is_some_and(|cwe| CREDENTIAL_CWES.contains(&cwe))
}

/// Replaces the contents of every quoted string, and the value after the first `=` or `:` when
/// the line has no quotes, with their [`pyward_secrets::redact`]ed form.
fn mask_values(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    let mut quoted = false;
    while let Some((_, c)) = chars.next() {
        if c == '"' || c == '\'' {
            quoted = true;
            out.push(c);
            let mut inner = String::new();
            let mut closed = false;
            while let Some((_, d)) = chars.next() {
                if d == '\\' {
                    if let Some((_, e)) = chars.next() {
                        inner.push(d);
                        inner.push(e);
                    }
                    continue;
                }
                if d == c {
                    closed = true;
                    break;
                }
                inner.push(d);
            }
            if !inner.is_empty() {
                out.push_str(&pyward_secrets::redact(&inner));
            }
            if closed {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    if quoted {
        return out;
    }
    // Unquoted: the first word after the first `=` or `:` (a line continuation stays).
    let Some(at) = line.find(['=', ':']) else {
        return line.to_string();
    };
    let (key, value) = line.split_at(at + 1);
    let lead = value.len() - value.trim_start().len();
    let (lead, rest) = value.split_at(lead);
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (word, tail) = rest.split_at(end);
    if word.is_empty() || word == "\\" {
        return line.to_string();
    }
    format!("{key}{lead}{}{tail}", pyward_secrets::redact(word))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use pyward_core::{Location, Position};

    use super::*;

    struct Map(HashMap<&'static str, Arc<str>>);

    impl SourceLookup for Map {
        fn source(&self, path: &str) -> Option<Arc<str>> {
            self.0.get(path).cloned()
        }
    }

    static EVAL: pyward_core::RuleMeta = pyward_core::RuleMeta {
        code: "T001",
        name: "test-eval",
        analyzer: "code",
        summary: "eval",
        severity: pyward_core::Severity::Medium,
        confidence: pyward_core::Confidence::High,
        cwe: Some(95),
        bandit_id: None,
        docs: "",
    };
    static PASSWORD: pyward_core::RuleMeta = pyward_core::RuleMeta {
        code: "T002",
        name: "test-password",
        cwe: Some(259),
        ..EVAL
    };

    fn registry() -> Registry {
        let mut r = Registry::new();
        r.extend([&EVAL, &PASSWORD]);
        r
    }

    fn finding(rule: &pyward_core::RuleMeta, line: u32, col: u32, len: u32) -> Finding {
        Finding::new(
            rule,
            "m",
            Location::file("app.py", Some(Span::on_line(line, col, len))),
        )
    }

    fn sources() -> Map {
        Map(HashMap::from([(
            "app.py",
            Arc::from(
                "import os\nx = eval(q)\nPASSWORD = \"hunter2-but-longer\"\nTOKEN: s3cr3t-value-here\n",
            ),
        )]))
    }

    #[test]
    fn frame_holds_the_span_lines() {
        let f = frame(&finding(&EVAL, 2, 5, 7), &registry(), &sources()).unwrap();
        assert_eq!(f.first_line, 2);
        assert_eq!(f.lines, ["x = eval(q)"]);
        assert_eq!(f.span.start, Position { line: 2, column: 5 });
        assert_eq!(
            f.span.end,
            Position {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn whole_line_span_shows_one_line() {
        let mut f = finding(&EVAL, 2, 1, 1);
        f.location.span = Some(Span::line(2));
        let fr = frame(&f, &registry(), &sources()).unwrap();
        assert_eq!(fr.lines, ["x = eval(q)"]);
        assert_eq!(
            fr.span.end,
            Position {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn credential_findings_never_show_the_value() {
        let f = frame(&finding(&PASSWORD, 3, 12, 20), &registry(), &sources()).unwrap();
        assert_eq!(f.lines, ["PASSWORD = \"h…r (18 chars)\""]);
        let f = frame(&finding(&PASSWORD, 4, 1, 5), &registry(), &sources()).unwrap();
        assert_eq!(f.lines, ["TOKEN: s…e (17 chars)"]);
        let mut sources = sources();
        sources
            .0
            .insert("Dockerfile", Arc::from("ENV DEBUG=1 \\\n"));
        let mut f = finding(&PASSWORD, 1, 1, 3);
        f.location.path = Some("Dockerfile".into());
        let f = frame(&f, &registry(), &sources).unwrap();
        assert_eq!(f.lines, ["ENV DEBUG=*** (1 chars) \\"]);
    }

    #[test]
    fn unreadable_or_spanless_findings_have_no_frame() {
        let mut f = finding(&EVAL, 2, 5, 7);
        f.location.path = Some("other.py".into());
        assert!(frame(&f, &registry(), &sources()).is_none());
        f.location = Location::url("https://example.test/");
        assert!(frame(&f, &registry(), &sources()).is_none());
        assert!(frame(&finding(&EVAL, 99, 1, 1), &registry(), &sources()).is_none());
    }
}
