//! Inline SVG charts for the summary: a severity donut and horizontal bars. Pure markup with
//! numbers written to two decimals, so the same counts always give the same bytes.

use std::fmt::Write as _;

use pyward_core::Severity;

use super::escape::text;
use crate::summary::{DESCENDING, SeverityCounts};

/// The CSS class that colours a severity (`s-high`…), shared by badges and chart segments.
pub(crate) fn class(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "s-critical",
        Severity::High => "s-high",
        Severity::Medium => "s-medium",
        Severity::Low => "s-low",
        Severity::Info => "s-info",
        Severity::Unknown => "s-unknown",
    }
}

/// A donut of the findings per severity with the total in the middle.
pub(crate) fn donut(counts: &SeverityCounts) -> String {
    const R: f64 = 52.0;
    let circumference = 2.0 * std::f64::consts::PI * R;
    let total = counts.total();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"donut\" viewBox=\"0 0 140 140\" width=\"140\" height=\"140\" role=\"img\" \
         aria-label=\"{total} findings by severity\">\
         <circle class=\"track\" cx=\"70\" cy=\"70\" r=\"{R}\"/>"
    );
    let mut offset = 0.0;
    for (severity, n) in counts.non_zero() {
        let len = circumference * n as f64 / total as f64;
        let _ = write!(
            out,
            "<circle class=\"seg {}\" cx=\"70\" cy=\"70\" r=\"{R}\" stroke-dasharray=\"{:.2} {:.2}\" \
             stroke-dashoffset=\"{:.2}\" transform=\"rotate(-90 70 70)\"><title>{n} {}</title></circle>",
            class(severity),
            len,
            circumference - len,
            -offset,
            severity.as_str()
        );
        offset += len;
    }
    let _ = write!(
        out,
        "<text class=\"big\" x=\"70\" y=\"72\">{total}</text>\
         <text class=\"small\" x=\"70\" y=\"92\">{}</text></svg>",
        if total == 1 { "finding" } else { "findings" }
    );
    out
}

/// One stacked horizontal bar per row (label, counts), scaled to the largest row total.
pub(crate) fn stacked_bars(rows: &[(String, SeverityCounts)]) -> String {
    const LABEL: f64 = 70.0;
    const WIDTH: f64 = 240.0;
    const ROW: f64 = 30.0;
    let max = rows
        .iter()
        .map(|(_, c)| c.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * rows.len() as f64;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 360 {height:.0}\" width=\"360\" height=\"{height:.0}\" \
         role=\"img\" aria-label=\"findings by area\">"
    );
    for (i, (label, counts)) in rows.iter().enumerate() {
        let y = ROW * i as f64;
        let _ = write!(
            out,
            "<text class=\"lbl\" x=\"0\" y=\"{:.0}\">{}</text>\
             <rect class=\"track\" x=\"{LABEL}\" y=\"{:.0}\" width=\"{WIDTH}\" height=\"14\" rx=\"3\"/>",
            y + 19.0,
            text(label),
            y + 8.0
        );
        let mut x = LABEL;
        for severity in DESCENDING {
            let n = counts.get(severity);
            if n == 0 {
                continue;
            }
            let w = WIDTH * n as f64 / max as f64;
            let _ = write!(
                out,
                "<rect class=\"{}\" x=\"{x:.2}\" y=\"{:.0}\" width=\"{w:.2}\" height=\"14\"><title>{} {n} {}</title></rect>",
                class(severity),
                y + 8.0,
                text(label),
                severity.as_str()
            );
            x += w;
        }
        let _ = write!(
            out,
            "<text class=\"num\" x=\"{:.0}\" y=\"{:.0}\">{}</text>",
            LABEL + WIDTH + 8.0,
            y + 19.0,
            counts.total()
        );
    }
    out.push_str("</svg>");
    out
}

/// A small bar showing `n` out of `max`, for the top-rules and top-files tables.
pub(crate) fn meter(n: usize, max: usize) -> String {
    let w = 100.0 * n as f64 / max.max(1) as f64;
    format!(
        "<svg class=\"meter\" viewBox=\"0 0 100 8\" width=\"100\" height=\"8\" aria-hidden=\"true\">\
         <rect class=\"track\" width=\"100\" height=\"8\" rx=\"2\"/>\
         <rect class=\"fill\" width=\"{w:.2}\" height=\"8\" rx=\"2\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_skip_empty_segments() {
        let counts = SeverityCounts {
            high: 1,
            low: 3,
            ..SeverityCounts::default()
        };
        let svg = donut(&counts);
        assert_eq!(svg.matches("class=\"seg ").count(), 2);
        assert!(svg.contains(">4</text>"));
        let bars = stacked_bars(&[("<b>".into(), counts)]);
        assert!(bars.contains("&lt;b&gt;") && !bars.contains("<b>"));
    }
}
