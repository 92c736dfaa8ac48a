//! DJ008 `django-ssl-redirect-off`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a settings module with `SecurityMiddleware` where `SECURE_SSL_REDIRECT` is not `True`.
///
/// ## Why is this bad?
/// Requests over plain HTTP are served instead of being redirected to HTTPS, exposing sessions and data in transit.
///
/// ## Example
/// ```python
/// SECURE_SSL_REDIRECT = False
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_SSL_REDIRECT = True  # or redirect at the proxy
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Django system check: `security.W008`
    pub static RULE = {
        code: "DJ008",
        name: "django-ssl-redirect-off",
        analyzer: "code",
        summary: "`SECURE_SSL_REDIRECT` not True",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W008");
