//! DJ003 `django-csrf-middleware-missing`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a Django settings module whose effective `MIDDLEWARE` lacks `django.middleware.csrf.CsrfViewMiddleware`.
///
/// ## Why is this bad?
/// Forms and state-changing views are then open to cross-site request forgery unless every view protects itself.
///
/// ## Example
/// ```python
/// MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
/// ```
///
/// ## Use instead
/// ```python
/// MIDDLEWARE = [
///     "django.middleware.security.SecurityMiddleware",
///     "django.middleware.csrf.CsrfViewMiddleware",
/// ]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-352](https://cwe.mitre.org/data/definitions/352.html)
/// - Django system check: `security.W003`
    pub static RULE = {
        code: "DJ003",
        name: "django-csrf-middleware-missing",
        analyzer: "code",
        summary: "`CsrfViewMiddleware` missing from MIDDLEWARE",
        severity: High,
        confidence: High,
        cwe: 352,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W003");
