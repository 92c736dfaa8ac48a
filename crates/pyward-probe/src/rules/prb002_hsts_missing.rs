pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an HTTPS response that carries no `Strict-Transport-Security` header (or one without a valid `max-age`).
    ///
    /// ## Why is this bad?
    /// Without HSTS the browser tries plain HTTP first whenever a user types the host name or follows an http:// link, and an attacker on the path can strip TLS. Deduction: 20 points.
    ///
    /// ## Example
    /// ```text
    /// HTTP/1.1 200 OK
    /// Content-Type: text/html
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
    pub static PRB_HSTS_MISSING = {
        code: "PRB002",
        name: "hsts-missing",
        analyzer: "probe",
        summary: "HTTPS response without a Strict-Transport-Security header",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}
