pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a response without a `Referrer-Policy` header, or with `unsafe-url` or `no-referrer-when-downgrade`.
    ///
    /// ## Why is this bad?
    /// Full URLs, including paths and query strings that may carry tokens, leak to every third party a page links to or loads from. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// Referrer-Policy: unsafe-url
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Referrer-Policy: strict-origin-when-cross-origin
    /// ```
    ///
    /// ## References
    /// - [MDN: Referrer-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static PRB_NO_REFERRER_POLICY = {
        code: "PRB009",
        name: "missing-referrer-policy",
        analyzer: "probe",
        summary: "no Referrer-Policy, or an unsafe one",
        severity: Low,
        confidence: Medium,
        cwe: 200,
    }
}
