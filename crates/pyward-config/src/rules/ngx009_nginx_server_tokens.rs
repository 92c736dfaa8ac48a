pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `server_tokens on` (or `build`) anywhere, and an `http` block without `server_tokens off` (the default is on).
    ///
    /// ## Why is this bad?
    /// The version in the `Server` header and error pages tells attackers which published vulnerabilities to try.
    ///
    /// ## Example
    /// ```nginx
    /// http {
    ///     server_tokens on;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// http {
    ///     server_tokens off;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: server_tokens](https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static NGX_SERVER_TOKENS = {
        code: "NGX009",
        name: "nginx-server-tokens",
        analyzer: "config",
        summary: "nginx discloses its version",
        severity: Low,
        confidence: High,
        cwe: 200,
    }
}
