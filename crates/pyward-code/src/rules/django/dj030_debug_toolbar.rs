//! DJ030 `django-debug-toolbar-enabled`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `debug_toolbar` in `INSTALLED_APPS` or its middleware in `MIDDLEWARE` of a settings module that is not named like a development one (`dev`, `local`, `test` …).
///
/// ## Why is this bad?
/// The toolbar shows SQL, settings and request data; shipped to production it leaks internals.
///
/// ## Example
/// ```python
/// INSTALLED_APPS = ["debug_toolbar"]
/// ```
///
/// ## Use instead
/// ```python
/// # settings/dev.py
/// INSTALLED_APPS += ["debug_toolbar"]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-489](https://cwe.mitre.org/data/definitions/489.html)
    pub static RULE = {
        code: "DJ030",
        name: "django-debug-toolbar-enabled",
        analyzer: "code",
        summary: "`debug_toolbar` enabled in a non-development settings module",
        severity: Medium,
        confidence: High,
        cwe: 489,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = None;
