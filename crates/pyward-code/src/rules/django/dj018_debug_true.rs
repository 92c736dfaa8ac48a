//! DJ018 `django-debug-true`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `DEBUG` that evaluates to true in a non-development settings module, including through an environment default such as `os.environ.get("DEBUG", "1")`.
///
/// ## Why is this bad?
/// Debug pages show settings, source and stack frames with local variables to anyone who triggers an error.
///
/// ## Example
/// ```python
/// DEBUG = True
/// ```
///
/// ## Use instead
/// ```python
/// DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-489](https://cwe.mitre.org/data/definitions/489.html)
/// - Django system check: `security.W018`
    pub static RULE = {
        code: "DJ018",
        name: "django-debug-true",
        analyzer: "code",
        summary: "`DEBUG = True` in a settings module",
        severity: High,
        confidence: High,
        cwe: 489,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W018");
