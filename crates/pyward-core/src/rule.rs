//! Rule metadata and the registry every analyzer registers into.

use serde::Serialize;

use crate::severity::{Confidence, Severity};

/// Static description of one rule. Each rule file declares one of these next to its code; the
/// doc text is the rule's doc comment, so docs, `pyward rule CODE` and SARIF rule entries all come
/// from the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Stable code, e.g. `DEP001`. Never reused once published.
    pub code: &'static str,
    /// Kebab-case name, e.g. `vulnerable-dependency`.
    pub name: &'static str,
    /// The analyzer (command) the rule belongs to: `deps`, `code`, `config`, …
    pub analyzer: &'static str,
    /// One line, for listings and SARIF `shortDescription`.
    pub summary: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    /// CWE number, when one applies.
    pub cwe: Option<u32>,
    /// The equivalent Bandit test ID, where one exists.
    pub bandit_id: Option<&'static str>,
    /// Markdown with the sections What it does / Why is this bad / Example / Use instead /
    /// References.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, with the one leading space that `///` comments leave on
    /// each line removed.
    pub fn doc_text(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string() + "\n"
    }

    /// The rule's documentation page in Markdown: what `pyward rule CODE` prints and what
    /// `cargo xtask docs` writes to `docs/rules/CODE.md`.
    pub fn to_markdown(&self) -> String {
        let mut s = format!("# {} ({})\n\n{}\n\n", self.name, self.code, self.summary);
        s.push_str(&format!(
            "- Analyzer: `pyward {}`\n- Default severity: {}\n- Confidence: {}\n",
            self.analyzer, self.severity, self.confidence
        ));
        if let Some(cwe) = self.cwe {
            s.push_str(&format!(
                "- CWE: [CWE-{cwe}](https://cwe.mitre.org/data/definitions/{cwe}.html)\n"
            ));
        }
        if let Some(bandit) = self.bandit_id {
            s.push_str(&format!("- Bandit: {bandit}\n"));
        }
        s.push('\n');
        s.push_str(&self.doc_text());
        s
    }

    /// Where the rule's documentation lives, for SARIF `helpUri` and links.
    pub fn help_uri(&self) -> String {
        format!(
            "https://github.com/pyward/pyward/blob/main/docs/rules/{}.md",
            self.code
        )
    }
}

/// A set of rules, looked up by code, name or Bandit ID.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    rules: Vec<&'static RuleMeta>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds rules. Panics in debug builds if a code or name is registered twice: that is a bug
    /// in the rule tables, caught by every test run.
    pub fn extend(&mut self, rules: impl IntoIterator<Item = &'static RuleMeta>) {
        for rule in rules {
            debug_assert!(
                self.get(rule.code).is_none() && self.get(rule.name).is_none(),
                "rule {} ({}) registered twice",
                rule.code,
                rule.name
            );
            self.rules.push(rule);
        }
        self.rules.sort_by_key(|r| r.code);
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        self.rules.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Finds a rule by code, kebab-case name or Bandit ID (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&'static RuleMeta> {
        self.rules.iter().copied().find(|r| {
            r.code.eq_ignore_ascii_case(key)
                || r.name.eq_ignore_ascii_case(key)
                || r.bandit_id.is_some_and(|b| b.eq_ignore_ascii_case(key))
        })
    }
}
