//! SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! The log is streamed through `serde_json` (objects are ordered by key, so output is
//! deterministic): results are written one at a time, never collected into one tree, so a run
//! with a million findings costs little more memory than the report. Tests read it back through
//! `serde-sarif`'s typed model.
//!
//! Artifact URIs are relative to the repository root (`%SRCROOT%`, declared in
//! `originalUriBaseIds`) when [`RenderOptions::source_root`] is set, as GitHub code scanning
//! needs to place a result.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use pyward_core::finding::{Edit, SuppressionKind};
use pyward_core::fs::lexically_normal;
use pyward_core::{Confidence, Finding, Report, RuleMeta, Severity, Span};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

use crate::fingerprint::fingerprint_at;
use crate::summary::package_label;
use crate::{INFORMATION_URI, RenderOptions, TOOL_NAME};

/// The `$schema` of every log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The SARIF version written.
pub const VERSION: &str = "2.1.0";
/// The `uriBaseId` relative artifact locations are resolved against.
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of pyward's entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "pywardFingerprint/v2";

/// The SARIF `level` for a severity: critical and high are errors, medium a warning, the rest
/// notes.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info | Severity::Unknown => "note",
    }
}

/// The `security-severity` property GitHub code scanning ranks alerts by, as a numeric string.
/// Info and unknown have none, so GitHub falls back to the level.
pub fn security_severity(severity: Severity) -> Option<&'static str> {
    match severity {
        Severity::Critical => Some("9.5"),
        Severity::High => Some("8.0"),
        Severity::Medium => Some("5.5"),
        Severity::Low => Some("3.0"),
        Severity::Info | Severity::Unknown => None,
    }
}

fn precision(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// The complete SARIF log for `report`, with one run, as a value. [`render`] streams the same
/// document without building it; this is for callers that want to post-process the log.
pub fn to_value(report: &Report, opts: &RenderOptions) -> Value {
    serde_json::to_value(Log { report, opts }).unwrap_or(Value::Null)
}

/// Writes the log for `report` to `out`. The log is streamed: each result is built and written
/// in turn, so memory does not grow with the number of findings beyond the report itself.
pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Log { report, opts })?;
    writeln!(out)
}

/// One SARIF run for `report`. Exposed so a caller can put several reports in one log.
pub fn run(report: &Report, opts: &RenderOptions) -> Value {
    serde_json::to_value(Run::new(report, opts)).unwrap_or(Value::Null)
}

/// The log: `$schema`, `runs`, `version` (keys in the sorted order `serde_json` maps use, so
/// the streamed document is byte-for-byte what a `Value` would print).
struct Log<'a> {
    report: &'a Report,
    opts: &'a RenderOptions<'a>,
}

impl Serialize for Log<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("$schema", SCHEMA_URI)?;
        map.serialize_entry("runs", &[Run::new(self.report, self.opts)])?;
        map.serialize_entry("version", VERSION)?;
        map.end()
    }
}

struct Run<'a> {
    report: &'a Report,
    opts: &'a RenderOptions<'a>,
    base: UriBase,
}

impl<'a> Run<'a> {
    fn new(report: &'a Report, opts: &'a RenderOptions<'a>) -> Run<'a> {
        Run {
            report,
            opts,
            base: UriBase::new(opts),
        }
    }
}

impl Serialize for Run<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.report;
        let opts = self.opts;
        let base = &self.base;
        // One rule descriptor per rule code that appears in the results, ordered by code.
        let mut codes: BTreeMap<&str, &Finding> = BTreeMap::new();
        let all = report
            .findings
            .iter()
            .chain(report.suppressed.iter().map(|s| &s.finding));
        for f in all {
            codes.entry(f.code.as_str()).or_insert(f);
        }
        let index: BTreeMap<&str, usize> = codes.keys().enumerate().map(|(i, c)| (*c, i)).collect();
        let rules: Vec<Value> = codes
            .values()
            .map(|f| match opts.registry.get(&f.code) {
                Some(rule) if rule.code == f.code => rule_descriptor(rule),
                _ => unregistered_rule(f),
            })
            .collect();

        let mut notifications = Vec::new();
        for e in &report.errors {
            let mut n = json!({ "level": "error", "message": { "text": e.message } });
            if !e.path.is_empty() {
                n["locations"] = json!([{
                    "physicalLocation": { "artifactLocation": base.artifact_location(&e.path) }
                }]);
            }
            notifications.push(n);
        }
        for w in &report.warnings {
            notifications.push(json!({ "level": "warning", "message": { "text": w } }));
        }

        let mut properties = Map::new();
        properties.insert("command".into(), json!(report.command));
        if let Some(config) = &report.config {
            properties.insert("config".into(), json!(config));
        }
        properties.insert("inputs".into(), json!(report.inputs));
        if !report.stats.is_empty() {
            properties.insert("stats".into(), json!(report.stats));
        }

