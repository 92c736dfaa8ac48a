//! DJ033 `django-proxy-ssl-header-set`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Reports `SECURE_PROXY_SSL_HEADER` set in a settings module, to be verified against the deployment.
///
/// ## Why is this bad?
/// Unless a proxy always strips or sets that header, clients can claim HTTPS and bypass `SECURE_SSL_REDIRECT` and secure-cookie logic.
///
/// ## Example
/// ```python
/// SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
/// ```
///
/// ## Use instead
/// ```python
/// # only behind a proxy that overwrites X-Forwarded-Proto:
/// SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-346](https://cwe.mitre.org/data/definitions/346.html)
    pub static RULE = {
        code: "DJ033",
        name: "django-proxy-ssl-header-set",
        analyzer: "code",
        summary: "`SECURE_PROXY_SSL_HEADER` set (trusts a client header)",
        severity: Info,
        confidence: Low,
        cwe: 346,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = None;
