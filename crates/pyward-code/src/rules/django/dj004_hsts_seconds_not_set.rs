//! DJ004 `django-hsts-not-set`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a settings module with `SecurityMiddleware` where `SECURE_HSTS_SECONDS` is unset or zero.
///
/// ## Why is this bad?
/// Without HTTP Strict Transport Security, browsers may connect over plain HTTP and be downgraded by an attacker.
///
/// ## Example
/// ```python
/// SECURE_HSTS_SECONDS = 0
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_HSTS_SECONDS = 31536000
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Django system check: `security.W004`
    pub static RULE = {
        code: "DJ004",
        name: "django-hsts-not-set",
        analyzer: "code",
        summary: "`SECURE_HSTS_SECONDS` not set",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W004");
