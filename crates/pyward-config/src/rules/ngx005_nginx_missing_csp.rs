pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a server (other than a pure redirect) whose effective `add_header` set has no `Content-Security-Policy`, and a location whose own `add_header` lines drop the server's.
    ///
    /// ## Why is this bad?
    /// A Content-Security-Policy limits where scripts may load from and is the main defence in depth against cross-site scripting.
    ///
    /// ## Example
    /// ```nginx
    /// add_header X-Content-Type-Options nosniff always;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
    /// ```
    ///
    /// ## References
    /// - [MDN: Content-Security-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP)
    /// - [CWE-1021](https://cwe.mitre.org/data/definitions/1021.html)
    pub static NGX_NO_CSP = {
        code: "NGX005",
        name: "nginx-missing-csp",
        analyzer: "config",
        summary: "nginx sends no Content-Security-Policy header",
        severity: Low,
        confidence: Medium,
        cwe: 1021,
    }
}
