pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a `Strict-Transport-Security` header whose `max-age` is under 15552000 seconds (6 months), or that lacks `includeSubDomains`.
    ///
    /// ## Why is this bad?
    /// A short max-age lets the protection lapse between visits; without includeSubDomains a sibling host can still be reached over plain HTTP and set cookies for the parent domain. Deduction: 10 points (short max-age), 5 (no includeSubDomains).
    ///
    /// ## Example
    /// ```text
    /// Strict-Transport-Security: max-age=3600
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Strict-Transport-Security: max-age=31536000; includeSubDomains
    /// ```
    ///
    /// ## References
    /// - [RFC 6797](https://www.rfc-editor.org/rfc/rfc6797)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PRB_HSTS_WEAK = {
        code: "PRB003",
        name: "hsts-weak",
        analyzer: "probe",
        summary: "HSTS max-age under 6 months or without includeSubDomains",
        severity: Low,
        confidence: High,
        cwe: 319,
    }
}
