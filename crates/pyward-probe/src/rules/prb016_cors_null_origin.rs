pyward_core::declare_rule! {
    /// ## What it does
    /// Sends one request with `Origin: null` and flags an answer with `Access-Control-Allow-Origin: null` (high with credentials).
    ///
    /// ## Why is this bad?
    /// Sandboxed iframes and `file:` pages send `Origin: null`, so any site can obtain it; allowing it is close to allowing every origin. Deduction: 25 points.
    ///
    /// ## Example
    /// ```text
    /// Access-Control-Allow-Origin: null
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Access-Control-Allow-Origin: https://app.example.com
    /// ```
    ///
    /// ## References
    /// - [PortSwigger: CORS](https://portswigger.net/web-security/cors)
    /// - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    pub static PRB_CORS_NULL = {
        code: "PRB016",
        name: "cors-null-origin",
        analyzer: "probe",
        summary: "the null Origin is allowed",
        severity: Medium,
        confidence: High,
        cwe: 942,
    }
}
