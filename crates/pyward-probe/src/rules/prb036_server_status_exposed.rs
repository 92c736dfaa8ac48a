pyward_core::declare_rule! {
    /// ## What it does
    /// Requests `/server-status` and `/nginx_status` and flags Apache's mod_status page or nginx's stub_status counters, recognised by their content.
    ///
    /// ## Why is this bad?
    /// Status pages show traffic, worker state and, for Apache, the client addresses and URLs being served right now, which helps an attacker time and aim an attack. Deduction: 10 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/nginx_status
    /// Active connections: 3
    /// server accepts handled requests
    /// ...
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// location = /nginx_status {
    ///     stub_status;
    ///     allow 127.0.0.1;
    ///     deny all;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: ngx_http_stub_status_module](https://nginx.org/en/docs/http/ngx_http_stub_status_module.html)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static PRB_SERVER_STATUS_EXPOSED = {
        code: "PRB036",
        name: "server-status-exposed",
        analyzer: "probe",
        summary: "the web server's status page is public",
        severity: Medium,
        confidence: High,
        cwe: 200,
    }
}
