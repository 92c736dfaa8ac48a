//! A stand-in for `pyward code` until the CLI is wired: `cargo run --release -p pyward-code
//! --example scan -- [--json] [--ignore-nosec] [--unused] [--select A,B] [--threads N] PATH...` prints findings (text or the Report as
//! JSON).

use std::path::PathBuf;

use pyward_code::{CodeOptions, scan};

fn main() {
    let mut json = false;
    let mut opts = CodeOptions::default();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--select" => {
                let list = args.next().unwrap_or_default();
                opts.selector = pyward_core::RuleSelector::new(
                    list.split(',').map(str::to_string).collect(),
                    Vec::new(),
                );
            }
            "--threads" => opts.threads = args.next().and_then(|n| n.parse().ok()),
            "--json" => json = true,
            "--ignore-nosec" => opts.ignore_nosec = true,
            "--unused" => opts.report_unused_suppressions = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let report = scan(&paths, &opts);
    if json {
        match serde_json::to_string(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("error: {e}"),
        }
        return;
    }
    for f in &report.findings {
        println!(
            "{} {} [{}/{}] {}",
            f.location.display(),
            f.code,
            f.severity,
            f.confidence,
            f.message
        );
    }
    for e in &report.errors {
        eprintln!("error: {}: {}", e.path, e.message);
    }
    eprintln!(
        "{} findings, {} suppressed, {} files",
        report.findings.len(),
        report.suppressed.len(),
        report.inputs.len()
    );
}
