pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `proxy_set_header Host $http_host` (and `$http_x_forwarded_host`).
    ///
    /// ## Why is this bad?
    /// `$http_host` is whatever the client sent, even when no `server_name` matched. Apps that build password-reset links or redirects from the Host header can be tricked into pointing them at an attacker's domain. `$host` is normalised and falls back to the matched server name.
    ///
    /// ## Example
    /// ```nginx
    /// proxy_set_header Host $http_host;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// proxy_set_header Host $host;
    /// ```
    ///
    /// ## References
    /// - [nginx: $host](https://nginx.org/en/docs/http/ngx_http_core_module.html#var_host)
    /// - [CWE-644: Improper Neutralization of HTTP Headers](https://cwe.mitre.org/data/definitions/644.html)
    pub static NGX_HOST_SPOOFING = {
        code: "NGX013",
        name: "nginx-host-spoofing",
        analyzer: "config",
        summary: "nginx forwards the client's raw Host header to the app",
        severity: Medium,
        confidence: High,
        cwe: 644,
    }
}
