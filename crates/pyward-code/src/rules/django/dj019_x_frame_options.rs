//! DJ019 `django-x-frame-options-not-deny`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `X_FRAME_OPTIONS` other than `"DENY"` when `XFrameOptionsMiddleware` is installed.
///
/// ## Why is this bad?
/// `SAMEORIGIN` lets any page of the site frame the others, which still allows some clickjacking.
///
/// ## Example
/// ```python
/// X_FRAME_OPTIONS = "SAMEORIGIN"
/// ```
///
/// ## Use instead
/// ```python
/// X_FRAME_OPTIONS = "DENY"
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-1021](https://cwe.mitre.org/data/definitions/1021.html)
/// - Django system check: `security.W019`
    pub static RULE = {
        code: "DJ019",
        name: "django-x-frame-options-not-deny",
        analyzer: "code",
        summary: "`X_FRAME_OPTIONS` not DENY",
        severity: Low,
        confidence: High,
        cwe: 1021,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W019");
