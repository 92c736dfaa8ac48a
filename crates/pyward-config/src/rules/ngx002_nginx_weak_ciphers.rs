pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ssl_ciphers` entries that are not excluded with `!` and name RC4, DES/3DES, MD5, NULL, EXPORT or anonymous suites, the `ALL`/`LOW`/`MEDIUM` groups, or `@SECLEVEL=0`/`1`.
    ///
    /// ## Why is this bad?
    /// Weak suites allow traffic decryption (RC4, 3DES/Sweet32), no encryption at all (NULL) or no server authentication (aNULL).
    ///
    /// ## Example
    /// ```nginx
    /// ssl_ciphers ALL:RC4-SHA;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305;
    /// ```
    ///
    /// ## References
    /// - [nginx: ssl_ciphers](https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers)
    /// - [Mozilla server-side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)
    /// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
    pub static NGX_WEAK_CIPHERS = {
        code: "NGX002",
        name: "nginx-weak-ciphers",
        analyzer: "config",
        summary: "nginx allows weak TLS cipher suites",
        severity: Medium,
        confidence: High,
        cwe: 327,
    }
}
