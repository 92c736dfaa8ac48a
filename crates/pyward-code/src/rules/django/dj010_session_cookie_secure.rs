//! DJ010 `django-session-cookie-not-secure`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a settings module using sessions (app or middleware) where `SESSION_COOKIE_SECURE` is not `True` (Django's W010, W011 and W012).
///
/// ## Why is this bad?
/// The session cookie is then sent over plain HTTP, where it can be sniffed and the session hijacked.
///
/// ## Example
/// ```python
/// SESSION_COOKIE_SECURE = False
/// ```
///
/// ## Use instead
/// ```python
/// SESSION_COOKIE_SECURE = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-614](https://cwe.mitre.org/data/definitions/614.html)
/// - Django system check: `security.W010`
    pub static RULE = {
        code: "DJ010",
        name: "django-session-cookie-not-secure",
        analyzer: "code",
        summary: "`SESSION_COOKIE_SECURE` not True",
        severity: Medium,
        confidence: High,
        cwe: 614,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W010");
