//! DJ024 `django-invalid-cross-origin-opener-policy`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a `SECURE_CROSS_ORIGIN_OPENER_POLICY` that is not `same-origin`, `same-origin-allow-popups`, `unsafe-none` or `None`.
///
/// ## Why is this bad?
/// An invalid value sends a header browsers ignore, so cross-origin windows keep a handle on the page.
///
/// ## Example
/// ```python
/// SECURE_CROSS_ORIGIN_OPENER_POLICY = "same"
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
/// - Django system check: `security.E024`
    pub static RULE = {
        code: "DJ024",
        name: "django-invalid-cross-origin-opener-policy",
        analyzer: "code",
        summary: "invalid `SECURE_CROSS_ORIGIN_OPENER_POLICY`",
        severity: Low,
        confidence: High,
        cwe: 693,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.E024");
