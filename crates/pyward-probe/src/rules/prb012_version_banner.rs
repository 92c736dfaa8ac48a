pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a `Server` header with a version number (`nginx/1.22.1`), any `X-Powered-By` header, and the signatures of Python app servers answering directly (`uvicorn`, `gunicorn`, `Werkzeug`).
    ///
    /// ## Why is this bad?
    /// Exact versions tell an attacker which known vulnerabilities to try, and a Python app server answering directly suggests the proxy in front of it is bypassed. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// Server: nginx/1.22.1
    /// X-Powered-By: PHP/8.2
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Server: nginx
    /// ```
    ///
    /// ## References
    /// - [nginx: server_tokens](https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static PRB_VERSION_BANNER = {
        code: "PRB012",
        name: "version-banner",
        analyzer: "probe",
        summary: "Server or X-Powered-By reveals software and version",
        severity: Low,
        confidence: High,
        cwe: 200,
    }
}
