//! The end-of-run table of a multi-analyzer report (`pyward scan`): findings by area and
//! severity, and, with `--verbose`, the slowest analyzer and the baseline entries that no
//! longer match.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pyward_core::{Registry, Report};
use serde_json::Value;

use crate::summary::{DESCENDING, SeverityCounts};

/// The analyzers a report's findings came from, each with its counts, in the order
/// `areas` lists them (unknown codes count under `other`).
fn counts_by_area(
    report: &Report,
    registry: &Registry,
    areas: &[&str],
) -> Vec<(String, SeverityCounts)> {
    let mut by: BTreeMap<String, Vec<&pyward_core::Finding>> = BTreeMap::new();
    for f in &report.findings {
        let area = registry
            .get(&f.code)
            .map(|r| r.analyzer.to_string())
            .unwrap_or_else(|| "other".to_string());
        by.entry(area).or_default().push(f);
    }
    let mut rows: Vec<(String, SeverityCounts)> = areas
        .iter()
        .map(|a| {
            let findings = by.remove(*a).unwrap_or_default();
            (a.to_string(), SeverityCounts::of(findings))
        })
        .collect();
    rows.extend(
        by.into_iter()
            .map(|(area, findings)| (area, SeverityCounts::of(findings))),
    );
    rows
}

/// The table, one row per area that ran (a scan's `stats` holds one entry per analyzer that
/// ran) and a total row. `None` for single-analyzer reports.
pub(crate) fn area_table(report: &Report, registry: &Registry) -> Option<String> {
    if report.command != "scan" {
        return None;
    }
    let ran: Vec<&str> = ["deps", "code", "config", "probe", "host", "image"]
        .into_iter()
        .filter(|a| report.stats.contains_key(*a))
        .collect();
    if ran.is_empty() {
        return None;
    }
    let rows = counts_by_area(report, registry, &ran);
    let mut total = SeverityCounts::default();
    let mut out = String::new();
    let _ = write!(out, "{:<8}", "area");
    for s in DESCENDING {
        let _ = write!(out, " {:>8}", s.as_str());
    }
    let _ = writeln!(out, " {:>8}", "total");
    let row = |name: &str, c: &SeverityCounts, out: &mut String| {
        let _ = write!(out, "{name:<8}");
        for s in DESCENDING {
            let _ = write!(out, " {:>8}", c.get(s));
        }
        let _ = writeln!(out, " {:>8}", c.total());
    };
    for (name, counts) in &rows {
        row(name, counts, &mut out);
        total.add(counts);
    }
    row("total", &total, &mut out);
    Some(out)
}

/// `--verbose` lines about the run: the slowest analyzer, and baseline entries that no longer
/// match anything.
pub(crate) fn verbose_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(Value::Object(timings)) = report.stats.get("timings_ms") {
        let slowest = timings
            .iter()
            .filter_map(|(name, ms)| ms.as_u64().map(|ms| (ms, name)))
            .max();
        if let Some((ms, name)) = slowest {
            lines.push(format!("slowest analyzer: {name} ({ms} ms)"));
        }
    }
    if let Some(Value::Array(stale)) = report
        .stats
        .get("baseline")
        .and_then(|b| b.get("stale_entries"))
    {
        for entry in stale {
            let field = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or("");
            lines.push(format!(
                "baseline entry no longer found: {} {} {}",
                field("location"),
                field("code"),
                field("message")
            ));
        }
    }
    lines
}

/// How many findings the baseline hid, for the summary line.
pub(crate) fn baselined(report: &Report) -> u64 {
    report
        .stats
        .get("baseline")
        .and_then(|b| b.get("matched"))
        .and_then(Value::as_u64)
        .unwrap_or(0)
}
