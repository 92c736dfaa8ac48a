pyward_core::declare_rule! {
    /// ## What it does
    /// Sends one `TRACE /` request (skipped with `--no-active`) and flags a 200 answer whose body echoes the request line.
    ///
    /// ## Why is this bad?
    /// TRACE echoes request headers back, which lets a script read headers it should not see (cross-site tracing) and reveals headers added by proxies. Deduction: 10 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -X TRACE http://example.com/
    /// TRACE / HTTP/1.1
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ curl -X TRACE http://example.com/
    /// HTTP/1.1 405 Not Allowed
    /// ```
    ///
    /// ## References
    /// - [OWASP: Test HTTP methods](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static PRB_TRACE_ENABLED = {
        code: "PRB013",
        name: "trace-enabled",
        analyzer: "probe",
        summary: "the server answers TRACE by echoing the request",
        severity: Low,
        confidence: High,
        cwe: 693,
    }
}
