pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a server or location whose effective headers have no `Referrer-Policy`.
    ///
    /// ## Why is this bad?
    /// Full URLs, including tokens in query strings, leak to third-party sites through the Referer header.
    ///
    /// ## Example
    /// ```nginx
    /// # no Referrer-Policy
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// add_header Referrer-Policy strict-origin-when-cross-origin always;
    /// ```
    ///
    /// ## References
    /// - [MDN: Referrer-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static NGX_NO_REFERRER_POLICY = {
        code: "NGX008",
        name: "nginx-missing-referrer-policy",
        analyzer: "config",
        summary: "nginx sends no Referrer-Policy header",
        severity: Low,
        confidence: Medium,
        cwe: 200,
    }
}
