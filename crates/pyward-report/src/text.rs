//! The text format, the default: findings grouped by file, each with a code frame of its lines
//! and a caret underline under the span (drawn by `annotate-snippets`, as rustc and ruff draw
//! them), its severity, rule code, message, fix hint and the rule's documentation.
//!
//! ```text
//! app/views.py (1 finding)
//!
//! high[PY102]: subprocess.run() with shell=True
//!   --> app/views.py:42:5
//!    |
//! 42 |     subprocess.run(cmd, shell=True)
//!    |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!    |
//!    = help: pass the command as a list and drop shell=True
//!    = rule: subprocess-shell-true, https://github.com/pyward/pyward/blob/main/docs/rules/PY102.md
//! ```
//!
//! Frames come from [`crate::frame`] (redacted, credential values masked); a finding whose file
//! cannot be read is listed without one, and a finding on a URL or host shows that instead.
//! Every piece of scanned content, frame lines included, is made terminal-safe first. After the
//! findings comes the same tail as the concise format: errors, warnings, skipped files, the
//! area table and the summary line.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use pyward_core::{Finding, Report, Severity};

use crate::RenderOptions;
use crate::concise::{
    BOLD, DIM, Painter, advisory_group_len, advisory_text, clean, fix_hint, metadata_text,
    parents_suffix, render_with,
};
use crate::safe::is_unsafe_char;
use crate::source::Frame;
use crate::summary::{advisory_aliases, advisory_id, message_names_package, package_label, plural};

pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, opts, out, write_findings)
}

/// Where a finding is, for grouping: its file, URL or host; `None` for a package without a file.
fn place(f: &Finding) -> Option<&str> {
    let loc = &f.location;
    loc.path
        .as_deref()
        .or(loc.url.as_deref())
        .or(loc.host.as_deref())
}

fn write_findings(
    p: &Painter,
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<(bool, bool)> {
    // Items (one finding, or the advisories of one package at one place), grouped by place in
    // the order the places first appear.
    let mut groups: Vec<(Option<&str>, Vec<&[Finding]>)> = Vec::new();
    let mut i = 0;
    while i < report.findings.len() {
        let n = advisory_group_len(&report.findings[i..]).max(1);
        let item = &report.findings[i..i + n];
        let key = place(&item[0]);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, items)) => items.push(item),
            None => groups.push((key, vec![item])),
        }
        i += n;
    }

    let renderer = if opts.color {
        Renderer::styled().hyperlink(false)
    } else {
        Renderer::plain()
    };
    for (key, items) in &groups {
        let count: usize = items.iter().map(|item| item.len()).sum();
        let name = key.map_or_else(|| "dependencies".into(), clean);
        writeln!(
            out,
            "{} {}",
            p.paint(BOLD.underline(), &name),
            p.paint(DIM, &format!("({})", plural(count, "finding", "findings")))
        )?;
        for item in items {
            writeln!(out)?;
            let (group, position) = item_group(item, opts);
            let mut text = renderer.render(&[group]);
            if let Some((shown, real)) = position {
                // The first line ending with the position is the `-->` line.
                let at = text
                    .lines()
                    .scan(0, |offset, line| {
                        let start = *offset;
                        *offset += line.len() + 1;
                        Some((start, line))
                    })
                    .find(|(_, line)| line.ends_with(&shown))
                    .map(|(start, line)| start + line.len() - shown.len());
                if let Some(at) = at {
                    text.replace_range(at..at + shown.len(), &real);
                }
            }
            writeln!(out, "{text}")?;
        }
        writeln!(out)?;
    }
    Ok((!groups.is_empty(), !groups.is_empty()))
}

/// The annotate-snippets level of a severity: its colour, named after the severity.
fn level(severity: Severity) -> Level<'static> {
    let level = match severity {
        Severity::Critical | Severity::High => Level::ERROR,
        Severity::Medium => Level::WARNING,
        Severity::Low => Level::INFO,
        Severity::Info | Severity::Unknown => Level::NOTE,
    };
    level.with_name(severity.as_str())
}

