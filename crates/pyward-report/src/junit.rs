//! JUnit XML, the test-report format CI systems (GitLab, Jenkins, Azure DevOps, GitHub test
//! reporter actions) display.
//!
//! One `<testsuite>` per area (`deps`, `code`, `config`…; a single-analyzer command has one),
//! one `<testcase>` per rule and place: `classname` is `CODE rule-name`, `name` the location.
//! Findings at or above `--fail-on` make their test case a `<failure>`; findings below it leave it
//! passed, with the findings in `<system-out>` so the viewer still shows them. Inputs that could
//! not be audited are `<error>` test cases of the `errors` suite. Every string is escaped, and
//! characters XML 1.0 does not allow are dropped.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use pyward_core::{Finding, Report, Severity};

use crate::RenderOptions;

/// One test case: the findings of one rule at one place.
struct Case<'r> {
    classname: String,
    name: String,
    file: Option<&'r str>,
    line: Option<u32>,
    findings: Vec<&'r Finding>,
}

/// The test cases of one suite, keyed by (classname, name) so equal places merge.
type Suite<'r> = BTreeMap<(String, String), Case<'r>>;

pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut suites: BTreeMap<String, Suite<'_>> = BTreeMap::new();
    for f in &report.findings {
        let area = opts
            .registry
            .get(&f.code)
            .map(|r| r.analyzer.to_string())
            .unwrap_or_else(|| report.command.clone());
        let classname = format!("{} {}", f.code, f.name);
        let name = place(f);
        suites
            .entry(area)
            .or_default()
            .entry((classname.clone(), name.clone()))
            .or_insert_with(|| Case {
                classname,
                name,
                file: f.location.path.as_deref(),
                line: f.location.line(),
                findings: Vec::new(),
            })
            .findings
            .push(f);
    }
    let failing = |f: &Finding| f.severity.effective(opts.unknown_severity) >= opts.fail_on;
    let is_failure = |c: &Case<'_>| c.findings.iter().any(|f| failing(f));

    let mut body = String::new();
    let (mut tests, mut failures) = (0usize, 0usize);
    for (area, cases) in &suites {
        let suite_failures = cases.values().filter(|c| is_failure(c)).count();
        tests += cases.len();
        failures += suite_failures;
        let _ = writeln!(
            body,
            "  <testsuite name=\"pyward {}\" tests=\"{}\" failures=\"{suite_failures}\" \
             errors=\"0\" skipped=\"0\" time=\"0\">",
            attr(area),
            cases.len(),
        );
        for case in cases.values() {
            write_case(&mut body, case, is_failure(case), opts, &failing);
        }
        body.push_str("  </testsuite>\n");
    }
    let errors = report.errors.len();
    if errors > 0 {
        tests += errors;
        let _ = writeln!(
            body,
            "  <testsuite name=\"pyward errors\" tests=\"{errors}\" failures=\"0\" \
             errors=\"{errors}\" skipped=\"0\" time=\"0\">"
        );
        for e in &report.errors {
            let name = if e.path.is_empty() {
                "<input>"
            } else {
                &e.path
            };
            let _ = writeln!(
                body,
                "    <testcase classname=\"pyward.error\" name=\"{}\" time=\"0\">\n      \
                 <error message=\"{}\" type=\"error\">{}</error>\n    </testcase>",
                attr(name),
                attr(&e.message),
                text(&e.message),
            );
        }
        body.push_str("  </testsuite>\n");
    }
    let mut doc = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        doc,
        "<testsuites name=\"pyward {}\" tests=\"{tests}\" failures=\"{failures}\" \
         errors=\"{errors}\" skipped=\"0\" time=\"0\">",
        attr(&report.command),
    );
    doc.push_str(&body);
    doc.push_str("</testsuites>\n");
    out.write_all(doc.as_bytes())
}

fn write_case(
    out: &mut String,
    case: &Case<'_>,
    failure: bool,
    opts: &RenderOptions,
    failing: &dyn Fn(&Finding) -> bool,
) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\"",
        attr(&case.classname),
        attr(&case.name)
    );
    if let Some(file) = case.file {
        let _ = write!(out, " file=\"{}\"", attr(file));
    }
    if let Some(line) = case.line {
        let _ = write!(out, " line=\"{line}\"");
    }
    out.push_str(" time=\"0\">\n");
    let details: String = case
        .findings
        .iter()
        .map(|f| describe(f, opts))
        .collect::<Vec<_>>()
        .join("\n");
    if failure {
        let failing_findings: Vec<&&Finding> =
            case.findings.iter().filter(|f| failing(f)).collect();
        let worst = failing_findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Unknown);
        let message = match failing_findings.as_slice() {
            [one] => one.message.clone(),
            many => format!(
                "{} findings at or above {}: {}",
                many.len(),
                opts.fail_on,
                many.first().map(|f| f.message.as_str()).unwrap_or_default()
            ),
        };
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            attr(&message),
            worst,
            text(&details)
        );
    } else {
        let note = format!("below --fail-on {}:\n{details}", opts.fail_on);
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&note));
    }
    out.push_str("    </testcase>\n");
}

/// The test case name: the location, with the package for dependency findings.
fn place(f: &Finding) -> String {
    let loc = &f.location;
    let shown = loc.display();
    match (&loc.package, &loc.version) {
        (Some(p), Some(v)) => format!("{shown} ({p}=={v})"),
        (Some(p), None) => format!("{shown} ({p})"),
        _ => shown,
    }
}

/// One finding in a failure or note body.
fn describe(f: &Finding, opts: &RenderOptions) -> String {
    let mut s = format!(
        "{}: {} [{}] {}",
        f.location.display(),
        f.code,
        f.severity,
        f.message
    );
    if opts.show_fixes
        && let Some(fix) = &f.fix
    {
        let _ = write!(s, "\nhelp: {}", fix.description);
    }
    if let Some(advisory) = &f.advisory {
        for r in advisory.references.iter().take(3) {
            let _ = write!(s, "\nsee: {r}");
        }
    }
    s
}

/// Whether XML 1.0 allows the character at all.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Element text: markup characters escaped, disallowed characters dropped.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // `\r` would be normalised away by the parser.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value (always written in double quotes): as [`text`], plus quotes and the
/// whitespace an XML parser would otherwise normalise to spaces.
pub(crate) fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(
            text("a<b>&c\u{1b}[31m\u{0}\u{FFFE}ok\r"),
            "a&lt;b&gt;&amp;c[31mok&#13;"
        );
        assert_eq!(
            attr("\"x\"\n'y'\t\u{7}"),
            "&quot;x&quot;&#10;&apos;y&apos;&#9;"
        );
        assert_eq!(text("héllo 😀"), "héllo 😀");
    }
}
