//! DJ022 `django-referrer-policy`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `SECURE_REFERRER_POLICY = None` (Django's W022) and values that are not valid Referrer-Policy tokens (E023).
///
/// ## Why is this bad?
/// Full URLs, including tokens in query strings, then leak to other sites in the Referer header.
///
/// ## Example
/// ```python
/// SECURE_REFERRER_POLICY = None
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_REFERRER_POLICY = "same-origin"
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
/// - Django system check: `security.W022`
    pub static RULE = {
        code: "DJ022",
        name: "django-referrer-policy",
        analyzer: "code",
        summary: "`SECURE_REFERRER_POLICY` unset or invalid",
        severity: Low,
        confidence: High,
        cwe: 200,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W022");
