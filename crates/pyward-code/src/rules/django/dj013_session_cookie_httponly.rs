//! DJ013 `django-session-cookie-not-httponly`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a settings module using sessions where `SESSION_COOKIE_HTTPONLY` is not `True` (Django's W013, W014 and W015).
///
/// ## Why is this bad?
/// Scripts on the page can then read the session cookie, so any cross-site scripting bug becomes a session theft.
///
/// ## Example
/// ```python
/// SESSION_COOKIE_HTTPONLY = False
/// ```
///
/// ## Use instead
/// ```python
/// SESSION_COOKIE_HTTPONLY = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-1004](https://cwe.mitre.org/data/definitions/1004.html)
/// - Django system check: `security.W013`
    pub static RULE = {
        code: "DJ013",
        name: "django-session-cookie-not-httponly",
        analyzer: "code",
        summary: "`SESSION_COOKIE_HTTPONLY` not True",
        severity: Medium,
        confidence: High,
        cwe: 1004,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W013");
