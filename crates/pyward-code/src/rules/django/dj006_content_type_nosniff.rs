//! DJ006 `django-content-type-nosniff-off`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `SECURE_CONTENT_TYPE_NOSNIFF` set to something other than `True` with `SecurityMiddleware` installed.
///
/// ## Why is this bad?
/// Browsers may then sniff uploaded files as HTML or JavaScript, which enables cross-site scripting.
///
/// ## Example
/// ```python
/// SECURE_CONTENT_TYPE_NOSNIFF = False
/// ```
///
/// ## Use instead
/// ```python
/// SECURE_CONTENT_TYPE_NOSNIFF = True
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
/// - Django system check: `security.W006`
    pub static RULE = {
        code: "DJ006",
        name: "django-content-type-nosniff-off",
        analyzer: "code",
        summary: "`SECURE_CONTENT_TYPE_NOSNIFF` not True",
        severity: Low,
        confidence: High,
        cwe: 693,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W006");
