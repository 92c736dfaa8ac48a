//! PY001 `unused-suppression`.

pyward_core::declare_rule! {
/// ## What it does
/// With `report_unused_suppressions` on, reports `# nosec` and `# pyward: ignore[...]` comments (or single codes in them) that did not suppress any finding.
///
/// ## Why is this bad?
/// Stale suppressions hide future problems on the same line and make reviews harder.
///
/// ## Example
/// ```python
/// x = 1  # nosec B602
/// ```
///
/// ## Use instead
/// ```python
/// x = 1
/// ```
///
/// ## References
/// - [Bandit: nosec](https://bandit.readthedocs.io/en/latest/config.html#exclusions)
    pub static RULE = {
        code: "PY001",
        name: "unused-suppression",
        analyzer: "code",
        summary: "Suppression comment that suppresses nothing",
        severity: Info,
        confidence: High,
    }
}

/// Reported by the engine itself, not from a syntax-tree hook.
pub const HOOKS: &[crate::rules::Hook] = &[];
