//! DJ041 `django-database-without-tls`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags a PostgreSQL or MySQL entry of `DATABASES` whose `HOST` is a remote name or address and
/// whose `OPTIONS` set no TLS mode (`sslmode` for PostgreSQL, `ssl` for MySQL).
///
/// ## Why is this bad?
/// Database credentials and data then cross the network in clear text unless the server forces
/// TLS.
///
/// ## Example
/// ```python
/// DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.internal"}}
/// ```
///
/// ## Use instead
/// ```python
/// DATABASES = {"default": {
///     "ENGINE": "django.db.backends.postgresql",
///     "HOST": "db.internal",
///     "OPTIONS": {"sslmode": "verify-full"},
/// }}
/// ```
///
/// ## References
/// - [Django docs: PostgreSQL connection settings](https://docs.djangoproject.com/en/stable/ref/databases/#postgresql-notes)
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static RULE = {
        code: "DJ041",
        name: "django-database-without-tls",
        analyzer: "code",
        summary: "remote database without TLS options",
        severity: Medium,
        confidence: Low,
        cwe: 319,
    }
}

pub const HOOKS: &[Hook] = &[];

/// No Django system check covers this.
pub const DJANGO_CHECK: Option<&str> = None;
