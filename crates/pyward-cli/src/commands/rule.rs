//! `pyward rule [CODE]`: the rule list and each rule's documentation, from the registry.

use anyhow::{Result, bail};
use pyward_core::{Registry, RuleMeta};

use crate::args::{InfoFormat, RuleArgs};
use crate::output::{Status, write_output};

pub fn run(args: &RuleArgs, registry: &Registry) -> Result<Status> {
    match &args.code {
        None => {
            write_output(None, |out| match args.format {
                InfoFormat::Json => {
                    let rules: Vec<_> = registry.iter().map(rule_json).collect();
                    serde_json::to_writer_pretty(&mut *out, &rules)?;
                    writeln!(out)
                }
                InfoFormat::Text => {
                    for rule in registry.iter() {
                        writeln!(
                            out,
                            "{:<8} {:<34} {:<8} {:<8} {}",
                            rule.code, rule.name, rule.analyzer, rule.severity, rule.summary
                        )?;
                    }
                    Ok(())
                }
            })?;
            Ok(Status::Clean)
        }
        Some(code) => {
            let Some(rule) = registry.get(code) else {
                bail!("no rule `{code}`; run `pyward rule` to list them");
            };
            write_output(None, |out| match args.format {
                InfoFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &rule_json(rule))?;
                    writeln!(out)
                }
                InfoFormat::Text => out.write_all(rule.to_markdown().as_bytes()),
            })?;
            Ok(Status::Clean)
        }
    }
}

fn rule_json(rule: &RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "code": rule.code,
        "name": rule.name,
        "analyzer": rule.analyzer,
        "summary": rule.summary,
        "severity": rule.severity,
        "confidence": rule.confidence,
        "cwe": rule.cwe,
        "bandit_id": rule.bandit_id,
        "docs": rule.doc_text(),
    })
}
