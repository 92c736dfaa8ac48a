//! DJ016 `django-csrf-cookie-not-secure`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a settings module with `CsrfViewMiddleware` where `CSRF_COOKIE_SECURE` is not `True` (and `CSRF_USE_SESSIONS` is off).
///
/// ## Why is this bad?
/// The CSRF token cookie is then sent over plain HTTP, where it can be read and reused.
///
/// ## Example
/// ```python
/// CSRF_COOKIE_SECURE = False
/// ```
///
/// ## Use instead
/// ```python
/// CSRF_COOKIE_SECURE = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-614](https://cwe.mitre.org/data/definitions/614.html)
/// - Django system check: `security.W016`
    pub static RULE = {
        code: "DJ016",
        name: "django-csrf-cookie-not-secure",
        analyzer: "code",
        summary: "`CSRF_COOKIE_SECURE` not True",
        severity: Medium,
        confidence: High,
        cwe: 614,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W016");
