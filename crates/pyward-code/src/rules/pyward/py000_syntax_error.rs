//! PY000 `syntax-error`.

pyward_core::declare_rule! {
/// ## What it does
/// Reports Python files that do not parse, with the location of the first syntax error. The rest of the scan goes on.
///
/// ## Why is this bad?
/// A file that does not parse is not checked at all, so problems in it stay hidden.
///
/// ## Example
/// ```python
/// def broken(:
///     pass
/// ```
///
/// ## Use instead
/// ```python
/// def fixed():
///     pass
/// ```
///
/// ## References
/// - [Python grammar](https://docs.python.org/3/reference/grammar.html)
    pub static RULE = {
        code: "PY000",
        name: "syntax-error",
        analyzer: "code",
        summary: "File could not be parsed",
        severity: Low,
        confidence: High,
    }
}

/// Reported by the engine itself, not from a syntax-tree hook.
pub const HOOKS: &[crate::rules::Hook] = &[];
