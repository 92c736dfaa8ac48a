//! The JSON format, schema version [`SCHEMA_VERSION`], documented in `docs/json-output.md`.
//!
//! [`JsonOutput`] is both what the emitter writes and what a consumer (a baseline loader, a
//! script written in Rust) reads back. Top-level keys come in the order of the struct fields;
//! maps (`metadata`, `stats`) are ordered by key, so output is byte-for-byte deterministic.

use std::collections::BTreeMap;
use std::io::{self, Write};

use pyward_core::finding::{Suppressed, SuppressionKind};
use pyward_core::{ConfigUsed, Finding, Report, ScanError, Severity, Skipped};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::summary::SeverityCounts;
use crate::{RenderOptions, TOOL_NAME, fingerprint};

/// The JSON schema version. Additive changes keep it; removing or renaming a field, or changing
/// a field's type or meaning, bumps it.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonOutput {
    pub schema_version: u32,
    pub tool: Tool,
    /// The command that produced the report (`deps`, `code`, …).
    pub command: String,
    /// The configuration the run used: its file (`null` for defaults) and how it was chosen
    /// (`default`, `discovered`, `flag`, `env`, `isolated`).
    #[serde(default)]
    pub config: Option<ConfigUsed>,
    pub summary: Summary,
    pub findings: Vec<JsonFinding>,
    pub errors: Vec<ScanError>,
    pub warnings: Vec<String>,
    pub suppressed: Vec<JsonSuppressed>,
    pub inputs: Vec<String>,
    /// Files left out with the reason (too large, outside the scanned root, not a regular
    /// file); absent when none were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
    #[serde(default)]
    pub stats: BTreeMap<String, Value>,
}

/// Which tool wrote the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// Counts, so a consumer need not walk the arrays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of reported findings (suppressed ones excluded).
    pub total: usize,
    /// Reported findings per severity; every severity is always present.
    pub by_severity: SeverityCounts,
    /// The highest severity among reported findings, `null` when there are none.
    pub max_severity: Option<Severity>,
    pub errors: usize,
    pub warnings: usize,
    pub suppressed: usize,
    pub inputs: usize,
}

/// A [`Finding`] with its stable fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFinding {
    #[serde(flatten)]
    pub finding: Finding,
    /// See [`crate::fingerprint`]: stable across line moves.
    pub fingerprint: String,
}

impl From<&Finding> for JsonFinding {
    fn from(finding: &Finding) -> JsonFinding {
        JsonFinding {
            fingerprint: fingerprint(finding),
            finding: finding.clone(),
        }
    }
}

/// A finding that a suppression (an ignore entry, an inline comment) kept out of the results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSuppressed {
    pub finding: JsonFinding,
    pub reason: String,
    /// `in-source` (a comment in the file) or `external` (a config ignore entry).
    #[serde(default)]
    pub kind: SuppressionKind,
}

impl JsonOutput {
    /// The document for `report`.
    pub fn from_report(report: &Report, opts: &RenderOptions) -> JsonOutput {
        // Keep in step with `render`, which writes the same document without this copy.
        let by_severity = SeverityCounts::of(&report.findings);
        JsonOutput {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: TOOL_NAME.to_string(),
                version: opts.tool_version.to_string(),
            },
            command: report.command.clone(),
            config: report.config.clone(),
            summary: Summary {
                total: report.findings.len(),
                by_severity,
                max_severity: report.findings.iter().map(|f| f.severity).max(),
                errors: report.errors.len(),
                warnings: report.warnings.len(),
                suppressed: report.suppressed.len(),
                inputs: report.inputs.len(),
            },
            findings: report.findings.iter().map(JsonFinding::from).collect(),
            errors: report.errors.clone(),
            warnings: report.warnings.clone(),
            suppressed: report
                .suppressed
                .iter()
                .map(|s: &Suppressed| JsonSuppressed {
                    finding: JsonFinding::from(&s.finding),
                    reason: s.reason.clone(),
                    kind: s.kind,
                })
                .collect(),
            inputs: report.inputs.clone(),
            skipped: report.skipped.clone(),
            stats: report.stats.clone(),
        }
    }
}

/// [`JsonOutput`] borrowing the report: the same document, field for field, written without
/// copying the findings.
#[derive(Serialize)]
struct JsonOutputRef<'a> {
    schema_version: u32,
    tool: Tool,
    command: &'a str,
    config: &'a Option<ConfigUsed>,
    summary: Summary,
    findings: Findings<'a>,
    errors: &'a [ScanError],
    warnings: &'a [String],
    suppressed: SuppressedList<'a>,
    inputs: &'a [String],
    #[serde(skip_serializing_if = "<[Skipped]>::is_empty")]
    skipped: &'a [Skipped],
    stats: &'a BTreeMap<String, Value>,
}

#[derive(Serialize)]
struct JsonFindingRef<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    fingerprint: String,
}

struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|finding| JsonFindingRef {
            finding,
            fingerprint: fingerprint(finding),
        }))
    }
}

struct SuppressedList<'a>(&'a [Suppressed]);

impl Serialize for SuppressedList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Item<'a> {
            finding: JsonFindingRef<'a>,
            reason: &'a str,
            kind: SuppressionKind,
        }
        serializer.collect_seq(self.0.iter().map(|s| Item {
            finding: JsonFindingRef {
                finding: &s.finding,
                fingerprint: fingerprint(&s.finding),
            },
            reason: &s.reason,
            kind: s.kind,
        }))
    }
}

/// Writes the document, streaming the findings rather than building a [`JsonOutput`] copy.
pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonOutputRef {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: TOOL_NAME.to_string(),
            version: opts.tool_version.to_string(),
        },
        command: &report.command,
        config: &report.config,
        summary: Summary {
            total: report.findings.len(),
            by_severity: SeverityCounts::of(&report.findings),
            max_severity: report.findings.iter().map(|f| f.severity).max(),
            errors: report.errors.len(),
            warnings: report.warnings.len(),
            suppressed: report.suppressed.len(),
            inputs: report.inputs.len(),
        },
        findings: Findings(&report.findings),
        errors: &report.errors,
        warnings: &report.warnings,
        suppressed: SuppressedList(&report.suppressed),
        inputs: &report.inputs,
        skipped: &report.skipped,
        stats: &report.stats,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
