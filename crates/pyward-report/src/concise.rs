//! The concise format: one line per finding, like ripgrep or ruff. It also writes the part of
//! every terminal report after the findings (errors, warnings, skipped files, the area table and
//! the summary), which the full [`crate::text`] format shares.
//!
//! ```text
//! requirements.txt:3:1: DEP001 [critical] django==3.2.0: Django SQL injection (PYSEC-2024-1)
//!   help: upgrade django to 4.2.16
//! error: poetry.lock: expected a table at line 3
//! warning: `[tool.pyward] fail-on` is deprecated
//!
//! Found 1 finding (1 critical) in 2 inputs; 1 error, 1 warning.
//! ```

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use pyward_core::{Finding, Report, Severity};
use serde_json::Value;

use crate::RenderOptions;
use crate::safe::terminal_safe;
use crate::summary::{
    advisory_aliases, advisory_id, config_line, location_label, package_label, summary_line,
};

pub(crate) const BOLD: Style = Style::new().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub(crate) const DIM: Style = Style::new().dimmed();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical => AnsiColor::BrightRed.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default(),
        Severity::Medium => AnsiColor::Yellow.on_default(),
        Severity::Low => AnsiColor::Blue.on_default(),
        Severity::Info => AnsiColor::Cyan.on_default(),
        Severity::Unknown => Style::new().dimmed(),
    }
}

pub(crate) struct Painter {
    pub(crate) color: bool,
}

impl Painter {
    pub(crate) fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

/// Untrusted text made safe for a terminal or CI log: see [`crate::safe::terminal_safe`]. Every
/// piece of scanned content (paths, messages, package names, versions, metadata, fix hints)
/// goes through it, so a file name holding a newline cannot start a line of its own (a CI
/// workflow command such as `::error …`) and escape sequences or bidi controls are shown, not
/// obeyed.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    terminal_safe(s)
}

/// Indents continuation lines of a multi-line text by `indent`.
fn indent_lines(s: &str, indent: &str) -> String {
    s.trim_end_matches('\n')
        .replace('\n', &format!("\n{indent}"))
}

/// Writes the findings of `report` and says whether it wrote anything, and whether what it
/// wrote ends with a blank line.
pub(crate) type FindingsWriter =
    fn(&Painter, &Report, &RenderOptions, &mut dyn Write) -> io::Result<(bool, bool)>;

pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, opts, out, write_findings)
}

