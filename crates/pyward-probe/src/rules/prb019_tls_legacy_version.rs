pyward_core::declare_rule! {
    /// ## What it does
    /// Sends one real ClientHello per protocol version to every `https://` origin probed (`host:port`, once each) and reports the versions up to 1.1 that the server answers with a ServerHello. A refusal (alert or closed connection) is a pass; a version that could not be checked (timeout, not TLS) is reported as `not checked: why`, never as a pass.
    ///
    /// ## Why is this bad?
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and MD5 in the handshake, allow CBC attacks such as BEAST, and every current browser has dropped them. Accepting them only helps downgrade attacks and very old clients. Deduction: 20 points.
    ///
    /// ## Example
    /// ```text
    /// # nginx
    /// ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ssl_protocols TLSv1.2 TLSv1.3;
    /// ```
    ///
    /// ## References
    /// - [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)
    /// - [Mozilla: Server Side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)
    /// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
    pub static PRB_TLS_LEGACY_VERSION = {
        code: "PRB019",
        name: "tls-legacy-version",
        analyzer: "probe",
        summary: "the server accepts TLS 1.0 or TLS 1.1",
        severity: High,
        confidence: High,
        cwe: 327,
    }
}
