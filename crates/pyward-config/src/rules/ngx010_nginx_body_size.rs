pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `client_max_body_size 0` (no limit, medium) and values above 100m (low).
    ///
    /// ## Why is this bad?
    /// Unlimited request bodies let a single client fill disks and tie up upload workers of the app behind the proxy.
    ///
    /// ## Example
    /// ```nginx
    /// client_max_body_size 0;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// client_max_body_size 10m;
    /// ```
    ///
    /// ## References
    /// - [nginx: client_max_body_size](https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size)
    /// - [CWE-770: Allocation of Resources Without Limits](https://cwe.mitre.org/data/definitions/770.html)
    pub static NGX_BODY_SIZE = {
        code: "NGX010",
        name: "nginx-body-size",
        analyzer: "config",
        summary: "nginx has no or a huge request body limit",
        severity: Medium,
        confidence: High,
        cwe: 770,
    }
}
