pyward_core::declare_rule! {
    /// ## What it does
    /// Reports an `https://` origin whose server refuses a TLS 1.3 ClientHello (with the three standard TLS 1.3 suites). A server that speaks only TLS 1.3 (and refuses 1.2) is not reported by any version rule.
    ///
    /// ## Why is this bad?
    /// TLS 1.3 removes the legacy key exchanges and suites, encrypts most of the handshake (including the certificate) and saves a round trip. Without it, every client falls back to TLS 1.2 and its long tail of options. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// ssl_protocols TLSv1.2;
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ssl_protocols TLSv1.2 TLSv1.3;
    /// ```
    ///
    /// ## References
    /// - [RFC 8446: TLS 1.3](https://www.rfc-editor.org/rfc/rfc8446)
    /// - [Mozilla: Server Side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)
    /// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
    pub static PRB_TLS13_NOT_OFFERED = {
        code: "PRB020",
        name: "tls13-not-offered",
        analyzer: "probe",
        summary: "the server does not accept TLS 1.3",
        severity: Low,
        confidence: High,
        cwe: 327,
    }
}
