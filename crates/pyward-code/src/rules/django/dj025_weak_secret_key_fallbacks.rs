//! DJ025 `django-weak-secret-key-fallbacks`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags entries of `SECRET_KEY_FALLBACKS` that would fail the `SECRET_KEY` strength check.
///
/// ## Why is this bad?
/// Old keys still verify signatures, so a weak fallback is as bad as a weak key.
///
/// ## Example
/// ```python
/// SECRET_KEY_FALLBACKS = ["old-key"]
/// ```
///
/// ## Use instead
/// ```python
/// SECRET_KEY_FALLBACKS = [os.environ["DJANGO_OLD_SECRET_KEY"]]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
/// - Django system check: `security.W025`
    pub static RULE = {
        code: "DJ025",
        name: "django-weak-secret-key-fallbacks",
        analyzer: "code",
        summary: "weak entry in `SECRET_KEY_FALLBACKS`",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W025");