        let results = Results {
            report,
            index: &index,
            base,
        };
        let tool = json!({
            "driver": {
                "name": TOOL_NAME,
                "version": opts.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        });

        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(
            "automationDetails",
            &json!({ "id": format!("{TOOL_NAME}/{}/", report.command) }),
        )?;
        map.serialize_entry("columnKind", "unicodeCodePoints")?;
        map.serialize_entry(
            "invocations",
            &json!([{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }]),
        )?;
        if let Some(root_uri) = &base.root_uri {
            map.serialize_entry(
                "originalUriBaseIds",
                &json!({ SRCROOT: { "uri": root_uri } }),
            )?;
        }
        map.serialize_entry("properties", &properties)?;
        map.serialize_entry("results", &results)?;
        map.serialize_entry("tool", &tool)?;
        map.end()
    }
}

/// The results array, written one result at a time.
struct Results<'a> {
    report: &'a Report,
    index: &'a BTreeMap<&'a str, usize>,
    base: &'a UriBase,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = self.index;
        let base = self.base;
        let reported = self
            .report
            .findings
            .iter()
            .map(|f| result(f, index.get(f.code.as_str()).copied(), base));
        let suppressed = self.report.suppressed.iter().map(|s| {
            let mut r = result(
                &s.finding,
                index.get(s.finding.code.as_str()).copied(),
                base,
            );
            r["suppressions"] = json!([{
                "kind": suppression_kind(s.kind),
                "justification": s.reason,
            }]);
            r
        });
        serializer.collect_seq(reported.chain(suppressed))
    }
}

/// SARIF's suppression kind: `inSource` for a comment in the analysed file, `external` for a
/// configuration entry.
pub fn suppression_kind(kind: SuppressionKind) -> &'static str {
    match kind {
        SuppressionKind::InSource => "inSource",
        SuppressionKind::External => "external",
    }
}

/// The `reportingDescriptor` for a registered rule.
fn rule_descriptor(rule: &RuleMeta) -> Value {
    let docs = rule.docs.trim();
    let help = if docs.is_empty() { rule.summary } else { docs };
    let mut tags = vec![String::from("security"), rule.analyzer.to_string()];
    let mut properties = Map::new();
    if let Some(cwe) = rule.cwe {
        tags.push(format!("external/cwe/cwe-{cwe}"));
        properties.insert("cwe".into(), json!(format!("CWE-{cwe}")));
    }
    if let Some(bandit) = rule.bandit_id {
        properties.insert("bandit_id".into(), json!(bandit));
    }
    properties.insert("tags".into(), json!(tags));
    properties.insert("precision".into(), json!(precision(rule.confidence)));
    if let Some(score) = security_severity(rule.severity) {
        properties.insert("security-severity".into(), json!(score));
    }
    properties.insert("severity".into(), json!(rule.severity));
    properties.insert("analyzer".into(), json!(rule.analyzer));
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": first_paragraph(docs).unwrap_or(rule.summary) },
        "help": { "text": help, "markdown": help },
        "helpUri": rule.help_uri(),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": properties,
    })
}

/// A descriptor for a finding whose rule is not in the registry (should not happen, but the
/// log must still be valid).
fn unregistered_rule(f: &Finding) -> Value {
    let text = format!("{} ({})", f.name, f.code);
    let mut properties = Map::new();
    properties.insert("tags".into(), json!(["security"]));
    properties.insert("precision".into(), json!(precision(f.confidence)));
    if let Some(score) = security_severity(f.severity) {
        properties.insert("security-severity".into(), json!(score));
    }
    json!({
        "id": f.code,
        "name": f.name,
        "shortDescription": { "text": text },
        "help": { "text": text },
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": properties,
    })
}

/// The first prose paragraph of a rule's Markdown docs, skipping headings.
fn first_paragraph(docs: &str) -> Option<&str> {
    docs.split("\n\n").find_map(|p| {
        // Drop heading lines at the top of the block; a heading may directly precede its text.
        let mut text = p.trim();
        while text.starts_with('#') {
            text = text.split_once('\n').map_or("", |(_, rest)| rest).trim();
        }
        (!text.is_empty()).then_some(text)
    })
}

