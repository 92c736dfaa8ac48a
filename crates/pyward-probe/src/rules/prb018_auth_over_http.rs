pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a `WWW-Authenticate: Basic` or `Digest` challenge on an http:// URL, and an HTML form with a password input whose action posts to http:// (or is relative on an http:// page).
    ///
    /// ## Why is this bad?
    /// Passwords sent over plain HTTP (Basic auth is only base64) can be read by anyone on the path. Deduction: 40 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -sI http://example.com/admin
    /// HTTP/1.1 401 Unauthorized
    /// WWW-Authenticate: Basic realm="admin"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ curl -sI http://example.com/admin
    /// HTTP/1.1 301 Moved Permanently
    /// Location: https://example.com/admin
    /// ```
    ///
    /// ## References
    /// - [RFC 7617: Basic authentication, security considerations](https://www.rfc-editor.org/rfc/rfc7617#section-4)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PRB_AUTH_OVER_HTTP = {
        code: "PRB018",
        name: "auth-over-plain-http",
        analyzer: "probe",
        summary: "credentials are requested over plain HTTP",
        severity: High,
        confidence: High,
        cwe: 319,
    }
}
