//! DJ031 `django-weak-password-hasher`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `PASSWORD_HASHERS` whose first entry is an MD5, SHA1, unsalted or crypt hasher.
///
/// ## Why is this bad?
/// New passwords are stored with the first hasher; fast unsalted hashes are cracked in bulk after a database leak.
///
/// ## Example
/// ```python
/// PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
/// ```
///
/// ## Use instead
/// ```python
/// PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-916](https://cwe.mitre.org/data/definitions/916.html)
    pub static RULE = {
        code: "DJ031",
        name: "django-weak-password-hasher",
        analyzer: "code",
        summary: "weak hasher first in `PASSWORD_HASHERS`",
        severity: High,
        confidence: High,
        cwe: 916,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = None;