fn write_findings(
    p: &Painter,
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<(bool, bool)> {
    let mut i = 0;
    while i < report.findings.len() {
        let n = advisory_group_len(&report.findings[i..]);
        if n > 1 {
            write_advisory_group(p, &report.findings[i..i + n], opts, out)?;
        } else {
            write_finding(p, &report.findings[i], opts, out)?;
        }
        i += n.max(1);
    }
    Ok((!report.findings.is_empty(), false))
}

/// A terminal report: the findings as `findings` writes them, then suppressed findings (with
/// `--verbose`), errors and, unless quiet, warnings, skipped files, the area table and the
/// summary line.
pub(crate) fn render_with(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn Write,
    findings: FindingsWriter,
) -> io::Result<()> {
    let p = Painter { color: opts.color };
    let (mut wrote_any, findings_blank) = findings(&p, report, opts, out)?;
    // Whether the last line written is blank: set by the findings, cleared by anything after.
    let mut blank = findings_blank;

    if opts.verbose {
        for s in &report.suppressed {
            let f = &s.finding;
            let (loc, _) = location_label(f);
            writeln!(
                out,
                "{} {}: {} {} ({})",
                p.paint(DIM, "suppressed:"),
                clean(&loc),
                f.code,
                indent_lines(&clean(&f.message), "  "),
                clean(&s.reason)
            )?;
            wrote_any = true;
            blank = false;
        }
    }

    for e in &report.errors {
        if e.path.is_empty() {
            writeln!(out, "{} {}", p.paint(ERROR, "error:"), clean(&e.message))?;
        } else {
            writeln!(
                out,
                "{} {}: {}",
                p.paint(ERROR, "error:"),
                clean(&e.path),
                clean(&e.message)
            )?;
        }
        wrote_any = true;
        blank = false;
    }
    if opts.quiet {
        return Ok(());
    }
    for w in &report.warnings {
        writeln!(
            out,
            "{} {}",
            p.paint(WARNING, "warning:"),
            indent_lines(&clean(w), "  ")
        )?;
        wrote_any = true;
        blank = false;
    }

    // Files left out, with the reason: a few by default, all of them with --verbose.
    const SKIPPED_SHOWN: usize = 10;
    let shown = if opts.verbose {
        report.skipped.len()
    } else {
        SKIPPED_SHOWN
    };
    for s in report.skipped.iter().take(shown) {
        writeln!(
            out,
            "{} {}: {}",
            p.paint(DIM, "skipped:"),
            clean(&s.path),
            clean(&s.reason.to_string())
        )?;
        wrote_any = true;
        blank = false;
    }
    if report.skipped.len() > shown {
        writeln!(
            out,
            "{} {} more files (-v lists them)",
            p.paint(DIM, "skipped:"),
            report.skipped.len() - shown
        )?;
    }

    for line in crate::areas::score_lines(report) {
        writeln!(out, "{}", p.paint(BOLD, &clean(&line)))?;
        wrote_any = true;
        blank = false;
    }
    if opts.verbose {
        for line in crate::areas::verbose_lines(report) {
            writeln!(out, "{}", p.paint(DIM, &clean(&line)))?;
            wrote_any = true;
            blank = false;
        }
    }

    if wrote_any && !blank {
        writeln!(out)?;
    }
    if let Some(table) = crate::areas::area_table(report, opts.registry) {
        write!(out, "{table}")?;
    }
    if let Some(line) = config_line(report) {
        writeln!(out, "{}", p.paint(DIM, &clean(&line)))?;
    }
    writeln!(out, "{}", p.paint(BOLD, &summary_line(report)))?;
    Ok(())
}

fn write_finding(
    p: &Painter,
    finding: &Finding,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (loc, loc_is_package) = location_label(finding);
    let sev = finding.severity;
    let package = if loc_is_package {
        String::new()
    } else {
        package_label(finding)
            .map(|pkg| format!("{}: ", clean(&pkg)))
            .unwrap_or_default()
    };
    writeln!(
        out,
        "{}: {} {} {}{}",
        p.paint(BOLD, &clean(&loc)),
        p.paint(BOLD, &clean(&finding.code)),
        p.paint(severity_style(sev), &format!("[{sev}]")),
        package,
        indent_lines(&clean(&finding.message), "  ")
    )?;

    if opts.show_fixes
        && let Some(fix) = &finding.fix
    {
        write_fix_hint(p, fix, out)?;
    }

    if opts.verbose {
        write_details(p, finding, out)?;
    }
    Ok(())
}

/// How many findings from the start of `findings` are advisories of one package at one place
/// (same rule, location and package): they are printed as one group.
pub(crate) fn advisory_group_len(findings: &[Finding]) -> usize {
    let Some(first) = findings.first() else {
        return 0;
    };
    if advisory_id(first).is_none() || first.location.package.is_none() {
        return 1;
    }
    findings
        .iter()
        .take_while(|f| {
            f.code == first.code && f.location == first.location && advisory_id(f).is_some()
        })
        .count()
}

/// The parents of a dependency finding (`metadata.parents`), as the message suffix the
/// dependency analyzer writes (` [required by a, b]`).
pub(crate) fn parents_suffix(finding: &Finding) -> Option<String> {
    let parents: Vec<&str> = finding
        .metadata
        .get("parents")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    (!parents.is_empty()).then(|| format!(" [required by {}]", parents.join(", ")))
}

/// Several advisories of one package: the package (and what requires it) once, then one line
/// per advisory, then one fix.
///
/// ```text
/// uv.lock:120:1: DEP001 [high] jinja2==2.10: 3 advisories [required by flask]
///   - PYSEC-2019-217 [high] (CVE-2019-10906): sandbox escape; fixed in 2.10.1
///   - GHSA-h5c8-rqwp-cp95 [medium]: ...; fixed in 3.1.3
///   help: upgrade jinja2 to 3.1.6
/// ```
fn write_advisory_group(
    p: &Painter,
    group: &[Finding],
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let first = &group[0];
    let (loc, loc_is_package) = location_label(first);
    let worst = group
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(first.severity);
    let package = package_label(first).unwrap_or_default();
    let via = parents_suffix(first).unwrap_or_default();
    let head = if loc_is_package {
        String::new()
    } else {
        format!("{}: ", clean(&package))
    };
    writeln!(
        out,
        "{}: {} {} {head}{} advisories{}",
        p.paint(BOLD, &clean(&loc)),
        p.paint(BOLD, &clean(&first.code)),
        p.paint(severity_style(worst), &format!("[{worst}]")),
        group.len(),
        clean(&via)
    )?;
    for f in group {
        writeln!(
            out,
            "  - {} {}",
            p.paint(severity_style(f.severity), &format!("[{}]", f.severity)),
            indent_lines(&clean(&advisory_text(first, f)), "    ")
        )?;
        if opts.verbose {
            write_details(p, f, out)?;
        }
    }
    if opts.show_fixes
        && let Some(fix) = group.iter().find_map(|f| f.fix.as_ref())
    {
        write_fix_hint(p, fix, out)?;
    }
    Ok(())
}

/// One advisory of a group, without what the group's head says: `name version is affected by
/// ID (aliases): text [required by …]` → `ID (aliases): text`.
pub(crate) fn advisory_text(first: &Finding, f: &Finding) -> String {
    let mut text: &str = &f.message;
    if let Some(name) = first.location.package.as_deref() {
        let prefix = format!(
            "{name} {} is affected by ",
            first.location.version.as_deref().unwrap_or("")
        );
        text = text.strip_prefix(prefix.as_str()).unwrap_or(text);
    }
    if let Some(suffix) = parents_suffix(f) {
        text = text.strip_suffix(suffix.as_str()).unwrap_or(text);
    }
    text.to_string()
}

/// The fix's description and, if any, its command, terminal-safe; empty when it has neither.
pub(crate) fn fix_hint(fix: &pyward_core::Fix) -> String {
    let mut hint = clean(&fix.description).into_owned();
    if let Some(cmd) = &fix.command {
        if hint.is_empty() {
            hint = format!("run `{}`", clean(cmd));
        } else {
            hint.push_str(&format!(" (run `{}`)", clean(cmd)));
        }
    }
    hint
}

/// The `help:` line under a finding: the fix's description and, if any, its command.
fn write_fix_hint(p: &Painter, fix: &pyward_core::Fix, out: &mut dyn Write) -> io::Result<()> {
    let hint = fix_hint(fix);
    if !hint.is_empty() {
        writeln!(
            out,
            "  {} {}",
            p.paint(HELP, "help:"),
            indent_lines(&hint, "    ")
        )?;
    }
    Ok(())
}

/// The verbose lines under a finding: rule name, confidence, advisory IDs and other metadata.
fn write_details(p: &Painter, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
    let label = |s: &str| p.paint(DIM, s);
    writeln!(
        out,
        "  {} {}, {} {}",
        label("rule:"),
        clean(&finding.name),
        label("confidence:"),
        finding.confidence
    )?;
    if let Some(id) = advisory_id(finding) {
        let aliases = advisory_aliases(finding);
        if aliases.is_empty() {
            writeln!(out, "  {} {}", label("advisory:"), clean(id))?;
        } else {
            writeln!(
                out,
                "  {} {} ({})",
                label("advisory:"),
                clean(id),
                clean(&aliases.join(", "))
            )?;
        }
    }
    for (key, value) in &finding.metadata {
        // Package and version are part of the finding's line.
        if matches!(key.as_str(), "package" | "version") {
            continue;
        }
        if let Some(text) = metadata_text(value) {
            writeln!(
                out,
                "  {} {}",
                label(&format!("{}:", clean(key))),
                indent_lines(&clean(&text), "    ")
            )?;
        }
    }
    Ok(())
}

/// A metadata value as one line of text, or `None` when there is nothing to show.
pub(crate) fn metadata_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => Some(
            items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Object(map) if map.is_empty() => None,
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("a\u{1b}[31mb"), "a\\x1b[31mb");
        assert_eq!(clean("two\nlines"), "two\\nlines");
    }

    #[test]
    fn metadata_values_render_compactly() {
        assert_eq!(metadata_text(&Value::Null), None);
        assert_eq!(
            metadata_text(&serde_json::json!(["a", 1, true])).as_deref(),
            Some("a, 1, true")
        );
        assert_eq!(
            metadata_text(&serde_json::json!({"k": [1]})).as_deref(),
            Some("{\"k\":[1]}")
        );
    }
}