fn result(f: &Finding, rule_index: Option<usize>, base: &UriBase) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.code));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": f.message }));
    r.insert("locations".into(), json!([location(f, base)]));
    r.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint_at(f, base.repo_path(f).as_deref()) }),
    );
    if let Some(fix) = f.fix.as_ref().filter(|fix| !fix.edits.is_empty()) {
        r.insert(
            "fixes".into(),
            json!([{
                "description": { "text": fix.description },
                "artifactChanges": artifact_changes(&fix.edits, base),
            }]),
        );
    }

    let mut props = Map::new();
    props.insert("severity".into(), json!(f.severity));
    props.insert("confidence".into(), json!(f.confidence));
    if let Some(score) = security_severity(f.severity) {
        props.insert("security-severity".into(), json!(score));
    }
    if let Some(pkg) = &f.location.package {
        props.insert("package".into(), json!(pkg));
    }
    if let Some(version) = &f.location.version {
        props.insert("version".into(), json!(version));
    }
    if let Some(fix) = &f.fix {
        let mut fix_props = Map::new();
        fix_props.insert("description".into(), json!(fix.description));
        if let Some(cmd) = &fix.command {
            fix_props.insert("command".into(), json!(cmd));
        }
        props.insert("fix".into(), Value::Object(fix_props));
    }
    if let Some(advisory) = &f.advisory {
        props.insert("advisory".into(), json!(advisory));
    }
    if !f.metadata.is_empty() {
        props.insert("metadata".into(), json!(f.metadata));
    }
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}

/// `locations[0]` of a result.
fn location(f: &Finding, base: &UriBase) -> Value {
    let loc = &f.location;
    let mut out = Map::new();
    if let Some(path) = &loc.path {
        out.insert(
            "physicalLocation".into(),
            json!({
                "artifactLocation": base.artifact_location(path),
                "region": region(loc.span),
            }),
        );
    } else if let Some(url) = &loc.url {
        out.insert(
            "physicalLocation".into(),
            json!({ "artifactLocation": { "uri": url } }),
        );
    }
    let mut logical = Vec::new();
    if let Some(host) = &loc.host {
        logical.push(json!({ "name": host, "kind": "resource" }));
    }
    if let Some(label) = package_label(f) {
        logical.push(json!({
            "name": loc.package,
            "fullyQualifiedName": label,
            "kind": "module",
        }));
    }
    if !logical.is_empty() {
        out.insert("logicalLocations".into(), Value::Array(logical));
    }
    Value::Object(out)
}

/// A SARIF region for a span; line 1 when there is none. Lines and columns are 1-based and the
/// end is exclusive, as in SARIF.
fn region(span: Option<Span>) -> Value {
    let Some(span) = span else {
        return json!({ "startLine": 1 });
    };
    let start_line = span.start.line.max(1);
    let start_column = span.start.column.max(1);
    let mut r = Map::new();
    r.insert("startLine".into(), json!(start_line));
    r.insert("startColumn".into(), json!(start_column));
    let end = (span.end.line, span.end.column.max(1));
    if end >= (start_line, start_column) {
        r.insert("endLine".into(), json!(end.0));
        r.insert("endColumn".into(), json!(end.1));
    }
    Value::Object(r)
}

fn artifact_changes(edits: &[Edit], base: &UriBase) -> Vec<Value> {
    // Group replacements by file, in order of first appearance.
    let mut files: Vec<(&str, Vec<Value>)> = Vec::new();
    for e in edits {
        let replacement = json!({
            "deletedRegion": region(Some(e.span)),
            "insertedContent": { "text": e.replacement },
        });
        match files.iter_mut().find(|(p, _)| *p == e.path) {
            Some((_, list)) => list.push(replacement),
            None => files.push((&e.path, vec![replacement])),
        }
    }
    files
        .into_iter()
        .map(|(path, replacements)| {
            json!({ "artifactLocation": base.artifact_location(path), "replacements": replacements })
        })
        .collect()
}

/// An `artifactLocation` for a path or URL, without knowing where the repository is: relative
/// paths are taken as relative to `%SRCROOT%`, absolute paths become `file://` URIs and URLs
/// are kept as they are. [`render`] resolves paths against [`RenderOptions::source_root`]
/// instead when it is set.
pub fn artifact_location(path: &str) -> Value {
    UriBase::default().artifact_location(path)
}

/// How report paths become SARIF URIs: relative to the repository root (`%SRCROOT%`), which
/// `originalUriBaseIds` declares, so GitHub code scanning can place every result whatever
/// directory was scanned and wherever pyward ran.
#[derive(Debug, Default)]
struct UriBase {
    /// The absolute directory report paths are relative to.
    base_dir: Option<PathBuf>,
    /// The absolute repository root.
    root: Option<PathBuf>,
    /// `file:///…/` for `root`.
    root_uri: Option<String>,
}

impl UriBase {
    fn new(opts: &RenderOptions) -> UriBase {
        let Some(root) = opts.source_root else {
            return UriBase::default();
        };
        let root = lexically_normal(root);
        if !root.is_absolute() {
            return UriBase::default();
        }
        let mut root_uri = file_uri(&root);
        if !root_uri.ends_with('/') {
            root_uri.push('/');
        }
        UriBase {
            base_dir: opts.base_dir.map(lexically_normal),
            root: Some(root),
            root_uri: Some(root_uri),
        }
    }

