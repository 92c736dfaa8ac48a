//! Report emitters for pyward: every command renders its [`Report`] through [`render`].
//!
//! Eight formats are supported:
//!
//! - [`Format::Text`]: findings grouped by file, each with a code frame of its lines (a caret
//!   underline under the span), severity, rule, fix hint and the rule's doc link; optional
//!   colour and a summary. For terminals.
//! - [`Format::Concise`]: one line per finding (`path:line:col: CODE [severity] message`), with
//!   the same fix hints and summary. For terminals, editors and grep.
//! - [`Format::Json`]: a versioned schema ([`json::SCHEMA_VERSION`]), documented in
//!   `docs/json-output.md`. For scripts.
//! - [`Format::Sarif`]: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//! - [`Format::Markdown`]: a GitHub-flavoured report for PR comments and `$GITHUB_STEP_SUMMARY`.
//! - [`Format::Junit`]: JUnit XML for CI test-report viewers, one test case per rule and place.
//! - [`Format::Cyclonedx`]: a CycloneDX 1.6 JSON SBOM of the audited dependencies.
//! - [`Format::Html`]: one self-contained page (inline SVG charts, a filterable findings table
//!   with code frames and rule docs, a strict Content-Security-Policy) to read or hand on.
//!
//! Emitters never reorder anything: the caller calls [`Report::normalize`] first. Maps are
//! ordered, so the same report always renders to the same bytes.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

use pyward_core::{Registry, Report, Severity};

mod areas;
mod concise;
pub mod cyclonedx;
mod fingerprint;
mod html;
pub mod json;
mod junit;
mod markdown;
pub mod safe;
pub mod sarif;
mod source;
mod summary;
mod text;

pub use fingerprint::fingerprint;
pub use markdown::MARKDOWN_LIMIT;
pub use safe::terminal_safe;
pub use source::{Frame, MAX_FRAME_LINES, SourceLookup, frame};
pub use summary::SeverityCounts;

/// The name every emitter reports for the tool.
pub const TOOL_NAME: &str = "pyward";
/// The project home page, used as SARIF `informationUri`.
pub const INFORMATION_URI: &str = "https://github.com/pyward/pyward";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Text,
    Concise,
    Json,
    Sarif,
    Markdown,
    Junit,
    Cyclonedx,
    Html,
}

impl Format {
    /// Every format, in the order they are listed in help texts.
    pub const ALL: [Format; 8] = [
        Format::Text,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Markdown,
        Format::Junit,
        Format::Cyclonedx,
        Format::Html,
    ];

    /// The name used on the command line and in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Markdown => "markdown",
            Format::Junit => "junit",
            Format::Cyclonedx => "cyclonedx",
            Format::Html => "html",
        }
    }

    /// The usual file extension for this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text | Format::Concise => "txt",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Markdown => "md",
            Format::Junit => "xml",
            Format::Cyclonedx => "cdx.json",
            Format::Html => "html",
        }
    }

    /// Whether the format can carry ANSI colour.
    pub fn supports_color(self) -> bool {
        matches!(self, Format::Text | Format::Concise)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown output format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown output format `{0}` (expected one of: text, concise, json, sarif, markdown, junit, \
     cyclonedx, html)"
)]
pub struct ParseFormatError(pub String);

impl FromStr for Format {
    type Err = ParseFormatError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "concise" => Ok(Format::Concise),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "markdown" | "md" => Ok(Format::Markdown),
            "junit" => Ok(Format::Junit),
            "cyclonedx" | "cdx" => Ok(Format::Cyclonedx),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(ParseFormatError(s.to_string())),
        }
    }
}

/// How to render a report.
#[derive(Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Emit ANSI colour (text and concise formats only; other formats ignore it).
    pub color: bool,
    /// Show confidence and finding metadata (text, concise), and suppressed findings (text,
    /// concise, markdown).
    pub verbose: bool,
    /// The rules, for SARIF rule descriptors and documentation links.
    pub registry: &'a Registry,
    /// pyward's version, written into JSON and SARIF output.
    pub tool_version: &'a str,
    /// Print fix hints (`help: upgrade django to 4.2.16`) in text and markdown.
    pub show_fixes: bool,
    /// Text and concise formats: findings and errors only, no warnings and no summary line.
    pub quiet: bool,
    /// The absolute directory relative report paths are relative to (the current directory).
    pub base_dir: Option<&'a Path>,
    /// The absolute repository root: SARIF URIs are made relative to it (`%SRCROOT%`, declared
    /// in `originalUriBaseIds`). Without it, relative paths are written as they are.
    pub source_root: Option<&'a Path>,
    /// Markdown: the most characters to write ([`MARKDOWN_LIMIT`], GitHub's comment limit, by
    /// default); findings past it are left out with a note saying how many. `None`: no limit.
    pub markdown_limit: Option<usize>,
    /// Where code frames come from (text and HTML). `None`: no frames.
    pub sources: Option<&'a dyn SourceLookup>,
    /// JUnit: findings at or above this severity are failures, the others pass with a note.
    pub fail_on: Severity,
    /// JUnit: what an `unknown` severity counts as against `fail_on`.
    pub unknown_severity: Severity,
}

impl<'a> RenderOptions<'a> {
    /// Options with colour and verbosity off and fix hints on.
    pub fn new(registry: &'a Registry, tool_version: &'a str) -> RenderOptions<'a> {
        RenderOptions {
            color: false,
            verbose: false,
            registry,
            tool_version,
            quiet: false,
            show_fixes: true,
            base_dir: None,
            source_root: None,
            markdown_limit: Some(MARKDOWN_LIMIT),
            sources: None,
            fail_on: Severity::Low,
            unknown_severity: Severity::High,
        }
    }
}

/// Renders `report` in `format` to `out`.
///
/// Every string of the report goes through [`pyward_secrets::redact_report`] first. The only
/// errors are the writer's own I/O errors.
pub fn render(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The last line of defence: whatever an analyzer let through, no URL credentials and no
    // provider-format secret reach the output.
    let mut report = report.clone();
    pyward_secrets::redact_report(&mut report);
    let report = &report;
    match format {
        Format::Text => text::render(report, opts, out),
        Format::Concise => concise::render(report, opts, out),
        Format::Json => json::render(report, opts, out),
        Format::Sarif => sarif::render(report, opts, out),
        Format::Markdown => markdown::render(report, opts, out),
        Format::Junit => junit::render(report, opts, out),
        Format::Cyclonedx => cyclonedx::render(report, opts, out),
        Format::Html => html::render(report, opts, out),
    }
}

/// Renders `report` in `format` into a string.
pub fn render_to_string(report: &Report, format: Format, opts: &RenderOptions) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail, and every emitter writes valid UTF-8.
    let _ = render(report, format, opts, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>().unwrap(), f);
        }
        assert_eq!("MD".parse::<Format>().unwrap(), Format::Markdown);
        let err = "xml".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown output format `xml` (expected one of: text, concise, json, sarif, markdown, \
             junit, cyclonedx, html)"
        );
    }
}
