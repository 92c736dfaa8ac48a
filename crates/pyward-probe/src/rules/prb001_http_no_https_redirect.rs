pyward_core::declare_rule! {
    /// ## What it does
    /// Requests `http://host/` and checks that the answer is a 301 or 308 redirect to `https://` on the same host. A 302/307 redirect is reported at low severity (it is temporary and not cached); no redirect, or one to another host, at medium.
    ///
    /// ## Why is this bad?
    /// Without a permanent redirect, users who type the bare host name stay on plain HTTP, where anyone on the path can read and change the traffic. Deduction: 20 points (5 for a temporary redirect).
    ///
    /// ## Example
    /// ```text
    /// $ curl -sI http://example.com/
    /// HTTP/1.1 200 OK
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ curl -sI http://example.com/
    /// HTTP/1.1 301 Moved Permanently
    /// Location: https://example.com/
    /// ```
    ///
    /// ## References
    /// - [MDN: Strict-Transport-Security](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PRB_NO_HTTPS_REDIRECT = {
        code: "PRB001",
        name: "http-no-https-redirect",
        analyzer: "probe",
        summary: "plain HTTP does not redirect to HTTPS on the same host with 301/308",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}
