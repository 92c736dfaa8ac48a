//! DJ001 `django-security-middleware-missing`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a Django settings module whose effective `MIDDLEWARE` lacks `django.middleware.security.SecurityMiddleware`.
///
/// ## Why is this bad?
/// Without it, none of the `SECURE_*` settings (HSTS, SSL redirect, nosniff, referrer policy) take effect.
///
/// ## Example
/// ```python
/// MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
/// ```
///
/// ## Use instead
/// ```python
/// MIDDLEWARE = [
///     "django.middleware.security.SecurityMiddleware",
///     "django.middleware.common.CommonMiddleware",
/// ]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
/// - Django system check: `security.W001`
    pub static RULE = {
        code: "DJ001",
        name: "django-security-middleware-missing",
        analyzer: "code",
        summary: "`SecurityMiddleware` missing from MIDDLEWARE",
        severity: Medium,
        confidence: High,
        cwe: 693,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W001");
