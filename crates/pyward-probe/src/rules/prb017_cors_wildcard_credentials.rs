pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `Access-Control-Allow-Origin: *` sent together with `Access-Control-Allow-Credentials: true`.
    ///
    /// ## Why is this bad?
    /// Browsers refuse this combination, so it is broken as configured, and it shows the intent to allow any site with credentials: one change to reflecting the origin makes it exploitable. Deduction: 10 points.
    ///
    /// ## Example
    /// ```text
    /// Access-Control-Allow-Origin: *
    /// Access-Control-Allow-Credentials: true
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Access-Control-Allow-Origin: https://app.example.com
    /// Access-Control-Allow-Credentials: true
    /// Vary: Origin
    /// ```
    ///
    /// ## References
    /// - [MDN: CORS credentials](https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials)
    /// - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    pub static PRB_CORS_WILDCARD_CREDENTIALS = {
        code: "PRB017",
        name: "cors-wildcard-with-credentials",
        analyzer: "probe",
        summary: "Access-Control-Allow-Origin: * together with credentials",
        severity: Medium,
        confidence: High,
        cwe: 942,
    }
}
