//! The end-of-run table of a multi-analyzer report (`pyward scan`): findings by area and
//! severity, and, with `--verbose`, the slowest analyzer and the baseline entries that no
//! longer match.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pyward_core::{Finding, Registry, Report};
use serde_json::Value;

use crate::summary::{DESCENDING, SeverityCounts};

/// The areas in the order every emitter lists them.
pub(crate) const AREAS: [&str; 6] = ["deps", "code", "config", "probe", "host", "image"];

/// The area (analyzer) of a finding: its rule's analyzer, `other` for an unknown code.
pub(crate) fn area_of(finding: &Finding, registry: &Registry) -> String {
    registry
        .get(&finding.code)
        .map(|r| r.analyzer.to_string())
        .unwrap_or_else(|| "other".to_string())
}

/// The findings of each of `areas` (in that order, empty ones included), then those of any other
/// area that has findings: known areas in [`AREAS`] order, then the rest by name.
pub(crate) fn findings_by_area<'a>(
    report: &'a Report,
    registry: &Registry,
    areas: &[&str],
) -> Vec<(String, Vec<&'a Finding>)> {
    let mut by: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        by.entry(area_of(f, registry)).or_default().push(f);
    }
    let mut rows: Vec<(String, Vec<&Finding>)> = areas
        .iter()
        .map(|a| (a.to_string(), by.remove(*a).unwrap_or_default()))
        .collect();
    for area in AREAS {
        if let Some(findings) = by.remove(area) {
            rows.push((area.to_string(), findings));
        }
    }
    rows.extend(by);
    rows
}

/// The areas a scan ran (a scan's `stats` holds one entry per analyzer that ran); none for
/// single-analyzer reports.
pub(crate) fn areas_run(report: &Report) -> Vec<&'static str> {
    if report.command != "scan" {
        return Vec::new();
    }
    AREAS
        .into_iter()
        .filter(|a| report.stats.contains_key(*a))
        .collect()
}

/// The analyzers a report's findings came from, each with its counts, in the order
/// `areas` lists them (unknown codes count under `other`).
fn counts_by_area(
    report: &Report,
    registry: &Registry,
    areas: &[&str],
) -> Vec<(String, SeverityCounts)> {
    findings_by_area(report, registry, areas)
        .into_iter()
        .map(|(area, findings)| (area, SeverityCounts::of(findings)))
        .collect()
}

/// The table, one row per area that ran (a scan's `stats` holds one entry per analyzer that
/// ran) and a total row. `None` for single-analyzer reports.
pub(crate) fn area_table(report: &Report, registry: &Registry) -> Option<String> {
    let ran = areas_run(report);
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

/// The probe's score per origin (`stats.scores` of `pyward probe`, `stats.probe.scores` of a
/// scan), in origin order.
pub(crate) fn probe_scores(report: &Report) -> Vec<(&str, u64)> {
    let scores = if report.command == "probe" {
        report.stats.get("scores")
    } else {
        report.stats.get("probe").and_then(|p| p.get("scores"))
    };
    let Some(Value::Object(scores)) = scores else {
        return Vec::new();
    };
    scores
        .iter()
        .filter_map(|(origin, s)| s.as_u64().map(|s| (origin.as_str(), s.min(100))))
        .collect()
}

/// The letter grade of a probe score: A from 90, B from 70, C from 50, D from 30, else F.
pub(crate) fn grade(score: u64) -> char {
    match score {
        90.. => 'A',
        70..=89 => 'B',
        50..=69 => 'C',
        30..=49 => 'D',
        _ => 'F',
    }
}

/// The probe's score per origin, one line each.
pub(crate) fn score_lines(report: &Report) -> Vec<String> {
    probe_scores(report)
        .into_iter()
        .map(|(origin, s)| format!("score: {origin} {s}/100 (grade {})", grade(s)))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::grade;

    #[test]
    fn grades_follow_the_documented_bands() {
        let grades: String = [100, 90, 89, 70, 69, 50, 49, 30, 29, 0]
            .into_iter()
            .map(grade)
            .collect();
        assert_eq!(grades, "AABBCCDDFF");
    }
}
