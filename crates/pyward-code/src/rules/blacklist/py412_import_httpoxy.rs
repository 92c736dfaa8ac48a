//! PY412 `import-httpoxy` (Bandit B412).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of CGI handlers (`wsgiref.handlers.CGIHandler`, twisted's `CGIScript` and `CGIDirectory`).
///
/// ## Why is this bad?
/// Under CGI, a request's `Proxy:` header becomes the `HTTP_PROXY` environment variable, which HTTP clients then trust (httpoxy).
///
/// ## Example
/// ```python
/// from wsgiref.handlers import CGIHandler
/// ```
///
/// ## Use instead
/// ```python
/// # serve the WSGI app with a WSGI server (gunicorn, uwsgi) instead of CGI
/// ```
///
/// ## References
/// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
/// - Bandit: `B412`
    pub static RULE = {
        code: "PY412",
        name: "import-httpoxy",
        analyzer: "code",
        summary: "Import of a CGI handler (httpoxy)",
        severity: High,
        confidence: High,
        cwe: 284,
        bandit_id: "B412",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &[
    "wsgiref.handlers.CGIHandler",
    "twisted.web.twcgi.CGIScript",
    "twisted.web.twcgi.CGIDirectory",
];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: CGI handlers are open to httpoxy",
}];
