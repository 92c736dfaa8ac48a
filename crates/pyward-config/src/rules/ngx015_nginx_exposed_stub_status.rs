pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a location with `stub_status` and no `deny all`, `internal` or `auth_basic` in its scope.
    ///
    /// ## Why is this bad?
    /// The status page reveals traffic volumes and connection counts that help plan denial-of-service attacks, and advertises the server's internals.
    ///
    /// ## Example
    /// ```nginx
    /// location /nginx_status { stub_status; }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// location /nginx_status {
    ///     stub_status;
    ///     allow 127.0.0.1;
    ///     deny all;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: stub_status](https://nginx.org/en/docs/http/ngx_http_stub_status_module.html)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static NGX_STUB_STATUS = {
        code: "NGX015",
        name: "nginx-exposed-stub-status",
        analyzer: "config",
        summary: "nginx's stub_status page is reachable by anyone",
        severity: Medium,
        confidence: Medium,
        cwe: 200,
    }
}
