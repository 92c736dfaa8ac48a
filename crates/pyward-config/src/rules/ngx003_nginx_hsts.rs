pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a server listening with `ssl` whose effective `add_header` set has no `Strict-Transport-Security` (medium), or one with `max-age` under 180 days or without `includeSubDomains` (low). A location with its own `add_header` lines drops the server's HSTS header; that is reported at the location.
    ///
    /// ## Why is this bad?
    /// Without HSTS the first request of a visit can go over plain HTTP and be downgraded by anyone on the network path (SSL stripping).
    ///
    /// ## Example
    /// ```nginx
    /// server {
    ///     listen 443 ssl;
    ///     # no HSTS
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server {
    ///     listen 443 ssl;
    ///     add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
    /// }
    /// ```
    ///
    /// ## References
    /// - [MDN: Strict-Transport-Security](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security)
    /// - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    pub static NGX_HSTS = {
        code: "NGX003",
        name: "nginx-hsts",
        analyzer: "config",
        summary: "A TLS server sends no or a weak Strict-Transport-Security header",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}
