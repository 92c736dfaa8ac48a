//! DJ032 `django-cors-allow-all-with-credentials`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags django-cors-headers settings that allow every origin (`CORS_ALLOW_ALL_ORIGINS` or `CORS_ORIGIN_ALLOW_ALL`) together with `CORS_ALLOW_CREDENTIALS = True`.
///
/// ## Why is this bad?
/// Any website can then make authenticated requests with the user's cookies and read the answers.
///
/// ## Example
/// ```python
/// CORS_ALLOW_ALL_ORIGINS = True
/// CORS_ALLOW_CREDENTIALS = True
/// ```
///
/// ## Use instead
/// ```python
/// CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
/// CORS_ALLOW_CREDENTIALS = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    pub static RULE = {
        code: "DJ032",
        name: "django-cors-allow-all-with-credentials",
        analyzer: "code",
        summary: "`CORS_ALLOW_ALL_ORIGINS` with credentials",
        severity: High,
        confidence: High,
        cwe: 942,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = None;
