//! DJ020 `django-allowed-hosts-open`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags an empty `ALLOWED_HOSTS` (Django's W020) and one containing `*` (which accepts any Host header).
///
/// ## Why is this bad?
/// With any host accepted, Host-header poisoning can taint password reset links and caches.
///
/// ## Example
/// ```python
/// ALLOWED_HOSTS = ["*"]
/// ```
///
/// ## Use instead
/// ```python
/// ALLOWED_HOSTS = ["www.example.com"]
/// ```
///
/// ## References
/// - [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
/// - [CWE-644](https://cwe.mitre.org/data/definitions/644.html)
/// - Django system check: `security.W020`
    pub static RULE = {
        code: "DJ020",
        name: "django-allowed-hosts-open",
        analyzer: "code",
        summary: "`ALLOWED_HOSTS` empty or `*`",
        severity: Medium,
        confidence: High,
        cwe: 644,
    }
}

/// Runs from the settings analysis in [`crate::django`], not from the checker.
pub const HOOKS: &[Hook] = &[];

/// The Django system check ID this rule mirrors (`manage.py check --deploy`).
pub const DJANGO_CHECK: Option<&str> = Some("security.W020");
