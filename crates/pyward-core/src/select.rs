//! `--select` / `--ignore` rule selection.

use crate::rule::{Registry, RuleMeta};

/// Which rules are enabled: `select` (empty means all) minus `ignore`. Entries are rule codes,
/// code prefixes (`DEP`, `DEP0`), kebab-case names or Bandit IDs; `ALL` selects everything.
#[derive(Debug, Clone, Default)]
pub struct RuleSelector {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl RuleSelector {
    pub fn new(select: Vec<String>, ignore: Vec<String>) -> RuleSelector {
        RuleSelector { select, ignore }
    }

    fn matches(entry: &str, rule: &RuleMeta) -> bool {
        let entry = entry.trim();
        entry.eq_ignore_ascii_case("ALL")
            || rule
                .code
                .to_ascii_uppercase()
                .starts_with(&entry.to_ascii_uppercase())
            || rule.name.eq_ignore_ascii_case(entry)
            || rule
                .bandit_id
                .is_some_and(|b| b.eq_ignore_ascii_case(entry))
    }

    /// Is the rule with this code enabled?
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        let selected = self.select.is_empty() || self.select.iter().any(|e| Self::matches(e, rule));
        selected && !self.ignore.iter().any(|e| Self::matches(e, rule))
    }

    /// Is the finding with `code` enabled? Codes not in the registry are kept.
    pub fn enabled_code(&self, registry: &Registry, code: &str) -> bool {
        registry.get(code).is_none_or(|r| self.enabled(r))
    }

    /// Entries that match no rule in `registry`: almost always a typo worth a warning.
    pub fn unknown_entries(&self, registry: &Registry) -> Vec<String> {
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|e| !registry.iter().any(|r| Self::matches(e, r)))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Severity};

    static A: RuleMeta = RuleMeta {
        code: "DEP001",
        name: "vulnerable-dependency",
        analyzer: "deps",
        summary: "",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: None,
        bandit_id: None,
        docs: "",
    };
    static B: RuleMeta = RuleMeta {
        code: "PY602",
        name: "subprocess-shell",
        bandit_id: Some("B602"),
        ..A
    };

    #[test]
    fn select_and_ignore() {
        let s = RuleSelector::new(vec!["DEP".into()], vec![]);
        assert!(s.enabled(&A));
        assert!(!s.enabled(&B));
        let s = RuleSelector::new(vec![], vec!["b602".into()]);
        assert!(s.enabled(&A));
        assert!(!s.enabled(&B));
        let s = RuleSelector::new(vec!["ALL".into()], vec!["vulnerable-dependency".into()]);
        assert!(!s.enabled(&A));
        assert!(s.enabled(&B));
        let mut reg = Registry::new();
        reg.extend([&A, &B]);
        let s = RuleSelector::new(vec!["XYZ".into()], vec![]);
        assert_eq!(s.unknown_entries(&reg), vec!["XYZ".to_string()]);
    }
}
