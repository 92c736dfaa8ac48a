//! DJ009 `django-weak-secret-key`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a `SECRET_KEY` shorter than 50 characters, with fewer than 5 distinct characters, prefixed with `django-insecure-`, or empty.
///
/// ## Why is this bad?
/// The secret key signs sessions, password reset tokens and messages; a guessable or published one lets attackers forge them.
///
/// ## Example
/// ```python
/// SECRET_KEY = "django-insecure-change-me"
/// ```
///
/// ## Use instead
/// ```python
/// SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
/// - Django system check: `security.W009`
    pub static RULE = {
        code: "DJ009",
        name: "django-weak-secret-key",
        analyzer: "code",
        summary: "weak or default `SECRET_KEY`",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W009");
