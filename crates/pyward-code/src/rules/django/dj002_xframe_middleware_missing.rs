//! DJ002 `django-xframe-middleware-missing`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a Django settings module whose effective `MIDDLEWARE` lacks `django.middleware.clickjacking.XFrameOptionsMiddleware`.
///
/// ## Why is this bad?
/// Pages can then be framed by any site, which enables clickjacking.
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
///     "django.middleware.clickjacking.XFrameOptionsMiddleware",
/// ]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-1021](https://cwe.mitre.org/data/definitions/1021.html)
/// - Django system check: `security.W002`
    pub static RULE = {
        code: "DJ002",
        name: "django-xframe-middleware-missing",
        analyzer: "code",
        summary: "`XFrameOptionsMiddleware` missing from MIDDLEWARE",
        severity: Medium,
        confidence: High,
        cwe: 1021,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W002");
