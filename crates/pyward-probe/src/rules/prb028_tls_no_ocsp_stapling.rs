pyward_core::declare_rule! {
    /// ## What it does
    /// Asks for a stapled OCSP response (`status_request`) in the handshake that reads the certificate and reports, as info, a server that sends none.
    ///
    /// ## Why is this bad?
    /// Without stapling, clients that check revocation must ask the CA's OCSP responder themselves, which leaks the sites they visit and fails open when the responder is slow. Deduction: none.
    ///
    /// ## Example
    /// ```text
    /// # nginx: no ssl_stapling
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ssl_stapling on;
    /// ssl_stapling_verify on;
    /// ssl_trusted_certificate /etc/ssl/chain.pem;
    /// ```
    ///
    /// ## References
    /// - [RFC 6066: Certificate Status Request](https://www.rfc-editor.org/rfc/rfc6066#section-8)
    /// - [nginx: ssl_stapling](https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_stapling)
    /// - [CWE-299](https://cwe.mitre.org/data/definitions/299.html)
    pub static PRB_TLS_NO_OCSP_STAPLING = {
        code: "PRB028",
        name: "tls-no-ocsp-stapling",
        analyzer: "probe",
        summary: "the server does not staple an OCSP response",
        severity: Info,
        confidence: Medium,
        cwe: 299,
    }
}
