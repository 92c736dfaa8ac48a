pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `autoindex on`.
    ///
    /// ## Why is this bad?
    /// Directory listings expose backups, uploads and files never meant to be linked.
    ///
    /// ## Example
    /// ```nginx
    /// location /static/ { autoindex on; }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// location /static/ { autoindex off; }
    /// ```
    ///
    /// ## References
    /// - [nginx: autoindex](https://nginx.org/en/docs/http/ngx_http_autoindex_module.html)
    /// - [CWE-548: Exposure of Information Through Directory Listing](https://cwe.mitre.org/data/definitions/548.html)
    pub static NGX_AUTOINDEX = {
        code: "NGX011",
        name: "nginx-autoindex",
        analyzer: "config",
        summary: "nginx lists directory contents",
        severity: Medium,
        confidence: High,
        cwe: 548,
    }
}
