pyward_core::declare_rule! {
    /// ## What it does
    /// Sends one request with an `Origin` of a host that does not exist (`https://pyward-probe.invalid`) and flags an answer that allows that origin together with `Access-Control-Allow-Credentials: true`.
    ///
    /// ## Why is this bad?
    /// Any web site can then read the responses of the logged-in user, with their cookies: the same-origin policy is switched off. Deduction: 50 points.
    ///
    /// ## Example
    /// ```text
    /// Access-Control-Allow-Origin: https://evil.example
    /// Access-Control-Allow-Credentials: true
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Access-Control-Allow-Origin: https://app.example.com
    /// Vary: Origin
    /// ```
    ///
    /// ## References
    /// - [PortSwigger: CORS](https://portswigger.net/web-security/cors)
    /// - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    pub static PRB_CORS_REFLECTED = {
        code: "PRB015",
        name: "cors-reflected-origin",
        analyzer: "probe",
        summary: "an arbitrary Origin is reflected with Access-Control-Allow-Credentials: true",
        severity: High,
        confidence: High,
        cwe: 942,
    }
}