    /// The finding's file relative to the repository root, when both are known: what the SARIF
    /// fingerprint hashes, so it is the same from whichever directory pyward ran.
    fn repo_path(&self, f: &Finding) -> Option<String> {
        let path = f.location.path.as_deref()?;
        let root = self.root.as_ref()?;
        if has_scheme(path) {
            return None;
        }
        let p = Path::new(path);
        let absolute = if p.is_absolute() {
            lexically_normal(p)
        } else {
            lexically_normal(&self.base_dir.as_ref()?.join(p))
        };
        let rel = absolute.strip_prefix(root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    fn artifact_location(&self, path: &str) -> Value {
        if let (Some(root), false) = (&self.root, has_scheme(path)) {
            let p = Path::new(path);
            let absolute = match (&self.base_dir, p.is_absolute()) {
                (_, true) => Some(lexically_normal(p)),
                (Some(base), false) => Some(lexically_normal(&base.join(p))),
                (None, false) => None,
            };
            if let Some(absolute) = absolute {
                return match absolute.strip_prefix(root) {
                    Ok(rel) if !rel.as_os_str().is_empty() => {
                        let rel = rel.to_string_lossy().replace('\\', "/");
                        json!({ "uri": percent_encode(&rel, false), "uriBaseId": SRCROOT })
                    }
                    _ => json!({ "uri": file_uri(&absolute) }),
                };
            }
        }
        let (uri, relative) = artifact_uri(path);
        if relative {
            json!({ "uri": uri, "uriBaseId": SRCROOT })
        } else {
            json!({ "uri": uri })
        }
    }
}

/// The `file://` URI of an absolute path.
fn file_uri(path: &Path) -> String {
    artifact_uri(&path.to_string_lossy()).0
}

/// The URI for a path, and whether it is relative to the scan root.
fn artifact_uri(path: &str) -> (String, bool) {
    if has_scheme(path) {
        return (path.to_string(), false);
    }
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        // A Windows drive path: C:/src/app.py.
        return (format!("file:///{}", percent_encode(&path, true)), false);
    }
    if path.starts_with('/') {
        return (format!("file://{}", percent_encode(&path, true)), false);
    }
    let mut rel = path.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    (percent_encode(rel, false), true)
}

/// `scheme://...`: a URL rather than a path.
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once("://") else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Percent-encodes everything but unreserved characters, `/` and the sub-delimiters. A colon is
/// only kept in absolute paths (`C:`); in a relative path it would read as a scheme.
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyward_core::Position;

    #[test]
    fn uris_are_relative_encoded_and_slash_separated() {
        assert_eq!(artifact_uri("src/app.py"), ("src/app.py".into(), true));
        assert_eq!(
            artifact_uri("./my dir\\ünï.py"),
            ("my%20dir/%C3%BCn%C3%AF.py".into(), true)
        );
        assert_eq!(artifact_uri("a:b#c?.py"), ("a%3Ab%23c%3F.py".into(), true));
        assert_eq!(
            artifact_uri("/srv/app/settings.py"),
            ("file:///srv/app/settings.py".into(), false)
        );
        assert_eq!(
            artifact_uri("C:\\src\\x.py"),
            ("file:///C:/src/x.py".into(), false)
        );
        assert_eq!(
            artifact_uri("https://example.com/a b"),
            ("https://example.com/a b".into(), false)
        );
    }

    #[test]
    fn regions_never_start_before_line_one() {
        assert_eq!(region(None), json!({"startLine": 1}));
        let zero = Span {
            start: Position { line: 0, column: 0 },
            end: Position { line: 0, column: 0 },
        };
        assert_eq!(
            region(Some(zero)),
            json!({"startLine": 1, "startColumn": 1})
        );
        assert_eq!(
            region(Some(Span::on_line(4, 2, 3))),
            json!({"startLine": 4, "startColumn": 2, "endLine": 4, "endColumn": 5})
        );
    }

    #[test]
    fn levels_and_scores_follow_severity() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Unknown), "note");
        assert_eq!(security_severity(Severity::Critical), Some("9.5"));
        assert_eq!(security_severity(Severity::Low), Some("3.0"));
        assert_eq!(security_severity(Severity::Info), None);
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let docs = "## What it does\nChecks for `eval`.\n\n## Why is this bad\nIt runs code.";
        assert_eq!(first_paragraph(docs), Some("Checks for `eval`."));
        let docs = "## What it does\n\nChecks for `exec`.\n\nMore.";
        assert_eq!(first_paragraph(docs), Some("Checks for `exec`."));
        assert_eq!(first_paragraph(""), None);
    }
}
