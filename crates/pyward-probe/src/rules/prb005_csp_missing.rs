pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an HTML response without a `Content-Security-Policy` header (a `Content-Security-Policy-Report-Only` header does not count).
    ///
    /// ## Why is this bad?
    /// A CSP is the second line of defence against cross-site scripting: it limits where scripts, frames and styles may load from. Deduction: 25 points.
    ///
    /// ## Example
    /// ```text
    /// HTTP/1.1 200 OK
    /// Content-Type: text/html
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Content-Security-Policy: default-src 'self'; frame-ancestors 'none'
    /// ```
    ///
    /// ## References
    /// - [MDN: Content-Security-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy)
    /// - [CWE-1021](https://cwe.mitre.org/data/definitions/1021.html)
    pub static PRB_CSP_MISSING = {
        code: "PRB005",
        name: "csp-missing",
        analyzer: "probe",
        summary: "no Content-Security-Policy header",
        severity: Medium,
        confidence: High,
        cwe: 1021,
    }
}
