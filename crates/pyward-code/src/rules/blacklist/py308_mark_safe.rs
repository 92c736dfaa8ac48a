//! PY308 `mark-safe` (Bandit B308).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `django.utils.safestring.mark_safe`.
///
/// ## Why is this bad?
/// A string marked safe is inserted into templates without escaping. If it holds user input, that is cross-site scripting.
///
/// ## Example
/// ```python
/// from django.utils.safestring import mark_safe
///
/// html = mark_safe("<b>%s</b>" % name)
/// ```
///
/// ## Use instead
/// ```python
/// from django.utils.html import format_html
///
/// html = format_html("<b>{}</b>", name)
/// ```
///
/// ## References
/// - [Django docs: mark_safe](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe)
/// - [CWE-79](https://cwe.mitre.org/data/definitions/79.html)
/// - Bandit: `B308`
    pub static RULE = {
        code: "PY308",
        name: "mark-safe",
        analyzer: "code",
        summary: "Use of Django `mark_safe`",
        severity: Medium,
        confidence: High,
        cwe: 79,
        bandit_id: "B308",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["django.utils.safestring.mark_safe"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` bypasses Django's HTML escaping; make sure its input is trusted",
}];
