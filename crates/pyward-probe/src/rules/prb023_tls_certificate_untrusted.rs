pyward_core::declare_rule! {
    /// ## What it does
    /// Verifies the certificate chain the server sends (read from the handshake) against the system roots plus the roots given with `--ca-file`, for server authentication, now. Reports self-signed certificates, unknown issuers, missing intermediates and bad signatures with the verifier's reason. An expired certificate is reported by PRB025 instead.
    ///
    /// ## Why is this bad?
    /// Clients that verify certificates refuse the connection; clients told to skip verification to get around it accept any attacker's certificate too. Deduction: 30 points.
    ///
    /// ## Example
    /// ```text
    /// $ openssl s_client -connect app.example.com:443
    /// Verify return code: 19 (self-signed certificate in certificate chain)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # nginx: serve the leaf and its intermediates (fullchain), issued by a trusted CA
    /// ssl_certificate /etc/letsencrypt/live/app.example.com/fullchain.pem;
    /// ```
    ///
    /// ## References
    /// - [RFC 5280: certification path validation](https://www.rfc-editor.org/rfc/rfc5280#section-6)
    /// - [CWE-295](https://cwe.mitre.org/data/definitions/295.html)
    pub static PRB_TLS_CERT_UNTRUSTED = {
        code: "PRB023",
        name: "tls-certificate-untrusted",
        analyzer: "probe",
        summary: "the certificate chain does not verify against the trusted roots",
        severity: High,
        confidence: High,
        cwe: 295,
    }
}
