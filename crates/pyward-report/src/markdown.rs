//! The Markdown format: a GitHub-flavoured report for PR comments and `$GITHUB_STEP_SUMMARY`.
//!
//! Everything taken from the report is escaped: every ASCII punctuation character is
//! backslash-escaped (no raw HTML, no links, images, emphasis, headings or table breaks from
//! scanned content), control and bidi characters are shown as escapes, and line breaks never
//! reach the output raw. Code spans use a fence longer than any backtick run inside them.
//!
//! Layout: the summary line and one table of findings by area and severity, then errors, then
//! one collapsible section (`<details>`) per area (dependencies, code, configuration, …) with its
//! findings table, then fixes, warnings and (with `--verbose`) suppressed findings.
//!
//! The document stays under [`MARKDOWN_LIMIT`] characters (GitHub's comment limit): the
//! summary comes first, then the sections while they fit, and a note says how many items were
//! left out.

use std::fmt::Write as _;
use std::io::{self, Write};

use pyward_core::{Finding, Report, Severity};

use crate::RenderOptions;
use crate::areas::{areas_run, findings_by_area};
use crate::safe::terminal_safe;
use crate::summary::{
    self, DESCENDING, SeverityCounts, config_line, package_label, plural, summary_line,
};

/// GitHub's limit on the body of an issue or pull-request comment, in characters.
pub const MARKDOWN_LIMIT: usize = 65_536;

/// Room kept for the truncation note and the footer.
const RESERVE: usize = 1_024;

/// A document under construction with a byte budget (bytes ≥ characters, so staying under it in
/// bytes stays under it in characters).
struct Doc {
    text: String,
    /// Where items stop being added.
    budget: usize,
}

impl Doc {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// Adds `lines` only if they fit.
    fn try_lines(&mut self, lines: &str) -> bool {
        if self.text.len() + lines.len() > self.budget {
            return false;
        }
        self.text.push_str(lines);
        true
    }
}

/// A section of items: written with its heading while items fit.
struct Section<'a> {
    /// `(singular, plural)` for the truncation note.
    noun: (&'a str, &'a str),
    head: String,
    items: Vec<String>,
    tail: &'a str,
}

pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let limit = opts.markdown_limit.unwrap_or(usize::MAX);
    let mut doc = Doc {
        text: String::new(),
        budget: limit.saturating_sub(RESERVE),
    };
    let title = if report.command.is_empty() {
        String::from("pyward report")
    } else {
        format!("pyward {} report", text(&report.command))
    };
    doc.line(&format!("## {title}"));
    doc.line("");
    // pyward's own words and numbers: nothing to escape.
    doc.line(&summary_line(report));
    if let Some(line) = config_line(report) {
        doc.line("");
        doc.line(&text(&line));
    }

    let scores = crate::areas::probe_scores(report);
    if !scores.is_empty() {
        doc.line("");
        doc.line("| Origin | Score | Grade |");
        doc.line("| --- | --- | --- |");
        for (origin, score) in scores {
            doc.line(&format!(
                "| {} | {score}/100 | {} |",
                code(origin),
                crate::areas::grade(score)
            ));
        }
    }

    let areas = findings_by_area(report, opts.registry, &areas_run(report));
    let counts = SeverityCounts::of(&report.findings);
    if counts.total() > 0 {
        doc.line("");
        for line in summary_table(&areas, &counts) {
            doc.line(&line);
        }
    }

    let mut sections = Vec::new();
    sections.push(Section {
        noun: ("error", "errors"),
        head: "\n### Errors\n\n".into(),
        items: report
            .errors
            .iter()
            .map(|e| {
                if e.path.is_empty() {
                    format!("- {}\n", text(&e.message))
                } else {
                    format!("- {}: {}\n", code(&e.path), text(&e.message))
                }
            })
            .collect(),
        tail: "",
    });
    for (area, findings) in &areas {
        if findings.is_empty() {
            continue;
        }
        let by: Vec<String> = SeverityCounts::of(findings.iter().copied())
            .non_zero()
            .map(|(s, n)| format!("{n} {}", s.as_str()))
            .collect();
        sections.push(Section {
            noun: ("finding", "findings"),
            head: format!(
                "\n<details><summary><b>{}</b>: {} ({})</summary>\n\n\
                 | Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n",
                area_label(area),
                plural(findings.len(), "finding", "findings"),
                by.join(", ")
            ),
            items: findings
                .iter()
                .map(|f| {
                    format!(
                        "| {} | {} | {} | {} |\n",
                        severity_cell(f.severity),
                        rule_cell(f, opts),
                        code_cell(&location_label(f)),
                        message(f)
                    )
                })
                .collect(),
            tail: "\n</details>\n",
        });
    }
    if opts.show_fixes {
        // In the order of the sections above.
        let items = areas
            .iter()
            .flat_map(|(_, findings)| findings.iter().copied())
            .filter_map(|f| {
                let fix = f.fix.as_ref()?;
                if fix.description.is_empty() && fix.command.is_none() {
                    return None;
                }
                let mut line = format!("- {} at {}:", code(&f.code), code(&location_label(f)));
                if !fix.description.is_empty() {
                    line.push(' ');
                    line.push_str(&text(&fix.description));
                }
                if let Some(cmd) = &fix.command {
                    let _ = write!(line, " (run {})", code(cmd));
                }
                line.push('\n');
                Some(line)
            })
            .collect();
        sections.push(Section {
            noun: ("fix", "fixes"),
            head: "\n### Fixes\n\n".into(),
            items,
            tail: "",
        });
    }
    sections.push(Section {
        noun: ("warning", "warnings"),
        head: "\n### Warnings\n\n".into(),
        items: report
            .warnings
            .iter()
            .map(|w| format!("- {}\n", text(w)))
            .collect(),
        tail: "",
    });
    if opts.verbose {
        sections.push(Section {
            noun: ("suppressed finding", "suppressed findings"),
            head: format!(
                "\n<details><summary>{}</summary>\n\n| Rule | Location | Message | Reason |\n| --- | --- | --- | --- |\n",
                plural(
                    report.suppressed.len(),
                    "suppressed finding",
                    "suppressed findings"
                )
            ),
            items: report
                .suppressed
                .iter()
                .map(|s| {
                    let f = &s.finding;
                    format!(
                        "| {} | {} | {} | {} |\n",
                        rule_cell(f, opts),
                        code_cell(&location_label(f)),
                        message(f),
                        text(&s.reason)
                    )
                })
                .collect(),
            tail: "\n</details>\n",
        });
    }

    // What was left out, by noun, in the order first met.
    let mut left_out: Vec<((&str, &str), usize)> = Vec::new();
    for section in sections {
        if section.items.is_empty() {
            continue;
        }
        let mut written = 0;
        if doc.try_lines(&section.head) {
            for item in &section.items {
                if !doc.try_lines(item) {
                    break;
                }
                written += 1;
            }
            if written == 0 {
                // A heading with nothing under it: take it back.
                let len = doc.text.len() - section.head.len();
                doc.text.truncate(len);
            } else {
                doc.text.push_str(section.tail);
            }
        }
        let omitted = section.items.len() - written;
        if omitted > 0 {
            match left_out.iter_mut().find(|(noun, _)| *noun == section.noun) {
                Some((_, n)) => *n += omitted,
                None => left_out.push((section.noun, omitted)),
            }
        }
    }
    if !left_out.is_empty() {
        let left_out: Vec<String> = left_out
            .into_iter()
            .map(|((one, many), n)| plural(n, one, many))
            .collect();
        doc.line("");
        doc.line(&format!(
            "> **Truncated:** {} not shown, to stay under GitHub's {} character comment limit. \
             The JSON or SARIF report (`-f json`, `-f sarif`) has everything.",
            left_out.join(", "),
            MARKDOWN_LIMIT
        ));
    }

    doc.line("");
    // The version is pyward's own (`CARGO_PKG_VERSION`), not scanned content.
    doc.line(&format!(
        "<sub>Generated by pyward {}</sub>",
        opts.tool_version
    ));
    out.write_all(doc.text.as_bytes())
}

