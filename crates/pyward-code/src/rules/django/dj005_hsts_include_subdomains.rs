//! DJ005 `django-hsts-include-subdomains-off`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags HSTS enabled without `SECURE_HSTS_INCLUDE_SUBDOMAINS = True`.
///
/// ## Why is this bad?
/// Subdomains stay reachable over plain HTTP, and cookies set for the parent domain can leak through them.
///
/// ## Example
/// ```python
/// SECURE_HSTS_SECONDS = 31536000
/// SECURE_HSTS_INCLUDE_SUBDOMAINS = False
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_HSTS_SECONDS = 31536000
/// SECURE_HSTS_INCLUDE_SUBDOMAINS = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Django system check: `security.W005`
    pub static RULE = {
        code: "DJ005",
        name: "django-hsts-include-subdomains-off",
        analyzer: "code",
        summary: "`SECURE_HSTS_INCLUDE_SUBDOMAINS` not True",
        severity: Low,
        confidence: High,
        cwe: 319,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W005");