/// One finding, or the advisories of one package, as an annotate-snippets group; with, when
/// the `-->` position annotate-snippets writes (counted in the escaped, redacted frame line)
/// is not the finding's own, both as `path:line:column`.
fn item_group<'a>(
    item: &'a [Finding],
    opts: &RenderOptions,
) -> (Group<'a>, Option<(String, String)>) {
    let first = &item[0];
    let worst = item
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(first.severity);
    let package = package_label(first).map(|pkg| clean(&pkg).into_owned());
    let title = if item.len() > 1 {
        let via = parents_suffix(first).unwrap_or_default();
        format!(
            "{}: {} advisories{}",
            package.unwrap_or_default(),
            item.len(),
            clean(&via)
        )
    } else {
        // Most dependency messages already name the package; say it once.
        match package {
            Some(pkg) if !message_names_package(first) => {
                format!("{pkg}: {}", clean(&first.message))
            }
            _ => clean(&first.message).into_owned(),
        }
    };
    let mut group = Group::with_title(
        level(worst)
            .primary_title(title)
            .id(clean(&first.code).into_owned()),
    );

    let mut position = None;
    let frame = opts
        .sources
        .and_then(|sources| crate::frame(first, opts.registry, sources));
    let loc = &first.location;
    match (frame, loc.path.as_deref()) {
        (Some(frame), Some(path)) => {
            let (source, span) = frame_source(&frame);
            let path = clean(path).into_owned();
            let start = frame.span.start;
            let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let shown = source[line_start..span.start].chars().count() + 1;
            if shown != start.column as usize {
                position = Some((
                    format!("{path}:{}:{shown}", start.line),
                    format!("{path}:{}:{}", start.line, start.column),
                ));
            }
            group = group.element(
                Snippet::source(source)
                    .line_start(frame.first_line as usize)
                    .path(path)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        (None, Some(path)) => {
            let mut origin = Origin::path(clean(path).into_owned());
            if let Some(span) = loc.span.filter(|s| s.start.line > 0) {
                origin = origin
                    .line(span.start.line as usize)
                    .char_column(span.start.column.max(1) as usize);
            }
            group = group.element(origin);
        }
        // A URL or a host; a dependency with no manifest line is where its package is.
        (_, None) => {
            let place = loc
                .url
                .clone()
                .or_else(|| loc.host.clone())
                .or_else(|| package_label(first));
            if let Some(place) = place {
                group = group.element(Origin::path(clean(&place).into_owned()));
            }
        }
    }

    if item.len() > 1 {
        for f in item {
            group = group
                .element(level(f.severity).message(clean(&advisory_text(first, f)).into_owned()));
            if opts.verbose {
                group = group.elements(details(f));
            }
        }
    } else if opts.verbose {
        group = group.elements(details(first));
    }
    if opts.show_fixes
        && let Some(fix) = item.iter().find_map(|f| f.fix.as_ref())
    {
        let hint = fix_hint(fix);
        if !hint.is_empty() {
            group = group.element(Level::HELP.message(hint));
        }
    }
    let rule = match opts.registry.get(&first.code) {
        Some(meta) if meta.code == first.code => {
            format!("{}, {}", clean(&first.name), meta.help_uri())
        }
        _ => clean(&first.name).into_owned(),
    };
    if !rule.is_empty() {
        group = group.element(Level::NOTE.with_name("rule").message(rule));
    }
    (group, position)
}

/// The `--verbose` notes of a finding: confidence, advisory IDs and the other metadata.
fn details(f: &Finding) -> Vec<annotate_snippets::Message<'static>> {
    let note = |name: String, text: String| Level::NOTE.with_name(name).message(text);
    let mut notes = vec![note("confidence".into(), f.confidence.to_string())];
    if let Some(id) = advisory_id(f) {
        let aliases = advisory_aliases(f);
        let text = if aliases.is_empty() {
            clean(id).into_owned()
        } else {
            format!("{} ({})", clean(id), clean(&aliases.join(", ")))
        };
        notes.push(note("advisory".into(), text));
    }
    for (key, value) in &f.metadata {
        if matches!(key.as_str(), "package" | "version") {
            continue;
        }
        if let Some(text) = metadata_text(value) {
            notes.push(note(clean(key).into_owned(), clean(&text).into_owned()));
        }
    }
    notes
}

/// The frame's lines as one terminal-safe source text, and the byte range of its span in it.
///
/// Columns are 1-based characters of the frame lines; an unsafe character is written as its
/// visible escape (`\x1b`), and the span moves with it.
fn frame_source(frame: &Frame) -> (String, Range<usize>) {
    let span = frame.span;
    let mut source = String::new();
    let (mut start, mut end) = (None, None);
    for (i, line) in frame.lines.iter().enumerate() {
        if i > 0 {
            source.push('\n');
        }
        let number = frame.first_line + i as u32;
        for (column, c) in (1u32..).zip(line.chars()) {
            if number == span.start.line && column == span.start.column {
                start = Some(source.len());
            }
            if number == span.end.line && column == span.end.column {
                end = Some(source.len());
            }
            if is_unsafe_char(c) {
                source.push_str(&clean(c.encode_utf8(&mut [0; 4])));
            } else {
                source.push(c);
            }
        }
        // A column past the end of its line is the end of that line.
        if number == span.start.line && start.is_none() {
            start = Some(source.len());
        }
        if number == span.end.line && end.is_none() {
            end = Some(source.len());
        }
    }
    let start = start.unwrap_or(0);
    let end = end.unwrap_or(source.len()).max(start);
    (source, start..end)
}

#[cfg(test)]
mod tests {
    use pyward_core::{Position, Span};

    use super::*;

    fn frame(first_line: u32, lines: &[&str], start: (u32, u32), end: (u32, u32)) -> Frame {
        Frame {
            first_line,
            lines: lines.iter().map(|l| l.to_string()).collect(),
            span: Span {
                start: Position {
                    line: start.0,
                    column: start.1,
                },
                end: Position {
                    line: end.0,
                    column: end.1,
                },
            },
        }
    }

    #[test]
    fn span_maps_to_byte_ranges() {
        let (src, span) = frame_source(&frame(3, &["x = eval(q)"], (3, 5), (3, 12)));
        assert_eq!(&src[span], "eval(q)");
        let (src, span) = frame_source(&frame(1, &["é = eval(q)"], (1, 5), (1, 9)));
        assert_eq!(&src[span], "eval");
        let (src, span) = frame_source(&frame(1, &["a(", "  b)"], (1, 1), (2, 5)));
        assert_eq!(&src[span], "a(\n  b)");
    }

    #[test]
    fn unsafe_characters_are_escaped_and_the_span_follows() {
        let (src, span) = frame_source(&frame(1, &["s = '\u{1b}[2J' + x"], (1, 14), (1, 15)));
        assert_eq!(src, "s = '\\x1b[2J' + x");
        assert_eq!(&src[span], "x");
    }
}