/// The table of findings by area (rows) and severity (the columns with any findings), with a
/// total row and column.
fn summary_table(areas: &[(String, Vec<&Finding>)], total: &SeverityCounts) -> Vec<String> {
    let columns: Vec<Severity> = DESCENDING
        .into_iter()
        .filter(|s| total.get(*s) > 0)
        .collect();
    let mut lines = Vec::new();
    let mut head = String::from("| Area |");
    let mut rule = String::from("| --- |");
    for s in &columns {
        let name = s.as_str();
        let _ = write!(head, " {}{} |", name[..1].to_ascii_uppercase(), &name[1..]);
        rule.push_str(" ---: |");
    }
    lines.push(head + " Total |");
    lines.push(rule + " ---: |");
    let row = |label: String, counts: &SeverityCounts| {
        let mut line = format!("| {label} |");
        for s in &columns {
            let _ = write!(line, " {} |", counts.get(*s));
        }
        let _ = write!(line, " {} |", counts.total());
        line
    };
    for (area, findings) in areas {
        lines.push(row(
            area_label(area),
            &SeverityCounts::of(findings.iter().copied()),
        ));
    }
    lines.push(row("**Total**".into(), total));
    lines
}

/// An area's name for people. Area names are pyward's analyzer names, not scanned content; an
/// unknown one keeps only its letters and digits.
fn area_label(area: &str) -> String {
    match area {
        "deps" => "Dependencies".into(),
        "code" => "Code".into(),
        "config" => "Configuration".into(),
        "probe" => "Live probes".into(),
        "host" => "Host".into(),
        "image" => "Container image".into(),
        "other" => "Other".into(),
        other => other.chars().filter(char::is_ascii_alphanumeric).collect(),
    }
}

fn severity_cell(severity: Severity) -> String {
    let name = severity.as_str();
    let mut label = name[..1].to_ascii_uppercase();
    label.push_str(&name[1..]);
    if severity >= Severity::High {
        format!("**{label}**")
    } else {
        label
    }
}

/// `[DEP001](help-uri "vulnerable-dependency")`, or the plain code for an unregistered rule.
fn rule_cell(f: &Finding, opts: &RenderOptions) -> String {
    match opts.registry.get(&f.code) {
        Some(rule) if rule.code == f.code => format!(
            "[{}]({} \"{}\")",
            text(&f.code),
            rule.help_uri(),
            text(rule.name)
        ),
        _ => code_cell(&f.code),
    }
}

fn location_label(f: &Finding) -> String {
    summary::location_label(f).0
}

/// The message, prefixed with `package==version` for dependency findings whose message does not
/// start with the package's name, escaped.
fn message(f: &Finding) -> String {
    let message = text(&f.message);
    match package_label(f) {
        Some(pkg)
            if (f.location.path.is_some() || f.location.url.is_some())
                && !summary::message_names_package(f) =>
        {
            format!("{}: {message}", code_cell(&pkg))
        }
        _ => message,
    }
}

/// Untrusted text as inert Markdown, on one line: control and bidi characters shown as escapes
/// (so a line break is `\n`, not a new paragraph, list item or table row) and every ASCII
/// punctuation character backslash-escaped (so `<b>`, `[x](y)`, `![x](y)`, `*`, `#`, `|`, `&amp;`
/// and autolinks stay literal text). Safe in table cells.
fn text(s: &str) -> String {
    let s = terminal_safe(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An inline code span that survives backticks in its content; control and bidi characters
/// shown as escapes.
fn code(s: &str) -> String {
    let s = terminal_safe(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if s.starts_with('`') || s.ends_with('`') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// A code span inside a table cell: GitHub needs pipes escaped even inside code spans.
fn code_cell(s: &str) -> String {
    code(s).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_escaped() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(code_cell("x|y"), "`x\\|y`");
        assert_eq!(text("one\ntwo"), "one\\\\ntwo");
        assert_eq!(text("*bold* <b>"), "\\*bold\\* \\<b\\>");
        assert_eq!(text("[x](http://e)"), "\\[x\\]\\(http\\:\\/\\/e\\)");
        assert_eq!(text("&amp; @user #1"), "\\&amp\\; \\@user \\#1");
        assert_eq!(text("a\u{202e}b"), "a\\\\u\\{202e\\}b");
        assert!(!code("a\nb\u{1b}").contains(['\n', '\u{1b}']));
    }

    #[test]
    fn code_spans_outgrow_inner_backticks() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
    }
}
