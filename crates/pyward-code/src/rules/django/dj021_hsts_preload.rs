//! DJ021 `django-hsts-preload-off`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags HSTS enabled without `SECURE_HSTS_PRELOAD = True`.
///
/// ## Why is this bad?
/// Without preload the very first visit can still be made over plain HTTP.
///
/// ## Example
/// ```python
/// SECURE_HSTS_SECONDS = 31536000
/// SECURE_HSTS_PRELOAD = False
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_HSTS_SECONDS = 31536000
/// SECURE_HSTS_PRELOAD = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Django system check: `security.W021`
    pub static RULE = {
        code: "DJ021",
        name: "django-hsts-preload-off",
        analyzer: "code",
        summary: "`SECURE_HSTS_PRELOAD` not True",
        severity: Low,
        confidence: High,
        cwe: 319,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W021");
