pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ssl_protocols` listing `SSLv2`, `SSLv3`, `TLSv1` or `TLSv1.1`.
    ///
    /// ## Why is this bad?
    /// These protocol versions are deprecated (RFC 8996) and vulnerable to downgrade attacks. With OpenSSL 3 nginx refuses TLS 1.0/1.1 unless `ssl_ciphers` lowers the security level (`@SECLEVEL=0`), so the real exposure depends on the cipher string too; the configuration still states the wrong intent and breaks as soon as the library changes. Confirm with a live probe.
    ///
    /// ## Example
    /// ```nginx
    /// ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// ssl_protocols TLSv1.2 TLSv1.3;
    /// ```
    ///
    /// ## References
    /// - [nginx: ssl_protocols](https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols)
    /// - [RFC 8996](https://www.rfc-editor.org/rfc/rfc8996)
    /// - [Mozilla server-side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)
    /// - [CWE-326](https://cwe.mitre.org/data/definitions/326.html)
    pub static NGX_OLD_TLS = {
        code: "NGX001",
        name: "nginx-old-tls-protocol",
        analyzer: "config",
        summary: "nginx enables SSLv3, TLS 1.0 or TLS 1.1",
        severity: High,
        confidence: Medium,
        cwe: 326,
    }
}
