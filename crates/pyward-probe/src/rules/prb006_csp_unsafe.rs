pyward_core::declare_rule! {
    /// ## What it does
    /// Parses the `Content-Security-Policy` header into directives and flags `'unsafe-inline'` and `'unsafe-eval'` in script directives (`script-src`, `script-src-elem`, `default-src`), and wildcard sources (`*`, `http:`, `https:`, `data:` for scripts) in fetch directives. `'unsafe-inline'` next to a nonce or hash is ignored, as browsers do.
    ///
    /// ## Why is this bad?
    /// `'unsafe-inline'` lets injected inline scripts run, which is what a CSP exists to stop; `'unsafe-eval'` allows string-to-code; wildcard sources let scripts load from any host. Deduction: 20 points (unsafe-inline/eval in scripts), 10 (wildcards).
    ///
    /// ## Example
    /// ```text
    /// Content-Security-Policy: default-src *; script-src 'self' 'unsafe-inline'
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-r4nd0m'
    /// ```
    ///
    /// ## References
    /// - [MDN: CSP source values](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/Sources)
    /// - [CWE-79](https://cwe.mitre.org/data/definitions/79.html)
    pub static PRB_CSP_UNSAFE = {
        code: "PRB006",
        name: "csp-unsafe-source",
        analyzer: "probe",
        summary: "CSP allows unsafe-inline, unsafe-eval or wildcard sources",
        severity: Medium,
        confidence: High,
        cwe: 79,
    }
}
