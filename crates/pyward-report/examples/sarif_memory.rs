//! Peak-memory check for the emitters on a large synthetic report.
//!
//! ```sh
//! cargo build --release -p pyward-report --example sarif_memory
//! /usr/bin/time -v target/release/examples/sarif_memory sarif 200000   # streamed SARIF
//! /usr/bin/time -v target/release/examples/sarif_memory tree 200000    # SARIF built as one Value
//! /usr/bin/time -v target/release/examples/sarif_memory json 200000
//! /usr/bin/time -v target/release/examples/sarif_memory none 200000    # the report alone
//! ```
//!
//! Compare "Maximum resident set size" across the modes; the output goes to a sink.

use std::io::{self, Write};

use pyward_core::{Confidence, Finding, Location, Registry, Report, RuleMeta, Severity, Span};
use pyward_report::{Format, RenderOptions, render};

static RULE: RuleMeta = RuleMeta {
    code: "PY307",
    name: "eval-used",
    analyzer: "code",
    summary: "Use of `eval`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    cwe: Some(95),
    bandit_id: Some("B307"),
    docs: "## What it does\nChecks for `eval`.\n",
};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "sarif".into());
    let n: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let mut report = Report::new("code");
    for i in 0..n {
        let path = format!("pkg{}/module_{}.py", i / 1000, i / 50);
        report.findings.push(Finding::new(
            &RULE,
            "Use of possibly insecure function - consider using safer ast.literal_eval.",
            Location::file(path, Some(Span::on_line(i % 50 + 1, 5, 20))),
        ));
        if i % 50 == 0 {
            report
                .inputs
                .push(format!("pkg{}/module_{}.py", i / 1000, i / 50));
        }
    }
    let mut registry = Registry::new();
    registry.extend([&RULE]);
    let opts = RenderOptions::new(&registry, "0.0.0");
    let mut out = io::BufWriter::new(io::sink());
    match mode.as_str() {
        "sarif" => render(&report, Format::Sarif, &opts, &mut out)?,
        "json" => render(&report, Format::Json, &opts, &mut out)?,
        "tree" => {
            let value = pyward_report::sarif::to_value(&report, &opts);
            serde_json::to_writer_pretty(&mut out, &value)?;
        }
        _ => {}
    }
    out.flush()?;
    eprintln!("{mode}: {} findings", report.findings.len());
    Ok(())
}
